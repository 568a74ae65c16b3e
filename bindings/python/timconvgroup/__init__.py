"""timconvgroup — the conversation list and conversation groups of the Tencent Cloud IM native C
API on a local SQLite cache, for Python (ctypes over ``libtimconvgroup.so``).

Quick start::

    import timconvgroup as tcg

    with tcg.Client("/tmp/imdata") as client:
        client.login("me")
        client.upsert_conversations([tcg.ConvInfo("alice", tcg.ConvType.C2C, conv_active_time=1)])
        client.create_conversation_group("work", ["c2c_alice"])
        for conv in client.iter_conversations(tcg.ConversationListFilter(conversation_group="work")):
            print(conv.conv_id)

Sync across a user's devices: ``client.sync_with(url, token)`` does one round over the reference
backend (``cmd/timconvsyncd``); ``sync_get_pending_changes`` / ``sync_apply`` carry the documents
for any other transport.

See README.md for the threading model, asyncio, listeners and sync.
"""

from __future__ import annotations

from typing import Optional

from . import _native
from ._native import EXPECTED_MAJOR, LIBRARY_ENV, LibraryError
from ._types import (
    ConversationListFilter,
    ConversationListResult,
    ConvEvent,
    ConvInfo,
    ConvType,
    Draft,
    ErrorCode,
    GroupAtInfo,
    GroupAtType,
    LoginStatus,
    LogLevel,
    MarkType,
    OperationResult,
    ReceiveMessageOpt,
    TIMError,
    TIMResult,
    conversation_id,
    parse_conversation_id,
)
from ._sync import (
    SyncApplyResult,
    SyncHTTPError,
    SyncOp,
    SyncOpType,
    SyncPushDocument,
    SyncRejection,
    SyncRoundResult,
)
from .client import Client, ClientAlreadyOpenError

__version__ = "1.0.0"

__all__ = [
    "Client",
    "ClientAlreadyOpenError",
    "ConvEvent",
    "ConvInfo",
    "ConvType",
    "ConversationListFilter",
    "ConversationListResult",
    "Draft",
    "EXPECTED_MAJOR",
    "ErrorCode",
    "GroupAtInfo",
    "GroupAtType",
    "LIBRARY_ENV",
    "LibraryError",
    "LogLevel",
    "LoginStatus",
    "MarkType",
    "OperationResult",
    "ReceiveMessageOpt",
    "SyncApplyResult",
    "SyncHTTPError",
    "SyncOp",
    "SyncOpType",
    "SyncPushDocument",
    "SyncRejection",
    "SyncRoundResult",
    "TIMError",
    "TIMResult",
    "conversation_id",
    "library_path",
    "load_library",
    "parse_conversation_id",
    "sdk_version",
]


def load_library() -> str:
    """Load the native library now (it is otherwise loaded by the first ``Client``) and return its
    path. Raises ``LibraryError`` when it is missing or its major version is not ``EXPECTED_MAJOR``."""
    _native.load()
    path = _native.loaded_path()
    assert path is not None
    return path


def library_path() -> Optional[str]:
    """The path of the loaded library, or None before it was loaded."""
    return _native.loaded_path()


def sdk_version() -> str:
    """``TIMGetSDKVersion()`` of the native library (loading it if needed)."""
    return Client.sdk_version()
