"""Sync without a backend: the push document, applying hand-made state documents, the rejected
listener, bad input, and sync_with's failures against a stub HTTP server (no database involved:
the real backend's tests are in test_sync_backend.py)."""

from __future__ import annotations

import asyncio
import http.server
import json
import re
import socket
import threading
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

import timconvgroup as tcg
from conftest import HANG, Recorder, seed
from timconvgroup import _sync

OP = tcg.SyncOpType
EV = tcg.ConvEvent


def state_doc(push: tcg.SyncPushDocument, version: int, last_op_id: int, groups: List[Tuple[str, str, List[str]]],
              convs: Optional[List[Dict[str, Any]]] = None, rejected: Optional[List[Dict[str, Any]]] = None,
              client_id: Optional[str] = None) -> Dict[str, Any]:
    """A state document as the backend would answer it."""
    return {
        "sync_state_version": version,
        "sync_state_client_id": push.client_id if client_id is None else client_id,
        "sync_state_last_op_id": last_op_id,
        "sync_state_is_unchanged": False,
        "sync_state_rejected_array": rejected or [],
        "sync_state_group_array": [
            {"sync_group_id": gid, "sync_group_name": name, "sync_group_conversation_id_array": sorted(members)}
            for gid, name, members in groups
        ],
        "sync_state_conv_array": convs or [],
    }


def rejection(op_id: int, op_type: int, code: int, desc: str = "", items: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    return {"sync_rejected_op_id": op_id, "sync_rejected_op_type": op_type, "sync_rejected_code": code,
            "sync_rejected_desc": desc, "sync_rejected_item_array": items or []}


def groups_of(client: tcg.Client) -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for name in client.get_conversation_group_list():
        out[name] = sorted(c.conv_id for c in client.iter_conversations(tcg.ConversationListFilter(conversation_group=name)))
    return out


# --- the push document ----------------------------------------------------------------------------


def test_pending_changes_of_a_fresh_cache(client: tcg.Client) -> None:
    push = client.sync_get_pending_changes()
    assert isinstance(push, tcg.SyncPushDocument)
    assert re.fullmatch(r"[0-9a-f]{32}", push.client_id)
    assert push.last_version == 0 and push.ops == []
    assert json.loads(push.raw) == push.to_json() == {
        "sync_push_client_id": push.client_id, "sync_push_last_version": 0, "sync_push_op_array": []}


def test_pending_changes_record_each_effective_change(client: tcg.Client) -> None:
    ids = seed(client, 3)
    client.create_conversation_group("Work", [ids[0], "c2c_nobody"])
    client.add_conversations_to_group("Work", [ids[0], ids[1]])  # u0 already a member: only u1 recorded
    client.rename_conversation_group("Work", "Job")
    client.delete_conversations_from_group("Job", [ids[1]])
    client.mark_conversation([ids[2]], tcg.MarkType.STAR, True)
    client.pin_conversation("u2", tcg.ConvType.C2C, True)
    client.set_conversation_custom_data([ids[2]], "cd")
    client.delete_conversation("u1", tcg.ConvType.C2C)  # no roaming state left: records nothing
    client.delete_conversation("u2", tcg.ConvType.C2C)  # clears its mark, pin and custom data
    client.delete_conversation_group("Job")
    with pytest.raises(tcg.TIMError):
        client.delete_conversation_group("Job")  # refused: records nothing

    push = client.sync_get_pending_changes()
    assert [op.op_id for op in push.ops] == list(range(1, 10))
    assert [op.op_type for op in push.ops] == [OP.GROUP_CREATE, OP.GROUP_ADD, OP.GROUP_RENAME, OP.GROUP_REMOVE,
                                               OP.MARK, OP.PIN, OP.CUSTOM_DATA, OP.CONV_DELETE, OP.GROUP_DELETE]
    assert all(isinstance(op.op_type, tcg.SyncOpType) for op in push.ops)
    create, add, rename, remove, mark, pin, custom, conv_delete, group_delete = push.ops
    assert create.group_name == "Work" and create.conversation_ids == ["c2c_u0"] and re.fullmatch(r"[0-9a-f]{32}", create.group_id)
    assert add.group_name == "Work" and add.conversation_ids == ["c2c_u1"]
    assert (rename.group_name, rename.new_group_name) == ("Work", "Job")
    assert remove.conversation_ids == ["c2c_u1"]
    assert mark.conversation_ids == ["c2c_u2"] and mark.mark_type == 1 and mark.enable_mark
    assert pin.conversation_id == "c2c_u2" and pin.is_pinned
    assert custom.custom_data == "cd"
    assert conv_delete.conversation_id == "c2c_u2"
    assert group_delete.group_name == "Job"
    assert rename.raw == json.loads(push.raw)["sync_push_op_array"][2]
    assert rename.describe() == '#3 rename group "Work" -> "Job"'

    # reading changes nothing; max_ops takes the first ones
    assert client.sync_get_pending_changes().raw == push.raw
    first = client.sync_get_pending_changes(max_ops=2)
    assert [op.op_id for op in first.ops] == [1, 2] and first.client_id == push.client_id


def test_pending_changes_argument_checks(client: tcg.Client) -> None:
    for bad in (-1, 1 << 32):
        with pytest.raises(ValueError):
            client.sync_get_pending_changes(bad)


def test_sync_calls_need_a_login(fresh_client: tcg.Client) -> None:
    with pytest.raises(tcg.TIMError) as e:
        fresh_client.sync_get_pending_changes()
    assert e.value.code == tcg.TIMResult.ERR_NOTLOGIN
    with pytest.raises(tcg.TIMError) as e:
        fresh_client.sync_apply({"sync_state_version": 1})
    assert e.value.code == tcg.TIMResult.ERR_NOTLOGIN


# --- applying a state document --------------------------------------------------------------------


def test_apply_takes_the_server_state_and_reports_rejections_once(client: tcg.Client) -> None:
    ids = seed(client, 3)
    client.create_conversation_group("Work", [ids[0]])
    client.rename_conversation_group("Work", "Job")  # the server will refuse this one
    client.mark_conversation([ids[1]], tcg.MarkType.STAR, True)  # still pending after the apply
    push = client.sync_get_pending_changes()
    gid = push.ops[0].group_id

    created, renamed, added, rejected, events = Recorder(), Recorder(), Recorder(), Recorder(), Recorder()
    order: List[str] = []
    client.set_conv_conversation_group_created_callback(created)
    client.set_conv_conversation_group_name_changed_callback(renamed)
    client.set_conv_conversations_added_to_group_callback(added)
    client.set_conv_sync_rejected_callback(lambda r: (order.append("rejected"), rejected(r)))
    client.set_conv_event_callback(lambda e, c: (order.append(e.name), events(e, c)))

    # The server applied ops 1 and 2 (rejecting the rename: "Job" existed there), and has a group
    # "Job" made by another device, with u2 in it.
    doc = state_doc(push, 5, 2, [(gid, "Work", [ids[0]]), ("other", "Job", [ids[2]])],
                    rejected=[rejection(2, 3, 51012, 'conversation group "Job" already exists')])
    result = client.sync_apply(doc)
    assert isinstance(result, tcg.SyncApplyResult)
    assert result.is_applied and result.version == 5 and result.pending_count == 1 and not result.is_client_id_renewed
    (rej,) = result.rejected
    assert (rej.op_id, rej.op_type, rej.code) == (2, OP.GROUP_RENAME, 51012) and "already exists" in rej.desc
    assert json.loads(result.raw)["sync_apply_version"] == 5

    # the listener got the same, before the apply's Start
    ((lst,),) = rejected.calls
    assert [(r.op_id, r.code) for r in lst] == [(2, 51012)]
    assert order[0] == "rejected" and order[1] == "START" and order[-1] == "FINISH"
    assert renamed.calls == [("Job", "Work")]  # the view showed "Job"; the server says "Work"
    assert [(name, [c.conv_id for c in convs]) for name, convs in created.calls] == [("Job", ["u2"])]
    assert groups_of(client) == {"Work": ["u0"], "Job": ["u2"]}

    # acknowledged operations left the outbox; the mark is still pending and still shown
    after = client.sync_get_pending_changes()
    assert [op.op_type for op in after.ops] == [OP.MARK] and after.last_version == 5
    (u1,) = client.get_conv_info(["c2c_u1"])
    assert u1.conv_mark_array == [1]

    # the same document again: applied, nothing to report any more, no group events
    rejected.clear()
    created.clear()
    renamed.clear()
    again = client.sync_apply(json.dumps(doc))
    assert again.is_applied and again.rejected == [] and rejected.calls == [] and created.calls == renamed.calls == []

    # an older document changes nothing
    older = client.sync_apply(state_doc(push, 4, 2, []))
    assert not older.is_applied and older.version == 5
    assert groups_of(client) == {"Work": ["u0"], "Job": ["u2"]}


def test_apply_accepts_str_bytes_and_dict(client: tcg.Client) -> None:
    seed(client, 1)
    push = client.sync_get_pending_changes()
    for version, form in enumerate((dict, json.dumps, lambda d: json.dumps(d).encode()), start=1):
        doc = state_doc(push, version, 0, [("g%d" % version, "G%d" % version, ["c2c_u0"])])
        result = client.sync_apply(form(doc))  # type: ignore[operator]
        assert result.is_applied and result.version == version
        assert client.get_conversation_group_list() == ["G%d" % version]


def test_rejected_listener_set_and_clear(client: tcg.Client) -> None:
    seed(client, 1)
    client.create_conversation_group("A", ["c2c_u0"])
    client.create_conversation_group("B", ["c2c_u0"])
    push = client.sync_get_pending_changes()
    rec = Recorder()
    client.set_conv_sync_rejected_callback(rec)
    client.sync_apply(state_doc(push, 1, 1, [], rejected=[rejection(1, 1, 51010, "21st group")]))
    ((lst,),) = rec.calls
    assert isinstance(lst[0], tcg.SyncRejection) and lst[0].code == 51010 and lst[0].op_type is OP.GROUP_CREATE
    rec.clear()
    client.set_conv_sync_rejected_callback(None)
    result = client.sync_apply(state_doc(push, 2, 2, [], rejected=[rejection(2, 1, 0, "some items", [
        {"conversation_operation_result_conversation_id": "c2c_u0", "conversation_operation_result_result_code": 51008,
         "conversation_operation_result_result_info": "limit"}])]))
    assert rec.calls == []  # cleared: not called
    (r,) = result.rejected
    assert r.code == 0 and [(i.conversation_id, i.result_code) for i in r.items] == [("c2c_u0", 51008)]
    with pytest.raises(TypeError):
        client.set_conv_sync_rejected_callback(42)  # type: ignore[arg-type]


def test_listener_exception_does_not_break_the_apply(client: tcg.Client, caplog: pytest.LogCaptureFixture) -> None:
    seed(client, 1)
    client.create_conversation_group("A", ["c2c_u0"])
    push = client.sync_get_pending_changes()

    def boom(rejected: List[tcg.SyncRejection]) -> None:
        raise RuntimeError("listener failed")

    client.set_conv_sync_rejected_callback(boom)
    result = client.sync_apply(state_doc(push, 1, 1, [], rejected=[rejection(1, 1, 51010)]))
    assert result.is_applied and [r.code for r in result.rejected] == [51010]
    assert "listener failed" in caplog.text


def test_bad_state_documents_change_nothing(client: tcg.Client) -> None:
    ids = seed(client, 2)
    client.create_conversation_group("Work", [ids[0]])
    push = client.sync_get_pending_changes()
    before = (groups_of(client), push.raw)

    def unchanged() -> None:
        assert (groups_of(client), client.sync_get_pending_changes().raw) == before

    for text in ("not json", "[1, 2]", '{"sync_state_version": "x"}', ""):
        with pytest.raises(tcg.TIMError) as e:
            client.sync_apply(text)
        assert e.value.code == tcg.TIMResult.ERR_JSON, text
        unchanged()
    # another client's document
    with pytest.raises(tcg.TIMError) as e:
        client.sync_apply(state_doc(push, 1, 0, [], client_id="f" * 32))
    assert e.value.code == tcg.ErrorCode.INVALID_PARAMETERS
    unchanged()
    # a state that breaks a rule: 21 groups, a repeated name
    too_many = [(f"g{i}", f"G{i}", []) for i in range(21)]
    with pytest.raises(tcg.TIMError) as e:
        client.sync_apply(state_doc(push, 1, 0, too_many))  # type: ignore[arg-type]
    assert e.value.code == tcg.ErrorCode.CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT
    with pytest.raises(tcg.TIMError) as e:
        client.sync_apply(state_doc(push, 1, 0, [("a", "Same", []), ("b", "Same", [])]))
    assert e.value.code == tcg.ErrorCode.CONV_GROUP_NAME_ALREADY_EXISTS
    unchanged()
    # refused by the binding before the library sees it
    with pytest.raises(TypeError):
        client.sync_apply(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        client.sync_apply('{"a": "\0"}')
    unchanged()


def test_async_twins(client: tcg.Client) -> None:
    seed(client, 1)
    client.create_conversation_group("A", ["c2c_u0"])

    async def main() -> tcg.SyncApplyResult:
        push = await client.async_get_pending_changes()
        assert [op.op_type for op in push.ops] == [OP.GROUP_CREATE]
        return await client.async_apply(state_doc(push, 3, 1, [(push.ops[0].group_id, "A", ["c2c_u0"])]))

    result = asyncio.run(asyncio.wait_for(main(), HANG))
    assert result.is_applied and result.version == 3 and result.pending_count == 0


# --- sync_with's failures, against a stub server --------------------------------------------------


class _Stub(http.server.BaseHTTPRequestHandler):
    answers: List[Tuple[int, bytes]] = []
    seen: List[Tuple[str, str, Optional[str], bytes]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append(("POST", self.path, self.headers.get("Authorization"), body))
        status, answer = type(self).answers.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[Tuple[str, type]]:
    handler = type("Stub", (_Stub,), {"answers": [], "seen": []})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", handler
    finally:
        srv.shutdown()
        srv.server_close()


def test_sync_with_failures_raise_and_change_nothing(client: tcg.Client, stub: Tuple[str, Any]) -> None:
    url, handler = stub
    ids = seed(client, 1)
    client.create_conversation_group("Work", [ids[0]])
    before = client.sync_get_pending_changes()

    def unchanged() -> None:
        assert client.sync_get_pending_changes().raw == before.raw
        assert client.get_conversation_group_list() == ["Work"]

    handler.answers[:] = [
        (401, b'{"sync_error_code":6014,"sync_error_reason":"unauthorized","sync_error_desc":"unknown bearer token"}'),
        (200, b"<html>a proxy's page</html>"),
        (200, b'{"not":"a state document"}'),
        (502, b"bad gateway"),
    ]
    with pytest.raises(tcg.SyncHTTPError) as e:
        client.sync_with(url, "tok-0123456789abcdef")
    assert (e.value.status, e.value.reason, e.value.code) == (401, "unauthorized", 6014)
    assert e.value.url == url + "/v1/sync" and "unknown bearer token" in str(e.value)
    method, path, auth, body = handler.seen[0]
    assert (method, path, auth) == ("POST", "/v1/sync", "Bearer tok-0123456789abcdef")
    assert body.decode() == before.raw  # the push document as the library wrote it
    unchanged()
    for reason in ("not_json", "not_json"):
        with pytest.raises(tcg.SyncHTTPError) as e:
            client.sync_with(url + "/", "tok-0123456789abcdef")
        assert (e.value.status, e.value.reason) == (200, reason)
        unchanged()
    with pytest.raises(tcg.SyncHTTPError) as e:
        client.sync_with(url, "tok-0123456789abcdef")
    assert (e.value.status, e.value.reason, e.value.code) == (502, "http", 0) and "bad gateway" in e.value.desc
    unchanged()

    # nobody listening
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(tcg.SyncHTTPError) as e:
        client.sync_with(f"http://127.0.0.1:{port}", "tok-0123456789abcdef", timeout=HANG)
    assert e.value.status == 0 and e.value.reason == "unreachable"
    unchanged()

    # arguments
    for bad_url in ("", None):
        with pytest.raises(TypeError):
            client.sync_with(bad_url, "tok")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        client.sync_with(url, "")
    with pytest.raises(ValueError):
        client.sync_with(url, "tok\r\nX-Evil: 1")
    unchanged()


def test_sync_with_applies_the_answer(client: tcg.Client, stub: Tuple[str, Any]) -> None:
    url, handler = stub
    seed(client, 1)
    client.create_conversation_group("Work", ["c2c_u0"])
    push = client.sync_get_pending_changes()
    handler.answers[:] = [(200, json.dumps(state_doc(push, 7, 1, [(push.ops[0].group_id, "Work", ["c2c_u0"])])).encode())]
    result = client.sync_with(url + "/v1/sync", "tok-0123456789abcdef")
    assert isinstance(result, tcg.SyncRoundResult)
    assert (result.ops_pushed, result.server_version, result.rejected, result.pending_count) == (1, 7, [], 0)
    assert result.apply.is_applied and result.push.raw == push.raw and result.state["sync_state_version"] == 7
    assert handler.seen[0][1] == "/v1/sync"


def test_sync_endpoint() -> None:
    assert _sync.sync_endpoint("http://h:1") == "http://h:1/v1/sync"
    assert _sync.sync_endpoint("http://h:1/") == "http://h:1/v1/sync"
    assert _sync.sync_endpoint("http://h:1/base/v1/sync") == "http://h:1/base/v1/sync"
    err = tcg.SyncHTTPError(413, "too_large", "the body is over 1048576 bytes", "http://h/v1/sync", 6017)
    assert "HTTP 413" in str(err) and "too_large" in str(err) and "6017" in str(err)
    assert "SyncHTTPError(status=413" in repr(err)


def test_unchanged_documents_and_a_renewed_client_id(client: tcg.Client) -> None:
    seed(client, 1)
    client.create_conversation_group("A", ["c2c_u0"])
    push = client.sync_get_pending_changes()
    gid = push.ops[0].group_id
    assert client.sync_apply(state_doc(push, 5, 1, [(gid, "A", ["c2c_u0"])])).is_applied
    client.mark_conversation(["c2c_u0"], tcg.MarkType.STAR, True)  # op 2, pending

    unchanged = {"sync_state_version": 5, "sync_state_client_id": push.client_id, "sync_state_last_op_id": 1,
                 "sync_state_is_unchanged": True, "sync_state_rejected_array": []}
    r = client.sync_apply(unchanged)
    assert r.is_applied and r.version == 5 and r.pending_count == 1
    assert client.get_conversation_group_list() == ["A"]
    # "unchanged" for a version this device does not hold changes nothing
    r = client.sync_apply(dict(unchanged, sync_state_version=6))
    assert not r.is_applied and r.version == 5

    # the server applied op ids this cache never allocated: it was restored from an older copy;
    # it takes a new client id and renumbers its pending operations from 1
    r = client.sync_apply(state_doc(push, 7, 9, [(gid, "A", ["c2c_u0"])]))
    assert r.is_client_id_renewed and not r.is_applied
    renewed = client.sync_get_pending_changes()
    assert renewed.client_id != push.client_id and re.fullmatch(r"[0-9a-f]{32}", renewed.client_id)
    assert [(op.op_id, op.op_type) for op in renewed.ops] == [(1, OP.MARK)]
