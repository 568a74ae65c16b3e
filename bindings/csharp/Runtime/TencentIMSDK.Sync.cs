// TencentIMSDK, sync across a user's devices (section 8 of timconvgroup.h; an extension, not in
// the Tencent SDK). The library never opens a socket: the app carries the push document to its
// backend and the backend's state document back (README.md, "Sync", has a round against the
// reference backend). Typed documents are in SyncTypes.cs.
using System;
using System.Threading.Tasks;
using TimConvGroup.Internal;

namespace TimConvGroup
{
    public static partial class TencentIMSDK
    {
        // =========================================================================================
        // Sync across devices
        // =========================================================================================

        /// <summary>
        /// The push document: this cache's client id, the last server version it applied, and the
        /// first <paramref name="max_ops"/> pending operations in op id order (0 = all). Send it to
        /// the backend and give the answer to <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/>.
        /// Reading it changes nothing: the operations stay pending until a state document
        /// acknowledges them. Callback code 0.
        /// </summary>
        /// <param name="max_ops">How many pending operations at most (0: all).</param>
        /// <param name="callback">Gets the push document (null: the call is made, its result dropped).</param>
        /// <returns>TIM_SUCC, or TIM_ERR_SDKUNINIT / TIM_ERR_NOTLOGIN (then no callback).</returns>
        public static TIMResult ConvSyncGetPendingChanges(uint max_ops, ValueCallback<ConvSyncPushDocument> callback)
        {
            return SyncPendingCore(max_ops, Pending.Value(callback));
        }

        /// <summary>
        /// <see cref="ConvSyncGetPendingChanges(uint, ValueCallback{ConvSyncPushDocument})"/> with the
        /// push document as the JSON text the library wrote (send it to the backend unchanged).
        /// </summary>
        /// <param name="max_ops">How many pending operations at most (0: all).</param>
        /// <param name="callback">Gets the push document's JSON.</param>
        /// <returns>TIM_SUCC, or TIM_ERR_SDKUNINIT / TIM_ERR_NOTLOGIN (then no callback).</returns>
        public static TIMResult ConvSyncGetPendingChanges(uint max_ops, ValueCallback<string> callback)
        {
            return SyncPendingCore(max_ops, Pending.Raw(callback));
        }

        /// <summary>
        /// Task twin of <see cref="ConvSyncGetPendingChanges(uint, ValueCallback{ConvSyncPushDocument})"/>;
        /// fails with <see cref="TIMException"/>.
        /// </summary>
        /// <param name="max_ops">How many pending operations at most (0: all).</param>
        /// <returns>The push document.</returns>
        public static Task<ConvSyncPushDocument> ConvSyncGetPendingChangesAsync(uint max_ops = 0)
        {
            return Core.CallAsync<ConvSyncPushDocument>(true, p => SyncPendingCore(max_ops, p));
        }

        private static TIMResult SyncPendingCore(uint max_ops, PendingCall p)
        {
            return Core.Call(p, "ConvSyncGetPendingChanges", (cb, ud) => Native.TIMConvSyncGetPendingChanges(max_ops, cb, ud));
        }

        /// <summary>
        /// Applies the backend's state document, in one transaction: its state becomes the
        /// confirmed state, the operations it acknowledges leave the outbox (those it rejected are
        /// reported once, to the <see cref="SetConvSyncRejectedCallback"/> listener and in the
        /// result), the still-pending ones are replayed on top (local edits not yet pushed are
        /// never lost), and the difference from what the cache showed arrives as the usual
        /// listener events between kTIMConvEvent_Start and kTIMConvEvent_Finish (group deleted,
        /// renamed, created, conversations deleted from and added to groups, then
        /// kTIMConvEvent_Update). A document older than the one applied last changes nothing
        /// (<see cref="ConvSyncApplyResult.sync_apply_is_applied"/> false).
        /// Callback codes: 0; a document that breaks a rule of the state (more than 20 groups
        /// 51010, a repeated group name 51012, more than 1000 members or 1000 conversations with
        /// extended state 51008, a malformed or repeated id, reserved mark bits, custom data over
        /// 256 bytes, another client's document 6017) is refused whole and changes nothing; 6019
        /// storage failure (nothing changed).
        /// </summary>
        /// <param name="json_state_document">The state document's JSON, as the backend answered it.</param>
        /// <param name="callback">Gets the result.</param>
        /// <returns>TIM_SUCC; TIM_ERR_JSON when the text is not JSON or not a state document's shape
        /// (nothing changed, no callback); TIM_ERR_PARAM for null; TIM_ERR_SDKUNINIT, TIM_ERR_NOTLOGIN.</returns>
        public static TIMResult ConvSyncApply(string json_state_document, ValueCallback<ConvSyncApplyResult> callback)
        {
            return SyncApplyCore(Utf8.Z(json_state_document), Pending.Value(callback));
        }

        /// <summary>
        /// <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/> with the result as JSON.
        /// </summary>
        /// <param name="json_state_document">The state document's JSON, as the backend answered it.</param>
        /// <param name="callback">Gets the result's JSON.</param>
        /// <returns>As <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/>.</returns>
        public static TIMResult ConvSyncApply(string json_state_document, ValueCallback<string> callback)
        {
            return SyncApplyCore(Utf8.Z(json_state_document), Pending.Raw(callback));
        }

        /// <summary>
        /// <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/> with a typed state
        /// document (written as JSON, null fields left out).
        /// </summary>
        /// <param name="state_document">The state document.</param>
        /// <param name="callback">Gets the result.</param>
        /// <returns>As <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/>.</returns>
        public static TIMResult ConvSyncApply(ConvSyncStateDocument state_document, ValueCallback<ConvSyncApplyResult> callback)
        {
            return SyncApplyCore(JsonArg(state_document), Pending.Value(callback));
        }

        /// <summary>
        /// <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/> with a typed state
        /// document and the result as JSON.
        /// </summary>
        /// <param name="state_document">The state document.</param>
        /// <param name="callback">Gets the result's JSON.</param>
        /// <returns>As <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/>.</returns>
        public static TIMResult ConvSyncApply(ConvSyncStateDocument state_document, ValueCallback<string> callback)
        {
            return SyncApplyCore(JsonArg(state_document), Pending.Raw(callback));
        }

        /// <summary>
        /// Task twin of <see cref="ConvSyncApply(string, ValueCallback{ConvSyncApplyResult})"/>;
        /// fails with <see cref="TIMException"/> (Code -3 for a document that is not JSON or has
        /// the wrong shape, else the callback's code).
        /// </summary>
        /// <param name="json_state_document">The state document's JSON, as the backend answered it.</param>
        /// <returns>The result.</returns>
        public static Task<ConvSyncApplyResult> ConvSyncApplyAsync(string json_state_document)
        {
            return Core.CallAsync<ConvSyncApplyResult>(true, p => SyncApplyCore(Utf8.Z(json_state_document), p));
        }

        /// <summary>
        /// Task twin of <see cref="ConvSyncApply(ConvSyncStateDocument, ValueCallback{ConvSyncApplyResult})"/>;
        /// fails with <see cref="TIMException"/>.
        /// </summary>
        /// <param name="state_document">The state document.</param>
        /// <returns>The result.</returns>
        public static Task<ConvSyncApplyResult> ConvSyncApplyAsync(ConvSyncStateDocument state_document)
        {
            return Core.CallAsync<ConvSyncApplyResult>(true, p => SyncApplyCore(JsonArg(state_document), p));
        }

        private static TIMResult SyncApplyCore(byte[] document, PendingCall p)
        {
            return Core.Call(p, "ConvSyncApply", (cb, ud) => Native.TIMConvSyncApply(document, cb, ud));
        }

        /// <summary>
        /// Sets (replaces) the listener of rejected operations: each operation of this device that
        /// the server rejected is reported once, by the ConvSyncApply that drops it from the
        /// outbox, before that apply's kTIMConvEvent_Start. Typed and string forms are kept side
        /// by side; no argument clears both. Uninit clears it.
        /// </summary>
        /// <param name="callback">Gets the rejected operations, typed.</param>
        /// <param name="stringCallback">Gets them as the JSON array the library sent.</param>
        public static void SetConvSyncRejectedCallback(ConvSyncRejectedCallback callback = null, ConvSyncRejectedStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                Listeners.SyncRejected = callback;
                Listeners.SyncRejectedString = stringCallback;
                Native.TIMSetConvSyncRejectedCallback(callback != null || stringCallback != null ? Thunks.SyncRejected : null, IntPtr.Zero);
            }
        }

        /// <summary>
        /// Removes the given rejected-operations listener(s) (if still set); no argument clears both.
        /// </summary>
        /// <param name="callback">The typed listener to remove.</param>
        /// <param name="stringCallback">The string listener to remove.</param>
        public static void RemoveConvSyncRejectedCallback(ConvSyncRejectedCallback callback = null, ConvSyncRejectedStringCallback stringCallback = null)
        {
            lock (Listeners.Lock)
            {
                if (callback == null && stringCallback == null)
                {
                    SetConvSyncRejectedCallback();
                    return;
                }
                SetConvSyncRejectedCallback(Keep(Listeners.SyncRejected, callback), Keep(Listeners.SyncRejectedString, stringCallback));
            }
        }
    }
}
