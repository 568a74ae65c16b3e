/*
 * plat.h — the operating-system pieces the C test programs need, behind one small interface:
 * plat_posix.c (Linux, other Unix) and plat_win.c (Windows, mingw-w64). Nothing else in the
 * tests calls a process, module, clock or file-system API that differs between them.
 *
 * Paths are UTF-8 and use '/' (Windows accepts it; the library's JSON configs then need no
 * escaping).
 */
#ifndef TCG_PLAT_H_
#define TCG_PLAT_H_

#include <stddef.h>

/* A started child process (opaque). */
typedef struct plat_proc plat_proc;

/* Milliseconds on a monotonic clock. */
long long plat_now_ms(void);
void plat_sleep_ms(int ms);
/* An ID of the calling thread, unique among the process's live threads. */
long plat_thread_id(void);
/* 1 when the thread with that ID still exists, 0 when it is gone, -1 when this platform cannot
 * tell (the caller reports the check as not run). */
int plat_thread_alive(long tid);

/* The path of the running executable (for re-running it). */
const char* plat_self_path(void);
/* The path of the module (executable or library) that contains addr, resolved to an absolute
 * path; 0 on success. */
int plat_module_path(const void* addr, char* out, size_t n);
/* Absolute, normalised form of path (for comparing two paths); 0 on success. */
int plat_realpath(const char* path, char* out, size_t n);

/* Starts this program again with args (NULL-terminated, argv[0] not included). When the
 * environment variable TCG_RUNNER is set, the child is "$TCG_RUNNER <self> <args...>"
 * (TCG_RUNNER split on spaces: e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"). With to_child /
 * from_child not NULL, the child's stdin / stdout are pipes and the parent's ends are returned
 * as file descriptors (read()/write()/close()). new_group: the child leads its own process
 * group, so plat_kill also reaches its children (POSIX). NULL when it cannot start. */
plat_proc* plat_spawn_self(char* const args[], int* to_child, int* from_child, int new_group);
/* Waits for the child up to timeout_ms (-1: forever). Returns 1 when it exited (the process is
 * released: do not use it again), 0 on timeout. *code = exit status when it exited normally,
 * else -1; *crash = signal number / exception code when it crashed, else 0; crash_text
 * (optional) describes it. */
int plat_wait(plat_proc* p, int timeout_ms, int* code, long* crash, char* crash_text, size_t n);
/* Kills the child (and its process group, when it has one) at once. */
void plat_kill(plat_proc* p);

/* Creates a new unique directory "<system temp dir>/<prefix>XXXXXX" (TMPDIR honoured on POSIX,
 * TMP/TEMP on Windows); 0 on success, out holds its path. */
int plat_mkdtemp(const char* prefix, char* out, size_t n);
/* Removes a folder and everything in it (best effort). */
void plat_rm_rf(const char* dir);
/* mkdir with mode 0700 (the mode applies on POSIX only); 0 on success or when it exists. */
int plat_mkdir(const char* path);
/* 1 when path exists, 2 when it is a directory, 0 when it does not exist. */
int plat_exists(const char* path);
/* Entries of a folder, "." and ".." excluded; -1 when it cannot be read. */
int plat_count_entries(const char* dir);

/* Sets the file-creation mask (POSIX); no effect on Windows. */
void plat_umask(int mask);

/* The platform's name, for notes ("linux", "windows", ...). */
const char* plat_name(void);

#endif
