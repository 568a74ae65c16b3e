namespace TimConvGroup.Internal
{
    /// <summary>The user's listener delegates (managed side only; the native side holds a thunk).</summary>
    internal static class Listeners
    {
        internal static readonly object Lock = new object();

        internal static volatile ConvEventCallback ConvEvent;
        internal static volatile ConvEventStringCallback ConvEventString;
        internal static volatile ConvTotalUnreadMessageCountChangedCallback TotalUnread;
        internal static volatile ConvTotalUnreadMessageCountChangedByFilterCallback UnreadByFilter;
        internal static volatile ConvTotalUnreadMessageCountChangedByFilterStringCallback UnreadByFilterString;
        internal static volatile ConvConversationGroupCreatedCallback GroupCreated;
        internal static volatile ConvConversationGroupCreatedStringCallback GroupCreatedString;
        internal static volatile ConvConversationGroupDeletedCallback GroupDeleted;
        internal static volatile ConvConversationGroupNameChangedCallback GroupNameChanged;
        internal static volatile ConvConversationsAddedToGroupCallback AddedToGroup;
        internal static volatile ConvConversationsAddedToGroupStringCallback AddedToGroupString;
        internal static volatile ConvConversationsDeletedFromGroupCallback DeletedFromGroup;
        internal static volatile ConvConversationsDeletedFromGroupStringCallback DeletedFromGroupString;
        internal static volatile ConvSyncRejectedCallback SyncRejected;
        internal static volatile ConvSyncRejectedStringCallback SyncRejectedString;
        internal static volatile LogCallback Log;

        /// <summary>TIMUninit clears every native listener; forget the managed ones too.</summary>
        internal static void ClearManaged()
        {
            lock (Lock)
            {
                ConvEvent = null;
                ConvEventString = null;
                TotalUnread = null;
                UnreadByFilter = null;
                UnreadByFilterString = null;
                GroupCreated = null;
                GroupCreatedString = null;
                GroupDeleted = null;
                GroupNameChanged = null;
                AddedToGroup = null;
                AddedToGroupString = null;
                DeletedFromGroup = null;
                DeletedFromGroupString = null;
                SyncRejected = null;
                SyncRejectedString = null;
                Log = null;
            }
        }
    }
}
