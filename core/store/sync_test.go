package store

import (
	"database/sql"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// A new cache gets a client id (32 lowercase hex digits) that it keeps across logins; two
// caches get different ones.
func TestClientIDMadeWithTheCacheAndKept(t *testing.T) {
	dir := tempDir(t)
	s, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.SyncMeta()
	if err != nil || !hex32.MatchString(m.ClientID) || m.LastOpID != 0 || m.Version != 0 || m.Seeded {
		t.Fatalf("new cache meta = %+v, %v", m, err)
	}
	if c, err := s.Confirmed(); err != nil || c != "" {
		t.Fatalf("new cache confirmed state = %q, %v; want none", c, err)
	}
	s.Close()
	s2 := open(t, dir)
	m2, err := s2.SyncMeta()
	if err != nil || m2.ClientID != m.ClientID {
		t.Fatalf("client id after reopen = %q, %v; want %q", m2.ClientID, err, m.ClientID)
	}
	other, _ := open(t, tempDir(t)).SyncMeta()
	if other.ClientID == m.ClientID {
		t.Fatalf("two caches share client id %s", m.ClientID)
	}
}

// A cache of schema 2 (before sync) migrates: a client id, an empty outbox, a stable id for
// each existing group, and its data kept.
func TestMigrationFromSchema2(t *testing.T) {
	dir := tempDir(t)
	db, err := sql.Open("sqlite3", filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	execAll(t, db, migrations[0], migrations[1], "PRAGMA user_version=2",
		"INSERT INTO conv_group (name) VALUES ('Work'), ('Home')")
	db.Close()
	s := openMigrated(t, dir)
	m, err := s.SyncMeta()
	if err != nil || !hex32.MatchString(m.ClientID) || m.Seeded {
		t.Fatalf("meta = %+v, %v", m, err)
	}
	if ops, err := s.Outbox(0); err != nil || len(ops) != 0 {
		t.Fatalf("outbox = %v, %v; want empty", ops, err)
	}
	gs, err := s.Groups()
	if err != nil || len(gs) != 2 || gs[0].Name != "Work" || gs[1].Name != "Home" ||
		!hex32.MatchString(gs[0].SyncID) || !hex32.MatchString(gs[1].SyncID) || gs[0].SyncID == gs[1].SyncID {
		t.Fatalf("groups after migration = %+v, %v", gs, err)
	}
}

// The outbox keeps op_id order; DropOutbox drops the acknowledged prefix; the meta row keeps
// uint64 values bit for bit.
func TestOutboxAndMeta(t *testing.T) {
	s := open(t, tempDir(t))
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint64{1, 2, 3} {
		if err := s.AppendOutbox(OutboxOp{ID: id, JSON: `{"sync_op_id":` + string(rune('0'+id)) + `}`}); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := s.SyncMeta()
	m.LastOpID, m.Version, m.Seeded = 3, 1<<63+5, true
	if err := s.PutSyncMeta(m); err != nil {
		t.Fatal(err)
	}
	if err := s.PutConfirmed(`{"sync_state_group_array":[]}`); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if ops, _ := s.Outbox(2); len(ops) != 2 || ops[0].ID != 1 || ops[1].ID != 2 {
		t.Fatalf("Outbox(2) = %v", ops)
	}
	if err := s.DropOutbox(2); err != nil {
		t.Fatal(err)
	}
	if ops, _ := s.Outbox(0); len(ops) != 1 || ops[0].ID != 3 {
		t.Fatalf("after DropOutbox(2) = %v", ops)
	}
	if got, _ := s.SyncMeta(); got != m {
		t.Fatalf("meta = %+v; want %+v", got, m)
	}
	if c, err := s.Confirmed(); err != nil || c != `{"sync_state_group_array":[]}` {
		t.Fatalf("confirmed = %q, %v", c, err)
	}
}

// A cache of schema 5 (the confirmed state in sync_meta) migrates: the state moves to
// sync_confirmed unchanged, the meta row keeps its values and loses the column; and a schema 5
// cache that never synced gets an empty confirmed state.
func TestMigrationFromSchema5(t *testing.T) {
	const state = `{"sync_state_version":7,"sync_state_group_array":[{"sync_group_id":"g1","sync_group_name":"Work","sync_group_conversation_id_array":["c2c_a"]}],"sync_state_conv_array":[]}`
	for _, synced := range []bool{true, false} {
		dir := tempDir(t)
		db, err := sql.Open("sqlite3", filepath.Join(dir, DBFile))
		if err != nil {
			t.Fatal(err)
		}
		qs := append([]string(nil), migrations[:5]...)
		qs = append(qs, "PRAGMA user_version=5", "INSERT INTO outbox (op_id, op) VALUES (4, '{}')")
		if synced {
			qs = append(qs, "UPDATE sync_meta SET client_id = 'c0ffee', last_op_id = 4, version = 7, seeded = 1, confirmed = '"+state+"'")
		}
		execAll(t, db, qs...)
		db.Close()
		s := openMigrated(t, dir)
		m, err := s.SyncMeta()
		want := SyncMeta{ClientID: "c0ffee", LastOpID: 4, Version: 7, Seeded: true}
		if !synced {
			want = SyncMeta{ClientID: m.ClientID}
		}
		if err != nil || m != want || !synced && !hex32.MatchString(m.ClientID) {
			t.Fatalf("meta after migration = %+v, %v; want %+v", m, err, want)
		}
		c, err := s.Confirmed()
		if wantC := map[bool]string{true: state, false: ""}[synced]; err != nil || c != wantC {
			t.Fatalf("confirmed after migration = %q, %v; want %q", c, err, wantC)
		}
		var n int
		if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('sync_meta') WHERE name = 'confirmed'").Scan(&n); err != nil || n != 0 {
			t.Fatalf("sync_meta.confirmed after migration: %d, %v; want gone", n, err)
		}
		if ops, err := s.Outbox(0); err != nil || len(ops) != 1 || ops[0].ID != 4 {
			t.Fatalf("outbox after migration = %v, %v", ops, err)
		}
		// The new row is written in place: one row, whatever the number of writes.
		for _, doc := range []string{"{}", state} {
			if err := s.Begin(); err != nil {
				t.Fatal(err)
			}
			if err := s.PutConfirmed(doc); err != nil {
				t.Fatal(err)
			}
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM sync_confirmed").Scan(&n); err != nil || n != 1 {
			t.Fatalf("sync_confirmed rows = %d, %v; want 1", n, err)
		}
		if c, err := s.Confirmed(); err != nil || c != state {
			t.Fatalf("confirmed after PutConfirmed = %q, %v", c, err)
		}
	}
}

// Roaming state of unfed conversations is kept until taken; deleting a group drops its unfed
// memberships.
func TestUnfed(t *testing.T) {
	s := open(t, tempDir(t))
	g1, _ := s.CreateGroup("A", "ga")
	g2, _ := s.CreateGroup("B", "gb")
	if err := s.ReplaceUnfed([]Unfed{{Key: "c2c_x", Marks: 1, Custom: "d", Groups: []int64{g1, g2}}, {Key: "c2c_y", Pinned: true}}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteGroup(g2); err != nil {
		t.Fatal(err)
	}
	all, err := s.UnfedAll()
	if err != nil || len(all) != 2 || all[0].Key != "c2c_x" || len(all[0].Groups) != 1 || all[0].Groups[0] != g1 || !all[1].Pinned {
		t.Fatalf("UnfedAll = %+v, %v", all, err)
	}
	u, err := s.TakeUnfed("c2c_x")
	if err != nil || u == nil || u.Marks != 1 || u.Custom != "d" || len(u.Groups) != 1 {
		t.Fatalf("TakeUnfed = %+v, %v", u, err)
	}
	if u, _ := s.TakeUnfed("c2c_x"); u != nil {
		t.Fatalf("taken twice: %+v", u)
	}
}

// RoamingConvs finds every conversation with a mark, custom data, a group or the pin, and no
// other.
func TestRoamingConvs(t *testing.T) {
	s := open(t, tempDir(t))
	for _, c := range []*conv.Conv{
		{Type: 1, ID: "plain"}, {Type: 1, ID: "pinned", Pinned: true}, {Type: 1, ID: "marked", Marks: 1},
		{Type: 2, ID: "custom", CustomData: "x"}, {Type: 1, ID: "both", Pinned: true, Marks: 2}, {Type: 1, ID: "grouped", Groups: []string{"A"}},
	} {
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
	}
	cs, err := s.RoamingConvs()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, c.ID)
	}
	sort.Strings(got)
	if want := []string{"both", "custom", "grouped", "marked", "pinned"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("RoamingConvs = %v, want %v", got, want)
	}
}
