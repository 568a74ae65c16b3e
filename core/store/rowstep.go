package store

// One conversation read or written in one crossing into C. Through the driver's API each of
// these statements costs a few allocations (its argument list, a rows object, each text
// column copied into a fresh string), a mutex and a deferred call around each step, which an
// upsert of 1,000 pays twice per item. getRow and execRow bind, step and reset the same
// prepared driver statement (pagestep.go finds its sqlite3_stmt) in one call; getRow copies
// the row's ConvInfo into the Store's C buffer, which Go copies once. A driver whose statement
// handle cannot be found falls back to the driver's API; an error is SQLite's code and message
// (what the driver reports), so damage is classified as usual.

/*
#include <stdint.h>
#include <stdlib.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_reset(sqlite3_stmt*);
int sqlite3_clear_bindings(sqlite3_stmt*);
int sqlite3_bind_int64(sqlite3_stmt*, int, long long);
int sqlite3_bind_text(sqlite3_stmt*, int, const char*, int, void (*)(void*));
int sqlite3_step(sqlite3_stmt*);
const unsigned char* sqlite3_column_text(sqlite3_stmt*, int);
int sqlite3_column_bytes(sqlite3_stmt*, int);
long long sqlite3_column_int64(sqlite3_stmt*, int);
sqlite3* sqlite3_db_handle(sqlite3_stmt*);
long long sqlite3_last_insert_rowid(sqlite3*);
int sqlite3_extended_errcode(sqlite3*);
const char* sqlite3_errmsg(sqlite3*);
int sqlite3_config(int, ...);

// SQLite keeps memory statistics by default, taking a global mutex around every allocation
// and free; nothing here reads them, and an upsert allocates a lot (its statement journal is
// in memory, in small chunks, with temp_store=MEMORY). SQLITE_CONFIG_MEMSTATUS (9) off; it
// must precede SQLite's initialisation (the first open), so it runs at package init.
static int tcg_no_memstatus(void) { return sqlite3_config(9, 0); }

#include <string.h>

// A Store's buffer: the ConvInfo getRow read, and the message of the last failure.
typedef struct { char* p; size_t n, cap; char err[256]; } tcg_rbuf;
typedef struct { int rc; long long id; } tcg_row_res;

// Records a failed statement's error, copied before the reset (which may replace it).
static void tcg_row_fail(sqlite3_stmt* st, tcg_row_res* r, int rc, tcg_rbuf* b) {
	const char* m = sqlite3_errmsg(sqlite3_db_handle(st));
	size_t i = 0;
	for (; m && m[i] && i < sizeof b->err - 1; i++) b->err[i] = m[i];
	b->err[i] = 0;
	r->rc = rc;
}

// Binds ints to ?1..?nints and the texts (those with a pointer) after them; the texts are
// bound SQLITE_STATIC and the bindings cleared before returning, so no pointer is kept.
static int tcg_row_bind(sqlite3_stmt* st, const long long* ints, int nints, const char* t1, int n1, const char* t2, int n2) {
	int rc = 0, i = 0;
	for (; i < nints && !rc; i++) rc = sqlite3_bind_int64(st, i + 1, ints[i]);
	if (!rc && t1) rc = sqlite3_bind_text(st, ++i, t1, n1, (void (*)(void*))0);
	if (!rc && t2) rc = sqlite3_bind_text(st, ++i, t2, n2, (void (*)(void*))0);
	return rc;
}

// A statement returning (id, info) at most once: rc 0 with the row (info in b), 101 for no
// row, else the SQLite error (its message in tcg_row_err) or -1 (out of memory).
static tcg_row_res tcg_get_row(uintptr_t stmt, const long long* ints, int nints, const char* t1, int n1, tcg_rbuf* b) {
	sqlite3_stmt* st = (sqlite3_stmt*)stmt;
	tcg_row_res r = {0, 0};
	b->n = 0;
	int rc = tcg_row_bind(st, ints, nints, t1, n1, 0, 0);
	if (rc) {
		tcg_row_fail(st, &r, rc, b);
	} else if ((rc = sqlite3_step(st)) == 100) {
		r.id = sqlite3_column_int64(st, 0);
		const unsigned char* info = sqlite3_column_text(st, 1);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);
		if (n > b->cap) {
			size_t cap = b->cap ? b->cap : 4096;
			while (n > cap) cap *= 2;
			char* p = (char*)realloc(b->p, cap);
			if (!p) r.rc = -1;
			else b->p = p, b->cap = cap;
		}
		if (!r.rc && n) {
			memcpy(b->p, info, n);
			b->n = n;
		}
	} else if (rc == 101) {
		r.rc = 101;
	} else {
		tcg_row_fail(st, &r, rc, b);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

// A statement that returns no row: rc 0 (id: the last inserted row id), else the error.
static tcg_row_res tcg_exec_row(uintptr_t stmt, const long long* ints, int nints, const char* t1, int n1, const char* t2, int n2, tcg_rbuf* b) {
	sqlite3_stmt* st = (sqlite3_stmt*)stmt;
	tcg_row_res r = {0, 0};
	int rc = tcg_row_bind(st, ints, nints, t1, n1, t2, n2);
	if (rc) {
		tcg_row_fail(st, &r, rc, b);
	} else if ((rc = sqlite3_step(st)) == 101 || rc == 100) {
		r.id = sqlite3_last_insert_rowid(sqlite3_db_handle(st));
	} else {
		tcg_row_fail(st, &r, rc, b);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

static tcg_rbuf* tcg_rbuf_new(void) { return (tcg_rbuf*)calloc(1, sizeof(tcg_rbuf)); }
static void tcg_rbuf_free(tcg_rbuf* b) { if (b) { free(b->p); free(b); } }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func init() { C.tcg_no_memstatus() }

// cRowBuf is the C buffer getRow copies a ConvInfo into.
type cRowBuf = C.tcg_rbuf

// rowError is a failed statement of getRow or execRow: SQLite's code and message, as the
// driver would report them.
type rowError struct {
	code int
	msg  string
}

func (e *rowError) Error() string { return fmt.Sprintf("%s (%d)", e.msg, e.code) }

// handle returns the sqlite3_stmt of q's cached driver statement (0: none to be found).
func (s *Store) handle(q string) (uintptr, error) {
	st, err := s.rstmt(q)
	if err != nil {
		return 0, err
	}
	h, found := s.handles[q]
	if !found {
		h = stmtHandle(st)
		s.handles[q] = h
	}
	return h, nil
}

// cstr returns a pointer to s's bytes for the length of one C call; "" gets a pointer to a
// byte of its own, so that SQLite binds an empty text, not NULL.
func cstr(s string) (*C.char, C.int) {
	if s == "" {
		return (*C.char)(unsafe.Pointer(&emptyText[0])), 0
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.int(len(s))
}

var emptyText = [1]byte{0}

// rowBuf returns the Store's C buffer (nil: out of memory).
func (s *Store) rowBuf() *cRowBuf {
	if s.rbuf == nil {
		s.rbuf = C.tcg_rbuf_new()
	}
	return s.rbuf
}

func (s *Store) rowErr(rc C.int) error {
	if rc == -1 {
		return fmt.Errorf("%w: out of memory", ErrIO)
	}
	return &rowError{code: int(rc), msg: C.GoString(&s.rbuf.err[0])}
}

// getRow runs q, a query of (id, info) with ints then t bound, and returns its row (found
// false: none). ok is false when it could not run q in C (no statement handle, no memory for
// the buffer): the caller then goes through the driver.
func (s *Store) getRow(q string, ints []int64, t string) (id int64, info string, found, ok bool, err error) {
	h, err := s.handle(q)
	if err != nil {
		return 0, "", false, true, err
	}
	b := s.rowBuf()
	if h == 0 || b == nil || len(ints) == 0 {
		return 0, "", false, false, nil
	}
	p, n := cstr(t)
	r := C.tcg_get_row(C.uintptr_t(h), (*C.longlong)(unsafe.Pointer(&ints[0])), C.int(len(ints)), p, n, b)
	switch r.rc {
	case 0:
		if b.n > 0 {
			info = C.GoStringN(b.p, C.int(b.n))
		}
		if b.cap > maxKeptPageBuf {
			s.freeRowBuf()
		}
		return int64(r.id), info, true, true, nil
	case 101:
		return 0, "", false, true, nil
	}
	return 0, "", false, true, s.rowErr(r.rc)
}

// execRow runs q, a statement without rows, with ints then the texts bound (t2 only when not
// nil), and returns the last inserted row id. ok is false when it could not run q in C.
func (s *Store) execRow(q string, ints []int64, t1 string, t2 *string) (id int64, ok bool, err error) {
	h, err := s.handle(q)
	if err != nil {
		return 0, true, err
	}
	b := s.rowBuf()
	if h == 0 || b == nil {
		return 0, false, nil
	}
	p1, n1 := cstr(t1)
	var p2 *C.char
	var n2 C.int
	if t2 != nil {
		p2, n2 = cstr(*t2)
	}
	var ip *C.longlong
	if len(ints) > 0 {
		ip = (*C.longlong)(unsafe.Pointer(&ints[0]))
	}
	r := C.tcg_exec_row(C.uintptr_t(h), ip, C.int(len(ints)), p1, n1, p2, n2, b)
	if r.rc != 0 {
		return 0, true, s.rowErr(r.rc)
	}
	return int64(r.id), true, nil
}

func (s *Store) freeRowBuf() {
	C.tcg_rbuf_free(s.rbuf)
	s.rbuf = nil
}
