"""The awaitable twins."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, Awaitable, List, TypeVar

import pytest

import timconvgroup as tcg
from conftest import HANG, c2c, seed

T = TypeVar("T")


def run(coro: Awaitable[T]) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(coro, HANG)  # only to turn a hang into a failure

    return asyncio.run(bounded())


def test_async_twins_cover_the_api(fresh_client: tcg.Client) -> None:
    c = fresh_client

    async def main() -> None:
        await c.alogin("me")
        assert await c.aget_login_status() == tcg.LoginStatus.LOGINED
        assert await c.aget_login_user_id() == "me"
        res = await c.aupsert_conversations([c2c(i, conv_unread_num=1) for i in range(5)])
        assert [r.result_code for r in res] == [0] * 5
        assert [x.conv_id for x in await c.aget_conv_list()] == ["u4", "u3", "u2", "u1", "u0"]
        assert [x.conv_id for x in await c.aget_conv_info(["c2c_u1"])] == ["u1"]
        res = await c.acreate_conversation_group("g", ["c2c_u0", "c2c_u1"])
        assert [r.result_code for r in res] == [0, 0]
        assert await c.aget_conversation_group_list() == ["g"]
        await c.arename_conversation_group("g", "h")
        assert [r.result_code for r in await c.aadd_conversations_to_group("h", ["c2c_u2"])] == [0]
        page = await c.aget_conversation_list_by_filter(tcg.ConversationListFilter(conversation_group="h"), 0, 2)
        assert len(page.conv_list) == 2 and not page.is_finished
        members = [x.conv_id async for x in c.aiter_conversations(tcg.ConversationListFilter(conversation_group="h"), 1)]
        assert members == ["u2", "u1", "u0"]
        assert [r.result_code for r in await c.adelete_conversations_from_group("h", ["c2c_u0"])] == [0]
        await c.adelete_conversation_group("h")
        await c.apin_conversation("u0", tcg.ConvType.C2C, True)
        assert [r.result_code for r in await c.amark_conversation(["c2c_u0"], tcg.MarkType.FOLD, True)] == [0]
        assert [r.result_code for r in await c.aset_conversation_custom_data(["c2c_u0"], "cd")] == [0]
        await c.aset_draft("u0", tcg.ConvType.C2C, tcg.Draft(None, "d", 1))
        (u0,) = await c.aget_conv_info(["c2c_u0"])
        assert u0.conv_is_pinned and u0.conv_mark_array == [4] and u0.conv_custom_data == "cd" and u0.conv_draft
        await c.acancel_draft("u0", tcg.ConvType.C2C)
        assert await c.aget_total_unread_message_count() == 5
        flt = tcg.ConversationListFilter(mark_type=tcg.MarkType.FOLD)
        assert await c.aget_unread_message_count_by_filter(flt) == 1
        await c.asubscribe_unread_message_count_by_filter(flt)
        await c.aunsubscribe_unread_message_count_by_filter(flt)
        await c.aclean_conversation_unread_message_count("c2c_u0")
        assert await c.aget_total_unread_message_count() == 4
        await c.adelete_conversation("u4", tcg.ConvType.C2C)
        res = await c.adelete_conversation_list(["c2c_u3", "c2c_nobody"])
        assert [r.result_code for r in res] == [0, tcg.ErrorCode.INVALID_CONVERSATION]
        await c.alogout()

    run(main())


def test_async_errors(client: tcg.Client) -> None:
    async def main() -> None:
        with pytest.raises(tcg.TIMError) as ei:
            await client.adelete_conversation_group("missing")
        assert ei.value.code == tcg.ErrorCode.CONV_GROUP_NOT_EXIST and ei.value.desc
        await client.alogout()
        with pytest.raises(tcg.TIMError) as ei:  # refused at once (TIMResult)
            await client.aget_conv_list()
        assert ei.value.code == tcg.TIMResult.ERR_NOTLOGIN
        with pytest.raises(tcg.TIMError) as ei:
            await client.aset_draft("x", 1, tcg.Draft())
        assert ei.value.code == tcg.TIMResult.ERR_NOTLOGIN

    run(main())


def test_many_concurrent_awaits(client: tcg.Client) -> None:
    seed(client, 50)

    async def main() -> None:
        results = await asyncio.gather(*(client.aget_conv_info([f"c2c_u{i}"]) for i in range(50)),
                                       *(client.acreate_conversation_group(f"g{i}", [f"c2c_u{i}"]) for i in range(20)))
        assert [r[0].conv_id for r in results[:50]] == [f"u{i}" for i in range(50)]
        assert all(r[0].result_code == 0 for r in results[50:])
        assert sorted(await client.aget_conversation_group_list()) == sorted(f"g{i}" for i in range(20))

    run(main())


def test_await_never_blocks_the_event_loop(client: tcg.Client) -> None:
    """The created-listener holds the dispatch thread until a task on the loop releases it: had
    the await blocked the loop, that task could never run and this would hang."""
    ids = seed(client, 1)
    gate = threading.Event()
    client.set_conv_conversation_group_created_callback(lambda name, convs: gate.wait(HANG))

    async def release() -> str:
        await asyncio.sleep(0)
        gate.set()
        return "released"

    async def main() -> List[Any]:
        return list(await asyncio.gather(client.acreate_conversation_group("g", ids), release()))

    res, tag = run(main())
    assert tag == "released" and [r.result_code for r in res] == [0]
    assert gate.is_set()


def test_cancelled_await_is_harmless(client: tcg.Client) -> None:
    ids = seed(client, 1)
    gate = threading.Event()
    client.set_conv_conversation_group_created_callback(lambda name, convs: gate.wait(HANG))

    async def main() -> None:
        task = asyncio.ensure_future(client.acreate_conversation_group("g", ids))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        gate.set()
        # the call itself completed in the library; its late result is dropped quietly
        assert await client.aget_conversation_group_list() == ["g"]

    run(main())


def test_async_listener_may_await_nothing_but_call_blocking(client: tcg.Client) -> None:
    """A listener fired by an awaited call may use blocking methods (it runs on the dispatch thread)."""
    ids = seed(client, 2)
    seen: List[Any] = []
    client.set_conv_conversations_added_to_group_callback(
        lambda name, convs: seen.append(client.get_conversation_group_list()))

    async def main() -> None:
        await client.acreate_conversation_group("g", ids[:1])
        await client.aadd_conversations_to_group("g", ids[1:])

    run(main())
    assert seen == [["g"]]


def test_async_context_manager(library: str, tmp_path: Path) -> None:
    async def main() -> None:
        async with tcg.Client(tmp_path / "d") as c:
            await c.alogin("me")
            await c.aupsert_conversations([c2c(1)])
        assert c.closed
        with pytest.raises(tcg.TIMError):
            await c.aget_conv_list()

    run(main())
