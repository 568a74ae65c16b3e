/* t_dispatch.c — callback threads, dispatch modes, ordering, re-entrancy, concurrency (header: "Threads"). */
#define _GNU_SOURCE
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* 1 alive, 0 gone, -1 this platform cannot tell. */
static int tid_alive(pid_t tid) { return plat_thread_alive((long)tid); }

/* A joined thread has exited, but the kernel may wake pthread_join (Linux: CLONE_CHILD_CLEARTID)
 * before it reaps the task, so the thread can linger a moment under load: wait for it to go
 * (generous bound; nothing is timed). */
static int tid_gone(pid_t tid) {
    for (int i = 0; i < 1000 && tid_alive(tid) == 1; i++) sleep_ms(10);
    return tid_alive(tid) == 0;
}

/* Checks that the callback thread tid was joined (is gone), where the platform can tell. */
static void check_thread_gone(pid_t tid) {
    if (tid_alive(tid) < 0) {
        NOT_RUN("callback thread %d exits after TIMUninit (no per-thread probe here)", (int)tid);
        return;
    }
    CHECKF(tid_gone(tid), "callback thread %d still exists after TIMUninit", (int)tid);
}

/* All recorded events ran on one thread; returns its tid (0 when none). */
static pid_t single_thread(int from) {
    pid_t t = 0;
    int mixed = 0;
    for (int i = from; i < rec_count(); i++) {
        ev* e = rec_get(i);
        if (!t) t = e->tid;
        else mixed += e->tid != t;
    }
    CHECKF(mixed == 0, "%d callbacks ran on another thread", mixed);
    return t;
}

void t_library_thread(void) {
    setup("library", "alice");
    upsert_range("t", 0, 10, 100);
    uintptr_t toks[50];
    for (int i = 0; i < 50; i++) {
        toks[i] = tok();
        CHECK_INT(TIMConvGetConvList(cb_result, TOK(toks[i])), 0);
    }
    for (int i = 0; i < 50; i++) wait_result(toks[i]);
    barrier();
    pid_t cb = single_thread(0);
    CHECK(cb != 0 && cb != gettid_());
    if (tid_alive(cb) >= 0) CHECK(tid_alive(cb) == 1);
    uninit_ok();
    /* TIMUninit joined it: the thread is gone, so it was never a Go runtime thread (those
     * never exit) */
    check_thread_gone(cb);

    /* TIMInit after TIMUninit: a new thread, same rules */
    rec_reset();
    setup("library", "alice");
    barrier();
    pid_t cb2 = single_thread(0);
    CHECK(cb2 != 0 && cb2 != gettid_());
    uninit_ok();
    check_thread_gone(cb2);
    CHECK_INT(rec_concurrency_violations(), 0);
}

static sem_t g_go;
static uintptr_t g_helper_tok;
static void* helper_issue(void* arg) {
    (void)arg;
    sem_wait(&g_go);
    CHECK_INT(TIMConvGetConvList(cb_result, TOK(g_helper_tok)), 0);
    return NULL;
}

void t_host_mode(void) {
    CHECK_INT(init_mode("host", NULL), TIM_SUCC);
    set_all_listeners();
    uintptr_t t = tok();
    CHECK_INT(TIMLogin("alice", "sig", cb_result, TOK(t)), 0);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_Logined); /* the login was carried out... */
    sleep_ms(100);
    CHECK_INT(rec_count(), 0); /* ...but nothing ran: no one dispatched */
    int total = 0;
    for (int i = 0; i < 40 && rec_find_result(t) < 0; i++) {
        int r = TIMDispatchCallbacks(500);
        CHECK(r >= 0);
        total += r > 0 ? r : 0;
    }
    CHECK(rec_find_result(t) >= 0);
    CHECKF(total == rec_count() && total >= 3, "returned counts %d, recorded %d", total, rec_count());
    for (int i = 0; i < rec_count(); i++) CHECK(rec_get(i)->tid == gettid_()); /* on this thread */
    CHECK(rec_get(0)->kind == EV_CONV && rec_get(0)->code == kTIMConvEvent_Start);
    CHECK_INT(TIMDispatchCallbacks(0), 0);  /* nothing ready */
    CHECK_INT(TIMDispatchCallbacks(30), 0); /* waits, nothing comes */

    /* -1 waits until something arrives (issued by another thread) */
    sem_init(&g_go, 0, 0);
    g_helper_tok = tok();
    pthread_t th;
    pthread_create(&th, NULL, helper_issue, NULL);
    sem_post(&g_go);
    int n = 0;
    while (rec_find_result(g_helper_tok) < 0) {
        int r = TIMDispatchCallbacks(-1);
        CHECK(r >= 1);
        if (r < 1 || ++n > 100) break;
    }
    pthread_join(th, NULL);
    CHECK(rec_find_result(g_helper_tok) >= 0);
    CHECK(rec_get(rec_find_result(g_helper_tok))->tid == gettid_());

    /* host-mode calls made now are still queued until dispatched */
    int before = rec_count();
    uintptr_t t2 = tok();
    CHECK_INT(TIMConvGetConvList(cb_result, TOK(t2)), 0);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_Logined);
    CHECK_INT(rec_count(), before);
    wait_result(t2);
    uninit_ok();
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMDispatchCallbacks(-1), TIM_ERR_SDKUNINIT); /* does not wait when not initialised */

    /* library mode refuses TIMDispatchCallbacks */
    setup("library", NULL);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_PARAM);
    CHECK_INT(TIMDispatchCallbacks(-1), TIM_ERR_PARAM);
    uninit_ok();
}

static double mono_ms(void) { return (double)plat_now_ms(); }

static uintptr_t g_late_tok;
static void* issue_late(void* arg) {
    (void)arg;
    sleep_ms(300);
    CHECK_INT(TIMConvGetConvList(cb_result, TOK(g_late_tok)), 0);
    return NULL;
}

/* TIMDispatchCallbacks(timeout) really waits: until a callback is due, or about the timeout when
 * none comes. Only lower bounds are checked (a loaded machine may make a wait longer, never
 * shorter); the bounds are far below what a correct wait takes and far above what a wait that
 * returns at once takes (the bug this guards against: a condition variable timed on one clock
 * given deadlines on another). */
void t_timed_waits(void) {
    CHECK_INT(init_mode("host", NULL), TIM_SUCC);
    set_all_listeners();
    uintptr_t t = tok();
    CHECK_INT(TIMLogin("alice", "sig", cb_result, TOK(t)), 0);
    /* the login's callbacks are due: the first call with a timeout waits for them and runs them */
    int r = TIMDispatchCallbacks(wait_ms());
    CHECKF(r >= 1, "TIMDispatchCallbacks(%d) with the login's callbacks due returned %d", wait_ms(), r);
    for (int i = 0; i < 40 && rec_find_result(t) < 0; i++) TIMDispatchCallbacks(500);
    CHECK(rec_find_result(t) >= 0);
    while (TIMDispatchCallbacks(0) > 0) {
    }

    /* nothing due: the call lasts about the timeout and returns 0 */
    for (int ms = 100; ms <= 400; ms *= 2) {
        double t0 = mono_ms();
        CHECK_INT(TIMDispatchCallbacks(ms), 0);
        double took = mono_ms() - t0;
        CHECKF(took >= ms * 0.66, "TIMDispatchCallbacks(%d) with nothing due returned after %.1f ms", ms, took);
    }

    /* a call issued 300 ms later by another thread: the wait ends when its callback is due */
    g_late_tok = tok();
    pthread_t th;
    double t0 = mono_ms();
    pthread_create(&th, NULL, issue_late, NULL);
    int got = 0;
    for (int i = 0; i < 10 && rec_find_result(g_late_tok) < 0; i++) {
        r = TIMDispatchCallbacks(wait_ms());
        CHECKF(r >= 1, "TIMDispatchCallbacks(%d) returned %d before the callback came", wait_ms(), r);
        if (r < 1) break;
        got += r;
    }
    double took = mono_ms() - t0;
    pthread_join(th, NULL);
    CHECK(rec_find_result(g_late_tok) >= 0);
    CHECK(got >= 1);
    CHECKF(took >= 200, "the callback issued after 300 ms ran after %.1f ms", took);
    CHECK(rec_get(rec_find_result(g_late_tok))->tid == gettid_());
    uninit_ok();
}

static volatile int g_stop_pumps;
static void* pumper(void* arg) {
    (void)arg;
    while (!__atomic_load_n(&g_stop_pumps, __ATOMIC_SEQ_CST)) {
        int r = TIMDispatchCallbacks(50);
        if (r < 0) sleep_ms(1);
    }
    return NULL;
}

static void slow_hook(ev* e) {
    (void)e;
    if (e->ud % 7 == 0) sched_yield();
}

void t_host_pumps(void) {
    /* two host threads pumping at once: callbacks never overlap and keep their order */
    setup("host", "alice");
    upsert_range("h", 0, 5, 10);
    h_pump = 0; /* the pumpers deliver; the main thread only waits */
    rec_reset();
    rec_hook = slow_hook;
    g_stop_pumps = 0;
    pthread_t p1, p2;
    pthread_create(&p1, NULL, pumper, NULL);
    pthread_create(&p2, NULL, pumper, NULL);
    enum { N = 300 };
    static uintptr_t toks[N];
    for (int i = 0; i < N; i++) {
        toks[i] = tok();
        int rc = i % 2 ? TIMConvGetConvList(cb_result, TOK(toks[i]))
                       : TIMConvGetConversationListByFilter("{}", 0, 2, cb_result, TOK(toks[i]));
        CHECK_INT(rc, 0);
    }
    for (int i = 0; i < N; i++) wait_result(toks[i]);
    int order = 0, main_thread = 0;
    for (int i = 1; i < N; i++) order += rec_find_result(toks[i]) < rec_find_result(toks[i - 1]);
    for (int i = 0; i < rec_count(); i++) main_thread += rec_get(i)->tid == gettid_();
    CHECK_INT(order, 0);
    CHECK_INT(main_thread, 0);
    CHECK_INT(rec_concurrency_violations(), 0);
    __atomic_store_n(&g_stop_pumps, 1, __ATOMIC_SEQ_CST);
    pthread_join(p1, NULL);
    pthread_join(p2, NULL);
    rec_hook = NULL;
    h_pump = 1;
    uninit_ok();
}

static int g_last_rc;
static int g_ran_by_helper;
static void* blocking_pumper(void* arg) {
    (void)arg;
    for (;;) {
        int r = TIMDispatchCallbacks(-1);
        if (r < 0) {
            g_last_rc = r;
            break;
        }
        g_ran_by_helper += r;
    }
    return NULL;
}

void t_host_uninit_wakes(void) {
    /* a thread blocked in TIMDispatchCallbacks(-1) is released by TIMUninit, which delivers
     * whatever is left */
    setup("host", "alice");
    h_pump = 0;
    rec_reset();
    pthread_t th;
    g_last_rc = 0;
    pthread_create(&th, NULL, blocking_pumper, NULL);
    enum { N = 100 };
    uintptr_t toks[N];
    for (int i = 0; i < N; i++) {
        toks[i] = tok();
        CHECK_INT(TIMConvGetConvList(cb_result, TOK(toks[i])), 0);
    }
    CHECK_INT(TIMUninit(), TIM_SUCC);
    pthread_join(th, NULL);
    CHECK_INT(g_last_rc, TIM_ERR_SDKUNINIT);
    int bad = 0;
    for (int i = 0; i < N; i++) bad += rec_count_results(toks[i]) != 1;
    CHECK_INT(bad, 0);
    CHECK_INT(rec_concurrency_violations(), 0);
    note("helper ran %d callbacks, TIMUninit ran the rest", g_ran_by_helper);

    /* idle: a blocked waiter with nothing to run is released too */
    setup("host", "alice");
    h_pump = 0;
    g_last_rc = 0;
    pthread_create(&th, NULL, blocking_pumper, NULL);
    sleep_ms(50);
    CHECK_INT(TIMUninit(), TIM_SUCC);
    pthread_join(th, NULL);
    CHECK_INT(g_last_rc, TIM_ERR_SDKUNINIT);
}

/* ---- re-entrancy ------------------------------------------------------------------------ */

static uintptr_t g_outer, g_inner;
static int g_r_uninit, g_r_init, g_r_call, g_r_status, g_r_uid, g_r_dispatch, g_r_draft, g_r_sub, g_hook_ran;
static char g_uid[129];
static int g_inner_inside;

static void reenter_hook(ev* e) {
    if (e->kind != EV_RESULT || e->ud != g_outer) return;
    g_hook_ran++;
    g_r_uninit = TIMUninit();
    g_r_init = TIMInit(1, "{\"sdk_config_config_file_path\":\"/nonexistent\"}");
    g_r_call = TIMConvGetConvList(cb_result, TOK(g_inner));
    g_r_status = TIMGetLoginStatus();
    g_r_uid = TIMGetLoginUserID(g_uid);
    g_r_draft = TIMConvSetDraft("r1", kTIMConv_C2C, "{\"draft_user_define\":\"x\"}");
    g_r_sub = TIMConvSubscribeUnreadMessageCountByFilter("{}");
    set_all_listeners();
    g_r_dispatch = TIMDispatchCallbacks(0);
    if (h_pump) {
        /* host mode: nested wait for the inner call's result, on this thread */
        for (int i = 0; i < 50 && rec_find_result(g_inner) < 0; i++) {
            int r = TIMDispatchCallbacks(1000);
            if (r < 0) break;
        }
        g_inner_inside = rec_find_result(g_inner) >= 0;
    }
}

static void reentrancy(const char* mode) {
    setup(mode, "alice");
    upsert_ok("[{\"conv_id\":\"r1\",\"conv_type\":1}]");
    g_outer = tok();
    g_inner = tok();
    g_hook_ran = 0;
    g_inner_inside = 0;
    rec_hook = reenter_hook;
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(g_outer)), g_outer);
    ev* in = wait_result(g_inner);
    rec_hook = NULL;
    CHECK_INT(g_hook_ran, 1);
    CHECK_INT(g_r_uninit, TIM_ERR_PARAM); /* refused, not deadlocked */
    CHECK_INT(g_r_init, TIM_SUCC);        /* running: nothing to do */
    CHECK_INT(g_r_call, TIM_SUCC);
    CHECK_INT(g_r_status, kTIMLoginStatus_Logined);
    CHECK_INT(g_r_uid, TIM_SUCC);
    CHECK_STR(g_uid, "alice");
    CHECK_INT(g_r_draft, TIM_SUCC);
    CHECK_INT(g_r_sub, TIM_SUCC);
    CHECK(in->seq > e->seq);
    if (strcmp(mode, "host") == 0) {
        CHECK(g_r_dispatch >= 0);
        CHECK_INT(g_inner_inside, 1);
        CHECK_INT(in->nested, 1);
    } else {
        CHECK_INT(g_r_dispatch, TIM_ERR_PARAM);
    }
    /* still fully working afterwards */
    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t)->code, 0);
    uninit_ok();
}

void t_reentrancy_library(void) { reentrancy("library"); }
void t_reentrancy_host(void) { reentrancy("host"); }

/* host mode: a callback is in a nested wait for a call it made while another thread runs
 * TIMUninit — the nested wait still gets the result, TIMUninit completes, nothing deadlocks. */
static pthread_t g_uninit_thread;
static int g_uninit_rc = 99;
static uintptr_t g_b;
static int g_b_inside, g_b_rc;
static void* do_uninit(void* a) {
    (void)a;
    g_uninit_rc = TIMUninit();
    return NULL;
}
static void nested_uninit_hook(ev* e) {
    if (e->kind != EV_RESULT || e->ud != g_outer) return;
    g_b_rc = TIMConvGetConversationGroupList(cb_result, TOK(g_b));
    pthread_create(&g_uninit_thread, NULL, do_uninit, NULL);
    for (int i = 0; i < 100 && rec_find_result(g_b) < 0; i++) {
        if (TIMDispatchCallbacks(-1) < 0) break;
    }
    g_b_inside = rec_find_result(g_b) >= 0;
}

void t_nested_during_uninit(void) {
    setup("host", "alice");
    g_outer = tok();
    g_b = tok();
    rec_hook = nested_uninit_hook;
    CHECK_INT(TIMConvGetConvList(cb_result, TOK(g_outer)), 0);
    for (int i = 0; i < 100 && rec_find_result(g_outer) < 0; i++) TIMDispatchCallbacks(200);
    CHECK(rec_find_result(g_outer) >= 0);
    /* the outer dispatch returned; TIMUninit can finish now */
    pthread_join(g_uninit_thread, NULL);
    rec_hook = NULL;
    h_pump = 0;
    CHECK_INT(g_b_rc, 0);
    CHECK_INT(g_b_inside, 1);
    CHECK_INT(rec_count_results(g_b), 1);
    CHECK_INT(g_uninit_rc, TIM_SUCC);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
}

/* ---- ordering ---------------------------------------------------------------------------- */

static int find_conv_event(int from, int to, int code, const char* id) {
    for (int i = from; i < to; i++) {
        ev* e = rec_get(i);
        if (e->kind == EV_CONV && e->code == code && (!id || has_conv(e->s1, id))) return i;
    }
    return -1;
}

void t_ordering(void) {
    setup("library", "alice");
    enum { N = 200 };
    uintptr_t toks[N];
    for (int i = 0; i < N; i++) {
        toks[i] = tok();
        int rc;
        switch (i % 4) {
        case 0: rc = TIMConvGetConvList(cb_result, TOK(toks[i])); break;
        case 1: rc = TIMConvGetTotalUnreadMessageCount(cb_result, TOK(toks[i])); break;
        case 2: rc = TIMConvGetConversationGroupList(cb_result, TOK(toks[i])); break;
        default: {
            char j[128];
            snprintf(j, sizeof j, "[{\"conv_id\":\"o%d\",\"conv_type\":1,\"conv_active_time\":%d}]", i, i);
            rc = TIMConvUpsertConversations(j, cb_result, TOK(toks[i]));
        }
        }
        CHECK_INT(rc, 0);
    }
    for (int i = 0; i < N; i++) wait_result(toks[i]);
    int order = 0;
    for (int i = 1; i < N; i++) order += rec_find_result(toks[i]) < rec_find_result(toks[i - 1]);
    CHECK_INT(order, 0);

    /* listener events of an operation come before its callback */
    rec_reset();
    uintptr_t t1 = tok();
    ev* r1 = ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"new1\",\"conv_type\":1,\"conv_unread_num\":4}]", cb_result, TOK(t1)), t1);
    int add = find_conv_event(0, r1->seq, kTIMConvEvent_Add, "new1");
    CHECKF(add >= 0, "Add event before the upsert callback");
    int total = -1;
    for (int i = 0; i < r1->seq; i++)
        if (rec_get(i)->kind == EV_TOTAL) total = i;
    CHECKF(total >= 0 && rec_get(total)->total == 4, "total unread event (4) before the callback");
    /* unchanged: no event */
    uintptr_t t2 = tok();
    ev* r2 = ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"new1\",\"conv_type\":1,\"conv_unread_num\":4}]", cb_result, TOK(t2)), t2);
    CHECKF(find_conv_event(r1->seq + 1, r2->seq, kTIMConvEvent_Update, NULL) < 0 &&
               find_conv_event(r1->seq + 1, r2->seq, kTIMConvEvent_Add, NULL) < 0,
           "no event for an unchanged conversation");
    /* changed: Update before the callback */
    uintptr_t t3 = tok();
    ev* r3 = ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"new1\",\"conv_type\":1,\"conv_show_name\":\"N\"}]", cb_result, TOK(t3)), t3);
    CHECK(find_conv_event(r2->seq + 1, r3->seq, kTIMConvEvent_Update, "new1") >= 0);
    /* a group op: created listener and Update events, then the callback */
    uintptr_t t4 = tok();
    ev* r4 = ACCEPT(TIMConvCreateConversationGroup("og", "[\"c2c_new1\"]", cb_result, TOK(t4)), t4);
    int created = -1;
    for (int i = r3->seq + 1; i < r4->seq; i++)
        if (rec_get(i)->kind == EV_GCREATED) created = i;
    CHECK(created >= 0);
    CHECK(find_conv_event(r3->seq + 1, r4->seq, kTIMConvEvent_Update, "new1") >= 0);
    CHECK_INT(rec_concurrency_violations(), 0);
    uninit_ok();
}

/* ---- concurrency ------------------------------------------------------------------------- */

enum { THREADS = 8, PER = 150 };
static uintptr_t g_ctoks[THREADS][PER];
static int g_crc_bad;

static void* worker(void* arg) {
    int id = (int)(intptr_t)arg;
    char grp[16], ids[32], filt[96];
    snprintf(grp, sizeof grp, "grp%d", id);
    snprintf(ids, sizeof ids, "[\"c2c_th%d\"]", id);
    snprintf(filt, sizeof filt, "{\"conversation_list_filter_conversation_group\":\"%s\"}", grp);
    for (int i = 0; i < PER; i++) {
        uintptr_t t = g_ctoks[id][i];
        int rc;
        switch (i % 6) {
        case 0: rc = TIMConvGetConvList(cb_result, TOK(t)); break;
        case 1: rc = TIMConvAddConversationsToGroup(grp, ids, cb_result, TOK(t)); break;
        case 2: rc = TIMConvGetConversationListByFilter(filt, 0, 10, cb_result, TOK(t)); break;
        case 3: rc = TIMConvDeleteConversationsFromGroup(grp, ids, cb_result, TOK(t)); break;
        case 4: rc = TIMConvMarkConversation(ids, kTIMConversationMarkTypeStar, i % 12 == 4, cb_result, TOK(t)); break;
        default: rc = TIMConvGetTotalUnreadMessageCount(cb_result, TOK(t)); break;
        }
        if (rc != 0) __atomic_add_fetch(&g_crc_bad, 1, __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void run_concurrency(const char* mode) {
    setup(mode, "alice");
    upsert_range("th", 0, THREADS, 1);
    for (int i = 0; i < THREADS; i++) {
        char g[16];
        snprintf(g, sizeof g, "grp%d", i);
        uintptr_t t = tok();
        CHECK_INT(ACCEPT(TIMConvCreateConversationGroup(g, "[\"c2c_th0\"]", cb_result, TOK(t)), t)->code, 0);
    }
    rec_reset();
    for (int i = 0; i < THREADS; i++)
        for (int k = 0; k < PER; k++) g_ctoks[i][k] = tok();
    g_crc_bad = 0;
    pthread_t th[THREADS], p1, p2;
    int host = strcmp(mode, "host") == 0;
    if (host) {
        h_pump = 0;
        g_stop_pumps = 0;
        pthread_create(&p1, NULL, pumper, NULL);
        pthread_create(&p2, NULL, pumper, NULL);
    }
    for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void*)(intptr_t)i);
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    CHECK_INT(g_crc_bad, 0);
    int missing = 0, dup = 0, order = 0, failed = 0;
    for (int i = 0; i < THREADS; i++) {
        int prev = -1;
        for (int k = 0; k < PER; k++) {
            ev* e = wait_result(g_ctoks[i][k]);
            if (e == &h_none) { missing++; continue; }
            dup += rec_count_results(g_ctoks[i][k]) != 1;
            failed += e->code != 0;
            order += e->seq < prev; /* one thread's calls are accepted in its order */
            prev = e->seq;
        }
    }
    CHECK_INT(missing, 0);
    CHECK_INT(dup, 0);
    CHECK_INT(order, 0);
    CHECK_INT(failed, 0);
    CHECK_INT(rec_concurrency_violations(), 0);
    if (!host) {
        pid_t cb = single_thread(0);
        CHECK(cb != gettid_());
    } else {
        __atomic_store_n(&g_stop_pumps, 1, __ATOMIC_SEQ_CST);
        pthread_join(p1, NULL);
        pthread_join(p2, NULL);
        h_pump = 1;
    }
    uninit_ok();
}

void t_concurrency_library(void) { run_concurrency("library"); }
void t_concurrency_host(void) { run_concurrency("host"); }

/* ---- listeners ---------------------------------------------------------------------------- */

static int g_other_calls;
static void cb_conv_other(enum TIMConvEvent e, const char* json, const void* ud) {
    (void)e; (void)json; (void)ud;
    __atomic_add_fetch(&g_other_calls, 1, __ATOMIC_SEQ_CST);
}

void t_listener_replace(void) {
    setup("library", "alice");
    const void* A = (const void*)(uintptr_t)0xA1;
    const void* B = (const void*)(uintptr_t)0xB2;
    TIMSetConvEventCallback(cb_conv, A);
    upsert_ok("[{\"conv_id\":\"x1\",\"conv_type\":1}]");
    int a = 0;
    for (int i = 0; i < rec_count(); i++) a += rec_get(i)->kind == EV_CONV && rec_get(i)->ud == (uintptr_t)A;
    CHECK(a >= 1); /* user_data handed back untouched */

    /* replace while a stream of events is being delivered */
    for (int i = 0; i < 100; i++) {
        char j[96];
        snprintf(j, sizeof j, "[{\"conv_id\":\"s%d\",\"conv_type\":1}]", i);
        CHECK_INT(TIMConvUpsertConversations(j, cb_result, TOK(tok())), 0);
        if (i == 50) {
            TIMSetConvEventCallback(cb_conv, B);
            int n0 = rec_count();
            barrier();
            int late = 0;
            for (int k = n0; k < rec_count(); k++) late += rec_get(k)->kind == EV_CONV && rec_get(k)->ud == (uintptr_t)A;
            CHECKF(late <= 1, "old listener called %d times after its replacement returned", late);
        }
    }
    barrier();
    /* NULL clears: events are dropped, results still arrive */
    TIMSetConvEventCallback(NULL, B);
    int n0 = rec_count_kind(EV_CONV);
    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"x2\",\"conv_type\":1}]", cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(rec_count_kind(EV_CONV), n0);
    /* another function */
    TIMSetConvEventCallback(cb_conv_other, NULL);
    upsert_ok("[{\"conv_id\":\"x3\",\"conv_type\":1}]");
    CHECK(__atomic_load_n(&g_other_calls, __ATOMIC_SEQ_CST) >= 1);
    CHECK_INT(rec_count_kind(EV_CONV), n0);
    /* a listener set from inside a callback takes effect for later events */
    uninit_ok();
}

void t_log_callback(void) {
    TIMSetLogCallback(cb_log, (const void*)LISTENER_UD); /* before TIMInit */
    char extra[700];
    snprintf(extra, sizeof extra, "\"sdk_config_log_file_path\":\"%s\"", h_dir);
    CHECK_INT(init_mode("library", extra), TIM_SUCC);
    set_all_listeners();
    login_ok("alice");
    uintptr_t t = tok();
    ACCEPT(TIMLogin("bob", "sig", cb_result, TOK(t)), t); /* an error, likely logged */
    barrier();
    int logs = rec_count_kind(EV_LOG), bad = 0;
    pid_t cbt = rec_get(rec_find_result(t))->tid;
    for (int i = 0; i < rec_count(); i++) {
        ev* e = rec_get(i);
        if (e->kind != EV_LOG) continue;
        bad += e->code < kTIMLog_Off || e->code > kTIMLog_Assert || e->ud != LISTENER_UD || e->tid != cbt;
    }
    CHECK_INT(bad, 0);
    note("%d log lines delivered", logs);
    TIMSetLogCallback(NULL, NULL);
    barrier();
    int n = rec_count_kind(EV_LOG);
    login_ok("alice");
    t = tok();
    ACCEPT(TIMLogin("bob", "sig", cb_result, TOK(t)), t);
    barrier();
    CHECK_INT(rec_count_kind(EV_LOG), n);
    uninit_ok();
}
