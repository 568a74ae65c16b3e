using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    [TestFixture]
    public class LoginTests : SdkFixture
    {
        protected override bool Seed
        {
            get { return false; }
        }

        [Test]
        public void VersionIsTheLibraryVersion()
        {
            Assert.AreEqual("1.0.0", TencentIMSDK.GetSDKVersion());
        }

        [Test]
        public void LoginStatusAndUserID()
        {
            Assert.AreEqual(TIMLoginStatus.kTIMLoginStatus_Logined, TencentIMSDK.GetLoginStatus());
            var sb = new StringBuilder("junk");
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.GetLoginUserID(sb));
            Assert.AreEqual("me", sb.ToString());

            H.Await(TencentIMSDK.LogoutAsync());
            Assert.AreEqual(TIMLoginStatus.kTIMLoginStatus_UnLogined, TencentIMSDK.GetLoginStatus());
            Assert.AreEqual(TIMResult.TIM_ERR_NOTLOGIN, TencentIMSDK.GetLoginUserID(sb));
            Assert.AreEqual("", sb.ToString());

            // A UTF-8 user ID survives the round trip.
            H.Await(TencentIMSDK.LoginAsync("用户-é🚀", "sig"));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.GetLoginUserID(sb));
            Assert.AreEqual("用户-é🚀", sb.ToString());
        }

        [Test]
        public void LoginFiresStartAndFinishBeforeItsCallback()
        {
            H.Await(TencentIMSDK.LogoutAsync());
            var order = new Calls<string>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) =>
            {
                Assert.IsNotNull(list);
                Assert.AreEqual(0, list.Count);
                order.Add(ev.ToString());
            });
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Login("me", "sig", (int code, string desc, string user_data) =>
            {
                Assert.AreEqual(0, code, desc);
                StringAssert.StartsWith("Login_KeyString_", user_data);
                order.Add("login");
            }));
            CollectionAssert.AreEqual(new[] { "kTIMConvEvent_Start", "kTIMConvEvent_Finish", "login" }, order.Wait(3));
        }

        [Test]
        public void LoginAndLogoutRawOverloads()
        {
            var calls = new Calls<Result<string>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Logout((int code, string desc, string json, string ud) =>
                calls.Add(new Result<string> { Code = code, Data = json })));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Login("me", "sig", (int code, string desc, string json, string ud) =>
                calls.Add(new Result<string> { Code = code, Data = json })));
            var got = calls.Wait(2);
            Assert.AreEqual(0, got[0].Code);
            Assert.AreEqual(0, got[1].Code);
        }

        [Test]
        public void LogCallbackReceivesLines()
        {
            var lines = new Calls<Tuple<TIMLogLevel, string>>();
            TencentIMSDK.SetLogCallback((TIMLogLevel level, string log, string ud) => lines.Add(Tuple.Create(level, log)));
            H.Await(TencentIMSDK.LogoutAsync());
            H.Await(TencentIMSDK.LoginAsync("me", "sig"));
            var got = lines.Wait(2);
            Assert.IsTrue(got.Any(l => l.Item1 == TIMLogLevel.kTIMLog_Info && l.Item2.Contains("logged in")), string.Join("\n", got));
            TencentIMSDK.SetLogCallback(null);
            var n = lines.Count;
            H.Await(TencentIMSDK.LogoutAsync());
            H.Await(TencentIMSDK.LogoutAsync());
            Assert.AreEqual(n, lines.Count, "cleared");
        }

        [Test]
        public void LoginAsAnotherUserFailsWith6017()
        {
            var e = H.Fails(TencentIMSDK.LoginAsync("someone-else", "sig"));
            Assert.AreEqual(6017, e.Code);
            Assert.IsNotEmpty(e.Desc);
        }

        [Test]
        public void ConversationCallsNeedLogin()
        {
            H.Await(TencentIMSDK.LogoutAsync());
            var called = false;
            Assert.AreEqual(TIMResult.TIM_ERR_NOTLOGIN, TencentIMSDK.ConvCreateConversationGroup("x", H.Ids("c2c_a"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) => called = true));
            Assert.AreEqual(TIMResult.TIM_ERR_NOTLOGIN, TencentIMSDK.ConvGetConvList((int c, string d, List<ConvInfo> l, string u) => called = true));
            var e = H.Fails(TencentIMSDK.ConvGetConversationGroupListAsync());
            Assert.AreEqual((int)TIMResult.TIM_ERR_NOTLOGIN, e.Code);
            Assert.AreEqual(TIMResult.TIM_ERR_NOTLOGIN, e.Result);
            Assert.AreEqual(0, Core.PendingCount, "a rejected call must not leave state behind");
            Assert.IsFalse(called);
        }

        [Test]
        public void NullArgumentsAreRejectedAtOnce()
        {
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.ConvCreateConversationGroup(null, H.Ids("c2c_a"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) => Assert.Fail("no callback")));
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.ConvAddConversationsToGroup("g", null,
                (int code, string desc, List<ConversationOperationResult> r, string ud) => Assert.Fail("no callback")));
            Assert.AreEqual(TIM_ERR(TencentIMSDK.ConvDeleteConversationGroupAsync(null)), (int)TIMResult.TIM_ERR_PARAM);
            Assert.AreEqual(0, Core.PendingCount);
        }

        private static int TIM_ERR(System.Threading.Tasks.Task t)
        {
            return H.Fails(t).Code;
        }
    }

    [TestFixture]
    public class ConversationTests : SdkFixture
    {
        [Test]
        public void UpsertReturnsTypedResultsAndFiresAddThenUpdate()
        {
            var events = new Calls<KeyValuePair<TIMConvEvent, List<ConvInfo>>>();
            TencentIMSDK.SetConvEventCallback((TIMConvEvent ev, List<ConvInfo> list, string ud) =>
                events.Add(new KeyValuePair<TIMConvEvent, List<ConvInfo>>(ev, list)));

            var results = new Calls<Result<List<ConversationOperationResult>>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvUpsertConversations(
                new List<ConvInfo> { H.C2C("carol", 400), new ConvInfo { conv_id = "", conv_type = TIMConvType.kTIMConv_C2C } },
                (int code, string desc, List<ConversationOperationResult> data, string ud) =>
                {
                    Assert.AreEqual(1, events.Count, "the Add event comes before the call's callback");
                    results.Add(new Result<List<ConversationOperationResult>> { Code = code, Data = data, UserData = ud });
                }));
            var r = results.Wait(1)[0];
            Assert.AreEqual(0, r.Code);
            StringAssert.StartsWith("ConvUpsertConversations_KeyString_", r.UserData);
            Assert.AreEqual(2, r.Data.Count);
            Assert.AreEqual("c2c_carol", r.Data[0].conversation_operation_result_conversation_id);
            Assert.AreEqual(0, r.Data[0].conversation_operation_result_result_code);
            Assert.AreEqual(6017, r.Data[1].conversation_operation_result_result_code);

            var add = events.Wait(1)[0];
            Assert.AreEqual(TIMConvEvent.kTIMConvEvent_Add, add.Key);
            Assert.AreEqual("carol", add.Value.Single().conv_id);
            Assert.AreEqual(TIMConvType.kTIMConv_C2C, add.Value.Single().conv_type);

            // Only the unread count changes: the other fields are left out of the JSON and kept.
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo>
            {
                new ConvInfo { conv_id = "carol", conv_type = TIMConvType.kTIMConv_C2C, conv_unread_num = 7 },
            })));
            var up = events.Wait(2)[1];
            Assert.AreEqual(TIMConvEvent.kTIMConvEvent_Update, up.Key);
            var carol = up.Value.Single();
            Assert.AreEqual(7UL, carol.conv_unread_num);
            Assert.AreEqual("CAROL", carol.conv_show_name);
            Assert.AreEqual(400UL, carol.conv_active_time);

            // Unchanged: no event.
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo>
            {
                new ConvInfo { conv_id = "carol", conv_type = TIMConvType.kTIMConv_C2C, conv_unread_num = 7 },
            })));
            H.Drain();
            Assert.AreEqual(2, events.Count);
        }

        [Test]
        public void ConvInfoKeepsUInt64AndOpaqueMessages()
        {
            var lastMsg = new Message();
            lastMsg["message_msg_id"] = "m-1";
            lastMsg["message_seq"] = new JValue(18446744073709551615UL);
            lastMsg["message_elem_array"] = JArray.Parse("[{\"elem_type\":0,\"text_elem_content\":\"héllo 🚀\",\"when\":\"2024-01-01T00:00:00Z\"}]");
            var big = new ConvInfo
            {
                conv_id = "big",
                conv_type = TIMConvType.kTIMConv_Group,
                conv_unread_num = (1UL << 60) + 1,
                conv_active_time = 18446744073709551615UL,
                conv_last_msg = lastMsg,
                conv_recv_opt = TIMReceiveMessageOpt.kTIMRecvMsgOpt_Not_Notify,
                conv_group_type = 1,
                conv_group_at_info_array = new List<GroupAtInfo>
                {
                    new GroupAtInfo { conv_group_at_info_seq = (1UL << 63) + 5, conv_group_at_info_at_type = TIMGroupAtType.kTIMGroup_At_All },
                },
            };
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { big })));
            var got = H.Get("group_big");
            Assert.AreEqual((1UL << 60) + 1, got.conv_unread_num);
            Assert.AreEqual(18446744073709551615UL, got.conv_active_time);
            Assert.AreEqual(TIMReceiveMessageOpt.kTIMRecvMsgOpt_Not_Notify, got.conv_recv_opt);
            Assert.AreEqual(1, got.conv_group_type);
            Assert.AreEqual(true, got.conv_is_has_lastmsg);
            Assert.AreEqual("m-1", (string)got.conv_last_msg["message_msg_id"]);
            Assert.AreEqual("18446744073709551615", got.conv_last_msg["message_seq"].ToString());
            var elem = (JObject)((JArray)got.conv_last_msg["message_elem_array"])[0];
            Assert.AreEqual("héllo 🚀", (string)elem["text_elem_content"]);
            Assert.AreEqual("2024-01-01T00:00:00Z", (string)elem["when"], "strings that look like dates stay strings");
            Assert.AreEqual((1UL << 63) + 5, got.conv_group_at_info_array.Single().conv_group_at_info_seq);
            Assert.AreEqual(TIMGroupAtType.kTIMGroup_At_All, got.conv_group_at_info_array.Single().conv_group_at_info_at_type);
            Assert.IsNull(got.conv_draft);
            Assert.AreEqual(false, got.conv_is_has_draft);
            // Pinned status, marks, custom data, groups: filled in by the library.
            Assert.AreEqual(false, got.conv_is_pinned);
            Assert.IsNotNull(got.conv_mark_array);
            Assert.AreEqual("", got.conv_custom_data);
            Assert.IsNotNull(got.conv_conversation_group_array);
        }

        [Test]
        public void ListOrderAndGetConvInfo()
        {
            var list = H.All();
            CollectionAssert.AreEqual(new[] { "alice", "bob", "g1" }, list.Select(c => c.conv_id).ToArray());

            H.Await(TencentIMSDK.ConvPinConversationAsync("g1", TIMConvType.kTIMConv_Group, true));
            list = H.All();
            CollectionAssert.AreEqual(new[] { "g1", "alice", "bob" }, list.Select(c => c.conv_id).ToArray());
            Assert.AreEqual(true, list[0].conv_is_pinned);

            var raw = new Calls<string>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConvList((int code, string desc, string json, string ud) => raw.Add(json)));
            var arr = JArray.Parse(raw.Wait(1)[0]);
            Assert.AreEqual(3, arr.Count);

            var info = H.Await(TencentIMSDK.ConvGetConvInfoAsync(new List<ConvParam>
            {
                new ConvParam { get_conversation_list_param_conv_id = "bob", get_conversation_list_param_conv_type = TIMConvType.kTIMConv_C2C },
                new ConvParam { get_conversation_list_param_conv_id = "nobody", get_conversation_list_param_conv_type = TIMConvType.kTIMConv_C2C },
                new ConvParam { get_conversation_list_param_conv_id = "g1", get_conversation_list_param_conv_type = TIMConvType.kTIMConv_Group },
            }));
            CollectionAssert.AreEqual(new[] { "bob", "g1" }, info.Select(c => c.conv_id).ToArray());
            Assert.AreEqual(2UL, info[0].conv_unread_num);

            var typed = new Calls<List<ConvInfo>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConvInfo(
                new List<ConvParam> { new ConvParam { get_conversation_list_param_conv_id = "alice", get_conversation_list_param_conv_type = TIMConvType.kTIMConv_C2C } },
                (int code, string desc, List<ConvInfo> data, string ud) => typed.Add(data)));
            Assert.AreEqual("alice", typed.Wait(1)[0].Single().conv_id);
        }

        [Test]
        public void DeleteFiresDelAndLeavesGroups()
        {
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("work", H.Ids("c2c_alice", "c2c_bob"))));
            var del = new Calls<List<ConvInfo>>();
            var left = new Calls<Tuple<string, List<ConvInfo>, uint>>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) =>
            {
                if (ev == TIMConvEvent.kTIMConvEvent_Del) del.Add(list);
            });
            TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((name, list, reason, ud) =>
                left.Add(Tuple.Create(name, list, reason)));

            var done = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDelete("alice", TIMConvType.kTIMConv_C2C, (int code, string desc, string ud) =>
            {
                Assert.AreEqual(1, del.Count, "Del comes before the callback");
                done.Add(code);
            }));
            Assert.AreEqual(0, done.Wait(1)[0]);
            var gone = del.Wait(1)[0].Single();
            Assert.AreEqual("alice", gone.conv_id);
            var l = left.Wait(1)[0];
            Assert.AreEqual("work", l.Item1);
            Assert.AreEqual("alice", l.Item2.Single().conv_id);
            Assert.AreEqual(0u, l.Item3);
            CollectionAssert.AreEqual(new[] { "bob", "g1" }, H.All().Select(c => c.conv_id).ToArray());

            Assert.AreEqual(6004, H.Fails(TencentIMSDK.ConvDeleteAsync("alice", TIMConvType.kTIMConv_C2C)).Code);

            var raw = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDelete("bob", TIMConvType.kTIMConv_C2C, (int code, string desc, string json, string ud) => raw.Add(code)));
            Assert.AreEqual(0, raw.Wait(1)[0]);
        }

        [Test]
        public void DeleteConversationListHasPerItemResults()
        {
            var r = H.Await(TencentIMSDK.ConvDeleteConversationListAsync(H.Ids("c2c_alice", "c2c_nobody", "bad", "group_g1"), true));
            CollectionAssert.AreEqual(new[] { 0, 6004, 6017, 0 }, r.Select(x => x.conversation_operation_result_result_code).ToArray());
            CollectionAssert.AreEqual(new[] { "c2c_alice", "c2c_nobody", "bad", "group_g1" }, r.Select(x => x.conversation_operation_result_conversation_id).ToArray());
            CollectionAssert.AreEqual(new[] { "bob" }, H.All().Select(c => c.conv_id).ToArray());

            var typed = new Calls<List<ConversationOperationResult>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvDeleteConversationList(H.Ids("c2c_bob"), false,
                (int code, string desc, List<ConversationOperationResult> data, string ud) => typed.Add(data)));
            Assert.AreEqual(0, typed.Wait(1)[0].Single().conversation_operation_result_result_code);

            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvDeleteConversationListAsync(H.Ids(), false)).Code);
            var many = Enumerable.Range(0, 101).Select(i => "c2c_u" + i).ToList();
            Assert.AreEqual(51006, H.Fails(TencentIMSDK.ConvDeleteConversationListAsync(many, false)).Code);
        }

        [Test]
        public void DraftIsSynchronous()
        {
            var updates = new Calls<ConvInfo>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) =>
            {
                if (ev == TIMConvEvent.kTIMConvEvent_Update) updates.Add(list.Single());
            });
            var msg = new Message();
            msg["message_elem_array"] = JArray.Parse("[{\"elem_type\":0,\"text_elem_content\":\"草稿\"}]");
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSetDraft("bob", TIMConvType.kTIMConv_C2C,
                new DraftParam { draft_msg = msg, draft_user_define = "ud", draft_edit_time = 1700000001 }));
            var got = H.Get("c2c_bob");
            Assert.AreEqual(true, got.conv_is_has_draft);
            Assert.AreEqual("ud", got.conv_draft.draft_user_define);
            Assert.AreEqual(1700000001UL, got.conv_draft.draft_edit_time);
            Assert.AreEqual("草稿", (string)got.conv_draft.draft_msg["message_elem_array"][0]["text_elem_content"]);
            Assert.AreEqual("bob", updates.Wait(1)[0].conv_id);

            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCancelDraft("bob", TIMConvType.kTIMConv_C2C));
            got = H.Get("c2c_bob");
            Assert.AreEqual(false, got.conv_is_has_draft);
            Assert.IsNull(got.conv_draft);

            Assert.AreEqual(TIMResult.TIM_ERR_CONV, TencentIMSDK.ConvSetDraft("nobody", TIMConvType.kTIMConv_C2C, new Draft { draft_user_define = "x" }));
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.ConvSetDraft("bob", TIMConvType.kTIMConv_C2C, null));
        }

        [Test]
        public void CustomData()
        {
            var r = H.Await(TencentIMSDK.ConvSetConversationCustomDataAsync(H.Ids("c2c_alice", "c2c_nobody"), "数据"));
            CollectionAssert.AreEqual(new[] { 0, 6004 }, r.Select(x => x.conversation_operation_result_result_code).ToArray());
            Assert.AreEqual("数据", H.Get("c2c_alice").conv_custom_data);

            // 256 bytes is the limit, counted in UTF-8 bytes (86 three-byte characters = 258 bytes).
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvSetConversationCustomDataAsync(H.Ids("c2c_alice"), new string('数', 86))).Code);
            H.AllOk(H.Await(TencentIMSDK.ConvSetConversationCustomDataAsync(H.Ids("c2c_alice"), new string('数', 85))));

            var typed = new Calls<List<ConversationOperationResult>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSetConversationCustomData(H.Ids("c2c_alice"), "",
                (int code, string desc, List<ConversationOperationResult> data, string ud) => typed.Add(data)));
            H.AllOk(typed.Wait(1)[0]);
            Assert.AreEqual("", H.Get("c2c_alice").conv_custom_data);
        }

        [Test]
        public void PinAndUnpin()
        {
            var done = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, true, (int code, string desc, string ud) => done.Add(code)));
            Assert.AreEqual(0, done.Wait(1)[0]);
            Assert.AreEqual("bob", H.All()[0].conv_id);
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, false, (int code, string desc, string json, string ud) => done.Add(code)));
            Assert.AreEqual(0, done.Wait(2)[1]);
            Assert.AreEqual("alice", H.All()[0].conv_id);
            Assert.AreEqual(6004, H.Fails(TencentIMSDK.ConvPinConversationAsync("nobody", TIMConvType.kTIMConv_C2C, true)).Code);
        }

        [Test]
        public void MarksIncludingCustom64BitMarks()
        {
            var custom = (TIMConversationMarkType)(1UL << 63);
            var r = H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice", "c2c_nobody"),
                TIMConversationMarkType.kTIMConversationMarkTypeStar | custom, true));
            CollectionAssert.AreEqual(new[] { 0, 6004 }, r.Select(x => x.conversation_operation_result_result_code).ToArray());
            CollectionAssert.AreEqual(new[] { 1UL, 1UL << 63 }, H.Get("c2c_alice").conv_mark_array);

            var typed = new Calls<List<ConversationOperationResult>>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvMarkConversation(H.Ids("c2c_alice"), 1UL << 32, true,
                (int code, string desc, List<ConversationOperationResult> data, string ud) => typed.Add(data)));
            H.AllOk(typed.Wait(1)[0]);
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvMarkConversation(H.Ids("c2c_alice"), TIMConversationMarkType.kTIMConversationMarkTypeStar, false,
                (int code, string desc, List<ConversationOperationResult> data, string ud) => typed.Add(data)));
            H.AllOk(typed.Wait(2)[1]);
            CollectionAssert.AreEqual(new[] { 1UL << 32, 1UL << 63 }, H.Get("c2c_alice").conv_mark_array);

            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice"), 0x10UL, true)).Code);
            Assert.AreEqual(6017, H.Fails(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_alice"), 0UL, true)).Code);
        }

        [Test]
        public void UnreadCounts()
        {
            var totals = new Calls<int>();
            TencentIMSDK.SetConvTotalUnreadMessageCountChangedCallback((total, ud) => totals.Add(total));
            Assert.AreEqual(7, H.Await(TencentIMSDK.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count);

            var typed = new Calls<GetTotalUnreadNumberResult>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetTotalUnreadMessageCount(
                (int code, string desc, GetTotalUnreadNumberResult data, string ud) => typed.Add(data)));
            Assert.AreEqual(7, typed.Wait(1)[0].conv_get_total_unread_message_count_result_unread_count);

            var groups = new ConversationListFilter { conversation_list_filter_conv_type = TIMConvType.kTIMConv_Group };
            Assert.AreEqual(5, H.Await(TencentIMSDK.ConvGetUnreadMessageCountByFilterAsync(groups)).conv_get_total_unread_message_count_result_unread_count);
            Assert.AreEqual(7, H.Await(TencentIMSDK.ConvGetUnreadMessageCountByFilterAsync(null)).conv_get_total_unread_message_count_result_unread_count);
            var rawCount = new Calls<string>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetUnreadMessageCountByFilter(groups, (int code, string desc, string json, string ud) => rawCount.Add(json)));
            Assert.AreEqual(5, (int)JObject.Parse(rawCount.Wait(1)[0])["conv_get_total_unread_message_count_result_unread_count"]);

            var byFilter = new Calls<Tuple<ConversationListFilter, int>>();
            var byFilterRaw = new Calls<string>();
            TencentIMSDK.SetConvUnreadMessageCountChangedByFilterCallback(
                (ConversationListFilter f, int total, string ud) => byFilter.Add(Tuple.Create(f, total)),
                (string f, int total, string ud) => byFilterRaw.Add(f));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvSubscribeUnreadMessageCountByFilter(groups));

            // Muting g1 takes it out of every total.
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo>
            {
                new ConvInfo { conv_id = "g1", conv_type = TIMConvType.kTIMConv_Group, conv_recv_opt = TIMReceiveMessageOpt.kTIMRecvMsgOpt_Not_Notify },
            })));
            var f1 = byFilter.Wait(1)[0];
            Assert.AreEqual(TIMConvType.kTIMConv_Group, f1.Item1.conversation_list_filter_conv_type);
            Assert.AreEqual(0, f1.Item2);
            StringAssert.Contains("conversation_list_filter_conv_type", byFilterRaw.Wait(1)[0]);
            Assert.AreEqual(2, totals.Wait(1).Last());

            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvUnsubscribeUnreadMessageCountByFilter(groups));
            var cleaned = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCleanConversationUnreadMessageCount("c2c_bob", 0, 0, (int code, string desc, string ud) => cleaned.Add(code)));
            Assert.AreEqual(0, cleaned.Wait(1)[0]);
            Assert.AreEqual(0UL, H.Get("c2c_bob").conv_unread_num);
            Assert.AreEqual(0, totals.Wait(2).Last());
            Assert.AreEqual(1, byFilter.Count, "unsubscribed: no more by-filter events");

            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCleanConversationUnreadMessageCount("", 0, 0, (int code, string desc, string json, string ud) => cleaned.Add(code)));
            Assert.AreEqual(0, cleaned.Wait(2)[1]);
            H.Await(TencentIMSDK.ConvCleanConversationUnreadMessageCountAsync(null));
            Assert.AreEqual(0UL, H.Get("group_g1").conv_unread_num);
            Assert.AreEqual(6004, H.Fails(TencentIMSDK.ConvCleanConversationUnreadMessageCountAsync("c2c_nobody")).Code);
        }
    }
}
