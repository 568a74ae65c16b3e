/* The exported TIM* functions that run Go code: C wrappers that let the calling thread into Go
 * through a gate the first time, then call the Go body (goTIMX in exports.go).
 *
 * Why. The first call into Go on a thread Go did not create runs Go's needm, which takes a
 * spare M from the runtime's list with every signal blocked, and spins until one is there. The
 * thread that takes the last spare M makes a new one only after it is inside Go (it may first
 * wait for a P). Hosts that stop the world with signals — Mono's preemptive suspend, the Boehm
 * GC of Unity and IL2CPP (SIGPWR, then sigsuspend until SIGXCPU) — stop that thread, then wait
 * for the spinning ones to acknowledge a signal they have blocked: the process hangs for ever
 * (docs/mono-gc-hang.md has the stacks).
 *
 * The gate: a thread's first entry takes a plain mutex (a thread waiting for it has its signals
 * deliverable, so the host's GC can stop and restart it), calls the empty Go export
 * tcgGoAttach, and releases the mutex. Inside, needm finds a spare M at once (each holder that
 * empties the list refills it before it leaves the gate) and the M stays bound to the thread, so
 * no thread ever waits inside needm (Go >= 1.21 keeps that M bound to the thread until it
 * exits; go.mod asks for more). Later calls only test a thread-local flag. The gate is
 * held only around the empty call, never while real work or a callback runs. */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "_cgo_export.h"

static pthread_mutex_t first_entry = PTHREAD_MUTEX_INITIALIZER;
static __thread int entered;

static void __attribute__((noinline)) tcg_first_entry(void) {
    pthread_mutex_lock(&first_entry);
    tcgGoAttach();
    pthread_mutex_unlock(&first_entry);
    entered = 1;
}

static inline void tcg_enter(void) {
    if (__builtin_expect(!entered, 0)) tcg_first_entry();
}

/* For the other C entry points that call Go (compat.c). */
void tcg_gate_enter(void) { tcg_enter(); }

int TIMInit(uint64_t sdk_app_id, const char* json_sdk_config) {
    tcg_enter();
    return goTIMInit(sdk_app_id, json_sdk_config);
}

int TIMUninit(void) {
    tcg_enter();
    return goTIMUninit();
}

int TIMLogin(const char* user_id, const char* user_sig, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMLogin(user_id, user_sig, cb, user_data);
}

int TIMLogout(TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMLogout(cb, user_data);
}

enum TIMLoginStatus TIMGetLoginStatus(void) {
    tcg_enter();
    return goTIMGetLoginStatus();
}

int TIMGetLoginUserID(char* user_id_buffer) {
    tcg_enter();
    return goTIMGetLoginUserID(user_id_buffer);
}

int TIMConvUpsertConversations(const char* json_conv_array, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvUpsertConversations(json_conv_array, cb, user_data);
}

int TIMConvGetConvList(TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetConvList(cb, user_data);
}

int TIMConvGetConvInfo(const char* json_get_conv_list_param, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetConvInfo(json_get_conv_list_param, cb, user_data);
}

int TIMConvDelete(const char* conv_id, enum TIMConvType conv_type, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvDelete(conv_id, conv_type, cb, user_data);
}

int TIMConvDeleteConversationList(const char* conversation_id_array, bool clear_message, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvDeleteConversationList(conversation_id_array, clear_message, cb, user_data);
}

int TIMConvSetDraft(const char* conv_id, enum TIMConvType conv_type, const char* json_draft_param) {
    tcg_enter();
    return goTIMConvSetDraft(conv_id, conv_type, json_draft_param);
}

int TIMConvCancelDraft(const char* conv_id, enum TIMConvType conv_type) {
    tcg_enter();
    return goTIMConvCancelDraft(conv_id, conv_type);
}

int TIMConvSetConversationCustomData(const char* conversation_id_array, const char* custom_data, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvSetConversationCustomData(conversation_id_array, custom_data, cb, user_data);
}

int TIMConvPinConversation(const char* conv_id, enum TIMConvType conv_type, bool is_pinned, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvPinConversation(conv_id, conv_type, is_pinned, cb, user_data);
}

int TIMConvMarkConversation(const char* conversation_id_array, uint64_t mark_type, bool enable_mark, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvMarkConversation(conversation_id_array, mark_type, enable_mark, cb, user_data);
}

int TIMConvGetTotalUnreadMessageCount(TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetTotalUnreadMessageCount(cb, user_data);
}

int TIMConvGetUnreadMessageCountByFilter(const char* filter, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetUnreadMessageCountByFilter(filter, cb, user_data);
}

int TIMConvSubscribeUnreadMessageCountByFilter(const char* filter) {
    tcg_enter();
    return goTIMConvSubscribeUnreadMessageCountByFilter(filter);
}

int TIMConvUnsubscribeUnreadMessageCountByFilter(const char* filter) {
    tcg_enter();
    return goTIMConvUnsubscribeUnreadMessageCountByFilter(filter);
}

int TIMConvCleanConversationUnreadMessageCount(const char* conversation_id, uint64_t clean_timestamp, uint64_t clean_sequence, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvCleanConversationUnreadMessageCount(conversation_id, clean_timestamp, clean_sequence, cb, user_data);
}

int TIMConvGetConversationListByFilter(const char* filter, uint64_t next_seq, uint32_t count, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetConversationListByFilter(filter, next_seq, count, cb, user_data);
}

int TIMConvCreateConversationGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvCreateConversationGroup(group_name, conversation_id_array, cb, user_data);
}

int TIMConvGetConversationGroupList(TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvGetConversationGroupList(cb, user_data);
}

int TIMConvDeleteConversationGroup(const char* group_name, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvDeleteConversationGroup(group_name, cb, user_data);
}

int TIMConvRenameConversationGroup(const char* old_name, const char* new_name, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvRenameConversationGroup(old_name, new_name, cb, user_data);
}

int TIMConvAddConversationsToGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvAddConversationsToGroup(group_name, conversation_id_array, cb, user_data);
}

int TIMConvDeleteConversationsFromGroup(const char* group_name, const char* conversation_id_array, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvDeleteConversationsFromGroup(group_name, conversation_id_array, cb, user_data);
}

int TIMConvCreate(const char* conv_id, enum TIMConvType conv_type, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvCreate(conv_id, conv_type, cb, user_data);
}

int TIMConvSyncGetPendingChanges(uint32_t max_ops, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvSyncGetPendingChanges(max_ops, cb, user_data);
}

int TIMConvSyncApply(const char* json_state_document, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goTIMConvSyncApply(json_state_document, cb, user_data);
}

int callExperimentalAPI(const char* json_param, TIMCommCallback cb, const void* user_data) {
    tcg_enter();
    return goCallExperimentalAPI(json_param, cb, user_data);
}
