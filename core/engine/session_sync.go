package engine

// Sync across a user's devices (docs/sync.md), the device's side: the outbox that every call
// changing roaming state writes in its own transaction, the push document, and the apply of a
// state document.

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/store"
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
	u, err := s.st.TakeUnfed(convKey(c))
	if err != nil {
		return err
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
