package engine

// Arguments: the decoders that run on the caller's thread (a JSON argument that does not parse
// or has the wrong shape is a synchronous tim.ErrJSON), and the rules on argument values that
// the session methods apply first, on the worker (a bad value is a callback code).

import (
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// ---- decoders (caller's thread) ----

// arrayArg performs a logged-in call's synchronous checks on a JSON array argument.
func (e *Engine) arrayArg(s string) (gjson.Result, int) {
	if r := e.Check(true); r != tim.Succ {
		return gjson.Result{}, r
	}
	root, err := wire.Parse(s)
	if err != nil || !root.IsArray() {
		return gjson.Result{}, tim.ErrJSON
	}
	return root, tim.Succ
}

// idsArg performs a logged-in call's synchronous checks on a conversation ID array: a JSON
// array of strings. Its count is a rule on the worker (checkIDs).
func (e *Engine) idsArg(idArray string) ([]string, int) {
	if r := e.Check(true); r != tim.Succ {
		return nil, r
	}
	ids, err := wire.StringArray(idArray)
	if err != nil {
		return nil, tim.ErrJSON
	}
	return ids, tim.Succ
}

// filterArg is a decoded filter argument. err is a value out of range (a conversation type
// other than 0, 1, 2 or a group name that is not UTF-8), which the call reports later.
type filterArg struct {
	f   conv.Filter
	err error
}

// decodeFilter performs a logged-in call's synchronous checks on a filter argument: shape
// errors are tim.ErrJSON; a value error is kept in the filterArg.
func (e *Engine) decodeFilter(filter string) (filterArg, int) {
	if r := e.Check(true); r != tim.Succ {
		return filterArg{}, r
	}
	return decodeFilterArg(filter)
}

func decodeFilterArg(filter string) (filterArg, int) {
	f, err := conv.DecodeFilter(filter)
	if errors.Is(err, wire.ErrShape) {
		return filterArg{}, tim.ErrJSON
	}
	return filterArg{f: f, err: err}, tim.Succ
}

// check is the callback result of a filter with a value error (6017), or nil.
func (a *filterArg) check() *result {
	if a.err == nil {
		return nil
	}
	return failed(tim.CodeInvalidParam, "filter: conversation_list_filter_conv_type must be 0, 1 or 2 and names UTF-8 (%v)", a.err)
}

// upsertIn is one decoded item of TIMConvUpsertConversations: the item, or why it is refused,
// and the conversation key its per-item result reports.
type upsertIn struct {
	item *conv.UpsertItem
	key  string
	err  error
}

// decodeUpsert decodes an upsert array item by item. n is the number of items, counted up to
// one past tim.MaxUpsertItems (items past the limit are not decoded).
func decodeUpsert(root gjson.Result) (in []upsertIn, n int) {
	root.ForEach(func(_, v gjson.Result) bool {
		n++
		if n > tim.MaxUpsertItems {
			return false
		}
		it, err := conv.DecodeUpsertItem(v)
		u := upsertIn{item: it, err: err}
		if it != nil {
			u.key = conv.Key(it.Type, it.ID)
		} else if id := v.Get("conv_id"); id.Type == gjson.String {
			if t := v.Get("conv_type").Int(); t == tim.ConvC2C || t == tim.ConvGroup {
				u.key = conv.Key(int32(t), id.String())
			} else {
				u.key = id.String()
			}
		}
		in = append(in, u)
		return true
	})
	return in, n
}

// convRef is one item of a GetConversationListParam array. Its values are checked on the
// worker (checkBare).
type convRef struct {
	id  string
	typ int32
}

// decodeConvRefs decodes a GetConversationListParam array: each item an object with a string
// ID and an integer type, else tim.ErrJSON.
func decodeConvRefs(root gjson.Result) ([]convRef, int) {
	var refs []convRef
	shape := true
	root.ForEach(func(_, v gjson.Result) bool {
		idv, tv := v.Get("get_conversation_list_param_conv_id"), v.Get("get_conversation_list_param_conv_type")
		t, tok := wire.Int64(tv)
		if !v.IsObject() || idv.Type != gjson.String || !tok {
			shape = false
			return false
		}
		refs = append(refs, convRef{id: idv.String(), typ: int32(t)})
		return true
	})
	if !shape {
		return nil, tim.ErrJSON
	}
	return refs, tim.Succ
}

// decodeDraftArg performs TIMConvSetDraft's synchronous checks on its draft object and
// returns the draft as stored (its edit time defaults to now).
func (e *Engine) decodeDraftArg(draftJSON string) (string, int) {
	if r := e.Check(true); r != tim.Succ {
		return "", r
	}
	root, err := wire.Parse(draftJSON)
	if err != nil || !root.IsObject() {
		return "", tim.ErrJSON
	}
	draft, err := conv.DecodeDraft(root, uint64(time.Now().Unix()))
	if err != nil {
		return "", tim.ErrJSON
	}
	return draft, tim.Succ
}

// ---- rules on argument values (worker) ----
//
// Each returns nil when the value passes, else the result the call's callback reports.
// firstFailure applies several in order.

// failed is fail as a rule's verdict.
func failed(code tim.Code, format string, a ...any) *result {
	r := fail(code, format, a...)
	return &r
}

// firstFailure returns the first verdict that is not nil.
func firstFailure(checks ...*result) *result {
	for _, c := range checks {
		if c != nil {
			return c
		}
	}
	return nil
}

// validUser reports whether u is a user ID: 1..128 bytes of UTF-8.
func validUser(u string) bool {
	return len(u) > 0 && len(u) <= tim.MaxIDBytes && utf8.ValidString(u)
}

// checkLoginArgs: the user ID is 1..128 bytes of UTF-8 and the user_sig is not empty.
func checkLoginArgs(user, sig string) *result {
	switch {
	case !validUser(user):
		return failed(tim.CodeInvalidParam, "user_id %s is not 1..128 bytes of UTF-8", brief(user))
	case sig == "":
		return failed(tim.CodeInvalidParam, "user_sig is empty")
	}
	return nil
}

// checkBare: a bare conversation ID (1..128 bytes of UTF-8) and a type (1 or 2).
func checkBare(id string, typ int32) *result {
	if !conv.ValidType(typ) {
		return failed(tim.CodeInvalidParam, "conv_type %d is not 1 (C2C) or 2 (group)", typ)
	}
	if !conv.ValidID(id) {
		return failed(tim.CodeInvalidParam, "conv_id %s is not 1..128 bytes of UTF-8", brief(id))
	}
	return nil
}

// checkIDs is the rule of every call that takes a conversation ID array: first the call's own
// rule on its other arguments (valid; nil when it passed or there is none), then the array's
// count: empty → 6017, more than 100 IDs → 51006.
func checkIDs(valid *result, ids []string) *result {
	if valid != nil {
		return valid
	}
	if len(ids) == 0 {
		return failed(tim.CodeInvalidParam, "conversation ID array is empty")
	}
	if len(ids) > tim.MaxIDsPerCall {
		return failed(tim.CodeTooManyConvs, "%d conversations in one call (at most %d)", len(ids), tim.MaxIDsPerCall)
	}
	return nil
}

// checkName: a group name is 1..32 bytes of UTF-8 (empty or not UTF-8 → 6017; longer →
// 51011). Names are compared as exact bytes.
func checkName(name string) *result {
	if name == "" || !utf8.ValidString(name) {
		return failed(tim.CodeInvalidParam, "group name %s is empty or not UTF-8", brief(name))
	}
	if len(name) > tim.MaxGroupNameBytes {
		return failed(tim.CodeGroupNameTooLong, "group name %s is %d bytes (at most %d)", brief(name), len(name), tim.MaxGroupNameBytes)
	}
	return nil
}

// checkCustomData: custom data is at most 256 bytes of UTF-8.
func checkCustomData(data string) *result {
	if len(data) > tim.MaxCustomDataBytes {
		return failed(tim.CodeInvalidParam, "custom_data is %d bytes (at most %d)", len(data), tim.MaxCustomDataBytes)
	}
	if !utf8.ValidString(data) {
		return failed(tim.CodeInvalidParam, "custom_data is not UTF-8")
	}
	return nil
}

// checkMark: a mark type is not 0 and uses only bits 0..3 and 32..63.
func checkMark(mark uint64) *result {
	if mark == 0 || mark&^tim.MarkAllowed != 0 {
		return failed(tim.CodeInvalidParam, "mark_type %#x is 0 or uses reserved bits 4..31", mark)
	}
	return nil
}

// checkCount: a page holds 1..1000 conversations.
func checkCount(count uint32) *result {
	if count == 0 || count > tim.MaxPageCount {
		return failed(tim.CodeInvalidParam, "count %d is not 1..%d", count, tim.MaxPageCount)
	}
	return nil
}

// brief quotes a value for an error message: valid UTF-8, at most about 48 bytes of it.
func brief(v string) string {
	v = wire.Clip(v, 48)
	q := strconv.Quote(v)
	if !utf8.ValidString(q) {
		q = strconv.QuoteToASCII(v)
	}
	return q
}
