// TencentIMSDK, conversation groups (section 6 of timconvgroup.h).
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
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
    }
}
