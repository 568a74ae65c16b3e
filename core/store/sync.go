package store

// The device's side of sync: the client id and counters (sync_meta), the confirmed state
// (sync_confirmed), the outbox, and the roaming state of conversations the host has not fed
// yet (unfed, unfed_member).

import (
	"database/sql"
	"database/sql/driver"
	"errors"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// SyncMeta is the cache's one sync_meta row.
type SyncMeta struct {
	ClientID string // 32 lowercase hex digits, made with the cache
	LastOpID uint64 // the highest op_id allocated
	Version  uint64 // the last server version applied (0: never)
	Seeded   bool   // the outbox was seeded with the roaming state the cache held before sync
}

// SyncMeta reads the sync_meta row.
func (s *Store) SyncMeta() (SyncMeta, error) {
	var m SyncMeta
	var last, ver int64
	var seeded int
	st, err := s.stmt("SELECT client_id, last_op_id, version, seeded FROM sync_meta WHERE id = 1")
	if err != nil {
		return m, err
	}
	if err := st.QueryRowContext(ctx).Scan(&m.ClientID, &last, &ver, &seeded); err != nil {
		return m, err
	}
	m.LastOpID, m.Version, m.Seeded = uint64(last), uint64(ver), seeded != 0
	return m, nil
}

// PutSyncMeta writes the sync_meta row. uint64 values are stored bit for bit in SQLite's
// signed integers.
func (s *Store) PutSyncMeta(m SyncMeta) error {
	_, err := s.rexec("UPDATE sync_meta SET client_id = ?, last_op_id = ?, version = ?, seeded = ? WHERE id = 1",
		m.ClientID, int64(m.LastOpID), int64(m.Version), int64(b2i(m.Seeded)))
	return err
}

// Confirmed reads the confirmed state: the roaming state as the server last sent it, as a
// state document's text or roam.EncodeStateOnly's ("" = none yet).
func (s *Store) Confirmed() (string, error) {
	var row [1]driver.Value
	switch err := s.rrow("SELECT state FROM sync_confirmed WHERE id = 1", row[:]); {
	case err == errNoRow:
		return "", nil
	case err != nil:
		return "", err
	}
	return text(row[0]), nil
}

// PutConfirmed stores the confirmed state (only the apply of a state document that changed it
// calls it: the local calls leave this row alone).
func (s *Store) PutConfirmed(state string) error {
	_, err := s.rexec("INSERT INTO sync_confirmed (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state", state)
	return err
}

// OutboxOp is one pending operation: its op_id and its JSON object.
type OutboxOp struct {
	ID   uint64
	JSON string
}

// AppendOutbox stores one pending operation.
func (s *Store) AppendOutbox(op OutboxOp) error {
	_, err := s.exec("INSERT INTO outbox (op_id, op) VALUES (?, ?)", int64(op.ID), op.JSON)
	return err
}

// Outbox returns the pending operations in op_id order: the first max of them (0: all).
func (s *Store) Outbox(max int) ([]OutboxOp, error) {
	limit := int64(max)
	if max <= 0 {
		limit = -1
	}
	st, err := s.stmt("SELECT op_id, op FROM outbox ORDER BY op_id LIMIT ?")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxOp
	for rows.Next() {
		var id int64
		var op OutboxOp
		if err := rows.Scan(&id, &op.JSON); err != nil {
			return nil, err
		}
		op.ID = uint64(id)
		out = append(out, op)
	}
	return out, rows.Err()
}

// DropOutbox deletes the pending operations with op_id ≤ upTo (the ones the server
// acknowledged).
func (s *Store) DropOutbox(upTo uint64) error {
	_, err := s.exec("DELETE FROM outbox WHERE op_id <= ?", int64(upTo))
	return err
}

// ReplaceOutbox replaces every pending operation with ops.
func (s *Store) ReplaceOutbox(ops []OutboxOp) error {
	if _, err := s.exec("DELETE FROM outbox"); err != nil {
		return err
	}
	for _, op := range ops {
		if err := s.AppendOutbox(op); err != nil {
			return err
		}
	}
	return nil
}

// Unfed is the roaming state kept for a conversation the host has not fed yet.
type Unfed struct {
	Key    string // "c2c_<id>" / "group_<id>"
	Marks  uint64
	Pinned bool
	Custom string
	Groups []int64 // group row IDs, ascending (creation order)
}

// UnfedAll returns every unfed conversation, by key.
func (s *Store) UnfedAll() ([]Unfed, error) {
	rows, err := s.conn.QueryContext(ctx, "SELECT conv_key, marks, pinned, custom FROM unfed ORDER BY conv_key")
	if err != nil {
		return nil, err
	}
	var out []Unfed
	idx := map[string]int{}
	for rows.Next() {
		var u Unfed
		var marks int64
		var pinned int
		if err := rows.Scan(&u.Key, &marks, &pinned, &u.Custom); err != nil {
			rows.Close()
			return nil, err
		}
		u.Marks, u.Pinned = uint64(marks), pinned != 0
		idx[u.Key] = len(out)
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	mrows, err := s.conn.QueryContext(ctx, "SELECT conv_key, group_id FROM unfed_member ORDER BY group_id")
	if err != nil {
		return nil, err
	}
	defer mrows.Close()
	for mrows.Next() {
		var key string
		var g int64
		if err := mrows.Scan(&key, &g); err != nil {
			return nil, err
		}
		if i, ok := idx[key]; ok {
			out[i].Groups = append(out[i].Groups, g)
		}
	}
	return out, mrows.Err()
}

// TakeUnfed returns the roaming state kept for key and forgets it (nil: none).
func (s *Store) TakeUnfed(key string) (*Unfed, error) {
	st, err := s.stmt("SELECT marks, pinned, custom FROM unfed WHERE conv_key = ?")
	if err != nil {
		return nil, err
	}
	u := &Unfed{Key: key}
	var marks int64
	var pinned int
	switch err := st.QueryRowContext(ctx, key).Scan(&marks, &pinned, &u.Custom); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, err
	}
	u.Marks, u.Pinned = uint64(marks), pinned != 0
	gs, err := s.stmt("SELECT group_id FROM unfed_member WHERE conv_key = ? ORDER BY group_id")
	if err != nil {
		return nil, err
	}
	rows, err := gs.QueryContext(ctx, key)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var g int64
		if err := rows.Scan(&g); err != nil {
			rows.Close()
			return nil, err
		}
		u.Groups = append(u.Groups, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if _, err := s.exec("DELETE FROM unfed WHERE conv_key = ?", key); err != nil {
		return nil, err
	}
	if _, err := s.exec("DELETE FROM unfed_member WHERE conv_key = ?", key); err != nil {
		return nil, err
	}
	return u, nil
}

// ReplaceUnfed replaces every unfed conversation with us.
func (s *Store) ReplaceUnfed(us []Unfed) error {
	if _, err := s.exec("DELETE FROM unfed"); err != nil {
		return err
	}
	if _, err := s.exec("DELETE FROM unfed_member"); err != nil {
		return err
	}
	for _, u := range us {
		if _, err := s.exec("INSERT INTO unfed (conv_key, marks, pinned, custom) VALUES (?,?,?,?)", u.Key, int64(u.Marks), b2i(u.Pinned), u.Custom); err != nil {
			return err
		}
		for _, g := range u.Groups {
			if _, err := s.exec("INSERT OR IGNORE INTO unfed_member (group_id, conv_key) VALUES (?,?)", g, u.Key); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReplaceGroups deletes every group and membership (also of unfed conversations) and creates
// groups of these names and sync ids, in this order; it returns their row IDs. The caller
// adds the members again.
func (s *Store) ReplaceGroups(names, syncIDs []string) ([]int64, error) {
	for _, q := range []string{"DELETE FROM member", "DELETE FROM unfed_member", "DELETE FROM conv_group"} {
		if _, err := s.exec(q); err != nil {
			return nil, err
		}
	}
	ids := make([]int64, len(names))
	for i := range names {
		id, err := s.CreateGroup(names[i], syncIDs[i])
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// RoamingConvs returns the conversations that carry roaming state (a mark, custom data, a group
// or the pin), in no particular order, from the indexes (conv_ext, then the pinned range of
// conv_order): no scan of the whole table.
func (s *Store) RoamingConvs() ([]*conv.Conv, error) {
	a, err := s.queryConvs("SELECT " + convCols + " FROM conv INDEXED BY conv_ext WHERE ext != 0")
	if err != nil {
		return nil, err
	}
	b, err := s.queryConvs("SELECT " + convCols + " FROM conv INDEXED BY conv_order WHERE pinned = 1 AND ext = 0")
	if err != nil {
		return nil, err
	}
	return append(a, b...), nil
}

// UnfedCount counts the unfed conversations.
func (s *Store) UnfedCount() (int, error) {
	var n int
	err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM unfed").Scan(&n)
	return n, err
}
