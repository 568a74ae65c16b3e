// Package pgtest starts a throw-away PostgreSQL server for tests and benchmarks: initdb in a
// temporary directory, postgres on a unix socket in that directory (no TCP port), stopped and
// removed by Stop. PostgreSQL refuses to run as root, so as root the server runs as the
// `postgres` system user (Debian's postgresql package creates it) or, failing that, a
// `timconvsync-test` system user created with useradd.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running throw-away PostgreSQL.
type Server struct {
	Dir  string // temporary directory: data/, the socket, postgres.log
	cmd  *exec.Cmd
	done chan struct{}
}

// BinDir finds PostgreSQL's programs: $PG_BIN, else the newest /usr/lib/postgresql/*/bin
// (Debian), else the PATH.
func BinDir() (string, error) {
	if d := os.Getenv("PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("PostgreSQL not found: install it (scripts/install-deps.sh sync) or set PG_BIN")
}

// runAs returns the credentials to run PostgreSQL with (nil: the current user).
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		u, err = user.Lookup("timconvsync-test")
	}
	if err != nil {
		out, cerr := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "timconvsync-test").CombinedOutput()
		if cerr != nil {
			return nil, fmt.Errorf("running as root and no unprivileged user for PostgreSQL: useradd: %v: %s", cerr, out)
		}
		if u, err = user.Lookup("timconvsync-test"); err != nil {
			return nil, err
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// Start initialises and starts a server that does not flush its writes to disk (fsync and
// full-page writes off: a test's database is thrown away). The caller must call Stop (also on
// failure).
func Start() (*Server, error) { return start(false) }

// StartDurable starts a server with PostgreSQL's default durability (fsync and full-page
// writes on, every commit flushed), as a deployment runs it.
func StartDurable() (*Server, error) { return start(true) }

func start(durable bool) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "tcg-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir}
	fail := func(err error) (*Server, error) {
		s.Stop()
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fail(err)
		}
	}
	attr := func() *syscall.SysProcAttr {
		return &syscall.SysProcAttr{Credential: cred, Setpgid: true, Pdeathsig: syscall.SIGKILL}
	}
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", filepath.Join(dir, "data"), "-U", "tcg",
		"--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
	initdb.Dir = dir
	initdb.SysProcAttr = attr()
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v: %s", err, out))
	}
	logf, err := os.OpenFile(filepath.Join(dir, "postgres.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fail(err)
	}
	defer logf.Close()
	args := []string{"-D", filepath.Join(dir, "data"), "-k", dir, "-c", "listen_addresses=",
		"-c", "max_connections=300", "-c", "shared_buffers=32MB"}
	if !durable {
		args = append(args, "-c", "fsync=off", "-c", "full_page_writes=off")
	}
	s.cmd = exec.Command(filepath.Join(bin, "postgres"), args...)
	s.cmd.Dir = dir
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	s.cmd.SysProcAttr = attr()
	if err := s.cmd.Start(); err != nil {
		s.cmd = nil
		return fail(fmt.Errorf("postgres: %w", err))
	}
	s.done = make(chan struct{})
	go func() { s.cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		c, err := pgx.Connect(ctx, s.DSN("postgres"))
		cancel()
		if err == nil {
			c.Close(context.Background())
			return s, nil
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			return fail(fmt.Errorf("postgres exited: %s", log))
		default:
		}
		if time.Now().After(deadline) {
			return fail(fmt.Errorf("postgres did not accept connections: %v", err))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// DSN is the connection string of a database on this server.
func (s *Server) DSN(db string) string {
	return fmt.Sprintf("host=%s user=tcg dbname=%s sslmode=disable", s.Dir, db)
}

// CreateDB creates a database and returns its connection string.
func (s *Server) CreateDB(name string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return "", err
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	return s.DSN(name), nil
}

// Stop stops the server (fast shutdown, then SIGKILL) and removes its directory.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.done:
		case <-time.After(15 * time.Second):
			syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-s.done
		}
	}
	if s.Dir != "" {
		os.RemoveAll(s.Dir)
	}
}
