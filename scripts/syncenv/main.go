// Command syncenv starts a throw-away sync backend for tests and demos: a PostgreSQL of its own
// (internal/pgtest: initdb in a temporary directory, a unix socket, run as an unprivileged user
// when started as root), then build/timconvsyncd on a free local port with one random bearer
// token per user. When /healthz answers it prints one JSON line on stdout,
//
//	{"url":"http://127.0.0.1:PORT","tokens":{"alice":"…","bob":"…"},"backend_pid":N,"backend_log":"…"}
//
// and keeps both running until its stdin reaches end of file (the parent closed the pipe or
// died) or it gets SIGINT/SIGTERM; then it stops the backend and PostgreSQL and removes the
// temporary directory. If the backend exits on its own, syncenv stops PostgreSQL and exits 1.
// Errors (PostgreSQL not installed, the backend missing) go to stderr with exit status 1.
//
//	go build -o build/syncenv ./scripts/syncenv     (make sync-env)
//	build/syncenv -backend build/timconvsyncd -users alice,bob
//
// The Python binding's tests (bindings/python/tests/conftest.py) and `make demo-sync` use it.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/timconvgroup/timconvgroup/internal/pgtest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "syncenv:", err)
		os.Exit(1)
	}
}

func run() error {
	backend := flag.String("backend", "build/timconvsyncd", "the timconvsyncd binary (make sync-backend)")
	users := flag.String("users", "alice,bob", "comma-separated user ids; each gets a random token")
	logPath := flag.String("log", "", "file for the backend's JSON request log (default: in the temporary directory, removed at the end)")
	flag.Parse()

	if _, err := os.Stat(*backend); err != nil {
		return fmt.Errorf("the backend %s is missing: build it with `make sync-backend`", *backend)
	}
	tokens := map[string]string{} // token -> user (the backend's config)
	byUser := map[string]string{} // user -> token (what syncenv prints)
	for _, u := range strings.Split(*users, ",") {
		u = strings.TrimSpace(u)
		if u == "" {
			continue
		}
		if _, dup := byUser[u]; dup {
			return fmt.Errorf("user %q is listed twice", u)
		}
		tok := "tok-" + randomHex(16)
		tokens[tok], byUser[u] = u, tok
	}
	if len(tokens) == 0 {
		return errors.New("-users names no user")
	}

	// Stop on SIGINT/SIGTERM from the start: PostgreSQL may take seconds to come up.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	pg, err := pgtest.Start()
	if err != nil {
		return err
	}
	defer pg.Stop()
	dsn, err := pg.CreateDB("timconvsync")
	if err != nil {
		return err
	}
	cfg, _ := json.Marshal(map[string]any{"listen": "127.0.0.1:0", "database_url": dsn, "tokens": tokens, "max_db_conns": 4})
	work, err := os.MkdirTemp("", "tcg-syncenv-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	cfgPath := filepath.Join(work, "timconvsyncd.json")
	if err := os.WriteFile(cfgPath, cfg, 0o600); err != nil {
		return err
	}
	if *logPath == "" {
		*logPath = filepath.Join(work, "timconvsyncd.log")
	}
	logf, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()

	cmd := exec.Command(*backend, "-config", cfgPath)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", *backend, err)
	}
	exited := make(chan struct{})
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-exited
			}
		}
	}()

	// The backend logs {"msg":"listening","addr":"127.0.0.1:PORT"} once it listens; every line
	// (that one included) also goes to the log file.
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			line := sc.Bytes()
			logf.Write(append(line, '\n'))
			if sent {
				continue
			}
			var rec map[string]any
			if json.Unmarshal(line, &rec) == nil && rec["msg"] == "listening" {
				if a, ok := rec["addr"].(string); ok {
					addrc <- a
					sent = true
				}
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	go func() { cmd.Wait(); close(exited) }()

	var url string
	select {
	case a := <-addrc:
		url = "http://" + a
	case <-exited:
		return fmt.Errorf("the backend exited at start-up: %s", tail(*logPath))
	case <-ctx.Done():
		return errors.New("interrupted")
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("the backend did not listen within 2 minutes: %s", tail(*logPath))
	}
	if err := waitHealthy(ctx, url, exited); err != nil {
		return fmt.Errorf("%w: %s", err, tail(*logPath))
	}

	out, _ := json.Marshal(map[string]any{"url": url, "tokens": byUser, "backend_pid": cmd.Process.Pid, "backend_log": *logPath})
	fmt.Println(string(out))
	fmt.Fprintf(os.Stderr, "syncenv: backend %s ready (PostgreSQL in %s); close stdin or send SIGINT to stop\n", url, pg.Dir)

	eof := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(eof) }()
	select {
	case <-eof:
	case <-ctx.Done():
	case <-exited:
		return fmt.Errorf("the backend exited: %s", tail(*logPath))
	}
	return nil
}

func waitHealthy(ctx context.Context, url string, exited <-chan struct{}) error {
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return errors.New("the backend exited before /healthz answered")
		case <-ctx.Done():
			return errors.New("interrupted")
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("/healthz did not answer 200 within a minute")
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return hex.EncodeToString(b)
}

// tail is the end of the backend's log, for error messages.
func tail(path string) string {
	b, _ := os.ReadFile(path)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	if len(b) == 0 {
		return "(the backend logged nothing)"
	}
	return "backend log: " + strings.TrimSpace(string(b))
}
