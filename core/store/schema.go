package store

// Schema versions live in PRAGMA user_version. Each migration moves the cache from version
// i to i+1 inside one transaction; a cache newer than len(migrations) is refused untouched.
//
// Layout:
//
//	conv        one row per conversation. The columns the list order and filters need are
//	            real columns (pinned, okey = order key of conv_active_time, unread, marks, ...);
//	            info is the full ConvInfo JSON, written on every change, so a page is a
//	            concatenation of stored strings.
//	conv_group  conversation groups; id order is creation order (a rename keeps the id).
//	member      group membership, carrying a copy of the member's order key so that a group's
//	            page is one index range (kept in step by the conv_member_order trigger).
//	unread_total the unread total of the whole list, one row kept by triggers (login reads it).
//	sync_meta   one row: this cache's sync client id (32 lowercase hex digits, made with the
//	            cache and kept), the highest op_id it allocated, the last server version it
//	            applied, and whether the outbox was seeded with what the cache held before
//	            sync. Every call that changes roaming state rewrites it (a few dozen bytes).
//	sync_confirmed
//	            one row: the roaming state as the server last sent it (the confirmed state,
//	            tens of KB), written only by the apply of a state document that changed it.
//	outbox      the roaming changes not yet confirmed by the server: op_id (per client,
//	            increasing) and the operation's JSON (a push document's operation object).
//	unfed, unfed_member
//	            roaming state the server holds for conversations this cache has not been fed
//	            yet (marks, pin, custom data; group memberships by conversation key); moved into
//	            the conversation row when the host upserts it.
var migrations = []string{
	// v1: first release.
	`
CREATE TABLE conv (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  conv_type INTEGER NOT NULL,
  conv_id  TEXT    NOT NULL,
  pinned   INTEGER NOT NULL DEFAULT 0,
  okey     INTEGER NOT NULL DEFAULT 0,
  unread   INTEGER NOT NULL DEFAULT 0,
  recv_opt INTEGER NOT NULL DEFAULT 0,
  marks    INTEGER NOT NULL DEFAULT 0,
  has_at   INTEGER NOT NULL DEFAULT 0,
  ngroups  INTEGER NOT NULL DEFAULT 0,
  ext      INTEGER NOT NULL DEFAULT 0,
  info     TEXT    NOT NULL,
  UNIQUE (conv_type, conv_id)
);
CREATE INDEX conv_order ON conv (pinned, okey, id);
CREATE INDEX conv_type_order ON conv (conv_type, pinned, okey, id);
CREATE TABLE conv_group (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE member (
  group_id INTEGER NOT NULL,
  conv     INTEGER NOT NULL,
  pinned   INTEGER NOT NULL,
  okey     INTEGER NOT NULL,
  PRIMARY KEY (group_id, conv)
) WITHOUT ROWID;
CREATE INDEX member_order ON member (group_id, pinned, okey, conv);
CREATE INDEX member_conv ON member (conv);
CREATE TRIGGER conv_member_order AFTER UPDATE OF pinned, okey ON conv WHEN NEW.ngroups > 0
BEGIN
  UPDATE member SET pinned = NEW.pinned, okey = NEW.okey WHERE conv = NEW.id;
END;
`,
	// v2: partial indexes for the sparse filters (marked, unread, extended state).
	`
CREATE INDEX conv_marked ON conv (pinned, okey, id) WHERE marks != 0;
CREATE INDEX conv_unread ON conv (pinned, okey, id) WHERE unread != 0;
CREATE INDEX conv_ext ON conv (ext) WHERE ext != 0;
`,
	// v3: the unread total (read at every login) from an index alone, without the rows.
	`
CREATE INDEX conv_unread_sum ON conv (recv_opt, unread) WHERE unread != 0;
`,
	// v4: the unread total of the whole list kept by triggers, so login reads one row whatever
	// the size of the cache. valid = 0 until it is first computed (UnreadSum); a sum that
	// leaves the 64-bit range turns the value into a REAL, and an unread number of 2^63 or more
	// (stored negative) clears valid: both make UnreadSum count exactly again.
	`
CREATE TABLE unread_total (unread INTEGER NOT NULL, valid INTEGER NOT NULL);
INSERT INTO unread_total VALUES (0, 0);
CREATE TRIGGER unread_total_ins AFTER INSERT ON conv WHEN NEW.unread != 0 AND NEW.recv_opt NOT IN (1, 2, 3)
BEGIN
  UPDATE unread_total SET unread = unread + NEW.unread;
  UPDATE unread_total SET valid = 0 WHERE NEW.unread < 0;
END;
CREATE TRIGGER unread_total_del AFTER DELETE ON conv WHEN OLD.unread != 0 AND OLD.recv_opt NOT IN (1, 2, 3)
BEGIN
  UPDATE unread_total SET unread = unread - OLD.unread;
  UPDATE unread_total SET valid = 0 WHERE OLD.unread < 0;
END;
CREATE TRIGGER unread_total_upd AFTER UPDATE OF unread, recv_opt ON conv
BEGIN
  UPDATE unread_total SET unread = unread
    - CASE WHEN OLD.recv_opt NOT IN (1, 2, 3) THEN OLD.unread ELSE 0 END
    + CASE WHEN NEW.recv_opt NOT IN (1, 2, 3) THEN NEW.unread ELSE 0 END;
  UPDATE unread_total SET valid = 0 WHERE OLD.unread < 0 OR NEW.unread < 0;
END;
`,
	// v5: sync across devices (client id, outbox, confirmed state, roaming state of
	// conversations not fed yet; stable group ids).
	`
CREATE TABLE sync_meta (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  client_id  TEXT    NOT NULL,
  last_op_id INTEGER NOT NULL DEFAULT 0,
  version    INTEGER NOT NULL DEFAULT 0,
  confirmed  TEXT    NOT NULL DEFAULT '',
  seeded     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_meta (id, client_id) VALUES (1, lower(hex(randomblob(16))));
CREATE TABLE outbox (
  op_id INTEGER PRIMARY KEY,
  op    TEXT NOT NULL
);
ALTER TABLE conv_group ADD COLUMN sync_id TEXT NOT NULL DEFAULT '';
UPDATE conv_group SET sync_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX conv_group_sync_id ON conv_group (sync_id);
CREATE TABLE unfed (
  conv_key TEXT PRIMARY KEY,
  marks    INTEGER NOT NULL,
  pinned   INTEGER NOT NULL,
  custom   TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE unfed_member (
  group_id INTEGER NOT NULL,
  conv_key TEXT    NOT NULL,
  PRIMARY KEY (group_id, conv_key)
) WITHOUT ROWID;
`,
	// v6: the confirmed state out of sync_meta, into a row of its own: sync_meta is rewritten
	// by every local call that changes roaming state (its last op_id), and carried the state
	// (tens of KB) with it; now only an apply that changed the state writes it.
	`
CREATE TABLE sync_confirmed (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL
);
INSERT INTO sync_confirmed (id, state) SELECT 1, confirmed FROM sync_meta WHERE id = 1;
ALTER TABLE sync_meta DROP COLUMN confirmed;
`,
}

// SchemaVersion is the version this build writes.
var SchemaVersion = len(migrations)
