using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using NUnit.Framework;

namespace TimConvGroup.Tests
{
    /// <summary>
    /// The not-supported surface (the header's last section), called through P/Invokes declared
    /// here the way Tencent's Unity layer declares them: listener setters of other modules accept
    /// and never fire; their calls return TIM_SUCC and answer 7013 on the callback thread;
    /// callExperimentalAPI accepts the start-up and log requests.
    /// </summary>
    [TestFixture]
    public class NotSupportedTests : SdkFixture
    {
        private const string Lib = "timconvgroup";

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void CommCallback(int code, IntPtr desc, IntPtr json, IntPtr userData);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void VoidListener(IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int TIMMsgSendMessage(string convId, int convType, IntPtr msg, StringBuilder messageId, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int TIMFriendshipGetFriendProfileList(CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int TIMSetConfig(IntPtr json, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int callExperimentalAPI(IntPtr json, CommCallback cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void TIMSetKickedOfflineCallback(VoidListener cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void TIMSetUserSigExpiredCallback(VoidListener cb, IntPtr userData);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern void TIMRemoveRecvNewMsgCallback(IntPtr cb);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern long TIMGetServerTime();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        private static extern int TIMGetLoginStatus();

        private sealed class Answer
        {
            public readonly ManualResetEvent Done = new ManualResetEvent(false);
            public int Code;
            public string Desc;
            public int Thread;
        }

        private static readonly Dictionary<long, Answer> Answers = new Dictionary<long, Answer>();
        private static long _next;
        private static int _listenerFired;

        // Kept alive for the process: native code holds these pointers.
        private static readonly CommCallback OnAnswer = (code, desc, json, ud) =>
        {
            Answer a;
            lock (Answers) Answers.TryGetValue(ud.ToInt64(), out a);
            if (a == null) return;
            a.Code = code;
            a.Desc = Marshal.PtrToStringAnsi(desc);
            a.Thread = System.Threading.Thread.CurrentThread.ManagedThreadId;
            a.Done.Set();
        };

        private static readonly VoidListener OnListener = ud => Interlocked.Increment(ref _listenerFired);

        private static IntPtr NewAnswer(out Answer a)
        {
            a = new Answer();
            long id;
            lock (Answers)
            {
                id = ++_next;
                Answers[id] = a;
            }
            return new IntPtr(id);
        }

        private static IntPtr Utf8(string s)
        {
            var b = Encoding.UTF8.GetBytes(s + "\0");
            var p = Marshal.AllocHGlobal(b.Length);
            Marshal.Copy(b, 0, p, b.Length);
            return p;
        }

        protected override bool Seed
        {
            get { return false; }
        }

        private static void AssertNotSupported(Answer a, string name)
        {
            Assert.IsTrue(a.Done.WaitOne(20000), name + ": no answer");
            Assert.AreEqual(7013, a.Code, name);
            StringAssert.StartsWith(name + ": not supported by this library", a.Desc);
            Assert.AreNotEqual(Thread.CurrentThread.ManagedThreadId, a.Thread, name + " answered on the caller's thread");
        }

        [Test]
        public void CallsOfOtherModulesAnswer7013OnTheCallbackThread()
        {
            Answer send, friends, config;
            var id = new StringBuilder("garbage", 128);
            var msg = Utf8("{}");
            var cfg = Utf8("{}");
            try
            {
                Assert.AreEqual(0, TIMMsgSendMessage("alice", 1, msg, id, OnAnswer, NewAnswer(out send)));
                Assert.AreEqual(0, TIMFriendshipGetFriendProfileList(OnAnswer, NewAnswer(out friends)));
                Assert.AreEqual(0, TIMSetConfig(cfg, OnAnswer, NewAnswer(out config)));
                Assert.AreEqual("", id.ToString(), "message id buffer");
                AssertNotSupported(send, "TIMMsgSendMessage");
                AssertNotSupported(friends, "TIMFriendshipGetFriendProfileList");
                AssertNotSupported(config, "TIMSetConfig");
                Assert.AreEqual(0, TIMFriendshipGetFriendProfileList(null, IntPtr.Zero), "NULL callback");
            }
            finally
            {
                Marshal.FreeHGlobal(msg);
                Marshal.FreeHGlobal(cfg);
            }
        }

        [Test]
        public void ListenerSettersOfOtherModulesAcceptAndNeverFire()
        {
            TIMSetKickedOfflineCallback(OnListener, IntPtr.Zero);
            TIMSetUserSigExpiredCallback(OnListener, IntPtr.Zero);
            TIMRemoveRecvNewMsgCallback(IntPtr.Zero);
            H.Await(TencentIMSDK.LogoutAsync());
            H.Await(TencentIMSDK.LoginAsync("me", "sig"));
            TIMSetKickedOfflineCallback(null, IntPtr.Zero);
            TIMSetUserSigExpiredCallback(null, IntPtr.Zero);
            Assert.AreEqual(0, Interlocked.CompareExchange(ref _listenerFired, 0, 0));
            Assert.AreEqual(1, TIMGetLoginStatus(), "kTIMLoginStatus_Logined");
            Assert.Greater(TIMGetServerTime(), 1600000000L);
        }

        [Test]
        public void ExperimentalApiAcceptsStartUpAndLogRequests()
        {
            Answer ui, other;
            var p1 = Utf8("{\"request_internal_operation\":\"internal_operation_set_ui_platform\",\"request_set_ui_platform_param\":5}");
            var p2 = Utf8("{\"request_internal_operation\":\"internal_operation_write_log\",\"request_write_log_log_content_param\":\"x\"}");
            var p3 = Utf8("{\"request_internal_operation\":\"internal_operation_set_env\"}");
            var p4 = Utf8("not json");
            try
            {
                Assert.AreEqual(0, callExperimentalAPI(p1, OnAnswer, NewAnswer(out ui)));
                Assert.AreEqual(0, callExperimentalAPI(p2, null, IntPtr.Zero));
                Assert.AreEqual(0, callExperimentalAPI(p3, OnAnswer, NewAnswer(out other)));
                Assert.AreEqual(-3, callExperimentalAPI(p4, OnAnswer, IntPtr.Zero), "TIM_ERR_JSON");
                Assert.AreEqual(-4, callExperimentalAPI(IntPtr.Zero, OnAnswer, IntPtr.Zero), "TIM_ERR_PARAM");
                Assert.IsTrue(ui.Done.WaitOne(20000));
                Assert.AreEqual(0, ui.Code);
                AssertNotSupported(other, "callExperimentalAPI internal_operation_set_env");
            }
            finally
            {
                Marshal.FreeHGlobal(p1);
                Marshal.FreeHGlobal(p2);
                Marshal.FreeHGlobal(p3);
                Marshal.FreeHGlobal(p4);
            }
        }
    }
}
