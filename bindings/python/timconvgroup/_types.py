"""Enums, data classes and the JSON mapping of the C API.

Nothing in this module needs the native library: it only turns Python values into the JSON the
library reads and the JSON the library writes into Python values.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Type, TypeVar, Union

__all__ = [
    "TIMResult",
    "ErrorCode",
    "ConvType",
    "ConvEvent",
    "MarkType",
    "GroupAtType",
    "ReceiveMessageOpt",
    "LoginStatus",
    "LogLevel",
    "TIMError",
    "Draft",
    "GroupAtInfo",
    "ConvInfo",
    "OperationResult",
    "ConversationListFilter",
    "ConversationListResult",
    "conversation_id",
    "parse_conversation_id",
]


# ------------------------------------------------------------------------------------------------
# Enums (values are those of timconvgroup.h; C names are kept as aliases)
# ------------------------------------------------------------------------------------------------


class TIMResult(enum.IntEnum):
    """Synchronous return value of the C functions (``enum TIMResult``)."""

    SUCC = 0
    ERR_SDKUNINIT = -1
    ERR_NOTLOGIN = -2
    ERR_JSON = -3
    ERR_PARAM = -4
    ERR_CONV = -5
    ERR_GROUP = -6

    TIM_SUCC = 0
    TIM_ERR_SDKUNINIT = -1
    TIM_ERR_NOTLOGIN = -2
    TIM_ERR_JSON = -3
    TIM_ERR_PARAM = -4
    TIM_ERR_CONV = -5
    TIM_ERR_GROUP = -6


class ErrorCode(enum.IntEnum):
    """Codes delivered in a callback (``enum TIMErrCode``; ``timconvgroup.h`` says when each is sent)."""

    SUCC = 0
    INVALID_CONVERSATION = 6004
    SDK_NOT_INITIALIZED = 6013
    SDK_NOT_LOGGED_IN = 6014
    INVALID_PARAMETERS = 6017
    DATABASE_OPERATE_FAILED = 6019
    IO_OPERATION_FAILED = 6022
    SDK_INTERFACE_NOT_SUPPORT = 7013
    CONV_MARK_REQ_COUNT_EXCEED_LIMIT = 51006
    CONV_MARK_OPERATE_FAILED = 51007
    CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT = 51008
    CONV_GROUP_NOT_EXIST = 51009
    CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT = 51010
    CONV_GROUP_NAME_EXCEED_LENGTH = 51011
    CONV_GROUP_NAME_ALREADY_EXISTS = 51012

    ERR_SUCC = 0
    ERR_INVALID_CONVERSATION = 6004
    ERR_SDK_NOT_INITIALIZED = 6013
    ERR_SDK_NOT_LOGGED_IN = 6014
    ERR_INVALID_PARAMETERS = 6017
    ERR_DATABASE_OPERATE_FAILED = 6019
    ERR_IO_OPERATION_FAILED = 6022
    ERR_SDK_INTERFACE_NOT_SUPPORT = 7013
    ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT = 51006
    ERR_SVR_CONV_CONV_MARK_OPERATE_FAILED = 51007
    ERR_SVR_CONV_CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT = 51008
    ERR_SVR_CONV_CONV_GROUP_NOT_EXIST = 51009
    ERR_SVR_CONV_CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT = 51010
    ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH = 51011
    ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS = 51012


class ConvType(enum.IntEnum):
    """Conversation type (``enum TIMConvType``)."""

    INVALID = 0
    C2C = 1
    GROUP = 2
    SYSTEM = 3

    kTIMConv_Invalid = 0
    kTIMConv_C2C = 1
    kTIMConv_Group = 2
    kTIMConv_System = 3


class ConvEvent(enum.IntEnum):
    """Conversation event (``enum TIMConvEvent``)."""

    ADD = 0
    DEL = 1
    UPDATE = 2
    START = 3
    FINISH = 4

    kTIMConvEvent_Add = 0
    kTIMConvEvent_Del = 1
    kTIMConvEvent_Update = 2
    kTIMConvEvent_Start = 3
    kTIMConvEvent_Finish = 4


class MarkType(enum.IntFlag):
    """Conversation marks (``enum TIMConversationMarkType``).

    Built-in marks are bits 0..3; custom marks are the single bits ``1 << n`` with
    ``32 <= n < 64``: ``MarkType(1 << 40)`` or ``MarkType.custom(40)``. Values combine with ``|``.
    """

    STAR = 0x1
    UNREAD = 0x2
    FOLD = 0x4
    HIDE = 0x8

    kTIMConversationMarkTypeStar = 0x1
    kTIMConversationMarkTypeUnread = 0x2
    kTIMConversationMarkTypeFold = 0x4
    kTIMConversationMarkTypeHide = 0x8

    @classmethod
    def custom(cls, bit: int) -> "MarkType":
        """The custom mark ``1 << bit`` (``32 <= bit < 64``)."""
        if not isinstance(bit, int) or isinstance(bit, bool) or not 32 <= bit < 64:
            raise ValueError(f"custom mark bits are 32..63, got {bit!r}")
        return cls(1 << bit)


class GroupAtType(enum.IntEnum):
    """Group @ type (``enum TIMGroupAtType``)."""

    AT_ME = 1
    AT_ALL = 2
    AT_ALL_AT_ME = 3

    kTIMGroup_At_Me = 1
    kTIMGroup_At_All = 2
    kTIMGroup_At_All_At_ME = 3


class ReceiveMessageOpt(enum.IntEnum):
    """Receive option (``enum TIMReceiveMessageOpt``)."""

    RECEIVE = 0
    NOT_RECEIVE = 1
    NOT_NOTIFY = 2
    NOT_NOTIFY_EXCEPT_AT = 3
    NOT_RECEIVE_EXCEPT_AT = 4

    kTIMRecvMsgOpt_Receive = 0
    kTIMRecvMsgOpt_Not_Receive = 1
    kTIMRecvMsgOpt_Not_Notify = 2
    kTIMRecvMsgOpt_Not_Notify_Except_At = 3
    kTIMRecvMsgOpt_Not_Receive_Except_At = 4


class LoginStatus(enum.IntEnum):
    """``TIMGetLoginStatus()`` values (``enum TIMLoginStatus``)."""

    LOGINED = 1
    LOGINING = 2
    UNLOGINED = 3
    LOGOUTING = 4

    kTIMLoginStatus_Logined = 1
    kTIMLoginStatus_Logining = 2
    kTIMLoginStatus_UnLogined = 3
    kTIMLoginStatus_Logouting = 4


class LogLevel(enum.IntEnum):
    """Log level (``enum TIMLogLevel``)."""

    OFF = 0
    TEST = 1
    VERBOSE = 2
    DEBUG = 3
    INFO = 4
    WARN = 5
    ERROR = 6
    ASSERT = 7

    kTIMLog_Off = 0
    kTIMLog_Test = 1
    kTIMLog_Verbose = 2
    kTIMLog_Debug = 3
    kTIMLog_Info = 4
    kTIMLog_Warn = 5
    kTIMLog_Error = 6
    kTIMLog_Assert = 7


_E = TypeVar("_E", bound=enum.IntEnum)


def _enum_or_int(cls: Type[_E], value: Any) -> _E:
    """``cls(value)``, or the plain int when the library sends a value this binding does not know."""
    try:
        return cls(value)
    except ValueError:
        return int(value)  # type: ignore[return-value]


# ------------------------------------------------------------------------------------------------
# Errors
# ------------------------------------------------------------------------------------------------


class TIMError(Exception):
    """A call failed.

    ``code`` is the callback's code (an ``ErrorCode``, e.g. 51009) or, when the library refused the call
    at once, the negative ``TIMResult`` (e.g. -2 not logged in). ``desc`` says why.
    """

    code: int
    desc: str

    def __init__(self, code: int, desc: str = "") -> None:
        super().__init__(code, desc)
        self.code = int(code)
        self.desc = desc

    def __str__(self) -> str:
        name = _code_name(self.code)
        label = f"{self.code} ({name})" if name else str(self.code)
        return f"{label}: {self.desc}" if self.desc else label

    def __repr__(self) -> str:
        return f"TIMError(code={self.code!r}, desc={self.desc!r})"


_RESULT_TEXT = {
    -1: "the library is not initialised (client closed?)",
    -2: "not logged in",
    -3: "a JSON argument does not parse or has the wrong shape",
    -4: "invalid argument, or a call not allowed here",
    -5: "the conversation does not exist",
    -6: "group error",
}


def _code_name(code: int) -> str:
    if code < 0:
        try:
            return "TIM_" + TIMResult(code).name
        except ValueError:
            return ""
    try:
        return ErrorCode(code).name
    except ValueError:
        return ""


def _result_error(result: int, what: str) -> TIMError:
    return TIMError(result, f"{what} was refused: {_RESULT_TEXT.get(result, 'unknown TIMResult')}")


# ------------------------------------------------------------------------------------------------
# Conversation IDs
# ------------------------------------------------------------------------------------------------


def conversation_id(conv_id: str, conv_type: int) -> str:
    """The ID-array form of a conversation: ``"c2c_<id>"`` or ``"group_<id>"``."""
    if conv_type == ConvType.C2C:
        return "c2c_" + conv_id
    if conv_type == ConvType.GROUP:
        return "group_" + conv_id
    raise ValueError(f"conv_type must be ConvType.C2C or ConvType.GROUP, got {conv_type!r}")


def parse_conversation_id(conversation_id: str) -> Tuple[str, ConvType]:
    """``"c2c_alice"`` → ``("alice", ConvType.C2C)``; ``"group_g1"`` → ``("g1", ConvType.GROUP)``."""
    if conversation_id.startswith("c2c_"):
        return conversation_id[4:], ConvType.C2C
    if conversation_id.startswith("group_"):
        return conversation_id[6:], ConvType.GROUP
    raise ValueError(f"not a conversation ID (c2c_<id> or group_<id>): {conversation_id!r}")


# ------------------------------------------------------------------------------------------------
# Data classes
# ------------------------------------------------------------------------------------------------

JSONObject = Dict[str, Any]


def _str(v: Any) -> str:
    return v if isinstance(v, str) else ("" if v is None else str(v))


def _int(v: Any) -> int:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if v is None:
        return 0
    return int(v)


def _bool(v: Any) -> bool:
    return bool(v)


@dataclass
class Draft:
    """A conversation draft (``conv_draft`` / ``TIMConvSetDraft``)."""

    draft_msg: Optional[JSONObject] = None
    draft_user_define: str = ""
    draft_edit_time: int = 0
    extra: JSONObject = field(default_factory=dict, repr=False)
    """Keys the library sent that this binding does not know."""

    _KEYS = ("draft_msg", "draft_user_define", "draft_edit_time")

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "Draft":
        return cls(
            draft_msg=obj.get("draft_msg"),
            draft_user_define=_str(obj.get("draft_user_define")),
            draft_edit_time=_int(obj.get("draft_edit_time")),
            extra={k: v for k, v in obj.items() if k not in cls._KEYS},
        )

    def to_json(self) -> JSONObject:
        out: JSONObject = dict(self.extra)
        if self.draft_msg is not None:
            out["draft_msg"] = self.draft_msg
        out["draft_user_define"] = self.draft_user_define
        out["draft_edit_time"] = self.draft_edit_time
        return out


@dataclass
class GroupAtInfo:
    """One item of ``conv_group_at_info_array``."""

    conv_group_at_info_seq: int = 0
    conv_group_at_info_at_type: GroupAtType = GroupAtType.AT_ME

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "GroupAtInfo":
        return cls(
            conv_group_at_info_seq=_int(obj.get("conv_group_at_info_seq")),
            conv_group_at_info_at_type=_enum_or_int(GroupAtType, _int(obj.get("conv_group_at_info_at_type"))),
        )

    def to_json(self) -> JSONObject:
        return {
            "conv_group_at_info_seq": int(self.conv_group_at_info_seq),
            "conv_group_at_info_at_type": int(self.conv_group_at_info_at_type),
        }


# Keys that TIMConvUpsertConversations reads; pins, marks, custom data and groups have their own
# calls, and conv_is_has_lastmsg / conv_is_has_draft are derived.
_UPSERT_KEYS = (
    "conv_id",
    "conv_type",
    "conv_show_name",
    "conv_face_url",
    "conv_unread_num",
    "conv_active_time",
    "conv_last_msg",
    "conv_draft",
    "conv_recv_opt",
    "conv_group_type",
    "conv_group_at_info_array",
)


@dataclass
class ConvInfo:
    """A conversation. The fields are the ConvInfo JSON keys of the C API (section 7 of
    ``timconvgroup.h``).

    ``conv_last_msg`` is opaque JSON (a dict) kept as the host fed it; it and ``conv_draft`` are
    None when the conversation has none. Keys the library sends that this binding does not know
    are kept in ``extra``.
    """

    conv_id: str
    conv_type: ConvType = ConvType.C2C
    conv_show_name: str = ""
    conv_face_url: str = ""
    conv_unread_num: int = 0
    conv_active_time: int = 0
    conv_is_has_lastmsg: bool = False
    conv_last_msg: Optional[JSONObject] = None
    conv_is_has_draft: bool = False
    conv_draft: Optional[Draft] = None
    conv_recv_opt: ReceiveMessageOpt = ReceiveMessageOpt.RECEIVE
    conv_group_type: int = 0
    conv_group_at_info_array: List[GroupAtInfo] = field(default_factory=list)
    conv_is_pinned: bool = False
    conv_mark_array: List[int] = field(default_factory=list)
    conv_custom_data: str = ""
    conv_conversation_group_array: List[str] = field(default_factory=list)
    extra: JSONObject = field(default_factory=dict, repr=False)
    """Keys the library sent that this binding does not know."""

    @property
    def conversation_id(self) -> str:
        """The ID-array form, ``"c2c_<conv_id>"`` or ``"group_<conv_id>"``."""
        return conversation_id(self.conv_id, self.conv_type)

    @property
    def marks(self) -> MarkType:
        """``conv_mark_array`` folded into one ``MarkType`` value."""
        value = 0
        for bit in self.conv_mark_array:
            value |= int(bit)
        return MarkType(value)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "ConvInfo":
        draft = obj.get("conv_draft")
        last = obj.get("conv_last_msg")
        return cls(
            conv_id=_str(obj.get("conv_id")),
            conv_type=_enum_or_int(ConvType, _int(obj.get("conv_type"))),
            conv_show_name=_str(obj.get("conv_show_name")),
            conv_face_url=_str(obj.get("conv_face_url")),
            conv_unread_num=_int(obj.get("conv_unread_num")),
            conv_active_time=_int(obj.get("conv_active_time")),
            conv_is_has_lastmsg=_bool(obj.get("conv_is_has_lastmsg")),
            conv_last_msg=last if last is not None else None,
            conv_is_has_draft=_bool(obj.get("conv_is_has_draft")),
            conv_draft=Draft.from_json(draft) if isinstance(draft, Mapping) else None,
            conv_recv_opt=_enum_or_int(ReceiveMessageOpt, _int(obj.get("conv_recv_opt"))),
            conv_group_type=_int(obj.get("conv_group_type")),
            conv_group_at_info_array=[
                GroupAtInfo.from_json(x) for x in (obj.get("conv_group_at_info_array") or []) if isinstance(x, Mapping)
            ],
            conv_is_pinned=_bool(obj.get("conv_is_pinned")),
            conv_mark_array=[_int(x) for x in (obj.get("conv_mark_array") or [])],
            conv_custom_data=_str(obj.get("conv_custom_data")),
            conv_conversation_group_array=[_str(x) for x in (obj.get("conv_conversation_group_array") or [])],
            extra={k: v for k, v in obj.items() if k not in _CONVINFO_KEYS},
        )

    def to_json(self) -> JSONObject:
        """The ConvInfo JSON object, keyed as the library writes it."""
        out: JSONObject = {
            "conv_id": self.conv_id,
            "conv_type": int(self.conv_type),
            "conv_show_name": self.conv_show_name,
            "conv_face_url": self.conv_face_url,
            "conv_unread_num": int(self.conv_unread_num),
            "conv_active_time": int(self.conv_active_time),
            "conv_is_has_lastmsg": bool(self.conv_is_has_lastmsg),
        }
        if self.conv_last_msg is not None:
            out["conv_last_msg"] = self.conv_last_msg
        out["conv_is_has_draft"] = bool(self.conv_is_has_draft)
        if self.conv_draft is not None:
            out["conv_draft"] = self.conv_draft.to_json()
        out.update(
            {
                "conv_recv_opt": int(self.conv_recv_opt),
                "conv_group_type": int(self.conv_group_type),
                "conv_group_at_info_array": [a.to_json() for a in self.conv_group_at_info_array],
                "conv_is_pinned": bool(self.conv_is_pinned),
                "conv_mark_array": [int(m) for m in self.conv_mark_array],
                "conv_custom_data": self.conv_custom_data,
                "conv_conversation_group_array": list(self.conv_conversation_group_array),
            }
        )
        for k, v in self.extra.items():
            out.setdefault(k, v)
        return out

    def to_upsert_json(self) -> JSONObject:
        """The keys ``upsert_conversations`` sends for this object (the whole upsertable state).

        ``conv_last_msg`` / ``conv_draft`` left as None are not sent, so the stored ones are kept;
        to clear them, pass a dict such as ``{"conv_id": ..., "conv_type": 1, "conv_last_msg": None}``.
        """
        full = self.to_json()
        return {k: full[k] for k in _UPSERT_KEYS if k in full}


_CONVINFO_KEYS = frozenset(f for f in ConvInfo.__dataclass_fields__ if f != "extra")


@dataclass
class OperationResult:
    """Per-item result (``TIMConversationOperationResult``)."""

    conversation_id: str
    result_code: int = 0
    result_info: str = ""

    @property
    def ok(self) -> bool:
        return self.result_code == 0

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "OperationResult":
        return cls(
            conversation_id=_str(obj.get("conversation_operation_result_conversation_id")),
            result_code=_int(obj.get("conversation_operation_result_result_code")),
            result_info=_str(obj.get("conversation_operation_result_result_info")),
        )

    def to_json(self) -> JSONObject:
        return {
            "conversation_operation_result_conversation_id": self.conversation_id,
            "conversation_operation_result_result_code": self.result_code,
            "conversation_operation_result_result_info": self.result_info,
        }


_FILTER_KEYS = {
    "conv_type": "conversation_list_filter_conv_type",
    "conversation_group": "conversation_list_filter_conversation_group",
    "mark_type": "conversation_list_filter_mark_type",
    "has_unread_count": "conversation_list_filter_has_unread_count",
    "has_group_at_info": "conversation_list_filter_has_group_at_info",
}


@dataclass(frozen=True)
class ConversationListFilter:
    """``TIMConversationListFilter``. A field left None does not filter.

    - ``conv_type``: ``ConvType.C2C`` / ``ConvType.GROUP`` (0 = any type);
    - ``conversation_group``: a group name; ``""`` = conversations in no group;
    - ``mark_type``: conversations carrying all of these marks; 0 = conversations with no mark;
    - ``has_unread_count`` / ``has_group_at_info``: True or False.
    """

    conv_type: Optional[int] = None
    conversation_group: Optional[str] = None
    mark_type: Optional[int] = None
    has_unread_count: Optional[bool] = None
    has_group_at_info: Optional[bool] = None

    def to_json(self) -> JSONObject:
        out: JSONObject = {}
        if self.conv_type is not None:
            out[_FILTER_KEYS["conv_type"]] = int(self.conv_type)
        if self.conversation_group is not None:
            out[_FILTER_KEYS["conversation_group"]] = self.conversation_group
        if self.mark_type is not None:
            out[_FILTER_KEYS["mark_type"]] = int(self.mark_type)
        if self.has_unread_count is not None:
            out[_FILTER_KEYS["has_unread_count"]] = bool(self.has_unread_count)
        if self.has_group_at_info is not None:
            out[_FILTER_KEYS["has_group_at_info"]] = bool(self.has_group_at_info)
        return out

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "ConversationListFilter":
        def get(name: str) -> Any:
            return obj.get(_FILTER_KEYS[name])

        ct, group, mark, unread, at = (get(n) for n in _FILTER_KEYS)
        return cls(
            # conv_type 0 means "any type", like an absent key (the by-filter listener hands
            # filters back with conv_type always present)
            conv_type=_enum_or_int(ConvType, _int(ct)) if ct is not None and _int(ct) != 0 else None,
            conversation_group=_str(group) if group is not None else None,
            mark_type=MarkType(_int(mark)) if mark is not None else None,
            has_unread_count=bool(unread) if unread is not None else None,
            has_group_at_info=bool(at) if at is not None else None,
        )


@dataclass
class ConversationListResult:
    """One page of ``get_conversation_list_by_filter``."""

    conv_list: List[ConvInfo]
    next_seq: int
    is_finished: bool

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> "ConversationListResult":
        return cls(
            conv_list=[ConvInfo.from_json(c) for c in (obj.get("conversation_list_result_conv_list") or [])],
            next_seq=_int(obj.get("conversation_list_result_next_seq")),
            is_finished=_bool(obj.get("conversation_list_result_is_finished")),
        )


# ------------------------------------------------------------------------------------------------
# Encoding helpers used by the client
# ------------------------------------------------------------------------------------------------

FilterLike = Union[ConversationListFilter, Mapping[str, Any], None]
ConvInfoLike = Union[ConvInfo, Mapping[str, Any]]
ConvRef = Union[str, Tuple[str, int], ConvInfo]


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON (``surrogateescape`` lets undecodable bytes go back as they came)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8", "surrogateescape"
    )


def loads(data: Optional[bytes]) -> Any:
    """Parse library JSON; ``""`` / NULL → None."""
    if not data:
        return None
    return json.loads(data.decode("utf-8", "surrogateescape"))


def encode_str(value: Union[str, bytes], what: str) -> bytes:
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        raw = value.encode("utf-8", "surrogateescape")
    else:
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    if b"\0" in raw:
        raise ValueError(f"{what} must not contain NUL characters")
    return raw


def decode_str(data: Optional[bytes]) -> str:
    return data.decode("utf-8", "surrogateescape") if data else ""


def encode_filter(flt: FilterLike) -> Optional[bytes]:
    """None → NULL (everything); a ConversationListFilter or a dict of raw keys → JSON object."""
    if flt is None:
        return None
    if isinstance(flt, ConversationListFilter):
        return dumps(flt.to_json())
    if isinstance(flt, Mapping):
        return dumps(dict(flt))
    raise TypeError(f"filter must be a ConversationListFilter, a dict or None, not {type(flt).__name__}")


def encode_id_array(ids: Iterable[str]) -> bytes:
    """A JSON array of conversation IDs (``"c2c_<id>"`` / ``"group_<id>"``)."""
    if isinstance(ids, (str, bytes)):
        raise TypeError("conversation_ids must be a list of IDs, not a single string")
    out: List[str] = []
    for i in ids:
        if isinstance(i, ConvInfo):
            out.append(i.conversation_id)
        elif isinstance(i, str):
            out.append(i)
        else:
            raise TypeError(f"a conversation ID must be a str, not {type(i).__name__}")
    return dumps(out)


def encode_conv_refs(refs: Iterable[ConvRef]) -> bytes:
    """``get_conv_info`` argument: IDs (``"c2c_x"``), ``(conv_id, conv_type)`` pairs or ConvInfo."""
    if isinstance(refs, (str, bytes)):
        raise TypeError("ids must be a list, not a single string")
    params: List[JSONObject] = []
    for r in refs:
        if isinstance(r, ConvInfo):
            cid, ctype = r.conv_id, int(r.conv_type)
        elif isinstance(r, str):
            cid, ct = parse_conversation_id(r)
            ctype = int(ct)
        elif isinstance(r, tuple) and len(r) == 2:
            cid, ctype = str(r[0]), int(r[1])
        else:
            raise TypeError(f"expected 'c2c_<id>', 'group_<id>', (conv_id, conv_type) or ConvInfo, got {r!r}")
        params.append({"get_conversation_list_param_conv_id": cid, "get_conversation_list_param_conv_type": ctype})
    return dumps(params)


def encode_upsert_items(items: Iterable[ConvInfoLike]) -> bytes:
    if isinstance(items, (ConvInfo, Mapping)):
        raise TypeError("items must be a list of ConvInfo or dicts")
    out: List[Any] = []
    for it in items:
        if isinstance(it, ConvInfo):
            out.append(it.to_upsert_json())
        elif isinstance(it, Mapping):
            d = dict(it)
            if isinstance(d.get("conv_draft"), Draft):
                d["conv_draft"] = d["conv_draft"].to_json()
            if "conv_group_at_info_array" in d and isinstance(d["conv_group_at_info_array"], list):
                d["conv_group_at_info_array"] = [
                    a.to_json() if isinstance(a, GroupAtInfo) else a for a in d["conv_group_at_info_array"]
                ]
            out.append(d)
        else:
            raise TypeError(f"an item must be a ConvInfo or a dict, not {type(it).__name__}")
    return dumps(out)


def encode_draft(draft: Union[Draft, Mapping[str, Any]]) -> bytes:
    if isinstance(draft, Draft):
        return dumps(draft.to_json())
    if isinstance(draft, Mapping):
        return dumps(dict(draft))
    raise TypeError(f"draft must be a Draft or a dict, not {type(draft).__name__}")


def parse_op_results(data: Optional[bytes]) -> List[OperationResult]:
    arr = loads(data)
    return [OperationResult.from_json(x) for x in (arr or [])]


def parse_conv_list(data: Optional[bytes]) -> List[ConvInfo]:
    arr = loads(data)
    return [ConvInfo.from_json(x) for x in (arr or [])]


def parse_str_list(data: Optional[bytes]) -> List[str]:
    arr = loads(data)
    return [_str(x) for x in (arr or [])]


def parse_none(data: Optional[bytes]) -> None:
    return None


def parse_unread(data: Optional[bytes]) -> int:
    obj = loads(data) or {}
    return _int(obj.get("conv_get_total_unread_message_count_result_unread_count"))


def parse_list_result(data: Optional[bytes]) -> ConversationListResult:
    return ConversationListResult.from_json(loads(data) or {})
