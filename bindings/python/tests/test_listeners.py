"""Listeners: typed arguments, ordering, clearing, exceptions, and re-entrant blocking calls."""

from __future__ import annotations

import logging
import threading
from typing import Any, List

import pytest

import timconvgroup as tcg
from conftest import HANG, Recorder, c2c, seed

EV = tcg.ConvEvent


def ids_of(convs: List[tcg.ConvInfo]) -> List[str]:
    return sorted(c.conv_id for c in convs)


def test_conv_events_have_typed_arguments(fresh_client: tcg.Client) -> None:
    c = fresh_client
    rec = Recorder()
    c.set_conv_event_callback(rec)
    c.login("me")
    assert [e for e, _ in rec.calls] == [EV.START, EV.FINISH]
    assert all(isinstance(e, tcg.ConvEvent) and convs == [] for e, convs in rec.calls)
    rec.clear()
    seed(c, 2)
    (ev, convs), = rec.calls
    assert ev is EV.ADD and all(isinstance(x, tcg.ConvInfo) for x in convs) and ids_of(convs) == ["u0", "u1"]
    rec.clear()
    c.upsert_conversations([c2c(0)])  # unchanged: no event
    assert rec.calls == []
    c.upsert_conversations([c2c(0, conv_show_name="Zero")])
    (ev, convs), = rec.calls
    assert ev is EV.UPDATE and convs[0].conv_show_name == "Zero"
    rec.clear()
    c.pin_conversation("u0", tcg.ConvType.C2C, True)
    assert rec.calls[-1][0] is EV.UPDATE and rec.calls[-1][1][0].conv_is_pinned
    rec.clear()
    c.delete_conversation("u1", tcg.ConvType.C2C)
    (ev, convs), = rec.calls
    assert ev is EV.DEL and convs[0].conv_id == "u1"
    c.set_conv_event_callback(None)
    rec.clear()
    seed(c, 3)
    assert rec.calls == []


def test_group_listeners(client: tcg.Client) -> None:
    ids = seed(client, 3)
    created, deleted, renamed, added, removed, events = (Recorder() for _ in range(6))
    client.set_conv_conversation_group_created_callback(created)
    client.set_conv_conversation_group_deleted_callback(deleted)
    client.set_conv_conversation_group_name_changed_callback(renamed)
    client.set_conv_conversations_added_to_group_callback(added)
    client.set_conv_conversations_deleted_from_group_callback(removed)
    client.set_conv_event_callback(events)

    client.create_conversation_group("g", [ids[0], "c2c_nobody"])
    (name, convs), = created.calls
    assert name == "g" and ids_of(convs) == ["u0"] and convs[0].conv_conversation_group_array == ["g"]
    assert any(e is EV.UPDATE and ids_of(cs) == ["u0"] for e, cs in events.calls)

    client.create_conversation_group("empty", ["c2c_nobody"])
    assert created.calls[-1] == ("empty", [])

    client.add_conversations_to_group("g", [ids[0], ids[1], ids[2]])
    (name, convs), = added.calls
    assert name == "g" and ids_of(convs) == ["u1", "u2"]  # only those actually added
    client.add_conversations_to_group("g", [ids[0]])
    assert len(added.calls) == 1  # nothing added: not called

    client.delete_conversations_from_group("g", [ids[1], "c2c_nobody"])
    (name, convs, reason), = removed.calls
    assert name == "g" and ids_of(convs) == ["u1"] and reason == 0 and isinstance(reason, int)
    client.delete_conversations_from_group("g", [ids[1]])
    assert len(removed.calls) == 1

    client.rename_conversation_group("g", "h")
    assert renamed.calls == [("g", "h")]
    client.rename_conversation_group("h", "h")
    assert len(renamed.calls) == 1

    events.clear()
    client.delete_conversation("u2", tcg.ConvType.C2C)  # leaves every group, reason 0, then Del
    assert removed.calls[-1][0] == "h" and ids_of(removed.calls[-1][1]) == ["u2"] and removed.calls[-1][2] == 0
    assert events.calls[-1][0] is EV.DEL

    client.delete_conversation_group("h")
    assert deleted.calls == [("h",)]

    for setter in (client.set_conv_conversation_group_created_callback,
                   client.set_conv_conversation_group_deleted_callback,
                   client.set_conv_conversation_group_name_changed_callback,
                   client.set_conv_conversations_added_to_group_callback,
                   client.set_conv_conversations_deleted_from_group_callback):
        setter(None)
    client.create_conversation_group("z", [ids[0]])
    client.rename_conversation_group("z", "y")
    client.delete_conversations_from_group("y", [ids[0]])
    client.add_conversations_to_group("y", [ids[0]])
    client.delete_conversation_group("y")
    assert (len(created.calls), len(deleted.calls), len(renamed.calls), len(added.calls), len(removed.calls)) == (2, 1, 1, 1, 2)


def test_unread_listeners(client: tcg.Client) -> None:
    total, by_filter = Recorder(), Recorder()
    client.set_conv_total_unread_message_count_changed_callback(total)
    client.set_conv_unread_message_count_changed_by_filter_callback(by_filter)
    flt = tcg.ConversationListFilter(conv_type=tcg.ConvType.GROUP)
    client.subscribe_unread_message_count_by_filter(flt)
    client.upsert_conversations([c2c(0, conv_unread_num=2)])
    assert total.calls[-1] == (2,)
    assert by_filter.calls == []  # the group total did not change
    client.upsert_conversations([{"conv_id": "g", "conv_type": 2, "conv_unread_num": 5}])
    assert total.calls[-1] == (7,)
    (f, n), = by_filter.calls
    assert isinstance(f, tcg.ConversationListFilter) and f.conv_type == tcg.ConvType.GROUP and n == 5
    client.clean_conversation_unread_message_count()
    assert total.calls[-1] == (0,) and by_filter.calls[-1][1] == 0
    client.unsubscribe_unread_message_count_by_filter(flt)
    by_filter.clear()
    client.upsert_conversations([{"conv_id": "g", "conv_type": 2, "conv_unread_num": 1}])
    assert by_filter.calls == []


def test_log_listener(library: str, tmp_path: Any) -> None:
    lines = Recorder()
    with tcg.Client(tmp_path / "d") as c:
        c.set_log_callback(lines)
        c.login("me")
        seed(c, 1)
        for level, text in lines.calls:
            assert isinstance(level, int) and isinstance(text, str)
        c.set_log_callback(None)


def test_listener_exception_is_logged_not_raised(client: tcg.Client, caplog: pytest.LogCaptureFixture) -> None:
    def boom(name: str, convs: List[tcg.ConvInfo]) -> None:
        raise RuntimeError("listener failed on purpose")

    client.set_conv_conversation_group_created_callback(boom)
    ids = seed(client, 1)
    with caplog.at_level(logging.ERROR, logger="timconvgroup"):
        res = client.create_conversation_group("g", ids)
    assert [r.result_code for r in res] == [0]
    assert "listener failed on purpose" in caplog.text
    assert client.get_conversation_group_list() == ["g"]  # the client still works


def test_listener_must_be_callable(client: tcg.Client) -> None:
    with pytest.raises(TypeError):
        client.set_conv_event_callback(42)  # type: ignore[arg-type]


def test_replacing_a_listener(client: tcg.Client) -> None:
    a, b = Recorder(), Recorder()
    client.set_conv_event_callback(a)
    seed(client, 1)
    client.set_conv_event_callback(b)
    seed(client, 2)
    assert len(a.calls) == 1 and len(b.calls) == 1


# --- re-entrancy --------------------------------------------------------------------------------


def test_listener_calls_blocking_methods(client: tcg.Client) -> None:
    ids = seed(client, 3)
    seen: dict = {}

    def on_created(name: str, convs: List[tcg.ConvInfo]) -> None:
        assert threading.current_thread().name == "timconvgroup-dispatch"
        seen["groups"] = client.get_conversation_group_list()
        seen["members"] = [c.conv_id for c in client.iter_conversations(tcg.ConversationListFilter(conversation_group=name), 1)]
        seen["add"] = client.add_conversations_to_group(name, [ids[2]])  # a write from inside a listener
        seen["info"] = client.get_conv_info([ids[2]])[0].conv_conversation_group_array
        # the synchronous C functions too
        seen["status"] = (client.get_login_status(), client.get_login_user_id())
        client.set_draft("u0", tcg.ConvType.C2C, tcg.Draft(None, "from listener", 1))
        client.subscribe_unread_message_count_by_filter(None)
        client.unsubscribe_unread_message_count_by_filter(None)

    client.set_conv_conversation_group_created_callback(on_created)
    client.create_conversation_group("g", ids[:2])
    assert seen["status"] == (tcg.LoginStatus.LOGINED, "me")
    draft = client.get_conv_info(["c2c_u0"])[0].conv_draft
    assert draft is not None and draft.draft_user_define == "from listener"
    assert seen["groups"] == ["g"]
    assert sorted(seen["members"]) == ["u0", "u1"]
    assert [r.result_code for r in seen["add"]] == [0]
    assert seen["info"] == ["g"]


def test_nested_listeners_several_levels_deep(client: tcg.Client) -> None:
    ids = seed(client, 1)
    order: List[str] = []

    def on_created(name: str, convs: List[tcg.ConvInfo]) -> None:
        order.append(f"created {name}")
        if len(name) < 4:
            client.create_conversation_group(name + "x", ids)  # fires this listener again, nested
        order.append(f"done {name}")

    client.set_conv_conversation_group_created_callback(on_created)
    client.create_conversation_group("a", ids)
    assert order == ["created a", "created ax", "created axx", "created axxx",
                     "done axxx", "done axx", "done ax", "done a"]
    assert client.get_conversation_group_list() == ["a", "ax", "axx", "axxx"]


def test_listener_reentry_while_other_threads_call(client: tcg.Client) -> None:
    ids = seed(client, 20)
    count = [0]

    def on_event(ev: tcg.ConvEvent, convs: List[tcg.ConvInfo]) -> None:
        if ev is EV.UPDATE:
            count[0] += 1
            client.get_total_unread_message_count()

    client.set_conv_event_callback(on_event)
    errors: List[BaseException] = []

    def worker(k: int) -> None:
        try:
            for i in range(25):
                client.upsert_conversations([c2c(k, conv_unread_num=i + 1)])
        except BaseException as e:  # noqa: B902
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
        assert not t.is_alive(), "hang"
    assert errors == []
    assert count[0] == 8 * 25
    assert client.get_total_unread_message_count() == 8 * 25


def test_close_inside_listener_is_refused(client: tcg.Client) -> None:
    seen: List[BaseException] = []

    def on_created(name: str, convs: List[tcg.ConvInfo]) -> None:
        try:
            client.close()
        except tcg.TIMError as e:
            seen.append(e)

    client.set_conv_conversation_group_created_callback(on_created)
    client.create_conversation_group("g", seed(client, 1))
    assert len(seen) == 1 and "inside a listener" in str(seen[0])
    assert not client.closed


def test_listener_during_close_sees_closed_client(library: str, tmp_path: Any) -> None:
    """close() while a listener runs: the listener's own calls fail cleanly (client closing), the
    pending call still gets its result (TIMUninit delivers it), nothing hangs."""
    c = tcg.Client(tmp_path / "d")
    c.login("me")
    ids = seed(c, 1)
    results: List[Any] = []
    entered, gate = threading.Event(), threading.Event()

    def on_created(name: str, convs: List[tcg.ConvInfo]) -> None:
        entered.set()
        assert gate.wait(HANG)  # hold the dispatch thread until close() has begun
        try:
            results.append(c.get_conversation_group_list())
        except tcg.TIMError as e:
            results.append(e.code)

    c.set_conv_conversation_group_created_callback(on_created)
    done: List[Any] = []
    t = threading.Thread(target=lambda: done.append(c.create_conversation_group("g", ids)))
    t.start()
    assert entered.wait(HANG)
    closer = threading.Thread(target=c.close)
    closer.start()
    while not c.closed:
        closer.join(0.01)
    gate.set()
    closer.join(HANG)
    t.join(HANG)
    assert not closer.is_alive() and not t.is_alive(), "hang"
    assert done and [r.result_code for r in done[0]] == [0]
    assert results == [tcg.TIMResult.ERR_SDKUNINIT]


def test_unread_by_filter_listener_for_the_everything_subscription(client: tcg.Client) -> None:
    rec = Recorder()
    client.set_conv_unread_message_count_changed_by_filter_callback(rec)
    client.subscribe_unread_message_count_by_filter(None)
    client.upsert_conversations([c2c(0, conv_unread_num=4)])
    (f, n), = rec.calls
    assert f == tcg.ConversationListFilter() and n == 4
