/* t_sync.c — sync across devices: the push document, the apply of a state document. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The rejected listener, recorded here (the harness recorder has no slot for it). */
static int g_rej_calls;
static char g_rej_json[4096];
static void cb_rejected(const char* json, const void* ud) {
    (void)ud;
    __atomic_add_fetch(&g_rej_calls, 1, __ATOMIC_SEQ_CST);
    snprintf(g_rej_json, sizeof g_rej_json, "%s", json ? json : "(null)");
}

static char* pending(uint32_t max) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvSyncGetPendingChanges(max, cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    return xstrdup(e->s2);
}

static int kind_at(int i) { return rec_get(i)->kind; }

void t_sync_pending(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1},{\"conv_id\":\"b\",\"conv_type\":1}]");
    char* p = pending(0);
    char* cid[2];
    CHECK_INT(jstrs(p, "sync_push_client_id", cid, 2), 1);
    CHECKF(strlen(cid[0]) == 32 && strspn(cid[0], "0123456789abcdef") == 32, "client id: %s", cid[0]);
    CHECK_INT(jint(p, "sync_push_last_version", -1), 0);
    CHECK(strstr(p, "\"sync_push_op_array\":[]") != NULL);
    free(p);
    uintptr_t t;
    ACCEPT(TIMConvCreateConversationGroup("Work", "[\"c2c_a\",\"c2c_nobody\"]", cb_result, TOK(t = tok())), t);
    ACCEPT(TIMConvMarkConversation("[\"c2c_a\",\"c2c_b\"]", kTIMConversationMarkTypeStar, true, cb_result, TOK(t = tok())), t);
    ACCEPT(TIMConvMarkConversation("[\"c2c_a\"]", kTIMConversationMarkTypeStar, true, cb_result, TOK(t = tok())), t); /* no change */
    ACCEPT(TIMConvPinConversation("b", kTIMConv_C2C, true, cb_result, TOK(t = tok())), t);
    p = pending(0);
    long long ids[8], types[8];
    CHECK_INT(jints(p, "sync_op_id", ids, 8), 3);
    CHECK_INT(jints(p, "sync_op_type", types, 8), 3);
    CHECKF(ids[0] == 1 && ids[1] == 2 && ids[2] == 3 && types[0] == 1 && types[1] == 6 && types[2] == 7, "ops: %s", p);
    CHECKF(strstr(p, "\"sync_op_group_name\":\"Work\",\"sync_op_conversation_id_array\":[\"c2c_a\"]") != NULL,
           "create names only the member actually added: %s", p);
    char* cid2[2];
    CHECK_INT(jstrs(p, "sync_push_client_id", cid2, 2), 1);
    CHECK_STR(cid2[0], cid[0]); /* kept */
    free(p);
    p = pending(2);
    CHECK_INT(jints(p, "sync_op_id", ids, 8), 2);
    free(p);
    /* kept across TIMUninit/TIMInit (it is in the cache) */
    uninit_ok();
    CHECK_INT(init_mode("library", NULL), TIM_SUCC);
    login_ok("alice");
    p = pending(0);
    CHECK_INT(jints(p, "sync_op_id", ids, 8), 3);
    CHECK_INT(jstrs(p, "sync_push_client_id", cid2 + 1, 1), 1);
    CHECK_STR(cid2[1], cid[0]);
    free(p);
    jfree(cid, 1);
    jfree(cid2, 2);
    /* state checks */
    logout_ok();
    CHECK_INT(TIMConvSyncGetPendingChanges(0, cb_result, REJECT_UD), TIM_ERR_NOTLOGIN);
    CHECK_INT(TIMConvSyncApply("{}", cb_result, REJECT_UD), TIM_ERR_NOTLOGIN);
    uninit_ok();
    CHECK_INT(TIMConvSyncGetPendingChanges(0, cb_result, REJECT_UD), TIM_ERR_SDKUNINIT);
}

void t_sync_apply(void) {
    setup("library", "alice");
    TIMSetConvSyncRejectedCallback(cb_rejected, NULL);
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1},{\"conv_id\":\"b\",\"conv_type\":1}]");
    uintptr_t t;
    ACCEPT(TIMConvCreateConversationGroup("Work", "[\"c2c_a\"]", cb_result, TOK(t = tok())), t);
    ACCEPT(TIMConvMarkConversation("[\"c2c_b\"]", kTIMConversationMarkTypeStar, true, cb_result, TOK(t = tok())), t);
    char* p = pending(0);
    char* cid[1];
    CHECK_INT(jstrs(p, "sync_push_client_id", cid, 1), 1);
    free(p);

    /* The server rejected op 1 (another device made 20 groups first) and applied op 2; its state
     * has that device's group "Other" holding c2c_b, and c2c_b's mark. */
    char doc[4096];
    snprintf(doc, sizeof doc,
             "{\"sync_state_version\":3,\"sync_state_client_id\":\"%s\",\"sync_state_last_op_id\":2,"
             "\"sync_state_rejected_array\":[{\"sync_rejected_op_id\":1,\"sync_rejected_op_type\":1,"
             "\"sync_rejected_code\":51010,\"sync_rejected_desc\":\"20 conversation groups exist\",\"sync_rejected_item_array\":[]}],"
             "\"sync_state_group_array\":[{\"sync_group_id\":\"g1\",\"sync_group_name\":\"Other\","
             "\"sync_group_conversation_id_array\":[\"c2c_b\",\"c2c_unfed\"]}],"
             "\"sync_state_conv_array\":[{\"sync_conv_conversation_id\":\"c2c_b\",\"sync_conv_mark_type\":1,"
             "\"sync_conv_is_pinned\":false,\"sync_conv_custom_data\":\"\"}]}",
             cid[0]);
    jfree(cid, 1);
    rec_reset();
    ev* e = ACCEPT(TIMConvSyncApply(doc, cb_result, TOK(t = tok())), t);
    CHECK_INT(e->code, 0);
    CHECK_INT(jbool(e->s2, "sync_apply_is_applied", 0), 1);
    CHECK_INT(jint(e->s2, "sync_apply_version", 0), 3);
    CHECK_INT(jint(e->s2, "sync_apply_pending_count", -1), 0);
    CHECK_INT(jint(e->s2, "sync_rejected_code", 0), 51010);
    CHECK_INT(__atomic_load_n(&g_rej_calls, __ATOMIC_SEQ_CST), 1);
    CHECK_INT(jint(g_rej_json, "sync_rejected_op_id", 0), 1);
    CHECK_INT(jint(g_rej_json, "sync_rejected_code", 0), 51010);
    /* Events, in order: Start, Work deleted, Other created (with c2c_b), Update, Finish. */
    int n = e->seq;
    CHECKF(n == 5, "5 events before the callback, got %d", n);
    if (n == 5) {
        CHECK(kind_at(0) == EV_CONV && rec_get(0)->code == kTIMConvEvent_Start);
        CHECK(kind_at(1) == EV_GDELETED);
        CHECK_STR(rec_get(1)->s1, "Work");
        CHECK(kind_at(2) == EV_GCREATED);
        CHECK_STR(rec_get(2)->s1, "Other");
        CHECKF(jarr_len(rec_get(2)->s2) == 1 && has_conv(rec_get(2)->s2, "b"), "created: only the fed member: %s", rec_get(2)->s2);
        CHECK(kind_at(3) == EV_CONV && rec_get(3)->code == kTIMConvEvent_Update);
        CHECKF(has_conv(rec_get(3)->s1, "a") && has_conv(rec_get(3)->s1, "b"), "update: %s", rec_get(3)->s1);
        CHECK(kind_at(4) == EV_CONV && rec_get(4)->code == kTIMConvEvent_Finish);
    }
    p = pending(0);
    CHECK(strstr(p, "\"sync_op_array\":[]") != NULL || strstr(p, "\"sync_push_op_array\":[]") != NULL);
    CHECK_INT(jint(p, "sync_push_last_version", 0), 3);
    free(p);

    /* c2c_unfed's membership shows once it is upserted */
    upsert_ok("[{\"conv_id\":\"unfed\",\"conv_type\":1}]");
    e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t = tok())), t);
    CHECKF(strstr(e->s2, "\"conv_id\":\"unfed\"") != NULL && strstr(e->s2, "[\"Other\"]") != NULL, "unfed kept: %.600s", e->s2);

    /* An older document changes nothing; no event. */
    rec_reset();
    e = ACCEPT(TIMConvSyncApply("{\"sync_state_version\":2,\"sync_state_group_array\":[],\"sync_state_conv_array\":[]}", cb_result, TOK(t = tok())), t);
    CHECK_INT(e->code, 0);
    CHECK_INT(jbool(e->s2, "sync_apply_is_applied", 1), 0);
    CHECK_INT(e->seq, 0);
    /* Malformed: -3 (no callback), NULL: -4; a document breaking a rule: its code, nothing changed. */
    CHECK_INT(TIMConvSyncApply("{", cb_result, REJECT_UD), TIM_ERR_JSON);
    CHECK_INT(TIMConvSyncApply("{\"sync_state_version\":\"3\"}", cb_result, REJECT_UD), TIM_ERR_JSON);
    CHECK_INT(TIMConvSyncApply(NULL, cb_result, REJECT_UD), TIM_ERR_PARAM);
    e = ACCEPT(TIMConvSyncApply("{\"sync_state_version\":9,\"sync_state_conv_array\":[{\"sync_conv_conversation_id\":\"c2c_a\",\"sync_conv_mark_type\":16}]}",
                                cb_result, TOK(t = tok())), t);
    CHECK_INT(e->code, ERR_INVALID_PARAMETERS);
    p = pending(0);
    CHECK_INT(jint(p, "sync_push_last_version", 0), 3);
    free(p);
    barrier();
    check_no_rejected_callbacks();
    CHECK_INT(__atomic_load_n(&g_rej_calls, __ATOMIC_SEQ_CST), 1); /* reported once */
}
