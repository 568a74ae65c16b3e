/* harness.c — assertions, callback recorder, waits, JSON scanning and the test runner. */
#define _GNU_SOURCE
#include "harness.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int h_passed, h_failed, h_skipped;
static const char* h_current = "";
char h_dir[512];
int h_pump;

/* ---------------------------------------------------------------------------------------- */
/* assertions                                                                                 */

/* One line of the report: "    WHAT file:line [test] message". */
static void report_line(const char* what, const char* file, int line, const char* fmt, va_list ap) {
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char* base = strrchr(file, '/');
    printf("    %s %s:%d [%s] %s\n", what, base ? base + 1 : file, line, h_current, msg);
    fflush(stdout);
}

void h_check(int ok, const char* file, int line, const char* fmt, ...) {
    if (ok) {
        __atomic_add_fetch(&h_passed, 1, __ATOMIC_SEQ_CST);
        if (!getenv("TCG_VERBOSE")) return;
    } else {
        __atomic_add_fetch(&h_failed, 1, __ATOMIC_SEQ_CST);
    }
    va_list ap;
    va_start(ap, fmt);
    report_line(ok ? "ok  " : "FAIL", file, line, fmt, ap);
    va_end(ap);
}

void h_skip(const char* file, int line, const char* fmt, ...) {
    __atomic_add_fetch(&h_skipped, 1, __ATOMIC_SEQ_CST);
    char what[64];
    snprintf(what, sizeof what, "NOT RUN on %s:", plat_name());
    va_list ap;
    va_start(ap, fmt);
    report_line(what, file, line, fmt, ap);
    va_end(ap);
}

void note(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("    note [%s] ", h_current);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
}

int wait_ms(void) {
    const char* s = getenv("TCG_WAIT_MS");
    int v = s ? atoi(s) : 0;
    return v > 0 ? v : 20000;
}

pid_t gettid_(void) { return (pid_t)plat_thread_id(); }

void sleep_ms(int ms) { plat_sleep_ms(ms); }

char* xstrdup(const char* s) {
    char* p = strdup(s ? s : "");
    if (!p) abort();
    return p;
}

char* big_string(size_t n, char c) {
    char* p = malloc(n + 1);
    if (!p) abort();
    memset(p, c, n);
    p[n] = 0;
    return p;
}

/* ---------------------------------------------------------------------------------------- */
/* recorder                                                                                   */

ev h_none = {.seq = -1, .kind = -1, .code = -9999, .s1 = "", .s2 = ""};
void (*rec_hook)(ev* e);

static pthread_mutex_t g_ev_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_ev_cv;
static ev** g_ev;
static int g_nev, g_cap;
static int g_running, g_violations;
static __thread int t_in;

/* The clock g_ev_cv's timed waits use: monotonic where the condvar accepts it, else realtime
 * (winpthreads refuses CLOCK_MONOTONIC; Apple has no pthread_condattr_setclock). */
static clockid_t g_ev_clock = CLOCK_REALTIME;

static void rec_init_cv(void) {
    pthread_condattr_t a;
    pthread_condattr_init(&a);
#if !defined(__APPLE__)
    if (pthread_condattr_setclock(&a, CLOCK_MONOTONIC) == 0) g_ev_clock = CLOCK_MONOTONIC;
#endif
    pthread_cond_init(&g_ev_cv, &a);
}

static void record(int kind, int code, uint32_t reason, int total, const char* s1, const char* s2, const void* ud) {
    int top = t_in == 0;
    if (top && __atomic_add_fetch(&g_running, 1, __ATOMIC_SEQ_CST) > 1)
        __atomic_add_fetch(&g_violations, 1, __ATOMIC_SEQ_CST);
    ev* e = calloc(1, sizeof *e);
    e->kind = kind;
    e->code = code;
    e->reason = reason;
    e->total = total;
    e->s1 = xstrdup(s1);
    e->s2 = xstrdup(s2);
    e->ud = (uintptr_t)ud;
    e->tid = gettid_();
    e->thread = pthread_self();
    e->nested = !top;
    pthread_mutex_lock(&g_ev_mu);
    if (g_nev == g_cap) {
        g_cap = g_cap ? g_cap * 2 : 256;
        g_ev = realloc(g_ev, sizeof(ev*) * (size_t)g_cap);
    }
    e->seq = g_nev;
    g_ev[g_nev++] = e;
    pthread_cond_broadcast(&g_ev_cv);
    pthread_mutex_unlock(&g_ev_mu);
    t_in++;
    void (*hook)(ev*) = rec_hook;
    if (hook) hook(e);
    t_in--;
    if (top) __atomic_sub_fetch(&g_running, 1, __ATOMIC_SEQ_CST);
}

void rec_reset(void) {
    pthread_mutex_lock(&g_ev_mu);
    for (int i = 0; i < g_nev; i++) {
        free(g_ev[i]->s1);
        free(g_ev[i]->s2);
        free(g_ev[i]);
    }
    g_nev = 0;
    pthread_mutex_unlock(&g_ev_mu);
}

int rec_count(void) {
    pthread_mutex_lock(&g_ev_mu);
    int n = g_nev;
    pthread_mutex_unlock(&g_ev_mu);
    return n;
}

int rec_count_kind(int kind) {
    int n = 0;
    pthread_mutex_lock(&g_ev_mu);
    for (int i = 0; i < g_nev; i++) n += g_ev[i]->kind == kind;
    pthread_mutex_unlock(&g_ev_mu);
    return n;
}

ev* rec_get(int i) {
    pthread_mutex_lock(&g_ev_mu);
    ev* e = (i >= 0 && i < g_nev) ? g_ev[i] : &h_none;
    pthread_mutex_unlock(&g_ev_mu);
    return e;
}

static int find_result_locked(uintptr_t ud) {
    for (int i = 0; i < g_nev; i++)
        if (g_ev[i]->kind == EV_RESULT && g_ev[i]->ud == ud) return i;
    return -1;
}

int rec_find_result(uintptr_t ud) {
    pthread_mutex_lock(&g_ev_mu);
    int i = find_result_locked(ud);
    pthread_mutex_unlock(&g_ev_mu);
    return i;
}

int rec_count_results(uintptr_t ud) {
    int n = 0;
    pthread_mutex_lock(&g_ev_mu);
    for (int i = 0; i < g_nev; i++) n += g_ev[i]->kind == EV_RESULT && g_ev[i]->ud == ud;
    pthread_mutex_unlock(&g_ev_mu);
    return n;
}

int rec_concurrency_violations(void) { return __atomic_load_n(&g_violations, __ATOMIC_SEQ_CST); }

void cb_result(int32_t code, const char* desc, const char* json, const void* ud) {
    record(EV_RESULT, code, 0, 0, desc, json, ud);
}
void cb_conv(enum TIMConvEvent e, const char* json, const void* ud) { record(EV_CONV, (int)e, 0, 0, json, "", ud); }
void cb_total(int total, const void* ud) { record(EV_TOTAL, 0, 0, total, "", "", ud); }
void cb_filter(const char* filter, int total, const void* ud) { record(EV_FILTER, 0, 0, total, filter, "", ud); }
void cb_gcreated(const char* name, const char* arr, const void* ud) { record(EV_GCREATED, 0, 0, 0, name, arr, ud); }
void cb_gdeleted(const char* name, const void* ud) { record(EV_GDELETED, 0, 0, 0, name, "", ud); }
void cb_grenamed(const char* o, const char* n, const void* ud) { record(EV_GRENAMED, 0, 0, 0, o, n, ud); }
void cb_gadded(const char* name, const char* arr, const void* ud) { record(EV_GADDED, 0, 0, 0, name, arr, ud); }
void cb_gremoved(const char* name, const char* arr, uint32_t reason, const void* ud) {
    record(EV_GREMOVED, 0, reason, 0, name, arr, ud);
}
void cb_log(enum TIMLogLevel level, const char* line, const void* ud) { record(EV_LOG, (int)level, 0, 0, line, "", ud); }

void set_all_listeners(void) {
    const void* u = (const void*)LISTENER_UD;
    TIMSetConvEventCallback(cb_conv, u);
    TIMSetConvTotalUnreadMessageCountChangedCallback(cb_total, u);
    TIMSetConvUnreadMessageCountChangedByFilterCallback(cb_filter, u);
    TIMSetConvConversationGroupCreatedCallback(cb_gcreated, u);
    TIMSetConvConversationGroupDeletedCallback(cb_gdeleted, u);
    TIMSetConvConversationGroupNameChangedCallback(cb_grenamed, u);
    TIMSetConvConversationsAddedToGroupCallback(cb_gadded, u);
    TIMSetConvConversationsDeletedFromGroupCallback(cb_gremoved, u);
}

void clear_all_listeners(void) {
    TIMSetConvEventCallback(NULL, NULL);
    TIMSetConvTotalUnreadMessageCountChangedCallback(NULL, NULL);
    TIMSetConvUnreadMessageCountChangedByFilterCallback(NULL, NULL);
    TIMSetConvConversationGroupCreatedCallback(NULL, NULL);
    TIMSetConvConversationGroupDeletedCallback(NULL, NULL);
    TIMSetConvConversationGroupNameChangedCallback(NULL, NULL);
    TIMSetConvConversationsAddedToGroupCallback(NULL, NULL);
    TIMSetConvConversationsDeletedFromGroupCallback(NULL, NULL);
    TIMSetLogCallback(NULL, NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* waits and calls                                                                            */

uintptr_t tok(void) {
    static uintptr_t next = 0x10000;
    return __atomic_add_fetch(&next, 1, __ATOMIC_SEQ_CST);
}

static long long now_ms(void) { return plat_now_ms(); }

ev* wait_result(uintptr_t t) {
    long long deadline = now_ms() + wait_ms();
    for (;;) {
        int i = rec_find_result(t);
        if (i >= 0) return rec_get(i);
        long long left = deadline - now_ms();
        if (left <= 0) break;
        if (h_pump) {
            TIMDispatchCallbacks(left < 100 ? (int32_t)left : 100);
            if (rec_find_result(t) < 0 && TIMDispatchCallbacks(0) < 0) sleep_ms(5); /* not running */
        } else {
            struct timespec ts;
            clock_gettime(g_ev_clock, &ts);
            long long ms = left < 100 ? left : 100;
            ts.tv_sec += ms / 1000;
            ts.tv_nsec += (ms % 1000) * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_mutex_lock(&g_ev_mu);
            if (find_result_locked(t) < 0) pthread_cond_timedwait(&g_ev_cv, &g_ev_mu, &ts);
            pthread_mutex_unlock(&g_ev_mu);
        }
    }
    h_check(0, __FILE__, __LINE__, "no callback for token %#lx within %d ms", (unsigned long)t, wait_ms());
    return &h_none;
}

ev* expect_accepted(int rc, uintptr_t t, const char* what) {
    h_check(rc == TIM_SUCC, __FILE__, __LINE__, "accepted: %.300s (returned %d)", what, rc);
    if (rc != TIM_SUCC) return &h_none;
    return wait_result(t);
}

void barrier(void) {
    uintptr_t t = tok();
    int rc = TIMGetLoginStatus() == kTIMLoginStatus_Logined ? TIMConvGetConvList(cb_result, TOK(t))
                                                            : TIMLogout(cb_result, TOK(t));
    expect_accepted(rc, t, "barrier");
}

void check_no_rejected_callbacks(void) {
    int n = rec_count_results((uintptr_t)REJECT_UD);
    h_check(n == 0, __FILE__, __LINE__, "rejected calls produced %d callbacks", n);
}

/* ---------------------------------------------------------------------------------------- */
/* environment                                                                                */

int init_mode(const char* mode, const char* extra) {
    char cfg[2048];
    snprintf(cfg, sizeof cfg,
             "{\"sdk_config_config_file_path\":\"%s/data\",\"sdk_config_dispatch_mode\":\"%s\"%s%s}",
             h_dir, mode, extra ? "," : "", extra ? extra : "");
    int rc = TIMInit(1400000001ULL, cfg);
    if (rc == TIM_SUCC) h_pump = strcmp(mode, "host") == 0;
    return rc;
}

void login_ok(const char* user) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogin(user, "sig", cb_result, TOK(t)), t);
    CHECKF(e->code == 0, "login %s: code %d (%s)", user, e->code, e->s1);
}

void logout_ok(void) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogout(cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
}

void uninit_ok(void) { CHECK_INT(TIMUninit(), TIM_SUCC); h_pump = 0; }

void setup(const char* mode, const char* user) {
    int rc = init_mode(mode, NULL);
    CHECKF(rc == TIM_SUCC, "TIMInit(%s) returned %d", mode, rc);
    set_all_listeners();
    if (user) login_ok(user);
}

void upsert_ok(const char* json) {
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvUpsertConversations(json, cb_result, TOK(t)), t);
    CHECKF(e->code == 0, "upsert code %d (%s)", e->code, e->s1);
    long long codes[20000];
    int n = op_codes(e->s2, codes, 20000);
    int bad = 0;
    for (int i = 0; i < n && i < 20000; i++) bad += codes[i] != 0;
    CHECKF(bad == 0 && n == jarr_len(json), "upsert: %d items, %d results, %d not 0: %.300s", jarr_len(json), n, bad, e->s2);
}

char* id_array(const char* prefix, int from, int to) {
    size_t cap = 64 + (size_t)(to - from) * (strlen(prefix) + 24);
    char* s = malloc(cap);
    size_t n = 0;
    s[n++] = '[';
    for (int i = from; i < to; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s\"c2c_%s%d\"", i > from ? "," : "", prefix, i);
    s[n++] = ']';
    s[n] = 0;
    return s;
}

void upsert_range(const char* prefix, int from, int to, long long base) {
    size_t cap = 64 + (size_t)(to - from) * (strlen(prefix) + 96);
    char* s = malloc(cap);
    size_t n = 0;
    s[n++] = '[';
    for (int i = from; i < to; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s{\"conv_id\":\"%s%d\",\"conv_type\":1,\"conv_active_time\":%lld}",
                              i > from ? "," : "", prefix, i, base + i);
    s[n++] = ']';
    s[n] = 0;
    upsert_ok(s);
    free(s);
}

plat_proc* spawn_self(char* const args[], int* to_child, int* from_child) {
    return plat_spawn_self(args, to_child, from_child, 0);
}

int run_self(char* const args[]) {
    plat_proc* p = spawn_self(args, NULL, NULL);
    if (!p) return -1;
    int code;
    long crash;
    plat_wait(p, -1, &code, &crash, NULL, 0);
    return code;
}

/* ---------------------------------------------------------------------------------------- */
/* JSON scanning                                                                              */

static const char* ws(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* p at '"': returns the end (after the closing quote); *out (optional) = decoded copy. */
static const char* jstring(const char* p, char** out) {
    size_t cap = 64, n = 0;
    char* b = out ? malloc(cap) : NULL;
    p++;
    while (*p && *p != '"') {
        char c = *p++;
        unsigned cp = 0;
        int utf = 0;
        if (c == '\\' && *p) {
            char e = *p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u':
                for (int k = 0; k < 4 && *p; k++, p++) {
                    char h = *p;
                    cp = cp * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
                }
                utf = 1;
                break;
            default: c = e;
            }
        }
        if (!b) continue;
        if (n + 8 > cap) b = realloc(b, cap *= 2);
        if (utf) {
            if (cp < 0x80) b[n++] = (char)cp;
            else if (cp < 0x800) { b[n++] = (char)(0xC0 | cp >> 6); b[n++] = (char)(0x80 | (cp & 0x3F)); }
            else { b[n++] = (char)(0xE0 | cp >> 12); b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[n++] = (char)(0x80 | (cp & 0x3F)); }
        } else {
            b[n++] = c;
        }
    }
    if (b) {
        b[n] = 0;
        *out = b;
    }
    return *p == '"' ? p + 1 : p;
}

static const char* skip_value(const char* p) {
    p = ws(p);
    if (*p == '"') return jstring(p, NULL);
    if (*p == '{' || *p == '[') {
        int depth = 0;
        while (*p) {
            if (*p == '"') { p = jstring(p, NULL); continue; }
            if (*p == '{' || *p == '[') depth++;
            else if (*p == '}' || *p == ']') {
                if (--depth == 0) return p + 1;
            }
            p++;
        }
        return p;
    }
    while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n') p++;
    return p;
}

/* Next occurrence of "key": (as a key) at or after p; returns the value start or NULL. */
static const char* find_key(const char* p, const char* key) {
    size_t kl = strlen(key);
    while ((p = strchr(p, '"')) != NULL) {
        if (strncmp(p + 1, key, kl) == 0 && p[1 + kl] == '"') {
            const char* q = ws(p + 2 + kl);
            if (*q == ':') return ws(q + 1);
        }
        p = jstring(p, NULL); /* skip this string entirely */
    }
    return NULL;
}

int jints(const char* json, const char* key, long long* out, int max) {
    int n = 0;
    const char* p = json;
    while (json && (p = find_key(p, key)) != NULL) {
        if (n < max) out[n] = strtoll(p, NULL, 10);
        n++;
        p = skip_value(p);
    }
    return n;
}

int jstrs(const char* json, const char* key, char** out, int max) {
    int n = 0;
    const char* p = json;
    while (json && (p = find_key(p, key)) != NULL) {
        if (*p == '"') {
            if (n < max) jstring(p, &out[n]);
            n++;
        }
        p = skip_value(p);
    }
    return n < max ? n : max;
}

void jfree(char** v, int n) {
    for (int i = 0; i < n; i++) free(v[i]);
}

long long jint(const char* json, const char* key, long long def) {
    const char* p = json ? find_key(json, key) : NULL;
    return p ? strtoll(p, NULL, 10) : def;
}

unsigned long long ju64(const char* json, const char* key, unsigned long long def) {
    const char* p = json ? find_key(json, key) : NULL;
    return p ? strtoull(p, NULL, 10) : def;
}

int jbool(const char* json, const char* key, int def) {
    const char* p = json ? find_key(json, key) : NULL;
    if (!p) return def;
    if (strncmp(p, "true", 4) == 0) return 1;
    if (strncmp(p, "false", 5) == 0) return 0;
    return def;
}

int jarr_len(const char* json) {
    if (!json) return -1;
    const char* p = ws(json);
    if (*p != '[') return -1;
    p = ws(p + 1);
    if (*p == ']') return 0;
    int n = 0;
    while (*p) {
        p = ws(skip_value(p));
        n++;
        if (*p == ',') { p = ws(p + 1); continue; }
        break;
    }
    return n;
}

int jarr_strs(const char* json, char** out, int max) {
    if (!json) return 0;
    const char* p = ws(json);
    if (*p != '[') return 0;
    p = ws(p + 1);
    int n = 0;
    while (*p == '"' && n < max) {
        p = ws(jstring(p, &out[n++]));
        if (*p == ',') p = ws(p + 1);
        else break;
    }
    return n;
}

int op_codes(const char* json, long long* out, int max) {
    return jints(json, "conversation_operation_result_result_code", out, max);
}

int conv_ids(const char* json, char** out, int max) { return jstrs(json, "conv_id", out, max); }

int has_conv(const char* json, const char* id) {
    char* v[4096];
    int n = conv_ids(json, v, 4096), found = 0;
    for (int i = 0; i < n; i++) found |= strcmp(v[i], id) == 0;
    jfree(v, n);
    return found;
}

/* ---------------------------------------------------------------------------------------- */
/* runner                                                                                     */

extern int child_main(int argc, char** argv); /* helpers run as separate processes */

/* Runs one test in this process; its counts go to result_file ("passed failed not-run"). */
static int run_one(const char* name, const char* result_file) {
    rec_init_cv();
    const test_case* tc = NULL;
    for (int i = 0; i < h_ntests; i++)
        if (strcmp(h_tests[i].name, name) == 0) tc = &h_tests[i];
    if (!tc) {
        fprintf(stderr, "unknown test %s\n", name);
        return 2;
    }
    h_current = name;
    char prefix[128];
    snprintf(prefix, sizeof prefix, "tcg-%s-", name);
    if (plat_mkdtemp(prefix, h_dir, sizeof h_dir) != 0) {
        perror("mkdtemp");
        return 2;
    }
    tc->fn();
    if (!getenv("TCG_KEEP")) plat_rm_rf(h_dir);
    if (result_file) {
        FILE* f = fopen(result_file, "w");
        if (f) {
            fprintf(f, "%d %d %d\n", h_passed, h_failed, h_skipped);
            fclose(f);
        }
    }
    fflush(stdout);
    /* Leave without TIMUninit when a test left the library running: a process may. */
    return h_failed ? 1 : 0;
}

static int expected_library_loaded(void) {
    const char* want = getenv("TCG_EXPECT_LIB");
    char a[4096], b[4096];
    if (plat_module_path((const void*)TIMGetSDKVersion, a, sizeof a) != 0) return 1;
    printf("library: %s\n", a);
    if (!want) return 1;
    return plat_realpath(want, b, sizeof b) == 0 && strcmp(a, b) == 0;
}

static int read_result(const char* path, int* p, int* f, int* s) {
    FILE* fp = fopen(path, "r");
    if (!fp) return 0;
    int n = fscanf(fp, "%d %d %d", p, f, s);
    fclose(fp);
    remove(path);
    return n == 3;
}

int main(int argc, char** argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    plat_self_path();
    if (argc >= 3 && strcmp(argv[1], "--run") == 0) return run_one(argv[2], argc >= 4 ? argv[3] : NULL);
    if (argc >= 2 && strcmp(argv[1], "--child") == 0) {
        rec_init_cv();
        h_current = "child";
        return child_main(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "--list") == 0) {
        for (int i = 0; i < h_ntests; i++) printf("%-28s %s\n", h_tests[i].name, h_tests[i].what);
        return 0;
    }
    int total_pass = 0, total_fail = 0, total_skip = 0, tests_failed = 0, ran = 0;
    if (!expected_library_loaded()) {
        printf("FAIL: not running against TCG_EXPECT_LIB=%s\n", getenv("TCG_EXPECT_LIB"));
        total_fail++;
    }
    const char* ts = getenv("TCG_TEST_TIMEOUT");
    int timeout_s = ts && atoi(ts) > 0 ? atoi(ts) : 300;
    char results[1024];
    if (plat_mkdtemp("tcg-results-", results, sizeof results) != 0) {
        perror("mkdtemp");
        return 2;
    }
    for (int i = 0; i < h_ntests; i++) {
        const test_case* tc = &h_tests[i];
        if (argc > 1) {
            int want = 0;
            for (int k = 1; k < argc; k++) want |= strcmp(argv[k], tc->name) == 0;
            if (!want) continue;
        }
        ran++;
        printf("[ RUN  ] %s — %s\n", tc->name, tc->what);
        fflush(stdout);
        char rfile[1200];
        snprintf(rfile, sizeof rfile, "%s/%s", results, tc->name);
        remove(rfile);
        char* args[] = {"--run", (char*)tc->name, rfile, NULL};
        plat_proc* child = plat_spawn_self(args, NULL, NULL, 1);
        if (!child) { printf("[ FAIL ] %s: spawn failed\n", tc->name); total_fail++; tests_failed++; continue; }
        int code = -1, hung = 0;
        long crash = 0;
        char crash_text[64] = "";
        if (!plat_wait(child, timeout_s * 1000, &code, &crash, crash_text, sizeof crash_text)) {
            hung = 1;
            plat_kill(child);
            plat_wait(child, -1, &code, &crash, NULL, 0);
        }
        int p = 0, f = 0, sk = 0;
        int have = read_result(rfile, &p, &f, &sk);
        total_pass += p;
        total_fail += f;
        total_skip += sk;
        char skipped[96] = "";
        if (sk) snprintf(skipped, sizeof skipped, ", %d not run on %s", sk, plat_name());
        if (hung) {
            printf("[ FAIL ] %s: HUNG (killed after %d s)\n", tc->name, timeout_s);
            total_fail++;
            tests_failed++;
        } else if (crash) {
            printf("[ FAIL ] %s: CRASHED (%s)\n", tc->name, crash_text);
            total_fail++;
            tests_failed++;
        } else if (!have) {
            printf("[ FAIL ] %s: no result (exit status %d)\n", tc->name, code);
            total_fail++;
            tests_failed++;
        } else if (f > 0 || code != 0) {
            printf("[ FAIL ] %s: %d of %d checks failed\n", tc->name, f, p + f);
            if (f == 0) total_fail++;
            tests_failed++;
        } else {
            printf("[  OK  ] %s (%d checks%s)\n", tc->name, p, skipped);
        }
        fflush(stdout);
    }
    plat_rm_rf(results);
    printf("%d tests, %d failed\n", ran, tests_failed);
    printf("%d passed, %d failed\n", total_pass, total_fail);
    if (total_skip)
        printf("%d checks NOT RUN: they have no meaning on %s (listed above as NOT RUN)\n", total_skip, plat_name());
    return total_fail ? 1 : 0;
}
