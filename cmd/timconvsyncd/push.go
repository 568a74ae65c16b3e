package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

// applyPush runs one push as one transaction in two round trips to PostgreSQL, each a
// pipeline of statements: (BEGIN; lock the user's row and read its state; read the client's
// last op) — the rules run here — (write the state; write the client; record and drop
// rejections; read the client's rejections; COMMIT). A failure anywhere rolls the whole
// transaction back: the connection is closed, and PostgreSQL rolls back what it had open.
// A stale client (its op ids went backwards) gets the state marked stale; nothing is written.
func (s *server) applyPush(ctx context.Context, user string, push *roam.Push, info *reqInfo) (answer []byte, aerr *apiError, err error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	done := false
	defer func() {
		if !done {
			// Whatever state the pipeline left the transaction in, the connection is not reused.
			cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			conn.Conn().Close(cctx)
			cancel()
		}
		conn.Release()
	}()

	// Round trip 1: begin, lock, read. The state comes back only when it is not the one this
	// process holds decoded (stateCache: same version and xmin, read under the lock).
	var version, last int64
	var state string
	var stateText *string
	var xmin int64
	var xid int64 // this transaction's id as xmin shows it: the xmin of the row it writes
	var lastHash []byte
	cachedVersion, cachedXmin := int64(-1), int64(-1)
	if v, x, ok := s.cache.peek(user); ok {
		cachedVersion, cachedXmin = toDB(v), x
	}
	b := &pgx.Batch{}
	b.Queue(`BEGIN`)
	b.Queue(`SELECT version, xmin::text::bigint, CASE WHEN version = $2 AND xmin::text::bigint = $3 THEN NULL ELSE state END,
		pg_current_xact_id()::text::bigint % 4294967296
		FROM sync_user WHERE user_id = $1 FOR UPDATE`, user, cachedVersion, cachedXmin)
	b.Queue(`SELECT last_op_id, last_op_hash FROM sync_client WHERE user_id = $1 AND client_id = $2`, user, push.ClientID)
	br := conn.SendBatch(ctx, b)
	_, err = br.Exec()
	newUser := false
	if err == nil {
		err = br.QueryRow().Scan(&version, &xmin, &stateText, &xid)
		if errors.Is(err, pgx.ErrNoRows) {
			newUser, err = true, nil
		}
	}
	if err == nil {
		err = br.QueryRow().Scan(&last, &lastHash)
		if errors.Is(err, pgx.ErrNoRows) {
			err = nil
		}
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, nil, err
	}
	// The user's state: the cached one when it is the stored version (taken: this push owns it
	// and puts back what it commits), else the stored text.
	var cached *cachedState
	if !newUser {
		cached = s.cache.take(user, fromDB(version), xmin)
		switch {
		case cached != nil:
		case stateText != nil:
			state = *stateText
		default:
			// The cache had this version when the query was sent, but another push of this
			// process took it meanwhile and did not commit: read the state under the lock.
			if err = conn.QueryRow(ctx, `SELECT state FROM sync_user WHERE user_id = $1`, user).Scan(&state); err != nil {
				return nil, nil, err
			}
		}
	}
	if newUser {
		// First push of this user: create the row, lock it, read the client again under the lock.
		if version, xmin, state, err = lockNewUser(ctx, conn, user); err != nil {
			return nil, nil, err
		}
		lastHash = nil
		err = conn.QueryRow(ctx, `SELECT last_op_id, last_op_hash FROM sync_client WHERE user_id = $1 AND client_id = $2`,
			user, push.ClientID).Scan(&last, &lastHash)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return nil, nil, err
		}
		err = nil
	}

	// The rules.
	oldVersion := fromDB(version)
	newVersion := oldVersion
	lastOpID := fromDB(last)
	var st *roam.State
	stored := state // the state as stored (EncodeStateOnly); the answer carries its body
	if cached != nil {
		st, stored = cached.st, cached.stored
	} else {
		var derr *roam.DocError
		if st, derr = roam.DecodeStateOnly(state); derr != nil {
			return nil, nil, fmt.Errorf("stored state of user %q is unreadable: %v", user, derr)
		}
	}
	for i := range push.Ops {
		op := &push.Ops[i]
		if op.ID == lastOpID && lastHash != nil && !bytes.Equal(opHash(op), lastHash) {
			// The client's op ids went backwards (its cache was restored from an older copy):
			// apply nothing, and answer a state document that tells the device so;
			// TIMConvSyncApply then takes a new client id and renumbers its outbox.
			if _, err := conn.Exec(ctx, `ROLLBACK`); err != nil {
				return nil, nil, err
			}
			done = true
			s.log.Warn("stale client: an op id already applied with other content", "user", user,
				"client_id", push.ClientID, "op_id", op.ID)
			info.stale = true
			info.version, info.lastOpID = oldVersion, lastOpID
			if cached != nil {
				s.cache.put(user, cached) // unchanged
			}
			return roam.EncodeState(&roam.StateDoc{Version: oldVersion, ClientID: push.ClientID, LastOpID: lastOpID,
				LastOpHash: hashHex(lastHash), ClientStale: true, State: st}), nil, nil
		}
	}
	newLast, results := roam.ApplyPush(st, lastOpID, push.Ops)
	info.applied = len(results)

	// Round trip 2: write, read the rejections, commit.
	b = &pgx.Batch{}
	writes := 0
	if len(results) > 0 || !strings.HasPrefix(stored, "{\"") {
		stored = string(roam.EncodeStateOnly(st))
	}
	if len(results) > 0 {
		newVersion++
		b.Queue(`UPDATE sync_user SET version = $2, state = $3, updated_at = now() WHERE user_id = $1 RETURNING xmin::text::bigint`,
			user, toDB(newVersion), stored)
		lastHash = opHash(lastApplied(push.Ops, newLast))
	}
	// The state this push writes goes into the cache now, before COMMIT, while the row lock
	// keeps every other push of this user waiting: the next one, which gets the lock when this
	// one commits, finds it there. It is keyed by the version and xmin the row has if and only
	// if this transaction commits (xid: a transaction id is never reused), so a push that
	// fails leaves an entry that never matches. This push no longer owns st: the next one may
	// change it as soon as this one commits.
	speculative := !newUser && len(results) > 0
	if speculative {
		s.cache.put(user, &cachedState{version: newVersion, xmin: xid, st: st, stored: stored})
	}
	b.Queue(`INSERT INTO sync_client (user_id, client_id, last_op_id, last_op_hash) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, client_id) DO UPDATE SET last_op_id = EXCLUDED.last_op_id, last_op_hash = EXCLUDED.last_op_hash, updated_at = now()`,
		user, push.ClientID, toDB(newLast), lastHash)
	writes++
	for i := range results {
		if results[i].Rejected() {
			info.rejected++
			b.Queue(`INSERT INTO sync_rejection (user_id, client_id, op_id, version, body) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT DO NOTHING`, user, push.ClientID, toDB(results[i].OpID), toDB(newVersion), string(roam.AppendRejected(nil, &results[i])))
			writes++
		}
	}
	// Rejections the client has seen are dropped; never the ones of this push. Seen: it
	// applied a state at or above their version, and it dropped their operation from its
	// outbox (the push starts after it). Both are needed: a device also moves its version
	// on with a state document that names no client, which acknowledges no operation and
	// carries no rejection.
	acked := min(push.LastVersion, oldVersion)
	if acked > math.MaxInt64 {
		acked = math.MaxInt64
	}
	dropped := uint64(math.MaxInt64) // an empty push: the outbox is empty
	if len(push.Ops) > 0 {
		dropped = min(push.Ops[0].ID, math.MaxInt64)
	}
	b.Queue(`DELETE FROM sync_rejection WHERE user_id = $1 AND client_id = $2 AND version <= $3 AND op_id < $4`,
		user, push.ClientID, int64(acked), int64(dropped))
	writes++
	b.Queue(`SELECT body FROM sync_rejection WHERE user_id = $1 AND client_id = $2 ORDER BY op_id`, user, push.ClientID)
	if s.hold == 0 {
		b.Queue(`COMMIT`)
	}
	br = conn.SendBatch(ctx, b)
	if len(results) > 0 {
		err = br.QueryRow().Scan(&xmin)
	}
	for i := 0; i < writes && err == nil; i++ {
		_, err = br.Exec()
	}
	var rejected []string
	if err == nil {
		var rows pgx.Rows
		if rows, err = br.Query(); err == nil {
			rejected, err = pgx.CollectRows(rows, pgx.RowTo[string])
		}
	}
	if err == nil && s.hold == 0 {
		err = commitResult(br.Exec())
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, nil, err
	}
	if s.hold > 0 {
		s.log.Info("push held", "user", user, "client_id", push.ClientID, "hold_ms", s.hold.Milliseconds())
		select {
		case <-time.After(s.hold):
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		if err := commitResult(conn.Exec(ctx, `COMMIT`)); err != nil {
			return nil, nil, err
		}
	}
	done = true
	switch {
	case speculative && xmin != xid:
		// Not the row's xmin after all: the entry put before COMMIT never matches; say so.
		s.log.Warn("state cache: the written row's xmin is not the transaction's id", "user", user, "xmin", xmin, "xid", xid)
	case !speculative:
		s.cache.put(user, &cachedState{version: newVersion, xmin: xmin, st: st, stored: stored})
	}
	info.version, info.lastOpID = newVersion, newLast
	return encodeStateStored(newVersion, push.ClientID, newLast, lastHash, rejected, stored), nil, nil
}

// encodeStateStored writes a state document whose state is stored, EncodeStateOnly's form of
// it (one object holding the two state keys), without decoding and encoding it again.
func encodeStateStored(version uint64, client string, lastOpID uint64, lastHash []byte, rejected []string, stored string) []byte {
	b := appendStateHead(make([]byte, 0, len(stored)+256), version, client, lastOpID, lastHash, false, rejected)
	b = append(b, ',')
	b = append(b, stored[1:len(stored)-1]...)
	return append(b, '}')
}

// commitResult turns the answer to COMMIT into an error when the transaction did not commit
// (PostgreSQL answers ROLLBACK to a COMMIT of a failed transaction).
func commitResult(tag interface{ String() string }, err error) error {
	if err != nil {
		return err
	}
	if tag.String() != "COMMIT" {
		return fmt.Errorf("the transaction did not commit (%s)", tag.String())
	}
	return nil
}

// lockNewUser creates the user's row if it is still missing and locks it.
func lockNewUser(ctx context.Context, conn *pgxpool.Conn, user string) (int64, int64, string, error) {
	var version, xmin int64
	var state string
	if _, err := conn.Exec(ctx, `INSERT INTO sync_user (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, user); err != nil {
		return 0, 0, "", err
	}
	err := conn.QueryRow(ctx, `SELECT version, xmin::text::bigint, state FROM sync_user WHERE user_id = $1 FOR UPDATE`, user).Scan(&version, &xmin, &state)
	return version, xmin, state, err
}
