/*
 * crash.c — crash durability, cross-process safety and exit under traffic, through the C ABI
 * (header: threads, lifecycle, storage). See RELIABILITY.md.
 *
 *   crash run [--rounds N] [--exit-rounds N] [--seed S] [--dir D] [--keep] [-v]
 *       Kill rounds: a writer process (this program, "writer" mode) streams acknowledged writes
 *       (upserts, pins, marks, custom data, drafts, unread cleaning, deletes, group create /
 *       rename / delete / add / remove) with 1..8 calls in flight, while reader threads and
 *       listeners (some calling back into the library) keep callbacks flowing; the driver kills
 *       it with SIGKILL at a random moment (also during start-up), then reopens the cache through
 *       the library and checks that the state is exactly the state after every acknowledged
 *       write plus some prefix of the writes still in flight (each call applies whole or not at
 *       all), and that PRAGMA integrity_check is "ok". While the writer runs, the driver (a
 *       second process) logs in as the same user: 6022, every time. Rounds alternate
 *       "sdk_config_durability" normal and full, and share one cache, so every round also
 *       reopens a cache that was killed before.
 *       Exit rounds: the writer leaves by itself while calls and callbacks are in flight — main
 *       returns (library and host dispatch), exit() inside a callback, TIMUninit racing the
 *       calling threads — and must exit with status 0 within a generous timeout (a hang is a
 *       failure); the cache is then checked the same way.
 *   crash check-cache DATA_DIR --app ID --user U [--conv KEY]... [--group NAME]... [--min-convs N]
 *       integrity_check of every conv.db under DATA_DIR, then a login as U through the library
 *       and the listed conversations and groups present (used after the bindings' exit probes).
 *   crash writer ...   (internal)
 *
 * Nothing here asserts a time; timeouts only detect hangs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/minijson.h"
#include "timconvgroup.h"

extern char** environ;

#define USER "crash-user"
#define APP_ID 1
#define HANG_MS 60000

static int verbose;
static int sabotage; /* self-test: lose the WAL after each kill; the run must then fail */

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* sem_wait / sem_timedwait are never restarted after a signal handler (signal(7)), and a host
 * thread that has called into the library may get the Go runtime's preemption signal (SIGURG)
 * just after the call returned: retry on EINTR, as with any library that uses signals. */
static void sem_wait_intr(sem_t* s) {
    while (sem_wait(s) != 0 && errno == EINTR) {
    }
}
static int sem_timedwait_intr(sem_t* s, const struct timespec* dl) {
    int rc;
    while ((rc = sem_timedwait(s, dl)) != 0 && errno == EINTR) {
    }
    return rc;
}

static uint64_t rng_next(uint64_t* s) { /* xorshift64* */
    uint64_t x = *s ? *s : 0x9E3779B97F4A7C15ULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static int rnd(uint64_t* s, int n) { return (int)(rng_next(s) % (uint64_t)n); }

/* ========================================================================================= */
/* the model: what the cache must hold                                                        */
/* ========================================================================================= */

#define NC 48 /* conversation slots: c2c_c00..c2c_c39, group_g40..group_g47 */
#define NG 8  /* at most this many groups at a time */
#define TOK 32

typedef struct {
    int used;
    char name[TOK];
    uint64_t unread, active, marks;
    int pinned;
    char custom[TOK]; /* "" = none */
    char draft[TOK];  /* draft_user_define; "" = no draft */
    long gids[NG];
    int ng;
} mconv;

typedef struct {
    mconv c[NC];
    struct {
        long id;
        char name[TOK];
    } g[NG];
    int ng;
    long next_gid;
} model;

static void slot_key(int i, char* out) {
    if (i < 40) sprintf(out, "c2c_c%02d", i);
    else sprintf(out, "group_g%02d", i);
}
static int key_slot(const char* key) {
    int n;
    if (sscanf(key, "c2c_c%d", &n) == 1 && n >= 0 && n < 40) return n;
    if (sscanf(key, "group_g%d", &n) == 1 && n >= 40 && n < NC) return n;
    return -1;
}
static int group_index(const model* m, const char* name) {
    for (int i = 0; i < m->ng; i++)
        if (!strcmp(m->g[i].name, name)) return i;
    return -1;
}
static void conv_add_gid(mconv* c, long gid) {
    for (int i = 0; i < c->ng; i++)
        if (c->gids[i] == gid) return;
    c->gids[c->ng++] = gid;
}
static void conv_del_gid(mconv* c, long gid) {
    for (int i = 0; i < c->ng; i++)
        if (c->gids[i] == gid) {
            c->gids[i] = c->gids[--c->ng];
            return;
        }
}
static const char* tokval(const char* t) { return strcmp(t, "-") ? t : ""; }

/* Applies one operation (its log text) to m. Returns 0, or -1 when the text is malformed. */
static int model_apply(model* m, const char* text) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    char* save = NULL;
    char* t[128];
    int nt = 0;
    for (char* p = strtok_r(buf, " \n", &save); p && nt < 128; p = strtok_r(NULL, " \n", &save)) t[nt++] = p;
    if (nt == 0) return -1;
    const char* op = t[0];
#define SLOT(s) key_slot(s)
    if (!strcmp(op, "U")) {
        int n = atoi(t[1]);
        for (int i = 0; i < n; i++) {
            int s = SLOT(t[2 + 4 * i]);
            if (s < 0) return -1;
            mconv* c = &m->c[s];
            if (!c->used) memset(c, 0, sizeof *c), c->used = 1;
            snprintf(c->name, TOK, "%s", t[3 + 4 * i]);
            c->unread = strtoull(t[4 + 4 * i], NULL, 10);
            c->active = strtoull(t[5 + 4 * i], NULL, 10);
        }
    } else if (!strcmp(op, "D")) {
        int s = SLOT(t[1]);
        if (s < 0) return -1;
        memset(&m->c[s], 0, sizeof m->c[s]);
    } else if (!strcmp(op, "DL")) {
        int n = atoi(t[1]);
        for (int i = 0; i < n; i++) {
            int s = SLOT(t[2 + i]);
            if (s < 0) return -1;
            memset(&m->c[s], 0, sizeof m->c[s]);
        }
    } else if (!strcmp(op, "P")) {
        m->c[SLOT(t[1])].pinned = atoi(t[2]);
    } else if (!strcmp(op, "M")) {
        uint64_t mark = strtoull(t[1], NULL, 10);
        int en = atoi(t[2]), n = atoi(t[3]);
        for (int i = 0; i < n; i++) {
            mconv* c = &m->c[SLOT(t[4 + i])];
            c->marks = en ? c->marks | mark : c->marks & ~mark;
        }
    } else if (!strcmp(op, "X")) {
        int n = atoi(t[2]);
        for (int i = 0; i < n; i++) snprintf(m->c[SLOT(t[3 + i])].custom, TOK, "%s", tokval(t[1]));
    } else if (!strcmp(op, "DR")) {
        snprintf(m->c[SLOT(t[1])].draft, TOK, "%s", t[2]);
    } else if (!strcmp(op, "DC")) {
        m->c[SLOT(t[1])].draft[0] = 0;
    } else if (!strcmp(op, "CU")) {
        m->c[SLOT(t[1])].unread = 0;
    } else if (!strcmp(op, "GC")) {
        if (m->ng >= NG) return -1;
        long gid = ++m->next_gid;
        m->g[m->ng].id = gid;
        snprintf(m->g[m->ng].name, TOK, "%s", t[1]);
        m->ng++;
        int n = atoi(t[2]);
        for (int i = 0; i < n; i++) conv_add_gid(&m->c[SLOT(t[3 + i])], gid);
    } else if (!strcmp(op, "GR")) {
        int g = group_index(m, t[1]);
        if (g < 0) return -1;
        snprintf(m->g[g].name, TOK, "%s", t[2]);
    } else if (!strcmp(op, "GD")) {
        int g = group_index(m, t[1]);
        if (g < 0) return -1;
        long gid = m->g[g].id;
        for (int i = 0; i < NC; i++) conv_del_gid(&m->c[i], gid);
        memmove(&m->g[g], &m->g[g + 1], sizeof m->g[0] * (size_t)(m->ng - g - 1));
        m->ng--;
    } else if (!strcmp(op, "GA") || !strcmp(op, "GX")) {
        int g = group_index(m, t[1]);
        if (g < 0) return -1;
        int n = atoi(t[2]);
        for (int i = 0; i < n; i++) {
            mconv* c = &m->c[SLOT(t[3 + i])];
            if (op[1] == 'A') conv_add_gid(c, m->g[g].id);
            else conv_del_gid(c, m->g[g].id);
        }
    } else {
        return -1;
    }
#undef SLOT
    return 0;
}

/* Canonical text of a model: "G name" per group in creation order, then one "C ..." line per
 * conversation in slot order. */
static char* model_dump(const model* m) {
    size_t cap = 16384, n = 0;
    char* b = malloc(cap);
    b[0] = 0;
    for (int i = 0; i < m->ng; i++) n += (size_t)snprintf(b + n, cap - n, "G %s\n", m->g[i].name);
    for (int i = 0; i < NC; i++) {
        const mconv* c = &m->c[i];
        if (!c->used) continue;
        char key[TOK], groups[NG * (TOK + 1) + 2] = "";
        slot_key(i, key);
        for (int g = 0; g < m->ng; g++)
            for (int k = 0; k < c->ng; k++)
                if (c->gids[k] == m->g[g].id) {
                    if (groups[0]) strcat(groups, ",");
                    strcat(groups, m->g[g].name);
                }
        n += (size_t)snprintf(b + n, cap - n, "C %s %s %" PRIu64 " %" PRIu64 " %d %" PRIu64 " %s %s %s\n", key, c->name, c->unread,
                              c->active, c->pinned, c->marks, c->custom[0] ? c->custom : "-", c->draft[0] ? c->draft : "-",
                              groups[0] ? groups : "-");
    }
    return b;
}

/* Rebuilds a model from its canonical text (group ids follow line order). */
static int model_load(model* m, const char* text) {
    memset(m, 0, sizeof *m);
    char* copy = strdup(text);
    char* save = NULL;
    for (char* line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == 'G') {
            m->g[m->ng].id = ++m->next_gid;
            snprintf(m->g[m->ng].name, TOK, "%s", line + 2);
            m->ng++;
        } else if (line[0] == 'C') {
            char key[TOK], name[TOK], custom[TOK], draft[TOK], groups[512];
            uint64_t unread, active, marks;
            int pinned;
            if (sscanf(line, "C %31s %31s %" SCNu64 " %" SCNu64 " %d %" SCNu64 " %31s %31s %511s", key, name, &unread, &active,
                       &pinned, &marks, custom, draft, groups) != 9) {
                free(copy);
                return -1;
            }
            int s = key_slot(key);
            if (s < 0) {
                free(copy);
                return -1;
            }
            mconv* c = &m->c[s];
            c->used = 1;
            snprintf(c->name, TOK, "%s", name);
            c->unread = unread;
            c->active = active;
            c->pinned = pinned;
            c->marks = marks;
            snprintf(c->custom, TOK, "%s", tokval(custom));
            snprintf(c->draft, TOK, "%s", tokval(draft));
            if (strcmp(groups, "-")) {
                char* s2 = NULL;
                for (char* gname = strtok_r(groups, ",", &s2); gname; gname = strtok_r(NULL, ",", &s2)) {
                    int g = group_index(m, gname);
                    if (g >= 0) conv_add_gid(c, m->g[g].id);
                }
            }
        }
    }
    free(copy);
    return 0;
}

/* ========================================================================================= */
/* talking to the library                                                                     */
/* ========================================================================================= */

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
    int code;
    char* json;
    char* desc;
} waiter;

static void waiter_init(waiter* w) {
    memset(w, 0, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &a);
    pthread_condattr_destroy(&a);
}

static void on_wait(int32_t code, const char* desc, const char* json, const void* ud) {
    waiter* w = (waiter*)ud;
    pthread_mutex_lock(&w->mu);
    w->code = code;
    free(w->json);
    free(w->desc);
    w->json = strdup(json ? json : "");
    w->desc = strdup(desc ? desc : "");
    w->done = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* Waits for the callback of an accepted call; -9999 when rc was not 0 or on a hang. */
static int wait_code(waiter* w, int rc) {
    if (rc != TIM_SUCC) return -9999;
    struct timespec dl;
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_sec += HANG_MS / 1000;
    pthread_mutex_lock(&w->mu);
    while (!w->done)
        if (pthread_cond_timedwait(&w->cv, &w->mu, &dl) == ETIMEDOUT) break;
    int code = w->done ? w->code : -9999;
    w->done = 0;
    pthread_mutex_unlock(&w->mu);
    return code;
}

/* Reads the cache's state through the library (logged in) as canonical text; NULL on error. */
static char* library_state(char* err, size_t errn) {
    waiter w;
    waiter_init(&w);
    int code = wait_code(&w, TIMConvGetConversationGroupList(on_wait, &w));
    if (code != 0) {
        snprintf(err, errn, "TIMConvGetConversationGroupList: code %d", code);
        free(w.json);
        free(w.desc);
        return NULL;
    }
    mj* groups = mj_parse(w.json);
    code = wait_code(&w, TIMConvGetConvList(on_wait, &w));
    if (code != 0 || !groups || groups->type != MJ_ARR) {
        snprintf(err, errn, "TIMConvGetConvList: code %d", code);
        mj_free(groups);
        free(w.json);
        free(w.desc);
        return NULL;
    }
    mj* convs = mj_parse(w.json);
    if (!convs || convs->type != MJ_ARR) {
        snprintf(err, errn, "TIMConvGetConvList: not a JSON array: %.200s", w.json);
        mj_free(groups);
        mj_free(convs);
        free(w.json);
        free(w.desc);
        return NULL;
    }
    size_t cap = 16384, n = 0;
    char* b = malloc(cap);
    b[0] = 0;
    for (int i = 0; i < groups->n; i++) n += (size_t)snprintf(b + n, cap - n, "G %s\n", mj_str(groups->items[i], "?"));
    /* conversations in slot order (the list is in list order) */
    for (int s = 0; s < NC; s++) {
        char want[TOK];
        slot_key(s, want);
        for (int i = 0; i < convs->n; i++) {
            mj* c = convs->items[i];
            char key[TOK + 8];
            snprintf(key, sizeof key, "%s%s", mj_int(mj_get(c, "conv_type"), 0) == 2 ? "group_" : "c2c_", mj_str(mj_get(c, "conv_id"), "?"));
            if (strcmp(key, want)) continue;
            uint64_t marks = 0;
            mj* ma = mj_get(c, "conv_mark_array");
            for (int k = 0; ma && k < ma->n; k++) marks |= mj_u64(ma->items[k], 0);
            char gs[NG * (TOK + 1) + 2] = "";
            mj* ga = mj_get(c, "conv_conversation_group_array");
            for (int k = 0; ga && k < ga->n; k++) {
                if (gs[0]) strcat(gs, ",");
                strncat(gs, mj_str(ga->items[k], "?"), TOK);
            }
            const char* custom = mj_str(mj_get(c, "conv_custom_data"), "");
            const char* draft = mj_bool(mj_get(c, "conv_is_has_draft"), 0) ? mj_str(mj_get(mj_get(c, "conv_draft"), "draft_user_define"), "?") : "";
            n += (size_t)snprintf(b + n, cap - n, "C %s %s %" PRIu64 " %" PRIu64 " %d %" PRIu64 " %s %s %s\n", key,
                                  mj_str(mj_get(c, "conv_show_name"), "?"), mj_u64(mj_get(c, "conv_unread_num"), 0),
                                  mj_u64(mj_get(c, "conv_active_time"), 0), mj_bool(mj_get(c, "conv_is_pinned"), 0), marks,
                                  custom[0] ? custom : "-", draft[0] ? draft : "-", gs[0] ? gs : "-");
        }
    }
    /* a conversation the model cannot name is a difference too */
    for (int i = 0; i < convs->n; i++) {
        mj* c = convs->items[i];
        char key[TOK + 8];
        snprintf(key, sizeof key, "%s%s", mj_int(mj_get(c, "conv_type"), 0) == 2 ? "group_" : "c2c_", mj_str(mj_get(c, "conv_id"), "?"));
        if (key_slot(key) < 0) n += (size_t)snprintf(b + n, cap - n, "C %s (unexpected)\n", key);
    }
    mj_free(groups);
    mj_free(convs);
    free(w.json);
    free(w.desc);
    return b;
}

/* PRAGMA integrity_check of one file through the system's SQLite; 1 when "ok". */
static int integrity_ok(const char* path, char* err, size_t errn) {
    sqlite3* db = NULL;
    int ok = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(err, errn, "open %s: %s", path, db ? sqlite3_errmsg(db) : "?");
        sqlite3_close(db);
        return 0;
    }
    sqlite3_stmt* st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char* r = (const char*)sqlite3_column_text(st, 0);
        ok = r && !strcmp(r, "ok");
        if (!ok) snprintf(err, errn, "integrity_check %s: %s", path, r ? r : "(null)");
    } else {
        snprintf(err, errn, "integrity_check %s: %s", path, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

/* ========================================================================================= */
/* writer (child process)                                                                    */
/* ========================================================================================= */

static int g_log = -1;
static sem_t g_slots;            /* calls allowed in flight */
static volatile int g_acks;      /* acknowledged writes */
static volatile int g_stop;      /* writer/readers stop issuing */
static volatile int g_exit_in_cb;
static volatile int g_failed;
static int g_host_mode;

static void logf_(const char* fmt, ...) {
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
    if (write(g_log, line, (size_t)n) != n) g_failed = 1; /* one write: atomic with O_APPEND */
}

static void maybe_exit_in_callback(void) {
    if (g_exit_in_cb && g_acks >= g_exit_in_cb) exit(0); /* exit() from the callback thread */
}

/* Result of a write: code 0 and every per-item code 0, else an error line (the driver fails). */
static void on_write(int32_t code, const char* desc, const char* json, const void* ud) {
    long seq = (long)(intptr_t)ud;
    int bad = code != 0;
    if (!bad && json && json[0] == '[') {
        mj* a = mj_parse(json);
        for (int i = 0; a && i < a->n; i++) bad |= mj_int(mj_get(a->items[i], "conversation_operation_result_result_code"), -1) != 0;
        if (!a) bad = 1;
        mj_free(a);
    }
    if (bad) {
        logf_("E %ld code %d %s %.300s\n", seq, code, desc, json);
        g_failed = 1;
    } else {
        logf_("A %ld\n", seq);
        __atomic_add_fetch(&g_acks, 1, __ATOMIC_SEQ_CST);
    }
    sem_post(&g_slots);
    maybe_exit_in_callback();
}

/* Listeners: count, and sometimes call back into the library from inside the listener. */
static volatile long g_events;
static void on_event(enum TIMConvEvent e, const char* json, const void* ud) {
    (void)e, (void)json, (void)ud;
    if (__atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED) % 16 == 0) TIMConvGetTotalUnreadMessageCount(NULL, NULL);
    maybe_exit_in_callback();
}
static void on_group(const char* n, const char* arr, const void* ud) { (void)n, (void)arr, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_gdel(const char* n, const void* ud) { (void)n, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_gren(const char* a, const char* b, const void* ud) { (void)a, (void)b, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_grem(const char* n, const char* arr, uint32_t r, const void* ud) { (void)n, (void)arr, (void)r, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }
static void on_total(int t, const void* ud) { (void)t, (void)ud; __atomic_add_fetch(&g_events, 1, __ATOMIC_RELAXED); }

static void split_key(const char* key, char* id, int* type) {
    if (!strncmp(key, "c2c_", 4)) { strcpy(id, key + 4); *type = kTIMConv_C2C; }
    else { strcpy(id, key + 6); *type = kTIMConv_Group; }
}

/* JSON array of the n keys starting at t[from]. */
static void ids_json(char* out, size_t n, char** t, int from, int count) {
    size_t k = (size_t)snprintf(out, n, "[");
    for (int i = 0; i < count; i++) k += (size_t)snprintf(out + k, n - k, "%s\"%s\"", i ? "," : "", t[from + i]);
    snprintf(out + k, n - k, "]");
}

/* Issues the call of one operation. Async calls: the TIMResult (the callback logs the ack).
 * Sync calls (drafts): the TIMResult, with *sync set. */
static int issue(const char* text, long seq, int* sync) {
    char buf[1024], js[8192], id[TOK];
    snprintf(buf, sizeof buf, "%s", text);
    char* t[128];
    int nt = 0, type;
    char* save = NULL;
    for (char* p = strtok_r(buf, " \n", &save); p && nt < 128; p = strtok_r(NULL, " \n", &save)) t[nt++] = p;
    const void* ud = (const void*)(intptr_t)seq;
    const char* op = t[0];
    *sync = 0;
    if (!strcmp(op, "U")) {
        int n = atoi(t[1]);
        size_t k = (size_t)snprintf(js, sizeof js, "[");
        for (int i = 0; i < n; i++) {
            split_key(t[2 + 4 * i], id, &type);
            k += (size_t)snprintf(js + k, sizeof js - k,
                                  "%s{\"conv_id\":\"%s\",\"conv_type\":%d,\"conv_show_name\":\"%s\",\"conv_unread_num\":%s,\"conv_active_time\":%s,"
                                  "\"conv_last_msg\":{\"text\":\"message %ld\"}}",
                                  i ? "," : "", id, type, t[3 + 4 * i], t[4 + 4 * i], t[5 + 4 * i], seq);
        }
        snprintf(js + k, sizeof js - k, "]");
        return TIMConvUpsertConversations(js, on_write, ud);
    }
    if (!strcmp(op, "D")) {
        split_key(t[1], id, &type);
        return TIMConvDelete(id, (enum TIMConvType)type, on_write, ud);
    }
    if (!strcmp(op, "DL")) {
        ids_json(js, sizeof js, t, 2, atoi(t[1]));
        return TIMConvDeleteConversationList(js, seq % 2, on_write, ud);
    }
    if (!strcmp(op, "P")) {
        split_key(t[1], id, &type);
        return TIMConvPinConversation(id, (enum TIMConvType)type, atoi(t[2]), on_write, ud);
    }
    if (!strcmp(op, "M")) {
        ids_json(js, sizeof js, t, 4, atoi(t[3]));
        return TIMConvMarkConversation(js, strtoull(t[1], NULL, 10), atoi(t[2]), on_write, ud);
    }
    if (!strcmp(op, "X")) {
        ids_json(js, sizeof js, t, 3, atoi(t[2]));
        return TIMConvSetConversationCustomData(js, tokval(t[1]), on_write, ud);
    }
    if (!strcmp(op, "DR") || !strcmp(op, "DC")) {
        *sync = 1;
        split_key(t[1], id, &type);
        if (op[1] == 'C') return TIMConvCancelDraft(id, (enum TIMConvType)type);
        snprintf(js, sizeof js, "{\"draft_msg\":{\"text\":\"draft %ld\"},\"draft_user_define\":\"%s\",\"draft_edit_time\":%ld}", seq, t[2], seq);
        return TIMConvSetDraft(id, (enum TIMConvType)type, js);
    }
    if (!strcmp(op, "CU")) return TIMConvCleanConversationUnreadMessageCount(t[1], 0, 0, on_write, ud);
    if (!strcmp(op, "GC")) {
        ids_json(js, sizeof js, t, 3, atoi(t[2]));
        return TIMConvCreateConversationGroup(t[1], js, on_write, ud);
    }
    if (!strcmp(op, "GR")) return TIMConvRenameConversationGroup(t[1], t[2], on_write, ud);
    if (!strcmp(op, "GD")) return TIMConvDeleteConversationGroup(t[1], on_write, ud);
    if (!strcmp(op, "GA") || !strcmp(op, "GX")) {
        ids_json(js, sizeof js, t, 3, atoi(t[2]));
        return op[1] == 'A' ? TIMConvAddConversationsToGroup(t[1], js, on_write, ud)
                            : TIMConvDeleteConversationsFromGroup(t[1], js, on_write, ud);
    }
    return -100;
}

/* Picks up to max distinct existing conversations; returns how many (their keys appended). */
static int pick_existing(const model* m, uint64_t* r, int max, char* out, size_t n) {
    int idx[NC], k = 0;
    for (int i = 0; i < NC; i++)
        if (m->c[i].used) idx[k++] = i;
    if (k == 0) return 0;
    int want = 1 + rnd(r, max < k ? max : k);
    for (int i = 0; i < want; i++) { /* partial shuffle */
        int j = i + rnd(r, k - i), tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
    }
    size_t len = strlen(out);
    for (int i = 0; i < want; i++) {
        char key[TOK];
        slot_key(idx[i], key);
        len += (size_t)snprintf(out + len, n - len, " %s", key);
    }
    return want;
}

/* Generates the next operation: valid for the state after every operation generated before
 * (the FIFO makes that the state it runs on), so every call and item must report 0. */
static void gen_op(const model* m, uint64_t* r, char* out, size_t n) {
    static const uint64_t marks[] = {1, 2, 4, 8, 1ULL << 32, 1ULL << 63};
    int nconv = 0;
    for (int i = 0; i < NC; i++) nconv += m->c[i].used;
    for (;;) {
        int w = rnd(r, 100);
        if (nconv == 0 || w < 24) { /* upsert 1..4 (sometimes 30) conversations */
            int cnt = rnd(r, 12) == 0 ? 30 : 1 + rnd(r, 4);
            int used[NC] = {0};
            size_t k = (size_t)snprintf(out, n, "U %d", cnt);
            for (int i = 0; i < cnt; i++) {
                int s;
                do s = rnd(r, NC); while (used[s]);
                used[s] = 1;
                char key[TOK];
                slot_key(s, key);
                k += (size_t)snprintf(out + k, n - k, " %s n%d %d %d", key, rnd(r, 100000), rnd(r, 5), rnd(r, 1000000));
            }
            return;
        }
        char tmp[900];
        tmp[0] = 0;
        if (w < 32) { /* pin */
            pick_existing(m, r, 1, tmp, sizeof tmp);
            snprintf(out, n, "P%s %d", tmp, rnd(r, 2));
            return;
        }
        if (w < 42) {
            int c = pick_existing(m, r, 5, tmp, sizeof tmp);
            snprintf(out, n, "M %" PRIu64 " %d %d%s", marks[rnd(r, 6)] | (rnd(r, 3) ? 0 : marks[rnd(r, 6)]), rnd(r, 3) != 0, c, tmp);
            return;
        }
        if (w < 48) {
            int c = pick_existing(m, r, 5, tmp, sizeof tmp);
            if (rnd(r, 4)) snprintf(out, n, "X x%d %d%s", rnd(r, 1000), c, tmp);
            else snprintf(out, n, "X - %d%s", c, tmp);
            return;
        }
        if (w < 53) {
            pick_existing(m, r, 1, tmp, sizeof tmp);
            snprintf(out, n, "DR%s d%d", tmp, rnd(r, 1000));
            return;
        }
        if (w < 56) {
            pick_existing(m, r, 1, tmp, sizeof tmp);
            if (!m->c[key_slot(tmp + 1)].draft[0]) continue;
            snprintf(out, n, "DC%s", tmp);
            return;
        }
        if (w < 59) {
            pick_existing(m, r, 1, tmp, sizeof tmp);
            snprintf(out, n, "CU%s", tmp);
            return;
        }
        if (w < 63) {
            pick_existing(m, r, 1, tmp, sizeof tmp);
            snprintf(out, n, "D%s", tmp);
            return;
        }
        if (w < 66) {
            int c = pick_existing(m, r, 3, tmp, sizeof tmp);
            snprintf(out, n, "DL %d%s", c, tmp);
            return;
        }
        char name[TOK];
        snprintf(name, sizeof name, "grp%d", rnd(r, 16));
        if (w < 73) {
            if (m->ng >= NG || group_index(m, name) >= 0) continue;
            int c = pick_existing(m, r, 4, tmp, sizeof tmp);
            snprintf(out, n, "GC %s %d%s", name, c, tmp);
            return;
        }
        if (m->ng == 0) continue;
        const char* g = m->g[rnd(r, m->ng)].name;
        if (w < 78) {
            if (group_index(m, name) >= 0) continue;
            snprintf(out, n, "GR %s %s", g, name);
            return;
        }
        if (w < 82) {
            snprintf(out, n, "GD %s", g);
            return;
        }
        int c = pick_existing(m, r, 5, tmp, sizeof tmp);
        snprintf(out, n, "%s %s %d%s", w < 92 ? "GA" : "GX", g, c, tmp);
        return;
    }
}

typedef struct {
    uint64_t seed;
    model m;
    int uninit_mode;
} writer_ctx;

static void* writer_thread(void* arg) {
    writer_ctx* w = (writer_ctx*)arg;
    char text[1024];
    for (long seq = 1; !g_stop; seq++) {
        gen_op(&w->m, &w->seed, text, sizeof text);
        if (model_apply(&w->m, text) != 0) {
            logf_("E %ld bad generated op %s\n", seq, text);
            g_failed = 1;
            return NULL;
        }
        sem_wait_intr(&g_slots);
        logf_("I %ld %s\n", seq, text);
        int sync = 0;
        int rc = issue(text, seq, &sync);
        if (sync) {
            if (rc == TIM_SUCC) {
                logf_("A %ld\n", seq);
                __atomic_add_fetch(&g_acks, 1, __ATOMIC_SEQ_CST);
            } else if (w->uninit_mode && rc == TIM_ERR_SDKUNINIT) {
                logf_("R %ld %d\n", seq, rc);
                return NULL;
            } else {
                logf_("E %ld sync rc %d\n", seq, rc);
                g_failed = 1;
                return NULL;
            }
            sem_post(&g_slots);
        } else if (rc != TIM_SUCC) {
            if (w->uninit_mode && rc == TIM_ERR_SDKUNINIT) {
                logf_("R %ld %d\n", seq, rc);
                return NULL;
            }
            logf_("E %ld rc %d\n", seq, rc);
            g_failed = 1;
            return NULL;
        }
    }
    return NULL;
}

/* Reader: reads of every kind, one in flight, for callback traffic. */
static void on_read(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)desc, (void)json;
    if (code != 0) {
        logf_("E 0 read code %d %s\n", code, desc);
        g_failed = 1;
    }
    sem_post((sem_t*)ud);
    maybe_exit_in_callback();
}

static sem_t g_read_done[8]; /* static: a late callback must never post to a dead stack */

static void* reader_thread(void* arg) {
    uint64_t r = (uint64_t)(uintptr_t)arg;
    sem_t* done_p = &g_read_done[r % 8];
#define done (*done_p)
    while (!g_stop) {
        int rc;
        switch (rnd(&r, 5)) {
        case 0: rc = TIMConvGetConvList(on_read, &done); break;
        case 1: rc = TIMConvGetConversationListByFilter("{\"conversation_list_filter_conv_type\":1}", 0, 10, on_read, &done); break;
        case 2: rc = TIMConvGetConversationGroupList(on_read, &done); break;
        case 3: rc = TIMConvGetUnreadMessageCountByFilter("{\"conversation_list_filter_has_unread_count\":true}", on_read, &done); break;
        default: rc = TIMConvGetTotalUnreadMessageCount(on_read, &done); break;
        }
        if (rc != TIM_SUCC) break; /* uninitialised under us (uninit mode), or exiting */
        struct timespec dl;
        clock_gettime(CLOCK_REALTIME, &dl);
        dl.tv_sec += HANG_MS / 1000;
        if (sem_timedwait_intr(&done, &dl) != 0) {
            logf_("E 0 a read got no callback within %d s\n", HANG_MS / 1000);
            g_failed = 1;
            break;
        }
    }
#undef done
    return NULL;
}

static void* pump_thread(void* arg) {
    (void)arg;
    for (;;) {
        int n = TIMDispatchCallbacks(100);
        if (n == TIM_ERR_SDKUNINIT) break;
    }
    return NULL;
}

static char* read_file(const char* path) {
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    b[got] = 0;
    fclose(f);
    return b;
}

static int write_file(const char* path, const char* text) {
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE* f = fopen(tmp, "wb");
    if (!f) return -1;
    fputs(text, f);
    fclose(f);
    return rename(tmp, path);
}

/* writer DIR SEED MODE DURABILITY PIPE READERS ACKS LOG STATE */
static int writer_main(int argc, char** argv) {
    if (argc < 9) return 2;
    const char* dir = argv[0];
    uint64_t seed = strtoull(argv[1], NULL, 10);
    const char* mode = argv[2];
    const char* dur = argv[3];
    int pipe_n = atoi(argv[4]), readers = atoi(argv[5]), acks = atoi(argv[6]);
    const char* log_path = argv[7];
    const char* state_path = argv[8];
    g_host_mode = !strcmp(mode, "host-return");
    char cfg[1500];
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s/data\",\"sdk_config_durability\":\"%s\",\"sdk_config_dispatch_mode\":\"%s\"}", dir,
             dur, g_host_mode ? "host" : "library");
    if (TIMInit(APP_ID, cfg) != TIM_SUCC) {
        fprintf(stderr, "writer: TIMInit failed\n");
        return 3;
    }
    pthread_t pump;
    if (g_host_mode) pthread_create(&pump, NULL, pump_thread, NULL);
    TIMSetConvEventCallback(on_event, NULL);
    TIMSetConvConversationGroupCreatedCallback(on_group, NULL);
    TIMSetConvConversationGroupDeletedCallback(on_gdel, NULL);
    TIMSetConvConversationGroupNameChangedCallback(on_gren, NULL);
    TIMSetConvConversationsAddedToGroupCallback(on_group, NULL);
    TIMSetConvConversationsDeletedFromGroupCallback(on_grem, NULL);
    TIMSetConvTotalUnreadMessageCountChangedCallback(on_total, NULL);
    static waiter w; /* static: the process may leave main with it in use */
    waiter_init(&w);
    int code = wait_code(&w, TIMLogin(USER, "sig", on_wait, &w));
    if (code != 0) {
        fprintf(stderr, "writer: login: code %d %s\n", code, w.desc ? w.desc : "");
        return 3;
    }
    /* The cache holds exactly the state the driver verified last round. */
    static writer_ctx wc;
    wc.seed = seed;
    wc.uninit_mode = !strcmp(mode, "uninit-return");
    char* expect = read_file(state_path);
    if (expect && model_load(&wc.m, expect) != 0) {
        fprintf(stderr, "writer: bad state file\n");
        return 3;
    }
    char err[512];
    char* have = library_state(err, sizeof err);
    char* want = model_dump(&wc.m);
    if (!have || strcmp(have, want) != 0) {
        fprintf(stderr, "writer: the cache does not hold the state verified last round\n--- want\n%s--- have\n%s\n", want, have ? have : err);
        return 4;
    }
    free(have);
    free(want);
    free(expect);
    g_log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (g_log < 0) return 3;
    sem_init(&g_slots, 0, (unsigned)pipe_n);
    printf("ready\n");
    fflush(stdout);
    if (!strcmp(mode, "exit-cb")) g_exit_in_cb = acks;
    pthread_t wt, rt[8];
    pthread_create(&wt, NULL, writer_thread, &wc);
    for (int i = 0; i < 8; i++) sem_init(&g_read_done[i], 0, 0);
    for (int i = 0; i < readers && i < 8; i++) pthread_create(&rt[i], NULL, reader_thread, (void*)(uintptr_t)(seed * 8 + (uint64_t)i));
    if (!strcmp(mode, "kill")) {
        for (;;) pause(); /* the driver kills us */
    }
    long long deadline = now_ms() + HANG_MS;
    while (g_acks < acks && !g_failed && now_ms() < deadline) sleep_ms(1);
    if (g_failed || g_acks < acks) {
        fprintf(stderr, "writer: %s before %d acknowledged writes (%d)\n", g_failed ? "failed" : "timed out", acks, g_acks);
        return 5;
    }
    if (!strcmp(mode, "exit-cb")) {
        while (now_ms() < deadline) sleep_ms(10); /* a callback calls exit(0) */
        return 6;
    }
    if (!strcmp(mode, "uninit-return")) {
        /* TIMUninit while the writer and readers keep calling: every accepted call has had its
         * callback when it returns; later calls are refused with -1. */
        if (TIMUninit() != TIM_SUCC) return 7;
        g_stop = 1;
        pthread_join(wt, NULL);
        return g_failed ? 8 : 0;
    }
    return 0; /* "return" / "host-return": leave main with calls and callbacks in flight */
}

/* ========================================================================================= */
/* driver                                                                                     */
/* ========================================================================================= */

static char g_self[1024];
static char g_base[700];
static int g_fail;

static void failf(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    g_fail++;
}

typedef struct {
    long seq;
    char text[1024];
    int acked, rejected;
} logop;

/* Parses a writer log. Returns the number of ops (seq 1..n in order); -1 on a malformed log or
 * an error line (reported). */
static int parse_log(const char* path, logop** out, long* max_acked) {
    char* text = read_file(path);
    *out = NULL;
    *max_acked = 0;
    if (!text) return 0; /* killed before it opened the log */
    int cap = 256, n = 0, bad = 0;
    logop* ops = calloc((size_t)cap, sizeof *ops);
    char* save = NULL;
    for (char* line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        long seq = 0;
        if (line[0] == 'I' && sscanf(line, "I %ld", &seq) == 1) {
            if (seq != n + 1) {
                failf("log %s: intent %ld after %d", path, seq, n);
                bad = 1;
                break;
            }
            if (n == cap) ops = realloc(ops, sizeof *ops * (size_t)(cap *= 2));
            memset(&ops[n], 0, sizeof ops[n]);
            ops[n].seq = seq;
            const char* p = strchr(line + 2, ' ');
            snprintf(ops[n].text, sizeof ops[n].text, "%s", p ? p + 1 : "");
            n++;
        } else if ((line[0] == 'A' || line[0] == 'R') && sscanf(line + 2, "%ld", &seq) == 1) {
            if (seq < 1 || seq > n) {
                failf("log %s: %c %ld without intent", path, line[0], seq);
                bad = 1;
                break;
            }
            if (line[0] == 'A') {
                ops[seq - 1].acked = 1;
                if (seq > *max_acked) *max_acked = seq;
            } else {
                ops[seq - 1].rejected = 1;
            }
        } else if (line[0] == 'E') {
            failf("writer reported: %s", line);
            bad = 1;
        } else if (line[0]) {
            /* a line cut by the kill can only be the last one */
            if (save && *save) {
                failf("log %s: bad line %.100s", path, line);
                bad = 1;
            }
        }
    }
    free(text);
    *out = ops;
    return bad ? -1 : n;
}

static const char* db_path(void) {
    static char p[900];
    snprintf(p, sizeof p, "%s/data/%d/u_%s/conv.db", g_base, APP_ID, USER);
    return p;
}

typedef struct {
    int rounds, kills, early, exits;
    long acked, in_flight_applied, refused6022;
} stats;

/* Logs in through the library and checks the cache against the log: the state after every
 * acknowledged write and some prefix of the ones in flight. Updates the state file. */
static int verify_round(int round, const char* log_path, const char* state_path, int expect_all_acked, stats* st) {
    logop* ops = NULL;
    long max_acked = 0;
    int n = parse_log(log_path, &ops, &max_acked);
    if (n < 0) {
        free(ops);
        return -1;
    }
    if (expect_all_acked)
        for (int i = 0; i < n; i++)
            if (!ops[i].acked && !ops[i].rejected) {
                failf("round %d: write %ld was accepted before TIMUninit but never acknowledged", round, ops[i].seq);
                free(ops);
                return -1;
            }
    waiter w;
    waiter_init(&w);
    int code = wait_code(&w, TIMLogin(USER, "sig", on_wait, &w));
    if (code != 0) {
        failf("round %d: login after the writer ended: code %d %s", round, code, w.desc ? w.desc : "");
        free(ops);
        return -1;
    }
    char err[512];
    char* have = library_state(err, sizeof err);
    if (!have) failf("round %d: reading the cache: %s", round, err);
    model m;
    char* prev = read_file(state_path);
    model_load(&m, prev ? prev : "");
    free(prev);
    int matched = -1;
    char* last = NULL;
    for (int j = 0; j <= n && have; j++) {
        if (j > 0 && !ops[j - 1].rejected && model_apply(&m, ops[j - 1].text) != 0) {
            failf("round %d: bad op in log: %s", round, ops[j - 1].text);
            break;
        }
        if (j < max_acked) continue;
        free(last);
        last = model_dump(&m);
        if (!strcmp(last, have)) {
            matched = j;
            break;
        }
    }
    int ok = matched >= 0;
    if (have && !ok) {
        failf("round %d: the cache holds neither the state after the %ld acknowledged writes nor any later prefix of the %d issued", round,
              max_acked, n);
        printf("--- cache (through the library)\n%s--- expected after all %d issued writes\n%s", have, n, last ? last : "");
    }
    if (ok) {
        write_file(state_path, have);
        st->acked += max_acked;
        st->in_flight_applied += matched - max_acked;
    }
    free(have);
    free(last);
    free(ops);
    code = wait_code(&w, TIMLogout(on_wait, &w));
    if (code != 0) failf("round %d: logout: code %d", round, code);
    if (!integrity_ok(db_path(), err, sizeof err)) {
        failf("round %d: %s", round, err);
        ok = 0;
    }
    free(w.json);
    free(w.desc);
    return ok ? 0 : -1;
}

static pid_t spawn_writer(char* const args[], int* out_fd) {
    int p[2];
    if (pipe2(p, O_CLOEXEC)) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    pid_t pid;
    int rc = posix_spawn(&pid, g_self, &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (rc != 0) {
        close(p[0]);
        return -1;
    }
    *out_fd = p[0];
    return pid;
}

/* Reads "ready" from the writer, waiting until deadline_ms; 1 ready, 0 not (yet), -1 EOF. */
static int wait_ready(int fd, long long deadline) {
    char buf[64];
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) return 0;
        struct pollfd pf = {fd, POLLIN, 0};
        int pr = poll(&pf, 1, (int)(left > 1000 ? 1000 : left));
        if (pr <= 0) continue;
        ssize_t r = read(fd, buf, sizeof buf - 1);
        if (r <= 0) return -1;
        buf[r] = 0;
        if (strstr(buf, "ready")) return 1;
    }
}

/* Waits for pid up to ms; returns 1 and *status when it ended, 0 on timeout. */
static int wait_exit(pid_t pid, int ms, int* status) {
    long long deadline = now_ms() + ms;
    for (;;) {
        pid_t w = waitpid(pid, status, WNOHANG);
        if (w == pid) return 1;
        if (w < 0 && errno != EINTR) return 1;
        if (now_ms() > deadline) return 0;
        sleep_ms(5);
    }
}

static int one_round(int round, uint64_t seed, const char* mode, stats* st) {
    uint64_t r = seed;
    char log_path[900], state_path[900], seed_s[32], pipe_s[8], readers_s[8], acks_s[16];
    snprintf(log_path, sizeof log_path, "%s/round-%04d.log", g_base, round);
    snprintf(state_path, sizeof state_path, "%s/state.txt", g_base);
    unlink(log_path);
    const char* dur = round % 2 ? "full" : "normal";
    snprintf(seed_s, sizeof seed_s, "%" PRIu64, rng_next(&r));
    snprintf(pipe_s, sizeof pipe_s, "%d", 1 + rnd(&r, 8));
    snprintf(readers_s, sizeof readers_s, "%d", rnd(&r, 4));
    snprintf(acks_s, sizeof acks_s, "%d", 5 + rnd(&r, 200));
    int kill_mode = !strcmp(mode, "kill");
    char* args[] = {g_self, "writer", g_base, seed_s, (char*)mode, (char*)dur, pipe_s, readers_s, acks_s, log_path, state_path, NULL};
    int fd = -1;
    long long t0 = now_ms();
    pid_t pid = spawn_writer(args, &fd);
    if (pid < 0) {
        failf("round %d: spawn failed", round);
        return -1;
    }
    int st_ = 0, ok = 1;
    if (kill_mode) {
        /* a random moment: during start-up (1 in 6 rounds), or after it, while writing */
        int early = rnd(&r, 6) == 0;
        int delay = early ? rnd(&r, 80) : rnd(&r, 10) == 0 ? rnd(&r, 5) : rnd(&r, 8) == 0 ? rnd(&r, 1500) : rnd(&r, 300);
        int ready = early ? 0 : wait_ready(fd, t0 + HANG_MS);
        if (!early && ready != 1) {
            failf("round %d: the writer never got ready", round);
            ok = 0;
        }
        long long kill_at = (early ? t0 : now_ms()) + delay;
        if (ready == 1 && rnd(&r, 4) != 0) {
            /* A second process opening the same user's cache while it is written: 6022 at once. */
            waiter w;
            waiter_init(&w);
            int tries = 1 + rnd(&r, 3);
            for (int i = 0; i < tries; i++) {
                int code = wait_code(&w, TIMLogin(USER, "sig", on_wait, &w));
                if (code != ERR_IO_OPERATION_FAILED) {
                    failf("round %d: login while another process holds the cache: code %d (%s), want 6022", round, code, w.desc ? w.desc : "");
                    ok = 0;
                    if (code == 0) wait_code(&w, TIMLogout(on_wait, &w));
                    break;
                }
                st->refused6022++;
                if (TIMGetLoginStatus() != kTIMLoginStatus_UnLogined) {
                    failf("round %d: refused login left the status logged in", round);
                    ok = 0;
                }
            }
            free(w.json);
            free(w.desc);
        }
        while (now_ms() < kill_at) sleep_ms(1);
        kill(pid, SIGKILL);
        if (!wait_exit(pid, HANG_MS, &st_)) {
            failf("round %d: the writer survived SIGKILL?", round);
            return -1;
        }
        if (!WIFSIGNALED(st_) || WTERMSIG(st_) != SIGKILL) {
            failf("round %d: the writer ended by itself before the kill (status %d); see above", round, st_);
            ok = 0;
        }
        st->kills++;
        st->early += early;
        if (sabotage) {
            char wal[1000];
            snprintf(wal, sizeof wal, "%s-wal", db_path());
            unlink(wal);
        }
    } else {
        if (wait_ready(fd, t0 + HANG_MS) != 1) {
            failf("round %d (%s): the writer never got ready", round, mode);
            ok = 0;
        }
        if (!wait_exit(pid, HANG_MS, &st_)) {
            failf("round %d (%s): HUNG: the process did not exit within %d s with calls in flight", round, mode, HANG_MS / 1000);
            kill(pid, SIGKILL);
            wait_exit(pid, HANG_MS, &st_);
            ok = 0;
        } else if (!WIFEXITED(st_) || WEXITSTATUS(st_) != 0) {
            failf("round %d (%s): exit under traffic: %s %d", round, mode, WIFSIGNALED(st_) ? "killed by signal" : "exit status",
                  WIFSIGNALED(st_) ? WTERMSIG(st_) : WEXITSTATUS(st_));
            ok = 0;
        }
        st->exits++;
    }
    close(fd);
    if (verify_round(round, log_path, state_path, !strcmp(mode, "uninit-return"), st) != 0) ok = 0;
    st->rounds++;
    if (verbose) printf("round %d %s %s: %s\n", round, mode, dur, ok ? "ok" : "FAILED");
    if (ok) unlink(log_path);
    return ok ? 0 : -1;
}

static int rm_entry(const char* p, const struct stat* s, int f, struct FTW* w) {
    (void)s, (void)f, (void)w;
    return remove(p);
}

static int run_main(int argc, char** argv) {
    int rounds = 20, exit_rounds = 8, keep = 0;
    uint64_t seed = (uint64_t)time(NULL);
    const char* dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--exit-rounds") && i + 1 < argc) exit_rounds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc) dir = argv[++i];
        else if (!strcmp(argv[i], "--keep")) keep = 1;
        else if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--sabotage")) sabotage = 1;
    }
    if (dir) {
        snprintf(g_base, sizeof g_base, "%s", dir);
        nftw(g_base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        mkdir(g_base, 0700);
    } else {
        snprintf(g_base, sizeof g_base, "%s/tcg-crash-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(g_base)) return 2;
    }
    printf("crash: %d kill rounds, %d exit rounds, seed %" PRIu64 " (rerun: --seed %" PRIu64 "), dir %s\n", rounds, exit_rounds, seed, seed, g_base);
    fflush(stdout);
    char cfg[1000];
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s/data\"}", g_base);
    if (TIMInit(APP_ID, cfg) != TIM_SUCC) {
        printf("FAIL: TIMInit\n");
        return 1;
    }
    stats st = {0};
    uint64_t r = seed;
    static const char* exit_modes[] = {"return", "host-return", "exit-cb", "uninit-return"};
    int total = rounds + exit_rounds;
    for (int i = 0; i < total; i++) {
        /* exactly exit_rounds exit rounds, spread evenly among the kill rounds */
        int is_exit = (int)((long)(i + 1) * exit_rounds / total) != (int)((long)i * exit_rounds / total);
        const char* mode = is_exit ? exit_modes[st.exits % 4] : "kill";
        uint64_t rs = rng_next(&r);
        if (one_round(i, rs, mode, &st) != 0) printf("  (round %d, mode %s, durability %s)\n", i, mode, i % 2 ? "full" : "normal");
    }
    TIMUninit();
    printf("crash: %d rounds: %d writers killed with SIGKILL (%d during start-up), %d exited by themselves under traffic;\n"
           "       %ld acknowledged writes verified present, %ld in-flight writes found applied whole,\n"
           "       %ld logins from a second process refused with 6022, integrity_check ok after every round\n",
           st.rounds, st.kills, st.early, st.exits, st.acked, st.in_flight_applied, st.refused6022);
    if (g_fail) printf("crash: %d FAILURES (seed %" PRIu64 ", data kept in %s)\n", g_fail, seed, g_base);
    else if (!keep) nftw(g_base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return g_fail ? 1 : 0;
}

/* ---- check-cache ---------------------------------------------------------------------- */

static int g_dbs, g_bad_dbs;
static char g_err[512];
static int check_db(const char* p, const struct stat* s, int flag, struct FTW* w) {
    (void)s, (void)w;
    size_t n = strlen(p);
    if (flag == FTW_F && n >= 8 && !strcmp(p + n - 8, "/conv.db")) {
        g_dbs++;
        if (!integrity_ok(p, g_err, sizeof g_err)) {
            g_bad_dbs++;
            printf("FAIL: %s\n", g_err);
        }
    }
    return 0;
}

static int check_cache_main(int argc, char** argv) {
    if (argc < 1) return 2;
    const char* data = argv[0];
    const char* user = NULL;
    uint64_t app = 0;
    int min_convs = 0;
    nftw(data, check_db, 16, FTW_PHYS);
    int bad = g_bad_dbs;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--user") && i + 1 < argc) user = argv[++i];
        else if (!strcmp(argv[i], "--app") && i + 1 < argc) app = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--min-convs") && i + 1 < argc) min_convs = atoi(argv[++i]);
    }
    if (g_dbs == 0) {
        printf("FAIL: no conv.db under %s\n", data);
        return 1;
    }
    if (!user) return bad ? 1 : 0;
    char cfg[1200];
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\"}", data);
    if (TIMInit(app, cfg) != TIM_SUCC) {
        printf("FAIL: TIMInit\n");
        return 1;
    }
    waiter w;
    waiter_init(&w);
    int code = wait_code(&w, TIMLogin(user, "sig", on_wait, &w));
    if (code != 0) {
        printf("FAIL: login %s: code %d %s\n", user, code, w.desc ? w.desc : "");
        return 1;
    }
    code = wait_code(&w, TIMConvGetConvList(on_wait, &w));
    mj* convs = code == 0 ? mj_parse(w.json) : NULL;
    if (!convs || convs->type != MJ_ARR) {
        printf("FAIL: conversation list: code %d\n", code);
        bad++;
    } else if (convs->n < min_convs) {
        printf("FAIL: %d conversations, want at least %d\n", convs->n, min_convs);
        bad++;
    }
    code = wait_code(&w, TIMConvGetConversationGroupList(on_wait, &w));
    mj* groups = code == 0 ? mj_parse(w.json) : NULL;
    if (!groups || groups->type != MJ_ARR) {
        printf("FAIL: group list: code %d\n", code);
        bad++;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--conv") && i + 1 < argc) {
            const char* key = argv[++i];
            int found = 0;
            for (int k = 0; convs && k < convs->n; k++) {
                char have[300];
                mj* c = convs->items[k];
                snprintf(have, sizeof have, "%s%s", mj_int(mj_get(c, "conv_type"), 0) == 2 ? "group_" : "c2c_", mj_str(mj_get(c, "conv_id"), ""));
                found |= !strcmp(have, key);
            }
            if (!found) {
                printf("FAIL: acknowledged conversation %s is missing\n", key);
                bad++;
            }
        } else if (!strcmp(argv[i], "--group") && i + 1 < argc) {
            const char* name = argv[++i];
            int found = 0;
            for (int k = 0; groups && k < groups->n; k++) found |= !strcmp(mj_str(groups->items[k], ""), name);
            if (!found) {
                printf("FAIL: acknowledged group %s is missing\n", name);
                bad++;
            }
        }
    }
    printf("check-cache %s: %d cache file(s), integrity_check %s; user %s: %d conversations, %d groups\n", data, g_dbs,
           g_bad_dbs ? "FAILED" : "ok", user, convs ? convs->n : -1, groups ? groups->n : -1);
    mj_free(convs);
    mj_free(groups);
    wait_code(&w, TIMLogout(on_wait, &w));
    TIMUninit();
    free(w.json);
    free(w.desc);
    return bad ? 1 : 0;
}

int main(int argc, char** argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    if (!realpath("/proc/self/exe", g_self)) snprintf(g_self, sizeof g_self, "%s", argv[0]);
    if (argc >= 2 && !strcmp(argv[1], "writer")) return writer_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "run")) return run_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "check-cache")) return check_cache_main(argc - 2, argv + 2);
    fprintf(stderr, "usage: %s run [--rounds N] [--exit-rounds N] [--seed S] [--dir D] [--keep] [-v]\n"
                    "       %s check-cache DATA_DIR [--app ID] [--user U] [--conv KEY]... [--group NAME]... [--min-convs N]\n",
            argv[0], argv[0]);
    return 2;
}
