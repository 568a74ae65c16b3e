"""``timconvgroup.Client``: the blocking and asyncio API over the C library.

Threading model
---------------
The client initialises the library in *host dispatch mode* and owns one daemon thread that loops
``TIMDispatchCallbacks``. Every callback of the library — per-call results, listeners, log lines —
runs on that thread, one at a time, in commit order (or, while ``close()`` drains the library, on
the thread calling ``close()``).

- A blocking method called on any other thread registers a pending call, submits it, and waits
  on a ``threading.Event`` that the dispatch thread sets.
- A blocking method called *inside* a callback (a listener that queries the client) cannot wait
  for the dispatch thread — it is that thread. It runs ``TIMDispatchCallbacks`` itself (a nested
  dispatch) until its own result has arrived, so listeners may call any method without deadlock.
- An ``a…`` method registers an asyncio future; the dispatch thread resolves it through
  ``loop.call_soon_threadsafe``. The event loop never blocks (the few synchronous C functions are
  run in the loop's default executor).

Every C callback object is created once, at import, and kept alive for the life of the process.
The callback machinery (pending calls, the C-facing trampolines, the listener table, the fork and
exit hooks) lives in ``_dispatch.py``, whose docstring walks one call's C→Python round trip.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import logging
import os
import threading
from dataclasses import dataclass
from typing import (
    Any,
    AsyncIterator,
    Callable,
    Dict,
    Generic,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    TypeVar,
    Union,
)

from . import _native
from ._dispatch import (
    COMM_CB,
    DISPATCH_WAIT_MS,
    JOIN_TIMEOUT_S,
    LISTENERS,
    NESTED_WAIT_MS,
    Pending,
    close_at_exit,
    in_callback,
    state,
)
from ._sync import (
    StateDocumentLike,
    SyncApplyResult,
    SyncPushDocument,
    SyncRejection,
    SyncRoundResult,
    encode_state_document,
    parse_apply,
    parse_push,
    post_push,
)
from ._types import (
    ConversationListFilter,
    ConversationListResult,
    ConvEvent,
    ConvInfo,
    ConvInfoLike,
    ConvRef,
    Draft,
    FilterLike,
    LoginStatus,
    LogLevel,
    OperationResult,
    TIMError,
    TIMResult,
    _enum_or_int,
    _result_error,
    decode_str,
    dumps,
    encode_conv_refs,
    encode_draft,
    encode_filter,
    encode_id_array,
    encode_str,
    encode_upsert_items,
    parse_conv_list,
    parse_list_result,
    parse_none,
    parse_op_results,
    parse_str_list,
    parse_unread,
)

__all__ = [
    "Client",
    "ClientAlreadyOpenError",
    "ConvEventListener",
    "GroupCreatedListener",
    "GroupDeletedListener",
    "GroupNameChangedListener",
    "ConversationsAddedToGroupListener",
    "ConversationsDeletedFromGroupListener",
    "TotalUnreadChangedListener",
    "UnreadChangedByFilterListener",
    "LogListener",
    "SyncRejectedListener",
]

log = logging.getLogger("timconvgroup")

T = TypeVar("T")

#: Size of the buffer TIMGetLoginUserID writes into: the caller provides 128 bytes (the Tencent
#: contract), and the library never writes more, NUL included.
USER_ID_BUFFER_BYTES = 128

ConvEventListener = Callable[[ConvEvent, List[ConvInfo]], Any]
GroupCreatedListener = Callable[[str, List[ConvInfo]], Any]
GroupDeletedListener = Callable[[str], Any]
GroupNameChangedListener = Callable[[str, str], Any]
ConversationsAddedToGroupListener = Callable[[str, List[ConvInfo]], Any]
ConversationsDeletedFromGroupListener = Callable[[str, List[ConvInfo], int], Any]
TotalUnreadChangedListener = Callable[[int], Any]
UnreadChangedByFilterListener = Callable[[ConversationListFilter, int], Any]
LogListener = Callable[[LogLevel, str], Any]
SyncRejectedListener = Callable[[List[SyncRejection]], Any]


class ClientAlreadyOpenError(RuntimeError):
    """A second ``Client`` was created while one is open (the library is one per process)."""


# ------------------------------------------------------------------------------------------------
# Requests
# ------------------------------------------------------------------------------------------------


@dataclass
class _Req(Generic[T]):
    """What one callback-style call needs: a label, how to submit it and how to read its result."""

    what: str
    submit: Callable[[Any, int], Any]
    parse: Callable[[Optional[bytes]], T]


class Client:
    """A session of the library: ``TIMInit`` on creation, ``TIMUninit`` on ``close()``.

    ``Client(data_dir, sdk_app_id=0, **config)``: ``data_dir`` is the cache folder (created if
    missing); further ``TIMInit`` config keys may be given with or without their
    ``sdk_config_`` prefix (``log_file_path=...``, ``durability="full"``).

    Only one client may be open per process (``ClientAlreadyOpenError``). Use it as a context
    manager, or call ``close()``; a client still open at interpreter exit is closed by an
    ``atexit`` hook. Do not ``fork()`` after creating a client (use the ``spawn`` start method).

    Blocking methods return results or raise ``TIMError``; every method has an awaitable ``a…``
    twin. Listeners run on the client's dispatch thread and may call any blocking method.
    """

    def __init__(self, data_dir: Union[str, "os.PathLike[str]"], sdk_app_id: int = 0, **config: Any) -> None:
        self._closed = True
        self._closing = False
        if state.forked:
            raise RuntimeError(
                "timconvgroup cannot be used in a process forked from one that loaded it; "
                "use the 'spawn' start method of multiprocessing"
            )
        cfg: Dict[str, Any] = {"sdk_config_config_file_path": os.fspath(data_dir)}
        for key, value in config.items():
            k = key if key.startswith("sdk_config_") else "sdk_config_" + key
            cfg[k] = value
        mode = cfg.get("sdk_config_dispatch_mode", "host")
        if mode != "host":
            raise ValueError(f"the Python binding runs the library in 'host' dispatch mode, not {mode!r}")
        cfg["sdk_config_dispatch_mode"] = "host"

        lib = _native.load()
        with state.lock:
            if state.client is not None:
                raise ClientAlreadyOpenError(
                    "a timconvgroup.Client is already open in this process (the library holds one "
                    "session per process); close() it before creating another"
                )
            state.client = self
        self._lib = lib
        self._listeners: Dict[str, Optional[Callable[..., Any]]] = {}
        self._close_lock = threading.Lock()
        self._stop = threading.Event()
        try:
            rc = lib.TIMInit(ctypes.c_uint64(int(sdk_app_id)), dumps(cfg))
            if rc != 0:
                raise _result_error(rc, "TIMInit")
        except BaseException:
            with state.lock:
                state.client = None
            raise
        self._closed = False
        self._thread = threading.Thread(target=self._dispatch_loop, name="timconvgroup-dispatch", daemon=True)
        self._thread.start()
        with state.lock:
            if not state.atexit_registered:
                atexit.register(close_at_exit)
                state.atexit_registered = True

    # --- lifecycle ------------------------------------------------------------------------------

    def _dispatch_loop(self) -> None:
        lib = self._lib
        while not self._stop.is_set():
            try:
                n = lib.TIMDispatchCallbacks(DISPATCH_WAIT_MS)
            except BaseException:  # noqa: B902 - keep delivering whatever happens
                log.exception("timconvgroup: TIMDispatchCallbacks failed")
                continue
            if n < 0:
                if n == TIMResult.ERR_SDKUNINIT:
                    break
                log.error("timconvgroup: TIMDispatchCallbacks returned %d; dispatch thread stops", n)
                break

    @property
    def closed(self) -> bool:
        """True once ``close()`` has begun."""
        return self._closed or self._closing

    def close(self) -> None:
        """``TIMUninit``: finish every accepted call, deliver every pending callback, release the
        cache and the dispatch thread. Idempotent. Cannot be called from inside a listener."""
        if in_callback():
            raise TIMError(
                TIMResult.ERR_PARAM,
                "close() cannot be called from inside a listener or callback; call it after the callback returned",
            )
        with self._close_lock:
            if self._closed:
                return
            self._closing = True
            rc = self._lib.TIMUninit()
            if rc != 0:
                self._closing = False
                raise _result_error(rc, "TIMUninit")
            self._stop.set()
            if self._thread is not threading.current_thread():
                self._thread.join(JOIN_TIMEOUT_S)
                if self._thread.is_alive():
                    log.warning("timconvgroup: the dispatch thread did not end after TIMUninit")
            # TIMUninit delivered every pending callback; anything left was abandoned.
            with state.lock:
                leftovers = list(state.pending.values())
                state.pending.clear()
                if state.client is self:
                    state.client = None
            for p in leftovers:
                p.code, p.desc = int(TIMResult.ERR_SDKUNINIT), "the client was closed"
                p.signal()
            self._listeners.clear()
            self._closed = True
            self._closing = False

    async def aclose(self) -> None:
        """``close()`` without blocking the event loop."""
        await asyncio.get_running_loop().run_in_executor(None, self.close)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    async def __aenter__(self) -> "Client":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"<timconvgroup.Client {'closed' if self.closed else 'open'}>"

    @staticmethod
    def sdk_version() -> str:
        """``TIMGetSDKVersion()`` of the loaded library."""
        raw = _native.load().TIMGetSDKVersion()
        return str(raw.decode("utf-8", "replace")) if raw else ""

    # --- call machinery -------------------------------------------------------------------------

    def _check_open(self) -> None:
        if state.forked:
            raise RuntimeError("timconvgroup cannot be used in a forked child process; use 'spawn'")
        if self._closed or self._closing:
            raise TIMError(TIMResult.ERR_SDKUNINIT, "the client is closed")

    def _call(self, req: "_Req[T]") -> T:
        self._check_open()
        p = Pending(req.what, req.parse)
        p.immediate = in_callback()
        token = state.register(p)
        try:
            rc = int(req.submit(COMM_CB, token))
        except BaseException:
            state.unregister(token)
            raise
        if rc != 0:
            state.unregister(token)
            raise _result_error(rc, req.what)
        self._wait(p, token)
        result: T = p.result()
        return result

    def _wait(self, p: Pending, token: int) -> None:
        if not in_callback():
            p.event.wait()
            return
        # On the thread that runs callbacks: deliver them ourselves (nested dispatch) until ours
        # has come. Callbacks run in order, so listeners fired by this call run first.
        lib = self._lib
        while not p.event.is_set():
            n = lib.TIMDispatchCallbacks(NESTED_WAIT_MS)
            if n < 0 and not p.event.is_set():
                state.unregister(token)
                raise TIMError(
                    n,
                    f"{p.what}: its result cannot be delivered inside this callback "
                    "(the library is shutting down)",
                )

    async def _acall(self, req: "_Req[T]") -> T:
        self._check_open()
        loop = asyncio.get_running_loop()
        fut: "asyncio.Future[T]" = loop.create_future()
        p = Pending(req.what, req.parse, loop, fut)
        token = state.register(p)
        try:
            rc = int(req.submit(COMM_CB, token))
        except BaseException:
            state.unregister(token)
            raise
        if rc != 0:
            state.unregister(token)
            raise _result_error(rc, req.what)
        return await fut

    def _sync(self, what: str, fn: Callable[[], int]) -> None:
        """A synchronous C function that returns a TIMResult."""
        self._check_open()
        rc = fn()
        if rc != 0:
            raise _result_error(rc, what)

    async def _in_executor(self, fn: Callable[[], T]) -> T:
        self._check_open()
        return await asyncio.get_running_loop().run_in_executor(None, fn)

    # --- listeners ------------------------------------------------------------------------------

    def _set_listener(self, kind: str, fn: Optional[Callable[..., Any]]) -> None:
        self._check_open()
        if fn is not None and not callable(fn):
            raise TypeError(f"a listener must be callable or None, not {type(fn).__name__}")
        setter_name, cb, cb_type = LISTENERS[kind]
        setter = getattr(self._lib, setter_name)
        if fn is None:
            setter(cb_type(), None)
            self._listeners.pop(kind, None)
        else:
            self._listeners[kind] = fn
            setter(cb, None)

    def set_conv_event_callback(self, fn: Optional[ConvEventListener]) -> None:
        """``fn(event: ConvEvent, convs: list[ConvInfo])``; None clears. Start/Finish carry ``[]``."""
        self._set_listener("conv_event", fn)

    def set_conv_conversation_group_created_callback(self, fn: Optional[GroupCreatedListener]) -> None:
        """``fn(name: str, convs: list[ConvInfo])`` (the initial members; may be empty); None clears."""
        self._set_listener("group_created", fn)

    def set_conv_conversation_group_deleted_callback(self, fn: Optional[GroupDeletedListener]) -> None:
        """``fn(name: str)``; None clears."""
        self._set_listener("group_deleted", fn)

    def set_conv_conversation_group_name_changed_callback(self, fn: Optional[GroupNameChangedListener]) -> None:
        """``fn(old_name: str, new_name: str)``; None clears."""
        self._set_listener("group_name_changed", fn)

    def set_conv_conversations_added_to_group_callback(self, fn: Optional[ConversationsAddedToGroupListener]) -> None:
        """``fn(name: str, convs: list[ConvInfo])`` (those actually added); None clears."""
        self._set_listener("added_to_group", fn)

    def set_conv_conversations_deleted_from_group_callback(
        self, fn: Optional[ConversationsDeletedFromGroupListener]
    ) -> None:
        """``fn(name: str, convs: list[ConvInfo], reason: int)`` (those actually removed; reason 0 =
        removed by a call); None clears."""
        self._set_listener("deleted_from_group", fn)

    def set_conv_total_unread_message_count_changed_callback(self, fn: Optional[TotalUnreadChangedListener]) -> None:
        """``fn(total: int)``; None clears."""
        self._set_listener("total_unread", fn)

    def set_conv_unread_message_count_changed_by_filter_callback(
        self, fn: Optional[UnreadChangedByFilterListener]
    ) -> None:
        """``fn(filter: ConversationListFilter, total: int)`` for each subscribed filter whose total
        changed (see ``subscribe_unread_message_count_by_filter``); None clears."""
        self._set_listener("unread_by_filter", fn)

    def set_conv_sync_rejected_callback(self, fn: Optional[SyncRejectedListener]) -> None:
        """``fn(rejected: list[SyncRejection])``: operations of this device the server rejected,
        reported once by the ``sync_apply`` that drops them from the outbox, before that apply's
        ``ConvEvent.START``; None clears."""
        self._set_listener("sync_rejected", fn)

    def set_log_callback(self, fn: Optional[LogListener]) -> None:
        """``fn(level: LogLevel, line: str)``; None clears."""
        self._set_listener("log", fn)

    # --- login ----------------------------------------------------------------------------------

    def _r_login(self, user_id: str, user_sig: str) -> "_Req[None]":
        uid, sig = encode_str(user_id, "user_id"), encode_str(user_sig, "user_sig")
        return _Req("login", lambda cb, ud: self._lib.TIMLogin(uid, sig, cb, ud), parse_none)

    def login(self, user_id: str, user_sig: str = "timconvgroup") -> None:
        """Open ``user_id``'s cache (the signature is not verified: there is no server)."""
        self._call(self._r_login(user_id, user_sig))

    async def alogin(self, user_id: str, user_sig: str = "timconvgroup") -> None:
        await self._acall(self._r_login(user_id, user_sig))

    def _r_logout(self) -> "_Req[None]":
        return _Req("logout", lambda cb, ud: self._lib.TIMLogout(cb, ud), parse_none)

    def logout(self) -> None:
        """Close the cache of the logged-in user (success also when not logged in)."""
        self._call(self._r_logout())

    async def alogout(self) -> None:
        await self._acall(self._r_logout())

    def get_login_status(self) -> LoginStatus:
        """``LoginStatus.LOGINED`` or ``LoginStatus.UNLOGINED``."""
        self._check_open()
        return _enum_or_int(LoginStatus, self._lib.TIMGetLoginStatus())

    async def aget_login_status(self) -> LoginStatus:
        return await self._in_executor(self.get_login_status)

    def get_login_user_id(self) -> Optional[str]:
        """The logged-in user ID, or None when not logged in."""
        self._check_open()
        buf = ctypes.create_string_buffer(USER_ID_BUFFER_BYTES)
        rc = self._lib.TIMGetLoginUserID(buf)
        if rc == TIMResult.ERR_NOTLOGIN:
            return None
        if rc != 0:
            raise _result_error(rc, "TIMGetLoginUserID")
        return decode_str(buf.value)

    async def aget_login_user_id(self) -> Optional[str]:
        return await self._in_executor(self.get_login_user_id)

    # --- conversations --------------------------------------------------------------------------

    def _r_upsert(self, items: Iterable[ConvInfoLike]) -> "_Req[List[OperationResult]]":
        arr = encode_upsert_items(items)
        return _Req(
            "upsert_conversations",
            lambda cb, ud: self._lib.TIMConvUpsertConversations(arr, cb, ud),
            parse_op_results,
        )

    def upsert_conversations(self, items: Iterable[ConvInfoLike]) -> List[OperationResult]:
        """Add or update conversations (extension ``TIMConvUpsertConversations``).

        ``items``: ConvInfo objects (their whole upsertable state is sent) or dicts with ConvInfo
        keys (only the keys present are changed; ``conv_id`` and ``conv_type`` are required).
        Returns one result per item, in order.
        """
        return self._call(self._r_upsert(items))

    async def aupsert_conversations(self, items: Iterable[ConvInfoLike]) -> List[OperationResult]:
        return await self._acall(self._r_upsert(items))

    def _r_get_conv_list(self) -> "_Req[List[ConvInfo]]":
        return _Req("get_conv_list", lambda cb, ud: self._lib.TIMConvGetConvList(cb, ud), parse_conv_list)

    def get_conv_list(self) -> List[ConvInfo]:
        """Every conversation: pinned first, then by ``conv_active_time`` descending."""
        return self._call(self._r_get_conv_list())

    async def aget_conv_list(self) -> List[ConvInfo]:
        return await self._acall(self._r_get_conv_list())

    def _r_get_conv_info(self, ids: Iterable[ConvRef]) -> "_Req[List[ConvInfo]]":
        arr = encode_conv_refs(ids)
        return _Req("get_conv_info", lambda cb, ud: self._lib.TIMConvGetConvInfo(arr, cb, ud), parse_conv_list)

    def get_conv_info(self, ids: Iterable[ConvRef]) -> List[ConvInfo]:
        """The conversations that exist among ``ids`` (``"c2c_x"``, ``(conv_id, conv_type)`` or
        ConvInfo), in input order."""
        return self._call(self._r_get_conv_info(ids))

    async def aget_conv_info(self, ids: Iterable[ConvRef]) -> List[ConvInfo]:
        return await self._acall(self._r_get_conv_info(ids))

    def _r_delete_conversation(self, conv_id: str, conv_type: int) -> "_Req[None]":
        cid, ct = encode_str(conv_id, "conv_id"), int(conv_type)
        return _Req(
            "delete_conversation",
            lambda cb, ud: self._lib.TIMConvDelete(cid, ct, cb, ud),
            parse_none,
        )

    def delete_conversation(self, conv_id: str, conv_type: int) -> None:
        """Delete one conversation (bare ``conv_id``); it leaves every group."""
        self._call(self._r_delete_conversation(conv_id, conv_type))

    async def adelete_conversation(self, conv_id: str, conv_type: int) -> None:
        await self._acall(self._r_delete_conversation(conv_id, conv_type))

    def _r_delete_conversation_list(
        self, conversation_ids: Iterable[str], clear_message: bool
    ) -> "_Req[List[OperationResult]]":
        arr, clear = encode_id_array(conversation_ids), bool(clear_message)
        return _Req(
            "delete_conversation_list",
            lambda cb, ud: self._lib.TIMConvDeleteConversationList(arr, clear, cb, ud),
            parse_op_results,
        )

    def delete_conversation_list(
        self, conversation_ids: Iterable[str], clear_message: bool = True
    ) -> List[OperationResult]:
        """Delete up to 100 conversations (``"c2c_x"`` IDs); one result per ID."""
        return self._call(self._r_delete_conversation_list(conversation_ids, clear_message))

    async def adelete_conversation_list(
        self, conversation_ids: Iterable[str], clear_message: bool = True
    ) -> List[OperationResult]:
        return await self._acall(self._r_delete_conversation_list(conversation_ids, clear_message))

    def _r_pin(self, conv_id: str, conv_type: int, is_pinned: bool) -> "_Req[None]":
        cid, ct, pin = encode_str(conv_id, "conv_id"), int(conv_type), bool(is_pinned)
        return _Req(
            "pin_conversation",
            lambda cb, ud: self._lib.TIMConvPinConversation(cid, ct, pin, cb, ud),
            parse_none,
        )

    def pin_conversation(self, conv_id: str, conv_type: int, is_pinned: bool) -> None:
        """Pin or unpin a conversation (bare ``conv_id``)."""
        self._call(self._r_pin(conv_id, conv_type, is_pinned))

    async def apin_conversation(self, conv_id: str, conv_type: int, is_pinned: bool) -> None:
        await self._acall(self._r_pin(conv_id, conv_type, is_pinned))

    def _r_mark(self, conversation_ids: Iterable[str], mark_type: int, enable: bool) -> "_Req[List[OperationResult]]":
        arr, mark, on = encode_id_array(conversation_ids), int(mark_type), bool(enable)
        if not 0 <= mark < 1 << 64:
            raise ValueError(f"mark_type must fit in 64 bits, got {mark_type!r}")
        return _Req(
            "mark_conversation",
            lambda cb, ud: self._lib.TIMConvMarkConversation(arr, ctypes.c_uint64(mark), on, cb, ud),
            parse_op_results,
        )

    def mark_conversation(
        self, conversation_ids: Iterable[str], mark_type: int, enable: bool
    ) -> List[OperationResult]:
        """Set (``enable``) or clear ``mark_type`` (``MarkType`` bits, custom bits 32..63) on up to
        100 conversations."""
        return self._call(self._r_mark(conversation_ids, mark_type, enable))

    async def amark_conversation(
        self, conversation_ids: Iterable[str], mark_type: int, enable: bool
    ) -> List[OperationResult]:
        return await self._acall(self._r_mark(conversation_ids, mark_type, enable))

    def _r_custom_data(
        self, conversation_ids: Iterable[str], custom_data: Union[str, bytes]
    ) -> "_Req[List[OperationResult]]":
        arr, data = encode_id_array(conversation_ids), encode_str(custom_data, "custom_data")
        return _Req(
            "set_conversation_custom_data",
            lambda cb, ud: self._lib.TIMConvSetConversationCustomData(arr, data, cb, ud),
            parse_op_results,
        )

    def set_conversation_custom_data(
        self, conversation_ids: Iterable[str], custom_data: Union[str, bytes]
    ) -> List[OperationResult]:
        """Set custom data (≤ 256 bytes; ``""`` clears) on up to 100 conversations."""
        return self._call(self._r_custom_data(conversation_ids, custom_data))

    async def aset_conversation_custom_data(
        self, conversation_ids: Iterable[str], custom_data: Union[str, bytes]
    ) -> List[OperationResult]:
        return await self._acall(self._r_custom_data(conversation_ids, custom_data))

    def set_draft(self, conv_id: str, conv_type: int, draft: Union[Draft, Mapping[str, Any]]) -> None:
        """Set a conversation's draft (synchronous ``TIMConvSetDraft``)."""
        cid, ct, js = encode_str(conv_id, "conv_id"), int(conv_type), encode_draft(draft)
        self._sync("set_draft", lambda: int(self._lib.TIMConvSetDraft(cid, ct, js)))

    async def aset_draft(self, conv_id: str, conv_type: int, draft: Union[Draft, Mapping[str, Any]]) -> None:
        await self._in_executor(lambda: self.set_draft(conv_id, conv_type, draft))

    def cancel_draft(self, conv_id: str, conv_type: int) -> None:
        """Remove a conversation's draft (synchronous ``TIMConvCancelDraft``)."""
        cid, ct = encode_str(conv_id, "conv_id"), int(conv_type)
        self._sync("cancel_draft", lambda: int(self._lib.TIMConvCancelDraft(cid, ct)))

    async def acancel_draft(self, conv_id: str, conv_type: int) -> None:
        await self._in_executor(lambda: self.cancel_draft(conv_id, conv_type))

    # --- unread counts --------------------------------------------------------------------------

    def _r_total_unread(self) -> "_Req[int]":
        return _Req(
            "get_total_unread_message_count",
            lambda cb, ud: self._lib.TIMConvGetTotalUnreadMessageCount(cb, ud),
            parse_unread,
        )

    def get_total_unread_message_count(self) -> int:
        """Total unread count (conversations with recv opt 1, 2 or 3 do not count)."""
        return self._call(self._r_total_unread())

    async def aget_total_unread_message_count(self) -> int:
        return await self._acall(self._r_total_unread())

    def _r_unread_by_filter(self, filter: FilterLike) -> "_Req[int]":
        js = encode_filter(filter)
        return _Req(
            "get_unread_message_count_by_filter",
            lambda cb, ud: self._lib.TIMConvGetUnreadMessageCountByFilter(js, cb, ud),
            parse_unread,
        )

    def get_unread_message_count_by_filter(self, filter: FilterLike = None) -> int:
        """Unread total of the conversations ``filter`` selects (None = all)."""
        return self._call(self._r_unread_by_filter(filter))

    async def aget_unread_message_count_by_filter(self, filter: FilterLike = None) -> int:
        return await self._acall(self._r_unread_by_filter(filter))

    def subscribe_unread_message_count_by_filter(self, filter: FilterLike = None) -> None:
        """Get the filter's unread total through the by-filter listener whenever it changes."""
        js = encode_filter(filter)
        self._sync("subscribe_unread_message_count_by_filter",
                   lambda: int(self._lib.TIMConvSubscribeUnreadMessageCountByFilter(js)))

    async def asubscribe_unread_message_count_by_filter(self, filter: FilterLike = None) -> None:
        await self._in_executor(lambda: self.subscribe_unread_message_count_by_filter(filter))

    def unsubscribe_unread_message_count_by_filter(self, filter: FilterLike = None) -> None:
        """Drop a subscription (an unknown one is not an error)."""
        js = encode_filter(filter)
        self._sync("unsubscribe_unread_message_count_by_filter",
                   lambda: int(self._lib.TIMConvUnsubscribeUnreadMessageCountByFilter(js)))

    async def aunsubscribe_unread_message_count_by_filter(self, filter: FilterLike = None) -> None:
        await self._in_executor(lambda: self.unsubscribe_unread_message_count_by_filter(filter))

    def _r_clean_unread(self, conversation_id: str, clean_timestamp: int, clean_sequence: int) -> "_Req[None]":
        cid = encode_str(conversation_id, "conversation_id")
        ts, seq = ctypes.c_uint64(int(clean_timestamp)), ctypes.c_uint64(int(clean_sequence))
        return _Req(
            "clean_conversation_unread_message_count",
            lambda cb, ud: self._lib.TIMConvCleanConversationUnreadMessageCount(cid, ts, seq, cb, ud),
            parse_none,
        )

    def clean_conversation_unread_message_count(
        self, conversation_id: str = "", clean_timestamp: int = 0, clean_sequence: int = 0
    ) -> None:
        """Set unread to 0: one conversation (``"c2c_x"``), ``"c2c"``, ``"group"`` or ``""`` (all)."""
        self._call(self._r_clean_unread(conversation_id, clean_timestamp, clean_sequence))

    async def aclean_conversation_unread_message_count(
        self, conversation_id: str = "", clean_timestamp: int = 0, clean_sequence: int = 0
    ) -> None:
        await self._acall(self._r_clean_unread(conversation_id, clean_timestamp, clean_sequence))

    # --- filtered list --------------------------------------------------------------------------

    def _r_list_by_filter(self, filter: FilterLike, next_seq: int, count: int) -> "_Req[ConversationListResult]":
        js = encode_filter(filter)
        seq = ctypes.c_uint64(int(next_seq))
        cnt = int(count)
        if not 0 <= cnt < 1 << 32:
            # Only what a uint32_t cannot carry is refused here; the library checks 1..1000 and
            # reports any other count with code 6017 (TIMError), like every other binding.
            raise ValueError(f"count must be an unsigned 32-bit integer (the library accepts 1..1000), got {count!r}")
        return _Req(
            "get_conversation_list_by_filter",
            lambda cb, ud: self._lib.TIMConvGetConversationListByFilter(js, seq, ctypes.c_uint32(cnt), cb, ud),
            parse_list_result,
        )

    def get_conversation_list_by_filter(
        self, filter: FilterLike = None, next_seq: int = 0, count: int = 100
    ) -> ConversationListResult:
        """One page of the conversations ``filter`` selects. Start with ``next_seq=0``; feed back
        ``result.next_seq`` until ``result.is_finished``."""
        return self._call(self._r_list_by_filter(filter, next_seq, count))

    async def aget_conversation_list_by_filter(
        self, filter: FilterLike = None, next_seq: int = 0, count: int = 100
    ) -> ConversationListResult:
        return await self._acall(self._r_list_by_filter(filter, next_seq, count))

    def iter_conversations(self, filter: FilterLike = None, page_size: int = 100) -> Iterator[ConvInfo]:
        """Every conversation ``filter`` selects, page by page, in list order."""
        seq = 0
        while True:
            page = self.get_conversation_list_by_filter(filter, seq, page_size)
            yield from page.conv_list
            if page.is_finished:
                return
            seq = page.next_seq

    async def aiter_conversations(self, filter: FilterLike = None, page_size: int = 100) -> AsyncIterator[ConvInfo]:
        """``iter_conversations`` for ``async for``."""
        seq = 0
        while True:
            page = await self.aget_conversation_list_by_filter(filter, seq, page_size)
            for conv in page.conv_list:
                yield conv
            if page.is_finished:
                return
            seq = page.next_seq

    # --- conversation groups --------------------------------------------------------------------

    def _r_create_group(self, name: str, conversation_ids: Iterable[str]) -> "_Req[List[OperationResult]]":
        n, arr = encode_str(name, "name"), encode_id_array(conversation_ids)
        return _Req(
            "create_conversation_group",
            lambda cb, ud: self._lib.TIMConvCreateConversationGroup(n, arr, cb, ud),
            parse_op_results,
        )

    def create_conversation_group(self, name: str, conversation_ids: Iterable[str]) -> List[OperationResult]:
        """Create a group with initial members (``"c2c_x"`` / ``"group_x"``); one result per ID."""
        return self._call(self._r_create_group(name, conversation_ids))

    async def acreate_conversation_group(self, name: str, conversation_ids: Iterable[str]) -> List[OperationResult]:
        return await self._acall(self._r_create_group(name, conversation_ids))

    def _r_group_list(self) -> "_Req[List[str]]":
        return _Req(
            "get_conversation_group_list",
            lambda cb, ud: self._lib.TIMConvGetConversationGroupList(cb, ud),
            parse_str_list,
        )

    def get_conversation_group_list(self) -> List[str]:
        """Group names in creation order."""
        return self._call(self._r_group_list())

    async def aget_conversation_group_list(self) -> List[str]:
        return await self._acall(self._r_group_list())

    def _r_delete_group(self, name: str) -> "_Req[None]":
        n = encode_str(name, "name")
        return _Req(
            "delete_conversation_group",
            lambda cb, ud: self._lib.TIMConvDeleteConversationGroup(n, cb, ud),
            parse_none,
        )

    def delete_conversation_group(self, name: str) -> None:
        """Delete a group (its conversations are kept)."""
        self._call(self._r_delete_group(name))

    async def adelete_conversation_group(self, name: str) -> None:
        await self._acall(self._r_delete_group(name))

    def _r_rename_group(self, old: str, new: str) -> "_Req[None]":
        o, n = encode_str(old, "old name"), encode_str(new, "new name")
        return _Req(
            "rename_conversation_group",
            lambda cb, ud: self._lib.TIMConvRenameConversationGroup(o, n, cb, ud),
            parse_none,
        )

    def rename_conversation_group(self, old: str, new: str) -> None:
        """Rename a group (it keeps its place in the group list)."""
        self._call(self._r_rename_group(old, new))

    async def arename_conversation_group(self, old: str, new: str) -> None:
        await self._acall(self._r_rename_group(old, new))

    def _r_add_to_group(self, name: str, conversation_ids: Iterable[str]) -> "_Req[List[OperationResult]]":
        n, arr = encode_str(name, "name"), encode_id_array(conversation_ids)
        return _Req(
            "add_conversations_to_group",
            lambda cb, ud: self._lib.TIMConvAddConversationsToGroup(n, arr, cb, ud),
            parse_op_results,
        )

    def add_conversations_to_group(self, name: str, conversation_ids: Iterable[str]) -> List[OperationResult]:
        """Add conversations to a group; one result per ID."""
        return self._call(self._r_add_to_group(name, conversation_ids))

    async def aadd_conversations_to_group(self, name: str, conversation_ids: Iterable[str]) -> List[OperationResult]:
        return await self._acall(self._r_add_to_group(name, conversation_ids))

    def _r_delete_from_group(self, name: str, conversation_ids: Iterable[str]) -> "_Req[List[OperationResult]]":
        n, arr = encode_str(name, "name"), encode_id_array(conversation_ids)
        return _Req(
            "delete_conversations_from_group",
            lambda cb, ud: self._lib.TIMConvDeleteConversationsFromGroup(n, arr, cb, ud),
            parse_op_results,
        )

    def delete_conversations_from_group(self, name: str, conversation_ids: Iterable[str]) -> List[OperationResult]:
        """Remove conversations from a group; one result per ID."""
        return self._call(self._r_delete_from_group(name, conversation_ids))

    async def adelete_conversations_from_group(
        self, name: str, conversation_ids: Iterable[str]
    ) -> List[OperationResult]:
        return await self._acall(self._r_delete_from_group(name, conversation_ids))

    # --- sync across devices --------------------------------------------------------------------

    def _r_sync_pending(self, max_ops: int) -> "_Req[SyncPushDocument]":
        n = int(max_ops)
        if not 0 <= n < 1 << 32:
            raise ValueError(f"max_ops must be an unsigned 32-bit integer (0 = all), got {max_ops!r}")
        return _Req(
            "sync_get_pending_changes",
            lambda cb, ud: self._lib.TIMConvSyncGetPendingChanges(ctypes.c_uint32(n), cb, ud),
            parse_push,
        )

    def sync_get_pending_changes(self, max_ops: int = 0) -> SyncPushDocument:
        """The push document (``TIMConvSyncGetPendingChanges``): this cache's client id, the last
        server version applied, and the first ``max_ops`` pending operations (0 = all).

        Send ``.raw`` to the backend and give its answer to ``sync_apply``. Reading it changes
        nothing: the operations stay pending until a state document acknowledges them."""
        return self._call(self._r_sync_pending(max_ops))

    async def async_get_pending_changes(self, max_ops: int = 0) -> SyncPushDocument:
        """``sync_get_pending_changes`` without blocking the event loop."""
        return await self._acall(self._r_sync_pending(max_ops))

    def _r_sync_apply(self, state_document: StateDocumentLike) -> "_Req[SyncApplyResult]":
        doc = encode_state_document(state_document)
        return _Req(
            "sync_apply",
            lambda cb, ud: self._lib.TIMConvSyncApply(doc, cb, ud),
            parse_apply,
        )

    def sync_apply(self, state_document: StateDocumentLike) -> SyncApplyResult:
        """Apply the backend's state document (``TIMConvSyncApply``): text, bytes or parsed JSON.

        In one transaction the server's state becomes the confirmed state, the operations it
        acknowledged leave the outbox (those it rejected are reported once: in the result's
        ``rejected`` and to the sync-rejected listener), the still-pending ones are replayed on
        top, and the difference from what the cache showed is delivered to the listeners between
        ``ConvEvent.START`` and ``ConvEvent.FINISH`` (groups deleted, renamed, created,
        conversations removed from and added to groups, then ``ConvEvent.UPDATE``). An older
        document changes nothing (``is_applied`` False).

        Raises ``TIMError``: -3 (``TIMResult.ERR_JSON``) for a document that is not JSON or has
        the wrong shape; 6017 for a document of another client or one that breaks a rule of the
        state (51010 more than 20 groups, 51012 a repeated name, 51008 over 1000, ...) — refused
        whole, nothing changed; 6019 storage failure."""
        return self._call(self._r_sync_apply(state_document))

    async def async_apply(self, state_document: StateDocumentLike) -> SyncApplyResult:
        """``sync_apply`` without blocking the event loop."""
        return await self._acall(self._r_sync_apply(state_document))

    def sync_with(self, url: str, token: str, *, timeout: float = 30.0, max_ops: int = 0) -> SyncRoundResult:
        """One full sync round over the reference backend's HTTP API (``cmd/timconvsyncd``),
        standard library only: take the push document, ``POST`` it to ``<url>/v1/sync`` with
        ``Authorization: Bearer <token>``, apply the state document it answers.

        ``url`` is the backend's base URL (``http://127.0.0.1:8080``); ``timeout`` bounds each
        network operation (seconds); ``max_ops`` bounds the operations pushed (0 = all; the
        rest stay pending: ``result.pending_count``).

        Returns a ``SyncRoundResult``: ``ops_pushed``, ``server_version``, ``rejected`` (this
        device's operations the server rejected), ``pending_count``, and the ``apply`` result.
        When ``is_client_id_renewed`` is True the cache had been restored from an older copy and
        took a new client id: call ``sync_with`` again to push under it.

        Raises ``SyncHTTPError`` when the backend refuses the push (401 unknown token, 400,
        413, 500 — with its ``reason`` and ``code``), answers something that is not a state
        document, or cannot be reached; nothing changes locally then, and the operations stay
        pending (repeating the round is safe: the backend applies nothing twice). ``TIMError``
        as ``sync_get_pending_changes`` / ``sync_apply``.

        It blocks for the HTTP round trip: call it from your own thread, or ``await
        client.async_with(...)``."""
        push = self.sync_get_pending_changes(max_ops)
        answer, state = post_push(url, token, push.raw.encode("utf-8", "surrogateescape"), float(timeout))
        applied = self.sync_apply(answer)
        return SyncRoundResult(len(push.ops), _int_of(state.get("sync_state_version")), applied, push, state)

    async def async_with(self, url: str, token: str, *, timeout: float = 30.0, max_ops: int = 0) -> SyncRoundResult:
        """``sync_with`` for asyncio: the library calls are awaited, the HTTP request runs in the
        loop's default executor."""
        push = await self.async_get_pending_changes(max_ops)
        body = push.raw.encode("utf-8", "surrogateescape")
        answer, state = await asyncio.get_running_loop().run_in_executor(
            None, lambda: post_push(url, token, body, float(timeout))
        )
        applied = await self.async_apply(answer)
        return SyncRoundResult(len(push.ops), _int_of(state.get("sync_state_version")), applied, push, state)


def _int_of(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) else 0
