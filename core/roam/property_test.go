package roam

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// gen makes random operations over a small universe so that conflicts, merges and limits
// happen often: 24 names (more than 20 groups), a few malformed values, bulk operations that
// reach the 1000 budget.
type gen struct {
	r   *rand.Rand
	seq uint64
	gid int
}

func (g *gen) name() string {
	switch g.r.Intn(40) {
	case 0:
		return ""
	case 1:
		return strings.Repeat("n", 33)
	}
	return fmt.Sprintf("G%d", g.r.Intn(24))
}

func (g *gen) conv() string {
	switch g.r.Intn(60) {
	case 0:
		return "bogus"
	case 1:
		return "c2c_"
	}
	if g.r.Intn(2) == 0 {
		return fmt.Sprintf("c2c_u%d", g.r.Intn(40))
	}
	return fmt.Sprintf("group_g%d", g.r.Intn(1300))
}

func (g *gen) convs() []string {
	n := g.r.Intn(4)
	if g.r.Intn(25) == 0 {
		n = 200 + g.r.Intn(400)
	}
	out := make([]string, n)
	for i := range out {
		out[i] = g.conv()
	}
	return out
}

func (g *gen) op() Op {
	g.seq++
	id := g.seq
	switch g.r.Intn(11) {
	case 0, 1:
		g.gid++
		gid := fmt.Sprintf("id%d", g.gid)
		if g.r.Intn(30) == 0 {
			gid = "id1" // a reused id
		}
		return create(id, gid, g.name(), g.convs()...)
	case 2:
		return del(id, g.name())
	case 3:
		return ren(id, g.name(), g.name())
	case 4, 5:
		return add(id, g.name(), g.convs()...)
	case 6:
		return rem(id, g.name(), g.convs()...)
	case 7:
		bits := []uint64{1, 2, 4, 8, 1 << 40, 3, 1 << 5, 0}[g.r.Intn(8)]
		return mark(id, bits, g.r.Intn(3) > 0, g.convs()...)
	case 8:
		return pin(id, g.conv(), g.r.Intn(2) == 0)
	case 9:
		data := []string{"", "x", "y", strings.Repeat("z", 257)}[g.r.Intn(4)]
		return custom(id, data, g.convs()...)
	default:
		return convDel(id, g.conv())
	}
}

func (g *gen) ops(n int) []Op {
	out := make([]Op, n)
	for i := range out {
		out[i] = g.op()
	}
	return out
}

// groupModel is what a listener sees: group name → members.
type groupModel map[string]map[string]bool

func modelOf(s *State) groupModel {
	m := groupModel{}
	for _, g := range s.Groups() {
		set := map[string]bool{}
		for _, id := range g.Members {
			set[id] = true
		}
		m[g.Name] = set
	}
	return m
}

// applyChanges plays listener events on a model the way a host would, failing on any event
// that does not fit (a rename onto a taken name, an add of a member, ...).
func applyChanges(t *testing.T, m groupModel, ch Changes) {
	t.Helper()
	for _, n := range ch.Deleted {
		if m[n] == nil {
			t.Fatalf("deleted %q which is not there", n)
		}
		delete(m, n)
	}
	for _, r := range ch.Renamed {
		if m[r.Old] == nil || m[r.New] != nil || r.Old == r.New {
			t.Fatalf("rename %q→%q does not fit", r.Old, r.New)
		}
		m[r.New] = m[r.Old]
		delete(m, r.Old)
	}
	for _, c := range ch.Created {
		if m[c.Name] != nil {
			t.Fatalf("created %q which exists", c.Name)
		}
		set := map[string]bool{}
		for _, id := range c.ConvIDs {
			set[id] = true
		}
		m[c.Name] = set
	}
	for _, e := range ch.Removed {
		if len(e.ConvIDs) == 0 {
			t.Fatal("empty removed event")
		}
		for _, id := range e.ConvIDs {
			if !m[e.Name][id] {
				t.Fatalf("removed %s from %q: not a member", id, e.Name)
			}
			delete(m[e.Name], id)
		}
	}
	for _, e := range ch.Added {
		if len(e.ConvIDs) == 0 {
			t.Fatal("empty added event")
		}
		for _, id := range e.ConvIDs {
			if m[e.Name] == nil || m[e.Name][id] {
				t.Fatalf("added %s to %q: no group or already a member", id, e.Name)
			}
			m[e.Name][id] = true
		}
	}
}

func checkDiff(t *testing.T, before, after *State) {
	t.Helper()
	ch := Diff(before, after)
	m := modelOf(before)
	applyChanges(t, m, ch)
	if want := modelOf(after); !reflect.DeepEqual(m, want) {
		t.Fatalf("events do not lead to the new groups:\n got %v\nwant %v\nevents %+v", m, want, ch)
	}
	ids := map[string]bool{}
	for _, id := range append(before.ConvIDs(), after.ConvIDs()...) {
		ids[id] = true
	}
	var changed []string
	for id := range ids {
		if !reflect.DeepEqual(before.Conv(id), after.Conv(id)) {
			changed = append(changed, id)
		}
	}
	sort.Strings(changed)
	if !reflect.DeepEqual(changed, ch.Updated) && !(len(changed) == 0 && len(ch.Updated) == 0) {
		t.Fatalf("updated %v, want %v", ch.Updated, changed)
	}
	if before.Equal(after) != ch.Empty() && len(ch.Updated) == 0 {
		// Equal states give no events; different ones may differ only in ids/order.
		if before.Equal(after) {
			t.Fatalf("equal states gave events %+v", ch)
		}
	}
}

func TestPropertyRandomSequences(t *testing.T) {
	rounds := 25
	if testing.Short() {
		rounds = 8
	}
	for seed := int64(1); seed <= int64(rounds); seed++ {
		g := &gen{r: rand.New(rand.NewSource(seed))}
		ops := g.ops(150)
		s1, s2 := NewState(), NewState()
		for i, op := range ops {
			before := s1.Clone()
			r1 := s1.Apply(op)
			r2 := s2.Apply(op)
			if err := s1.Check(); err != nil {
				t.Fatalf("seed %d op %d (%v): %v", seed, i, op.Type, err)
			}
			if !reflect.DeepEqual(r1, r2) || !s1.Equal(s2) {
				t.Fatalf("seed %d op %d: not deterministic", seed, i)
			}
			same := s1.Equal(before)
			if r1.Code != 0 && !same {
				t.Fatalf("seed %d op %d: rejected op changed the state", seed, i)
			}
			if r1.Changed == same {
				t.Fatalf("seed %d op %d: Changed=%v but the state changed: %v", seed, i, r1.Changed, !same)
			}
			if op.Type.hasIDs() && r1.Code == 0 && len(r1.Items) != len(op.ConvIDs) {
				t.Fatalf("seed %d op %d: %d items for %d ids", seed, i, len(r1.Items), len(op.ConvIDs))
			}
			if i%4 == 0 || r1.Type == OpGroupRename || r1.Type == OpGroupDelete {
				checkDiff(t, before, s1)
			}
		}
		// The encoding is deterministic and round-trips.
		doc := EncodeState(&StateDoc{Version: 7, ClientID: "c1", LastOpID: 150, State: s1})
		back, derr := DecodeState(string(doc))
		if derr != nil {
			t.Fatalf("seed %d: %v", seed, derr)
		}
		if !back.State.Equal(s1) || !bytes.Equal(EncodeState(back), doc) {
			t.Fatalf("seed %d: state did not round-trip", seed)
		}
		// Replay equals applying one by one.
		view, _ := Replay(NewState(), ops)
		if !view.Equal(s1) {
			t.Fatalf("seed %d: Replay differs", seed)
		}
		// The push round-trips.
		p := &Push{ClientID: "dev-1", LastVersion: 3, Ops: ops}
		pb := EncodePush(p)
		pd, derr := DecodePush(string(pb))
		if derr != nil {
			t.Fatalf("seed %d: %v", seed, derr)
		}
		if !bytes.Equal(EncodePush(pd), pb) {
			t.Fatalf("seed %d: push did not round-trip", seed)
		}
	}
}

// Several clients push random chunks of their outboxes in random order, repeating pushes
// (lost answers): the server's state is the one of applying each op once, in first arrival
// order, and a repeated push is a no-op.
func TestPropertyServerIdempotent(t *testing.T) {
	for seed := int64(1); seed <= 30; seed++ {
		r := rand.New(rand.NewSource(seed))
		const clients = 3
		outbox := make([][]Op, clients)
		gens := make([]*gen, clients)
		for c := range gens {
			gens[c] = &gen{r: rand.New(rand.NewSource(seed*10 + int64(c)))}
			gens[c].gid = c * 100000
			outbox[c] = gens[c].ops(60)
		}
		server := NewState()
		last := make([]uint64, clients)
		reference := NewState()
		refLast := make([]uint64, clients)
		for step := 0; step < 80; step++ {
			c := r.Intn(clients)
			// a push: from the first not-acknowledged op (sometimes from an older one: a
			// repeat after a lost answer) up to a random length
			start := 0
			for start < len(outbox[c]) && outbox[c][start].ID <= last[c] {
				start++
			}
			if r.Intn(3) == 0 && start > 0 {
				start = r.Intn(start)
			}
			end := start + r.Intn(10)
			if end > len(outbox[c]) {
				end = len(outbox[c])
			}
			chunk := outbox[c][start:end]
			snap := server.Clone()
			newLast, res := ApplyPush(server, last[c], chunk)
			// a repeat of the same push applies nothing
			again := server.Clone()
			if l2, res2 := ApplyPush(again, newLast, chunk); l2 != newLast || len(res2) != 0 || !again.Equal(server) {
				t.Fatalf("seed %d: repeated push applied something", seed)
			}
			for _, op := range chunk {
				if op.ID > refLast[c] {
					reference.Apply(op)
					refLast[c] = op.ID
				}
			}
			if !server.Equal(reference) {
				t.Fatalf("seed %d step %d: server differs from the reference", seed, step)
			}
			if len(res) == 0 && !server.Equal(snap) {
				t.Fatalf("seed %d: nothing applied but the state changed", seed)
			}
			last[c] = newLast
		}
	}
}

// Diff between unrelated states (different ids for the same names, renames in cycles).
func TestPropertyDiffUnrelated(t *testing.T) {
	for seed := int64(1); seed <= 80; seed++ {
		g1 := &gen{r: rand.New(rand.NewSource(seed))}
		g2 := &gen{r: rand.New(rand.NewSource(seed + 1000))}
		g2.gid = 5 // overlapping ids from 6 on, with other names
		a, _ := Replay(NewState(), g1.ops(80))
		b, _ := Replay(NewState(), g2.ops(80))
		checkDiff(t, a, b)
		checkDiff(t, b, a)
	}
}

func TestDiffRenameCycle(t *testing.T) {
	a := NewState()
	mustApply(t, a, create(1, "x", "A", "c2c_1"), create(2, "y", "B", "c2c_2"), create(3, "z", "C"))
	b := a.Clone()
	mustApply(t, b, ren(4, "A", "T"), ren(5, "B", "A"), ren(6, "T", "B"), ren(7, "C", "D"))
	ch := Diff(a, b)
	checkDiff(t, a, b)
	if len(ch.Renamed) != 2 || len(ch.Deleted) != 1 || len(ch.Created) != 1 {
		t.Fatalf("%+v", ch)
	}
	// A create that the server merged into another device's group of the same name is the
	// same group, not deleted and created.
	local := NewState()
	mustApply(t, local, create(1, "mine", "Work", "c2c_a"))
	server := NewState()
	mustApply(t, server, create(1, "theirs", "Work", "c2c_b"), add(2, "Work", "c2c_a"))
	ch = Diff(local, server)
	if len(ch.Deleted)+len(ch.Created)+len(ch.Renamed) != 0 || len(ch.Added) != 1 || ch.Added[0].Name != "Work" {
		t.Fatalf("%+v", ch)
	}
	if !reflect.DeepEqual(ch.Updated, []string{"c2c_b"}) {
		t.Fatal(ch.Updated)
	}
	if d := Diff(server, server.Clone()); !d.Empty() {
		t.Fatalf("%+v", d)
	}
}
