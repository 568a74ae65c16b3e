using System;
using System.Collections.Generic;
using AOT;

namespace TimConvGroup.Internal
{
    /// <summary>
    /// The only functions native code ever calls: static methods marked [MonoPInvokeCallback]
    /// (IL2CPP cannot marshal delegates to instance methods). Each is wrapped once in a delegate
    /// kept in a static readonly field, so the marshalled function pointer lives as long as the
    /// process. They never let an exception through to native frames.
    /// </summary>
    [Preserve]
    internal static class Thunks
    {
        internal static readonly Native.TIMCommCallback Comm = OnComm;
        internal static readonly Native.TIMLogCallback Log = OnLog;
        internal static readonly Native.TIMConvEventCallback ConvEvent = OnConvEvent;
        internal static readonly Native.TIMConvTotalUnreadMessageCountChangedCallback TotalUnread = OnTotalUnread;
        internal static readonly Native.TIMConvTotalUnreadMessageCountChangedByFilterCallback UnreadByFilter = OnUnreadByFilter;
        internal static readonly Native.TIMConvConversationGroupCreatedCallback GroupCreated = OnGroupCreated;
        internal static readonly Native.TIMConvConversationGroupDeletedCallback GroupDeleted = OnGroupDeleted;
        internal static readonly Native.TIMConvConversationGroupNameChangedCallback GroupNameChanged = OnGroupNameChanged;
        internal static readonly Native.TIMConvConversationsAddedToGroupCallback AddedToGroup = OnAddedToGroup;
        internal static readonly Native.TIMConvConversationsDeletedFromGroupCallback DeletedFromGroup = OnDeletedFromGroup;
        internal static readonly Native.TIMConvSyncRejectedCallback SyncRejected = OnSyncRejected;

        /// <summary>Runs a thunk's body inside the dispatch bookkeeping; an exception from user code
        /// (or the binding) is reported, never thrown back into native code.</summary>
        private static void Guard(Action body)
        {
            Core.Enter();
            try
            {
                body();
            }
            catch (Exception e)
            {
                Core.Report(e);
            }
            finally
            {
                Core.Leave();
            }
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMCommCallback))]
        private static void OnComm(int code, IntPtr desc, IntPtr json_params, IntPtr user_data)
        {
            Guard(() =>
            {
                var p = Core.Take(user_data);
                if (p != null) p.Complete(code, Utf8.FromNative(desc), Utf8.FromNative(json_params));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMLogCallback))]
        private static void OnLog(int level, IntPtr log, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.Log;
                if (cb == null) return;
                var text = Utf8.FromNative(log);
                var lvl = (TIMLogLevel)level;
                Core.Deliver(() => cb(lvl, text, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvEventCallback))]
        private static void OnConvEvent(int conv_event, IntPtr json_conv_array, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.ConvEvent;
                var scb = Listeners.ConvEventString;
                if (cb == null && scb == null) return;
                var json = Utf8.FromNative(json_conv_array);
                var ev = (TIMConvEvent)conv_event;
                if (cb != null)
                {
                    var list = Json.ConvList(json);
                    Core.Deliver(() => cb(ev, list, ""));
                }
                if (scb != null) Core.Deliver(() => scb(ev, json, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvTotalUnreadMessageCountChangedCallback))]
        private static void OnTotalUnread(int total_unread_count, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.TotalUnread;
                if (cb != null) Core.Deliver(() => cb(total_unread_count, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvTotalUnreadMessageCountChangedByFilterCallback))]
        private static void OnUnreadByFilter(IntPtr filter, int total_unread_count, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.UnreadByFilter;
                var scb = Listeners.UnreadByFilterString;
                if (cb == null && scb == null) return;
                var json = Utf8.FromNative(filter);
                if (cb != null)
                {
                    var f = Json.Deserialize<ConversationListFilter>(json) ?? new ConversationListFilter();
                    Core.Deliver(() => cb(f, total_unread_count, ""));
                }
                if (scb != null) Core.Deliver(() => scb(json, total_unread_count, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvConversationGroupCreatedCallback))]
        private static void OnGroupCreated(IntPtr group_name, IntPtr conversation_array, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.GroupCreated;
                var scb = Listeners.GroupCreatedString;
                if (cb == null && scb == null) return;
                var name = Utf8.FromNative(group_name);
                var json = Utf8.FromNative(conversation_array);
                if (cb != null)
                {
                    var list = Json.ConvList(json);
                    Core.Deliver(() => cb(name, list, ""));
                }
                if (scb != null) Core.Deliver(() => scb(name, json, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvConversationGroupDeletedCallback))]
        private static void OnGroupDeleted(IntPtr group_name, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.GroupDeleted;
                if (cb == null) return;
                var name = Utf8.FromNative(group_name);
                Core.Deliver(() => cb(name, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvConversationGroupNameChangedCallback))]
        private static void OnGroupNameChanged(IntPtr old_name, IntPtr new_name, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.GroupNameChanged;
                if (cb == null) return;
                var o = Utf8.FromNative(old_name);
                var n = Utf8.FromNative(new_name);
                Core.Deliver(() => cb(o, n, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvConversationsAddedToGroupCallback))]
        private static void OnAddedToGroup(IntPtr group_name, IntPtr conversation_array, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.AddedToGroup;
                var scb = Listeners.AddedToGroupString;
                if (cb == null && scb == null) return;
                var name = Utf8.FromNative(group_name);
                var json = Utf8.FromNative(conversation_array);
                if (cb != null)
                {
                    var list = Json.ConvList(json);
                    Core.Deliver(() => cb(name, list, ""));
                }
                if (scb != null) Core.Deliver(() => scb(name, json, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvConversationsDeletedFromGroupCallback))]
        private static void OnDeletedFromGroup(IntPtr group_name, IntPtr conversation_array, uint reason, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.DeletedFromGroup;
                var scb = Listeners.DeletedFromGroupString;
                if (cb == null && scb == null) return;
                var name = Utf8.FromNative(group_name);
                var json = Utf8.FromNative(conversation_array);
                if (cb != null)
                {
                    var list = Json.ConvList(json);
                    Core.Deliver(() => cb(name, list, reason, ""));
                }
                if (scb != null) Core.Deliver(() => scb(name, json, reason, ""));
            });
        }

        [Preserve]
        [MonoPInvokeCallback(typeof(Native.TIMConvSyncRejectedCallback))]
        private static void OnSyncRejected(IntPtr json_rejected_array, IntPtr user_data)
        {
            Guard(() =>
            {
                var cb = Listeners.SyncRejected;
                var scb = Listeners.SyncRejectedString;
                if (cb == null && scb == null) return;
                var json = Utf8.FromNative(json_rejected_array);
                if (cb != null)
                {
                    var list = Json.Deserialize<List<ConvSyncRejectedOperation>>(json) ?? new List<ConvSyncRejectedOperation>();
                    Core.Deliver(() => cb(list, ""));
                }
                if (scb != null) Core.Deliver(() => scb(json, ""));
            });
        }
    }
}
