/*
 * bench.c — `make bench`: every user-facing figure of the library, through its C ABI, beside a
 * hand-written C floor that does the same work as well as C can, in the same process, with the
 * repetitions interleaved (library, floor, library, floor, ...). Medians.
 *
 * The floor (floor_* below) is what an application would write by hand on SQLite with the same
 * cache file — the same SQLite release as the library's (the amalgamation go-sqlite3 bundles,
 * linked statically, built with its flags; make builds it), so that the comparison is of the
 * code around SQLite: it parses the same input JSON (a span scanner, no
 * allocation), runs its best prepared statements in one transaction per call, and writes the
 * same output JSON into a reused buffer. It runs on the calling thread: no queue, no callback.
 *
 * The library's figure is the whole round trip a host sees, as a game engine makes it: the
 * library initialised with "sdk_config_dispatch_mode": "host", each call followed on the same
 * thread by TIMDispatchCallbacks(-1) until its callback has run (a main loop that dispatches
 * after its calls). Two rows, marked "library mode", make the same round trip in the default
 * mode instead: the callback arrives on the library's callback thread and the host waits for it
 * on a condition variable (a thread hand-off per call, which an idle machine pays in wake-ups).
 *
 * Data, per size N (default 10,000, 100,000 and 1,000,000; BENCH_SIZES=100000 picks one):
 * N conversations (half C2C, half group; one in ten has unread messages), 19 conversation
 * groups (group00 holds 250 conversations, 18 more share 750; 1,000 grouped, the extended-state
 * budget) plus the 20th that the create/rename/delete row creates and deletes (20 is the
 * limit), Star on 100 conversations, no listener set (except in the listener row).
 *
 * Nothing here is a test and nothing asserts a time: it prints a table per size, then the
 * scaling table and the peak RSS of the whole run.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "timconvgroup.h"

#define USER "bench"
#define USER_DIR "u_bench" /* store.UserDirName("bench") */
#define DB_FILE "conv.db"
#define BATCH 1000

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

/* ---- a growable byte buffer ---- */

typedef struct {
    char* p;
    size_t n, cap;
} buf;

static void bgrow(buf* b, size_t more) {
    if (b->n + more + 1 <= b->cap) return;
    while (b->n + more + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
    b->p = realloc(b->p, b->cap);
    if (!b->p) die("out of memory");
}
static inline void bput(buf* b, const char* s, size_t n) {
    bgrow(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
#define BLIT(b, s) bput((b), (s), sizeof(s) - 1)
static inline void bputs(buf* b, const char* s) { bput(b, s, strlen(s)); }
static void bu64(buf* b, uint64_t v) {
    char t[24];
    int i = sizeof t;
    do t[--i] = (char)('0' + v % 10); while (v /= 10);
    bput(b, t + i, sizeof t - i);
}
/* A JSON string of s (the escapes the library writes). */
static void bstr(buf* b, const char* s, size_t n) {
    bgrow(b, n + 2);
    b->p[b->n++] = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { char e[2] = {'\\', (char)c}; bput(b, e, 2); }
        else if (c < 0x20) { char e[8]; snprintf(e, sizeof e, "\\u%04x", c); bput(b, e, 6); }
        else bput(b, (const char*)&s[i], 1);
    }
    bput(b, "\"", 1);
}

/* ---- a JSON span scanner (the floor's parser): values are spans of the input ---- */

static inline const char* ws(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}
static const char* skip_str(const char* p) {
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && !*++p) return NULL;
    return *p ? p + 1 : NULL;
}
static const char* skip_val(const char* p, int depth) {
    p = ws(p);
    if (depth > 64) return NULL;
    if (*p == '"') return skip_str(p);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                if (*p != '"' || !(p = skip_str(p))) return NULL;
                p = ws(p);
                if (*p++ != ':') return NULL;
            }
            if (!(p = skip_val(p, depth + 1))) return NULL;
            p = ws(p);
            if (*p == ',') { p = ws(p + 1); continue; }
            return *p == close ? p + 1 : NULL;
        }
    }
    const char* s = p;
    while (isalnum((unsigned char)*p) || *p == '-' || *p == '+' || *p == '.') p++;
    return p > s ? p : NULL;
}

typedef struct {
    const char* k; size_t kn; /* key without quotes */
    const char* v; size_t vn; /* value's text */
} member;

/* Iterates an object: *p at '{' or after a member; returns 1 with m set, 0 at the end. */
static int next_member(const char** p, member* m) {
    const char* q = ws(*p);
    if (*q == '{' || *q == ',') q = ws(q + 1);
    if (*q == '}') { *p = q + 1; return 0; }
    if (*q != '"') die("floor: bad JSON object at %.20s", q);
    const char* e = skip_str(q);
    if (!e) die("floor: bad key");
    m->k = q + 1; m->kn = (size_t)(e - q - 2);
    q = ws(e);
    if (*q++ != ':') die("floor: bad JSON object");
    q = ws(q);
    e = skip_val(q, 0);
    if (!e) die("floor: bad JSON value");
    m->v = q; m->vn = (size_t)(e - q);
    *p = e;
    return 1;
}
#define KEY(m, lit) ((m).kn == sizeof(lit) - 1 && memcmp((m).k, lit, sizeof(lit) - 1) == 0)

/* Iterates an array: returns the next element's span, NULL at the end. */
static const char* next_elem(const char** p, size_t* n) {
    const char* q = ws(*p);
    if (*q == '[' || *q == ',') q = ws(q + 1);
    if (*q == ']') { *p = q + 1; return NULL; }
    const char* e = skip_val(q, 0);
    if (!e) die("floor: bad JSON array");
    *n = (size_t)(e - q);
    *p = e;
    return q;
}

/* ---- the floor ---- */

typedef struct { sqlite3_int64 pinned, okey, id; } cursor;

typedef struct {
    sqlite3* db;
    sqlite3_stmt *begin, *commit;
    sqlite3_stmt *page_all[2], *page_type[2], *page_unread[2], *page_group[2];
    sqlite3_stmt *find, *insert, *update_msg, *group_names;
    sqlite3_stmt *g_create, *g_member_of, *g_add_member, *g_add_info;
    sqlite3_stmt *g_rename, *g_rename_info;
    sqlite3_stmt *g_find, *g_del_info, *g_del_members, *g_del;
    cursor* cur;
    size_t ncur, capcur;
    buf out;
} floor_t;

static sqlite3_stmt* prep(sqlite3* db, const char* sql) {
    sqlite3_stmt* st;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        die("prepare %s: %s", sql, sqlite3_errmsg(db));
    return st;
}

static void run(floor_t* f, sqlite3_stmt* st) {
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) die("floor: %s: %s", sqlite3_sql(st), sqlite3_errmsg(f->db));
    sqlite3_reset(st);
}

#define ORDER " ORDER BY c.pinned DESC, c.okey DESC, c.id DESC LIMIT ?"
#define AFTER " AND (c.pinned, c.okey, c.id) < (?, ?, ?)"
#define SEL "SELECT c.pinned, c.okey, c.id, c.info FROM conv c INDEXED BY "
#define GSEL "SELECT m.pinned, m.okey, m.conv, c.info FROM conv_group g JOIN member m ON m.group_id = g.id JOIN conv c ON c.id = m.conv WHERE g.name = ?"
#define GORDER " ORDER BY m.pinned DESC, m.okey DESC, m.conv DESC LIMIT ?"
#define GROUP_ARRAY "'$.conv_conversation_group_array'"

static void floor_open(floor_t* f, const char* path) {
    memset(f, 0, sizeof *f);
    /* NOMUTEX: one thread uses the connection (as the library's own connection). */
    if (sqlite3_open_v2(path, &f->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) die("open %s", path);
    sqlite3_exec(f->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8192", NULL, NULL, NULL);
    f->begin = prep(f->db, "BEGIN IMMEDIATE");
    f->commit = prep(f->db, "COMMIT");
    f->page_all[0] = prep(f->db, SEL "conv_order WHERE 1" ORDER);
    f->page_all[1] = prep(f->db, SEL "conv_order WHERE 1" AFTER ORDER);
    f->page_type[0] = prep(f->db, SEL "conv_type_order WHERE c.conv_type = ?" ORDER);
    f->page_type[1] = prep(f->db, SEL "conv_type_order WHERE c.conv_type = ?" AFTER ORDER);
    f->page_unread[0] = prep(f->db, SEL "conv_unread WHERE c.unread != 0" ORDER);
    f->page_unread[1] = prep(f->db, SEL "conv_unread WHERE c.unread != 0" AFTER ORDER);
    f->page_group[0] = prep(f->db, GSEL GORDER);
    f->page_group[1] = prep(f->db, GSEL " AND (m.pinned, m.okey, m.conv) < (?, ?, ?)" GORDER);
    f->find = prep(f->db, "SELECT id FROM conv WHERE conv_type = ? AND conv_id = ?");
    f->insert = prep(f->db, "INSERT INTO conv (conv_type, conv_id, pinned, okey, unread, recv_opt, marks, has_at, ngroups, ext, info) VALUES (?,?,0,?,?,0,0,0,0,0,?)");
    f->update_msg = prep(f->db, "UPDATE conv SET okey = ?1, info = json_set(info, '$.conv_active_time', ?2, '$.conv_is_has_lastmsg', json('true'), '$.conv_last_msg', json(?3)) WHERE id = ?4");
    f->group_names = prep(f->db, "SELECT name FROM conv_group ORDER BY id");
    f->g_create = prep(f->db, "INSERT INTO conv_group (name) VALUES (?)");
    f->g_member_of = prep(f->db, "SELECT id FROM conv WHERE conv_type = ? AND conv_id = ?");
    f->g_add_member = prep(f->db, "INSERT OR IGNORE INTO member (group_id, conv, pinned, okey) SELECT ?1, id, pinned, okey FROM conv WHERE id = ?2");
    f->g_add_info = prep(f->db, "UPDATE conv SET ngroups = ngroups + 1, ext = 1, info = json_insert(info, '$.conv_conversation_group_array[#]', ?1) WHERE id = ?2");
    f->g_rename = prep(f->db, "UPDATE conv_group SET name = ?2 WHERE name = ?1 RETURNING id");
    f->g_rename_info = prep(f->db, "UPDATE conv SET info = json_set(info, " GROUP_ARRAY ", json((SELECT json_group_array(CASE WHEN value = ?1 THEN ?2 ELSE value END) FROM json_each(conv.info, " GROUP_ARRAY ")))) WHERE id IN (SELECT conv FROM member WHERE group_id = ?3)");
    f->g_find = prep(f->db, "SELECT id FROM conv_group WHERE name = ?");
    f->g_del_info = prep(f->db, "UPDATE conv SET ngroups = ngroups - 1, ext = (marks != 0 OR ngroups > 1), info = json_set(info, " GROUP_ARRAY ", json((SELECT json_group_array(value) FROM json_each(conv.info, " GROUP_ARRAY ") WHERE value != ?1))) WHERE id IN (SELECT conv FROM member WHERE group_id = ?2)");
    f->g_del_members = prep(f->db, "DELETE FROM member WHERE group_id = ?");
    f->g_del = prep(f->db, "DELETE FROM conv_group WHERE id = ?");
}

static void floor_close(floor_t* f) {
    sqlite3_stmt* st;
    while ((st = sqlite3_next_stmt(f->db, NULL)) != NULL) sqlite3_finalize(st);
    if (sqlite3_close(f->db) != SQLITE_OK) die("floor close");
    free(f->cur);
    free(f->out.p);
}

static int64_t order_key(uint64_t t) { return (int64_t)(t ^ (1ULL << 63)); }

static uint64_t span_u64(const char* v) { return strtoull(v, NULL, 10); }

/* TIMConvGetConversationListByFilter, the floor: filter keys conv_type, conversation_group,
 * has_unread_count. */
static const char* floor_page(floor_t* f, const char* filter, uint64_t next_seq, uint32_t count) {
    int type = 0, unread = 0;
    const char* group = NULL;
    size_t groupn = 0;
    const char* p = filter;
    member m;
    while (next_member(&p, &m)) {
        if (KEY(m, "conversation_list_filter_conv_type")) type = (int)span_u64(m.v);
        else if (KEY(m, "conversation_list_filter_conversation_group")) { group = m.v + 1; groupn = m.vn - 2; }
        else if (KEY(m, "conversation_list_filter_has_unread_count")) unread = m.v[0] == 't';
        else die("floor: filter key %.*s", (int)m.kn, m.k);
    }
    int after = next_seq != 0;
    sqlite3_stmt* st;
    int i = 1;
    if (group) {
        st = f->page_group[after];
        sqlite3_bind_text(st, i++, group, (int)groupn, SQLITE_STATIC);
    } else if (type) {
        st = f->page_type[after];
        sqlite3_bind_int(st, i++, type);
    } else if (unread) {
        st = f->page_unread[after];
    } else {
        st = f->page_all[after];
    }
    if (after) {
        if (next_seq > f->ncur) die("floor: unknown next_seq");
        cursor c = f->cur[next_seq - 1];
        sqlite3_bind_int64(st, i++, c.pinned);
        sqlite3_bind_int64(st, i++, c.okey);
        sqlite3_bind_int64(st, i++, c.id);
    }
    sqlite3_bind_int(st, i, (int)count + 1);
    buf* o = &f->out;
    o->n = 0;
    BLIT(o, "{\"conversation_list_result_conv_list\":[");
    uint32_t n = 0;
    int more = 0, rc;
    cursor last = {0, 0, 0};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == count) { more = 1; break; }
        if (n) BLIT(o, ",");
        bput(o, (const char*)sqlite3_column_text(st, 3), (size_t)sqlite3_column_bytes(st, 3));
        last.pinned = sqlite3_column_int64(st, 0);
        last.okey = sqlite3_column_int64(st, 1);
        last.id = sqlite3_column_int64(st, 2);
        n++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) die("floor page: %s", sqlite3_errmsg(f->db));
    sqlite3_reset(st);
    uint64_t seq = 0;
    if (more) {
        if (f->ncur == f->capcur) f->cur = realloc(f->cur, (f->capcur = f->capcur * 2 + 64) * sizeof *f->cur);
        f->cur[f->ncur++] = last;
        seq = f->ncur;
    }
    BLIT(o, "],\"conversation_list_result_next_seq\":");
    bu64(o, seq);
    if (more) BLIT(o, ",\"conversation_list_result_is_finished\":false}");
    else BLIT(o, ",\"conversation_list_result_is_finished\":true}");
    return o->p;
}

/* TIMConvGetConversationGroupList, the floor. */
static const char* floor_group_list(floor_t* f) {
    buf* o = &f->out;
    o->n = 0;
    BLIT(o, "[");
    int n = 0;
    sqlite3_stmt* st = f->group_names;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n++) BLIT(o, ",");
        bstr(o, (const char*)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    }
    sqlite3_reset(st);
    BLIT(o, "]");
    return o->p;
}

static void result_item(buf* o, int first, int type, const char* id, size_t idn) {
    if (!first) BLIT(o, ",");
    BLIT(o, "{\"conversation_operation_result_conversation_id\":\"");
    if (type == 1) BLIT(o, "c2c_");
    else BLIT(o, "group_");
    bput(o, id, idn);
    BLIT(o, "\",\"conversation_operation_result_result_code\":0,\"conversation_operation_result_result_info\":\"\"}");
}

/* Whether s[0..n) is valid UTF-8 (no overlong form, no surrogate, at most U+10FFFF). */
static int utf8_ok(const char* s, size_t n) {
    const unsigned char* p = (const unsigned char*)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) { i++; continue; }
        if (c < 0xC2 || c > 0xF4) return 0;
        size_t k = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1; /* continuation bytes */
        if (n - i <= k) return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0) lo = 0xA0;
        else if (c == 0xED) hi = 0x9F;
        else if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;
        if (p[i + 1] < lo || p[i + 1] > hi) return 0;
        for (size_t j = 2; j <= k; j++)
            if ((p[i + j] & 0xC0) != 0x80) return 0;
        i += k + 1;
    }
    return 1;
}

/* TIMConvUpsertConversations, the floor: a new conversation gets the whole ConvInfo (the
 * library's key order); an existing one gets its active time and last message replaced in
 * place by SQLite (json_set). Items: conv_id, conv_type, conv_show_name, conv_unread_num,
 * conv_active_time, conv_last_msg. Like the library it refuses text that is not UTF-8 (the ID,
 * the name, the message): a ConvInfo handed to a host must be valid UTF-8. */
static const char* floor_upsert(floor_t* f, const char* json) {
    buf* o = &f->out;
    o->n = 0;
    BLIT(o, "[");
    static buf info;
    run(f, f->begin);
    const char* p = json;
    size_t n;
    const char* item;
    int first = 1;
    while ((item = next_elem(&p, &n)) != NULL) {
        const char *id = NULL, *name = "\"\"", *msg = NULL;
        size_t idn = 0, namen = 2, msgn = 0;
        int type = 0, has_time = 0;
        uint64_t unread = 0, at = 0;
        const char* q = item;
        member m;
        while (next_member(&q, &m)) {
            if (KEY(m, "conv_id")) { id = m.v + 1; idn = m.vn - 2; }
            else if (KEY(m, "conv_type")) type = (int)span_u64(m.v);
            else if (KEY(m, "conv_show_name")) { name = m.v; namen = m.vn; }
            else if (KEY(m, "conv_unread_num")) unread = span_u64(m.v);
            else if (KEY(m, "conv_active_time")) { at = span_u64(m.v); has_time = 1; }
            else if (KEY(m, "conv_last_msg")) { msg = m.v; msgn = m.vn; }
            else die("floor: upsert key %.*s", (int)m.kn, m.k);
        }
        if (!id || (type != 1 && type != 2)) die("floor: bad upsert item");
        if (!utf8_ok(id, idn) || !utf8_ok(name, namen) || (msg && !utf8_ok(msg, msgn))) die("floor: upsert item not UTF-8");
        sqlite3_bind_int(f->find, 1, type);
        sqlite3_bind_text(f->find, 2, id, (int)idn, SQLITE_STATIC);
        int found = sqlite3_step(f->find) == SQLITE_ROW;
        sqlite3_int64 row = found ? sqlite3_column_int64(f->find, 0) : 0;
        sqlite3_reset(f->find);
        if (found) {
            if (!has_time || !msg) die("floor: an existing conversation takes an active time and a last message");
            sqlite3_bind_int64(f->update_msg, 1, order_key(at));
            sqlite3_bind_int64(f->update_msg, 2, (sqlite3_int64)at);
            sqlite3_bind_text(f->update_msg, 3, msg, (int)msgn, SQLITE_STATIC);
            sqlite3_bind_int64(f->update_msg, 4, row);
            run(f, f->update_msg);
        } else {
            info.n = 0;
            BLIT(&info, "{\"conv_id\":\"");
            bput(&info, id, idn);
            BLIT(&info, "\",\"conv_type\":");
            bu64(&info, (uint64_t)type);
            BLIT(&info, ",\"conv_show_name\":");
            bput(&info, name, namen);
            BLIT(&info, ",\"conv_face_url\":\"\",\"conv_unread_num\":");
            bu64(&info, unread);
            BLIT(&info, ",\"conv_active_time\":");
            bu64(&info, at);
            if (msg) {
                BLIT(&info, ",\"conv_is_has_lastmsg\":true,\"conv_last_msg\":");
                bput(&info, msg, msgn);
            } else {
                BLIT(&info, ",\"conv_is_has_lastmsg\":false");
            }
            BLIT(&info, ",\"conv_is_has_draft\":false,\"conv_recv_opt\":0,\"conv_group_type\":0,\"conv_group_at_info_array\":[],"
                        "\"conv_is_pinned\":false,\"conv_mark_array\":[],\"conv_custom_data\":\"\",\"conv_conversation_group_array\":[]}");
            sqlite3_bind_int(f->insert, 1, type);
            sqlite3_bind_text(f->insert, 2, id, (int)idn, SQLITE_STATIC);
            sqlite3_bind_int64(f->insert, 3, order_key(at));
            sqlite3_bind_int64(f->insert, 4, (sqlite3_int64)unread);
            sqlite3_bind_text(f->insert, 5, info.p, (int)info.n, SQLITE_STATIC);
            run(f, f->insert);
        }
        result_item(o, first, type, id, idn);
        first = 0;
    }
    run(f, f->commit);
    BLIT(o, "]");
    return o->p;
}

/* TIMConvCreateConversationGroup, the floor (keys "c2c_<id>"/"group_<id>"). */
static const char* floor_create_group(floor_t* f, const char* name, const char* ids) {
    buf* o = &f->out;
    o->n = 0;
    BLIT(o, "[");
    run(f, f->begin);
    sqlite3_bind_text(f->g_create, 1, name, -1, SQLITE_STATIC);
    run(f, f->g_create);
    sqlite3_int64 gid = sqlite3_last_insert_rowid(f->db);
    const char* p = ids;
    size_t n;
    const char* key;
    int first = 1;
    while ((key = next_elem(&p, &n)) != NULL) {
        key++, n -= 2;
        int type = strncmp(key, "c2c_", 4) == 0 ? 1 : 2;
        size_t skip = type == 1 ? 4 : 6;
        sqlite3_bind_int(f->g_member_of, 1, type);
        sqlite3_bind_text(f->g_member_of, 2, key + skip, (int)(n - skip), SQLITE_STATIC);
        if (sqlite3_step(f->g_member_of) != SQLITE_ROW) die("floor: %.*s does not exist", (int)n, key);
        sqlite3_int64 row = sqlite3_column_int64(f->g_member_of, 0);
        sqlite3_reset(f->g_member_of);
        sqlite3_bind_int64(f->g_add_member, 1, gid);
        sqlite3_bind_int64(f->g_add_member, 2, row);
        run(f, f->g_add_member);
        sqlite3_bind_text(f->g_add_info, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(f->g_add_info, 2, row);
        run(f, f->g_add_info);
        result_item(o, first, type, key + skip, n - skip);
        first = 0;
    }
    run(f, f->commit);
    BLIT(o, "]");
    return o->p;
}

static const char* floor_rename_group(floor_t* f, const char* from, const char* to) {
    run(f, f->begin);
    sqlite3_bind_text(f->g_rename, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(f->g_rename, 2, to, -1, SQLITE_STATIC);
    if (sqlite3_step(f->g_rename) != SQLITE_ROW) die("floor: rename: no group %s", from);
    sqlite3_int64 gid = sqlite3_column_int64(f->g_rename, 0);
    sqlite3_reset(f->g_rename);
    sqlite3_bind_text(f->g_rename_info, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(f->g_rename_info, 2, to, -1, SQLITE_STATIC);
    sqlite3_bind_int64(f->g_rename_info, 3, gid);
    run(f, f->g_rename_info);
    run(f, f->commit);
    return "";
}

static const char* floor_delete_group(floor_t* f, const char* name) {
    run(f, f->begin);
    sqlite3_bind_text(f->g_find, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(f->g_find) != SQLITE_ROW) die("floor: delete: no group %s", name);
    sqlite3_int64 gid = sqlite3_column_int64(f->g_find, 0);
    sqlite3_reset(f->g_find);
    sqlite3_bind_text(f->g_del_info, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(f->g_del_info, 2, gid);
    run(f, f->g_del_info);
    sqlite3_bind_int64(f->g_del_members, 1, gid);
    run(f, f->g_del_members);
    sqlite3_bind_int64(f->g_del, 1, gid);
    run(f, f->g_del);
    run(f, f->commit);
    return "";
}

/* ---- the library: a host waiting for each callback on a condition variable ---- */

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
    int32_t code;
    char* json;
} waiter;

static waiter W = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, NULL};
static int keep_json = 0;
static int host_mode = 1; /* as initialised: callbacks through TIMDispatchCallbacks on this thread */

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    waiter* w = (waiter*)ud;
    pthread_mutex_lock(&w->mu);
    w->code = code;
    free(w->json);
    w->json = keep_json ? strdup(json) : NULL;
    if (code != 0) fprintf(stderr, "callback code %d: %s\n", code, desc);
    w->done = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

static void arm(void) {
    pthread_mutex_lock(&W.mu);
    W.done = 0;
    pthread_mutex_unlock(&W.mu);
}

static void await_result(int rc, const char* what) {
    if (rc != TIM_SUCC) die("%s returned %d", what, rc);
    if (host_mode) {
        /* the game loop: dispatch on this thread until the call's callback has run */
        while (!W.done) {
            int n = TIMDispatchCallbacks(-1);
            if (n < 0) die("TIMDispatchCallbacks returned %d", n);
        }
    } else {
        pthread_mutex_lock(&W.mu);
        while (!W.done) pthread_cond_wait(&W.cv, &W.mu);
        pthread_mutex_unlock(&W.mu);
    }
    if (W.code != 0) die("%s failed with %d", what, W.code);
}

#define CALL(expr) do { arm(); await_result((expr), #expr); } while (0)

static volatile long events_seen;
static void on_conv_event(enum TIMConvEvent ev, const char* json, const void* ud) {
    (void)ev, (void)ud;
    events_seen += (long)strlen(json) > 0;
}

/* ---- statistics and the table ---- */

static int cmp_double(const void* a, const void* b) {
    double x = *(const double*)a, y = *(const double*)b;
    return x < y ? -1 : x > y;
}

static double median(double* v, int n) {
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void fmt_time(char* b, size_t n, double us) {
    if (us < 1000) snprintf(b, n, "%.1f µs", us);
    else snprintf(b, n, "%.2f ms", us / 1000);
}

enum { R_FIRST, R_GROUP, R_C2C50, R_UNREAD, R_GLIST, R_NEW, R_EXIST, R_GROUPOPS, R_LOGIN, R_LOGIN1, R_LISTEN, R_FIRST_LIB, R_GLIST_LIB, NROWS };
static const char* row_name[NROWS] = {
    "first page of 100, no filter",
    "every page of the 250-member group",
    "page 50 of the C2C filter (that call only)",
    "first page of has_unread_count",
    "TIMConvGetConversationGroupList round trip",
    "upsert 1,000 new conversations",
    "upsert 1,000 existing (active time, last msg)",
    "create a group of 10, rename it, delete it",
    "TIMInit + TIMLogin (floor: open + first page)",
    "the same, first of a new process",
    "upsert 1,000 existing, conv listener set",
    "first page of 100, library mode (cb thread)",
    "group list, library mode (cb thread)",
};
static const char* row_goal[NROWS] = {
    "≤ 1.5×", "≤ 1.5×", "≤ 1.5×", "≤ 1.5×", "≤ 1.5×", "≤ 2×", "≤ 2×", "≤ 2×", "< 20 ms", "< 20 ms", "≤ 1.5× of no listener",
    "(shown, no goal)", "(shown, no goal)",
};
static const double row_limit[NROWS] = {1.5, 1.5, 1.5, 1.5, 1.5, 2, 2, 2, 0, 0, 1.5, 0, 0};
/* The login rows' goal is a time, not a ratio. */
static int is_login(int r) { return r == R_LOGIN || r == R_LOGIN1; }
/* Rows without a goal: the library-mode round trips, shown so that the host-mode rows are not
 * mistaken for the cost of every harness. */
static int has_goal(int r) { return r != R_FIRST_LIB && r != R_GLIST_LIB; }

#define MAX_SIZES 4
static double lib_fig[MAX_SIZES][NROWS], floor_fig[MAX_SIZES][NROWS];
/* Medians of the process CPU time of the two upsert rows (R_NEW, R_EXIST), library and floor. */
static double lib_cpu_fig[MAX_SIZES][2], floor_cpu_fig[MAX_SIZES][2];
#define WRITES_MAX 15
static int goals_missed;

static void print_row(int s, int r) {
    char a[32], b[32], q[32];
    double lib = lib_fig[s][r], flo = floor_fig[s][r];
    fmt_time(a, sizeof a, lib);
    fmt_time(b, sizeof b, flo);
    if (r == R_LISTEN) strcat(b, " *");
    double ratio = lib / flo;
    snprintf(q, sizeof q, "%.2f×", ratio);
    int met = is_login(r) ? lib < 20000 : ratio <= row_limit[r];
    printf("| %-46s | %11s | %11s | %6s | %-22s | %-4s |\n", row_name[r], a, b, q, row_goal[r],
           !has_goal(r) ? "" : met ? "met" : "no");
}

/* ---- data ---- */

static char data_dir[512], config[1024], config_lib[1024], libdb[700], floordb[700];
static int N;

static void copy_file(const char* from, const char* to) {
    FILE* in = fopen(from, "rb");
    FILE* out = fopen(to, "wb");
    if (!in || !out) die("copy %s -> %s: %s", from, to, strerror(errno));
    static char b[1 << 16];
    size_t n;
    while ((n = fread(b, 1, sizeof b, in)) > 0)
        if (fwrite(b, 1, n, out) != n) die("copy: %s", strerror(errno));
    fclose(in);
    if (fclose(out) != 0) die("copy: %s", strerror(errno));
}

static void login(void) { CALL(TIMLogin(USER, "sig", on_result, &W)); }
static void logout(void) { CALL(TIMLogout(on_result, &W)); }

/* CPU time of the whole process (every thread: the library's worker, its collector, its
 * background check), µs. */
static double cpu_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* The process CPU time of each upsert batch, library and floor (the wall-clock figures move
 * with the machine's load; these much less). */
static double lib_cpu[WRITES_MAX], flo_cpu[WRITES_MAX];

/* One upsert of the same batch through the library, then through the floor, each timed. */
static void time_upsert(floor_t* f, const char* batch, int r, double* lib_us, double* floor_us) {
    double c0 = cpu_us(), t0 = now_us();
    CALL(TIMConvUpsertConversations(batch, on_result, &W));
    *lib_us = now_us() - t0;
    lib_cpu[r] = cpu_us() - c0;
    c0 = cpu_us(), t0 = now_us();
    floor_upsert(f, batch);
    *floor_us = now_us() - t0;
    flo_cpu[r] = cpu_us() - c0;
}

/* The JSON array of n new conversations starting at number first, prefix "u" (setup) or "n". */
static void new_items(buf* b, const char* prefix, int first, int n) {
    b->n = 0;
    BLIT(b, "[");
    for (int i = 0; i < n; i++) {
        int k = first + i;
        char t[400];
        int len = snprintf(t, sizeof t,
                           "%s{\"conv_id\":\"%s%07d\",\"conv_type\":%d,\"conv_show_name\":\"User %d\",\"conv_active_time\":%d,"
                           "\"conv_unread_num\":%d,\"conv_last_msg\":{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"hello %d\"}]}}",
                           i ? "," : "", prefix, k, 1 + k % 2, k, 1700000000 + k, k % 10 == 0 ? 1 + k % 7 : 0, k);
        bput(b, t, (size_t)len);
    }
    BLIT(b, "]");
}

/* 1,000 existing conversations (numbers first.. modulo N) get a new active time and message. */
static void touch_items(buf* b, int first, int stamp) {
    b->n = 0;
    BLIT(b, "[");
    for (int i = 0; i < BATCH; i++) {
        int k = (first + i) % N;
        char t[300];
        int len = snprintf(t, sizeof t,
                           "%s{\"conv_id\":\"u%07d\",\"conv_type\":%d,\"conv_active_time\":%d,"
                           "\"conv_last_msg\":{\"message_elem_array\":[{\"elem_type\":0,\"text_elem_content\":\"again %d\"}]}}",
                           i ? "," : "", k, 1 + k % 2, 1800000000 + stamp * BATCH + i, stamp);
        bput(b, t, (size_t)len);
    }
    BLIT(b, "]");
}

/* The j-th grouped conversation (j < 1000): even numbers spread over the list, so C2C. */
static int grouped(int j) { return (j * (N / 1000)) & ~1; }

static void id_array(buf* b, int from, int to) {
    b->n = 0;
    BLIT(b, "[");
    for (int j = from; j < to; j++) {
        char t[32];
        int len = snprintf(t, sizeof t, "%s\"c2c_u%07d\"", j > from ? "," : "", grouped(j));
        bput(b, t, (size_t)len);
    }
    BLIT(b, "]");
}

static void build(buf* b) {
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", data_dir);
    if (system(cmd) != 0) die("cannot clear %s", data_dir);
    snprintf(libdb, sizeof libdb, "%s/1/%s/%s", data_dir, USER_DIR, DB_FILE);
    snprintf(floordb, sizeof floordb, "%s/floor.db", data_dir);
    /* The library creates the cache; the floor's upsert fills it (faster than 1,000 calls at
     * 1M); the library makes the groups and the stars. */
    if (TIMInit(1, config) != TIM_SUCC) die("TIMInit");
    login();
    logout();
    floor_t f;
    floor_open(&f, libdb);
    for (int k = 0; k < N; k += 10 * BATCH) {
        new_items(b, "u", k, N - k < 10 * BATCH ? N - k : 10 * BATCH);
        floor_upsert(&f, b->p);
    }
    floor_close(&f);
    login();
    for (int j = 0; j < 250; j += 100) {
        id_array(b, j, j + 100 < 250 ? j + 100 : 250);
        if (j == 0) CALL(TIMConvCreateConversationGroup("group00", b->p, on_result, &W));
        else CALL(TIMConvAddConversationsToGroup("group00", b->p, on_result, &W));
    }
    for (int g = 1; g <= 18; g++) {
        /* group g takes j = 250 + g-1, +18, +36, ... */
        b->n = 0;
        BLIT(b, "[");
        int first = 1;
        for (int j = 250 + g - 1; j < 1000; j += 18) {
            char t[32];
            int len = snprintf(t, sizeof t, "%s\"c2c_u%07d\"", first ? "" : ",", grouped(j));
            bput(b, t, (size_t)len);
            first = 0;
        }
        BLIT(b, "]");
        char name[16];
        snprintf(name, sizeof name, "group%02d", g);
        CALL(TIMConvCreateConversationGroup(name, b->p, on_result, &W));
    }
    id_array(b, 250, 350);
    CALL(TIMConvMarkConversation(b->p, kTIMConversationMarkTypeStar, true, on_result, &W));
    logout();
    copy_file(libdb, floordb);
    login();
}

/* ---- one size ---- */

static uint64_t page_seq(const char* json) {
    const char* k = "\"conversation_list_result_next_seq\":";
    const char* p = strstr(json, k);
    return p ? strtoull(p + strlen(k), NULL, 10) : 0;
}
static int page_finished(const char* json) { return strstr(json, "\"conversation_list_result_is_finished\":true") != NULL; }

/* The floor's page is the library's, byte for byte, up to next_seq (whose values differ). */
static void same_output(floor_t* f, const char* filter) {
    keep_json = 1;
    CALL(TIMConvGetConversationListByFilter(filter, 0, 100, on_result, &W));
    keep_json = 0;
    const char* out = floor_page(f, filter, 0, 100);
    const char* cut = strstr(out, "\"conversation_list_result_next_seq\"");
    if (!cut || strncmp(out, W.json, (size_t)(cut - out)) != 0) die("the floor's page of %s differs from the library's", filter);
}

#define READS 201
#define WRITES WRITES_MAX

extern char** environ;
static char self_path[4096];

/* In a new process of this program: main() to the end of TIMInit + TIMLogin ("lib"), or of the
 * floor's open and first page ("floor"), in µs; the child prints it. */
static double first_login(const char* mode) {
    int fd[2];
    if (pipe(fd) != 0) die("pipe: %s", strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    char* argv[] = {self_path, "--first-login", (char*)mode, data_dir, floordb, NULL};
    pid_t pid;
    int e = posix_spawn(&pid, self_path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (e != 0) die("spawn %s: %s", self_path, strerror(e));
    char out[64] = "";
    ssize_t n = read(fd[0], out, sizeof out - 1);
    close(fd[0]);
    int st;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0 || n <= 0) die("first login (%s): the child failed", mode);
    out[n] = 0;
    return atof(out);
}

static int first_login_child(const char* mode, const char* dir, const char* fdb) {
    double t0 = now_us();
    if (!strcmp(mode, "lib")) {
        snprintf(data_dir, sizeof data_dir, "%s", dir);
        snprintf(config, sizeof config, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":\"host\"}", data_dir);
        if (TIMInit(1, config) != TIM_SUCC) die("TIMInit");
        login();
        printf("%.1f\n", now_us() - t0);
        fflush(stdout);
        TIMUninit();
        return 0;
    }
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3* db;
    if (sqlite3_open_v2(fdb, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) die("open floor");
    sqlite3_stmt* st = prep(db, SEL "conv_order WHERE 1" ORDER);
    sqlite3_bind_int(st, 1, 101);
    buf o = {0};
    BLIT(&o, "{\"conversation_list_result_conv_list\":[");
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < 100) {
        if (n++) BLIT(&o, ",");
        bput(&o, (const char*)sqlite3_column_text(st, 3), (size_t)sqlite3_column_bytes(st, 3));
    }
    BLIT(&o, "],\"conversation_list_result_next_seq\":1,\"conversation_list_result_is_finished\":false}");
    sqlite3_finalize(st);
    sqlite3_close(db);
    printf("%.1f\n", now_us() - t0);
    return 0;
}

static void measure(int s) {
    static buf b;
    double t0;
    static double lib[READS], flo[READS];
    build(&b);
    floor_t f;
    floor_open(&f, floordb);

    /* reads */
    const char* f_all = "{}";
    same_output(&f, f_all);
    same_output(&f, "{\"conversation_list_filter_conversation_group\":\"group00\"}");
    same_output(&f, "{\"conversation_list_filter_has_unread_count\":true}");
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_all, 0, 100, on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_page(&f, f_all, 0, 100);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_FIRST] = median(lib, READS), floor_fig[s][R_FIRST] = median(flo, READS);

    const char* f_g = "{\"conversation_list_filter_conversation_group\":\"group00\"}";
    keep_json = 1;
    for (int i = 0; i < READS / 2; i++) {
        int pages = 0;
        t0 = now_us();
        for (uint64_t seq = 0;;) {
            CALL(TIMConvGetConversationListByFilter(f_g, seq, 100, on_result, &W));
            pages++;
            if (page_finished(W.json)) break;
            seq = page_seq(W.json);
        }
        lib[i] = now_us() - t0;
        int fpages = 0;
        t0 = now_us();
        for (uint64_t seq = 0;;) {
            const char* out = floor_page(&f, f_g, seq, 100);
            fpages++;
            if (page_finished(out)) break;
            seq = page_seq(out);
        }
        flo[i] = now_us() - t0;
        if (pages != 3 || fpages != 3) die("group pages: %d and %d, want 3", pages, fpages);
    }
    lib_fig[s][R_GROUP] = median(lib, READS / 2), floor_fig[s][R_GROUP] = median(flo, READS / 2);

    const char* f_c2c = "{\"conversation_list_filter_conv_type\":1}";
    uint64_t lseq = 0, fseq = 0;
    for (int p = 1; p < 50; p++) {
        CALL(TIMConvGetConversationListByFilter(f_c2c, lseq, 100, on_result, &W));
        lseq = page_seq(W.json);
        fseq = page_seq(floor_page(&f, f_c2c, fseq, 100));
        if (!lseq || !fseq) die("C2C list shorter than 50 pages");
    }
    keep_json = 0;
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_c2c, lseq, 100, on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_page(&f, f_c2c, fseq, 100);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_C2C50] = median(lib, READS), floor_fig[s][R_C2C50] = median(flo, READS);

    const char* f_u = "{\"conversation_list_filter_has_unread_count\":true}";
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_u, 0, 100, on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_page(&f, f_u, 0, 100);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_UNREAD] = median(lib, READS), floor_fig[s][R_UNREAD] = median(flo, READS);

    keep_json = 1;
    CALL(TIMConvGetConversationGroupList(on_result, &W));
    keep_json = 0;
    if (strcmp(W.json, floor_group_list(&f)) != 0) die("group lists differ: %s / %s", W.json, f.out.p);
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationGroupList(on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_group_list(&f);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_GLIST] = median(lib, READS), floor_fig[s][R_GLIST] = median(flo, READS);

    /* the same two reads in library mode: callback thread, host waiting on a condvar */
    TIMUninit();
    if (TIMInit(1, config_lib) != TIM_SUCC) die("TIMInit (library mode)");
    host_mode = 0;
    login();
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationListByFilter(f_all, 0, 100, on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_page(&f, f_all, 0, 100);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_FIRST_LIB] = median(lib, READS), floor_fig[s][R_FIRST_LIB] = median(flo, READS);
    for (int i = 0; i < READS; i++) {
        t0 = now_us();
        CALL(TIMConvGetConversationGroupList(on_result, &W));
        lib[i] = now_us() - t0;
        t0 = now_us();
        floor_group_list(&f);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_GLIST_LIB] = median(lib, READS), floor_fig[s][R_GLIST_LIB] = median(flo, READS);
    TIMUninit();
    if (TIMInit(1, config) != TIM_SUCC) die("TIMInit");
    host_mode = 1;
    login();

    /* writes */
    for (int r = 0; r < WRITES; r++) {
        new_items(&b, "n", r * BATCH, BATCH);
        time_upsert(&f, b.p, r, &lib[r], &flo[r]);
    }
    lib_fig[s][R_NEW] = median(lib, WRITES), floor_fig[s][R_NEW] = median(flo, WRITES);
    lib_cpu_fig[s][0] = median(lib_cpu, WRITES), floor_cpu_fig[s][0] = median(flo_cpu, WRITES);

    for (int r = 0; r < WRITES; r++) {
        touch_items(&b, r * 7919 % N, r);
        time_upsert(&f, b.p, r, &lib[r], &flo[r]);
    }
    lib_fig[s][R_EXIST] = median(lib, WRITES), floor_fig[s][R_EXIST] = median(flo, WRITES);
    lib_cpu_fig[s][1] = median(lib_cpu, WRITES), floor_cpu_fig[s][1] = median(flo_cpu, WRITES);

    /* The listener row compares the library with itself: listener set (lib) and not (floor).
     * The two alternate which goes first, so that the library's periodic costs (a WAL
     * checkpoint, the collector) do not always land on the same side. */
    for (int r = 0; r < WRITES; r++) {
        for (int k = 0; k < 2; k++) {
            int with = (k == 0) == (r % 2 == 0);
            touch_items(&b, (r + (with ? 1 : 2) * WRITES) * 7919 % N, r + (with ? 1 : 2) * WRITES);
            TIMSetConvEventCallback(with ? on_conv_event : NULL, NULL);
            t0 = now_us();
            CALL(TIMConvUpsertConversations(b.p, on_result, &W));
            (with ? lib : flo)[r] = now_us() - t0;
        }
        TIMSetConvEventCallback(NULL, NULL);
    }
    lib_fig[s][R_LISTEN] = median(lib, WRITES), floor_fig[s][R_LISTEN] = median(flo, WRITES);

    id_array(&b, 250, 260); /* already grouped: within the extended-state budget */
    for (int r = 0; r < 2 * WRITES; r++) {
        t0 = now_us();
        CALL(TIMConvCreateConversationGroup("bench tmp", b.p, on_result, &W));
        CALL(TIMConvRenameConversationGroup("bench tmp", "bench tmp 2", on_result, &W));
        CALL(TIMConvDeleteConversationGroup("bench tmp 2", on_result, &W));
        lib[r] = now_us() - t0;
        t0 = now_us();
        floor_create_group(&f, "bench tmp", b.p);
        floor_rename_group(&f, "bench tmp", "bench tmp 2");
        floor_delete_group(&f, "bench tmp 2");
        flo[r] = now_us() - t0;
    }
    lib_fig[s][R_GROUPOPS] = median(lib, 2 * WRITES), floor_fig[s][R_GROUPOPS] = median(flo, 2 * WRITES);
    floor_close(&f);

    /* login: the whole TIMInit + TIMLogin to its callback; the floor opens its file, prepares
     * and reads the first page */
    enum { LOGINS = 9 };
    for (int i = 0; i < LOGINS; i++) {
        TIMUninit();
        t0 = now_us();
        if (TIMInit(1, config) != TIM_SUCC) die("TIMInit");
        login();
        lib[i] = now_us() - t0;
        t0 = now_us();
        sqlite3* db;
        if (sqlite3_open_v2(floordb, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) die("open floor");
        sqlite3_stmt* st = prep(db, SEL "conv_order WHERE 1" ORDER);
        sqlite3_bind_int(st, 1, 101);
        buf* o = &b;
        o->n = 0;
        BLIT(o, "{\"conversation_list_result_conv_list\":[");
        int n = 0;
        while (sqlite3_step(st) == SQLITE_ROW && n < 100) {
            if (n++) BLIT(o, ",");
            bput(o, (const char*)sqlite3_column_text(st, 3), (size_t)sqlite3_column_bytes(st, 3));
        }
        BLIT(o, "],\"conversation_list_result_next_seq\":1,\"conversation_list_result_is_finished\":false}");
        sqlite3_finalize(st);
        sqlite3_close(db);
        flo[i] = now_us() - t0;
    }
    lib_fig[s][R_LOGIN] = median(lib, LOGINS), floor_fig[s][R_LOGIN] = median(flo, LOGINS);
    TIMUninit();
    /* The first login of a process pays what the rows above do not: the library's Go runtime
     * finishing its start (it begins when the library is loaded; the first call waits for
     * it), SQLite's and the library's first allocations, the threads. Each a new process of
     * this program, library and floor alternating, the OS's file cache warm. */
    for (int i = 0; i < LOGINS; i++) {
        lib[i] = first_login("lib");
        flo[i] = first_login("floor");
    }
    lib_fig[s][R_LOGIN1] = median(lib, LOGINS), floor_fig[s][R_LOGIN1] = median(flo, LOGINS);
}

int main(int argc, char** argv) {
    if (argc == 5 && !strcmp(argv[1], "--first-login")) return first_login_child(argv[2], argv[3], argv[4]);
    ssize_t sn = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (sn <= 0) die("readlink /proc/self/exe: %s", strerror(errno));
    self_path[sn] = 0;
    /* The library turns SQLite's memory statistics off (a global mutex around every
     * allocation); the floor's SQLite does the same, before its first open. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    const char* base = argc > 1 ? argv[1] : "build/bench-data";
    snprintf(data_dir, sizeof data_dir, "%s", base);
    snprintf(config, sizeof config, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":\"host\"}", data_dir);
    snprintf(config_lib, sizeof config_lib, "{\"sdk_config_config_file_path\":\"%s\"}", data_dir);
    int sizes[MAX_SIZES], nsizes = 0;
    const char* env = getenv("BENCH_SIZES");
    char list[128];
    snprintf(list, sizeof list, "%s", env && *env ? env : "10000,100000,1000000");
    for (char* t = strtok(list, ", "); t && nsizes < MAX_SIZES; t = strtok(NULL, ", ")) {
        sizes[nsizes] = atoi(t);
        if (sizes[nsizes] < 10000) die("BENCH_SIZES: each size at least 10000");
        nsizes++;
    }
    char host[256] = "?";
    gethostname(host, sizeof host);
    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    printf("timconvgroup %s, SQLite %s (library and floor), %ld CPUs, load average %.1f at start\n",
           TIMGetSDKVersion(), sqlite3_libversion(), sysconf(_SC_NPROCESSORS_ONLN), load[0]);
    long rss100k = -1;
    for (int s = 0; s < nsizes; s++) {
        N = sizes[s];
        measure(s);
        printf("\n%d conversations, 19 groups (250 + 750 members) + 1 created by its row, Star on 100; medians, library and floor interleaved\n\n", N);
        printf("| %-46s | %11s | %11s | %6s | %-22s | %-4s |\n", "operation", "library", "C floor", "ratio", "goal", "");
        printf("|:%s|%s:|%s:|%s:|:%s|:%s|\n", "-----------------------------------------------", "------------", "------------", "-------", "-----------------------", "-----");
        for (int r = 0; r < NROWS; r++) {
            print_row(s, r);
            int met = is_login(r) ? lib_fig[s][r] < 20000 : lib_fig[s][r] / floor_fig[s][r] <= row_limit[r];
            if (!met && has_goal(r)) goals_missed++;
        }
        printf("(* the listener row's floor is the same upsert with no listener set; every row but the\n"
               "   two marked library mode runs with sdk_config_dispatch_mode \"host\", TIMDispatchCallbacks(-1)\n"
               "   on the calling thread after each call)\n");
        for (int k = 0; k < 2; k++)
            printf("%s: process CPU time, library %.2f ms, floor %.2f ms (%.2f×)\n", row_name[k ? R_EXIST : R_NEW],
                   lib_cpu_fig[s][k] / 1000, floor_cpu_fig[s][k] / 1000, lib_cpu_fig[s][k] / floor_cpu_fig[s][k]);
        fflush(stdout);
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        if (N <= 100000) rss100k = ru.ru_maxrss;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (nsizes > 1) {
        printf("\nScaling: the library's figures at each size\n\n| %-46s |", "operation");
        for (int s = 0; s < nsizes; s++) printf(" %10d |", sizes[s]);
        printf("\n|:%s|", "-----------------------------------------------");
        for (int s = 0; s < nsizes; s++) printf("%s|", "-----------:");
        printf("\n");
        for (int r = 0; r < NROWS; r++) {
            printf("| %-46s |", row_name[r]);
            for (int s = 0; s < nsizes; s++) {
                char a[32];
                fmt_time(a, sizeof a, lib_fig[s][r]);
                printf(" %10s |", a);
            }
            printf("\n");
        }
        int lo = 0, hi = 0;
        for (int s = 0; s < nsizes; s++) {
            if (sizes[s] < sizes[lo]) lo = s;
            if (sizes[s] > sizes[hi]) hi = s;
        }
        int reads[] = {R_FIRST, R_GROUP, R_C2C50, R_UNREAD};
        for (size_t i = 0; i < sizeof reads / sizeof *reads; i++) {
            double q = lib_fig[hi][reads[i]] / lib_fig[lo][reads[i]];
            printf("%s: %d vs %d conversations: %.2f× (goal ≤ 1.5×) %s\n", row_name[reads[i]], sizes[hi], sizes[lo], q, q <= 1.5 ? "met" : "no");
            if (q > 1.5) goals_missed++;
        }
    }
    if (rss100k > 0) printf("\npeak RSS up to 100,000 conversations: %.1f MiB (goal < 100 MiB)\n", rss100k / 1024.0);
    printf("peak RSS of the whole run: %.1f MiB\n", ru.ru_maxrss / 1024.0);
    printf("goals not met: %d\n", goals_missed);
    return 0;
}
