// Enums of the Tencent Cloud IM C API (timconvgroup.h), members named exactly as in C so that
// code written for the Tencent Unity SDK compiles unchanged.
namespace TimConvGroup
{
    /// <summary>Synchronous return value of every call (TIMResult in C).</summary>
    public enum TIMResult
    {
        /// <summary>Accepted (asynchronous calls) or done (synchronous calls).</summary>
        TIM_SUCC = 0,
        /// <summary>Init has not been called, or Uninit has.</summary>
        TIM_ERR_SDKUNINIT = -1,
        /// <summary>A conversation call while not logged in.</summary>
        TIM_ERR_NOTLOGIN = -2,
        /// <summary>A JSON argument does not parse or has the wrong shape.</summary>
        TIM_ERR_JSON = -3,
        /// <summary>A required argument is null, or the call is not allowed here (e.g. Uninit inside a callback).</summary>
        TIM_ERR_PARAM = -4,
        /// <summary>The conversation does not exist (synchronous draft calls).</summary>
        TIM_ERR_CONV = -5,
        /// <summary>Reserved (Tencent value; not returned by this library).</summary>
        TIM_ERR_GROUP = -6,
    }

    /// <summary>Codes delivered in a callback's <c>code</c> (Tencent TIMErrCode values).</summary>
    public enum TIMErrCode
    {
        ERR_SUCC = 0,
        ERR_INVALID_CONVERSATION = 6004,
        ERR_SDK_NOT_INITIALIZED = 6013,
        ERR_SDK_NOT_LOGGED_IN = 6014,
        ERR_INVALID_PARAMETERS = 6017,
        ERR_DATABASE_OPERATE_FAILED = 6019,
        ERR_IO_OPERATION_FAILED = 6022,
        /// <summary>A call of a module this library does not implement (the Tencent compatibility surface).</summary>
        ERR_SDK_INTERFACE_NOT_SUPPORT = 7013,
        ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT = 51006,
        /// <summary>Reserved (Tencent value; not returned by this library).</summary>
        ERR_SVR_CONV_CONV_MARK_OPERATE_FAILED = 51007,
        ERR_SVR_CONV_CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT = 51008,
        ERR_SVR_CONV_CONV_GROUP_NOT_EXIST = 51009,
        ERR_SVR_CONV_CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT = 51010,
        ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH = 51011,
        ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS = 51012,
    }

    /// <summary>Conversation type. In ID lists a conversation is "c2c_&lt;userID&gt;" or "group_&lt;groupID&gt;".</summary>
    public enum TIMConvType
    {
        kTIMConv_Invalid = 0,
        kTIMConv_C2C = 1,
        kTIMConv_Group = 2,
        kTIMConv_System = 3,
    }

    /// <summary>Conversation events (ConvEventCallback).</summary>
    public enum TIMConvEvent
    {
        kTIMConvEvent_Add = 0,
        kTIMConvEvent_Del = 1,
        kTIMConvEvent_Update = 2,
        kTIMConvEvent_Start = 3,
        kTIMConvEvent_Finish = 4,
    }

    /// <summary>
    /// Conversation marks. 64-bit (unlike the Tencent Unity SDK's int-backed enum) so that custom
    /// marks fit: <c>(TIMConversationMarkType)(1UL &lt;&lt; 32)</c> … <c>(1UL &lt;&lt; 63)</c>.
    /// </summary>
    [System.Flags]
    public enum TIMConversationMarkType : ulong
    {
        kTIMConversationMarkTypeStar = 0x1,
        kTIMConversationMarkTypeUnread = 0x1 << 1,
        kTIMConversationMarkTypeFold = 0x1 << 2,
        kTIMConversationMarkTypeHide = 0x1 << 3,
    }

    /// <summary>Group @ types (conv_group_at_info_at_type).</summary>
    public enum TIMGroupAtType
    {
        kTIMGroup_At_Me = 1,
        kTIMGroup_At_All = 2,
        kTIMGroup_At_All_At_ME = 3,
    }

    /// <summary>Receive option (conv_recv_opt). 1, 2 and 3 do not count in unread totals.</summary>
    public enum TIMReceiveMessageOpt
    {
        kTIMRecvMsgOpt_Receive = 0,
        kTIMRecvMsgOpt_Not_Receive = 1,
        kTIMRecvMsgOpt_Not_Notify = 2,
        kTIMRecvMsgOpt_Not_Notify_Except_At = 3,
        kTIMRecvMsgOpt_Not_Receive_Except_At = 4,
    }

    /// <summary>GetLoginStatus() values. This library reports only Logined and UnLogined.</summary>
    public enum TIMLoginStatus
    {
        kTIMLoginStatus_Logined = 1,
        kTIMLoginStatus_Logining = 2,
        kTIMLoginStatus_UnLogined = 3,
        kTIMLoginStatus_Logouting = 4,
    }

    /// <summary>Log levels (LogCallback).</summary>
    public enum TIMLogLevel
    {
        kTIMLog_Off = 0,
        kTIMLog_Test = 1,
        kTIMLog_Verbose = 2,
        kTIMLog_Debug = 3,
        kTIMLog_Info = 4,
        kTIMLog_Warn = 5,
        kTIMLog_Error = 6,
        kTIMLog_Assert = 7,
    }

    /// <summary>
    /// Extension: the type of a sync operation (<c>sync_op_type</c> of the push document,
    /// <c>sync_rejected_op_type</c> of a rejection), as docs/sync.md lists them; the C API carries
    /// them as plain integers.
    /// </summary>
    public enum TIMConvSyncOpType
    {
        /// <summary>Group create: group id, group name, conversation ids (its members).</summary>
        kTIMConvSyncOp_GroupCreate = 1,
        /// <summary>Group delete: group name.</summary>
        kTIMConvSyncOp_GroupDelete = 2,
        /// <summary>Group rename: group name (old), new group name.</summary>
        kTIMConvSyncOp_GroupRename = 3,
        /// <summary>Add to group: group name, conversation ids.</summary>
        kTIMConvSyncOp_GroupAdd = 4,
        /// <summary>Delete from group: group name, conversation ids.</summary>
        kTIMConvSyncOp_GroupRemove = 5,
        /// <summary>Mark: conversation ids, mark type, enable mark.</summary>
        kTIMConvSyncOp_Mark = 6,
        /// <summary>Pin: conversation id, is pinned.</summary>
        kTIMConvSyncOp_Pin = 7,
        /// <summary>Custom data: conversation ids, custom data.</summary>
        kTIMConvSyncOp_CustomData = 8,
        /// <summary>Conversation delete: conversation id.</summary>
        kTIMConvSyncOp_ConvDelete = 9,
    }
}
