package store

import (
	"fmt"
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// rowsPage is the reference for Store.Page: the page query's rows (pageRowsSQL), read one by
// one through database/sql, with the limit + 1 rule.
func rowsPage(t *testing.T, s *Store, f *conv.Filter, gid int64, after *Cursor, limit int) ([]string, Cursor, bool) {
	t.Helper()
	_, byGroup := f.NamedGroup()
	conds, fargs, index := where(f)
	var args []any
	if byGroup {
		args = append(args, gid)
	}
	if after != nil {
		args = append(args, after.Pinned, after.OKey, after.RowID)
	}
	args = append(args, fargs...)
	args = append(args, limit+1)
	rows, err := s.conn.QueryContext(ctx, pageRowsSQL(conds, index, byGroup, after != nil), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var infos []string
	var last Cursor
	for rows.Next() {
		var c Cursor
		var info string
		if err := rows.Scan(&c.Pinned, &c.OKey, &c.RowID, &info); err != nil {
			t.Fatal(err)
		}
		if len(infos) == limit {
			return infos, last, true
		}
		infos = append(infos, info)
		last = c
	}
	return infos, last, false
}

// Every page that Page assembles is the page query's rows, in order, with the same cursor and
// the same "more": every filter shape, several page sizes, page after page.
func TestPageIsThePageQuery(t *testing.T) {
	s := open(t, tempDir(t))
	s.Begin()
	var grouped []*conv.Conv
	for n := 0; n < 400; n++ {
		c := &conv.Conv{Type: int32(1 + n%2), ID: fmt.Sprintf("u%04d", n), ActiveTime: uint64(1000 + n*37%211), Pinned: n%29 == 0}
		if n%3 == 0 {
			c.Unread = uint64(n % 5)
		}
		if n%7 == 0 {
			c.Marks = 1 << (n % 3)
		}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if n%4 == 0 {
			grouped = append(grouped, c)
		}
	}
	gid, err := s.CreateGroup("g", "sync-g")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range grouped {
		if err := s.AddMember(gid, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	g, empty := "g", ""
	yes, no := true, false
	star, none := uint64(1), uint64(0)
	filters := []conv.Filter{{}, {ConvType: 1}, {ConvType: 2, HasUnread: &yes}, {HasUnread: &yes}, {HasUnread: &no},
		{Mark: &star}, {Mark: &none}, {Group: &g}, {Group: &g, HasUnread: &yes}, {Group: &empty}, {HasAt: &no}}
	for _, f := range filters {
		for _, limit := range []int{1, 7, 100, 1000} {
			var after *Cursor
			for pages := 0; ; pages++ {
				b, n, last, more, err := s.Page(&f, gid, after, limit, nil)
				if err != nil {
					t.Fatalf("%s limit %d: %v", f.Canonical(), limit, err)
				}
				want, wlast, wmore := rowsPage(t, s, &f, gid, after, limit)
				if string(b) != strings.Join(want, ",") || n != len(want) || more != wmore || (more && last != wlast) {
					t.Fatalf("%s limit %d page %d: got n=%d more=%v last=%+v\n%s\nwant n=%d more=%v last=%+v\n%s",
						f.Canonical(), limit, pages, n, more, last, b, len(want), wmore, wlast, strings.Join(want, ","))
				}
				if !more {
					break
				}
				after = &last
			}
		}
	}
	// the pages above ran in C (stepPage), not through the row API
	if len(s.handles) == 0 {
		t.Fatal("no page statement ran in C")
	}
	for q, h := range s.handles {
		if h == 0 {
			t.Fatalf("no statement handle for %s: pages fall back to the row API", q)
		}
	}
}
