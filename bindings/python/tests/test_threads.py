"""Threads calling the client together."""

from __future__ import annotations

import threading
from typing import Callable, List

import timconvgroup as tcg
from conftest import HANG, Recorder, seed


def run_threads(n: int, target: Callable[[int], None]) -> None:
    errors: List[BaseException] = []

    def wrap(k: int) -> None:
        try:
            target(k)
        except BaseException as e:  # noqa: B902
            errors.append(e)

    threads = [threading.Thread(target=wrap, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
        assert not t.is_alive(), "hang"
    assert errors == [], errors


def test_threads_calling_together(client: tcg.Client) -> None:
    ids = seed(client, 100)
    added = Recorder()
    client.set_conv_conversations_added_to_group_callback(added)

    def work(k: int) -> None:
        name = f"t{k}"
        res = client.create_conversation_group(name, ids[k * 10:k * 10 + 5])
        assert [r.result_code for r in res] == [0] * 5
        for i in range(5, 10):
            res = client.add_conversations_to_group(name, [ids[k * 10 + i]])
            assert [r.result_code for r in res] == [0]
            page = client.get_conversation_list_by_filter(tcg.ConversationListFilter(conversation_group=name), 0, 100)
            assert len(page.conv_list) == i + 1
        client.mark_conversation(ids[k * 10:k * 10 + 10], tcg.MarkType.STAR, True)
        client.rename_conversation_group(name, name + "-done")

    run_threads(10, work)
    groups = client.get_conversation_group_list()
    assert sorted(groups) == sorted(f"t{k}-done" for k in range(10))
    assert len(added.calls) == 50
    for k in range(10):
        members = list(client.iter_conversations(tcg.ConversationListFilter(conversation_group=f"t{k}-done"), 3))
        assert sorted(c.conv_id for c in members) == sorted(f"u{i}" for i in range(k * 10, k * 10 + 10))
    assert len(list(client.iter_conversations(tcg.ConversationListFilter(mark_type=tcg.MarkType.STAR)))) == 100


def test_threads_and_listener_reentry_mixed(client: tcg.Client) -> None:
    ids = seed(client, 40)
    calls = [0]

    def on_event(ev: tcg.ConvEvent, convs: List[tcg.ConvInfo]) -> None:
        calls[0] += 1
        assert client.get_conv_info([convs[0].conversation_id]) or ev is tcg.ConvEvent.DEL

    client.set_conv_event_callback(on_event)

    def work(k: int) -> None:
        for i in range(20):
            client.pin_conversation(f"u{k * 5 + i % 5}", tcg.ConvType.C2C, i % 2 == 0)
            client.get_conv_list()

    run_threads(8, work)
    assert calls[0] > 0
