package roam

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// ---- helpers ----

func create(id uint64, gid, name string, ids ...string) Op {
	return Op{ID: id, Type: OpGroupCreate, GroupID: gid, Name: name, ConvIDs: ids}
}
func del(id uint64, name string) Op { return Op{ID: id, Type: OpGroupDelete, Name: name} }
func ren(id uint64, old, nw string) Op {
	return Op{ID: id, Type: OpGroupRename, Name: old, NewName: nw}
}
func add(id uint64, name string, ids ...string) Op {
	return Op{ID: id, Type: OpGroupAdd, Name: name, ConvIDs: ids}
}
func rem(id uint64, name string, ids ...string) Op {
	return Op{ID: id, Type: OpGroupRemove, Name: name, ConvIDs: ids}
}
func mark(id uint64, bits uint64, enable bool, ids ...string) Op {
	return Op{ID: id, Type: OpMark, Marks: bits, Enable: enable, ConvIDs: ids}
}
func pin(id uint64, cid string, on bool) Op {
	return Op{ID: id, Type: OpPin, ConvID: cid, Pinned: on}
}
func custom(id uint64, data string, ids ...string) Op {
	return Op{ID: id, Type: OpCustomData, CustomData: data, ConvIDs: ids}
}
func convDel(id uint64, cid string) Op { return Op{ID: id, Type: OpConvDelete, ConvID: cid} }

func mustApply(t *testing.T, s *State, ops ...Op) []Result {
	t.Helper()
	var out []Result
	for _, op := range ops {
		r := s.Apply(op)
		if err := s.Check(); err != nil {
			t.Fatalf("after %v: invariant broken: %v", op, err)
		}
		out = append(out, r)
	}
	return out
}

// summary renders a state compactly: groups "name(id)=[members]" and convs "id:m=..,p,c=..".
func summary(s *State) string {
	var b strings.Builder
	for _, g := range s.Groups() {
		fmt.Fprintf(&b, "%s(%s)=%v;", g.Name, g.ID, g.Members)
	}
	b.WriteString("|")
	for _, id := range s.ConvIDs() {
		c := s.Conv(id)
		if c.Marks == 0 && !c.Pinned && c.CustomData == "" {
			continue
		}
		fmt.Fprintf(&b, "%s:m=%#x", id, c.Marks)
		if c.Pinned {
			b.WriteString(",p")
		}
		if c.CustomData != "" {
			fmt.Fprintf(&b, ",c=%s", c.CustomData)
		}
		b.WriteString(";")
	}
	return b.String()
}

func codes(r Result) []tim.Code {
	out := []tim.Code{r.Code}
	for _, it := range r.Items {
		out = append(out, it.Code)
	}
	return out
}

// ---- every rule on its own ----

func TestRules(t *testing.T) {
	long := strings.Repeat("x", 33)
	max := strings.Repeat("x", 32)
	cases := []struct {
		name  string
		setup []Op
		op    Op
		codes []tim.Code // op code, then item codes
		want  string     // summary after
	}{
		// names
		{"create empty name", nil, create(1, "g1", ""), []tim.Code{6017}, "|"},
		{"create non-UTF-8 name", nil, create(1, "g1", "a\xffb"), []tim.Code{6017}, "|"},
		{"create 33-byte name", nil, create(1, "g1", long), []tim.Code{51011}, "|"},
		{"create 32-byte name", nil, create(1, "g1", max), []tim.Code{0}, max + "(g1)=[];|"},
		{"names are exact bytes", []Op{create(1, "g1", "Work")}, create(2, "g2", "work"), []tim.Code{0}, "Work(g1)=[];work(g2)=[];|"},
		{"delete empty name", []Op{create(1, "g1", "A")}, del(2, ""), []tim.Code{6017}, "A(g1)=[];|"},
		{"rename to 33 bytes", []Op{create(1, "g1", "A")}, ren(2, "A", long), []tim.Code{51011}, "A(g1)=[];|"},
		{"rename from empty", []Op{create(1, "g1", "A")}, ren(2, "", "B"), []tim.Code{6017}, "A(g1)=[];|"},
		{"add non-UTF-8 name", []Op{create(1, "g1", "A")}, add(2, "\xff", "c2c_a"), []tim.Code{6017}, "A(g1)=[];|"},
		{"remove 33-byte name", []Op{create(1, "g1", "A")}, rem(2, long, "c2c_a"), []tim.Code{51011}, "A(g1)=[];|"},
		// create
		{"create with members", nil, create(1, "g1", "A", "c2c_b", "group_a"), []tim.Code{0, 0, 0}, "A(g1)=[c2c_b group_a];|"},
		{"create with no members", nil, create(1, "g1", "A"), []tim.Code{0}, "A(g1)=[];|"},
		{"create keeps good items, rejects malformed", nil, create(1, "g1", "A", "x_a", "c2c_b", "c2c_"), []tim.Code{0, 6017, 0, 6017}, "A(g1)=[c2c_b];|"},
		{"create of an existing name merges", []Op{create(1, "g1", "Work", "c2c_a")}, create(2, "g2", "Work", "c2c_a", "c2c_b"), []tim.Code{0, 0, 0}, "Work(g1)=[c2c_a c2c_b];|"},
		{"create merge with 20 groups", twentyGroups(), create(30, "gx", "n19", "c2c_a"), []tim.Code{0, 0}, twentySummary("c2c_a")},
		{"21st group", twentyGroups(), create(30, "gx", "new", "c2c_a"), []tim.Code{51010}, twentySummary("")},
		{"create with a bad group id", nil, create(1, "g 1", "A"), []tim.Code{6017}, "|"},
		{"create with an empty group id", nil, create(1, "", "A"), []tim.Code{6017}, "|"},
		{"create with a 65-byte group id", nil, create(1, strings.Repeat("a", 65), "A"), []tim.Code{6017}, "|"},
		{"create with a group id in use", []Op{create(1, "g1", "A")}, create(2, "g1", "B"), []tim.Code{6017}, "A(g1)=[];|"},
		{"create with 1001 ids", nil, create(1, "g1", "A", manyIDs(1001)...), []tim.Code{6017}, "|"},
		// delete
		{"delete", []Op{create(1, "g1", "A", "c2c_a"), mark(2, 1, true, "c2c_a")}, del(3, "A"), []tim.Code{0}, "|c2c_a:m=0x1;"},
		{"delete missing", nil, del(1, "A"), []tim.Code{51009}, "|"},
		{"delete keeps order of others", []Op{create(1, "g1", "A"), create(2, "g2", "B"), create(3, "g3", "C")}, del(4, "B"), []tim.Code{0}, "A(g1)=[];C(g3)=[];|"},
		// rename
		{"rename", []Op{create(1, "g1", "A", "c2c_a"), create(2, "g2", "B")}, ren(3, "A", "Z"), []tim.Code{0}, "Z(g1)=[c2c_a];B(g2)=[];|"},
		{"rename to existing", []Op{create(1, "g1", "A"), create(2, "g2", "B")}, ren(3, "A", "B"), []tim.Code{51012}, "A(g1)=[];B(g2)=[];|"},
		{"rename missing", nil, ren(1, "A", "B"), []tim.Code{51009}, "|"},
		{"rename to itself", []Op{create(1, "g1", "A")}, ren(2, "A", "A"), []tim.Code{0}, "A(g1)=[];|"},
		{"last rename wins", []Op{create(1, "g1", "A"), ren(2, "A", "B")}, ren(3, "B", "C"), []tim.Code{0}, "C(g1)=[];|"},
		{"rename of a renamed-away name", []Op{create(1, "g1", "A"), ren(2, "A", "B")}, ren(3, "A", "C"), []tim.Code{51009}, "B(g1)=[];|"},
		// add / remove
		{"add", []Op{create(1, "g1", "A")}, add(2, "A", "c2c_a", "c2c_a", "bad"), []tim.Code{0, 0, 0, 6017}, "A(g1)=[c2c_a];|"},
		{"add to missing group", nil, add(1, "A", "c2c_a"), []tim.Code{51009}, "|"},
		{"delete beats a later add", []Op{create(1, "g1", "A"), del(2, "A")}, add(3, "A", "c2c_a"), []tim.Code{51009}, "|"},
		{"add of a member is a no-op", []Op{create(1, "g1", "A", "c2c_a")}, add(2, "A", "c2c_a"), []tim.Code{0, 0}, "A(g1)=[c2c_a];|"},
		{"remove", []Op{create(1, "g1", "A", "c2c_a", "c2c_b")}, rem(2, "A", "c2c_a", "c2c_x", "c2c_a"), []tim.Code{0, 0, 0, 0}, "A(g1)=[c2c_b];|"},
		{"remove from missing group", nil, rem(1, "A", "c2c_a"), []tim.Code{51009}, "|"},
		{"remove malformed", []Op{create(1, "g1", "A")}, rem(2, "A", "c2c_"), []tim.Code{0, 6017}, "A(g1)=[];|"},
		{"group of 1000 is full", []Op{create(1, "g1", "A", manyIDs(1000)...)}, add(2, "A", "c2c_new", "c2c_0"), []tim.Code{0, 51008, 0}, ""},
		// marks
		{"mark set", nil, mark(1, 0x1|1<<32, true, "c2c_a"), []tim.Code{0, 0}, "|c2c_a:m=0x100000001;"},
		{"mark clear", []Op{mark(1, 0x3, true, "c2c_a")}, mark(2, 0x1, false, "c2c_a"), []tim.Code{0, 0}, "|c2c_a:m=0x2;"},
		{"mark clear of nothing", nil, mark(1, 0x1, false, "c2c_a"), []tim.Code{0, 0}, "|"},
		{"mark 0", nil, mark(1, 0, true, "c2c_a"), []tim.Code{6017}, "|"},
		{"mark reserved bit", nil, mark(1, 1<<4, true, "c2c_a"), []tim.Code{6017}, "|"},
		{"mark malformed id", nil, mark(1, 1, true, "c2c_a", "nope"), []tim.Code{0, 0, 6017}, "|c2c_a:m=0x1;"},
		{"last mark wins", []Op{mark(1, 0x4, true, "c2c_a"), mark(2, 0x4, false, "c2c_a")}, mark(3, 0x4, true, "c2c_a"), []tim.Code{0, 0}, "|c2c_a:m=0x4;"},
		// pin
		{"pin", nil, pin(1, "c2c_a", true), []tim.Code{0}, "|c2c_a:m=0x0,p;"},
		{"unpin", []Op{pin(1, "c2c_a", true)}, pin(2, "c2c_a", false), []tim.Code{0}, "|"},
		{"pin malformed", nil, pin(1, "c2c_", true), []tim.Code{6017}, "|"},
		// custom data
		{"custom data", nil, custom(1, "hi", "c2c_a", "group_b"), []tim.Code{0, 0, 0}, "|c2c_a:m=0x0,c=hi;group_b:m=0x0,c=hi;"},
		{"custom data cleared", []Op{custom(1, "hi", "c2c_a")}, custom(2, "", "c2c_a"), []tim.Code{0, 0}, "|"},
		{"custom data 257 bytes", nil, custom(1, strings.Repeat("d", 257), "c2c_a"), []tim.Code{6017}, "|"},
		{"custom data not UTF-8", nil, custom(1, "\xfe", "c2c_a"), []tim.Code{6017}, "|"},
		{"last custom data wins", []Op{custom(1, "x", "c2c_a")}, custom(2, "y", "c2c_a"), []tim.Code{0, 0}, "|c2c_a:m=0x0,c=y;"},
		// conversation delete
		{"conversation delete", []Op{create(1, "g1", "A", "c2c_a", "c2c_b"), create(2, "g2", "B", "c2c_a"), mark(3, 1, true, "c2c_a"), pin(4, "c2c_a", true), custom(5, "z", "c2c_a")},
			convDel(6, "c2c_a"), []tim.Code{0}, "A(g1)=[c2c_b];B(g2)=[];|"},
		{"conversation delete of nothing", nil, convDel(1, "c2c_a"), []tim.Code{0}, "|"},
		{"conversation delete malformed", nil, convDel(1, "a"), []tim.Code{6017}, "|"},
		// unknown kind
		{"unknown kind", nil, Op{ID: 1, Type: 42}, []tim.Code{6017}, "|"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := NewState()
			mustApply(t, s, c.setup...)
			r := mustApply(t, s, c.op)[0]
			if got := codes(r); !reflect.DeepEqual(got, c.codes) {
				t.Fatalf("codes %v, want %v (%s)", got, c.codes, r.Info)
			}
			if r.OpID != c.op.ID || r.Type != c.op.Type {
				t.Fatalf("result names op %d/%v", r.OpID, r.Type)
			}
			if c.want != "" {
				if got := summary(s); got != c.want {
					t.Fatalf("state %q, want %q", got, c.want)
				}
			}
			for _, it := range r.Items {
				if it.Code != 0 && it.Info == "" {
					t.Fatalf("item %s rejected without a description", it.ConvID)
				}
			}
			if r.Code != 0 && r.Info == "" {
				t.Fatal("rejected without a description")
			}
		})
	}
}

func manyIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("c2c_%d", i)
	}
	return out
}

func twentyGroups() []Op {
	var ops []Op
	for i := 0; i < 20; i++ {
		ops = append(ops, create(uint64(i+1), fmt.Sprintf("g%d", i), fmt.Sprintf("n%d", i)))
	}
	return ops
}

func twentySummary(in19 string) string {
	var b strings.Builder
	for i := 0; i < 20; i++ {
		m := "[]"
		if i == 19 && in19 != "" {
			m = "[" + in19 + "]"
		}
		fmt.Fprintf(&b, "n%d(g%d)=%s;", i, i, m)
	}
	return b.String() + "|"
}

// A rejected operation changes nothing, whatever its kind.
func TestRejectedChangesNothing(t *testing.T) {
	s := NewState()
	mustApply(t, s, create(1, "g1", "A", "c2c_a"), create(2, "g2", "B"), mark(3, 1, true, "c2c_a"))
	before := s.Clone()
	for _, op := range []Op{create(4, "g1", "C"), del(4, "Z"), ren(4, "A", "B"), ren(4, "Z", "Y"), add(4, "Z", "c2c_a"),
		rem(4, "Z", "c2c_a"), mark(4, 0, true, "c2c_a"), pin(4, "bad", true), custom(4, strings.Repeat("x", 300), "c2c_a"), convDel(4, "")} {
		r := s.Apply(op)
		if r.Code == 0 || r.Changed {
			t.Fatalf("%v: code %d changed %v", op.Type, r.Code, r.Changed)
		}
		if !s.Equal(before) {
			t.Fatalf("%v changed the state", op.Type)
		}
	}
}

// The extended-state budget: 1000 conversations with a mark, custom data or a group; beyond
// it each item gets 51008 and nothing is evicted. A pin does not count; clearing never fails.
func TestExtendedBudget(t *testing.T) {
	s := NewState()
	mustApply(t, s, mark(1, 1, true, manyIDs(1000)...))
	if s.ExtendedCount() != 1000 {
		t.Fatalf("count %d", s.ExtendedCount())
	}
	before := s.Clone()
	rs := mustApply(t, s,
		mark(2, 1, true, "c2c_new"),
		custom(3, "d", "c2c_new"),
		create(4, "g1", "A", "c2c_new", "c2c_5"),
		add(5, "A", "c2c_new2"),
		pin(6, "c2c_pinned", true),
		mark(7, 2, true, "c2c_5"),     // already extended: allowed
		custom(8, "x", "c2c_6"),       // already extended: allowed
		custom(9, "", "c2c_new"),      // clearing: allowed, no change
		mark(10, 1, false, "c2c_new"), // clearing: allowed
	)
	want := [][]tim.Code{{0, 51008}, {0, 51008}, {0, 51008, 0}, {0, 51008}, {0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}
	for i, r := range rs {
		if !reflect.DeepEqual(codes(r), want[i]) {
			t.Fatalf("op %d: codes %v, want %v", i, codes(r), want[i])
		}
	}
	if s.ExtendedCount() != 1000 || s.Conv("c2c_new").Extended() || !s.Conv("c2c_pinned").Pinned {
		t.Fatalf("count %d", s.ExtendedCount())
	}
	for _, id := range before.ConvIDs() {
		if !s.Conv(id).Extended() {
			t.Fatalf("%s was evicted", id)
		}
	}
	// Freeing one makes room for one.
	mustApply(t, s, mark(11, 1, false, "c2c_0"))
	if r := mustApply(t, s, add(12, "A", "c2c_new"))[0]; !reflect.DeepEqual(codes(r), []tim.Code{0, 0}) {
		t.Fatalf("codes %v", codes(r))
	}
	if r := mustApply(t, s, custom(13, "y", "c2c_0"))[0]; !reflect.DeepEqual(codes(r), []tim.Code{0, 51008}) {
		t.Fatalf("codes %v", codes(r))
	}
	// A conversation delete frees its slot.
	mustApply(t, s, convDel(14, "c2c_1"))
	if r := mustApply(t, s, custom(15, "y", "c2c_0"))[0]; !reflect.DeepEqual(codes(r), []tim.Code{0, 0}) {
		t.Fatalf("codes %v", codes(r))
	}
}

// Two devices create "Work" offline: the server ends with one "Work", members united, and the
// first creator's id.
func TestConcurrentCreateMerges(t *testing.T) {
	s := NewState()
	mustApply(t, s, create(1, "devA1", "Work", "c2c_a"), create(1, "devB1", "Work", "c2c_b"), add(2, "Work", "c2c_c"))
	if got := summary(s); got != "Work(devA1)=[c2c_a c2c_b c2c_c];|" {
		t.Fatal(got)
	}
}

// Delete beats concurrent adds, in both arrival orders.
func TestDeleteBeatsConcurrentAdd(t *testing.T) {
	for _, deleteFirst := range []bool{true, false} {
		s := NewState()
		mustApply(t, s, create(1, "g", "Work", "c2c_a"))
		ops := []Op{del(2, "Work"), add(2, "Work", "c2c_b")}
		if !deleteFirst {
			ops[0], ops[1] = ops[1], ops[0]
		}
		rs := mustApply(t, s, ops...)
		if summary(s) != "|" {
			t.Fatalf("deleteFirst=%v: %s", deleteFirst, summary(s))
		}
		if deleteFirst && rs[1].Code != tim.CodeGroupNotExist {
			t.Fatalf("add after delete: %d", rs[1].Code)
		}
	}
}

func TestApplyPushSkipsApplied(t *testing.T) {
	s := NewState()
	ops := []Op{create(1, "g", "A"), add(2, "A", "c2c_a"), mark(3, 1, true, "c2c_a")}
	last, rs := ApplyPush(s, 0, ops)
	if last != 3 || len(rs) != 3 {
		t.Fatalf("last %d, %d results", last, len(rs))
	}
	snap := s.Clone()
	last, rs = ApplyPush(s, last, ops)
	if last != 3 || len(rs) != 0 || !s.Equal(snap) {
		t.Fatalf("repeat applied something: last %d, %d results", last, len(rs))
	}
	last, rs = ApplyPush(s, 2, append(ops, pin(4, "c2c_a", true)))
	if last != 4 || len(rs) != 2 || rs[0].OpID != 3 || rs[1].OpID != 4 {
		t.Fatalf("overlap: last %d, %+v", last, rs)
	}
}

func TestReplayLeavesConfirmedAlone(t *testing.T) {
	confirmed := NewState()
	mustApply(t, confirmed, create(1, "g", "A", "c2c_a"))
	snap := confirmed.Clone()
	view, rs := Replay(confirmed, []Op{ren(5, "A", "B"), add(6, "Zed", "c2c_a"), convDel(7, "c2c_a")})
	if !confirmed.Equal(snap) {
		t.Fatal("Replay changed the confirmed state")
	}
	if got := summary(view); got != "B(g)=[];|" {
		t.Fatal(got)
	}
	if rs[1].Code != tim.CodeGroupNotExist || rs[0].Code != 0 {
		t.Fatalf("%+v", rs)
	}
}

func TestFromSnapshotInvariants(t *testing.T) {
	bad := []struct {
		name   string
		groups []Group
		convs  map[string]Conv
	}{
		{"dup id", []Group{{ID: "a", Name: "x"}, {ID: "a", Name: "y"}}, nil},
		{"dup name", []Group{{ID: "a", Name: "x"}, {ID: "b", Name: "x"}}, nil},
		{"bad id", []Group{{ID: "", Name: "x"}}, nil},
		{"bad name", []Group{{ID: "a", Name: ""}}, nil},
		{"long name", []Group{{ID: "a", Name: strings.Repeat("n", 33)}}, nil},
		{"bad member", []Group{{ID: "a", Name: "x", Members: []string{"zz"}}}, nil},
		{"dup member", []Group{{ID: "a", Name: "x", Members: []string{"c2c_a", "c2c_a"}}}, nil},
		{"1001 members", []Group{{ID: "a", Name: "x", Members: manyIDs(1001)}}, nil},
		{"21 groups", func() []Group {
			var gs []Group
			for i := 0; i < 21; i++ {
				gs = append(gs, Group{ID: fmt.Sprint("g", i), Name: fmt.Sprint("n", i)})
			}
			return gs
		}(), nil},
		{"bad conv", nil, map[string]Conv{"x": {Pinned: true}}},
		{"reserved mark", nil, map[string]Conv{"c2c_a": {Marks: 1 << 5}}},
		{"long custom", nil, map[string]Conv{"c2c_a": {CustomData: strings.Repeat("c", 257)}}},
		{"1001 extended", nil, func() map[string]Conv {
			m := map[string]Conv{}
			for _, id := range manyIDs(1001) {
				m[id] = Conv{Marks: 1}
			}
			return m
		}()},
	}
	for _, c := range bad {
		if _, err := FromSnapshot(c.groups, c.convs); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
	s, err := FromSnapshot([]Group{{ID: "a", Name: "x", Members: []string{"c2c_b", "c2c_a"}}}, map[string]Conv{"c2c_a": {Marks: 1}, "c2c_z": {}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if got := summary(s); got != "x(a)=[c2c_a c2c_b];|c2c_a:m=0x1;" || s.ExtendedCount() != 2 {
		t.Fatalf("%s %d", got, s.ExtendedCount())
	}
	if g := s.Conv("c2c_a").Groups; !reflect.DeepEqual(g, []string{"x"}) {
		t.Fatal(g)
	}
}

// Conv.Groups lists group names in creation order (a renamed group keeps its place).
func TestConvGroupsInCreationOrder(t *testing.T) {
	s := NewState()
	mustApply(t, s, create(1, "g1", "B"), create(2, "g2", "A"), add(3, "A", "c2c_x"), add(4, "B", "c2c_x"), ren(5, "B", "Z"))
	if g := s.Conv("c2c_x").Groups; !reflect.DeepEqual(g, []string{"Z", "A"}) {
		t.Fatal(g)
	}
	if n := s.GroupNames(); !reflect.DeepEqual(n, []string{"Z", "A"}) {
		t.Fatal(n)
	}
}
