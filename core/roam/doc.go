package roam

import (
	"fmt"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// DocError is why a document was refused as a whole. Code is tim.ErrJSON (-3) when the text
// is not JSON or does not have the document's shape (a key of the wrong type, a required key
// missing, nesting deeper than 64), otherwise a callback code for a value that can never be
// right (6017: a malformed client id, op ids not increasing, too many operations; the rule
// codes when a state document breaks a limit).
type DocError struct {
	Code tim.Code
	Desc string
}

func (e *DocError) Error() string { return fmt.Sprintf("%d: %s", e.Code, e.Desc) }

func docErr(code tim.Code, format string, args ...any) *DocError {
	return &DocError{Code: code, Desc: fmt.Sprintf(format, args...)}
}

func shapeErr(format string, args ...any) *DocError { return docErr(tim.ErrJSON, format, args...) }

// Push is the push document: what a device sends to its backend.
type Push struct {
	ClientID    string // sync_push_client_id
	LastVersion uint64 // sync_push_last_version: the last server version this device applied
	Ops         []Op   // sync_push_op_array: pending operations, op ids increasing
}

// StateDoc is the state document: what the backend answers.
type StateDoc struct {
	Version   uint64 // sync_state_version
	ClientID  string // sync_state_client_id ("" when the request named no client)
	LastOpID  uint64 // sync_state_last_op_id: the last op_id applied for that client
	Unchanged bool   // sync_state_is_unchanged: the state is the one of Version, left out
	// ClientStale (sync_state_is_client_stale, written only when true): the push carried an
	// op_id the server had already applied to this client with other content (the cache was
	// restored from an older copy); nothing of it was applied and the device must renew.
	ClientStale bool
	// LastOpHash (sync_state_last_op_hash, optional): OpHash of the operation LastOpID as the
	// server applied it. A device whose pending operation of that id has other content was
	// restored from an older copy: it renews instead of taking the op as acknowledged.
	LastOpHash string
	Rejected   []Result // sync_state_rejected_array: that client's rejected ops/items not yet acknowledged
	State      *State   // sync_state_group_array + sync_state_conv_array (nil when Unchanged)
}

// JSON keys.
const (
	KeyPushClientID    = "sync_push_client_id"
	KeyPushLastVersion = "sync_push_last_version"
	KeyPushOpArray     = "sync_push_op_array"

	KeyOpID          = "sync_op_id"
	KeyOpType        = "sync_op_type"
	KeyOpGroupID     = "sync_op_group_id"
	KeyOpGroupName   = "sync_op_group_name"
	KeyOpNewName     = "sync_op_new_group_name"
	KeyOpConvIDArray = "sync_op_conversation_id_array"
	KeyOpConvID      = "sync_op_conversation_id"
	KeyOpMarkType    = "sync_op_mark_type"
	KeyOpEnableMark  = "sync_op_enable_mark"
	KeyOpIsPinned    = "sync_op_is_pinned"
	KeyOpCustomData  = "sync_op_custom_data"

	KeyStateVersion     = "sync_state_version"
	KeyStateClientID    = "sync_state_client_id"
	KeyStateLastOpID    = "sync_state_last_op_id"
	KeyStateUnchanged   = "sync_state_is_unchanged"
	KeyStateClientStale = "sync_state_is_client_stale"
	KeyStateLastOpHash  = "sync_state_last_op_hash"
	KeyStateRejected    = "sync_state_rejected_array"
	KeyStateGroupArray  = "sync_state_group_array"
	KeyStateConvArray   = "sync_state_conv_array"

	KeyRejOpID      = "sync_rejected_op_id"
	KeyRejOpType    = "sync_rejected_op_type"
	KeyRejCode      = "sync_rejected_code"
	KeyRejDesc      = "sync_rejected_desc"
	KeyRejItemArray = "sync_rejected_item_array"

	KeyItemConvID = "conversation_operation_result_conversation_id"
	KeyItemCode   = "conversation_operation_result_result_code"
	KeyItemInfo   = "conversation_operation_result_result_info"

	KeyGroupID          = "sync_group_id"
	KeyGroupName        = "sync_group_name"
	KeyGroupConvIDArray = "sync_group_conversation_id_array"

	KeyConvID         = "sync_conv_conversation_id"
	KeyConvMarkType   = "sync_conv_mark_type"
	KeyConvIsPinned   = "sync_conv_is_pinned"
	KeyConvCustomData = "sync_conv_custom_data"
)

// ---- reading ----

// reader reads typed keys of one object and remembers the first shape error. The object's
// members are split once, on the first read (a state document has a thousand small objects:
// one scan each, not one per key).
type reader struct {
	obj    gjson.Result
	kv     []member
	split  bool
	parent *reader // the element of an array: parent's key[idx]; built into a path on error
	key    string
	idx    int
	err    *DocError
}

type member struct {
	key string
	val gjson.Result
}

// path is where the object is, for messages ("" for the document, else "key[i].").
func (r *reader) path() string {
	if r.parent == nil {
		return ""
	}
	return fmt.Sprintf("%s%s[%d].", r.parent.path(), r.key, r.idx)
}

func (r *reader) get(key string, required bool) (gjson.Result, bool) {
	if r.err != nil {
		return gjson.Result{}, false
	}
	if !r.split {
		r.split = true
		r.obj.ForEach(func(k, v gjson.Result) bool {
			r.kv = append(r.kv, member{k.String(), v})
			return true
		})
	}
	var v gjson.Result
	for i := range r.kv {
		if r.kv[i].key == key {
			v = r.kv[i].val
			break
		}
	}
	if !v.Exists() || v.Type == gjson.Null {
		if required {
			r.err = shapeErr("%s%s is missing", r.path(), key)
		}
		return v, false
	}
	return v, true
}

func (r *reader) bad(key, want string) {
	if r.err == nil {
		r.err = shapeErr("%s%s is not %s", r.path(), key, want)
	}
}

func (r *reader) str(key string, required bool) string {
	v, ok := r.get(key, required)
	if !ok {
		return ""
	}
	if v.Type != gjson.String {
		r.bad(key, "a string")
		return ""
	}
	return v.String()
}

func (r *reader) u64(key string, required bool) uint64 {
	v, ok := r.get(key, required)
	if !ok {
		return 0
	}
	u, good := wire.Uint64(v)
	if !good {
		r.bad(key, "an integer in 0..2^64-1")
	}
	return u
}

func (r *reader) i32(key string, required bool) int32 {
	v, ok := r.get(key, required)
	if !ok {
		return 0
	}
	i, good := wire.Int64(v)
	if !good || i < -1<<31 || i >= 1<<31 {
		r.bad(key, "a 32-bit integer")
	}
	return int32(i)
}

func (r *reader) boolean(key string, required bool) bool {
	v, ok := r.get(key, required)
	if !ok {
		return false
	}
	b, good := wire.Bool(v)
	if !good {
		r.bad(key, "a boolean")
	}
	return b
}

func (r *reader) strArray(key string, required bool) []string {
	v, ok := r.get(key, required)
	if !ok {
		return nil
	}
	if !v.IsArray() {
		r.bad(key, "an array of strings")
		return nil
	}
	out := []string{}
	v.ForEach(func(_, e gjson.Result) bool {
		if e.Type != gjson.String {
			r.bad(key, "an array of strings")
			return false
		}
		out = append(out, e.String())
		return true
	})
	return out
}

// array calls fn for each object of an array key (fn must not keep its reader: it is reused).
func (r *reader) array(key string, required bool, fn func(i int, sub *reader)) {
	v, ok := r.get(key, required)
	if !ok {
		return
	}
	if !v.IsArray() {
		r.bad(key, "an array")
		return
	}
	i := 0
	sub := &reader{parent: r, key: key} // one for every element: fn must not keep it
	v.ForEach(func(_, e gjson.Result) bool {
		*sub = reader{obj: e, kv: sub.kv[:0], parent: r, key: key, idx: i}
		if !e.IsObject() {
			path := sub.path()
			r.err = shapeErr("%s is not an object", path[:len(path)-1])
			return false
		}
		fn(i, sub)
		if sub.err != nil {
			r.err = sub.err
			return false
		}
		i++
		return r.err == nil
	})
}

func parseObject(doc, what string) (*reader, *DocError) {
	root, err := wire.Parse(doc)
	if err != nil {
		return nil, shapeErr("the %s is not JSON (or nests deeper than %d)", what, wire.MaxDepth)
	}
	if !root.IsObject() {
		return nil, shapeErr("the %s is not a JSON object", what)
	}
	return &reader{obj: root}, nil
}

// DecodePush reads a push document. It never panics; a refused document gets a *DocError.
// Values that a rule judges (names, conversation ids, mark bits, custom data, an unknown
// operation type) are left to Apply, which rejects that one operation or item with its code.
func DecodePush(doc string) (*Push, *DocError) {
	r, derr := parseObject(doc, "push document")
	if derr != nil {
		return nil, derr
	}
	p := &Push{}
	p.ClientID = r.str(KeyPushClientID, true)
	p.LastVersion = r.u64(KeyPushLastVersion, false)
	if v, ok := r.get(KeyPushOpArray, false); ok && v.IsArray() {
		if n := len(v.Array()); n > MaxPushOps {
			return nil, docErr(tim.CodeInvalidParam, "%d operations in one push (at most %d)", n, MaxPushOps)
		}
	}
	r.array(KeyPushOpArray, false, func(i int, o *reader) {
		op := decodeOp(o)
		if o.err != nil {
			return
		}
		p.Ops = append(p.Ops, op)
	})
	if r.err != nil {
		return nil, r.err
	}
	if !ValidClientID(p.ClientID) {
		return nil, docErr(tim.CodeInvalidParam, "%s %s is not 1..%d bytes of [0-9A-Za-z_-]", KeyPushClientID, quote(p.ClientID), MaxClientIDLen)
	}
	var last uint64
	for i, op := range p.Ops {
		if op.ID == 0 || (i > 0 && op.ID <= last) {
			return nil, docErr(tim.CodeInvalidParam, "%s[%d].%s %d is 0 or not above the one before it", KeyPushOpArray, i, KeyOpID, op.ID)
		}
		last = op.ID
	}
	return p, nil
}

func decodeOp(o *reader) Op {
	var op Op
	op.ID = o.u64(KeyOpID, true)
	op.Type = OpType(o.i32(KeyOpType, true))
	if o.err != nil {
		return op
	}
	switch op.Type {
	case OpGroupCreate:
		op.GroupID = o.str(KeyOpGroupID, true)
		op.Name = o.str(KeyOpGroupName, true)
		op.ConvIDs = o.strArray(KeyOpConvIDArray, true)
	case OpGroupDelete:
		op.Name = o.str(KeyOpGroupName, true)
	case OpGroupRename:
		op.Name = o.str(KeyOpGroupName, true)
		op.NewName = o.str(KeyOpNewName, true)
	case OpGroupAdd, OpGroupRemove:
		op.Name = o.str(KeyOpGroupName, true)
		op.ConvIDs = o.strArray(KeyOpConvIDArray, true)
	case OpMark:
		op.ConvIDs = o.strArray(KeyOpConvIDArray, true)
		op.Marks = o.u64(KeyOpMarkType, true)
		op.Enable = o.boolean(KeyOpEnableMark, true)
	case OpPin:
		op.ConvID = o.str(KeyOpConvID, true)
		op.Pinned = o.boolean(KeyOpIsPinned, true)
	case OpCustomData:
		op.ConvIDs = o.strArray(KeyOpConvIDArray, true)
		op.CustomData = o.str(KeyOpCustomData, true)
	case OpConvDelete:
		op.ConvID = o.str(KeyOpConvID, true)
	}
	return op
}

// DecodeState reads a state document. It never panics; a refused document gets a *DocError.
// The roaming state in it must hold every invariant (limits, unique ids and names, well-formed
// conversation ids), or the document is refused.
func DecodeState(doc string) (*StateDoc, *DocError) {
	return decodeState(doc, "state document", true)
}

func decodeState(doc, what string, full bool) (*StateDoc, *DocError) {
	r, derr := parseObject(doc, what)
	if derr != nil {
		return nil, derr
	}
	d := &StateDoc{}
	d.Version = r.u64(KeyStateVersion, full)
	d.ClientID = r.str(KeyStateClientID, false)
	d.LastOpID = r.u64(KeyStateLastOpID, false)
	d.Unchanged = r.boolean(KeyStateUnchanged, false)
	d.ClientStale = r.boolean(KeyStateClientStale, false)
	d.LastOpHash = r.str(KeyStateLastOpHash, false)
	r.array(KeyStateRejected, false, func(_ int, o *reader) {
		res := Result{OpID: o.u64(KeyRejOpID, true), Type: OpType(o.i32(KeyRejOpType, false)), Code: tim.Code(o.i32(KeyRejCode, true)), Info: o.str(KeyRejDesc, false)}
		o.array(KeyRejItemArray, false, func(_ int, it *reader) {
			res.Items = append(res.Items, ItemResult{ConvID: it.str(KeyItemConvID, true), Code: tim.Code(it.i32(KeyItemCode, true)), Info: it.str(KeyItemInfo, false)})
		})
		d.Rejected = append(d.Rejected, res)
	})
	var groups []Group
	r.array(KeyStateGroupArray, false, func(_ int, o *reader) {
		g := Group{ID: o.str(KeyGroupID, true), Name: o.str(KeyGroupName, true), Members: o.strArray(KeyGroupConvIDArray, false)}
		groups = append(groups, g)
	})
	convs := map[string]Conv{}
	var dup string
	r.array(KeyStateConvArray, false, func(_ int, o *reader) {
		id := o.str(KeyConvID, true)
		c := Conv{Marks: o.u64(KeyConvMarkType, false), Pinned: o.boolean(KeyConvIsPinned, false), CustomData: o.str(KeyConvCustomData, false)}
		if _, ok := convs[id]; ok && dup == "" {
			dup = id
		}
		convs[id] = c
	})
	if r.err != nil {
		return nil, r.err
	}
	if d.ClientID != "" && !ValidClientID(d.ClientID) {
		return nil, docErr(tim.CodeInvalidParam, "%s %s is not 1..%d bytes of [0-9A-Za-z_-]", KeyStateClientID, quote(d.ClientID), MaxClientIDLen)
	}
	if dup != "" {
		return nil, docErr(tim.CodeInvalidParam, "conversation %s appears twice in %s", quote(dup), KeyStateConvArray)
	}
	if d.ClientStale && d.ClientID == "" {
		return nil, docErr(tim.CodeInvalidParam, "%s is true but the document names no client", KeyStateClientStale)
	}
	if d.Unchanged {
		if len(groups) > 0 || len(convs) > 0 {
			return nil, docErr(tim.CodeInvalidParam, "%s is true but the document carries a state", KeyStateUnchanged)
		}
		return d, nil
	}
	st, err := FromSnapshot(groups, convs)
	if err != nil {
		return nil, err.(*DocError)
	}
	d.State = st
	return d, nil
}

// ---- writing ----

// AppendOp appends the JSON object of one operation: only the keys of its kind, in a fixed
// order. The same operation always gives the same bytes (the backend hashes them to recognise
// a client whose op ids went backwards).
func AppendOp(b []byte, op *Op) []byte {
	b = append(b, `{"`+KeyOpID+`":`...)
	b = wire.AppendUint(b, op.ID)
	b = append(b, `,"`+KeyOpType+`":`...)
	b = wire.AppendInt(b, int64(op.Type))
	str := func(k, v string) {
		b = append(b, `,"`...)
		b = append(b, k...)
		b = append(b, `":`...)
		b = wire.AppendString(b, v)
	}
	ids := func() {
		b = append(b, `,"`+KeyOpConvIDArray+`":[`...)
		for i, id := range op.ConvIDs {
			if i > 0 {
				b = append(b, ',')
			}
			b = wire.AppendString(b, id)
		}
		b = append(b, ']')
	}
	switch op.Type {
	case OpGroupCreate:
		str(KeyOpGroupID, op.GroupID)
		str(KeyOpGroupName, op.Name)
		ids()
	case OpGroupDelete:
		str(KeyOpGroupName, op.Name)
	case OpGroupRename:
		str(KeyOpGroupName, op.Name)
		str(KeyOpNewName, op.NewName)
	case OpGroupAdd, OpGroupRemove:
		str(KeyOpGroupName, op.Name)
		ids()
	case OpMark:
		ids()
		b = append(b, `,"`+KeyOpMarkType+`":`...)
		b = wire.AppendUint(b, op.Marks)
		b = append(b, `,"`+KeyOpEnableMark+`":`...)
		b = wire.AppendBool(b, op.Enable)
	case OpPin:
		str(KeyOpConvID, op.ConvID)
		b = append(b, `,"`+KeyOpIsPinned+`":`...)
		b = wire.AppendBool(b, op.Pinned)
	case OpCustomData:
		ids()
		str(KeyOpCustomData, op.CustomData)
	case OpConvDelete:
		str(KeyOpConvID, op.ConvID)
	}
	return append(b, '}')
}

// EncodePush returns the push document of p.
func EncodePush(p *Push) []byte {
	b := make([]byte, 0, 128+96*len(p.Ops))
	b = append(b, `{"`+KeyPushClientID+`":`...)
	b = wire.AppendString(b, p.ClientID)
	b = append(b, `,"`+KeyPushLastVersion+`":`...)
	b = wire.AppendUint(b, p.LastVersion)
	b = append(b, `,"`+KeyPushOpArray+`":[`...)
	for i := range p.Ops {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendOp(b, &p.Ops[i])
	}
	return append(b, "]}"...)
}

// AppendRejected appends the JSON object of one rejected operation (only its rejected items).
func AppendRejected(b []byte, r *Result) []byte {
	b = append(b, `{"`+KeyRejOpID+`":`...)
	b = wire.AppendUint(b, r.OpID)
	b = append(b, `,"`+KeyRejOpType+`":`...)
	b = wire.AppendInt(b, int64(r.Type))
	b = append(b, `,"`+KeyRejCode+`":`...)
	b = wire.AppendInt(b, int64(r.Code))
	b = append(b, `,"`+KeyRejDesc+`":`...)
	b = wire.AppendString(b, r.Info)
	b = append(b, `,"`+KeyRejItemArray+`":[`...)
	n := 0
	for _, it := range r.Items {
		if it.Code == 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, `{"`+KeyItemConvID+`":`...)
		b = wire.AppendString(b, it.ConvID)
		b = append(b, `,"`+KeyItemCode+`":`...)
		b = wire.AppendInt(b, int64(it.Code))
		b = append(b, `,"`+KeyItemInfo+`":`...)
		b = wire.AppendString(b, it.Info)
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// AppendStateBody appends the two state keys (without braces) for s: groups in creation
// order with members ascending, then the conversations with a mark, the pin or custom data,
// ascending by id. Deterministic: equal states give equal bytes.
func AppendStateBody(b []byte, s *State) []byte {
	b = append(b, `"`+KeyStateGroupArray+`":[`...)
	for i, g := range s.groups {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"`+KeyGroupID+`":`...)
		b = wire.AppendString(b, g.id)
		b = append(b, `,"`+KeyGroupName+`":`...)
		b = wire.AppendString(b, g.name)
		b = append(b, `,"`+KeyGroupConvIDArray+`":[`...)
		for j, m := range sortedKeys(g.members) {
			if j > 0 {
				b = append(b, ',')
			}
			b = wire.AppendString(b, m)
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"`+KeyStateConvArray+`":[`...)
	n := 0
	for _, id := range s.ConvIDs() {
		c := s.convs[id]
		if c.marks == 0 && !c.pinned && c.custom == "" {
			continue // in groups only: the group arrays say it
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, `{"`+KeyConvID+`":`...)
		b = wire.AppendString(b, id)
		b = append(b, `,"`+KeyConvMarkType+`":`...)
		b = wire.AppendUint(b, c.marks)
		b = append(b, `,"`+KeyConvIsPinned+`":`...)
		b = wire.AppendBool(b, c.pinned)
		b = append(b, `,"`+KeyConvCustomData+`":`...)
		b = wire.AppendString(b, c.custom)
		b = append(b, '}')
	}
	return append(b, ']')
}

// AppendStateHead appends a state document's keys in their order, from the opening brace up
// to the opening bracket of sync_state_rejected_array, from d's scalar fields (Unchanged as
// given); the caller appends the rejections, ']', the state body if any and '}'. The backend
// writes its answers with it around rejections and a state it stores as JSON.
func AppendStateHead(b []byte, d *StateDoc) []byte {
	b = append(b, `{"`+KeyStateVersion+`":`...)
	b = wire.AppendUint(b, d.Version)
	b = append(b, `,"`+KeyStateClientID+`":`...)
	b = wire.AppendString(b, d.ClientID)
	b = append(b, `,"`+KeyStateLastOpID+`":`...)
	b = wire.AppendUint(b, d.LastOpID)
	b = append(b, `,"`+KeyStateUnchanged+`":`...)
	b = wire.AppendBool(b, d.Unchanged)
	if d.ClientStale {
		b = append(b, `,"`+KeyStateClientStale+`":true`...)
	}
	if d.LastOpHash != "" {
		b = append(b, `,"`+KeyStateLastOpHash+`":`...)
		b = wire.AppendString(b, d.LastOpHash)
	}
	return append(b, `,"`+KeyStateRejected+`":[`...)
}

// EncodeState returns the state document of d.
func EncodeState(d *StateDoc) []byte {
	head := *d
	head.Unchanged = d.Unchanged || d.State == nil
	b := AppendStateHead(make([]byte, 0, 4096), &head)
	for i := range d.Rejected {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendRejected(b, &d.Rejected[i])
	}
	b = append(b, ']')
	if !d.Unchanged && d.State != nil {
		b = append(b, ',')
		b = AppendStateBody(b, d.State)
	}
	return append(b, '}')
}

// EncodeStateOnly returns {groups, convs} of s alone: the form the backend stores.
func EncodeStateOnly(s *State) []byte {
	b := append(make([]byte, 0, 4096), '{')
	b = AppendStateBody(b, s)
	return append(b, '}')
}

// DecodeStateOnly reads what EncodeStateOnly wrote.
func DecodeStateOnly(doc string) (*State, *DocError) {
	d, derr := decodeState(doc, "state", false)
	if derr != nil {
		return nil, derr
	}
	if d.State == nil {
		return NewState(), nil
	}
	return d.State, nil
}

// DecodeOp reads one operation object, as AppendOp writes it (the device keeps its outbox in
// this form).
func DecodeOp(doc string) (Op, *DocError) {
	r, derr := parseObject(doc, "operation")
	if derr != nil {
		return Op{}, derr
	}
	op := decodeOp(r)
	if r.err != nil {
		return Op{}, r.err
	}
	return op, nil
}
