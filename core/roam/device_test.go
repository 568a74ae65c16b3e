package roam

import (
	"math/rand"
	"testing"
)

// Two devices make changes offline — each creates "Work", one renames a group the other adds
// to, one creates a 21st group — and sync through a server built from ApplyPush; both end in
// the server's state, nothing is lost without a rejection reported on the device that made
// it, and each device's events lead from what it had to what it has.
func TestPlanApplyTwoDevices(t *testing.T) {
	server := NewState()
	serverLast := map[string]uint64{}
	var version uint64
	rejections := map[string][]Result{}
	sync := func(dev *Device) *ApplyPlan {
		t.Helper()
		last, res := ApplyPush(server, serverLast[dev.ClientID], dev.Outbox)
		if len(res) > 0 {
			version++
		}
		serverLast[dev.ClientID] = last
		for _, r := range res {
			if r.Rejected() {
				r.Items = r.RejectedItems()
				rejections[dev.ClientID] = append(rejections[dev.ClientID], r)
			}
		}
		doc, derr := DecodeState(string(EncodeState(&StateDoc{Version: version, ClientID: dev.ClientID, LastOpID: last, Rejected: rejections[dev.ClientID], State: server})))
		if derr != nil {
			t.Fatal(derr)
		}
		p, derr := PlanApply(dev, doc)
		if derr != nil || p.Ignore || p.Stale {
			t.Fatalf("%v %+v", derr, p)
		}
		m := modelOf(dev.viewOrReplay())
		applyChanges(t, m, p.Changes)
		if want := modelOf(p.View); !equalModels(m, want) {
			t.Fatalf("events do not lead to the view")
		}
		dev.Version, dev.Confirmed, dev.Outbox, dev.View = p.Version, p.Confirmed, p.Pending, p.View
		return p
	}
	// 19 groups exist and both devices know them.
	var setup []Op
	for i := 0; i < 19; i++ {
		setup = append(setup, create(uint64(i+1), "s"+string(rune('a'+i)), "G"+string(rune('a'+i))))
	}
	a := &Device{ClientID: "devA", Confirmed: NewState(), HighestOpID: 19, Outbox: setup}
	sync(a)
	b := &Device{ClientID: "devB", Confirmed: NewState()}
	sync(b)
	// Offline.
	a.Outbox = []Op{create(20, "a-work", "Work", "c2c_1"), ren(21, "Ga", "Renamed")}
	a.HighestOpID = 21
	b.Outbox = []Op{create(1, "b-work", "Work", "c2c_2"), add(2, "Ga", "c2c_3"), create(3, "b-21", "Another")}
	b.HighestOpID = 3
	pa := sync(a)
	if len(pa.Rejected) != 0 {
		t.Fatalf("A rejected: %+v", pa.Rejected)
	}
	pb := sync(b)
	// B: the add to "Ga" (renamed by A) and the 21st group are rejected, and reported.
	if len(pb.Rejected) != 2 || pb.Rejected[0].OpID != 2 || pb.Rejected[0].Code != 51009 || pb.Rejected[1].OpID != 3 || pb.Rejected[1].Code != 51010 {
		t.Fatalf("B rejections %+v", pb.Rejected)
	}
	sync(a)
	if !a.View.Equal(server) || !b.View.Equal(server) {
		t.Fatalf("not converged:\n%s\n%s\n%s", summary(a.View), summary(b.View), summary(server))
	}
	g, _ := server.Group("Work")
	if len(g.Members) != 2 || len(server.Groups()) != 20 {
		t.Fatal(summary(server))
	}
	// An older document changes nothing; a document of another client is refused; a last
	// op id above what the device allocated is a stale client.
	if p, _ := PlanApply(a, &StateDoc{Version: a.Version - 1, ClientID: "devA", State: NewState()}); !p.Ignore {
		t.Fatal("older document applied")
	}
	if _, err := PlanApply(a, &StateDoc{Version: a.Version, ClientID: "devB", State: NewState()}); err == nil {
		t.Fatal("another client's document applied")
	}
	if p, _ := PlanApply(a, &StateDoc{Version: a.Version, ClientID: "devA", LastOpID: 99, State: NewState()}); !p.Stale {
		t.Fatal("stale client not detected")
	}
	// A document that acknowledges, as its last op, an op id this device holds pending with
	// other content (a restored cache reused it; e.g. GET /v1/state after the reuse) is stale;
	// with the same content it is an ordinary acknowledgement.
	mine := Op{ID: 3, Type: OpPin, ConvID: "c2c_x", Pinned: true}
	theirs := Op{ID: 3, Type: OpPin, ConvID: "c2c_y", Pinned: true}
	r := &Device{ClientID: "devR", Version: 1, HighestOpID: 3, Outbox: []Op{mine}}
	if p, _ := PlanApply(r, &StateDoc{Version: 2, ClientID: "devR", LastOpID: 3, LastOpHash: OpHash(&theirs), State: NewState()}); p == nil || !p.Stale {
		t.Fatal("a reused op id was taken as acknowledged")
	}
	if p, _ := PlanApply(r, &StateDoc{Version: 2, ClientID: "devR", LastOpID: 3, LastOpHash: OpHash(&mine), State: NewState()}); p == nil || p.Stale || len(p.Acked) != 1 {
		t.Fatalf("the same op was not acknowledged: %+v", p)
	}
	// The server's word that this client's op ids went backwards: stale whatever the last op id.
	if p, _ := PlanApply(a, &StateDoc{Version: a.Version, ClientID: "devA", LastOpID: a.HighestOpID, ClientStale: true, State: NewState()}); p == nil || !p.Stale {
		t.Fatal("sync_state_is_client_stale not honoured")
	}
	if p, _ := PlanApply(a, &StateDoc{Version: a.Version, ClientID: "devA", LastOpID: 21, Unchanged: true}); p.Ignore || !p.View.Equal(a.View) || !p.Changes.Empty() {
		t.Fatal("unchanged document")
	}
}

func (d *Device) viewOrReplay() *State {
	if d.View != nil {
		return d.View
	}
	v, _ := Replay(d.Confirmed, d.Outbox)
	return v
}

func equalModels(a, b groupModel) bool {
	if len(a) != len(b) {
		return false
	}
	for n, m := range a {
		o := b[n]
		if o == nil || len(o) != len(m) {
			return false
		}
		for id := range m {
			if !o[id] {
				return false
			}
		}
	}
	return true
}

// Random offline operations on three devices, synced in random order with lost answers:
// every device ends in the server's state once its outbox is empty, and every operation is
// applied or reported rejected on the device that made it.
func TestPlanApplyConvergence(t *testing.T) {
	for seed := int64(1); seed <= 12; seed++ {
		r := rand.New(rand.NewSource(seed))
		server := NewState()
		last := map[string]uint64{}
		var version uint64
		rej := map[string][]Result{}
		devs := make([]*Device, 3)
		gens := make([]*gen, 3)
		reported := map[string]map[uint64]bool{}
		made := map[string]map[uint64]bool{}    // ops each device made
		settled := map[string]map[uint64]bool{} // acked (applied or reported)
		for i := range devs {
			id := "dev" + string(rune('0'+i))
			devs[i] = &Device{ClientID: id, Confirmed: NewState()}
			gens[i] = &gen{r: rand.New(rand.NewSource(seed*7 + int64(i))), gid: i * 100000}
			made[id], settled[id], reported[id] = map[uint64]bool{}, map[uint64]bool{}, map[uint64]bool{}
		}
		for step := 0; step < 40; step++ {
			d := devs[r.Intn(3)]
			g := gens[indexOf(devs, d)]
			if r.Intn(2) == 0 {
				for k := r.Intn(4); k > 0; k-- {
					op := g.op()
					d.Outbox = append(d.Outbox, op)
					d.HighestOpID = op.ID
					made[d.ClientID][op.ID] = true
				}
				d.View = nil
				continue
			}
			l, res := ApplyPush(server, last[d.ClientID], d.Outbox)
			if len(res) > 0 {
				version++
			}
			last[d.ClientID] = l
			for _, x := range res {
				if x.Rejected() {
					rej[d.ClientID] = append(rej[d.ClientID], x)
				}
			}
			if r.Intn(4) == 0 {
				continue // the answer was lost
			}
			p, derr := PlanApply(d, &StateDoc{Version: version, ClientID: d.ClientID, LastOpID: l, Rejected: rej[d.ClientID], State: server.Clone()})
			if derr != nil || p.Ignore || p.Stale {
				t.Fatalf("seed %d: %v %+v", seed, derr, p)
			}
			for _, op := range p.Acked {
				settled[d.ClientID][op.ID] = true
			}
			for _, x := range p.Rejected {
				reported[d.ClientID][x.OpID] = true
			}
			d.Version, d.Confirmed, d.Outbox, d.View = p.Version, p.Confirmed, p.Pending, p.View
		}
		// Final rounds: everyone pushes and applies until outboxes are empty.
		for round := 0; round < 2; round++ {
			for _, d := range devs {
				l, res := ApplyPush(server, last[d.ClientID], d.Outbox)
				if len(res) > 0 {
					version++
				}
				last[d.ClientID] = l
				for _, x := range res {
					if x.Rejected() {
						rej[d.ClientID] = append(rej[d.ClientID], x)
					}
				}
				p, _ := PlanApply(d, &StateDoc{Version: version, ClientID: d.ClientID, LastOpID: l, Rejected: rej[d.ClientID], State: server.Clone()})
				for _, x := range p.Rejected {
					reported[d.ClientID][x.OpID] = true
				}
				for _, op := range p.Acked {
					settled[d.ClientID][op.ID] = true
				}
				d.Version, d.Confirmed, d.Outbox, d.View = p.Version, p.Confirmed, p.Pending, p.View
			}
		}
		for _, d := range devs {
			if len(d.Outbox) != 0 || !d.View.Equal(server) {
				t.Fatalf("seed %d: %s did not converge", seed, d.ClientID)
			}
			for id := range made[d.ClientID] {
				if !settled[d.ClientID][id] {
					t.Fatalf("seed %d: %s op %d lost", seed, d.ClientID, id)
				}
			}
			for _, x := range rej[d.ClientID] {
				if !reported[d.ClientID][x.OpID] {
					t.Fatalf("seed %d: %s op %d rejected but never reported", seed, d.ClientID, x.OpID)
				}
			}
		}
	}
}

func indexOf(devs []*Device, d *Device) int {
	for i, x := range devs {
		if x == d {
			return i
		}
	}
	return -1
}
