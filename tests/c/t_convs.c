/* t_convs.c — conversations: upsert, list, info, delete, pin, marks, custom data, drafts,
 * unread counts and their listeners (header section 5). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static ev* list_all(void) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    return e;
}

/* The ConvInfo object of conv_id inside a list JSON (a malloc'd copy), or NULL. */
static char* conv_obj(const char* json, const char* id) {
    char pat[300];
    snprintf(pat, sizeof pat, "\"conv_id\":\"%s\"", id);
    const char* p = strstr(json, pat);
    if (!p) return NULL;
    /* walk back to the opening brace of this object */
    int depth = 0;
    const char* s = p;
    while (s > json) {
        s--;
        if (*s == '}') depth++;
        else if (*s == '{') {
            if (depth == 0) break;
            depth--;
        }
    }
    depth = 0;
    const char* e = s;
    int in_str = 0;
    for (; *e; e++) {
        if (in_str) {
            if (*e == '\\') e++;
            else if (*e == '"') in_str = 0;
            continue;
        }
        if (*e == '"') in_str = 1;
        else if (*e == '{') depth++;
        else if (*e == '}' && --depth == 0) break;
    }
    size_t n = (size_t)(e - s) + 1;
    char* o = malloc(n + 1);
    memcpy(o, s, n);
    o[n] = 0;
    return o;
}

static long long total_unread(void) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetTotalUnreadMessageCount(cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    return jint(e->s2, "conv_get_total_unread_message_count_result_unread_count", -1);
}

void t_conversations(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_show_name\":\"A\",\"conv_face_url\":\"http://f/a.png\",\"conv_unread_num\":3,"
              "\"conv_active_time\":10,\"conv_last_msg\":{\"m\":[1,2,{\"n\":null}]},\"conv_recv_opt\":0},"
              "{\"conv_id\":\"b\",\"conv_type\":1,\"conv_unread_num\":5,\"conv_active_time\":20,\"conv_recv_opt\":2},"
              "{\"conv_id\":\"g\",\"conv_type\":2,\"conv_unread_num\":7,\"conv_active_time\":30,"
              "\"conv_group_at_info_array\":[{\"conv_group_at_info_seq\":11,\"conv_group_at_info_at_type\":1}]}]");
    ev* l = list_all();
    char* ids[8];
    int n = conv_ids(l->s2, ids, 8);
    CHECKF(n == 3 && !strcmp(ids[0], "g") && !strcmp(ids[1], "b") && !strcmp(ids[2], "a"), "by active time: %.300s", l->s2);
    jfree(ids, n);
    char* a = conv_obj(l->s2, "a");
    CHECK(a != NULL);
    if (a) {
        const char* keys[] = {"conv_id", "conv_type", "conv_show_name", "conv_face_url", "conv_unread_num", "conv_active_time",
                              "conv_is_has_lastmsg", "conv_last_msg", "conv_is_has_draft", "conv_recv_opt", "conv_group_type",
                              "conv_group_at_info_array", "conv_is_pinned", "conv_mark_array", "conv_custom_data",
                              "conv_conversation_group_array"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            char k[64];
            snprintf(k, sizeof k, "\"%s\"", keys[i]);
            CHECKF(strstr(a, k) != NULL, "ConvInfo has %s", keys[i]);
        }
        CHECK_INT(jint(a, "conv_type", 0), kTIMConv_C2C);
        CHECK_INT(jint(a, "conv_unread_num", 0), 3);
        CHECK_INT(jbool(a, "conv_is_has_lastmsg", -1), 1);
        CHECK(strstr(a, "\"n\":null") != NULL); /* opaque JSON kept */
        CHECK_INT(jbool(a, "conv_is_pinned", -1), 0);
        free(a);
    }
    char* g = conv_obj(l->s2, "g");
    CHECK(g && jint(g, "conv_type", 0) == kTIMConv_Group && jint(g, "conv_group_at_info_seq", 0) == 11);
    free(g);

    /* keys absent on an update keep their value */
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_unread_num\":4}]");
    l = list_all();
    a = conv_obj(l->s2, "a");
    CHECK(a && strstr(a, "\"conv_show_name\":\"A\"") && strstr(a, "a.png") && jint(a, "conv_unread_num", 0) == 4);
    free(a);

    /* uint64 exact */
    upsert_ok("[{\"conv_id\":\"big\",\"conv_type\":1,\"conv_active_time\":18446744073709551615}]");
    l = list_all();
    CHECK(strstr(l->s2, "18446744073709551615") != NULL);
    n = conv_ids(l->s2, ids, 8);
    CHECK(n == 4 && !strcmp(ids[0], "big"));
    jfree(ids, n);

    /* info by ID: those that exist, input order */
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetConvInfo("[{\"get_conversation_list_param_conv_id\":\"a\",\"get_conversation_list_param_conv_type\":1},"
                                      "{\"get_conversation_list_param_conv_id\":\"nobody\",\"get_conversation_list_param_conv_type\":1},"
                                      "{\"get_conversation_list_param_conv_id\":\"g\",\"get_conversation_list_param_conv_type\":2}]",
                                      cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    n = conv_ids(e->s2, ids, 8);
    CHECKF(n == 2 && !strcmp(ids[0], "a") && !strcmp(ids[1], "g"), "conv info: %.300s", e->s2);
    jfree(ids, n);

    /* unread totals skip recv opt 1..3 */
    CHECK_INT(total_unread(), 4 + 7);
    t = tok();
    e = ACCEPT(TIMConvGetUnreadMessageCountByFilter("{\"conversation_list_filter_conv_type\":1}", cb_result, TOK(t)), t);
    CHECK_INT(jint(e->s2, "conv_get_total_unread_message_count_result_unread_count", -1), 4);
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_has_unread_count\":true}", 0, 10, cb_result, TOK(t)), t);
    CHECKF(has_conv(e->s2, "b") && has_conv(e->s2, "a") && !has_conv(e->s2, "big"), "has_unread filter ignores recv opt");
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_has_group_at_info\":true}", 0, 10, cb_result, TOK(t)), t);
    n = conv_ids(e->s2, ids, 8);
    CHECK(n == 1 && !strcmp(ids[0], "g"));
    jfree(ids, n);

    /* subscriptions */
    CHECK_INT(TIMConvSubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conv_type\":1}"), TIM_SUCC);
    CHECK_INT(TIMConvSubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conv_type\":1}"), TIM_SUCC); /* one */
    rec_reset();
    t = tok();
    ev* r = ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_unread_num\":6}]", cb_result, TOK(t)), t);
    int filt = 0, tot = 0;
    for (int i = 0; i < r->seq; i++) {
        ev* x = rec_get(i);
        if (x->kind == EV_FILTER) {
            filt++;
            CHECK_INT(x->total, 6);
            CHECK(strstr(x->s1, "conversation_list_filter_conv_type") != NULL);
        }
        if (x->kind == EV_TOTAL) {
            tot++;
            CHECK_INT(x->total, 6 + 7);
        }
    }
    CHECK_INT(filt, 1);
    CHECK_INT(tot, 1);
    CHECK_INT(TIMConvUnsubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conv_type\":1}"), TIM_SUCC);
    CHECK_INT(TIMConvUnsubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conv_type\":2}"), TIM_SUCC); /* unknown */
    rec_reset();
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_unread_num\":1}]");
    barrier();
    CHECK_INT(rec_count_kind(EV_FILTER), 0);

    /* pin */
    rec_reset();
    t = tok();
    r = ACCEPT(TIMConvPinConversation("a", kTIMConv_C2C, true, cb_result, TOK(t)), t);
    CHECK_INT(r->code, 0);
    CHECK_STR(r->s2, "");
    CHECK_INT(rec_count_kind(EV_CONV), 1);
    l = list_all();
    n = conv_ids(l->s2, ids, 8);
    CHECK(n >= 1 && !strcmp(ids[0], "a"));
    jfree(ids, n);
    rec_reset();
    t = tok();
    CHECK_INT(ACCEPT(TIMConvPinConversation("a", kTIMConv_C2C, true, cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(rec_count_kind(EV_CONV), 0); /* already pinned: no event */

    /* marks: single bits, ascending, exact uint64 */
    t = tok();
    ACCEPT(TIMConvMarkConversation("[\"c2c_a\"]", kTIMConversationMarkTypeStar | kTIMConversationMarkTypeHide | (1ULL << 63), true,
                                   cb_result, TOK(t)), t);
    t = tok();
    ACCEPT(TIMConvMarkConversation("[\"c2c_a\"]", 1ULL << 40, true, cb_result, TOK(t)), t);
    l = list_all();
    a = conv_obj(l->s2, "a");
    CHECKF(a && strstr(a, "\"conv_mark_array\":[1,8,1099511627776,9223372036854775808]"), "marks: %.400s", a ? a : "");
    free(a);
    t = tok();
    ACCEPT(TIMConvMarkConversation("[\"c2c_a\"]", kTIMConversationMarkTypeHide, false, cb_result, TOK(t)), t);
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_mark_type\":1}", 0, 10, cb_result, TOK(t)), t);
    n = conv_ids(e->s2, ids, 8);
    CHECK(n == 1 && !strcmp(ids[0], "a"));
    jfree(ids, n);
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_mark_type\":0}", 0, 10, cb_result, TOK(t)), t);
    CHECK(!has_conv(e->s2, "a") && has_conv(e->s2, "b"));
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_mark_type\":9}", 0, 10, cb_result, TOK(t)), t);
    CHECK(!has_conv(e->s2, "a")); /* Hide was cleared: not all bits */

    /* custom data */
    t = tok();
    ACCEPT(TIMConvSetConversationCustomData("[\"c2c_a\",\"group_g\"]", "hello", cb_result, TOK(t)), t);
    l = list_all();
    a = conv_obj(l->s2, "a");
    CHECK(a && strstr(a, "hello"));
    free(a);
    t = tok();
    ACCEPT(TIMConvSetConversationCustomData("[\"c2c_a\"]", "", cb_result, TOK(t)), t);
    l = list_all();
    a = conv_obj(l->s2, "a");
    CHECK(a && !strstr(a, "hello"));
    free(a);

    /* drafts: synchronous, event Update */
    rec_reset();
    CHECK_INT(TIMConvSetDraft("b", kTIMConv_C2C, "{\"draft_msg\":{\"text\":\"hi\"},\"draft_user_define\":\"ud\",\"draft_edit_time\":99}"), TIM_SUCC);
    l = list_all();
    char* b = conv_obj(l->s2, "b");
    CHECK(b && jbool(b, "conv_is_has_draft", -1) == 1 && strstr(b, "\"ud\"") && strstr(b, "\"text\":\"hi\"") && jint(b, "draft_edit_time", 0) == 99);
    free(b);
    CHECK(rec_count_kind(EV_CONV) >= 1);
    CHECK_INT(TIMConvCancelDraft("b", kTIMConv_C2C), TIM_SUCC);
    l = list_all();
    b = conv_obj(l->s2, "b");
    CHECK(b && jbool(b, "conv_is_has_draft", -1) == 0);
    free(b);
    CHECK_INT(TIMConvSetDraft("b", kTIMConv_C2C, "{\"draft_user_define\":\"now\"}"), TIM_SUCC);
    l = list_all();
    b = conv_obj(l->s2, "b");
    CHECK(b && jint(b, "draft_edit_time", 0) > 1000000000); /* the current time when absent */
    free(b);

    /* clean unread */
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCleanConversationUnreadMessageCount("c2c_a", 0, 0, cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(total_unread(), 7);
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCleanConversationUnreadMessageCount("c2c", 1, 2, cb_result, TOK(t)), t)->code, 0);
    l = list_all();
    b = conv_obj(l->s2, "b");
    CHECK(b && jint(b, "conv_unread_num", -1) == 0);
    free(b);
    CHECK_INT(total_unread(), 7);
    rec_reset();
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCleanConversationUnreadMessageCount("group", 0, 0, cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(total_unread(), 0);
    CHECK(rec_count_kind(EV_TOTAL) == 1);
    upsert_ok("[{\"conv_id\":\"g\",\"conv_type\":2,\"conv_unread_num\":2}]");
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCleanConversationUnreadMessageCount("", 0, 0, cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(total_unread(), 0);

    /* delete */
    rec_reset();
    t = tok();
    r = ACCEPT(TIMConvDelete("a", kTIMConv_C2C, cb_result, TOK(t)), t);
    CHECK_INT(r->code, 0);
    int del = -1;
    for (int i = 0; i < r->seq; i++)
        if (rec_get(i)->kind == EV_CONV && rec_get(i)->code == kTIMConvEvent_Del) del = i;
    CHECK(del >= 0 && has_conv(rec_get(del)->s1, "a") && strstr(rec_get(del)->s1, "\"conv_is_pinned\":true"));
    l = list_all();
    CHECK(!has_conv(l->s2, "a"));
    t = tok();
    CHECK_INT(ACCEPT(TIMConvDelete("a", kTIMConv_C2C, cb_result, TOK(t)), t)->code, ERR_INVALID_CONVERSATION);
    t = tok();
    e = ACCEPT(TIMConvDeleteConversationList("[\"c2c_b\",\"c2c_nobody\",\"bad\",\"group_g\"]", true, cb_result, TOK(t)), t);
    long long c[8];
    n = op_codes(e->s2, c, 8);
    CHECKF(e->code == 0 && n == 4 && c[0] == 0 && c[1] == ERR_INVALID_CONVERSATION && c[2] == ERR_INVALID_PARAMETERS && c[3] == 0,
           "delete list: %.300s", e->s2);
    l = list_all();
    n = conv_ids(l->s2, ids, 8);
    CHECK(n == 1 && !strcmp(ids[0], "big"));
    jfree(ids, n);
    /* a deleted conversation can come back, fresh */
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1}]");
    l = list_all();
    a = conv_obj(l->s2, "a");
    CHECK(a && jbool(a, "conv_is_pinned", -1) == 0 && strstr(a, "\"conv_mark_array\":[]"));
    free(a);
    uninit_ok();
}
