/* t_groups.c — conversation groups and filtered paging (header sections 5 and 6). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static int code_of(int rc, uintptr_t t, const char* what) {
    ev* e = expect_accepted(rc, t, what);
    return e->code;
}
#define CODE(call, t) ({ int rc_ = (call); code_of(rc_, (t), #call); })

/* per-item codes must equal want[] */
static void items(ev* e, const long long* want, int n, const char* what, int line) {
    long long got[128];
    int m = op_codes(e->s2, got, 128), same = e->code == 0 && m == n;
    for (int i = 0; same && i < n; i++) same = got[i] == want[i];
    h_check(same, __FILE__, line, "%s: code %d, items %.500s", what, e->code, e->s2);
}
#define ITEMS(call, t, ...)                                                       \
    do {                                                                          \
        const long long w_[] = {__VA_ARGS__};                                     \
        ev* e_ = ACCEPT(call, t);                                                 \
        items(e_, w_, (int)(sizeof w_ / sizeof w_[0]), #call, __LINE__);          \
    } while (0)

static int group_list(char** out, int max) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    return jarr_strs(e->s2, out, max);
}

static int group_exists(const char* name) {
    char* g[64];
    int n = group_list(g, 64), found = 0;
    for (int i = 0; i < n; i++) found |= strcmp(g[i], name) == 0;
    jfree(g, n);
    return found;
}

static int events_between(int kind, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) n += rec_get(i)->kind == kind;
    return n;
}

#define E6017 ERR_INVALID_PARAMETERS
#define E6004 ERR_INVALID_CONVERSATION
#define E51006 ERR_SVR_CONV_CONV_MARK_REQ_COUNT_EXCEED_LIMIT
#define E51008 ERR_SVR_CONV_CONV_MARK_TOTAL_COUNT_EXCEED_LIMIT
#define E51009 ERR_SVR_CONV_CONV_GROUP_NOT_EXIST
#define E51010 ERR_SVR_CONV_CONV_GROUP_TOTAL_COUNT_EXCEED_LIMIT
#define E51011 ERR_SVR_CONV_CONV_GROUP_NAME_EXCEED_LENGTH
#define E51012 ERR_SVR_CONV_CONV_GROUP_NAME_ALREADY_EXISTS
#define U1 "[\"c2c_u1\"]"

void t_group_rules(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"u1\",\"conv_type\":1},{\"conv_id\":\"u2\",\"conv_type\":1},{\"conv_id\":\"u3\",\"conv_type\":1},"
              "{\"conv_id\":\"u4\",\"conv_type\":1},{\"conv_id\":\"g1\",\"conv_type\":2}]");
    uintptr_t t;
    char* n33 = big_string(33, 'n');
    char* bad40 = big_string(40, '\xff');
    char* ids101 = id_array("u", 0, 101);

    /* 1. name: empty / not UTF-8 → 6017 (before the length), longer than 32 → 51011 */
    CHECK_INT(CODE(TIMConvCreateConversationGroup("", U1, cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("\xff", U1, cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvCreateConversationGroup(bad40, U1, cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvCreateConversationGroup(n33, U1, cb_result, TOK(t = tok())), t), E51011);
    /* rule 1 before rule 2 */
    CHECK_INT(CODE(TIMConvCreateConversationGroup(n33, "[]", cb_result, TOK(t = tok())), t), E51011);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("", "[]", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvCreateConversationGroup(n33, ids101, cb_result, TOK(t = tok())), t), E51011);
    /* 2. ID array: empty → 6017, more than 100 → 51006 */
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g", "[]", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g", ids101, cb_result, TOK(t = tok())), t), E51006);
    char* none[4];
    CHECK_INT(group_list(none, 4), 0); /* none of that created anything */

    /* 3. create: 20 groups → 51010 (before "exists"), name exists → 51012 */
    for (int i = 1; i <= 20; i++) {
        char name[16];
        snprintf(name, sizeof name, "g%02d", i);
        CHECK_INT(CODE(TIMConvCreateConversationGroup(name, U1, cb_result, TOK(t = tok())), t), 0);
    }
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g21", U1, cb_result, TOK(t = tok())), t), E51010);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g01", U1, cb_result, TOK(t = tok())), t), E51010);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g21", "[]", cb_result, TOK(t = tok())), t), E6017); /* 2 before 3 */
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g21", ids101, cb_result, TOK(t = tok())), t), E51006);
    CHECK(!group_exists("g21"));
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("g20", cb_result, TOK(t = tok())), t), 0);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("g01", U1, cb_result, TOK(t = tok())), t), E51012);
    CHECK_INT(CODE(TIMConvCreateConversationGroup("G01", U1, cb_result, TOK(t = tok())), t), 0); /* exact bytes */
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("G01", cb_result, TOK(t = tok())), t), 0);

    /* others: group missing → 51009, after rules 1 and 2 */
    CHECK_INT(CODE(TIMConvAddConversationsToGroup("nope", U1, cb_result, TOK(t = tok())), t), E51009);
    CHECK_INT(CODE(TIMConvDeleteConversationsFromGroup("nope", U1, cb_result, TOK(t = tok())), t), E51009);
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("nope", cb_result, TOK(t = tok())), t), E51009);
    CHECK_INT(CODE(TIMConvRenameConversationGroup("nope", "x", cb_result, TOK(t = tok())), t), E51009);
    CHECK_INT(CODE(TIMConvAddConversationsToGroup("G02", U1, cb_result, TOK(t = tok())), t), E51009); /* case */
    CHECK_INT(CODE(TIMConvAddConversationsToGroup("nope", "[]", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvAddConversationsToGroup("nope", ids101, cb_result, TOK(t = tok())), t), E51006);
    CHECK_INT(CODE(TIMConvDeleteConversationsFromGroup("nope", "[]", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvAddConversationsToGroup(n33, "[]", cb_result, TOK(t = tok())), t), E51011);
    CHECK_INT(CODE(TIMConvAddConversationsToGroup("", U1, cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvDeleteConversationGroup(n33, cb_result, TOK(t = tok())), t), E51011);
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("\xff", cb_result, TOK(t = tok())), t), E6017);

    /* rename */
    rec_reset();
    CHECK_INT(CODE(TIMConvRenameConversationGroup("g01", "g02", cb_result, TOK(t = tok())), t), E51012);
    CHECK_INT(CODE(TIMConvRenameConversationGroup("g01", "", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvRenameConversationGroup("g01", n33, cb_result, TOK(t = tok())), t), E51011);
    CHECK_INT(CODE(TIMConvRenameConversationGroup("", "x", cb_result, TOK(t = tok())), t), E6017);
    CHECK_INT(CODE(TIMConvRenameConversationGroup(n33, "x", cb_result, TOK(t = tok())), t), E51011);
    CHECK_INT(CODE(TIMConvRenameConversationGroup("g01", "g01", cb_result, TOK(t = tok())), t), 0);
    barrier();
    CHECK_INT(rec_count_kind(EV_GRENAMED), 0); /* new == old: success, no event */
    CHECK_INT(CODE(TIMConvRenameConversationGroup("g01", "renamed", cb_result, TOK(t = tok())), t), 0);
    barrier();
    CHECK_INT(rec_count_kind(EV_GRENAMED), 1);
    char* g[32];
    int n = group_list(g, 32);
    CHECKF(n == 19 && !strcmp(g[0], "renamed") && !strcmp(g[1], "g02") && !strcmp(g[18], "g19"),
           "creation order kept after rename (%d groups, first %s)", n, n ? g[0] : "-");
    jfree(g, n);

    /* 4. per item */
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("g19", cb_result, TOK(t = tok())), t), 0);
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("g18", cb_result, TOK(t = tok())), t), 0);
    char* id129 = big_string(129, 'x');
    char mix[1024];
    snprintf(mix, sizeof mix,
             "[\"c2c_u2\",\"bad\",\"c2c_nobody\",\"c2c_u2\",\"group_g1\",\"c2c_\",\"C2C_u3\",\"c2c_%s\",\"group_u2\"]", id129);
    rec_reset();
    t = tok();
    ev* e = ACCEPT(TIMConvCreateConversationGroup("mix", mix, cb_result, TOK(t)), t);
    {
        const long long w[] = {0, E6017, E6004, 0, 0, E6017, E6017, E6017, E6004};
        items(e, w, 9, "create mix", __LINE__);
    }
    char* ids[16];
    n = jstrs(e->s2, "conversation_operation_result_conversation_id", ids, 16);
    CHECKF(n == 9 && !strcmp(ids[0], "c2c_u2") && !strcmp(ids[1], "bad") && !strcmp(ids[3], "c2c_u2") && !strcmp(ids[4], "group_g1"),
           "result IDs echo the input, in order: %.300s", e->s2);
    jfree(ids, n);
    CHECK_INT(events_between(EV_GCREATED, 0, e->seq), 1);
    int ci = -1;
    for (int i = 0; i < e->seq; i++)
        if (rec_get(i)->kind == EV_GCREATED) ci = i;
    if (ci >= 0) {
        ev* c = rec_get(ci);
        CHECK_STR(c->s1, "mix");
        n = conv_ids(c->s2, ids, 16);
        CHECKF(n == 2 && has_conv(c->s2, "u2") && has_conv(c->s2, "g1"), "created listener: the 2 added: %.300s", c->s2);
        jfree(ids, n);
    }
    /* already a member / not a member: 0, no change, no listener */
    rec_reset();
    ITEMS(TIMConvAddConversationsToGroup("mix", "[\"c2c_u2\"]", cb_result, TOK(t = tok())), t, 0);
    ITEMS(TIMConvDeleteConversationsFromGroup("mix", "[\"c2c_u4\"]", cb_result, TOK(t = tok())), t, 0);
    barrier();
    CHECK_INT(rec_count_kind(EV_GADDED), 0);
    CHECK_INT(rec_count_kind(EV_GREMOVED), 0);
    CHECK_INT(rec_count_kind(EV_CONV), 0);
    /* duplicates: one result each, one addition */
    rec_reset();
    ITEMS(TIMConvAddConversationsToGroup("mix", "[\"c2c_u3\",\"c2c_u3\",\"c2c_nobody\"]", cb_result, TOK(t = tok())), t, 0, 0, E6004);
    barrier();
    CHECK_INT(rec_count_kind(EV_GADDED), 1);
    for (int i = 0; i < rec_count(); i++)
        if (rec_get(i)->kind == EV_GADDED) {
            CHECK_STR(rec_get(i)->s1, "mix");
            CHECKF(jarr_len(rec_get(i)->s2) == 1 && has_conv(rec_get(i)->s2, "u3"), "added: u3 once: %.300s", rec_get(i)->s2);
        }
    rec_reset();
    ITEMS(TIMConvDeleteConversationsFromGroup("mix", "[\"c2c_u3\",\"bad\"]", cb_result, TOK(t = tok())), t, 0, E6017);
    barrier();
    CHECK_INT(rec_count_kind(EV_GREMOVED), 1);
    for (int i = 0; i < rec_count(); i++)
        if (rec_get(i)->kind == EV_GREMOVED) {
            CHECK_INT(rec_get(i)->reason, 0);
            CHECK(has_conv(rec_get(i)->s2, "u3"));
        }
    /* create makes the group even when every item fails */
    rec_reset();
    ITEMS(TIMConvCreateConversationGroup("allbad", "[\"c2c_nobody\",\"x\"]", cb_result, TOK(t = tok())), t, E6004, E6017);
    CHECK(group_exists("allbad"));
    CHECK_INT(rec_count_kind(EV_GCREATED), 1);
    for (int i = 0; i < rec_count(); i++)
        if (rec_get(i)->kind == EV_GCREATED) CHECKF(jarr_len(rec_get(i)->s2) == 0, "created with no member: %s", rec_get(i)->s2);
    /* deleting a group keeps its conversations */
    CHECK_INT(CODE(TIMConvDeleteConversationGroup("mix", cb_result, TOK(t = tok())), t), 0);
    t = tok();
    e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECK(has_conv(e->s2, "u2") && has_conv(e->s2, "g1"));
    CHECK(!group_exists("mix"));
    free(n33);
    free(bad40);
    free(ids101);
    free(id129);
    uninit_ok();
}

void t_group_limits(void) {
    setup("library", "alice");
    upsert_range("m", 0, 1001, 0);
    uintptr_t t;
    for (int k = 0; k < 10; k++) {
        char* ids = id_array("m", k * 100, k * 100 + 100);
        t = tok();
        ev* e = k == 0 ? ACCEPT(TIMConvCreateConversationGroup("big", ids, cb_result, TOK(t)), t)
                       : ACCEPT(TIMConvAddConversationsToGroup("big", ids, cb_result, TOK(t)), t);
        long long c[128];
        int n = op_codes(e->s2, c, 128), ok = e->code == 0 && n == 100;
        for (int i = 0; ok && i < n; i++) ok = c[i] == 0;
        CHECKF(ok, "batch %d of 100 members added", k);
        free(ids);
    }
    /* group at 1000 members: 51008, nothing evicted */
    ITEMS(TIMConvAddConversationsToGroup("big", "[\"c2c_m1000\",\"c2c_m5\"]", cb_result, TOK(t = tok())), t, E51008, 0);
    t = tok();
    ev* e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_conversation_group\":\"big\"}", 0, 1000, cb_result, TOK(t)), t);
    char* ids[1001];
    int n = conv_ids(e->s2, ids, 1001);
    CHECK_INT(n, 1000);
    CHECK(jbool(e->s2, "conversation_list_result_is_finished", 0) == 1);
    CHECK(!has_conv(e->s2, "m1000"));
    jfree(ids, n);
    /* the extended-state budget (1000 conversations) is full */
    ITEMS(TIMConvMarkConversation("[\"c2c_m1000\",\"c2c_m7\"]", kTIMConversationMarkTypeStar, true, cb_result, TOK(t = tok())), t, E51008, 0);
    ITEMS(TIMConvSetConversationCustomData("[\"c2c_m1000\",\"c2c_m8\"]", "cd", cb_result, TOK(t = tok())), t, E51008, 0);
    ITEMS(TIMConvCreateConversationGroup("other", "[\"c2c_m1000\",\"c2c_m9\"]", cb_result, TOK(t = tok())), t, E51008, 0);
    CHECK(group_exists("other"));
    /* free one slot: m0 leaves its only group and has nothing else */
    ITEMS(TIMConvDeleteConversationsFromGroup("big", "[\"c2c_m0\"]", cb_result, TOK(t = tok())), t, 0);
    ITEMS(TIMConvMarkConversation("[\"c2c_m1000\"]", 1ULL << 40, true, cb_result, TOK(t = tok())), t, 0);
    ITEMS(TIMConvMarkConversation("[\"c2c_m0\"]", 1, true, cb_result, TOK(t = tok())), t, E51008);
    /* clearing a mark frees the slot again */
    ITEMS(TIMConvMarkConversation("[\"c2c_m1000\"]", 1ULL << 40, false, cb_result, TOK(t = tok())), t, 0);
    ITEMS(TIMConvMarkConversation("[\"c2c_m0\"]", 1, true, cb_result, TOK(t = tok())), t, 0);
    uninit_ok();
}

static int find_kind(int kind, int from, int to) {
    for (int i = from; i < to; i++)
        if (rec_get(i)->kind == kind) return i;
    return -1;
}

static int find_update(const char* id, int from, int to) {
    for (int i = from; i < to; i++) {
        ev* e = rec_get(i);
        if (e->kind == EV_CONV && e->code == kTIMConvEvent_Update && has_conv(e->s1, id)) return i;
    }
    return -1;
}

void t_group_listeners(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"u1\",\"conv_type\":1},{\"conv_id\":\"u2\",\"conv_type\":1},{\"conv_id\":\"u3\",\"conv_type\":1}]");
    uintptr_t t;
    rec_reset();
    ev* r = ACCEPT(TIMConvCreateConversationGroup("L", "[\"c2c_u1\",\"c2c_u2\"]", cb_result, TOK(t = tok())), t);
    int c = find_kind(EV_GCREATED, 0, r->seq);
    CHECK(c >= 0);
    if (c >= 0) {
        CHECK_STR(rec_get(c)->s1, "L");
        CHECK(has_conv(rec_get(c)->s2, "u1") && has_conv(rec_get(c)->s2, "u2"));
        CHECKF(strstr(rec_get(c)->s2, "\"conv_conversation_group_array\":[\"L\"]") != NULL,
               "ConvInfo carries its group: %.300s", rec_get(c)->s2);
    }
    CHECK(find_update("u1", 0, r->seq) >= 0 && find_update("u2", 0, r->seq) >= 0);
    CHECK(find_update("u3", 0, r->seq) < 0);

    int from = r->seq + 1;
    r = ACCEPT(TIMConvRenameConversationGroup("L", "L2", cb_result, TOK(t = tok())), t);
    c = find_kind(EV_GRENAMED, from, r->seq);
    CHECK(c >= 0);
    if (c >= 0) {
        CHECK_STR(rec_get(c)->s1, "L");
        CHECK_STR(rec_get(c)->s2, "L2");
    }
    int u = find_update("u1", from, r->seq);
    CHECK(u >= 0 && strstr(rec_get(u)->s1, "\"L2\"") != NULL);

    from = r->seq + 1;
    r = ACCEPT(TIMConvAddConversationsToGroup("L2", "[\"c2c_u3\"]", cb_result, TOK(t = tok())), t);
    c = find_kind(EV_GADDED, from, r->seq);
    CHECK(c >= 0 && !strcmp(rec_get(c)->s1, "L2") && has_conv(rec_get(c)->s2, "u3") && !has_conv(rec_get(c)->s2, "u1"));
    CHECK(find_update("u3", from, r->seq) >= 0);

    from = r->seq + 1;
    r = ACCEPT(TIMConvDeleteConversationsFromGroup("L2", "[\"c2c_u1\"]", cb_result, TOK(t = tok())), t);
    c = find_kind(EV_GREMOVED, from, r->seq);
    CHECK(c >= 0 && !strcmp(rec_get(c)->s1, "L2") && has_conv(rec_get(c)->s2, "u1") && rec_get(c)->reason == 0);
    u = find_update("u1", from, r->seq);
    CHECK(u >= 0 && strstr(rec_get(u)->s1, "\"conv_conversation_group_array\":[]") != NULL);

    /* deleting a conversation: it leaves its groups (reason 0), then Del with the ConvInfo */
    from = r->seq + 1;
    r = ACCEPT(TIMConvDelete("u2", kTIMConv_C2C, cb_result, TOK(t = tok())), t);
    CHECK_INT(r->code, 0);
    c = find_kind(EV_GREMOVED, from, r->seq);
    int d = -1;
    for (int i = from; i < r->seq; i++)
        if (rec_get(i)->kind == EV_CONV && rec_get(i)->code == kTIMConvEvent_Del) d = i;
    CHECK(c >= 0 && rec_get(c)->reason == 0 && has_conv(rec_get(c)->s2, "u2"));
    CHECK(d >= 0 && has_conv(rec_get(d)->s1, "u2"));
    CHECK(c < d);

    from = r->seq + 1;
    r = ACCEPT(TIMConvDeleteConversationGroup("L2", cb_result, TOK(t = tok())), t);
    c = find_kind(EV_GDELETED, from, r->seq);
    CHECK(c >= 0 && !strcmp(rec_get(c)->s1, "L2"));
    CHECK(find_update("u3", from, r->seq) >= 0);
    CHECK_STR(r->s2, "");
    /* group list callback json is an array of strings; empty now */
    t = tok();
    ev* gl = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECK_INT(jarr_len(gl->s2), 0);
    CHECK_INT(rec_concurrency_violations(), 0);
    uninit_ok();
}

/* ---- paging ---------------------------------------------------------------------------- */

typedef struct {
    char* ids[64];
    int n;
    unsigned long long next;
    int finished;
    int code;
} page;

static page get_page(const char* filter, unsigned long long next, uint32_t count) {
    page p = {0};
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetConversationListByFilter(filter, next, count, cb_result, TOK(t)), t);
    p.code = e->code;
    p.n = conv_ids(e->s2, p.ids, 64);
    p.next = ju64(e->s2, "conversation_list_result_next_seq", 0);
    p.finished = jbool(e->s2, "conversation_list_result_is_finished", -1);
    return p;
}

void t_paging(void) {
    setup("library", "alice");
    upsert_range("p", 0, 23, 1000); /* p22 newest */
    char* even = malloc(1024);
    int len = sprintf(even, "[");
    for (int i = 0; i < 23; i += 2) len += sprintf(even + len, "%s\"c2c_p%d\"", i ? "," : "", i);
    sprintf(even + len, "]");
    uintptr_t t;
    ACCEPT(TIMConvCreateConversationGroup("pg", even, cb_result, TOK(t = tok())), t);
    free(even);
    const char* f = "{\"conversation_list_filter_conversation_group\":\"pg\"}";
    /* 12 members by 5: 5, 5, 2 */
    int sizes[8], pages = 0, order_ok = 1, expect = 22;
    unsigned long long next = 0;
    for (;;) {
        page p = get_page(f, next, 5);
        CHECK_INT(p.code, 0);
        if (pages < 8) sizes[pages] = p.n;
        pages++;
        for (int i = 0; i < p.n; i++) {
            char want[16];
            snprintf(want, sizeof want, "p%d", expect);
            order_ok &= strcmp(p.ids[i], want) == 0;
            expect -= 2;
        }
        jfree(p.ids, p.n);
        if (p.finished == 1 || pages > 6) break;
        CHECK_INT(p.finished, 0);
        next = p.next;
    }
    CHECK_INT(pages, 3);
    CHECK(pages == 3 && sizes[0] == 5 && sizes[1] == 5 && sizes[2] == 2);
    CHECKF(order_ok && expect == -2, "group pages list p22, p20, ... p0 in order");
    /* the same next_seq reads the same position again */
    page a = get_page(f, 0, 5);
    page b = get_page(f, a.next, 5);
    page b2 = get_page(f, a.next, 5);
    int same = b.n == b2.n;
    for (int i = 0; same && i < b.n; i++) same = !strcmp(b.ids[i], b2.ids[i]);
    CHECK(same && b.n == 5 && !strcmp(b.ids[0], "p12"));
    jfree(a.ids, a.n);
    jfree(b.ids, b.n);
    jfree(b2.ids, b2.n);
    /* everything, pinned first */
    ACCEPT(TIMConvPinConversation("p3", kTIMConv_C2C, true, cb_result, TOK(t = tok())), t);
    page all = get_page("{}", 0, 100);
    CHECK_INT(all.n, 23);
    CHECK(all.n > 1 && !strcmp(all.ids[0], "p3") && !strcmp(all.ids[1], "p22"));
    CHECK_INT(all.finished, 1);
    jfree(all.ids, all.n);
    /* filters combine: group pg and c2c; in no group; a group that does not exist */
    page ng = get_page("{\"conversation_list_filter_conversation_group\":\"\"}", 0, 100);
    CHECK_INT(ng.n, 11); /* the odd ones */
    jfree(ng.ids, ng.n);
    page none = get_page("{\"conversation_list_filter_conversation_group\":\"nope\"}", 0, 10);
    CHECK(none.code == 0 && none.n == 0 && none.finished == 1);
    page grp = get_page("{\"conversation_list_filter_conv_type\":2}", 0, 10);
    CHECK(grp.code == 0 && grp.n == 0 && grp.finished == 1);
    /* exactly count left: the page is full; finished on it or on an empty page after it */
    page ex = get_page(f, 0, 12);
    CHECK_INT(ex.n, 12);
    if (ex.finished != 1) {
        page tail = get_page(f, ex.next, 12);
        CHECK(tail.n == 0 && tail.finished == 1);
    }
    jfree(ex.ids, ex.n);
    uninit_ok();
}

void t_paging_stability(void) {
    setup("library", "alice");
    upsert_range("q", 0, 30, 1000); /* q29 newest */
    page p1 = get_page("{}", 0, 10);
    CHECK_INT(p1.n, 10);
    /* changes between pages: a new newest conversation, a deleted one already read, a deleted
     * one not yet read, an updated one not yet read, a pinned one not yet read */
    upsert_ok("[{\"conv_id\":\"qnew\",\"conv_type\":1,\"conv_active_time\":5000}]");
    uintptr_t t;
    ACCEPT(TIMConvDelete("q25", kTIMConv_C2C, cb_result, TOK(t = tok())), t);
    ACCEPT(TIMConvDelete("q15", kTIMConv_C2C, cb_result, TOK(t = tok())), t);
    upsert_ok("[{\"conv_id\":\"q12\",\"conv_type\":1,\"conv_active_time\":9000}]");
    ACCEPT(TIMConvPinConversation("q5", kTIMConv_C2C, true, cb_result, TOK(t = tok())), t);
    int seen[30] = {0};
    for (int i = 0; i < p1.n; i++) {
        int k = atoi(p1.ids[i] + 1);
        if (p1.ids[i][0] == 'q' && k >= 0 && k < 30) seen[k]++;
    }
    jfree(p1.ids, p1.n);
    unsigned long long next = p1.next;
    for (int guard = 0; guard < 10; guard++) {
        page p = get_page("{}", next, 10);
        CHECK_INT(p.code, 0);
        for (int i = 0; i < p.n; i++) {
            if (strcmp(p.ids[i], "qnew") == 0) continue;
            int k = atoi(p.ids[i] + 1);
            if (k >= 0 && k < 30) seen[k]++;
        }
        jfree(p.ids, p.n);
        if (p.finished == 1) break;
        next = p.next;
    }
    int skipped = 0, repeated = 0;
    for (int k = 0; k < 30; k++) {
        if (k == 25 || k == 15 || k == 12 || k == 5) continue; /* changed */
        skipped += seen[k] == 0;
        repeated += seen[k] > 1;
    }
    CHECKF(skipped == 0, "%d unchanged conversations skipped", skipped);
    CHECKF(repeated == 0, "%d unchanged conversations repeated", repeated);
    CHECK(seen[15] == 0);
    CHECK(seen[25] == 1);
    uninit_ok();
}
