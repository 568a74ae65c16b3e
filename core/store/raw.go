package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// The hot paths (one conversation read or written, a page, a transaction's begin and end) use
// the driver connection directly: database/sql's locks, context checks and per-column
// conversions cost more than SQLite's own work on these small statements. The Store owns its
// single connection and is used by one goroutine at a time, so nothing else touches the
// driver connection while it is in use.

// rawConn fetches the driver connection of s.conn.
func (s *Store) rawConn() error {
	return s.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("%w: unexpected driver connection %T", ErrIO, dc)
		}
		s.raw = c
		return nil
	})
}

// rstmt returns the cached driver statement for q.
func (s *Store) rstmt(q string) (driver.Stmt, error) {
	if st, ok := s.rstmts[q]; ok {
		return st, nil
	}
	st, err := s.raw.Prepare(q)
	if err != nil {
		return nil, err
	}
	s.rstmts[q] = st
	return st, nil
}

// rexec runs q (cached) with args (int64, string, []byte or nil).
func (s *Store) rexec(q string, args ...driver.Value) (driver.Result, error) {
	st, err := s.rstmt(q)
	if err != nil {
		return nil, err
	}
	//lint:ignore SA1019 the context-free Exec is the driver's cheapest path
	return st.Exec(args) //nolint:staticcheck
}

// errNoRow is rrow's answer when q returned no row.
var errNoRow = errors.New("no row")

// rrow runs q (cached) and reads its first row into dest (len = its columns).
func (s *Store) rrow(q string, dest []driver.Value, args ...driver.Value) error {
	st, err := s.rstmt(q)
	if err != nil {
		return err
	}
	rows, err := st.Query(args) //nolint:staticcheck
	if err != nil {
		return err
	}
	err = rows.Next(dest)
	if cerr := rows.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err == io.EOF {
		return errNoRow
	}
	return err
}

func (s *Store) closeRaw() {
	for _, st := range s.rstmts {
		st.Close()
	}
	s.rstmts = nil
}

func i64(v driver.Value) int64 {
	n, _ := v.(int64)
	return n
}

func text(v driver.Value) string {
	switch t := v.(type) {
	case string:
		return t
	case []byte:
		return string(t)
	}
	return ""
}

// dv converts a filter argument to a driver value.
func dv(a any) driver.Value {
	switch v := a.(type) {
	case int32:
		return int64(v)
	case int:
		return int64(v)
	}
	return a
}
