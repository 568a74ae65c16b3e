/* plat_posix.c — plat.h for Linux and other Unix systems. */
#define _GNU_SOURCE
#include "plat.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

extern char** environ;

struct plat_proc {
    pid_t pid;
    int group;
};

long long plat_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void plat_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

long plat_thread_id(void) {
#if defined(__linux__)
    return (long)syscall(SYS_gettid);
#else
    return (long)(uintptr_t)pthread_self();
#endif
}

int plat_thread_alive(long tid) {
#if defined(__linux__)
    char p[64];
    snprintf(p, sizeof p, "/proc/self/task/%ld", tid);
    return access(p, F_OK) == 0;
#else
    (void)tid;
    return -1;
#endif
}

static char g_self[PATH_MAX];

const char* plat_self_path(void) {
    if (!g_self[0]) {
#if defined(__linux__)
        ssize_t n = readlink("/proc/self/exe", g_self, sizeof g_self - 1);
        if (n > 0) g_self[n] = 0;
#elif defined(__APPLE__)
        uint32_t size = sizeof g_self;
        if (_NSGetExecutablePath(g_self, &size) != 0) g_self[0] = 0;
#endif
    }
    return g_self;
}

int plat_module_path(const void* addr, char* out, size_t n) {
    Dl_info info;
    if (!dladdr((void*)addr, &info) || !info.dli_fname) return -1;
    return plat_realpath(info.dli_fname, out, n) == 0 ? 0 : (snprintf(out, n, "%s", info.dli_fname), 0);
}

int plat_realpath(const char* path, char* out, size_t n) {
    char buf[PATH_MAX];
    if (!realpath(path, buf)) return -1;
    snprintf(out, n, "%s", buf);
    return 0;
}

/* argv = $TCG_RUNNER words + self + args. Returns the count; words live in *store (free it). */
static int build_argv(char** argv, int max, char* const args[], char** store) {
    int n = 0;
    *store = NULL;
    const char* r = getenv("TCG_RUNNER");
    if (r && *r) {
        *store = strdup(r);
        for (char* w = strtok(*store, " \t"); w && n < max - 2; w = strtok(NULL, " \t")) argv[n++] = w;
    }
    argv[n++] = (char*)plat_self_path();
    for (int i = 0; args[i] && n < max - 1; i++) argv[n++] = args[i];
    argv[n] = NULL;
    return n;
}

plat_proc* plat_spawn_self(char* const args[], int* to_child, int* from_child, int new_group) {
    int in[2] = {-1, -1}, out[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (to_child) {
        if (pipe(in)) return NULL;
        fcntl(in[0], F_SETFD, FD_CLOEXEC);
        fcntl(in[1], F_SETFD, FD_CLOEXEC);
        posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    }
    if (from_child) {
        if (pipe(out)) return NULL;
        fcntl(out[0], F_SETFD, FD_CLOEXEC);
        fcntl(out[1], F_SETFD, FD_CLOEXEC);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    }
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    if (new_group) {
        posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&at, 0);
    }
    char* argv[64];
    char* store;
    build_argv(argv, 64, args, &store);
    fflush(stdout);
    pid_t pid;
    int rc = store ? posix_spawnp(&pid, argv[0], &fa, &at, argv, environ)
                   : posix_spawn(&pid, argv[0], &fa, &at, argv, environ);
    free(store);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    if (to_child) {
        close(in[0]);
        *to_child = in[1];
    }
    if (from_child) {
        close(out[1]);
        *from_child = out[0];
    }
    if (rc != 0) return NULL;
    plat_proc* p = calloc(1, sizeof *p);
    p->pid = pid;
    p->group = new_group;
    return p;
}

int plat_wait(plat_proc* p, int timeout_ms, int* code, long* crash, char* text, size_t n) {
    long long deadline = plat_now_ms() + timeout_ms;
    int st = 0;
    for (;;) {
        pid_t w = waitpid(p->pid, &st, timeout_ms < 0 ? 0 : WNOHANG);
        if (w == p->pid) break;
        if (w < 0 && errno != EINTR) {
            st = -1;
            break;
        }
        if (timeout_ms >= 0 && plat_now_ms() >= deadline) return 0;
        if (timeout_ms >= 0) plat_sleep_ms(10);
    }
    *code = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    *crash = st >= 0 && WIFSIGNALED(st) ? WTERMSIG(st) : 0;
    if (text && n) snprintf(text, n, "signal %ld", *crash);
    free(p);
    return 1;
}

void plat_kill(plat_proc* p) {
    if (p->group) kill(-p->pid, SIGKILL);
    kill(p->pid, SIGKILL);
}

int plat_mkdtemp(const char* prefix, char* out, size_t n) {
    const char* t = getenv("TMPDIR");
    snprintf(out, n, "%s/%sXXXXXX", t && *t ? t : "/tmp", prefix);
    return mkdtemp(out) ? 0 : -1;
}

static int rm_one(const char* p, const struct stat* st, int flag, struct FTW* f) {
    (void)st;
    (void)flag;
    (void)f;
    remove(p);
    return 0;
}

void plat_rm_rf(const char* dir) { nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS); }

int plat_mkdir(const char* path) { return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1; }

int plat_exists(const char* path) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    return S_ISDIR(st.st_mode) ? 2 : 1;
}

int plat_count_entries(const char* dir) {
    DIR* d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent* e;
    while ((e = readdir(d)) != NULL) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

void plat_umask(int mask) { umask((mode_t)mask); }

const char* plat_name(void) {
#if defined(__linux__)
    return "linux";
#elif defined(__APPLE__)
    return "darwin";
#else
    return "unix";
#endif
}
