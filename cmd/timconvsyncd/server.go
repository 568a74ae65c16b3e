package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

// server holds no state of its own besides configuration and a cache of decoded states that
// every push checks against the stored version under the row lock (statecache.go): every
// request reads and writes PostgreSQL, so any number of instances can serve one database.
type server struct {
	pool    *pgxpool.Pool
	tokens  tokenTable
	maxBody int64
	hold    time.Duration
	log     *slog.Logger
	cache   *stateCache // decoded states by user (statecache.go); nil: none
}

func newServer(pool *pgxpool.Pool, cfg *Config, log *slog.Logger) *server {
	return &server{pool: pool, tokens: newTokenTable(cfg.Tokens), maxBody: cfg.MaxBodyBytes,
		hold: time.Duration(cfg.TestHoldPushMs) * time.Millisecond, log: log, cache: newStateCache(cfg.StateCacheBytes)}
}

func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/v1/sync", s.wrap(s.sync))
	mux.HandleFunc("/v1/state", s.wrap(s.state))
	mux.HandleFunc("/healthz", s.healthz)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, &apiError{http.StatusNotFound, "not_found", tim.CodeInvalidParam, "no such endpoint: " + r.URL.Path})
	})
	return mux
}

// apiError is a refused request: nothing was changed.
type apiError struct {
	status int
	reason string
	code   tim.Code
	desc   string
}

func (e *apiError) Error() string { return e.reason + ": " + e.desc }

func writeErr(w http.ResponseWriter, e *apiError) {
	b := []byte(`{"sync_error_code":`)
	b = wire.AppendInt(b, int64(e.code))
	b = append(b, `,"sync_error_reason":`...)
	b = wire.AppendString(b, e.reason)
	b = append(b, `,"sync_error_desc":`...)
	b = wire.AppendString(b, e.desc)
	b = append(b, '}')
	w.Header().Set("Content-Type", "application/json")
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="timconvsyncd"`)
	}
	w.WriteHeader(e.status)
	w.Write(b)
}

// reqInfo collects what the access log line says about a request.
type reqInfo struct {
	user, client      string
	ops, applied      int
	rejected          int
	version, lastOpID uint64
	stale             bool // the push was answered with sync_state_is_client_stale
}

type handlerFunc func(ctx context.Context, r *http.Request, user string, info *reqInfo) ([]byte, *apiError)

// wrap authenticates, runs h, writes its answer and logs one line.
func (s *server) wrap(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var rid [8]byte
		rand.Read(rid[:])
		info := &reqInfo{}
		status := http.StatusOK
		var aerr *apiError
		var body []byte
		defer func() {
			if p := recover(); p != nil {
				aerr = &apiError{http.StatusInternalServerError, "internal", tim.CodeStorage, "internal error"}
				s.log.Error("panic", "request_id", hex.EncodeToString(rid[:]), "panic", fmt.Sprint(p))
				writeErr(w, aerr)
				status = aerr.status
			}
			attrs := []any{"request_id", hex.EncodeToString(rid[:]), "method", r.Method, "path", r.URL.Path,
				"status", status, "duration_ms", float64(time.Since(start).Microseconds()) / 1000}
			if info.user != "" {
				attrs = append(attrs, "user", info.user)
			}
			if info.client != "" {
				attrs = append(attrs, "client_id", info.client, "ops", info.ops, "applied", info.applied,
					"rejected", info.rejected, "last_op_id", info.lastOpID)
			}
			if status == http.StatusOK {
				attrs = append(attrs, "version", info.version)
			}
			if info.stale {
				attrs = append(attrs, "client_stale", true)
			}
			if aerr != nil {
				attrs = append(attrs, "reason", aerr.reason, "error", aerr.desc)
			}
			lvl := slog.LevelInfo
			if status >= 500 {
				lvl = slog.LevelError
			} else if status >= 400 {
				lvl = slog.LevelWarn
			}
			s.log.Log(r.Context(), lvl, "request", attrs...)
		}()
		user, ok := s.authenticate(r)
		if !ok {
			aerr = &apiError{http.StatusUnauthorized, "unauthorized", tim.CodeNotLoggedIn, "missing or unknown bearer token"}
		} else {
			info.user = user
			body, aerr = h(r.Context(), r, user, info)
		}
		if aerr != nil {
			status = aerr.status
			writeErr(w, aerr)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
	}
}

func (s *server) authenticate(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return "", false
	}
	return s.tokens.user(strings.TrimSpace(h[len(prefix):]))
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.pool.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, "ok\n")
}

func storageErr(err error) *apiError {
	return &apiError{http.StatusInternalServerError, "storage", tim.CodeStorage, "the database failed; nothing was applied, repeat the request: " + err.Error()}
}

// toDB and fromDB store a uint64 in a bigint bit for bit.
func toDB(u uint64) int64   { return int64(u) }
func fromDB(i int64) uint64 { return uint64(i) }

func opHash(op *roam.Op) []byte {
	h := sha256.Sum256(roam.AppendOp(nil, op))
	return h[:]
}

// hashHex is the sync_state_last_op_hash form of a stored last_op_hash (roam.OpHash).
func hashHex(h []byte) string { return hex.EncodeToString(h) }

// sync is POST /v1/sync: apply a push document, answer the state document.
func (s *server) sync(ctx context.Context, r *http.Request, user string, info *reqInfo) ([]byte, *apiError) {
	if r.Method != http.MethodPost {
		return nil, &apiError{http.StatusMethodNotAllowed, "method", tim.CodeInvalidParam, "use POST"}
	}
	raw, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, s.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, &apiError{http.StatusRequestEntityTooLarge, "too_large", tim.CodeInvalidParam, fmt.Sprintf("the body is over %d bytes", s.maxBody)}
		}
		return nil, &apiError{http.StatusBadRequest, "malformed", tim.ErrJSON, "the body could not be read: " + err.Error()}
	}
	push, derr := roam.DecodePush(string(raw))
	if derr != nil {
		reason := "invalid"
		if derr.Code == tim.ErrJSON {
			reason = "malformed"
		}
		return nil, &apiError{http.StatusBadRequest, reason, derr.Code, derr.Desc}
	}
	info.client, info.ops = push.ClientID, len(push.Ops)

	answer, aerr, err := s.applyPush(ctx, user, push, info)
	if err != nil {
		return nil, storageErr(err)
	}
	return answer, aerr
}

func lastApplied(ops []roam.Op, id uint64) *roam.Op {
	for i := range ops {
		if ops[i].ID == id {
			return &ops[i]
		}
	}
	return &roam.Op{}
}

func loadRejections(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}, user, client string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT body FROM sync_rejection WHERE user_id = $1 AND client_id = $2 ORDER BY op_id`, user, client)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// encodeState writes a state document; rejected holds stored sync_state_rejected_array
// objects.
func encodeState(version uint64, client string, lastOpID uint64, lastHash []byte, unchanged bool, rejected []string, st *roam.State) []byte {
	b := appendStateHead(make([]byte, 0, 4096), version, client, lastOpID, lastHash, unchanged, rejected)
	if !unchanged {
		b = append(b, ',')
		b = roam.AppendStateBody(b, st)
	}
	return append(b, '}')
}

// appendStateHead appends a state document's opening brace and keys through the rejections
// (stored sync_state_rejected_array objects), in roam's order.
func appendStateHead(b []byte, version uint64, client string, lastOpID uint64, lastHash []byte, unchanged bool, rejected []string) []byte {
	b = roam.AppendStateHead(b, &roam.StateDoc{Version: version, ClientID: client, LastOpID: lastOpID,
		LastOpHash: hashHex(lastHash), Unchanged: unchanged})
	b = append(b, strings.Join(rejected, ",")...)
	return append(b, ']')
}

// state is GET /v1/state[?since=V][&client_id=C].
func (s *server) state(ctx context.Context, r *http.Request, user string, info *reqInfo) ([]byte, *apiError) {
	if r.Method != http.MethodGet {
		return nil, &apiError{http.StatusMethodNotAllowed, "method", tim.CodeInvalidParam, "use GET"}
	}
	q := r.URL.Query()
	var since uint64
	hasSince := q.Has("since")
	if hasSince {
		v, err := strconv.ParseUint(q.Get("since"), 10, 64)
		if err != nil {
			return nil, &apiError{http.StatusBadRequest, "invalid", tim.CodeInvalidParam, "since is not an integer in 0..2^64-1"}
		}
		since = v
	}
	client := q.Get("client_id")
	if q.Has("client_id") && !roam.ValidClientID(client) {
		return nil, &apiError{http.StatusBadRequest, "invalid", tim.CodeInvalidParam, "client_id is not 1..64 bytes of [0-9A-Za-z_-]"}
	}
	info.client = client
	var answer []byte
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var version int64
		state := "{}"
		err := tx.QueryRow(ctx, `SELECT version, state FROM sync_user WHERE user_id = $1`, user).Scan(&version, &state)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var last int64
		var lastHash []byte
		var rejected []string
		if client != "" {
			err := tx.QueryRow(ctx, `SELECT last_op_id, last_op_hash FROM sync_client WHERE user_id = $1 AND client_id = $2`, user, client).Scan(&last, &lastHash)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			if rejected, err = loadRejections(ctx, tx, user, client); err != nil {
				return err
			}
		}
		v := fromDB(version)
		info.version, info.lastOpID = v, fromDB(last)
		if hasSince && since == v {
			answer = encodeState(v, client, fromDB(last), lastHash, true, rejected, nil)
			return nil
		}
		st, derr := roam.DecodeStateOnly(state)
		if derr != nil {
			return fmt.Errorf("stored state of user %q is unreadable: %v", user, derr)
		}
		answer = encodeState(v, client, fromDB(last), lastHash, false, rejected, st)
		return nil
	})
	if err != nil {
		return nil, storageErr(err)
	}
	return answer, nil
}
