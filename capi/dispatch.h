/*
 * dispatch.h — internal interface between the Go export layer (the .go files of capi) and the C callback
 * dispatcher (dispatch.c). Not installed, not part of the ABI: every symbol here is local to the
 * shared library (the version script exports TIM* only).
 *
 * Why C: no Go-runtime thread may ever run host code (Mono/IL2CPP attach such threads and wait
 * for them at exit; Go threads never exit). The Go engine pushes delivery records into a C FIFO;
 * a plain pthread (library mode) or a host thread calling TIMDispatchCallbacks (host mode) pops
 * and runs them.
 */
#ifndef TCG_DISPATCH_H_
#define TCG_DISPATCH_H_

#include <stddef.h>
#include <stdint.h>

#include "timconvgroup.h"

/* cgo writes the prototypes of Go exports from their Go parameter types; these typedefs let
 * those prototypes carry the header's const qualifiers, so the C compiler checks every Go
 * export against its declaration in timconvgroup.h. */
typedef const char tcg_cchar;
typedef const void tcg_cvoid;

/* Delivery kinds; the Go side maps engine.Kind onto these explicitly. */
enum tcg_kind {
    TCG_KIND_RESULT = 0,          /* TIMCommCallback(code, s1=desc, s2=json, ud) — record's own fn */
    TCG_KIND_CONV_EVENT,          /* (event, s2=json) */
    TCG_KIND_GROUP_CREATED,       /* (s1=name, s2=json) */
    TCG_KIND_GROUP_DELETED,       /* (s1=name) */
    TCG_KIND_GROUP_NAME_CHANGED,  /* (s1=old, s3=new) */
    TCG_KIND_ADDED_TO_GROUP,      /* (s1=name, s2=json) */
    TCG_KIND_DELETED_FROM_GROUP,  /* (s1=name, s2=json, reason) */
    TCG_KIND_TOTAL_UNREAD,        /* (total) */
    TCG_KIND_UNREAD_BY_FILTER,    /* (s2=filter, total) */
    TCG_KIND_LOG,                 /* (level, s2=line) */
    TCG_KIND_SYNC_REJECTED,       /* (s2=json) */
    TCG_NUM_KINDS
};

enum tcg_mode { TCG_MODE_LIBRARY = 0, TCG_MODE_HOST = 1 };

/* One delivery: C memory only (strings are malloc'd copies, NUL-terminated). */
typedef struct tcg_rec {
    struct tcg_rec* next;
    int kind;
    void* fn;              /* KindResult: the call's TIMCommCallback (NULL = none) */
    const void* user_data; /* KindResult: the call's user_data */
    int32_t code;
    int32_t event;
    uint32_t reason;
    int32_t total;
    int32_t level;
    char* s1;
    char* s2;
    char* s3;
} tcg_rec;

/* Builds one record (copies the strings; NULL pointer with length 0 = ""). Links it after prev
 * when prev is not NULL. Returns NULL when out of memory. */
tcg_rec* tcg_rec_new(int kind, uintptr_t fn, uintptr_t user_data, int32_t code, int32_t event,
                     uint32_t reason, int32_t total, int32_t level,
                     const char* s1, size_t n1, const char* s2, size_t n2, const char* s3, size_t n3,
                     tcg_rec* prev);

/* Appends the chain that starts at head (its records linked by next; tail is its last record,
 * recomputed from the links) to the FIFO under one lock and wakes the dispatcher. When the
 * dispatcher is not running the records are freed (dropped). */
void tcg_enqueue(tcg_rec* head, tcg_rec* tail);

/* 1 when a listener of that kind is set (KindResult: always 1). */
int tcg_wants(int kind);

/* Starts the dispatcher in a mode (library: creates the pthread). 0 on success, -1 when the
 * thread could not be created. Must not be called while it is running. */
int tcg_dispatch_start(int mode);

/* Stops the dispatcher: library mode: lets the thread drain the FIFO, then joins it; host mode:
 * wakes waiters and drains the FIFO on the calling thread. Then, when clear is not 0, clears
 * every listener. Safe when not running. Must not be called from inside a callback. */
void tcg_dispatch_stop(int clear);

/* Depth of callbacks running on the calling thread (0: not inside a callback). */
int tcg_callback_depth(void);

/* Clears every listener, the log callback included. */
void tcg_clear_listeners(void);

/* Writes a line to stderr when TIMCONVGROUP_DEBUG is set (last-resort diagnostics). */
void tcg_debug_log(const char* msg, size_t n);

#endif /* TCG_DISPATCH_H_ */
