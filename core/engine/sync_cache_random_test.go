package engine

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// Three devices of one user, each fed a different, overlapping part of the conversations,
// make random changes (groups created, deleted, renamed into each other's names, members
// moved, marks, pins, custom data, conversations deleted and fed again) and sync in random
// order, sometimes applying an old document again. The sync cache is compared with the store
// after every operation (sync_cache_test.go): every apply that changes groups in place, every
// one that rebuilds them (a merge by name, a group placed before one the device had), every
// roaming state kept for a conversation not fed yet. At the end every device shows the
// server's state. Forty seeds: six did not reach a conversation moved between two groups
// that swapped names (TestApplyMoveBetweenRenamedGroups), seeds 24 and 32 do.
func TestSyncCacheRandom(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { syncCacheRandom(t, seed) })
	}
}

func syncCacheRandom(t *testing.T, seed int64) {
	r := rand.New(rand.NewSource(seed))
	sv := newServer(t)
	const nConvs = 24
	feed := func(x *h, i int) {
		x.upsert(item(1+i%2, fmt.Sprintf("u%d", i), uint64(100+i), 0))
	}
	devs := make([]*h, 3)
	for d := range devs {
		devs[d] = newH(t)
		for i := d * 6; i < d*6+12; i++ {
			feed(devs[d], i%nConvs)
		}
	}
	key := func(i int) string {
		if i%2 == 0 {
			return fmt.Sprintf("c2c_u%d", i)
		}
		return fmt.Sprintf("group_u%d", i)
	}
	ids := func() string {
		var out []string
		for n := 1 + r.Intn(4); n > 0; n-- {
			out = append(out, `"`+key(r.Intn(nConvs))+`"`)
		}
		return "[" + strings.Join(out, ",") + "]"
	}
	names := []string{"Work", "Home", "Job", "Play", "Misc"}
	name := func() string { return names[r.Intn(len(names))] }
	var old []string // state documents answered earlier
	for step := 0; step < 160; step++ {
		x := devs[r.Intn(len(devs))]
		var code tim.Code
		switch k := r.Intn(14); k {
		case 0, 1:
			code = x.code(func(cb Callback) int { return x.e.CreateGroup(name(), ids(), cb) })
		case 2:
			code = x.code(func(cb Callback) int { return x.e.DeleteGroup(name(), cb) })
		case 3:
			code = x.code(func(cb Callback) int { return x.e.RenameGroup(name(), name(), cb) })
		case 4:
			code = x.code(func(cb Callback) int { return x.e.AddToGroup(name(), ids(), cb) })
		case 5:
			code = x.code(func(cb Callback) int { return x.e.DeleteFromGroup(name(), ids(), cb) })
		case 6:
			code = x.code(func(cb Callback) int {
				return x.e.MarkConvs(ids(), []uint64{1, 2, 1 << 33}[r.Intn(3)], r.Intn(3) > 0, cb)
			})
		case 7:
			i := r.Intn(nConvs)
			code = x.code(func(cb Callback) int { return x.e.PinConv(fmt.Sprintf("u%d", i), int32(1+i%2), r.Intn(2) == 0, cb) })
		case 8:
			code = x.code(func(cb Callback) int { return x.e.SetCustomData(ids(), []string{"", "vip", "x"}[r.Intn(3)], cb) })
		case 9:
			i := r.Intn(nConvs)
			code = x.code(func(cb Callback) int { return x.e.DeleteConv(fmt.Sprintf("u%d", i), int32(1+i%2), cb) })
		case 10:
			feed(x, r.Intn(nConvs)) // a new one takes the state kept for it
		case 11:
			if len(old) > 0 {
				d, _ := x.apply(old[r.Intn(len(old))]) // late or for another client: ignored or refused
				code = d.Code
			}
		default:
			doc := sv.sync(x)
			old = append(old, doc)
			if d, _ := x.apply(doc); d.Code != 0 {
				t.Fatalf("step %d: apply: %d %s", step, d.Code, d.Desc)
			}
		}
		if code == tim.CodeStorage {
			t.Fatalf("step %d: an operation failed with 6019 (the sync cache check?)", step)
		}
	}
	for round := 0; round < 2; round++ {
		for _, x := range devs {
			if d, _ := x.apply(sv.sync(x)); d.Code != 0 {
				t.Fatalf("final sync: %d %s", d.Code, d.Desc)
			}
		}
	}
	want := string(roam.EncodeStateOnly(sv.st))
	for i, x := range devs {
		if pendingCount(x) != 0 {
			t.Fatalf("device %d: %d pending", i, pendingCount(x))
		}
		if got := x.e.sessState(t); got != want {
			t.Fatalf("device %d shows\n%s\nthe server has\n%s", i, got, want)
		}
	}
}
