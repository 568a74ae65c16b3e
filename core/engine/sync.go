package engine

// Sync across devices (header section "Sync across devices"): check, decode, submit.

// SyncGetPendingChanges gives the push document: the client id, the last server version
// applied, and the first maxOps pending operations in op_id order (0: all).
func (e *Engine) SyncGetPendingChanges(maxOps uint32, cb Callback) int {
	return e.submit(false, cb, func() (result, error) { return e.sess.syncPending(maxOps) })
}
