/*
 * harness.h — tiny test framework for the C ABI tests.
 *
 * Every test runs in its own child process (the runner re-executes this program with
 * "--run NAME RESULT_FILE", through $TCG_RUNNER when set, e.g. an emulator), with its own
 * temporary data directory, so a crash or a hang fails that test
 * only (a hung test is killed after TCG_TEST_TIMEOUT seconds, default 300). Waits for callbacks
 * give up after TCG_WAIT_MS (default 20000) and fail the check: nothing is timed, nothing
 * hangs forever.
 */
#ifndef TCG_HARNESS_H_
#define TCG_HARNESS_H_

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "timconvgroup.h"
#include "../common/plat.h"

/* ---- assertions ---------------------------------------------------------------------- */

/* printf-style checking of the format strings (mingw: its C99 printf, built with
 * __USE_MINGW_ANSI_STDIO=1, understands %zu and %lld). */
#if defined(__MINGW32__)
#define H_PRINTF __MINGW_PRINTF_FORMAT
#else
#define H_PRINTF printf
#endif

extern int h_passed, h_failed, h_skipped;
void h_check(int ok, const char* file, int line, const char* fmt, ...) __attribute__((format(H_PRINTF, 4, 5)));
/* A check that has no meaning on this platform: printed as "NOT RUN on <platform>: ...", counted
 * apart and reported in the summary (never as a pass). */
void h_skip(const char* file, int line, const char* fmt, ...) __attribute__((format(H_PRINTF, 3, 4)));
#define NOT_RUN(...) h_skip(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond) h_check(!!(cond), __FILE__, __LINE__, "%s", #cond)
#define CHECKF(cond, ...) h_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_INT(a, b)                                                                           \
    do {                                                                                          \
        long long a_ = (long long)(a), b_ = (long long)(b);                                       \
        h_check(a_ == b_, __FILE__, __LINE__, "%s == %s (got %lld, want %lld)", #a, #b, a_, b_);  \
    } while (0)
#define CHECK_STR(a, b)                                                                           \
    do {                                                                                          \
        const char *a_ = (a), *b_ = (b);                                                          \
        h_check(a_ && b_ && strcmp(a_, b_) == 0, __FILE__, __LINE__, "%s == %s (got \"%.200s\", want \"%.200s\")", \
                #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                  \
    } while (0)

void note(const char* fmt, ...) __attribute__((format(H_PRINTF, 1, 2)));

/* ---- recorder: every callback the library makes, in arrival order -------------------- */

enum ev_kind {
    EV_RESULT = 0, EV_CONV, EV_TOTAL, EV_FILTER, EV_GCREATED, EV_GDELETED, EV_GRENAMED,
    EV_GADDED, EV_GREMOVED, EV_LOG, EV_NKINDS
};

typedef struct ev {
    int seq;          /* arrival index */
    int kind;
    int code;         /* result code / conv event / log level */
    uint32_t reason;
    int total;
    char* s1;         /* desc | group name | filter | log line | conv json */
    char* s2;         /* json | conversation array | new name */
    uintptr_t ud;     /* user_data as given */
    pid_t tid;
    pthread_t thread;
    int nested;       /* recorded while another recorded callback was running on this thread */
} ev;

extern ev h_none;   /* returned when a wait failed: code -9999, empty strings */

void rec_reset(void);
int rec_count(void);
int rec_count_kind(int kind);
ev* rec_get(int i);                      /* i < rec_count() */
int rec_find_result(uintptr_t ud);       /* index or -1 */
int rec_count_results(uintptr_t ud);
int rec_concurrency_violations(void);    /* callbacks seen running at the same time */

/* Hook run (after recording) inside every recorded callback, on the callback thread. */
extern void (*rec_hook)(ev* e);

/* The recording callbacks. */
void cb_result(int32_t code, const char* desc, const char* json, const void* ud);
void cb_conv(enum TIMConvEvent e, const char* json, const void* ud);
void cb_total(int total, const void* ud);
void cb_filter(const char* filter, int total, const void* ud);
void cb_gcreated(const char* name, const char* arr, const void* ud);
void cb_gdeleted(const char* name, const void* ud);
void cb_grenamed(const char* oldn, const char* newn, const void* ud);
void cb_gadded(const char* name, const char* arr, const void* ud);
void cb_gremoved(const char* name, const char* arr, uint32_t reason, const void* ud);
void cb_log(enum TIMLogLevel level, const char* line, const void* ud);

void set_all_listeners(void);   /* every listener → the recorder (user_data = LISTENER_UD) */
void clear_all_listeners(void);
#define LISTENER_UD ((uintptr_t)0x5eed)

/* ---- calls --------------------------------------------------------------------------- */

uintptr_t tok(void);                            /* fresh user_data token (>= 0x10000) */
#define TOK(t) ((const void*)(uintptr_t)(t))
#define REJECT_UD ((const void*)(uintptr_t)0xdead) /* user_data of calls expected to be rejected */

/* 1 while callbacks must be pumped by the waiting thread (host dispatch mode). */
extern int h_pump;
/* Waits for the result callback of token t (pumping in host mode). Fails the check and returns
 * &h_none on timeout. */
ev* wait_result(uintptr_t t);
/* Checks rc == 0 and waits for the result of t. */
ev* expect_accepted(int rc, uintptr_t t, const char* what);
/* The call is evaluated completely before t is read (so "TOK(t = tok())" inside it is fine). */
#define ACCEPT(call_with_t, t) ({ int acc_rc_ = (call_with_t); expect_accepted(acc_rc_, (t), #call_with_t); })
/* Issues a call and waits for its callback: since callbacks arrive in acceptance order, every
 * callback of a call accepted before has arrived by then. Uses TIMConvGetConvList when logged
 * in, else TIMLogout (which changes nothing then). */
void barrier(void);
/* Checks that no callback with user_data REJECT_UD ever came (call after barrier()). */
void check_no_rejected_callbacks(void);
int wait_ms(void);

/* ---- environment --------------------------------------------------------------------- */

extern char h_dir[512];   /* the test's temporary directory (removed at exit) */
/* TIMInit on h_dir/data with a dispatch mode ("library"/"host") and extra config (a JSON
 * fragment like "\"sdk_config_durability\":\"full\"" or NULL). Returns the TIMResult. */
int init_mode(const char* mode, const char* extra);
/* init_mode + set_all_listeners + login(user) with checks. */
void setup(const char* mode, const char* user);
void login_ok(const char* user);
void logout_ok(void);
void uninit_ok(void);
/* Upserts conversations from a JSON array, expects code 0 and every item 0. */
void upsert_ok(const char* json_array);
/* Builds ["c2c_<prefix><i>", ...] for i in [from, to). Caller frees. */
char* id_array(const char* prefix, int from, int to);
/* Upserts c2c conversations <prefix><i> for i in [from,to) with active time base+i. */
void upsert_range(const char* prefix, int from, int to, long long base_time);
pid_t gettid_(void);
void sleep_ms(int ms);
char* xstrdup(const char* s);
char* big_string(size_t n, char c); /* n bytes of c + NUL; caller frees */
/* Runs this program again with arguments (argv[0] is set), waits; returns exit status or -1.
 * Children start through $TCG_RUNNER when it is set (see plat_spawn_self). */
int run_self(char* const args[]);
/* Starts this program with arguments; stdin/stdout of the child are pipes (fds returned). */
plat_proc* spawn_self(char* const args[], int* to_child, int* from_child);

/* ---- JSON scanning (enough for the library's compact output) ------------------------- */

/* All integer values of "key" anywhere in json, in order. Returns how many (<= max stored). */
int jints(const char* json, const char* key, long long* out, int max);
/* All string values of "key", in order; out[i] are malloc'd (free with jfree). */
int jstrs(const char* json, const char* key, char** out, int max);
void jfree(char** v, int n);
/* First integer/uint64/bool of "key" (def when absent). */
long long jint(const char* json, const char* key, long long def);
unsigned long long ju64(const char* json, const char* key, unsigned long long def);
int jbool(const char* json, const char* key, int def);
/* Number of elements of the top-level array (-1 if json is not an array). */
int jarr_len(const char* json);
/* String elements of a top-level array of strings. */
int jarr_strs(const char* json, char** out, int max);
/* Result codes of a TIMConversationOperationResult array. */
int op_codes(const char* json, long long* out, int max);
/* Conversation IDs (conv_id) in order of appearance. */
int conv_ids(const char* json, char** out, int max);
/* 1 when json lists a ConvInfo with that conv_id. */
int has_conv(const char* json, const char* conv_id);

/* ---- tests --------------------------------------------------------------------------- */

typedef struct {
    const char* name;
    void (*fn)(void);
    const char* what;
} test_case;

extern const test_case h_tests[];
extern const int h_ntests;

#endif
