package roam

import (
	"fmt"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// OpType is the kind of an operation (the JSON value of sync_op_type).
type OpType int32

// Operation kinds.
const (
	OpGroupCreate OpType = 1 // GroupID, Name, ConvIDs (the initial members)
	OpGroupDelete OpType = 2 // Name
	OpGroupRename OpType = 3 // Name (old), NewName
	OpGroupAdd    OpType = 4 // Name, ConvIDs
	OpGroupRemove OpType = 5 // Name, ConvIDs
	OpMark        OpType = 6 // ConvIDs, Marks (bits), Enable
	OpPin         OpType = 7 // ConvID, Pinned
	OpCustomData  OpType = 8 // ConvIDs, CustomData
	OpConvDelete  OpType = 9 // ConvID
)

func (t OpType) String() string {
	switch t {
	case OpGroupCreate:
		return "group_create"
	case OpGroupDelete:
		return "group_delete"
	case OpGroupRename:
		return "group_rename"
	case OpGroupAdd:
		return "group_add"
	case OpGroupRemove:
		return "group_remove"
	case OpMark:
		return "mark"
	case OpPin:
		return "pin"
	case OpCustomData:
		return "custom_data"
	case OpConvDelete:
		return "conv_delete"
	}
	return fmt.Sprintf("op_type_%d", int32(t))
}

func (t OpType) valid() bool { return t >= OpGroupCreate && t <= OpConvDelete }

// hasIDs reports whether the kind carries a conversation id array (per-item results).
func (t OpType) hasIDs() bool {
	switch t {
	case OpGroupCreate, OpGroupAdd, OpGroupRemove, OpMark, OpCustomData:
		return true
	}
	return false
}

// Op is one operation of a device's outbox. Only the fields of its kind are meaningful.
type Op struct {
	ID         uint64 // op_id: per client, increasing
	Type       OpType
	GroupID    string   // OpGroupCreate: the new group's id (chosen by the device)
	Name       string   // group name (the old name for OpGroupRename)
	NewName    string   // OpGroupRename
	ConvIDs    []string // OpGroupCreate, OpGroupAdd, OpGroupRemove, OpMark, OpCustomData
	ConvID     string   // OpPin, OpConvDelete
	Marks      uint64   // OpMark: the bits to set or clear
	Enable     bool     // OpMark: set (true) or clear (false)
	Pinned     bool     // OpPin
	CustomData string   // OpCustomData ("" clears)
}

// ItemResult is the outcome of one conversation id of an operation (a
// TIMConversationOperationResult).
type ItemResult struct {
	ConvID string
	Code   tim.Code
	Info   string
}

// Result is the outcome of one operation. Code != 0: the whole operation was rejected and
// changed nothing. Code == 0: it was applied; Items (for kinds with an id array: one per id,
// in order, duplicates included) may still reject single ids.
type Result struct {
	OpID    uint64
	Type    OpType
	Code    tim.Code
	Info    string
	Items   []ItemResult
	Changed bool // the state changed
}

// Rejected reports whether the operation or any of its items was rejected.
func (r *Result) Rejected() bool {
	if r.Code != 0 {
		return true
	}
	for _, it := range r.Items {
		if it.Code != 0 {
			return true
		}
	}
	return false
}

// RejectedItems returns the items that were rejected.
func (r *Result) RejectedItems() []ItemResult {
	var out []ItemResult
	for _, it := range r.Items {
		if it.Code != 0 {
			out = append(out, it)
		}
	}
	return out
}

func reject(op *Op, code tim.Code, format string, args ...any) Result {
	return Result{OpID: op.ID, Type: op.Type, Code: code, Info: fmt.Sprintf(format, args...)}
}

const budgetInfo = "1000 conversations already carry a mark, custom data or a group"

// Apply applies one operation to the state with the rules of the roaming state, in this order:
//
//   - names (create, delete, rename both names, add, remove): empty or not UTF-8 → 6017,
//     longer than 32 bytes → 51011; an unknown kind, a malformed group id, more than 1000 ids,
//     mark bits 0 or reserved (4..31), custom data over 256 bytes or not UTF-8, a malformed
//     conversation id in pin or conversation delete → 6017. The whole operation is rejected.
//   - create: the name exists → merge into that group (members united; the group keeps its id
//     and place); otherwise 20 groups exist → 51010; the group id is taken by another group →
//     6017; else the group is created, even when every item fails.
//   - delete, add, remove: the group is missing → 51009. Delete keeps the conversations' other
//     state.
//   - rename: the old group is missing → 51009; new == old → success, no change; the new name
//     exists → 51012. The group keeps its id, members and place.
//   - per item: malformed conversation id → 6017; already a member (add) or not one (remove) →
//     0, no change; the group has 1000 members → 51008; the conversation would gain extended
//     state while 1000 conversations carry some → 51008. Nothing is ever evicted.
//   - mark (set or clear bits), pin, custom data: the value is overwritten (the last write in
//     arrival order wins). Clearing never fails.
//   - conversation delete: out of every group; marks, pin and custom data cleared.
//
// Apply never panics and is deterministic: the same state and operation give the same result
// and the same new state. A rejected operation changes nothing.
func (s *State) Apply(op Op) Result {
	if !op.Type.valid() {
		return reject(&op, tim.CodeInvalidParam, "unknown operation type %d", int32(op.Type))
	}
	switch op.Type {
	case OpGroupCreate, OpGroupDelete, OpGroupRename, OpGroupAdd, OpGroupRemove:
		if code, info := checkName(op.Name); code != 0 {
			return reject(&op, code, "%s", info)
		}
	}
	if op.Type == OpGroupRename {
		if code, info := checkName(op.NewName); code != 0 {
			return reject(&op, code, "%s", info)
		}
	}
	if op.Type.hasIDs() && len(op.ConvIDs) > MaxOpConvIDs {
		return reject(&op, tim.CodeInvalidParam, "%d conversation ids in one operation (at most %d)", len(op.ConvIDs), MaxOpConvIDs)
	}
	switch op.Type {
	case OpGroupCreate:
		return s.create(&op)
	case OpGroupDelete:
		return s.deleteGroup(&op)
	case OpGroupRename:
		return s.rename(&op)
	case OpGroupAdd:
		g := s.byName(op.Name)
		if g == nil {
			return reject(&op, tim.CodeGroupNotExist, "conversation group %s does not exist", quote(op.Name))
		}
		return s.addMembers(&op, g)
	case OpGroupRemove:
		return s.removeMembers(&op)
	case OpMark:
		return s.mark(&op)
	case OpPin:
		return s.pin(&op)
	case OpCustomData:
		return s.customData(&op)
	default: // OpConvDelete
		return s.convDelete(&op)
	}
}

func (s *State) create(op *Op) Result {
	if g := s.byName(op.Name); g != nil {
		// Two devices made the same name: one group, members united.
		return s.addMembers(op, g)
	}
	if len(s.groups) >= tim.MaxGroups {
		return reject(op, tim.CodeTooManyGroups, "%d conversation groups exist (at most %d)", len(s.groups), tim.MaxGroups)
	}
	if !validGroupID(op.GroupID) {
		return reject(op, tim.CodeInvalidParam, "group id %s is not 1..%d bytes of [0-9A-Za-z_-]", quote(op.GroupID), MaxGroupIDBytes)
	}
	if s.byID(op.GroupID) != nil {
		return reject(op, tim.CodeInvalidParam, "group id %s is already used by another group", quote(op.GroupID))
	}
	g := &group{id: op.GroupID, name: op.Name, members: map[string]struct{}{}}
	s.groups = append(s.groups, g)
	r := s.addMembers(op, g)
	r.Changed = true
	return r
}

func (s *State) addMembers(op *Op, g *group) Result {
	r := Result{OpID: op.ID, Type: op.Type, Items: make([]ItemResult, len(op.ConvIDs))}
	for i, id := range op.ConvIDs {
		it := &r.Items[i]
		it.ConvID = id
		if !validConvID(id) {
			it.Code, it.Info = tim.CodeInvalidParam, "conversation id "+quote(id)+" is malformed"
			continue
		}
		if _, ok := g.members[id]; ok {
			continue
		}
		if len(g.members) >= tim.MaxGroupMembers {
			it.Code, it.Info = tim.CodeCountLimit, fmt.Sprintf("conversation group %s already has %d conversations", quote(g.name), tim.MaxGroupMembers)
			continue
		}
		c := s.conv(id)
		if !s.canExtend(c) {
			s.update(id, false, c) // drops the entry created by s.conv when it is empty
			it.Code, it.Info = tim.CodeCountLimit, budgetInfo
			continue
		}
		before := c.extended()
		g.members[id] = struct{}{}
		c.groups++
		s.update(id, before, c)
		r.Changed = true
	}
	return r
}

func (s *State) removeMembers(op *Op) Result {
	g := s.byName(op.Name)
	if g == nil {
		return reject(op, tim.CodeGroupNotExist, "conversation group %s does not exist", quote(op.Name))
	}
	r := Result{OpID: op.ID, Type: op.Type, Items: make([]ItemResult, len(op.ConvIDs))}
	for i, id := range op.ConvIDs {
		it := &r.Items[i]
		it.ConvID = id
		if !validConvID(id) {
			it.Code, it.Info = tim.CodeInvalidParam, "conversation id "+quote(id)+" is malformed"
			continue
		}
		if _, ok := g.members[id]; !ok {
			continue
		}
		c := s.convs[id]
		before := c.extended()
		delete(g.members, id)
		c.groups--
		s.update(id, before, c)
		r.Changed = true
	}
	return r
}

func (s *State) deleteGroup(op *Op) Result {
	idx := -1
	for i, g := range s.groups {
		if g.name == op.Name {
			idx = i
		}
	}
	if idx < 0 {
		return reject(op, tim.CodeGroupNotExist, "conversation group %s does not exist", quote(op.Name))
	}
	g := s.groups[idx]
	for _, id := range sortedKeys(g.members) {
		c := s.convs[id]
		before := c.extended()
		c.groups--
		s.update(id, before, c)
	}
	s.groups = append(s.groups[:idx:idx], s.groups[idx+1:]...)
	return Result{OpID: op.ID, Type: op.Type, Changed: true}
}

func (s *State) rename(op *Op) Result {
	g := s.byName(op.Name)
	if g == nil {
		return reject(op, tim.CodeGroupNotExist, "conversation group %s does not exist", quote(op.Name))
	}
	if op.NewName == op.Name {
		return Result{OpID: op.ID, Type: op.Type}
	}
	if s.byName(op.NewName) != nil {
		return reject(op, tim.CodeGroupExists, "conversation group %s already exists", quote(op.NewName))
	}
	g.name = op.NewName
	return Result{OpID: op.ID, Type: op.Type, Changed: true}
}

func (s *State) mark(op *Op) Result {
	if op.Marks == 0 || op.Marks&^tim.MarkAllowed != 0 {
		return reject(op, tim.CodeInvalidParam, "mark bits %#x are 0 or use reserved bits 4..31", op.Marks)
	}
	return s.eachConv(op, func(c *convState) {
		if op.Enable {
			c.marks |= op.Marks
		} else {
			c.marks &^= op.Marks
		}
	})
}

func (s *State) customData(op *Op) Result {
	if code, info := checkCustom(op.CustomData); code != 0 {
		return reject(op, code, "%s", info)
	}
	return s.eachConv(op, func(c *convState) { c.custom = op.CustomData })
}

// eachConv applies set to every conversation of op.ConvIDs, with a result per item: a malformed
// ID is 6017, and a change that would give one more conversation extended state beyond the
// budget is undone (51008).
func (s *State) eachConv(op *Op, set func(c *convState)) Result {
	r := Result{OpID: op.ID, Type: op.Type, Items: make([]ItemResult, len(op.ConvIDs))}
	for i, id := range op.ConvIDs {
		it := &r.Items[i]
		it.ConvID = id
		if !validConvID(id) {
			it.Code, it.Info = tim.CodeInvalidParam, "conversation id "+quote(id)+" is malformed"
			continue
		}
		c := s.conv(id)
		before, old := c.extended(), *c
		set(c)
		if c.extended() && !before && s.ext >= tim.MaxExtended {
			*c = old
			s.update(id, before, c)
			it.Code, it.Info = tim.CodeCountLimit, budgetInfo
			continue
		}
		r.Changed = r.Changed || *c != old
		s.update(id, before, c)
	}
	return r
}

func (s *State) pin(op *Op) Result {
	if !validConvID(op.ConvID) {
		return reject(op, tim.CodeInvalidParam, "conversation id %s is malformed", quote(op.ConvID))
	}
	c := s.conv(op.ConvID)
	before := c.extended()
	changed := c.pinned != op.Pinned
	c.pinned = op.Pinned
	s.update(op.ConvID, before, c)
	return Result{OpID: op.ID, Type: op.Type, Changed: changed}
}

func (s *State) convDelete(op *Op) Result {
	if !validConvID(op.ConvID) {
		return reject(op, tim.CodeInvalidParam, "conversation id %s is malformed", quote(op.ConvID))
	}
	c := s.convs[op.ConvID]
	if c == nil {
		return Result{OpID: op.ID, Type: op.Type}
	}
	for _, g := range s.groups {
		delete(g.members, op.ConvID)
	}
	if c.extended() {
		s.ext--
	}
	delete(s.convs, op.ConvID)
	return Result{OpID: op.ID, Type: op.Type, Changed: true}
}

// Replay applies pending operations, in order, on a copy of the confirmed state and returns
// that copy with one result per operation. The device calls it when it applies a state
// document: the server's state is the confirmed one, its outbox (minus the acknowledged
// operations) the pending one. confirmed is not modified.
func Replay(confirmed *State, pending []Op) (*State, []Result) {
	s := confirmed.Clone()
	res := make([]Result, len(pending))
	for i, op := range pending {
		res[i] = s.Apply(op)
	}
	return s, res
}

// ApplyPush is the server's step for one push: it applies, in order, the operations whose
// op_id is above lastOpID (the client's last applied one) and skips the others (a push
// repeated after a lost answer applies nothing twice). It returns the client's new last
// applied op_id and the results of the operations it applied. ops must have increasing ids
// (DecodePush checks it).
func ApplyPush(s *State, lastOpID uint64, ops []Op) (uint64, []Result) {
	var res []Result
	for _, op := range ops {
		if op.ID <= lastOpID {
			continue
		}
		res = append(res, s.Apply(op))
		lastOpID = op.ID
	}
	return lastOpID, res
}
