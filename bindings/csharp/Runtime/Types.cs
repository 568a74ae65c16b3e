// Data classes. Field names are the JSON keys of the C API (as in the Tencent Unity SDK); every
// field that is null is left out of the JSON, so an unset field means "not given" (for a
// ConversationListFilter: "do not filter on this"; for ConvUpsertConversations: "keep the stored
// value"). Keys this binding does not declare survive a round trip in the ExtraData dictionary.
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    /// <summary>
    /// Base of every data class: keeps the JSON keys that the class does not declare, so that
    /// nothing is lost when an object is read and written back.
    /// </summary>
    [Preserve]
    public abstract class ExtraData
    {
        [JsonExtensionData]
        private IDictionary<string, JToken> extra_data;

        /// <summary>JSON keys not declared by the class (created on first use).</summary>
        [JsonIgnore]
        public IDictionary<string, JToken> ExtraFields
        {
            get
            {
                if (extra_data == null) extra_data = new Dictionary<string, JToken>();
                return extra_data;
            }
        }

        /// <summary>The object as JSON (null fields left out), as it is sent to the library.</summary>
        public string ToJson()
        {
            return Json.Serialize(this);
        }

        public override string ToString()
        {
            return ToJson();
        }
    }

    /// <summary>TIMInit configuration.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class SdkConfig : ExtraData
    {
        /// <summary>Data directory, created if missing; null or "": the per-user default folder (see the header's TIMInit).</summary>
        public string sdk_config_config_file_path;
        /// <summary>Folder for timconvgroup.log (optional).</summary>
        public string sdk_config_log_file_path;
        /// <summary>Extension: "normal" (default) or "full" (each commit synced to disk).</summary>
        public string sdk_config_durability;
    }

    /// <summary>
    /// A message (conv_last_msg, draft_msg). The library keeps messages as opaque JSON objects, so
    /// this class declares no keys: every key is in <see cref="ExtraData.ExtraFields"/>.
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class Message : ExtraData
    {
        public Message() { }

        /// <summary>A message holding the keys of a JSON object.</summary>
        public static Message FromJson(string json)
        {
            return Json.Deserialize<Message>(json);
        }

        /// <summary>Gets or sets one key (null when absent).</summary>
        [JsonIgnore]
        public JToken this[string key]
        {
            get
            {
                JToken v;
                return ExtraFields.TryGetValue(key, out v) ? v : null;
            }
            set { ExtraFields[key] = value; }
        }
    }

    /// <summary>A draft (conv_draft).</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class Draft : ExtraData
    {
        public Message draft_msg;
        public string draft_user_define;
        /// <summary>Seconds; the current time when left null on ConvSetDraft.</summary>
        public ulong? draft_edit_time;
    }

    /// <summary>The draft parameter of ConvSetDraft (same keys as <see cref="Draft"/>).</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class DraftParam : Draft
    {
    }

    /// <summary>One @ record of a group conversation.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class GroupAtInfo : ExtraData
    {
        public ulong? conv_group_at_info_seq;
        public TIMGroupAtType? conv_group_at_info_at_type;
    }

    /// <summary>
    /// A conversation. Value fields are nullable: as input (ConvUpsertConversations) a null field
    /// is "keep the stored value"; as output the library always fills them, except
    /// conv_last_msg and conv_draft, which are null when absent.
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvInfo : ExtraData
    {
        /// <summary>Bare ID (without "c2c_"/"group_").</summary>
        public string conv_id;
        public TIMConvType? conv_type;
        public string conv_show_name;
        public string conv_face_url;
        public ulong? conv_unread_num;
        public ulong? conv_active_time;
        public bool? conv_is_has_lastmsg;
        public Message conv_last_msg;
        public bool? conv_is_has_draft;
        public Draft conv_draft;
        public TIMReceiveMessageOpt? conv_recv_opt;
        public int? conv_group_type;
        public List<GroupAtInfo> conv_group_at_info_array;
        public bool? conv_is_pinned;
        /// <summary>Each set mark as a single-bit value, ascending.</summary>
        public List<ulong> conv_mark_array;
        public string conv_custom_data;
        /// <summary>Names of the conversation groups it belongs to (group creation order).</summary>
        public List<string> conv_conversation_group_array;

        /// <summary>The conversation ID as used in ID lists: "c2c_&lt;id&gt;" or "group_&lt;id&gt;".</summary>
        [JsonIgnore]
        public string ConversationID
        {
            get
            {
                return (conv_type == TIMConvType.kTIMConv_Group ? "group_" : "c2c_") + conv_id;
            }
        }
    }

    /// <summary>Per-conversation result of a call that takes a list of conversation IDs.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConversationOperationResult : ExtraData
    {
        public string conversation_operation_result_conversation_id;
        public int conversation_operation_result_result_code;
        public string conversation_operation_result_result_info;
    }

    /// <summary>
    /// Filter of ConvGetConversationListByFilter and the unread-by-filter calls. A null field is
    /// left out of the JSON and does not filter; "" (group) and 0 (mark) are real values:
    /// "in no group" and "carries no mark".
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConversationListFilter : ExtraData
    {
        /// <summary>kTIMConv_Invalid (0) = any type.</summary>
        public TIMConvType? conversation_list_filter_conv_type;
        /// <summary>Group name; "" = conversations in no group.</summary>
        public string conversation_list_filter_conversation_group;
        /// <summary>0 = carries no mark; otherwise carries all of these bits.</summary>
        public TIMConversationMarkType? conversation_list_filter_mark_type;
        public bool? conversation_list_filter_has_unread_count;
        public bool? conversation_list_filter_has_group_at_info;
    }

    /// <summary>One page of ConvGetConversationListByFilter.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConversationListResult : ExtraData
    {
        public List<ConvInfo> conversation_list_result_conv_list;
        /// <summary>Feed back as next_seq (with the same filter) until is_finished.</summary>
        public ulong conversation_list_result_next_seq;
        public bool conversation_list_result_is_finished;
    }

    /// <summary>Result of ConvGetTotalUnreadMessageCount / ConvGetUnreadMessageCountByFilter.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class GetTotalUnreadNumberResult : ExtraData
    {
        public int conv_get_total_unread_message_count_result_unread_count;
    }

    /// <summary>One item of ConvGetConvInfo.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvParam : ExtraData
    {
        /// <summary>Bare ID.</summary>
        public string get_conversation_list_param_conv_id;
        public TIMConvType get_conversation_list_param_conv_type;
    }
}
