package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// migrationLock is the key of the transaction-level advisory lock that serialises schema
// migrations when several instances start at once.
const migrationLock int64 = 0x7463_6773_796e_6301 // "tcgsync\x01"

// migrations are applied in order, each once; append, never edit.
//
// uint64 values of the protocol (versions, op ids) are stored in bigint columns bit for bit
// (int64(u)); the service compares them in Go, never in SQL, except versions, which count
// pushes and stay far below 2^63.
var migrations = []string{
	1: `
CREATE TABLE sync_user (
    user_id    text        PRIMARY KEY,
    version    bigint      NOT NULL DEFAULT 0,
    state      text        NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE sync_client (
    user_id      text        NOT NULL REFERENCES sync_user ON DELETE CASCADE,
    client_id    text        NOT NULL,
    last_op_id   bigint      NOT NULL DEFAULT 0,
    last_op_hash bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, client_id)
);
CREATE TABLE sync_rejection (
    user_id   text   NOT NULL,
    client_id text   NOT NULL,
    op_id     bigint NOT NULL,
    version   bigint NOT NULL,
    body      text   NOT NULL,
    PRIMARY KEY (user_id, client_id, op_id),
    FOREIGN KEY (user_id, client_id) REFERENCES sync_client ON DELETE CASCADE
);
COMMENT ON COLUMN sync_user.state IS 'roaming state, core/roam EncodeStateOnly JSON';
COMMENT ON COLUMN sync_rejection.body IS 'one sync_state_rejected_array object';
`,
}

// migrate brings the schema up to date in one transaction under an advisory lock: a second
// instance starting at the same time waits, then finds nothing to do. A database whose schema
// is newer than this binary is refused.
func migrate(ctx context.Context, pool *pgxpool.Pool, log *slog.Logger) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS timconvsyncd_schema (
			version    integer     PRIMARY KEY,
			applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("schema table: %w", err)
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM timconvsyncd_schema`).Scan(&current); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		latest := len(migrations) - 1
		if current > latest {
			return fmt.Errorf("the database schema is version %d, newer than this binary's %d: upgrade timconvsyncd", current, latest)
		}
		for v := current + 1; v <= latest; v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO timconvsyncd_schema (version) VALUES ($1)`, v); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			log.Info("schema migrated", "version", v)
		}
		return nil
	})
}
