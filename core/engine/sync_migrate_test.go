package engine

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/store"
)

// A cache of schema 5 that has synced (its confirmed state in sync_meta) opens and migrates:
// the device keeps its confirmed state, its pending operations and what it shows (the sync
// cache check compares them with the store after every call); local calls leave the confirmed
// state's row alone, and the next apply takes the server's state.
func TestSyncedCacheFromSchema5(t *testing.T) {
	x := syncH(t)
	sv := newServer(t)
	x.ok(func(cb Callback) int { return x.e.CreateGroup("Work", `["c2c_a","c2c_b"]`, cb) })
	if d, _ := x.apply(sv.sync(x)); d.Code != 0 {
		t.Fatalf("apply: %d %s", d.Code, d.Desc)
	}
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) }) // pending
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })

	path := filepath.Join(store.UserDir(x.dir, 7, "alice"), store.DBFile)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var confirmed string
	if err := db.QueryRow("SELECT state FROM sync_confirmed").Scan(&confirmed); err != nil || !strings.Contains(confirmed, `"Work"`) {
		t.Fatalf("confirmed state before the downgrade: %q, %v", confirmed, err)
	}
	for _, q := range []string{ // schema 5's layout
		"ALTER TABLE sync_meta ADD COLUMN confirmed TEXT NOT NULL DEFAULT ''",
		"UPDATE sync_meta SET confirmed = (SELECT state FROM sync_confirmed WHERE id = 1)",
		"DROP TABLE sync_confirmed",
		"PRAGMA user_version=5",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	x.login("alice")
	if got := x.opsSince(0); len(got) != 1 || !strings.Contains(got[0], `"sync_op_type":6`) {
		t.Fatalf("pending after the migration: %v", got)
	}
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_b"]`, 2, true, cb) })
	x.ok(func(cb Callback) int { return x.e.PinConv("g", 2, true, cb) })
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	db, err = sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var after string
	var n int
	err = db.QueryRow("SELECT state, (SELECT count(*) FROM pragma_table_info('sync_meta') WHERE name = 'confirmed') FROM sync_confirmed").Scan(&after, &n)
	db.Close()
	if err != nil || after != confirmed || n != 0 {
		t.Fatalf("after the migration and local calls: confirmed changed %v, sync_meta.confirmed columns %d, %v", after != confirmed, n, err)
	}

	x.login("alice")
	d, _ := x.apply(sv.sync(x))
	if d.Code != 0 || !strings.Contains(d.JSON, `"sync_apply_pending_count":0`) {
		t.Fatalf("apply after the migration: %d %s %s", d.Code, d.Desc, d.JSON)
	}
	if a, b := x.conv(1, "a").Get("conv_mark_array").Raw, x.conv(1, "b").Get("conv_mark_array").Raw; a != "[1]" || b != "[2]" {
		t.Fatalf("marks after the sync: c2c_a %s, c2c_b %s", a, b)
	}
	if got := x.ok(func(cb Callback) int { return x.e.GetGroupList(cb) }); got != `["Work"]` {
		t.Fatalf("groups after the sync: %s", got)
	}
}
