"""Paging through thousands of conversations with iter_conversations."""

from __future__ import annotations

from typing import Dict, List

import timconvgroup as tcg

N = 5000


def bulk(client: tcg.Client, start: int, n: int, **kw: object) -> List[str]:
    items = [dict({"conv_id": f"p{i:05d}", "conv_type": 1, "conv_active_time": 10_000 + (i * 7919) % 100_003}, **kw)
             for i in range(start, start + n)]
    res = client.upsert_conversations(items)
    assert all(r.result_code == 0 for r in res)
    return [f"c2c_p{i:05d}" for i in range(start, start + n)]


def test_iter_conversations_walks_every_page(client: tcg.Client) -> None:
    bulk(client, 0, N)
    full = [c.conv_id for c in client.get_conv_list()]
    assert len(full) == N and len(set(full)) == N
    for page_size in (1000, 333, 100, 7):
        walked = [c.conv_id for c in client.iter_conversations(page_size=page_size)]
        assert walked == full, page_size


def test_every_page_but_the_last_is_full(client: tcg.Client) -> None:
    bulk(client, 0, 2500)
    seq, sizes = 0, []
    while True:
        page = client.get_conversation_list_by_filter(None, seq, 1000)
        sizes.append(len(page.conv_list))
        if page.is_finished:
            break
        seq = page.next_seq
    assert sizes[:2] == [1000, 1000] and sum(sizes) == 2500 and sizes[-1] <= 1000


def test_filtered_paging_through_a_large_group(client: tcg.Client) -> None:
    ids = bulk(client, 0, 3000)
    members = ids[::3][:1000]
    for k in range(0, len(members), 100):
        res = client.add_conversations_to_group("big", members[k:k + 100]) if k else \
            client.create_conversation_group("big", members[:100])
        assert all(r.result_code == 0 for r in res)
    flt = tcg.ConversationListFilter(conversation_group="big")
    got = [c.conversation_id for c in client.iter_conversations(flt, page_size=64)]
    assert sorted(got) == sorted(members)
    assert all("big" in c.conv_conversation_group_array for c in client.iter_conversations(flt, 500))
    rest = [c.conversation_id for c in client.iter_conversations(tcg.ConversationListFilter(conversation_group=""), 999)]
    assert len(rest) == 2000 and not set(rest) & set(members)


def test_paging_while_others_change_never_skips_or_repeats(client: tcg.Client) -> None:
    bulk(client, 0, 2000)
    stable = {f"p{i:05d}" for i in range(0, 2000, 2)}  # even ones are never touched while paging
    seen: Dict[str, int] = {}
    seq, step, added = 0, 0, 2000
    while True:
        page = client.get_conversation_list_by_filter(None, seq, 97)
        for c in page.conv_list:
            seen[c.conv_id] = seen.get(c.conv_id, 0) + 1
        if page.is_finished:
            break
        seq = page.next_seq
        # churn: touch odd ones (move them to the top or bottom), add new ones, delete some
        step += 1
        odd = [f"p{i:05d}" for i in range(1 + step * 2, 2000, 42)][:20]
        client.upsert_conversations([{"conv_id": o, "conv_type": 1, "conv_active_time": 10_000 + step * 100_000}
                                     for o in odd[:10]])
        client.upsert_conversations([{"conv_id": o, "conv_type": 1, "conv_active_time": 1} for o in odd[10:]])
        bulk(client, added, 15)
        added += 15
        client.delete_conversation_list([f"c2c_p{i:05d}" for i in range(1 + step * 4, 2000, 398)][:5])
    for cid in stable:
        assert seen.get(cid) == 1, (cid, seen.get(cid))
