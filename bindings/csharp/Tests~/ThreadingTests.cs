using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    /// <summary>
    /// A SynchronizationContext like Unity's: Post queues the work for one thread that runs it
    /// (here a thread of its own); every Post is recorded.
    /// </summary>
    internal sealed class RecordingContext : SynchronizationContext, IDisposable
    {
        private readonly BlockingCollection<KeyValuePair<SendOrPostCallback, object>> _queue =
            new BlockingCollection<KeyValuePair<SendOrPostCallback, object>>();
        internal readonly Thread Thread;
        internal int Posts;

        internal RecordingContext()
        {
            Thread = new Thread(Run) { IsBackground = true, Name = "test main thread" };
            Thread.Start();
        }

        public override void Post(SendOrPostCallback d, object state)
        {
            Interlocked.Increment(ref Posts);
            _queue.Add(new KeyValuePair<SendOrPostCallback, object>(d, state));
        }

        public override void Send(SendOrPostCallback d, object state)
        {
            throw new NotSupportedException();
        }

        /// <summary>Runs f on the context's thread and waits for it.</summary>
        internal T Invoke<T>(Func<T> f)
        {
            var done = new TaskCompletionSource<T>();
            _queue.Add(new KeyValuePair<SendOrPostCallback, object>(_ =>
            {
                try
                {
                    done.SetResult(f());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }, null));
            return H.Await(done.Task);
        }

        private void Run()
        {
            SetSynchronizationContext(this);
            foreach (var item in _queue.GetConsumingEnumerable()) item.Key(item.Value);
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
        }
    }

    [TestFixture]
    public class SynchronizationContextTests
    {
        private string _dir;
        private RecordingContext _ctx;

        [SetUp]
        public void Start()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            _dir = H.NewDir();
            _ctx = new RecordingContext();
            // Init on the context's thread, as a Unity script does on the main thread.
            Assert.AreEqual(TIMResult.TIM_SUCC, _ctx.Invoke(() => TencentIMSDK.Init(1, H.Config(_dir))));
            Assert.AreSame(_ctx, Core.Context);
        }

        [TearDown]
        public void Stop()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            Assert.IsNull(Core.Context);
            _ctx.Dispose();
            H.RemoveDir(_dir);
        }

        [Test]
        public void CallbacksAndListenersArePostedToTheCapturedContext()
        {
            var threads = new Calls<string>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) => threads.Add("event " + (Thread.CurrentThread == _ctx.Thread)));
            TencentIMSDK.SetConvConversationGroupCreatedCallback((name, list, ud) => threads.Add("created " + (Thread.CurrentThread == _ctx.Thread)));
            var before = _ctx.Posts;
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Login("me", "sig", (int code, string desc, string ud) =>
                threads.Add("login " + (Thread.CurrentThread == _ctx.Thread))));
            threads.Wait(3);
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { H.C2C("alice", 1) })));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvCreateConversationGroup("g", H.Ids("c2c_alice"),
                (int code, string desc, List<ConversationOperationResult> r, string ud) =>
                    threads.Add("create " + (Thread.CurrentThread == _ctx.Thread) + " " + code)));
            var got = threads.Wait(7);
            CollectionAssert.AreEqual(new[] { "event True", "event True", "login True", "event True" }, got.Take(4).ToArray());
            // Update (alice's group list changed) and group-created: both before the callback.
            CollectionAssert.AreEquivalent(new[] { "event True", "created True" }, got.Skip(4).Take(2).ToArray());
            Assert.AreEqual("create True 0", got[6]);
            Assert.GreaterOrEqual(_ctx.Posts - before, 7, "each delivery went through Post");
        }

        [Test]
        public void BlockingOnATaskOnTheContextThreadDoesNotDeadlock()
        {
            H.Await(TencentIMSDK.LoginAsync("me", "sig"));
            var names = _ctx.Invoke(() =>
            {
                H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { H.C2C("alice", 1) }));
                TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids("c2c_alice")).Wait();
                return TencentIMSDK.ConvGetConversationGroupListAsync().Result;
            });
            CollectionAssert.AreEqual(new[] { "g" }, names);
        }
    }

    [TestFixture]
    public class DispatchThreadTests : SdkFixture
    {
        [Test]
        public void WithoutAContextCallbacksRunOnTheBindingsDispatchThread()
        {
            Assert.IsNull(Core.Context);
            var threads = new Calls<Thread>();
            TencentIMSDK.SetConvEventCallback((ev, list, ud) => threads.Add(Thread.CurrentThread));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, true,
                (int code, string desc, string ud) => threads.Add(Thread.CurrentThread)));
            var got = threads.Wait(2);
            Assert.AreSame(Core.DispatchThread, got[0]);
            Assert.AreSame(Core.DispatchThread, got[1]);
            Assert.AreEqual("TimConvGroup dispatch", got[0].Name);
            Assert.IsTrue(got[0].IsBackground, "the dispatch thread never keeps a process alive");
        }

        [Test]
        public void BlockingOnAnAsyncCallInsideACallbackDoesNotDeadlock()
        {
            var results = new Calls<string>();
            TencentIMSDK.SetConvConversationGroupCreatedCallback((name, list, ud) =>
            {
                // Inside a callback on the dispatch thread: block on the result of another call.
                var groups = TencentIMSDK.ConvGetConversationGroupListAsync().Result;
                var convs = TencentIMSDK.ConvGetConvListAsync().Result;
                results.Add(name + ":" + string.Join(",", groups) + ":" + convs.Count);
            });
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids("c2c_alice")));
            Assert.AreEqual("g:g:3", results.Wait(1)[0]);
        }

        [Test]
        public void CallbacksMayCallSynchronousFunctionsAndSetters()
        {
            var seen = new Calls<string>();
            ConvEventCallback second = (ev, list, ud) => seen.Add("second " + ev);
            TencentIMSDK.SetConvEventCallback((ev, list, ud) =>
            {
                seen.Add("first " + ev);
                TencentIMSDK.SetConvEventCallback(second);
            });
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, true, (int code, string desc, string ud) =>
            {
                seen.Add("status " + TencentIMSDK.GetLoginStatus());
                var sb = new System.Text.StringBuilder();
                TencentIMSDK.GetLoginUserID(sb);
                seen.Add("user " + sb);
                seen.Add("draft " + TencentIMSDK.ConvSetDraft("bob", TIMConvType.kTIMConv_C2C, new Draft { draft_user_define = "x" }));
                seen.Add("subscribe " + TencentIMSDK.ConvSubscribeUnreadMessageCountByFilter(null));
            }));
            var got = seen.Wait(6);
            CollectionAssert.AreEqual(new[]
            {
                "first kTIMConvEvent_Update", "status kTIMLoginStatus_Logined", "user me", "draft TIM_SUCC", "subscribe TIM_SUCC",
                "second kTIMConvEvent_Update",
            }, got);
        }

        [Test]
        public void UninitInsideACallbackIsRefused()
        {
            var r = new Calls<TIMResult>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConvList((int code, string desc, List<ConvInfo> l, string ud) =>
            {
                r.Add(TencentIMSDK.Uninit());
                r.Add(TencentIMSDK.Init(1, H.Config(Dir)));
            }));
            var got = r.Wait(2);
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, got[0]);
            Assert.AreEqual(TIMResult.TIM_SUCC, got[1], "already initialised");
            Assert.IsTrue(Core.IsInitialized);
        }

        [Test]
        public void TheLibraryItselfRefusesUninitInsideACallback()
        {
            // The binding refuses first; this checks the native side would not deadlock either.
            var r = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConvList((int code, string desc, List<ConvInfo> l, string ud) =>
                r.Add(Native.TIMUninit())));
            Assert.AreEqual((int)TIMResult.TIM_ERR_PARAM, r.Wait(1)[0]);
            Assert.AreEqual(3, H.All().Count, "still initialised");
        }

        [Test]
        public void ExceptionsInCallbacksAreReportedAndDeliveryGoesOn()
        {
            TencentIMSDK.SetConvEventCallback((ev, list, ud) => { throw new InvalidOperationException("listener boom"); });
            var done = new Calls<int>();
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, true,
                (int code, string desc, string ud) => { throw new InvalidOperationException("callback boom"); }));
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvPinConversation("bob", TIMConvType.kTIMConv_C2C, false,
                (int code, string desc, string ud) => done.Add(code)));
            Assert.AreEqual(0, done.Wait(1)[0]);
            lock (CallbackErrors)
            {
                CollectionAssert.AreEqual(new[] { "listener boom", "callback boom", "listener boom" }, CallbackErrors.Select(e => e.Message).ToArray());
                CallbackErrors.Clear();
            }
        }

        [Test]
        public void AsyncTwinsAllWork()
        {
            H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { H.C2C("dave", 5) }));
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("a", H.Ids("c2c_alice")));
            H.Await(TencentIMSDK.ConvAddConversationsToGroupAsync("a", H.Ids("c2c_bob")));
            H.Await(TencentIMSDK.ConvDeleteConversationsFromGroupAsync("a", H.Ids("c2c_bob")));
            H.Await(TencentIMSDK.ConvRenameConversationGroupAsync("a", "b"));
            CollectionAssert.AreEqual(new[] { "b" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
            Assert.AreEqual(1, H.Await(TencentIMSDK.ConvGetConversationListByFilterAsync(new ConversationListFilter { conversation_list_filter_conversation_group = "b" }, 0, 10)).conversation_list_result_conv_list.Count);
            H.Await(TencentIMSDK.ConvDeleteConversationGroupAsync("b"));
            Assert.AreEqual(4, H.Await(TencentIMSDK.ConvGetConvListAsync()).Count);
            Assert.AreEqual(1, H.Await(TencentIMSDK.ConvGetConvInfoAsync(new List<ConvParam> { new ConvParam { get_conversation_list_param_conv_id = "dave", get_conversation_list_param_conv_type = TIMConvType.kTIMConv_C2C } })).Count);
            H.Await(TencentIMSDK.ConvPinConversationAsync("dave", TIMConvType.kTIMConv_C2C, true));
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_dave"), 1UL, true)));
            H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids("c2c_dave"), TIMConversationMarkType.kTIMConversationMarkTypeHide, true)));
            H.AllOk(H.Await(TencentIMSDK.ConvSetConversationCustomDataAsync(H.Ids("c2c_dave"), "c")));
            Assert.AreEqual(7, H.Await(TencentIMSDK.ConvGetTotalUnreadMessageCountAsync()).conv_get_total_unread_message_count_result_unread_count);
            Assert.AreEqual(0, H.Await(TencentIMSDK.ConvGetUnreadMessageCountByFilterAsync(new ConversationListFilter { conversation_list_filter_has_unread_count = false })).conv_get_total_unread_message_count_result_unread_count);
            H.Await(TencentIMSDK.ConvCleanConversationUnreadMessageCountAsync("c2c", 0, 0));
            H.AllOk(H.Await(TencentIMSDK.ConvDeleteConversationListAsync(H.Ids("c2c_dave"), true)));
            H.Await(TencentIMSDK.ConvDeleteAsync("alice", TIMConvType.kTIMConv_C2C));
            H.Await(TencentIMSDK.LogoutAsync());
            H.Await(TencentIMSDK.LoginAsync("me", "sig"));
            Assert.AreEqual(2, H.Await(TencentIMSDK.ConvGetConvListAsync()).Count);
        }

        [Test]
        public void AsyncTwinsFailWithTIMException()
        {
            var e = H.Fails(TencentIMSDK.ConvDeleteConversationGroupAsync("missing"));
            Assert.AreEqual(51009, e.Code);
            Assert.IsNull(e.Result);
            Assert.AreEqual(TIMErrCode.ERR_SVR_CONV_CONV_GROUP_NOT_EXIST, e.ErrorCode);
            StringAssert.Contains("51009", e.Message);
            Assert.AreEqual(0, Core.PendingCount);
        }
    }

    [TestFixture]
    public class LifecycleTests
    {
        [Test]
        public void CallsBeforeInitAreRejected()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            Assert.AreEqual(TIMResult.TIM_ERR_SDKUNINIT, TencentIMSDK.ConvGetConvList((int c, string d, List<ConvInfo> l, string u) => Assert.Fail("no callback")));
            Assert.AreEqual(TIMResult.TIM_ERR_SDKUNINIT, TencentIMSDK.Login("me", "sig", (int c, string d, string u) => Assert.Fail("no callback")));
            var e = H.Fails(TencentIMSDK.ConvCreateConversationGroupAsync("g", H.Ids("c2c_a")));
            Assert.AreEqual(-1, e.Code);
            Assert.AreEqual(TIMResult.TIM_ERR_SDKUNINIT, e.Result);
            Assert.IsNull(e.ErrorCode);
            Assert.AreEqual(0, Core.PendingCount);
            Assert.AreEqual(TIMLoginStatus.kTIMLoginStatus_UnLogined, TencentIMSDK.GetLoginStatus());
        }

        [Test]
        public void DispatchingWhileUninitialisedReturnsAnError()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            Assert.AreEqual((int)TIMResult.TIM_ERR_SDKUNINIT, Native.TIMDispatchCallbacks(0));
            Assert.AreEqual((int)TIMResult.TIM_ERR_SDKUNINIT, Native.TIMDispatchCallbacks(-1), "does not wait when uninitialised");
        }

        [Test]
        public void Utf8DataDirectoryAndBigPages()
        {
            var dir = Path.Combine(H.NewDir(), "数据 dir é");
            try
            {
                Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Init(5, H.Config(dir)));
                H.Await(TencentIMSDK.LoginAsync("大用户", "sig"));
                Assert.IsTrue(Directory.Exists(dir), "the data directory is created under its UTF-8 name");
                var msg = new Message();
                msg["text"] = new string('長', 2000);
                var items = Enumerable.Range(0, 1000).Select(i => new ConvInfo
                {
                    conv_id = "u" + i, conv_type = TIMConvType.kTIMConv_C2C, conv_active_time = (ulong)i, conv_last_msg = msg,
                }).ToList();
                H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(items)));
                var page = H.Await(TencentIMSDK.ConvGetConversationListByFilterAsync(null, 0, 1000));
                Assert.AreEqual(1000, page.conversation_list_result_conv_list.Count);
                Assert.AreEqual(new string('長', 2000), (string)page.conversation_list_result_conv_list[999].conv_last_msg["text"]);
            }
            finally
            {
                TencentIMSDK.Uninit();
                H.RemoveDir(Path.GetDirectoryName(dir));
            }
        }

        [Test]
        public void BadConfigs()
        {
            // (null and an empty config take the default folder in the user's home: covered by
            // tests/compat/t_dlopen.c with a temporary XDG_DATA_HOME)
            Assert.AreEqual(TIMResult.TIM_ERR_PARAM, TencentIMSDK.Init(1, new SdkConfig { sdk_config_config_file_path = "/proc/timconvgroup/cannot-create" }));
            Assert.IsFalse(Core.IsInitialized);
            Assert.IsNull(Core.DispatchThread);
        }

        [Test]
        public void RepeatedInitUninitCyclesKeepData()
        {
            var dir = H.NewDir();
            Assert.IsNull(SynchronizationContext.Current);
            try
            {
                for (var i = 0; i < 12; i++)
                {
                    Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Init(7, H.Config(dir)));
                    Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Init(7, H.Config(dir)), "a second Init changes nothing");
                    var thread = Core.DispatchThread;
                    var created = new Calls<string>();
                    TencentIMSDK.SetConvConversationGroupCreatedCallback((name, l, ud) => created.Add(name));
                    H.Await(TencentIMSDK.LoginAsync("me", "sig"));
                    H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo> { H.C2C("u" + i, (ulong)i) })));
                    H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("cycle" + i, H.Ids("c2c_u" + i))));
                    Assert.AreEqual("cycle" + i, created.Wait(1)[0]);
                    Assert.AreEqual(i + 1, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()).Count, "groups survive Uninit");
                    // Leave calls in flight: Uninit delivers them before it returns.
                    var late = new Calls<int>();
                    for (var k = 0; k < 50; k++)
                        Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.ConvGetConvList((int c, string d, List<ConvInfo> l, string u) => late.Add(c)));
                    Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
                    Assert.AreEqual(50, late.Count, "every accepted call got its callback before Uninit returned");
                    Assert.IsFalse(thread.IsAlive, "the dispatch thread ended");
                    Assert.AreEqual(0, Core.PendingCount);
                    Assert.IsNull(Listeners.GroupCreated, "Uninit clears the listeners");
                }
            }
            finally
            {
                TencentIMSDK.Uninit();
                H.RemoveDir(dir);
            }
        }
    }
}
