package engine

// This file lists the Engine's public surface; bodies are being filled in.
// Every method is safe from any goroutine. Methods returning int return a TIMResult
// (tim.Succ, tim.ErrUninit, ...). Async methods deliver exactly one KindResult to cb (when
// cb.Fn != 0) iff they return tim.Succ. String arguments are Go copies; "" stands for a NULL
// optional argument where noted (the capi layer rejects NULL required arguments with
// tim.ErrParam before calling).

// Config is a parsed TIMInit config.
type Config struct {
	DataDir      string // sdk_config_config_file_path (required)
	LogDir       string // sdk_config_log_file_path ("" = no log file)
	DispatchMode string // "library" (default) or "host"
	FullSync     bool   // sdk_config_durability == "full"
}

// ParseConfig decodes a TIMInit JSON config. It returns tim.ErrJSON when it does not parse,
// is not an object, or a key has the wrong type or value; tim.ErrParam when the data directory
// is missing or empty.
func ParseConfig(json string) (Config, int) { panic("todo") }

// New returns an engine that delivers to sink. It is not initialised.
func New(sink Sink) *Engine { panic("todo") }

// Init starts the engine (creates the data directory). tim.Succ when already running.
func (e *Engine) Init(appID uint64, cfg Config) int { panic("todo") }

// Running reports whether Init succeeded and Close has not started.
func (e *Engine) Running() bool { panic("todo") }

// Close completes every accepted operation (their deliveries reach the sink), closes the cache
// and stops the worker. Calls made during or after Close return tim.ErrUninit. Idempotent.
func (e *Engine) Close() { panic("todo") }

// Check returns the synchronous state check of a call: tim.ErrUninit when not running,
// tim.ErrNoLogin when needLogin and no login is accepted, else tim.Succ. Advisory: every method
// re-checks atomically.
func (e *Engine) Check(needLogin bool) int { panic("todo") }

func (e *Engine) Login(userID, userSig string, cb Callback) int { panic("todo") }
func (e *Engine) Logout(cb Callback) int                        { panic("todo") }
func (e *Engine) LoginStatus() int                              { panic("todo") }

// LoginUserID returns the logged-in user ("" when none) and a TIMResult.
func (e *Engine) LoginUserID() (string, int) { panic("todo") }

func (e *Engine) UpsertConversations(jsonArray string, cb Callback) int { panic("todo") }
func (e *Engine) GetConvList(cb Callback) int                           { panic("todo") }
func (e *Engine) GetConvInfo(jsonParam string, cb Callback) int         { panic("todo") }
func (e *Engine) DeleteConv(convID string, convType int32, cb Callback) int {
	panic("todo")
}
func (e *Engine) DeleteConvList(idArray string, clearMessage bool, cb Callback) int {
	panic("todo")
}
func (e *Engine) SetDraft(convID string, convType int32, draftJSON string) int { panic("todo") }
func (e *Engine) CancelDraft(convID string, convType int32) int                { panic("todo") }
func (e *Engine) SetCustomData(idArray, customData string, cb Callback) int {
	panic("todo")
}
func (e *Engine) PinConv(convID string, convType int32, pinned bool, cb Callback) int {
	panic("todo")
}
func (e *Engine) MarkConvs(idArray string, markType uint64, enable bool, cb Callback) int {
	panic("todo")
}
func (e *Engine) GetTotalUnread(cb Callback) int { panic("todo") }

// filter "" means everything (NULL in C).
func (e *Engine) GetUnreadByFilter(filter string, cb Callback) int { panic("todo") }
func (e *Engine) SubscribeUnread(filter string) int                { panic("todo") }
func (e *Engine) UnsubscribeUnread(filter string) int              { panic("todo") }

// convID "" means everything (NULL in C).
func (e *Engine) CleanUnread(convID string, ts, seq uint64, cb Callback) int { panic("todo") }
func (e *Engine) GetListByFilter(filter string, nextSeq uint64, count uint32, cb Callback) int {
	panic("todo")
}
func (e *Engine) CreateGroup(name, idArray string, cb Callback) int     { panic("todo") }
func (e *Engine) GetGroupList(cb Callback) int                          { panic("todo") }
func (e *Engine) DeleteGroup(name string, cb Callback) int              { panic("todo") }
func (e *Engine) RenameGroup(oldName, newName string, cb Callback) int  { panic("todo") }
func (e *Engine) AddToGroup(name, idArray string, cb Callback) int      { panic("todo") }
func (e *Engine) DeleteFromGroup(name, idArray string, cb Callback) int { panic("todo") }

// Log emits a log line (to the log file and a KindLog delivery).
func (e *Engine) Log(level int32, msg string) { panic("todo") }

type Engine struct{}
