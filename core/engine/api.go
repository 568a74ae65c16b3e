package engine

import "github.com/timconvgroup/timconvgroup/core/tim"

// Callback is a host callback carried verbatim: a C function pointer and the host's user_data,
// both opaque to Go (never dereferenced). Fn == 0 means "no callback".
type Callback struct {
	Fn       uintptr
	UserData uintptr
}

// Kind says which host function a Delivery is for.
type Kind int

// Delivery kinds. KindResult goes to the Callback of the call; every other kind goes to the
// listener of that kind that is set when the delivery runs (dropped when none is).
const (
	KindResult           Kind = iota // TIMCommCallback(Code, Desc, JSON, CB.UserData)
	KindConvEvent                    // TIMConvEventCallback(Event, JSON)
	KindGroupCreated                 // (Name, JSON)
	KindGroupDeleted                 // (Name)
	KindGroupNameChanged             // (Name, Name2)
	KindAddedToGroup                 // (Name, JSON)
	KindDeletedFromGroup             // (Name, JSON, Reason)
	KindTotalUnread                  // (Total)
	KindUnreadByFilter               // (JSON = filter, Total)
	KindLog                          // TIMLogCallback(Level, JSON = log line)
	KindSyncRejected                 // TIMConvSyncRejectedCallback(JSON = rejected operations)
	NumKinds
)

// Delivery is one host callback, produced by the engine's worker in commit order.
type Delivery struct {
	Kind   Kind
	CB     Callback // KindResult only
	Code   tim.Code
	Desc   string
	JSON   string
	Name   string
	Name2  string
	Event  int32
	Reason uint32
	Total  int32
	Level  int32
}

// Sink receives deliveries. The engine's single worker calls Deliver in commit order, once per
// operation with every delivery it produced (listener events first, the call's own result
// last). Engine.Log also calls Deliver, with one KindLog delivery, from whichever goroutine
// logs (a host thread in Init, for example), so Deliver must be safe for concurrent use. It
// must not block on the host and must not call the engine. Wants reports whether a listener
// of that kind is set; the engine skips building events nobody listens to. It is called from
// the same goroutines.
type Sink interface {
	Deliver(ds []Delivery)
	Wants(k Kind) bool
}

// BorrowingSink is a Sink that copies every string of a delivery it keeps before Deliver
// returns (the C layer copies them into C memory). When CopiesStrings reports true, the engine
// may hand it strings that share memory with buffers the engine reuses after Deliver returns
// (a page's JSON, tens of kilobytes, is then built in one reused buffer instead of a fresh
// allocation per call).
type BorrowingSink interface {
	Sink
	CopiesStrings() bool
}
