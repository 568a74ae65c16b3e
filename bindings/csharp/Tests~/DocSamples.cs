// The sample code of the Tencent Unity SDK documentation, "Conversation Group" and
// "Conversation Mark" pages (trtc.io/document/53447, 53446), compiled against this binding.
// The only change to each sample is the `using` below (the Tencent SDK spreads its types over
// com.tencent.imsdk.unity, .types, .enums and .callback; here they are all in TimConvGroup), plus
// one fix in the filter sample, which is not valid C# as documented (see FilterSample).
using System.Collections.Generic;
using TimConvGroup;

namespace DocSamples
{
    internal static class ConversationGroupSamples
    {
        internal static TIMResult CreateSample(string conv_id)
        {
    // Create a conversation group
    TIMResult res = TencentIMSDK.ConvCreateConversationGroup("groupName", new List<string> {
      conv_id
    }, (int code, string desc, List<ConversationOperationResult> results, string user_data)=>{
      // Async result of the conversation group creation
    });
            return res;
        }

        internal static TIMResult DeleteSample()
        {
    // Delete the conversation group
    TIMResult res = TencentIMSDK.ConvDeleteConversationGroup("groupName", (int code, string desc, string result, string user_data)=>{
      // Async result of the conversation group deletion
    });
            return res;
        }

        internal static TIMResult RenameSample()
        {
    // Rename a conversation group
    TIMResult res = TencentIMSDK.ConvRenameConversationGroup("oldGroupName", "newGroupName", (int code, string desc, string result, string user_data)=>{
      // Async result of the conversation group renaming
    });
            return res;
        }

        internal static TIMResult GetListSample()
        {
    // Get the list of conversation groups
    TIMResult res = TencentIMSDK.ConvGetConversationGroupList((int code, string desc, List<string> results, string user_data)=>{
      // Async result of the conversation group list getting
    });
            return res;
        }

        // The documented sample writes the object initializer with colons
        // (`conversation_list_filter_conv_type: TIMConvType.kTIMConv_C2C,`), which is a syntax error
        // in every C# version, against any SDK. Written with `=` here; everything else is verbatim.
        internal static TIMResult FilterSample(System.Action<bool, ulong, List<ConvInfo>> observe)
        {
    // Get the conversation list
    ConversationListFilter filter = new ConversationListFilter
    {
        conversation_list_filter_conv_type = TIMConvType.kTIMConv_C2C,// Conversation type
        conversation_list_filter_mark_type = TIMConversationMarkType.kTIMConversationMarkTypeStar,// Conversation mark type
        conversation_list_filter_conversation_group = "groupName"// Named of the group whose data is to be pulled
    };
    ulong next_seq = 0; // Pulling cursor
    uint count = 10; // Pulling count
    // Advanced API for getting the conversation list
    TIMResult res = TencentIMSDK.ConvGetConversationListByFilter(filter, next_seq, count, (int code, string desc, ConversationListResult result, string user_data)=>{
      // Async result of the conversation list getting
      if (code == 0) {
        // Pulled successfully
        bool isFinished = result.conversation_list_result_is_finished; // Whether pulling is completed
        next_seq = result.conversation_list_result_next_seq; // Cursor for subsequent paged pulling
        var conversationList = result.conversation_list_result_conv_list; // List of messages pulled this time
        // If more conversations need to be pulled, use the returned `nextSeq` to continue pulling until `isFinished` is `true`.
        observe(isFinished, next_seq, conversationList);
      }
    });
            return res;
        }

        internal static TIMResult AddSample(string conv_id)
        {
    // Add a conversation to a conversation group
    TIMResult res = TencentIMSDK.ConvAddConversationsToGroup("groupName", new List<string> {
      conv_id
    }, (int code, string desc, List<ConversationOperationResult> results, string user_data)=>{
      // Async result of adding a conversation to a conversation group
    });
            return res;
        }

        internal static TIMResult DeleteFromSample(string conv_id)
        {
    // Delete a conversation from a conversation group
    TIMResult res = TencentIMSDK.ConvDeleteConversationsFromGroup("groupName", new List<string> {
      conv_id
    }, (int code, string desc, List<ConversationOperationResult> results, string user_data)=>{
      // Async result of deleting a conversation from a conversation group
    });
            return res;
        }

        internal static void ListenerSample()
        {
    // Set the conversation listener
    TencentIMSDK.SetConvEventCallback((TIMConvEvent conv_event, List<ConvInfo> conv_list, string user_data)=>{
      // Process the callback logic
    });
        }

        internal static TIMResult MarkSample(string conv_id)
        {
    // Mark a conversation
    TIMResult res = TencentIMSDK.ConvMarkConversation(new List<string> {
      conv_id
    }, TIMConversationMarkType.kTIMConversationMarkTypeStar, true, (int code, string desc, List<ConversationOperationResult> results, string user_data)=>{
      // Async result of the conversation marking
    });
            return res;
        }
    }
}
