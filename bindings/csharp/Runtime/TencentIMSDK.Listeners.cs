// TencentIMSDK, listeners (section 4 of timconvgroup.h): one Set/Remove pair per kind.
using System;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
        // =========================================================================================
        // Listeners. A setter replaces the previous listener of its kind (typed and string forms
        // are kept side by side); calling it with no argument, or Remove…, clears it. Uninit
        // clears every listener: set them again after the next Init.
        // =========================================================================================

        public static void SetConvEventCallback(ConvEventCallback callback = null, ConvEventStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.ConvEvent = callback;
                Listeners.ConvEventString = stringCallback;
                Native.TIMSetConvEventCallback(callback != null || stringCallback != null ? Thunks.ConvEvent : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvEventCallback(ConvEventCallback callback = null, ConvEventStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvEventCallback();
                    return;
                }
                SetConvEventCallback(Keep(Listeners.ConvEvent, callback), Keep(Listeners.ConvEventString, stringCallback));
            }
        }

        public static void SetConvTotalUnreadMessageCountChangedCallback(ConvTotalUnreadMessageCountChangedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.TotalUnread = callback;
                Native.TIMSetConvTotalUnreadMessageCountChangedCallback(callback != null ? Thunks.TotalUnread : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvTotalUnreadMessageCountChangedCallback(ConvTotalUnreadMessageCountChangedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                SetConvTotalUnreadMessageCountChangedCallback(callback == null ? null : Keep(Listeners.TotalUnread, callback));
            }
        }

        public static void SetConvUnreadMessageCountChangedByFilterCallback(ConvTotalUnreadMessageCountChangedByFilterCallback callback = null, ConvTotalUnreadMessageCountChangedByFilterStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.UnreadByFilter = callback;
                Listeners.UnreadByFilterString = stringCallback;
                Native.TIMSetConvUnreadMessageCountChangedByFilterCallback(callback != null || stringCallback != null ? Thunks.UnreadByFilter : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvUnreadMessageCountChangedByFilterCallback(ConvTotalUnreadMessageCountChangedByFilterCallback callback = null, ConvTotalUnreadMessageCountChangedByFilterStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvUnreadMessageCountChangedByFilterCallback();
                    return;
                }
                SetConvUnreadMessageCountChangedByFilterCallback(Keep(Listeners.UnreadByFilter, callback), Keep(Listeners.UnreadByFilterString, stringCallback));
            }
        }

        public static void SetConvConversationGroupCreatedCallback(ConvConversationGroupCreatedCallback callback = null, ConvConversationGroupCreatedStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.GroupCreated = callback;
                Listeners.GroupCreatedString = stringCallback;
                Native.TIMSetConvConversationGroupCreatedCallback(callback != null || stringCallback != null ? Thunks.GroupCreated : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvConversationGroupCreatedCallback(ConvConversationGroupCreatedCallback callback = null, ConvConversationGroupCreatedStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvConversationGroupCreatedCallback();
                    return;
                }
                SetConvConversationGroupCreatedCallback(Keep(Listeners.GroupCreated, callback), Keep(Listeners.GroupCreatedString, stringCallback));
            }
        }

        public static void SetConvConversationGroupDeletedCallback(ConvConversationGroupDeletedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.GroupDeleted = callback;
                Native.TIMSetConvConversationGroupDeletedCallback(callback != null ? Thunks.GroupDeleted : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvConversationGroupDeletedCallback(ConvConversationGroupDeletedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                SetConvConversationGroupDeletedCallback(callback == null ? null : Keep(Listeners.GroupDeleted, callback));
            }
        }

        public static void SetConvConversationGroupNameChangedCallback(ConvConversationGroupNameChangedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.GroupNameChanged = callback;
                Native.TIMSetConvConversationGroupNameChangedCallback(callback != null ? Thunks.GroupNameChanged : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvConversationGroupNameChangedCallback(ConvConversationGroupNameChangedCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                SetConvConversationGroupNameChangedCallback(callback == null ? null : Keep(Listeners.GroupNameChanged, callback));
            }
        }

        public static void SetConvConversationsAddedToGroupCallback(ConvConversationsAddedToGroupCallback callback = null, ConvConversationsAddedToGroupStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.AddedToGroup = callback;
                Listeners.AddedToGroupString = stringCallback;
                Native.TIMSetConvConversationsAddedToGroupCallback(callback != null || stringCallback != null ? Thunks.AddedToGroup : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvConversationsAddedToGroupCallback(ConvConversationsAddedToGroupCallback callback = null, ConvConversationsAddedToGroupStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvConversationsAddedToGroupCallback();
                    return;
                }
                SetConvConversationsAddedToGroupCallback(Keep(Listeners.AddedToGroup, callback), Keep(Listeners.AddedToGroupString, stringCallback));
            }
        }

        public static void SetConvConversationsDeletedFromGroupCallback(ConvConversationsDeletedFromGroupCallback callback = null, ConvConversationsDeletedFromGroupStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.DeletedFromGroup = callback;
                Listeners.DeletedFromGroupString = stringCallback;
                Native.TIMSetConvConversationsDeletedFromGroupCallback(callback != null || stringCallback != null ? Thunks.DeletedFromGroup : null, IntPtr.Zero);
            }
        }

        public static void RemoveConvConversationsDeletedFromGroupCallback(ConvConversationsDeletedFromGroupCallback callback = null, ConvConversationsDeletedFromGroupStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvConversationsDeletedFromGroupCallback();
                    return;
                }
                SetConvConversationsDeletedFromGroupCallback(Keep(Listeners.DeletedFromGroup, callback), Keep(Listeners.DeletedFromGroupString, stringCallback));
            }
        }

        /// <summary>The current listener unless it is the one being removed.</summary>
        private static T Keep<T>(T current, T removing) where T : class
        {
            return removing != null && Equals(current, removing) ? null : current;
        }
    }
}
