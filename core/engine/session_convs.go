package engine

// The rules of the conversation calls (header section 5, up to the unread calls).

import (
	"fmt"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// upsert adds or updates conversations: at most 10,000 items (else 6017 for the call); each
// item that decoded is merged into the stored conversation (a new one when there is none),
// each that did not gets its own 6017.
func (s *session) upsert(in []upsertIn, n int) (result, error) {
	if n > tim.MaxUpsertItems {
		return fail(tim.CodeInvalidParam, "more than %d conversations in one call", tim.MaxUpsertItems), nil
	}
	res := make([]wire.OpResult, len(in))
	for i, u := range in {
		res[i].ConvID = u.key
		if u.err != nil {
			res[i].Code, res[i].Info = tim.CodeInvalidParam, u.err.Error()
			continue
		}
		old, err := s.st.GetConv(u.item.Type, u.item.ID)
		if err != nil {
			return result{}, err
		}
		if old == nil {
			c := &conv.Conv{Type: u.item.Type, ID: u.item.ID}
			u.item.Apply(c)
			// A conversation fed for the first time gets the roaming state sync kept for it.
			if err := s.feed(c); err != nil {
				return result{}, err
			}
			continue
		}
		c := old.Clone()
		u.item.Apply(c)
		if err := s.put(old, c); err != nil {
			return result{}, err
		}
	}
	return ok(wire.OpResultsJSON(res)), nil
}

// convList returns every conversation in list order.
func (s *session) convList() (result, error) {
	b := make([]byte, 0, 4096)
	b = append(b, '[')
	b, _, err := s.st.AppendAllInfo(b)
	if err != nil {
		return result{}, err
	}
	return ok(string(append(b, ']'))), nil
}

// convInfo returns the stored conversations among refs, in their order; unknown ones are left
// out, and a malformed one fails the call (6017).
func (s *session) convInfo(refs []convRef) (result, error) {
	var infos []string
	for _, r := range refs {
		if !conv.ValidType(r.typ) || !conv.ValidID(r.id) {
			return fail(tim.CodeInvalidParam, "conversation %s (type %d) is malformed", brief(r.id), r.typ), nil
		}
		c, err := s.st.GetConv(r.typ, r.id)
		if err != nil {
			return result{}, err
		}
		if c != nil {
			infos = append(infos, c.Info)
		}
	}
	return ok(jsonArray(infos)), nil
}

// createConv returns a conversation's ConvInfo, creating it with only its ID and type when the
// cache does not have it (TIMConvCreate).
func (s *session) createConv(id string, typ int32) (result, error) {
	if bad := checkBare(id, typ); bad != nil {
		return *bad, nil
	}
	old, err := s.st.GetConv(typ, id)
	if err != nil {
		return result{}, err
	}
	if old != nil {
		return ok(old.Info), nil
	}
	c := &conv.Conv{Type: typ, ID: id}
	if err := s.put(nil, c); err != nil {
		return result{}, err
	}
	return ok(c.Info), nil
}

// deleteConv deletes one conversation (6004 when there is none); it leaves its groups.
func (s *session) deleteConv(id string, typ int32) (result, error) {
	if bad := checkBare(id, typ); bad != nil {
		return *bad, nil
	}
	c, err := s.st.GetConv(typ, id)
	if err != nil {
		return result{}, err
	}
	if c == nil {
		return convMissing(conv.Key(typ, id)), nil
	}
	if err := s.remove(c); err != nil {
		return result{}, err
	}
	s.recordDeletes([]*conv.Conv{c})
	s.leaveGroups([]*conv.Conv{c})
	return ok(""), nil
}

// deleteConvs deletes conversations given by key, with per-item results.
func (s *session) deleteConvs(ids []string) (result, error) {
	if bad := checkIDs(nil, ids); bad != nil {
		return *bad, nil
	}
	var gone []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (tim.Code, string, error) {
		if err := s.remove(old); err != nil {
			return 0, "", err
		}
		gone = append(gone, old)
		return 0, "", nil
	})
	if err != nil {
		return result{}, err
	}
	s.recordDeletes(gone)
	s.leaveGroups(gone)
	return ok(wire.OpResultsJSON(res)), nil
}

// recordDeletes records a conversation delete for each deleted conversation that carried
// roaming state (a group, a mark, the pin or custom data); the others changed none.
func (s *session) recordDeletes(gone []*conv.Conv) {
	for _, c := range gone {
		if c.Pinned || c.Extended() {
			s.record(roam.Op{Type: roam.OpConvDelete, ConvID: convKey(c)})
		}
	}
}

// leaveGroups accounts for deleted conversations leaving their groups (the store dropped the
// memberships with the rows): one deleted-from-group event (reason 0) per group, before the
// Del event that reports them as they were.
func (s *session) leaveGroups(gone []*conv.Conv) {
	for i := range s.groups {
		g := &s.groups[i]
		var left []*conv.Conv
		for _, c := range gone {
			if c.InGroup(g.Name) {
				left = append(left, c)
			}
		}
		if len(left) > 0 {
			g.Members -= len(left)
			s.emit(Delivery{Kind: KindDeletedFromGroup, Name: g.Name, JSON: infosOf(left), Reason: 0})
		}
	}
}

// setDraft sets (or, with "", removes) a conversation's draft. It is synchronous: a bad ID or
// type is tim.ErrParam, an unknown conversation tim.ErrConv.
func (s *session) setDraft(id string, typ int32, draft string) (result, error) {
	if checkBare(id, typ) != nil {
		return result{sync: tim.ErrParam}, nil
	}
	old, err := s.st.GetConv(typ, id)
	if err != nil {
		return result{}, err
	}
	if old == nil {
		return result{sync: tim.ErrConv}, nil
	}
	c := old.Clone()
	c.Draft = draft
	return result{}, s.put(old, c)
}

// setCustomData sets custom data on conversations given by key, with per-item results. A
// conversation that gains extended state needs room in the budget.
func (s *session) setCustomData(ids []string, data string) (result, error) {
	if bad := checkIDs(checkCustomData(data), ids); bad != nil {
		return *bad, nil
	}
	var changed []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (tim.Code, string, error) {
		c := old.Clone()
		c.CustomData = data
		if c.Extended() && !s.budget(old) {
			return tim.CodeCountLimit, budgetInfo, nil
		}
		if c.CustomData != old.CustomData {
			changed = append(changed, c)
		}
		return 0, "", s.put(old, c)
	})
	if err == nil && len(changed) > 0 {
		s.record(roam.Op{Type: roam.OpCustomData, ConvIDs: keysOf(changed), CustomData: data})
	}
	return results(res, err)
}

// pin pins or unpins one conversation (6004 when there is none).
func (s *session) pin(id string, typ int32, pinned bool) (result, error) {
	if bad := checkBare(id, typ); bad != nil {
		return *bad, nil
	}
	old, err := s.st.GetConv(typ, id)
	if err != nil {
		return result{}, err
	}
	if old == nil {
		return convMissing(conv.Key(typ, id)), nil
	}
	c := old.Clone()
	c.Pinned = pinned
	if c.Pinned != old.Pinned {
		s.record(roam.Op{Type: roam.OpPin, ConvID: convKey(c), Pinned: pinned})
	}
	return ok(""), s.put(old, c)
}

// mark sets (enable) or clears mark bits on conversations given by key, with per-item results.
// A conversation that gains extended state needs room in the budget.
func (s *session) mark(ids []string, markType uint64, enable bool) (result, error) {
	if bad := checkIDs(checkMark(markType), ids); bad != nil {
		return *bad, nil
	}
	var changed []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (tim.Code, string, error) {
		c := old.Clone()
		if enable {
			c.Marks |= markType
		} else {
			c.Marks &^= markType
		}
		if c.Extended() && !s.budget(old) {
			return tim.CodeCountLimit, budgetInfo, nil
		}
		if c.Marks != old.Marks {
			changed = append(changed, c)
		}
		return 0, "", s.put(old, c)
	})
	if err == nil && len(changed) > 0 {
		s.record(roam.Op{Type: roam.OpMark, ConvIDs: keysOf(changed), Marks: markType, Enable: enable})
	}
	return results(res, err)
}

// ---- shared by the calls over ID arrays ----

// lookup resolves a "c2c_"/"group_" key to a stored conversation, or the per-item code.
func (s *session) lookup(key string) (*conv.Conv, tim.Code, string, error) {
	typ, id, good := conv.ParseKey(key)
	if !good {
		return nil, tim.CodeInvalidParam, fmt.Sprintf("conversation ID %s is malformed (want c2c_<id> or group_<id>, id 1..128 bytes of UTF-8)", brief(key)), nil
	}
	c, err := s.st.GetConv(typ, id)
	if err != nil {
		return nil, 0, "", err
	}
	if c == nil {
		return nil, tim.CodeConvNotFound, fmt.Sprintf("conversation %s does not exist", brief(key)), nil
	}
	return c, 0, "", nil
}

// eachConv applies fn to each existing conversation of an ID list, with per-item results: a
// malformed key is 6017, an unknown conversation 6004, else fn's code and info.
func (s *session) eachConv(ids []string, fn func(old *conv.Conv) (tim.Code, string, error)) ([]wire.OpResult, error) {
	res := make([]wire.OpResult, len(ids))
	for i, key := range ids {
		res[i].ConvID = key
		c, code, info, err := s.lookup(key)
		if err != nil {
			return nil, err
		}
		if c == nil {
			res[i].Code, res[i].Info = code, info
			continue
		}
		if res[i].Code, res[i].Info, err = fn(c); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// results wraps per-item results as a call's successful result.
func results(res []wire.OpResult, err error) (result, error) {
	if err != nil {
		return result{}, err
	}
	return ok(wire.OpResultsJSON(res)), nil
}

// budget reports whether c may gain extended state (mark, custom data or group): at most 1000
// conversations carry any.
func (s *session) budget(c *conv.Conv) bool {
	return c.Extended() || s.extended < tim.MaxExtended
}

const budgetInfo = "1000 conversations already carry a mark, custom data or a group"

func convMissing(key string) result {
	return fail(tim.CodeConvNotFound, "conversation %s does not exist", brief(key))
}
