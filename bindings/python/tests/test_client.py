"""Every blocking method and its error paths, against the native library."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import timconvgroup as tcg
from conftest import c2c, seed

E = tcg.ErrorCode


def codes(results: list) -> list:
    return [r.result_code for r in results]


# --- lifecycle ----------------------------------------------------------------------------------


def test_version_and_library_path(library: str) -> None:
    v = tcg.sdk_version()
    assert v.split(".")[0] == str(tcg.EXPECTED_MAJOR)
    assert tcg.library_path() == library


def test_one_live_client_per_process(fresh_client: tcg.Client, tmp_path: Path) -> None:
    with pytest.raises(tcg.ClientAlreadyOpenError, match="already open"):
        tcg.Client(tmp_path / "other")
    assert not fresh_client.closed  # the failed attempt did not disturb the open one
    fresh_client.login("me")
    assert fresh_client.get_login_status() == tcg.LoginStatus.LOGINED


def test_context_manager_and_close_release_everything(library: str, tmp_path: Path) -> None:
    with tcg.Client(tmp_path / "d") as c:
        c.login("me")
        seed(c, 3)
        c.create_conversation_group("g", ["c2c_u0"])
        c.set_conv_event_callback(lambda e, convs: None)
    assert c.closed
    assert not [t for t in threading.enumerate() if t.name == "timconvgroup-dispatch"]  # thread ended
    c.close()  # idempotent
    with pytest.raises(tcg.TIMError) as ei:
        c.get_conv_list()
    assert ei.value.code == tcg.TIMResult.ERR_SDKUNINIT
    with pytest.raises(tcg.TIMError):
        c.set_conv_event_callback(None)
    # a new client may be opened after close, and the data survived
    with tcg.Client(tmp_path / "d") as c2:
        c2.login("me")
        assert [x.conv_id for x in c2.get_conv_list()] == ["u2", "u1", "u0"]
        assert c2.get_conversation_group_list() == ["g"]


def test_init_errors(library: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="host"):
        tcg.Client(tmp_path / "d", dispatch_mode="library")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(tcg.TIMError) as ei:
        tcg.Client(blocker / "sub")  # data dir cannot be created
    assert ei.value.code == tcg.TIMResult.ERR_PARAM
    with pytest.raises(tcg.TIMError) as ei:
        tcg.Client(tmp_path / "d", durability="sometimes")
    assert ei.value.code == tcg.TIMResult.ERR_JSON
    # the failures did not leave a live client behind
    with tcg.Client(tmp_path / "d", durability="full", log_file_path=str(tmp_path / "logs")) as c:
        c.login("me")


def test_login_logout(fresh_client: tcg.Client) -> None:
    c = fresh_client
    assert c.get_login_status() == tcg.LoginStatus.UNLOGINED
    assert c.get_login_user_id() is None
    with pytest.raises(tcg.TIMError) as ei:
        c.get_conv_list()
    assert ei.value.code == tcg.TIMResult.ERR_NOTLOGIN and ei.value.desc
    c.login("\u5f20\u4e09")
    assert c.get_login_status() == tcg.LoginStatus.LOGINED
    assert c.get_login_user_id() == "\u5f20\u4e09"
    c.login("\u5f20\u4e09")  # same user: success, no change
    with pytest.raises(tcg.TIMError) as ei:
        c.login("other")
    assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        c.login("")
    assert ei.value.code == E.INVALID_PARAMETERS
    c.logout()
    c.logout()  # also fine when not logged in
    assert c.get_login_status() == tcg.LoginStatus.UNLOGINED
    with pytest.raises(tcg.TIMError) as ei:
        c.login("x" * 129)
    assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        c.login("me", user_sig="")
    assert ei.value.code == E.INVALID_PARAMETERS
    c.login("x" * 128)


# --- conversations ------------------------------------------------------------------------------


def test_upsert_and_get(client: tcg.Client) -> None:
    last = {"msg_seq": 9, "message_elem_array": [{"elem_type": 0, "text_elem_content": "hello"}], "big": 2**64 - 1}
    res = client.upsert_conversations([
        tcg.ConvInfo("alice", tcg.ConvType.C2C, conv_show_name="Alice", conv_unread_num=3, conv_active_time=30,
                     conv_last_msg=last),
        {"conv_id": "g1", "conv_type": 2, "conv_active_time": 20, "conv_group_type": 1,
         "conv_group_at_info_array": [{"conv_group_at_info_seq": 5, "conv_group_at_info_at_type": 3}]},
        {"conv_id": "", "conv_type": 1},
        {"conv_id": "bad", "conv_type": 3},
        {"conv_type": 1},
    ])
    assert [r.conversation_id for r in res[:2]] == ["c2c_alice", "group_g1"]
    assert codes(res) == [0, 0, E.INVALID_PARAMETERS, E.INVALID_PARAMETERS, E.INVALID_PARAMETERS]
    convs = client.get_conv_list()
    assert [c.conv_id for c in convs] == ["alice", "g1"]
    a, g = convs
    assert a.conv_type is tcg.ConvType.C2C and a.conv_show_name == "Alice" and a.conv_unread_num == 3
    assert a.conv_is_has_lastmsg and a.conv_last_msg == last
    assert not a.conv_is_has_draft and a.conv_draft is None
    assert g.conv_type is tcg.ConvType.GROUP and g.conv_group_type == 1
    assert g.conv_group_at_info_array == [tcg.GroupAtInfo(5, tcg.GroupAtType.AT_ALL_AT_ME)]
    assert g.conv_last_msg is None and not g.conv_is_has_lastmsg
    # partial update through a dict keeps the other keys
    client.upsert_conversations([{"conv_id": "alice", "conv_type": 1, "conv_unread_num": 0}])
    (a2,) = client.get_conv_info(["c2c_alice"])
    assert a2.conv_unread_num == 0 and a2.conv_show_name == "Alice" and a2.conv_last_msg == last
    # get_conv_info: three reference forms, input order, unknown ones left out
    got = client.get_conv_info([("g1", tcg.ConvType.GROUP), "c2c_nobody", a2])
    assert [c.conv_id for c in got] == ["g1", "alice"]
    with pytest.raises(tcg.TIMError) as ei:
        client.upsert_conversations([{"conv_id": "x", "conv_type": 1}] * 10001)
    assert ei.value.code == E.INVALID_PARAMETERS


def test_get_conv_info_malformed(client: tcg.Client) -> None:
    with pytest.raises(tcg.TIMError) as ei:
        client.get_conv_info([("", 1)])
    assert ei.value.code == E.INVALID_PARAMETERS


def test_list_order_pins_and_delete(client: tcg.Client) -> None:
    seed(client, 5)
    assert [c.conv_id for c in client.get_conv_list()] == ["u4", "u3", "u2", "u1", "u0"]
    client.pin_conversation("u1", tcg.ConvType.C2C, True)
    client.pin_conversation("u1", tcg.ConvType.C2C, True)  # already pinned: fine
    convs = client.get_conv_list()
    assert [c.conv_id for c in convs] == ["u1", "u4", "u3", "u2", "u0"] and convs[0].conv_is_pinned
    client.pin_conversation("u1", tcg.ConvType.C2C, False)
    assert client.get_conv_list()[0].conv_id == "u4"
    with pytest.raises(tcg.TIMError) as ei:
        client.pin_conversation("nobody", tcg.ConvType.C2C, True)
    assert ei.value.code == E.INVALID_CONVERSATION
    client.delete_conversation("u4", tcg.ConvType.C2C)
    with pytest.raises(tcg.TIMError) as ei:
        client.delete_conversation("u4", tcg.ConvType.C2C)
    assert ei.value.code == E.INVALID_CONVERSATION
    with pytest.raises(tcg.TIMError) as ei:
        client.delete_conversation("u3", tcg.ConvType.SYSTEM)
    assert ei.value.code == E.INVALID_PARAMETERS
    res = client.delete_conversation_list(["c2c_u3", "c2c_u4", "bogus"], clear_message=False)
    assert codes(res) == [0, E.INVALID_CONVERSATION, E.INVALID_PARAMETERS]
    assert [c.conv_id for c in client.get_conv_list()] == ["u2", "u1", "u0"]
    with pytest.raises(tcg.TIMError) as ei:
        client.delete_conversation_list([])
    assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        client.delete_conversation_list(["c2c_u0"] * 101)
    assert ei.value.code == E.CONV_MARK_REQ_COUNT_EXCEED_LIMIT


def test_marks(client: tcg.Client) -> None:
    ids = seed(client, 3)
    custom = tcg.MarkType.custom(40)
    res = client.mark_conversation(ids[:2] + ["c2c_nobody"], tcg.MarkType.STAR | custom, True)
    assert codes(res) == [0, 0, E.INVALID_CONVERSATION]
    (u0,) = client.get_conv_info(["c2c_u0"])
    assert u0.conv_mark_array == [1, 1 << 40] and u0.marks == tcg.MarkType.STAR | custom
    client.mark_conversation(["c2c_u0"], tcg.MarkType.STAR, False)
    assert client.get_conv_info(["c2c_u0"])[0].conv_mark_array == [1 << 40]
    client.mark_conversation(["c2c_u2"], tcg.MarkType(1 << 63), True)
    assert client.get_conv_info(["c2c_u2"])[0].conv_mark_array == [1 << 63]
    for bad in (0, 1 << 4, 1 << 31):
        with pytest.raises(tcg.TIMError) as ei:
            client.mark_conversation(ids, bad, True)
        assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        client.mark_conversation(["c2c_u0"] * 101, tcg.MarkType.STAR, True)
    assert ei.value.code == E.CONV_MARK_REQ_COUNT_EXCEED_LIMIT
    with pytest.raises(ValueError):
        client.mark_conversation(ids, 1 << 64, True)


def test_custom_data(client: tcg.Client) -> None:
    ids = seed(client, 2)
    res = client.set_conversation_custom_data(ids + ["c2c_nobody"], "hello \u4e16\u754c")
    assert codes(res) == [0, 0, E.INVALID_CONVERSATION]
    assert client.get_conv_info(["c2c_u1"])[0].conv_custom_data == "hello \u4e16\u754c"
    client.set_conversation_custom_data(ids, b"x" * 256)
    with pytest.raises(tcg.TIMError) as ei:
        client.set_conversation_custom_data(ids, "x" * 257)
    assert ei.value.code == E.INVALID_PARAMETERS
    client.set_conversation_custom_data(ids, "")
    assert client.get_conv_info(["c2c_u1"])[0].conv_custom_data == ""


def test_drafts(client: tcg.Client) -> None:
    seed(client, 1)
    client.set_draft("u0", tcg.ConvType.C2C, tcg.Draft({"text": "unsent"}, "ud", 1234))
    (c,) = client.get_conv_info(["c2c_u0"])
    assert c.conv_is_has_draft and c.conv_draft == tcg.Draft({"text": "unsent"}, "ud", 1234)
    client.set_draft("u0", tcg.ConvType.C2C, {"draft_user_define": "only"})
    (c,) = client.get_conv_info(["c2c_u0"])
    assert c.conv_draft is not None and c.conv_draft.draft_user_define == "only" and c.conv_draft.draft_edit_time > 0
    client.cancel_draft("u0", tcg.ConvType.C2C)
    (c,) = client.get_conv_info(["c2c_u0"])
    assert not c.conv_is_has_draft and c.conv_draft is None
    with pytest.raises(tcg.TIMError) as ei:
        client.set_draft("nobody", tcg.ConvType.C2C, tcg.Draft())
    assert ei.value.code == tcg.TIMResult.ERR_CONV
    with pytest.raises(tcg.TIMError) as ei:
        client.cancel_draft("nobody", tcg.ConvType.C2C)
    assert ei.value.code == tcg.TIMResult.ERR_CONV


def test_unread_counts(client: tcg.Client) -> None:
    client.upsert_conversations([
        c2c(0, conv_unread_num=2), c2c(1, conv_unread_num=3, conv_recv_opt=2),
        {"conv_id": "g", "conv_type": 2, "conv_unread_num": 5},
    ])
    assert client.get_total_unread_message_count() == 7  # recv opt 2 does not count
    assert client.get_unread_message_count_by_filter(tcg.ConversationListFilter(conv_type=tcg.ConvType.GROUP)) == 5
    assert client.get_unread_message_count_by_filter() == 7
    client.clean_conversation_unread_message_count("c2c_u0")
    assert client.get_total_unread_message_count() == 5
    client.clean_conversation_unread_message_count("group")
    assert client.get_total_unread_message_count() == 0
    client.upsert_conversations([c2c(0, conv_unread_num=4), {"conv_id": "g", "conv_type": 2, "conv_unread_num": 1}])
    client.clean_conversation_unread_message_count()
    assert [c.conv_unread_num for c in client.get_conv_list()] == [0, 0, 0]
    with pytest.raises(tcg.TIMError) as ei:
        client.clean_conversation_unread_message_count("c2c_nobody")
    assert ei.value.code == E.INVALID_CONVERSATION
    with pytest.raises(tcg.TIMError) as ei:
        client.clean_conversation_unread_message_count("bogus")
    assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        client.get_unread_message_count_by_filter({"conversation_list_filter_conv_type": 9})
    assert ei.value.code == E.INVALID_PARAMETERS


def test_subscribe_errors(client: tcg.Client) -> None:
    client.subscribe_unread_message_count_by_filter(tcg.ConversationListFilter(conv_type=tcg.ConvType.C2C))
    client.subscribe_unread_message_count_by_filter(None)
    client.unsubscribe_unread_message_count_by_filter(tcg.ConversationListFilter(conversation_group="nope"))
    with pytest.raises(tcg.TIMError) as ei:
        client.subscribe_unread_message_count_by_filter({"conversation_list_filter_conv_type": "c2c"})
    assert ei.value.code in (tcg.TIMResult.ERR_JSON, tcg.TIMResult.ERR_PARAM)


# --- filtered list ------------------------------------------------------------------------------


def test_filtered_list(client: tcg.Client) -> None:
    seed(client, 6)
    client.upsert_conversations([{"conv_id": "g", "conv_type": 2, "conv_active_time": 1, "conv_unread_num": 1,
                                  "conv_group_at_info_array": [{"conv_group_at_info_seq": 1, "conv_group_at_info_at_type": 1}]}])
    client.create_conversation_group("work", ["c2c_u1", "c2c_u3", "group_g"])
    client.mark_conversation(["c2c_u3", "c2c_u5"], tcg.MarkType.STAR, True)
    F = tcg.ConversationListFilter

    def ids(f: object, page: int = 100) -> list:
        return [c.conv_id for c in client.iter_conversations(f, page)]  # type: ignore[arg-type]

    assert ids(None) == ["u5", "u4", "u3", "u2", "u1", "u0", "g"]
    assert ids(F()) == ids(None)
    assert ids(F(conversation_group="work")) == ["u3", "u1", "g"]
    assert ids(F(conversation_group="")) == ["u5", "u4", "u2", "u0"]
    assert ids(F(conversation_group="missing")) == []
    assert ids(F(conv_type=tcg.ConvType.GROUP)) == ["g"]
    assert ids(F(conv_type=0)) == ids(None)
    assert ids(F(mark_type=tcg.MarkType.STAR)) == ["u5", "u3"]
    assert ids(F(mark_type=0)) == ["u4", "u2", "u1", "u0", "g"]
    assert ids(F(mark_type=tcg.MarkType.STAR, conversation_group="work")) == ["u3"]
    assert ids(F(has_unread_count=True)) == ["g"]
    assert ids(F(has_group_at_info=True)) == ["g"]
    assert ids(F(has_group_at_info=False, conv_type=tcg.ConvType.C2C), page=2) == ["u5", "u4", "u3", "u2", "u1", "u0"]

    page = client.get_conversation_list_by_filter(F(conv_type=tcg.ConvType.C2C), 0, 4)
    assert len(page.conv_list) == 4 and not page.is_finished
    again = client.get_conversation_list_by_filter(F(conv_type=tcg.ConvType.C2C), 0, 4)
    assert [c.conv_id for c in again.conv_list] == [c.conv_id for c in page.conv_list]
    rest = client.get_conversation_list_by_filter(F(conv_type=tcg.ConvType.C2C), page.next_seq, 4)
    assert [c.conv_id for c in rest.conv_list] == ["u1", "u0"] and rest.is_finished
    missing = client.get_conversation_list_by_filter(F(conversation_group="missing"))
    assert missing.conv_list == [] and missing.is_finished
    for bad_count in (0, 1001):
        with pytest.raises(tcg.TIMError) as ei:
            client.get_conversation_list_by_filter(None, 0, bad_count)
        assert ei.value.code == E.INVALID_PARAMETERS
    with pytest.raises(tcg.TIMError) as ei:
        client.get_conversation_list_by_filter(None, 987654321, 10)
    assert ei.value.code == E.INVALID_PARAMETERS


# --- conversation groups ------------------------------------------------------------------------


def test_group_lifecycle(client: tcg.Client) -> None:
    ids = seed(client, 4)
    res = client.create_conversation_group("work", [ids[0], ids[1], ids[0], "c2c_nobody", "nonsense"])
    assert [r.conversation_id for r in res] == [ids[0], ids[1], ids[0], "c2c_nobody", "nonsense"]
    assert codes(res) == [0, 0, 0, E.INVALID_CONVERSATION, E.INVALID_PARAMETERS]
    client.create_conversation_group("home", ["c2c_nobody"])  # made even when every item fails
    assert client.get_conversation_group_list() == ["work", "home"]
    assert client.get_conv_info([ids[0]])[0].conv_conversation_group_array == ["work"]

    res = client.add_conversations_to_group("home", [ids[0], ids[2]])
    assert codes(res) == [0, 0]
    assert client.get_conv_info([ids[0]])[0].conv_conversation_group_array == ["work", "home"]
    assert codes(client.add_conversations_to_group("home", [ids[0]])) == [0]  # already a member

    client.rename_conversation_group("work", "office")
    client.rename_conversation_group("office", "office")  # same name: success
    assert client.get_conversation_group_list() == ["office", "home"]  # keeps its place
    assert client.get_conv_info([ids[0]])[0].conv_conversation_group_array == ["office", "home"]

    res = client.delete_conversations_from_group("home", [ids[0], ids[3], "c2c_nobody"])
    assert codes(res) == [0, 0, E.INVALID_CONVERSATION]  # not a member: 0
    client.delete_conversation_group("office")
    assert client.get_conversation_group_list() == ["home"]
    assert client.get_conv_info([ids[0]])[0].conv_conversation_group_array == []
    assert len(client.get_conv_list()) == 4  # conversations kept


def test_group_errors(client: tcg.Client) -> None:
    ids = seed(client, 2)

    def err(fn: object, *args: object) -> int:
        with pytest.raises(tcg.TIMError) as ei:
            fn(*args)  # type: ignore[operator]
        assert ei.value.desc
        return ei.value.code

    assert err(client.create_conversation_group, "", ids) == E.INVALID_PARAMETERS
    assert err(client.create_conversation_group, "x" * 33, ids) == E.CONV_GROUP_NAME_EXCEED_LENGTH
    client.create_conversation_group("\u5de5" * 10, ids)  # 30 bytes: fine
    assert err(client.create_conversation_group, "\u5de5" * 11, ids) == E.CONV_GROUP_NAME_EXCEED_LENGTH
    assert err(client.create_conversation_group, b"\xff\xfe".decode("utf-8", "surrogateescape"), ids) == E.INVALID_PARAMETERS
    assert err(client.create_conversation_group, "g", []) == E.INVALID_PARAMETERS
    assert err(client.create_conversation_group, "g", ids * 51) == E.CONV_MARK_REQ_COUNT_EXCEED_LIMIT
    client.create_conversation_group("g", ids)
    assert err(client.create_conversation_group, "g", ids) == E.CONV_GROUP_NAME_ALREADY_EXISTS
    client.create_conversation_group("G", ids)  # case-sensitive
    for i in range(17):
        client.create_conversation_group(f"n{i}", ids)
    assert len(client.get_conversation_group_list()) == 20
    assert err(client.create_conversation_group, "one-too-many", ids) == E.CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT
    assert err(client.delete_conversation_group, "missing") == E.CONV_GROUP_NOT_EXIST
    assert err(client.delete_conversation_group, "") == E.INVALID_PARAMETERS
    assert err(client.rename_conversation_group, "missing", "x") == E.CONV_GROUP_NOT_EXIST
    assert err(client.rename_conversation_group, "g", "G") == E.CONV_GROUP_NAME_ALREADY_EXISTS
    assert err(client.rename_conversation_group, "g", "y" * 33) == E.CONV_GROUP_NAME_EXCEED_LENGTH
    assert err(client.add_conversations_to_group, "missing", ids) == E.CONV_GROUP_NOT_EXIST
    assert err(client.add_conversations_to_group, "g", []) == E.INVALID_PARAMETERS
    assert err(client.add_conversations_to_group, "g", ids * 51) == E.CONV_MARK_REQ_COUNT_EXCEED_LIMIT
    assert err(client.delete_conversations_from_group, "missing", ids) == E.CONV_GROUP_NOT_EXIST
    assert err(client.delete_conversations_from_group, "g", []) == E.INVALID_PARAMETERS
    with pytest.raises(ValueError):
        client.create_conversation_group("a\0b", ids)
    with pytest.raises(TypeError):
        client.add_conversations_to_group("g", "c2c_u0")


def test_calls_need_login(fresh_client: tcg.Client) -> None:
    c = fresh_client
    for fn, args in [
        (c.get_conv_list, ()), (c.create_conversation_group, ("g", ["c2c_a"])),
        (c.get_conversation_group_list, ()), (c.upsert_conversations, ([c2c(1)],)),
        (c.get_conversation_list_by_filter, ()), (c.get_total_unread_message_count, ()),
        (c.set_draft, ("a", 1, tcg.Draft())),
    ]:
        with pytest.raises(tcg.TIMError) as ei:
            fn(*args)  # type: ignore[operator]
        assert ei.value.code == tcg.TIMResult.ERR_NOTLOGIN, fn


def test_clearing_last_message_with_a_dict(client: tcg.Client) -> None:
    client.upsert_conversations([c2c(0, conv_last_msg={"m": 1})])
    client.upsert_conversations([tcg.ConvInfo("u0", tcg.ConvType.C2C, conv_active_time=1000)])  # None: kept
    assert client.get_conv_info(["c2c_u0"])[0].conv_last_msg == {"m": 1}
    client.upsert_conversations([{"conv_id": "u0", "conv_type": 1, "conv_last_msg": None}])
    (c,) = client.get_conv_info(["c2c_u0"])
    assert c.conv_last_msg is None and not c.conv_is_has_lastmsg


def test_limits_51008(client: tcg.Client) -> None:
    ids = seed(client, 1001)
    # a group holds at most 1000 members; nothing is evicted
    client.create_conversation_group("big", ids[:100])
    for k in range(100, 1000, 100):
        assert all(r.ok for r in client.add_conversations_to_group("big", ids[k:k + 100]))
    res = client.add_conversations_to_group("big", [ids[1000], ids[0]])
    assert codes(res) == [E.CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT, 0]
    # 1000 conversations carry extended state (the group's members): a mark on the 1001st fails
    res = client.mark_conversation([ids[1000], ids[5]], tcg.MarkType.STAR, True)
    assert codes(res) == [E.CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT, 0]
    res = client.set_conversation_custom_data([ids[1000]], "x")
    assert codes(res) == [E.CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT]
    client.delete_conversation_group("big")  # leaves 1 conversation (u5) with extended state
    assert codes(client.mark_conversation([ids[1000]], tcg.MarkType.STAR, True)) == [0]


def test_corrupt_cache_fails_login_with_6019(fresh_client: tcg.Client, tmp_path: Path) -> None:
    c = fresh_client
    c.login("me")
    seed(c, 1)
    c.logout()
    dbs = [p for p in (tmp_path / "data").rglob("*") if p.is_file() and p.suffix == ".db"]
    assert dbs, list((tmp_path / "data").rglob("*"))
    original = dbs[0].read_bytes()
    dbs[0].write_bytes(b"this is not a SQLite database" * 100)
    with pytest.raises(tcg.TIMError) as ei:
        c.login("me")
    assert ei.value.code == E.DATABASE_OPERATE_FAILED and ei.value.desc
    assert dbs[0].read_bytes() == b"this is not a SQLite database" * 100  # left as it was
    dbs[0].write_bytes(original)
    c.login("me")
    assert [x.conv_id for x in c.get_conv_list()] == ["u0"]
