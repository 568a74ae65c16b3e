package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

func open(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(dir, false)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestUserDirName(t *testing.T) {
	cases := map[string]string{
		"alice": "u_alice",
		"a-b_9": "u_a-b_9",
		"Alice": "b_ifwgsy3f",
		"../x":  "b_fyxc66a",
		"/":     "b_f4",
	}
	for in, want := range cases {
		if got := UserDirName(in); got != want {
			t.Errorf("UserDirName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, u := range []string{"a/../..", "Alice", "\xff\xfe", "日本"} {
		name := UserDirName(u)
		raw, err := b32.DecodeString(strings.ToUpper(strings.TrimPrefix(name, "b_")))
		if err != nil || string(raw) != u {
			t.Errorf("UserDirName(%q) = %q does not decode back (%q, %v)", u, name, raw, err)
		}
	}
	// Case-insensitive file systems must not merge users, and names must fit NAME_MAX.
	if UserDirName("Alice") == UserDirName("alice") {
		t.Error("Alice and alice share a folder")
	}
	long := strings.Repeat("\xff", 128)
	if n := len(UserDirName(long)); n > 255 {
		t.Errorf("folder name of a 128-byte ID is %d bytes", n)
	}
	for _, u := range []string{"../x", "/", "..", ".", "a/b", "\x00\x01"} {
		name := UserDirName(u)
		if strings.ContainsAny(name, "/\\.") || name == "" {
			t.Errorf("UserDirName(%q) = %q can leave its folder", u, name)
		}
	}
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes: Windows keeps only the read-only bit; privacy comes from the profile folder's ACL")
	}
	dir := filepath.Join(tempDir(t), "7", "u_alice")
	s := open(t, dir)
	for _, p := range []string{dir, filepath.Join(dir, DBFile), filepath.Join(dir, LockFile)} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		perm := st.Mode().Perm()
		if perm&0o077 != 0 {
			t.Errorf("%s has mode %o, want no group/other access", p, perm)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestLockIsExclusiveAndReleased(t *testing.T) {
	dir := tempDir(t)
	s := open(t, dir)
	if _, err := Open(dir, false); err != ErrLocked {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	s.Close()
	s2, err := Open(dir, false)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s2.Close()
}

func TestCorruptCacheIsRefusedUntouched(t *testing.T) {
	dir := tempDir(t)
	garbage := []byte(strings.Repeat("this is not a database ", 200))
	if err := os.WriteFile(filepath.Join(dir, DBFile), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, false)
	if err == nil || !strings.Contains(err.Error(), ErrCorrupt.Error()) {
		t.Fatalf("Open = %v, want ErrCorrupt", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, DBFile))
	if string(got) != string(garbage) {
		t.Fatal("the corrupt file was modified")
	}
}

func TestFutureSchemaIsRefusedUntouched(t *testing.T) {
	dir := tempDir(t)
	s := open(t, dir)
	if _, err := s.conn.ExecContext(ctx, "PRAGMA user_version=99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(filepath.Join(dir, DBFile))
	if _, err := Open(dir, false); err == nil || !strings.Contains(err.Error(), ErrFutureSchema.Error()) {
		t.Fatalf("Open = %v, want ErrFutureSchema", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, DBFile))
	if string(before) != string(after) {
		t.Fatal("the future cache was modified")
	}
}

func TestForeignDatabaseIsRefused(t *testing.T) {
	dir := tempDir(t)
	db, err := sql.Open("sqlite3", filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE other (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(dir, false); err == nil || !strings.Contains(err.Error(), ErrCorrupt.Error()) {
		t.Fatalf("Open = %v, want ErrCorrupt", err)
	}
}

// A cache written by the first release (schema 1) is migrated and keeps its data.
func TestMigrationFromSchema1(t *testing.T) {
	dir := tempDir(t)
	path := filepath.Join(dir, DBFile)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	c := &conv.Conv{Type: 1, ID: "old", ActiveTime: 5, Unread: 2, Marks: 1}
	execAll(t, db, migrations[0], "PRAGMA user_version=1")
	if _, err := db.Exec("INSERT INTO conv (conv_type, conv_id, okey, unread, marks, ext, info) VALUES (1, 'old', ?, 2, 1, 1, ?)", conv.OrderKey(5), c.JSON()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := openMigrated(t, dir)
	got, err := s.GetConv(1, "old")
	if err != nil || got == nil || got.Unread != 2 || got.Marks != 1 {
		t.Fatalf("GetConv after migration = %+v, %v", got, err)
	}
	var all conv.Filter
	mark := uint64(1)
	all.Mark = &mark
	b, n, _, _, err := s.Page(&all, 0, nil, 10, nil)
	if err != nil || n != 1 || !strings.Contains(string(b), `"old"`) {
		t.Fatalf("marked page after migration: n=%d err=%v %s", n, err, b)
	}
}

// Every filter shape is answered from an index in list order: no sort step, no full scan of a
// group through the conversation table.
func TestPageQueriesUseIndexes(t *testing.T) {
	s := open(t, tempDir(t))
	bools := []*bool{nil, ptr(true), ptr(false)}
	groups := []*string{nil, ptr(""), ptr("g")}
	marks := []*uint64{nil, ptr(uint64(0)), ptr(uint64(5))}
	for _, ct := range []int32{0, 1} {
		for _, g := range groups {
			for _, m := range marks {
				for _, u := range bools {
					for _, a := range bools {
						f := conv.Filter{ConvType: ct, Group: g, Mark: m, HasUnread: u, HasAt: a}
						byGroup := g != nil && *g != ""
						for _, after := range []bool{false, true} {
							q := PageSQL(&f, byGroup, after)
							plan := explain(t, s, q)
							if strings.Contains(plan, "TEMP B-TREE") {
								t.Errorf("filter %s sorts:\n%s\n%s", f.Canonical(), q, plan)
							}
							if byGroup && !strings.Contains(plan, "member_order") {
								t.Errorf("group filter %s does not use member_order:\n%s", f.Canonical(), plan)
							}
						}
					}
				}
			}
		}
	}
}

func explain(t *testing.T, s *Store, q string) string {
	t.Helper()
	n := strings.Count(q, "?")
	args := make([]any, n)
	for i := range args {
		args[i] = 1
	}
	rows, err := s.conn.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, notused int
		var detail string
		rows.Scan(&id, &parent, &notused, &detail)
		b.WriteString(detail + "\n")
	}
	return b.String()
}

func ptr[T any](v T) *T { return &v }

// Unread numbers are uint64: a sum past 2^63 falls back from SQLite's checked sum to an exact
// modulo-2^64 sum.
func TestUnreadSumBeyondInt64(t *testing.T) {
	s := open(t, tempDir(t))
	for i, u := range []uint64{1<<63 + 1, 1<<63 + 1, 5} {
		c := &conv.Conv{Type: 1, ID: string(rune('a' + i)), Unread: u}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
	}
	var all conv.Filter
	want := conv.Total{Hi: 1, Lo: 7} // 2^64 + 7, exactly
	got, err := s.UnreadSum(&all, 0)
	if err != nil || got != want {
		t.Fatalf("UnreadSum = %+v, %v; want %+v (exact)", got, err, want)
	}
	one := int32(1)
	all.ConvType = one
	if got, err := s.UnreadSum(&all, 0); err != nil || got != want {
		t.Fatalf("UnreadSum(c2c) = %+v, %v", got, err)
	}
}

// execAll runs each statement on db.
func execAll(t *testing.T, db *sql.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// openMigrated opens the cache in dir, which an older schema wrote, and checks that it is at
// the current schema version afterwards.
func openMigrated(t *testing.T, dir string) *Store {
	t.Helper()
	s := open(t, dir)
	var v int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("user_version = %d, %v; want %d", v, err, SchemaVersion)
	}
	return s
}
