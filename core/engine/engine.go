// Package engine runs the library: it accepts calls from any thread, executes them one at a
// time in acceptance order against the logged-in user's store, and hands every resulting
// callback and listener event, in commit order, to a Sink. It knows nothing of C; the capi
// layer adapts it to the C ABI.
//
// Where an operation runs: on the worker goroutine, or, when it is cheap and bounded (its
// inline hint) and the engine is idle (nothing queued, nothing executing) at the moment it is
// accepted, on the calling thread before the call returns. Either way exactly one operation
// executes at a time (the execution token, Engine.executing), in acceptance order, and what it
// produces goes to the Sink: the host's callbacks never run inside the call.
//
// The package has two halves. The Engine (this file) is the concurrency shell: the queue, the
// worker, the transaction around each write, the log. Its public methods (login.go, convs.go,
// unread.go, groups.go, sync.go, one file per section of the header) run on the caller's thread and
// only check the state, decode the JSON arguments (args.go) and submit a one-line closure.
// The closure calls one session method, which holds every rule of that call (session_*.go,
// the same grouping); the session never calls back into the Engine. A new rule goes in the
// session method of its call; an effect of every conversation change goes in session.put and
// session.remove, and an effect of every write operation that must share its transaction in
// session.commit (session.go).
package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/timconvgroup/timconvgroup/core/platform"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// result is what an operation reports: a callback code, its desc and JSON; sync is the
// TIMResult of a synchronous call.
type result struct {
	code tim.Code
	desc string
	json string
	sync int
	str  string // LoginUserID
}

func ok(json string) result { return result{json: json} }

func fail(code tim.Code, format string, a ...any) result {
	return result{code: code, desc: fmt.Sprintf(format, a...)}
}

// op is one accepted call.
type op struct {
	fn        func() (result, error) // runs on the worker; an error is a storage failure
	needLogin bool
	write     bool // runs inside a transaction
	cb        Callback
	done      chan result // synchronous calls wait here
	final     bool        // Close's marker: the worker stops after it
	inline    bool        // cheap and bounded: may run on the caller's thread when the engine is idle
}

// Engine is the library instance. The zero value is not usable; call New.
type Engine struct {
	sink   Sink
	borrow bool // the sink copies every string it keeps (BorrowingSink)

	life sync.Mutex // serialises Init and Close

	mu           sync.Mutex // guards the fields below
	cond         *sync.Cond
	queue        []*op
	running      bool
	acceptedUser string // login state as of the last accepted call ("" = logged out)
	loginGen     uint64
	workerDone   chan struct{}
	sleeping     bool         // the worker waits on cond (enqueue must signal)
	queued       atomic.Int64 // len(queue), readable without mu while the worker spins
	// executing is the execution token: an operation is running, on the worker or inline on
	// a caller's thread. It is taken under mu together with the decision of what runs next, so
	// operations run one at a time in acceptance order: the worker does not start a queued
	// operation while an inline one runs, and an operation runs inline only when the queue is
	// empty and nothing executes.
	executing bool

	// State of the token's holder (the worker or an inline caller; handed over under mu).
	appID uint64
	cfg   Config
	sess  *session // the logged-in user (nil: logged out); only login and logout replace it

	logMu   sync.Mutex
	logFile *os.File
}

// New returns an engine that delivers to sink. It is not initialised.
func New(sink Sink) *Engine {
	e := &Engine{sink: sink}
	if b, ok := sink.(BorrowingSink); ok && b.CopiesStrings() {
		e.borrow = true
	}
	e.cond = sync.NewCond(&e.mu)
	return e
}

// Init starts the engine: creates the data directory and the worker. tim.Succ and no change
// when already running; tim.ErrParam when the data directory cannot be created.
func (e *Engine) Init(appID uint64, cfg Config) int {
	e.life.Lock()
	defer e.life.Unlock()
	e.mu.Lock()
	running := e.running
	e.mu.Unlock()
	if running {
		return tim.Succ
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return tim.ErrParam
	}
	if st, err := os.Stat(cfg.DataDir); err != nil || !st.IsDir() {
		return tim.ErrParam
	}
	e.appID, e.cfg = appID, cfg
	e.openLog()
	e.mu.Lock()
	e.running = true
	e.queue = nil
	e.executing = false
	e.acceptedUser = ""
	e.workerDone = make(chan struct{})
	e.mu.Unlock()
	go e.worker()
	e.Log(tim.LogInfo, fmt.Sprintf("timconvgroup %s initialised (app %d, data %s, dispatch %s, durability %s)",
		tim.Version, appID, cfg.DataDir, cfg.DispatchMode, map[bool]string{false: "normal", true: "full"}[cfg.FullSync]))
	return tim.Succ
}

// Running reports whether Init succeeded and Close has not started.
func (e *Engine) Running() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.running
}

// Close completes every accepted operation (their deliveries reach the sink before it
// returns), closes the cache and stops the worker. Calls made during or after Close return
// tim.ErrUninit. Idempotent.
func (e *Engine) Close() {
	e.life.Lock()
	defer e.life.Unlock()
	e.mu.Lock()
	if !e.running {
		e.mu.Unlock()
		return
	}
	e.running = false
	e.queue = append(e.queue, &op{final: true})
	e.queued.Add(1)
	e.cond.Signal()
	done := e.workerDone
	e.mu.Unlock()
	<-done
}

// Check returns the synchronous state check of a call: tim.ErrUninit when not running,
// tim.ErrNoLogin when needLogin and no login is accepted, else tim.Succ. Every method
// re-checks atomically when it enqueues.
func (e *Engine) Check(needLogin bool) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.checkLocked(needLogin)
}

func (e *Engine) checkLocked(needLogin bool) int {
	if !e.running {
		return tim.ErrUninit
	}
	if needLogin && e.acceptedUser == "" {
		return tim.ErrNoLogin
	}
	return tim.Succ
}

// enqueue accepts o, or returns why not. hook runs under the accept lock when accepted. An
// accepted inline operation (o.inline) that finds the engine idle runs here, on the calling
// thread, before enqueue returns; any other is queued for the worker.
func (e *Engine) enqueue(o *op, hook func()) int {
	e.mu.Lock()
	if r := e.checkLocked(o.needLogin); r != tim.Succ {
		e.mu.Unlock()
		return r
	}
	if hook != nil {
		hook()
	}
	if o.inline && !e.executing && len(e.queue) == 0 {
		e.executing = true
		e.mu.Unlock()
		e.runInline(o)
		return tim.Succ
	}
	e.queue = append(e.queue, o)
	e.queued.Add(1)
	if e.sleeping {
		e.cond.Signal()
	}
	e.mu.Unlock()
	return tim.Succ
}

// runInline runs o on the calling thread with the execution token held, then gives the token
// back and wakes the worker when operations were queued meanwhile. The token is given back
// even if o panics past exec's recovery.
func (e *Engine) runInline(o *op) {
	defer func() {
		e.mu.Lock()
		e.executing = false
		if len(e.queue) > 0 && e.sleeping {
			e.cond.Signal()
		}
		e.mu.Unlock()
	}()
	e.run(o)
}

// submit accepts an asynchronous call that needs a login; write runs it inside a transaction.
// It always runs on the worker (a call whose cost is not bounded).
func (e *Engine) submit(write bool, cb Callback, fn func() (result, error)) int {
	return e.enqueue(&op{fn: fn, needLogin: true, write: write, cb: cb}, nil)
}

// submitInline is submit for a call that is cheap and bounded (a page of at most
// inlinePageMax, a group operation, a change of at most tim.MaxIDsPerCall conversations): it
// runs on the caller's thread when the engine is idle (enqueue).
func (e *Engine) submitInline(inline, write bool, cb Callback, fn func() (result, error)) int {
	return e.enqueue(&op{fn: fn, needLogin: true, write: write, cb: cb, inline: inline}, nil)
}

// call runs a synchronous call and waits for it; it returns the result, or the rejection. The
// caller waits anyway, so it runs inline when the engine is idle.
func (e *Engine) call(needLogin, write bool, fn func() (result, error)) (result, int) {
	o := &op{fn: fn, needLogin: needLogin, write: write, done: make(chan result, 1), inline: true}
	if r := e.enqueue(o, nil); r != tim.Succ {
		return result{}, r
	}
	return <-o.done, tim.Succ
}

// osYield gives the CPU to any other runnable thread (not only goroutines), so a spinning
// worker never starves the host's threads on a small machine.
func osYield() { platform.Yield() }

// spinFor is how long the idle worker polls the queue before it sleeps: hosts often issue the
// next call right after a callback, and waking a sleeping goroutine costs tens of microseconds
// on small machines, more than the whole call.
const spinFor = 50 * time.Microsecond

func (e *Engine) worker() {
	for {
		if e.queued.Load() == 0 {
			for start := time.Now(); e.queued.Load() == 0 && time.Since(start) < spinFor; {
				osYield()
			}
		}
		e.mu.Lock()
		for len(e.queue) == 0 || e.executing {
			e.sleeping = true
			e.cond.Wait()
			e.sleeping = false
		}
		o := e.queue[0]
		e.queue[0] = nil
		e.queue = e.queue[1:]
		e.queued.Add(-1)
		e.executing = true
		e.mu.Unlock()
		if o.final {
			e.shutdown()
			close(e.workerDone)
			return
		}
		e.run(o)
		e.mu.Lock()
		e.executing = false
		e.mu.Unlock()
	}
}

// run executes one operation and delivers what it produced: the listener events the session
// queued (in commit order), then the call's own result.
func (e *Engine) run(o *op) {
	r := e.exec(o)
	var out []Delivery
	if e.sess != nil {
		out = e.sess.take()
	}
	if o.done != nil {
		if len(out) > 0 {
			e.sink.Deliver(out)
		}
		o.done <- r
		return
	}
	if o.cb.Fn != 0 {
		out = append(out, Delivery{Kind: KindResult, CB: o.cb, Code: r.code, Desc: r.desc, JSON: r.json})
	}
	if len(out) > 0 {
		e.sink.Deliver(out)
	}
}

// exec runs o.fn with panic recovery and, for writes, inside one transaction of the session
// (session.begin, session.commit).
func (e *Engine) exec(o *op) (r result) {
	s := e.sess
	defer func() {
		if p := recover(); p != nil {
			e.Log(tim.LogError, fmt.Sprintf("internal error (recovered): %v", p))
			e.abort()
			r = fail(tim.CodeStorage, "internal error: %v", p)
			r.sync = tim.ErrParam
		}
	}()
	if o.needLogin && s == nil {
		r = fail(tim.CodeNotLoggedIn, "not logged in")
		r.sync = tim.ErrNoLogin
		return r
	}
	if o.write && s != nil {
		if err := s.begin(); err != nil {
			return e.storageFailure(err)
		}
	}
	r, err := o.fn()
	if err != nil {
		return e.storageFailure(err)
	}
	if o.write && s != nil && e.sess == s {
		if err := s.commit(); err != nil {
			return e.storageFailure(err)
		}
	}
	return r
}

// storageFailure abandons the operation's transaction and in-memory effects.
func (e *Engine) storageFailure(err error) result {
	e.Log(tim.LogError, "storage failure: "+err.Error())
	if e.sess != nil && e.sess.st.Note(err) {
		e.Log(tim.LogError, "the cache is damaged; it is no longer written")
	}
	e.abort()
	r := fail(tim.CodeStorage, "the cache could not be read or written: %v", err)
	r.sync = tim.ErrParam
	return r
}

// abort abandons the running operation of the session (see session.abort).
func (e *Engine) abort() {
	if s := e.sess; s != nil {
		s.abort()
	}
}

// shutdown runs on the worker as the last operation of Close.
func (e *Engine) shutdown() {
	if e.sess != nil {
		e.sess.close()
		e.sess = nil
	}
	e.mu.Lock()
	e.acceptedUser = ""
	e.mu.Unlock()
	e.Log(tim.LogInfo, "timconvgroup uninitialised")
	e.logMu.Lock()
	if e.logFile != nil {
		e.logFile.Close()
		e.logFile = nil
	}
	e.logMu.Unlock()
}

// sessionEnv is what a session of this engine gets: its config, the log and the sink's Wants.
func (e *Engine) sessionEnv() env {
	return env{cfg: e.cfg, appID: e.appID, log: e.Log, wants: e.sink.Wants, borrow: e.borrow}
}

// ---- logging ----

func (e *Engine) openLog() {
	e.logMu.Lock()
	defer e.logMu.Unlock()
	if e.logFile != nil {
		e.logFile.Close()
		e.logFile = nil
	}
	if e.cfg.LogDir == "" {
		return
	}
	if err := os.MkdirAll(e.cfg.LogDir, 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(filepath.Join(e.cfg.LogDir, "timconvgroup.log"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err == nil {
		e.logFile = f
	}
}

var levelLetter = map[int32]string{tim.LogDebug: "D", tim.LogInfo: "I", tim.LogWarn: "W", tim.LogError: "E"}

// Log writes a line to the log file (when configured) and to the log callback (when set).
// Safe from any goroutine.
func (e *Engine) Log(level int32, msg string) {
	e.logMu.Lock()
	if e.logFile != nil {
		fmt.Fprintf(e.logFile, "%s %s %s\n", time.Now().Format("2006-01-02 15:04:05.000"), levelLetter[level], msg)
	}
	e.logMu.Unlock()
	if e.sink.Wants(KindLog) {
		e.sink.Deliver([]Delivery{{Kind: KindLog, Level: level, JSON: msg}})
	}
}
