/*
 * soak.c — load: 8 host threads mixing reads and writes through the C ABI for a bounded time,
 * with listeners and filter subscriptions live, up to 4 calls in flight per thread.
 *
 *   soak [--seconds N] [--threads N] [--dir D] [--host]
 *
 * Asserts (exit status 1 on failure): no call rejected, every callback code 0 (every per-item
 * code 0), every accepted call called back exactly once (counted per call after TIMUninit, which
 * delivers every pending callback), and bounded memory: resident memory grows by less than
 * RSS_GROWTH_MIB between the end of warm-up (a quarter of the run) and the end, not counting this
 * program's own per-call bookkeeping (steady state is a few MiB; in a 2-minute soak of ~1 M calls
 * a leak of 40 bytes per call would exceed it), and peaks below RSS_PEAK_MIB. Prints ops/s and
 * the callback latency percentiles (issue -> callback); no time is asserted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../tests/common/minijson.h"
#include "timconvgroup.h"

#define PER_THREAD 50 /* conversations each thread owns */
#define IN_FLIGHT 4
#define MAX_THREADS 32
#define RSS_GROWTH_MIB 32 /* after warm-up, the soak's own bookkeeping excluded (steady state: a few MiB) */
#define RSS_PEAK_MIB 512

static int n_threads = 8;
static volatile int g_stop;
static volatile long g_bad;
static volatile long g_events;
static int g_host;

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static long rss_kib(void) {
    FILE* f = fopen("/proc/self/statm", "r");
    long pages = 0, res = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &res) != 2) res = 0;
        fclose(f);
    }
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

/* sem_wait is never restarted after a signal handler; a thread that called into the library
 * may get the Go runtime's preemption signal just after the call returned: retry on EINTR. */
static void sem_wait_intr(sem_t* s) {
    while (sem_wait(s) != 0 && errno == EINTR) {
    }
}

/* ---- per-call bookkeeping ------------------------------------------------------------------ */

typedef struct {
    double issued;
    int callbacks;
} call;

typedef struct {
    int id;
    uint64_t rng;
    sem_t slots;
    call* calls;
    long ncalls, cap;
    long writes, reads, rejected;
    double* lat;
    long nlat, latcap;
    pthread_mutex_t mu;
    int exists[PER_THREAD];
    int renamed;
} worker;

static worker W[MAX_THREADS];

static uint64_t rnd64(uint64_t* s) {
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static int rnd(worker* w, int n) { return (int)(rnd64(&w->rng) % (uint64_t)n); }

/* user_data = (thread << 40) | call index */
static void* ud_of(int t, long i) { return (void*)(uintptr_t)(((uint64_t)t << 40) | (uint64_t)i); }

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    uintptr_t u = (uintptr_t)ud;
    worker* w = &W[u >> 40];
    long i = (long)(u & ((1ULL << 40) - 1));
    double t = now_us();
    int bad = code != 0;
    if (!bad && json && json[0] == '[' && strstr(json, "conversation_operation_result_result_code")) {
        mj* a = mj_parse(json);
        for (int k = 0; a && k < a->n; k++) bad |= mj_int(mj_get(a->items[k], "conversation_operation_result_result_code"), -1) != 0;
        if (!a) bad = 1;
        mj_free(a);
    }
    if (bad) {
        if (__atomic_add_fetch(&g_bad, 1, __ATOMIC_RELAXED) <= 5) fprintf(stderr, "soak: callback code %d (%s) %.200s\n", code, desc, json);
    }
    pthread_mutex_lock(&w->mu);
    if (i < w->ncalls) {
        call* c = &w->calls[i];
        c->callbacks++;
        if (w->nlat == w->latcap) w->lat = realloc(w->lat, sizeof(double) * (size_t)(w->latcap = w->latcap * 2 + 4096));
        w->lat[w->nlat++] = t - c->issued;
    }
    pthread_mutex_unlock(&w->mu);
    sem_post(&w->slots);
}

static void on_conv(enum TIMConvEvent e, const char* j, const void* ud) { (void)e, (void)j, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_total(int n, const void* ud) { (void)n, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_filter(const char* f, int n, const void* ud) { (void)f, (void)n, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_gadd(const char* g, const char* j, const void* ud) { (void)g, (void)j, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_grem(const char* g, const char* j, uint32_t r, const void* ud) { (void)g, (void)j, (void)r, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_gren(const char* a, const char* b, const void* ud) { (void)a, (void)b, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }

/* Reserves a call slot and returns its index (the callback's user_data). */
static long begin_call(worker* w) {
    sem_wait_intr(&w->slots);
    pthread_mutex_lock(&w->mu);
    if (w->ncalls == w->cap) w->calls = realloc(w->calls, sizeof(call) * (size_t)(w->cap = w->cap * 2 + 4096));
    long i = w->ncalls++;
    w->calls[i].callbacks = 0;
    w->calls[i].issued = now_us();
    pthread_mutex_unlock(&w->mu);
    return i;
}

static void end_call(worker* w, int rc) {
    if (rc != TIM_SUCC) {
        w->rejected++;
        if (__atomic_add_fetch(&g_bad, 1, __ATOMIC_RELAXED) <= 5) fprintf(stderr, "soak: call rejected with %d\n", rc);
        pthread_mutex_lock(&w->mu);
        w->calls[w->ncalls - 1].callbacks = -1; /* not expected */
        pthread_mutex_unlock(&w->mu);
        sem_post(&w->slots);
    }
}

/* KiB of this program's per-call bookkeeping (not the library's memory). */
static long bookkeeping_kib(void) {
    long b = 0;
    for (int t = 0; t < n_threads; t++) {
        pthread_mutex_lock(&W[t].mu);
        b += W[t].cap * (long)sizeof(call) + W[t].latcap * (long)sizeof(double);
        pthread_mutex_unlock(&W[t].mu);
    }
    return b / 1024;
}

static void own_key(worker* w, int j, char* out) { sprintf(out, "c2c_t%d_%d", w->id, j); }

static void* run_worker(void* arg) {
    worker* w = (worker*)arg;
    char js[4096], key[64], k2[64];
    while (!g_stop) {
        int op = rnd(w, 100);
        int j = rnd(w, PER_THREAD), j2 = rnd(w, PER_THREAD);
        own_key(w, j, key);
        own_key(w, j2, k2);
        if (op < 50) w->writes++;
        else w->reads++;
        long i;
        int rc;
        if (op < 14) { /* upsert 1..3 own conversations */
            int n = 1 + rnd(w, 3);
            size_t k = (size_t)snprintf(js, sizeof js, "[");
            for (int m = 0; m < n; m++) {
                int jj = (j + m) % PER_THREAD;
                w->exists[jj] = 1;
                k += (size_t)snprintf(js + k, sizeof js - k,
                                      "%s{\"conv_id\":\"t%d_%d\",\"conv_type\":1,\"conv_unread_num\":%d,\"conv_active_time\":%d,\"conv_show_name\":\"T%d\","
                                      "\"conv_last_msg\":{\"text\":\"hello %d\"}}",
                                      m ? "," : "", w->id, jj, rnd(w, 4), rnd(w, 1000000), rnd(w, 1000), rnd(w, 1000));
            }
            snprintf(js + k, sizeof js - k, "]");
            i = begin_call(w);
            rc = TIMConvUpsertConversations(js, on_result, ud_of(w->id, i));
        } else if (op < 20) {
            snprintf(js, sizeof js, "[\"%s\",\"%s\"]", key, k2);
            i = begin_call(w);
            rc = TIMConvMarkConversation(js, 1ULL << rnd(w, 4), rnd(w, 2), on_result, ud_of(w->id, i));
        } else if (op < 24) {
            i = begin_call(w);
            rc = TIMConvPinConversation(key + 4, kTIMConv_C2C, rnd(w, 2), on_result, ud_of(w->id, i));
        } else if (op < 32) {
            char g[16];
            snprintf(g, sizeof g, "shared%d", rnd(w, 4));
            snprintf(js, sizeof js, "[\"%s\",\"%s\"]", key, k2);
            i = begin_call(w);
            rc = rnd(w, 2) ? TIMConvAddConversationsToGroup(g, js, on_result, ud_of(w->id, i))
                           : TIMConvDeleteConversationsFromGroup(g, js, on_result, ud_of(w->id, i));
        } else if (op < 36) {
            snprintf(js, sizeof js, "[\"%s\"]", key);
            char cd[32];
            snprintf(cd, sizeof cd, "cd%d", rnd(w, 100));
            i = begin_call(w);
            rc = TIMConvSetConversationCustomData(js, cd, on_result, ud_of(w->id, i));
        } else if (op < 39) {
            i = begin_call(w);
            rc = TIMConvCleanConversationUnreadMessageCount(key, 0, 0, on_result, ud_of(w->id, i));
        } else if (op < 42) { /* synchronous draft: issue -> return is its latency */
            snprintf(js, sizeof js, "{\"draft_user_define\":\"d%d\"}", rnd(w, 100));
            i = begin_call(w);
            rc = TIMConvSetDraft(key + 4, kTIMConv_C2C, js);
            if (rc == TIM_SUCC) on_result(0, "", "", ud_of(w->id, i));
        } else if (op < 45) { /* rename own group back and forth */
            char a[32], b[32];
            snprintf(a, sizeof a, "own%d-%s", w->id, w->renamed ? "b" : "a");
            snprintf(b, sizeof b, "own%d-%s", w->id, w->renamed ? "a" : "b");
            w->renamed = !w->renamed;
            i = begin_call(w);
            rc = TIMConvRenameConversationGroup(a, b, on_result, ud_of(w->id, i));
        } else if (op < 50) { /* delete and re-create an own conversation (two calls) */
            i = begin_call(w);
            rc = TIMConvDelete(key + 4, kTIMConv_C2C, on_result, ud_of(w->id, i));
            end_call(w, rc);
            snprintf(js, sizeof js, "[{\"conv_id\":\"%s\",\"conv_type\":1,\"conv_active_time\":%d}]", key + 4, rnd(w, 1000000));
            i = begin_call(w);
            rc = TIMConvUpsertConversations(js, on_result, ud_of(w->id, i));
        } else if (op < 53) {
            i = begin_call(w);
            rc = TIMConvGetConvList(on_result, ud_of(w->id, i));
        } else if (op < 70) {
            static const char* filters[] = {"{\"conversation_list_filter_conv_type\":1,\"conversation_list_filter_has_unread_count\":true}",
                                            "{\"conversation_list_filter_conversation_group\":\"shared1\"}",
                                            "{\"conversation_list_filter_mark_type\":1}", NULL};
            i = begin_call(w);
            rc = TIMConvGetConversationListByFilter(filters[rnd(w, 4)], 0, 50, on_result, ud_of(w->id, i));
        } else if (op < 80) {
            snprintf(js, sizeof js,
                     "[{\"get_conversation_list_param_conv_id\":\"%s\",\"get_conversation_list_param_conv_type\":1},"
                     "{\"get_conversation_list_param_conv_id\":\"%s\",\"get_conversation_list_param_conv_type\":1}]",
                     key + 4, k2 + 4);
            i = begin_call(w);
            rc = TIMConvGetConvInfo(js, on_result, ud_of(w->id, i));
        } else if (op < 88) {
            i = begin_call(w);
            rc = TIMConvGetTotalUnreadMessageCount(on_result, ud_of(w->id, i));
        } else if (op < 94) {
            i = begin_call(w);
            rc = TIMConvGetUnreadMessageCountByFilter("{\"conversation_list_filter_mark_type\":2}", on_result, ud_of(w->id, i));
        } else {
            i = begin_call(w);
            rc = TIMConvGetConversationGroupList(on_result, ud_of(w->id, i));
        }
        end_call(w, rc);
    }
    return NULL;
}

static void* pump(void* arg) {
    (void)arg;
    while (TIMDispatchCallbacks(50) != TIM_ERR_SDKUNINIT) {
    }
    return NULL;
}

static int cmp_double(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done, code;
} waiter;
static void on_wait(int32_t code, const char* d, const char* j, const void* ud) {
    (void)d, (void)j;
    waiter* w = (waiter*)ud;
    pthread_mutex_lock(&w->mu);
    w->done = 1;
    w->code = code;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}
static int wait_call(waiter* w, int rc) {
    if (rc != TIM_SUCC) return rc;
    pthread_mutex_lock(&w->mu);
    while (!w->done) pthread_cond_wait(&w->cv, &w->mu);
    w->done = 0;
    pthread_mutex_unlock(&w->mu);
    return w->code;
}

int main(int argc, char** argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    double seconds = 10;
    const char* dir = "build/soak-data";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc) n_threads = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--host")) g_host = 1;
    }
    if (n_threads < 1 || n_threads > MAX_THREADS) n_threads = 8;
    char cmd[800], cfg[900];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) return 2;
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":\"%s\"}", dir, g_host ? "host" : "library");
    long rss0 = rss_kib();
    if (TIMInit(1, cfg) != TIM_SUCC) {
        fprintf(stderr, "soak: TIMInit failed\n");
        return 1;
    }
    pthread_t pt;
    if (g_host) pthread_create(&pt, NULL, pump, NULL);
    TIMSetConvEventCallback(on_conv, NULL);
    TIMSetConvTotalUnreadMessageCountChangedCallback(on_total, NULL);
    TIMSetConvUnreadMessageCountChangedByFilterCallback(on_filter, NULL);
    TIMSetConvConversationsAddedToGroupCallback(on_gadd, NULL);
    TIMSetConvConversationsDeletedFromGroupCallback(on_grem, NULL);
    TIMSetConvConversationGroupNameChangedCallback(on_gren, NULL);
    waiter wt = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    int fail = 0;
    if (wait_call(&wt, TIMLogin("soak", "sig", on_wait, &wt)) != 0) {
        fprintf(stderr, "soak: login failed\n");
        return 1;
    }
    /* every thread's conversations, 4 shared groups, one own group per thread */
    for (int t = 0; t < n_threads; t++) {
        char js[8192];
        size_t k = (size_t)snprintf(js, sizeof js, "[");
        for (int j = 0; j < PER_THREAD; j++)
            k += (size_t)snprintf(js + k, sizeof js - k, "%s{\"conv_id\":\"t%d_%d\",\"conv_type\":1,\"conv_active_time\":%d}", j ? "," : "", t, j, j);
        snprintf(js + k, sizeof js - k, "]");
        fail |= wait_call(&wt, TIMConvUpsertConversations(js, on_wait, &wt)) != 0;
        char g[32], ids[64];
        snprintf(g, sizeof g, "own%d-a", t);
        snprintf(ids, sizeof ids, "[\"c2c_t%d_0\"]", t);
        fail |= wait_call(&wt, TIMConvCreateConversationGroup(g, ids, on_wait, &wt)) != 0;
    }
    for (int g = 0; g < 4; g++) {
        char name[16];
        snprintf(name, sizeof name, "shared%d", g);
        fail |= wait_call(&wt, TIMConvCreateConversationGroup(name, "[\"c2c_t0_1\"]", on_wait, &wt)) != 0;
    }
    fail |= TIMConvSubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conversation_group\":\"shared0\"}") != TIM_SUCC;
    fail |= TIMConvSubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_mark_type\":1}") != TIM_SUCC;
    if (fail) {
        fprintf(stderr, "soak: setup failed\n");
        return 1;
    }

    pthread_t th[MAX_THREADS];
    for (int t = 0; t < n_threads; t++) {
        W[t].id = t;
        W[t].rng = 0x9E3779B97F4A7C15ULL * (uint64_t)(t + 1);
        sem_init(&W[t].slots, 0, IN_FLIGHT);
        pthread_mutex_init(&W[t].mu, NULL);
        pthread_create(&th[t], NULL, run_worker, &W[t]);
    }
    double t0 = now_us();
    long rss_warm = 0, rss_peak = 0, book_warm = 0;
    while (now_us() - t0 < seconds * 1e6) {
        usleep(100000);
        long r = rss_kib();
        if (r > rss_peak) rss_peak = r;
        if (!rss_warm && now_us() - t0 >= seconds * 1e6 / 4) rss_warm = r, book_warm = bookkeeping_kib();
    }
    g_stop = 1;
    for (int t = 0; t < n_threads; t++) pthread_join(th[t], NULL);
    double elapsed = (now_us() - t0) / 1e6;
    long rss_end = rss_kib(), book_end = bookkeeping_kib();
    if (rss_end > rss_peak) rss_peak = rss_end;
    long growth = rss_end - rss_warm - (book_end - book_warm);
    if (TIMUninit() != TIM_SUCC) fail = 1; /* delivers every pending callback */
    if (g_host) pthread_join(pt, NULL);

    long calls = 0, writes = 0, reads = 0, missing = 0, dups = 0, nlat = 0;
    for (int t = 0; t < n_threads; t++) {
        worker* w = &W[t];
        calls += w->ncalls;
        writes += w->writes;
        reads += w->reads;
        for (long i = 0; i < w->ncalls; i++) {
            if (w->calls[i].callbacks == 0) missing++;
            if (w->calls[i].callbacks > 1) dups++;
        }
        nlat += w->nlat;
    }
    double* lat = malloc(sizeof(double) * (size_t)(nlat ? nlat : 1));
    long k = 0;
    for (int t = 0; t < n_threads; t++) {
        memcpy(lat + k, W[t].lat, sizeof(double) * (size_t)W[t].nlat);
        k += W[t].nlat;
    }
    qsort(lat, (size_t)nlat, sizeof(double), cmp_double);
#define PCT(p) (nlat ? lat[(long)((nlat - 1) * (p))] : 0)
    printf("soak: %d threads, %.1f s, %s dispatch: %ld calls (%ld writes, %ld reads), %ld listener events\n", n_threads, elapsed,
           g_host ? "host" : "library", calls, writes, reads, (long)g_events);
    printf("| %-44s | %14.0f |\n", "ops/s (calls completed per second)", calls / elapsed);
    printf("| %-44s | %11.0f µs |\n", "callback latency p50 (issue -> callback)", PCT(0.50));
    printf("| %-44s | %11.0f µs |\n", "callback latency p99", PCT(0.99));
    printf("| %-44s | %11.1f ms |\n", "callback latency max", PCT(1.0) / 1000);
    printf("| %-44s | %10.1f MiB |\n", "RSS before TIMInit", rss0 / 1024.0);
    printf("| %-44s | %10.1f MiB |\n", "RSS after warm-up (a quarter of the run)", rss_warm / 1024.0);
    printf("| %-44s | %10.1f MiB |\n", "RSS at the end", rss_end / 1024.0);
    printf("| %-44s | %10.1f MiB |\n", "RSS growth after warm-up (bookkeeping excl.)", growth / 1024.0);
    printf("| %-44s | %10.1f MiB |\n", "RSS peak", rss_peak / 1024.0);
    if (g_bad) {
        printf("soak: FAIL: %ld calls rejected or reported a non-zero code\n", (long)g_bad);
        fail = 1;
    }
    if (missing || dups) {
        printf("soak: FAIL: %ld accepted calls without a callback, %ld with more than one\n", missing, dups);
        fail = 1;
    }
    if (calls == 0) fail = 1;
    if (rss_warm && growth > RSS_GROWTH_MIB * 1024L) {
        printf("soak: FAIL: resident memory grew by %.1f MiB after warm-up (bound %d MiB)\n", growth / 1024.0, RSS_GROWTH_MIB);
        fail = 1;
    }
    if (rss_peak > RSS_PEAK_MIB * 1024L) {
        printf("soak: FAIL: peak resident memory %.1f MiB (bound %d MiB)\n", rss_peak / 1024.0, RSS_PEAK_MIB);
        fail = 1;
    }
    printf("soak: %s\n", fail ? "FAILED" : "ok: no error, no missing or duplicate callback, memory bounded");
    free(lat);
    return fail;
}
