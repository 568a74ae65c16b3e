using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using TimConvGroup;

namespace TimConvGroup.Tests
{
    /// <summary>
    /// Sync across devices: the push document after local calls, the apply of a state document made
    /// by hand (as another device's changes reach the backend), rejections, refused documents, and
    /// the typed documents' round trip.
    /// </summary>
    [TestFixture]
    public class SyncTests : SdkFixture
    {
        private static ConvSyncPushDocument Push(uint maxOps = 0)
        {
            return H.Await(TencentIMSDK.ConvSyncGetPendingChangesAsync(maxOps));
        }

        private static string RawPush()
        {
            var raw = new Calls<Result<string>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSyncGetPendingChanges(0,
                (int code, string desc, string json, string ud) => raw.Add(new Result<string> { Code = code, Desc = desc, Data = json, UserData = ud })));
            var r = raw.Wait(1)[0];
            Assert.AreEqual(0, r.Code, r.Desc);
            StringAssert.StartsWith("ConvSyncGetPendingChanges_KeyString_", r.UserData);
            return r.Data;
        }

        private static ConvSyncApplyResult Apply(string doc)
        {
            return H.Await(TencentIMSDK.ConvSyncApplyAsync(doc));
        }

        private static List<string> Groups()
        {
            return H.Await(TencentIMSDK.ConvGetConversationGroupListAsync());
        }

        /// <summary>Every listener, as one ordered log of lines.</summary>
        private static Calls<string> ListenAll()
        {
            var log = new Calls<string>();
            Func<List<ConvInfo>, string> ids = l => "[" + string.Join(" ", l.Select(c => c.ConversationID)) + "]";
            TencentIMSDK.SetConvEventCallback((TIMConvEvent ev, List<ConvInfo> convs, string ud) =>
            {
                if (ev == TIMConvEvent.kTIMConvEvent_Start) log.Add("start");
                else if (ev == TIMConvEvent.kTIMConvEvent_Finish) log.Add("finish");
                else log.Add(ev + ids(convs));
            });
            TencentIMSDK.SetConvConversationGroupCreatedCallback((string name, List<ConvInfo> convs, string ud) => log.Add("created " + name + ids(convs)));
            TencentIMSDK.SetConvConversationGroupDeletedCallback((name, ud) => log.Add("deleted " + name));
            TencentIMSDK.SetConvConversationGroupNameChangedCallback((o, n, ud) => log.Add("renamed " + o + ">" + n));
            TencentIMSDK.SetConvConversationsAddedToGroupCallback((string name, List<ConvInfo> convs, string ud) => log.Add("added " + name + ids(convs)));
            TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((string name, List<ConvInfo> convs, uint reason, string ud) => log.Add("removed " + name + ids(convs) + " " + reason));
            TencentIMSDK.SetConvSyncRejectedCallback((List<ConvSyncRejectedOperation> rej, string ud) =>
                log.Add("rejected " + string.Join(",", rej.Select(r => r.sync_rejected_op_id + "/" + r.sync_rejected_code))));
            return log;
        }

        [Test]
        public void PendingChangesAfterGroupCallsHaveTheExpectedOps()
        {
            var empty = Push();
            StringAssert.IsMatch("^[0-9a-f]{32}$", empty.sync_push_client_id);
            Assert.AreEqual(0UL, empty.sync_push_last_version);
            CollectionAssert.IsEmpty(empty.sync_push_op_array);

            var created = H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("work", H.Ids("c2c_alice", "c2c_nobody")));
            CollectionAssert.AreEqual(new[] { 0, 6004 }, created.Select(r => r.conversation_operation_result_result_code).ToArray());
            H.AllOk(H.Await(TencentIMSDK.ConvAddConversationsToGroupAsync("work", H.Ids("c2c_alice", "c2c_bob"))));
            H.Await(TencentIMSDK.ConvRenameConversationGroupAsync("work", "office"));
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice"), TIMConversationMarkType.kTIMConversationMarkTypeStar, true)));
            H.Await(TencentIMSDK.ConvPinConversationAsync("bob", TIMConvType.kTIMConv_C2C, true));
            H.AllOk(H.Await(TencentIMSDK.ConvSetConversationCustomDataAsync(H.Ids("group_g1"), "blue")));
            H.AllOk(H.Await(TencentIMSDK.ConvDeleteConversationsFromGroupAsync("office", H.Ids("c2c_alice"))));
            H.Await(TencentIMSDK.ConvDeleteConversationGroupAsync("office"));
            // A call that changes nothing records nothing.
            var again = H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice"), TIMConversationMarkType.kTIMConversationMarkTypeStar, true));
            H.AllOk(again);

            var push = Push();
            Assert.AreEqual(empty.sync_push_client_id, push.sync_push_client_id, "the client id is kept");
            var ops = push.sync_push_op_array;
            CollectionAssert.AreEqual(new[]
            {
                TIMConvSyncOpType.kTIMConvSyncOp_GroupCreate, TIMConvSyncOpType.kTIMConvSyncOp_GroupAdd,
                TIMConvSyncOpType.kTIMConvSyncOp_GroupRename, TIMConvSyncOpType.kTIMConvSyncOp_Mark,
                TIMConvSyncOpType.kTIMConvSyncOp_Pin, TIMConvSyncOpType.kTIMConvSyncOp_CustomData,
                TIMConvSyncOpType.kTIMConvSyncOp_GroupRemove, TIMConvSyncOpType.kTIMConvSyncOp_GroupDelete,
            }, ops.Select(o => o.sync_op_type).ToArray());
            CollectionAssert.AreEqual(new ulong[] { 1, 2, 3, 4, 5, 6, 7, 8 }, ops.Select(o => o.sync_op_id).ToArray());

            StringAssert.IsMatch("^[0-9a-f]{32}$", ops[0].sync_op_group_id);
            Assert.AreEqual("work", ops[0].sync_op_group_name);
            CollectionAssert.AreEqual(new[] { "c2c_alice" }, ops[0].sync_op_conversation_id_array, "only the members it got");
            Assert.AreEqual("work", ops[1].sync_op_group_name);
            CollectionAssert.AreEqual(new[] { "c2c_bob" }, ops[1].sync_op_conversation_id_array, "only what the call actually did");
            Assert.AreEqual("work", ops[2].sync_op_group_name);
            Assert.AreEqual("office", ops[2].sync_op_new_group_name);
            CollectionAssert.AreEqual(new[] { "c2c_alice" }, ops[3].sync_op_conversation_id_array);
            Assert.AreEqual(1UL, ops[3].sync_op_mark_type);
            Assert.AreEqual(true, ops[3].sync_op_enable_mark);
            Assert.AreEqual("c2c_bob", ops[4].sync_op_conversation_id);
            Assert.AreEqual(true, ops[4].sync_op_is_pinned);
            CollectionAssert.AreEqual(new[] { "group_g1" }, ops[5].sync_op_conversation_id_array);
            Assert.AreEqual("blue", ops[5].sync_op_custom_data);
            Assert.AreEqual("office", ops[6].sync_op_group_name);
            CollectionAssert.AreEqual(new[] { "c2c_alice" }, ops[6].sync_op_conversation_id_array);
            Assert.AreEqual("office", ops[7].sync_op_group_name);
            // Only the keys of each type are present.
            Assert.IsNull(ops[7].sync_op_conversation_id_array);
            Assert.IsNull(ops[4].sync_op_group_name);
            Assert.IsNull(ops[3].sync_op_is_pinned);
            foreach (var o in ops) CollectionAssert.IsEmpty(o.ExtraFields, "every key is declared");

            var first = Push(3);
            CollectionAssert.AreEqual(new ulong[] { 1, 2, 3 }, first.sync_push_op_array.Select(o => o.sync_op_id).ToArray(), "max_ops");
            Assert.AreEqual(8, Push().sync_push_op_array.Count, "reading changes nothing");

            // The raw form is the same document, and the typed one writes it back key for key.
            var raw = RawPush();
            Assert.IsTrue(JToken.DeepEquals(JObject.Parse(raw), JObject.Parse(push.ToJson())), raw + "\n" + push.ToJson());
            Assert.AreEqual(raw, ConvSyncPushDocument.FromJson(raw).ToJson(), "same keys, same order");
        }

        [Test]
        public void ApplyingAnotherDevicesStateGivesTheEventsAndTheState()
        {
            var id = Push().sync_push_client_id;
            // A local edit not pushed yet: replayed on top of the server's state.
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("mine", H.Ids("group_g1"))));
            var log = ListenAll();

            var doc = @"{""sync_state_version"":3,""sync_state_client_id"":""" + id + @""",""sync_state_last_op_id"":0," +
                      @"""sync_state_is_unchanged"":false,""sync_state_rejected_array"":[]," +
                      @"""sync_state_group_array"":[" +
                      @"{""sync_group_id"":""8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"",""sync_group_name"":""Work"",""sync_group_conversation_id_array"":[""c2c_alice"",""c2c_bob"",""c2c_carol""]}," +
                      @"{""sync_group_id"":""g-home"",""sync_group_name"":""家"",""sync_group_conversation_id_array"":[]}]," +
                      @"""sync_state_conv_array"":[" +
                      @"{""sync_conv_conversation_id"":""c2c_alice"",""sync_conv_mark_type"":1,""sync_conv_is_pinned"":true,""sync_conv_custom_data"":""x""}," +
                      @"{""sync_conv_conversation_id"":""c2c_carol"",""sync_conv_mark_type"":2,""sync_conv_is_pinned"":false,""sync_conv_custom_data"":""""}]}";
            var res = Apply(doc);
            Assert.IsTrue(res.sync_apply_is_applied);
            Assert.AreEqual(3UL, res.sync_apply_version);
            CollectionAssert.IsEmpty(res.sync_apply_rejected_array);
            Assert.AreEqual(1, res.sync_apply_pending_count, "the local create stays pending");
            Assert.IsFalse(res.sync_apply_is_client_id_renewed);
            H.Drain();

            var lines = log.Snapshot();
            Assert.AreEqual("start", lines.First(), string.Join("\n", lines));
            Assert.AreEqual("finish", lines.Last(), string.Join("\n", lines));
            CollectionAssert.AreEqual(new[]
            {
                "start", "created Work[c2c_alice c2c_bob]", "created 家[]", "kTIMConvEvent_Update[c2c_alice c2c_bob]", "finish",
            }, lines, "carol is not fed yet: no event for her; mine is unchanged");

            CollectionAssert.AreEqual(new[] { "Work", "家", "mine" }, Groups(), "the server's groups, then the pending local one");
            var alice = H.Get("c2c_alice");
            Assert.AreEqual(true, alice.conv_is_pinned);
            CollectionAssert.AreEqual(new ulong[] { 1 }, alice.conv_mark_array);
            Assert.AreEqual("x", alice.conv_custom_data);
            CollectionAssert.AreEqual(new[] { "Work" }, alice.conv_conversation_group_array);
            CollectionAssert.AreEqual(new[] { "mine" }, H.Get("group_g1").conv_conversation_group_array);
            Assert.AreEqual(3UL, Push().sync_push_last_version);

            // The roaming state of a conversation not fed yet shows as soon as it is upserted.
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { H.C2C("carol", 50) })));
            var carol = H.Get("c2c_carol");
            CollectionAssert.AreEqual(new[] { "Work" }, carol.conv_conversation_group_array);
            CollectionAssert.AreEqual(new ulong[] { 2 }, carol.conv_mark_array);

            // An older document changes nothing.
            var before = H.Await(TencentIMSDK.ConvGetConvListAsync()).Select(c => c.ToJson()).ToList();
            var n = log.Count;
            var old = ConvSyncStateDocument.FromJson(doc);
            old.sync_state_version = 2;
            old.sync_state_group_array.Clear();
            var stale = H.Await(TencentIMSDK.ConvSyncApplyAsync(old));
            Assert.IsFalse(stale.sync_apply_is_applied);
            Assert.AreEqual(3UL, stale.sync_apply_version);
            H.Drain();
            Assert.AreEqual(n, log.Count, "no event");
            CollectionAssert.AreEqual(before, H.Await(TencentIMSDK.ConvGetConvListAsync()).Select(c => c.ToJson()).ToList());
            CollectionAssert.AreEqual(new[] { "Work", "家", "mine" }, Groups());
        }

        [Test]
        public void ARejectedOperationReachesTheRejectedListenerWithItsCode()
        {
            var id = Push().sync_push_client_id;
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("work", H.Ids("c2c_alice"))));   // op 1
            H.AllOk(H.Await(TencentIMSDK.ConvAddConversationsToGroupAsync("work", H.Ids("c2c_bob"))));     // op 2
            H.Await(TencentIMSDK.ConvRenameConversationGroupAsync("work", "home"));                        // op 3
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("group_g1"), 1UL, true)));        // op 4, not pushed
            var workID = Push().sync_push_op_array[0].sync_op_group_id;
            var log = ListenAll();
            var typed = new Calls<List<ConvSyncRejectedOperation>>();
            var strings = new Calls<string>();
            TencentIMSDK.SetConvSyncRejectedCallback((List<ConvSyncRejectedOperation> list, string ud) =>
            {
                log.Add("rejected " + string.Join(",", list.Select(x => x.sync_rejected_op_id + "/" + x.sync_rejected_code)));
                Assert.AreEqual("", ud);
                typed.Add(list);
            }, (json, ud) => strings.Add(json));

            // The server applied ops 1..3: the add was refused for bob (the extended-state budget
            // is full there), the rename because another device had made a "home" before.
            var state = new ConvSyncStateDocument
            {
                sync_state_version = 7,
                sync_state_client_id = id,
                sync_state_last_op_id = 3,
                sync_state_rejected_array = new List<ConvSyncRejectedOperation>
                {
                    new ConvSyncRejectedOperation
                    {
                        sync_rejected_op_id = 2, sync_rejected_op_type = TIMConvSyncOpType.kTIMConvSyncOp_GroupAdd, sync_rejected_code = 0,
                        sync_rejected_desc = "some items were rejected",
                        sync_rejected_item_array = new List<ConversationOperationResult>
                        {
                            new ConversationOperationResult
                            {
                                conversation_operation_result_conversation_id = "c2c_bob", conversation_operation_result_result_code = 51008,
                                conversation_operation_result_result_info = "1000 conversations carry extended state",
                            },
                        },
                    },
                    new ConvSyncRejectedOperation
                    {
                        sync_rejected_op_id = 3, sync_rejected_op_type = TIMConvSyncOpType.kTIMConvSyncOp_GroupRename, sync_rejected_code = 51012,
                        sync_rejected_desc = "conversation group \"home\" already exists", sync_rejected_item_array = new List<ConversationOperationResult>(),
                    },
                },
                sync_state_group_array = new List<ConvSyncGroup>
                {
                    new ConvSyncGroup { sync_group_id = "g-home", sync_group_name = "home", sync_group_conversation_id_array = H.Ids() },
                    new ConvSyncGroup { sync_group_id = workID, sync_group_name = "work", sync_group_conversation_id_array = H.Ids("c2c_alice") },
                },
                sync_state_conv_array = new List<ConvSyncConversation>(),
            };
            var raw = new Calls<Result<string>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSyncApply(state,
                (int code, string desc, string json, string ud) => raw.Add(new Result<string> { Code = code, Desc = desc, Data = json, UserData = ud })));
            var r = raw.Wait(1)[0];
            Assert.AreEqual(0, r.Code, r.Desc);
            StringAssert.StartsWith("ConvSyncApply_KeyString_", r.UserData);
            var res = ConvSyncApplyResultFrom(r.Data);
            Assert.IsTrue(res.sync_apply_is_applied);
            Assert.AreEqual(7UL, res.sync_apply_version);
            Assert.AreEqual(1, res.sync_apply_pending_count, "the mark was not pushed yet");

            var rej = typed.Wait(1)[0];
            Assert.AreEqual(2, rej.Count);
            Assert.AreEqual(2UL, rej[0].sync_rejected_op_id);
            Assert.AreEqual(TIMConvSyncOpType.kTIMConvSyncOp_GroupAdd, rej[0].sync_rejected_op_type);
            Assert.AreEqual(0, rej[0].sync_rejected_code);
            Assert.AreEqual("c2c_bob", rej[0].sync_rejected_item_array.Single().conversation_operation_result_conversation_id);
            Assert.AreEqual(51008, rej[0].sync_rejected_item_array.Single().conversation_operation_result_result_code);
            Assert.AreEqual(3UL, rej[1].sync_rejected_op_id);
            Assert.AreEqual(TIMConvSyncOpType.kTIMConvSyncOp_GroupRename, rej[1].sync_rejected_op_type);
            Assert.AreEqual(51012, rej[1].sync_rejected_code);
            Assert.AreEqual((int)TIMErrCode.ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS, rej[1].sync_rejected_code);
            Assert.IsNotEmpty(rej[1].sync_rejected_desc);
            var listened = strings.Wait(1)[0];
            Assert.IsTrue(JToken.DeepEquals(JArray.Parse(listened), JObject.Parse(r.Data)["sync_apply_rejected_array"]),
                "the string listener and the callback carry the same array: " + listened + " / " + r.Data);
            Assert.AreEqual(2, res.sync_apply_rejected_array.Count);
            Assert.AreEqual(51012, res.sync_apply_rejected_array[1].sync_rejected_code);

            H.Drain();
            var lines = log.Snapshot();
            Assert.AreEqual("rejected 2/0,3/51012", lines[0], "before kTIMConvEvent_Start: " + string.Join("\n", lines));
            Assert.AreEqual("start", lines[1]);
            Assert.AreEqual("finish", lines.Last());
            CollectionAssert.Contains(lines, "renamed home>work", "the rename is rolled back");
            CollectionAssert.Contains(lines, "removed work[c2c_bob] 0", "the add is rolled back for bob");
            CollectionAssert.Contains(lines, "created home[]");
            CollectionAssert.AreEqual(new[] { "home", "work" }, Groups(), "the server's state");
            CollectionAssert.IsEmpty(H.Get("c2c_bob").conv_conversation_group_array);
            CollectionAssert.AreEqual(new[] { "work" }, H.Get("c2c_alice").conv_conversation_group_array);
            CollectionAssert.AreEqual(new ulong[] { 1 }, H.Get("group_g1").conv_mark_array, "the pending mark is replayed");

            // Reported once: the same document again reports nothing.
            var again = H.Await(TencentIMSDK.ConvSyncApplyAsync(state));
            Assert.IsTrue(again.sync_apply_is_applied);
            CollectionAssert.IsEmpty(again.sync_apply_rejected_array);
            H.Drain();
            Assert.AreEqual(1, typed.Count);
            Assert.AreEqual(1, strings.Count);

            // Removing the listener stops it (Remove with the very delegate, then with none).
            ConvSyncRejectedCallback mine = (l, ud) => typed.Add(l);
            TencentIMSDK.SetConvSyncRejectedCallback(mine);
            TencentIMSDK.RemoveConvSyncRejectedCallback(mine);
            TencentIMSDK.RemoveConvSyncRejectedCallback();
            var pendingMark = Push().sync_push_op_array.Single();
            state.sync_state_version = 8;
            state.sync_state_last_op_id = pendingMark.sync_op_id;
            state.sync_state_rejected_array = new List<ConvSyncRejectedOperation>
            {
                new ConvSyncRejectedOperation { sync_rejected_op_id = pendingMark.sync_op_id, sync_rejected_op_type = TIMConvSyncOpType.kTIMConvSyncOp_Mark, sync_rejected_code = 6017 },
            };
            var last = H.Await(TencentIMSDK.ConvSyncApplyAsync(state));
            Assert.AreEqual(6017, last.sync_apply_rejected_array.Single().sync_rejected_code, "still in the result");
            H.Drain();
            Assert.AreEqual(1, typed.Count, "no listener");
            CollectionAssert.IsEmpty(H.Get("group_g1").conv_mark_array, "a rejected operation is rolled back");
        }

        private static ConvSyncApplyResult ConvSyncApplyResultFrom(string json)
        {
            var res = Newtonsoft.Json.JsonConvert.DeserializeObject<ConvSyncApplyResult>(json);
            Assert.IsNotNull(res, json);
            return res;
        }

        [Test]
        public void MalformedDocumentsGetTheDocumentedCodeAndChangeNothing()
        {
            var id = Push().sync_push_client_id;
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("keep", H.Ids("c2c_alice"))));
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_bob"), 2UL, true)));
            var log = ListenAll();
            Func<string> snapshot = () => RawPush() + "\n" + string.Join(",", Groups()) + "\n" +
                                          string.Join("\n", H.Await(TencentIMSDK.ConvGetConvListAsync()).Select(c => c.ToJson()));
            var before = snapshot();

            // Not JSON, or not the shape of a state document: TIM_ERR_JSON at once, no callback.
            var called = new Calls<int>();
            ValueCallback<ConvSyncApplyResult> cb = (code, desc, data, ud) => called.Add(code);
            foreach (var bad in new[]
            {
                "", "not json", "[]", "{\"sync_state_version\":", "{\"sync_state_version\":\"1\"}", "{\"sync_state_version\":-1}",
                "{\"sync_state_version\":1,\"sync_state_group_array\":{}}",
                "{\"sync_state_version\":1,\"sync_state_group_array\":[{\"sync_group_name\":\"a\"}]}",
                "{\"sync_state_version\":1,\"sync_state_conv_array\":[{\"sync_conv_conversation_id\":\"c2c_a\",\"sync_conv_is_pinned\":\"yes\"}]}",
                new string('[', 100) + new string(']', 100),
            })
            {
                Assert.AreEqual(TIMResult.TIM_ERR_JSON, TencentIMSDK.ConvSyncApply(bad, cb), bad);
                Assert.AreEqual(-3, H.Fails(TencentIMSDK.ConvSyncApplyAsync(bad)).Code, bad);
            }
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.ConvSyncApply((string)null, cb));
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.ConvSyncApply((ConvSyncStateDocument)null, cb));

            // A state that breaks a rule: refused whole through the callback, with the rule's code.
            Func<string, ConvSyncStateDocument> one = name => new ConvSyncStateDocument
            {
                sync_state_version = 5,
                sync_state_client_id = id,
                sync_state_group_array = new List<ConvSyncGroup> { new ConvSyncGroup { sync_group_id = "g0", sync_group_name = name, sync_group_conversation_id_array = H.Ids("c2c_alice") } },
            };
            var tooMany = one("g");
            tooMany.sync_state_group_array = Enumerable.Range(0, 21)
                .Select(i => new ConvSyncGroup { sync_group_id = "g" + i, sync_group_name = "g" + i, sync_group_conversation_id_array = H.Ids() }).ToList();
            var sameName = one("twice");
            sameName.sync_state_group_array.Add(new ConvSyncGroup { sync_group_id = "g1", sync_group_name = "twice", sync_group_conversation_id_array = H.Ids() });
            var sameID = one("a");
            sameID.sync_state_group_array.Add(new ConvSyncGroup { sync_group_id = "g0", sync_group_name = "b", sync_group_conversation_id_array = H.Ids() });
            var badMember = one("a");
            badMember.sync_state_group_array[0].sync_group_conversation_id_array = H.Ids("alice");
            var reservedMark = one("a");
            reservedMark.sync_state_conv_array = new List<ConvSyncConversation> { new ConvSyncConversation { sync_conv_conversation_id = "c2c_alice", sync_conv_mark_type = 1UL << 4, sync_conv_custom_data = "" } };
            var bigCustom = one("a");
            bigCustom.sync_state_conv_array = new List<ConvSyncConversation> { new ConvSyncConversation { sync_conv_conversation_id = "c2c_alice", sync_conv_custom_data = new string('x', 257) } };
            var otherClient = one("a");
            otherClient.sync_state_client_id = "0123456789abcdef0123456789abcdef";
            var badClient = one("a");
            badClient.sync_state_client_id = "not a client id!";
            var cases = new[]
            {
                Tuple.Create("21 groups", tooMany, 51010),
                Tuple.Create("a repeated group name", sameName, 51012),
                Tuple.Create("a repeated group id", sameID, 6017),
                Tuple.Create("a malformed member id", badMember, 6017),
                Tuple.Create("reserved mark bits", reservedMark, 6017),
                Tuple.Create("custom data over 256 bytes", bigCustom, 6017),
                Tuple.Create("another client's document", otherClient, 6017),
                Tuple.Create("a malformed client id", badClient, 6017),
            };
            foreach (var c in cases)
            {
                var e = H.Fails(TencentIMSDK.ConvSyncApplyAsync(c.Item2));
                Assert.AreEqual(c.Item3, e.Code, c.Item1 + ": " + e.Desc);
                Assert.IsNotEmpty(e.Desc, c.Item1);
                var got = new Calls<Result<ConvSyncApplyResult>>();
                Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSyncApply(c.Item2.ToJson(),
                    (int code, string desc, ConvSyncApplyResult data, string ud) => got.Add(new Result<ConvSyncApplyResult> { Code = code, Desc = desc, Data = data })));
                Assert.AreEqual(c.Item3, got.Wait(1)[0].Code, c.Item1);
            }

            H.Drain();
            Assert.AreEqual(0, called.Count, "no callback for a synchronous rejection");
            CollectionAssert.IsEmpty(log.Snapshot(), "no event");
            Assert.AreEqual(before, snapshot(), "nothing changed");
        }

        [Test]
        public void TypedDocumentsRoundTripKeyForKey()
        {
            // As the library and the reference backend write them (keys in that order).
            var push = @"{""sync_push_client_id"":""3f5e0c2a9b8d4e61a7c0b2d4e6f80912"",""sync_push_last_version"":18446744073709551615,""sync_push_op_array"":[" +
                       @"{""sync_op_id"":1,""sync_op_type"":1,""sync_op_group_id"":""8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"",""sync_op_group_name"":""Work"",""sync_op_conversation_id_array"":[""c2c_alice"",""group_team""]}," +
                       @"{""sync_op_id"":2,""sync_op_type"":2,""sync_op_group_name"":""Old""}," +
                       @"{""sync_op_id"":3,""sync_op_type"":3,""sync_op_group_name"":""Work"",""sync_op_new_group_name"":""工作""}," +
                       @"{""sync_op_id"":4,""sync_op_type"":4,""sync_op_group_name"":""工作"",""sync_op_conversation_id_array"":[""c2c_bob""]}," +
                       @"{""sync_op_id"":5,""sync_op_type"":5,""sync_op_group_name"":""工作"",""sync_op_conversation_id_array"":[""c2c_alice""]}," +
                       @"{""sync_op_id"":6,""sync_op_type"":6,""sync_op_conversation_id_array"":[""c2c_alice""],""sync_op_mark_type"":9223372036854775809,""sync_op_enable_mark"":true}," +
                       @"{""sync_op_id"":7,""sync_op_type"":7,""sync_op_conversation_id"":""c2c_bob"",""sync_op_is_pinned"":false}," +
                       @"{""sync_op_id"":8,""sync_op_type"":8,""sync_op_conversation_id_array"":[""c2c_bob"",""group_team""],""sync_op_custom_data"":""""}," +
                       @"{""sync_op_id"":18446744073709551615,""sync_op_type"":9,""sync_op_conversation_id"":""group_team""}]}";
            var p = ConvSyncPushDocument.FromJson(push);
            Assert.AreEqual(push, p.ToJson());
            Assert.AreEqual(ulong.MaxValue, p.sync_push_last_version);
            Assert.AreEqual(9, p.sync_push_op_array.Count);
            Assert.AreEqual(TIMConvSyncOpType.kTIMConvSyncOp_ConvDelete, p.sync_push_op_array[8].sync_op_type);
            Assert.AreEqual(ulong.MaxValue, p.sync_push_op_array[8].sync_op_id);
            Assert.AreEqual((1UL << 63) + 1, p.sync_push_op_array[5].sync_op_mark_type);
            Assert.AreEqual("工作", p.sync_push_op_array[2].sync_op_new_group_name);
            Assert.AreEqual(false, p.sync_push_op_array[6].sync_op_is_pinned);
            Assert.AreEqual("", p.sync_push_op_array[7].sync_op_custom_data);
            Assert.AreEqual(push, ConvSyncPushDocument.FromJson(p.ToJson()).ToJson(), "stable");

            var state = @"{""sync_state_version"":13,""sync_state_client_id"":""3f5e0c2a9b8d4e61a7c0b2d4e6f80912"",""sync_state_last_op_id"":9,""sync_state_is_unchanged"":false," +
                        @"""sync_state_rejected_array"":[{""sync_rejected_op_id"":8,""sync_rejected_op_type"":3,""sync_rejected_code"":51012,""sync_rejected_desc"":""conversation group \""Job\"" already exists"",""sync_rejected_item_array"":[]}," +
                        @"{""sync_rejected_op_id"":9,""sync_rejected_op_type"":4,""sync_rejected_code"":0,""sync_rejected_desc"":""1 of 2 items rejected"",""sync_rejected_item_array"":[" +
                        @"{""conversation_operation_result_conversation_id"":""c2c_x"",""conversation_operation_result_result_code"":51008,""conversation_operation_result_result_info"":""full""}]}]," +
                        @"""sync_state_group_array"":[{""sync_group_id"":""8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f"",""sync_group_name"":""Work"",""sync_group_conversation_id_array"":[""c2c_alice"",""group_team""]}]," +
                        @"""sync_state_conv_array"":[{""sync_conv_conversation_id"":""c2c_alice"",""sync_conv_mark_type"":18446744073709551615,""sync_conv_is_pinned"":true,""sync_conv_custom_data"":""{\""k\"":1}""}]}";
            var s = ConvSyncStateDocument.FromJson(state);
            Assert.AreEqual(state, s.ToJson());
            Assert.AreEqual(13UL, s.sync_state_version);
            Assert.AreEqual(9UL, s.sync_state_last_op_id);
            Assert.AreEqual(TIMConvSyncOpType.kTIMConvSyncOp_GroupRename, s.sync_state_rejected_array[0].sync_rejected_op_type);
            Assert.AreEqual("conversation group \"Job\" already exists", s.sync_state_rejected_array[0].sync_rejected_desc);
            Assert.AreEqual(51008, s.sync_state_rejected_array[1].sync_rejected_item_array[0].conversation_operation_result_result_code);
            Assert.AreEqual("Work", s.sync_state_group_array[0].sync_group_name);
            Assert.AreEqual(ulong.MaxValue, s.sync_state_conv_array[0].sync_conv_mark_type);
            Assert.AreEqual("{\"k\":1}", s.sync_state_conv_array[0].sync_conv_custom_data);

            // "unchanged": the state arrays stay absent.
            var unchanged = @"{""sync_state_version"":13,""sync_state_client_id"":"""",""sync_state_last_op_id"":0,""sync_state_is_unchanged"":true,""sync_state_rejected_array"":[]}";
            var u = ConvSyncStateDocument.FromJson(unchanged);
            Assert.IsTrue(u.sync_state_is_unchanged);
            Assert.IsNull(u.sync_state_group_array);
            Assert.AreEqual(unchanged, u.ToJson());

            // Keys a class does not declare (a newer backend) survive, at every level.
            var future = JObject.Parse(state);
            future["sync_state_future"] = new JObject { { "a", 1 } };
            ((JObject)future["sync_state_group_array"][0])["sync_group_color"] = "red";
            var f = ConvSyncStateDocument.FromJson(future.ToString());
            Assert.AreEqual("red", (string)f.sync_state_group_array[0].ExtraFields["sync_group_color"]);
            Assert.IsTrue(JToken.DeepEquals(future, JObject.Parse(f.ToJson())), f.ToJson());

            // A typed document built in code writes the documented keys (null fields left out).
            var built = new ConvSyncPushDocument
            {
                sync_push_client_id = "c1",
                sync_push_op_array = new List<ConvSyncOperation>
                {
                    new ConvSyncOperation { sync_op_id = 1, sync_op_type = TIMConvSyncOpType.kTIMConvSyncOp_Pin, sync_op_conversation_id = "c2c_a", sync_op_is_pinned = true },
                },
            };
            Assert.AreEqual(@"{""sync_push_client_id"":""c1"",""sync_push_last_version"":0,""sync_push_op_array"":[{""sync_op_id"":1,""sync_op_type"":7,""sync_op_conversation_id"":""c2c_a"",""sync_op_is_pinned"":true}]}",
                built.ToJson());

            // The apply result, as the library writes it.
            var result = @"{""sync_apply_is_applied"":true,""sync_apply_version"":13,""sync_apply_rejected_array"":[{""sync_rejected_op_id"":8,""sync_rejected_op_type"":3,""sync_rejected_code"":51012,""sync_rejected_desc"":""exists"",""sync_rejected_item_array"":[]}],""sync_apply_pending_count"":2,""sync_apply_is_client_id_renewed"":false}";
            var ar = Newtonsoft.Json.JsonConvert.DeserializeObject<ConvSyncApplyResult>(result);
            Assert.AreEqual(2, ar.sync_apply_pending_count);
            Assert.AreEqual(51012, ar.sync_apply_rejected_array[0].sync_rejected_code);
            Assert.AreEqual(result, ar.ToJson());
        }

        [Test]
        public void TheLibrarysOwnDocumentsRoundTripAndApply()
        {
            // The push the library writes reads and writes back unchanged; a state document made
            // from it (as a backend that accepted everything would answer) empties the outbox with
            // no visible change.
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("work", H.Ids("c2c_alice", "group_g1"))));
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice"), 1UL << 40, true)));
            H.Await(TencentIMSDK.ConvPinConversationAsync("alice", TIMConvType.kTIMConv_C2C, true));
            var raw = RawPush();
            var push = ConvSyncPushDocument.FromJson(raw);
            Assert.AreEqual(raw, push.ToJson());
            var log = ListenAll();
            var state = new ConvSyncStateDocument
            {
                sync_state_version = 1,
                sync_state_client_id = push.sync_push_client_id,
                sync_state_last_op_id = push.sync_push_op_array.Last().sync_op_id,
                sync_state_rejected_array = new List<ConvSyncRejectedOperation>(),
                sync_state_group_array = new List<ConvSyncGroup>
                {
                    new ConvSyncGroup
                    {
                        sync_group_id = push.sync_push_op_array[0].sync_op_group_id, sync_group_name = "work",
                        sync_group_conversation_id_array = H.Ids("c2c_alice", "group_g1"),
                    },
                },
                sync_state_conv_array = new List<ConvSyncConversation>
                {
                    new ConvSyncConversation { sync_conv_conversation_id = "c2c_alice", sync_conv_mark_type = 1UL << 40, sync_conv_is_pinned = true, sync_conv_custom_data = "" },
                },
            };
            var res = H.Await(TencentIMSDK.ConvSyncApplyAsync(state));
            Assert.IsTrue(res.sync_apply_is_applied);
            Assert.AreEqual(0, res.sync_apply_pending_count);
            H.Drain();
            CollectionAssert.AreEqual(new[] { "start", "finish" }, log.Snapshot(), "no visible change");
            var after = Push();
            Assert.AreEqual(1UL, after.sync_push_last_version);
            CollectionAssert.IsEmpty(after.sync_push_op_array);
            CollectionAssert.AreEqual(new ulong[] { 1UL << 40 }, H.Get("c2c_alice").conv_mark_array);
        }

        [Test]
        public void SyncCallsNeedInitAndLogin()
        {
            H.Await(TencentIMSDK.LogoutAsync());
            Assert.AreEqual(TIMResult.TIM_ERR_NOTLOGIN, TencentIMSDK.ConvSyncGetPendingChanges(0, (ValueCallback<string>)null));
            Assert.AreEqual(-2, H.Fails(TencentIMSDK.ConvSyncApplyAsync("{\"sync_state_version\":1}")).Code);
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            Assert.AreEqual(-1, H.Fails(TencentIMSDK.ConvSyncGetPendingChangesAsync()).Code);
            TencentIMSDK.SetConvSyncRejectedCallback((l, ud) => { });   // any state, as every setter
            TencentIMSDK.RemoveConvSyncRejectedCallback();
        }
    }
}
