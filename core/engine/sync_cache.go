package engine

// The in-memory copy of what the cache holds for sync, so that an apply does not read the
// whole roaming state back from SQLite: the confirmed state, the outbox (decoded) and the
// view (the roaming state the cache shows: its groups, and the marks, pins, custom data and
// memberships of its conversations and of those kept until the host feeds them).
//
// It is a cache of SQLite, never ahead of it: it is built from the store on first use after
// login (the first apply pays the read), kept in step by every committed operation (the
// outbox rows it appended, the conversation changes it made, the groups it left), replaced
// by the apply with what the apply wrote, and dropped whenever the session reloads (a failed
// or panicking operation, whose transaction rolled back). A process killed at any point
// loses it with the transaction it was in; the next login rebuilds it from what SQLite kept.

import (
	"fmt"
	"os"
	"sort"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
)

type syncCache struct {
	ok        bool
	confirmed *roam.State // as the server last sent it; never modified in place
	pending   []roam.Op   // the outbox, op_id increasing
	view      *roam.State // what the cache shows; kept in step by mirror (may be confirmed itself: mirror copies it first)
	// rows are the stored conversations that carry roaming state (a mark, the pin, custom
	// data, a group), by key, as stored: an apply rewrites them without reading them back.
	rows map[string]*conv.Conv
}

// checkSyncCache makes every committed operation compare the cache with what SQLite holds
// (the engine's tests set it; a difference panics, which fails the operation).
var checkSyncCache bool

// syncCache returns the cache, building it from the store when needed.
func (s *session) syncCache() (*syncCache, error) {
	if s.sc.ok {
		return &s.sc, nil
	}
	confirmed, pending, view, rows, err := s.syncFromStore()
	if err != nil {
		return nil, err
	}
	s.sc = syncCache{ok: true, confirmed: confirmed, pending: pending, view: view, rows: rows}
	return &s.sc, nil
}

// dropSyncCache forgets the cache (the store is the truth; the next use rebuilds it).
func (s *session) dropSyncCache() { s.sc = syncCache{} }

// syncFromStore reads the confirmed state, the outbox, the view and the conversations with
// roaming state from the store.
func (s *session) syncFromStore() (*roam.State, []roam.Op, *roam.State, map[string]*conv.Conv, error) {
	confirmed, err := s.confirmedState()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	out, err := s.st.Outbox(0)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	pending := make([]roam.Op, 0, len(out))
	for _, r := range out {
		op, derr := roam.DecodeOp(r.JSON)
		if derr != nil {
			return nil, nil, nil, nil, fmt.Errorf("outbox op %d: %v", r.ID, derr)
		}
		op.ID = r.ID
		pending = append(pending, op)
	}
	view, rows, err := s.localState()
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return confirmed, pending, view, rows, nil
}

// roaming reports whether a stored conversation carries roaming state.
func roaming(c *conv.Conv) bool { return c.Pinned || c.Extended() }

// keepRow records c, just stored under key k, in the cache's rows.
func (sc *syncCache) keepRow(k string, c *conv.Conv) {
	if c != nil && roaming(c) {
		sc.rows[k] = c
	} else {
		delete(sc.rows, k)
	}
}

// afterCommit keeps the cache in step with the operation that just committed: a local call's
// conversation changes and group list are mirrored into the view (an apply already put its
// view in place). Its outbox rows were appended by writeOutbox.
func (s *session) afterCommit() {
	if s.sc.ok && !s.frame {
		s.mirror()
	}
	if checkSyncCache {
		s.verifySyncCache()
	}
}

// mirror applies the running operation's changes to the view: the group list as s.groups
// holds it, then each changed conversation's roaming fields as its row now holds them.
func (s *session) mirror() {
	if s.sc.view == s.sc.confirmed { // an apply with nothing pending shares them
		s.sc.view = s.sc.confirmed.Clone()
	}
	v := s.sc.view
	refs := v.GroupRefs()
	same := len(refs) == len(s.groups)
	for i := 0; same && i < len(refs); i++ {
		same = refs[i].ID == s.groups[i].SyncID && refs[i].Name == s.groups[i].Name
	}
	if !same {
		list := make([]roam.Group, len(s.groups))
		for i, g := range s.groups {
			list[i] = roam.Group{ID: g.SyncID, Name: g.Name}
		}
		v.SetGroups(list)
	}
	for _, id := range s.order {
		ch := s.changes[id]
		var want roam.Conv
		c := ch.new
		if c != nil {
			want = roam.Conv{Marks: c.Marks, Pinned: c.Pinned, CustomData: c.CustomData, Groups: c.Groups}
		} else {
			c = ch.old
		}
		k := convKey(c)
		s.sc.keepRow(k, ch.new)
		if !v.SameConv(k, want) {
			v.SetConv(k, want)
		}
	}
}

// verifySyncCache compares the cache with the store (tests only); it loads the cache when it
// is not loaded, so that every later operation runs with it.
func (s *session) verifySyncCache() {
	confirmed, pending, view, rows, err := s.syncFromStore()
	if err != nil {
		panic("sync cache check: " + err.Error())
	}
	if !s.sc.ok {
		s.sc = syncCache{ok: true, confirmed: confirmed, pending: pending, view: view, rows: rows}
		return
	}
	bad := ""
	switch {
	case !s.sc.confirmed.Equal(confirmed):
		bad = fmt.Sprintf("confirmed state\n cache: %s\n store: %s", roam.EncodeStateOnly(s.sc.confirmed), roam.EncodeStateOnly(confirmed))
	case len(s.sc.pending) != len(pending):
		bad = fmt.Sprintf("outbox: %d ops cached, %d stored", len(s.sc.pending), len(pending))
	case !s.sc.view.Equal(view):
		bad = fmt.Sprintf("view\n cache: %s\n store: %s", roam.EncodeStateOnly(s.sc.view), roam.EncodeStateOnly(view))
	}
	for i := 0; bad == "" && i < len(pending); i++ {
		if a, b := string(roam.AppendOp(nil, &s.sc.pending[i])), string(roam.AppendOp(nil, &pending[i])); a != b || s.sc.pending[i].ID != pending[i].ID {
			bad = fmt.Sprintf("outbox op %d: cached %s, stored %s", pending[i].ID, a, b)
		}
	}
	if bad == "" && len(rows) != len(s.sc.rows) {
		bad = fmt.Sprintf("rows: %d cached, %d stored", len(s.sc.rows), len(rows))
	}
	for k, c := range rows {
		if bad != "" {
			break
		}
		if m := s.sc.rows[k]; m == nil || m.RowID != c.RowID || m.Info != c.Info {
			bad = fmt.Sprintf("row %s: cached %+v, stored %s", k, m, c.Info)
		}
	}
	if bad == "" {
		bad = s.verifyGroups(view)
	}
	if bad != "" {
		fmt.Fprintln(os.Stderr, "SYNC CACHE DIFFERS FROM THE STORE:", bad)
		panic("the sync cache differs from the store: " + bad)
	}
}

// verifyGroups compares the session's group list and the membership tables with view (tests
// only): the member table must hold exactly the fed members, unfed_member the others.
func (s *session) verifyGroups(view *roam.State) string {
	gs, err := s.st.Groups()
	if err != nil {
		return err.Error()
	}
	if fmt.Sprint(gs) != fmt.Sprint(s.groups) {
		return fmt.Sprintf("groups: session %v, store %v", s.groups, gs)
	}
	unfed, err := s.st.UnfedAll()
	if err != nil {
		return err.Error()
	}
	unfedIn := map[int64][]string{}
	for _, u := range unfed {
		for _, g := range u.Groups {
			unfedIn[g] = append(unfedIn[g], u.Key)
		}
	}
	for _, g := range gs {
		cs, err := s.st.Members(g.ID)
		if err != nil {
			return err.Error()
		}
		got := append(keysOf(cs), unfedIn[g.ID]...)
		sort.Strings(got)
		want, _ := view.Group(g.Name)
		if fmt.Sprint(got) != fmt.Sprint(want.Members) {
			return fmt.Sprintf("group %q: member tables %v, view %v", g.Name, got, want.Members)
		}
	}
	return ""
}
