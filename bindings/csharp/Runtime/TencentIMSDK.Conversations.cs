// TencentIMSDK, conversations (section 5 of timconvgroup.h): upsert, list, info, delete, drafts,
// custom data, pin and marks.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
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
    }
}
