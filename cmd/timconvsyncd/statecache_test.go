package main

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

// A push uses the decoded state it kept only while it is the stored one: pushes of one user
// alternating between two instances on one database each see the other's, a state changed by
// hand at the same version is read again, and a service without the cache answers the same.
func TestStateCache(t *testing.T) {
	dsn := newDB(t)
	a, b := startServer(t, dsn, nil), startServer(t, dsn, nil)
	off := startServer(t, dsn, func(c *Config) { c.StateCacheBytes = -1 })
	push(t, a, tokAlice, "d1", 0, opCreate(1, "g1", "Work", "c2c_a"))
	h := stateCacheHits.Load()
	d := push(t, a, tokAlice, "d1", 1, opAdd(2, "Work", "c2c_b"))
	if stateCacheHits.Load() == h {
		t.Fatal("the second push of a user on one instance did not use the cached state")
	}
	push(t, b, tokAlice, "d2", 0, opAdd(1, "Work", "c2c_c"))
	d = push(t, a, tokAlice, "d1", d.Version, opAdd(3, "Work", "c2c_d"), opMark(4, 1, true, "c2c_a"))
	if g, _ := d.State.Group("Work"); fmt.Sprint(g.Members) != "[c2c_a c2c_b c2c_c c2c_d]" || d.Version != 4 {
		t.Fatalf("after pushes through two instances: v%d %s", d.Version, summary(d.State))
	}
	d = push(t, off, tokAlice, "d3", 0, opMark(1, 2, true, "c2c_b"))
	d = push(t, a, tokAlice, "d1", d.Version) // a has version 4 cached; 5 is stored
	if d.Version != 5 || d.State.Conv("c2c_b").Marks != 2 || d.State.Conv("c2c_a").Marks != 1 {
		t.Fatalf("after a push through an instance without cache: v%d %s", d.Version, summary(d.State))
	}
	_, viaGet := getState(t, b, tokAlice, "?client_id=d1")
	if got := do(t, "POST", a+"/v1/sync", tokAlice, pushDoc("d1", 5)).body; got != viaGet {
		t.Fatalf("an answer from the cache differs from the stored state:\n%s\n%s", got, viaGet)
	}

	// The row changed by hand, version kept: the cached state is not used.
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	empty := string(roam.EncodeStateOnly(roam.NewState()))
	if _, err := conn.Exec(context.Background(), `UPDATE sync_user SET state = $1 WHERE user_id = 'alice'`, empty); err != nil {
		t.Fatal(err)
	}
	if d = push(t, a, tokAlice, "d1", 5); d.Version != 5 || len(d.State.Groups()) != 0 {
		t.Fatalf("after the row changed by hand: v%d %s", d.Version, summary(d.State))
	}
}

// The cache keeps within its bound, dropping other users' states; take hands an entry to one
// push only, and only for its version and xmin.
func TestStateCacheBound(t *testing.T) {
	e := func(v uint64, n int) *cachedState {
		st := roam.NewState()
		for i := 0; i < n; i++ {
			st.Apply(roam.Op{Type: roam.OpMark, Marks: 1, Enable: true, ConvIDs: []string{fmt.Sprintf("c2c_%d", i)}})
		}
		return &cachedState{version: v, xmin: int64(v) + 100, st: st, stored: string(roam.EncodeStateOnly(st))}
	}
	one := e(1, 20)
	c := newStateCache(3 * one.cost())
	for i := 0; i < 10; i++ {
		c.put(fmt.Sprint("u", i), e(uint64(i), 20))
		if c.size > c.max || len(c.users) > 3 {
			t.Fatalf("after %d puts: %d bytes, %d users (bound %d)", i+1, c.size, len(c.users), c.max)
		}
	}
	if _, _, ok := c.peek("u9"); !ok {
		t.Fatal("the last state put was dropped")
	}
	if c.take("u9", 9, 1) != nil || c.take("u9", 8, 109) != nil {
		t.Fatal("take of another xmin or version")
	}
	if c.take("u9", 9, 109) == nil || c.take("u9", 9, 109) != nil {
		t.Fatal("take must hand the entry out once")
	}
	c.put("big", e(1, 200))
	if _, _, ok := c.peek("big"); ok {
		t.Fatal("a state over the whole bound was kept")
	}
	var none *stateCache = newStateCache(-1)
	none.put("u", one)
	if _, _, ok := none.peek("u"); ok || none.take("u", 1, 101) != nil {
		t.Fatal("a disabled cache kept a state")
	}
}

// waitIdleInTransaction waits until n sessions of the database sit in an open transaction
// (a held push: it wrote, and waits before COMMIT).
func waitIdleInTransaction(t *testing.T, conn *pgx.Conn, n int) {
	t.Helper()
	for i := 0; ; i++ {
		var got int
		if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got == n {
			return
		}
		if i > 3000 {
			t.Fatalf("%d sessions in a transaction, want %d", got, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The state a push writes is cached before its COMMIT, keyed by its own transaction: the next
// push of the user, which waited for the row lock, uses it; a push whose transaction rolls back
// leaves an entry that never matches, and nothing of it is ever served.
func TestStateCacheAcrossLockWaits(t *testing.T) {
	dsn := newDB(t)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	held := startServer(t, dsn, func(c *Config) { c.TestHoldPushMs = 800 })
	push(t, held, tokAlice, "d1", 0, opCreate(1, "g1", "Work", "c2c_a"))

	// A holds its transaction open after writing; B waits for the row lock meanwhile.
	h := stateCacheHits.Load()
	answers := make(chan *roam.StateDoc, 2)
	go func() { answers <- push(t, held, tokAlice, "d1", 1, opAdd(2, "Work", "c2c_b")) }()
	waitIdleInTransaction(t, conn, 1)
	go func() { answers <- push(t, held, tokAlice, "d2", 0, opAdd(1, "Work", "c2c_c")) }()
	a, b := <-answers, <-answers
	if a.Version > b.Version {
		a, b = b, a
	}
	if g, _ := b.State.Group("Work"); a.Version != 2 || b.Version != 3 || fmt.Sprint(g.Members) != "[c2c_a c2c_b c2c_c]" {
		t.Fatalf("after two pushes: v%d, v%d %s", a.Version, b.Version, summary(b.State))
	}
	if got := stateCacheHits.Load() - h; got != 2 {
		t.Fatalf("%d of the two pushes used the cached state, want both", got)
	}

	// A push whose transaction rolls back (its client gives up while it is held).
	ctx, cancel := context.WithCancel(context.Background())
	failed := pushUnanswered(ctx, held, tokAlice, pushDoc("d1", 3, opAdd(3, "Work", "c2c_x")))
	waitIdleInTransaction(t, conn, 1)
	cancel()
	if err := <-failed; !errors.Is(err, context.Canceled) {
		t.Fatalf("the abandoned push: %v", err)
	}
	waitIdleInTransaction(t, conn, 0)
	d := push(t, held, tokAlice, "d2", 3, opMark(2, 1, true, "c2c_a"))
	if g, _ := d.State.Group("Work"); d.Version != 4 || fmt.Sprint(g.Members) != "[c2c_a c2c_b c2c_c]" || d.State.Conv("c2c_a").Marks != 1 {
		t.Fatalf("after a push that rolled back: v%d %s", d.Version, summary(d.State))
	}
	_, viaGet := getState(t, held, tokAlice, "?client_id=d1")
	if got, _ := roam.DecodeState(viaGet); got.LastOpID != 2 || !got.State.Equal(d.State) {
		t.Fatalf("the stored state differs from the answer: %s", viaGet)
	}
}
