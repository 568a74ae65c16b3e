using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    /// <summary>Helpers shared by the tests. Timeouts only detect hangs; nothing is timed.</summary>
    internal static class H
    {
        internal const int HangMs = 60000;

        internal static T Await<T>(Task<T> task)
        {
            Wait(task);
            return task.Result;
        }

        internal static void Await(Task task)
        {
            Wait(task);
        }

        private static void Wait(Task task)
        {
            try
            {
                if (!task.Wait(HangMs)) Assert.Fail("the task did not complete (hang)");
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        /// <summary>The TIMException a task fails with.</summary>
        internal static TIMException Fails(Task task)
        {
            try
            {
                if (!task.Wait(HangMs)) Assert.Fail("the task did not complete (hang)");
            }
            catch (AggregateException e)
            {
                Assert.IsInstanceOf<TIMException>(e.InnerException, e.InnerException.ToString());
                return (TIMException)e.InnerException;
            }
            Assert.Fail("the task succeeded; a TIMException was expected");
            return null;
        }

        internal static string NewDir()
        {
            var d = Path.Combine(Path.GetTempPath(), "tcg-cs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(d);
            return d;
        }

        internal static void RemoveDir(string dir)
        {
            try
            {
                if (dir != null && Directory.Exists(dir)) Directory.Delete(dir, true);
            }
            catch (Exception)
            {
            }
        }

        internal static SdkConfig Config(string dir)
        {
            return new SdkConfig { sdk_config_config_file_path = dir };
        }

        internal static ConvInfo C2C(string id, ulong activeTime, ulong unread = 0)
        {
            return new ConvInfo
            {
                conv_id = id,
                conv_type = TIMConvType.kTIMConv_C2C,
                conv_show_name = id.ToUpperInvariant(),
                conv_active_time = activeTime,
                conv_unread_num = unread,
            };
        }

        internal static ConvInfo Group(string id, ulong activeTime, ulong unread = 0)
        {
            return new ConvInfo
            {
                conv_id = id,
                conv_type = TIMConvType.kTIMConv_Group,
                conv_show_name = "Group " + id,
                conv_active_time = activeTime,
                conv_unread_num = unread,
            };
        }

        internal static List<string> Ids(params string[] ids)
        {
            return new List<string>(ids);
        }

        internal static void AllOk(List<ConversationOperationResult> results)
        {
            foreach (var r in results)
                Assert.AreEqual(0, r.conversation_operation_result_result_code,
                    r.conversation_operation_result_conversation_id + ": " + r.conversation_operation_result_result_info);
        }

        internal static List<ConvInfo> All()
        {
            return Await(TencentIMSDK.ConvGetConvListAsync());
        }

        internal static ConvInfo Get(string conversationID)
        {
            return All().Single(c => c.ConversationID == conversationID);
        }

        /// <summary>Every conversation a filter selects, page by page.</summary>
        internal static List<ConvInfo> Page(ConversationListFilter filter, uint count = 100)
        {
            var all = new List<ConvInfo>();
            ulong seq = 0;
            for (var guard = 0; guard < 10000; guard++)
            {
                var page = Await(TencentIMSDK.ConvGetConversationListByFilterAsync(filter, seq, count));
                all.AddRange(page.conversation_list_result_conv_list ?? new List<ConvInfo>());
                if (page.conversation_list_result_is_finished) return all;
                seq = page.conversation_list_result_next_seq;
            }
            Assert.Fail("paging never finished");
            return all;
        }

        /// <summary>Delivers every callback queued so far (a callback call that follows them in FIFO order).</summary>
        internal static void Drain()
        {
            Await(TencentIMSDK.ConvGetConversationGroupListAsync());
        }
    }

    /// <summary>Collects the invocations of a callback; Wait(n) blocks until n arrived.</summary>
    internal sealed class Calls<T>
    {
        private readonly List<T> _items = new List<T>();

        internal void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
                Monitor.PulseAll(_items);
            }
        }

        internal List<T> Wait(int n)
        {
            lock (_items)
            {
                var deadline = DateTime.UtcNow.AddMilliseconds(H.HangMs);
                while (_items.Count < n)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) Assert.Fail("expected " + n + " callbacks, got " + _items.Count + " (hang)");
                    Monitor.Wait(_items, left);
                }
                return new List<T>(_items);
            }
        }

        internal List<T> Snapshot()
        {
            lock (_items) return new List<T>(_items);
        }

        internal int Count
        {
            get
            {
                lock (_items) return _items.Count;
            }
        }
    }

    /// <summary>One invocation of a per-call callback.</summary>
    internal sealed class Result<T>
    {
        internal int Code;
        internal string Desc;
        internal T Data;
        internal string UserData;
    }

    /// <summary>
    /// A fresh data directory, Init and Login per test; Uninit and cleanup after. Seeds a few
    /// conversations: c2c_alice (active 300), c2c_bob (200, unread 2), group_g1 (100, unread 5).
    /// </summary>
    public abstract class SdkFixture
    {
        protected string Dir;
        protected readonly List<Exception> CallbackErrors = new List<Exception>();
        private Action<Exception> _onError;

        [SetUp]
        public void StartSdk()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            Dir = H.NewDir();
            _onError = e =>
            {
                lock (CallbackErrors) CallbackErrors.Add(e);
            };
            TencentIMSDK.UnhandledCallbackException += _onError;
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Init(1400000001, H.Config(Dir)));
            H.Await(TencentIMSDK.LoginAsync("me", "sig"));
            if (Seed)
            {
                H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(new List<ConvInfo>
                {
                    H.C2C("alice", 300),
                    H.C2C("bob", 200, 2),
                    H.Group("g1", 100, 5),
                })));
            }
        }

        protected virtual bool Seed
        {
            get { return true; }
        }

        [TearDown]
        public void StopSdk()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            TencentIMSDK.UnhandledCallbackException -= _onError;
            H.RemoveDir(Dir);
            Assert.AreEqual(0, Core.PendingCount, "calls left waiting after Uninit");
            lock (CallbackErrors)
            {
                if (CallbackErrors.Count > 0) Assert.Fail("exception in a callback: " + CallbackErrors[0]);
            }
        }
    }
}
