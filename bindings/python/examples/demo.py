"""The documented flow, in Python: create a group, list groups, rename it, add conversations,
page through a filtered list, remove a conversation, delete the group.

    python3 examples/demo.py [data_dir]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import timconvgroup as tcg  # noqa: E402


def main(data_dir: str) -> None:
    with tcg.Client(data_dir) as client:
        print("library", tcg.sdk_version(), "at", tcg.library_path())

        def on_created(name: str, convs: List[tcg.ConvInfo]) -> None:
            # listeners run on the client's dispatch thread and may call blocking methods
            print(f"  [listener] group {name!r} created with {len(convs)} conversations;"
                  f" groups now {client.get_conversation_group_list()}")

        client.set_conv_conversation_group_created_callback(on_created)
        client.set_conv_conversation_group_name_changed_callback(
            lambda old, new: print(f"  [listener] group {old!r} renamed to {new!r}"))
        client.set_conv_conversations_added_to_group_callback(
            lambda name, convs: print(f"  [listener] added to {name!r}: {[c.conv_id for c in convs]}"))
        client.set_conv_conversations_deleted_from_group_callback(
            lambda name, convs, reason: print(f"  [listener] removed from {name!r}: {[c.conv_id for c in convs]}"))
        client.set_conv_conversation_group_deleted_callback(lambda name: print(f"  [listener] group {name!r} deleted"))

        client.login("demo-user")

        # the host's message layer feeds conversations
        client.upsert_conversations(
            [tcg.ConvInfo(f"friend{i}", tcg.ConvType.C2C, conv_show_name=f"Friend {i}", conv_active_time=1700000000 + i,
                          conv_unread_num=i % 3) for i in range(12)]
            + [{"conv_id": "team", "conv_type": tcg.ConvType.GROUP, "conv_show_name": "Team", "conv_active_time": 1700000100}]
        )

        print("create 'work'")
        for r in client.create_conversation_group("work", ["c2c_friend1", "group_team", "c2c_nobody"]):
            print(f"  {r.conversation_id}: {r.result_code} {r.result_info}")

        print("groups:", client.get_conversation_group_list())

        print("rename 'work' -> 'office'")
        client.rename_conversation_group("work", "office")
        print("groups:", client.get_conversation_group_list())

        print("add six friends to 'office'")
        client.add_conversations_to_group("office", [f"c2c_friend{i}" for i in range(2, 8)])

        print("page through 'office', 3 at a time")
        flt = tcg.ConversationListFilter(conversation_group="office")
        seq, page_no = 0, 0
        while True:
            page = client.get_conversation_list_by_filter(flt, next_seq=seq, count=3)
            page_no += 1
            print(f"  page {page_no}: {[c.conv_show_name for c in page.conv_list]}")
            if page.is_finished:
                break
            seq = page.next_seq
        print("  same with iter_conversations:", [c.conv_id for c in client.iter_conversations(flt, page_size=3)])

        print("remove friend2 from 'office'")
        client.delete_conversations_from_group("office", ["c2c_friend2"])
        (f2,) = client.get_conv_info(["c2c_friend2"])
        print("  friend2 is now in", f2.conv_conversation_group_array)

        print("delete 'office'")
        client.delete_conversation_group("office")
        print("groups:", client.get_conversation_group_list())
        print("conversations kept:", len(client.get_conv_list()))

        try:
            client.delete_conversation_group("office")
        except tcg.TIMError as e:
            print("deleting it again fails:", e)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="timconvgroup-demo-"))
