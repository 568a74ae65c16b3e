/*
 * demo.c — a walk through the conversation-group API of libtimconvgroup, in C.
 *
 *   make demo                 (builds the library and runs this on a fresh build/demo-data)
 *   build/demo <data dir>
 *
 * Flow: init, set every listener, login, feed a few conversations, create a conversation group
 * with members, list groups, rename it, add conversations, page through the group with a small
 * page size (feeding next_seq until is_finished), remove a conversation from the group, delete
 * the group, logout, uninit. Every callback and listener event is printed.
 *
 * Callbacks arrive on the library's callback thread (library dispatch mode); the demo waits
 * for each call's callback with a semaphore so that the output follows the flow.
 */
#define _GNU_SOURCE
#include <time.h> /* before semaphore.h: sem_timedwait's struct timespec (mingw-w64) */
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timconvgroup.h"

/* ---- a tiny waiter: one per call, handed to the library as user_data -------------------- */

typedef struct {
    const char* what;
    sem_t done;
    int code;
    char* json; /* copy of json_params (the library's string is only valid during the call) */
} call;

/* Prints "id: code (info)" for each TIMConversationOperationResult of a result array. */
static int print_op_results(const char* json) {
    const char* key = "\"conversation_operation_result_conversation_id\":\"";
    const char* p = json;
    int n = 0;
    while ((p = strstr(p, key)) != NULL) {
        p += strlen(key);
        const char* e = strchr(p, '"');
        const char* c = strstr(p, "\"conversation_operation_result_result_code\":");
        const char* i = strstr(p, "\"conversation_operation_result_result_info\":\"");
        if (!e || !c || !i) break;
        int code = atoi(c + strlen("\"conversation_operation_result_result_code\":"));
        i += strlen("\"conversation_operation_result_result_info\":\"");
        char info[256];
        size_t k = 0;
        for (; *i && *i != '"' && k < sizeof info - 1; i++) {
            if (*i == '\\' && i[1]) i++; /* unescape \" and \\ */
            info[k++] = *i;
        }
        info[k] = 0;
        printf("       %.*s: %d%s%s%s\n", (int)(e - p), p, code, code ? " (" : "", code ? info : "", code ? ")" : "");
        n++;
        p = e;
    }
    return n;
}

static void on_result(int32_t code, const char* desc, const char* json, const void* user_data) {
    call* c = (call*)user_data;
    c->code = code;
    c->json = strdup(json);
    if (code != 0) {
        printf("  <- %s: error %d: %s\n", c->what, code, desc);
    } else if (strstr(json, "conversation_operation_result_result_code")) {
        printf("  <- %s: ok, per conversation:\n", c->what);
        print_op_results(json);
    } else if (strstr(json, "conversation_list_result_conv_list")) {
        printf("  <- %s: ok\n", c->what); /* the page is printed by the caller */
    } else {
        printf("  <- %s: ok %s\n", c->what, json);
    }
    sem_post(&c->done);
}

static call* begin(const char* what) {
    call* c = calloc(1, sizeof *c);
    c->what = what;
    sem_init(&c->done, 0, 0);
    printf("\n-> %s\n", what);
    return c;
}

/* Waits for the callback (when the call was accepted) and returns the result JSON (owned by
 * the caller), or NULL. */
static char* finish(call* c, int rc) {
    char* json = NULL;
    if (rc != TIM_SUCC) {
        printf("  <- %s: rejected, TIMResult %d\n", c->what, rc);
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 30;
        if (sem_timedwait(&c->done, &ts) != 0) {
            printf("  <- %s: no callback within 30 s\n", c->what);
            exit(1);
        }
        json = c->code == 0 ? c->json : (free(c->json), NULL);
    }
    sem_destroy(&c->done);
    free(c);
    return json;
}

#define CALL(what, expr)                \
    ({                                  \
        call* c_ = begin(what);         \
        int rc_ = (expr);               \
        finish(c_, rc_);                \
    })
#define UD c_ /* user_data of the call being made */

/* ---- printing ------------------------------------------------------------------------- */

/* "conv_id (type)" for every ConvInfo in a JSON array, comma separated. */
static void print_convs(const char* json) {
    const char* p = json;
    int n = 0;
    while ((p = strstr(p, "\"conv_id\":\"")) != NULL) {
        p += strlen("\"conv_id\":\"");
        const char* e = strchr(p, '"');
        if (!e) break;
        const char* t = strstr(e, "\"conv_type\":");
        int type = t ? atoi(t + strlen("\"conv_type\":")) : 0;
        printf("%s%s_%.*s", n++ ? ", " : "", type == kTIMConv_Group ? "group" : "c2c", (int)(e - p), p);
        p = e;
    }
    if (n == 0) printf("(none)");
}

static const char* event_name(enum TIMConvEvent e) {
    switch (e) {
    case kTIMConvEvent_Add: return "Add";
    case kTIMConvEvent_Del: return "Del";
    case kTIMConvEvent_Update: return "Update";
    case kTIMConvEvent_Start: return "Start";
    case kTIMConvEvent_Finish: return "Finish";
    }
    return "?";
}

static void on_conv_event(enum TIMConvEvent e, const char* json, const void* ud) {
    (void)ud;
    printf("  [event] conversation %s: ", event_name(e));
    if (json[0]) print_convs(json);
    printf("\n");
}
static void on_total_unread(int total, const void* ud) {
    (void)ud;
    printf("  [event] total unread: %d\n", total);
}
static void on_unread_by_filter(const char* filter, int total, const void* ud) {
    (void)ud;
    printf("  [event] unread of filter %s: %d\n", filter, total);
}
static void on_group_created(const char* name, const char* arr, const void* ud) {
    (void)ud;
    printf("  [event] group \"%s\" created with: ", name);
    print_convs(arr);
    printf("\n");
}
static void on_group_deleted(const char* name, const void* ud) {
    (void)ud;
    printf("  [event] group \"%s\" deleted\n", name);
}
static void on_group_renamed(const char* old_name, const char* new_name, const void* ud) {
    (void)ud;
    printf("  [event] group \"%s\" renamed to \"%s\"\n", old_name, new_name);
}
static void on_added_to_group(const char* name, const char* arr, const void* ud) {
    (void)ud;
    printf("  [event] added to group \"%s\": ", name);
    print_convs(arr);
    printf("\n");
}
static void on_deleted_from_group(const char* name, const char* arr, uint32_t reason, const void* ud) {
    (void)ud;
    printf("  [event] removed from group \"%s\" (reason %u): ", name, reason);
    print_convs(arr);
    printf("\n");
}
static void on_log(enum TIMLogLevel level, const char* line, const void* ud) {
    (void)ud;
    if (level >= kTIMLog_Warn) printf("  [log %d] %s\n", (int)level, line);
}

static unsigned long long json_u64(const char* json, const char* key) {
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char* p = json ? strstr(json, pat) : NULL;
    return p ? strtoull(p + strlen(pat), NULL, 10) : 0;
}

static int json_true(const char* json, const char* key) {
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":true", key);
    return json && strstr(json, pat) != NULL;
}

int main(int argc, char** argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char* dir = argc > 1 ? argv[1] : "build/demo-data";
    printf("timconvgroup %s, data directory %s\n", TIMGetSDKVersion(), dir);

    TIMSetLogCallback(on_log, NULL); /* may be set before TIMInit */
    char config[1024];
    snprintf(config, sizeof config, "{\"%s\":\"%s\",\"%s\":\"library\"}", kTIMSdkConfigConfigFilePath, dir,
             kTIMSdkConfigDispatchMode);
    int rc = TIMInit(1400000001ULL, config);
    printf("TIMInit -> %d\n", rc);
    if (rc != TIM_SUCC) return 1;

    TIMSetConvEventCallback(on_conv_event, NULL);
    TIMSetConvTotalUnreadMessageCountChangedCallback(on_total_unread, NULL);
    TIMSetConvUnreadMessageCountChangedByFilterCallback(on_unread_by_filter, NULL);
    TIMSetConvConversationGroupCreatedCallback(on_group_created, NULL);
    TIMSetConvConversationGroupDeletedCallback(on_group_deleted, NULL);
    TIMSetConvConversationGroupNameChangedCallback(on_group_renamed, NULL);
    TIMSetConvConversationsAddedToGroupCallback(on_added_to_group, NULL);
    TIMSetConvConversationsDeletedFromGroupCallback(on_deleted_from_group, NULL);
    printf("listeners set\n");

    free(CALL("TIMLogin(demo_user)", TIMLogin("demo_user", "any-sig", on_result, UD)));
    char uid[129];
    if (TIMGetLoginUserID(uid) == TIM_SUCC) printf("logged in as %s (status %d)\n", uid, TIMGetLoginStatus());

    free(CALL("TIMConvUpsertConversations (5 conversations)",
              TIMConvUpsertConversations(
                  "[{\"conv_id\":\"alice\",\"conv_type\":1,\"conv_show_name\":\"Alice\",\"conv_active_time\":1700000500,\"conv_unread_num\":2},"
                  "{\"conv_id\":\"bob\",\"conv_type\":1,\"conv_show_name\":\"Bob\",\"conv_active_time\":1700000400},"
                  "{\"conv_id\":\"carol\",\"conv_type\":1,\"conv_show_name\":\"Carol\",\"conv_active_time\":1700000300,\"conv_unread_num\":1},"
                  "{\"conv_id\":\"dev\",\"conv_type\":2,\"conv_show_name\":\"Dev team\",\"conv_active_time\":1700000200},"
                  "{\"conv_id\":\"family\",\"conv_type\":2,\"conv_show_name\":\"Family\",\"conv_active_time\":1700000100}]",
                  on_result, UD)));

    rc = TIMConvSubscribeUnreadMessageCountByFilter("{\"conversation_list_filter_conversation_group\":\"Team\"}");
    printf("\n-> subscribe to the unread count of group Team: %d\n", rc);

    free(CALL("TIMConvCreateConversationGroup(Work: alice, dev, bob)",
              TIMConvCreateConversationGroup("Work", "[\"c2c_alice\",\"group_dev\",\"c2c_bob\"]", on_result, UD)));
    free(CALL("TIMConvGetConversationGroupList", TIMConvGetConversationGroupList(on_result, UD)));
    free(CALL("TIMConvRenameConversationGroup(Work -> Team)", TIMConvRenameConversationGroup("Work", "Team", on_result, UD)));
    free(CALL("TIMConvAddConversationsToGroup(Team: carol, family, nobody)",
              TIMConvAddConversationsToGroup("Team", "[\"c2c_carol\",\"group_family\",\"c2c_nobody\"]", on_result, UD)));
    free(CALL("TIMConvGetConversationGroupList", TIMConvGetConversationGroupList(on_result, UD)));

    /* page through the group, 2 at a time */
    const char* filter = "{\"conversation_list_filter_conversation_group\":\"Team\"}";
    unsigned long long next_seq = 0;
    for (int page = 1; page < 100; page++) {
        char what[96];
        snprintf(what, sizeof what, "TIMConvGetConversationListByFilter(Team, next_seq %llu, count 2)", next_seq);
        char* json = CALL(what, TIMConvGetConversationListByFilter(filter, next_seq, 2, on_result, UD));
        if (!json) break;
        printf("  page %d: ", page);
        print_convs(json);
        int finished = json_true(json, TIMConversationListResultIsFinished);
        next_seq = json_u64(json, TIMConversationListResultNextSeq);
        printf("%s\n", finished ? "  (finished)" : "");
        free(json);
        if (finished) break;
    }

    free(CALL("TIMConvDeleteConversationsFromGroup(Team: bob)",
              TIMConvDeleteConversationsFromGroup("Team", "[\"c2c_bob\"]", on_result, UD)));
    free(CALL("TIMConvGetTotalUnreadMessageCount", TIMConvGetTotalUnreadMessageCount(on_result, UD)));
    free(CALL("TIMConvDeleteConversationGroup(Team)", TIMConvDeleteConversationGroup("Team", on_result, UD)));
    free(CALL("TIMConvGetConversationGroupList", TIMConvGetConversationGroupList(on_result, UD)));
    free(CALL("TIMLogout", TIMLogout(on_result, UD)));

    rc = TIMUninit();
    printf("\nTIMUninit -> %d (every callback delivered; the callback thread is joined)\n", rc);
    return rc == TIM_SUCC ? 0 : 1;
}
