package store

// SQLite's allocations of page size (its page caches' pages) come from a pool that keeps
// freed pages for the next ones. SQLite runs on the Go runtime's threads and the connection's
// goroutine moves between them, so each cache page was a malloc from glibc's arena of
// whichever thread it was on: a cache filling (after each login: the cache is the
// connection's) grew those arenas a page at a time (an mprotect and a fresh zero-filled page
// each, make bench: about 100 mprotect calls and 170 page faults per upsert of 1,000 new
// conversations after a login), and the pages a closed cache freed went back to arenas the
// next connection's thread might not use. The pool takes memory in chunks of 64 pages,
// touched only as pages are used, and keeps the pages SQLite frees for the next page it asks
// for, whatever its thread: it holds at most what the caches held at their largest (the
// Store's 8 MiB, the background check's and the checkpointer's 2 MiB each) and keeps it for
// the process's life. Every other allocation goes to SQLite's default allocator as before.
//
// Each block carries a 16-byte header: its kind (pool or default) and its usable size.

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void* (*xMalloc)(int);
	void (*xFree)(void*);
	void* (*xRealloc)(void*, int);
	int (*xSize)(void*);
	int (*xRoundup)(int);
	int (*xInit)(void*);
	void (*xShutdown)(void*);
	void* pAppData;
} tcg_mem_methods;
int sqlite3_config(int, ...);

#define TCG_HDR 16
#define TCG_POOL_MIN 4097           // a 4 KiB page plus its cache header, and no smaller
#define TCG_POOL_SIZE (4096 + 512)  // the usable size of a pool block
#define TCG_POOL_BLOCK (TCG_HDR + TCG_POOL_SIZE)
#define TCG_CHUNK_BLOCKS 64
#define TCG_KIND_DEFAULT 0x7463670000000000LL
#define TCG_KIND_POOL 0x7463670000000001LL

static tcg_mem_methods tcg_def;     // SQLite's default allocator
// A mutex, not a spin lock: a thread preempted while it holds the lock must not keep others
// spinning (or, on iOS and Android, invert priorities).
#ifdef _WIN32
#include <windows.h>
static SRWLOCK tcg_pool_lock = SRWLOCK_INIT;
static void tcg_lock(void) { AcquireSRWLockExclusive(&tcg_pool_lock); }
static void tcg_unlock(void) { ReleaseSRWLockExclusive(&tcg_pool_lock); }
#else
#include <pthread.h>
static pthread_mutex_t tcg_pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void tcg_lock(void) { pthread_mutex_lock(&tcg_pool_lock); }
static void tcg_unlock(void) { pthread_mutex_unlock(&tcg_pool_lock); }
#endif
static void* tcg_pool_free;         // freed pool blocks (usable part), linked through their first word
static char* tcg_chunk_next;        // the unused rest of the current chunk
static char* tcg_chunk_end;
static void* tcg_chunks;            // every chunk, linked through its first word (kept: process life)


static void* tcg_mark(char* h, long long kind, int size) {
	((long long*)h)[0] = kind;
	((long long*)h)[1] = size;
	return h + TCG_HDR;
}

static void* tcg_pool_get(void) {
	tcg_lock();
	char* p = (char*)tcg_pool_free;
	if (p) {
		tcg_pool_free = *(void**)p;
		tcg_unlock();
		return p;
	}
	if (tcg_chunk_next == tcg_chunk_end) {
		// A chunk: its first 16 bytes link it to the others, then the blocks.
		char* c = (char*)malloc(TCG_HDR + (size_t)TCG_CHUNK_BLOCKS * TCG_POOL_BLOCK);
		if (!c) {
			tcg_unlock();
			return 0;
		}
		*(void**)c = tcg_chunks;
		tcg_chunks = c;
		tcg_chunk_next = c + TCG_HDR;
		tcg_chunk_end = tcg_chunk_next + (size_t)TCG_CHUNK_BLOCKS * TCG_POOL_BLOCK;
	}
	char* h = tcg_chunk_next;
	tcg_chunk_next += TCG_POOL_BLOCK;
	tcg_unlock();
	return tcg_mark(h, TCG_KIND_POOL, TCG_POOL_SIZE);
}

static void* tcg_malloc(int n) {
	if (n >= TCG_POOL_MIN && n <= TCG_POOL_SIZE) {
		void* p = tcg_pool_get();
		if (p) return p;
	}
	if (n < 0 || n > 0x7fffffff - TCG_HDR) return 0;
	char* h = (char*)tcg_def.xMalloc(n + TCG_HDR);
	return h ? tcg_mark(h, TCG_KIND_DEFAULT, n) : 0;
}

static void tcg_free(void* p) {
	if (!p) return;
	char* h = (char*)p - TCG_HDR;
	if (((long long*)h)[0] == TCG_KIND_POOL) {
		tcg_lock();
		*(void**)p = tcg_pool_free;
		tcg_pool_free = p;
		tcg_unlock();
		return;
	}
	tcg_def.xFree(h);
}

static int tcg_size(void* p) {
	return p ? (int)((long long*)((char*)p - TCG_HDR))[1] : 0;
}

static void* tcg_realloc(void* p, int n) {
	if (!p) return tcg_malloc(n);
	char* h = (char*)p - TCG_HDR;
	if (((long long*)h)[0] == TCG_KIND_POOL || (n >= TCG_POOL_MIN && n <= TCG_POOL_SIZE)) {
		void* q = tcg_malloc(n);
		if (!q) return 0;
		int old = tcg_size(p);
		memcpy(q, p, (size_t)(old < n ? old : n));
		tcg_free(p);
		return q;
	}
	if (n < 0 || n > 0x7fffffff - TCG_HDR) return 0;
	char* g = (char*)tcg_def.xRealloc(h, n + TCG_HDR);
	return g ? tcg_mark(g, TCG_KIND_DEFAULT, n) : 0;
}

static int tcg_roundup(int n) {
	if (n >= TCG_POOL_MIN && n <= TCG_POOL_SIZE) return TCG_POOL_SIZE;
	return tcg_def.xRoundup(n);
}
static int tcg_init(void* a) { return tcg_def.xInit(tcg_def.pAppData); }
static void tcg_shutdown(void* a) { tcg_def.xShutdown(tcg_def.pAppData); }

// Installs the pool (SQLITE_CONFIG_GETMALLOC 5, SQLITE_CONFIG_MALLOC 4); before SQLite's
// initialisation. On any failure SQLite keeps its default allocator.
static void tcg_page_pool(void) {
	if (sqlite3_config(5, &tcg_def) != 0 || !tcg_def.xMalloc) return;
	static tcg_mem_methods m;
	m.xMalloc = tcg_malloc;
	m.xFree = tcg_free;
	m.xRealloc = tcg_realloc;
	m.xSize = tcg_size;
	m.xRoundup = tcg_roundup;
	m.xInit = tcg_init;
	m.xShutdown = tcg_shutdown;
	m.pAppData = 0;
	sqlite3_config(4, &m);
}

// The pool's blocks handed out so far (in use or free), for the tests.
static long long tcg_pool_blocks(void) {
	tcg_lock();
	long long n = 0;
	for (char* c = (char*)tcg_chunks; c; c = *(char**)c) n += TCG_CHUNK_BLOCKS;
	if (tcg_chunks) n -= (tcg_chunk_end - tcg_chunk_next) / TCG_POOL_BLOCK;
	tcg_unlock();
	return n;
}
*/
import "C"

func init() { C.tcg_page_pool() }

// pagePoolBlocks reports how many page blocks the pool has handed out (in use or free).
func pagePoolBlocks() int64 { return int64(C.tcg_pool_blocks()) }
