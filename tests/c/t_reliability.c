/* t_reliability.c — storage promises of the header seen from the C ABI: the durability key reaches
 * SQLite (commits are synced with "full", not with the default), and a damaged or future cache
 * (garbage, cut short, a damaged page, a newer schema) gives 6019 at login and is left byte for
 * byte as it was. Crash durability itself is tests/crash (kill -9 rounds). */
#define _GNU_SOURCE
#if !defined(_WIN32)
#include <dlfcn.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#ifndef O_BINARY
#define O_BINARY 0
#endif

/* fsync() is counted on its way to libc: SQLite (as built by go-sqlite3) syncs with fsync(), and
 * the executable's definition comes first in symbol lookup, so every sync of the library passes
 * here. It only counts. */
static long g_fsyncs;
#if !defined(_WIN32)
int fsync(int fd) {
    static int (*real_fsync)(int);
    if (!real_fsync) real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    __atomic_add_fetch(&g_fsyncs, 1, __ATOMIC_SEQ_CST);
    return real_fsync ? real_fsync(fd) : 0;
}
int fdatasync(int fd) {
    static int (*real_fdatasync)(int);
    if (!real_fdatasync) real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    __atomic_add_fetch(&g_fsyncs, 1, __ATOMIC_SEQ_CST);
    return real_fdatasync ? real_fdatasync(fd) : 0;
}
#endif

enum { COMMITS = 40 };

/* Syncs during COMMITS acknowledged writes, with a durability setting (NULL = default). */
static long syncs_per_writes(const char* extra) {
    CHECK_INT(init_mode("library", extra), TIM_SUCC);
    login_ok("alice");
    upsert_ok("[{\"conv_id\":\"warm\",\"conv_type\":1}]");
    long before = __atomic_load_n(&g_fsyncs, __ATOMIC_SEQ_CST);
    for (int i = 0; i < COMMITS; i++) {
        char js[160];
        snprintf(js, sizeof js, "[{\"conv_id\":\"d%d\",\"conv_type\":1,\"conv_unread_num\":%d}]", i % 7, i);
        upsert_ok(js); /* one call, one transaction, acknowledged */
    }
    long n = __atomic_load_n(&g_fsyncs, __ATOMIC_SEQ_CST) - before;
    uninit_ok();
    return n;
}

void t_durability_sync(void) {
#if defined(_WIN32)
    /* SQLite syncs with FlushFileBuffers inside the DLL: nothing the test program can count. */
    NOT_RUN("syncs per commit for each durability setting (counted by interposing fsync, which has no Windows equivalent)");
    return;
#endif
    long normal = syncs_per_writes(NULL);
    long explicit_normal = syncs_per_writes("\"sdk_config_durability\":\"normal\"");
    long full = syncs_per_writes("\"sdk_config_durability\":\"full\"");
    note("syncs during %d acknowledged writes: default %ld, \"normal\" %ld, \"full\" %ld", COMMITS, normal, explicit_normal, full);
    /* full: every commit reaches the disk before its callback (synchronous=FULL) */
    CHECKF(full >= COMMITS, "\"full\": %ld syncs for %d commits, want at least one per commit", full, COMMITS);
    /* default: WAL + synchronous=NORMAL, commits are not synced one by one (only checkpoints) */
    CHECKF(normal < COMMITS && explicit_normal < COMMITS, "default: %ld / %ld syncs for %d commits, want fewer than one per commit",
           normal, explicit_normal, COMMITS);
}

/* ---- damaged caches ------------------------------------------------------------------------- */

static char* slurp(const char* path, size_t* n) {
    FILE* f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char* b = malloc((size_t)len + 1);
    *n = fread(b, 1, (size_t)len, f);
    fclose(f);
    return b;
}

static void spit(const char* path, const char* b, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_BINARY, 0600);
    CHECKF(fd >= 0, "open %s", path);
    if (fd < 0) return;
    CHECK(write(fd, b, n) == (ssize_t)n);
    close(fd);
}

static void clear_wal(const char* db) {
    char p[1100];
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
}

static void expect_refused(const char* db, const char* what, const char* bytes, size_t n) {
    clear_wal(db);
    spit(db, bytes, n);
    CHECK_INT(init_mode("library", NULL), TIM_SUCC);
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogin("alice", "sig", cb_result, TOK(t)), t);
    CHECKF(e->code == ERR_DATABASE_OPERATE_FAILED, "%s: login code %d (%s), want 6019", what, e->code, e->s1);
    CHECKF(e->s1 && e->s1[0], "%s: the desc says why", what);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    login_ok("bob"); /* another user's cache is not affected */
    logout_ok();
    uninit_ok();
    size_t m = 0;
    char* after = slurp(db, &m);
    CHECKF(after && m == n && memcmp(after, bytes, n) == 0, "%s: the refused file was left as it was (%zu -> %zu bytes)", what, n, m);
    free(after);
}

void t_corrupt_caches(void) {
    setup("library", "alice");
    upsert_range("k", 0, 400, 1000);
    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMConvCreateConversationGroup("keep", "[\"c2c_k1\",\"c2c_k2\"]", cb_result, TOK(t)), t)->code, 0);
    uninit_ok(); /* closes the cache: the WAL is folded into conv.db */
    char db[1000];
    snprintf(db, sizeof db, "%s/data/1400000001/u_alice/conv.db", h_dir);
    size_t n = 0;
    char* good = slurp(db, &n);
    CHECKF(good && n >= 8 * 4096 && n % 4096 == 0, "cache of %zu bytes", n);
    if (!good || n < 8 * 4096) return;
    size_t pages = n / 4096;

    char* garbage = big_string(n, 'x');
    expect_refused(db, "not a database", garbage, n);
    expect_refused(db, "cut to half (whole pages)", good, n / 2 / 4096 * 4096);
    expect_refused(db, "cut by one byte", good, n - 1);
    expect_refused(db, "cut to one byte", good, 1);
    expect_refused(db, "cut inside the header", good, 50);
    char* b = malloc(n);
    for (size_t p = 1; p < pages; p += (pages / 4 ? pages / 4 : 1)) {
        memcpy(b, good, n);
        for (size_t i = p * 4096; i < (p + 1) * 4096; i++) b[i] = (char)(i * 131 + 7);
        char what[64];
        snprintf(what, sizeof what, "page %zu of %zu overwritten", p + 1, pages);
        expect_refused(db, what, b, n);
        memset(b + p * 4096, 0, 4096);
        snprintf(what, sizeof what, "page %zu of %zu zeroed", p + 1, pages);
        expect_refused(db, what, b, n);
    }
    memcpy(b, good, n);
    memset(b + (pages - 1) * 4096, 0, 4096);
    expect_refused(db, "last page zeroed", b, n);
    memcpy(b, good, n);
    b[60] = 0, b[61] = 0, b[62] = 0, b[63] = 99; /* PRAGMA user_version = 99 (header offset 60) */
    expect_refused(db, "schema version 99", b, n);

    /* the good file again: everything is there */
    clear_wal(db);
    spit(db, good, n);
    setup("library", "alice");
    t = tok();
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECKF(jarr_len(e->s2) == 400, "restored cache: %d conversations", jarr_len(e->s2));
    t = tok();
    e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECKF(strstr(e->s2, "\"keep\"") != NULL, "restored cache: groups %s", e->s2);
    uninit_ok();
    free(b);
    free(garbage);
    free(good);
}

/* A cache too big to be read whole at login (more than 512 pages): damage away from what login
 * reads lets the login succeed; the first call that meets it gets 6019, every later write gets
 * 6019 (nothing more is written into the damaged file), and the file is left as it was. */
/* memmem, which Windows lacks. */
static char* find_bytes(char* hay, size_t n, const char* needle) {
    size_t m = strlen(needle);
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp(hay + i, needle, m) == 0) return hay + i;
    return NULL;
}

void t_damage_after_login(void) {
    setup("library", "carol");
    for (int k = 0; k < 8000; k += 1000) upsert_range("d", k, k + 1000, 5000);
    uninit_ok();
    char db[1000];
    snprintf(db, sizeof db, "%s/data/1400000001/u_carol/conv.db", h_dir);
    size_t n = 0;
    char* good = slurp(db, &n);
    CHECKF(good && n > 512 * 4096 && n % 4096 == 0, "cache of %zu bytes, want more than 512 pages", n);
    if (!good || n <= 512 * 4096) return;
    const char* needle = "\"conv_id\":\"d10\",";
    char* at = find_bytes(good, n, needle);
    CHECKF(at != NULL, "conversation d10 is in the file");
    if (!at) return;
    size_t p = (size_t)(at - good) / 4096;
    char* bad = malloc(n);
    memcpy(bad, good, n);
    for (size_t i = p * 4096; i < (p + 1) * 4096; i++) bad[i] = (char)(i * 131 + 7);
    clear_wal(db);
    spit(db, bad, n);

    CHECK_INT(init_mode("library", NULL), TIM_SUCC);
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogin("carol", "sig", cb_result, TOK(t)), t);
    CHECKF(e->code == 0, "login on a big cache damaged away from its first page: %d (%s)", e->code, e->s1);
    t = tok();
    e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECKF(e->code == ERR_DATABASE_OPERATE_FAILED, "reading the damaged page: %d, want 6019", e->code);
    t = tok();
    e = ACCEPT(TIMConvUpsertConversations("[{\"conv_id\":\"fresh\",\"conv_type\":1}]", cb_result, TOK(t)), t);
    CHECKF(e->code == ERR_DATABASE_OPERATE_FAILED, "a write once damage was found: %d, want 6019", e->code);
    logout_ok();
    uninit_ok();
    size_t m = 0;
    char* after = slurp(db, &m);
    CHECKF(after && m == n && memcmp(after, bad, n) == 0, "the damaged file was left as it was (%zu -> %zu bytes)", n, m);
    free(after);
    free(bad);
    free(good);
}
