using System;
using System.Threading.Tasks;

namespace TimConvGroup.Internal
{
    // The calls waiting for their callback: one subclass per callback form (typed value, raw
    // JSON, no value, Task), and the factory the API uses (null callback: no pending call).

    /// <summary>A call accepted by the library, waiting for its callback.</summary>
    internal abstract class PendingCall
    {
        internal string UserData = "";

        /// <summary>Set (under the table's lock) once the native call returned TIM_SUCC.</summary>
        internal bool Accepted;

        /// <summary>Runs on the thread delivering callbacks; strings already copied.</summary>
        internal abstract void Complete(int code, string desc, string json);
    }

    internal sealed class ValuePending<T> : PendingCall
    {
        private readonly ValueCallback<T> _callback;

        internal ValuePending(ValueCallback<T> callback)
        {
            _callback = callback;
        }

        internal override void Complete(int code, string desc, string json)
        {
            var data = default(T);
            if (!string.IsNullOrEmpty(json))
            {
                try
                {
                    data = Json.Deserialize<T>(json);
                }
                catch (Exception e)
                {
                    Core.Report(new FormatException("TimConvGroup: cannot read the result of " + UserData + ": " + json, e));
                }
            }
            var cb = _callback;
            var ud = UserData;
            Core.Deliver(() => cb(code, desc, data, ud));
        }
    }

    internal sealed class RawPending : PendingCall
    {
        private readonly ValueCallback<string> _callback;

        internal RawPending(ValueCallback<string> callback)
        {
            _callback = callback;
        }

        internal override void Complete(int code, string desc, string json)
        {
            var cb = _callback;
            var ud = UserData;
            Core.Deliver(() => cb(code, desc, json, ud));
        }
    }

    internal sealed class NullPending : PendingCall
    {
        private readonly NullValueCallback _callback;

        internal NullPending(NullValueCallback callback)
        {
            _callback = callback;
        }

        internal override void Complete(int code, string desc, string json)
        {
            var cb = _callback;
            var ud = UserData;
            Core.Deliver(() => cb(code, desc, ud));
        }
    }

    /// <summary>
    /// Completes a Task directly on the delivering thread (not through the SynchronizationContext,
    /// so that a thread blocked on the Task cannot starve it); continuations run asynchronously.
    /// </summary>
    internal sealed class TaskPending<T> : PendingCall
    {
        internal readonly TaskCompletionSource<T> Source =
            new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly bool _parse;

        internal TaskPending(bool parse)
        {
            _parse = parse;
        }

        internal override void Complete(int code, string desc, string json)
        {
            if (code != 0)
            {
                Source.TrySetException(new TIMException(code, desc));
                return;
            }
            if (!_parse)
            {
                Source.TrySetResult(default(T));
                return;
            }
            try
            {
                Source.TrySetResult(Json.Deserialize<T>(json));
            }
            catch (Exception e)
            {
                Source.TrySetException(e);
            }
        }
    }

    internal static class Pending
    {
        internal static PendingCall Value<T>(ValueCallback<T> cb)
        {
            return cb == null ? null : new ValuePending<T>(cb);
        }

        internal static PendingCall Raw(ValueCallback<string> cb)
        {
            return cb == null ? null : new RawPending(cb);
        }

        internal static PendingCall Null(NullValueCallback cb)
        {
            return cb == null ? null : new NullPending(cb);
        }
    }
}
