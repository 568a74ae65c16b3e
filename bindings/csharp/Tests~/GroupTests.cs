using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    [TestFixture]
    public class GroupTests : SdkFixture
    {
        [Test]
        public void CreateListRenameAddRemoveDeleteWithListeners()
        {
            var log = new Calls<string>();
            var created = new Calls<List<ConvInfo>>();
            var added = new Calls<List<ConvInfo>>();
            var removed = new Calls<List<ConvInfo>>();
            TencentIMSDK.SetConvConversationGroupCreatedCallback((string name, List<ConvInfo> convs, string ud) =>
            {
                log.Add("created " + name);
                created.Add(convs);
            });
            TencentIMSDK.SetConvConversationGroupNameChangedCallback((o, n, ud) => log.Add("renamed " + o + " " + n));
            TencentIMSDK.SetConvConversationsAddedToGroupCallback((string name, List<ConvInfo> convs, string ud) =>
            {
                log.Add("added " + name);
                added.Add(convs);
            });
            TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((string name, List<ConvInfo> convs, uint reason, string ud) =>
            {
                log.Add("removed " + name + " " + reason);
                removed.Add(convs);
            });
            TencentIMSDK.SetConvConversationGroupDeletedCallback((name, ud) => log.Add("deleted " + name));

            var results = new Calls<Result<List<ConversationOperationResult>>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCreateConversationGroup("work", H.Ids("c2c_alice", "c2c_nobody", "nope", "c2c_alice"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) =>
                {
                    log.Add("create callback");
                    results.Add(new Result<List<ConversationOperationResult>> { Code = code, Data = r, UserData = ud });
                }));
            var res = results.Wait(1)[0];
            Assert.AreEqual(0, res.Code);
            StringAssert.StartsWith("ConvCreateConversationGroup_KeyString_", res.UserData);
            CollectionAssert.AreEqual(new[] { "c2c_alice", "c2c_nobody", "nope", "c2c_alice" },
                res.Data.Select(r => r.conversation_operation_result_conversation_id).ToArray());
            CollectionAssert.AreEqual(new[] { 0, 6004, 6017, 0 }, res.Data.Select(r => r.conversation_operation_result_result_code).ToArray());
            var alice = created.Wait(1)[0].Single();
            Assert.AreEqual("alice", alice.conv_id);
            CollectionAssert.AreEqual(new[] { "work" }, alice.conv_conversation_group_array);

            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("home", H.Ids("group_g1"))));
            CollectionAssert.AreEqual(new[] { "work", "home" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));

            var renamed = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvRenameConversationGroup("work", "office", (int code, string desc, string ud) => renamed.Add(code)));
            Assert.AreEqual(0, renamed.Wait(1)[0]);
            var names = new Calls<List<string>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConversationGroupList((int code, string desc, List<string> list, string ud) => names.Add(list)));
            CollectionAssert.AreEqual(new[] { "office", "home" }, names.Wait(1)[0], "a renamed group keeps its place");

            var addRes = new Calls<List<ConversationOperationResult>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvAddConversationsToGroup("office", H.Ids("c2c_bob", "c2c_alice"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) => addRes.Add(r)));
            H.AllOk(addRes.Wait(1)[0]);
            Assert.AreEqual("bob", added.Wait(1)[0].Single().conv_id, "only the conversations actually added");

            var page = H.Page(new ConversationListFilter { conversation_list_filter_conversation_group = "office" });
            CollectionAssert.AreEqual(new[] { "alice", "bob" }, page.Select(c => c.conv_id).ToArray());

            var remRes = new Calls<List<ConversationOperationResult>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationsFromGroup("office", H.Ids("c2c_alice", "c2c_g1"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) => remRes.Add(r)));
            CollectionAssert.AreEqual(new[] { 0, 6004 }, remRes.Wait(1)[0].Select(r => r.conversation_operation_result_result_code).ToArray());
            Assert.AreEqual("alice", removed.Wait(1)[0].Single().conv_id);
            CollectionAssert.IsEmpty(H.Get("c2c_alice").conv_conversation_group_array);

            var deleted = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationGroup("office", (int code, string desc, string ud) => deleted.Add(code)));
            Assert.AreEqual(0, deleted.Wait(1)[0]);
            CollectionAssert.AreEqual(new[] { "home" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
            Assert.AreEqual(3, H.All().Count, "deleting a group keeps its conversations");

            CollectionAssert.AreEqual(new[]
            {
                "created work", "create callback", "created home", "renamed work office", "added office",
                "removed office 0", "deleted office",
            }, log.Snapshot());
        }

        [Test]
        public void RawJsonOverloads()
        {
            var raw = new Calls<Result<string>>();
            ValueCallback<string> cb = (code, desc, json, ud) => raw.Add(new Result<string> { Code = code, Desc = desc, Data = json });
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCreateConversationGroup("a", H.Ids("c2c_alice"), cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvAddConversationsToGroup("a", H.Ids("c2c_bob"), cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConversationGroupList(cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationsFromGroup("a", H.Ids("c2c_bob"), cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvRenameConversationGroup("a", "b", cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConversationListByFilter(null, 0, 10, cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationGroup("b", cb));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationGroup("b", cb));
            var got = raw.Wait(8);
            Assert.AreEqual("c2c_alice", (string)JArray.Parse(got[0].Data)[0]["conversation_operation_result_conversation_id"]);
            Assert.AreEqual("c2c_bob", (string)JArray.Parse(got[1].Data)[0]["conversation_operation_result_conversation_id"]);
            Assert.AreEqual("[\"a\"]", got[2].Data.Replace(" ", ""));
            Assert.AreEqual(0, (int)JArray.Parse(got[3].Data)[0]["conversation_operation_result_result_code"]);
            Assert.AreEqual(0, got[4].Code);
            Assert.AreEqual(3, ((JArray)JObject.Parse(got[5].Data)["conversation_list_result_conv_list"]).Count);
            Assert.AreEqual(0, got[6].Code);
            Assert.AreEqual(51009, got[7].Code);
            Assert.IsNotEmpty(got[7].Desc);
        }

        [Test]
        public void ErrorCodes()
        {
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("", H.Ids("c2c_alice"))).Code);
            Assert.AreEqual(51011, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync(new string('x', 33), H.Ids("c2c_alice"))).Code);
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids())).Code);
            var many = Enumerable.Range(0, 101).Select(i => "c2c_u" + i).ToList();
            Assert.AreEqual(51006, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("g", many)).Code);
            Assert.AreEqual(51006, H.Fails(TencentIMSDK.ConvAddConversationsToGroupAsync("g", many)).Code);

            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids("c2c_alice")));
            var dup = H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids("c2c_bob")));
            Assert.AreEqual(51012, dup.Code);
            Assert.IsNotEmpty(dup.Desc);
            Assert.AreEqual(51009, H.Fails(TencentIMSDK.ConvAddConversationsToGroupAsync("missing", H.Ids("c2c_bob"))).Code);
            Assert.AreEqual(51009, H.Fails(TencentIMSDK.ConvDeleteConversationsFromGroupAsync("missing", H.Ids("c2c_bob"))).Code);
            Assert.AreEqual(51009, H.Fails(TencentIMSDK.ConvRenameConversationGroupAsync("missing", "x")).Code);
            Assert.AreEqual(51009, H.Fails(TencentIMSDK.ConvDeleteConversationGroupAsync("missing")).Code);
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvDeleteConversationGroupAsync("")).Code);
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("G", H.Ids("c2c_bob")));
            Assert.AreEqual(51012, H.Fails(TencentIMSDK.ConvRenameConversationGroupAsync("g", "G")).Code, "names are case-sensitive and unique");
            H.Await(TencentIMSDK.ConvRenameConversationGroupAsync("g", "g"));

            for (var i = 2; i < 20; i++) H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("n" + i, H.Ids("c2c_alice")));
            Assert.AreEqual(20, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()).Count);
            Assert.AreEqual(51010, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("one-too-many", H.Ids("c2c_alice"))).Code);

            // The typed callback gets the code too (and a null result list).
            var r = new Calls<Result<List<ConversationOperationResult>>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvAddConversationsToGroup("missing", H.Ids("c2c_bob"),
                (int code, string desc, List<ConversationOperationResult> data, string ud) => r.Add(new Result<List<ConversationOperationResult>> { Code = code, Desc = desc, Data = data })));
            var got = r.Wait(1)[0];
            Assert.AreEqual(51009, got.Code);
            StringAssert.Contains("missing", got.Desc);
            Assert.IsNull(got.Data);
        }

        [Test]
        public void Utf8GroupNames()
        {
            var created = new Calls<string>();
            var renamed = new Calls<Tuple<string, string>>();
            TencentIMSDK.SetConvConversationGroupCreatedCallback((string name, List<ConvInfo> convs, string ud) => created.Add(name));
            TencentIMSDK.SetConvConversationGroupNameChangedCallback((o, n, ud) => renamed.Add(Tuple.Create(o, n)));

            const string work = "工作组🚀";        // 13 UTF-8 bytes
            const string composed = "caf\u00e9";   // é as one code point
            const string decomposed = "cafe\u0301"; // e + combining accent: other bytes, other group
            var exactly32 = new string('组', 10) + "ab"; // 30 + 2 bytes
            var bytes33 = new string('组', 11);         // 33 bytes, 11 characters

            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync(work, H.Ids("c2c_alice"))));
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync(composed, H.Ids("c2c_bob"))));
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync(decomposed, H.Ids("group_g1"))));
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync(exactly32, H.Ids("group_g1"))));
            Assert.AreEqual(51011, H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync(bytes33, H.Ids("c2c_alice"))).Code);

            CollectionAssert.AreEqual(new[] { work, composed, decomposed, exactly32 }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
            CollectionAssert.AreEqual(new[] { work, composed, decomposed, exactly32 }, created.Wait(4));
            CollectionAssert.AreEqual(new[] { work }, H.Get("c2c_alice").conv_conversation_group_array);
            CollectionAssert.AreEqual(new[] { decomposed, exactly32 }, H.Get("group_g1").conv_conversation_group_array);

            var page = H.Page(new ConversationListFilter { conversation_list_filter_conversation_group = composed });
            CollectionAssert.AreEqual(new[] { "bob" }, page.Select(c => c.conv_id).ToArray());

            H.Await(TencentIMSDK.ConvRenameConversationGroupAsync(work, "家庭 👪"));
            var rn = renamed.Wait(1)[0];
            Assert.AreEqual(work, rn.Item1);
            Assert.AreEqual("家庭 👪", rn.Item2);
            CollectionAssert.AreEqual(new[] { "家庭 👪" }, H.Get("c2c_alice").conv_conversation_group_array);
        }

        [Test]
        public void SetterReplacesAndRemoveClears()
        {
            var first = new Calls<string>();
            var second = new Calls<string>();
            var raw = new Calls<string>();
            ConvConversationGroupCreatedCallback a = (name, convs, ud) => first.Add(name);
            ConvConversationGroupCreatedCallback b = (name, convs, ud) => second.Add(name);
            TencentIMSDK.SetConvConversationGroupCreatedCallback(a);
            TencentIMSDK.SetConvConversationGroupCreatedCallback(b, (name, json, ud) => raw.Add(json));
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("x1", H.Ids("c2c_alice")));
            H.Drain();
            Assert.AreEqual(0, first.Count);
            Assert.AreEqual(1, second.Count);
            Assert.AreEqual("alice", (string)JArray.Parse(raw.Wait(1)[0])[0]["conv_id"]);

            TencentIMSDK.RemoveConvConversationGroupCreatedCallback(b);
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("x2", H.Ids("c2c_alice")));
            H.Drain();
            Assert.AreEqual(1, second.Count, "removed");
            Assert.AreEqual(2, raw.Count, "the string form stays");

            TencentIMSDK.RemoveConvConversationGroupCreatedCallback();
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("x3", H.Ids("c2c_alice")));
            H.Drain();
            Assert.AreEqual(2, raw.Count, "all cleared");

            var ev = new Calls<TIMConvEvent>();
            TencentIMSDK.SetConvEventCallback((e, l, ud) => ev.Add(e));
            TencentIMSDK.SetConvEventCallback();
            H.Await(TencentIMSDK.ConvPinConversationAsync("bob", TIMConvType.kTIMConv_C2C, true));
            H.Drain();
            Assert.AreEqual(0, ev.Count);
        }

        [Test]
        public void StringFormsOfGroupListeners()
        {
            var raw = new Calls<string>();
            TencentIMSDK.SetConvConversationsAddedToGroupCallback(null, (name, json, ud) => raw.Add("added " + name + " " + JArray.Parse(json)[0]["conv_id"]));
            TencentIMSDK.SetConvConversationsDeletedFromGroupCallback(null, (name, json, reason, ud) => raw.Add("removed " + name + " " + JArray.Parse(json)[0]["conv_id"] + " " + reason));
            TencentIMSDK.SetConvEventCallback(null, (ev, json, ud) =>
            {
                if (ev == TIMConvEvent.kTIMConvEvent_Update) raw.Add("update " + JArray.Parse(json).Count);
            });
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("s", H.Ids("c2c_alice")));
            H.Await(TencentIMSDK.ConvAddConversationsToGroupAsync("s", H.Ids("c2c_bob")));
            H.Await(TencentIMSDK.ConvDeleteConversationsFromGroupAsync("s", H.Ids("c2c_bob")));
            H.Drain();
            // The order of a group listener and the Update event of the same operation is not specified.
            CollectionAssert.AreEquivalent(new[] { "update 1", "added s bob", "update 1", "removed s bob 0", "update 1" }, raw.Snapshot());
            Assert.AreEqual("update 1", raw.Snapshot()[0]);
        }

        [Test]
        public void ListenerEventsComeBeforeTheCallback()
        {
            var order = new Calls<string>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) => order.Add("event " + ev));
            TencentIMSDK.SetConvConversationsAddedToGroupCallback((name, list, ud) => order.Add("added"));
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("o", H.Ids("c2c_alice")));
            H.Drain();
            var before = order.Count;
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvAddConversationsToGroup("o", H.Ids("c2c_bob"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) => order.Add("callback")));
            var all = order.Wait(before + 3).Skip(before).ToList();
            Assert.AreEqual("callback", all.Last());
            CollectionAssert.AreEquivalent(new[] { "event kTIMConvEvent_Update", "added", "callback" }, all);
        }
    }

    [TestFixture]
    public class FilterTests : SdkFixture
    {
        [Test]
        public void NullFieldsAreLeftOutOfTheJson()
        {
            Assert.AreEqual("{}", new ConversationListFilter().ToJson());
            var f = new ConversationListFilter
            {
                conversation_list_filter_conversation_group = "",
                conversation_list_filter_mark_type = 0,
                conversation_list_filter_conv_type = TIMConvType.kTIMConv_Invalid,
                conversation_list_filter_has_unread_count = false,
            };
            var o = JObject.Parse(f.ToJson());
            Assert.AreEqual("", (string)o["conversation_list_filter_conversation_group"]);
            Assert.AreEqual(0, (int)o["conversation_list_filter_mark_type"]);
            Assert.AreEqual(0, (int)o["conversation_list_filter_conv_type"]);
            Assert.AreEqual(false, (bool)o["conversation_list_filter_has_unread_count"]);
            Assert.IsNull(o["conversation_list_filter_has_group_at_info"]);
            var big = new ConversationListFilter { conversation_list_filter_mark_type = (TIMConversationMarkType)(1UL << 63) };
            StringAssert.Contains("9223372036854775808", big.ToJson());

            var upsert = new ConvInfo { conv_id = "x", conv_type = TIMConvType.kTIMConv_C2C };
            Assert.AreEqual("{\"conv_id\":\"x\",\"conv_type\":1}", upsert.ToJson());
        }

        [Test]
        public void NullGroupMeansAnyGroupAndEmptyMeansNoGroup()
        {
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("work", H.Ids("c2c_alice")));
            CollectionAssert.AreEqual(new[] { "alice", "bob", "g1" }, H.Page(new ConversationListFilter()).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice", "bob", "g1" }, H.Page(null).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "bob", "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_conversation_group = "" }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice" },
                H.Page(new ConversationListFilter { conversation_list_filter_conversation_group = "work" }).Select(c => c.conv_id).ToArray());
            var none = H.Await(TencentIMSDK.ConvGetConversationListByFilterAsync(new ConversationListFilter { conversation_list_filter_conversation_group = "nope" }, 0, 10));
            Assert.IsTrue(none.conversation_list_result_is_finished);
            CollectionAssert.IsEmpty(none.conversation_list_result_conv_list);
        }

        [Test]
        public void NullMarkMeansAnyAndZeroMeansUnmarked()
        {
            H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_bob"), TIMConversationMarkType.kTIMConversationMarkTypeStar, true));
            CollectionAssert.AreEqual(new[] { "alice", "bob", "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_mark_type = null }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice", "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_mark_type = 0 }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "bob" },
                H.Page(new ConversationListFilter { conversation_list_filter_mark_type = TIMConversationMarkType.kTIMConversationMarkTypeStar }).Select(c => c.conv_id).ToArray());
        }

        [Test]
        public void OtherFilterFields()
        {
            CollectionAssert.AreEqual(new[] { "alice", "bob" },
                H.Page(new ConversationListFilter { conversation_list_filter_conv_type = TIMConvType.kTIMConv_C2C }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice", "bob", "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_conv_type = TIMConvType.kTIMConv_Invalid }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "bob", "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_has_unread_count = true }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice" },
                H.Page(new ConversationListFilter { conversation_list_filter_has_unread_count = false }).Select(c => c.conv_id).ToArray());
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo>
            {
                new ConvInfo
                {
                    conv_id = "g1", conv_type = TIMConvType.kTIMConv_Group,
                    conv_group_at_info_array = new List<GroupAtInfo> { new GroupAtInfo { conv_group_at_info_seq = 5, conv_group_at_info_at_type = TIMGroupAtType.kTIMGroup_At_Me } },
                },
            })));
            CollectionAssert.AreEqual(new[] { "g1" },
                H.Page(new ConversationListFilter { conversation_list_filter_has_group_at_info = true }).Select(c => c.conv_id).ToArray());
            CollectionAssert.AreEqual(new[] { "alice", "bob" },
                H.Page(new ConversationListFilter { conversation_list_filter_has_group_at_info = false }).Select(c => c.conv_id).ToArray());
        }

        [Test]
        public void PagingVisitsEveryConversationOnce()
        {
            var items = Enumerable.Range(0, 25).Select(i => H.C2C("p" + i.ToString("D2"), (ulong)(1000 + i))).ToList();
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(items)));
            var pages = new List<int>();
            var seen = new List<string>();
            ulong seq = 0;
            while (true)
            {
                var page = H.Await(TencentIMSDK.ConvGetConversationListByFilterAsync(null, seq, 10));
                pages.Add(page.conversation_list_result_conv_list.Count);
                seen.AddRange(page.conversation_list_result_conv_list.Select(c => c.conv_id));
                if (page.conversation_list_result_is_finished) break;
                seq = page.conversation_list_result_next_seq;
            }
            CollectionAssert.AreEqual(new[] { 10, 10, 8 }, pages);
            Assert.AreEqual(28, seen.Distinct().Count());
            Assert.AreEqual("p24", seen[0]);

            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvGetConversationListByFilterAsync(null, 0, 0)).Code);
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvGetConversationListByFilterAsync(null, 0, 1001)).Code);
        }

        [Test]
        public void TypedPageCallback()
        {
            var pages = new Calls<ConversationListResult>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConversationListByFilter(
                new ConversationListFilter { conversation_list_filter_conv_type = TIMConvType.kTIMConv_C2C }, 0, 1,
                (int code, string desc, ConversationListResult result, string ud) => pages.Add(result)));
            var p = pages.Wait(1)[0];
            Assert.AreEqual("alice", p.conversation_list_result_conv_list.Single().conv_id);
            Assert.IsFalse(p.conversation_list_result_is_finished);
            Assert.AreNotEqual(0UL, p.conversation_list_result_next_seq);
        }
    }
}
