using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    [TestFixture]
    public class StressTests : SdkFixture
    {
        /// <summary>
        /// 8 threads issue every kind of call together for several seconds (callback forms,
        /// Async twins, rejected calls) while a 9th forces garbage collections. No call may fail
        /// unexpectedly, every callback must arrive, and the table of pending calls (the binding's
        /// only per-call state; it allocates no GCHandle) must be empty at the end.
        /// </summary>
        [Test]
        public void EightThreadsTogether()
        {
            const int threads = 8;
            var seconds = 5;
            var conv = Enumerable.Range(0, 40).Select(i => H.C2C("s" + i, (ulong)i, 1)).ToList();
            H.AllOk(H.Await(TencentIMSDK.ConvUpsertConversationsAsync(conv)));

            var events = 0;
            TencentIMSDK.SetConvEventCallback((ev, list, ud) => Interlocked.Increment(ref events));
            TencentIMSDK.SetConvConversationsAddedToGroupCallback((n, l, ud) => Interlocked.Increment(ref events));
            TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((n, l, r, ud) => Interlocked.Increment(ref events));
            TencentIMSDK.SetConvTotalUnreadMessageCountChangedCallback((t, ud) => Interlocked.Increment(ref events));

            var errors = new List<string>();
            Action<string> fail = s =>
            {
                lock (errors) if (errors.Count < 20) errors.Add(s);
            };
            var issued = 0L;
            var answered = 0L;
            var maxPending = 0;
            var stop = DateTime.UtcNow.AddSeconds(seconds);
            var done = false;

            var gc = new Thread(() =>
            {
                while (!Volatile.Read(ref done))
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var p = Core.PendingCount;
                    if (p > maxPending) maxPending = p;
                    Thread.Sleep(20);
                }
            });
            gc.Start();

            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                var rnd = new Random(t);
                var group = "grp" + t;
                try
                {
                    H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync(group, H.Ids("c2c_s" + t))));
                    var n = 0;
                    while (DateTime.UtcNow < stop)
                    {
                        n++;
                        var id = "c2c_s" + rnd.Next(40);
                        switch (n % 8)
                        {
                            case 0:
                                H.AllOk(H.Await(TencentIMSDK.ConvAddConversationsToGroupAsync(group, H.Ids(id))));
                                break;
                            case 1:
                                H.AllOk(H.Await(TencentIMSDK.ConvDeleteConversationsFromGroupAsync(group, H.Ids(id))));
                                break;
                            case 2:
                            {
                                var page = H.Await(TencentIMSDK.ConvGetConversationListByFilterAsync(
                                    new ConversationListFilter { conversation_list_filter_conversation_group = group }, 0, 50));
                                if (page.conversation_list_result_conv_list == null) fail("null page");
                                break;
                            }
                            case 3:
                            {
                                // Callback form, many in flight at once.
                                var cd = new CountdownEvent(5);
                                for (var k = 0; k < 5; k++)
                                {
                                    Interlocked.Increment(ref issued);
                                    var r = TencentIMSDK.ConvGetConvList((int code, string desc, List<ConvInfo> l, string ud) =>
                                    {
                                        Interlocked.Increment(ref answered);
                                        if (code != 0 || l == null || l.Count != 43) fail("ConvGetConvList " + code + " " + desc);
                                        cd.Signal();
                                    });
                                    if (r != TIMResult.TIM_SUCC) fail("ConvGetConvList returned " + r);
                                }
                                if (!cd.Wait(H.HangMs)) fail("callbacks missing (hang)");
                                break;
                            }
                            case 4:
                                H.AllOk(H.Await(TencentIMSDK.ConvMarkConversationAsync(H.Ids(id), 1UL << (32 + t), rnd.Next(2) == 0)));
                                break;
                            case 5:
                            {
                                var e = H.Fails(TencentIMSDK.ConvRenameConversationGroupAsync("no-such-group-" + t, "x"));
                                if (e.Code != 51009) fail("rename missing: " + e.Code);
                                break;
                            }
                            case 6:
                                H.Await(TencentIMSDK.ConvGetTotalUnreadMessageCountAsync());
                                H.Await(TencentIMSDK.ConvPinConversationAsync("s" + rnd.Next(40), TIMConvType.kTIMConv_C2C, rnd.Next(2) == 0));
                                break;
                            default:
                            {
                                var names = H.Await(TencentIMSDK.ConvGetConversationGroupListAsync());
                                if (!names.Contains(group)) fail("group list lost " + group);
                                break;
                            }
                        }
                    }
                }
                catch (Exception e)
                {
                    fail(e.ToString());
                }
            })).ToList();
            foreach (var w in workers) w.Start();
            foreach (var w in workers) Assert.IsTrue(w.Join(H.HangMs + seconds * 1000), "worker hang");
            Volatile.Write(ref done, true);
            gc.Join();

            lock (errors) Assert.IsEmpty(errors, string.Join("\n", errors));
            Assert.AreEqual(issued, Interlocked.Read(ref answered));
            H.Drain();
            Assert.AreEqual(0, Core.PendingCount, "no per-call state left behind");
            Assert.LessOrEqual(maxPending, threads * 5 + threads, "pending calls bounded by the calls in flight");
            Assert.Greater(events, 0);
            Assert.AreEqual(threads, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()).Count);
        }
    }

    [TestFixture]
    public class UninitRaceTests
    {
        /// <summary>
        /// Threads keep calling while the main thread cycles Uninit/Init: every call either is
        /// rejected (and never calls back) or is accepted and calls back exactly once, before the
        /// Uninit that follows it returns; no Task is left waiting.
        /// </summary>
        [Test]
        public void CallsRacingUninitGetExactlyOneCallbackOrNone()
        {
            Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
            var dir = H.NewDir();
            var accepted = 0L;
            var called = 0L;
            var completed = 0L;
            var rejected = 0L;
            var errors = new List<string>();
            var stop = false;
            try
            {
                var workers = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    while (!Volatile.Read(ref stop))
                    {
                        var once = 0;
                        var r = TencentIMSDK.ConvGetConversationGroupList((int code, string desc, List<string> l, string ud) =>
                        {
                            if (Interlocked.Increment(ref once) != 1) lock (errors) errors.Add("second callback");
                            Interlocked.Increment(ref called);
                        });
                        if (r == TIMResult.TIM_SUCC) Interlocked.Increment(ref accepted);
                        var task = TencentIMSDK.ConvGetConvListAsync();
                        try
                        {
                            if (!task.Wait(H.HangMs)) lock (errors) errors.Add("a Task left waiting (hang)");
                            Interlocked.Increment(ref completed);
                        }
                        catch (AggregateException e)
                        {
                            var te = e.InnerException as TIMException;
                            if (te == null || (te.Code != -1 && te.Code != -2)) lock (errors) errors.Add(e.InnerException.ToString());
                            else Interlocked.Increment(ref rejected);
                        }
                    }
                })).ToList();
                foreach (var w in workers) w.Start();
                for (var i = 0; i < 30; i++)
                {
                    Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Init(3, H.Config(dir)));
                    H.Await(TencentIMSDK.LoginAsync("racer", "sig"));
                    Thread.Sleep(10);
                    Assert.AreEqual(TIMResult.TIM_SUCC, TencentIMSDK.Uninit());
                }
                Volatile.Write(ref stop, true);
                foreach (var w in workers) Assert.IsTrue(w.Join(H.HangMs));
                lock (errors) Assert.IsEmpty(errors, string.Join("\n", errors));
                Assert.AreEqual(Interlocked.Read(ref accepted), Interlocked.Read(ref called), "accepted calls = callbacks");
                Assert.Greater(accepted, 0);
                Assert.Greater(completed, 0);
                Assert.Greater(rejected, 0);
                Assert.AreEqual(0, Core.PendingCount);
            }
            finally
            {
                Volatile.Write(ref stop, true);
                TencentIMSDK.Uninit();
                H.RemoveDir(dir);
            }
        }
    }

    /// <summary>Runs ExitProbe.exe (a console program) and checks that it exits by itself.</summary>
    [TestFixture]
    public class ProcessExitTests
    {
        private static string RunProbe(string mode)
        {
            var here = Path.GetDirectoryName(typeof(ProcessExitTests).Assembly.Location);
            var probe = Path.Combine(here, "ExitProbe.exe");
            Assert.IsTrue(File.Exists(probe), probe);
            var dir = H.NewDir();
            try
            {
                var psi = new ProcessStartInfo("mono", "\"" + probe + "\" " + mode + " \"" + dir + "\"")
                {
                    UseShellExecute = false,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using (var p = Process.Start(psi))
                {
                    var stdout = p.StandardOutput.ReadToEndAsync();
                    var stderr = p.StandardError.ReadToEndAsync();
                    if (!p.WaitForExit(60000))
                    {
                        try
                        {
                            p.Kill();
                        }
                        catch (Exception)
                        {
                        }
                        Assert.Fail("ExitProbe " + mode + " did not exit within 60 s (exit hang)");
                    }
                    p.WaitForExit();
                    Assert.AreEqual(0, p.ExitCode, "ExitProbe " + mode + ":\n" + stdout.Result + stderr.Result);
                    StringAssert.Contains("main returning", stdout.Result);
                    return stdout.Result;
                }
            }
            finally
            {
                H.RemoveDir(dir);
            }
        }

        [Test]
        public void ExitsWithoutUninitAfterHeavyTraffic()
        {
            StringAssert.Contains("at exit: 6000 callbacks, logged in False", RunProbe("no-uninit"));
        }

        [Test]
        public void ExitsWithUninit()
        {
            StringAssert.Contains("at exit: 6000 callbacks", RunProbe("uninit"));
        }

        [Test]
        public void ExitsWithCallsStillInFlight()
        {
            // The binding's exit hook ran Uninit, which delivered every call still in flight.
            StringAssert.Contains("at exit: 7000 callbacks, logged in False", RunProbe("in-flight"));
        }

        [Test]
        public void ExitsThroughEnvironmentExit()
        {
            StringAssert.Contains("at exit: 6000 callbacks, logged in False", RunProbe("environment-exit"));
        }
    }
}
