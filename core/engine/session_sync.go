package engine

// Sync across a user's devices (docs/sync.md), the device's side: the outbox that every call
// changing roaming state writes in its own transaction, the push document, and the apply of a
// state document.

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// newSyncID returns 128 random bits as 32 lowercase hex digits (a group's id across devices).
func newSyncID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on Linux; fall back to a time-based value rather than panic.
		return fallbackID()
	}
	return hex.EncodeToString(b[:])
}

var fallbackSeq uint64

func fallbackID() string {
	fallbackSeq++
	var b [16]byte
	n := uint64(time.Now().UnixNano()) ^ fallbackSeq<<40
	for i := 0; i < 8; i++ {
		b[i] = byte(n >> (8 * i))
		b[8+i] = byte(fallbackSeq >> (8 * i))
	}
	return hex.EncodeToString(b[:])
}

// ---- the outbox ----

// record notes one effective roaming change of the running operation; commit writes it to the
// outbox with the next op_id, in the operation's transaction.
func (s *session) record(op roam.Op) { s.ops = append(s.ops, op) }

// writeOutbox appends the running operation's roaming changes to the outbox, numbering them
// after the highest op_id ever allocated, and stores the new highest one. It runs inside the
// operation's transaction (from commit), so a change is acknowledged only with its outbox row.
func (s *session) writeOutbox() error {
	if len(s.ops) == 0 {
		return nil
	}
	meta := s.sync
	for i := range s.ops {
		meta.LastOpID++
		s.ops[i].ID = meta.LastOpID
		if err := s.st.AppendOutbox(store.OutboxOp{ID: meta.LastOpID, JSON: string(roam.AppendOp(nil, &s.ops[i]))}); err != nil {
			return err
		}
	}
	if err := s.st.PutSyncMeta(meta); err != nil {
		return err
	}
	s.sync = meta
	if s.sc.ok { // a failed commit reloads the session, which drops the cache
		s.sc.pending = append(s.sc.pending, s.ops...)
	}
	return nil
}

// seedOutbox runs once per cache, at its first login with sync: a cache that held groups,
// marks, pins or custom data before sync records operations that recreate them (a create per
// group with its members, a mark, pin and custom data per conversation), so that the first
// sync merges them into the server's state instead of losing them. A new cache records none.
func (s *session) seedOutbox() error {
	if s.sync.Seeded {
		return nil
	}
	if err := s.st.Begin(); err != nil {
		return err
	}
	s.resetOp()
	err := func() error {
		convs, err := s.st.ConvsWhere("pinned != 0 OR ext != 0")
		if err != nil {
			return err
		}
		members := map[string][]string{}
		for _, c := range convs {
			for _, g := range c.Groups {
				members[g] = append(members[g], convKey(c))
			}
		}
		for _, g := range s.groups {
			s.record(roam.Op{Type: roam.OpGroupCreate, GroupID: g.SyncID, Name: g.Name, ConvIDs: members[g.Name]})
		}
		for _, c := range convs {
			if c.Marks != 0 {
				s.record(roam.Op{Type: roam.OpMark, ConvIDs: []string{convKey(c)}, Marks: c.Marks, Enable: true})
			}
			if c.Pinned {
				s.record(roam.Op{Type: roam.OpPin, ConvID: convKey(c), Pinned: true})
			}
			if c.CustomData != "" {
				s.record(roam.Op{Type: roam.OpCustomData, ConvIDs: []string{convKey(c)}, CustomData: c.CustomData})
			}
		}
		if err := s.writeOutbox(); err != nil {
			return err
		}
		meta := s.sync
		meta.Seeded = true
		if err := s.st.PutSyncMeta(meta); err != nil {
			return err
		}
		s.sync = meta
		return s.st.Commit()
	}()
	s.resetOp()
	if err != nil {
		s.st.Rollback()
		s.dropSyncCache()
		if m, e := s.st.SyncMeta(); e == nil {
			s.sync = m
		}
	}
	return err
}

// convKey is the "c2c_<id>" / "group_<id>" key of a conversation, as operations name it.
func convKey(c *conv.Conv) string { return conv.Key(c.Type, c.ID) }

// keysOf returns the keys of conversations.
func keysOf(cs []*conv.Conv) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = convKey(c)
	}
	return out
}

// ---- the push document ----

// syncPending returns the push document with the first max pending operations (0: all).
func (s *session) syncPending(max uint32) (result, error) {
	rows, err := s.st.Outbox(int(max))
	if err != nil {
		return result{}, err
	}
	b := make([]byte, 0, 128+96*len(rows))
	b = append(b, `{"`+roam.KeyPushClientID+`":`...)
	b = wire.AppendString(b, s.sync.ClientID)
	b = append(b, `,"`+roam.KeyPushLastVersion+`":`...)
	b = wire.AppendUint(b, s.sync.Version)
	b = append(b, `,"`+roam.KeyPushOpArray+`":[`...)
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r.JSON...)
	}
	return ok(string(append(b, "]}"...))), nil
}

// ---- conversations not fed yet ----

// feed stores a new conversation c with the roaming state kept for it by an earlier sync (its
// marks, pin, custom data and groups), if any.
func (s *session) feed(c *conv.Conv) error {
	var u *store.Unfed
	if s.unfed > 0 { // most caches keep none: no lookup per new conversation
		var err error
		if u, err = s.st.TakeUnfed(convKey(c)); err != nil {
			return err
		}
		if u != nil {
			s.unfed--
		}
	}
	var gs []*store.Group
	if u != nil {
		c.Marks, c.Pinned, c.CustomData = u.Marks, u.Pinned, u.Custom
		c.Groups = nil
		for i := range s.groups {
			for _, id := range u.Groups {
				if s.groups[i].ID == id {
					gs = append(gs, &s.groups[i])
					c.Groups = append(c.Groups, s.groups[i].Name)
				}
			}
		}
	}
	if err := s.put(nil, c); err != nil {
		return err
	}
	for _, g := range gs {
		if err := s.st.AddMember(g.ID, c); err != nil {
			return err
		}
		g.Members++
	}
	return nil
}

// ---- the apply of a state document ----

// JSON keys of TIMConvSyncApply's callback.
const (
	keyApplyIsApplied    = "sync_apply_is_applied"
	keyApplyVersion      = "sync_apply_version"
	keyApplyRejected     = "sync_apply_rejected_array"
	keyApplyPendingCount = "sync_apply_pending_count"
	keyApplyNewClientID  = "sync_apply_is_client_id_renewed"
)

// syncApply applies a decoded state document in the running transaction. roam.PlanApply
// decides (the same steps for every device, tested in core/roam):
//
//  1. a document for another client id is refused (6017); one older than the last one applied,
//     or "unchanged" for a version this device does not hold, changes nothing (is_applied
//     false);
//  2. a last op_id above the highest one this client allocated means this cache was restored
//     from an older copy: nothing else changes, the client takes a new id and renumbers its
//     pending operations from 1 (none was applied under the new id);
//  3. otherwise its state becomes the confirmed state, the operations up to its last op_id
//     leave the outbox, and those the server rejected are reported (the rejected listener,
//     before kTIMConvEvent_Start, and the callback's JSON);
//  4. the still-pending operations are replayed on the confirmed state (roam.Replay): one the
//     rules refuse has no effect on what the device shows, but stays pending (the server
//     decides);
//  5. the result is written into the cache (groups, members, marks, pins, custom data; the
//     roaming state of conversations not fed yet is kept aside), and the difference from what
//     the cache showed is delivered between kTIMConvEvent_Start and kTIMConvEvent_Finish: groups
//     deleted, renamed, created, conversations removed from and added to groups, then
//     kTIMConvEvent_Update for every conversation whose ConvInfo changed.
//
// doc is the document's text: the confirmed state is stored as that text (DecodeStateOnly
// reads a state document and ignores its other keys), which spares encoding it again.
func (s *session) syncApply(d *roam.StateDoc, doc string) (result, error) {
	sc, err := s.syncCache()
	if err != nil {
		return result{}, err
	}
	// What the cache shows now is the view before (it is what the host saw).
	before := sc.view
	plan, derr := roam.PlanApply(&roam.Device{ClientID: s.sync.ClientID, Version: s.sync.Version, Confirmed: sc.confirmed,
		HighestOpID: s.sync.LastOpID, Outbox: sc.pending, View: before}, d)
	if derr != nil {
		return fail(derr.Code, "the state document is refused: %s", derr.Desc), nil
	}
	meta := s.sync
	switch {
	case plan.Ignore:
		return ok(applyJSON(false, meta.Version, nil, len(sc.pending), false)), nil
	case plan.Stale:
		meta.ClientID = newSyncID()
		renumbered := make([]roam.Op, len(sc.pending))
		out := make([]store.OutboxOp, len(sc.pending))
		for i := range sc.pending {
			renumbered[i] = sc.pending[i]
			renumbered[i].ID = uint64(i + 1)
			out[i] = store.OutboxOp{ID: renumbered[i].ID, JSON: string(roam.AppendOp(nil, &renumbered[i]))}
		}
		meta.LastOpID = uint64(len(out))
		if err := s.st.ReplaceOutbox(out); err != nil {
			return result{}, err
		}
		if err := s.st.PutSyncMeta(meta); err != nil {
			return result{}, err
		}
		s.sync = meta
		sc.pending = renumbered
		s.env.log(tim.LogWarn, "sync: the server applied op ids this cache never allocated (a restored cache): new client id "+meta.ClientID)
		return ok(applyJSON(false, meta.Version, nil, len(out), true)), nil
	}
	if n := len(plan.Acked); n > 0 {
		if err := s.st.DropOutbox(plan.Acked[n-1].ID); err != nil {
			return result{}, err
		}
	}
	meta.Version = plan.Version
	if plan.Confirmed != sc.confirmed {
		// The confirmed state has a row of its own, written only here (the local calls rewrite
		// the small meta row): as the document's text when it is the document's state.
		text := doc
		if plan.Confirmed != d.State {
			text = string(roam.EncodeStateOnly(plan.Confirmed))
		}
		if err := s.st.PutConfirmed(text); err != nil {
			return result{}, err
		}
	}
	if err := s.st.PutSyncMeta(meta); err != nil {
		return result{}, err
	}
	s.sync = meta
	if len(plan.Rejected) > 0 {
		s.emit(Delivery{Kind: KindSyncRejected, JSON: string(rejectedJSON(nil, plan.Rejected))})
	}
	s.emit(Delivery{Kind: KindConvEvent, Event: tim.EventStart})
	s.frame = true
	if err := s.writeView(before, plan.View, plan.Changes); err != nil {
		return result{}, err
	}
	// The cache takes what was written; a failed commit reloads the session and drops it.
	sc.confirmed, sc.pending, sc.view = plan.Confirmed, plan.Pending, plan.View
	return ok(applyJSON(true, plan.Version, plan.Rejected, len(plan.Pending), false)), nil
}

func rejectedJSON(b []byte, rs []roam.Result) []byte {
	b = append(b, '[')
	for i := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = roam.AppendRejected(b, &rs[i])
	}
	return append(b, ']')
}

func applyJSON(applied bool, version uint64, rejected []roam.Result, pending int, renewed bool) string {
	if rejected == nil {
		rejected = []roam.Result{}
	}
	b := []byte(`{"` + keyApplyIsApplied + `":`)
	b = wire.AppendBool(b, applied)
	b = append(b, `,"`+keyApplyVersion+`":`...)
	b = wire.AppendUint(b, version)
	b = append(b, `,"`+keyApplyRejected+`":`...)
	b = rejectedJSON(b, rejected)
	b = append(b, `,"`+keyApplyPendingCount+`":`...)
	b = wire.AppendInt(b, int64(pending))
	b = append(b, `,"`+keyApplyNewClientID+`":`...)
	b = wire.AppendBool(b, renewed)
	return string(append(b, '}'))
}

// confirmedState reads the state the server last sent (empty before the first sync).
func (s *session) confirmedState() (*roam.State, error) {
	text, err := s.st.Confirmed()
	if err != nil {
		return nil, err
	}
	if text == "" {
		return roam.NewState(), nil
	}
	st, derr := roam.DecodeStateOnly(text)
	if derr != nil {
		return nil, fmt.Errorf("the stored confirmed state: %v", derr)
	}
	return st, nil
}

// localState reads the roaming state the cache shows now: its groups with their members, and
// the marks, pins and custom data of its conversations, plus what is kept for conversations
// not fed yet. It also returns the stored conversations that carry any, by key.
func (s *session) localState() (*roam.State, map[string]*conv.Conv, error) {
	convs, err := s.st.RoamingConvs()
	if err != nil {
		return nil, nil, err
	}
	unfed, err := s.st.UnfedAll()
	if err != nil {
		return nil, nil, err
	}
	byKey := make(map[string]*conv.Conv, len(convs))
	members := map[string][]string{}
	fields := make(map[string]roam.Conv, len(convs)+len(unfed))
	for _, c := range convs {
		k := convKey(c)
		byKey[k] = c
		for _, g := range c.Groups {
			members[g] = append(members[g], k)
		}
		fields[k] = roam.Conv{Marks: c.Marks, Pinned: c.Pinned, CustomData: c.CustomData}
	}
	nameOf := map[int64]string{}
	for _, g := range s.groups {
		nameOf[g.ID] = g.Name
	}
	for _, u := range unfed {
		if _, fed := byKey[u.Key]; fed {
			continue
		}
		for _, id := range u.Groups {
			if n, ok := nameOf[id]; ok {
				members[n] = append(members[n], u.Key)
			}
		}
		fields[u.Key] = roam.Conv{Marks: u.Marks, Pinned: u.Pinned, CustomData: u.Custom}
	}
	groups := make([]roam.Group, len(s.groups))
	for i, g := range s.groups {
		groups[i] = roam.Group{ID: g.SyncID, Name: g.Name, Members: members[g.Name]}
	}
	st, err := roam.FromSnapshot(groups, fields)
	if err != nil {
		return nil, nil, fmt.Errorf("the cache's roaming state: %v", err)
	}
	return st, byKey, nil
}

// showViewFull writes view into the cache with every group and membership rebuilt, and queues
// the group events ch of the difference from before, what the cache showed (byKey: its stored
// conversations with roaming state); finishOp adds kTIMConvEvent_Update for each conversation
// whose ConvInfo changed, then kTIMConvEvent_Finish. writeView uses it when the groups cannot
// be changed in place.
func (s *session) showViewFull(before *roam.State, byKey map[string]*conv.Conv, view *roam.State, ch roam.Changes) error {
	var err error
	// Every conversation whose roaming fields may change: those with state before or after.
	keys := map[string]bool{}
	for _, k := range before.ConvIDs() {
		keys[k] = true
	}
	for _, k := range view.ConvIDs() {
		keys[k] = true
	}
	final := map[string]*conv.Conv{} // fed conversations as they are after
	var unfed []store.Unfed
	for _, k := range sortedKeys(keys) {
		want := view.Conv(k)
		old := byKey[k]
		if old == nil {
			typ, id, good := conv.ParseKey(k)
			if !good {
				continue
			}
			if old, err = s.st.GetConv(typ, id); err != nil {
				return err
			}
		}
		if old == nil {
			if want.Marks != 0 || want.Pinned || want.CustomData != "" || len(want.Groups) > 0 {
				unfed = append(unfed, store.Unfed{Key: k, Marks: want.Marks, Pinned: want.Pinned, Custom: want.CustomData})
			}
			continue
		}
		if old.Marks == want.Marks && old.Pinned == want.Pinned && old.CustomData == want.CustomData && sameNames(old.Groups, want.Groups) {
			final[k] = old // unchanged: no re-encoding
			continue
		}
		c := old.Clone()
		c.Marks, c.Pinned, c.CustomData = want.Marks, want.Pinned, want.CustomData
		c.Groups = append([]string(nil), want.Groups...)
		if err := s.put(old, c); err != nil {
			return err
		}
		final[k] = c
	}
	// Groups and memberships: rebuilt when anything about them changed.
	vg := view.Groups()
	if !sameGroups(before.Groups(), vg) {
		names, ids := make([]string, len(vg)), make([]string, len(vg))
		for i, g := range vg {
			names[i], ids[i] = g.Name, g.ID
		}
		rowIDs, err := s.st.ReplaceGroups(names, ids)
		if err != nil {
			return err
		}
		for i, g := range vg {
			for _, m := range g.Members {
				if c := final[m]; c != nil {
					if err := s.st.AddMember(rowIDs[i], c); err != nil {
						return err
					}
				}
			}
		}
	}
	gs, err := s.st.Groups()
	if err != nil {
		return err
	}
	s.groups = gs
	rowOf := map[string]int64{}
	for _, g := range gs {
		rowOf[g.Name] = g.ID
	}
	for i := range unfed {
		for _, n := range view.Conv(unfed[i].Key).Groups {
			unfed[i].Groups = append(unfed[i].Groups, rowOf[n])
		}
	}
	if err := s.st.ReplaceUnfed(unfed); err != nil {
		return err
	}
	s.unfed = len(unfed)
	s.groupEvents(ch, final)
	return nil
}

// groupEvents queues the group events of ch, in the order that turns the old groups into the
// new ones; final holds the fed conversations they name, as they are after.
func (s *session) groupEvents(ch roam.Changes, final map[string]*conv.Conv) {
	infos := func(keys []string) (string, int) {
		var out []*conv.Conv
		for _, k := range keys {
			if c := final[k]; c != nil {
				out = append(out, c)
			}
		}
		return infosOf(out), len(out)
	}
	for _, n := range ch.Deleted {
		s.emit(Delivery{Kind: KindGroupDeleted, Name: n})
	}
	for _, r := range ch.Renamed {
		s.emit(Delivery{Kind: KindGroupNameChanged, Name: r.Old, Name2: r.New})
	}
	for _, g := range ch.Created {
		js, _ := infos(g.ConvIDs)
		s.emit(Delivery{Kind: KindGroupCreated, Name: g.Name, JSON: js})
	}
	for _, g := range ch.Removed {
		if js, n := infos(g.ConvIDs); n > 0 {
			s.emit(Delivery{Kind: KindDeletedFromGroup, Name: g.Name, JSON: js, Reason: 0})
		}
	}
	for _, g := range ch.Added {
		if js, n := infos(g.ConvIDs); n > 0 {
			s.emit(Delivery{Kind: KindAddedToGroup, Name: g.Name, JSON: js})
		}
	}
}

func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameGroups reports whether two group lists are equal (ids, names, order, members).
func sameGroups(a, b []roam.Group) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Name != b[i].Name || len(a[i].Members) != len(b[i].Members) {
			return false
		}
		for j := range a[i].Members {
			if a[i].Members[j] != b[i].Members[j] {
				return false
			}
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
