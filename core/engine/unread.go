package engine

// Unread counts and filtered paging (the unread and list-by-filter calls of header section 5):
// check, decode, submit.

import (
	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// GetTotalUnread reports the total unread count.
func (e *Engine) GetTotalUnread(cb Callback) int {
	return e.submitInline(true, false, cb, func() (result, error) { return e.sess.totalUnread() })
}

// GetUnreadByFilter reports the unread total of a filter.
func (e *Engine) GetUnreadByFilter(filter string, cb Callback) int {
	f, r := e.decodeFilter(filter)
	if r != tim.Succ {
		return r
	}
	return e.submit(false, cb, func() (result, error) { return e.sess.unreadByFilter(&f) })
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
	f, r := e.decodeFilter(filter)
	if r != tim.Succ {
		return r
	}
	if f.err != nil {
		return tim.ErrParam
	}
	canon := f.f.Canonical()
	res, rej := e.call(true, false, func() (result, error) { return e.sess.subscribe(&f.f, canon, on) })
	if rej != tim.Succ {
		return rej
	}
	return res.sync
}

// CleanUnread sets unread to 0: one conversation, "c2c", "group", or "" for all.
func (e *Engine) CleanUnread(convID string, ts, seq uint64, cb Callback) int {
	one := convID != "" && convID != "c2c" && convID != "group"
	return e.submitInline(one, true, cb, func() (result, error) { return e.sess.cleanUnread(convID) })
}

// GetListByFilter returns one page of a filtered list.
func (e *Engine) GetListByFilter(filter string, nextSeq uint64, count uint32, cb Callback) int {
	f, r := e.decodeFilter(filter)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(pageInline(&f.f, count), false, cb, func() (result, error) { return e.sess.page(&f, nextSeq, count) })
}

// The bounds of inline execution (Engine.enqueue): a call this small runs on the caller's
// thread when the engine is idle. About a millisecond of work at most, so a game's main thread
// never stalls on the library for longer than a frame's slack.
const (
	inlinePageMax   = 100 // conversations in one page
	inlineUpsertMax = 100 // items in one upsert
)

// pageInline reports whether a page read is bounded: at most inlinePageMax conversations
// found by index seeks alone. A named group is bounded by its size (the extended-state budget);
// otherwise the filter may select by at most one of conversation type, has-unread and a mark,
// each of which has an index in list order; a filter with any other condition (in no group,
// @ state, no unread, no mark) may scan much of the list for a sparse page, so it runs on the
// worker.
func pageInline(f *conv.Filter, count uint32) bool {
	if count > inlinePageMax {
		return false
	}
	if _, named := f.NamedGroup(); named {
		return true
	}
	if f.Group != nil || f.HasAt != nil {
		return false
	}
	keys := 0
	if f.ConvType != 0 {
		keys++
	}
	if f.HasUnread != nil {
		if !*f.HasUnread {
			return false
		}
		keys++
	}
	if f.Mark != nil {
		if *f.Mark == 0 {
			return false
		}
		keys++
	}
	return keys <= 1
}
