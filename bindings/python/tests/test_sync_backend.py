"""Sync against the real reference backend: build/timconvsyncd on a PostgreSQL that the
``sync_backend`` fixture starts in a temporary directory and stops afterwards (no mock of the
database). Devices in other processes are examples/sync_demo.py's device loop (one Client per
process, its own cache)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import pytest

import timconvgroup as tcg
from conftest import HANG, PKG_ROOT, seed, sync_demo_module

FEED = [{"conv_id": c, "conv_type": 1, "conv_active_time": 10 + i} for i, c in enumerate(["a", "b", "c"])] + [
    {"conv_id": "t", "conv_type": 2, "conv_active_time": 1}]


def get_state(backend: Any, user: str, query: str = "") -> Dict[str, Any]:
    req = urllib.request.Request(backend.url + "/v1/state" + query,
                                 headers={"Authorization": "Bearer " + backend.tokens[user]})
    with urllib.request.urlopen(req, timeout=HANG) as resp:
        doc: Dict[str, Any] = json.loads(resp.read())
    return doc


def server_groups(doc: Dict[str, Any]) -> List[List[Any]]:
    return [[g["sync_group_name"], g["sync_group_conversation_id_array"]] for g in doc.get("sync_state_group_array", [])]


def ok(answer: Dict[str, Any]) -> Any:
    assert answer["ok"], answer
    return answer["result"]


def rejections(answer: Dict[str, Any]) -> List[Any]:
    return [(r["op_type"], r["code"]) for ev in answer["events"] if ev["kind"] == "sync_rejected" for r in ev["ops"]]


def test_sync_with_one_device(client: tcg.Client, sync_backend: Any) -> None:
    url, token = sync_backend.url, sync_backend.tokens["alice"]
    ids = seed(client, 2)
    client.create_conversation_group("Work", [ids[0]])
    client.mark_conversation([ids[1]], tcg.MarkType.STAR, True)
    r = client.sync_with(url, token)
    assert (r.ops_pushed, r.server_version, r.rejected, r.pending_count) == (2, 1, [], 0)
    assert r.apply.is_applied and not r.is_client_id_renewed
    assert client.sync_get_pending_changes().ops == []

    # nothing to push: a plain fetch, same version
    r = client.sync_with(url + "/", token)
    assert (r.ops_pushed, r.server_version) == (0, 1)

    doc = get_state(sync_backend, "alice")
    assert server_groups(doc) == [["Work", ["c2c_u0"]]]
    assert [(c["sync_conv_conversation_id"], c["sync_conv_mark_type"]) for c in doc["sync_state_conv_array"]] == [
        ("c2c_u1", 1)]

    # the asyncio twin
    client.rename_conversation_group("Work", "Job")

    async def main() -> tcg.SyncRoundResult:
        return await asyncio.wait_for(client.async_with(url, token), HANG)

    r = asyncio.run(main())
    assert (r.ops_pushed, r.server_version, r.pending_count) == (1, 2, 0)
    assert server_groups(get_state(sync_backend, "alice")) == [["Job", ["c2c_u0"]]]


def test_backend_refusals_change_nothing(client: tcg.Client, sync_backend: Any) -> None:
    seed(client, 1)
    client.create_conversation_group("Work", ["c2c_u0"])
    before = client.sync_get_pending_changes()

    def unchanged() -> None:
        assert client.sync_get_pending_changes().raw == before.raw
        assert client.get_conversation_group_list() == ["Work"]

    with pytest.raises(tcg.SyncHTTPError) as e:
        client.sync_with(sync_backend.url, "tok-not-a-token-of-anyone")
    assert (e.value.status, e.value.reason, e.value.code) == (401, "unauthorized", 6014)
    unchanged()
    with pytest.raises(tcg.SyncHTTPError) as e:
        client.sync_with(sync_backend.url + "/elsewhere", sync_backend.tokens["erin"])
    assert (e.value.status, e.value.reason) == (404, "not_found")
    unchanged()
    assert server_groups(get_state(sync_backend, "erin")) == []  # nothing reached the server either


def test_two_devices_in_two_processes_converge(sync_backend: Any, tmp_path: Path, library: str) -> None:
    demo = sync_demo_module()
    token = sync_backend.tokens["bob"]
    phone = demo.Device("phone", tmp_path / "phone", sync_backend.url, token, user="bob")
    laptop = demo.Device("laptop", tmp_path / "laptop", sync_backend.url, token, user="bob")
    try:
        assert phone.client_id != laptop.client_id
        for d in (phone, laptop):
            ok(d.call("upsert_conversations", FEED))
        # offline: both create "Work"
        ok(phone.call("create_conversation_group", "Work", ["c2c_a"]))
        ok(phone.call("mark_conversation", ["c2c_c"], 2, True))
        ok(laptop.call("create_conversation_group", "Work", ["c2c_b"]))
        ok(laptop.call("pin_conversation", "b", 1, True))
        assert ok(phone.sync())["server_version"] == 1
        answer = laptop.sync()
        assert ok(answer)["server_version"] == 2 and rejections(answer) == []
        assert {"kind": "added_to_group", "name": "Work", "ids": ["c2c_a"]} in answer["events"]
        answer = phone.sync()
        assert {"kind": "added_to_group", "name": "Work", "ids": ["c2c_b"]} in answer["events"]
        assert phone.state() == laptop.state()
        assert phone.state()["groups"] == [["Work", ["c2c_a", "c2c_b"]]]  # merged: one "Work"

        # offline: the phone renames "Work" and fills the user's groups up to 20; the laptop adds
        # to "Work" and creates the 21st group
        ok(phone.call("rename_conversation_group", "Work", "Job"))
        for i in range(19):
            ok(phone.call("create_conversation_group", f"P{i}", ["group_t"]))
        ok(laptop.call("add_conversations_to_group", "Work", ["c2c_c"]))
        ok(laptop.call("create_conversation_group", "Extra", ["c2c_c"]))
        answer = phone.sync()
        assert ok(answer)["rejected"] == [] and rejections(answer) == []
        answer = laptop.sync()
        result = ok(answer)
        assert [(r["op_type"], r["code"]) for r in result["rejected"]] == [("GROUP_ADD", 51009), ("GROUP_CREATE", 51010)]
        assert rejections(answer) == [("GROUP_ADD", 51009), ("GROUP_CREATE", 51010)]  # the listener, once
        kinds = [(ev["kind"], ev.get("name") or ev.get("new")) for ev in answer["events"]]
        assert ("group_deleted", "Extra") in kinds and ("group_renamed", "Job") in kinds
        answer = phone.sync()
        assert rejections(answer) == []  # reported only on the device that made them
        final = phone.state()
        assert final == laptop.state()
        assert final["pending"] == 0 and len(final["groups"]) == 20
        assert final["groups"][0] == ["Job", ["c2c_a", "c2c_b"]]
        assert final["convs"]["c2c_c"]["marks"] == 2 and final["convs"]["c2c_b"]["pinned"]
        assert server_groups(get_state(sync_backend, "bob")) == final["groups"]
        # a later round reports nothing again
        assert rejections(laptop.sync()) == []
    finally:
        phone.close()
        laptop.close()


def test_tokens_isolate_users(sync_backend: Any, tmp_path: Path, library: str) -> None:
    demo = sync_demo_module()
    carol = demo.Device("carol", tmp_path / "carol", sync_backend.url, sync_backend.tokens["carol"], user="carol")
    dave = demo.Device("dave", tmp_path / "dave", sync_backend.url, sync_backend.tokens["dave"], user="dave")
    try:
        for d in (carol, dave):
            ok(d.call("upsert_conversations", FEED))
        ok(carol.call("create_conversation_group", "Secret", ["c2c_a"]))
        ok(carol.sync())
        ok(dave.call("create_conversation_group", "Mine", ["c2c_b"]))
        ok(dave.sync())
        assert dave.state()["groups"] == [["Mine", ["c2c_b"]]]  # nothing of carol's
        assert carol.state()["groups"] == [["Secret", ["c2c_a"]]]
        # dave's token names dave's state only, even with carol's client id
        doc = get_state(sync_backend, "dave", "?client_id=" + carol.client_id)
        assert server_groups(doc) == [["Mine", ["c2c_b"]]] and doc["sync_state_last_op_id"] == 0
        # carol's device with dave's token pushes into dave's state, never carol's; the answer
        # is dave's state, which carol's device takes (the token decides whose state it is)
        ok(carol.call("create_conversation_group", "Pushed", ["c2c_c"]))
        ok(carol.sync(token=sync_backend.tokens["dave"]))
        assert [g[0] for g in server_groups(get_state(sync_backend, "carol"))] == ["Secret"]
        assert [g[0] for g in server_groups(get_state(sync_backend, "dave"))] == ["Mine", "Pushed"]
        # an unknown token reaches nobody
        answer = dave.sync(token="tok-made-up-0123456789")
        assert not answer["ok"] and answer["error"]["status"] == 401
    finally:
        carol.close()
        dave.close()


def test_restored_cache_reusing_an_op_id_renews(sync_backend: Any, tmp_path: Path, library: str) -> None:
    """A cache restored from an older copy reuses an op id the server already applied with other
    content: the backend applies nothing and says so (sync_state_is_client_stale); the apply renews
    the client id, and the next round pushes the edit under the new id: nothing is lost."""
    demo = sync_demo_module()
    url, token = sync_backend.url, sync_backend.tokens["frank"]
    d = demo.Device("d", tmp_path / "d", url, token, user="frank")
    try:
        ok(d.call("upsert_conversations", FEED))
    finally:
        d.close()
    shutil.copytree(tmp_path / "d", tmp_path / "copy")
    d = demo.Device("d", tmp_path / "d", url, token, user="frank")
    try:
        ok(d.call("create_conversation_group", "Original", ["c2c_a"]))
        ok(d.sync())
    finally:
        d.close()
    copy = demo.Device("copy", tmp_path / "copy", url, token, user="frank")
    try:
        ok(copy.call("create_conversation_group", "Restored", ["c2c_b"]))  # op 1 again, other content
        old_id = copy.client_id
        before = copy.state()
        first = copy.send({"call": "sync_with", "args": [url, token]})
        assert first["ok"] and first["result"]["apply"]["is_client_id_renewed"], first
        assert copy.state() == before
        assert [g[0] for g in server_groups(get_state(sync_backend, "frank"))] == ["Original"]
        assert copy.send({"call": "sync_get_pending_changes"})["result"]["client_id"] != old_id
        second = ok(copy.sync())
        assert second["ops_pushed"] == 1 and second["rejected"] == [] and second["pending_count"] == 0
        assert [g[0] for g in server_groups(get_state(sync_backend, "frank"))] == ["Original", "Restored"]
        assert [g[0] for g in copy.state()["groups"]] == ["Original", "Restored"]
    finally:
        copy.close()


def test_restored_cache_renews_its_client_id(sync_backend: Any, tmp_path: Path, library: str) -> None:
    """A cache restored from a copy older than its last push sees a last op id above every op id it
    allocated: sync_with reports is_client_id_renewed, and the next round pushes under the new id."""
    demo = sync_demo_module()
    url, token = sync_backend.url, sync_backend.tokens["grace"]
    d = demo.Device("d", tmp_path / "d", url, token, user="grace")
    try:
        ok(d.call("upsert_conversations", FEED))
        ok(d.call("create_conversation_group", "Work", ["c2c_a"]))
    finally:
        d.close()
    shutil.copytree(tmp_path / "d", tmp_path / "copy")  # holds op 1 only
    d = demo.Device("d", tmp_path / "d", url, token, user="grace")
    try:
        ok(d.call("mark_conversation", ["c2c_b"], 1, True))  # op 2
        assert ok(d.sync())["ops_pushed"] == 2
    finally:
        d.close()
    copy = demo.Device("copy", tmp_path / "copy", url, token, user="grace")
    try:
        old_id = copy.client_id
        first = copy.send({"call": "sync_with", "args": [url, token]})
        assert first["ok"] and first["result"]["apply"]["is_client_id_renewed"]
        assert copy.send({"call": "sync_get_pending_changes"})["result"]["client_id"] != old_id
        second = ok(copy.sync())
        # op 1 (create "Work"), renumbered under the new id, merges into the server's "Work"
        assert second["ops_pushed"] == 1 and second["rejected"] == [] and second["pending_count"] == 0
        state = copy.state()
        assert state["groups"] == [["Work", ["c2c_a"]]] and state["convs"]["c2c_b"]["marks"] == 1
    finally:
        copy.close()


def test_demo_runs(library: str, tmp_path: Path) -> None:
    """`make demo-sync`: its own PostgreSQL and backend, two device processes, convergence."""
    work = tmp_path / "demo with spaces"
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    p = subprocess.run([sys.executable, str(PKG_ROOT / "examples" / "sync_demo.py"), "--dir", str(work)],
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout
    assert "CONVERGED" in out
    assert "REJECTED op #4 (GROUP_ADD): 51009" in out and "(GROUP_CREATE): 51010" in out
    assert 'group renamed: "Work" -> "Office"' in out
