package engine

// The rules of the unread calls and of filtered paging (header section 5).

import (
	"fmt"
	"unsafe"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

func unreadJSON(total conv.Total) string {
	return fmt.Sprintf(`{"conv_get_total_unread_message_count_result_unread_count":%d}`, total.Clamp32())
}

// totalUnread reports the cached total.
func (s *session) totalUnread() (result, error) {
	return ok(unreadJSON(s.unread.total)), nil
}

// unreadByFilter reports the unread total of a filter.
func (s *session) unreadByFilter(a *filterArg) (result, error) {
	if bad := a.check(); bad != nil {
		return *bad, nil
	}
	n, err := s.sum(&a.f)
	return ok(unreadJSON(n)), err
}

// sum is the unread total of a filter (0 when it names a group that does not exist).
func (s *session) sum(f *conv.Filter) (conv.Total, error) {
	var gid int64
	if name, named := f.NamedGroup(); named {
		g := s.group(name)
		if g == nil {
			return conv.Total{}, nil
		}
		gid = g.ID
	}
	return s.st.UnreadSum(f, gid)
}

// subscribe adds (on) or removes the subscription of a filter, known by its canonical JSON.
// Subscribing twice or removing what is not subscribed changes nothing.
func (s *session) subscribe(f *conv.Filter, canon string, on bool) (result, error) {
	for i, sb := range s.subs {
		if sb.canon == canon {
			if !on {
				s.subs = append(s.subs[:i], s.subs[i+1:]...)
			}
			return result{}, nil
		}
	}
	if on {
		n, err := s.sum(f)
		if err != nil {
			return result{}, err
		}
		s.subs = append(s.subs, &sub{filter: *f, canon: canon, tally: tally{total: n, reported: n}})
	}
	return result{}, nil
}

// cleanUnread sets unread to 0 on one conversation given by key (6017 malformed, 6004 unknown),
// on every C2C ("c2c") or group ("group") conversation, or on all ("").
func (s *session) cleanUnread(convID string) (result, error) {
	var targets []*conv.Conv
	var err error
	switch convID {
	case "":
		targets, err = s.st.ConvsWhere("unread != 0")
	case "c2c":
		targets, err = s.st.ConvsWhere("unread != 0 AND conv_type = ?", tim.ConvC2C)
	case "group":
		targets, err = s.st.ConvsWhere("unread != 0 AND conv_type = ?", tim.ConvGroup)
	default:
		c, code, info, lerr := s.lookup(convID)
		if lerr != nil {
			return result{}, lerr
		}
		if c == nil {
			return fail(code, "%s", info), nil
		}
		targets = []*conv.Conv{c}
	}
	if err != nil {
		return result{}, err
	}
	for _, old := range targets {
		c := old.Clone()
		c.Unread = 0
		if err := s.put(old, c); err != nil {
			return result{}, err
		}
	}
	return ok(""), nil
}

const (
	pageHead = `{"conversation_list_result_conv_list":[`
	pageMid  = `],"conversation_list_result_next_seq":`
)

// page returns one page of the list a filter selects, after the position nextSeq names (0:
// from the start): a bad filter or count is 6017, and so is a next_seq this session did not
// hand out. A filter naming a group that does not exist selects nothing.
func (s *session) page(a *filterArg, nextSeq uint64, count uint32) (result, error) {
	if bad := firstFailure(a.check(), checkCount(count)); bad != nil {
		return *bad, nil
	}
	f := &a.f
	var after *store.Cursor
	if nextSeq != 0 {
		p, found := s.cursors.get(nextSeq)
		if !found {
			return fail(tim.CodeInvalidParam, "next_seq %d is unknown (cursors last until logout); start again from 0", nextSeq), nil
		}
		after = &p
	}
	var gid int64
	if name, named := f.NamedGroup(); named {
		g := s.group(name)
		if g == nil {
			return ok(pageHead + pageMid + `0,"conversation_list_result_is_finished":true}`), nil
		}
		gid = g.ID
	}
	// A page is tens of kilobytes, and every large allocation of fresh memory costs page
	// faults: with a sink that copies what it keeps, the page is built in the session's reused
	// buffer and handed over without a copy; otherwise in one buffer of its own, sized from the
	// last page, that becomes the result string without a copy (it is never written again).
	var b []byte
	if s.env.borrow {
		b = s.pageBuf[:0]
	} else {
		b = make([]byte, 0, pageCap(s.pageLen, count))
	}
	b = append(b, pageHead...)
	b, _, last, more, err := s.st.Page(f, gid, after, int(count), b)
	if err != nil {
		return result{}, err
	}
	var seq uint64
	if more {
		seq = s.cursors.put(last)
	}
	b = append(b, pageMid...)
	b = wire.AppendUint(b, seq)
	b = append(b, `,"conversation_list_result_is_finished":`...)
	b = wire.AppendBool(b, !more)
	b = append(b, '}')
	s.pageLen = len(b) / int(count)
	if s.env.borrow {
		if cap(b) <= maxPageBuf {
			s.pageBuf = b
		}
	}
	return ok(unsafe.String(unsafe.SliceData(b), len(b))), nil
}

// maxPageBuf bounds the page buffer a session keeps between calls (a page of 1,000 large
// conversations is built in a buffer of its own).
const maxPageBuf = 1 << 20

// pageCap is the capacity of a page buffer for count conversations, given the bytes per
// conversation of the session's last page (0: none yet): a little more than that, so the page
// rarely grows its buffer.
func pageCap(perConv int, count uint32) int {
	if perConv <= 0 {
		perConv = 512
	}
	return (perConv+perConv/4)*int(count) + 256
}
