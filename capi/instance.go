package main

// The process's single engine, and the report of a panic recovered at the C boundary.

import (
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/timconvgroup/timconvgroup/core/engine"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// The single engine of the process, created on first use (not at load time, so nothing can
// fail while the host is loading the library).
var (
	engOnce sync.Once
	engVal  *engine.Engine
)

func getEngine() *engine.Engine {
	engOnce.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				debugLog(fmt.Sprintf("engine.New: recovered panic: %v\n%s", r, debug.Stack()))
			}
		}()
		engVal = engine.New(sink{})
	})
	return engVal
}

// reportPanic logs a panic recovered at the boundary: through the engine's log (file and log
// callback) when it works, else straight to the log callback.
func reportPanic(where string, r any) {
	msg := fmt.Sprintf("%s: internal error (recovered): %v", where, r)
	debugLog(msg + "\n" + string(debug.Stack()))
	if e := getEngine(); e != nil {
		ok := func() (ok bool) {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			e.Log(tim.LogError, msg)
			return true
		}()
		if ok {
			return
		}
	}
	func() {
		defer func() { _ = recover() }()
		pushLog(tim.LogError, msg)
	}()
}
