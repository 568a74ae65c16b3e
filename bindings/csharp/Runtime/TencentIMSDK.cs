// The public API: the Tencent Unity SDK's TencentIMSDK class (conversation list and conversation
// groups), on timconvgroup's C API. Every callback method exists in three forms, as in the
// Tencent SDK (typed result / raw JSON as ValueCallback<string> / NullValueCallback where there is
// no result) plus a Task-based twin named …Async that fails with TIMException.
//
// Threads: callbacks and listeners run on the SynchronizationContext captured by Init (Unity's
// main thread) or, without one, on the binding's dispatch thread, one at a time, in the order the
// library committed them (listener events of an operation before that operation's callback).
// Every method may be called from any thread, also from inside a callback.
//
// One partial class, one file per section of timconvgroup.h: this file (lifecycle: Init, Uninit,
// version, log, login), TencentIMSDK.Listeners.cs, TencentIMSDK.Conversations.cs,
// TencentIMSDK.Unread.cs (unread counts and the filtered list), TencentIMSDK.Groups.cs and
// TencentIMSDK.Sync.cs (sync across devices; its data classes are in SyncTypes.cs).
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
        internal static volatile Action<Exception> s_callbackException;

        /// <summary>
        /// Receives exceptions thrown by user callbacks (they never reach native code). Default:
        /// UnityEngine.Debug.LogException in Unity, stderr elsewhere.
        /// </summary>
        public static event Action<Exception> UnhandledCallbackException
        {
            add
            {
                lock (Listeners.Lock) s_callbackException += value;
            }
            remove
            {
                lock (Listeners.Lock) s_callbackException -= value;
            }
        }

        // =========================================================================================
        // Lifecycle
        // =========================================================================================

        /// <summary>
        /// Initialises the library (TIMInit) in host dispatch mode and starts the binding's
        /// dispatch thread; captures SynchronizationContext.Current for callbacks. A second Init
        /// while initialised returns TIM_SUCC and changes nothing. The binding calls Uninit by
        /// itself at process exit, AppDomain unload and (Unity) Application.quitting.
        /// </summary>
        public static TIMResult Init(long sdk_app_id, SdkConfig json_sdk_config)
        {
            return Core.Init(sdk_app_id, json_sdk_config);
        }

        /// <summary>
        /// Completes every accepted call and delivers every pending callback, then stops the
        /// dispatch thread and clears every listener. TIM_ERR_PARAM from inside a callback.
        /// </summary>
        public static TIMResult Uninit()
        {
            return Core.Uninit();
        }

        /// <summary>The library version ("1.0.0").</summary>
        public static string GetSDKVersion()
        {
            return Utf8.FromNative(Native.TIMGetSDKVersion());
        }

        /// <summary>Sets (replaces) the log callback; null clears it.</summary>
        public static void SetLogCallback(LogCallback callback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.Log = callback;
                Native.TIMSetLogCallback(callback != null ? Thunks.Log : null, IntPtr.Zero);
            }
        }

        public static TIMResult Login(string user_id, string user_sig, NullValueCallback callback)
        {
            return LoginCore(user_id, user_sig, Pending.Null(callback));
        }

        public static TIMResult Login(string user_id, string user_sig, ValueCallback<string> callback)
        {
            return LoginCore(user_id, user_sig, Pending.Raw(callback));
        }

        public static Task LoginAsync(string user_id, string user_sig)
        {
            return Core.CallAsync<object>(false, p => LoginCore(user_id, user_sig, p));
        }

        private static TIMResult LoginCore(string user_id, string user_sig, PendingCall p)
        {
            var uid = Utf8.Z(user_id);
            var sig = Utf8.Z(user_sig);
            return Core.Call(p, "Login", (cb, ud) => Native.TIMLogin(uid, sig, cb, ud));
        }

        public static TIMResult Logout(NullValueCallback callback)
        {
            return LogoutCore(Pending.Null(callback));
        }

        public static TIMResult Logout(ValueCallback<string> callback)
        {
            return LogoutCore(Pending.Raw(callback));
        }

        public static Task LogoutAsync()
        {
            return Core.CallAsync<object>(false, LogoutCore);
        }

        private static TIMResult LogoutCore(PendingCall p)
        {
            return Core.Call(p, "Logout", (cb, ud) => Native.TIMLogout(cb, ud));
        }

        /// <summary>kTIMLoginStatus_Logined or kTIMLoginStatus_UnLogined.</summary>
        public static TIMLoginStatus GetLoginStatus()
        {
            return (TIMLoginStatus)Native.TIMGetLoginStatus();
        }

        /// <summary>Writes the logged-in user ID into user_id (cleared first).</summary>
        public static TIMResult GetLoginUserID(StringBuilder user_id)
        {
            var buffer = new byte[Native.UserIDBufferBytes];
            var r = (TIMResult)Native.TIMGetLoginUserID(buffer);
            if (user_id != null)
            {
                user_id.Length = 0;
                user_id.Append(Utf8.FromBuffer(buffer));
            }
            return r;
        }

        // =========================================================================================
        // Shared by the sections
        // =========================================================================================

        /// <summary>JSON of an argument as NUL-terminated UTF-8; null stays null (a NULL pointer).</summary>
        private static byte[] JsonArg(object value)
        {
            return value == null ? null : Utf8.Z(Json.Serialize(value));
        }
    }
}
