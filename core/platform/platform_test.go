package platform

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The helper process: with TCG_PLATFORM_HELPER=<file>, TestMain opens the file, tries the
// lock, prints "locked" or "busy" and then, with TCG_PLATFORM_HOLD=1, keeps the lock until
// its standard input closes (or until it is killed).
func TestMain(m *testing.M) {
	if path := os.Getenv("TCG_PLATFORM_HELPER"); path != "" {
		os.Exit(helper(path))
	}
	os.Exit(m.Run())
}

func helper(path string) int {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		return 2
	}
	ok, err := TryLock(f)
	switch {
	case err != nil:
		os.Stdout.WriteString("error " + err.Error() + "\n")
		return 2
	case ok:
		os.Stdout.WriteString("locked\n")
	default:
		os.Stdout.WriteString("busy\n")
	}
	if os.Getenv("TCG_PLATFORM_HOLD") == "1" {
		bufio.NewReader(os.Stdin).ReadString('\n') // returns when the parent closes stdin
	}
	f.Close()
	return 0
}

// child starts the test binary as the helper on path and returns it with its first line.
func child(t *testing.T, path string, hold bool) (*exec.Cmd, string) {
	t.Helper()
	// Under an emulator (qemu-user for the arm builds), the child must start through it too:
	// TCG_RUNNER is the command prefix, as for the C suite.
	args := []string{os.Args[0], "-test.run=^$"}
	if r := strings.Fields(os.Getenv("TCG_RUNNER")); len(r) > 0 {
		args = append(r, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), "TCG_PLATFORM_HELPER="+path)
	if hold {
		cmd.Env = append(cmd.Env, "TCG_PLATFORM_HOLD=1")
	}
	if _, err := cmd.StdinPipe(); err != nil { // kept open until Wait: a holding child waits on it
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	return cmd, strings.TrimSpace(line)
}

func lockPath(t *testing.T) string {
	dir, err := os.MkdirTemp("", "tcg-platform")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) }) // an error here is ignored: Wine 8 cannot always remove
	return filepath.Join(dir, "conv.lock")
}

func TestLockIsExclusiveWithinProcess(t *testing.T) {
	path := lockPath(t)
	a, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := TryLock(a); !ok || err != nil {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	b, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := TryLock(b); ok || err != nil {
		t.Fatalf("second open file of the same process: got %v %v, want busy", ok, err)
	}
	b.Close()
	a.Close()
	c, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if ok, err := TryLock(c); !ok || err != nil {
		t.Fatalf("lock after close: %v %v", ok, err)
	}
}

func TestLockHeldByAnotherProcess(t *testing.T) {
	path := lockPath(t)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := TryLock(f); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	cmd, line := child(t, path, false)
	cmd.Wait()
	if line != "busy" {
		t.Fatalf("another process while this one holds the lock: %q, want busy", line)
	}
	f.Close()
	cmd, line = child(t, path, false)
	cmd.Wait()
	if line != "locked" {
		t.Fatalf("another process after this one closed the lock: %q, want locked", line)
	}
}

func TestLockOfADeadProcessDoesNotBlock(t *testing.T) {
	path := lockPath(t)
	cmd, line := child(t, path, true)
	if line != "locked" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child: %q, want locked", line)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ok, err := TryLock(f); ok || err != nil {
		t.Fatalf("while the child holds it: %v %v, want busy", ok, err)
	}
	cmd.Process.Kill() // dies holding the lock
	cmd.Wait()
	if ok, err := TryLock(f); !ok || err != nil {
		t.Fatalf("after the holder was killed: %v %v, want locked", ok, err)
	}
}

func TestYieldReturns(t *testing.T) {
	for i := 0; i < 100; i++ {
		Yield()
	}
}
