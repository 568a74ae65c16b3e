/*
 * dispatch.c — the callback dispatcher: a FIFO of delivery records, the listener table, the
 * library-mode callback thread and the host-mode TIMDispatchCallbacks. Pure C: the thread that
 * runs host callbacks is never a Go runtime thread (see dispatch.h).
 *
 * Locks (never held while host code runs):
 *   g_mu      — FIFO, dispatcher state, mode, dispatch ownership.
 *   g_lst_mu  — listener table.
 * "Dispatch ownership" is a recursive lock built on g_mu + g_own_cv: in host mode a thread owns
 * it while it runs callbacks, so runs are serialised across threads while a callback may call
 * TIMDispatchCallbacks again on its own thread (nested wait). It is built by hand (not a
 * pthread recursive mutex) so that waiting for it honours the caller's timeout portably.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <time.h>

#include "dispatch.h"

enum { ST_STOPPED = 0, ST_RUNNING = 1, ST_STOPPING = 2 };

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_rec_cv; /* a record arrived, or the state changed */
static pthread_cond_t g_own_cv; /* dispatch ownership released, or the state changed */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static tcg_rec* g_head;
static int g_ready; /* g_head != NULL, written under g_mu, read without it while spinning */
static tcg_rec* g_tail;
static size_t g_len;
static int g_state = ST_STOPPED;
static int g_mode = TCG_MODE_LIBRARY;
static pthread_t g_thread;
static int g_thread_started;
static pthread_t g_owner;
static int g_own_count;

static __thread int t_depth; /* callbacks running on this thread */

typedef void (*tcg_fn)(void);
static pthread_mutex_t g_lst_mu = PTHREAD_MUTEX_INITIALIZER;
static struct {
    tcg_fn fn;
    const void* ud;
} g_lst[TCG_NUM_KINDS];

/* The clock the condition variables time their waits against, chosen once by init_once.
 * CLOCK_MONOTONIC where pthread_condattr_setclock accepts it (Linux, Android, the BSDs), so a
 * wall-clock step cannot stretch or cut a wait; CLOCK_REALTIME where it does not: Apple
 * platforms have no pthread_condattr_setclock, and mingw-w64's winpthreads refuses
 * CLOCK_MONOTONIC (EINVAL). Every deadline is computed from this same clock: a deadline on one
 * clock given to a condvar timed on another expires at once (or far too late). */
static clockid_t g_clock = CLOCK_REALTIME;

static void init_once(void) {
    pthread_condattr_t a;
    pthread_condattr_init(&a);
#if !defined(__APPLE__)
    if (pthread_condattr_setclock(&a, CLOCK_MONOTONIC) == 0) g_clock = CLOCK_MONOTONIC;
#endif
    pthread_cond_init(&g_rec_cv, &a);
    pthread_cond_init(&g_own_cv, &a);
    pthread_condattr_destroy(&a);
}

static void ensure_init(void) { pthread_once(&g_once, init_once); }

/* ---------------------------------------------------------------------------------------- */
/* records                                                                                    */
/* ---------------------------------------------------------------------------------------- */

static int copy_str(char** dst, const char* s, size_t n) {
    *dst = NULL;
    if (n == 0 || s == NULL) return 0;
    char* p = (char*)malloc(n + 1);
    if (!p) return -1;
    memcpy(p, s, n);
    p[n] = 0;
    *dst = p;
    return 0;
}

static void free_rec(tcg_rec* r) {
    free(r->s1);
    free(r->s2);
    free(r->s3);
    free(r);
}

tcg_rec* tcg_rec_new(int kind, uintptr_t fn, uintptr_t user_data, int32_t code, int32_t event,
                     uint32_t reason, int32_t total, int32_t level,
                     const char* s1, size_t n1, const char* s2, size_t n2, const char* s3, size_t n3,
                     tcg_rec* prev) {
    tcg_rec* r = (tcg_rec*)calloc(1, sizeof *r);
    if (!r) return NULL;
    r->kind = kind;
    r->fn = (void*)fn;
    r->user_data = (const void*)user_data;
    r->code = code;
    r->event = event;
    r->reason = reason;
    r->total = total;
    r->level = level;
    if (copy_str(&r->s1, s1, n1) || copy_str(&r->s2, s2, n2) || copy_str(&r->s3, s3, n3)) {
        free_rec(r);
        return NULL;
    }
    if (prev) prev->next = r;
    return r;
}

static void free_chain(tcg_rec* head) {
    while (head) {
        tcg_rec* n = head->next;
        free_rec(head);
        head = n;
    }
}

void tcg_enqueue(tcg_rec* head, tcg_rec* tail) {
    if (!head) return;
    ensure_init();
    size_t n = 0;
    for (tcg_rec* r = head; r; r = r->next) {
        n++;
        tail = r; /* trust the chain, not the caller */
    }
    pthread_mutex_lock(&g_mu);
    if (g_state == ST_STOPPED) {
        pthread_mutex_unlock(&g_mu);
        free_chain(head);
        return;
    }
    if (g_tail) g_tail->next = head;
    else g_head = head;
    g_tail = tail;
    g_len += n;
    __atomic_store_n(&g_ready, 1, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&g_rec_cv);
    pthread_mutex_unlock(&g_mu);
}

/* Pops the oldest record; g_mu held, FIFO not empty. */
static tcg_rec* pop_locked(void) {
    tcg_rec* r = g_head;
    g_head = r->next;
    if (!g_head) {
        g_tail = NULL;
        __atomic_store_n(&g_ready, 0, __ATOMIC_RELEASE);
    }
    g_len--;
    r->next = NULL;
    return r;
}

/* ---------------------------------------------------------------------------------------- */
/* listeners                                                                                  */
/* ---------------------------------------------------------------------------------------- */

static void set_listener(int kind, tcg_fn fn, const void* ud) {
    pthread_mutex_lock(&g_lst_mu);
    g_lst[kind].fn = fn;
    g_lst[kind].ud = fn ? ud : NULL;
    pthread_mutex_unlock(&g_lst_mu);
}

int tcg_wants(int kind) {
    if (kind == TCG_KIND_RESULT) return 1;
    if (kind < 0 || kind >= TCG_NUM_KINDS) return 0;
    pthread_mutex_lock(&g_lst_mu);
    int set = g_lst[kind].fn != NULL;
    pthread_mutex_unlock(&g_lst_mu);
    return set;
}

void tcg_clear_listeners(void) {
    pthread_mutex_lock(&g_lst_mu);
    memset(g_lst, 0, sizeof g_lst);
    pthread_mutex_unlock(&g_lst_mu);
}

static const char* or_empty(const char* s) { return s ? s : ""; }

/* Runs one record on the calling thread, no lock held. The listener is resolved now. */
static void run_rec(const tcg_rec* r) {
    tcg_fn fn;
    const void* ud;
    if (r->kind == TCG_KIND_RESULT) {
        fn = (tcg_fn)r->fn;
        ud = r->user_data;
    } else if (r->kind > 0 && r->kind < TCG_NUM_KINDS) {
        pthread_mutex_lock(&g_lst_mu);
        fn = g_lst[r->kind].fn;
        ud = g_lst[r->kind].ud;
        pthread_mutex_unlock(&g_lst_mu);
    } else {
        return;
    }
    if (!fn) return;
    t_depth++;
    switch (r->kind) {
    case TCG_KIND_RESULT:
        ((TIMCommCallback)fn)(r->code, or_empty(r->s1), or_empty(r->s2), ud);
        break;
    case TCG_KIND_CONV_EVENT:
        ((TIMConvEventCallback)fn)((enum TIMConvEvent)r->event, or_empty(r->s2), ud);
        break;
    case TCG_KIND_GROUP_CREATED:
        ((TIMConvConversationGroupCreatedCallback)fn)(or_empty(r->s1), or_empty(r->s2), ud);
        break;
    case TCG_KIND_GROUP_DELETED:
        ((TIMConvConversationGroupDeletedCallback)fn)(or_empty(r->s1), ud);
        break;
    case TCG_KIND_GROUP_NAME_CHANGED:
        ((TIMConvConversationGroupNameChangedCallback)fn)(or_empty(r->s1), or_empty(r->s3), ud);
        break;
    case TCG_KIND_ADDED_TO_GROUP:
        ((TIMConvConversationsAddedToGroupCallback)fn)(or_empty(r->s1), or_empty(r->s2), ud);
        break;
    case TCG_KIND_DELETED_FROM_GROUP:
        ((TIMConvConversationsDeletedFromGroupCallback)fn)(or_empty(r->s1), or_empty(r->s2), r->reason, ud);
        break;
    case TCG_KIND_TOTAL_UNREAD:
        ((TIMConvTotalUnreadMessageCountChangedCallback)fn)(r->total, ud);
        break;
    case TCG_KIND_UNREAD_BY_FILTER:
        ((TIMConvTotalUnreadMessageCountChangedByFilterCallback)fn)(or_empty(r->s2), r->total, ud);
        break;
    case TCG_KIND_LOG:
        ((TIMLogCallback)fn)((enum TIMLogLevel)r->level, or_empty(r->s2), ud);
        break;
    case TCG_KIND_SYNC_REJECTED:
        ((TIMConvSyncRejectedCallback)fn)(or_empty(r->s2), ud);
        break;
    }
    t_depth--;
}

int tcg_callback_depth(void) { return t_depth; }

/* Pops the oldest record and runs it with g_mu released, then frees it and takes g_mu again.
 * g_mu held, FIFO not empty. */
static void run_one_unlocked(void) {
    tcg_rec* r = pop_locked();
    pthread_mutex_unlock(&g_mu);
    run_rec(r);
    free_rec(r);
    pthread_mutex_lock(&g_mu);
}

/* ---------------------------------------------------------------------------------------- */
/* library mode: one pthread                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* How long the idle library thread polls for the next record before it sleeps: the worker
 * usually has the next result ready within microseconds of the last, and waking a sleeping
 * thread costs more than that. Bounded, so an idle library costs nothing. */
#define TCG_SPIN_NS 50000L

static void spin_for_records(void) {
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (unsigned i = 1;; i++) {
        if (__atomic_load_n(&g_ready, __ATOMIC_ACQUIRE)) return;
        sched_yield(); /* let other threads of this CPU run: never starve the host */
        if ((i & 7) == 0) {
            clock_gettime(CLOCK_MONOTONIC, &t);
            if ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) > TCG_SPIN_NS) return;
        }
    }
}

static void* lib_thread(void* arg) {
    (void)arg;
#if defined(__linux__)
    pthread_setname_np(pthread_self(), "timconvgroup-cb");
#endif
    pthread_mutex_lock(&g_mu);
    for (;;) {
        if (!g_head && g_state == ST_RUNNING) {
            pthread_mutex_unlock(&g_mu);
            spin_for_records();
            pthread_mutex_lock(&g_mu);
        }
        while (!g_head && g_state == ST_RUNNING) pthread_cond_wait(&g_rec_cv, &g_mu);
        if (!g_head) break; /* stopping and drained */
        run_one_unlocked();
    }
    pthread_mutex_unlock(&g_mu);
    return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* host mode                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* ts = now + ms on the condition variables' clock (g_clock). */
static void deadline_after(struct timespec* ts, int32_t ms) {
    clock_gettime(g_clock, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Waits on cv (g_mu held): forever when ms < 0, else until the deadline. ETIMEDOUT on timeout. */
static int wait_cv(pthread_cond_t* cv, int32_t ms, const struct timespec* dl) {
    if (ms < 0) return pthread_cond_wait(cv, &g_mu);
    return pthread_cond_timedwait(cv, &g_mu, dl);
}

static void release_locked(void) {
    if (--g_own_count == 0) pthread_cond_broadcast(&g_own_cv);
}

int TIMDispatchCallbacks(int32_t timeout_ms) {
    ensure_init();
    struct timespec dl = {0, 0};
    if (timeout_ms > 0) deadline_after(&dl, timeout_ms);
    const int nested = t_depth > 0;
    const pthread_t self = pthread_self();

    pthread_mutex_lock(&g_mu);
    if (g_state == ST_STOPPED) {
        pthread_mutex_unlock(&g_mu);
        return TIM_ERR_SDKUNINIT;
    }
    if (g_mode != TCG_MODE_HOST) {
        pthread_mutex_unlock(&g_mu);
        return TIM_ERR_PARAM;
    }

    /* 1. dispatch ownership (recursive). */
    if (g_own_count > 0 && pthread_equal(g_owner, self)) {
        g_own_count++;
    } else {
        for (;;) {
            if (g_state != ST_RUNNING) { /* stopping: TIMUninit delivers the rest */
                pthread_mutex_unlock(&g_mu);
                return TIM_ERR_SDKUNINIT;
            }
            if (g_own_count == 0) break;
            if (timeout_ms == 0 || wait_cv(&g_own_cv, timeout_ms, &dl) == ETIMEDOUT) {
                int stopped = g_state != ST_RUNNING;
                pthread_mutex_unlock(&g_mu);
                return stopped ? TIM_ERR_SDKUNINIT : 0;
            }
        }
        g_owner = self;
        g_own_count = 1;
    }

    /* 2. wait for the first record. A top-level call stops at once when uninitialising (the
     *    rest runs on the TIMUninit thread); a nested one keeps running records until none is
     *    left, so a callback waiting for an accepted call's result gets it. */
    int ran = 0;
    for (;;) {
        if (g_state != ST_RUNNING && (!nested || !g_head)) {
            release_locked();
            pthread_mutex_unlock(&g_mu);
            return TIM_ERR_SDKUNINIT;
        }
        if (g_head) break;
        if (timeout_ms == 0 || wait_cv(&g_rec_cv, timeout_ms, &dl) == ETIMEDOUT) {
            if (g_head) break;
            int stopping = g_state != ST_RUNNING;
            release_locked();
            pthread_mutex_unlock(&g_mu);
            return stopping ? TIM_ERR_SDKUNINIT : 0;
        }
    }

    /* 3. run what is ready (bounded by what was queued now, so a busy producer cannot keep the
     *    host here forever; nested calls may consume part of it). */
    size_t budget = g_len;
    while (g_head && budget > 0) {
        if (g_state != ST_RUNNING && !nested) break;
        budget--;
        run_one_unlocked();
        ran++;
    }
    release_locked();
    pthread_mutex_unlock(&g_mu);
    return ran;
}

/* ---------------------------------------------------------------------------------------- */
/* lifecycle                                                                                  */
/* ---------------------------------------------------------------------------------------- */

int tcg_dispatch_start(int mode) {
    ensure_init();
    pthread_mutex_lock(&g_mu);
    if (g_state != ST_STOPPED) {
        pthread_mutex_unlock(&g_mu);
        return 0;
    }
    g_mode = mode == TCG_MODE_HOST ? TCG_MODE_HOST : TCG_MODE_LIBRARY;
    g_state = ST_RUNNING;
    g_own_count = 0;
    if (g_mode == TCG_MODE_LIBRARY) {
        if (pthread_create(&g_thread, NULL, lib_thread, NULL) != 0) {
            g_state = ST_STOPPED;
            pthread_mutex_unlock(&g_mu);
            return -1;
        }
        g_thread_started = 1;
    }
    pthread_mutex_unlock(&g_mu);
    return 0;
}

void tcg_dispatch_stop(int clear) {
    ensure_init();
    pthread_mutex_lock(&g_mu);
    if (g_state != ST_RUNNING) {
        pthread_mutex_unlock(&g_mu);
        if (clear) tcg_clear_listeners();
        return;
    }
    g_state = ST_STOPPING;
    pthread_cond_broadcast(&g_rec_cv);
    pthread_cond_broadcast(&g_own_cv);
    if (g_mode == TCG_MODE_LIBRARY) {
        int started = g_thread_started;
        g_thread_started = 0;
        pthread_mutex_unlock(&g_mu);
        if (started) pthread_join(g_thread, NULL); /* the thread drains the FIFO, then exits */
        pthread_mutex_lock(&g_mu);
    } else {
        /* Wait for host threads to leave (top-level calls return at once; nested ones finish
         * what they wait for), then deliver the rest here, on the calling thread. */
        while (g_own_count > 0) pthread_cond_wait(&g_own_cv, &g_mu);
        g_owner = pthread_self();
        g_own_count = 1;
        while (g_head) {
            run_one_unlocked();
        }
        g_own_count = 0;
    }
    /* Anything still queued (nothing, normally) is dropped. */
    tcg_rec* rest = g_head;
    g_head = g_tail = NULL;
    __atomic_store_n(&g_ready, 0, __ATOMIC_RELEASE);
    g_len = 0;
    g_state = ST_STOPPED;
    pthread_cond_broadcast(&g_rec_cv);
    pthread_cond_broadcast(&g_own_cv);
    pthread_mutex_unlock(&g_mu);
    free_chain(rest);
    if (clear) tcg_clear_listeners();
}

void tcg_debug_log(const char* msg, size_t n) {
    if (!getenv("TIMCONVGROUP_DEBUG")) return;
    fprintf(stderr, "timconvgroup: %.*s\n", (int)n, msg);
}

/* ---------------------------------------------------------------------------------------- */
/* exported: listener setters, version                                                        */
/* ---------------------------------------------------------------------------------------- */

const char* TIMGetSDKVersion(void) { return TIMCONVGROUP_VERSION; }

void TIMSetLogCallback(TIMLogCallback cb, const void* user_data) {
    set_listener(TCG_KIND_LOG, (tcg_fn)cb, user_data);
}
void TIMSetConvEventCallback(TIMConvEventCallback cb, const void* user_data) {
    set_listener(TCG_KIND_CONV_EVENT, (tcg_fn)cb, user_data);
}
void TIMSetConvTotalUnreadMessageCountChangedCallback(TIMConvTotalUnreadMessageCountChangedCallback cb,
                                                      const void* user_data) {
    set_listener(TCG_KIND_TOTAL_UNREAD, (tcg_fn)cb, user_data);
}
void TIMSetConvUnreadMessageCountChangedByFilterCallback(
    TIMConvTotalUnreadMessageCountChangedByFilterCallback cb, const void* user_data) {
    set_listener(TCG_KIND_UNREAD_BY_FILTER, (tcg_fn)cb, user_data);
}
void TIMSetConvConversationGroupCreatedCallback(TIMConvConversationGroupCreatedCallback cb,
                                                const void* user_data) {
    set_listener(TCG_KIND_GROUP_CREATED, (tcg_fn)cb, user_data);
}
void TIMSetConvConversationGroupDeletedCallback(TIMConvConversationGroupDeletedCallback cb,
                                                const void* user_data) {
    set_listener(TCG_KIND_GROUP_DELETED, (tcg_fn)cb, user_data);
}
void TIMSetConvConversationGroupNameChangedCallback(TIMConvConversationGroupNameChangedCallback cb,
                                                    const void* user_data) {
    set_listener(TCG_KIND_GROUP_NAME_CHANGED, (tcg_fn)cb, user_data);
}
void TIMSetConvConversationsAddedToGroupCallback(TIMConvConversationsAddedToGroupCallback cb,
                                                 const void* user_data) {
    set_listener(TCG_KIND_ADDED_TO_GROUP, (tcg_fn)cb, user_data);
}
void TIMSetConvConversationsDeletedFromGroupCallback(TIMConvConversationsDeletedFromGroupCallback cb,
                                                     const void* user_data) {
    set_listener(TCG_KIND_DELETED_FROM_GROUP, (tcg_fn)cb, user_data);
}
void TIMSetConvSyncRejectedCallback(TIMConvSyncRejectedCallback cb, const void* user_data) {
    set_listener(TCG_KIND_SYNC_REJECTED, (tcg_fn)cb, user_data);
}
