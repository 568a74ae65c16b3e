/* t_sweep.c — every function of the conversation API (the 39 of include/timconvgroup.h's sections
 * 3 to 6; the sync calls, TIMConvCreate and the not-supported surface have their own tests) called with NULL,
 * empty, malformed, deeply nested, 16 MiB and invalid-UTF-8 arguments, in every state (not
 * initialised, not logged in, logged in with library and host dispatch). The header's promise is
 * checked on each call: a non-zero TIMResult at once and never a callback, or TIM_SUCC and exactly
 * one callback; callback codes the header documents only (never 6019: nothing here is a storage
 * failure); every string handed to the host valid UTF-8, every JSON argument well-formed. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../common/minijson.h"
#include "harness.h"

#define MiB16 (16u << 20)

/* ---- the bad inputs ---------------------------------------------------------------------- */

typedef struct {
    const char* what;
    char* s; /* NULL for the NULL case */
} bad_input;

static bad_input g_bad[64];
static int g_nbad;

static void add_bad(const char* what, const char* s) {
    g_bad[g_nbad].what = what;
    g_bad[g_nbad].s = s ? xstrdup(s) : NULL;
    g_nbad++;
}
static void add_bad_owned(const char* what, char* s) {
    g_bad[g_nbad].what = what;
    g_bad[g_nbad].s = s;
    g_nbad++;
}

static char* wrap(const char* pre, char* mid, const char* post) {
    size_t a = strlen(pre), b = strlen(mid), c = strlen(post);
    char* s = malloc(a + b + c + 1);
    memcpy(s, pre, a);
    memcpy(s + a, mid, b);
    memcpy(s + a + b, post, c + 1);
    free(mid);
    return s;
}

static void build_bad_inputs(void) {
    if (g_nbad) return;
    add_bad("NULL", NULL);
    add_bad("empty", "");
    add_bad("garbage", "nope");
    add_bad("open bracket", "[");
    add_bad("open brace", "{");
    add_bad("unterminated string", "[\"c2c_a");
    add_bad("trailing garbage", "[\"c2c_a\"]x");
    add_bad("two values", "{} {}");
    add_bad("wrong shape (number)", "42");
    add_bad("wrong shape (string)", "\"c2c_a\"");
    add_bad("array of numbers", "[1,2]");
    add_bad("array of objects", "[{},{}]");
    add_bad("invalid UTF-8", "\xff\xfe");
    add_bad("truncated UTF-8", "c2c_a\xc3");
    add_bad("overlong UTF-8", "\xc0\xaf");
    add_bad("UTF-16 surrogate", "\xed\xa0\x80");
    add_bad("invalid UTF-8 in an ID array", "[\"c2c_\xff\"]");
    add_bad("invalid UTF-8 in a filter", "{\"conversation_list_filter_conversation_group\":\"\xff\"}");
    add_bad("invalid UTF-8 in an upsert", "[{\"conv_id\":\"\xff\",\"conv_type\":1},{\"conv_id\":\"u\",\"conv_type\":1,\"conv_show_name\":\"\xfe\"}]");
    add_bad("invalid UTF-8 in a last message", "[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_last_msg\":{\"t\":\"\xff\"}}]");
    add_bad("invalid UTF-8 in a draft", "{\"draft_msg\":{\"t\":\"\xff\"},\"draft_user_define\":\"ok\"}");
    add_bad("invalid UTF-8 in conv info params", "[{\"get_conversation_list_param_conv_id\":\"\xff\",\"get_conversation_list_param_conv_type\":1}]");
    add_bad("escaped lone surrogate", "[\"c2c_\\ud800\"]");
    add_bad("escaped NUL", "[\"c2c_a\\u0000b\"]");
    add_bad("huge number", "{\"conversation_list_filter_mark_type\":1e999,\"conversation_list_filter_conv_type\":99999999999999999999}");
    /* deeply nested: 1 Mi unbalanced, and 100 000 balanced inside an otherwise good value */
    add_bad_owned("1 Mi of [", big_string(1u << 20, '['));
    add_bad_owned("1 Mi of {", big_string(1u << 20, '{'));
    {
        size_t d = 100000;
        char* s = malloc(2 * d + 1);
        memset(s, '[', d);
        memset(s + d, ']', d);
        s[2 * d] = 0;
        add_bad_owned("100 000 nested arrays", s);
        char* o = malloc(2 * d + 1);
        memset(o, '[', d);
        memset(o + d, ']', d);
        o[2 * d] = 0;
        add_bad_owned("nested 100 000 deep inside a last message",
                      wrap("[{\"conv_id\":\"deep\",\"conv_type\":1,\"conv_last_msg\":{\"k\":", o, "}}]"));
    }
    /* 16 MiB: plain bytes, one 16 MiB string inside valid JSON, invalid UTF-8 at the very end
     * (TCG_SWEEP_NO_HUGE=1 leaves them out: under a memory checker they only cost time) */
    const char* nohuge = getenv("TCG_SWEEP_NO_HUGE");
    if (nohuge && *nohuge) return;
    add_bad_owned("16 MiB of 'a'", big_string(MiB16, 'a'));
    add_bad_owned("16 MiB ID in an array", wrap("[\"c2c_", big_string(MiB16, 'b'), "\"]"));
    add_bad_owned("16 MiB group name in a filter", wrap("{\"conversation_list_filter_conversation_group\":\"", big_string(MiB16, 'g'), "\"}"));
    {
        char* s = big_string(MiB16, 'c');
        s[MiB16 - 1] = '\xff';
        add_bad_owned("16 MiB ending in invalid UTF-8", s);
    }
    {
        /* 16 MiB of valid IDs: far more than 100 per call */
        size_t n = MiB16 / 10, cap = n * 10 + 16, len = 0;
        char* s = malloc(cap);
        s[len++] = '[';
        for (size_t i = 0; len + 12 < cap - 2; i++) len += (size_t)snprintf(s + len, cap - len, "%s\"c2c_%03zu\"", i ? "," : "", i % 1000);
        s[len++] = ']';
        s[len] = 0;
        add_bad_owned("16 MiB array of IDs", s);
    }
}

/* ---- bookkeeping: every call with a callback ---------------------------------------------- */

typedef struct {
    uintptr_t tok;
    int rc;
    int want; /* the TIMResult this call must return (1: any) */
    const char* fn;
    const char* what;
} call_rec;

static int g_want = 1;

static call_rec* g_calls;
static int g_ncalls, g_capcalls;
static int g_accepted, g_rejected;

static uintptr_t note_call(const char* fn, const char* what) {
    if (g_ncalls == g_capcalls) g_calls = realloc(g_calls, sizeof *g_calls * (size_t)(g_capcalls = g_capcalls * 2 + 256));
    call_rec* c = &g_calls[g_ncalls++];
    c->tok = tok();
    c->fn = fn;
    c->what = what;
    c->rc = 1234;
    c->want = g_want;
    return c->tok;
}

/* rc of the last noted call; rejected calls must be one of the TIMResult values. */
static void note_rc(int rc) {
    call_rec* c = &g_calls[g_ncalls - 1];
    c->rc = rc;
    if (rc == TIM_SUCC) g_accepted++;
    else g_rejected++;
    h_check(rc == TIM_SUCC || rc == TIM_ERR_SDKUNINIT || rc == TIM_ERR_NOTLOGIN || rc == TIM_ERR_JSON || rc == TIM_ERR_PARAM, __FILE__,
            __LINE__, "%s(%s): TIMResult %d", c->fn, c->what, rc);
}

#define ASYNC(fn, what, ...)                                  \
    do {                                                      \
        uintptr_t t_ = note_call(#fn, (what));                \
        note_rc(fn(__VA_ARGS__, cb_result, TOK(t_)));         \
    } while (0)
#define ASYNC0(fn, what)                                      \
    do {                                                      \
        uintptr_t t_ = note_call(#fn, (what));                \
        note_rc(fn(cb_result, TOK(t_)));                      \
    } while (0)

static int known_code(int c) {
    switch (c) {
    case 0: case 6004: case 6013: case 6014: case 6017: case 6022:
    case 51006: case 51008: case 51009: case 51010: case 51011: case 51012:
        return 1;
    }
    return 0;
}

/* After a barrier: each accepted call called back exactly once, each rejected one never; every
 * recorded string is UTF-8; every result JSON parses. */
static void check_calls(const char* state) {
    barrier();
    int missing = 0, dup = 0, ghost = 0, badcode = 0, wrongrc = 0;
    for (int i = 0; i < g_ncalls; i++) {
        call_rec* c = &g_calls[i];
        int n = rec_count_results(c->tok);
        if (c->rc == TIM_SUCC && n != 1) {
            if (n == 0) missing++;
            else dup++;
            note("%s(%s) accepted: %d callbacks", c->fn, c->what, n);
        }
        if (c->rc != TIM_SUCC && n != 0) {
            ghost++;
            note("%s(%s) rejected with %d: %d callbacks", c->fn, c->what, c->rc, n);
        }
        if (c->want != 1 && c->rc != c->want) {
            wrongrc++;
            note("%s(%s): %d, want %d", c->fn, c->what, c->rc, c->want);
        }
        if (n >= 1) {
            ev* e = rec_get(rec_find_result(c->tok));
            if (!known_code(e->code)) {
                badcode++;
                note("%s(%s): callback code %d (%s)", c->fn, c->what, e->code, e->s1);
            }
        }
    }
    CHECKF(missing == 0, "[%s] accepted calls without a callback: %d", state, missing);
    CHECKF(dup == 0, "[%s] accepted calls with more than one callback: %d", state, dup);
    CHECKF(ghost == 0, "[%s] rejected calls that called back: %d", state, ghost);
    CHECKF(badcode == 0, "[%s] callback codes the header does not document (6019 included): %d", state, badcode);
    CHECKF(wrongrc == 0, "[%s] calls not refused with the state's TIMResult: %d", state, wrongrc);
    int badutf = 0, badjson = 0;
    for (int i = 0; i < rec_count(); i++) {
        ev* e = rec_get(i);
        if (!mj_utf8_valid(e->s1) || !mj_utf8_valid(e->s2)) {
            badutf++;
            note("invalid UTF-8 in a callback (kind %d): %.200s | %.200s", e->kind, e->s1, e->s2);
        }
        const char* js = e->kind == EV_RESULT ? e->s2 : e->kind == EV_CONV ? e->s1 : e->kind == EV_GCREATED || e->kind == EV_GADDED || e->kind == EV_GREMOVED ? e->s2 : e->kind == EV_FILTER ? e->s1 : "";
        if (js[0]) {
            mj* v = mj_parse(js);
            if (!v) {
                badjson++;
                note("malformed JSON in a callback (kind %d): %.300s", e->kind, js);
            }
            mj_free(v);
        }
    }
    CHECKF(badutf == 0, "[%s] callback strings that are not UTF-8: %d", state, badutf);
    CHECKF(badjson == 0, "[%s] callback JSON that does not parse: %d", state, badjson);
    note("%s: %d calls (%d accepted, %d rejected)", state, g_ncalls, g_accepted, g_rejected);
    g_ncalls = g_accepted = g_rejected = 0;
}

/* ---- the sweep ------------------------------------------------------------------------------ */

static const enum TIMConvType g_types[] = {kTIMConv_C2C, kTIMConv_Group, kTIMConv_Invalid, kTIMConv_System, (enum TIMConvType)-1,
                                           (enum TIMConvType)77, (enum TIMConvType)INT_MAX};
#define NTYPES ((int)(sizeof g_types / sizeof g_types[0]))

/* Every function with a callback, each string argument replaced by each bad input in turn (the
 * others valid), plus the number and bool arguments at their edges. want_rc: 1 = any, else the
 * TIMResult every call must return (-1 / -2 before login). */
static void sweep_async(void) {
    const char* ids = "[\"c2c_a\",\"group_g\"]";
    for (int i = 0; i < g_nbad; i++) {
        const char* b = g_bad[i].s;
        const char* w = g_bad[i].what;
        ASYNC(TIMConvUpsertConversations, w, b);
        ASYNC(TIMConvGetConvInfo, w, b);
        ASYNC(TIMConvDelete, w, b, kTIMConv_C2C);
        ASYNC(TIMConvDeleteConversationList, w, b, i % 2);
        ASYNC(TIMConvSetConversationCustomData, w, b, "cd");
        ASYNC(TIMConvSetConversationCustomData, w, ids, b);
        ASYNC(TIMConvPinConversation, w, b, kTIMConv_C2C, i % 2);
        ASYNC(TIMConvMarkConversation, w, b, kTIMConversationMarkTypeStar, i % 2);
        ASYNC(TIMConvGetUnreadMessageCountByFilter, w, b);
        ASYNC(TIMConvCleanConversationUnreadMessageCount, w, b, 0, 0);
        ASYNC(TIMConvGetConversationListByFilter, w, b, 0, 10);
        ASYNC(TIMConvCreateConversationGroup, w, b, ids);
        ASYNC(TIMConvCreateConversationGroup, w, "sweep", b);
        ASYNC(TIMConvDeleteConversationGroup, w, b);
        ASYNC(TIMConvRenameConversationGroup, w, b, "work");
        ASYNC(TIMConvRenameConversationGroup, w, "work", b);
        ASYNC(TIMConvAddConversationsToGroup, w, b, ids);
        ASYNC(TIMConvAddConversationsToGroup, w, "work", b);
        ASYNC(TIMConvDeleteConversationsFromGroup, w, b, ids);
        ASYNC(TIMConvDeleteConversationsFromGroup, w, "work", b);
        ASYNC(TIMLogin, w, b, "sig");
        ASYNC(TIMLogin, w, "alice", b);
    }
    /* numbers and enums at their edges */
    for (int k = 0; k < NTYPES; k++) {
        ASYNC(TIMConvDelete, "conv type edge", "nobody", g_types[k]);
        ASYNC(TIMConvPinConversation, "conv type edge", "a", g_types[k], true);
    }
    const uint64_t marks[] = {0, 1, 0x10, 1ULL << 31, 1ULL << 32, ~0ULL, 0xFULL | (1ULL << 63)};
    for (int k = 0; k < 7; k++) ASYNC(TIMConvMarkConversation, "mark edge", ids, marks[k], k % 2);
    const uint64_t seqs[] = {0, 1, 987654321, ~0ULL};
    const uint32_t counts[] = {0, 1, 1000, 1001, UINT32_MAX};
    for (int s = 0; s < 4; s++)
        for (int c = 0; c < 5; c++) ASYNC(TIMConvGetConversationListByFilter, "seq/count edge", "{}", seqs[s], counts[c]);
    ASYNC(TIMConvCleanConversationUnreadMessageCount, "timestamp edge", "c2c", ~0ULL, ~0ULL);
    /* the calls without string arguments */
    ASYNC0(TIMConvGetConvList, "no args");
    ASYNC0(TIMConvGetTotalUnreadMessageCount, "no args");
    ASYNC0(TIMConvGetConversationGroupList, "no args");
    /* NULL callbacks and odd user_data: accepted or not, nothing may call back or crash */
    TIMConvGetConvList(NULL, (const void*)(uintptr_t)~0ULL);
    TIMConvMarkConversation(ids, 1, true, NULL, NULL);
    TIMConvUpsertConversations(g_bad[g_nbad - 1].s, NULL, REJECT_UD);
}

/* The synchronous functions: their return value must be one the header lists. */
static void sweep_sync(int logged_in) {
    for (int i = 0; i < g_nbad; i++) {
        const char* b = g_bad[i].s;
        for (int k = 0; k < NTYPES; k += 3) {
            int r = TIMConvSetDraft(b, g_types[k], "{\"draft_user_define\":\"d\"}");
            CHECKF(r == TIM_SUCC || r == TIM_ERR_SDKUNINIT || r == TIM_ERR_NOTLOGIN || r == TIM_ERR_PARAM || r == TIM_ERR_CONV,
                   "TIMConvSetDraft(%s, %d) = %d", g_bad[i].what, g_types[k], r);
            r = TIMConvCancelDraft(b, g_types[k]);
            CHECKF(r == TIM_SUCC || r == TIM_ERR_SDKUNINIT || r == TIM_ERR_NOTLOGIN || r == TIM_ERR_PARAM || r == TIM_ERR_CONV,
                   "TIMConvCancelDraft(%s, %d) = %d", g_bad[i].what, g_types[k], r);
        }
        int r = TIMConvSetDraft("a", kTIMConv_C2C, b);
        CHECKF(r == TIM_SUCC || r == TIM_ERR_SDKUNINIT || r == TIM_ERR_NOTLOGIN || r == TIM_ERR_PARAM || r == TIM_ERR_JSON,
               "TIMConvSetDraft(a, draft %s) = %d", g_bad[i].what, r);
        r = TIMConvSubscribeUnreadMessageCountByFilter(b);
        CHECKF(r == TIM_SUCC || r == TIM_ERR_SDKUNINIT || r == TIM_ERR_NOTLOGIN || r == TIM_ERR_PARAM || r == TIM_ERR_JSON,
               "TIMConvSubscribeUnreadMessageCountByFilter(%s) = %d", g_bad[i].what, r);
        r = TIMConvUnsubscribeUnreadMessageCountByFilter(b);
        CHECKF(r == TIM_SUCC || r == TIM_ERR_SDKUNINIT || r == TIM_ERR_NOTLOGIN || r == TIM_ERR_PARAM || r == TIM_ERR_JSON,
               "TIMConvUnsubscribeUnreadMessageCountByFilter(%s) = %d", g_bad[i].what, r);
        if (logged_in) {
            r = TIMInit(1, b); /* while running: nothing changes, whatever the config */
            CHECKF(r == TIM_SUCC || r == TIM_ERR_PARAM, "TIMInit(%s) while running = %d", g_bad[i].what, r);
        }
    }
    char buf[160];
    memset(buf, 'x', sizeof buf);
    int r = TIMGetLoginUserID(buf);
    CHECKF(logged_in ? r == TIM_SUCC && strlen(buf) <= 128 : r != TIM_SUCC && buf[0] == 0, "TIMGetLoginUserID = %d (%.20s)", r, buf);
    r = TIMGetLoginUserID(NULL);
    CHECKF(r != TIM_SUCC, "TIMGetLoginUserID(NULL) = %d", r);
    r = TIMGetLoginStatus();
    CHECKF(r == (logged_in ? kTIMLoginStatus_Logined : kTIMLoginStatus_UnLogined), "TIMGetLoginStatus = %d", r);
    const char* v = TIMGetSDKVersion();
    CHECK(v && !strcmp(v, TIMCONVGROUP_VERSION));
}

/* Every listener setter with NULL and with odd user_data, then the recorder again. */
static void sweep_setters(void) {
    const void* odd[] = {NULL, (const void*)(uintptr_t)1, (const void*)(uintptr_t)~0ULL};
    for (int k = 0; k < 3; k++) {
        TIMSetLogCallback(NULL, odd[k]);
        TIMSetConvEventCallback(NULL, odd[k]);
        TIMSetConvTotalUnreadMessageCountChangedCallback(NULL, odd[k]);
        TIMSetConvUnreadMessageCountChangedByFilterCallback(NULL, odd[k]);
        TIMSetConvConversationGroupCreatedCallback(NULL, odd[k]);
        TIMSetConvConversationGroupDeletedCallback(NULL, odd[k]);
        TIMSetConvConversationGroupNameChangedCallback(NULL, odd[k]);
        TIMSetConvConversationsAddedToGroupCallback(NULL, odd[k]);
        TIMSetConvConversationsDeletedFromGroupCallback(NULL, odd[k]);
    }
    set_all_listeners();
    TIMSetLogCallback(cb_log, (const void*)LISTENER_UD);
}

static void sweep_dispatch(int host) {
    if (!host) {
        const int32_t ts[] = {0, 1, -1, INT32_MIN, INT32_MAX};
        for (int k = 0; k < 5; k++) CHECKF(TIMDispatchCallbacks(ts[k]) == TIM_ERR_PARAM, "library mode: TIMDispatchCallbacks(%d)", ts[k]);
        return;
    }
    /* host mode: with a callback on its way, any negative timeout waits for it, any positive
     * one too; 0 never waits. */
    const int32_t ts[] = {INT32_MIN, -2, -1, INT32_MAX, 1};
    for (int k = 0; k < 5; k++) {
        uintptr_t t = note_call("TIMConvGetTotalUnreadMessageCount", "dispatch timeout edge");
        note_rc(TIMConvGetTotalUnreadMessageCount(cb_result, TOK(t)));
        for (int spins = 0; rec_find_result(t) < 0 && spins < 1000; spins++) {
            int r = TIMDispatchCallbacks(ts[k]);
            CHECKF(r >= 0, "TIMDispatchCallbacks(%d) = %d", ts[k], r);
        }
        CHECKF(rec_find_result(t) >= 0, "TIMDispatchCallbacks(%d) ran the callback", ts[k]);
    }
    CHECK(TIMDispatchCallbacks(0) >= 0);
}

static void sweep_logged_in(const char* mode) {
    rec_reset();
    setup(mode, "alice");
    upsert_ok("[{\"conv_id\":\"a\",\"conv_type\":1,\"conv_unread_num\":2},{\"conv_id\":\"g\",\"conv_type\":2}]");
    uintptr_t t = tok();
    ACCEPT(TIMConvCreateConversationGroup("work", "[\"c2c_a\"]", cb_result, TOK(t)), t);
    TIMSetLogCallback(cb_log, (const void*)LISTENER_UD);
    sweep_async();
    sweep_sync(1);
    sweep_setters();
    sweep_dispatch(!strcmp(mode, "host"));
    check_calls(mode);
    check_no_rejected_callbacks();
    /* still fully usable afterwards */
    upsert_ok("[{\"conv_id\":\"after\",\"conv_type\":1}]");
    t = tok();
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECK(e->code == 0 && has_conv(e->s2, "after"));
    uninit_ok();
}

void t_sweep_states(void) {
    build_bad_inputs();
    /* not initialised: -1 for every call, whatever the arguments (TIMLogin included); checked
     * for callbacks after the barrier below, once the library runs */
    g_want = TIM_ERR_SDKUNINIT;
    sweep_setters();
    sweep_async();
    sweep_sync(0);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
    /* TIMInit itself with every bad config: refused, nothing started */
    for (int i = 0; i < g_nbad; i++) {
        /* NULL, "" and objects (every key is optional) may be valid configs that take the
         * default folder in the user's home: tests/compat/t_dlopen.c covers them */
        if (!g_bad[i].s || !g_bad[i].s[0] || g_bad[i].s[0] == '{') continue;
        int r = TIMInit(1, g_bad[i].s);
        CHECKF(r == TIM_ERR_JSON || r == TIM_ERR_PARAM, "TIMInit(%s) = %d", g_bad[i].what, r);
        CHECKF(TIMConvGetConvList(cb_result, REJECT_UD) == TIM_ERR_SDKUNINIT, "after TIMInit(%s): not running", g_bad[i].what);
    }
    char cfg[800];
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s/d\xff\"}", h_dir);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_JSON);
    /* initialised, not logged in: -2 for every conversation call (TIMLogin aside) */
    setup("library", NULL);
    g_want = TIM_ERR_NOTLOGIN;
    for (int i = 0; i < g_nbad; i++) {
        const char* b = g_bad[i].s;
        const char* w = g_bad[i].what;
        ASYNC(TIMConvUpsertConversations, w, b);
        ASYNC(TIMConvGetConvInfo, w, b);
        ASYNC(TIMConvDelete, w, b, kTIMConv_C2C);
        ASYNC(TIMConvMarkConversation, w, b, 1, true);
        ASYNC(TIMConvGetConversationListByFilter, w, b, 0, 10);
        ASYNC(TIMConvCreateConversationGroup, w, b, b);
        ASYNC(TIMConvRenameConversationGroup, w, b, b);
        ASYNC(TIMConvAddConversationsToGroup, w, b, b);
        ASYNC(TIMConvCleanConversationUnreadMessageCount, w, b, 0, 0);
        ASYNC(TIMConvGetUnreadMessageCountByFilter, w, b);
    }
    ASYNC0(TIMConvGetConvList, "no args");
    ASYNC0(TIMConvGetConversationGroupList, "no args");
    sweep_sync(0);
    g_want = 1;
    check_calls("not initialised, then not logged in");
    uninit_ok();
    check_no_rejected_callbacks();
}

void t_sweep_library(void) {
    build_bad_inputs();
    sweep_logged_in("library");
}

void t_sweep_host(void) {
    build_bad_inputs();
    sweep_logged_in("host");
}
