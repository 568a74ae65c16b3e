package main

// Tests against a real PostgreSQL that TestMain starts in a temporary directory (internal/pgtest)
// and stops afterwards. Each test gets its own database.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/internal/pgtest"
)

var (
	pg     *pgtest.Server
	binary string // the built timconvsyncd, for the subprocess tests
	dbSeq  atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	var err error
	pg, err = pgtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: cannot start PostgreSQL:", err)
		return 1
	}
	defer pg.Stop()
	binDir, err := os.MkdirTemp("", "timconvsyncd-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(binDir)
	binary = filepath.Join(binDir, "timconvsyncd")
	// The binary the kill -9 tests start: with the race detector when this test binary has it,
	// which also reuses the race build of the packages (one compile of pgx on a fresh machine).
	args := []string{"build", "-o", binary}
	if raceEnabled {
		args = append(args, "-race")
	}
	if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

const (
	tokAlice = "token-alice-0123456789"
	tokBob   = "token-bob-0123456789ab"
)

func testTokens() map[string]string { return map[string]string{tokAlice: "alice", tokBob: "bob"} }

func newDB(t *testing.T) string {
	t.Helper()
	dsn, err := pg.CreateDB(fmt.Sprintf("t%d", dbSeq.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// startServer runs the service in this process on a loopback port and returns its base URL.
func startServer(t *testing.T, dsn string, edit func(*Config)) string {
	t.Helper()
	cfg := &Config{Listen: "127.0.0.1:0", DatabaseURL: dsn, Tokens: testTokens()}
	if edit != nil {
		edit(cfg)
	}
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	errc := make(chan error, 1)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	go func() { errc <- serve(ctx, cfg, log, ready) }()
	select {
	case addr := <-ready:
		t.Cleanup(func() {
			cancel()
			if err := <-errc; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
		return "http://" + addr
	case err := <-errc:
		cancel()
		t.Fatalf("serve: %v", err)
	}
	return ""
}

// proc is the service as a subprocess.
type proc struct {
	cmd   *exec.Cmd
	url   string
	lines chan string // its log lines
}

func writeConfig(t *testing.T, cfg *Config) string {
	t.Helper()
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "timconvsyncd.json")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func startProc(t *testing.T, cfgPath string) *proc {
	t.Helper()
	cmd := exec.Command(binary, "-config", cfgPath)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, lines: make(chan string, 1000)}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			t.Fatalf("log line is not JSON: %s", sc.Text())
		}
		if rec["msg"] == "listening" {
			p.url = "http://" + rec["addr"].(string)
			break
		}
		if rec["level"] == "ERROR" {
			t.Fatalf("service failed to start: %s", sc.Text())
		}
	}
	if p.url == "" {
		t.Fatal("service exited before listening")
	}
	go func() {
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
		close(p.lines)
	}()
	return p
}

// ---- HTTP client helpers ----

type answer struct {
	status int
	body   string
}

func do(t *testing.T, method, url, token, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, string(b)}
}

func pushDoc(client string, lastVersion uint64, ops ...roam.Op) string {
	return string(roam.EncodePush(&roam.Push{ClientID: client, LastVersion: lastVersion, Ops: ops}))
}

// push sends a push document and decodes the state document it must get back.
func push(t *testing.T, url, token, client string, lastVersion uint64, ops ...roam.Op) *roam.StateDoc {
	t.Helper()
	a := do(t, "POST", url+"/v1/sync", token, pushDoc(client, lastVersion, ops...))
	if a.status != 200 {
		t.Fatalf("push: %d %s", a.status, a.body)
	}
	d, err := roam.DecodeState(a.body)
	if err != nil {
		t.Fatalf("answer: %v\n%s", err, a.body)
	}
	return d
}

// pushUnanswered sends a push in the background for a test that expects no answer (the push is
// held, then its client gives up or the service is killed): the channel gets the client's
// error, or an error saying it was answered.
func pushUnanswered(ctx context.Context, url, token, body string) <-chan error {
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "POST", url+"/v1/sync", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("answered %d", resp.StatusCode)
		}
		done <- err
	}()
	return done
}

func getState(t *testing.T, url, token, query string) (*roam.StateDoc, string) {
	t.Helper()
	a := do(t, "GET", url+"/v1/state"+query, token, "")
	if a.status != 200 {
		t.Fatalf("state: %d %s", a.status, a.body)
	}
	d, err := roam.DecodeState(a.body)
	if err != nil {
		t.Fatalf("state: %v\n%s", err, a.body)
	}
	return d, a.body
}

// summary renders a state compactly: "name=[members];…|conv:marks,pinned,custom;…".
func summary(s *roam.State) string {
	var b strings.Builder
	for _, g := range s.Groups() {
		fmt.Fprintf(&b, "%s=%v;", g.Name, g.Members)
	}
	b.WriteString("|")
	for _, id := range s.ConvIDs() {
		c := s.Conv(id)
		if c.Marks == 0 && !c.Pinned && c.CustomData == "" {
			continue
		}
		fmt.Fprintf(&b, "%s:%d,%v,%s;", id, c.Marks, c.Pinned, c.CustomData)
	}
	return b.String()
}

func waitLine(t *testing.T, p *proc, substr string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("service exited before logging %q", substr)
			}
			if strings.Contains(l, substr) {
				return
			}
		case <-timeout:
			t.Fatalf("no log line %q", substr)
		}
	}
}
