package roam

import (
	"math/rand"
	"testing"
)

// A state mirrored with SetGroups and SetConv into another one becomes equal to it, whatever
// the two were, and keeps its invariants; SameConv agrees with Conv.
func TestPropertyMirror(t *testing.T) {
	for seed := int64(1); seed <= 150; seed++ {
		g := &gen{r: rand.New(rand.NewSource(seed))}
		a, _ := Replay(NewState(), g.ops(20+g.r.Intn(60)))
		b := a.Clone()
		for _, op := range g.ops(g.r.Intn(40)) {
			b.Apply(op)
		}
		if seed%3 == 0 { // unrelated states
			b, _ = Replay(NewState(), g.ops(30))
		}
		m := a.Clone()
		m.SetGroups(b.Groups())
		ids := map[string]bool{}
		for _, id := range a.ConvIDs() {
			ids[id] = true
		}
		for _, id := range b.ConvIDs() {
			ids[id] = true
		}
		for id := range ids {
			if m.SameConv(id, b.Conv(id)) != sameConv(m.Conv(id), b.Conv(id)) {
				t.Fatalf("seed %d: SameConv(%s) disagrees with Conv", seed, id)
			}
			m.SetConv(id, b.Conv(id))
		}
		if err := m.Check(); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !m.Equal(b) {
			t.Fatalf("seed %d: mirrored state differs:\n%s\nwant\n%s", seed, EncodeStateOnly(m), EncodeStateOnly(b))
		}
		if ch := Diff(m, b); !ch.Empty() {
			t.Fatalf("seed %d: diff of equal states: %+v", seed, ch)
		}
	}
}
