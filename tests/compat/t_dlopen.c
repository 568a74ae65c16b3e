/*
 * t_dlopen.c — loads the library with dlopen, as a host that replaces Tencent's native plugin
 * does, and resolves every entry point of capi/compat/tencent_entry_points.tsv (every entry point
 * Tencent's Unity package imports) plus TIMConvCreate. Then checks the not-supported surface and
 * the default data folder of TIMInit(NULL / "" / "{}"): XDG_DATA_HOME is pointed at a temporary
 * folder before the library loads (the Go runtime reads the environment once, at load).
 * Usage: t_dlopen LIBRARY TSV
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "timconvgroup.h"

static int fails, checks;
#define CHECK(c, ...)                                                        \
    do {                                                                     \
        checks++;                                                            \
        if (!(c)) {                                                          \
            fails++;                                                         \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

static void* lib;
#define SYM(T, name) ((T)dlsym(lib, name))

typedef int (*init_fn)(uint64_t, const char*);
typedef int (*uninit_fn)(void);
typedef int (*login_fn)(const char*, const char*, TIMCommCallback, const void*);
typedef int (*comm0_fn)(TIMCommCallback, const void*);
typedef int (*exp_fn)(const char*, TIMCommCallback, const void*);
typedef int (*send_fn)(const char*, enum TIMConvType, const char*, char*, TIMCommCallback, const void*);
typedef int (*friend_fn)(const char*, TIMCommCallback, const void*);
typedef void (*setnet_fn)(TIMNetworkStatusListenerCallback, const void*);
typedef void (*addmsg_fn)(TIMRecvNewMsgCallback, const void*);
typedef void (*rmmsg_fn)(TIMRecvNewMsgCallback);
typedef void (*topic_fn)(TIMGroupTopicCreatedCallback, const void*);
typedef uint64_t (*time_fn)(void);
typedef int (*readlist_fn)(const char*, enum TIMGroupMessageReadMembersFilter, uint64_t, uint32_t,
                           TIMMsgGroupMessageReadMemberListCallback, const void*);

/* results by token */
#define MAXR 64
static struct {
    atomic_int done;
    int code;
    char desc[256];
    pthread_t thread;
    int seq;
} res[MAXR];
static atomic_int order;
static atomic_int listener_fired;

static void on_result(int32_t code, const char* desc, const char* json, const void* ud) {
    (void)json;
    int i = (int)(uintptr_t)ud;
    res[i].code = code;
    snprintf(res[i].desc, sizeof res[i].desc, "%s", desc);
    res[i].thread = pthread_self();
    res[i].seq = atomic_fetch_add(&order, 1);
    atomic_store(&res[i].done, 1);
}

static atomic_int list_done;
static char list_json[64];
static void on_list(const char* json, uint64_t next_seq, bool finished, const void* ud) {
    (void)ud;
    snprintf(list_json, sizeof list_json, "%s/%llu/%d", json, (unsigned long long)next_seq, (int)finished);
    atomic_store(&list_done, 1);
}

static void on_net(enum TIMNetworkStatus s, int32_t code, const char* desc, const void* ud) {
    (void)s, (void)code, (void)desc, (void)ud;
    atomic_fetch_add(&listener_fired, 1);
}
static void on_msg(const char* json, const void* ud) {
    (void)json, (void)ud;
    atomic_fetch_add(&listener_fired, 1);
}
static void on_topic(const char* g, const char* t, const void* ud) {
    (void)g, (void)t, (void)ud;
    atomic_fetch_add(&listener_fired, 1);
}

static int wait_flag(atomic_int* f) {
    for (int i = 0; i < 20000; i++) { /* up to 20 s */
        if (atomic_load(f)) return 1;
        usleep(1000);
    }
    return 0;
}
#define WAIT(i) wait_flag(&res[i].done)
#define UD(i) ((const void*)(uintptr_t)(i))

static int resolve_all(const char* tsv) {
    FILE* f = fopen(tsv, "r");
    if (!f) {
        perror(tsv);
        return 0;
    }
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        char* tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        n++;
        CHECK(dlsym(lib, line) != NULL, "entry point %s does not resolve", line);
    }
    fclose(f);
    return n;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s LIBRARY TSV\n", argv[0]);
        return 2;
    }
    /* The Go runtime reads the environment the process started with (not setenv's), so run
     * again with XDG_DATA_HOME pointing at a fresh temporary folder. */
    const char* xdg = getenv("TCG_COMPAT_XDG");
    if (!xdg) {
        static char tmpl[] = "/tmp/tcg-compat-XXXXXX";
        if (!mkdtemp(tmpl)) return 2;
        setenv("TCG_COMPAT_XDG", tmpl, 1);
        setenv("XDG_DATA_HOME", tmpl, 1);
        execv("/proc/self/exe", argv);
        perror("execv");
        return 2;
    }
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    int n = resolve_all(argv[2]);
    CHECK(n >= 240, "only %d entry points in %s", n, argv[2]);
    CHECK(dlsym(lib, "TIMConvCreate") != NULL, "TIMConvCreate does not resolve");
    CHECK(dlsym(lib, "tcgCompatCall") == NULL, "internal Go export is visible");
    printf("resolved %d entry points of Tencent's Unity package\n", n);

    init_fn init = SYM(init_fn, "TIMInit");
    uninit_fn uninit = SYM(uninit_fn, "TIMUninit");
    login_fn login = SYM(login_fn, "TIMLogin");
    comm0_fn logout = SYM(comm0_fn, "TIMLogout");
    exp_fn experimental = SYM(exp_fn, "callExperimentalAPI");
    send_fn send = SYM(send_fn, "TIMMsgSendMessage");
    friend_fn add_friend = SYM(friend_fn, "TIMFriendshipAddFriend");
    setnet_fn set_net = SYM(setnet_fn, "TIMSetNetworkStatusListenerCallback");
    addmsg_fn add_msg = SYM(addmsg_fn, "TIMAddRecvNewMsgCallback");
    rmmsg_fn rm_msg = SYM(rmmsg_fn, "TIMRemoveRecvNewMsgCallback");
    topic_fn set_topic = SYM(topic_fn, "TIMSetGroupTopicCreatedCallback");
    time_fn server_time = SYM(time_fn, "TIMGetServerTime");
    readlist_fn read_list = SYM(readlist_fn, "TIMMsgGetGroupMessageReadMemberList");
    comm0_fn conv_list = SYM(comm0_fn, "TIMConvGetConvList");
    if (!init || !uninit || !login || !logout || !experimental || !send || !add_friend || !set_net || !add_msg ||
        !rm_msg || !set_topic || !server_time || !read_list || !conv_list) {
        fprintf(stderr, "missing symbols\n");
        return 1;
    }

    /* before TIMInit: listeners accepted; calls -1; experimental start-up request held */
    set_net(on_net, UD(0));
    add_msg(on_msg, UD(0));
    set_topic(on_topic, UD(0));
    CHECK(send("a", kTIMConv_C2C, "{}", NULL, on_result, UD(1)) == TIM_ERR_SDKUNINIT, "call before init");
    CHECK(experimental("{\"request_internal_operation\":\"internal_operation_set_ui_platform\",\"request_set_ui_platform_param\":5}",
                       on_result, UD(2)) == TIM_SUCC, "set_ui_platform before init");
    CHECK(experimental("{\"request_internal_operation\":\"internal_operation_write_log\",\"request_write_log_log_content_param\":\"x\"}",
                       NULL, UD(0)) == TIM_SUCC, "write_log before init");
    CHECK(experimental("{\"request_internal_operation\":\"internal_operation_set_env\"}", on_result, UD(1)) == TIM_ERR_SDKUNINIT,
          "unsupported experimental before init");
    CHECK(experimental(NULL, on_result, UD(1)) == TIM_ERR_PARAM, "experimental NULL");
    CHECK(experimental("nope", on_result, UD(1)) == TIM_ERR_JSON, "experimental not JSON");
    CHECK(experimental("{}", on_result, UD(1)) == TIM_ERR_JSON, "experimental without operation");
    CHECK(server_time() > 1600000000ULL, "server time %llu", (unsigned long long)server_time());
    usleep(20000);
    CHECK(!atomic_load(&res[2].done), "held callback ran before TIMInit");

    /* TIMInit(NULL): the default folder under XDG_DATA_HOME; the held callback comes first */
    char dir[512];
    struct stat st;
    snprintf(dir, sizeof dir, "%s/timconvgroup", xdg);
    CHECK(init(7, NULL) == TIM_SUCC, "TIMInit(NULL)");
    CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "default folder %s not created", dir);
    CHECK(WAIT(2) && res[2].code == 0, "held set_ui_platform callback: %d", res[2].code);
    CHECK(!pthread_equal(res[2].thread, pthread_self()), "callback on the caller's thread");

    /* not logged in: not-supported calls are still answered, in call order */
    char msgid[128] = "garbage";
    CHECK(send("a", kTIMConv_C2C, "{}", msgid, on_result, UD(3)) == TIM_SUCC, "send");
    CHECK(msgid[0] == 0, "message id buffer not cleared");
    CHECK(WAIT(3) && res[3].code == ERR_SDK_INTERFACE_NOT_SUPPORT && strstr(res[3].desc, "TIMMsgSendMessage: not supported"),
          "send answer %d %s", res[3].code, res[3].desc);
    CHECK(!pthread_equal(res[3].thread, pthread_self()), "not-supported answer on the caller's thread");
    CHECK(login("alice", "sig", on_result, UD(4)) == TIM_SUCC, "login");
    CHECK(add_friend("{}", on_result, UD(5)) == TIM_SUCC, "friend");
    CHECK(conv_list(on_result, UD(6)) == TIM_SUCC, "list");
    CHECK(add_friend(NULL, on_result, UD(7)) == TIM_SUCC, "friend NULL argument");
    CHECK(experimental("{\"request_internal_operation\":\"internal_operation_set_env\"}", on_result, UD(8)) == TIM_SUCC,
          "unsupported experimental");
    CHECK(add_friend("{}", NULL, NULL) == TIM_SUCC, "NULL callback");
    CHECK(read_list("{}", TIM_GROUP_MESSAGE_READ_MEMBERS_FILTER_READ, 0, 10, on_list, NULL) == TIM_SUCC, "read member list");
    CHECK(WAIT(4) && WAIT(5) && WAIT(6) && WAIT(7) && WAIT(8), "answers missing");
    CHECK(res[4].code == 0 && res[6].code == 0, "login %d list %d", res[4].code, res[6].code);
    CHECK(res[5].code == 7013 && res[7].code == 7013 && res[8].code == 7013, "codes %d %d %d", res[5].code, res[7].code,
          res[8].code);
    CHECK(res[4].seq < res[5].seq && res[5].seq < res[6].seq && res[6].seq < res[7].seq && res[7].seq < res[8].seq,
          "answers out of call order");
    CHECK(wait_flag(&list_done) && strcmp(list_json, "[]/0/1") == 0, "read member list answer %s", list_json);
    CHECK(logout(on_result, UD(9)) == TIM_SUCC && WAIT(9), "logout");
    rm_msg(on_msg);
    CHECK(uninit() == TIM_SUCC, "uninit");
    CHECK(atomic_load(&listener_fired) == 0, "a not-supported listener fired");
    CHECK(send("a", kTIMConv_C2C, "{}", NULL, on_result, UD(10)) == TIM_ERR_SDKUNINIT, "call after uninit");

    /* "" and "{}" take the defaults too */
    CHECK(init(7, "") == TIM_SUCC && uninit() == TIM_SUCC, "TIMInit(\"\")");
    CHECK(init(7, "{}") == TIM_SUCC && uninit() == TIM_SUCC, "TIMInit({})");
    CHECK(init(7, "{\"sdk_config_config_file_path\":null}") == TIM_SUCC && uninit() == TIM_SUCC, "null data dir");
    CHECK(init(7, "nope") == TIM_ERR_JSON, "bad JSON");
    CHECK(init(7, "{\"sdk_config_config_file_path\":\"/proc/no/such\"}") == TIM_ERR_PARAM, "folder that cannot be created");

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", xdg);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", xdg);
    printf("t_dlopen: %d checks, %d failed\n", checks, fails);
    return fails ? 1 : 0;
}
