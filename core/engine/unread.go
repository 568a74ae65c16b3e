package engine

// Unread counts and filtered paging (the unread and list-by-filter calls of header section 5):
// check, decode, submit.

import (
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// GetTotalUnread reports the total unread count.
func (e *Engine) GetTotalUnread(cb Callback) int {
	return e.submit(false, cb, func() (result, error) { return e.sess.totalUnread() })
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
	return e.submit(true, cb, func() (result, error) { return e.sess.cleanUnread(convID) })
}

// GetListByFilter returns one page of a filtered list.
func (e *Engine) GetListByFilter(filter string, nextSeq uint64, count uint32, cb Callback) int {
	f, r := e.decodeFilter(filter)
	if r != tim.Succ {
		return r
	}
	return e.submit(false, cb, func() (result, error) { return e.sess.page(&f, nextSeq, count) })
}
