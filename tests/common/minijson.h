/*
 * minijson.h — a small JSON reader for the test and reliability tools (tests/c, tests/crash,
 * bench/soak): enough to read what the library hands back (ConvInfo arrays, result objects).
 * Numbers keep their text so uint64 values stay exact. Header-only; every function is static.
 */
#ifndef TCG_MINIJSON_H_
#define TCG_MINIJSON_H_

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MJ_NULL, MJ_FALSE, MJ_TRUE, MJ_NUM, MJ_STR, MJ_ARR, MJ_OBJ };

typedef struct mj {
    int type;
    char* str;         /* MJ_STR: decoded UTF-8; MJ_NUM: the number's text */
    char* key;         /* member name when inside an object */
    struct mj** items; /* MJ_ARR / MJ_OBJ */
    int n, cap;
} mj;

static inline void mj_free(mj* v) {
    if (!v) return;
    for (int i = 0; i < v->n; i++) mj_free(v->items[i]);
    free(v->items);
    free(v->str);
    free(v->key);
    free(v);
}

static inline const char* mj_ws(const char* p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static inline void mj_put_utf8(char** b, size_t* n, size_t* cap, unsigned cp) {
    if (*n + 5 > *cap) *b = (char*)realloc(*b, *cap = *cap * 2 + 8);
    char* o = *b + *n;
    if (cp < 0x80) { o[0] = (char)cp; *n += 1; }
    else if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); *n += 2; }
    else if (cp < 0x10000) { o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F)); *n += 3; }
    else { o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); *n += 4; }
}

static inline unsigned mj_hex4(const char* p, int* ok) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else { *ok = 0; return 0; }
    }
    return v;
}

/* p at '"'. Returns the end or NULL. */
static inline const char* mj_string(const char* p, char** out) {
    size_t cap = 32, n = 0;
    char* b = (char*)malloc(cap);
    p++;
    while (*p && *p != '"') {
        unsigned char c = (unsigned char)*p++;
        if (c < 0x20) { free(b); return NULL; }
        if (c != '\\') {
            if (n + 2 > cap) b = (char*)realloc(b, cap *= 2);
            b[n++] = (char)c;
            continue;
        }
        char e = *p++;
        unsigned cp;
        int ok = 1;
        switch (e) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            cp = mj_hex4(p, &ok);
            if (!ok) { free(b); return NULL; }
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = mj_hex4(p + 2, &ok);
                if (ok && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            break;
        default: free(b); return NULL;
        }
        mj_put_utf8(&b, &n, &cap, cp);
    }
    if (*p != '"') { free(b); return NULL; }
    b[n] = 0;
    *out = b;
    return p + 1;
}

static inline const char* mj_value(const char* p, mj** out, int depth);

static inline void mj_push(mj* parent, mj* child) {
    if (parent->n == parent->cap) parent->items = (mj**)realloc(parent->items, sizeof(mj*) * (size_t)(parent->cap = parent->cap * 2 + 8));
    parent->items[parent->n++] = child;
}

static inline const char* mj_value(const char* p, mj** out, int depth) {
    p = mj_ws(p);
    if (depth > 200) return NULL;
    mj* v = (mj*)calloc(1, sizeof *v);
    *out = v;
    if (*p == '{' || *p == '[') {
        int obj = *p == '{';
        v->type = obj ? MJ_OBJ : MJ_ARR;
        p = mj_ws(p + 1);
        if (*p == (obj ? '}' : ']')) return p + 1;
        for (;;) {
            char* key = NULL;
            if (obj) {
                if (*p != '"' || !(p = mj_string(p, &key))) return NULL;
                p = mj_ws(p);
                if (*p++ != ':') { free(key); return NULL; }
            }
            mj* c = NULL;
            p = mj_value(p, &c, depth + 1);
            if (c) c->key = key;
            else free(key);
            if (c) mj_push(v, c);
            if (!p) return NULL;
            p = mj_ws(p);
            if (*p == ',') { p = mj_ws(p + 1); continue; }
            if (*p == (obj ? '}' : ']')) return p + 1;
            return NULL;
        }
    }
    if (*p == '"') {
        v->type = MJ_STR;
        return mj_string(p, &v->str);
    }
    if (!strncmp(p, "true", 4)) { v->type = MJ_TRUE; return p + 4; }
    if (!strncmp(p, "false", 5)) { v->type = MJ_FALSE; return p + 5; }
    if (!strncmp(p, "null", 4)) { v->type = MJ_NULL; return p + 4; }
    const char* s = p;
    if (*p == '-') p++;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-') p++;
    if (p == s) return NULL;
    v->type = MJ_NUM;
    v->str = (char*)malloc((size_t)(p - s) + 1);
    memcpy(v->str, s, (size_t)(p - s));
    v->str[p - s] = 0;
    return p;
}

/* Parses a whole document; NULL when it is not exactly one JSON value. */
static inline mj* mj_parse(const char* s) {
    mj* v = NULL;
    const char* p = mj_value(s ? s : "", &v, 0);
    if (!p || *mj_ws(p) != 0) {
        mj_free(v);
        return NULL;
    }
    return v;
}

static inline mj* mj_get(const mj* o, const char* key) {
    if (!o || o->type != MJ_OBJ) return NULL;
    for (int i = 0; i < o->n; i++)
        if (o->items[i]->key && !strcmp(o->items[i]->key, key)) return o->items[i];
    return NULL;
}

static inline uint64_t mj_u64(const mj* v, uint64_t def) { return v && v->type == MJ_NUM ? strtoull(v->str, NULL, 10) : def; }
static inline long long mj_int(const mj* v, long long def) { return v && v->type == MJ_NUM ? strtoll(v->str, NULL, 10) : def; }
static inline const char* mj_str(const mj* v, const char* def) { return v && v->type == MJ_STR ? v->str : def; }
static inline int mj_bool(const mj* v, int def) { return v ? (v->type == MJ_TRUE ? 1 : v->type == MJ_FALSE ? 0 : def) : def; }

/* 1 when s is valid UTF-8 (no overlong forms, no surrogates, <= U+10FFFF). */
static inline int mj_utf8_valid(const char* s) {
    const unsigned char* p = (const unsigned char*)s;
    while (*p) {
        unsigned c = *p;
        int n;
        unsigned min, cp;
        if (c < 0x80) { p++; continue; }
        else if ((c & 0xE0) == 0xC0) { n = 1; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; min = 0x10000; cp = c & 0x07; }
        else return 0;
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return 0;
        p += n + 1;
    }
    return 1;
}

#endif
