#!/usr/bin/env python3
"""Checks every hand-written copy of the C ABI's constants against include/timconvgroup.h.

The header is the one source of truth. Its enums (TIMResult, TIMErrCode, TIMConvType, ...),
TIMCONVGROUP_VERSION, TIMCONVGROUP_VERSION_MAJOR and the size of TIMGetLoginUserID's buffer (128,
stated in prose) are copied into:

  Go       core/tim/tim.go                              (constants under Go names, Version)
  Python   bindings/python/timconvgroup/_types.py       (IntEnum/IntFlag classes, C names as aliases)
           bindings/python/timconvgroup/_native.py      (EXPECTED_MAJOR)
           bindings/python/timconvgroup/client.py       (USER_ID_BUFFER_BYTES)
           bindings/python/timconvgroup/__init__.py     (__version__)
           bindings/python/pyproject.toml               (project version)
           bindings/python/timconvgroup/_sync.py        (SyncOpType: the sync operation types, whose
                                                         source is core/roam/apply.go, not the header)
  C#       bindings/csharp/Runtime/Enums.cs             (enums with the C names)
           bindings/csharp/Runtime/Enums.cs             (TIMConvSyncOpType: the sync operation types,
                                                         whose source is core/roam/apply.go, not the header)
           bindings/csharp/Runtime/Internal/Native.cs   (UserIDBufferBytes)
           bindings/csharp/package.json                 (Unity package version)
           bindings/csharp/TimConvGroup.csproj          (<Version>)
  docs     the version where READMEs, doc comments and version tests quote it (VERSION_MENTIONS)

Every mismatch is printed as one line "FAIL <file>: <what>" and the exit status is 1; a clean
run prints one "ok" line per copy. A copy that cannot be found (a file or a name moved) is a
mismatch too, so a rename never turns the check off silently: update the tables below.

Usage:
  scripts/check-constants.py [--root DIR]   check the tree at DIR (default: this repository)
  scripts/check-constants.py --self-test    prove the check catches drift: copies the files into
                                            a temporary tree, changes one copy at a time and
                                            expects a failure naming that file

Python 3 standard library only. bindings/python/tests/test_types.py imports this module to compare
the binding's live enums with the header too.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Callable, Dict, List, Optional, Tuple

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

HEADER = "include/timconvgroup.h"
GO_TIM = "core/tim/tim.go"
PY_TYPES = "bindings/python/timconvgroup/_types.py"
PY_NATIVE = "bindings/python/timconvgroup/_native.py"
PY_INIT = "bindings/python/timconvgroup/__init__.py"
PY_PROJECT = "bindings/python/pyproject.toml"
PY_CLIENT = "bindings/python/timconvgroup/client.py"
PY_SYNC = "bindings/python/timconvgroup/_sync.py"
GO_ROAM = "core/roam/apply.go"
CS_ENUMS = "bindings/csharp/Runtime/Enums.cs"
CS_NATIVE = "bindings/csharp/Runtime/Internal/Native.cs"
CS_PACKAGE = "bindings/csharp/package.json"
CS_PROJECT = "bindings/csharp/TimConvGroup.csproj"

#: C# enum of Enums.cs that mirrors the rules package's OpType (core/roam/apply.go) rather than a
#: header enum; kTIMConvSyncOp_GroupAdd stands for OpGroupAdd, ...
CS_SYNC_ENUM = "TIMConvSyncOpType"
CS_SYNC_PREFIX = "kTIMConvSyncOp_"

Enums = Dict[str, Dict[str, int]]  # enum name -> member name -> value (in declaration order)

# ------------------------------------------------------------------------------------------------
# Tables: which copy mirrors which header name
# ------------------------------------------------------------------------------------------------

#: Go constant (core/tim) -> header enum member. The Go names are shorter; the values must agree.
GO_NAMES: Dict[str, str] = {
    "Succ": "TIM_SUCC",
    "ErrUninit": "TIM_ERR_SDKUNINIT",
    "ErrNoLogin": "TIM_ERR_NOTLOGIN",
    "ErrJSON": "TIM_ERR_JSON",
    "ErrParam": "TIM_ERR_PARAM",
    "ErrConv": "TIM_ERR_CONV",
    "ErrGroup": "TIM_ERR_GROUP",
    "CodeOK": "ERR_SUCC",
    "CodeConvNotFound": "ERR_INVALID_CONVERSATION",
    "CodeNotInit": "ERR_SDK_NOT_INITIALIZED",
    "CodeNotLoggedIn": "ERR_SDK_NOT_LOGGED_IN",
    "CodeInvalidParam": "ERR_INVALID_PARAMETERS",
    "CodeStorage": "ERR_DATABASE_OPERATE_FAILED",
    "CodeIO": "ERR_IO_OPERATION_FAILED",
    "CodeNotSupported": "ERR_SDK_INTERFACE_NOT_SUPPORT",
    "CodeTooManyConvs": "ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT",
    "CodeCountLimit": "ERR_SVR_CONV_CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT",
    "CodeGroupNotExist": "ERR_SVR_CONV_CONV_GROUP_NOT_EXIST",
    "CodeTooManyGroups": "ERR_SVR_CONV_CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT",
    "CodeGroupNameTooLong": "ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH",
    "CodeGroupExists": "ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS",
    "ConvC2C": "kTIMConv_C2C",
    "ConvGroup": "kTIMConv_Group",
    "EventAdd": "kTIMConvEvent_Add",
    "EventDel": "kTIMConvEvent_Del",
    "EventUpdate": "kTIMConvEvent_Update",
    "EventStart": "kTIMConvEvent_Start",
    "EventFinish": "kTIMConvEvent_Finish",
    "StatusLoggedIn": "kTIMLoginStatus_Logined",
    "StatusLoggedOut": "kTIMLoginStatus_UnLogined",
    "LogDebug": "kTIMLog_Debug",
    "LogInfo": "kTIMLog_Info",
    "LogWarn": "kTIMLog_Warn",
    "LogError": "kTIMLog_Error",
}

#: Integer Go constants whose name starts like this mirror a header value: each must be in GO_NAMES.
GO_MIRROR_PREFIXES = ("Succ", "Err", "Code", "Conv", "Event", "Status", "Log")

#: Go constant that must equal the OR of every built-in mark of enum TIMConversationMarkType.
GO_MARK_BUILTIN = "MarkBuiltin"

#: Python enum class (_types.py) -> header enum.
PY_ENUMS: Dict[str, str] = {
    "TIMResult": "TIMResult",
    "ErrorCode": "TIMErrCode",
    "ConvType": "TIMConvType",
    "ConvEvent": "TIMConvEvent",
    "MarkType": "TIMConversationMarkType",
    "GroupAtType": "TIMGroupAtType",
    "ReceiveMessageOpt": "TIMReceiveMessageOpt",
    "LoginStatus": "TIMLoginStatus",
    "LogLevel": "TIMLogLevel",
}

#: Header enums the bindings deliberately do not copy (enum -> why), e.g. the enums of functions
#: a binding does not wrap. Every other header enum must be in Python (PY_ENUMS) and in C#.
NOT_IN_BINDINGS: Dict[str, str] = {
    "TIMNetworkStatus": "the Tencent compatibility surface only: its listener never fires here",
    "TIMGroupMessageReadMembersFilter": "the Tencent compatibility surface only: a message call no binding wraps",
}

#: Places that quote the version in prose or in a test: (file, regex whose group 1 is the version).
VERSION_MENTIONS: List[Tuple[str, str]] = [
    (HEADER, r'a static string \("([^"]+)"\)'),
    ("README.md", r'`TIMGetSDKVersion\(\)` \| `"([^"]+)"`'),
    ("tests/c/t_lifecycle.c", r'CHECK_STR\(v, "([^"]+)"\)'),
    ("bindings/python/README.md", r"timconvgroup-([0-9][^-]*)-py3-none"),
    ("bindings/csharp/README.md", r"com\.timconvgroup\.unity-([0-9][^ `/]*?)\.tgz"),
    ("bindings/csharp/Runtime/TencentIMSDK.cs", r'The library version \("([^"]+)"\)'),
    ("bindings/csharp/Tests~/ConversationTests.cs", r'AreEqual\("([^"]+)", TencentIMSDK\.GetSDKVersion\(\)\)'),
]


class Problems:
    """Collects mismatches; every one is printed as a FAIL line naming the file."""

    def __init__(self) -> None:
        self.items: List[str] = []

    def fail(self, path: str, what: str) -> None:
        self.items.append(f"FAIL {path}: {what}")

    def ok(self, what: str) -> None:
        print(f"  ok   {what}")


# ------------------------------------------------------------------------------------------------
# Expressions: integer literals, names, | & << >> + - ~ and parentheses (C, Go, C# and Python)
# ------------------------------------------------------------------------------------------------

_INT_SUFFIX = re.compile(r"\b(0[xX][0-9a-fA-F]+|\d+)(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)\b")


def eval_int(expr: str, env: Optional[Dict[str, int]] = None) -> Optional[int]:
    """The value of a constant integer expression, or None when it is not one."""
    text = _INT_SUFFIX.sub(r"\1", expr.strip())
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None
    names = env or {}

    def ev(node: ast.AST) -> int:
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert)):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else (~v if isinstance(node.op, ast.Invert) else v)
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            ops: Dict[type, Callable[[int, int], int]] = {
                ast.BitOr: lambda x, y: x | y, ast.BitAnd: lambda x, y: x & y,
                ast.LShift: lambda x, y: x << y, ast.RShift: lambda x, y: x >> y,
                ast.Add: lambda x, y: x + y, ast.Sub: lambda x, y: x - y,
            }
            if type(node.op) in ops:
                return ops[type(node.op)](a, b)
        raise ValueError(ast.dump(node))

    try:
        return ev(tree.body)
    except ValueError:
        return None


def _strip_c_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def _enum_bodies(text: str, pattern: str) -> Enums:
    """Enums of C-like source (C and C#): implicit values count up from the previous one."""
    enums: Enums = {}
    for m in re.finditer(pattern, text, flags=re.S):
        name, body = m.group(1), m.group(2)
        members: Dict[str, int] = {}
        nxt = 0
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                member, expr = (s.strip() for s in item.split("=", 1))
                value = eval_int(expr, members)
                if value is None:
                    raise ValueError(f"enum {name}: cannot evaluate {member} = {expr}")
            else:
                member, value = item, nxt
            members[member] = value
            nxt = value + 1
        enums[name] = members
    return enums


# ------------------------------------------------------------------------------------------------
# The header
# ------------------------------------------------------------------------------------------------


class Header:
    def __init__(self, enums: Enums, version: str, major: int, user_id_buffer: int) -> None:
        self.enums = enums
        self.version = version
        self.major = major
        self.user_id_buffer = user_id_buffer
        self.values: Dict[str, int] = {m: v for e in enums.values() for m, v in e.items()}


def parse_header(root: str = ROOT) -> Header:
    """The enums, TIMCONVGROUP_VERSION and TIMCONVGROUP_VERSION_MAJOR of include/timconvgroup.h."""
    with open(os.path.join(root, HEADER), encoding="utf-8") as f:
        raw = f.read()
    vm = re.search(r'^#define TIMCONVGROUP_VERSION "([^"]+)"', raw, flags=re.M)
    mm = re.search(r"^#define TIMCONVGROUP_VERSION_MAJOR (\d+)", raw, flags=re.M)
    if not vm or not mm:
        raise ValueError(f"{HEADER}: TIMCONVGROUP_VERSION or TIMCONVGROUP_VERSION_MAJOR not found")
    # the comment right above the declaration states the size
    bm = re.search(r"the caller's buffer of (\d+)(?:(?!TIM_API).)*TIM_API int TIMGetLoginUserID\(", raw, flags=re.S)
    if not bm:
        raise ValueError(f"{HEADER}: the size of TIMGetLoginUserID's buffer (\"the caller's buffer of N\") not found")
    enums = _enum_bodies(_strip_c_comments(raw), r"\benum\s+(\w+)\s*\{(.*?)\}\s*;")
    if not enums:
        raise ValueError(f"{HEADER}: no enum found")
    return Header(enums, vm.group(1), int(mm.group(1)), int(bm.group(1)))


# ------------------------------------------------------------------------------------------------
# Go
# ------------------------------------------------------------------------------------------------


def parse_go_consts(text: str) -> Dict[str, object]:
    """Constants of a Go file: name -> int, str, or None (not a constant expression we evaluate).

    Handles `const X = v`, `const X T = v` and both forms inside `const ( ... )` blocks."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    lines = [re.sub(r"//.*", "", line) for line in text.splitlines()]
    out: Dict[str, object] = {}
    ints: Dict[str, int] = {}
    in_block = False
    for line in lines:
        s = line.strip()
        if not in_block and re.match(r"^const\s*\($", s):
            in_block = True
            continue
        if in_block and s == ")":
            in_block = False
            continue
        if not in_block:
            m = re.match(r"^const\s+(.*)$", s)
            if not m:
                continue
            s = m.group(1)
        m = re.match(r"^(\w+)(?:\s+[\w.]+)?\s*=\s*(.+)$", s)
        if not m:
            continue
        name, expr = m.group(1), m.group(2).strip()
        sm = re.match(r'^"((?:[^"\\]|\\.)*)"$', expr)
        if sm:
            out[name] = sm.group(1)
            continue
        cm = re.match(r"^[\w.]+\((.*)\)$", expr)  # a typed conversion: Result(0)
        value = eval_int(cm.group(1) if cm else expr, ints)
        out[name] = value
        if value is not None:
            ints[name] = value
    return out


def check_go(root: str, hdr: Header, p: Problems) -> None:
    path = GO_TIM
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            consts = parse_go_consts(f.read())
    except OSError as e:
        p.fail(path, f"cannot read it ({e.strerror})")
        return
    bad = len(p.items)
    for go, c in GO_NAMES.items():
        if c not in hdr.values:
            p.fail(path, f"GO_NAMES maps {go} to {c}, which the header does not declare (update scripts/check-constants.py)")
        elif go not in consts:
            p.fail(path, f"constant {go} (mirror of {c} = {hdr.values[c]}) not found")
        elif consts[go] != hdr.values[c]:
            p.fail(path, f"{go} = {consts[go]!r}, but the header has {c} = {hdr.values[c]}")
    for name, value in consts.items():
        if isinstance(value, int) and name.startswith(GO_MIRROR_PREFIXES) and name not in GO_NAMES:
            p.fail(path, f"{name} = {value} looks like a copy of a header value but is not in GO_NAMES "
                         "of scripts/check-constants.py (add it there, with the header name it mirrors)")
    marks = hdr.enums.get("TIMConversationMarkType", {})
    builtin = 0
    for v in marks.values():
        builtin |= v
    if consts.get(GO_MARK_BUILTIN) != builtin:
        p.fail(path, f"{GO_MARK_BUILTIN} = {consts.get(GO_MARK_BUILTIN)!r}, but the built-in marks of "
                     f"enum TIMConversationMarkType make {builtin:#x}")
    if consts.get("Version") != hdr.version:
        p.fail(path, f"Version = {consts.get('Version')!r}, but TIMCONVGROUP_VERSION is {hdr.version!r}")
    if len(p.items) == bad:
        p.ok(f"{path}: {len(GO_NAMES)} constants, {GO_MARK_BUILTIN} and Version {hdr.version}")


# ------------------------------------------------------------------------------------------------
# Python
# ------------------------------------------------------------------------------------------------


def parse_py_enums(text: str) -> Enums:
    """The members of every class of a Python module whose base is an enum type, from its source."""
    enums: Enums = {}
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases]
        if not any(b in ("IntEnum", "IntFlag", "Enum", "Flag") for b in bases):
            continue
        members: Dict[str, int] = {}
        for st in node.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
                value = eval_int(ast.get_source_segment(text, st.value) or "", members)
                if value is not None:
                    members[st.targets[0].id] = value
        enums[node.name] = members
    return enums


def c_member_for(short: str, c_members: Dict[str, int]) -> List[str]:
    """The header members a short Python name stands for: the C names that end with it after an
    underscore (ConvType.C2C -> kTIMConv_C2C), else without one (MarkType.STAR ->
    kTIMConversationMarkTypeStar), compared case-insensitively; of several, those with the
    shortest rest (ReceiveMessageOpt.RECEIVE -> kTIMRecvMsgOpt_Receive, not ..._Not_Receive)."""
    up = short.upper()
    found = [c for c in c_members if c.upper().endswith("_" + up)]
    if not found:
        found = [c for c in c_members if c.upper().endswith(up)]
    if found:
        shortest = min(len(c) for c in found)
        found = [c for c in found if len(c) == shortest]
    return found


def compare_enum_copy(where: str, cls: str, copy: Dict[str, int], c_name: str, c_members: Dict[str, int],
                      p: Problems, short_names: bool) -> None:
    """Every header member is in the copy under its C name with its value; with short_names, every
    other member of the copy is a short alias of exactly one header member, with its value."""
    for m, v in c_members.items():
        if m not in copy:
            p.fail(where, f"{cls} lacks {m} (= {v}) of enum {c_name}")
        elif copy[m] != v:
            p.fail(where, f"{cls}.{m} = {copy[m]}, but the header has {m} = {v}")
    for m, v in copy.items():
        if m in c_members:
            continue
        if not short_names:
            p.fail(where, f"{cls}.{m} = {v} is not a member of enum {c_name} in the header")
            continue
        found = c_member_for(m, c_members)
        if len(found) != 1:
            p.fail(where, f"{cls}.{m} = {v} matches {'no' if not found else 'several'} members of enum "
                          f"{c_name} ({', '.join(found) or 'name it after one'})")
        elif c_members[found[0]] != v:
            p.fail(where, f"{cls}.{m} = {v}, but it stands for {found[0]} = {c_members[found[0]]}")


def check_python_enums(where: str, py: Enums, hdr: Header, p: Problems) -> None:
    """Compares enum copies (parsed from _types.py, or the live classes) with the header."""
    for cls, c_name in PY_ENUMS.items():
        if c_name not in hdr.enums:
            p.fail(where, f"PY_ENUMS maps {cls} to enum {c_name}, which the header does not declare")
        elif cls not in py:
            p.fail(where, f"enum class {cls} (mirror of enum {c_name}) not found")
        else:
            compare_enum_copy(where, cls, py[cls], c_name, hdr.enums[c_name], p, short_names=True)
    for cls in py:
        if cls not in PY_ENUMS:
            p.fail(where, f"enum class {cls} is not in PY_ENUMS of scripts/check-constants.py "
                          "(add it, with the header enum it mirrors)")
    for c_name in hdr.enums:
        if c_name not in PY_ENUMS.values() and c_name not in NOT_IN_BINDINGS:
            p.fail(where, f"enum {c_name} of the header has no Python copy in PY_ENUMS "
                          "(copy it, or list it in NOT_IN_BINDINGS with the reason)")


def _read(root: str, path: str, p: Problems) -> Optional[str]:
    try:
        with open(os.path.join(root, path), encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        p.fail(path, f"cannot read it ({e.strerror})")
        return None


def _check_value(path: str, text: Optional[str], pattern: str, want: str, what: str, p: Problems) -> bool:
    if text is None:
        return False
    m = re.search(pattern, text, flags=re.M)
    if not m:
        p.fail(path, f"{what} not found (pattern {pattern!r})")
        return False
    if m.group(1) != want:
        p.fail(path, f"{what} is {m.group(1)!r}, but the header says {want!r}")
        return False
    return True


def check_python(root: str, hdr: Header, p: Problems) -> None:
    text = _read(root, PY_TYPES, p)
    if text is not None:
        bad = len(p.items)
        check_python_enums(PY_TYPES, parse_py_enums(text), hdr, p)
        m = re.search(r"^_RESULT_TEXT\s*=\s*(\{.*?^\})", text, flags=re.M | re.S)
        if not m:
            p.fail(PY_TYPES, "_RESULT_TEXT (the message of each TIMResult) not found")
        else:
            keys = set(ast.literal_eval(m.group(1)))
            want = {v for v in hdr.enums["TIMResult"].values() if v != 0}
            if keys != want:
                p.fail(PY_TYPES, f"_RESULT_TEXT has messages for {sorted(keys)}, but the header's "
                                 f"failing TIMResults are {sorted(want)}")
        if len(p.items) == bad:
            p.ok(f"{PY_TYPES}: {len(PY_ENUMS)} enums and _RESULT_TEXT")
    major = str(hdr.major)
    if _check_value(PY_NATIVE, _read(root, PY_NATIVE, p), r"^EXPECTED_MAJOR\s*=\s*(\d+)", major,
                    "EXPECTED_MAJOR (TIMCONVGROUP_VERSION_MAJOR)", p):
        p.ok(f"{PY_NATIVE}: EXPECTED_MAJOR {major}")
    size = str(hdr.user_id_buffer)
    if _check_value(PY_CLIENT, _read(root, PY_CLIENT, p), r"^USER_ID_BUFFER_BYTES\s*=\s*(\d+)", size,
                    "USER_ID_BUFFER_BYTES (TIMGetLoginUserID's buffer)", p):
        p.ok(f"{PY_CLIENT}: USER_ID_BUFFER_BYTES {size}")
    for path, pattern, what in (
        (PY_INIT, r'^__version__\s*=\s*"([^"]*)"', "__version__"),
        (PY_PROJECT, r'^version\s*=\s*"([^"]*)"', "the project version"),
    ):
        if _check_value(path, _read(root, path, p), pattern, hdr.version, what, p):
            p.ok(f"{path}: {what} {hdr.version}")


def check_python_sync(root: str, p: Problems) -> None:
    """SyncOpType (_sync.py) mirrors the rules package's OpType (core/roam/apply.go): the header
    has no enum for the sync operation types (docs/sync.md lists them), so core/roam is their
    source of truth. GROUP_CREATE stands for OpGroupCreate, CUSTOM_DATA for OpCustomData, ..."""
    go_text, py_text = _read(root, GO_ROAM, p), _read(root, PY_SYNC, p)
    if go_text is None or py_text is None:
        return
    go = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s*(Op\w+)\s+OpType\s*=\s*(\d+)", go_text, flags=re.M)}
    if not go:
        p.fail(GO_ROAM, "no `OpXxx OpType = N` constant found (update check_python_sync)")
        return
    py = parse_py_enums(py_text).get("SyncOpType")
    if py is None:
        p.fail(PY_SYNC, "enum class SyncOpType (mirror of core/roam's OpType) not found")
        return
    bad = len(p.items)
    as_go = {"Op" + "".join(w.capitalize() for w in name.split("_")): (name, v) for name, v in py.items()}
    for gname, v in go.items():
        if gname not in as_go:
            p.fail(PY_SYNC, f"SyncOpType lacks the member for {gname} = {v} of {GO_ROAM}")
        elif as_go[gname][1] != v:
            p.fail(PY_SYNC, f"SyncOpType.{as_go[gname][0]} = {as_go[gname][1]}, but {GO_ROAM} has {gname} = {v}")
    for gname, (name, v) in as_go.items():
        if gname not in go:
            p.fail(PY_SYNC, f"SyncOpType.{name} = {v} has no {gname} in {GO_ROAM}")
    if len(p.items) == bad:
        p.ok(f"{PY_SYNC}: SyncOpType, {len(go)} operation types of {GO_ROAM}")


# ------------------------------------------------------------------------------------------------
# C#
# ------------------------------------------------------------------------------------------------


def parse_cs_enums(text: str) -> Enums:
    return _enum_bodies(_strip_c_comments(text), r"\benum\s+(\w+)\s*(?::\s*\w+\s*)?\{(.*?)\}")


def check_csharp(root: str, hdr: Header, p: Problems) -> None:
    text = _read(root, CS_ENUMS, p)
    if text is not None:
        bad = len(p.items)
        cs = parse_cs_enums(text)
        for c_name, members in hdr.enums.items():
            if c_name not in cs:
                if c_name not in NOT_IN_BINDINGS:
                    p.fail(CS_ENUMS, f"enum {c_name} of the header not found "
                                     "(copy it, or list it in NOT_IN_BINDINGS with the reason)")
            else:
                compare_enum_copy(CS_ENUMS, c_name, cs[c_name], c_name, members, p, short_names=False)
        for name in cs:
            if name not in hdr.enums and name != CS_SYNC_ENUM:
                p.fail(CS_ENUMS, f"enum {name} is not an enum of the header")
        check_csharp_sync(root, cs.get(CS_SYNC_ENUM), p)
        if len(p.items) == bad:
            p.ok(f"{CS_ENUMS}: {len(set(hdr.enums) & set(cs))} enums, and {CS_SYNC_ENUM} as in {GO_ROAM}")
    size = str(hdr.user_id_buffer)
    if _check_value(CS_NATIVE, _read(root, CS_NATIVE, p), r"const int UserIDBufferBytes\s*=\s*(\d+)\s*;", size,
                    "UserIDBufferBytes (TIMGetLoginUserID's buffer)", p):
        p.ok(f"{CS_NATIVE}: UserIDBufferBytes {size}")
    pkg = _read(root, CS_PACKAGE, p)
    if pkg is not None:
        try:
            version = json.loads(pkg).get("version")
        except ValueError as e:
            p.fail(CS_PACKAGE, f"not JSON ({e})")
        else:
            if version != hdr.version:
                p.fail(CS_PACKAGE, f"version is {version!r}, but the header says {hdr.version!r}")
            else:
                p.ok(f"{CS_PACKAGE}: version {hdr.version}")
    if _check_value(CS_PROJECT, _read(root, CS_PROJECT, p), r"<Version>([^<]*)</Version>", hdr.version,
                    "<Version>", p):
        p.ok(f"{CS_PROJECT}: <Version> {hdr.version}")


def check_csharp_sync(root: str, cs: Optional[Dict[str, int]], p: Problems) -> None:
    """TIMConvSyncOpType (Enums.cs) mirrors OpType of core/roam/apply.go: the header has no enum
    for the sync operation types (docs/sync.md lists them), so core/roam is their source of truth."""
    if cs is None:
        p.fail(CS_ENUMS, f"enum {CS_SYNC_ENUM} (mirror of core/roam's OpType) not found")
        return
    go_text = _read(root, GO_ROAM, p)
    if go_text is None:
        return
    go = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s*(Op\w+)\s+OpType\s*=\s*(\d+)", go_text, flags=re.M)}
    if not go:
        p.fail(GO_ROAM, "no `OpXxx OpType = N` constant found (update check_csharp_sync)")
        return
    as_go = {"Op" + name[len(CS_SYNC_PREFIX):] if name.startswith(CS_SYNC_PREFIX) else name: (name, v)
             for name, v in cs.items()}
    for gname, v in go.items():
        if gname not in as_go:
            p.fail(CS_ENUMS, f"{CS_SYNC_ENUM} lacks {CS_SYNC_PREFIX}{gname[2:]} for {gname} = {v} of {GO_ROAM}")
        elif as_go[gname][1] != v:
            p.fail(CS_ENUMS, f"{CS_SYNC_ENUM}.{as_go[gname][0]} = {as_go[gname][1]}, but {GO_ROAM} has {gname} = {v}")
    for gname, (name, v) in as_go.items():
        if gname not in go:
            p.fail(CS_ENUMS, f"{CS_SYNC_ENUM}.{name} = {v} has no {gname} in {GO_ROAM}")


# ------------------------------------------------------------------------------------------------
# Version quoted in docs and tests
# ------------------------------------------------------------------------------------------------


def check_mentions(root: str, hdr: Header, p: Problems) -> None:
    bad = len(p.items)
    for path, pattern in VERSION_MENTIONS:
        text = _read(root, path, p)
        if text is None:
            continue
        found = [m.group(1) for m in re.finditer(pattern, text) if m.group(1) is not None]
        if not found:
            p.fail(path, f"no version quote found (pattern {pattern!r}; update VERSION_MENTIONS)")
        for v in found:
            if v != hdr.version:
                p.fail(path, f"quotes version {v!r}, but TIMCONVGROUP_VERSION is {hdr.version!r}")
    if len(p.items) == bad:
        p.ok(f"version {hdr.version} quoted in {len(VERSION_MENTIONS)} docs and tests")


def check(root: str) -> List[str]:
    """Runs every check on the tree at root; returns the mismatches (empty when all agree)."""
    p = Problems()
    try:
        hdr = parse_header(root)
    except (OSError, ValueError) as e:
        return [f"FAIL {HEADER}: {e}"]
    print(f"  header: {len(hdr.enums)} enums, {len(hdr.values)} values, version {hdr.version}")
    check_go(root, hdr, p)
    check_python(root, hdr, p)
    check_python_sync(root, p)
    check_csharp(root, hdr, p)
    check_mentions(root, hdr, p)
    return p.items


# ------------------------------------------------------------------------------------------------
# Self-test: every kind of drift is caught
# ------------------------------------------------------------------------------------------------

#: (file, old text, new text): one drift each; the check must then fail naming that file.
DRIFTS: List[Tuple[str, str, str]] = [
    (GO_TIM, "= 51009", "= 51090"),
    (GO_TIM, "ErrJSON", "ErrJson"),
    (GO_TIM, "const Version = \"", "const Version = \"9"),
    (PY_TYPES, "    CONV_GROUP_NOT_EXIST = 51009", "    CONV_GROUP_NOT_EXIST = 51010"),
    (PY_TYPES, "    kTIMLog_Assert = 7\n", "    kTIMLog_Assert = 8\n"),
    (PY_TYPES, "    ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS = 51012\n", ""),
    (PY_TYPES, "    -6: ", "    -7: "),
    (PY_NATIVE, "EXPECTED_MAJOR = ", "EXPECTED_MAJOR = 9"),
    (PY_SYNC, "    CONV_DELETE = 9\n", "    CONV_DELETE = 10\n"),
    (PY_SYNC, "    PIN = 7\n", ""),
    (PY_INIT, "__version__ = \"", "__version__ = \"9"),
    (PY_PROJECT, "\nversion = \"", "\nversion = \"9"),
    (CS_ENUMS, "kTIMConvEvent_Finish = 4", "kTIMConvEvent_Finish = 5"),
    (CS_ENUMS, "kTIMConversationMarkTypeHide = 0x1 << 3", "kTIMConversationMarkTypeHide = 0x1 << 4"),
    (CS_ENUMS, "        kTIMLoginStatus_Logouting = 4,\n", ""),
    (CS_ENUMS, "kTIMConvSyncOp_Pin = 7", "kTIMConvSyncOp_Pin = 10"),
    (CS_ENUMS, "kTIMConvSyncOp_GroupRemove = 5", "kTIMConvSyncOp_DeleteFromGroup = 5"),
    (PY_CLIENT, "USER_ID_BUFFER_BYTES = 128", "USER_ID_BUFFER_BYTES = 132"),
    (CS_NATIVE, "UserIDBufferBytes = 128;", "UserIDBufferBytes = 512;"),
    (CS_PACKAGE, "\"version\": \"", "\"version\": \"9"),
    (CS_PROJECT, "<Version>", "<Version>9"),
    ("bindings/csharp/Runtime/TencentIMSDK.cs", "The library version (\"", "The library version (\"9"),
    ("README.md", "`TIMGetSDKVersion()` | `\"", "`TIMGetSDKVersion()` | `\"9"),
    # A new value in the header, not yet copied: both bindings must notice (Go mirrors a subset).
    (HEADER, "    kTIMLog_Assert,\n", "    kTIMLog_Assert,\n    kTIMLog_Fatal,\n"),
    # A new version in the header: every copy of it must notice.
    (HEADER, "#define TIMCONVGROUP_VERSION \"", "#define TIMCONVGROUP_VERSION \"9"),
]

#: The files a drift in the header must be reported for (any other drift: its own file).
HEADER_DRIFT_EXPECT: Dict[str, List[str]] = {
    "kTIMLog_Assert": [PY_TYPES, CS_ENUMS],
    "TIMCONVGROUP_VERSION": [GO_TIM, PY_INIT, PY_PROJECT, CS_PACKAGE, CS_PROJECT]
    + [path for path, _ in VERSION_MENTIONS if path != HEADER],
}


def self_test() -> int:
    files = sorted({HEADER, GO_TIM, GO_ROAM, PY_TYPES, PY_NATIVE, PY_CLIENT, PY_INIT, PY_PROJECT, PY_SYNC, CS_ENUMS, CS_NATIVE,
                    CS_PACKAGE, CS_PROJECT} | {path for path, _ in VERSION_MENTIONS})
    failures = 0
    with tempfile.TemporaryDirectory(prefix="check-constants-") as tmp:
        def fresh() -> None:
            for rel in files:
                os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
                shutil.copyfile(os.path.join(ROOT, rel), os.path.join(tmp, rel))

        fresh()
        if _run(tmp)[0] != 0:
            print("self-test FAIL: the unchanged copy of the tree does not pass")
            return 1
        for path, old, new in DRIFTS:
            fresh()
            full = os.path.join(tmp, path)
            with open(full, encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                print(f"self-test FAIL: {path} no longer contains {old!r}: update DRIFTS")
                failures += 1
                continue
            with open(full, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new, 1))
            rc, out = _run(tmp)
            expect = [path]
            if path == HEADER:
                expect = next(files for key, files in HEADER_DRIFT_EXPECT.items() if key in old)
            missed = [e for e in expect if f"FAIL {e}:" not in out]
            if rc == 0 or missed:
                print(f"self-test FAIL: changing {old.strip()!r} in {path} was not reported for "
                      f"{', '.join(missed) or 'any file'} (exit {rc})\n{out}")
                failures += 1
            else:
                first = next(line for line in out.splitlines() if line.startswith("FAIL "))
                print(f"  ok   drift in {path} caught: {first}")
    print(f"self-test: {len(DRIFTS) - failures}/{len(DRIFTS)} drifts caught")
    return 1 if failures else 0


def _run(root: str) -> Tuple[int, str]:
    r = subprocess.run([sys.executable, os.path.abspath(__file__), "--root", root],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    return r.returncode, r.stdout


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=ROOT, help="the repository to check (default: this one)")
    ap.add_argument("--self-test", action="store_true", help="prove that drift in each copy is caught")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    problems = check(os.path.abspath(args.root))
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} mismatch(es) with {HEADER}: fix the copies (the header is the source of truth)")
        return 1
    print(f"all copies agree with {HEADER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
