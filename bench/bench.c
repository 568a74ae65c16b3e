/*
 * bench.c — `make bench`: the library through its C ABI on 100,000 conversations (20 groups,
 * 1,000 grouped), each figure printed beside the same work done directly with SQLite prepared
 * statements in this process (the floor: the system's libsqlite3 on a copy of the same cache,
 * running the very statements the library runs — see bench/pagesql).
 *
 * Figures are medians over repeated runs on this machine; nothing here is a test and nothing
 * asserts a time. The goals column repeats the project's targets for reference.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_sql.h"
#include "timconvgroup.h"

#define N_CONVS 100000
#define BATCH 1000
#define N_GROUPS 20
#define BIG_GROUP 500 /* group00 holds 500; the other 19 share 500 more: 1,000 grouped */

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* ---- waiting for a callback ---- */

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
    int32_t code;
    char* json;
} waiter;

static waiter W = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, NULL};
static int keep_json = 0;

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    waiter* w = (waiter*)ud;
    pthread_mutex_lock(&w->mu);
    w->code = code;
    free(w->json);
    w->json = keep_json ? strdup(json) : NULL;
    if (code != 0) fprintf(stderr, "callback code %d: %s\n", code, desc);
    __atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

static void arm(void) {
    pthread_mutex_lock(&W.mu);
    __atomic_store_n(&W.done, 0, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&W.mu);
}

/* Waits for the callback on a condition variable, as a host would. */
static void await_result(int rc, const char* what) {
    if (rc != TIM_SUCC) die("%s returned %d", what, rc);
    pthread_mutex_lock(&W.mu);
    while (!W.done) pthread_cond_wait(&W.cv, &W.mu);
    pthread_mutex_unlock(&W.mu);
    if (W.code != 0) die("%s failed with %d", what, W.code);
}

#define CALL(expr) do { arm(); await_result((expr), #expr); } while (0)

/* ---- statistics ---- */

static int cmp_double(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

static double median(double* v, int n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void fmt_time(char* buf, size_t n, double us) {
    if (us < 1000) snprintf(buf, n, "%.1f µs", us);
    else snprintf(buf, n, "%.2f ms", us / 1000);
}

static void row(const char* name, double lib, double floor, const char* goal) {
    char a[32], b[32], r[32];
    fmt_time(a, sizeof a, lib);
    if (floor > 0) {
        fmt_time(b, sizeof b, floor);
        snprintf(r, sizeof r, "%.2f×", lib / floor);
    } else {
        snprintf(b, sizeof b, "—");
        snprintf(r, sizeof r, "—");
    }
    printf("| %-44s | %12s | %12s | %7s | %-26s |\n", name, a, b, r, goal);
}

/* ---- the floor: SQLite directly ---- */

static sqlite3* fdb;

static sqlite3_stmt* prep(const char* sql) {
    sqlite3_stmt* st;
    if (sqlite3_prepare_v3(fdb, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        die("prepare %s: %s", sql, sqlite3_errmsg(fdb));
    return st;
}

static sqlite3_stmt* key_of; /* SELECT pinned, okey FROM conv WHERE id = ? */

/* Steps a page statement (rows: id, info) the way a reader would, touching each info; page is
 * the page size (the statement asks for one more row to know whether more follow). Returns the
 * rows stepped and sets cur to the sort key of the page's last row (pinned and okey read back
 * by id, as the library reads them back from the last info). */
static int step_page(sqlite3_stmt* st, int page, sqlite3_int64 cur[3]) {
    int n = 0;
    size_t bytes = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n < page) {
            cur[2] = sqlite3_column_int64(st, 0);
            (void)sqlite3_column_text(st, 1);
            bytes += (size_t)sqlite3_column_bytes(st, 1);
        }
        n++;
    }
    sqlite3_reset(st);
    if (n > 0 && bytes > 0) {
        sqlite3_bind_int64(key_of, 1, cur[2]);
        if (sqlite3_step(key_of) == SQLITE_ROW) {
            cur[0] = sqlite3_column_int64(key_of, 0);
            cur[1] = sqlite3_column_int64(key_of, 1);
        }
        sqlite3_reset(key_of);
    }
    return n;
}

static void copy_file(const char* from, const char* to) {
    FILE* in = fopen(from, "rb");
    FILE* out = fopen(to, "wb");
    if (!in || !out) die("copy %s -> %s: %s", from, to, strerror(errno));
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

/* ---- main ---- */

static char data_dir[512];
static char config[1024];

static void init_and_login(void) {
    if (TIMInit(1, config) != TIM_SUCC) die("TIMInit");
    CALL(TIMLogin("bench", "sig", on_result, &W));
}

static uint64_t page_seq(const char* json) {
    const char* p = strstr(json, "\"conversation_list_result_next_seq\":");
    return p ? strtoull(p + strlen("\"conversation_list_result_next_seq\":"), NULL, 10) : 0;
}

static int page_finished(const char* json) {
    return strstr(json, "\"conversation_list_result_is_finished\":true") != NULL;
}

int main(int argc, char** argv) {
    const char* base = argc > 1 ? argv[1] : "build/bench-data";
    snprintf(data_dir, sizeof data_dir, "%s", base);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data_dir);
    if (system(cmd) != 0) die("cannot clear %s", data_dir);
    snprintf(config, sizeof config, "{\"sdk_config_config_file_path\":\"%s\"}", data_dir);
    init_and_login();

    /* Feed 100,000 conversations, 1,000 per call (each call timed). */
    static double upsert_us[N_CONVS / BATCH];
    size_t cap = (size_t)BATCH * 400;
    char* buf = malloc(cap);
    for (int b = 0; b < N_CONVS / BATCH; b++) {
        size_t off = 0;
        off += snprintf(buf + off, cap - off, "[");
        for (int i = 0; i < BATCH; i++) {
            int n = b * BATCH + i;
            off += snprintf(buf + off, cap - off,
                            "%s{\"conv_id\":\"u%06d\",\"conv_type\":%d,\"conv_show_name\":\"User %d\","
                            "\"conv_active_time\":%d,\"conv_unread_num\":%d,"
                            "\"conv_last_msg\":{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"hello %d\"}]}}",
                            i ? "," : "", n, 1 + n % 2, n, 1700000000 + n, n % 10 == 0 ? 1 + n % 7 : 0, n);
        }
        snprintf(buf + off, cap - off, "]");
        double t0 = now_us();
        CALL(TIMConvUpsertConversations(buf, on_result, &W));
        upsert_us[b] = now_us() - t0;
    }

    /* 20 groups: group00 with 500 members, 19 more sharing another 500. */
    int next = 0;
    for (int g = 0; g < N_GROUPS; g++) {
        int members = g == 0 ? BIG_GROUP : (500 / 19) + (g <= 500 % 19 ? 1 : 0);
        char name[16];
        snprintf(name, sizeof name, "group%02d", g);
        for (int start = 0; start < members; start += 100) {
            size_t off = 0;
            off += snprintf(buf + off, cap - off, "[");
            for (int i = start; i < members && i < start + 100; i++, next++)
                off += snprintf(buf + off, cap - off, "%s\"c2c_u%06d\"", i > start ? "," : "", (next * 97) % (N_CONVS / 2) * 2);
            snprintf(buf + off, cap - off, "]");
            if (start == 0) CALL(TIMConvCreateConversationGroup(name, buf, on_result, &W));
            else CALL(TIMConvAddConversationsToGroup(name, buf, on_result, &W));
        }
    }

    /* The floor works on a copy of the same cache (checkpointed by logout). */
    CALL(TIMLogout(on_result, &W));
    char dbpath[700], floorpath[700];
    snprintf(dbpath, sizeof dbpath, "%s/1/%s/%s", data_dir, USER_DIR_NAME, SCHEMA_DB_FILE);
    snprintf(floorpath, sizeof floorpath, "%s/floor.db", data_dir);
    copy_file(dbpath, floorpath);
    if (sqlite3_open_v2(floorpath, &fdb, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) die("open floor");
    key_of = prep("SELECT pinned, okey FROM conv WHERE id = ?");
    CALL(TIMLogin("bench", "sig", on_result, &W));

    enum { REPS = 300 };
    static double lib[REPS], flo[REPS];
    sqlite3_int64 cur[3];

    printf("\n100,000 conversations (20 groups, 1,000 grouped); medians; %s\n\n", TIMGetSDKVersion());
    printf("| %-44s | %12s | %12s | %7s | %-26s |\n", "measurement", "timconvgroup", "SQLite floor", "ratio", "goal");
    printf("|%s|%s|%s|%s|%s|\n", "----------------------------------------------", "--------------:", "--------------:", "--------:", "----------------------------");

    /* 1. First page (100) of a filtered list: C2C conversations with unread messages. */
    const char* f_tu = "{\"conversation_list_filter_conv_type\":1,\"conversation_list_filter_has_unread_count\":true}";
    sqlite3_stmt* st = prep(SQL_TYPE_UNREAD_FIRST);
    for (int i = 0; i < REPS; i++) {
        double t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_tu, 0, 100, on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        sqlite3_bind_int(st, 1, 1);
        sqlite3_bind_int(st, 2, 101);
        step_page(st, 100, cur);
        flo[i] = now_us() - t0;
    }
    row("first page of a filtered list (100)", median(lib, REPS), median(flo, REPS), "< 1 ms, ≤ 1.5× floor");
    sqlite3_finalize(st);

    /* 2. All pages of one group (500 members, pages of 100). */
    const char* f_g = "{\"conversation_list_filter_conversation_group\":\"group00\"}";
    sqlite3_stmt* gf = prep(SQL_GROUP_FIRST);
    sqlite3_stmt* ga = prep(SQL_GROUP_AFTER);
    sqlite3_int64 gid = 0;
    {
        sqlite3_stmt* q = prep("SELECT id FROM conv_group WHERE name = 'group00'");
        if (sqlite3_step(q) == SQLITE_ROW) gid = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    keep_json = 1;
    int pages = 0;
    for (int i = 0; i < REPS / 3; i++) {
        double t0 = now_us();
        uint64_t seq = 0;
        pages = 0;
        for (;;) {
            CALL(TIMConvGetConversationListByFilter(f_g, seq, 100, on_result, &W));
            pages++;
            if (page_finished(W.json)) break;
            seq = page_seq(W.json);
        }
        lib[i] = now_us() - t0;
        t0 = now_us();
        sqlite3_bind_int64(gf, 1, gid);
        sqlite3_bind_int(gf, 2, 101);
        int n = step_page(gf, 100, cur);
        while (n > 100) {
            sqlite3_bind_int64(ga, 1, gid);
            sqlite3_bind_int64(ga, 2, cur[0]);
            sqlite3_bind_int64(ga, 3, cur[1]);
            sqlite3_bind_int64(ga, 4, cur[2]);
            sqlite3_bind_int(ga, 5, 101);
            n = step_page(ga, 100, cur);
        }
        flo[i] = now_us() - t0;
    }
    char label[96];
    snprintf(label, sizeof label, "all pages of one group (500, %d pages)", pages);
    row(label, median(lib, REPS / 3), median(flo, REPS / 3), "");
    sqlite3_finalize(gf);
    sqlite3_finalize(ga);

    /* 3. A deep page of a type filter: page 401 of group conversations (pages of 100). */
    const char* f_t = "{\"conversation_list_filter_conv_type\":2}";
    uint64_t seq = 0;
    for (int p = 0; p < 400; p++) {
        CALL(TIMConvGetConversationListByFilter(f_t, seq, 100, on_result, &W));
        seq = page_seq(W.json);
    }
    keep_json = 0;
    sqlite3_stmt* ta = prep(SQL_TYPE_AFTER);
    {
        sqlite3_stmt* q = prep("SELECT pinned, okey, id FROM conv WHERE conv_type = 2 ORDER BY pinned DESC, okey DESC, id DESC LIMIT 1 OFFSET 39999");
        if (sqlite3_step(q) != SQLITE_ROW) die("deep cursor");
        cur[0] = sqlite3_column_int64(q, 0);
        cur[1] = sqlite3_column_int64(q, 1);
        cur[2] = sqlite3_column_int64(q, 2);
        sqlite3_finalize(q);
    }
    for (int i = 0; i < REPS; i++) {
        double t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_t, seq, 100, on_result, &W));
        lib[i] = now_us() - t0;
        sqlite3_int64 c2[3];
        t0 = now_us();
        sqlite3_bind_int64(ta, 1, cur[0]);
        sqlite3_bind_int64(ta, 2, cur[1]);
        sqlite3_bind_int64(ta, 3, cur[2]);
        sqlite3_bind_int(ta, 4, 2);
        sqlite3_bind_int(ta, 5, 101);
        step_page(ta, 100, c2);
        flo[i] = now_us() - t0;
    }
    row("deep page of a type filter (page 401 of 100)", median(lib, REPS), median(flo, REPS), "");
    sqlite3_finalize(ta);

    /* 4. Upsert of 1,000 conversations in one call (100 calls above; floor: the same rows
     *    inserted in one transaction with one prepared statement). */
    for (int r = 0; r < 20; r++) {
        sqlite3_exec(fdb, "BEGIN", NULL, NULL, NULL);
        sqlite3_stmt* ins = prep("INSERT INTO conv (conv_type, conv_id, pinned, okey, unread, recv_opt, marks, has_at, ngroups, ext, info) VALUES (?,?,0,?,?,0,0,0,0,0,?)");
        double t0 = now_us();
        for (int i = 0; i < BATCH; i++) {
            char id[32], info[400];
            int n = N_CONVS + r * BATCH + i;
            snprintf(id, sizeof id, "u%06d", n);
            snprintf(info, sizeof info, "{\"conv_id\":\"%s\",\"conv_type\":%d,\"conv_show_name\":\"User %d\",\"conv_active_time\":%d}", id, 1 + n % 2, n, n);
            sqlite3_bind_int(ins, 1, 1 + n % 2);
            sqlite3_bind_text(ins, 2, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(ins, 3, n);
            sqlite3_bind_int(ins, 4, 0);
            sqlite3_bind_text(ins, 5, info, -1, SQLITE_TRANSIENT);
            if (sqlite3_step(ins) != SQLITE_DONE) die("floor insert: %s", sqlite3_errmsg(fdb));
            sqlite3_reset(ins);
        }
        sqlite3_exec(fdb, "COMMIT", NULL, NULL, NULL);
        flo[r] = now_us() - t0;
        sqlite3_finalize(ins);
    }
    row("upsert of 1,000 conversations in one call", median(upsert_us, N_CONVS / BATCH), median(flo, 20), "< 20 ms");

    /* 5. TIMConvGetConversationGroupList round trip. */
    sqlite3_stmt* gl = prep("SELECT name FROM conv_group ORDER BY id");
    for (int i = 0; i < REPS; i++) {
        double t0 = now_us();
        CALL(TIMConvGetConversationGroupList(on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        while (sqlite3_step(gl) == SQLITE_ROW) (void)sqlite3_column_text(gl, 0);
        sqlite3_reset(gl);
        flo[i] = now_us() - t0;
    }
    row("TIMConvGetConversationGroupList round trip", median(lib, REPS), median(flo, REPS), "< 20 µs");
    sqlite3_finalize(gl);

    /* 6. Cold login on that cache (TIMInit + TIMLogin to its callback; floor: open the copy and
     *    run the same start-up reads). */
    enum { LOGINS = 7 };
    for (int i = 0; i < LOGINS; i++) {
        TIMUninit();
        double t0 = now_us();
        init_and_login();
        lib[i] = now_us() - t0;
        t0 = now_us();
        sqlite3* db2;
        sqlite3_open_v2(floorpath, &db2, SQLITE_OPEN_READWRITE, NULL);
        const char* reads[] = {
            "PRAGMA user_version", "SELECT count(*) FROM sqlite_master",
            "SELECT g.id, g.name, (SELECT count(*) FROM member m WHERE m.group_id = g.id) FROM conv_group g ORDER BY g.id",
            "SELECT count(*) FROM conv INDEXED BY conv_ext WHERE ext != 0",
            "SELECT coalesce(sum(c.unread), 0) FROM conv c INDEXED BY conv_unread WHERE 1 AND c.unread != 0 AND c.recv_opt NOT IN (1, 2, 3)"};
        for (size_t k = 0; k < sizeof reads / sizeof *reads; k++) {
            sqlite3_stmt* q;
            sqlite3_prepare_v2(db2, reads[k], -1, &q, NULL);
            while (sqlite3_step(q) == SQLITE_ROW) {}
            sqlite3_finalize(q);
        }
        sqlite3_close(db2);
        flo[i] = now_us() - t0;
    }
    row("cold login on that cache", median(lib, LOGINS), median(flo, LOGINS), "< 100 ms");

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("| %-44s | %9.1f MiB | %12s | %7s | %-26s |\n", "peak RSS of this process", ru.ru_maxrss / 1024.0, "—", "—", "< 100 MiB");
    printf("\n");

    sqlite3_finalize(key_of);
    sqlite3_close(fdb);
    TIMUninit();
    free(buf);
    free(W.json);
    return 0;
}
