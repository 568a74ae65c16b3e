// The public API: the Tencent Unity SDK's TencentIMSDK class (conversation list and conversation
// groups), on timconvgroup's C API. Every callback method exists in three forms, as in the
// Tencent SDK (typed result / raw JSON as ValueCallback<string> / NullValueCallback where there is
// no result) plus a Task-based twin named …Async that fails with TIMException.
//
// Threads: callbacks and listeners run on the SynchronizationContext captured by Init (Unity's
// main thread) or, without one, on the binding's dispatch thread, one at a time, in the order the
// library committed them (listener events of an operation before that operation's callback).
// Every method may be called from any thread, also from inside a callback.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static class TencentIMSDK
    {
        internal static volatile Action<Exception> s_callbackException;

        /// <summary>
        /// Receives exceptions thrown by user callbacks (they never reach native code). Default:
        /// UnityEngine.Debug.LogException in Unity, stderr elsewhere.
        /// </summary>
        public static event Action<Exception> UnhandledCallbackException
        {
            add
            {
                lock (Listeners.Lock) s_callbackException += value;
            }
            remove
            {
                lock (Listeners.Lock) s_callbackException -= value;
            }
        }

        // =========================================================================================
        // Lifecycle
        // =========================================================================================

        /// <summary>
        /// Initialises the library (TIMInit) in host dispatch mode and starts the binding's
        /// dispatch thread; captures SynchronizationContext.Current for callbacks. A second Init
        /// while initialised returns TIM_SUCC and changes nothing. The binding calls Uninit by
        /// itself at process exit, AppDomain unload and (Unity) Application.quitting.
        /// </summary>
        public static TIMResult Init(long sdk_app_id, SdkConfig json_sdk_config)
        {
            return Core.Init(sdk_app_id, json_sdk_config);
        }

        /// <summary>
        /// Completes every accepted call and delivers every pending callback, then stops the
        /// dispatch thread and clears every listener. TIM_ERR_PARAM from inside a callback.
        /// </summary>
        public static TIMResult Uninit()
        {
            return Core.Uninit();
        }

        /// <summary>The library version ("1.0.0").</summary>
        public static string GetSDKVersion()
        {
            return Utf8.FromNative(Native.TIMGetSDKVersion());
        }

        /// <summary>Sets (replaces) the log callback; null clears it.</summary>
        public static void SetLogCallback(LogCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.Log = callback;
                Native.TIMSetLogCallback(callback != null ? Thunks.Log : null, IntPtr.Zero);
            }
        }

        public static TIMResult Login(string user_id, string user_sig, NullValueCallback callback)
        {
            return LoginCore(user_id, user_sig, Pending.Null(callback));
        }

        public static TIMResult Login(string user_id, string user_sig, ValueCallback<string> callback)
        {
            return LoginCore(user_id, user_sig, Pending.Raw(callback));
        }

        public static Task LoginAsync(string user_id, string user_sig)
        {
            return Core.CallAsync<object>(false, p => LoginCore(user_id, user_sig, p));
        }

        private static TIMResult LoginCore(string user_id, string user_sig, PendingCall p)
        {
            var uid = Utf8.Z(user_id);
            var sig = Utf8.Z(user_sig);
            return Core.Call(p, "Login", (cb, ud) => Native.TIMLogin(uid, sig, cb, ud));
        }

        public static TIMResult Logout(NullValueCallback callback)
        {
            return LogoutCore(Pending.Null(callback));
        }

        public static TIMResult Logout(ValueCallback<string> callback)
        {
            return LogoutCore(Pending.Raw(callback));
        }

        public static Task LogoutAsync()
        {
            return Core.CallAsync<object>(false, LogoutCore);
        }

        private static TIMResult LogoutCore(PendingCall p)
        {
            return Core.Call(p, "Logout", (cb, ud) => Native.TIMLogout(cb, ud));
        }

        /// <summary>kTIMLoginStatus_Logined or kTIMLoginStatus_UnLogined.</summary>
        public static TIMLoginStatus GetLoginStatus()
        {
            return (TIMLoginStatus)Native.TIMGetLoginStatus();
        }

        /// <summary>Writes the logged-in user ID into user_id (cleared first).</summary>
        public static TIMResult GetLoginUserID(StringBuilder user_id)
        {
            var buffer = new byte[512];
            var r = (TIMResult)Native.TIMGetLoginUserID(buffer);
            if (user_id != null)
            {
                user_id.Length = 0;
                user_id.Append(Utf8.FromBuffer(buffer));
            }
            return r;
        }

        // =========================================================================================
        // Conversations
        // =========================================================================================

        /// <summary>
        /// Extension: the app's message layer feeds conversations (add or update). conv_id and
        /// conv_type are required per item; null fields keep their stored value.
        /// </summary>
        public static TIMResult ConvUpsertConversations(List<ConvInfo> conv_list, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return UpsertCore(conv_list, Pending.Value(callback));
        }

        public static TIMResult ConvUpsertConversations(List<ConvInfo> conv_list, ValueCallback<string> callback)
        {
            return UpsertCore(conv_list, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvUpsertConversationsAsync(List<ConvInfo> conv_list)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => UpsertCore(conv_list, p));
        }

        private static TIMResult UpsertCore(List<ConvInfo> conv_list, PendingCall p)
        {
            var json = JsonArg(conv_list);
            return Core.Call(p, "ConvUpsertConversations", (cb, ud) => Native.TIMConvUpsertConversations(json, cb, ud));
        }

        /// <summary>All conversations: pinned first, then conv_active_time descending.</summary>
        public static TIMResult ConvGetConvList(ValueCallback<List<ConvInfo>> callback)
        {
            return GetConvListCore(Pending.Value(callback));
        }

        public static TIMResult ConvGetConvList(ValueCallback<string> callback)
        {
            return GetConvListCore(Pending.Raw(callback));
        }

        public static Task<List<ConvInfo>> ConvGetConvListAsync()
        {
            return Core.CallAsync<List<ConvInfo>>(true, GetConvListCore);
        }

        private static TIMResult GetConvListCore(PendingCall p)
        {
            return Core.Call(p, "ConvGetConvList", (cb, ud) => Native.TIMConvGetConvList(cb, ud));
        }

        /// <summary>The conversations (of those asked for) that exist, in input order.</summary>
        public static TIMResult ConvGetConvInfo(List<ConvParam> conv_list_param, ValueCallback<List<ConvInfo>> callback)
        {
            return GetConvInfoCore(conv_list_param, Pending.Value(callback));
        }

        public static TIMResult ConvGetConvInfo(List<ConvParam> conv_list_param, ValueCallback<string> callback)
        {
            return GetConvInfoCore(conv_list_param, Pending.Raw(callback));
        }

        public static Task<List<ConvInfo>> ConvGetConvInfoAsync(List<ConvParam> conv_list_param)
        {
            return Core.CallAsync<List<ConvInfo>>(true, p => GetConvInfoCore(conv_list_param, p));
        }

        private static TIMResult GetConvInfoCore(List<ConvParam> conv_list_param, PendingCall p)
        {
            var json = JsonArg(conv_list_param);
            return Core.Call(p, "ConvGetConvInfo", (cb, ud) => Native.TIMConvGetConvInfo(json, cb, ud));
        }

        /// <summary>Deletes one conversation (bare conv_id); it leaves every group.</summary>
        public static TIMResult ConvDelete(string conv_id, TIMConvType conv_type, NullValueCallback callback)
        {
            return DeleteCore(conv_id, conv_type, Pending.Null(callback));
        }

        public static TIMResult ConvDelete(string conv_id, TIMConvType conv_type, ValueCallback<string> callback)
        {
            return DeleteCore(conv_id, conv_type, Pending.Raw(callback));
        }

        public static Task ConvDeleteAsync(string conv_id, TIMConvType conv_type)
        {
            return Core.CallAsync<object>(false, p => DeleteCore(conv_id, conv_type, p));
        }

        private static TIMResult DeleteCore(string conv_id, TIMConvType conv_type, PendingCall p)
        {
            var id = Utf8.Z(conv_id);
            return Core.Call(p, "ConvDelete", (cb, ud) => Native.TIMConvDelete(id, (int)conv_type, cb, ud));
        }

        /// <summary>Deletes up to 100 conversations ("c2c_…"/"group_…"); per-item results.</summary>
        public static TIMResult ConvDeleteConversationList(List<string> conversation_id_array, bool clearMessage, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return DeleteListCore(conversation_id_array, clearMessage, Pending.Value(callback));
        }

        public static TIMResult ConvDeleteConversationList(List<string> conversation_id_array, bool clearMessage, ValueCallback<string> callback)
        {
            return DeleteListCore(conversation_id_array, clearMessage, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvDeleteConversationListAsync(List<string> conversation_id_array, bool clearMessage)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => DeleteListCore(conversation_id_array, clearMessage, p));
        }

        private static TIMResult DeleteListCore(List<string> ids, bool clearMessage, PendingCall p)
        {
            var json = JsonArg(ids);
            return Core.Call(p, "ConvDeleteConversationList", (cb, ud) => Native.TIMConvDeleteConversationList(json, clearMessage, cb, ud));
        }

        /// <summary>Sets the draft of a conversation. Synchronous.</summary>
        public static TIMResult ConvSetDraft(string conv_id, TIMConvType conv_type, Draft param)
        {
            return (TIMResult)Native.TIMConvSetDraft(Utf8.Z(conv_id), (int)conv_type, JsonArg(param));
        }

        /// <summary>Removes the draft of a conversation. Synchronous.</summary>
        public static TIMResult ConvCancelDraft(string conv_id, TIMConvType conv_type)
        {
            return (TIMResult)Native.TIMConvCancelDraft(Utf8.Z(conv_id), (int)conv_type);
        }

        /// <summary>Sets custom data (up to 256 UTF-8 bytes; "" clears) on up to 100 conversations.</summary>
        public static TIMResult ConvSetConversationCustomData(List<string> conversation_id_array, string custom_data, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return CustomDataCore(conversation_id_array, custom_data, Pending.Value(callback));
        }

        public static TIMResult ConvSetConversationCustomData(List<string> conversation_id_array, string custom_data, ValueCallback<string> callback)
        {
            return CustomDataCore(conversation_id_array, custom_data, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvSetConversationCustomDataAsync(List<string> conversation_id_array, string custom_data)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => CustomDataCore(conversation_id_array, custom_data, p));
        }

        private static TIMResult CustomDataCore(List<string> ids, string custom_data, PendingCall p)
        {
            var json = JsonArg(ids);
            var data = Utf8.Z(custom_data);
            return Core.Call(p, "ConvSetConversationCustomData", (cb, ud) => Native.TIMConvSetConversationCustomData(json, data, cb, ud));
        }

        /// <summary>Pins or unpins a conversation (bare conv_id).</summary>
        public static TIMResult ConvPinConversation(string conv_id, TIMConvType conv_type, bool is_pinned, NullValueCallback callback)
        {
            return PinCore(conv_id, conv_type, is_pinned, Pending.Null(callback));
        }

        public static TIMResult ConvPinConversation(string conv_id, TIMConvType conv_type, bool is_pinned, ValueCallback<string> callback)
        {
            return PinCore(conv_id, conv_type, is_pinned, Pending.Raw(callback));
        }

        public static Task ConvPinConversationAsync(string conv_id, TIMConvType conv_type, bool is_pinned)
        {
            return Core.CallAsync<object>(false, p => PinCore(conv_id, conv_type, is_pinned, p));
        }

        private static TIMResult PinCore(string conv_id, TIMConvType conv_type, bool is_pinned, PendingCall p)
        {
            var id = Utf8.Z(conv_id);
            return Core.Call(p, "ConvPinConversation", (cb, ud) => Native.TIMConvPinConversation(id, (int)conv_type, is_pinned, cb, ud));
        }

        /// <summary>
        /// Sets (enable_mark) or clears marks on up to 100 conversations. mark_type: any OR of the
        /// built-in marks (bits 0..3) and custom bits 32..63.
        /// </summary>
        public static TIMResult ConvMarkConversation(List<string> conversation_id_array, ulong mark_type, bool enable_mark, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return MarkCore(conversation_id_array, mark_type, enable_mark, Pending.Value(callback));
        }

        public static TIMResult ConvMarkConversation(List<string> conversation_id_array, ulong mark_type, bool enable_mark, ValueCallback<string> callback)
        {
            return MarkCore(conversation_id_array, mark_type, enable_mark, Pending.Raw(callback));
        }

        public static TIMResult ConvMarkConversation(List<string> conversation_id_array, TIMConversationMarkType mark_type, bool enable_mark, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return MarkCore(conversation_id_array, (ulong)mark_type, enable_mark, Pending.Value(callback));
        }

        public static TIMResult ConvMarkConversation(List<string> conversation_id_array, TIMConversationMarkType mark_type, bool enable_mark, ValueCallback<string> callback)
        {
            return MarkCore(conversation_id_array, (ulong)mark_type, enable_mark, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvMarkConversationAsync(List<string> conversation_id_array, ulong mark_type, bool enable_mark)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => MarkCore(conversation_id_array, mark_type, enable_mark, p));
        }

        public static Task<List<ConversationOperationResult>> ConvMarkConversationAsync(List<string> conversation_id_array, TIMConversationMarkType mark_type, bool enable_mark)
        {
            return ConvMarkConversationAsync(conversation_id_array, (ulong)mark_type, enable_mark);
        }

        private static TIMResult MarkCore(List<string> ids, ulong mark_type, bool enable_mark, PendingCall p)
        {
            var json = JsonArg(ids);
            return Core.Call(p, "ConvMarkConversation", (cb, ud) => Native.TIMConvMarkConversation(json, mark_type, enable_mark, cb, ud));
        }

        // ---- unread counts ----------------------------------------------------------------------

        /// <summary>Total unread count (conversations with recv opt 1, 2, 3 do not count).</summary>
        public static TIMResult ConvGetTotalUnreadMessageCount(ValueCallback<GetTotalUnreadNumberResult> callback)
        {
            return TotalUnreadCore(Pending.Value(callback));
        }

        public static TIMResult ConvGetTotalUnreadMessageCount(ValueCallback<string> callback)
        {
            return TotalUnreadCore(Pending.Raw(callback));
        }

        public static Task<GetTotalUnreadNumberResult> ConvGetTotalUnreadMessageCountAsync()
        {
            return Core.CallAsync<GetTotalUnreadNumberResult>(true, TotalUnreadCore);
        }

        private static TIMResult TotalUnreadCore(PendingCall p)
        {
            return Core.Call(p, "ConvGetTotalUnreadMessageCount", (cb, ud) => Native.TIMConvGetTotalUnreadMessageCount(cb, ud));
        }

        /// <summary>Unread total of the conversations a filter selects (null = all).</summary>
        public static TIMResult ConvGetUnreadMessageCountByFilter(ConversationListFilter filter, ValueCallback<GetTotalUnreadNumberResult> callback)
        {
            return UnreadByFilterCore(filter, Pending.Value(callback));
        }

        public static TIMResult ConvGetUnreadMessageCountByFilter(ConversationListFilter filter, ValueCallback<string> callback)
        {
            return UnreadByFilterCore(filter, Pending.Raw(callback));
        }

        public static Task<GetTotalUnreadNumberResult> ConvGetUnreadMessageCountByFilterAsync(ConversationListFilter filter)
        {
            return Core.CallAsync<GetTotalUnreadNumberResult>(true, p => UnreadByFilterCore(filter, p));
        }

        private static TIMResult UnreadByFilterCore(ConversationListFilter filter, PendingCall p)
        {
            var json = JsonArg(filter);
            return Core.Call(p, "ConvGetUnreadMessageCountByFilter", (cb, ud) => Native.TIMConvGetUnreadMessageCountByFilter(json, cb, ud));
        }

        /// <summary>Subscribes to the unread total of a filter (null = all). Synchronous.</summary>
        public static TIMResult ConvSubscribeUnreadMessageCountByFilter(ConversationListFilter filter)
        {
            return (TIMResult)Native.TIMConvSubscribeUnreadMessageCountByFilter(JsonArg(filter));
        }

        /// <summary>Removes a subscription (an unknown one is not an error). Synchronous.</summary>
        public static TIMResult ConvUnsubscribeUnreadMessageCountByFilter(ConversationListFilter filter)
        {
            return (TIMResult)Native.TIMConvUnsubscribeUnreadMessageCountByFilter(JsonArg(filter));
        }

        /// <summary>
        /// Sets unread to 0: conversation_id "c2c_x"/"group_x" for one, "c2c" all C2C, "group"
        /// all groups, "" or null everything. Timestamp and sequence are accepted and ignored.
        /// </summary>
        public static TIMResult ConvCleanConversationUnreadMessageCount(string conversation_id, ulong clean_timestamp, ulong clean_sequence, NullValueCallback callback)
        {
            return CleanUnreadCore(conversation_id, clean_timestamp, clean_sequence, Pending.Null(callback));
        }

        public static TIMResult ConvCleanConversationUnreadMessageCount(string conversation_id, ulong clean_timestamp, ulong clean_sequence, ValueCallback<string> callback)
        {
            return CleanUnreadCore(conversation_id, clean_timestamp, clean_sequence, Pending.Raw(callback));
        }

        public static Task ConvCleanConversationUnreadMessageCountAsync(string conversation_id, ulong clean_timestamp = 0, ulong clean_sequence = 0)
        {
            return Core.CallAsync<object>(false, p => CleanUnreadCore(conversation_id, clean_timestamp, clean_sequence, p));
        }

        private static TIMResult CleanUnreadCore(string conversation_id, ulong ts, ulong seq, PendingCall p)
        {
            var id = Utf8.Z(conversation_id);
            return Core.Call(p, "ConvCleanConversationUnreadMessageCount", (cb, ud) => Native.TIMConvCleanConversationUnreadMessageCount(id, ts, seq, cb, ud));
        }

        // ---- listing with a filter --------------------------------------------------------------

        /// <summary>
        /// One page of the conversations a filter selects (null filter = everything). Start with
        /// next_seq 0; feed back conversation_list_result_next_seq with the same filter until
        /// conversation_list_result_is_finished. count: 1..1000.
        /// </summary>
        public static TIMResult ConvGetConversationListByFilter(ConversationListFilter filter, ulong next_seq, uint count, ValueCallback<ConversationListResult> callback)
        {
            return ListByFilterCore(filter, next_seq, count, Pending.Value(callback));
        }

        public static TIMResult ConvGetConversationListByFilter(ConversationListFilter filter, ulong next_seq, uint count, ValueCallback<string> callback)
        {
            return ListByFilterCore(filter, next_seq, count, Pending.Raw(callback));
        }

        public static Task<ConversationListResult> ConvGetConversationListByFilterAsync(ConversationListFilter filter, ulong next_seq, uint count)
        {
            return Core.CallAsync<ConversationListResult>(true, p => ListByFilterCore(filter, next_seq, count, p));
        }

        private static TIMResult ListByFilterCore(ConversationListFilter filter, ulong next_seq, uint count, PendingCall p)
        {
            var json = JsonArg(filter);
            return Core.Call(p, "ConvGetConversationListByFilter", (cb, ud) => Native.TIMConvGetConversationListByFilter(json, next_seq, count, cb, ud));
        }

        // =========================================================================================
        // Conversation groups
        // =========================================================================================

        /// <summary>Creates a group (1..32 UTF-8 bytes) with initial members; per-item results.</summary>
        public static TIMResult ConvCreateConversationGroup(string group_name, List<string> conversation_id_array, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return CreateGroupCore(group_name, conversation_id_array, Pending.Value(callback));
        }

        public static TIMResult ConvCreateConversationGroup(string group_name, List<string> conversation_id_array, ValueCallback<string> callback)
        {
            return CreateGroupCore(group_name, conversation_id_array, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvCreateConversationGroupAsync(string group_name, List<string> conversation_id_array)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => CreateGroupCore(group_name, conversation_id_array, p));
        }

        private static TIMResult CreateGroupCore(string group_name, List<string> ids, PendingCall p)
        {
            var name = Utf8.Z(group_name);
            var json = JsonArg(ids);
            return Core.Call(p, "ConvCreateConversationGroup", (cb, ud) => Native.TIMConvCreateConversationGroup(name, json, cb, ud));
        }

        /// <summary>Group names in creation order (a renamed group keeps its place).</summary>
        public static TIMResult ConvGetConversationGroupList(ValueCallback<List<string>> callback)
        {
            return GroupListCore(Pending.Value(callback));
        }

        public static TIMResult ConvGetConversationGroupList(ValueCallback<string> callback)
        {
            return GroupListCore(Pending.Raw(callback));
        }

        public static Task<List<string>> ConvGetConversationGroupListAsync()
        {
            return Core.CallAsync<List<string>>(true, GroupListCore);
        }

        private static TIMResult GroupListCore(PendingCall p)
        {
            return Core.Call(p, "ConvGetConversationGroupList", (cb, ud) => Native.TIMConvGetConversationGroupList(cb, ud));
        }

        /// <summary>Deletes a group; its conversations are kept.</summary>
        public static TIMResult ConvDeleteConversationGroup(string group_name, NullValueCallback callback)
        {
            return DeleteGroupCore(group_name, Pending.Null(callback));
        }

        public static TIMResult ConvDeleteConversationGroup(string group_name, ValueCallback<string> callback)
        {
            return DeleteGroupCore(group_name, Pending.Raw(callback));
        }

        public static Task ConvDeleteConversationGroupAsync(string group_name)
        {
            return Core.CallAsync<object>(false, p => DeleteGroupCore(group_name, p));
        }

        private static TIMResult DeleteGroupCore(string group_name, PendingCall p)
        {
            var name = Utf8.Z(group_name);
            return Core.Call(p, "ConvDeleteConversationGroup", (cb, ud) => Native.TIMConvDeleteConversationGroup(name, cb, ud));
        }

        /// <summary>Renames a group (it keeps its place in the list).</summary>
        public static TIMResult ConvRenameConversationGroup(string old_name, string new_name, NullValueCallback callback)
        {
            return RenameGroupCore(old_name, new_name, Pending.Null(callback));
        }

        public static TIMResult ConvRenameConversationGroup(string old_name, string new_name, ValueCallback<string> callback)
        {
            return RenameGroupCore(old_name, new_name, Pending.Raw(callback));
        }

        public static Task ConvRenameConversationGroupAsync(string old_name, string new_name)
        {
            return Core.CallAsync<object>(false, p => RenameGroupCore(old_name, new_name, p));
        }

        private static TIMResult RenameGroupCore(string old_name, string new_name, PendingCall p)
        {
            var o = Utf8.Z(old_name);
            var n = Utf8.Z(new_name);
            return Core.Call(p, "ConvRenameConversationGroup", (cb, ud) => Native.TIMConvRenameConversationGroup(o, n, cb, ud));
        }

        /// <summary>Adds conversations to a group; per-item results.</summary>
        public static TIMResult ConvAddConversationsToGroup(string group_name, List<string> conversation_id_array, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return AddToGroupCore(group_name, conversation_id_array, Pending.Value(callback));
        }

        public static TIMResult ConvAddConversationsToGroup(string group_name, List<string> conversation_id_array, ValueCallback<string> callback)
        {
            return AddToGroupCore(group_name, conversation_id_array, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvAddConversationsToGroupAsync(string group_name, List<string> conversation_id_array)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => AddToGroupCore(group_name, conversation_id_array, p));
        }

        private static TIMResult AddToGroupCore(string group_name, List<string> ids, PendingCall p)
        {
            var name = Utf8.Z(group_name);
            var json = JsonArg(ids);
            return Core.Call(p, "ConvAddConversationsToGroup", (cb, ud) => Native.TIMConvAddConversationsToGroup(name, json, cb, ud));
        }

        /// <summary>Removes conversations from a group; per-item results.</summary>
        public static TIMResult ConvDeleteConversationsFromGroup(string group_name, List<string> conversation_id_array, ValueCallback<List<ConversationOperationResult>> callback)
        {
            return DeleteFromGroupCore(group_name, conversation_id_array, Pending.Value(callback));
        }

        public static TIMResult ConvDeleteConversationsFromGroup(string group_name, List<string> conversation_id_array, ValueCallback<string> callback)
        {
            return DeleteFromGroupCore(group_name, conversation_id_array, Pending.Raw(callback));
        }

        public static Task<List<ConversationOperationResult>> ConvDeleteConversationsFromGroupAsync(string group_name, List<string> conversation_id_array)
        {
            return Core.CallAsync<List<ConversationOperationResult>>(true, p => DeleteFromGroupCore(group_name, conversation_id_array, p));
        }

        private static TIMResult DeleteFromGroupCore(string group_name, List<string> ids, PendingCall p)
        {
            var name = Utf8.Z(group_name);
            var json = JsonArg(ids);
            return Core.Call(p, "ConvDeleteConversationsFromGroup", (cb, ud) => Native.TIMConvDeleteConversationsFromGroup(name, json, cb, ud));
        }

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

        // =========================================================================================

        /// <summary>The current listener unless it is the one being removed.</summary>
        private static T Keep<T>(T current, T removing) where T : class
        {
            return removing != null && Equals(current, removing) ? null : current;
        }

        /// <summary>JSON of an argument as NUL-terminated UTF-8; null stays null (a NULL pointer).</summary>
        private static byte[] JsonArg(object value)
        {
            return value == null ? null : Utf8.Z(Json.Serialize(value));
        }
    }
}
