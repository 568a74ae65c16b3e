package engine

// Conversation calls (header section 5, up to the unread calls): check, decode, submit.

import (
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// UpsertConversations adds or updates conversations fed by the host.
func (e *Engine) UpsertConversations(jsonArray string, cb Callback) int {
	root, r := e.arrayArg(jsonArray)
	if r != tim.Succ {
		return r
	}
	in, n := decodeUpsert(root)
	return e.submitInline(n <= inlineUpsertMax, true, cb, func() (result, error) { return e.sess.upsert(in, n) })
}

// GetConvList returns every conversation in list order.
func (e *Engine) GetConvList(cb Callback) int {
	return e.submit(false, cb, func() (result, error) { return e.sess.convList() })
}

// GetConvInfo returns the conversations named by a GetConversationListParam array.
func (e *Engine) GetConvInfo(jsonParam string, cb Callback) int {
	root, r := e.arrayArg(jsonParam)
	if r != tim.Succ {
		return r
	}
	refs, r := decodeConvRefs(root)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(refs) <= tim.MaxIDsPerCall, false, cb, func() (result, error) { return e.sess.convInfo(refs) })
}

// CreateConv is Tencent's deprecated TIMConvCreate: the conversation's ConvInfo, created with
// only its ID and type when the cache does not have it (an Add event then).
func (e *Engine) CreateConv(convID string, convType int32, cb Callback) int {
	return e.submitInline(true, true, cb, func() (result, error) { return e.sess.createConv(convID, convType) })
}

// DeleteConv deletes one conversation.
func (e *Engine) DeleteConv(convID string, convType int32, cb Callback) int {
	return e.submitInline(true, true, cb, func() (result, error) { return e.sess.deleteConv(convID, convType) })
}

// DeleteConvList deletes up to 100 conversations. Messages are not cached, so clearMessage
// changes nothing.
func (e *Engine) DeleteConvList(idArray string, clearMessage bool, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.deleteConvs(ids) })
}

// SetDraft sets a conversation's draft (synchronous).
func (e *Engine) SetDraft(convID string, convType int32, draftJSON string) int {
	draft, r := e.decodeDraftArg(draftJSON)
	if r != tim.Succ {
		return r
	}
	return e.draft(convID, convType, draft)
}

// CancelDraft removes a conversation's draft (synchronous).
func (e *Engine) CancelDraft(convID string, convType int32) int {
	return e.draft(convID, convType, "")
}

func (e *Engine) draft(convID string, convType int32, draft string) int {
	r, rej := e.call(true, true, func() (result, error) { return e.sess.setDraft(convID, convType, draft) })
	if rej != tim.Succ {
		return rej
	}
	return r.sync
}

// SetCustomData sets custom data on up to 100 conversations.
func (e *Engine) SetCustomData(idArray, customData string, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.setCustomData(ids, customData) })
}

// PinConv pins or unpins a conversation.
func (e *Engine) PinConv(convID string, convType int32, pinned bool, cb Callback) int {
	return e.submitInline(true, true, cb, func() (result, error) { return e.sess.pin(convID, convType, pinned) })
}

// MarkConvs sets or clears marks on up to 100 conversations.
func (e *Engine) MarkConvs(idArray string, markType uint64, enable bool, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.mark(ids, markType, enable) })
}
