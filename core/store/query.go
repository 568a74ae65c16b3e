package store

import (
	"database/sql/driver"
	"io"
	"math"
	"strings"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// Cursor is a position in the list order (pinned DESC, okey DESC, id DESC): the sort key of the
// last conversation of a page. A page after it starts strictly below it, so conversations that
// did not change are never skipped or repeated, whatever else changes in between.
type Cursor struct {
	Pinned int64
	OKey   int64
	RowID  int64
}

// where builds the SQL conditions of a filter over conv alias c, except the group it names
// (the caller joins member m for that); an empty group name is "in no group". It returns the
// conditions, their args, and the index of conv that serves the order best for the filter.
func where(f *conv.Filter) (conds []string, args []any, index string) {
	index = "conv_order"
	if f.ConvType != 0 {
		conds = append(conds, "c.conv_type = ?")
		args = append(args, f.ConvType)
		index = "conv_type_order"
	}
	if f.Group != nil && *f.Group == "" {
		conds = append(conds, "c.ngroups = 0")
	}
	if f.Mark != nil {
		if *f.Mark == 0 {
			conds = append(conds, "c.marks = 0")
		} else {
			conds = append(conds, "c.marks != 0 AND (c.marks & ?) = ?")
			args = append(args, int64(*f.Mark), int64(*f.Mark))
			index = "conv_marked"
		}
	}
	if f.HasUnread != nil {
		conds = append(conds, nonZero("c.unread", *f.HasUnread))
		if *f.HasUnread && index == "conv_order" {
			index = "conv_unread"
		}
	}
	if f.HasAt != nil {
		conds = append(conds, nonZero("c.has_at", *f.HasAt))
	}
	return conds, args, index
}

// nonZero is the condition "col is not zero" (want) or "col is zero".
func nonZero(col string, want bool) string {
	if want {
		return col + " != 0"
	}
	return col + " = 0"
}

// PageSQL returns the query of one page for a filter: with a cursor when after is true; with
// the member table when the filter names a group (groupID is then its first argument). Rows
// are (id, info); Page runs it with the cursor's columns added (pageRowsSQL). The tests read
// its query plan.
func PageSQL(f *conv.Filter, byGroup, after bool) string {
	conds, _, index := where(f)
	return pageSQL(conds, index, byGroup, after)
}

func pageSQL(conds []string, index string, byGroup, after bool) string {
	var q strings.Builder
	if byGroup {
		q.WriteString("SELECT m.conv, c.info FROM member m JOIN conv c ON c.id = m.conv WHERE m.group_id = ?")
		if after {
			q.WriteString(" AND (m.pinned, m.okey, m.conv) < (?, ?, ?)")
		}
		for _, c := range conds {
			q.WriteString(" AND " + c)
		}
		q.WriteString(" ORDER BY m.pinned DESC, m.okey DESC, m.conv DESC LIMIT ?")
		return q.String()
	}
	q.WriteString("SELECT c.id, c.info FROM conv c INDEXED BY " + index + " WHERE 1")
	if after {
		q.WriteString(" AND (c.pinned, c.okey, c.id) < (?, ?, ?)")
	}
	for _, c := range conds {
		q.WriteString(" AND " + c)
	}
	q.WriteString(" ORDER BY c.pinned DESC, c.okey DESC, c.id DESC LIMIT ?")
	return q.String()
}

// pageRowsSQL is pageSQL with the cursor's columns in every row: (pinned, okey, id, info).
func pageRowsSQL(conds []string, index string, byGroup, after bool) string {
	q := pageSQL(conds, index, byGroup, after)
	if byGroup {
		return strings.Replace(q, "SELECT m.conv, c.info FROM", "SELECT m.pinned, m.okey, m.conv, c.info FROM", 1)
	}
	return strings.Replace(q, "SELECT c.id, c.info FROM", "SELECT c.pinned, c.okey, c.id, c.info FROM", 1)
}

// Page appends to b, comma separated, the ConvInfo JSON of up to limit conversations selected
// by f after the cursor (nil: from the start). groupID is the resolved group when f names one.
// It returns the extended buffer, how many it appended, the cursor of the last one, and
// whether more follow. The page runs in C in one crossing (stepPage); failing that, each row
// is one step of the driver (no database/sql). The cursor is read from the row's own columns.
func (s *Store) Page(f *conv.Filter, groupID int64, after *Cursor, limit int, b []byte) ([]byte, int, Cursor, bool, error) {
	_, byGroup := f.NamedGroup()
	conds, fargs, index := where(f)
	q := pageRowsSQL(conds, index, byGroup, after != nil)
	args := make([]driver.Value, 0, len(fargs)+5)
	if byGroup {
		args = append(args, groupID)
	}
	if after != nil {
		args = append(args, after.Pinned, after.OKey, after.RowID)
	}
	for _, a := range fargs {
		args = append(args, dv(a))
	}
	args = append(args, int64(limit)+1)
	if ints, all := int64s(args); all {
		if out, n, last, more, ok := s.stepPage(q, ints, limit, b); ok {
			return out, n, last, more, nil
		}
	}
	var last Cursor
	st, err := s.rstmt(q)
	if err != nil {
		return b, 0, last, false, err
	}
	rows, err := st.Query(args) //nolint:staticcheck
	if err != nil {
		return b, 0, last, false, err
	}
	defer rows.Close()
	var row [4]driver.Value
	n := 0
	for {
		err := rows.Next(row[:])
		if err == io.EOF {
			return b, n, last, false, nil
		}
		if err != nil {
			return b, n, last, false, err
		}
		if n == limit {
			return b, n, last, true, nil
		}
		if n > 0 {
			b = append(b, ',')
		}
		switch t := row[3].(type) {
		case string:
			b = append(b, t...)
		case []byte:
			b = append(b, t...)
		}
		last = Cursor{Pinned: i64(row[0]), OKey: i64(row[1]), RowID: i64(row[2])}
		n++
	}
}

// int64s returns args as int64s, and whether they all are (every page argument is: a group
// id, a cursor, a type, a mark, the limit).
func int64s(args []driver.Value) ([]int64, bool) {
	out := make([]int64, len(args))
	for i, a := range args {
		v, ok := a.(int64)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// UnreadSum adds up the unread numbers of the conversations f selects that count in unread
// totals (receive option not 1, 2 or 3), exactly (never modulo 2^64). SQLite sums in C; only
// when a number is 2^63 or more (stored as a negative integer) or the 64-bit sum overflows
// (absurd unread numbers) are the rows added up here instead.
func (s *Store) UnreadSum(f *conv.Filter, groupID int64) (conv.Total, error) {
	conds, fargs, _ := where(f)
	_, byGroup := f.NamedGroup()
	if !byGroup && len(conds) == 0 {
		return s.unreadTotal()
	}
	return s.unreadSum(f, groupID, conds, fargs)
}

// unreadTotal reads the whole list's total from unread_total. When it is not known (a cache from
// before schema 4), left the 64-bit range (a REAL), or a conversation's unread number is 2^63 or
// more (stored negative: the triggers then clear valid), it is counted exactly; it is stored
// again only when it is an ordinary int64, so the triggers can keep it from there.
func (s *Store) unreadTotal() (conv.Total, error) {
	var row [3]driver.Value
	if err := s.rrow("SELECT typeof(unread), unread, valid FROM unread_total", row[:]); err != nil {
		return conv.Total{}, err
	}
	if text(row[0]) == "integer" && i64(row[2]) == 1 && i64(row[1]) >= 0 {
		return conv.Total{Lo: uint64(i64(row[1]))}, nil
	}
	var all conv.Filter
	total, err := s.unreadSum(&all, 0, nil, nil)
	if err != nil || total.Hi != 0 || total.Lo > math.MaxInt64 {
		return total, err
	}
	_, err = s.rexec("UPDATE unread_total SET unread = ?, valid = 1", int64(total.Lo))
	return total, err
}

func (s *Store) unreadSum(f *conv.Filter, groupID int64, conds []string, fargs []any) (conv.Total, error) {
	var from strings.Builder
	var args []any
	if _, byGroup := f.NamedGroup(); byGroup {
		from.WriteString(" FROM member m JOIN conv c ON c.id = m.conv WHERE m.group_id = ?")
		args = append(args, groupID)
	} else if len(conds) == 0 {
		// the whole list's total: the covering index, never the rows (login reads it)
		from.WriteString(" FROM conv c INDEXED BY conv_unread_sum WHERE 1")
	} else {
		from.WriteString(" FROM conv c INDEXED BY conv_unread WHERE 1")
	}
	from.WriteString(" AND c.unread != 0 AND c.recv_opt NOT IN (1, 2, 3)")
	for _, c := range conds {
		from.WriteString(" AND " + c)
	}
	args = append(args, fargs...)
	st, err := s.stmt("SELECT coalesce(sum(c.unread), 0), coalesce(sum(c.unread < 0), 0)" + from.String())
	if err != nil {
		return conv.Total{}, err
	}
	var total, huge int64
	if err = st.QueryRowContext(ctx, args...).Scan(&total, &huge); err == nil && huge == 0 {
		return conv.Total{Lo: uint64(total)}, nil
	}
	if err != nil && !strings.Contains(err.Error(), "overflow") {
		return conv.Total{}, err
	}
	st, err = s.stmt("SELECT c.unread" + from.String())
	if err != nil {
		return conv.Total{}, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return conv.Total{}, err
	}
	defer rows.Close()
	var sum conv.Total
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return conv.Total{}, err
		}
		sum.Add(uint64(u))
	}
	return sum, rows.Err()
}
