/* t_lifecycle.c — init/uninit, login/logout, persistence, isolation (header: calling model, lifecycle, storage). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if !defined(_WIN32)
#include <ftw.h>
#endif

#include "harness.h"

/* Every function that takes a callback, called with NULL everywhere and REJECT_UD. */
static void call_everything_expect(int want, int with_null) {
    const char* s = with_null ? NULL : "x";
    const char* arr = with_null ? NULL : "[\"c2c_a\"]";
    TIMCommCallback cb = cb_result;
    const void* u = REJECT_UD;
    CHECK_INT(TIMConvUpsertConversations(with_null ? NULL : "[]", cb, u), want);
    CHECK_INT(TIMConvGetConvList(cb, u), want);
    CHECK_INT(TIMConvGetConvInfo(with_null ? NULL : "[]", cb, u), want);
    CHECK_INT(TIMConvDelete(s, kTIMConv_C2C, cb, u), want);
    CHECK_INT(TIMConvDeleteConversationList(arr, false, cb, u), want);
    CHECK_INT(TIMConvSetDraft(s, kTIMConv_C2C, with_null ? NULL : "{}"), want);
    CHECK_INT(TIMConvCancelDraft(s, kTIMConv_C2C), want);
    CHECK_INT(TIMConvSetConversationCustomData(arr, s, cb, u), want);
    CHECK_INT(TIMConvPinConversation(s, kTIMConv_C2C, true, cb, u), want);
    CHECK_INT(TIMConvMarkConversation(arr, kTIMConversationMarkTypeStar, true, cb, u), want);
    CHECK_INT(TIMConvGetTotalUnreadMessageCount(cb, u), want);
    CHECK_INT(TIMConvGetUnreadMessageCountByFilter(with_null ? NULL : "{}", cb, u), want);
    CHECK_INT(TIMConvSubscribeUnreadMessageCountByFilter(with_null ? NULL : "{}"), want);
    CHECK_INT(TIMConvUnsubscribeUnreadMessageCountByFilter(with_null ? NULL : "{}"), want);
    CHECK_INT(TIMConvCleanConversationUnreadMessageCount(s, 0, 0, cb, u), want);
    CHECK_INT(TIMConvGetConversationListByFilter(with_null ? NULL : "{}", 0, 10, cb, u), want);
    CHECK_INT(TIMConvCreateConversationGroup(s, arr, cb, u), want);
    CHECK_INT(TIMConvGetConversationGroupList(cb, u), want);
    CHECK_INT(TIMConvDeleteConversationGroup(s, cb, u), want);
    CHECK_INT(TIMConvRenameConversationGroup(s, s, cb, u), want);
    CHECK_INT(TIMConvAddConversationsToGroup(s, arr, cb, u), want);
    CHECK_INT(TIMConvDeleteConversationsFromGroup(s, arr, cb, u), want);
}

void t_uninitialised(void) {
    const char* v = TIMGetSDKVersion();
    CHECK(v != NULL);
    CHECK_STR(v, "1.0.0");
    CHECK_STR(v, TIMCONVGROUP_VERSION);
    CHECK(TIMGetSDKVersion() == v); /* static */
    set_all_listeners();            /* setters work before TIMInit */
    TIMSetLogCallback(cb_log, (const void*)LISTENER_UD);
    CHECK_INT(TIMUninit(), TIM_SUCC); /* also when not initialised */
    CHECK_INT(TIMLogin("u", "s", cb_result, REJECT_UD), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMLogin(NULL, NULL, cb_result, REJECT_UD), TIM_ERR_SDKUNINIT); /* -1 before -4 */
    CHECK_INT(TIMLogout(cb_result, REJECT_UD), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    char buf[129];
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_ERR_SDKUNINIT);
    CHECK_STR(buf, "");
    CHECK_INT(TIMGetLoginUserID(NULL), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMDispatchCallbacks(10), TIM_ERR_SDKUNINIT);
    call_everything_expect(TIM_ERR_SDKUNINIT, 0);
    call_everything_expect(TIM_ERR_SDKUNINIT, 1);
    /* Nothing of that ever calls back: start for real and put a barrier behind it. */
    setup("library", "alice");
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
    /* and after TIMUninit everything is -1 again */
    call_everything_expect(TIM_ERR_SDKUNINIT, 0);
    CHECK_INT(TIMLogin("u", "s", cb_result, REJECT_UD), TIM_ERR_SDKUNINIT);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
    check_no_rejected_callbacks();
}

void t_not_logged_in(void) {
    setup("library", NULL);
    call_everything_expect(TIM_ERR_NOTLOGIN, 0);
    call_everything_expect(TIM_ERR_NOTLOGIN, 1); /* -2 before -4 */
    char buf[129];
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_ERR_NOTLOGIN);
    CHECK_STR(buf, "");
    CHECK_INT(TIMGetLoginUserID(NULL), TIM_ERR_NOTLOGIN);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    /* login and logout do not need a login */
    logout_ok();
    barrier();
    check_no_rejected_callbacks();
    /* an accepted TIMLogin counts as logged in for the calls accepted after it */
    uintptr_t t1 = tok(), t2 = tok();
    CHECK_INT(TIMLogin("alice", "sig", cb_result, TOK(t1)), TIM_SUCC);
    CHECK_INT(TIMConvGetConvList(cb_result, TOK(t2)), TIM_SUCC);
    CHECK_INT(wait_result(t1)->code, 0);
    CHECK_INT(wait_result(t2)->code, 0);
    CHECK(rec_find_result(t1) < rec_find_result(t2));
    /* and an accepted TIMLogout as logged out */
    uintptr_t t3 = tok();
    CHECK_INT(TIMLogout(cb_result, TOK(t3)), TIM_SUCC);
    CHECK_INT(TIMConvGetConvList(cb_result, REJECT_UD), TIM_ERR_NOTLOGIN);
    CHECK_INT(wait_result(t3)->code, 0);
    barrier();
    check_no_rejected_callbacks();
    uninit_ok();
}

void t_init_config(void) {
    char cfg[2048], dir[600];
    /* NULL, "", "{}" and a config without a data directory take the default folder: checked by
     * tests/compat/t_dlopen.c, which points XDG_DATA_HOME at a temporary folder before loading the
     * library (the Go runtime reads the environment once, when the library loads). */
    CHECK_INT(TIMInit(1, "nope"), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, "{"), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, "[]"), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, "42"), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, "\"x\""), TIM_ERR_JSON);
    CHECK_INT(TIMInit(1, "{\"sdk_config_config_file_path\":5}"), TIM_ERR_JSON);
    snprintf(dir, sizeof dir, "%s/data", h_dir);
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":\"bogus\"}", dir);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_JSON);
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":1}", dir);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_JSON);
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_durability\":\"bogus\"}", dir);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_JSON);
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_log_file_path\":7}", dir);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_JSON);
    /* a data directory that cannot be created */
    char file[600];
    snprintf(file, sizeof file, "%s/afile", h_dir);
    FILE* f = fopen(file, "w");
    if (f) fclose(f);
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s/sub\"}", file);
    CHECK_INT(TIMInit(1, cfg), TIM_ERR_PARAM);
    CHECK_INT(TIMConvGetConvList(cb_result, REJECT_UD), TIM_ERR_SDKUNINIT); /* failed init: still off */
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    CHECK(plat_exists(dir) == 0); /* none of the failures created the data dir */

    /* a good one; unknown keys are ignored; log folder */
    char logdir[600];
    snprintf(logdir, sizeof logdir, "%s/logs", h_dir);
    plat_mkdir(logdir);
    snprintf(cfg, sizeof cfg,
             "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_log_file_path\":\"%s\",\"unknown\":[1,{}],"
             "\"sdk_config_dispatch_mode\":\"library\",\"sdk_config_durability\":\"normal\"}",
             dir, logdir);
    CHECK_INT(TIMInit(1, cfg), TIM_SUCC);
    CHECK(plat_exists(dir) == 2);
#if defined(_WIN32)
    NOT_RUN("data dir mode 0700 (POSIX modes; on Windows the profile folder's ACL keeps it private)");
#else
    struct stat st;
    CHECK(stat(dir, &st) == 0);
    CHECKF((st.st_mode & 0777) == 0700, "data dir mode %o", st.st_mode & 0777);
#endif
    /* a second TIMInit changes nothing, whatever its config */
    CHECK_INT(TIMInit(2, cfg), TIM_SUCC);
    CHECK_INT(TIMInit(1, "nope"), TIM_SUCC);
    CHECK_INT(TIMInit(1, "{\"sdk_config_config_file_path\":\"/nonexistent/x\",\"sdk_config_dispatch_mode\":\"host\"}"), TIM_SUCC);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_PARAM); /* still library mode */
    set_all_listeners();
    login_ok("alice");
    uninit_ok();
    char logfile[700];
    snprintf(logfile, sizeof logfile, "%s/timconvgroup.log", logdir);
    CHECKF(plat_exists(logfile) == 1, "log file %s exists", logfile);
    CHECK_INT(TIMUninit(), TIM_SUCC); /* twice is fine */

    /* start afresh, host mode and full durability */
    snprintf(cfg, sizeof cfg,
             "{\"sdk_config_config_file_path\":\"%s\",\"sdk_config_dispatch_mode\":\"host\",\"sdk_config_durability\":\"full\"}",
             dir);
    CHECK_INT(TIMInit(1, cfg), TIM_SUCC);
    h_pump = 1;
    CHECK_INT(TIMDispatchCallbacks(0), 0);
    login_ok("alice");
    uninit_ok();
    /* several init/uninit cycles */
    for (int i = 0; i < 5; i++) {
        CHECK_INT(init_mode(i % 2 ? "host" : "library", NULL), TIM_SUCC);
        login_ok("alice");
        uninit_ok();
    }
}

void t_login_logout(void) {
    setup("library", NULL);
    CHECK_INT(TIMLogin(NULL, "sig", cb_result, REJECT_UD), TIM_ERR_PARAM);
    CHECK_INT(TIMLogin("alice", NULL, cb_result, REJECT_UD), TIM_ERR_PARAM);
    CHECK_INT(TIMLogin(NULL, NULL, NULL, NULL), TIM_ERR_PARAM);

    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMLogin("", "sig", cb_result, TOK(t)), t)->code, ERR_INVALID_PARAMETERS);
    t = tok();
    CHECK_INT(ACCEPT(TIMLogin("alice", "", cb_result, TOK(t)), t)->code, ERR_INVALID_PARAMETERS);
    char* longid = big_string(129, 'u');
    t = tok();
    CHECK_INT(ACCEPT(TIMLogin(longid, "sig", cb_result, TOK(t)), t)->code, ERR_INVALID_PARAMETERS);
    free(longid);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);

    rec_reset();
    t = tok();
    ev* e = ACCEPT(TIMLogin("alice", "sig", cb_result, TOK(t)), t);
    CHECK_INT(e->code, 0);
    CHECK_STR(e->s1, "");
    /* kTIMConvEvent_Start then kTIMConvEvent_Finish (json ""), then the login callback */
    int start = -1, finish = -1;
    for (int i = 0; i < rec_count(); i++) {
        ev* x = rec_get(i);
        if (x->kind == EV_CONV && x->code == kTIMConvEvent_Start && start < 0) start = i;
        if (x->kind == EV_CONV && x->code == kTIMConvEvent_Finish && finish < 0) finish = i;
    }
    CHECK(start >= 0 && finish > start && e->seq > finish);
    CHECK_STR(rec_get(start)->s1, "");
    CHECK_STR(rec_get(finish)->s1, "");
    CHECK(rec_get(start)->ud == LISTENER_UD);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_Logined);
    char buf[129];
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_SUCC);
    CHECK_STR(buf, "alice");
    CHECK_INT(TIMGetLoginUserID(NULL), TIM_ERR_PARAM);

    t = tok();
    CHECK_INT(ACCEPT(TIMLogin("alice", "other-sig", cb_result, TOK(t)), t)->code, 0); /* same user */
    t = tok();
    CHECK_INT(ACCEPT(TIMLogin("bob", "sig", cb_result, TOK(t)), t)->code, ERR_INVALID_PARAMETERS);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_SUCC);
    CHECK_STR(buf, "alice");

    logout_ok();
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_ERR_NOTLOGIN);
    CHECK_STR(buf, "");
    logout_ok(); /* also when not logged in */

    /* NULL callbacks are fine; TIMGetLoginStatus sees every accepted call */
    CHECK_INT(TIMLogin("bob", "sig", NULL, NULL), TIM_SUCC);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_Logined);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_SUCC);
    CHECK_STR(buf, "bob");
    CHECK_INT(TIMLogout(NULL, NULL), TIM_SUCC);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);

    /* TIMGetLoginUserID writes at most 128 bytes, NUL included: a 127-byte ID comes back
     * whole; a 128-byte ID (a valid login) does not fit and is refused, nothing past byte 128
     * is touched */
    char* id127 = big_string(127, 'y');
    login_ok(id127);
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_SUCC);
    CHECK_STR(buf, id127);
    free(id127);
    logout_ok();
    char* id128 = big_string(128, 'z');
    login_ok(id128);
    memset(buf, 'x', sizeof buf);
    CHECK_INT(TIMGetLoginUserID(buf), TIM_ERR_PARAM);
    CHECK_STR(buf, "");
    CHECK_INT(buf[128], 'x');
    free(id128);
    logout_ok();
    /* non-ASCII UTF-8 */
    login_ok("用户-ü");
    CHECK_INT(TIMGetLoginUserID(buf), TIM_SUCC);
    CHECK_STR(buf, "用户-ü");
    logout_ok();
    uninit_ok();
}

static int g_outside_bad, g_perm_bad;
static char g_root[600];
#if !defined(_WIN32)
static int walk_perm(const char* p, const struct stat* st, int flag, struct FTW* f) {
    (void)f;
    if (strncmp(p, g_root, strlen(g_root)) != 0) g_outside_bad++;
    if (flag == FTW_F && (st->st_mode & 077) != 0) {
        printf("    note: %s has mode %o\n", p, st->st_mode & 0777);
        g_perm_bad++;
    }
    if (flag == FTW_D && strcmp(p, g_root) != 0 && (st->st_mode & 0777) != 0700) {
        printf("    note: dir %s has mode %o\n", p, st->st_mode & 0777);
        g_perm_bad++;
    }
    return 0;
}

#endif

static int count_entries(const char* dir) { return plat_count_entries(dir); }

void t_data_layout(void) {
    plat_umask(022);
    setup("library", NULL);
    const char* users[] = {"../x", "a/b", "..", ".", "/", "x\\y", "%2e%2e", "A", "a", "con", "-rf", " ", "..%2f"};
    int n = (int)(sizeof users / sizeof users[0]);
    for (int i = 0; i < n; i++) {
        login_ok(users[i]);
        char conv[300];
        snprintf(conv, sizeof conv, "[{\"conv_id\":\"u%d\",\"conv_type\":1}]", i);
        upsert_ok(conv);
        logout_ok();
    }
    /* each user sees only its own conversation */
    for (int i = 0; i < n; i++) {
        login_ok(users[i]);
        uintptr_t t = tok();
        ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
        char id[16];
        snprintf(id, sizeof id, "u%d", i);
        CHECKF(jarr_len(e->s2) == 1 && has_conv(e->s2, id), "user %s sees only %s: %.200s", users[i], id, e->s2);
        logout_ok();
    }
    /* invalid UTF-8 user ID: rejected (6017) or contained */
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogin("\xff\xfe/..", "sig", cb_result, TOK(t)), t);
    CHECKF(e->code == 0 || e->code == ERR_INVALID_PARAMETERS, "binary user id: code %d", e->code);
    if (e->code == 0) logout_ok();
    uninit_ok();
    /* nothing outside <data>/<app id>/, files 0600, folders 0700 */
    snprintf(g_root, sizeof g_root, "%s/data", h_dir);
    CHECKF(count_entries(h_dir) == 1, "only data/ in the test dir (%d entries)", count_entries(h_dir));
    CHECKF(count_entries(g_root) == 1, "only <app id>/ in the data dir (%d entries)", count_entries(g_root));
    char app[700];
    snprintf(app, sizeof app, "%s/1400000001", g_root);
    CHECK(plat_exists(app) == 2);
    int users_dirs = count_entries(app);
    CHECKF(users_dirs >= n, "one folder per user (%d for %d users)", users_dirs, n);
    g_outside_bad = g_perm_bad = 0;
#if defined(_WIN32)
    NOT_RUN("files 0600, folders 0700 (POSIX modes; on Windows the profile folder's ACL keeps them private)");
#else
    nftw(g_root, walk_perm, 16, FTW_PHYS);
    CHECK_INT(g_outside_bad, 0);
    CHECK_INT(g_perm_bad, 0);
#endif
}

void t_persistence(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"p1\",\"conv_type\":1,\"conv_active_time\":100,\"conv_show_name\":\"P one\",\"conv_unread_num\":3},"
              "{\"conv_id\":\"p2\",\"conv_type\":1,\"conv_active_time\":200},"
              "{\"conv_id\":\"grp\",\"conv_type\":2,\"conv_active_time\":300,\"conv_last_msg\":{\"k\":[1,2,{\"z\":true}]}}]");
    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMConvCreateConversationGroup("keep", "[\"c2c_p1\",\"group_grp\"]", cb_result, TOK(t)), t)->code, 0);
    t = tok();
    CHECK_INT(ACCEPT(TIMConvPinConversation("p1", kTIMConv_C2C, true, cb_result, TOK(t)), t)->code, 0);
    t = tok();
    CHECK_INT(ACCEPT(TIMConvMarkConversation("[\"c2c_p2\"]", kTIMConversationMarkTypeStar, true, cb_result, TOK(t)), t)->code, 0);
    t = tok();
    CHECK_INT(ACCEPT(TIMConvSetConversationCustomData("[\"c2c_p2\"]", "cd-value", cb_result, TOK(t)), t)->code, 0);
    CHECK_INT(TIMConvSetDraft("p2", kTIMConv_C2C, "{\"draft_user_define\":\"ud\",\"draft_edit_time\":5}"), TIM_SUCC);
    uninit_ok();

    for (int round = 0; round < 2; round++) {
        rec_reset();
        setup(round ? "host" : "library", "alice");
        t = tok();
        ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
        char* ids[8];
        int n = conv_ids(e->s2, ids, 8);
        CHECKF(n == 3 && !strcmp(ids[0], "p1") && !strcmp(ids[1], "grp") && !strcmp(ids[2], "p2"),
               "list after restart (pinned first, then by time): %.400s", e->s2);
        jfree(ids, n);
        CHECK(strstr(e->s2, "P one") != NULL);
        CHECK(strstr(e->s2, "cd-value") != NULL);
        CHECK(strstr(e->s2, "\"ud\"") != NULL);
        CHECK(strstr(e->s2, "\"keep\"") != NULL);
        CHECK(strstr(e->s2, "\"z\":true") != NULL || strstr(e->s2, "\"z\": true") != NULL);
        t = tok();
        e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
        char* g[4];
        n = jarr_strs(e->s2, g, 4);
        CHECKF(n == 1 && !strcmp(g[0], "keep"), "groups after restart: %s", e->s2);
        jfree(g, n);
        uninit_ok();
    }
}

/* Child helpers (run as separate processes through --child). */
int child_main(int argc, char** argv) {
    if (argc < 1) return 2;
    if (!strcmp(argv[0], "write") && argc >= 3) {
        /* write DIR USER: init, login, write, and exit WITHOUT TIMUninit */
        snprintf(h_dir, sizeof h_dir, "%s", argv[1]);
        setup("library", argv[2]);
        upsert_ok("[{\"conv_id\":\"child1\",\"conv_type\":1,\"conv_active_time\":7}]");
        uintptr_t t = tok();
        ev* e = ACCEPT(TIMConvCreateConversationGroup("from-child", "[\"c2c_child1\"]", cb_result, TOK(t)), t);
        CHECK_INT(e->code, 0);
        /* one more accepted call whose callback we do not wait for */
        TIMConvGetConvList(cb_result, TOK(tok()));
        return h_failed ? 1 : 0;
    }
    if (!strcmp(argv[0], "hold") && argc >= 3) {
        /* hold DIR USER: login, print "ready", wait for stdin EOF, exit */
        snprintf(h_dir, sizeof h_dir, "%s", argv[1]);
        setup("library", argv[2]);
        printf("%s\n", h_failed ? "failed" : "ready");
        fflush(stdout);
        char b[16];
        while (read(0, b, sizeof b) > 0) {
        }
        return 0;
    }
    if (!strcmp(argv[0], "noexit-callbacks") && argc >= 2) {
        /* host mode: many callbacks queued and never dispatched, then return from main */
        snprintf(h_dir, sizeof h_dir, "%s", argv[1]);
        CHECK_INT(init_mode("host", NULL), 0);
        set_all_listeners();
        TIMLogin("u", "s", cb_result, TOK(tok()));
        for (int i = 0; i < 200; i++) TIMConvGetConvList(cb_result, TOK(tok()));
        return 0;
    }
    return 2;
}

void t_persistence_child(void) {
    char* args[] = {"--child", "write", h_dir, "carol", NULL};
    int st = run_self(args);
    CHECKF(st == 0, "child wrote and exited normally without TIMUninit (status %d)", st);
    setup("library", "carol");
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECKF(has_conv(e->s2, "child1"), "conversation written by the child: %.300s", e->s2);
    t = tok();
    e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECKF(strstr(e->s2, "from-child") != NULL, "group written by the child: %s", e->s2);
    uninit_ok();
    /* a host-mode process that exits with undelivered callbacks exits normally too */
    char* args2[] = {"--child", "noexit-callbacks", h_dir, NULL};
    CHECK_INT(run_self(args2), 0);
}

static plat_proc* start_holder(int* in, int* out) {
    char* args[] = {"--child", "hold", h_dir, "dave", NULL};
    plat_proc* pid = spawn_self(args, in, out);
    CHECK(pid != NULL);
    char line[64] = {0};
    ssize_t n = read(*out, line, sizeof line - 1);
    CHECKF(n > 0 && strncmp(line, "ready", 5) == 0, "holder logged in (%s)", line);
    return pid;
}

void t_cache_lock(void) {
    int in, out, code;
    long crash;
    plat_proc* pid = start_holder(&in, &out);
    setup("library", NULL);
    uintptr_t t = tok();
    ev* e = ACCEPT(TIMLogin("dave", "sig", cb_result, TOK(t)), t);
    CHECKF(e->code == ERR_IO_OPERATION_FAILED, "cache held by another process: code %d (%s)", e->code, e->s1);
    CHECK_INT(TIMGetLoginStatus(), kTIMLoginStatus_UnLogined);
    login_ok("erin"); /* another user is not affected */
    logout_ok();
    close(in); /* holder exits normally */
    if (pid) plat_wait(pid, -1, &code, &crash, NULL, 0);
    close(out);
    login_ok("dave");
    logout_ok();
    /* a holder that dies (kill -9) leaves no lock behind */
    pid = start_holder(&in, &out);
    if (pid) {
        plat_kill(pid);
        plat_wait(pid, -1, &code, &crash, NULL, 0);
    }
    close(in);
    close(out);
    login_ok("dave");
    upsert_ok("[{\"conv_id\":\"after-kill\",\"conv_type\":1}]");
    uninit_ok();
}

void t_two_users(void) {
    setup("library", "alice");
    upsert_ok("[{\"conv_id\":\"a1\",\"conv_type\":1}]");
    uintptr_t t = tok();
    CHECK_INT(ACCEPT(TIMConvCreateConversationGroup("ga", "[\"c2c_a1\"]", cb_result, TOK(t)), t)->code, 0);
    logout_ok();
    login_ok("bob");
    t = tok();
    ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECKF(jarr_len(e->s2) == 0, "bob sees no conversation: %s", e->s2);
    t = tok();
    e = ACCEPT(TIMConvGetConversationGroupList(cb_result, TOK(t)), t);
    CHECKF(jarr_len(e->s2) == 0, "bob sees no group: %s", e->s2);
    upsert_ok("[{\"conv_id\":\"b1\",\"conv_type\":1}]");
    t = tok();
    CHECK_INT(ACCEPT(TIMConvCreateConversationGroup("ga", "[\"c2c_b1\"]", cb_result, TOK(t)), t)->code, 0); /* same name, other user */
    logout_ok();
    login_ok("alice");
    t = tok();
    e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
    CHECKF(jarr_len(e->s2) == 1 && has_conv(e->s2, "a1"), "alice sees only a1: %s", e->s2);
    t = tok();
    e = ACCEPT(TIMConvGetConversationListByFilter("{\"conversation_list_filter_conversation_group\":\"ga\"}", 0, 10, cb_result, TOK(t)), t);
    CHECKF(has_conv(e->s2, "a1") && !has_conv(e->s2, "b1"), "alice's group ga: %.300s", e->s2);
    uninit_ok();
}

void t_uninit_delivers(void) {
    /* library mode: every accepted call's callback arrives before TIMUninit returns */
    setup("library", "alice");
    upsert_range("d", 0, 20, 1000);
    enum { N = 300 };
    static uintptr_t toks[N];
    for (int i = 0; i < N; i++) {
        toks[i] = tok();
        int rc = (i % 3 == 0) ? TIMConvGetConvList(cb_result, TOK(toks[i]))
                 : (i % 3 == 1) ? TIMConvGetConversationListByFilter(NULL, 0, 5, cb_result, TOK(toks[i]))
                                : TIMConvGetTotalUnreadMessageCount(cb_result, TOK(toks[i]));
        CHECK_INT(rc, 0);
    }
    CHECK_INT(TIMUninit(), TIM_SUCC);
    int missing = 0, dup = 0;
    for (int i = 0; i < N; i++) {
        int c = rec_count_results(toks[i]);
        missing += c == 0;
        dup += c > 1;
    }
    CHECK_INT(missing, 0);
    CHECK_INT(dup, 0);
    /* after TIMUninit returns no callback fires; calls are refused */
    int before = rec_count();
    CHECK_INT(TIMConvGetConvList(cb_result, REJECT_UD), TIM_ERR_SDKUNINIT);
    sleep_ms(200);
    CHECK_INT(rec_count(), before);

    /* host mode: undelivered callbacks run on the TIMUninit thread */
    rec_reset();
    setup("host", "alice");
    for (int i = 0; i < N; i++) {
        toks[i] = tok();
        CHECK_INT(TIMConvGetConvList(cb_result, TOK(toks[i])), 0);
    }
    CHECK_INT(TIMUninit(), TIM_SUCC);
    h_pump = 0;
    missing = 0;
    int wrong_thread = 0;
    for (int i = 0; i < N; i++) {
        int k = rec_find_result(toks[i]);
        missing += k < 0;
        if (k >= 0) wrong_thread += !pthread_equal(rec_get(k)->thread, pthread_self());
    }
    CHECK_INT(missing, 0);
    CHECK_INT(wrong_thread, 0);
    before = rec_count();
    sleep_ms(200);
    CHECK_INT(rec_count(), before);
    CHECK_INT(TIMDispatchCallbacks(0), TIM_ERR_SDKUNINIT);
}

void t_listeners_cleared(void) {
    setup("library", "alice");
    TIMSetLogCallback(cb_log, (const void*)LISTENER_UD);
    uninit_ok();
    /* TIMUninit cleared every listener: a fresh start fires none until they are set again */
    rec_reset();
    CHECK_INT(init_mode("library", NULL), TIM_SUCC);
    login_ok("alice");
    upsert_ok("[{\"conv_id\":\"n1\",\"conv_type\":1,\"conv_unread_num\":2}]");
    uintptr_t t = tok();
    ACCEPT(TIMConvCreateConversationGroup("g", "[\"c2c_n1\"]", cb_result, TOK(t)), t);
    barrier();
    CHECK_INT(rec_count(), rec_count_kind(EV_RESULT));
    uninit_ok();
}

/* A data folder and a user ID outside ASCII: the library takes UTF-8 paths on every platform
 * (on Windows they must not go through the ANSI code page). */
void t_utf8_paths(void) {
    char dir[700], cfg[1024];
    snprintf(dir, sizeof dir, "%s/donn\xc3\xa9" "es-\xe6\x95\xb0\xe6\x8d\xae", h_dir); /* données-数据 */
    const char* user = "\xe7\x94\xa8\xe6\x88\xb7"; /* 用户 */
    snprintf(cfg, sizeof cfg, "{\"sdk_config_config_file_path\":\"%s\"}", dir);
    for (int round = 0; round < 2; round++) {
        CHECK_INT(TIMInit(1400000001ULL, cfg), TIM_SUCC);
        set_all_listeners();
        login_ok(user);
        if (round == 0) {
            upsert_ok("[{\"conv_id\":\"\xc3\xa9t\xc3\xa9\",\"conv_type\":1,\"conv_show_name\":\"\xe5\xa4\x8f\"}]");
        } else {
            uintptr_t t = tok();
            ev* e = ACCEPT(TIMConvGetConvList(cb_result, TOK(t)), t);
            CHECKF(has_conv(e->s2, "\xc3\xa9t\xc3\xa9"), "conversation kept in the UTF-8 folder: %.300s", e->s2);
            CHECK(strstr(e->s2, "\xe5\xa4\x8f") != NULL);
        }
        uninit_ok();
    }
    /* the folder was created under its UTF-8 name, not a mangled one */
    CHECKF(plat_exists(dir) == 2, "data folder %s exists", dir);
    CHECKF(count_entries(h_dir) == 1, "only the UTF-8 data folder in the test dir (%d entries)", count_entries(h_dir));
    char app[800];
    snprintf(app, sizeof app, "%s/1400000001", dir);
    CHECKF(count_entries(app) == 1, "one user folder (%d)", count_entries(app));
}
