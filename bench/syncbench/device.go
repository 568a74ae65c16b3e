package main

// The device side of a sync round on a large cache: one device holds n conversations, 1,000 of
// them in 20 groups, marks, pins and custom data on some; another device of the same user
// pushes 100 operations of mixed kinds; then the first device does one round — its pending
// changes (TIMConvSyncGetPendingChanges), the HTTP POST to the backend, the apply of the answer
// (TIMConvSyncApply) — timed whole and the apply alone.

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/engine"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

const (
	devGroups  = 20
	devMembers = 50 // per group: 1,000 grouped conversations
	deviceUser = "devuser"
	devToken   = "token-device-user-0123456789"
)

// benchSink hands each call's result back; listeners are all set (the events are built and
// delivered, as in an app that shows the list).
type benchSink struct {
	mu      sync.Mutex
	results map[uintptr]chan engine.Delivery
	events  int
	updated int // conversations in kTIMConvEvent_Update events
}

func (s *benchSink) Wants(engine.Kind) bool { return true }

func (s *benchSink) Deliver(ds []engine.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		if d.Kind == engine.KindResult {
			if ch := s.results[d.CB.Fn]; ch != nil {
				delete(s.results, d.CB.Fn)
				ch <- d
			}
		} else if d.Kind != engine.KindLog {
			s.events++
			if d.Kind == engine.KindConvEvent && d.Event == tim.EventUpdate {
				s.updated += int(gjson.Get(d.JSON, "#").Int())
			}
		}
	}
}

type benchDevice struct {
	e    *engine.Engine
	sink *benchSink
	seq  uintptr
}

func (d *benchDevice) call(fn func(cb engine.Callback) int) (string, error) {
	d.seq++
	ch := make(chan engine.Delivery, 1)
	d.sink.mu.Lock()
	d.sink.results[d.seq] = ch
	d.sink.mu.Unlock()
	if r := fn(engine.Callback{Fn: d.seq}); r != tim.Succ {
		return "", fmt.Errorf("call rejected with %d", r)
	}
	r := <-ch
	if r.Code != 0 {
		return "", fmt.Errorf("code %d: %s", r.Code, r.Desc)
	}
	return r.JSON, nil
}

// grouped(i), i in 0..999, are the grouped conversations (even numbers); loose(i), i in
// 0..4999, are never grouped (odd numbers).
func grouped(i int) string   { return fmt.Sprintf("c2c_u%06d", i*100) }
func loose(i int) string     { return fmt.Sprintf("c2c_u%06d", i*20+1) }
func groupName(g int) string { return fmt.Sprintf("group%02d", g) }

// otherOps is push number i of the other device: 100 operations of mixed kinds on the grouped
// conversations (marks, pins, custom data, moves between groups, one rename); odd pushes undo
// what the even ones before did, so the state stays the same size.
func otherOps(i int, first uint64) []roam.Op {
	on := i%2 == 0
	h := i / 2
	out := make([]roam.Op, 0, 100)
	for j := 0; j < 100; j++ {
		k := h*100 + j
		var op roam.Op
		switch j % 10 {
		case 0, 1, 2:
			op = roam.Op{Type: roam.OpMark, ConvIDs: []string{grouped(k * 37 % 1000)}, Marks: 2, Enable: on}
		case 3:
			op = roam.Op{Type: roam.OpPin, ConvID: loose(k * 13 % 5000), Pinned: on}
		case 4:
			op = roam.Op{Type: roam.OpCustomData, ConvIDs: []string{grouped(k * 53 % 1000)}, CustomData: fmt.Sprintf("round %d", i)}
		case 5:
			m := k * 71 % 1000
			op = roam.Op{Type: roam.OpGroupAdd, Name: groupName((m/devMembers + 1) % devGroups), ConvIDs: []string{grouped(m)}}
			if !on {
				op.Type = roam.OpGroupRemove
			}
		case 6:
			var ids []string
			for x := 0; x < 5; x++ {
				ids = append(ids, grouped((k*29+x*200)%1000))
			}
			op = roam.Op{Type: roam.OpMark, ConvIDs: ids, Marks: 4, Enable: on}
		case 7:
			op = roam.Op{Type: roam.OpPin, ConvID: grouped(k * 17 % 1000), Pinned: on}
		case 8:
			op = roam.Op{Type: roam.OpMark, ConvIDs: []string{grouped(k * 11 % 1000)}, Marks: 1 << 40, Enable: on}
		default:
			if j == 9 {
				a, b := "group05", "group05-renamed"
				if !on {
					a, b = b, a
				}
				op = roam.Op{Type: roam.OpGroupRename, Name: a, NewName: b}
			} else {
				op = roam.Op{Type: roam.OpCustomData, ConvIDs: []string{grouped(k * 43 % 1000)}, CustomData: ""}
			}
		}
		op.ID = first + uint64(j)
		out = append(out, op)
	}
	return out
}

type deviceResult struct {
	convs            int
	setup            time.Duration
	apply, roundTrip []time.Duration
	applyCPU         []time.Duration // CPU time of the process during the apply
	events, updated  int             // per apply
}

// deviceRounds builds the device and runs the rounds.
func deviceRounds(client *http.Client, url string, convs, rounds int, cpuprofile string) (*deviceResult, error) {
	dir, err := os.MkdirTemp("", "syncbench-device-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	sink := &benchSink{results: map[uintptr]chan engine.Delivery{}}
	d := &benchDevice{e: engine.New(sink), sink: sink}
	if r := d.e.Init(1400000000, engine.Config{DataDir: dir, DispatchMode: engine.DispatchLibrary}); r != tim.Succ {
		return nil, fmt.Errorf("Init = %d", r)
	}
	defer d.e.Close()
	t0 := time.Now()
	if _, err := d.call(func(cb engine.Callback) int { return d.e.Login(deviceUser, "sig", cb) }); err != nil {
		return nil, fmt.Errorf("login: %w", err)
	}
	for b := 0; b < convs/1000; b++ {
		var items []string
		for i := 0; i < 1000; i++ {
			k := b*1000 + i
			items = append(items, fmt.Sprintf(`{"conv_id":"u%06d","conv_type":1,"conv_active_time":%d,"conv_unread_num":%d,"conv_show_name":"User %d","conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}}`,
				k, 1700000000+k, k%7, k, k))
		}
		if _, err := d.call(func(cb engine.Callback) int { return d.e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) }); err != nil {
			return nil, fmt.Errorf("upsert: %w", err)
		}
	}
	quoted := func(ids []string) string { return `["` + strings.Join(ids, `","`) + `"]` }
	for g := 0; g < devGroups; g++ {
		for part := 0; part < devMembers/50; part++ {
			var ids []string
			for m := 0; m < 50; m++ {
				ids = append(ids, grouped(g*devMembers+part*50+m))
			}
			if _, err := d.call(func(cb engine.Callback) int {
				if part == 0 {
					return d.e.CreateGroup(groupName(g), quoted(ids), cb)
				}
				return d.e.AddToGroup(groupName(g), quoted(ids), cb)
			}); err != nil {
				return nil, fmt.Errorf("group: %w", err)
			}
		}
	}
	var marked, custom []string
	for i := 0; i < 200; i++ {
		marked = append(marked, grouped(i*5))
	}
	for i := 0; i < 100; i++ {
		custom = append(custom, grouped(i*10+1))
	}
	for _, part := range [][]string{marked[:100], marked[100:]} {
		if _, err := d.call(func(cb engine.Callback) int { return d.e.MarkConvs(quoted(part), 1, true, cb) }); err != nil {
			return nil, err
		}
	}
	if _, err := d.call(func(cb engine.Callback) int { return d.e.SetCustomData(quoted(custom), "vip", cb) }); err != nil {
		return nil, err
	}
	for i := 0; i < 100; i++ {
		id := strings.TrimPrefix(loose(i*50), "c2c_")
		if _, err := d.call(func(cb engine.Callback) int { return d.e.PinConv(id, 1, true, cb) }); err != nil {
			return nil, err
		}
	}
	post := func(tok, body string) (string, error) {
		req, _ := http.NewRequest("POST", url+"/v1/sync", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return "", fmt.Errorf("push: %d %s", resp.StatusCode, b)
		}
		return string(b), nil
	}
	var applyTime, applyCPU time.Duration
	round := func() error {
		p, err := d.call(func(cb engine.Callback) int { return d.e.SyncGetPendingChanges(0, cb) })
		if err != nil {
			return err
		}
		answer, err := post(devToken, p)
		if err != nil {
			return err
		}
		t, c := time.Now(), cpuTime()
		r, err := d.call(func(cb engine.Callback) int { return d.e.SyncApply(answer, cb) })
		applyTime, applyCPU = time.Since(t), cpuTime()-c
		if err != nil {
			return err
		}
		if !strings.Contains(r, `"sync_apply_is_applied":true`) || !strings.Contains(r, `"sync_apply_pending_count":0`) {
			return fmt.Errorf("apply: %s", r)
		}
		return nil
	}
	// The device's first sync pushes what it made (20 groups, marks, custom data, pins).
	if err := round(); err != nil {
		return nil, fmt.Errorf("first sync: %w", err)
	}
	res := &deviceResult{convs: convs, setup: time.Since(t0)}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	next := uint64(1)
	for i := 0; i < rounds; i++ {
		// The other device pushes 100 operations; this device made two changes of its own.
		push := roam.Push{ClientID: "other-device", Ops: otherOps(i, next)}
		next += uint64(len(push.Ops))
		if _, err := post(devToken, string(roam.EncodePush(&push))); err != nil {
			return nil, err
		}
		if _, err := d.call(func(cb engine.Callback) int {
			return d.e.MarkConvs(quoted([]string{grouped(i * 7 % 1000)}), 8, i%2 == 0, cb)
		}); err != nil {
			return nil, err
		}
		if _, err := d.call(func(cb engine.Callback) int {
			return d.e.SetCustomData(quoted([]string{grouped(i*7%1000 + 1)}), fmt.Sprintf("mine %d", i), cb)
		}); err != nil {
			return nil, err
		}
		sink.mu.Lock()
		ev0, up0 := sink.events, sink.updated
		sink.mu.Unlock()
		t := time.Now()
		if err := round(); err != nil {
			return nil, fmt.Errorf("round %d: %w", i, err)
		}
		res.roundTrip = append(res.roundTrip, time.Since(t))
		res.apply = append(res.apply, applyTime)
		res.applyCPU = append(res.applyCPU, applyCPU)
		sink.mu.Lock()
		res.events += sink.events - ev0
		res.updated += sink.updated - up0
		sink.mu.Unlock()
	}
	res.events /= max(rounds, 1)
	res.updated /= max(rounds, 1)
	return res, nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func maxOf(ds []time.Duration) time.Duration {
	var m time.Duration
	for _, d := range ds {
		m = max(m, d)
	}
	return m
}

// cpuTime is the CPU time (user + system) of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
