package engine

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// session is the logged-in user's state. It is touched only by the worker goroutine.
type session struct {
	e    *Engine
	user string
	st   *store.Store

	groups   []store.Group // creation order; Members kept current
	extended int           // conversations with a mark, custom data or a group
	unread   tally         // total unread
	subs     []*sub        // unread-by-filter subscriptions, in subscription order
	cursors  cursorCache

	// Effects of the running operation.
	changes map[int64]*change
	order   []int64
}

// tally is an unread total and the value last reported to the listener.
type tally struct {
	total    conv.Total // exact (never wraps); reported clamped to 2147483647
	reported conv.Total
}

type sub struct {
	filter conv.Filter
	canon  string
	groupN string // filter's group name ("" = none or "in no group")
	tally
}

// change is one conversation's state before the operation (nil: created) and after (nil:
// deleted).
type change struct{ old, new *conv.Conv }

func openSession(e *Engine, user string) (*session, error) {
	st, err := store.Open(store.UserDir(e.cfg.DataDir, e.appID, user), e.cfg.FullSync)
	if err != nil {
		return nil, err
	}
	s := &session{e: e, user: user, st: st}
	s.cursors.init()
	s.resetOp()
	if err := s.reload(); err != nil {
		st.Close()
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	s.unread.reported = s.unread.total
	return s, nil
}

func (s *session) close() {
	if err := s.st.Close(); err != nil {
		s.e.Log(tim.LogWarn, "closing the cache: "+err.Error())
	}
}

// reload recomputes every in-memory cache from the store.
func (s *session) reload() error {
	gs, err := s.st.Groups()
	if err != nil {
		return err
	}
	s.groups = gs
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

func (s *session) resetOp() {
	s.changes = map[int64]*change{}
	s.order = s.order[:0]
}

// sum is the unread total of a filter.
func (s *session) sum(f *conv.Filter) (conv.Total, error) {
	var gid int64
	if f.Group != nil && *f.Group != "" {
		g := s.group(*f.Group)
		if g == nil {
			return conv.Total{}, nil
		}
		gid = g.ID
	}
	return s.st.UnreadSum(f, gid)
}

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
	info := c.JSON()
	if old != nil && old.Info == info {
		return nil
	}
	if err := s.st.PutConv(c, info); err != nil {
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
	e := s.e
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
	if e.sink.Wants(KindConvEvent) {
		for _, ev := range []struct {
			event int32
			infos []string
		}{{tim.EventAdd, add}, {tim.EventUpdate, upd}, {tim.EventDel, del}} {
			if len(ev.infos) > 0 {
				e.emit(Delivery{Kind: KindConvEvent, Event: ev.event, JSON: jsonArray(ev.infos)})
			}
		}
	}
	if s.unread.total != s.unread.reported {
		s.unread.reported = s.unread.total
		e.emit(Delivery{Kind: KindTotalUnread, Total: s.unread.total.Clamp32()})
	}
	for _, sb := range s.subs {
		if sb.total != sb.reported {
			sb.reported = sb.total
			e.emit(Delivery{Kind: KindUnreadByFilter, JSON: sb.filter.HandBack(), Total: sb.total.Clamp32()})
		}
	}
	s.resetOp()
}

func jsonArray(items []string) string {
	n := 2
	for _, it := range items {
		n += len(it) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, it...)
	}
	return string(append(b, ']'))
}

func infosOf(cs []*conv.Conv) string {
	infos := make([]string, len(cs))
	for i, c := range cs {
		infos[i] = c.Info
	}
	return jsonArray(infos)
}

// brief quotes a value for an error message: valid UTF-8, at most about 48 bytes.
func brief(v string) string {
	if len(v) > 48 {
		cut := 48
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = v[:cut] + "…"
	}
	q := strconv.Quote(v)
	if !utf8.ValidString(q) {
		q = strconv.QuoteToASCII(v)
	}
	return q
}
