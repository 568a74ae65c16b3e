package store

import (
	"bytes"
	"fmt"
	"math"
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
		s := open2(t, tempDir(t), c.full)
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
	dir := tempDir(t)
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
	dir := tempDir(t)
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

// damagedBigCache returns a cache too big to be checked whole at login, with the table page
// holding conversation c00010 (an old one: not on the first page of the list) overwritten.
func damagedBigCache(t *testing.T) (good, bad []byte) {
	t.Helper()
	good = goodCache(t, 6000)
	const page = 4096
	if len(good)/page <= SyncCheckPages {
		t.Fatalf("the cache has %d pages, want more than %d", len(good)/page, SyncCheckPages)
	}
	at := bytes.Index(good, []byte(`"conv_id":"c00010"`))
	if at < 0 {
		t.Fatal("conversation c00010 not found in the file")
	}
	bad = append([]byte(nil), good...)
	p := at / page
	for i := p * page; i < (p+1)*page; i++ {
		bad[i] = byte(i*131 + 7)
	}
	return good, bad
}

// Login does not read a big cache whole: damage away from what login reads is found by the
// first call that reads it (an error that marks the cache damaged: no more writes) and by the
// background check, and the file is left as it was.
func TestDamageFoundAfterLogin(t *testing.T) {
	_, bad := damagedBigCache(t)
	dir := tempDir(t)
	path := filepath.Join(dir, DBFile)
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(dir, false)
	if err != nil {
		t.Fatalf("Open of a big cache damaged away from the first page: %v (login must not read it whole)", err)
	}
	if !s.NeedsCheck() {
		t.Fatal("a cache bigger than SyncCheckPages does not ask for the background check")
	}
	if s.Damaged() {
		t.Fatal("damaged before anything read the damage")
	}
	_, _, err = s.AppendAllInfo(nil)
	if err == nil {
		t.Fatal("reading every conversation of a damaged cache succeeded")
	}
	if !s.Note(err) || !s.Damaged() {
		t.Fatalf("the read's error %v was not taken for damage", err)
	}
	if err := s.Begin(); err == nil || !IsCorrupt(err) {
		t.Fatalf("Begin on a damaged cache = %v, want ErrCorrupt", err)
	}
	s.Close()
	if got, _ := os.ReadFile(path); !bytes.Equal(got, bad) {
		t.Error("the damaged cache file was modified")
	}
}

// The background check finds damage no call has read, and from then on the cache is not written.
func TestBackgroundCheckFindsDamage(t *testing.T) {
	good, bad := damagedBigCache(t)
	for _, c := range []struct {
		name string
		data []byte
		want bool
	}{{"sound", good, false}, {"damaged", bad, true}} {
		dir := tempDir(t)
		path := filepath.Join(dir, DBFile)
		if err := os.WriteFile(path, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(dir, false)
		if err != nil {
			t.Fatalf("%s: Open: %v", c.name, err)
		}
		reported := make(chan error, 1)
		s.CheckInBackground(func(err error) { reported <- err })
		err = <-reported
		if (err != nil) != c.want || s.Damaged() != c.want || (err != nil && !IsCorrupt(err)) {
			t.Errorf("%s: background check = %v, damaged %v", c.name, err, s.Damaged())
		}
		if err := s.WaitCheck(); (err != nil) != c.want {
			t.Errorf("%s: WaitCheck = %v", c.name, err)
		}
		if err := s.Begin(); (err != nil) != c.want {
			t.Errorf("%s: Begin = %v", c.name, err)
		}
		s.Rollback()
		if err := s.Check(); (err != nil) != c.want {
			t.Errorf("%s: Check on request = %v", c.name, err)
		}
		s.Close()
		if got, _ := os.ReadFile(path); c.want && !bytes.Equal(got, c.data) {
			t.Errorf("%s: the damaged cache file was modified", c.name)
		}
	}
}

// A big cache cut at a page boundary is refused at login in O(1): the header counts more pages.
func TestBigCacheCutAtPageIsRefused(t *testing.T) {
	good, _ := damagedBigCache(t)
	const page = 4096
	for _, pct := range []int{10, 50, 90, 99} {
		n := len(good) * pct / 100 / page * page
		refusedUntouched(t, fmt.Sprintf("cut to %d%% (whole pages)", pct), good[:n])
	}
}

// Closing the store stops a background check that is still running.
func TestCloseStopsBackgroundCheck(t *testing.T) {
	good, _ := damagedBigCache(t)
	dir := tempDir(t)
	if err := os.WriteFile(filepath.Join(dir, DBFile), good, 0o600); err != nil {
		t.Fatal(err)
	}
	s := open2(t, dir, false)
	s.CheckInBackground(nil)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Damaged() {
		t.Error("a stopped check marked the cache damaged")
	}
}

// The stored unread total (read at login) follows every insert, update and delete, receive
// options included, and equals a count over the rows.
func TestUnreadTotalFollowsWrites(t *testing.T) {
	s := open2(t, tempDir(t), false)
	defer s.Close()
	count := func() conv.Total {
		var all conv.Filter
		n, err := s.unreadSum(&all, 0, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	check := func(when string) {
		t.Helper()
		var all conv.Filter
		got, err := s.UnreadSum(&all, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := count(); got != want {
			t.Fatalf("%s: stored total %d, rows add up to %d", when, got, want)
		}
	}
	check("empty")
	var cs []*conv.Conv
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		c := &conv.Conv{Type: 1, ID: fmt.Sprintf("u%d", i), ActiveTime: uint64(i), Unread: uint64(i % 9), RecvOpt: int32(i % 5)}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	check("after inserts")
	s.Begin()
	for i, c := range cs {
		old := *c
		switch i % 4 {
		case 0:
			c.Unread += 3
		case 1:
			c.RecvOpt = int32((i + 1) % 5)
		case 2:
			c.Unread, c.RecvOpt = 0, 0
		}
		if err := s.UpdateConv(&old, c, c.JSON()); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cs[:50] {
		if err := s.DeleteConv(c.RowID); err != nil {
			t.Fatal(err)
		}
	}
	s.Commit()
	check("after updates and deletes")
	// A rolled-back write leaves the stored total as it was.
	s.Begin()
	c := &conv.Conv{Type: 2, ID: "gone", Unread: 77}
	s.PutConv(c, c.JSON())
	s.Rollback()
	check("after a rollback")
	// A total that left the 64-bit range is counted again.
	s.Begin()
	for i := 0; i < 2; i++ {
		c := &conv.Conv{Type: 2, ID: fmt.Sprintf("big%d", i), Unread: 1 << 62}
		s.PutConv(c, c.JSON())
		cs = append(cs, c)
	}
	s.Commit()
	check("after an overflow")
	// Unread numbers of 2^63 and more (stored as negative integers) never wrap the total: 3 and
	// 2^64-1 add up to 2^64+2, not 2; back to ordinary numbers, the triggers keep it again.
	s.Begin()
	for _, c := range cs[50:] {
		if err := s.DeleteConv(c.RowID); err != nil {
			t.Fatal(err)
		}
	}
	s.Commit()
	check("after deleting everything")
	var all conv.Filter
	if got, _ := s.UnreadSum(&all, 0); got != (conv.Total{}) {
		t.Fatalf("an empty list totals %v", got)
	}
	s.Begin()
	small := &conv.Conv{Type: 2, ID: "b", Unread: 3}
	s.PutConv(small, small.JSON())
	huge := &conv.Conv{Type: 2, ID: "huge", Unread: math.MaxUint64}
	s.PutConv(huge, huge.JSON())
	s.Commit()
	check("with an unread number of 2^64-1")
	if got, _ := s.UnreadSum(&all, 0); got.Clamp32() != math.MaxInt32 {
		t.Fatalf("a total of at least 2^64 reads %v, clamped %d", got, got.Clamp32())
	}
	s.Begin()
	old := *huge
	huge.Unread = 4
	s.UpdateConv(&old, huge, huge.JSON())
	s.Commit()
	check("after the huge number went back to 4")
	s.Begin()
	c = &conv.Conv{Type: 2, ID: "later", Unread: 5}
	s.PutConv(c, c.JSON())
	s.Commit()
	check("after a later insert")
}

// A conversation write that fails (here the insert of a conversation already stored, which no
// caller does) ends its whole transaction (OR ROLLBACK, see convWrite): nothing the
// transaction wrote before it stays, the caller's Rollback is harmless, and the store takes
// the next transaction as usual.
func TestFailedConvWriteEndsTheTransaction(t *testing.T) {
	s := open2(t, tempDir(t), false)
	defer s.Close()
	a := &conv.Conv{Type: 1, ID: "a", Unread: 2}
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := s.PutConv(a, a.JSON()); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	b := &conv.Conv{Type: 1, ID: "b", Unread: 5}
	if err := s.PutConv(b, b.JSON()); err != nil {
		t.Fatal(err)
	}
	old := *a
	a.Unread = 7
	if err := s.UpdateConv(&old, a, a.JSON()); err != nil {
		t.Fatal(err)
	}
	dup := &conv.Conv{Type: 1, ID: "a"}
	if err := s.PutConv(dup, dup.JSON()); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Fatalf("inserting a stored conversation again: %v, want a UNIQUE constraint error", err)
	}
	s.Rollback()
	var all conv.Filter
	if got, err := s.UnreadSum(&all, 0); err != nil || got != (conv.Total{Lo: 2}) {
		t.Fatalf("unread total after the failed write: %+v, %v; want 2 (as committed)", got, err)
	}
	if c, err := s.GetConv(1, "b"); err != nil || c != nil {
		t.Fatalf("b, written before the failure: %v, %v; want gone", c, err)
	}
	if c, err := s.GetConv(1, "a"); err != nil || c == nil || c.Unread != 2 {
		t.Fatalf("a after the failed write: %+v, %v; want its committed state (2 unread)", c, err)
	}
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	b.RowID = 0 // its insert was rolled back
	if err := s.PutConv(b, b.JSON()); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.UnreadSum(&all, 0); got != (conv.Total{Lo: 7}) {
		t.Fatalf("unread total after the next transaction: %+v, want 7", got)
	}
}

// SQLite's page-sized allocations come from the page pool (pagepool.go), and a cache closed
// and opened again takes its pages from the ones the first one freed: the pool does not grow
// for the second.
func TestPagePoolReusesPages(t *testing.T) {
	fill := func(prefix string) {
		s := open2(t, tempDir(t), false) // a cache of its own: the same pages again
		defer s.Close()
		if err := s.Begin(); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2000; i++ {
			c := &conv.Conv{Type: 1, ID: fmt.Sprintf("%s%d", prefix, i), ActiveTime: uint64(i), Unread: uint64(i % 3)}
			if err := s.PutConv(c, c.JSON()); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	fill("a")
	after1 := pagePoolBlocks()
	if after1 <= 0 {
		t.Fatalf("%d page blocks handed out by the pool, want the cache's pages", after1)
	}
	fill("b")
	if after2 := pagePoolBlocks(); after2 > after1+64 {
		t.Fatalf("the pool grew from %d to %d blocks for a second cache of the same size", after1, after2)
	}
}
