"""Process-level behaviour, each in a fresh interpreter: exit with callbacks in flight (with and
without close()), pending awaits at exit, and fork."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import timconvgroup as tcg
from conftest import HANG

PKG_ROOT = Path(tcg.__file__).resolve().parent.parent

PRELUDE = """
import os, sys, threading, time
import timconvgroup as tcg
data = sys.argv[1]
"""

HEAVY = PRELUDE + """
client = tcg.Client(data)
client.login("me")
client.upsert_conversations([{"conv_id": f"u{i}", "conv_type": 1, "conv_active_time": i} for i in range(200)])
client.create_conversation_group("g", [f"c2c_u{i}" for i in range(50)])
seen = [0]
enough = threading.Event()

def on_event(ev, convs):
    seen[0] += 1
    if seen[0] % 10 == 0:
        try:
            client.get_conversation_group_list()  # a blocking call from the listener, also at exit
        except tcg.TIMError:
            pass  # closing
    if seen[0] >= 300:
        enough.set()

def on_added(name, convs):
    try:
        client.get_conv_info(["c2c_u1"])
    except tcg.TIMError:
        pass

client.set_conv_event_callback(on_event)
client.set_conv_total_unread_message_count_changed_callback(lambda n: None)
client.set_conv_conversations_added_to_group_callback(on_added)
client.set_conv_conversations_deleted_from_group_callback(lambda name, convs, reason: None)
client.set_log_callback(lambda level, line: None)

def hammer(k):
    i = 0
    try:
        while True:
            i += 1
            client.upsert_conversations([{"conv_id": f"u{(k * 37 + i) % 200}", "conv_type": 1, "conv_unread_num": i}])
            ids = [f"c2c_u{(k + i + j) % 200}" for j in range(5)]
            client.add_conversations_to_group("g", ids)
            client.delete_conversations_from_group("g", ids)
    except tcg.TIMError:
        pass  # the client was closed under us (exit hook): stop

for k in range(4):
    threading.Thread(target=hammer, args=(k,), daemon=True).start()
assert enough.wait(120)
print("main done", flush=True)
"""


def run_script(code: str, *args: str, expect_rc: int = 0) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(PKG_ROOT), PYTHONFAULTHANDLER="1")
    p = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], env=env, capture_output=True,
                       text=True, timeout=HANG)
    assert p.returncode == expect_rc, f"rc={p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}"
    for bad in ("Fatal Python error", "Segmentation fault", "Traceback", "Exception ignored", "fatal error"):
        assert bad not in p.stderr, p.stderr
    return p


@pytest.mark.parametrize("attempt", range(3))
def test_exit_without_close_while_callbacks_fire(library: str, tmp_path: Path, attempt: int) -> None:
    p = run_script(HEAVY, str(tmp_path / "d"))
    assert "main done" in p.stdout


def test_exit_after_close_while_threads_still_call(library: str, tmp_path: Path) -> None:
    p = run_script(HEAVY + "client.close()\nprint('closed', flush=True)\n", str(tmp_path / "d"))
    assert "closed" in p.stdout


def test_exit_with_systemexit_code(library: str, tmp_path: Path) -> None:
    code = HEAVY + "raise SystemExit(3)\n"
    run_script(code, str(tmp_path / "d"), expect_rc=3)


def test_exit_with_pending_awaits(library: str, tmp_path: Path) -> None:
    code = PRELUDE + """
import asyncio
client = tcg.Client(data)

async def main():
    await client.alogin("me")
    await client.aupsert_conversations([{"conv_id": f"u{i}", "conv_type": 1} for i in range(100)])
    tasks = [asyncio.ensure_future(client.aget_conv_list()) for _ in range(200)]
    await tasks[0]
    # return with most tasks still pending: the loop closes, their results arrive later

asyncio.run(main())
print("loop closed", flush=True)
"""
    p = run_script(code, str(tmp_path / "d"))
    assert "loop closed" in p.stdout


def test_data_survives_exit_without_close(library: str, tmp_path: Path) -> None:
    code = PRELUDE + """
client = tcg.Client(data)
client.login("me")
client.upsert_conversations([{"conv_id": "keep", "conv_type": 1}])
client.create_conversation_group("kept", ["c2c_keep"])
"""
    run_script(code, str(tmp_path / "d"))
    with tcg.Client(tmp_path / "d") as c:
        c.login("me")
        assert c.get_conversation_group_list() == ["kept"]


def test_second_client_in_another_process_is_independent(library: str, tmp_path: Path) -> None:
    code = PRELUDE + """
a = tcg.Client(data)
try:
    tcg.Client(data + "2")
except tcg.ClientAlreadyOpenError as e:
    print("refused:", e)
a.close()
b = tcg.Client(data + "2")
b.login("me")
print("second ok")
"""
    p = run_script(code, str(tmp_path / "d"))
    assert "refused: a timconvgroup.Client is already open" in p.stdout and "second ok" in p.stdout


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_forked_child_is_refused_clearly(library: str, tmp_path: Path) -> None:
    code = PRELUDE + """
client = tcg.Client(data)
client.login("me")
pid = os.fork()
if pid == 0:
    ok = 0
    try:
        client.get_conv_list()
    except RuntimeError as e:
        ok += "spawn" in str(e)
    try:
        tcg.Client(data + "x")
    except RuntimeError as e:
        ok += "spawn" in str(e)
    os._exit(0 if ok == 2 else 1)
_, status = os.waitpid(pid, 0)
print("child", os.waitstatus_to_exitcode(status), flush=True)
client.upsert_conversations([{"conv_id": "a", "conv_type": 1}])
client.close()
"""
    p = run_script(code, str(tmp_path / "d"))
    assert "child 0" in p.stdout


HOLDER = PRELUDE + """
client = tcg.Client(data)
client.login("me")
print("holding", flush=True)
sys.stdin.readline()
"""


def test_cache_held_by_another_process(library: str, tmp_path: Path) -> None:
    """Another process holding the user's cache: login fails with 6022; once that process is
    killed (-9), its lock no longer blocks."""
    data = str(tmp_path / "d")
    env = dict(os.environ, PYTHONPATH=str(PKG_ROOT))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, data], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with tcg.Client(data) as c:
            with pytest.raises(tcg.TIMError) as ei:
                c.login("me")
            assert ei.value.code == tcg.ErrorCode.IO_OPERATION_FAILED and ei.value.desc
            c.login("someone-else")  # another user's cache is not held
            c.logout()
            holder.kill()
            holder.wait(HANG)
            c.login("me")
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(HANG)


def test_close_releases_the_cache_for_another_process(library: str, tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    c = tcg.Client(data)
    c.login("me")
    c.upsert_conversations([{"conv_id": "a", "conv_type": 1}])
    c.close()
    p = run_script(PRELUDE + """
with tcg.Client(data) as c:
    c.login("me")
    print([x.conv_id for x in c.get_conv_list()])
""", data)
    assert "['a']" in p.stdout


def test_demo_script_runs(library: str, tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    p = subprocess.run([sys.executable, str(PKG_ROOT / "examples" / "demo.py"), str(tmp_path / "d")], env=env,
                       capture_output=True, text=True, timeout=HANG)
    assert p.returncode == 0, p.stderr
    assert "page 3: ['Friend 2', 'Friend 1']" in p.stdout and "51009" in p.stdout
