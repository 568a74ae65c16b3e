"""Sync across devices, end to end: two devices of one user (two processes, two data
directories) make changes offline, sync through the reference backend (cmd/timconvsyncd on a
PostgreSQL of its own), and converge.

    make demo-sync                                    (builds everything, then runs this)
    python3 bindings/python/examples/sync_demo.py [--dir DIR] [--build BUILD_DIR]

What happens (each device is a separate Python process with its own cache):
  1. offline, both devices create a group "Work" (with different members) and other groups;
  2. they sync: the two "Work" groups merge into one, every device shows the server's state;
  3. offline again: the phone renames "Work" to "Office" while the laptop adds a conversation
     to "Work", and the laptop creates groups up to 20 while the phone creates one more;
  4. they sync: the laptop's add is rejected (51009: "Work" no longer exists) and its last group
     is the user's 21st (51010) -- both reported on the laptop, which made them;
  5. the state of both devices is printed, and compared: it must be identical.

The devices are this same script run as `sync_demo.py device ...`: a small loop that takes one
JSON command per line on stdin (a Client method to call, "sync", or "state") and answers one JSON
line, with the listener events it saw meanwhile. The backend is started by build/syncenv
(scripts/syncenv: PostgreSQL in a temporary directory, as an unprivileged user when run as root).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a source checkout
REPO = HERE.parent.parent.parent

import timconvgroup as tcg  # noqa: E402

USER = "me"
CONVERSATIONS = [
    {"conv_id": "alice", "conv_type": 1, "conv_show_name": "Alice", "conv_active_time": 1700000004},
    {"conv_id": "bob", "conv_type": 1, "conv_show_name": "Bob", "conv_active_time": 1700000003},
    {"conv_id": "carol", "conv_type": 1, "conv_show_name": "Carol", "conv_active_time": 1700000002},
    {"conv_id": "team", "conv_type": 2, "conv_show_name": "Team", "conv_active_time": 1700000001},
]


# ------------------------------------------------------------------------------------------------
# The device: one process, one cache, commands on stdin
# ------------------------------------------------------------------------------------------------


def _ids(convs: List[tcg.ConvInfo]) -> List[str]:
    return sorted(c.conversation_id for c in convs)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tcg.OperationResult):
        return [value.conversation_id, value.result_code]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


def snapshot(client: tcg.Client) -> Dict[str, Any]:
    """What the device shows: groups in order with their members, and each conversation's
    marks, pin and custom data."""
    groups = []
    for name in client.get_conversation_group_list():
        members = client.iter_conversations(tcg.ConversationListFilter(conversation_group=name))
        groups.append([name, sorted(c.conversation_id for c in members)])
    convs = {}
    for c in client.get_conv_list():
        convs[c.conversation_id] = {"marks": int(c.marks), "pinned": c.conv_is_pinned, "custom_data": c.conv_custom_data}
    return {"groups": groups, "convs": convs, "pending": len(client.sync_get_pending_changes().ops)}


def run_device(data_dir: str, user: str, url: str, token: str) -> int:
    events: List[Dict[str, Any]] = []
    lock = threading.Lock()

    def record(**ev: Any) -> None:
        with lock:
            events.append(ev)

    def drain() -> List[Dict[str, Any]]:
        with lock:
            out = list(events)
            events.clear()
        return out

    out = sys.stdout
    with tcg.Client(data_dir) as client:
        client.set_conv_event_callback(
            lambda ev, convs: record(kind="conv_event", event=getattr(ev, "name", str(ev)), ids=_ids(convs)))
        client.set_conv_conversation_group_created_callback(
            lambda name, convs: record(kind="group_created", name=name, ids=_ids(convs)))
        client.set_conv_conversation_group_deleted_callback(lambda name: record(kind="group_deleted", name=name))
        client.set_conv_conversation_group_name_changed_callback(
            lambda old, new: record(kind="group_renamed", old=old, new=new))
        client.set_conv_conversations_added_to_group_callback(
            lambda name, convs: record(kind="added_to_group", name=name, ids=_ids(convs)))
        client.set_conv_conversations_deleted_from_group_callback(
            lambda name, convs, reason: record(kind="removed_from_group", name=name, ids=_ids(convs)))
        client.set_conv_sync_rejected_callback(lambda rejected: record(
            kind="sync_rejected",
            ops=[{"op_id": r.op_id, "op_type": getattr(r.op_type, "name", r.op_type), "code": r.code, "desc": r.desc}
                 for r in rejected]))
        client.login(user)
        drain()
        ready = {"ready": True, "client_id": client.sync_get_pending_changes().client_id}
        out.write(json.dumps(ready) + "\n")
        out.flush()
        for line in sys.stdin:
            if not line.strip():
                continue
            cmd = json.loads(line)
            answer: Dict[str, Any] = {"ok": True}
            try:
                if "call" in cmd:
                    answer["result"] = _jsonable(getattr(client, cmd["call"])(*cmd.get("args", [])))
                elif "sync" in cmd:
                    push = client.sync_get_pending_changes()
                    r = client.sync_with(cmd.get("url", url), cmd.get("token", token))
                    answer["result"] = {
                        "ops_pushed": r.ops_pushed,
                        "ops": [op.describe() for op in push.ops],
                        "server_version": r.server_version,
                        "is_applied": r.apply.is_applied,
                        "rejected": [{"op_id": x.op_id, "op_type": getattr(x.op_type, "name", x.op_type),
                                      "code": x.code, "desc": x.desc} for x in r.rejected],
                        "pending_count": r.pending_count,
                    }
                elif "state" in cmd:
                    answer["result"] = snapshot(client)
                else:
                    raise ValueError(f"unknown command {cmd!r}")
            except tcg.SyncHTTPError as e:
                answer = {"ok": False, "error": {"type": "SyncHTTPError", "status": e.status, "reason": e.reason,
                                                 "code": e.code, "text": str(e)}}
            except tcg.TIMError as e:
                answer = {"ok": False, "error": {"type": "TIMError", "code": e.code, "text": str(e)}}
            answer["events"] = drain()
            out.write(json.dumps(answer) + "\n")
            out.flush()
    return 0


class Device:
    """The orchestrator's handle on a device process."""

    def __init__(self, name: str, data_dir: Path, url: str, token: str, user: str = USER) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "device", "--data", str(data_dir), "--user", user,
             "--url", url, "--token", token],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.client_id = self._read()["client_id"]

    def _read(self) -> Dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"device {self.name} exited (status {self.proc.wait()})")
        obj: Dict[str, Any] = json.loads(line)
        return obj

    def send(self, cmd: Dict[str, Any]) -> Dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def call(self, method: str, *args: Any) -> Dict[str, Any]:
        return self.send({"call": method, "args": list(args)})

    def sync(self, **kw: Any) -> Dict[str, Any]:
        return self.send(dict(sync=True, **kw))

    def state(self) -> Dict[str, Any]:
        answer = self.send({"state": True})
        result: Dict[str, Any] = answer["result"]
        return result

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(120)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ------------------------------------------------------------------------------------------------
# The backend (build/syncenv)
# ------------------------------------------------------------------------------------------------


class Backend:
    """build/syncenv: a throw-away PostgreSQL and build/timconvsyncd, stopped by close()."""

    def __init__(self, build: Path, users: List[str], log: Optional[Path] = None) -> None:
        syncenv, backend = build / "syncenv", build / "timconvsyncd"
        missing = [str(p) for p in (syncenv, backend) if not p.is_file()]
        if missing:
            raise RuntimeError(f"missing {', '.join(missing)}: build them with `make sync-backend sync-env` "
                               "at the repository root (make demo-sync does)")
        args = [str(syncenv), "-backend", str(backend), "-users", ",".join(users)]
        if log is not None:
            args += ["-log", str(log)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None and self.proc.stderr is not None
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read()
            self.proc.wait()
            raise RuntimeError("the sync backend did not start: " + err.strip())
        # drain syncenv's stderr so it can never block on a full pipe
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()
        info = json.loads(line)
        self.url: str = info["url"]
        self.tokens: Dict[str, str] = info["tokens"]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()  # syncenv stops the backend and PostgreSQL at end of file
        try:
            self.proc.wait(120)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait()


# ------------------------------------------------------------------------------------------------
# The story
# ------------------------------------------------------------------------------------------------


def _fmt_results(result: Any) -> str:
    if isinstance(result, list) and result and isinstance(result[0], list):
        return ", ".join(f"{cid} {'ok' if code == 0 else code}" for cid, code in result)
    return "ok"


def _fmt_events(events: List[Dict[str, Any]]) -> List[str]:
    lines = []
    for ev in events:
        k = ev["kind"]
        if k == "conv_event":
            if ev["event"] in ("START", "FINISH"):
                continue
            lines.append(f"{ev['event'].lower()}: {', '.join(ev['ids']) or '-'}")
        elif k == "group_created":
            lines.append(f"group created: \"{ev['name']}\" [{', '.join(ev['ids'])}]")
        elif k == "group_deleted":
            lines.append(f"group deleted: \"{ev['name']}\"")
        elif k == "group_renamed":
            lines.append(f"group renamed: \"{ev['old']}\" -> \"{ev['new']}\"")
        elif k == "added_to_group":
            lines.append(f"added to \"{ev['name']}\": {', '.join(ev['ids'])}")
        elif k == "removed_from_group":
            lines.append(f"removed from \"{ev['name']}\": {', '.join(ev['ids'])}")
        elif k == "sync_rejected":
            for r in ev["ops"]:
                lines.append(f"REJECTED op #{r['op_id']} ({r['op_type']}): {r['code']} {r['desc']}")
    return lines


def _elide(lines: List[str], most: int = 10) -> List[str]:
    """At most ``most`` lines: the first ones, a count of those left out, the last two."""
    if len(lines) <= most:
        return lines
    head = most - 3
    return lines[:head] + [f"... {len(lines) - head - 2} more ..."] + lines[-2:]


class Story:
    def __init__(self, devices: Dict[str, Device]) -> None:
        self.devices = devices
        self.width = max(len(n) for n in devices) + 2

    def tag(self, name: str) -> str:
        return f"[{name}]".ljust(self.width + 1)

    def call(self, name: str, what: str, method: str, *args: Any) -> None:
        answer = self.devices[name].call(method, *args)
        if answer["ok"]:
            print(f"{self.tag(name)} {what}: {_fmt_results(answer.get('result'))}")
        else:
            print(f"{self.tag(name)} {what}: refused, {answer['error']['text']}")

    def quiet(self, name: str, method: str, *args: Any) -> Dict[str, Any]:
        return self.devices[name].call(method, *args)

    def sync(self, name: str) -> Dict[str, Any]:
        answer = self.devices[name].sync()
        t = self.tag(name)
        if not answer["ok"]:
            print(f"{t} sync FAILED: {answer['error']['text']}")
            return answer
        r = answer["result"]
        print(f"{t} sync: pushed {r['ops_pushed']} operation(s), server version now {r['server_version']}, "
              f"{len(r['rejected'])} rejected, {r['pending_count']} still pending")
        for op in _elide(r["ops"]):
            print(f"{t}   pushed {op}")
        events = _fmt_events(answer["events"])
        print(f"{t}   listeners saw: {'nothing (the device already showed this state)' if not events else ''}".rstrip())
        for e in _elide(events):
            print(f"{t}     {e}")
        return answer

    def show(self, name: str, state: Dict[str, Any]) -> None:
        t = self.tag(name)
        print(f"{t} {len(state['groups'])} groups, {state['pending']} operation(s) pending")
        groups = state["groups"]
        i = 0
        while i < len(groups):  # consecutive groups with the same members on one line
            j = i
            while j + 1 < len(groups) and groups[j + 1][1] == groups[i][1]:
                j += 1
            members = ", ".join(groups[i][1]) or "(empty)"
            if j - i >= 2:
                print(f"{t}   \"{groups[i][0]}\" .. \"{groups[j][0]}\" ({j - i + 1} groups): {members}")
            else:
                for g in groups[i:j + 1]:
                    print(f"{t}   \"{g[0]}\": {members}")
            i = j + 1
        for cid, c in sorted(state["convs"].items()):
            extras = []
            if c["marks"]:
                extras.append(f"marks {c['marks']:#x}")
            if c["pinned"]:
                extras.append("pinned")
            if c["custom_data"]:
                extras.append(f"custom data {c['custom_data']!r}")
            if extras:
                print(f"{t}   {cid}: {', '.join(extras)}")


def run_story(work: Path, build: Path) -> int:
    backend = Backend(build, [USER], log=work / "timconvsyncd.log")
    devices: Dict[str, Device] = {}
    try:
        token = backend.tokens[USER]
        print("timconvgroup sync demo: two devices of one user sync through the reference backend\n")
        print(f"backend: {backend.url} (build/timconvsyncd on a throw-away PostgreSQL; its log: {work / 'timconvsyncd.log'})")
        for name in ("phone", "laptop"):
            devices[name] = Device(name, work / name, backend.url, token)
            print(f"{name}: its own process and cache ({work / name}), client id {devices[name].client_id}")
        s = Story(devices)
        for name in devices:
            s.quiet(name, "upsert_conversations", CONVERSATIONS)
        print("both devices were fed the same 4 conversations: c2c_alice, c2c_bob, c2c_carol, group_team\n")

        print("== 1. Offline: each device makes changes without knowing about the other ==")
        s.call("phone", 'create group "Work" [c2c_alice]', "create_conversation_group", "Work", ["c2c_alice"])
        s.call("phone", 'create group "Family" [c2c_carol]', "create_conversation_group", "Family", ["c2c_carol"])
        s.call("phone", "star c2c_alice", "mark_conversation", ["c2c_alice"], int(tcg.MarkType.STAR), True)
        s.call("laptop", 'create group "Work" [c2c_bob]', "create_conversation_group", "Work", ["c2c_bob"])
        s.call("laptop", 'create group "Team" [group_team]', "create_conversation_group", "Team", ["group_team"])
        s.call("laptop", "pin c2c_bob", "pin_conversation", "bob", int(tcg.ConvType.C2C), True)

        print("\n== 2. Sync: phone, then laptop, then phone again ==")
        s.sync("phone")
        s.sync("laptop")
        s.sync("phone")

        print("\n== 3. Offline again: conflicting changes ==")
        s.call("phone", 'rename group "Work" -> "Office"', "rename_conversation_group", "Work", "Office")
        s.call("phone", 'create group "Holidays" [c2c_carol]', "create_conversation_group", "Holidays", ["c2c_carol"])
        s.call("laptop", 'add c2c_carol to "Work" (the group the phone renamed)', "add_conversations_to_group",
               "Work", ["c2c_carol"])
        made = []
        for i in range(1, 18):
            answer = s.quiet("laptop", "create_conversation_group", f"Project {i:02d}", ["group_team"])
            if answer["ok"]:
                made.append(f"Project {i:02d}")
        print(f"{s.tag('laptop')} create 17 groups \"Project 01\" .. \"Project 17\" [group_team]: {len(made)} created; "
              "the laptop has 20 groups now (the limit),")
        print(f"{s.tag('laptop')}   but with the phone's \"Holidays\" the user has 21: the last one to reach the server loses")

        print("\n== 4. Sync: phone, then laptop, then phone again ==")
        s.sync("phone")
        s.sync("laptop")
        s.sync("phone")

        print("\n== 5. The state of each device ==")
        states = {name: d.state() for name, d in devices.items()}
        for name, st in states.items():
            s.show(name, st)
        same = states["phone"]["groups"] == states["laptop"]["groups"] and \
            states["phone"]["convs"] == states["laptop"]["convs"]
        pending = sum(st["pending"] for st in states.values())
        print()
        if same and pending == 0:
            print("CONVERGED: both devices show the same groups, members, marks and pins, and have nothing pending.")
            return 0
        print("NOT CONVERGED: the devices differ (see above).")
        return 1
    finally:
        for d in devices.values():
            d.close()
        backend.close()


def main(argv: Optional[List[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "device":
        ap = argparse.ArgumentParser(prog="sync_demo.py device")
        ap.add_argument("--data", required=True)
        ap.add_argument("--user", required=True)
        ap.add_argument("--url", required=True)
        ap.add_argument("--token", required=True)
        a = ap.parse_args(args[1:])
        return run_device(a.data, a.user, a.url, a.token)
    ap = argparse.ArgumentParser(description="two devices syncing through the reference backend")
    ap.add_argument("--dir", default=str(REPO / "build" / "demo-sync"),
                    help="working directory: the devices' caches and the backend's log (emptied first)")
    ap.add_argument("--build", default=str(REPO / "build"), help="where syncenv and timconvsyncd are")
    a = ap.parse_args(args)
    work = Path(a.dir).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return run_story(work, Path(a.build).resolve())


if __name__ == "__main__":
    sys.exit(main())
