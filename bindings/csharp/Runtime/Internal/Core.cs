using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TimConvGroup.Internal
{
    /// <summary>
    /// Lifecycle, the dispatch thread and the table of calls waiting for their callback.
    ///
    /// The library runs in host dispatch mode: it never calls managed code on a thread of its
    /// own. The binding owns one background thread that loops TIMDispatchCallbacks; every native
    /// callback runs there (or, while TIMUninit drains, on the thread calling Uninit). The
    /// callback decodes its strings and JSON on that thread, then hands the user's delegate to the
    /// SynchronizationContext captured at Init (Unity's main thread) or runs it in place.
    ///
    /// Per-call state never crosses the boundary as a delegate or GCHandle: user_data is a small
    /// integer key into <see cref="s_pending"/>, removed when the callback arrives or at once when
    /// the call is rejected (a non-zero TIMResult means no callback will ever come).
    /// </summary>
    internal static class Core
    {
        private static readonly object s_lock = new object();
        private static volatile bool s_inited;
        private static volatile SynchronizationContext s_context;
        private static Thread s_thread;
        private static volatile int s_generation;
        private static bool s_hooked;

        private static readonly Dictionary<int, PendingCall> s_pending = new Dictionary<int, PendingCall>();
        private static int s_nextId;

        [ThreadStatic] private static int t_depth;

        private static readonly SendOrPostCallback s_runPosted = RunPosted;

        internal static bool IsInitialized
        {
            get { return s_inited; }
        }

        /// <summary>True on a thread that is running a native callback right now.</summary>
        internal static bool InCallback
        {
            get { return t_depth > 0; }
        }

        internal static SynchronizationContext Context
        {
            get { return s_context; }
        }

        /// <summary>Calls accepted by the library whose callback has not arrived yet.</summary>
        internal static int PendingCount
        {
            get
            {
                lock (s_pending) return s_pending.Count;
            }
        }

        internal static Thread DispatchThread
        {
            get { return s_thread; }
        }

        internal static void Enter()
        {
            t_depth++;
        }

        internal static void Leave()
        {
            t_depth--;
        }

        // ---- lifecycle -----------------------------------------------------------------------

        internal static TIMResult Init(long sdk_app_id, SdkConfig config)
        {
            var taken = false;
            if (InCallback)
            {
                if (s_inited) return TIMResult.TIM_SUCC;
                Monitor.TryEnter(s_lock, ref taken);
                if (!taken) return TIMResult.TIM_ERR_PARAM;
            }
            else
            {
                Monitor.Enter(s_lock, ref taken);
            }
            try
            {
                if (s_inited) return TIMResult.TIM_SUCC;
                // null = the library's defaults (default data folder); the binding always
                // dispatches in host mode.
                var o = config != null ? JObject.FromObject(config, JsonSerializer.Create(Json.Settings)) : new JObject();
                o["sdk_config_dispatch_mode"] = "host";
                var cfg = Utf8.Z(o.ToString(Formatting.None));
                var r = Native.TIMInit(unchecked((ulong)sdk_app_id), cfg);
                if (r != 0) return (TIMResult)r;
                s_context = SynchronizationContext.Current;
                var generation = ++s_generation;
                var t = new Thread(DispatchLoop);
                t.IsBackground = true;
                t.Name = "TimConvGroup dispatch";
                s_thread = t;
                s_inited = true;
                t.Start(generation);
                HookExit();
                return TIMResult.TIM_SUCC;
            }
            finally
            {
                if (taken) Monitor.Exit(s_lock);
            }
        }

        internal static TIMResult Uninit()
        {
            // The library refuses TIMUninit from inside a callback; refusing here as well keeps
            // this thread from waiting on s_lock held by an Uninit that waits for this callback.
            if (InCallback) return TIMResult.TIM_ERR_PARAM;
            lock (s_lock)
            {
                if (!s_inited) return TIMResult.TIM_SUCC;
                var r = Native.TIMUninit();
                if (r != 0) return (TIMResult)r;
                s_inited = false;
                s_generation++;
                var t = s_thread;
                s_thread = null;
                if (t != null && t != Thread.CurrentThread) t.Join(TimeSpan.FromSeconds(30));
                FailAllPending();
                Listeners.ClearManaged();
                s_context = null;
                return TIMResult.TIM_SUCC;
            }
        }

        private static void DispatchLoop(object state)
        {
            var generation = (int)state;
            while (s_generation == generation)
            {
                int r;
                try
                {
                    r = Native.TIMDispatchCallbacks(250);
                }
                catch (Exception e)
                {
                    Report(e);
                    break;
                }
                if (r < 0) break;
            }
        }

        private static void HookExit()
        {
            if (s_hooked) return;
            s_hooked = true;
            AppDomain.CurrentDomain.ProcessExit += OnExit;
            AppDomain.CurrentDomain.DomainUnload += OnExit;
#if UNITY_2018_1_OR_NEWER
            UnityEngine.Application.quitting += OnQuitting;
#endif
        }

#if UNITY_2018_1_OR_NEWER
        private static void OnQuitting()
        {
            OnExit(null, EventArgs.Empty);
        }
#endif

        private static void OnExit(object sender, EventArgs e)
        {
            try
            {
                Uninit();
            }
            catch (Exception)
            {
                // The process is going away; nothing useful to do.
            }
        }

        // ---- calls ---------------------------------------------------------------------------

        internal delegate int Invoker(Native.TIMCommCallback cb, IntPtr user_data);

        /// <summary>
        /// Registers p (when not null), runs the native call with the shared callback thunk and
        /// p's key as user_data, and forgets p at once when the call is rejected.
        /// </summary>
        internal static TIMResult Call(PendingCall p, string method, Invoker invoke)
        {
            if (p == null) return (TIMResult)invoke(null, IntPtr.Zero);
            int id;
            lock (s_pending)
            {
                do
                {
                    s_nextId = (s_nextId + 1) & 0x7FFFFFFF;
                    id = s_nextId;
                } while (id == 0 || s_pending.ContainsKey(id));
                p.UserData = method + "_KeyString_" + id;
                s_pending[id] = p;
            }
            int r;
            try
            {
                r = invoke(Thunks.Comm, new IntPtr(id));
            }
            catch
            {
                lock (s_pending) s_pending.Remove(id);
                throw;
            }
            lock (s_pending)
            {
                if (r != 0) s_pending.Remove(id);
                else p.Accepted = true;
            }
            return (TIMResult)r;
        }

        internal static PendingCall Take(IntPtr user_data)
        {
            var id = unchecked((int)user_data.ToInt64());
            lock (s_pending)
            {
                PendingCall p;
                if (!s_pending.TryGetValue(id, out p)) return null;
                s_pending.Remove(id);
                return p;
            }
        }

        /// <summary>
        /// The Task twin of a call. When called from inside a callback on the thread that
        /// delivers callbacks, that thread would never get to deliver this call's own result if
        /// the caller blocked on the Task; so it runs the following callbacks nested
        /// (TIMDispatchCallbacks on the same thread is allowed) until the result is in.
        /// </summary>
        internal static Task<T> CallAsync<T>(bool parse, Func<PendingCall, TIMResult> start)
        {
            var p = new TaskPending<T>(parse);
            TIMResult r;
            try
            {
                r = start(p);
            }
            catch (Exception e)
            {
                p.Source.TrySetException(e);
                return p.Source.Task;
            }
            if (r != TIMResult.TIM_SUCC)
            {
                p.Source.TrySetException(new TIMException((int)r, r.ToString()));
                return p.Source.Task;
            }
            if (InCallback) PumpUntil(p.Source.Task);
            return p.Source.Task;
        }

        private static void PumpUntil(Task task)
        {
            while (!task.IsCompleted)
            {
                int r;
                try
                {
                    r = Native.TIMDispatchCallbacks(100);
                }
                catch (Exception e)
                {
                    Report(e);
                    return;
                }
                if (r < 0) return;
            }
        }

        private static void FailAllPending()
        {
            // TIMUninit delivers the callback of every accepted call before it returns, so this is
            // only a safety net (a Task must never wait forever) and it reports the breach. Calls
            // not yet marked accepted belong to a thread still inside the native call, which will
            // return TIM_ERR_SDKUNINIT and drop its entry: those must get no callback at all.
            var left = new List<PendingCall>();
            lock (s_pending)
            {
                if (s_pending.Count == 0) return;
                var ids = new List<int>();
                foreach (var kv in s_pending)
                {
                    if (!kv.Value.Accepted) continue;
                    ids.Add(kv.Key);
                    left.Add(kv.Value);
                }
                foreach (var id in ids) s_pending.Remove(id);
            }
            if (left.Count > 0)
                Report(new InvalidOperationException("TimConvGroup: " + left.Count + " accepted call(s) got no callback before TIMUninit returned; failing them with 6013"));
            foreach (var p in left)
            {
                try
                {
                    p.Complete((int)TIMErrCode.ERR_SDK_NOT_INITIALIZED, "the SDK was uninitialised before the call completed", "");
                }
                catch (Exception e)
                {
                    Report(e);
                }
            }
        }

        // ---- delivery ------------------------------------------------------------------------

        /// <summary>Runs a user delegate on the captured SynchronizationContext, or here.</summary>
        internal static void Deliver(Action action)
        {
            var ctx = s_context;
            if (ctx != null)
            {
                try
                {
                    ctx.Post(s_runPosted, action);
                    return;
                }
                catch (Exception e)
                {
                    Report(e);
                }
            }
            RunUser(action);
        }

        private static void RunPosted(object state)
        {
            RunUser((Action)state);
        }

        private static void RunUser(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                Report(e);
            }
        }

        /// <summary>An exception thrown by user code in a callback (never let through to native frames).</summary>
        internal static void Report(Exception e)
        {
            var handler = TencentIMSDK.s_callbackException;
            if (handler != null)
            {
                try
                {
                    handler(e);
                    return;
                }
                catch (Exception)
                {
                    // fall through to the default report
                }
            }
#if UNITY_5_3_OR_NEWER
            UnityEngine.Debug.LogException(e);
#else
            try
            {
                Console.Error.WriteLine("TimConvGroup: exception in a callback: " + e);
            }
            catch (Exception)
            {
            }
#endif
        }
    }
}
