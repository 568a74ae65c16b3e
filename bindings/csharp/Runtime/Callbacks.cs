// Delegate types (the Tencent Unity SDK's shapes). user_data: for per-call callbacks a string
// naming the call ("<Method>_KeyString_<n>"), for listeners "".
using System.Collections.Generic;

namespace TimConvGroup
{
    /// <summary>Result of a call with a typed (or, for T = string, raw JSON) result.</summary>
    public delegate void ValueCallback<T>(int code, string desc, T data, string user_data);

    /// <summary>Result of a call without a result value.</summary>
    public delegate void NullValueCallback(int code, string desc, string user_data);

    /// <summary>Conversation events; conv_list is empty for Start/Finish.</summary>
    public delegate void ConvEventCallback(TIMConvEvent conv_event, List<ConvInfo> conv_list, string user_data);
    /// <summary>Conversation events with the raw JSON array ("" for Start/Finish).</summary>
    public delegate void ConvEventStringCallback(TIMConvEvent conv_event, string conv_list, string user_data);

    public delegate void ConvTotalUnreadMessageCountChangedCallback(int total_unread_count, string user_data);

    public delegate void ConvTotalUnreadMessageCountChangedByFilterCallback(ConversationListFilter filter, int total_unread_count, string user_data);
    public delegate void ConvTotalUnreadMessageCountChangedByFilterStringCallback(string filter, int total_unread_count, string user_data);

    /// <summary>A group was created; conversation_array: its initial members (may be empty).</summary>
    public delegate void ConvConversationGroupCreatedCallback(string group_name, List<ConvInfo> conversation_array, string user_data);
    public delegate void ConvConversationGroupCreatedStringCallback(string group_name, string conversation_array, string user_data);

    public delegate void ConvConversationGroupDeletedCallback(string group_name, string user_data);

    public delegate void ConvConversationGroupNameChangedCallback(string old_name, string new_name, string user_data);

    /// <summary>Conversations were added to a group (those actually added; never empty).</summary>
    public delegate void ConvConversationsAddedToGroupCallback(string group_name, List<ConvInfo> conversation_array, string user_data);
    public delegate void ConvConversationsAddedToGroupStringCallback(string group_name, string conversation_array, string user_data);

    /// <summary>Conversations left a group (those actually removed; never empty). reason 0: removed by a call.</summary>
    public delegate void ConvConversationsDeletedFromGroupCallback(string group_name, List<ConvInfo> conversation_array, uint reason, string user_data);
    public delegate void ConvConversationsDeletedFromGroupStringCallback(string group_name, string conversation_array, uint reason, string user_data);

    /// <summary>
    /// Extension (sync): the operations of this device that the server rejected, reported once,
    /// when ConvSyncApply drops them from the outbox (before kTIMConvEvent_Start of that apply).
    /// </summary>
    /// <param name="rejected_array">One entry per rejected operation, with its code (or its rejected items).</param>
    /// <param name="user_data">"" (a listener).</param>
    public delegate void ConvSyncRejectedCallback(List<ConvSyncRejectedOperation> rejected_array, string user_data);
    /// <summary>Extension (sync): <see cref="ConvSyncRejectedCallback"/> with the raw JSON array.</summary>
    /// <param name="rejected_array">The JSON array of rejected operations, as the library sent it.</param>
    /// <param name="user_data">"" (a listener).</param>
    public delegate void ConvSyncRejectedStringCallback(string rejected_array, string user_data);

    public delegate void LogCallback(TIMLogLevel log_level, string log, string user_data);
}
