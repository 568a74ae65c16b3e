package roam

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// Device is what a device holds for sync: the input of PlanApply.
type Device struct {
	ClientID    string // this cache's client id
	Version     uint64 // the server version applied last (0: never)
	Confirmed   *State // the server's state as of Version (NewState() before the first sync)
	HighestOpID uint64 // the highest op_id this client ever allocated
	Outbox      []Op   // pending operations, op_id increasing
	// View is the state the host sees now; nil means Replay(Confirmed, Outbox).
	View *State
}

// ApplyPlan is what applying one state document does on a device; the engine writes it in one
// transaction and delivers Changes and Rejected.
type ApplyPlan struct {
	// Ignore: the document is older than the one applied last (or answers "unchanged" for a
	// version this device does not have): change nothing.
	Ignore bool
	// Stale: the server has applied op ids this client never allocated (its cache was
	// restored from an older copy), or the document says so (sync_state_is_client_stale: the
	// backend got a push whose op ids went backwards; sync_state_last_op_hash not the hash of
	// this device's own op of that id): change nothing; take a new client id and renumber the
	// outbox from 1.
	Stale bool

	Version   uint64   // the new applied version
	Confirmed *State   // the new confirmed state
	Acked     []Op     // outbox operations the server acknowledged: drop them
	Pending   []Op     // the outbox after dropping them
	Rejected  []Result // rejections of acknowledged operations: report each (listener + JSON)
	View      *State   // Replay(Confirmed, Pending): what the host sees after (Confirmed itself when nothing is pending: copy before changing either)
	Replayed  []Result // one per pending operation (a failure here stays pending; the server decides)
	Changes   Changes  // Diff(view before, View): the listener events
}

// PlanApply decides what applying a state document does on a device (see docs/sync.md):
// an older document changes nothing; the acknowledged operations leave the outbox and their
// rejections are reported; the still-pending ones are replayed on top of the new confirmed
// state; the difference between the view before and after is the listener events. A document
// for another client id is refused (6017). dev is not modified.
func PlanApply(dev *Device, doc *StateDoc) (*ApplyPlan, *DocError) {
	if doc.ClientID != "" && doc.ClientID != dev.ClientID {
		return nil, docErr(tim.CodeInvalidParam, "the state document answers client %s, not this device (%s)", quote(doc.ClientID), quote(dev.ClientID))
	}
	if doc.ClientStale && doc.ClientID == dev.ClientID {
		// Before the version check: the backend found it while answering a push, whatever the
		// version this device holds.
		return &ApplyPlan{Stale: true}, nil
	}
	confirmed := dev.Confirmed
	if confirmed == nil {
		confirmed = NewState()
	}
	if doc.Version < dev.Version || (doc.Unchanged && doc.Version != dev.Version) {
		return &ApplyPlan{Ignore: true}, nil
	}
	if doc.LastOpID > dev.HighestOpID || reusedOpID(dev.Outbox, doc) {
		return &ApplyPlan{Stale: true}, nil
	}
	p := &ApplyPlan{Version: doc.Version, Confirmed: confirmed}
	if !doc.Unchanged && doc.State != nil {
		p.Confirmed = doc.State
	}
	acked := map[uint64]bool{}
	for _, op := range dev.Outbox {
		if op.ID <= doc.LastOpID {
			p.Acked = append(p.Acked, op)
			acked[op.ID] = true
		} else {
			p.Pending = append(p.Pending, op)
		}
	}
	for _, r := range doc.Rejected {
		if acked[r.OpID] {
			p.Rejected = append(p.Rejected, r)
		}
	}
	before := dev.View
	if before == nil {
		before, _ = Replay(confirmed, dev.Outbox)
	}
	if len(p.Pending) > 0 {
		p.View, p.Replayed = Replay(p.Confirmed, p.Pending)
	} else {
		p.View = p.Confirmed // nothing to replay: the same State, no copy
	}
	p.Changes = Diff(before, p.View)
	return p, nil
}

// OpHash identifies an operation's content: the hex SHA-256 of its canonical JSON (AppendOp).
// The backend keeps it for each client's last applied operation (sync_state_last_op_hash).
func OpHash(op *Op) string {
	h := sha256.Sum256(AppendOp(nil, op))
	return hex.EncodeToString(h[:])
}

// reusedOpID reports whether the document acknowledges, as its last operation, an op id that
// this device holds pending with other content: the cache was restored from an older copy and
// reused the id, so that operation was never applied and must not leave the outbox.
func reusedOpID(outbox []Op, doc *StateDoc) bool {
	if doc.LastOpHash == "" || doc.LastOpID == 0 {
		return false
	}
	for i := range outbox {
		if outbox[i].ID == doc.LastOpID {
			return OpHash(&outbox[i]) != doc.LastOpHash
		}
	}
	return false
}
