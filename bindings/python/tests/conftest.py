"""Shared fixtures.

Tests that need the native library use the ``client`` fixture (or ``need_library``). When the
library cannot be found they are skipped — unless TIMCONVGROUP_REQUIRE_LIBRARY=1 (set by
``make test``), in which case they fail, so CI cannot pass without running them.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, List

import pytest

PKG_ROOT = Path(__file__).resolve().parent.parent
if str(PKG_ROOT) not in sys.path:
    sys.path.insert(0, str(PKG_ROOT))

import timconvgroup as tcg  # noqa: E402
from timconvgroup import _native  # noqa: E402

#: Generous bound used only to turn a hang into a failure; nothing is timed.
HANG = 120.0


def _library_problem() -> str:
    try:
        _native.load()
    except tcg.LibraryError as e:
        return str(e)
    return ""


@pytest.fixture(scope="session")
def library() -> str:
    problem = _library_problem()
    if problem:
        if os.environ.get("TIMCONVGROUP_REQUIRE_LIBRARY") == "1":
            pytest.fail("native library required but unavailable: " + problem)
        pytest.skip("native library unavailable: " + problem)
    path = _native.loaded_path()
    assert path
    return path


@pytest.fixture
def fresh_client(library: str, tmp_path: Path) -> Iterator[tcg.Client]:
    """An open client, not logged in; closed after the test."""
    c = tcg.Client(tmp_path / "data", sdk_app_id=1400000001)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def client(fresh_client: tcg.Client) -> tcg.Client:
    """An open client logged in as "me"; closed after the test."""
    fresh_client.login("me")
    return fresh_client


def c2c(n: int, **kw: Any) -> dict:
    d = {"conv_id": f"u{n}", "conv_type": 1, "conv_active_time": 1000 + n}
    d.update(kw)
    return d


def seed(client: tcg.Client, n: int, **kw: Any) -> List[str]:
    """Upserts c2c conversations u0..u{n-1} (active time 1000+i); returns their IDs."""
    res = client.upsert_conversations([c2c(i, **kw) for i in range(n)])
    assert all(r.result_code == 0 for r in res), res
    return [f"c2c_u{i}" for i in range(n)]


class Recorder:
    """Collects listener calls (they run on the dispatch thread)."""

    def __init__(self) -> None:
        self.calls: List[tuple] = []
        self.cond = threading.Condition()

    def __call__(self, *args: Any) -> None:
        with self.cond:
            self.calls.append(args)
            self.cond.notify_all()

    def wait_for(self, pred: Callable[[List[tuple]], bool], timeout: float = HANG) -> List[tuple]:
        with self.cond:
            ok = self.cond.wait_for(lambda: pred(self.calls), timeout)
        assert ok, f"listener condition not met; calls: {self.calls!r}"
        return self.calls

    def clear(self) -> None:
        with self.cond:
            self.calls.clear()


# --- the sync backend (PostgreSQL + build/timconvsyncd, started by build/syncenv) ------------------

REPO_ROOT = PKG_ROOT.parent.parent
SYNC_USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]


def sync_demo_module() -> Any:
    """examples/sync_demo.py: its Backend (build/syncenv) and Device (a client in its own process)."""
    examples = str(PKG_ROOT / "examples")
    if examples not in sys.path:
        sys.path.insert(0, examples)
    import sync_demo  # noqa: PLC0415

    return sync_demo


@pytest.fixture(scope="session")
def sync_backend(library: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real backend for this test session: PostgreSQL in a temporary directory and
    build/timconvsyncd, one token per user of SYNC_USERS (``.url``, ``.tokens[user]``); stopped at
    the end. Never skipped: without PostgreSQL or the binaries, the tests that use it fail with
    what to install or build (`make test-python` does both)."""
    demo = sync_demo_module()
    log = tmp_path_factory.mktemp("syncenv") / "timconvsyncd.log"
    problem = ""
    try:
        backend = demo.Backend(REPO_ROOT / "build", SYNC_USERS, log=log)
    except RuntimeError as e:
        problem = str(e)
    if problem:
        pytest.fail(f"the sync tests need a real backend: {problem}", pytrace=False)
    try:
        yield backend
    finally:
        backend.close()
