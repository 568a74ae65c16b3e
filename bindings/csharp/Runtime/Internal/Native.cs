using System;
using System.Runtime.InteropServices;

namespace TimConvGroup.Internal
{
    /// <summary>
    /// P/Invoke declarations of timconvgroup.h. Strings go in as NUL-terminated UTF-8 byte[] (the
    /// marshaller pins them for the call; null = NULL) and come back as IntPtr decoded by
    /// <see cref="Utf8"/>. C bool is one byte. Every delegate type here is only ever bound to a
    /// static method marked [MonoPInvokeCallback] (see <see cref="Thunks"/>).
    /// </summary>
    internal static class Native
    {
#if (UNITY_IOS || UNITY_WEBGL) && !UNITY_EDITOR
        internal const string Lib = "__Internal";
#else
        internal const string Lib = "timconvgroup";
#endif

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMCommCallback(int code, IntPtr desc, IntPtr json_params, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMLogCallback(int level, IntPtr log, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvEventCallback(int conv_event, IntPtr json_conv_array, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvTotalUnreadMessageCountChangedCallback(int total_unread_count, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvTotalUnreadMessageCountChangedByFilterCallback(IntPtr filter, int total_unread_count, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvConversationGroupCreatedCallback(IntPtr group_name, IntPtr conversation_array, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvConversationGroupDeletedCallback(IntPtr group_name, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvConversationGroupNameChangedCallback(IntPtr old_name, IntPtr new_name, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvConversationsAddedToGroupCallback(IntPtr group_name, IntPtr conversation_array, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvConversationsDeletedFromGroupCallback(IntPtr group_name, IntPtr conversation_array, uint reason, IntPtr user_data);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void TIMConvSyncRejectedCallback(IntPtr json_rejected_array, IntPtr user_data);

        // ---- lifecycle -------------------------------------------------------------------------

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMInit(ulong sdk_app_id, byte[] json_sdk_config);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMUninit();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr TIMGetSDKVersion();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetLogCallback(TIMLogCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMDispatchCallbacks(int timeout_ms);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMLogin(byte[] user_id, byte[] user_sig, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMLogout(TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMGetLoginStatus();

        /// <summary>
        /// Size of the buffer TIMGetLoginUserID writes into: the caller provides 128 bytes (the
        /// Tencent contract), and the library never writes more, NUL included.
        /// </summary>
        internal const int UserIDBufferBytes = 128;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMGetLoginUserID([In, Out] byte[] user_id_buffer);

        // ---- listeners -------------------------------------------------------------------------

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvEventCallback(TIMConvEventCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvTotalUnreadMessageCountChangedCallback(TIMConvTotalUnreadMessageCountChangedCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvUnreadMessageCountChangedByFilterCallback(TIMConvTotalUnreadMessageCountChangedByFilterCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvConversationGroupCreatedCallback(TIMConvConversationGroupCreatedCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvConversationGroupDeletedCallback(TIMConvConversationGroupDeletedCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvConversationGroupNameChangedCallback(TIMConvConversationGroupNameChangedCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvConversationsAddedToGroupCallback(TIMConvConversationsAddedToGroupCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvConversationsDeletedFromGroupCallback(TIMConvConversationsDeletedFromGroupCallback cb, IntPtr user_data);

        // ---- conversations ---------------------------------------------------------------------

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvUpsertConversations(byte[] json_conv_array, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetConvList(TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetConvInfo(byte[] json_get_conv_list_param, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvDelete(byte[] conv_id, int conv_type, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvDeleteConversationList(byte[] conversation_id_array, [MarshalAs(UnmanagedType.U1)] bool clear_message, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvSetDraft(byte[] conv_id, int conv_type, byte[] json_draft_param);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvCancelDraft(byte[] conv_id, int conv_type);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvSetConversationCustomData(byte[] conversation_id_array, byte[] custom_data, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvPinConversation(byte[] conv_id, int conv_type, [MarshalAs(UnmanagedType.U1)] bool is_pinned, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvMarkConversation(byte[] conversation_id_array, ulong mark_type, [MarshalAs(UnmanagedType.U1)] bool enable_mark, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetTotalUnreadMessageCount(TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetUnreadMessageCountByFilter(byte[] filter, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvSubscribeUnreadMessageCountByFilter(byte[] filter);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvUnsubscribeUnreadMessageCountByFilter(byte[] filter);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvCleanConversationUnreadMessageCount(byte[] conversation_id, ulong clean_timestamp, ulong clean_sequence, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetConversationListByFilter(byte[] filter, ulong next_seq, uint count, TIMCommCallback cb, IntPtr user_data);

        // ---- conversation groups ---------------------------------------------------------------

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvCreateConversationGroup(byte[] group_name, byte[] conversation_id_array, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvGetConversationGroupList(TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvDeleteConversationGroup(byte[] group_name, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvRenameConversationGroup(byte[] old_name, byte[] new_name, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvAddConversationsToGroup(byte[] group_name, byte[] conversation_id_array, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvDeleteConversationsFromGroup(byte[] group_name, byte[] conversation_id_array, TIMCommCallback cb, IntPtr user_data);

        // ---- sync across devices ---------------------------------------------------------------

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void TIMSetConvSyncRejectedCallback(TIMConvSyncRejectedCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvSyncGetPendingChanges(uint max_ops, TIMCommCallback cb, IntPtr user_data);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int TIMConvSyncApply(byte[] json_state_document, TIMCommCallback cb, IntPtr user_data);
    }
}
