"""Property test: random sequences of conversation-group operations keep the binding's view
(results, errors, listener calls, group list, per-conversation group arrays, filtered lists) equal
to a simple in-memory model of the conversation-group rules (section 6 of timconvgroup.h)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

import timconvgroup as tcg

E = tcg.ErrorCode

CONVS = [f"c2c_u{i}" for i in range(6)] + ["group_g0", "group_g1"]
UNKNOWN = ["c2c_nobody", "group_nothing"]
MALFORMED = ["bogus", "c2c_", "group_", "C2C_u0"]
NAMES = [f"n{i}" for i in range(22)] + ["work", "Work", "\u5de5\u4f5c", "x" * 32, "y" * 33, "\u5de5" * 11, ""]

ids_strategy = st.one_of(
    st.lists(st.sampled_from(CONVS + UNKNOWN + MALFORMED), min_size=0, max_size=6),
    st.lists(st.sampled_from(CONVS), min_size=1, max_size=4),
    st.just(["c2c_u0"] * 101),
)
names = st.sampled_from(NAMES)
conv_ids = st.sampled_from(CONVS)

_users = itertools.count()


def name_error(name: str) -> int:
    b = name.encode("utf-8")
    if not b:
        return E.INVALID_PARAMETERS
    if len(b) > 32:
        return E.CONV_GROUP_NAME_EXCEED_LENGTH
    return 0


def ids_error(ids: List[str]) -> int:
    if not ids:
        return E.INVALID_PARAMETERS
    if len(ids) > 100:
        return E.CONV_MARK_REQ_COUNT_EXCEED_LIMIT
    return 0


def split(cid: str) -> Tuple[str, tcg.ConvType]:
    return tcg.parse_conversation_id(cid)


class Model:
    def __init__(self) -> None:
        self.convs: set = set(CONVS)
        self.order: List[str] = []
        self.members: Dict[str, set] = {}

    def item(self, cid: str, group: str, add: bool) -> int:
        if cid in MALFORMED:
            return E.INVALID_PARAMETERS
        if cid not in self.convs:
            return E.INVALID_CONVERSATION
        return 0

    def groups_of(self, cid: str) -> List[str]:
        return [g for g in self.order if cid in self.members[g]]


class GroupMachine(RuleBasedStateMachine):
    client: tcg.Client

    def __init__(self) -> None:
        super().__init__()
        c = self.client
        c.logout()
        c.login(f"prop{next(_users)}")
        items: List[Dict[str, Any]] = []
        for k, cid in enumerate(CONVS):
            bare, ctype = split(cid)
            items.append({"conv_id": bare, "conv_type": int(ctype), "conv_active_time": 100 + k})
        assert all(r.ok for r in c.upsert_conversations(items))
        self.model = Model()
        self.events: List[tuple] = []
        c.set_conv_conversation_group_created_callback(lambda n, cs: self.events.append(("created", n, self.ids(cs))))
        c.set_conv_conversation_group_deleted_callback(lambda n: self.events.append(("deleted", n)))
        c.set_conv_conversation_group_name_changed_callback(lambda o, n: self.events.append(("renamed", o, n)))
        c.set_conv_conversations_added_to_group_callback(lambda n, cs: self.events.append(("added", n, self.ids(cs))))
        c.set_conv_conversations_deleted_from_group_callback(
            lambda n, cs, r: self.events.append(("removed", n, self.ids(cs), r)))

    @staticmethod
    def ids(convs: List[tcg.ConvInfo]) -> frozenset:
        return frozenset(c.conversation_id for c in convs)

    def call(self, fn: Any, *args: Any) -> Tuple[int, Any]:
        self.events = []
        try:
            return 0, fn(*args)
        except tcg.TIMError as e:
            return e.code, None

    # --- rules ------------------------------------------------------------------------------

    @rule(name=names, ids=ids_strategy)
    def create(self, name: str, ids: List[str]) -> None:
        m = self.model
        code, res = self.call(self.client.create_conversation_group, name, ids)
        want = name_error(name) or ids_error(ids) or (E.CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT if len(m.order) >= 20 else 0) \
            or (E.CONV_GROUP_NAME_ALREADY_EXISTS if name in m.members else 0)
        assert code == want, (name, ids, code, want)
        if want:
            assert self.events == []
            return
        m.order.append(name)
        m.members[name] = set()
        added = set()
        expect = []
        for cid in ids:
            c = m.item(cid, name, True)
            expect.append(c)
            if c == 0 and cid not in m.members[name]:
                m.members[name].add(cid)
                added.add(cid)
        assert [(r.conversation_id, r.result_code) for r in res] == list(zip(ids, expect))
        assert self.events == [("created", name, frozenset(added))]

    @rule(ids=ids_strategy)
    def create_many(self, ids: List[str]) -> None:
        """Creates the n0..n21 groups that are missing, reaching the 20-group limit."""
        for name in NAMES[:22]:
            self.create(name, ids)

    @rule(name=names)
    def delete_group(self, name: str) -> None:
        m = self.model
        code, _ = self.call(self.client.delete_conversation_group, name)
        want = name_error(name) or (0 if name in m.members else E.CONV_GROUP_NOT_EXIST)
        assert code == want, (name, code, want)
        if want:
            assert self.events == []
            return
        m.order.remove(name)
        del m.members[name]
        assert self.events == [("deleted", name)]

    @rule(old=names, new=names)
    def rename(self, old: str, new: str) -> None:
        m = self.model
        code, _ = self.call(self.client.rename_conversation_group, old, new)
        want = name_error(old) or name_error(new) or (0 if old in m.members else E.CONV_GROUP_NOT_EXIST) \
            or (E.CONV_GROUP_NAME_ALREADY_EXISTS if new in m.members and new != old else 0)
        assert code == want, (old, new, code, want)
        if want or old == new:
            assert self.events == []
            return
        m.order[m.order.index(old)] = new
        m.members[new] = m.members.pop(old)
        assert self.events == [("renamed", old, new)]

    @rule(name=names, ids=ids_strategy)
    def add(self, name: str, ids: List[str]) -> None:
        self._members(name, ids, True)

    @rule(name=names, ids=ids_strategy)
    def remove(self, name: str, ids: List[str]) -> None:
        self._members(name, ids, False)

    def _members(self, name: str, ids: List[str], add: bool) -> None:
        m = self.model
        fn = self.client.add_conversations_to_group if add else self.client.delete_conversations_from_group
        code, res = self.call(fn, name, ids)
        want = name_error(name) or ids_error(ids) or (0 if name in m.members else E.CONV_GROUP_NOT_EXIST)
        assert code == want, (add, name, ids, code, want)
        if want:
            assert self.events == []
            return
        changed = set()
        expect = []
        for cid in ids:
            c = m.item(cid, name, add)
            expect.append(c)
            if c == 0:
                if add and cid not in m.members[name]:
                    m.members[name].add(cid)
                    changed.add(cid)
                elif not add and cid in m.members[name]:
                    m.members[name].discard(cid)
                    changed.add(cid)
        assert [(r.conversation_id, r.result_code) for r in res] == list(zip(ids, expect))
        if not changed:
            assert self.events == []
        elif add:
            assert self.events == [("added", name, frozenset(changed))]
        else:
            assert self.events == [("removed", name, frozenset(changed), 0)]

    @rule(cid=conv_ids)
    def delete_conversation(self, cid: str) -> None:
        m = self.model
        bare, ctype = split(cid)
        code, _ = self.call(self.client.delete_conversation, bare, ctype)
        if cid not in m.convs:
            assert code == E.INVALID_CONVERSATION
            return
        assert code == 0
        left = [g for g in m.order if cid in m.members[g]]
        for g in left:
            m.members[g].discard(cid)
        m.convs.discard(cid)
        assert sorted(e[1] for e in self.events) == sorted(left)
        assert all(e[0] == "removed" and e[2] == frozenset([cid]) and e[3] == 0 for e in self.events)

    @rule(cid=conv_ids)
    def upsert_conversation(self, cid: str) -> None:
        bare, ctype = split(cid)
        code, res = self.call(self.client.upsert_conversations, [{"conv_id": bare, "conv_type": int(ctype)}])
        assert code == 0 and [r.result_code for r in res] == [0]
        self.model.convs.add(cid)
        assert self.events == []

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def view_matches_model(self) -> None:
        m = self.model
        c = self.client
        assert c.get_conversation_group_list() == m.order
        convs = c.get_conv_list()
        assert sorted(x.conversation_id for x in convs) == sorted(m.convs)
        for x in convs:
            assert x.conv_conversation_group_array == m.groups_of(x.conversation_id), x.conversation_id

    def teardown(self) -> None:
        m = self.model
        c = self.client
        for g in m.order:
            got = {x.conversation_id for x in c.iter_conversations(tcg.ConversationListFilter(conversation_group=g), 2)}
            assert got == m.members[g], g
        nogroup = {x.conversation_id for x in c.iter_conversations(tcg.ConversationListFilter(conversation_group=""))}
        assert nogroup == {cid for cid in m.convs if not m.groups_of(cid)}
        for setter in (c.set_conv_conversation_group_created_callback, c.set_conv_conversation_group_deleted_callback,
                       c.set_conv_conversation_group_name_changed_callback,
                       c.set_conv_conversations_added_to_group_callback,
                       c.set_conv_conversations_deleted_from_group_callback):
            setter(None)


@pytest.fixture(scope="module")
def shared_client(library: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tcg.Client]:
    c = tcg.Client(tmp_path_factory.mktemp("prop") / "data")
    try:
        yield c
    finally:
        c.close()


def test_group_operations_match_model(shared_client: tcg.Client) -> None:
    GroupMachine.client = shared_client
    run_state_machine_as_test(
        GroupMachine,
        settings=settings(max_examples=150, stateful_step_count=50, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much]),
    )
