// Command capi is the C ABI of timconvgroup, built with -buildmode=c-shared into
// libtimconvgroup.so.1 (see the Makefile). It is a thin layer:
//
//   - gate.c: the exported TIM* functions that need the engine, in C: each lets the calling
//     thread into Go (its first time through a gate, see gate.c) and calls its Go body.
//   - exports.go: the Go bodies (goTIMX for TIMX); each recovers panics, checks the
//     synchronous rejections, copies strings and calls core/engine.
//   - dispatch.c: the C callback dispatcher (FIFO of delivery records, listener table,
//     library-mode pthread, host-mode TIMDispatchCallbacks), the listener setters and
//     TIMGetSDKVersion. Host code only ever runs on that pthread or on host threads, never on a
//     Go runtime thread.
//   - sink.go: the engine.Sink that turns engine deliveries into C records.
//   - instance.go: the process's single engine (created on first use) and the report of a panic
//     recovered at the boundary.
package main

func main() {}
