package engine

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// FuzzParseConfig: any TIMInit config either parses into a usable Config (a data directory, a
// known dispatch mode) that round-trips through its own JSON, or is refused with TIM_ERR_JSON or
// TIM_ERR_PARAM. Never a panic, never another code.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{
		`{"sdk_config_config_file_path":"/tmp/x"}`,
		`{"sdk_config_config_file_path":"d","sdk_config_log_file_path":"l","sdk_config_dispatch_mode":"host","sdk_config_durability":"full"}`,
		`{"sdk_config_config_file_path":"d","sdk_config_dispatch_mode":"library","sdk_config_durability":"normal","x":[1,{}]}`,
		`{"sdk_config_config_file_path":null}`, `{"sdk_config_config_file_path":""}`, `{"sdk_config_config_file_path":5}`,
		`{"sdk_config_config_file_path":"d","sdk_config_durability":"FULL"}`, `{}`, `[]`, ``, `nope`, `{"sdk_config_config_file_path":"` + "\xff" + `"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cfg, r := ParseConfig(s)
		switch r {
		case tim.ErrJSON, tim.ErrParam:
			return
		case tim.Succ:
		default:
			t.Fatalf("%q: ParseConfig = %d", s, r)
		}
		if cfg.DataDir == "" || !utf8.ValidString(cfg.DataDir) || !utf8.ValidString(cfg.LogDir) {
			t.Fatalf("%q: accepted with data dir %q, log dir %q", s, cfg.DataDir, cfg.LogDir)
		}
		if cfg.DispatchMode != DispatchLibrary && cfg.DispatchMode != DispatchHost {
			t.Fatalf("%q: dispatch mode %q", s, cfg.DispatchMode)
		}
		dur := "normal"
		if cfg.FullSync {
			dur = "full"
		}
		back, err := json.Marshal(map[string]string{"sdk_config_config_file_path": cfg.DataDir, "sdk_config_log_file_path": cfg.LogDir,
			"sdk_config_dispatch_mode": cfg.DispatchMode, "sdk_config_durability": dur})
		if err != nil {
			t.Fatal(err)
		}
		again, r := ParseConfig(string(back))
		if r != tim.Succ || again != cfg {
			t.Fatalf("%q: config %+v does not round trip (%d, %+v)", s, cfg, r, again)
		}
	})
}

// countingSink counts result deliveries per call and checks every string handed to a host.
type countingSink struct {
	mu      sync.Mutex
	cond    *sync.Cond
	results map[uintptr][]Delivery
	bad     []string
}

func newCountingSink() *countingSink {
	s := &countingSink{results: map[uintptr][]Delivery{}}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *countingSink) Wants(Kind) bool { return true }

func (s *countingSink) Deliver(ds []Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		for _, str := range []string{d.Desc, d.JSON, d.Name, d.Name2} {
			if !utf8.ValidString(str) {
				s.bad = append(s.bad, "invalid UTF-8 handed to the host: "+str)
			}
		}
		if d.JSON != "" && d.Kind != KindLog && !json.Valid([]byte(d.JSON)) {
			s.bad = append(s.bad, "invalid JSON handed to the host: "+d.JSON)
		}
		if d.Kind == KindResult {
			s.results[d.CB.Fn] = append(s.results[d.CB.Fn], d)
		}
	}
	s.cond.Broadcast()
}

// wait returns the deliveries of call id once there is at least one (nil after 30 s: a hang).
func (s *countingSink) wait(id uintptr) []Delivery {
	deadline := time.Now().Add(30 * time.Second)
	timer := time.AfterFunc(30*time.Second, func() { s.mu.Lock(); s.cond.Broadcast(); s.mu.Unlock() })
	defer timer.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.results[id]) == 0 && time.Now().Before(deadline) {
		s.cond.Wait()
	}
	return s.results[id]
}

func (s *countingSink) count(id uintptr) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.results[id])
}

func (s *countingSink) problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.bad
	s.bad = nil
	return out
}

// knownCodes are the callback codes a logged-in call may report. 6019 (storage
// failure, also a recovered panic) is not among them: nothing here may cause one.
var knownCodes = map[tim.Code]bool{tim.CodeOK: true, tim.CodeConvNotFound: true, tim.CodeInvalidParam: true,
	tim.CodeTooManyConvs: true, tim.CodeCountLimit: true, tim.CodeGroupNotExist: true, tim.CodeTooManyGroups: true,
	tim.CodeGroupNameTooLong: true, tim.CodeGroupExists: true}

// fuzzEngine is one logged-in engine per fuzzing process, reset now and then so the cache
// stays small.
type fuzzEngine struct {
	e     *Engine
	sink  *countingSink
	dir   string
	calls int
	next  uintptr
}

func newFuzzEngine(f *testing.F) *fuzzEngine {
	dir := tempDir(f)
	sink := newCountingSink()
	e := New(sink)
	if r := e.Init(1, Config{DataDir: dir, DispatchMode: DispatchLibrary}); r != tim.Succ {
		f.Fatalf("Init = %d", r)
	}
	f.Cleanup(e.Close)
	return &fuzzEngine{e: e, sink: sink, dir: dir, next: 1}
}

// do runs a call through the engine and waits for its single callback.
func (x *fuzzEngine) do(t *testing.T, call func(cb Callback) int) Delivery {
	t.Helper()
	id := x.next
	x.next++
	if r := call(Callback{Fn: id, UserData: id}); r != tim.Succ {
		t.Fatalf("setup call rejected: %d", r)
	}
	ds := x.sink.wait(id)
	if len(ds) != 1 {
		t.Fatalf("setup call: %d callbacks", len(ds))
	}
	return ds[0]
}

// reset logs out, removes the cache and logs in again with a few conversations and a group.
func (x *fuzzEngine) reset(t *testing.T) {
	t.Helper()
	x.do(t, x.e.Logout)
	os.RemoveAll(filepath.Join(x.dir, "1"))
	if d := x.do(t, func(cb Callback) int { return x.e.Login("fuzz", "sig", cb) }); d.Code != 0 {
		t.Fatalf("login: %d %s", d.Code, d.Desc)
	}
	x.do(t, func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_unread_num":1},{"conv_id":"b","conv_type":1},{"conv_id":"g","conv_type":2,"conv_group_at_info_array":[{"conv_group_at_info_seq":1,"conv_group_at_info_at_type":1}]}]`, cb)
	})
	x.do(t, func(cb Callback) int { return x.e.CreateGroup("work", `["c2c_a","group_g"]`, cb) })
	x.calls = 0
}

// FuzzCalls drives every engine entry point that decodes host input (ID arrays, upsert items,
// filters, GetConvInfo params, drafts, names, custom data, marks, paging arguments) with fuzzed
// arguments against a real cache, and checks the header's calling model on each: a rejected
// call (non-zero TIMResult) never calls back; an accepted one calls back exactly once, with a
// known callback code (never 6019) and UTF-8, well-formed JSON. Never a panic, never a hang.
func FuzzCalls(f *testing.F) {
	type seed struct {
		op   uint8
		a, b string
		n    uint64
		flag bool
	}
	for _, s := range []seed{
		{0, `[{"conv_id":"x","conv_type":1,"conv_show_name":"X","conv_unread_num":3,"conv_last_msg":{"t":"hi"},"conv_draft":{"draft_msg":{},"draft_user_define":"u"}}]`, "", 0, false},
		{0, `[{"conv_id":"y","conv_type":2,"conv_group_at_info_array":[{"conv_group_at_info_seq":5,"conv_group_at_info_at_type":2}],"conv_recv_opt":2}]`, "", 0, false},
		{0, `[1,{"conv_id":"x"},{"conv_id":"x","conv_type":3},{"conv_id":"` + "\xff" + `","conv_type":1}]`, "", 0, false},
		{0, `[{"conv_id":"a","conv_type":1,"conv_last_msg":{"k":"` + "\xff" + `"}}]`, "", 0, false},
		{1, `[{"get_conversation_list_param_conv_id":"a","get_conversation_list_param_conv_type":1}]`, "", 0, false},
		{1, `[{"get_conversation_list_param_conv_id":"a","get_conversation_list_param_conv_type":9}]`, "", 0, false},
		{2, "a", "", 1, false}, {2, "zz", "", 2, false},
		{3, `["c2c_a","group_g","c2c_none"]`, "", 0, true},
		{4, "a", `{"draft_msg":{"m":1},"draft_user_define":"ud","draft_edit_time":5}`, 1, false},
		{4, "a", `{"draft_msg":{"m":"` + "\xfe" + `"}}`, 1, false},
		{5, "a", "", 1, false},
		{6, `["c2c_a","c2c_b"]`, "custom", 0, false}, {6, `["c2c_a"]`, "\xff", 0, false},
		{7, "a", "", 1, true}, {7, "g", "", 2, false},
		{8, `["c2c_a","c2c_b"]`, "", 1 | 1<<40, true}, {8, `["c2c_a"]`, "", 0x10, true},
		{9, `{"conversation_list_filter_conv_type":1,"conversation_list_filter_has_unread_count":true}`, "", 0, false},
		{10, `{"conversation_list_filter_conversation_group":"work"}`, "", 0, true},
		{10, `{"conversation_list_filter_mark_type":1}`, "", 0, false},
		{11, "c2c_a", "", 0, false}, {11, "group", "", 0, false}, {11, "bogus", "", 0, false},
		{12, `{"conversation_list_filter_conversation_group":"work"}`, "", 2, false},
		{12, `{}`, "", 1 << 40, false}, {12, `{"conversation_list_filter_has_group_at_info":true}`, "", 1000, false},
		{13, "work2", `["c2c_a","c2c_b"]`, 0, false}, {13, "", `["c2c_a"]`, 0, false}, {13, "123456789012345678901234567890123", `["c2c_a"]`, 0, false},
		{14, "work", `["c2c_b","c2c_zz","group_"]`, 0, false},
		{15, "work", `["c2c_a"]`, 0, false},
		{16, "work", "", 0, false},
		{17, "work", "play", 0, false}, {17, "work", "work", 0, false},
		{18, "", "", 0, false},
	} {
		f.Add(s.op, s.a, s.b, s.n, s.flag)
	}
	x := newFuzzEngine(f)
	f.Fuzz(func(t *testing.T, op uint8, a, b string, n uint64, flag bool) {
		if x.calls == 0 || x.calls >= 300 {
			x.reset(t)
		}
		x.calls++
		e := x.e
		id := x.next
		x.next++
		cb := Callback{Fn: id, UserData: id}
		typ := int32(n % 4)
		var r int
		async := true
		switch op % 19 {
		case 0:
			r = e.UpsertConversations(a, cb)
		case 1:
			r = e.GetConvInfo(a, cb)
		case 2:
			r = e.DeleteConv(a, typ, cb)
		case 3:
			r = e.DeleteConvList(a, flag, cb)
		case 4:
			async = false
			r = e.SetDraft(a, typ, b)
			if r != tim.Succ && r != tim.ErrJSON && r != tim.ErrParam && r != tim.ErrConv {
				t.Fatalf("SetDraft(%q, %d, %q) = %d", a, typ, b, r)
			}
		case 5:
			async = false
			r = e.CancelDraft(a, typ)
			if r != tim.Succ && r != tim.ErrParam && r != tim.ErrConv {
				t.Fatalf("CancelDraft(%q, %d) = %d", a, typ, r)
			}
		case 6:
			r = e.SetCustomData(a, b, cb)
		case 7:
			r = e.PinConv(a, typ, flag, cb)
		case 8:
			r = e.MarkConvs(a, n, flag, cb)
		case 9:
			r = e.GetUnreadByFilter(a, cb)
		case 10:
			async = false
			if flag {
				r = e.SubscribeUnread(a)
			} else {
				r = e.UnsubscribeUnread(a)
			}
			if r != tim.Succ && r != tim.ErrJSON && r != tim.ErrParam {
				t.Fatalf("(Un)SubscribeUnread(%q) = %d", a, r)
			}
		case 11:
			r = e.CleanUnread(a, n, n>>1, cb)
		case 12:
			r = e.GetListByFilter(a, n>>16, uint32(n), cb)
		case 13:
			r = e.CreateGroup(a, b, cb)
		case 14:
			r = e.AddToGroup(a, b, cb)
		case 15:
			r = e.DeleteFromGroup(a, b, cb)
		case 16:
			r = e.DeleteGroup(a, cb)
		case 17:
			r = e.RenameGroup(a, b, cb)
		case 18:
			r = e.GetGroupList(cb)
		}
		if async {
			switch r {
			case tim.Succ:
				ds := x.sink.wait(id)
				if len(ds) != 1 {
					t.Fatalf("op %d (%q, %q, %d, %v): accepted, %d callbacks", op%19, a, b, n, flag, len(ds))
				}
				if d := ds[0]; !knownCodes[d.Code] {
					t.Fatalf("op %d (%q, %q, %d, %v): code %d (%s)", op%19, a, b, n, flag, d.Code, d.Desc)
				}
			case tim.ErrJSON, tim.ErrParam:
				// A barrier: every call accepted before it has called back once it has.
				x.do(t, e.GetGroupList)
				if c := x.sink.count(id); c != 0 {
					t.Fatalf("op %d (%q, %q): rejected with %d, yet %d callbacks", op%19, a, b, r, c)
				}
			default:
				t.Fatalf("op %d (%q, %q, %d, %v): TIMResult %d", op%19, a, b, n, flag, r)
			}
		}
		if p := x.sink.problems(); len(p) > 0 {
			t.Fatalf("op %d (%q, %q, %d, %v): %v", op%19, a, b, n, flag, p)
		}
	})
}
