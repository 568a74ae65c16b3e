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
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	flag.Parse()

	pg, err := pgtest.Start()
	if err != nil {
		return err
	}
	defer pg.Stop()
	dsn, err := pg.CreateDB("bench")
	if err != nil {
		return err
	}
	tokens := map[string]string{}
	for i := 0; i < *clients; i++ {
		tokens[token(i)] = fmt.Sprintf("user%d", i)
	}
	tokens[sharedToken] = "shared"
	dir, err := os.MkdirTemp("", "syncbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg, _ := json.Marshal(map[string]any{"listen": "127.0.0.1:0", "database_url": dsn, "tokens": tokens, "max_db_conns": 16})
	cfgPath := filepath.Join(dir, "config.json")
	if err := os.WriteFile(cfgPath, cfg, 0o600); err != nil {
		return err
	}
	cmd := exec.Command(*backend, "-config", cfgPath)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w (make sync-backend)", *backend, err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	url := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "listening" {
			url = "http://" + rec["addr"].(string)
			break
		}
	}
	if url == "" {
		return fmt.Errorf("the backend did not start")
	}
	go io.Copy(io.Discard, stderr) // request logs

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients * 2, MaxConnsPerHost: *clients * 2}}
	fmt.Printf("sync backend: %d concurrent clients, %d ops per push, %d s per round, 2 cores shared\n\n", *clients, *opsPerPush, *seconds)
	fmt.Printf("| round | pushes/s | ops/s | p50 | p99 | backend CPU | PostgreSQL CPU |\n|---|--:|--:|--:|--:|--:|--:|\n")
	for _, shared := range []bool{false, true} {
		r, err := round(client, url, cmd.Process.Pid, *clients, *opsPerPush, time.Duration(*seconds)*time.Second, shared)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%d users, one device each", *clients)
		if shared {
			name = fmt.Sprintf("one user, %d devices", *clients)
		}
		fmt.Printf("| %s | %.0f | %.0f | %.2f ms | %.2f ms | %.0f %% | %.0f %% |\n", name, r.rate, r.rate*float64(*opsPerPush),
			ms(r.p50), ms(r.p99), r.backendCPU*100, r.pgCPU*100)
	}
	fmt.Println("\nCPU: seconds of CPU per second of wall time (100 % = one core).")
	return nil
}

const sharedToken = "token-shared-user-0123456789"

func token(i int) string { return fmt.Sprintf("token-bench-%03d-0123456789", i) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type result struct {
	rate              float64
	p50, p99          time.Duration
	backendCPU, pgCPU float64
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

func round(client *http.Client, url string, pid, clients, n int, d time.Duration, shared bool) (result, error) {
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
	cpu0, pg0 := cpuOf(pid), cpuOfPostgres()
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
	cpu1, pg1 := cpuOf(pid), cpuOfPostgres()
	if firstErr != nil {
		return result{}, firstErr
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r := result{rate: float64(count.Load()) / wall, backendCPU: (cpu1 - cpu0) / wall, pgCPU: (pg1 - pg0) / wall}
	if len(lat) > 0 {
		r.p50, r.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r, nil
}

var clkTck = 100.0 // USER_HZ on Linux

// cpuOf returns the user+system CPU seconds of a process (0 when unknown).
func cpuOf(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / clkTck
}

// cpuOfPostgres sums the CPU seconds of every live postgres process (the bench's server is
// the only one expected; backends that exited are not counted, the bench's connections live
// through the round).
func cpuOfPostgres() float64 {
	ents, _ := os.ReadDir("/proc")
	total := 0.0
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		if err != nil || strings.TrimSpace(string(comm)) != "postgres" {
			continue
		}
		total += cpuOf(pid)
	}
	return total
}
