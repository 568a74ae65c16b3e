package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// The durability setting reaches SQLite: WAL with synchronous=NORMAL (1) by default, FULL (2)
// with fullSync (TIMInit "sdk_config_durability":"full").
func TestSynchronousFollowsDurability(t *testing.T) {
	for _, c := range []struct {
		full bool
		want int
	}{{false, 1}, {true, 2}} {
		s := open2(t, t.TempDir(), c.full)
		var sync int
		var mode string
		if err := s.conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := s.conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if sync != c.want || mode != "wal" {
			t.Errorf("fullSync=%v: synchronous=%d journal_mode=%s, want %d and wal", c.full, sync, mode, c.want)
		}
		s.Close()
	}
}

func open2(t *testing.T, dir string, full bool) *Store {
	t.Helper()
	s, err := Open(dir, full)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// goodCache writes a cache with n conversations, two groups and some members, closes it and
// returns its bytes (checkpointed: the WAL is folded in at close).
func goodCache(t *testing.T, n int) []byte {
	t.Helper()
	dir := t.TempDir()
	s := open2(t, dir, false)
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	g1, _ := s.CreateGroup("g1", "s1")
	g2, _ := s.CreateGroup("g2", "s2")
	for i := 0; i < n; i++ {
		c := &conv.Conv{Type: 1 + int32(i%2), ID: fmt.Sprintf("c%05d", i), ShowName: fmt.Sprintf("name %d", i),
			ActiveTime: uint64(1000 + i), Unread: uint64(i % 3), Marks: uint64(i % 2), LastMsg: `{"text":"hello"}`}
		if i%5 == 0 {
			c.Groups = []string{"g1"}
		}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if i%5 == 0 {
			s.AddMember(g1, c)
		}
		if i%7 == 0 {
			s.AddMember(g2, c)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// refusedUntouched writes data as a cache, opens it and expects ErrCorrupt with the file left
// byte for byte as it was.
func refusedUntouched(t *testing.T, what string, data []byte) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir, false)
	if err == nil {
		s.Close()
		t.Errorf("%s: Open succeeded, want ErrCorrupt", what)
		return
	}
	if !strings.Contains(err.Error(), ErrCorrupt.Error()) {
		t.Errorf("%s: Open = %v, want ErrCorrupt", what, err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Errorf("%s: the refused cache file was modified", what)
	}
	// The lock is released: the same folder opens once the file is replaced by a good one.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	s, err = Open(dir, false)
	if err != nil {
		t.Errorf("%s: Open after removing the corrupt file: %v", what, err)
		return
	}
	s.Close()
}

// A cache cut short anywhere (a partial copy, a full disk, a sync tool) is refused untouched.
func TestTruncatedCacheIsRefusedUntouched(t *testing.T) {
	good := goodCache(t, 600)
	const page = 4096
	pages := len(good) / page
	cuts := []int{1, 16, 99, 100, page / 2, page, page + 1, len(good) - 1}
	for _, pct := range []int{10, 25, 50, 75, 90} {
		cuts = append(cuts, len(good)*pct/100, len(good)*pct/100/page*page)
	}
	for _, n := range cuts {
		if n <= 0 || n >= len(good) {
			continue
		}
		refusedUntouched(t, fmt.Sprintf("truncated to %d of %d bytes (%d pages)", n, len(good), pages), good[:n])
	}
}

// A cache with any one page overwritten (garbage or zeros) is refused at open, untouched —
// not only when the damaged page happens to be one that login reads.
func TestCorruptPageCacheIsRefusedUntouched(t *testing.T) {
	good := goodCache(t, 600)
	const page = 4096
	pages := len(good) / page
	for p := 0; p < pages; p++ {
		for _, kind := range []string{"garbage", "zeros"} {
			b := append([]byte(nil), good...)
			for i := p * page; i < (p+1)*page; i++ {
				if kind == "zeros" {
					b[i] = 0
				} else {
					b[i] = byte(i*131 + p)
				}
			}
			refusedUntouched(t, fmt.Sprintf("page %d of %d: %s", p+1, pages, kind), b)
		}
	}
}
