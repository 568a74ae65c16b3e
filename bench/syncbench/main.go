// Command syncbench measures the pushes per second the reference sync backend
// (cmd/timconvsyncd) sustains from concurrent clients, on a throw-away PostgreSQL it starts
// itself (internal/pgtest). Two rounds: every client a different user (pushes in parallel),
// then every client a device of one user (pushes serialised by that user's row lock). It also
// reports the CPU time the backend and PostgreSQL used, to show which one bounds the rate.
//
//	go run ./bench/syncbench -backend build/timconvsyncd -clients 50 -seconds 10
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/internal/pgtest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "syncbench:", err)
		os.Exit(1)
	}
}

func run() error {
	backend := flag.String("backend", "build/timconvsyncd", "the timconvsyncd binary")
	clients := flag.Int("clients", 50, "concurrent clients")
	seconds := flag.Int("seconds", 10, "seconds per round")
	opsPerPush := flag.Int("ops", 4, "operations per push")
	convs := flag.Int("convs", 100000, "conversations of the device of the round-trip rows (0: skip them)")
	rounds := flag.Int("rounds", 15, "sync rounds of that device")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of that device's rounds")
	pushes := flag.Bool("pushes", true, "run the pushes-per-second rounds")
	backendProfile := flag.String("backend-cpuprofile", "", "have the backend write a CPU profile of the whole run to this file")
	flag.Parse()

	st, err := startStack(false, *clients, *backend, *backendProfile)
	if err != nil {
		return err
	}
	defer func() { st.stop() }() // the stack running at the end
	url := st.url

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients * 2, MaxConnsPerHost: *clients * 2}}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("syncbench: %d CPUs, load average %s at start (the figures are medians; on a shared machine they move from run to run)\n\n",
		runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	if *convs > 0 {
		fmt.Printf("sync on a device with %d conversations, %d in %d groups (marks on 200, custom data on 100, 100 pinned);\n"+
			"per round another device pushed 100 operations of mixed kinds and this one made 2 changes; %d rounds\n\n",
			*convs, devGroups*devMembers, devGroups, *rounds)
		r, err := deviceRounds(client, url, *convs, *rounds, *cpuprofile)
		if err != nil {
			return fmt.Errorf("device: %w", err)
		}
		fmt.Printf("| device round | median | max |\n|---|--:|--:|\n")
		fmt.Printf("| round trip: TIMConvSyncGetPendingChanges → POST /v1/sync → TIMConvSyncApply | %.2f ms | %.2f ms |\n", ms(median(r.roundTrip)), ms(maxOf(r.roundTrip)))
		fmt.Printf("| TIMConvSyncApply alone (call → callback) | %.2f ms | %.2f ms |\n", ms(median(r.apply)), ms(maxOf(r.apply)))
		fmt.Printf("| CPU time of the process during that apply | %.2f ms | %.2f ms |\n\n", ms(median(r.applyCPU)), ms(maxOf(r.applyCPU)))
		fmt.Printf("Each apply: %d listener deliveries, %d conversations in kTIMConvEvent_Update.\n\n", r.events, r.updated)
		if !*pushes {
			return nil
		}
	}
	fmt.Printf("sync backend: %d concurrent clients, %d ops per push, %d s per round\n\n", *clients, *opsPerPush, *seconds)
	fmt.Printf("| round | PostgreSQL | pushes/s | ops/s | p50 | p99 | backend CPU | PostgreSQL CPU | PostgreSQL's share | backend CPU per push | PostgreSQL CPU per push | bench clients' CPU |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, durable := range []bool{false, true} {
		if durable {
			st.stop()
			if st, err = startStack(true, *clients, *backend, ""); err != nil {
				return err
			}
		}
		mode := "fsync off"
		if durable {
			mode = "durable (fsync on)"
		}
		for _, shared := range []bool{false, true} {
			r, err := round(client, st, *clients, *opsPerPush, time.Duration(*seconds)*time.Second, shared)
			if err != nil {
				return err
			}
			name := fmt.Sprintf("%d users, one device each", *clients)
			if shared {
				name = fmt.Sprintf("one user, %d devices", *clients)
			}
			fmt.Printf("| %s | %s | %.0f | %.0f | %.2f ms | %.2f ms | %.0f %% | %.0f %% | %.0f %% | %.0f µs | %.0f µs | %.0f %% |\n", name, mode, r.rate, r.rate*float64(*opsPerPush),
				ms(r.p50), ms(r.p99), r.backendCPU*100, r.pgCPU*100, 100*r.pgCPU/(r.pgCPU+r.backendCPU),
				1e6*r.backendCPU/r.rate, 1e6*r.pgCPU/r.rate, r.clientCPU*100)
		}
	}
	fmt.Println("\nCPU: seconds of CPU per second of wall time (100 % = one core); PostgreSQL's share: of the")
	fmt.Println("CPU the backend and PostgreSQL used together; the bench clients run on the same cores.")
	fmt.Println("fsync off: the CPU each side spends; durable: PostgreSQL flushes every commit, as deployed.")
	return nil
}

// stack is a PostgreSQL of the bench's own and a timconvsyncd on it.
type stack struct {
	pg         *pgtest.Server
	cmd        *exec.Cmd
	url        string
	postmaster int // the PID of the PostgreSQL server (from its postmaster.pid)
	dir        string
}

// startStack starts PostgreSQL (durable: with fsync on) and the backend with a token for each
// of the clients, the shared user and the device.
func startStack(durable bool, clients int, backend, profile string) (st *stack, err error) {
	st = &stack{}
	defer func() {
		if err != nil {
			st.stop()
		}
	}()
	if durable {
		st.pg, err = pgtest.StartDurable()
	} else {
		st.pg, err = pgtest.Start()
	}
	if err != nil {
		return st, err
	}
	dsn, err := st.pg.CreateDB("bench")
	if err != nil {
		return st, err
	}
	if b, err := os.ReadFile(filepath.Join(st.pg.Dir, "data", "postmaster.pid")); err == nil {
		st.postmaster, _ = strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	}
	if st.postmaster == 0 {
		return st, fmt.Errorf("no postmaster.pid in %s", st.pg.Dir)
	}
	tokens := map[string]string{}
	for i := 0; i < clients; i++ {
		tokens[token(i)] = fmt.Sprintf("user%d", i)
	}
	tokens[sharedToken] = "shared"
	tokens[devToken] = deviceUser
	if st.dir, err = os.MkdirTemp("", "syncbench-"); err != nil {
		return st, err
	}
	cfg, _ := json.Marshal(map[string]any{"listen": "127.0.0.1:0", "database_url": dsn, "tokens": tokens, "max_db_conns": 16})
	cfgPath := filepath.Join(st.dir, "config.json")
	if err := os.WriteFile(cfgPath, cfg, 0o600); err != nil {
		return st, err
	}
	args := []string{"-config", cfgPath}
	if profile != "" {
		args = append(args, "-cpuprofile", profile)
	}
	cmd := exec.Command(backend, args...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		return st, fmt.Errorf("%s: %w (make sync-backend)", backend, err)
	}
	st.cmd = cmd
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "listening" {
			st.url = "http://" + rec["addr"].(string)
			break
		}
	}
	if st.url == "" {
		return st, fmt.Errorf("the backend did not start")
	}
	go io.Copy(io.Discard, stderr) // request logs
	return st, nil
}

// stop stops the backend (gracefully: that writes its profile) and PostgreSQL; it can be
// called more than once.
func (st *stack) stop() {
	if st.cmd != nil {
		st.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { st.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			st.cmd.Process.Kill()
			<-done
		}
		st.cmd = nil
	}
	if st.pg != nil {
		st.pg.Stop()
		st.pg = nil
	}
	if st.dir != "" {
		os.RemoveAll(st.dir)
		st.dir = ""
	}
}

const sharedToken = "token-shared-user-0123456789"

func token(i int) string { return fmt.Sprintf("token-bench-%03d-0123456789", i) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type result struct {
	rate                         float64
	p50, p99                     time.Duration
	backendCPU, pgCPU, clientCPU float64
}

// ops returns the n operations of push number p of a client: its 10 conversations join and
// leave the group and get marked and unmarked, so the state stays small (500 conversations
// for 50 devices of one user, within the 1000 budget).
func ops(c, p, n int, first uint64) []roam.Op {
	out := make([]roam.Op, n)
	for i := range out {
		id := fmt.Sprintf("c2c_b%dx%d", c, (p*n+i)%10)
		switch (p*n + i) % 4 {
		case 0:
			out[i] = roam.Op{Type: roam.OpGroupAdd, Name: "Bench", ConvIDs: []string{id}}
		case 1:
			out[i] = roam.Op{Type: roam.OpMark, Marks: 1, Enable: true, ConvIDs: []string{id}}
		case 2:
			out[i] = roam.Op{Type: roam.OpGroupRemove, Name: "Bench", ConvIDs: []string{id}}
		default:
			out[i] = roam.Op{Type: roam.OpMark, Marks: 1, Enable: false, ConvIDs: []string{id}}
		}
		out[i].ID = first + uint64(i)
	}
	return out
}

func round(client *http.Client, st *stack, clients, n int, d time.Duration, shared bool) (result, error) {
	url, pid := st.url, st.cmd.Process.Pid
	post := func(tok, body string) (uint64, error) {
		req, _ := http.NewRequest("POST", url+"/v1/sync", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return 0, fmt.Errorf("push: %d %s", resp.StatusCode, b)
		}
		return gjson.GetBytes(b, roam.KeyStateVersion).Uint(), nil
	}
	prefix := "own"
	if shared {
		prefix = "shared"
	}
	// Each user gets its group "Bench" first.
	for c := 0; c < clients; c++ {
		tok := token(c)
		if shared {
			tok = sharedToken
		}
		create := roam.Push{ClientID: fmt.Sprintf("%s-setup-%d", prefix, c), Ops: []roam.Op{{ID: 1, Type: roam.OpGroupCreate, GroupID: "bench", Name: "Bench"}}}
		if _, err := post(tok, string(roam.EncodePush(&create))); err != nil {
			return result{}, err
		}
	}
	var count atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	stop := time.Now().Add(d)
	cpu0, pg0, self0 := cpuOf(pid), cpuOfPostgres(st.postmaster), cpuTime()
	t0 := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			tok := token(c)
			if shared {
				tok = sharedToken
			}
			var mine []time.Duration
			next := uint64(1)
			var version uint64
			for p := 0; time.Now().Before(stop); p++ {
				push := roam.Push{ClientID: fmt.Sprintf("%s-%d", prefix, c), LastVersion: version, Ops: ops(c, p, n, next)}
				next += uint64(n)
				s := time.Now()
				v, err := post(tok, string(roam.EncodePush(&push)))
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				version = v // acknowledges rejections, as a device does
				mine = append(mine, time.Since(s))
				count.Add(1)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	wall := time.Since(t0).Seconds()
	cpu1, pg1, self1 := cpuOf(pid), cpuOfPostgres(st.postmaster), cpuTime()
	if firstErr != nil {
		return result{}, firstErr
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := result{rate: float64(count.Load()) / wall, backendCPU: (cpu1 - cpu0) / wall, pgCPU: (pg1 - pg0) / wall, clientCPU: (self1 - self0).Seconds() / wall}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r, nil
}

var clkTck = 100.0 // USER_HZ on Linux

// statFields returns the fields of /proc/PID/stat after the command name (nil when unknown):
// field 0 is the state, 1 the parent PID, 11 and 12 the user and system time.
func statFields(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

// cpuOf returns the user+system CPU seconds of a process (0 when unknown).
func cpuOf(pid int) float64 {
	f := statFields(pid)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / clkTck
}

// cpuOfPostgres sums the CPU seconds of the bench's PostgreSQL: its postmaster and every live
// child (the connections' backends, the checkpointer, the WAL writer, ...); other PostgreSQL
// servers on the machine are not counted. Backends that exited are not counted either: the
// bench's connections live through the round.
func cpuOfPostgres(postmaster int) float64 {
	total := cpuOf(postmaster)
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if parentOf(pid) == postmaster {
			total += cpuOf(pid)
		}
	}
	return total
}

// parentOf returns a process's parent PID (0 when unknown).
func parentOf(pid int) int {
	f := statFields(pid)
	if len(f) < 2 {
		return 0
	}
	p, _ := strconv.Atoi(f[1])
	return p
}
