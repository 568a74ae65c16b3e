// TencentIMSDK, unread counts (totals, by filter, subscriptions, clean) and the filtered, paged
// conversation list (section 5 of timconvgroup.h).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
        // =========================================================================================
        // Unread counts and the filtered, paged list (section 5 of timconvgroup.h)
        // =========================================================================================

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
    }
}
