package main

// The engine's Sink: turns engine.Delivery values into C delivery records and hands each
// batch to the C dispatcher under one lock. Strings cross as _GoString_ and are copied by C
// (malloc) before the call returns: C memory never holds a Go pointer.
//
// This file has no //export functions, so its preamble may define static C helpers.

/*
#include "dispatch.h"

static inline tcg_rec* tcg_rec_go(int kind, uintptr_t fn, uintptr_t ud, int32_t code,
                                  int32_t event, uint32_t reason, int32_t total, int32_t level,
                                  _GoString_ s1, _GoString_ s2, _GoString_ s3, tcg_rec* prev) {
	return tcg_rec_new(kind, fn, ud, code, event, reason, total, level,
	                   _GoStringPtr(s1), _GoStringLen(s1), _GoStringPtr(s2), _GoStringLen(s2),
	                   _GoStringPtr(s3), _GoStringLen(s3), prev);
}

static inline void tcg_debug_log_go(_GoString_ s) {
	tcg_debug_log(_GoStringPtr(s), _GoStringLen(s));
}
*/
import "C"

import (
	"fmt"
	"runtime/debug"

	"github.com/timconvgroup/timconvgroup/core/engine"
)

// The C kind table has exactly one entry per engine kind (compile-time check, both ways).
var _ [int(engine.NumKinds) - int(C.TCG_NUM_KINDS)]struct{}
var _ [int(C.TCG_NUM_KINDS) - int(engine.NumKinds)]struct{}

// kindToC maps engine kinds onto the dispatcher's (explicitly, not by position).
func kindToC(k engine.Kind) (C.int, bool) {
	switch k {
	case engine.KindResult:
		return C.TCG_KIND_RESULT, true
	case engine.KindConvEvent:
		return C.TCG_KIND_CONV_EVENT, true
	case engine.KindGroupCreated:
		return C.TCG_KIND_GROUP_CREATED, true
	case engine.KindGroupDeleted:
		return C.TCG_KIND_GROUP_DELETED, true
	case engine.KindGroupNameChanged:
		return C.TCG_KIND_GROUP_NAME_CHANGED, true
	case engine.KindAddedToGroup:
		return C.TCG_KIND_ADDED_TO_GROUP, true
	case engine.KindDeletedFromGroup:
		return C.TCG_KIND_DELETED_FROM_GROUP, true
	case engine.KindTotalUnread:
		return C.TCG_KIND_TOTAL_UNREAD, true
	case engine.KindUnreadByFilter:
		return C.TCG_KIND_UNREAD_BY_FILTER, true
	case engine.KindLog:
		return C.TCG_KIND_LOG, true
	case engine.KindSyncRejected:
		return C.TCG_KIND_SYNC_REJECTED, true
	}
	return 0, false
}

type sink struct{}

// CopiesStrings: Deliver copies every string into C memory before it returns
// (engine.BorrowingSink).
func (sink) CopiesStrings() bool { return true }

// Wants reports whether a listener of that kind is set now.
func (sink) Wants(k engine.Kind) bool {
	ck, ok := kindToC(k)
	return ok && C.tcg_wants(ck) != 0
}

// Deliver copies a batch into C records and enqueues them as one unit. It never blocks on the
// host and never panics into the engine's worker.
func (sink) Deliver(ds []engine.Delivery) {
	var head, tail *C.tcg_rec
	defer func() {
		if r := recover(); r != nil {
			debugLog(fmt.Sprintf("sink: recovered panic: %v\n%s", r, debug.Stack()))
		}
		C.tcg_enqueue(head, tail)
	}()
	for i := range ds {
		d := &ds[i]
		ck, ok := kindToC(d.Kind)
		if !ok || (d.Kind == engine.KindResult && d.CB.Fn == 0) {
			continue
		}
		var s1, s2, s3 string
		switch d.Kind {
		case engine.KindResult:
			s1, s2 = d.Desc, d.JSON
		case engine.KindGroupCreated, engine.KindAddedToGroup, engine.KindDeletedFromGroup:
			s1, s2 = d.Name, d.JSON
		case engine.KindGroupDeleted:
			s1 = d.Name
		case engine.KindGroupNameChanged:
			s1, s3 = d.Name, d.Name2
		default: // ConvEvent, UnreadByFilter (filter), Log (line), SyncRejected
			s2 = d.JSON
		}
		r := C.tcg_rec_go(ck, C.uintptr_t(d.CB.Fn), C.uintptr_t(d.CB.UserData), C.int32_t(d.Code),
			C.int32_t(d.Event), C.uint32_t(d.Reason), C.int32_t(d.Total), C.int32_t(d.Level),
			s1, s2, s3, tail)
		if r == nil { // out of memory: drop this one
			continue
		}
		if head == nil {
			head = r
		}
		tail = r
	}
}

// pushLog delivers a log line straight to the log listener, bypassing the engine (used when
// the engine itself is unusable).
func pushLog(level int32, msg string) {
	if C.tcg_wants(C.TCG_KIND_LOG) == 0 {
		return
	}
	r := C.tcg_rec_go(C.TCG_KIND_LOG, 0, 0, 0, 0, 0, 0, C.int32_t(level), "", msg, "", nil)
	C.tcg_enqueue(r, r)
}

func debugLog(msg string) { C.tcg_debug_log_go(msg) }
