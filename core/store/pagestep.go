package store

// A page read in one crossing into C: the driver's row API costs a cgo call, a copy of each
// row's ConvInfo into a fresh Go string and an allocation per integer column, per row; for a
// page of 100 that is most of the call. stepPage runs the page's prepared statement (the same
// driver statement, owned by this Store's single connection) to the end in C, appending the
// rows' ConvInfo JSON to a C buffer kept by the Store, and returns the count, "more" and the
// last row's cursor; Go then copies the buffer once. Any error, or a driver whose statement
// handle cannot be found, falls back to the row API (which reports the error the driver's way,
// so damage is classified as usual).

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_reset(sqlite3_stmt*);
int sqlite3_bind_int64(sqlite3_stmt*, int, long long);
int sqlite3_step(sqlite3_stmt*);
const unsigned char* sqlite3_column_text(sqlite3_stmt*, int);
int sqlite3_column_bytes(sqlite3_stmt*, int);
long long sqlite3_column_int64(sqlite3_stmt*, int);

typedef struct { char* p; size_t n, cap; } tcg_pbuf;
typedef struct { int rc; int n; int more; long long pinned, okey, id; } tcg_page_res;

static int tcg_pbuf_put(tcg_pbuf* b, const void* s, size_t n) {
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (b->n + n > cap) cap *= 2;
		char* p = (char*)realloc(b->p, cap);
		if (!p) return -1;
		b->p = p;
		b->cap = cap;
	}
	if (n) memcpy(b->p + b->n, s, n);
	b->n += n;
	return 0;
}

// Rows are (pinned, okey, id, info). rc: 0, a SQLite error code, or -1 (out of memory).
static tcg_page_res tcg_step_page(uintptr_t stmt, const long long* args, int nargs, int limit, tcg_pbuf* b) {
	sqlite3_stmt* st = (sqlite3_stmt*)stmt;
	tcg_page_res r = {0, 0, 0, 0, 0, 0};
	b->n = 0;
	sqlite3_reset(st);
	for (int i = 0; i < nargs; i++) {
		int rc = sqlite3_bind_int64(st, i + 1, args[i]);
		if (rc != 0) { r.rc = rc; return r; }
	}
	for (;;) {
		int rc = sqlite3_step(st);
		if (rc == 101) break;                    // SQLITE_DONE
		if (rc != 100) { r.rc = rc; break; }     // not SQLITE_ROW
		if (r.n == limit) { r.more = 1; break; }
		const unsigned char* info = sqlite3_column_text(st, 3);
		size_t n = (size_t)sqlite3_column_bytes(st, 3);
		if ((r.n && tcg_pbuf_put(b, ",", 1)) || tcg_pbuf_put(b, info, n)) { r.rc = -1; break; }
		r.pinned = sqlite3_column_int64(st, 0);
		r.okey = sqlite3_column_int64(st, 1);
		r.id = sqlite3_column_int64(st, 2);
		r.n++;
	}
	sqlite3_reset(st);
	return r;
}

static tcg_pbuf* tcg_pbuf_new(void) { return (tcg_pbuf*)calloc(1, sizeof(tcg_pbuf)); }
static void tcg_pbuf_free(tcg_pbuf* b) { if (b) { free(b->p); free(b); } }
*/
import "C"

import (
	"database/sql/driver"
	"reflect"
	"unsafe"
)

// cPageBuf is the C page buffer (a type of this file's C preamble, for the Store's field).
type cPageBuf = C.tcg_pbuf

// maxKeptPageBuf: a C page buffer grown past this (a page of 1,000 big conversations) is
// given back after the call.
const maxKeptPageBuf = 1 << 20

// stmtHandle returns the sqlite3_stmt of a go-sqlite3 driver statement (its field s), or 0.
func stmtHandle(st driver.Stmt) uintptr {
	v := reflect.ValueOf(st)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return 0
	}
	f := v.Elem().FieldByName("s")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return 0
	}
	return f.Pointer()
}

// stepPage runs the page statement q with integer args (the limit + 1 last) in C and appends
// the page to b. ok is false when it could not (the caller then uses the row API).
func (s *Store) stepPage(q string, args []int64, limit int, b []byte) (out []byte, n int, last Cursor, more bool, ok bool) {
	st, err := s.rstmt(q)
	if err != nil {
		return b, 0, last, false, false
	}
	h, found := s.handles[q]
	if !found {
		h = stmtHandle(st)
		s.handles[q] = h
	}
	if h == 0 || len(args) == 0 {
		return b, 0, last, false, false
	}
	if s.pbuf == nil {
		if s.pbuf = C.tcg_pbuf_new(); s.pbuf == nil {
			return b, 0, last, false, false
		}
	}
	r := C.tcg_step_page(C.uintptr_t(h), (*C.longlong)(unsafe.Pointer(&args[0])), C.int(len(args)), C.int(limit), s.pbuf)
	if r.rc != 0 {
		return b, 0, last, false, false
	}
	if s.pbuf.n > 0 {
		b = append(b, unsafe.Slice((*byte)(unsafe.Pointer(s.pbuf.p)), int(s.pbuf.n))...)
	}
	if s.pbuf.cap > maxKeptPageBuf {
		C.tcg_pbuf_free(s.pbuf)
		s.pbuf = nil
	}
	return b, int(r.n), Cursor{Pinned: int64(r.pinned), OKey: int64(r.okey), RowID: int64(r.id)}, r.more != 0, true
}

func (s *Store) freePageBuf() {
	C.tcg_pbuf_free(s.pbuf)
	s.pbuf = nil
	s.handles = nil
}
