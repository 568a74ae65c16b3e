// Package roam holds the rules of the roaming state that syncs across a user's devices: the
// conversation groups (stable ids, names, creation order, members) and, per conversation, the
// marks, the pin and the custom data. It is plain Go with no I/O: the reference backend applies
// pushed operations with it, and the device replays its pending operations with it, so the two
// can never disagree.
//
// The model (docs/sync.md): a device records one Op per effective change in its outbox; the
// backend applies the ops of a push in arrival order (Apply), idempotently per client
// (ApplyPush), and answers with the whole state; the device takes that state as confirmed and
// replays its still-pending ops on top (Replay); Diff turns two states into listener events.
package roam

import (
	"sort"
	"unicode/utf8"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// Limits of the roaming state and of the documents.
const (
	MaxGroupIDBytes = 64    // a group id: 1..64 bytes of [0-9A-Za-z_-]
	MaxOpConvIDs    = 1000  // conversation ids in one operation
	MaxPushOps      = 10000 // operations in one push document
	MaxClientIDLen  = 64    // a client id: 1..64 bytes of [0-9A-Za-z_-]
)

// Group is one conversation group as the state holds it.
type Group struct {
	ID      string   // stable id chosen by the device that created it
	Name    string   // unique among the user's groups
	Members []string // conversation ids ("c2c_<id>" / "group_<id>"), ascending byte order
}

// Conv is the roaming state of one conversation.
type Conv struct {
	Marks      uint64   // mark bits (built-in 0..3, custom 32..63)
	Pinned     bool     // pinned
	CustomData string   // custom data ("" = none)
	Groups     []string // names of the groups it belongs to, in group creation order
}

// Extended reports whether the conversation counts against the extended-state budget: it
// carries a mark, custom data or a group membership (a pin does not count).
func (c Conv) Extended() bool { return c.Marks != 0 || c.CustomData != "" || len(c.Groups) > 0 }

type group struct {
	id      string
	name    string
	members map[string]struct{}
}

type convState struct {
	marks  uint64
	pinned bool
	custom string
	groups int // memberships
}

func (c *convState) extended() bool { return c.marks != 0 || c.custom != "" || c.groups > 0 }
func (c *convState) empty() bool    { return !c.extended() && !c.pinned }

// State is the roaming state of one user. The zero value is not usable: use NewState,
// FromSnapshot or DecodeState. A State is not safe for concurrent mutation.
type State struct {
	groups []*group              // creation order
	convs  map[string]*convState // conversations with any roaming state
	ext    int                   // conversations that are extended
}

// NewState returns an empty state.
func NewState() *State { return &State{convs: map[string]*convState{}} }

// Clone returns a deep copy.
func (s *State) Clone() *State {
	n := &State{groups: make([]*group, len(s.groups)), convs: make(map[string]*convState, len(s.convs)), ext: s.ext}
	for i, g := range s.groups {
		m := make(map[string]struct{}, len(g.members))
		for k := range g.members {
			m[k] = struct{}{}
		}
		n.groups[i] = &group{id: g.id, name: g.name, members: m}
	}
	for k, c := range s.convs {
		cc := *c
		n.convs[k] = &cc
	}
	return n
}

// Groups returns the groups in creation order (copies).
func (s *State) Groups() []Group {
	out := make([]Group, len(s.groups))
	for i, g := range s.groups {
		out[i] = g.export()
	}
	return out
}

// GroupNames returns the group names in creation order.
func (s *State) GroupNames() []string {
	out := make([]string, len(s.groups))
	for i, g := range s.groups {
		out[i] = g.name
	}
	return out
}

// Group returns the group of that name.
func (s *State) Group(name string) (Group, bool) {
	if g := s.byName(name); g != nil {
		return g.export(), true
	}
	return Group{}, false
}

func (g *group) export() Group {
	return Group{ID: g.id, Name: g.name, Members: sortedKeys(g.members)}
}

// Conv returns the roaming state of a conversation (the zero Conv when it has none).
func (s *State) Conv(id string) Conv {
	c := s.convs[id]
	if c == nil {
		return Conv{}
	}
	out := Conv{Marks: c.marks, Pinned: c.pinned, CustomData: c.custom}
	if c.groups > 0 {
		for _, g := range s.groups {
			if _, ok := g.members[id]; ok {
				out.Groups = append(out.Groups, g.name)
			}
		}
	}
	return out
}

// ConvIDs returns the ids of every conversation with any roaming state (a mark, the pin,
// custom data or a group), ascending.
func (s *State) ConvIDs() []string {
	out := make([]string, 0, len(s.convs))
	for k := range s.convs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ExtendedCount returns how many conversations count against the extended-state budget.
func (s *State) ExtendedCount() int { return s.ext }

// Equal reports whether two states hold the same groups (ids, names, order, members) and the
// same per-conversation state.
func (s *State) Equal(o *State) bool {
	if len(s.groups) != len(o.groups) || len(s.convs) != len(o.convs) {
		return false
	}
	for i, g := range s.groups {
		h := o.groups[i]
		if g.id != h.id || g.name != h.name || len(g.members) != len(h.members) {
			return false
		}
		for k := range g.members {
			if _, ok := h.members[k]; !ok {
				return false
			}
		}
	}
	for k, c := range s.convs {
		d := o.convs[k]
		if d == nil || *c != *d {
			return false
		}
	}
	return true
}

func (s *State) byName(name string) *group {
	for _, g := range s.groups {
		if g.name == name {
			return g
		}
	}
	return nil
}

func (s *State) byID(id string) *group {
	for _, g := range s.groups {
		if g.id == id {
			return g
		}
	}
	return nil
}

// conv returns the state of a conversation, creating it when absent.
func (s *State) conv(id string) *convState {
	c := s.convs[id]
	if c == nil {
		c = &convState{}
		s.convs[id] = c
	}
	return c
}

// update replaces a conversation's state, keeping the extended count and dropping empty
// entries.
func (s *State) update(id string, before bool, c *convState) {
	after := c.extended()
	switch {
	case before && !after:
		s.ext--
	case !before && after:
		s.ext++
	}
	if c.empty() {
		delete(s.convs, id)
	}
}

// canExtend reports whether the conversation may gain extended state.
func (s *State) canExtend(c *convState) bool { return c.extended() || s.ext < tim.MaxExtended }

// FromSnapshot builds a state from groups (in creation order) and per-conversation fields.
// convs may omit conversations that have no marks, pin or custom data; Conv.Groups is ignored
// (membership comes from groups). It fails when the snapshot breaks an invariant: a group id
// or name that is invalid or repeated, a malformed conversation id, a limit exceeded.
func FromSnapshot(groups []Group, convs map[string]Conv) (*State, error) {
	n := len(convs)
	for _, g := range groups {
		n += len(g.Members)
	}
	s := &State{convs: make(map[string]*convState, n)}
	if len(groups) > tim.MaxGroups {
		return nil, docErr(tim.CodeTooManyGroups, "%d groups (at most %d)", len(groups), tim.MaxGroups)
	}
	for _, g := range groups {
		if !validGroupID(g.ID) {
			return nil, docErr(tim.CodeInvalidParam, "group id %q is not 1..%d bytes of [0-9A-Za-z_-]", brief(g.ID), MaxGroupIDBytes)
		}
		if code, info := checkName(g.Name); code != 0 {
			return nil, docErr(code, "%s", info)
		}
		if s.byID(g.ID) != nil {
			return nil, docErr(tim.CodeInvalidParam, "group id %q repeated", brief(g.ID))
		}
		if s.byName(g.Name) != nil {
			return nil, docErr(tim.CodeGroupExists, "group name %q repeated", brief(g.Name))
		}
		if len(g.Members) > tim.MaxGroupMembers {
			return nil, docErr(tim.CodeCountLimit, "group %q has %d conversations (at most %d)", brief(g.Name), len(g.Members), tim.MaxGroupMembers)
		}
		ng := &group{id: g.ID, name: g.Name, members: make(map[string]struct{}, len(g.Members))}
		for _, m := range g.Members {
			if !validConvID(m) {
				return nil, docErr(tim.CodeInvalidParam, "conversation id %q is malformed", brief(m))
			}
			if _, dup := ng.members[m]; dup {
				return nil, docErr(tim.CodeInvalidParam, "conversation %q repeated in group %q", brief(m), brief(g.Name))
			}
			ng.members[m] = struct{}{}
			s.conv(m).groups++
		}
		s.groups = append(s.groups, ng)
	}
	for id, c := range convs {
		if !validConvID(id) {
			return nil, docErr(tim.CodeInvalidParam, "conversation id %q is malformed", brief(id))
		}
		if c.Marks&^tim.MarkAllowed != 0 {
			return nil, docErr(tim.CodeInvalidParam, "conversation %q has reserved mark bits %#x", brief(id), c.Marks)
		}
		if code, info := checkCustom(c.CustomData); code != 0 {
			return nil, docErr(code, "conversation %q: %s", brief(id), info)
		}
		cs := s.conv(id)
		cs.marks, cs.pinned, cs.custom = c.Marks, c.Pinned, c.CustomData
	}
	for id, c := range s.convs {
		if c.extended() {
			s.ext++
		}
		if c.empty() {
			delete(s.convs, id)
		}
	}
	if s.ext > tim.MaxExtended {
		return nil, docErr(tim.CodeCountLimit, "%d conversations carry extended state (at most %d)", s.ext, tim.MaxExtended)
	}
	return s, nil
}

// Check verifies the invariants of the state; it returns nil for every state that Apply,
// FromSnapshot or DecodeState produced (the property tests call it after every step).
func (s *State) Check() error {
	if len(s.groups) > tim.MaxGroups {
		return docErr(tim.CodeTooManyGroups, "%d groups", len(s.groups))
	}
	ids, names := map[string]bool{}, map[string]bool{}
	counts := map[string]int{}
	for _, g := range s.groups {
		if ids[g.id] || names[g.name] {
			return docErr(tim.CodeInvalidParam, "group id or name repeated: %q %q", g.id, g.name)
		}
		ids[g.id], names[g.name] = true, true
		if len(g.members) > tim.MaxGroupMembers {
			return docErr(tim.CodeCountLimit, "group %q has %d members", g.name, len(g.members))
		}
		for m := range g.members {
			counts[m]++
		}
	}
	ext := 0
	for id, c := range s.convs {
		if c.empty() {
			return docErr(tim.CodeInvalidParam, "conversation %q kept with no state", id)
		}
		if c.groups != counts[id] {
			return docErr(tim.CodeInvalidParam, "conversation %q: %d memberships counted, %d real", id, c.groups, counts[id])
		}
		if c.extended() {
			ext++
		}
	}
	for id := range counts {
		if s.convs[id] == nil {
			return docErr(tim.CodeInvalidParam, "member %q has no conversation state", id)
		}
	}
	if ext != s.ext || ext > tim.MaxExtended {
		return docErr(tim.CodeCountLimit, "extended count %d, real %d", s.ext, ext)
	}
	return nil
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// validGroupID reports whether id is 1..64 bytes of [0-9A-Za-z_-].
func validGroupID(id string) bool { return validToken(id, MaxGroupIDBytes) }

// ValidClientID reports whether id is an acceptable client id: 1..64 bytes of [0-9A-Za-z_-]
// (the library makes 32 lowercase hex digits).
func ValidClientID(id string) bool { return validToken(id, MaxClientIDLen) }

func validToken(id string, max int) bool {
	if len(id) == 0 || len(id) > max {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func validConvID(id string) bool {
	_, _, ok := conv.ParseKey(id)
	return ok
}

// checkName applies the name rule: empty or not UTF-8 → 6017; longer than 32 bytes → 51011.
func checkName(name string) (tim.Code, string) {
	if name == "" || !utf8.ValidString(name) {
		return tim.CodeInvalidParam, "group name " + quote(name) + " is empty or not UTF-8"
	}
	if len(name) > tim.MaxGroupNameBytes {
		return tim.CodeGroupNameTooLong, "group name " + quote(name) + " is longer than 32 bytes"
	}
	return 0, ""
}

func checkCustom(data string) (tim.Code, string) {
	if len(data) > tim.MaxCustomDataBytes {
		return tim.CodeInvalidParam, "custom data is longer than 256 bytes"
	}
	if !utf8.ValidString(data) {
		return tim.CodeInvalidParam, "custom data is not UTF-8"
	}
	return 0, ""
}

// brief shortens a value for a message.
func brief(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

func quote(s string) string {
	b := []byte{'"'}
	for _, r := range brief(s) {
		if r < 0x20 || r == utf8.RuneError {
			b = append(b, '?')
			continue
		}
		b = utf8.AppendRune(b, r)
	}
	return string(append(b, '"'))
}
