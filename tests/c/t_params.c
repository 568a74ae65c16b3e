/* t_params.c — NULL pointers, malformed JSON, bad values, huge inputs (header: calling model). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define ARR1 "[\"c2c_a\"]"
#define R cb_result, REJECT_UD

void t_null_pointers(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_unread_num\":2}]");
    CHECK_INT(TIMInit(1, NULL), TIM_SUCC); /* NULL = defaults; already initialised: no change */
    CHECK_INT(TIMLogin(NULL, "sig", R), TIM_ERR_PARAM);
    CHECK_INT(TIMLogin("alice", NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMGetLoginUserID(NULL), TIM_ERR_PARAM);
    CHECK_INT(TIMConvUpsertConversations(NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvGetConvInfo(NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvDelete(NULL, kTIMConv_C2C, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvDeleteConversationList(NULL, true, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetDraft(NULL, kTIMConv_C2C, "{}"), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetDraft("a", kTIMConv_C2C, NULL), TIM_ERR_PARAM);
    CHECK_INT(TIMConvCancelDraft(NULL, kTIMConv_C2C), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetConversationCustomData(NULL, "x", R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetConversationCustomData(ARR1, NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvPinConversation(NULL, kTIMConv_C2C, true, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvMarkConversation(NULL, 1, true, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvCreateConversationGroup(NULL, ARR1, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvCreateConversationGroup("g", NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvDeleteConversationGroup(NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvRenameConversationGroup(NULL, "b", R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvRenameConversationGroup("a", NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvAddConversationsToGroup(NULL, ARR1, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvAddConversationsToGroup("g", NULL, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvDeleteConversationsFromGroup(NULL, ARR1, R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvDeleteConversationsFromGroup("g", NULL, R), TIM_ERR_PARAM);
    /* -4 comes before -3 */
    CHECK_INT(TIMConvCreateConversationGroup(NULL, "nope", R), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetDraft(NULL, kTIMConv_C2C, "nope"), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetConversationCustomData("nope", NULL, R), TIM_ERR_PARAM);

    /* optional pointers: NULL filter = everything, NULL conversation_id = all, NULL cb = none */
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetUnreadMessageCountByFilter(NULL, cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    CHECK_INT(jint(e->s2, "conv_get_total_unread_message_count_result_unread_count", -1), 2);
    CHECK_INT(TIMConvSubscribeUnreadMessageCountByFilter(NULL), TIM_SUCC);
    CHECK_INT(TIMConvUnsubscribeUnreadMessageCountByFilter(NULL), TIM_SUCC);
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter(NULL, 0, 10, cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    CHECK(has_conv(e->s2, "a"));
    CHECK_INT(jbool(e->s2, "conversation_list_result_is_finished", -1), 1);
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCleanConversationUnreadMessageCount(NULL, 0, 0, cb_result, TOK(t)), t)->code, 0);
    t = tok();
    e = ACCEPT(TIMConvGetTotalUnreadMessageCount(cb_result, TOK(t)), t);
    CHECK_INT(jint(e->s2, "conv_get_total_unread_message_count_result_unread_count", -1), 0);
    CHECK_INT(TIMConvGetConvList(NULL, NULL), TIM_SUCC);
    CHECK_INT(TIMConvGetConvList(NULL, REJECT_UD), TIM_SUCC); /* no cb: nothing calls back */
    CHECK_INT(TIMConvCreateConversationGroup("g", ARR1, NULL, NULL), TIM_SUCC);
    t = tok();
    e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECK(strstr(e->s2, "\"g\"") != NULL);
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}

/* rc is -3, or the call was accepted and the callback reports `code` (for inputs whose
 * classification as "wrong shape" vs "bad value" the contract leaves open). */
static void json_or_code(int rc, uintptr_t t, int code, const char* what) {
    if (rc == TIM_ERR_JSON) {
        h_check(1, __FILE__, __LINE__, "%s", what);
        return;
    }
    ev* e = expect_accepted(rc, t, what);
    h_check(e->code == code, __FILE__, __LINE__, "%s: code %d, want %d or TIM_ERR_JSON", what, e->code, code);
}

/* rc is -3, or accepted with every per-item code == code. */
static void json_or_items(int rc, uintptr_t t, int code, const char* what) {
    if (rc == TIM_ERR_JSON) {
        h_check(1, __FILE__, __LINE__, "%s", what);
        return;
    }
    ev* e = expect_accepted(rc, t, what);
    long long c[8];
    int n = op_codes(e->s2, c, 8);
    h_check(e->code == 0 && n == 1 && c[0] == code, __FILE__, __LINE__, "%s: code %d, items %.200s", what, e->code, e->s2);
}

void t_bad_json(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1}]");
    const char* not_arrays[] = {"", "nope", "[", "[\"c2c_a\"", "{}", "{\"a\":1}", "\"c2c_a\"", "1", "null", "[1]",
                                "[\"c2c_a\",2]", "[null]", "[[\"c2c_a\"]]", "[{}]", "[true]", "[\"c2c_a\"]x"};
    int n = (int)(sizeof not_arrays / sizeof not_arrays[0]);
    for (int i = 0; i < n; i++) {
        const char* j = not_arrays[i];
        CHECKF(TIMConvDeleteConversationList(j, false, R) == TIM_ERR_JSON, "delete list %s", j);
        CHECKF(TIMConvSetConversationCustomData(j, "x", R) == TIM_ERR_JSON, "custom data %s", j);
        CHECKF(TIMConvMarkConversation(j, 1, true, R) == TIM_ERR_JSON, "mark %s", j);
        CHECKF(TIMConvCreateConversationGroup("g", j, R) == TIM_ERR_JSON, "create %s", j);
        CHECKF(TIMConvAddConversationsToGroup("g", j, R) == TIM_ERR_JSON, "add %s", j);
        CHECKF(TIMConvDeleteConversationsFromGroup("g", j, R) == TIM_ERR_JSON, "delete from %s", j);
    }
    const char* not_objects[] = {"", "nope", "{", "[]", "[{}]", "\"x\"", "1", "true", "{\"a\":}", "{} {}"};
    n = (int)(sizeof not_objects / sizeof not_objects[0]);
    for (int i = 0; i < n; i++) {
        const char* j = not_objects[i];
        CHECKF(TIMConvGetConversationListByFilter(j, 0, 10, R) == TIM_ERR_JSON, "filter %s", j);
        CHECKF(TIMConvGetUnreadMessageCountByFilter(j, R) == TIM_ERR_JSON, "unread filter %s", j);
        CHECKF(TIMConvSubscribeUnreadMessageCountByFilter(j) == TIM_ERR_JSON, "subscribe %s", j);
        CHECKF(TIMConvUnsubscribeUnreadMessageCountByFilter(j) == TIM_ERR_JSON, "unsubscribe %s", j);
        CHECKF(TIMConvSetDraft("a", kTIMConv_C2C, j) == TIM_ERR_JSON, "draft %s", j);
    }
    const char* bad_upserts[] = {"", "nope", "{}", "{\"conv_id\":\"a\",\"conv_type\":1}", "[", "\"x\"", "null"};
    n = (int)(sizeof bad_upserts / sizeof bad_upserts[0]);
    for (int i = 0; i < n; i++) CHECKF(TIMConvUpsertConversations(bad_upserts[i], R) == TIM_ERR_JSON, "upsert %s", bad_upserts[i]);
    const char* bad_info[] = {"", "nope", "{}", "[", "\"x\""};
    n = (int)(sizeof bad_info / sizeof bad_info[0]);
    for (int i = 0; i < n; i++) CHECKF(TIMConvGetConvInfo(bad_info[i], R) == TIM_ERR_JSON, "conv info %s", bad_info[i]);

    /* wrong value types inside otherwise good JSON: -3, or accepted with 6017 */
    uintptr_t t = tok();
    json_or_code(TIMConvGetConversationListByFilter("{\"conversation_list_filter_conv_type\":\"x\"}", 0, 10, cb_result, TOK(t)), t,
                 ERR_INVALID_PARAMETERS, "filter conv_type string");
    t = tok();
    json_or_code(TIMConvGetConversationListByFilter("{\"conversation_list_filter_conversation_group\":5}", 0, 10, cb_result, TOK(t)), t,
                 ERR_INVALID_PARAMETERS, "filter group number");
    t = tok();
    json_or_code(TIMConvGetConversationListByFilter("{\"conversation_list_filter_has_unread_count\":\"yes\"}", 0, 10, cb_result, TOK(t)), t,
                 ERR_INVALID_PARAMETERS, "filter bool string");
    t = tok();
    json_or_code(TIMConvGetUnreadMessageCountByFilter("{\"conversation_list_filter_mark_type\":-1}", cb_result, TOK(t)), t,
                 ERR_INVALID_PARAMETERS, "filter mark -1");
    /* invalid UTF-8 inside a JSON string: -3, or the item is 6017 */
    t = tok();
    json_or_code(TIMConvAddConversationsToGroup("g0", "[\"c2c_\xff\xfe\"]", cb_result, TOK(t)), t,
                 ERR_SVR_CONV_CONV_GROUP_NOT_EXIST, "invalid UTF-8 ID, group missing");
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCreateConversationGroup("g0", ARR1, cb_result, TOK(t)), t)->code, 0);
    t = tok();
    json_or_items(TIMConvAddConversationsToGroup("g0", "[\"c2c_\xff\xfe\"]", cb_result, TOK(t)), t, ERR_INVALID_PARAMETERS,
                  "invalid UTF-8 ID");
    t = tok();
    json_or_items(TIMConvMarkConversation("[\"c2c_\xc3\"]", 1, true, cb_result, TOK(t)), t, ERR_INVALID_PARAMETERS,
                  "truncated UTF-8 ID");
    /* escaped NUL and escapes in IDs are just bytes of the ID */
    t = tok();
    ev* e = ACCEPT(TIMConvMarkConversation("[\"c2c_a\\u0000b\",\"c2c_\\u0061\"]", 1, true, cb_result, TOK(t)), t);
    long long c[4];
    CHECK_INT(op_codes(e->s2, c, 4), 2);
    CHECKF(c[0] == ERR_INVALID_CONVERSATION || c[0] == ERR_INVALID_PARAMETERS, "ID with NUL: %lld", c[0]);
    CHECK_INT(c[1], 0); /* "c2c_\u0061" is c2c_a */
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}

static void expect_code(int rc, uintptr_t t, int code, const char* what) {
    ev* e = expect_accepted(rc, t, what);
    h_check(e->code == code, __FILE__, __LINE__, "%s: code %d (%s), want %d", what, e->code, e->s1, code);
    if (code != 0)
        h_check(e->s1 && e->s1[0], __FILE__, __LINE__, "%s: desc names the problem (\"%s\")", what, e->s1);
}
#define EXPECT_CODE(call, t, code)                 \
    do {                                           \
        int rc_ = (call);                          \
        expect_code(rc_, (t), (code), #call);      \
    } while (0)

static void expect_items(int rc, uintptr_t t, const long long* want, int n, const char* what) {
    ev* e = expect_accepted(rc, t, what);
    long long got[128];
    int m = op_codes(e->s2, got, 128);
    int same = e->code == 0 && m == n;
    for (int i = 0; same && i < n; i++) same = got[i] == want[i];
    h_check(same, __FILE__, __LINE__, "%s: code %d, items %.400s", what, e->code, e->s2);
}
#define EXPECT_ITEMS(call, t, ...)                                                        \
    do {                                                                                  \
        const long long w_[] = {__VA_ARGS__};                                             \
        int rc_ = (call);                                                                 \
        expect_items(rc_, (t), w_, (int)(sizeof w_ / sizeof w_[0]), #call);               \
    } while (0)

void t_bad_values(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1},{\"conv_id\":\"b\",\"conv_type\":1},{\"conv_id\":\"g\",\"conv_type\":2}]");
    uintptr_t t;
    char* n33 = big_string(33, 'n');
    char* n32 = big_string(32, 'n');
    char* id129 = big_string(129, 'i');
    char* id128 = big_string(128, 'i');
    char arr[512];

    /* names */
    EXPECT_CODE(TIMConvCreateConversationGroup("", ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup("\xff\xfe", ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup("a\xc3", ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup("\xc0\xaf", ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup("\xed\xa0\x80", ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup(n33, ARR1, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH);
    EXPECT_CODE(TIMConvCreateConversationGroup("中中中中中中中中中中中", ARR1, cb_result, TOK(t = tok())), t,
                ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH); /* 33 bytes */
    EXPECT_CODE(TIMConvCreateConversationGroup(n32, ARR1, cb_result, TOK(t = tok())), t, 0);
    EXPECT_CODE(TIMConvCreateConversationGroup("中中中中中中中中中中", ARR1, cb_result, TOK(t = tok())), t, 0); /* 30 bytes */
    EXPECT_CODE(TIMConvCreateConversationGroup("Grp", ARR1, cb_result, TOK(t = tok())), t, 0);

    /* IDs */
    snprintf(arr, sizeof arr, "[\"c2c_%s\"]", id129);
    EXPECT_ITEMS(TIMConvAddConversationsToGroup("Grp", arr, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    snprintf(arr, sizeof arr, "[\"c2c_%s\"]", id128);
    EXPECT_ITEMS(TIMConvAddConversationsToGroup("Grp", arr, cb_result, TOK(t = tok())), t, ERR_INVALID_CONVERSATION);
    EXPECT_ITEMS(TIMConvAddConversationsToGroup("Grp", "[\"c2c_\",\"group_\",\"a\",\"C2C_a\",\"c2c_a\",\"group_g\",\"c2c_g\",\"system_a\",\"\"]",
                                                cb_result, TOK(t = tok())),
                 t, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, 0, 0,
                 ERR_INVALID_CONVERSATION, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS);

    /* 100 / 101 IDs in one call */
    char* ids100 = id_array("none", 0, 100);
    char* ids101 = id_array("none", 0, 101);
    t = tok();
    ev* e = ACCEPT(TIMConvMarkConversation(ids100, 1, true, cb_result, TOK(t)), t);
    long long codes[128];
    int n = op_codes(e->s2, codes, 128), all6004 = n == 100;
    for (int i = 0; i < n && i < 128; i++) all6004 &= codes[i] == ERR_INVALID_CONVERSATION;
    CHECKF(e->code == 0 && all6004, "100 unknown IDs: per-item 6004 (%d items)", n);
    EXPECT_CODE(TIMConvMarkConversation(ids101, 1, true, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    EXPECT_CODE(TIMConvSetConversationCustomData(ids101, "x", cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    EXPECT_CODE(TIMConvDeleteConversationList(ids101, false, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    EXPECT_CODE(TIMConvCreateConversationGroup("G101", ids101, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    EXPECT_CODE(TIMConvAddConversationsToGroup("Grp", ids101, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    EXPECT_CODE(TIMConvDeleteConversationsFromGroup("Grp", ids101, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT);
    free(ids100);
    free(ids101);
    /* empty arrays */
    EXPECT_CODE(TIMConvMarkConversation("[]", 1, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvSetConversationCustomData("[]", "x", cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDeleteConversationList("[]", false, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);

    /* marks */
    EXPECT_CODE(TIMConvMarkConversation(ARR1, 0, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvMarkConversation(ARR1, 0x10, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvMarkConversation(ARR1, 1ULL << 31, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvMarkConversation(ARR1, 0x1 | (1ULL << 20), true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_ITEMS(TIMConvMarkConversation(ARR1, 1ULL << 32, true, cb_result, TOK(t = tok())), t, 0);
    EXPECT_ITEMS(TIMConvMarkConversation(ARR1, 0xFULL | (1ULL << 63), true, cb_result, TOK(t = tok())), t, 0);

    /* custom data */
    char* cd257 = big_string(257, 'c');
    char* cd256 = big_string(256, 'c');
    EXPECT_CODE(TIMConvSetConversationCustomData(ARR1, cd257, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_ITEMS(TIMConvSetConversationCustomData(ARR1, cd256, cb_result, TOK(t = tok())), t, 0);
    free(cd257);
    free(cd256);

    /* pages */
    EXPECT_CODE(TIMConvGetConversationListByFilter("{}", 0, 0, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvGetConversationListByFilter("{}", 0, 1001, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvGetConversationListByFilter("{}", 0, 1000, cb_result, TOK(t = tok())), t, 0);
    EXPECT_CODE(TIMConvGetConversationListByFilter("{}", 987654321ULL, 10, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvGetConversationListByFilter("{\"conversation_list_filter_conv_type\":7}", 0, 10, cb_result, TOK(t = tok())), t,
                ERR_INVALID_PARAMETERS);

    /* single-conversation calls */
    EXPECT_CODE(TIMConvDelete("a", kTIMConv_System, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete("a", kTIMConv_Invalid, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete("a", (enum TIMConvType)77, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete("", kTIMConv_C2C, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete(id129, kTIMConv_C2C, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete("nobody", kTIMConv_C2C, cb_result, TOK(t = tok())), t, ERR_INVALID_CONVERSATION);
    EXPECT_CODE(TIMConvDelete("a", kTIMConv_Group, cb_result, TOK(t = tok())), t, ERR_INVALID_CONVERSATION); /* type matters */
    EXPECT_CODE(TIMConvPinConversation("nobody", kTIMConv_C2C, true, cb_result, TOK(t = tok())), t, ERR_INVALID_CONVERSATION);
    EXPECT_CODE(TIMConvPinConversation("a", kTIMConv_System, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCleanConversationUnreadMessageCount("c2c_nobody", 0, 0, cb_result, TOK(t = tok())), t, ERR_INVALID_CONVERSATION);
    EXPECT_CODE(TIMConvCleanConversationUnreadMessageCount("bogus", 0, 0, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    CHECK_INT(TIMConvSetDraft("nobody", kTIMConv_C2C, "{}"), TIM_ERR_CONV);
    CHECK_INT(TIMConvCancelDraft("nobody", kTIMConv_C2C), TIM_ERR_CONV);
    CHECK_INT(TIMConvSetDraft("", kTIMConv_C2C, "{}"), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetDraft("a", kTIMConv_System, "{}"), TIM_ERR_PARAM);
    CHECK_INT(TIMConvSetDraft(id129, kTIMConv_C2C, "{}"), TIM_ERR_PARAM);

    /* upsert items */
    EXPECT_ITEMS(TIMConvUpsertConversations("[1,{\"conv_id\":\"x\"},{\"conv_id\":\"x\",\"conv_type\":3},{\"conv_id\":\"\",\"conv_type\":1},"
                                            "{\"conv_id\":\"x\",\"conv_type\":1,\"conv_unread_num\":\"many\"},{\"conv_type\":1},"
                                            "{\"conv_id\":\"ok\",\"conv_type\":1,\"unknown_key\":[1]}]",
                                            cb_result, TOK(t = tok())),
                 t, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS,
                 ERR_INVALID_PARAMETERS, ERR_INVALID_PARAMETERS, 0);
    {
        size_t cap = 10001 * 40 + 16, len = 0;
        char* big = malloc(cap);
        big[len++] = '[';
        for (int i = 0; i < 10001; i++) len += (size_t)snprintf(big + len, cap - len, "%s{\"conv_id\":\"u%d\",\"conv_type\":1}", i ? "," : "", i);
        big[len++] = ']';
        big[len] = 0;
        EXPECT_CODE(TIMConvUpsertConversations(big, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
        free(big);
    }
    t = tok();
    e = ACCEPT(TIMConvGetConvInfo("[{\"get_conversation_list_param_conv_id\":\"a\",\"get_conversation_list_param_conv_type\":9}]",
                                  cb_result, TOK(t)), t);
    CHECK_INT(e->code, ERR_INVALID_PARAMETERS);
    free(n33);
    free(n32);
    free(id129);
    free(id128);
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}

#define MiB16 (16u << 20)

void t_huge_inputs(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1}]");
    uintptr_t t;
    char* big = big_string(MiB16, 'a');
    EXPECT_CODE(TIMConvCreateConversationGroup(big, ARR1, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH);
    EXPECT_CODE(TIMConvRenameConversationGroup("x", big, cb_result, TOK(t = tok())), t, ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH);
    EXPECT_CODE(TIMConvSetConversationCustomData(ARR1, big, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMLogin(big, "sig", cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvDelete(big, kTIMConv_C2C, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCleanConversationUnreadMessageCount(big, 0, 0, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    CHECK_INT(TIMConvSetDraft(big, kTIMConv_C2C, "{}"), TIM_ERR_PARAM);
    big[MiB16 - 1] = '\xff'; /* not UTF-8 at the very end */
    EXPECT_CODE(TIMConvCreateConversationGroup(big, ARR1, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    /* garbage JSON of 16 MiB */
    big[MiB16 - 1] = 'a';
    CHECK_INT(TIMConvGetConversationListByFilter(big, 0, 10, R), TIM_ERR_JSON);
    CHECK_INT(TIMConvMarkConversation(big, 1, true, R), TIM_ERR_JSON);
    CHECK_INT(TIMConvUpsertConversations(big, R), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, big), TIM_SUCC); /* running: nothing to do */
    /* an array holding one 16 MiB ID */
    memcpy(big, "[\"c2c_", 6);
    memcpy(big + MiB16 - 2, "\"]", 2);
    EXPECT_ITEMS(TIMConvMarkConversation(big, 1, true, cb_result, TOK(t = tok())), t, ERR_INVALID_PARAMETERS);
    EXPECT_CODE(TIMConvCreateConversationGroup("h", big, cb_result, TOK(t = tok())), t, 0);
    /* a 16 MiB string value inside a filter */
    const char* pre = "{\"conversation_list_filter_conversation_group\":\"";
    memcpy(big, pre, strlen(pre));
    memcpy(big + MiB16 - 2, "\"}", 2);
    t = tok();
    ev* e = ACCEPT(TIMConvGetConversationListByFilter(big, 0, 10, cb_result, TOK(t)), t);
    CHECKF((e->code == 0 && !has_conv(e->s2, "a")) || e->code == ERR_INVALID_PARAMETERS, "16 MiB group filter: code %d", e->code);
    free(big);
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}

/* Deeply nested JSON must be refused, not crash the process (Go stack limits are fatal). */
void t_deep_json(void) {
    setup("library", "alice");
    size_t n = 4u << 20;
    char* deep = big_string(n, '[');
    CHECK_INT(TIMConvMarkConversation(deep, 1, true, R), TIM_ERR_JSON);
    CHECK_INT(TIMConvUpsertConversations(deep, R), TIM_ERR_JSON);
    CHECK_INT(TIMConvGetConvInfo(deep, R), TIM_ERR_JSON);
    memset(deep, '{', n);
    CHECK_INT(TIMConvGetConversationListByFilter(deep, 0, 10, R), TIM_ERR_JSON);
    /* balanced, inside an otherwise valid upsert item (conv_last_msg is opaque JSON) */
    size_t depth = 1u << 20;
    size_t cap = depth * 2 + 128, len = 0;
    char* j = malloc(cap);
    len += (size_t)snprintf(j, cap, "[{\"conv_id\":\"deep\",\"conv_type\":1,\"conv_last_msg\":");
    memset(j + len, '[', depth);
    len += depth;
    memset(j + len, ']', depth);
    len += depth;
    memcpy(j + len, "}]", 3);
    uintptr_t t = tok();
    int rc = TIMConvUpsertConversations(j, cb_result, TOK(t));
    if (rc == TIM_SUCC) {
        ev* e = wait_result(t);
        CHECKF(e->code == 0 || e->code == ERR_INVALID_PARAMETERS, "deep conv_last_msg: code %d", e->code);
    } else {
        CHECK_INT(rc, TIM_ERR_JSON);
    }
    free(j);
    free(deep);
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}
