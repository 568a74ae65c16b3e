"""Pure-Python parts: JSON mapping, filter encoding, enums, library lookup, type hints.
None of these tests needs the native library."""

from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import json
import os
import subprocess
import sys
import typing
from typing import Any, Dict
from pathlib import Path

import pytest

import timconvgroup as tcg
from timconvgroup import _native, _types

SAMPLE = {
    "conv_id": "alice",
    "conv_type": 1,
    "conv_show_name": "Alice",
    "conv_face_url": "",
    "conv_unread_num": 3,
    "conv_active_time": 1700000000,
    "conv_is_has_lastmsg": True,
    "conv_last_msg": {"message_elem_array": [{"elem_type": 0, "text_elem_content": "hi"}], "n": 18446744073709551615},
    "conv_is_has_draft": True,
    "conv_draft": {"draft_msg": {"k": "v"}, "draft_user_define": "x", "draft_edit_time": 1700000001},
    "conv_recv_opt": 0,
    "conv_group_type": 0,
    "conv_group_at_info_array": [{"conv_group_at_info_seq": 5, "conv_group_at_info_at_type": 1}],
    "conv_is_pinned": False,
    "conv_mark_array": [1, 4294967296],
    "conv_custom_data": "",
    "conv_conversation_group_array": ["work"],
}


def test_convinfo_from_json_maps_every_key() -> None:
    c = tcg.ConvInfo.from_json(SAMPLE)
    assert c.conv_id == "alice" and c.conv_type is tcg.ConvType.C2C
    assert c.conv_show_name == "Alice" and c.conv_unread_num == 3 and c.conv_active_time == 1700000000
    assert c.conv_is_has_lastmsg and c.conv_last_msg == SAMPLE["conv_last_msg"]
    assert c.conv_last_msg is not None and c.conv_last_msg["n"] == 2**64 - 1  # exact uint64
    assert c.conv_draft == tcg.Draft({"k": "v"}, "x", 1700000001)
    assert c.conv_recv_opt is tcg.ReceiveMessageOpt.RECEIVE
    assert c.conv_group_at_info_array == [tcg.GroupAtInfo(5, tcg.GroupAtType.AT_ME)]
    assert c.conv_mark_array == [1, 1 << 32]
    assert c.marks == tcg.MarkType.STAR | tcg.MarkType.custom(32)
    assert c.conv_conversation_group_array == ["work"]
    assert c.conversation_id == "c2c_alice"
    assert c.extra == {}


def test_convinfo_round_trip_is_exact() -> None:
    assert tcg.ConvInfo.from_json(SAMPLE).to_json() == SAMPLE
    # absent last message / draft stay absent
    minimal = {k: v for k, v in SAMPLE.items() if k not in ("conv_last_msg", "conv_draft")}
    c = tcg.ConvInfo.from_json(minimal)
    assert c.conv_last_msg is None and c.conv_draft is None
    assert c.to_json() == minimal


def test_convinfo_keeps_unknown_keys_and_values() -> None:
    obj = dict(SAMPLE, conv_future_key={"a": 1}, conv_type=7, conv_recv_opt=9)
    c = tcg.ConvInfo.from_json(obj)
    assert c.extra == {"conv_future_key": {"a": 1}}
    assert c.conv_type == 7 and c.conv_recv_opt == 9  # unknown enum values stay ints
    assert c.to_json() == obj


def test_convinfo_fields_are_the_json_keys() -> None:
    names = [f.name for f in dataclasses.fields(tcg.ConvInfo) if f.name != "extra"]
    assert names == list(SAMPLE.keys())


def test_upsert_encoding() -> None:
    c = tcg.ConvInfo("g1", tcg.ConvType.GROUP, conv_show_name="G", conv_unread_num=2, conv_is_pinned=True,
                     conv_custom_data="x", conv_conversation_group_array=["a"], conv_mark_array=[1])
    items = json.loads(_types.encode_upsert_items([c, {"conv_id": "bob", "conv_type": 1, "conv_last_msg": None}]))
    assert items[0] == {
        "conv_id": "g1", "conv_type": 2, "conv_show_name": "G", "conv_face_url": "", "conv_unread_num": 2,
        "conv_active_time": 0, "conv_recv_opt": 0, "conv_group_type": 0, "conv_group_at_info_array": [],
    }
    assert items[1] == {"conv_id": "bob", "conv_type": 1, "conv_last_msg": None}
    d = json.loads(_types.encode_upsert_items([{"conv_id": "x", "conv_type": 1, "conv_draft": tcg.Draft(None, "u", 5),
                                                "conv_group_at_info_array": [tcg.GroupAtInfo(1, tcg.GroupAtType.AT_ALL)]}]))
    assert d[0]["conv_draft"] == {"draft_user_define": "u", "draft_edit_time": 5}
    assert d[0]["conv_group_at_info_array"] == [{"conv_group_at_info_seq": 1, "conv_group_at_info_at_type": 2}]
    with pytest.raises(TypeError):
        _types.encode_upsert_items(c)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _types.encode_upsert_items([42])  # type: ignore[list-item]


def test_filter_none_means_not_filtered_and_empty_group_means_no_group() -> None:
    assert tcg.ConversationListFilter().to_json() == {}
    assert _types.encode_filter(None) is None
    assert json.loads(_types.encode_filter(tcg.ConversationListFilter()) or b"") == {}
    f = tcg.ConversationListFilter(conversation_group="")
    assert f.to_json() == {"conversation_list_filter_conversation_group": ""}
    f = tcg.ConversationListFilter(conv_type=tcg.ConvType.GROUP, conversation_group="work",
                                   mark_type=tcg.MarkType.STAR | tcg.MarkType.custom(63),
                                   has_unread_count=False, has_group_at_info=True)
    js = json.loads(_types.encode_filter(f) or b"")
    assert js == {
        "conversation_list_filter_conv_type": 2,
        "conversation_list_filter_conversation_group": "work",
        "conversation_list_filter_mark_type": (1 << 63) | 1,
        "conversation_list_filter_has_unread_count": False,
        "conversation_list_filter_has_group_at_info": True,
    }
    assert tcg.ConversationListFilter.from_json(js) == f
    assert tcg.ConversationListFilter(mark_type=0).to_json() == {"conversation_list_filter_mark_type": 0}
    assert json.loads(_types.encode_filter({"conversation_list_filter_conv_type": 1}) or b"") == {
        "conversation_list_filter_conv_type": 1}
    with pytest.raises(TypeError):
        _types.encode_filter("work")  # type: ignore[arg-type]


def _constants_checker() -> Any:
    """scripts/check-constants.py of the repository (it parses include/timconvgroup.h)."""
    path = Path(__file__).resolve().parents[3] / "scripts" / "check-constants.py"
    if not path.is_file():
        pytest.skip(f"not in a repository checkout: {path} is missing")
    spec = importlib.util.spec_from_file_location("check_constants", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _live_enums() -> Dict[str, Dict[str, int]]:
    """Every member (aliases included) of the binding's enum classes, as the interpreter sees them."""
    classes = [tcg.TIMResult, tcg.ErrorCode, tcg.ConvType, tcg.ConvEvent, tcg.MarkType, tcg.GroupAtType,
               tcg.ReceiveMessageOpt, tcg.LoginStatus, tcg.LogLevel]
    return {cls.__name__: {name: int(m) for name, m in cls.__members__.items()} for cls in classes}


def test_enum_values_match_the_header() -> None:
    checker = _constants_checker()
    header = checker.parse_header(str(Path(__file__).resolve().parents[3]))
    assert header.enums["TIMErrCode"]["ERR_SVR_CONV_CONV_GROUP_NOT_EXIST"] == 51009  # the parser works
    problems = checker.Problems()
    checker.check_python_enums("live enums", _live_enums(), header, problems)
    assert problems.items == []
    assert tcg.__version__ == header.version
    assert _native.EXPECTED_MAJOR == header.major
    assert sorted(_types._RESULT_TEXT) == sorted(v for v in header.enums["TIMResult"].values() if v != 0)


def test_enum_check_reports_drift() -> None:
    checker = _constants_checker()
    header = checker.parse_header(str(Path(__file__).resolve().parents[3]))
    changed = _live_enums()
    changed["ErrorCode"]["CONV_GROUP_NOT_EXIST"] = 51010
    del changed["LogLevel"]["kTIMLog_Assert"]
    changed["ConvType"]["NOT_IN_THE_HEADER"] = 9
    problems = checker.Problems()
    checker.check_python_enums("changed", changed, header, problems)
    text = "\n".join(problems.items)
    assert len(problems.items) == 3, text
    assert "CONV_GROUP_NOT_EXIST = 51010" in text and "lacks kTIMLog_Assert" in text
    assert "NOT_IN_THE_HEADER" in text


def test_marktype_accepts_custom_64_bit_bits() -> None:
    m = tcg.MarkType(1 << 63)
    assert int(m) == 1 << 63 and isinstance(m, tcg.MarkType)
    both = tcg.MarkType.custom(32) | tcg.MarkType.custom(63) | tcg.MarkType.HIDE
    assert int(both) == (1 << 32) | (1 << 63) | 8
    assert tcg.MarkType.HIDE in both
    for bad in (0, 4, 31, 64, True):
        with pytest.raises(ValueError):
            tcg.MarkType.custom(bad)


def test_conversation_ids() -> None:
    assert tcg.conversation_id("a", tcg.ConvType.C2C) == "c2c_a"
    assert tcg.conversation_id("g", 2) == "group_g"
    assert tcg.parse_conversation_id("group_c2c_x") == ("c2c_x", tcg.ConvType.GROUP)
    with pytest.raises(ValueError):
        tcg.conversation_id("a", 3)
    with pytest.raises(ValueError):
        tcg.parse_conversation_id("alice")
    refs = json.loads(_types.encode_conv_refs(["c2c_a", ("g", 2), tcg.ConvInfo("b")]))
    assert refs == [
        {"get_conversation_list_param_conv_id": "a", "get_conversation_list_param_conv_type": 1},
        {"get_conversation_list_param_conv_id": "g", "get_conversation_list_param_conv_type": 2},
        {"get_conversation_list_param_conv_id": "b", "get_conversation_list_param_conv_type": 1},
    ]
    assert json.loads(_types.encode_id_array(["c2c_a", tcg.ConvInfo("g", tcg.ConvType.GROUP)])) == ["c2c_a", "group_g"]
    with pytest.raises(TypeError):
        _types.encode_id_array("c2c_a")
    with pytest.raises(TypeError):
        _types.encode_conv_refs("c2c_a")


def test_results_parse() -> None:
    ops = _types.parse_op_results(json.dumps([
        {"conversation_operation_result_conversation_id": "c2c_a", "conversation_operation_result_result_code": 6004,
         "conversation_operation_result_result_info": "unknown"}]).encode())
    assert ops == [tcg.OperationResult("c2c_a", 6004, "unknown")] and not ops[0].ok
    assert _types.parse_op_results(b"") == []
    page = _types.parse_list_result(json.dumps({
        "conversation_list_result_conv_list": [SAMPLE], "conversation_list_result_next_seq": 2**64 - 1,
        "conversation_list_result_is_finished": False}).encode())
    assert page.next_seq == 2**64 - 1 and not page.is_finished and page.conv_list[0].conv_id == "alice"
    assert _types.parse_unread(b'{"conv_get_total_unread_message_count_result_unread_count": 7}') == 7
    assert _types.parse_str_list("[\"a\",\"\u5de5\u4f5c\"]".encode()) == ["a", "\u5de5\u4f5c"]


def test_strings_are_utf8_and_nul_is_refused() -> None:
    assert _types.encode_str("\u5de5\u4f5c", "name") == "\u5de5\u4f5c".encode()
    assert _types.encode_str(b"\xff", "name") == b"\xff"
    assert _types.decode_str(b"\xff") == "\udcff" and _types.encode_str("\udcff", "n") == b"\xff"
    with pytest.raises(ValueError):
        _types.encode_str("a\0b", "name")
    with pytest.raises(TypeError):
        _types.encode_str(5, "name")  # type: ignore[arg-type]


def test_timerror() -> None:
    e = tcg.TIMError(51009, "group 'x' does not exist")
    assert e.code == 51009 and e.desc == "group 'x' does not exist"
    assert "51009" in str(e) and "CONV_GROUP_NOT_EXIST" in str(e)
    assert "TIM_ERR_NOTLOGIN" in str(tcg.TIMError(-2, "x"))
    assert str(tcg.TIMError(12345)) == "12345"


def test_version_check_messages() -> None:
    major = _native.EXPECTED_MAJOR
    _native.check_version(f"{major}.0.0")
    _native.check_version(f"{major}.7.3-beta")
    with pytest.raises(tcg.LibraryError, match=rf"{major + 1}\.0\.0.*needs {major}\.x"):
        _native.check_version(f"{major + 1}.0.0", "/x/libtimconvgroup.so")
    with pytest.raises(tcg.LibraryError, match="not a version"):
        _native.check_version("garbage")


def test_lookup_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_native.LIBRARY_ENV, raising=False)
    paths = _native.candidate_paths()
    pkg = Path(tcg.__file__).resolve().parent
    build = pkg.parent.parent.parent / "build"
    if sys.platform.startswith("linux"):
        assert paths == [
            str(pkg / "_lib" / "libtimconvgroup.so"),
            str(build / "libtimconvgroup.so"),
            str(build / "libtimconvgroup.so.1"),
        ]
    monkeypatch.setenv(_native.LIBRARY_ENV, "/nonexistent/libx.so")
    assert _native.candidate_paths() == ["/nonexistent/libx.so"]
    with pytest.raises(tcg.LibraryError, match="TIMCONVGROUP_LIBRARY"):
        _native.find()


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    e = dict(os.environ, PYTHONPATH=str(Path(tcg.__file__).resolve().parent.parent))
    e.update(env)
    return subprocess.run([sys.executable, "-c", code], env=e, capture_output=True, text=True, timeout=120)


def test_bad_library_path_gives_clear_error(tmp_path: Path) -> None:
    p = _run("import timconvgroup as t\ntry:\n t.Client('/tmp/x')\nexcept t.LibraryError as e:\n print('ERR', e)",
             TIMCONVGROUP_LIBRARY=str(tmp_path / "missing.so"))
    assert p.returncode == 0, p.stderr
    assert "ERR TIMCONVGROUP_LIBRARY=" in p.stdout and "does not name a file" in p.stdout
    junk = tmp_path / "junk.so"
    junk.write_bytes(b"not an ELF file")
    p = _run("import timconvgroup as t\ntry:\n t.load_library()\nexcept t.LibraryError as e:\n print('ERR', e)",
             TIMCONVGROUP_LIBRARY=str(junk))
    assert p.returncode == 0, p.stderr
    assert "ERR cannot load" in p.stdout


def test_import_does_not_need_the_library() -> None:
    p = _run("import timconvgroup as t; print(t.library_path())", TIMCONVGROUP_LIBRARY="/nonexistent.so")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "None"


# --- type hints ---------------------------------------------------------------------------------


def _public_callables():
    for name in tcg.__all__:
        obj = getattr(tcg, name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr not in ("__init__", "__enter__", "__exit__", "__aenter__", "__aexit__"):
                    continue
                fn = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
                if isinstance(fn, property):
                    fn = fn.fget
                if inspect.isfunction(fn):
                    yield f"{name}.{attr}", fn
        elif inspect.isfunction(obj):
            yield name, obj


def test_type_hints_are_complete() -> None:
    """Every public function and method annotates every parameter and its return (mypy --strict
    checks the same in `make test`; this test keeps the guarantee where mypy is absent)."""
    checked = 0
    for qual, fn in _public_callables():
        hints = typing.get_type_hints(fn)
        sig = inspect.signature(fn)
        for pname, param in sig.parameters.items():
            if pname in ("self", "cls"):
                continue
            assert pname in hints, f"{qual}: parameter {pname!r} has no annotation"
        assert "return" in hints, f"{qual}: no return annotation"
        checked += 1
    assert checked > 60
    assert (Path(tcg.__file__).parent / "py.typed").is_file()


def test_every_blocking_method_has_an_async_twin() -> None:
    skip = {"close", "sdk_version", "iter_conversations"}
    blocking = [n for n, v in vars(tcg.Client).items()
                if inspect.isfunction(v) and not inspect.iscoroutinefunction(v)
                and not inspect.isasyncgenfunction(v) and not n.startswith(("_", "set_")) and n not in skip]
    assert len(blocking) >= 20
    for n in blocking:
        twin = getattr(tcg.Client, "a" + n, None)
        assert twin is not None and inspect.iscoroutinefunction(twin), f"no async twin for {n}"
    assert inspect.isasyncgenfunction(tcg.Client.aiter_conversations)
