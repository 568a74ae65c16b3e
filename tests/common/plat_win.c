/* plat_win.c — plat.h for Windows (mingw-w64; also runs under Wine). Paths are UTF-8: every
 * file-system call goes through the wide (UTF-16) API. */
#define WIN32_LEAN_AND_MEAN
#include "plat.h"

#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct plat_proc {
    HANDLE h;
    DWORD pid;
};

static wchar_t* wide(const char* s) {
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t* w = malloc(sizeof(wchar_t) * (size_t)(n > 0 ? n : 1));
    if (n <= 0 || !MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n)) w[0] = 0;
    return w;
}

static void utf8(const wchar_t* w, char* out, size_t n) {
    if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)n, NULL, NULL) && n) out[0] = 0;
}

static void slashes(char* s) {
    for (; *s; s++)
        if (*s == '\\') *s = '/';
}

long long plat_now_ms(void) { return (long long)GetTickCount64(); }

void plat_sleep_ms(int ms) { Sleep((DWORD)(ms < 0 ? 0 : ms)); }

long plat_thread_id(void) { return (long)GetCurrentThreadId(); }

int plat_thread_alive(long tid) {
    HANDLE h = OpenThread(SYNCHRONIZE, FALSE, (DWORD)tid);
    if (!h) return 0; /* no such thread (any more) */
    int alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    CloseHandle(h);
    return alive;
}

static char g_self[4 * MAX_PATH];

const char* plat_self_path(void) {
    if (!g_self[0]) {
        wchar_t w[MAX_PATH * 2];
        DWORD n = GetModuleFileNameW(NULL, w, MAX_PATH * 2);
        if (n > 0 && n < MAX_PATH * 2) utf8(w, g_self, sizeof g_self);
    }
    return g_self;
}

int plat_module_path(const void* addr, char* out, size_t n) {
    HMODULE m;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                            (LPCWSTR)addr, &m))
        return -1;
    wchar_t w[MAX_PATH * 2];
    DWORD k = GetModuleFileNameW(m, w, MAX_PATH * 2);
    if (k == 0 || k >= MAX_PATH * 2) return -1;
    char tmp[4 * MAX_PATH];
    utf8(w, tmp, sizeof tmp);
    return plat_realpath(tmp, out, n);
}

int plat_realpath(const char* path, char* out, size_t n) {
    wchar_t* w = wide(path);
    wchar_t full[MAX_PATH * 2];
    DWORD k = GetFullPathNameW(w, MAX_PATH * 2, full, NULL);
    free(w);
    if (k == 0 || k >= MAX_PATH * 2) return -1;
    CharLowerW(full); /* file names are case-insensitive here */
    utf8(full, out, n);
    slashes(out);
    return 0;
}

/* Appends one argument to a command line, quoted the way CommandLineToArgvW and the C runtime
 * split it. */
static void append_arg(char* cmd, size_t cap, const char* a) {
    size_t n = strlen(cmd);
    if (n && n + 1 < cap) cmd[n++] = ' ';
    int quote = !*a || strpbrk(a, " \t\"") != NULL;
    if (quote && n + 1 < cap) cmd[n++] = '"';
    for (const char* p = a;; p++) {
        size_t bs = 0;
        while (*p == '\\') {
            p++;
            bs++;
        }
        if (!*p) {
            for (size_t i = 0; i < (quote ? bs * 2 : bs) && n + 1 < cap; i++) cmd[n++] = '\\';
            break;
        }
        if (*p == '"') {
            for (size_t i = 0; i < bs * 2 + 1 && n + 1 < cap; i++) cmd[n++] = '\\';
        } else {
            for (size_t i = 0; i < bs && n + 1 < cap; i++) cmd[n++] = '\\';
        }
        if (n + 1 < cap) cmd[n++] = *p;
    }
    if (quote && n + 1 < cap) cmd[n++] = '"';
    cmd[n] = 0;
}

static HANDLE inheritable(HANDLE h) {
    HANDLE d = NULL;
    if (h && h != INVALID_HANDLE_VALUE)
        DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &d, 0, TRUE, DUPLICATE_SAME_ACCESS);
    return d;
}

plat_proc* plat_spawn_self(char* const args[], int* to_child, int* from_child, int new_group) {
    (void)new_group; /* a job object would be needed to reach grandchildren; none are left running */
    static char cmd[32768];
    cmd[0] = 0;
    const char* runner = getenv("TCG_RUNNER");
    char* store = runner && *runner ? _strdup(runner) : NULL;
    char* app = NULL;
    if (store)
        for (char* w = strtok(store, " \t"); w; w = strtok(NULL, " \t")) append_arg(cmd, sizeof cmd, w);
    else
        app = (char*)plat_self_path();
    append_arg(cmd, sizeof cmd, plat_self_path());
    for (int i = 0; args[i]; i++) append_arg(cmd, sizeof cmd, args[i]);
    free(store);

    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE in_r = NULL, in_w = NULL, out_r = NULL, out_w = NULL;
    if (to_child) {
        if (!CreatePipe(&in_r, &in_w, &sa, 0)) return NULL;
        SetHandleInformation(in_w, HANDLE_FLAG_INHERIT, 0);
    }
    if (from_child) {
        if (!CreatePipe(&out_r, &out_w, &sa, 0)) return NULL;
        SetHandleInformation(out_r, HANDLE_FLAG_INHERIT, 0);
    }
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = to_child ? in_r : inheritable(GetStdHandle(STD_INPUT_HANDLE));
    si.hStdOutput = from_child ? out_w : inheritable(GetStdHandle(STD_OUTPUT_HANDLE));
    si.hStdError = inheritable(GetStdHandle(STD_ERROR_HANDLE));
    PROCESS_INFORMATION pi;
    fflush(stdout);
    fflush(stderr);
    wchar_t* wcmd = wide(cmd);
    wchar_t* wapp = app ? wide(app) : NULL;
    BOOL ok = CreateProcessW(wapp, wcmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    free(wcmd);
    free(wapp);
    if (si.hStdInput) CloseHandle(si.hStdInput);
    if (si.hStdOutput) CloseHandle(si.hStdOutput);
    if (si.hStdError) CloseHandle(si.hStdError);
    if (to_child) *to_child = _open_osfhandle((intptr_t)in_w, _O_WRONLY | _O_BINARY);
    if (from_child) *from_child = _open_osfhandle((intptr_t)out_r, _O_RDONLY | _O_BINARY);
    if (!ok) return NULL;
    CloseHandle(pi.hThread);
    plat_proc* p = calloc(1, sizeof *p);
    p->h = pi.hProcess;
    p->pid = pi.dwProcessId;
    return p;
}

int plat_wait(plat_proc* p, int timeout_ms, int* code, long* crash, char* text, size_t n) {
    if (WaitForSingleObject(p->h, timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms) == WAIT_TIMEOUT) return 0;
    DWORD st = 0;
    GetExitCodeProcess(p->h, &st);
    CloseHandle(p->h);
    free(p);
    /* NTSTATUS error values (0xC0000005 access violation, ...) mean the process crashed; the
     * killed-by-plat_kill code (1) and ordinary exit codes are small. */
    if ((st & 0xF0000000u) == 0xC0000000u) {
        *code = -1;
        *crash = (long)st;
        if (text && n) snprintf(text, n, "exception 0x%08lx", (unsigned long)st);
    } else {
        *code = (int)st;
        *crash = 0;
        if (text && n) text[0] = 0;
    }
    return 1;
}

void plat_kill(plat_proc* p) { TerminateProcess(p->h, 1); }

int plat_mkdtemp(const char* prefix, char* out, size_t n) {
    wchar_t wt[MAX_PATH + 1];
    DWORD k = GetTempPathW(MAX_PATH + 1, wt);
    if (k == 0 || k > MAX_PATH) return -1;
    char base[4 * MAX_PATH];
    utf8(wt, base, sizeof base);
    slashes(base);
    size_t bl = strlen(base);
    if (bl && base[bl - 1] == '/') base[--bl] = 0;
    static const char an[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    unsigned long long seed = GetTickCount64() ^ ((unsigned long long)GetCurrentProcessId() << 20);
    for (int tries = 0; tries < 100; tries++) {
        char suffix[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            suffix[i] = an[(seed >> 33) % 36];
        }
        suffix[6] = 0;
        snprintf(out, n, "%s/%s%s", base, prefix, suffix);
        wchar_t* w = wide(out);
        BOOL ok = CreateDirectoryW(w, NULL);
        DWORD err = GetLastError();
        free(w);
        if (ok) return 0;
        if (err != ERROR_ALREADY_EXISTS) return -1;
    }
    return -1;
}

static void rm_w(const wchar_t* dir) {
    size_t dl = wcslen(dir);
    wchar_t* pat = malloc(sizeof(wchar_t) * (dl + 3));
    memcpy(pat, dir, sizeof(wchar_t) * dl);
    wcscpy(pat + dl, L"\\*");
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(pat, &fd);
    free(pat);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L"..")) continue;
            size_t fl = wcslen(fd.cFileName);
            wchar_t* p = malloc(sizeof(wchar_t) * (dl + fl + 2));
            memcpy(p, dir, sizeof(wchar_t) * dl);
            p[dl] = L'\\';
            memcpy(p + dl + 1, fd.cFileName, sizeof(wchar_t) * (fl + 1));
            if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) && !(fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
                rm_w(p);
            } else {
                SetFileAttributesW(p, FILE_ATTRIBUTE_NORMAL);
                DeleteFileW(p);
            }
            free(p);
        } while (FindNextFileW(h, &fd));
        FindClose(h);
    }
    RemoveDirectoryW(dir);
}

void plat_rm_rf(const char* dir) {
    wchar_t* w = wide(dir);
    for (wchar_t* p = w; *p; p++)
        if (*p == L'/') *p = L'\\';
    rm_w(w);
    free(w);
}

int plat_mkdir(const char* path) {
    wchar_t* w = wide(path);
    BOOL ok = CreateDirectoryW(w, NULL);
    DWORD err = GetLastError();
    free(w);
    return ok || err == ERROR_ALREADY_EXISTS ? 0 : -1;
}

int plat_exists(const char* path) {
    wchar_t* w = wide(path);
    DWORD a = GetFileAttributesW(w);
    free(w);
    if (a == INVALID_FILE_ATTRIBUTES) return 0;
    return (a & FILE_ATTRIBUTE_DIRECTORY) ? 2 : 1;
}

int plat_count_entries(const char* dir) {
    char pat[4 * MAX_PATH];
    snprintf(pat, sizeof pat, "%s/*", dir);
    wchar_t* w = wide(pat);
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(w, &fd);
    free(w);
    if (h == INVALID_HANDLE_VALUE) return plat_exists(dir) == 2 ? 0 : -1;
    int n = 0;
    do n += wcscmp(fd.cFileName, L".") && wcscmp(fd.cFileName, L"..");
    while (FindNextFileW(h, &fd));
    FindClose(h);
    return n;
}

void plat_umask(int mask) { (void)mask; }

const char* plat_name(void) { return "windows"; }
