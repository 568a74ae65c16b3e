package engine

// Sync across devices (header section "Sync across devices"): check, decode, submit.

import (
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// SyncGetPendingChanges gives the push document: the client id, the last server version
// applied, and the first maxOps pending operations in op_id order (0: all).
func (e *Engine) SyncGetPendingChanges(maxOps uint32, cb Callback) int {
	return e.submit(false, cb, func() (result, error) { return e.sess.syncPending(maxOps) })
}

// SyncApply applies a state document (session.syncApply). The document is decoded on the
// caller's thread: one that is not JSON or has the wrong shape is tim.ErrJSON with no
// callback; one that breaks a rule of the roaming state (a limit, a malformed id) is refused
// through the callback with the rule's code. Either way nothing changes.
func (e *Engine) SyncApply(doc string, cb Callback) int {
	d, derr := roam.DecodeState(doc)
	if derr != nil {
		if derr.Code == tim.ErrJSON {
			if r := e.Check(true); r != tim.Succ {
				return r
			}
			return tim.ErrJSON
		}
		code, desc := derr.Code, derr.Desc
		return e.submit(false, cb, func() (result, error) {
			return fail(code, "the state document is refused: %s", desc), nil
		})
	}
	return e.submit(true, cb, func() (result, error) { return e.sess.syncApply(d, doc) })
}
