/* syncdevice.c — one device of the convergence and fault tests (converge_test.go): the library
 * through its C ABI (build/libtimconvgroup.so), on its own data directory, in its own process,
 * driven by the test over stdin/stdout.
 *
 *   syncdevice DATA_DIR
 *
 * Commands (stdin, one a line, fields separated by one tab; a trailing empty field is ""):
 *   login USER            upsert JSON           convs                 groups
 *   create NAME JSON      gdelete NAME          rename OLD NEW        add NAME JSON
 *   remove NAME JSON      mark JSON BITS 0|1    pin ID TYPE 0|1       custom JSON DATA
 *   cdelete ID TYPE       pending MAX           apply DOC
 *   burst N JSON          N custom-data calls without waiting: call i sets "burst-<i>" on the
 *                         i-th (mod length) id of JSON; each callback prints an "ack" line
 * Output (stdout, one JSON object a line, flushed): every listener call as it arrives
 * ({"k":"conv"|"gcreated"|"gdeleted"|"grenamed"|"gadded"|"gremoved"|"rejected", ...}), then
 * the command's result {"k":"res","ret":R,"code":C,"desc":"…","a":"…"} (ret: the call's
 * TIMResult; code/desc/a: its callback, when ret is 0).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timconvgroup.h"

static pthread_mutex_t g_out = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cond = PTHREAD_COND_INITIALIZER;
static int g_done;      /* the current command's callback arrived */
static int g_acks;      /* burst callbacks arrived */

/* put writes s as a JSON string. */
static void put(const char* s) {
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char* p = (const unsigned char*)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            putchar('\\');
            putchar(*p);
        } else if (*p < 0x20) {
            printf("\\u%04x", *p);
        } else {
            putchar(*p);
        }
    }
    putchar('"');
}

static void line_end(void) {
    fputs("}\n", stdout);
    fflush(stdout);
}

static void on_conv(enum TIMConvEvent e, const char* json, const void* ud) {
    (void)ud;
    pthread_mutex_lock(&g_out);
    printf("{\"k\":\"conv\",\"e\":%d,\"a\":", (int)e);
    put(json);
    line_end();
    pthread_mutex_unlock(&g_out);
}

static void ev2(const char* kind, const char* n, const char* key2, const char* v2) {
    pthread_mutex_lock(&g_out);
    printf("{\"k\":\"%s\",\"n\":", kind);
    put(n);
    if (key2) {
        printf(",\"%s\":", key2);
        put(v2);
    }
    line_end();
    pthread_mutex_unlock(&g_out);
}

static void on_created(const char* n, const char* a, const void* ud) { (void)ud; ev2("gcreated", n, "a", a); }
static void on_gdeleted(const char* n, const void* ud) { (void)ud; ev2("gdeleted", n, NULL, NULL); }
static void on_renamed(const char* o, const char* n, const void* ud) { (void)ud; ev2("grenamed", o, "m", n); }
static void on_added(const char* n, const char* a, const void* ud) { (void)ud; ev2("gadded", n, "a", a); }
static void on_removed(const char* n, const char* a, uint32_t reason, const void* ud) {
    (void)ud;
    pthread_mutex_lock(&g_out);
    printf("{\"k\":\"gremoved\",\"r\":%u,\"n\":", reason);
    put(n);
    fputs(",\"a\":", stdout);
    put(a);
    line_end();
    pthread_mutex_unlock(&g_out);
}
static void on_rejected(const char* a, const void* ud) {
    (void)ud;
    pthread_mutex_lock(&g_out);
    fputs("{\"k\":\"rejected\",\"a\":", stdout);
    put(a);
    line_end();
    pthread_mutex_unlock(&g_out);
}

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)ud;
    pthread_mutex_lock(&g_out);
    printf("{\"k\":\"res\",\"ret\":0,\"code\":%d,\"desc\":", (int)code);
    put(desc);
    fputs(",\"a\":", stdout);
    put(json);
    line_end();
    g_done = 1;
    pthread_cond_broadcast(&g_cond);
    pthread_mutex_unlock(&g_out);
}

static void on_ack(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)desc;
    (void)json;
    pthread_mutex_lock(&g_out);
    printf("{\"k\":\"ack\",\"i\":%d,\"code\":%d", (int)(intptr_t)ud, (int)code);
    line_end();
    g_acks++;
    pthread_cond_broadcast(&g_cond);
    pthread_mutex_unlock(&g_out);
}

/* finish waits for the callback of a call that returned ret (none when ret != 0). */
static void finish(int ret) {
    pthread_mutex_lock(&g_out);
    if (ret != TIM_SUCC) {
        printf("{\"k\":\"res\",\"ret\":%d", ret);
        line_end();
    } else {
        while (!g_done) pthread_cond_wait(&g_cond, &g_out);
    }
    g_done = 0;
    pthread_mutex_unlock(&g_out);
}

/* nth returns the n-th string of a flat JSON array of plain strings (no escapes), in buf. */
static int nth(const char* json, int n, char* buf, size_t cap) {
    const char* p = json;
    for (int i = 0;; i++) {
        p = strchr(p, '"');
        if (!p) return 0;
        const char* q = strchr(p + 1, '"');
        if (!q) return 0;
        if (i == n) {
            snprintf(buf, cap, "[%.*s]", (int)(q - p + 1), p);
            return 1;
        }
        p = q + 1;
    }
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: syncdevice DATA_DIR\n");
        return 2;
    }
    char* cfg = NULL;
    if (asprintf(&cfg, "{\"sdk_config_config_file_path\":\"%s\"}", argv[1]) < 0) return 2;
    if (TIMInit(1400000000, cfg) != TIM_SUCC) {
        fprintf(stderr, "TIMInit failed\n");
        return 2;
    }
    free(cfg);
    TIMSetConvEventCallback(on_conv, NULL);
    TIMSetConvConversationGroupCreatedCallback(on_created, NULL);
    TIMSetConvConversationGroupDeletedCallback(on_gdeleted, NULL);
    TIMSetConvConversationGroupNameChangedCallback(on_renamed, NULL);
    TIMSetConvConversationsAddedToGroupCallback(on_added, NULL);
    TIMSetConvConversationsDeletedFromGroupCallback(on_removed, NULL);
    TIMSetConvSyncRejectedCallback(on_rejected, NULL);

    char* line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        char* f[4] = {"", "", "", ""};
        char* rest = line;
        for (int i = 0; i < 4 && rest; i++) f[i] = strsep(&rest, "\t");
        const char* c = f[0];
        int r;
        if (!strcmp(c, "login")) r = TIMLogin(f[1], "sig", on_result, NULL);
        else if (!strcmp(c, "upsert")) r = TIMConvUpsertConversations(f[1], on_result, NULL);
        else if (!strcmp(c, "convs")) r = TIMConvGetConvList(on_result, NULL);
        else if (!strcmp(c, "groups")) r = TIMConvGetConversationGroupList(on_result, NULL);
        else if (!strcmp(c, "filter")) r = TIMConvGetConversationListByFilter(f[1], 0, 1000, on_result, NULL);
        else if (!strcmp(c, "create")) r = TIMConvCreateConversationGroup(f[1], f[2], on_result, NULL);
        else if (!strcmp(c, "gdelete")) r = TIMConvDeleteConversationGroup(f[1], on_result, NULL);
        else if (!strcmp(c, "rename")) r = TIMConvRenameConversationGroup(f[1], f[2], on_result, NULL);
        else if (!strcmp(c, "add")) r = TIMConvAddConversationsToGroup(f[1], f[2], on_result, NULL);
        else if (!strcmp(c, "remove")) r = TIMConvDeleteConversationsFromGroup(f[1], f[2], on_result, NULL);
        else if (!strcmp(c, "mark")) r = TIMConvMarkConversation(f[1], strtoull(f[2], NULL, 10), atoi(f[3]) != 0, on_result, NULL);
        else if (!strcmp(c, "pin")) r = TIMConvPinConversation(f[1], (enum TIMConvType)atoi(f[2]), atoi(f[3]) != 0, on_result, NULL);
        else if (!strcmp(c, "custom")) r = TIMConvSetConversationCustomData(f[1], f[2], on_result, NULL);
        else if (!strcmp(c, "cdelete")) r = TIMConvDelete(f[1], (enum TIMConvType)atoi(f[2]), on_result, NULL);
        else if (!strcmp(c, "pending")) r = TIMConvSyncGetPendingChanges((uint32_t)strtoul(f[1], NULL, 10), on_result, NULL);
        else if (!strcmp(c, "apply")) r = TIMConvSyncApply(f[1], on_result, NULL);
        else if (!strcmp(c, "burst")) {
            int total = atoi(f[1]), sent = 0, count = 0;
            char ids[512], data[32];
            while (nth(f[2], count, ids, sizeof ids)) count++;
            for (int i = 0; i < total && count > 0; i++) {
                nth(f[2], i % count, ids, sizeof ids);
                snprintf(data, sizeof data, "burst-%d", i);
                if (TIMConvSetConversationCustomData(ids, data, on_ack, (void*)(intptr_t)i) == TIM_SUCC) sent++;
            }
            pthread_mutex_lock(&g_out);
            while (g_acks < sent) pthread_cond_wait(&g_cond, &g_out);
            g_acks = 0;
            printf("{\"k\":\"res\",\"ret\":0,\"code\":0,\"a\":\"%d\"", sent);
            line_end();
            pthread_mutex_unlock(&g_out);
            continue;
        } else {
            fprintf(stderr, "syncdevice: unknown command %s\n", c);
            return 2;
        }
        finish(r);
    }
    free(line);
    TIMUninit();
    return 0;
}
