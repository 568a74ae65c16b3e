package engine

// The session is the logged-in user's state and the home of every rule. Each call of the
// header runs on the worker as one session method, in the file of its header section
// (session_login.go, session_convs.go, session_unread.go, session_groups.go, session_sync.go); the rules on
// argument values and the decoders are in args.go. This file holds the state, its caches and
// the life of one operation:
//
//   - every conversation write goes through put or remove: they store the row and account for
//     the change (extended count, unread totals, subscriptions, the operation's net change);
//   - a write operation runs as begin, the rule, commit (or abort). commit is where a side
//     effect of the whole operation that must share its transaction belongs (before the store
//     commits); after the commit, the net changes become listener events;
//   - emit queues a listener event in the operation's delivery buffer, which the engine takes
//     (take) when the operation is over and hands to the sink; abort drops it.
//
// The session knows nothing of the engine: it gets an env (its config, a log function and the
// sink's Wants) when it opens.

import (
	"fmt"
	"slices"
	"unsafe"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// env is what a session gets from the engine that runs it.
type env struct {
	cfg   Config
	appID uint64
	log   func(level int32, msg string) // safe from any goroutine
	wants func(k Kind) bool             // whether a listener of that kind is set
	// borrow: results may share memory with session buffers that the next operation reuses
	// (the sink copies what it keeps; BorrowingSink).
	borrow bool
}

// session is the logged-in user's state. It is touched only by the worker goroutine.
type session struct {
	env  env
	user string
	st   *store.Store

	groups   []store.Group // creation order; Members kept current
	extended int           // conversations with a mark, custom data or a group
	unread   tally         // total unread
	subs     []*sub        // unread-by-filter subscriptions, in subscription order
	cursors  cursorCache
	sync     store.SyncMeta // the cache's sync row (client id, last op_id, version)
	unfed    int            // conversations with roaming state kept until the host feeds them
	sc       syncCache      // the sync state in memory (sync_cache.go)

	// Effects of the running operation: its net changes, the roaming changes it made (written
	// to the outbox by commit, in the same transaction), and the deliveries it queued.
	changes map[int64]*change
	order   []int64
	ops     []roam.Op
	frame   bool // a sync apply: kTIMConvEvent_Finish closes its conversation events
	out     []Delivery

	eventBuf []byte // listener events' JSON, when env.borrow (finishOp)
	pageBuf  []byte // a page's JSON is built here (env.borrow) or in a buffer of its own
	infoBuf  []byte // put encodes a ConvInfo here before it knows whether anything changed
	pageLen  int    // bytes per conversation of the last page read (sizes a page's own buffer)
}

// tally is an unread total and the value last reported to the listener.
type tally struct {
	total    conv.Total // exact (never wraps); reported clamped to 2147483647
	reported conv.Total
}

// sub is one unread-by-filter subscription.
type sub struct {
	filter conv.Filter
	canon  string // the filter's canonical JSON, as the listener reports it
	tally
}

// change is one conversation's state before the operation (nil: created) and after (nil:
// deleted).
type change struct{ old, new *conv.Conv }

// openSession opens the user's cache and loads its caches.
func openSession(env env, user string) (*session, error) {
	st, err := store.Open(store.UserDir(env.cfg.DataDir, env.appID, user), env.cfg.FullSync)
	if err != nil {
		return nil, err
	}
	s := &session{env: env, user: user, st: st}
	s.cursors.init()
	s.resetOp()
	if err := s.reload(); err != nil {
		st.Close()
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	s.unread.reported = s.unread.total
	if err := s.seedOutbox(); err != nil {
		st.Close()
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	if st.NeedsCheck() {
		// Too big to check whole at login: the full check runs beside the calls.
		st.CheckInBackground(func(err error) {
			if err != nil {
				env.log(tim.LogError, "the cache "+st.Path+" is damaged; it is no longer written (calls that meet the damage fail with 6019): "+err.Error())
			}
		})
	}
	return s, nil
}

func (s *session) close() {
	if err := s.st.Close(); err != nil {
		s.env.log(tim.LogWarn, "closing the cache: "+err.Error())
	}
}

// reload recomputes every in-memory cache from the store.
func (s *session) reload() error {
	s.dropSyncCache()
	gs, err := s.st.Groups()
	if err != nil {
		return err
	}
	s.groups = gs
	if s.sync, err = s.st.SyncMeta(); err != nil {
		return err
	}
	if s.unfed, err = s.st.UnfedCount(); err != nil {
		return err
	}
	if s.extended, err = s.st.ExtendedCount(); err != nil {
		return err
	}
	var all conv.Filter
	if s.unread.total, err = s.st.UnreadSum(&all, 0); err != nil {
		return err
	}
	for _, sb := range s.subs {
		if sb.total, err = s.sum(&sb.filter); err != nil {
			return err
		}
	}
	return nil
}

// ---- one operation ----

// begin starts a write operation's transaction.
func (s *session) begin() error { return s.st.Begin() }

// commit ends a write operation: the transaction commits, then the operation's net changes
// become conversation and unread events. A side effect of the whole operation that must be
// written in the same transaction goes here, before the store commits: the roaming changes
// the operation recorded go to the outbox, so an acknowledged change and its outbox row
// commit together or not at all.
func (s *session) commit() error {
	if err := s.writeOutbox(); err != nil {
		return err
	}
	if err := s.st.Commit(); err != nil {
		return err
	}
	s.afterCommit()
	s.finishOp()
	return nil
}

// abort abandons the running operation after a storage failure or a panic: its transaction
// rolls back, its changes and deliveries are dropped, and the caches are reloaded from the
// store.
func (s *session) abort() {
	s.out = nil
	s.st.Rollback()
	s.resetOp()
	if err := s.reload(); err != nil {
		s.env.log(tim.LogError, "reloading caches after a failure: "+err.Error())
	}
}

func (s *session) resetOp() {
	s.changes = map[int64]*change{}
	s.order = s.order[:0]
	s.ops = s.ops[:0]
	s.frame = false
}

// emit queues a listener event of the running operation, if anyone listens to its kind.
func (s *session) emit(d Delivery) {
	if s.env.wants(d.Kind) {
		s.out = append(s.out, d)
	}
}

// take hands over the deliveries the finished operation queued.
func (s *session) take() []Delivery {
	out := s.out
	s.out = nil
	return out
}

// ---- caches ----

// group returns the group of that name (nil: none).
func (s *session) group(name string) *store.Group {
	for i := range s.groups {
		if s.groups[i].Name == name {
			return &s.groups[i]
		}
	}
	return nil
}

func contrib(c *conv.Conv, f *conv.Filter) uint64 {
	if c == nil || !c.CountsUnread() || (f != nil && !f.Match(c)) {
		return 0
	}
	return c.Unread
}

// put stores c, whose state before this write is old (nil: a new conversation), and records
// the change. A write that changes nothing is skipped.
func (s *session) put(old, c *conv.Conv) error {
	s.infoBuf = c.AppendJSON(s.infoBuf[:0])
	if old != nil && old.Info == string(s.infoBuf) { // compared in place: no copy
		return nil
	}
	info := string(s.infoBuf)
	var err error
	if old != nil {
		err = s.st.UpdateConv(old, c, info)
	} else {
		err = s.st.PutConv(c, info)
	}
	if err != nil {
		return err
	}
	c.Info = info
	s.account(old, c)
	return nil
}

// remove deletes a conversation and records the change.
func (s *session) remove(old *conv.Conv) error {
	if err := s.st.DeleteConv(old.RowID); err != nil {
		return err
	}
	s.account(old, nil)
	return nil
}

// account updates the counters for one write and remembers the operation's net change.
func (s *session) account(old, c *conv.Conv) {
	if old != nil && old.Extended() {
		s.extended--
	}
	if c != nil && c.Extended() {
		s.extended++
	}
	s.unread.total.Add(contrib(c, nil))
	s.unread.total.Sub(contrib(old, nil))
	for _, sb := range s.subs {
		sb.total.Add(contrib(c, &sb.filter))
		sb.total.Sub(contrib(old, &sb.filter))
	}
	row := old
	if row == nil {
		row = c
	}
	if ch, ok := s.changes[row.RowID]; ok {
		ch.new = c
		return
	}
	s.changes[row.RowID] = &change{old: old, new: c}
	s.order = append(s.order, row.RowID)
}

// finishOp turns the committed operation's changes into conversation and unread events.
func (s *session) finishOp() {
	var add, upd, del []string
	for _, id := range s.order {
		ch := s.changes[id]
		switch {
		case ch.old == nil && ch.new != nil:
			add = append(add, ch.new.Info)
		case ch.old != nil && ch.new == nil:
			del = append(del, ch.old.Info)
		case ch.old != nil && ch.new != nil && ch.old.Info != ch.new.Info:
			upd = append(upd, ch.new.Info)
		}
	}
	if s.env.wants(KindConvEvent) {
		// An event of 1,000 conversations is hundreds of kilobytes: with a sink that copies
		// what it keeps, the events are built in the session's reused buffer (fresh memory of
		// that size costs page faults and a collection per call); otherwise each in a buffer of
		// its own that becomes the string without a copy (it is never written again).
		var b []byte
		if s.env.borrow {
			b = s.eventBuf[:0]
		}
		for _, ev := range []struct {
			event int32
			infos []string
		}{{tim.EventAdd, add}, {tim.EventUpdate, upd}, {tim.EventDel, del}} {
			if len(ev.infos) == 0 {
				continue
			}
			if !s.env.borrow {
				b = nil
			}
			start := len(b)
			b = appendJSONArray(b, ev.infos)
			// A later append that moves b leaves this string on the old array, unchanged.
			s.emit(Delivery{Kind: KindConvEvent, Event: ev.event, JSON: unsafe.String(&b[start], len(b)-start)})
		}
		if s.env.borrow && cap(b) <= maxEventBuf {
			s.eventBuf = b
		}
	}
	if s.frame {
		s.emit(Delivery{Kind: KindConvEvent, Event: tim.EventFinish})
	}
	if s.unread.total != s.unread.reported {
		s.unread.reported = s.unread.total
		s.emit(Delivery{Kind: KindTotalUnread, Total: s.unread.total.Clamp32()})
	}
	for _, sb := range s.subs {
		if sb.total != sb.reported {
			sb.reported = sb.total
			s.emit(Delivery{Kind: KindUnreadByFilter, JSON: sb.filter.HandBack(), Total: sb.total.Clamp32()})
		}
	}
	s.resetOp()
}

// maxEventBuf bounds the event buffer a session keeps between calls.
const maxEventBuf = 4 << 20

// appendJSONArray appends the JSON array of items (each already JSON) to b, growing it once.
func appendJSONArray(b []byte, items []string) []byte {
	n := 2
	for _, it := range items {
		n += len(it) + 1
	}
	b = slices.Grow(b, n)
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
	}
	return append(b, ']')
}

// jsonArray returns the JSON array of items (each already JSON), in one allocation.
func jsonArray(items []string) string {
	b := appendJSONArray(nil, items)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func infosOf(cs []*conv.Conv) string {
	infos := make([]string, len(cs))
	for i, c := range cs {
		infos[i] = c.Info
	}
	return jsonArray(infos)
}
