// Data classes of the sync documents (section 8 of timconvgroup.h; docs/sync.md has the model and
// every key). As in Types.cs, field names are the JSON keys and null fields are left out. The
// fields are declared in the order the library and the reference backend write the keys, so a
// document read and written back keeps its keys, in the same order; keys a class does not
// declare survive in ExtraData.ExtraFields.
using System.Collections.Generic;
using Newtonsoft.Json;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    /// <summary>
    /// The push document (ConvSyncGetPendingChanges): what this device changed and the backend has
    /// not confirmed yet. Send <see cref="ExtraData.ToJson"/> to the backend as is (the reference
    /// backend: <c>POST /v1/sync</c>).
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncPushDocument : ExtraData
    {
        /// <summary>This cache's client id: 32 lowercase hex digits, made with the cache and kept until it is deleted.</summary>
        public string sync_push_client_id;
        /// <summary>The last server version this device applied (0: never).</summary>
        public ulong sync_push_last_version;
        /// <summary>The pending operations, in increasing <see cref="ConvSyncOperation.sync_op_id"/> order.</summary>
        public List<ConvSyncOperation> sync_push_op_array;

        /// <summary>Reads a push document from its JSON.</summary>
        public static ConvSyncPushDocument FromJson(string json)
        {
            return Json.Deserialize<ConvSyncPushDocument>(json);
        }
    }

    /// <summary>
    /// One pending operation of a push document: <see cref="sync_op_id"/>,
    /// <see cref="sync_op_type"/>, and the keys of its type (the others are null and left out):
    /// group create: group id, group name, conversation ids (the members it got); group delete:
    /// group name; group rename: group name (old) and new group name; add to / delete from group:
    /// group name and conversation ids; mark: conversation ids, mark type, enable mark; pin:
    /// conversation id and is pinned; custom data: conversation ids and custom data; conversation
    /// delete: conversation id.
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncOperation : ExtraData
    {
        /// <summary>Per-client increasing operation id (1, 2, 3, …).</summary>
        public ulong sync_op_id;
        /// <summary>What the operation does (it says which of the other fields are set).</summary>
        public TIMConvSyncOpType sync_op_type;
        /// <summary>Group create: the new group's id, chosen by the device (1..64 bytes of [0-9A-Za-z_-]).</summary>
        public string sync_op_group_id;
        /// <summary>Group create, delete, add, delete from: the group's name; rename: the old name.</summary>
        public string sync_op_group_name;
        /// <summary>Group rename: the new name.</summary>
        public string sync_op_new_group_name;
        /// <summary>Group create (its members), add, delete from, mark, custom data: the conversation ids ("c2c_…"/"group_…").</summary>
        public List<string> sync_op_conversation_id_array;
        /// <summary>Pin, conversation delete: the conversation id ("c2c_…"/"group_…").</summary>
        public string sync_op_conversation_id;
        /// <summary>Mark: the mark bits set or cleared.</summary>
        public ulong? sync_op_mark_type;
        /// <summary>Mark: true sets the bits, false clears them.</summary>
        public bool? sync_op_enable_mark;
        /// <summary>Pin: pinned or not.</summary>
        public bool? sync_op_is_pinned;
        /// <summary>Custom data: the new custom data ("" clears it).</summary>
        public string sync_op_custom_data;
    }

    /// <summary>
    /// The state document: the backend's answer to a push (or to a plain fetch), given to
    /// ConvSyncApply. It carries the server version, the last operation id the server applied for
    /// this client, the operations it rejected, and the whole roaming state of the user.
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncStateDocument : ExtraData
    {
        /// <summary>The server's version of this user's state.</summary>
        public ulong sync_state_version;
        /// <summary>The client the document answers ("" or null: none; such a document acknowledges nothing).</summary>
        public string sync_state_client_id;
        /// <summary>The last operation id the server applied for that client (0: none).</summary>
        public ulong sync_state_last_op_id;
        /// <summary>True: the state is the one of <see cref="sync_state_version"/>, which the device already has; the two state arrays are absent.</summary>
        public bool sync_state_is_unchanged;
        /// <summary>Present and true only in the backend's answer to a push whose operation ids went backwards (this cache was restored from an older copy): nothing of the push was applied, and applying this document gives the cache a new client id; push again. Null when absent.</summary>
        [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
        public bool? sync_state_is_client_stale;
        /// <summary>The hex SHA-256 of the operation <see cref="sync_state_last_op_id"/> as the server applied it, when the server knows it: the library uses it to tell its own pending operation of that id from another one (a restored cache). Null when absent.</summary>
        [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
        public string sync_state_last_op_hash;
        /// <summary>That client's rejected operations the device has not acknowledged yet.</summary>
        public List<ConvSyncRejectedOperation> sync_state_rejected_array;
        /// <summary>Every group, in creation order (a renamed group keeps its place).</summary>
        public List<ConvSyncGroup> sync_state_group_array;
        /// <summary>Every conversation with a mark, the pin or custom data, ascending by id.</summary>
        public List<ConvSyncConversation> sync_state_conv_array;

        /// <summary>Reads a state document from its JSON (e.g. the body of the backend's answer).</summary>
        public static ConvSyncStateDocument FromJson(string json)
        {
            return Json.Deserialize<ConvSyncStateDocument>(json);
        }
    }

    /// <summary>
    /// An operation the server rejected, reported once on the device that made it (the
    /// SetConvSyncRejectedCallback listener and <see cref="ConvSyncApplyResult.sync_apply_rejected_array"/>).
    /// </summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncRejectedOperation : ExtraData
    {
        /// <summary>The rejected operation's <see cref="ConvSyncOperation.sync_op_id"/>.</summary>
        public ulong sync_rejected_op_id;
        /// <summary>Its type.</summary>
        public TIMConvSyncOpType sync_rejected_op_type;
        /// <summary>Non-zero: the whole operation was rejected with this code (e.g. 51009: an add to a group another device deleted or renamed); 0: only some items, in <see cref="sync_rejected_item_array"/>.</summary>
        public int sync_rejected_code;
        /// <summary>Why, in words.</summary>
        public string sync_rejected_desc;
        /// <summary>The rejected items only (per-conversation codes such as 51008), as in the per-item results of the group calls.</summary>
        public List<ConversationOperationResult> sync_rejected_item_array;
    }

    /// <summary>One group of the roaming state.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncGroup : ExtraData
    {
        /// <summary>The group's stable id (chosen by the device that created it; kept across renames).</summary>
        public string sync_group_id;
        /// <summary>Its name (1..32 UTF-8 bytes).</summary>
        public string sync_group_name;
        /// <summary>Its members, ascending ("c2c_…"/"group_…").</summary>
        public List<string> sync_group_conversation_id_array;
    }

    /// <summary>The roaming state of one conversation (group membership is in the groups only).</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncConversation : ExtraData
    {
        /// <summary>The conversation id ("c2c_…"/"group_…").</summary>
        public string sync_conv_conversation_id;
        /// <summary>All its mark bits.</summary>
        public ulong sync_conv_mark_type;
        /// <summary>Pinned or not.</summary>
        public bool sync_conv_is_pinned;
        /// <summary>Its custom data ("" for none).</summary>
        public string sync_conv_custom_data;
    }

    /// <summary>The result of ConvSyncApply.</summary>
    [Preserve]
    [JsonObject(MemberSerialization.OptOut)]
    public class ConvSyncApplyResult : ExtraData
    {
        /// <summary>False: the document changed nothing (older than the one applied last, "unchanged" for a version this device does not hold, or a stale client; see <see cref="sync_apply_is_client_id_renewed"/>).</summary>
        public bool sync_apply_is_applied;
        /// <summary>The server version this device holds after the call.</summary>
        public ulong sync_apply_version;
        /// <summary>The rejections this apply reported (also given to the SetConvSyncRejectedCallback listener).</summary>
        public List<ConvSyncRejectedOperation> sync_apply_rejected_array;
        /// <summary>Operations still pending after the call (push them next).</summary>
        public int sync_apply_pending_count;
        /// <summary>True: the server had applied op ids this cache never allocated (a cache restored from an older copy); the cache took a new client id and renumbered its pending operations: push again.</summary>
        public bool sync_apply_is_client_id_renewed;
    }
}
