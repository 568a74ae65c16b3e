"""The callback machinery of the client: pending calls, the C-facing trampolines, listeners.

The library is a process-wide singleton that reports every result through C function pointers.
This module holds everything on the C side of that boundary; ``client.py`` holds the ``Client``
API built on it. The round trip of one blocking call, e.g. ``client.create_conversation_group``:

1. ``Client._call`` makes a ``Pending`` (a label, the parser of the result JSON, a
   ``threading.Event``) and registers it in ``state.pending`` under a fresh integer token.
2. It calls the C function with ``COMM_CB`` (the one ``TIMCommCallback`` object, made at import)
   and the token as ``user_data``. A non-zero ``TIMResult`` means the call was refused at once:
   the token is dropped, ``TIMError`` is raised, and no callback will come.
3. The library runs the operation on its worker and commits it. It queues the listener callbacks
   the operation fired, then the call's result, in that order (FIFO). The client runs the library
   in host dispatch mode, so nothing runs until a thread calls ``TIMDispatchCallbacks``.
4. The client's dispatch thread (``Client._dispatch_loop``) loops
   ``TIMDispatchCallbacks(DISPATCH_WAIT_MS)``; the library calls the trampolines below on that
   thread, one at a time (on the thread of ``close()`` while ``TIMUninit`` drains the queue).
5. Each trampoline runs its body through ``_run_guarded``, which counts the callback nesting depth
   of the thread and never lets an exception unwind into C (it is logged). A listener trampoline
   (``_on_conv_event``, ``_on_group_created``, ...) decodes its C arguments (UTF-8 bytes to
   ``str``, ConvInfo JSON to ``ConvInfo``, a rejected-operations array to ``SyncRejection``s) and calls the function the application set with
   ``Client.set_*_callback``, found by kind in the open client's listener table.
6. ``_on_comm`` takes the ``Pending`` back out of the table by its token, stores the code, desc
   and result JSON, and signals it: it sets the ``Event`` and, for an ``a...`` call, schedules
   ``Pending.resolve_future`` on the awaiting event loop with ``call_soon_threadsafe``.
7. The waiter wakes; ``Pending.result()`` raises ``TIMError`` for a non-zero code, else returns the
   parsed result.

A blocking call made *inside* a listener runs on the dispatch thread itself, so step 7 cannot just
wait: ``Client._wait`` pumps ``TIMDispatchCallbacks(NESTED_WAIT_MS)`` on that thread until its own
``Pending`` (marked ``immediate``) is signalled. Results of *other* calls that such a nested
dispatch delivers are held back until the outermost callback returns, so every caller still sees
its result only after every listener its call fired has returned.

The ctypes callback objects live as long as the process (``_immortal``): the library may call them
until ``TIMUninit``, which the ``atexit`` hook (``close_at_exit``) may run during interpreter
teardown. After ``fork()`` the child marks the state ``forked`` and never touches the library: the
Go runtime inside it does not survive a fork.
"""

from __future__ import annotations

import asyncio
import ctypes
import itertools
import logging
import os
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional

from . import _native
from ._sync import parse_rejections
from ._types import (
    ConversationListFilter,
    ConvEvent,
    LogLevel,
    TIMError,
    _enum_or_int,
    decode_str,
    loads,
    parse_conv_list,
)

if TYPE_CHECKING:
    from .client import Client

__all__ = [
    "COMM_CB",
    "DISPATCH_WAIT_MS",
    "JOIN_TIMEOUT_S",
    "LISTENERS",
    "NESTED_WAIT_MS",
    "Pending",
    "State",
    "close_at_exit",
    "in_callback",
    "state",
]

log = logging.getLogger("timconvgroup")

#: How long one TIMDispatchCallbacks call of the dispatch thread waits (ms). The library wakes it
#: at once when a callback is queued or on TIMUninit; the bound only limits how long a wedged
#: library could keep the thread.
DISPATCH_WAIT_MS = 500
#: How long a nested dispatch (a blocking call inside a callback) waits per round (ms).
NESTED_WAIT_MS = 100
#: How long close() waits for the dispatch thread to end after TIMUninit returned (s).
JOIN_TIMEOUT_S = 30.0


# ------------------------------------------------------------------------------------------------
# Process-wide state (the library is a process-wide singleton)
# ------------------------------------------------------------------------------------------------


class Pending:
    """One accepted call whose TIMCommCallback has not run yet."""

    __slots__ = ("what", "parse", "event", "code", "desc", "data", "loop", "future", "immediate")

    def __init__(
        self,
        what: str,
        parse: Callable[[Optional[bytes]], Any],
        loop: Optional[asyncio.AbstractEventLoop] = None,
        future: Optional["asyncio.Future[Any]"] = None,
    ) -> None:
        self.what = what
        self.parse = parse
        self.event = threading.Event()
        self.code = 0
        self.desc = ""
        self.data: Optional[bytes] = None
        self.loop = loop
        self.future = future
        #: made from inside a callback: its waiter pumps callbacks itself and needs the result at
        #: once, even while the callback that made it is still running.
        self.immediate = False

    def signal(self) -> None:
        """Wake whoever waits for this call (a thread, or an asyncio future)."""
        if self.future is not None and self.loop is not None:
            try:
                self.loop.call_soon_threadsafe(self.resolve_future)
            except RuntimeError:
                pass  # the awaiting loop is closed: nobody is waiting any more
        self.event.set()

    def result(self) -> Any:
        if self.code != 0:
            raise TIMError(self.code, self.desc or f"{self.what} failed")
        return self.parse(self.data)

    def resolve_future(self) -> None:
        """Runs in the future's event loop."""
        fut = self.future
        if fut is None or fut.done():
            return
        try:
            value = self.result()
        except BaseException as e:  # noqa: B902 - TIMError or a parse error goes to the awaiter
            fut.set_exception(e)
        else:
            fut.set_result(value)


class State:
    """The process-wide state: pending calls by token, the open client (whose listener table the
    trampolines read), each thread's callback depth, and the fork and atexit flags."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: Dict[int, Pending] = {}
        self.tokens = itertools.count(1)
        self.client: Optional["Client"] = None
        self.tls = threading.local()
        self.forked = False
        self.atexit_registered = False

    def register(self, p: Pending) -> int:
        with self.lock:
            token = next(self.tokens)
            self.pending[token] = p
        return token

    def unregister(self, token: int) -> Optional[Pending]:
        with self.lock:
            return self.pending.pop(token, None)

    def depth(self) -> int:
        d: int = getattr(self.tls, "depth", 0)
        return d


state = State()


def in_callback() -> bool:
    """True when the current thread is running a library callback (dispatch thread or close())."""
    return state.depth() > 0


def _listener(kind: str) -> Optional[Callable[..., Any]]:
    client = state.client
    if client is None:
        return None
    return client._listeners.get(kind)


def _run_guarded(kind: str, body: Callable[[], None]) -> None:
    """Run callback code: count the nesting depth, never let an exception reach C.

    When the outermost callback on this thread returns, results that arrived during nested
    dispatches (a listener's blocking call) are handed to their waiters: a caller thus sees its
    result only after every listener its call fired has returned (the library delivers a call's
    listener callbacks before its result, and the binding keeps that order for its callers).
    """
    tls = state.tls
    tls.depth = getattr(tls, "depth", 0) + 1
    try:
        body()
    except BaseException:  # noqa: B902 - nothing may unwind into the C caller
        log.exception("timconvgroup: exception in %s callback (ignored)", kind)
    finally:
        tls.depth -= 1
        if tls.depth == 0:
            deferred: Optional[List[Pending]] = getattr(tls, "deferred", None)
            while deferred:
                deferred.pop(0).signal()


# --- C-facing trampolines (module level, created once, never freed) ------------------------------


def _on_comm(code: int, desc: Optional[bytes], data: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        p = state.unregister(user_data or 0)
        if p is None:
            return  # abandoned (e.g. a nested wait gave up during shutdown)
        p.code = int(code)
        p.desc = decode_str(desc)
        p.data = data
        tls = state.tls
        if tls.depth > 1 and not p.immediate:
            # delivered by a nested dispatch inside a listener: hold it until that listener
            # (the outermost callback) has returned
            if not hasattr(tls, "deferred"):
                tls.deferred = []
            tls.deferred.append(p)
        else:
            p.signal()

    _run_guarded("call result", body)


def _on_log(level: int, line: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("log")
        if fn is not None:
            fn(_enum_or_int(LogLevel, level), decode_str(line))

    _run_guarded("log", body)


def _on_conv_event(event: int, data: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("conv_event")
        if fn is not None:
            fn(_enum_or_int(ConvEvent, event), parse_conv_list(data))

    _run_guarded("conv event", body)


def _on_total_unread(total: int, user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("total_unread")
        if fn is not None:
            fn(int(total))

    _run_guarded("total unread", body)


def _on_unread_by_filter(flt: Optional[bytes], total: int, user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("unread_by_filter")
        if fn is not None:
            obj = loads(flt)
            f = ConversationListFilter.from_json(obj) if isinstance(obj, Mapping) else ConversationListFilter()
            fn(f, int(total))

    _run_guarded("unread by filter", body)


def _on_group_created(name: Optional[bytes], convs: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("group_created")
        if fn is not None:
            fn(decode_str(name), parse_conv_list(convs))

    _run_guarded("group created", body)


def _on_group_deleted(name: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("group_deleted")
        if fn is not None:
            fn(decode_str(name))

    _run_guarded("group deleted", body)


def _on_group_name_changed(old: Optional[bytes], new: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("group_name_changed")
        if fn is not None:
            fn(decode_str(old), decode_str(new))

    _run_guarded("group name changed", body)


def _on_added_to_group(name: Optional[bytes], convs: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("added_to_group")
        if fn is not None:
            fn(decode_str(name), parse_conv_list(convs))

    _run_guarded("conversations added to group", body)


def _on_deleted_from_group(
    name: Optional[bytes], convs: Optional[bytes], reason: int, user_data: Optional[int]
) -> None:
    def body() -> None:
        fn = _listener("deleted_from_group")
        if fn is not None:
            fn(decode_str(name), parse_conv_list(convs), int(reason))

    _run_guarded("conversations deleted from group", body)


def _on_sync_rejected(rejected: Optional[bytes], user_data: Optional[int]) -> None:
    def body() -> None:
        fn = _listener("sync_rejected")
        if fn is not None:
            fn(parse_rejections(loads(rejected)))

    _run_guarded("sync rejected", body)


def _immortal(obj: Any) -> Any:
    """Keep a ctypes callback alive for the life of the process (also through interpreter teardown)."""
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
    return obj


COMM_CB = _immortal(_native.TIMCommCallback(_on_comm))
_LOG_CB = _immortal(_native.TIMLogCallback(_on_log))
_EVENT_CB = _immortal(_native.TIMConvEventCallback(_on_conv_event))
_TOTAL_UNREAD_CB = _immortal(_native.TIMConvTotalUnreadMessageCountChangedCallback(_on_total_unread))
_UNREAD_BY_FILTER_CB = _immortal(_native.TIMConvTotalUnreadMessageCountChangedByFilterCallback(_on_unread_by_filter))
_GROUP_CREATED_CB = _immortal(_native.TIMConvConversationGroupCreatedCallback(_on_group_created))
_GROUP_DELETED_CB = _immortal(_native.TIMConvConversationGroupDeletedCallback(_on_group_deleted))
_GROUP_NAME_CHANGED_CB = _immortal(_native.TIMConvConversationGroupNameChangedCallback(_on_group_name_changed))
_ADDED_TO_GROUP_CB = _immortal(_native.TIMConvConversationsAddedToGroupCallback(_on_added_to_group))
_DELETED_FROM_GROUP_CB = _immortal(_native.TIMConvConversationsDeletedFromGroupCallback(_on_deleted_from_group))
_SYNC_REJECTED_CB = _immortal(_native.TIMConvSyncRejectedCallback(_on_sync_rejected))

# kind -> (setter name, C callback object, its type for NULL)
LISTENERS: Dict[str, "tuple[str, Any, Any]"] = {
    "log": ("TIMSetLogCallback", _LOG_CB, _native.TIMLogCallback),
    "conv_event": ("TIMSetConvEventCallback", _EVENT_CB, _native.TIMConvEventCallback),
    "total_unread": (
        "TIMSetConvTotalUnreadMessageCountChangedCallback",
        _TOTAL_UNREAD_CB,
        _native.TIMConvTotalUnreadMessageCountChangedCallback,
    ),
    "unread_by_filter": (
        "TIMSetConvUnreadMessageCountChangedByFilterCallback",
        _UNREAD_BY_FILTER_CB,
        _native.TIMConvTotalUnreadMessageCountChangedByFilterCallback,
    ),
    "group_created": (
        "TIMSetConvConversationGroupCreatedCallback",
        _GROUP_CREATED_CB,
        _native.TIMConvConversationGroupCreatedCallback,
    ),
    "group_deleted": (
        "TIMSetConvConversationGroupDeletedCallback",
        _GROUP_DELETED_CB,
        _native.TIMConvConversationGroupDeletedCallback,
    ),
    "group_name_changed": (
        "TIMSetConvConversationGroupNameChangedCallback",
        _GROUP_NAME_CHANGED_CB,
        _native.TIMConvConversationGroupNameChangedCallback,
    ),
    "added_to_group": (
        "TIMSetConvConversationsAddedToGroupCallback",
        _ADDED_TO_GROUP_CB,
        _native.TIMConvConversationsAddedToGroupCallback,
    ),
    "deleted_from_group": (
        "TIMSetConvConversationsDeletedFromGroupCallback",
        _DELETED_FROM_GROUP_CB,
        _native.TIMConvConversationsDeletedFromGroupCallback,
    ),
    "sync_rejected": (
        "TIMSetConvSyncRejectedCallback",
        _SYNC_REJECTED_CB,
        _native.TIMConvSyncRejectedCallback,
    ),
}


# --- process hooks -------------------------------------------------------------------------------


def close_at_exit() -> None:
    client = state.client
    if client is None or state.forked:
        return
    try:
        client.close()
    except BaseException:  # noqa: B902
        log.exception("timconvgroup: closing the client at exit failed")


def _after_fork_in_child() -> None:
    # The Go runtime inside the library does not survive fork(): the child must not touch it, not
    # even from the exit hook. Use the "spawn" start method of multiprocessing instead.
    state.forked = True
    state.lock = threading.Lock()
    state.pending = {}


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
