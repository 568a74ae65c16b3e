// Package store keeps one user's conversations and conversation groups in a SQLite file
// (github.com/mattn/go-sqlite3): opening with a cross-process lock, schema migrations,
// transactions, and the indexed queries behind every list. A Store is used by one goroutine
// at a time (the engine's worker); it holds a single connection.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/platform"
)

// Errors of Open, each mapped to a callback code by the engine.
var (
	ErrLocked       = errors.New("the cache is held by another process")                  // 6022
	ErrIO           = errors.New("the data folder is unusable")                           // 6022
	ErrCorrupt      = errors.New("the cache file is corrupt or not a timconvgroup cache") // 6019
	ErrFutureSchema = errors.New("the cache was written by a newer timconvgroup")         // 6019
)

// DBFile is the cache file name inside a user's folder; LockFile guards it across processes.
const (
	DBFile   = "conv.db"
	LockFile = "conv.lock"
)

var plainUser = regexp.MustCompile(`^[a-z0-9_-]{1,128}$`)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// UserDirName encodes a user ID as one folder name that cannot leave its parent, cannot
// collide with another user's (also on case-insensitive file systems) and fits NAME_MAX:
// "u_<id>" for IDs of [a-z0-9_-] only, else "b_<lowercase base32 of the bytes>".
func UserDirName(userID string) string {
	if plainUser.MatchString(userID) {
		return "u_" + userID
	}
	return "b_" + strings.ToLower(b32.EncodeToString([]byte(userID)))
}

// UserDir returns <dataDir>/<appID>/<encoded user>.
func UserDir(dataDir string, appID uint64, userID string) string {
	return filepath.Join(dataDir, strconv.FormatUint(appID, 10), UserDirName(userID))
}

// Store is an open cache.
type Store struct {
	db    *sql.DB
	conn  *sql.Conn
	lock  *os.File
	stmts map[string]*sql.Stmt
	inTx  bool
	Path  string

	pages   int64       // the file's size in pages when it was opened
	damaged atomic.Bool // damage was found: no more writes (see Note)
	check   *bgCheck    // the full check running off the login path, if any

	updateSQL [1 << len(convCols9)]string // UpdateConv's statements by changed-column mask
	raw       driver.Conn                 // the driver connection of conn (raw.go)
	rstmts    map[string]driver.Stmt
	handles   map[string]uintptr // sqlite3_stmt of a page statement (pagestep.go)
	pbuf      *cPageBuf          // C buffer of the pages read in C (pagestep.go)
	rbuf      *cRowBuf           // C buffer of the rows read in C (rowstep.go)
	cp        *checkpointer      // checkpoints off the committing call (checkpoint.go)
}

var ctx = context.Background()

// Open opens (creating if needed) the cache in dir, taking its lock. fullSync makes every
// commit reach the disk (survives power loss); otherwise a commit survives a process crash.
func Open(dir string, fullSync bool) (*Store, error) {
	if err := mkdirs(dir); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIO, err)
	}
	lock, err := os.OpenFile(filepath.Join(dir, LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIO, err)
	}
	if locked, err := platform.TryLock(lock); !locked {
		lock.Close()
		if err == nil {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("%w: lock: %v", ErrIO, err)
	}
	path := filepath.Join(dir, DBFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("%w: %v", ErrIO, err)
	}
	pages, err := checkSize(f, path)
	f.Close()
	if err != nil {
		lock.Close()
		return nil, err
	}
	// _mutex=no: SQLite's multi-thread mode for this connection (no per-call connection
	// mutex). The Store is used by one goroutine at a time (the engine's execution token) and
	// is its connection's only user; the full check opens a connection of its own.
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw&_busy_timeout=5000&_mutex=no")
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("%w: %v", ErrIO, err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		lock.Close()
		return nil, classify(err)
	}
	s := &Store{db: db, conn: conn, lock: lock, stmts: map[string]*sql.Stmt{}, Path: path, pages: pages, rstmts: map[string]driver.Stmt{}, handles: map[string]uintptr{}}
	if err := s.rawConn(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.init(fullSync); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// init checks the file, sets the connection up and migrates the schema.
func (s *Store) init(fullSync bool) error {
	conn := s.conn
	// Read-only checks first: a corrupt or future cache must be left exactly as it is.
	var version, tables int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables); err != nil {
		return classify(err)
	}
	if version > SchemaVersion {
		return fmt.Errorf("%w (schema %d, this build reads up to %d)", ErrFutureSchema, version, SchemaVersion)
	}
	if version == 0 && tables != 0 {
		return fmt.Errorf("%w: it holds tables but no timconvgroup schema version", ErrCorrupt)
	}
	// A small cache gets the full check now: quick_check reads every page once, read-only,
	// and up to SyncCheckPages that is a bounded cost. A bigger one is checked off the login
	// path (CheckInBackground), so that login does not grow with the cache.
	if s.pages <= SyncCheckPages {
		if err := quickCheck(conn); err != nil {
			return err
		}
	}
	sync := "NORMAL"
	if fullSync {
		sync = "FULL"
	}
	for _, p := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=" + sync, "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-8192"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return classify(err)
		}
	}
	if err := s.migrate(version); err != nil {
		return err
	}
	s.startCheckpointer()
	return s.readFirstPage()
}

// SyncCheckPages is the largest cache (in pages of 4 KiB: 2 MiB, a few thousand conversations)
// that login checks whole; quick_check reads it in about 2 ms.
const SyncCheckPages = 512

// readFirstPage reads what the first calls after a login read (the first page of the list,
// down its index): damage there is refused at login rather than met by the first call.
func (s *Store) readFirstPage() error {
	rows, err := s.conn.QueryContext(ctx, "SELECT id, info FROM conv INDEXED BY conv_order ORDER BY pinned DESC, okey DESC, id DESC LIMIT 101")
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var id int64
	var info sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &info); err != nil {
			return classify(err)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	return nil
}

// sqliteHeader starts every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkSize refuses a cache file cut short, in O(1): SQLite writes the main file in whole
// pages, so a non-empty file shorter than one page, or whose size is not a multiple of its
// page size, has lost data (SQLite itself would take a 1-byte file for a new database and
// overwrite it); and when no WAL or journal is pending, the file must hold exactly the pages
// its header counts (a file cut at a page boundary). An empty file is a new cache. It returns
// the file's size in pages. Read-only.
func checkSize(f *os.File, path string) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrIO, err)
	}
	size := st.Size()
	if size == 0 {
		return 0, nil
	}
	if size < 512 {
		return 0, fmt.Errorf("%w: the file is %d bytes, shorter than one page", ErrCorrupt, size)
	}
	var h [100]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return 0, fmt.Errorf("%w: %v", ErrIO, err)
	}
	if string(h[:16]) != sqliteHeader {
		return 0, nil // not SQLite at all: SQLite reports it ("file is not a database")
	}
	page := int64(h[16])<<8 | int64(h[17])
	if page == 1 {
		page = 65536
	}
	if page < 512 || page&(page-1) != 0 {
		return 0, fmt.Errorf("%w: the header's page size %d is invalid", ErrCorrupt, page)
	}
	if size%page != 0 {
		return 0, fmt.Errorf("%w: the file is %d bytes, not a whole number of %d-byte pages", ErrCorrupt, size, page)
	}
	counted := int64(be32(h[28:]))
	if counted != 0 && be32(h[24:]) == be32(h[92:]) && !pending(path+"-wal") && !pending(path+"-journal") && counted*page != size {
		return 0, fmt.Errorf("%w: the file holds %d pages, its header counts %d", ErrCorrupt, size/page, counted)
	}
	return size / page, nil
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// pending reports whether a WAL or rollback journal beside the cache holds anything (the
// header's page count may then be older or newer than the file).
func pending(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0 || err != nil && !errors.Is(err, os.ErrNotExist)
}

// querier is a connection or a database.
type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// quickCheck runs PRAGMA quick_check: nil when it reports "ok", else ErrCorrupt (or the
// classified driver error).
func quickCheck(conn querier) error {
	return quickCheckCtx(ctx, conn)
}

func quickCheckCtx(ctx context.Context, conn querier) error {
	rows, err := conn.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var first string
	if rows.Next() {
		if err := rows.Scan(&first); err != nil {
			return classify(err)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	if first != "ok" {
		return fmt.Errorf("%w: quick_check: %s", ErrCorrupt, first)
	}
	return nil
}

func mkdirs(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	st, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}

// classify maps a driver error met while opening to ErrCorrupt or ErrIO.
func classify(err error) error {
	msg := err.Error()
	for _, s := range []string{"not a database", "malformed", "corrupt", "encrypted"} {
		if strings.Contains(msg, s) {
			return fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
	}
	return fmt.Errorf("%w: %v", ErrIO, err)
}

func (s *Store) migrate(from int) error {
	for v := from; v < SchemaVersion; v++ {
		if err := s.Begin(); err != nil {
			return classify(err)
		}
		if _, err := s.conn.ExecContext(ctx, migrations[v]); err != nil {
			s.Rollback()
			return fmt.Errorf("%w: migration to schema %d: %v", ErrCorrupt, v+1, err)
		}
		if _, err := s.conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", v+1)); err != nil {
			s.Rollback()
			return classify(err)
		}
		if err := s.Commit(); err != nil {
			return classify(err)
		}
	}
	return nil
}

// Close closes the database and releases the lock. Safe to call twice.
func (s *Store) Close() error {
	if s == nil || s.lock == nil {
		return nil
	}
	s.stopCheck()
	s.stopCheckpointer()
	s.freeRowBuf()
	s.freePageBuf()
	s.closeRaw()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	err := s.conn.Close()
	if e := s.db.Close(); err == nil {
		err = e
	}
	s.lock.Close() // releases the flock
	s.lock = nil
	return err
}

// stmt returns the cached prepared statement for q.
func (s *Store) stmt(q string) (*sql.Stmt, error) {
	if st, ok := s.stmts[q]; ok {
		return st, nil
	}
	st, err := s.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	s.stmts[q] = st
	return st, nil
}

func (s *Store) exec(q string, args ...any) (sql.Result, error) {
	st, err := s.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// Begin starts a write transaction. Once damage has been found (Note, the full check) it
// refuses: nothing more is written into a damaged file.
func (s *Store) Begin() error {
	if s.damaged.Load() {
		return fmt.Errorf("%w: damage was found in it; it is no longer written", ErrCorrupt)
	}
	if _, err := s.rexec("BEGIN IMMEDIATE"); err != nil {
		return err
	}
	s.inTx = true
	return nil
}

// Commit commits the transaction.
func (s *Store) Commit() error {
	_, err := s.rexec("COMMIT")
	if err != nil {
		s.Rollback()
		return err
	}
	s.inTx = false
	s.afterCommit()
	return nil
}

// Rollback abandons the transaction, if one is open.
func (s *Store) Rollback() {
	if s.inTx {
		s.rexec("ROLLBACK")
		s.inTx = false
	}
}

// ---- conversations ----

const convCols = "id, info"

func scanConv(id int64, info string) (*conv.Conv, error) {
	c, err := conv.Decode(info)
	if err != nil {
		return nil, err
	}
	c.RowID = id
	return c, nil
}

// GetConv returns a conversation, or nil when there is none.
func (s *Store) GetConv(typ int32, id string) (*conv.Conv, error) {
	const q = "SELECT " + convCols + " FROM conv WHERE conv_type = ?1 AND conv_id = ?2"
	ints := [1]int64{int64(typ)}
	rowID, info, found, ok, err := s.getRow(q, ints[:], id)
	if !ok {
		var row [2]driver.Value
		switch err = s.rrow(q, row[:], int64(typ), id); {
		case err == errNoRow:
			return nil, nil
		case err != nil:
			return nil, err
		}
		return scanConv(i64(row[0]), text(row[1]))
	}
	if err != nil || !found {
		return nil, err
	}
	return scanConv(rowID, info)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// convWrite: the statements that insert or rewrite a conversation row are written OR ROLLBACK.
// A conversation row has triggers (the unread total, the members' order keys) and constraints,
// so with SQLite's default conflict rule (ABORT) each such statement opens a statement journal
// so that a failure midway could undo that statement alone and keep the transaction: a copy of
// every page the statement changes (an insert changes one leaf per index: tens of KiB), in
// 1 KiB chunks of memory (temp_store=MEMORY), allocated and freed per statement. Nothing here
// keeps a transaction after a failed statement: every caller hands the error up and the
// engine rolls the whole operation back. With OR ROLLBACK a failure ends the transaction at
// once, which is what the engine does next anyway, and SQLite needs no statement journal. The
// insert cannot meet its UNIQUE constraint (the caller looked the conversation up in the same
// transaction) and binds no NULL; the update changes no key.

// PutConv inserts c (RowID 0; RowID is set) or rewrites it, with info as its stored JSON.
func (s *Store) PutConv(c *conv.Conv, info string) error {
	var ints [len(convCols9) + 1]int64
	for i, col := range convCols9 {
		ints[i] = col.val(c)
	}
	if c.RowID == 0 {
		// ?1..?8 the columns, ?9 the type, ?10 info, ?11 the ID: integers first (execRow).
		// OR ROLLBACK: see convWrite.
		const q = "INSERT OR ROLLBACK INTO conv (pinned, okey, unread, recv_opt, marks, has_at, ngroups, ext, conv_type, info, conv_id) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)"
		ints[len(convCols9)] = int64(c.Type)
		id, ok, err := s.execRow(q, ints[:], info, &c.ID)
		if !ok {
			res, rerr := s.rexec(q, append(values(ints[:]), info, c.ID)...)
			if rerr != nil {
				return rerr
			}
			id, err = res.LastInsertId()
		}
		if err != nil {
			return err
		}
		c.RowID = id
		return nil
	}
	const q = "UPDATE OR ROLLBACK conv SET pinned=?1, okey=?2, unread=?3, recv_opt=?4, marks=?5, has_at=?6, ngroups=?7, ext=?8, info=?10 WHERE id=?9"
	ints[len(convCols9)] = c.RowID
	return s.execInts(q, ints[:], info)
}

// execInts runs q with ints bound to ?1.. and text after them.
func (s *Store) execInts(q string, ints []int64, text string) error {
	_, ok, err := s.execRow(q, ints, text, nil)
	if !ok {
		_, err = s.rexec(q, append(values(ints), text)...)
	}
	return err
}

// values converts integer arguments for the driver.
func values(ints []int64) []driver.Value {
	v := make([]driver.Value, len(ints), len(ints)+2)
	for i, n := range ints {
		v[i] = n
	}
	return v
}

// convCol is one column of conv that mirrors a part of the ConvInfo.
type convCol struct {
	name string
	val  func(c *conv.Conv) int64
}

var convCols9 = [...]convCol{
	{"pinned", func(c *conv.Conv) int64 { return int64(b2i(c.Pinned)) }},
	{"okey", func(c *conv.Conv) int64 { return conv.OrderKey(c.ActiveTime) }},
	{"unread", func(c *conv.Conv) int64 { return int64(c.Unread) }},
	{"recv_opt", func(c *conv.Conv) int64 { return int64(c.RecvOpt) }},
	{"marks", func(c *conv.Conv) int64 { return int64(c.Marks) }},
	{"has_at", func(c *conv.Conv) int64 { return int64(b2i(len(c.AtInfo) > 0)) }},
	{"ngroups", func(c *conv.Conv) int64 { return int64(len(c.Groups)) }},
	{"ext", func(c *conv.Conv) int64 { return int64(b2i(c.Extended())) }},
}

// UpdateConv rewrites stored conversation old as c (same RowID), with info as its stored
// JSON. Only the columns whose values changed are set: SQLite then leaves the indexes (and
// the member-order trigger) of the others alone.
func (s *Store) UpdateConv(old, c *conv.Conv, info string) error {
	mask := 0
	var ints [len(convCols9) + 1]int64
	n := 0
	for i, col := range convCols9 {
		if v := col.val(c); v != col.val(old) {
			mask |= 1 << i
			ints[n] = v
			n++
		}
	}
	q := s.updateSQL[mask]
	if q == "" {
		// The changed columns ?1..?n, the row ?n+1, info ?n+2: integers first (execRow).
		var b strings.Builder
		b.WriteString("UPDATE OR ROLLBACK conv SET ") // see convWrite
		k := 0
		for i, col := range convCols9 {
			if mask&(1<<i) != 0 {
				k++
				fmt.Fprintf(&b, "%s=?%d, ", col.name, k)
			}
		}
		fmt.Fprintf(&b, "info=?%d WHERE id=?%d", k+2, k+1)
		q = b.String()
		s.updateSQL[mask] = q
	}
	ints[n] = c.RowID
	return s.execInts(q, ints[:n+1], info)
}

// DeleteConv removes a conversation and its memberships.
func (s *Store) DeleteConv(rowID int64) error {
	if _, err := s.exec("DELETE FROM member WHERE conv = ?", rowID); err != nil {
		return err
	}
	_, err := s.exec("DELETE FROM conv WHERE id = ?", rowID)
	return err
}

// ConvsWhere returns the conversations matching a SQL condition on conv (trusted text).
func (s *Store) ConvsWhere(cond string, args ...any) ([]*conv.Conv, error) {
	return s.queryConvs("SELECT "+convCols+" FROM conv WHERE "+cond+" ORDER BY pinned DESC, okey DESC, id DESC", args...)
}

func (s *Store) queryConvs(q string, args ...any) ([]*conv.Conv, error) {
	st, err := s.stmt(q)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*conv.Conv
	for rows.Next() {
		var id int64
		var info string
		if err := rows.Scan(&id, &info); err != nil {
			return nil, err
		}
		c, err := scanConv(id, info)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AppendAllInfo appends the ConvInfo JSON of every conversation, in list order, comma
// separated, and returns how many it appended.
func (s *Store) AppendAllInfo(b []byte) ([]byte, int, error) {
	st, err := s.stmt("SELECT info FROM conv ORDER BY pinned DESC, okey DESC, id DESC")
	if err != nil {
		return b, 0, err
	}
	rows, err := st.QueryContext(ctx)
	if err != nil {
		return b, 0, err
	}
	defer rows.Close()
	n := 0
	var info sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&info); err != nil {
			return b, n, err
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, info...)
		n++
	}
	return b, n, rows.Err()
}

// ---- groups ----

// Group is a conversation group.
type Group struct {
	ID      int64
	Name    string
	Members int    // stored member conversations
	SyncID  string // the stable id the group has across the user's devices
}

// Groups returns every group in creation order with its member count.
func (s *Store) Groups() ([]Group, error) {
	st, err := s.stmt("SELECT g.id, g.name, (SELECT count(*) FROM member m WHERE m.group_id = g.id), g.sync_id FROM conv_group g ORDER BY g.id")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Group
	for rows.Next() {
		var g Group
		if err := rows.Scan(&g.ID, &g.Name, &g.Members, &g.SyncID); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// CreateGroup adds a group, with its id across devices, and returns its row ID.
func (s *Store) CreateGroup(name, syncID string) (int64, error) {
	res, err := s.exec("INSERT INTO conv_group (name, sync_id) VALUES (?, ?)", name, syncID)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// RenameGroup renames a group in place (it keeps its creation position).
func (s *Store) RenameGroup(id int64, name string) error {
	_, err := s.exec("UPDATE conv_group SET name = ? WHERE id = ?", name, id)
	return err
}

// DeleteGroup removes a group and its memberships (also those of conversations not fed yet).
func (s *Store) DeleteGroup(id int64) error {
	if _, err := s.exec("DELETE FROM member WHERE group_id = ?", id); err != nil {
		return err
	}
	if _, err := s.exec("DELETE FROM unfed_member WHERE group_id = ?", id); err != nil {
		return err
	}
	_, err := s.exec("DELETE FROM conv_group WHERE id = ?", id)
	return err
}

// AddMember records c (already stored) as a member of group id.
func (s *Store) AddMember(groupID int64, c *conv.Conv) error {
	_, err := s.rexec("INSERT OR IGNORE INTO member (group_id, conv, pinned, okey) VALUES (?,?,?,?)",
		groupID, c.RowID, int64(b2i(c.Pinned)), conv.OrderKey(c.ActiveTime))
	return err
}

// RemoveMember removes c from group id.
func (s *Store) RemoveMember(groupID, rowID int64) error {
	_, err := s.exec("DELETE FROM member WHERE group_id = ? AND conv = ?", groupID, rowID)
	return err
}

// Members returns the conversations of a group, in list order.
func (s *Store) Members(groupID int64) ([]*conv.Conv, error) {
	return s.queryConvs("SELECT c.id, c.info FROM member m JOIN conv c ON c.id = m.conv WHERE m.group_id = ? ORDER BY m.pinned DESC, m.okey DESC, m.conv DESC", groupID)
}

// ---- counters ----

// ExtendedCount counts conversations that carry a mark, custom data or a group.
func (s *Store) ExtendedCount() (int, error) {
	var n int
	err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM conv INDEXED BY conv_ext WHERE ext != 0").Scan(&n)
	return n, err
}
