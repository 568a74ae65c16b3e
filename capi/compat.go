package main

// The hand-written part of the not-supported surface (include/timconvgroup.h, last section):
// the answer of every generated not-supported call, and callExperimentalAPI. compat_gen.c is
// generated from capi/compat/tencent_entry_points.tsv by capi/compat/gen.

/*
#include "dispatch.h"
#include "compat.h"
*/
import "C"

import (
	"sync"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/engine"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

//go:generate go run ./compat/gen -root ..

// notSupported is the description a not-supported call's callback gets.
func notSupported(name string) string {
	return name + ": not supported by this library (timconvgroup implements the conversation module of the Tencent IM C API only)"
}

//export tcgCompatCall
func tcgCompatCall(name *C.char, cb, userData C.uintptr_t) (rc C.int) {
	defer recoverTo(&rc, "not-supported call", tim.ErrParam)
	e := getEngine()
	if e == nil {
		return tim.ErrUninit
	}
	n := C.GoString(name)
	return C.int(e.Answer(engine.Callback{Fn: uintptr(cb), UserData: uintptr(userData)}, tim.CodeNotSupported, notSupported(n), ""))
}

// The callExperimentalAPI requests Tencent's Unity layer sends: at start-up (before TIMInit)
// and, when its need_log is set, once per logged call. Accepted with code 0; log lines are
// discarded (they carry arguments such as user sigs; the library writes its own log).
var experimentalAccepted = map[string]bool{
	"internal_operation_set_ui_platform": true,
	"internal_operation_write_log":       true,
}

// maxHeld bounds the accepted requests whose callback waits for TIMInit.
const maxHeld = 64

// held: callbacks of accepted requests made before TIMInit, answered right after it.
var held struct {
	sync.Mutex
	cbs []engine.Callback
}

//export goCallExperimentalAPI
func goCallExperimentalAPI(jsonParam *C.tcg_cchar, cb C.TIMCommCallback, userData *C.tcg_cvoid) (rc C.int) {
	defer recoverTo(&rc, "callExperimentalAPI", tim.ErrParam)
	if jsonParam == nil {
		return tim.ErrParam
	}
	s := gostr(jsonParam)
	if !gjson.Valid(s) {
		return tim.ErrJSON
	}
	root := gjson.Parse(s)
	op := root.Get("request_internal_operation")
	if !root.IsObject() || op.Type != gjson.String {
		return tim.ErrJSON
	}
	e := getEngine()
	if e == nil {
		return tim.ErrUninit
	}
	c := callback(cb, userData)
	if !experimentalAccepted[op.Str] {
		return C.int(e.Answer(c, tim.CodeNotSupported, notSupported("callExperimentalAPI "+op.Str), ""))
	}
	held.Lock()
	defer held.Unlock()
	r := e.Answer(c, tim.CodeOK, "", "")
	if r == tim.ErrUninit {
		if c.Fn == 0 {
			return tim.Succ
		}
		if len(held.cbs) >= maxHeld {
			return tim.ErrUninit
		}
		held.cbs = append(held.cbs, c)
		return tim.Succ
	}
	return C.int(r)
}

// releaseHeld answers the requests accepted before TIMInit; called right after it succeeds.
func releaseHeld(e *engine.Engine) {
	held.Lock()
	defer held.Unlock()
	for _, c := range held.cbs {
		e.Answer(c, tim.CodeOK, "", "")
	}
	held.cbs = nil
}
