package engine

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// ---- login ----

// Login opens the user's cache, fires Start and Finish, then the callback.
func (e *Engine) Login(userID, userSig string, cb Callback) int {
	var gen uint64
	o := &op{cb: cb}
	o.fn = func() (result, error) { return e.login(userID, userSig, gen), nil }
	return e.enqueue(o, func() {
		if e.acceptedUser == "" && validUser(userID) && userSig != "" {
			e.acceptedUser = userID
			e.loginGen++
			gen = e.loginGen
		}
	})
}

func validUser(u string) bool {
	return len(u) > 0 && len(u) <= tim.MaxIDBytes && utf8.ValidString(u)
}

func (e *Engine) login(user, sig string, gen uint64) result {
	switch {
	case !validUser(user):
		return fail(tim.CodeInvalidParam, "user_id %s is not 1..128 bytes of UTF-8", brief(user))
	case sig == "":
		return fail(tim.CodeInvalidParam, "user_sig is empty")
	case e.sess != nil && e.sess.user == user:
		return ok("")
	case e.sess != nil:
		return fail(tim.CodeInvalidParam, "already logged in as %s; log out before logging in as %s", brief(e.sess.user), brief(user))
	}
	s, err := openSession(e, user)
	if err != nil {
		e.mu.Lock()
		if gen != 0 && e.loginGen == gen {
			e.acceptedUser = ""
		}
		e.mu.Unlock()
		e.Log(tim.LogWarn, fmt.Sprintf("login %s failed: %v", brief(user), err))
		switch {
		case errors.Is(err, store.ErrLocked), errors.Is(err, store.ErrIO):
			return fail(tim.CodeIO, "cannot open the cache of %s: %v", brief(user), err)
		default:
			return fail(tim.CodeStorage, "cannot open the cache of %s: %v", brief(user), err)
		}
	}
	e.sess = s
	e.mu.Lock()
	if e.acceptedUser == "" || gen == 0 {
		e.acceptedUser = user
		e.loginGen++
	}
	e.mu.Unlock()
	e.Log(tim.LogInfo, fmt.Sprintf("logged in as %s (%s)", brief(user), s.st.Path))
	e.emit(Delivery{Kind: KindConvEvent, Event: tim.EventStart})
	e.emit(Delivery{Kind: KindConvEvent, Event: tim.EventFinish})
	return ok("")
}

// Logout closes the cache. It succeeds also when nobody is logged in.
func (e *Engine) Logout(cb Callback) int {
	o := &op{cb: cb}
	o.fn = func() (result, error) {
		if e.sess != nil {
			e.Log(tim.LogInfo, "logged out "+brief(e.sess.user))
			e.sess.close()
			e.sess = nil
		}
		return ok(""), nil
	}
	return e.enqueue(o, func() { e.acceptedUser = ""; e.loginGen++ })
}

// LoginStatus reports tim.StatusLoggedIn or tim.StatusLoggedOut as of every call accepted
// before it.
func (e *Engine) LoginStatus() int {
	r, rej := e.call(false, false, func() (result, error) {
		if e.sess != nil {
			return result{sync: tim.StatusLoggedIn}, nil
		}
		return result{sync: tim.StatusLoggedOut}, nil
	})
	if rej != tim.Succ {
		return tim.StatusLoggedOut
	}
	return r.sync
}

// LoginUserID returns the logged-in user and tim.Succ, or "" and tim.ErrUninit/ErrNoLogin.
func (e *Engine) LoginUserID() (string, int) {
	r, rej := e.call(false, false, func() (result, error) {
		if e.sess == nil {
			return result{sync: tim.ErrNoLogin}, nil
		}
		return result{str: e.sess.user}, nil
	})
	if rej != tim.Succ {
		return "", rej
	}
	return r.str, r.sync
}

// ---- conversations ----

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

type upsertIn struct {
	item *conv.UpsertItem
	key  string
	err  error
}

// UpsertConversations adds or updates conversations fed by the host.
func (e *Engine) UpsertConversations(jsonArray string, cb Callback) int {
	root, r := e.arrayArg(jsonArray)
	if r != tim.Succ {
		return r
	}
	var in []upsertIn
	n := 0
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
	return e.submit(true, true, cb, func() (result, error) {
		if n > tim.MaxUpsertItems {
			return fail(tim.CodeInvalidParam, "more than %d conversations in one call", tim.MaxUpsertItems), nil
		}
		return e.sess.upsert(in)
	})
}

func (s *session) upsert(in []upsertIn) (result, error) {
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
		c := &conv.Conv{Type: u.item.Type, ID: u.item.ID}
		if old != nil {
			c = old.Clone()
		}
		u.item.Apply(c)
		if err := s.put(old, c); err != nil {
			return result{}, err
		}
	}
	return ok(wire.OpResultsJSON(res)), nil
}

// GetConvList returns every conversation in list order.
func (e *Engine) GetConvList(cb Callback) int {
	return e.submit(true, false, cb, func() (result, error) {
		b := make([]byte, 0, 4096)
		b = append(b, '[')
		b, _, err := e.sess.st.AppendAllInfo(b)
		if err != nil {
			return result{}, err
		}
		return ok(string(append(b, ']'))), nil
	})
}

type convRef struct {
	id  string
	typ int32
}

// GetConvInfo returns the conversations named by a GetConversationListParam array.
func (e *Engine) GetConvInfo(jsonParam string, cb Callback) int {
	root, r := e.arrayArg(jsonParam)
	if r != tim.Succ {
		return r
	}
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
		return tim.ErrJSON
	}
	return e.submit(true, false, cb, func() (result, error) {
		var infos []string
		for _, r := range refs {
			if !conv.ValidType(r.typ) || !conv.ValidID(r.id) {
				return fail(tim.CodeInvalidParam, "conversation %s (type %d) is malformed", brief(r.id), r.typ), nil
			}
			c, err := e.sess.st.GetConv(r.typ, r.id)
			if err != nil {
				return result{}, err
			}
			if c != nil {
				infos = append(infos, c.Info)
			}
		}
		return ok(jsonArray(infos)), nil
	})
}

// checkBare validates a bare ID and type.
func checkBare(id string, typ int32) (result, bool) {
	if !conv.ValidType(typ) {
		return fail(tim.CodeInvalidParam, "conv_type %d is not 1 (C2C) or 2 (group)", typ), false
	}
	if !conv.ValidID(id) {
		return fail(tim.CodeInvalidParam, "conv_id %s is not 1..128 bytes of UTF-8", brief(id)), false
	}
	return result{}, true
}

// DeleteConv deletes one conversation.
func (e *Engine) DeleteConv(convID string, convType int32, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		if r, good := checkBare(convID, convType); !good {
			return r, nil
		}
		s := e.sess
		c, err := s.st.GetConv(convType, convID)
		if err != nil || c == nil {
			return fail(tim.CodeConvNotFound, "conversation %s does not exist", brief(conv.Key(convType, convID))), err
		}
		if err := s.remove(c); err != nil {
			return result{}, err
		}
		s.leaveGroups([]*conv.Conv{c})
		return ok(""), nil
	})
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
			s.e.emit(Delivery{Kind: KindDeletedFromGroup, Name: g.Name, JSON: infosOf(left), Reason: 0})
		}
	}
}

// DeleteConvList deletes up to 100 conversations.
func (e *Engine) DeleteConvList(idArray string, clearMessage bool, cb Callback) int {
	return e.idsOp(idArray, cb, func(s *session, ids []string) (result, error) {
		var gone []*conv.Conv
		res, err := s.eachConv(ids, func(old *conv.Conv) (int32, string, error) {
			if err := s.remove(old); err != nil {
				return 0, "", err
			}
			gone = append(gone, old)
			return 0, "", nil
		})
		if err != nil {
			return result{}, err
		}
		s.leaveGroups(gone)
		return ok(wire.OpResultsJSON(res)), nil
	})
}

// lookup resolves a "c2c_"/"group_" key to a stored conversation, or the per-item code.
func (s *session) lookup(key string) (*conv.Conv, int32, string, error) {
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

// idsOp runs a call that takes an ID array of at most 100 IDs (empty → 6017, more → 51006).
func (e *Engine) idsOp(idArray string, cb Callback, fn func(s *session, ids []string) (result, error)) int {
	return e.idsOpCheck(idArray, cb, nil, fn)
}

func (e *Engine) idsOpCheck(idArray string, cb Callback, pre func() (result, bool), fn func(s *session, ids []string) (result, error)) int {
	if r := e.Check(true); r != tim.Succ {
		return r
	}
	ids, err := wire.StringArray(idArray)
	if err != nil {
		return tim.ErrJSON
	}
	return e.submit(true, true, cb, func() (result, error) {
		if pre != nil {
			if r, good := pre(); !good {
				return r, nil
			}
		}
		if r, good := checkIDCount(ids); !good {
			return r, nil
		}
		return fn(e.sess, ids)
	})
}

func checkIDCount(ids []string) (result, bool) {
	if len(ids) == 0 {
		return fail(tim.CodeInvalidParam, "conversation ID array is empty"), false
	}
	if len(ids) > tim.MaxIDsPerCall {
		return fail(tim.CodeTooManyConvs, "%d conversations in one call (at most %d)", len(ids), tim.MaxIDsPerCall), false
	}
	return result{}, true
}

// budget reports whether c may gain extended state (mark, custom data or group).
func (s *session) budget(c *conv.Conv) bool {
	return c.Extended() || s.extended < tim.MaxExtended
}

const budgetInfo = "1000 conversations already carry a mark, custom data or a group"

// SetDraft sets a conversation's draft (synchronous).
func (e *Engine) SetDraft(convID string, convType int32, draftJSON string) int {
	if r := e.Check(true); r != tim.Succ {
		return r
	}
	root, err := wire.Parse(draftJSON)
	if err != nil || !root.IsObject() {
		return tim.ErrJSON
	}
	draft, err := conv.DecodeDraft(root, uint64(time.Now().Unix()))
	if err != nil {
		return tim.ErrJSON
	}
	return e.draft(convID, convType, draft)
}

// CancelDraft removes a conversation's draft (synchronous).
func (e *Engine) CancelDraft(convID string, convType int32) int {
	return e.draft(convID, convType, "")
}

func (e *Engine) draft(convID string, convType int32, draft string) int {
	r, rej := e.call(true, true, func() (result, error) {
		if _, good := checkBare(convID, convType); !good {
			return result{sync: tim.ErrParam}, nil
		}
		s := e.sess
		old, err := s.st.GetConv(convType, convID)
		if err != nil {
			return result{}, err
		}
		if old == nil {
			return result{sync: tim.ErrConv}, nil
		}
		c := old.Clone()
		c.Draft = draft
		return result{}, s.put(old, c)
	})
	if rej != tim.Succ {
		return rej
	}
	return r.sync
}

// SetCustomData sets custom data on up to 100 conversations.
func (e *Engine) SetCustomData(idArray, customData string, cb Callback) int {
	pre := func() (result, bool) {
		if len(customData) > tim.MaxCustomDataBytes {
			return fail(tim.CodeInvalidParam, "custom_data is %d bytes (at most %d)", len(customData), tim.MaxCustomDataBytes), false
		}
		if !utf8.ValidString(customData) {
			return fail(tim.CodeInvalidParam, "custom_data is not UTF-8"), false
		}
		return result{}, true
	}
	return e.idsOpCheck(idArray, cb, pre, func(s *session, ids []string) (result, error) {
		return results(s.eachConv(ids, func(old *conv.Conv) (int32, string, error) {
			c := old.Clone()
			c.CustomData = customData
			if c.Extended() && !s.budget(old) {
				return tim.CodeCountLimit, budgetInfo, nil
			}
			return 0, "", s.put(old, c)
		}))
	})
}

// eachConv applies fn to each existing conversation of an ID list, with per-item results.
func (s *session) eachConv(ids []string, fn func(old *conv.Conv) (int32, string, error)) ([]wire.OpResult, error) {
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

// PinConv pins or unpins a conversation.
func (e *Engine) PinConv(convID string, convType int32, pinned bool, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		if r, good := checkBare(convID, convType); !good {
			return r, nil
		}
		s := e.sess
		old, err := s.st.GetConv(convType, convID)
		if err != nil || old == nil {
			return fail(tim.CodeConvNotFound, "conversation %s does not exist", brief(conv.Key(convType, convID))), err
		}
		c := old.Clone()
		c.Pinned = pinned
		return ok(""), s.put(old, c)
	})
}

// MarkConvs sets or clears marks on up to 100 conversations.
func (e *Engine) MarkConvs(idArray string, markType uint64, enable bool, cb Callback) int {
	pre := func() (result, bool) {
		if markType == 0 || markType&^tim.MarkAllowed != 0 {
			return fail(tim.CodeInvalidParam, "mark_type %#x is 0 or uses reserved bits 4..31", markType), false
		}
		return result{}, true
	}
	return e.idsOpCheck(idArray, cb, pre, func(s *session, ids []string) (result, error) {
		return results(s.eachConv(ids, func(old *conv.Conv) (int32, string, error) {
			c := old.Clone()
			if enable {
				c.Marks |= markType
			} else {
				c.Marks &^= markType
			}
			if c.Extended() && !s.budget(old) {
				return tim.CodeCountLimit, budgetInfo, nil
			}
			return 0, "", s.put(old, c)
		}))
	})
}

// ---- unread ----

func unreadJSON(total conv.Total) string {
	return fmt.Sprintf(`{"conv_get_total_unread_message_count_result_unread_count":%d}`, total.Clamp32())
}

// GetTotalUnread reports the total unread count.
func (e *Engine) GetTotalUnread(cb Callback) int {
	return e.submit(true, false, cb, func() (result, error) {
		return ok(unreadJSON(e.sess.unread.total)), nil
	})
}

// decodeFilterArg decodes a filter argument: tim.ErrJSON for shape errors; a value error is
// returned for the callback.
func decodeFilterArg(filter string) (conv.Filter, error, int) {
	f, err := conv.DecodeFilter(filter)
	if errors.Is(err, wire.ErrShape) {
		return f, nil, tim.ErrJSON
	}
	return f, err, tim.Succ
}

func badFilter(err error) result {
	return fail(tim.CodeInvalidParam, "filter: conversation_list_filter_conv_type must be 0, 1 or 2 and names UTF-8 (%v)", err)
}

// GetUnreadByFilter reports the unread total of a filter ("" = everything).
func (e *Engine) GetUnreadByFilter(filter string, cb Callback) int {
	if r := e.Check(true); r != tim.Succ {
		return r
	}
	f, verr, r := decodeFilterArg(filter)
	if r != tim.Succ {
		return r
	}
	return e.submit(true, false, cb, func() (result, error) {
		if verr != nil {
			return badFilter(verr), nil
		}
		n, err := e.sess.sum(&f)
		return ok(unreadJSON(n)), err
	})
}

// SubscribeUnread subscribes to a filter's unread total (synchronous).
func (e *Engine) SubscribeUnread(filter string) int {
	return e.subscription(filter, true)
}

// UnsubscribeUnread removes a subscription (synchronous).
func (e *Engine) UnsubscribeUnread(filter string) int {
	return e.subscription(filter, false)
}

func (e *Engine) subscription(filter string, on bool) int {
	if r := e.Check(true); r != tim.Succ {
		return r
	}
	f, verr, r := decodeFilterArg(filter)
	if r != tim.Succ {
		return r
	}
	if verr != nil {
		return tim.ErrParam
	}
	canon := f.Canonical()
	res, rej := e.call(true, false, func() (result, error) {
		s := e.sess
		for i, sb := range s.subs {
			if sb.canon == canon {
				if !on {
					s.subs = append(s.subs[:i], s.subs[i+1:]...)
				}
				return result{}, nil
			}
		}
		if on {
			n, err := s.sum(&f)
			if err != nil {
				return result{}, err
			}
			s.subs = append(s.subs, &sub{filter: f, canon: canon, tally: tally{total: n, reported: n}})
		}
		return result{}, nil
	})
	if rej != tim.Succ {
		return rej
	}
	return res.sync
}

// CleanUnread sets unread to 0: one conversation, "c2c", "group", or "" for all.
func (e *Engine) CleanUnread(convID string, ts, seq uint64, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		s := e.sess
		var targets []*conv.Conv
		var err error
		switch convID {
		case "":
			targets, err = s.st.ConvsWhere("unread != 0")
		case "c2c":
			targets, err = s.st.ConvsWhere("unread != 0 AND conv_type = ?", tim.ConvC2C)
		case "group":
			targets, err = s.st.ConvsWhere("unread != 0 AND conv_type = ?", tim.ConvGroup)
		default:
			c, code, info, lerr := s.lookup(convID)
			if lerr != nil || c == nil {
				return result{code: code, desc: info}, lerr
			}
			targets = []*conv.Conv{c}
		}
		if err != nil {
			return result{}, err
		}
		for _, old := range targets {
			c := old.Clone()
			c.Unread = 0
			if err := s.put(old, c); err != nil {
				return result{}, err
			}
		}
		return ok(""), nil
	})
}

// GetListByFilter returns one page of a filtered list.
func (e *Engine) GetListByFilter(filter string, nextSeq uint64, count uint32, cb Callback) int {
	if r := e.Check(true); r != tim.Succ {
		return r
	}
	f, verr, r := decodeFilterArg(filter)
	if r != tim.Succ {
		return r
	}
	return e.submit(true, false, cb, func() (result, error) {
		if verr != nil {
			return badFilter(verr), nil
		}
		if count == 0 || count > tim.MaxPageCount {
			return fail(tim.CodeInvalidParam, "count %d is not 1..%d", count, tim.MaxPageCount), nil
		}
		return e.sess.page(&f, nextSeq, int(count))
	})
}

const (
	pageHead = `{"conversation_list_result_conv_list":[`
	pageMid  = `],"conversation_list_result_next_seq":`
)

func (s *session) page(f *conv.Filter, nextSeq uint64, count int) (result, error) {
	var after *store.Cursor
	if nextSeq != 0 {
		p, found := s.cursors.get(nextSeq)
		if !found {
			return fail(tim.CodeInvalidParam, "next_seq %d is unknown (cursors last until logout); start again from 0", nextSeq), nil
		}
		after = &p
	}
	var gid int64
	if f.Group != nil && *f.Group != "" {
		g := s.group(*f.Group)
		if g == nil {
			return ok(pageHead + pageMid + `0,"conversation_list_result_is_finished":true}`), nil
		}
		gid = g.ID
	}
	b := make([]byte, 0, 512*count+128)
	b = append(b, pageHead...)
	b, _, last, more, err := s.st.Page(f, gid, after, count, b)
	if err != nil {
		return result{}, err
	}
	var seq uint64
	if more {
		seq = s.cursors.put(last)
	}
	b = append(b, pageMid...)
	b = wire.AppendUint(b, seq)
	b = append(b, `,"conversation_list_result_is_finished":`...)
	b = wire.AppendBool(b, !more)
	return ok(string(append(b, '}'))), nil
}

// ---- groups ----

// checkName applies rule 1 of SPEC §5 to a group name.
func checkName(name string) (result, bool) {
	if name == "" || !utf8.ValidString(name) {
		return fail(tim.CodeInvalidParam, "group name %s is empty or not UTF-8", brief(name)), false
	}
	if len(name) > tim.MaxGroupNameBytes {
		return fail(tim.CodeGroupNameTooLong, "group name %s is %d bytes (at most %d)", brief(name), len(name), tim.MaxGroupNameBytes), false
	}
	return result{}, true
}

func groupMissing(name string) result {
	return fail(tim.CodeGroupNotExist, "conversation group %s does not exist", brief(name))
}

// groupIDsOp runs a group call with an ID array, applying rules 1 and 2 in order.
func (e *Engine) groupIDsOp(name, idArray string, cb Callback, fn func(s *session, ids []string) (result, error)) int {
	return e.idsOpCheck(idArray, cb, func() (result, bool) { return checkName(name) }, fn)
}

// CreateGroup creates a group with initial members.
func (e *Engine) CreateGroup(name, idArray string, cb Callback) int {
	return e.groupIDsOp(name, idArray, cb, func(s *session, ids []string) (result, error) {
		if len(s.groups) >= tim.MaxGroups {
			return fail(tim.CodeTooManyGroups, "%d conversation groups exist (at most %d)", len(s.groups), tim.MaxGroups), nil
		}
		if s.group(name) != nil {
			return fail(tim.CodeGroupExists, "conversation group %s already exists", brief(name)), nil
		}
		id, err := s.st.CreateGroup(name)
		if err != nil {
			return result{}, err
		}
		s.groups = append(s.groups, store.Group{ID: id, Name: name})
		res, added, err := s.addMembers(&s.groups[len(s.groups)-1], ids)
		if err != nil {
			return result{}, err
		}
		s.e.emit(Delivery{Kind: KindGroupCreated, Name: name, JSON: infosOf(added)})
		return ok(wire.OpResultsJSON(res)), nil
	})
}

// AddToGroup adds conversations to a group.
func (e *Engine) AddToGroup(name, idArray string, cb Callback) int {
	return e.groupIDsOp(name, idArray, cb, func(s *session, ids []string) (result, error) {
		g := s.group(name)
		if g == nil {
			return groupMissing(name), nil
		}
		res, added, err := s.addMembers(g, ids)
		if err != nil {
			return result{}, err
		}
		if len(added) > 0 {
			s.e.emit(Delivery{Kind: KindAddedToGroup, Name: name, JSON: infosOf(added)})
		}
		return ok(wire.OpResultsJSON(res)), nil
	})
}

// addMembers applies rule 4 to each ID and adds the conversations that pass.
func (s *session) addMembers(g *store.Group, ids []string) ([]wire.OpResult, []*conv.Conv, error) {
	var added []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (int32, string, error) {
		if old.InGroup(g.Name) {
			return 0, "", nil
		}
		if g.Members >= tim.MaxGroupMembers {
			return tim.CodeCountLimit, fmt.Sprintf("conversation group %s already has %d conversations", brief(g.Name), tim.MaxGroupMembers), nil
		}
		if !s.budget(old) {
			return tim.CodeCountLimit, budgetInfo, nil
		}
		c := old.Clone()
		c.Groups = s.withGroup(c.Groups, g.Name)
		if err := s.st.AddMember(g.ID, c); err != nil {
			return 0, "", err
		}
		if err := s.put(old, c); err != nil {
			return 0, "", err
		}
		g.Members++
		added = append(added, c)
		return 0, "", nil
	})
	return res, added, err
}

// withGroup returns names plus name, in group creation order.
func (s *session) withGroup(names []string, name string) []string {
	var out []string
	for _, g := range s.groups {
		if g.Name == name {
			out = append(out, name)
			continue
		}
		for _, n := range names {
			if n == g.Name {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

func without(names []string, name string) []string {
	var out []string
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}

// DeleteFromGroup removes conversations from a group.
func (e *Engine) DeleteFromGroup(name, idArray string, cb Callback) int {
	return e.groupIDsOp(name, idArray, cb, func(s *session, ids []string) (result, error) {
		g := s.group(name)
		if g == nil {
			return groupMissing(name), nil
		}
		var removed []*conv.Conv
		res, err := s.eachConv(ids, func(old *conv.Conv) (int32, string, error) {
			if !old.InGroup(name) {
				return 0, "", nil
			}
			c := old.Clone()
			c.Groups = without(c.Groups, name)
			if err := s.st.RemoveMember(g.ID, c.RowID); err != nil {
				return 0, "", err
			}
			if err := s.put(old, c); err != nil {
				return 0, "", err
			}
			g.Members--
			removed = append(removed, c)
			return 0, "", nil
		})
		if err != nil {
			return result{}, err
		}
		if len(removed) > 0 {
			s.e.emit(Delivery{Kind: KindDeletedFromGroup, Name: name, JSON: infosOf(removed), Reason: 0})
		}
		return ok(wire.OpResultsJSON(res)), nil
	})
}

// GetGroupList returns group names in creation order.
func (e *Engine) GetGroupList(cb Callback) int {
	return e.submit(true, false, cb, func() (result, error) {
		names := make([]string, len(e.sess.groups))
		for i, g := range e.sess.groups {
			names[i] = g.Name
		}
		return ok(wire.StringArrayJSON(names)), nil
	})
}

// DeleteGroup deletes a group; its conversations are kept.
func (e *Engine) DeleteGroup(name string, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		if r, good := checkName(name); !good {
			return r, nil
		}
		s := e.sess
		g := s.group(name)
		if g == nil {
			return groupMissing(name), nil
		}
		members, err := s.st.Members(g.ID)
		if err != nil {
			return result{}, err
		}
		if err := s.st.DeleteGroup(g.ID); err != nil {
			return result{}, err
		}
		for _, old := range members {
			c := old.Clone()
			c.Groups = without(c.Groups, name)
			if err := s.put(old, c); err != nil {
				return result{}, err
			}
		}
		for i := range s.groups {
			if s.groups[i].ID == g.ID {
				s.groups = append(s.groups[:i], s.groups[i+1:]...)
				break
			}
		}
		s.e.emit(Delivery{Kind: KindGroupDeleted, Name: name})
		return ok(""), nil
	})
}

// RenameGroup renames a group in place.
func (e *Engine) RenameGroup(oldName, newName string, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		for _, n := range []string{oldName, newName} {
			if r, good := checkName(n); !good {
				return r, nil
			}
		}
		s := e.sess
		g := s.group(oldName)
		if g == nil {
			return groupMissing(oldName), nil
		}
		if newName == oldName {
			return ok(""), nil
		}
		if s.group(newName) != nil {
			return fail(tim.CodeGroupExists, "conversation group %s already exists", brief(newName)), nil
		}
		members, err := s.st.Members(g.ID)
		if err != nil {
			return result{}, err
		}
		if err := s.st.RenameGroup(g.ID, newName); err != nil {
			return result{}, err
		}
		g.Name = newName
		for _, old := range members {
			c := old.Clone()
			for i, n := range c.Groups {
				if n == oldName {
					c.Groups[i] = newName
				}
			}
			if err := s.put(old, c); err != nil {
				return result{}, err
			}
		}
		s.e.emit(Delivery{Kind: KindGroupNameChanged, Name: oldName, Name2: newName})
		return ok(""), nil
	})
}
