/* tests.c — the list of C ABI tests (run them all: build/tests/test_capi; one: ... NAME;
 * list: ... --list). */
#include "harness.h"

void t_uninitialised(void);
void t_not_logged_in(void);
void t_init_config(void);
void t_login_logout(void);
void t_data_layout(void);
void t_persistence(void);
void t_persistence_child(void);
void t_cache_lock(void);
void t_two_users(void);
void t_utf8_paths(void);
void t_uninit_delivers(void);
void t_listeners_cleared(void);
void t_library_thread(void);
void t_host_mode(void);
void t_timed_waits(void);
void t_host_pumps(void);
void t_host_uninit_wakes(void);
void t_reentrancy_library(void);
void t_reentrancy_host(void);
void t_nested_during_uninit(void);
void t_ordering(void);
void t_concurrency_library(void);
void t_concurrency_host(void);
void t_listener_replace(void);
void t_log_callback(void);
void t_null_pointers(void);
void t_bad_json(void);
void t_bad_values(void);
void t_huge_inputs(void);
void t_deep_json(void);
void t_group_rules(void);
void t_group_limits(void);
void t_group_listeners(void);
void t_paging(void);
void t_paging_stability(void);
void t_conversations(void);
void t_sweep_states(void);
void t_sweep_library(void);
void t_sweep_host(void);
void t_durability_sync(void);
void t_corrupt_caches(void);
void t_damage_after_login(void);
void t_sync_pending(void);
void t_sync_apply(void);

const test_case h_tests[] = {
    {"uninitialised", t_uninitialised, "version; every call before TIMInit/after TIMUninit is -1, no callback"},
    {"init_config", t_init_config, "TIMInit config errors, re-init, init/uninit cycles, log file"},
    {"not_logged_in", t_not_logged_in, "-2 before -4; accepted login/logout count for later calls"},
    {"login_logout", t_login_logout, "login events order, same/other user, status, user ID buffer"},
    {"data_layout", t_data_layout, "user IDs never leave the data dir; 0600 files, 0700 folders"},
    {"persistence", t_persistence, "state survives TIMUninit/TIMInit (library and host mode)"},
    {"persistence_child", t_persistence_child, "a child process writes and exits without TIMUninit"},
    {"cache_lock", t_cache_lock, "a cache held by another process: 6022; a dead holder leaves no lock"},
    {"two_users", t_two_users, "two users are isolated"},
    {"utf8_paths", t_utf8_paths, "a non-ASCII data folder and user ID: created, written, read back"},
    {"uninit_delivers", t_uninit_delivers, "TIMUninit delivers every pending callback; none after"},
    {"listeners_cleared", t_listeners_cleared, "TIMUninit clears every listener"},
    {"library_thread", t_library_thread, "library mode: one non-Go thread, joined by TIMUninit"},
    {"host_mode", t_host_mode, "host mode: nothing runs until TIMDispatchCallbacks, on the caller"},
    {"timed_waits", t_timed_waits, "host mode: TIMDispatchCallbacks(ms) waits until a callback is due, or about ms"},
    {"host_pumps", t_host_pumps, "host mode: two pumping threads, serialised and ordered"},
    {"host_uninit_wakes", t_host_uninit_wakes, "host mode: TIMUninit releases a blocked TIMDispatchCallbacks(-1)"},
    {"reentrancy_library", t_reentrancy_library, "callbacks call back into the library (library mode)"},
    {"reentrancy_host", t_reentrancy_host, "callbacks call back, nested TIMDispatchCallbacks (host mode)"},
    {"nested_during_uninit", t_nested_during_uninit, "a nested wait completes while another thread uninitialises"},
    {"ordering", t_ordering, "acceptance order; listener events before the call's callback"},
    {"concurrency_library", t_concurrency_library, "8 threads at once, every callback exactly once (library)"},
    {"concurrency_host", t_concurrency_host, "8 threads at once, 2 pumping threads (host)"},
    {"listener_replace", t_listener_replace, "setters replace, NULL clears, user_data untouched"},
    {"log_callback", t_log_callback, "log callback on the callback thread; NULL clears"},
    {"null_pointers", t_null_pointers, "NULL for every pointer: -4 or the documented default"},
    {"bad_json", t_bad_json, "malformed JSON and wrong shapes: -3, never a callback"},
    {"bad_values", t_bad_values, "bad names, IDs, counts, marks, types: the documented codes"},
    {"huge_inputs", t_huge_inputs, "16 MiB strings get their codes, no crash"},
    {"deep_json", t_deep_json, "deeply nested JSON is refused, no crash"},
    {"sync_pending", t_sync_pending, "TIMConvSyncGetPendingChanges: client id, op ids, max_ops, kept across init"},
    {"sync_apply", t_sync_apply, "TIMConvSyncApply: acknowledged ops dropped, rejections, events, old and malformed documents"},
    {"group_rules", t_group_rules, "group rules in the documented order"},
    {"group_limits", t_group_limits, "1000 members, 1000 extended-state conversations: 51008"},
    {"group_listeners", t_group_listeners, "group listeners and Update events, before the callback"},
    {"paging", t_paging, "filtered pages, next_seq, is_finished, pinned first"},
    {"paging_stability", t_paging_stability, "paging never skips or repeats unchanged conversations"},
    {"conversations", t_conversations, "upsert, info, pin, marks, custom data, drafts, unread, delete"},
    {"sweep_states", t_sweep_states, "every export, bad inputs, before TIMInit and before login: -1 / -2, no callback"},
    {"sweep_library", t_sweep_library, "every export x NULL/empty/malformed/deep/16 MiB/bad UTF-8: rejected or one callback"},
    {"sweep_host", t_sweep_host, "the same sweep in host dispatch mode"},
    {"durability_sync", t_durability_sync, "\"sdk_config_durability\":\"full\" syncs every commit; the default does not"},
    {"corrupt_caches", t_corrupt_caches, "garbage, cut short, damaged page, newer schema: 6019, file untouched"},
    {"damage_after_login", t_damage_after_login, "a big cache damaged away from what login reads: login, then 6019 and no more writes, file untouched"},
};
const int h_ntests = (int)(sizeof h_tests / sizeof h_tests[0]);
