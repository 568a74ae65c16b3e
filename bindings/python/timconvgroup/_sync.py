"""Sync across a user's devices: the typed documents and the HTTP round of ``Client.sync_with``.

The library never opens a socket. The host carries two JSON documents between it and its backend
(``docs/sync.md`` of the repository has the model and every key):

- the **push document** (``Client.sync_get_pending_changes``): this cache's client id, the last
  server version it applied, and its pending operations (``SyncPushDocument``);
- the **state document** (the backend's answer, given to ``Client.sync_apply``): the server's
  version and whole roaming state, and the operations it rejected. ``sync_apply`` returns a
  ``SyncApplyResult``.

``sync_round`` (used by ``Client.sync_with``) does one round over the reference backend's HTTP
API (``cmd/timconvsyncd``: ``POST /v1/sync`` with ``Authorization: Bearer <token>``) with the
standard library only (``urllib.request``).

Nothing in this module needs the native library.
"""

from __future__ import annotations

import enum
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from ._types import JSONObject, OperationResult, _enum_or_int, _int, _str, dumps, loads

__all__ = [
    "SyncOpType",
    "SyncOp",
    "SyncPushDocument",
    "SyncRejection",
    "SyncApplyResult",
    "SyncRoundResult",
    "SyncHTTPError",
    "StateDocumentLike",
]

#: What ``Client.sync_apply`` takes: the backend's answer as text, bytes, or parsed JSON.
StateDocumentLike = Union[str, bytes, Mapping[str, Any]]

#: The reference backend's endpoint for one push (``cmd/timconvsyncd``).
SYNC_PATH = "/v1/sync"


class SyncOpType(enum.IntEnum):
    """``sync_op_type`` of an operation in the push document (and ``sync_rejected_op_type``).

    The values are those of the rules package (``core/roam``, ``docs/sync.md``)."""

    GROUP_CREATE = 1
    GROUP_DELETE = 2
    GROUP_RENAME = 3
    GROUP_ADD = 4
    GROUP_REMOVE = 5
    MARK = 6
    PIN = 7
    CUSTOM_DATA = 8
    CONV_DELETE = 9


_OP_KEYS = {
    "sync_op_id",
    "sync_op_type",
    "sync_op_group_id",
    "sync_op_group_name",
    "sync_op_new_group_name",
    "sync_op_conversation_id_array",
    "sync_op_conversation_id",
    "sync_op_mark_type",
    "sync_op_enable_mark",
    "sync_op_is_pinned",
    "sync_op_custom_data",
}


@dataclass
class SyncOp:
    """One pending operation of the outbox (an item of ``sync_push_op_array``).

    Only the fields of its type are meaningful (``docs/sync.md``): a create has ``group_id``,
    ``group_name`` and ``conversation_ids``; a rename ``group_name`` (old) and ``new_group_name``;
    a mark ``conversation_ids``, ``mark_type`` and ``enable_mark``; a pin ``conversation_id`` and
    ``is_pinned``; custom data ``conversation_ids`` and ``custom_data``; a conversation delete
    ``conversation_id``. ``raw`` is the operation's JSON object as the library wrote it.
    """

    op_id: int
    op_type: SyncOpType
    group_id: str = ""
    group_name: str = ""
    new_group_name: str = ""
    conversation_ids: List[str] = field(default_factory=list)
    conversation_id: str = ""
    mark_type: int = 0
    enable_mark: bool = False
    is_pinned: bool = False
    custom_data: str = ""
    raw: JSONObject = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "SyncOp":
        return cls(
            op_id=_int(obj.get("sync_op_id")),
            op_type=_enum_or_int(SyncOpType, _int(obj.get("sync_op_type"))),
            group_id=_str(obj.get("sync_op_group_id")),
            group_name=_str(obj.get("sync_op_group_name")),
            new_group_name=_str(obj.get("sync_op_new_group_name")),
            conversation_ids=[_str(x) for x in (obj.get("sync_op_conversation_id_array") or [])],
            conversation_id=_str(obj.get("sync_op_conversation_id")),
            mark_type=_int(obj.get("sync_op_mark_type")),
            enable_mark=bool(obj.get("sync_op_enable_mark")),
            is_pinned=bool(obj.get("sync_op_is_pinned")),
            custom_data=_str(obj.get("sync_op_custom_data")),
            raw=dict(obj),
        )

    def describe(self) -> str:
        """A one-line human description, e.g. ``#3 rename "Work" -> "Job"``."""
        t = self.op_type
        ids = ", ".join(self.conversation_ids)
        if t == SyncOpType.GROUP_CREATE:
            text = f'create group "{self.group_name}" [{ids}]'
        elif t == SyncOpType.GROUP_DELETE:
            text = f'delete group "{self.group_name}"'
        elif t == SyncOpType.GROUP_RENAME:
            text = f'rename group "{self.group_name}" -> "{self.new_group_name}"'
        elif t == SyncOpType.GROUP_ADD:
            text = f'add [{ids}] to "{self.group_name}"'
        elif t == SyncOpType.GROUP_REMOVE:
            text = f'remove [{ids}] from "{self.group_name}"'
        elif t == SyncOpType.MARK:
            text = f"{'set' if self.enable_mark else 'clear'} mark {self.mark_type:#x} on [{ids}]"
        elif t == SyncOpType.PIN:
            text = f"{'pin' if self.is_pinned else 'unpin'} {self.conversation_id}"
        elif t == SyncOpType.CUSTOM_DATA:
            text = f"custom data {self.custom_data!r} on [{ids}]"
        elif t == SyncOpType.CONV_DELETE:
            text = f"delete conversation {self.conversation_id}"
        else:
            text = f"operation of type {int(t)}"
        return f"#{self.op_id} {text}"


@dataclass
class SyncPushDocument:
    """The push document (``TIMConvSyncGetPendingChanges``): send ``raw`` to the backend as it is.

    - ``client_id``: this cache's client id (32 lowercase hex digits, kept until the cache is
      deleted);
    - ``last_version``: the last server version this device applied (0: never);
    - ``ops``: the pending operations, ``op_id`` increasing;
    - ``raw``: the JSON text exactly as the library wrote it (what ``POST /v1/sync`` takes).
    """

    client_id: str
    last_version: int
    ops: List[SyncOp]
    raw: str = field(default="", repr=False)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], raw: str = "") -> "SyncPushDocument":
        return cls(
            client_id=_str(obj.get("sync_push_client_id")),
            last_version=_int(obj.get("sync_push_last_version")),
            ops=[SyncOp.from_json(x) for x in (obj.get("sync_push_op_array") or []) if isinstance(x, Mapping)],
            raw=raw or dumps(dict(obj)).decode("utf-8", "surrogateescape"),
        )

    def to_json(self) -> JSONObject:
        """The document as parsed JSON (a fresh dict of ``raw``)."""
        obj: JSONObject = json.loads(self.raw)
        return obj


@dataclass
class SyncRejection:
    """An operation of this device that the server rejected (``sync_rejected_*``), reported once.

    ``code`` non-zero: the whole operation was rejected (51009 an add to a group another device
    deleted or renamed, 51010 a 21st group, 51012 a rename onto an existing name, ...); 0: only
    some items were, listed in ``items``.
    """

    op_id: int
    op_type: SyncOpType
    code: int
    desc: str = ""
    items: List[OperationResult] = field(default_factory=list)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "SyncRejection":
        return cls(
            op_id=_int(obj.get("sync_rejected_op_id")),
            op_type=_enum_or_int(SyncOpType, _int(obj.get("sync_rejected_op_type"))),
            code=_int(obj.get("sync_rejected_code")),
            desc=_str(obj.get("sync_rejected_desc")),
            items=[OperationResult.from_json(x) for x in (obj.get("sync_rejected_item_array") or [])
                   if isinstance(x, Mapping)],
        )


def parse_rejections(value: Any) -> List[SyncRejection]:
    return [SyncRejection.from_json(x) for x in (value or []) if isinstance(x, Mapping)]


@dataclass
class SyncApplyResult:
    """What ``TIMConvSyncApply`` did (its callback JSON, ``sync_apply_*``).

    - ``is_applied``: False when the document changed nothing (older than the last one applied,
      or "unchanged" for a version this device does not hold, or a renewed client id);
    - ``version``: the server version this device now holds;
    - ``rejected``: the operations of this device the server rejected, reported by this apply
      (also given to the sync-rejected listener);
    - ``pending_count``: operations still in the outbox (push them in the next round);
    - ``is_client_id_renewed``: the cache had been restored from an older copy; it took a new
      client id and renumbered its pending operations: push again;
    - ``raw``: the callback's JSON text.
    """

    is_applied: bool
    version: int
    rejected: List[SyncRejection] = field(default_factory=list)
    pending_count: int = 0
    is_client_id_renewed: bool = False
    raw: str = field(default="", repr=False)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any], raw: str = "") -> "SyncApplyResult":
        return cls(
            is_applied=bool(obj.get("sync_apply_is_applied")),
            version=_int(obj.get("sync_apply_version")),
            rejected=parse_rejections(obj.get("sync_apply_rejected_array")),
            pending_count=_int(obj.get("sync_apply_pending_count")),
            is_client_id_renewed=bool(obj.get("sync_apply_is_client_id_renewed")),
            raw=raw or dumps(dict(obj)).decode("utf-8", "surrogateescape"),
        )


@dataclass
class SyncRoundResult:
    """What one ``Client.sync_with`` round did.

    - ``ops_pushed``: operations sent in the push document;
    - ``server_version``: ``sync_state_version`` of the backend's answer;
    - ``apply``: the ``SyncApplyResult`` of applying that answer (``rejected``,
      ``pending_count``, ``is_client_id_renewed`` are shortcuts to it);
    - ``push``: the push document sent; ``state``: the state document received (parsed JSON).
    """

    ops_pushed: int
    server_version: int
    apply: SyncApplyResult
    push: SyncPushDocument = field(repr=False)
    state: JSONObject = field(default_factory=dict, repr=False)

    @property
    def rejected(self) -> List[SyncRejection]:
        return self.apply.rejected

    @property
    def pending_count(self) -> int:
        return self.apply.pending_count

    @property
    def is_client_id_renewed(self) -> bool:
        return self.apply.is_client_id_renewed


class SyncHTTPError(Exception):
    """A sync round failed before anything was applied locally: the backend refused the push,
    answered something that is not a state document, or could not be reached.

    - ``status``: the HTTP status (0: no HTTP answer: connection refused, timeout, bad URL);
    - ``reason``: the backend's ``sync_error_reason`` (``"unauthorized"``, ``"malformed"``,
      ``"invalid"``, ``"too_large"``, ``"storage"``, ``"not_found"``, ...), or
      ``"not_json"`` (an answer that is not a JSON object), ``"http"`` (an error answer without
      the backend's error body), ``"unreachable"``;
    - ``code``: the backend's ``sync_error_code`` (0 when it sent none); ``desc``: why;
    - ``url``: the URL requested.

    The pending operations stay in the outbox: repeat the round later (a push repeated after a
    lost answer applies nothing twice).
    """

    def __init__(self, status: int, reason: str, desc: str, url: str, code: int = 0) -> None:
        super().__init__(status, reason, desc)
        self.status = int(status)
        self.reason = reason
        self.desc = desc
        self.url = url
        self.code = int(code)

    def __str__(self) -> str:
        head = f"HTTP {self.status}" if self.status else "no HTTP answer"
        code = f", code {self.code}" if self.code else ""
        return f"sync with {self.url} failed ({head}, {self.reason}{code}): {self.desc}"

    def __repr__(self) -> str:
        return (f"SyncHTTPError(status={self.status!r}, reason={self.reason!r}, code={self.code!r}, "
                f"desc={self.desc!r}, url={self.url!r})")


# ------------------------------------------------------------------------------------------------
# Encoding and the HTTP round
# ------------------------------------------------------------------------------------------------


def encode_state_document(doc: StateDocumentLike) -> bytes:
    """The state document as the bytes ``TIMConvSyncApply`` takes (str/bytes as given, a mapping
    as compact JSON)."""
    if isinstance(doc, bytes):
        raw = doc
    elif isinstance(doc, str):
        raw = doc.encode("utf-8", "surrogateescape")
    elif isinstance(doc, Mapping):
        raw = dumps(dict(doc))
    else:
        raise TypeError(f"a state document must be str, bytes or a dict, not {type(doc).__name__}")
    if b"\0" in raw:
        raise ValueError("a state document must not contain NUL characters")
    return raw


def parse_push(data: Optional[bytes]) -> SyncPushDocument:
    obj = loads(data)
    if not isinstance(obj, Mapping):
        raise ValueError(f"the library's push document is not a JSON object: {data!r}")
    return SyncPushDocument.from_json(obj, (data or b"").decode("utf-8", "surrogateescape"))


def parse_apply(data: Optional[bytes]) -> SyncApplyResult:
    obj = loads(data)
    if not isinstance(obj, Mapping):
        raise ValueError(f"the library's apply result is not a JSON object: {data!r}")
    return SyncApplyResult.from_json(obj, (data or b"").decode("utf-8", "surrogateescape"))


def sync_endpoint(url: str) -> str:
    """``url`` (the backend's base URL, e.g. ``http://127.0.0.1:8080``) + ``/v1/sync``; a URL that
    already ends with ``/v1/sync`` is kept."""
    if not isinstance(url, str) or not url:
        raise TypeError("url must be a non-empty str (the backend's base URL, e.g. http://127.0.0.1:8080)")
    base = url.rstrip("/")
    return base if base.endswith(SYNC_PATH) else base + SYNC_PATH


def post_push(url: str, token: str, body: bytes, timeout: float) -> Tuple[bytes, Dict[str, Any]]:
    """POST the push document to the backend; return the state document it answered (as received,
    and parsed).

    Raises ``SyncHTTPError`` for an error answer, an answer that is not a JSON object, or no
    answer at all. Standard library only."""
    if not isinstance(token, str) or not token or any(c in token for c in "\r\n"):
        raise ValueError("token must be a non-empty str without line breaks (the bearer token)")
    endpoint = sync_endpoint(url)
    req = urllib.request.Request(
        endpoint,
        data=body,
        method="POST",
        headers={
            "Authorization": "Bearer " + token,
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status = int(resp.status)
            answer = resp.read()
    except urllib.error.HTTPError as e:
        raw = b""
        try:
            raw = e.read()
        except Exception:  # noqa: BLE001 - the body is only a better message
            pass
        reason, code, desc = "http", 0, (e.reason if isinstance(e.reason, str) else str(e.reason))
        try:
            err = json.loads(raw.decode("utf-8"))
        except ValueError:
            err = None
        if isinstance(err, Mapping) and "sync_error_reason" in err:
            reason = _str(err.get("sync_error_reason"))
            code = _int(err.get("sync_error_code"))
            desc = _str(err.get("sync_error_desc")) or desc
        elif raw:
            desc = f"{desc}: {raw[:200].decode('utf-8', 'replace')}"
        raise SyncHTTPError(e.code, reason, desc, endpoint, code) from None
    except urllib.error.URLError as e:
        raise SyncHTTPError(0, "unreachable", str(e.reason), endpoint) from None
    except (OSError, ValueError) as e:  # timeouts, reset connections, malformed URLs
        raise SyncHTTPError(0, "unreachable", f"{type(e).__name__}: {e}", endpoint) from None
    if status != 200:
        raise SyncHTTPError(status, "http", f"expected 200 with a state document, got {status}", endpoint)
    try:
        state = json.loads(answer.decode("utf-8"))
    except ValueError:
        raise SyncHTTPError(
            status, "not_json", f"the answer is not JSON: {answer[:200].decode('utf-8', 'replace')!r}", endpoint
        ) from None
    if not isinstance(state, dict) or "sync_state_version" not in state:
        raise SyncHTTPError(
            status, "not_json", f"the answer is not a state document: {answer[:200].decode('utf-8', 'replace')!r}",
            endpoint,
        )
    return answer, state
