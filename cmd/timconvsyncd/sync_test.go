package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

func opCreate(id uint64, gid, name string, ids ...string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpGroupCreate, GroupID: gid, Name: name, ConvIDs: ids}
}
func opDelete(id uint64, name string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpGroupDelete, Name: name}
}
func opRename(id uint64, old, nw string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpGroupRename, Name: old, NewName: nw}
}
func opAdd(id uint64, name string, ids ...string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpGroupAdd, Name: name, ConvIDs: ids}
}
func opRemove(id uint64, name string, ids ...string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpGroupRemove, Name: name, ConvIDs: ids}
}
func opMark(id uint64, bits uint64, on bool, ids ...string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpMark, Marks: bits, Enable: on, ConvIDs: ids}
}
func opPin(id uint64, cid string, on bool) roam.Op {
	return roam.Op{ID: id, Type: roam.OpPin, ConvID: cid, Pinned: on}
}
func opCustom(id uint64, data string, ids ...string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpCustomData, CustomData: data, ConvIDs: ids}
}
func opConvDelete(id uint64, cid string) roam.Op {
	return roam.Op{ID: id, Type: roam.OpConvDelete, ConvID: cid}
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("c2c_%s%d", prefix, i)
	}
	return out
}

// rej renders the rejections of a state document: "op:code[item:code,…]".
func rej(d *roam.StateDoc) string {
	var parts []string
	for _, r := range d.Rejected {
		s := fmt.Sprintf("%d:%d", r.OpID, r.Code)
		for _, it := range r.Items {
			s += fmt.Sprintf("[%s:%d]", it.ConvID, it.Code)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// Every rule, through the HTTP API: device A's ops, then device B's, each a push of its own
// (B's arrive after A's), checking B's rejections and the resulting state.
func TestRulesThroughHTTP(t *testing.T) {
	twenty := func() []roam.Op {
		var ops []roam.Op
		for i := 0; i < 20; i++ {
			ops = append(ops, opCreate(uint64(i+1), fmt.Sprintf("g%d", i), fmt.Sprintf("n%02d", i)))
		}
		return ops
	}
	cases := []struct {
		name  string
		a, b  []roam.Op
		rej   string // B's rejections
		state string // "" = not checked
	}{
		{"create merges", []roam.Op{opCreate(1, "ga", "Work", "c2c_a")}, []roam.Op{opCreate(1, "gb", "Work", "c2c_b"), opAdd(2, "Work", "c2c_c")},
			"", "Work=[c2c_a c2c_b c2c_c];|"},
		{"rename to existing", []roam.Op{opCreate(1, "ga", "A"), opCreate(2, "gb", "B")}, []roam.Op{opRename(1, "A", "B")},
			"1:51012", "A=[];B=[];|"},
		{"rename of a deleted group", []roam.Op{opCreate(1, "ga", "A")}, []roam.Op{opDelete(1, "A"), opRename(2, "A", "C")},
			"2:51009", "|"},
		{"last rename wins", []roam.Op{opCreate(1, "ga", "A"), opRename(2, "A", "X")}, []roam.Op{opRename(1, "X", "Y")},
			"", "Y=[];|"},
		{"delete beats a concurrent add", []roam.Op{opCreate(1, "ga", "A", "c2c_a"), opDelete(2, "A")}, []roam.Op{opAdd(1, "A", "c2c_b")},
			"1:51009", "|"},
		{"add and remove are set operations", []roam.Op{opCreate(1, "ga", "A", "c2c_a"), opAdd(2, "A", "c2c_b")},
			[]roam.Op{opAdd(1, "A", "c2c_b", "c2c_c"), opRemove(2, "A", "c2c_a", "c2c_z")}, "", "A=[c2c_b c2c_c];|"},
		{"mark: last write wins", []roam.Op{opMark(1, 1, true, "c2c_a"), opMark(2, 2, true, "c2c_a")}, []roam.Op{opMark(1, 1, false, "c2c_a")},
			"", "|c2c_a:2,false,;"},
		{"pin: last write wins", []roam.Op{opPin(1, "c2c_a", true)}, []roam.Op{opPin(1, "c2c_a", false), opPin(2, "c2c_b", true)},
			"", "|c2c_b:0,true,;"},
		{"custom data: last write wins", []roam.Op{opCustom(1, "x", "c2c_a")}, []roam.Op{opCustom(1, "y", "c2c_a")},
			"", "|c2c_a:0,false,y;"},
		{"conversation delete", []roam.Op{opCreate(1, "ga", "A", "c2c_a", "c2c_b"), opMark(2, 1, true, "c2c_a"), opPin(3, "c2c_a", true), opCustom(4, "d", "c2c_a")},
			[]roam.Op{opConvDelete(1, "c2c_a")}, "", "A=[c2c_b];|"},
		{"21st group", twenty(), []roam.Op{opCreate(1, "gx", "new"), opCreate(2, "gy", "n05", "c2c_a")}, "1:51010", ""},
		{"1000 members", []roam.Op{opCreate(1, "ga", "A", ids("m", 1000)...)}, []roam.Op{opAdd(1, "A", "c2c_x", "c2c_m1")}, "1:0[c2c_x:51008]", ""},
		{"extended-state budget", []roam.Op{opMark(1, 1, true, ids("m", 1000)...)},
			[]roam.Op{opCustom(1, "d", "c2c_x", "c2c_m0"), opPin(2, "c2c_y", true), opMark(3, 8, true, "c2c_z")}, "1:0[c2c_x:51008] 3:0[c2c_z:51008]", ""},
		{"names", nil, []roam.Op{opCreate(1, "g1", ""), opCreate(2, "g2", strings.Repeat("x", 33)), opCreate(3, "g3", strings.Repeat("x", 32)), opRename(4, strings.Repeat("x", 32), "")},
			"1:6017 2:51011 4:6017", strings.Repeat("x", 32) + "=[];|"},
		{"malformed ids and values", nil, []roam.Op{opAdd(1, "", "c2c_a"), opMark(2, 1<<4, true, "c2c_a"), opMark(3, 1, true, "c2c_a", "nope"), opPin(4, "c2c_", true), opCustom(5, strings.Repeat("d", 257), "c2c_a")},
			"1:6017 2:6017 3:0[nope:6017] 4:6017 5:6017", "|c2c_a:1,false,;"},
	}
	// each case is its own user: a token per case
	caseToken := func(i int) string { return fmt.Sprintf("token-case-%02d-0123456789", i) }
	u := startServer(t, newDB(t), func(cfg *Config) {
		for i := range cases {
			cfg.Tokens[caseToken(i)] = fmt.Sprintf("user%d", i)
		}
	})
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tok := caseToken(i)
			var d *roam.StateDoc
			if len(c.a) > 0 {
				d = push(t, u, tok, "devA", 0, c.a...)
				if len(d.Rejected) != 0 {
					t.Fatalf("A rejected: %s", rej(d))
				}
			}
			d = push(t, u, tok, "devB", 0, c.b...)
			if got := rej(d); got != c.rej {
				t.Fatalf("rejections %q, want %q", got, c.rej)
			}
			if c.state != "" {
				if got := summary(d.State); got != c.state {
					t.Fatalf("state %q, want %q", got, c.state)
				}
			}
			if err := d.State.Check(); err != nil {
				t.Fatal(err)
			}
			// The server's result is the rules package's result.
			ref := roam.NewState()
			roam.ApplyPush(ref, 0, c.a)
			roam.ApplyPush(ref, 0, c.b)
			if !ref.Equal(d.State) {
				t.Fatalf("server state differs from core/roam's:\n%s\n%s", summary(d.State), summary(ref))
			}
		})
	}
}

// A name that is not UTF-8 (raw bytes in the JSON) is the name rule's 6017, not a refused
// document.
func TestNonUTF8NameThroughHTTP(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	a := do(t, "POST", url+"/v1/sync", tokAlice, "{\"sync_push_client_id\":\"d\",\"sync_push_op_array\":[{\"sync_op_id\":1,\"sync_op_type\":1,\"sync_op_group_id\":\"g\",\"sync_op_group_name\":\"a\xffb\",\"sync_op_conversation_id_array\":[]}]}")
	d, err := roam.DecodeState(a.body)
	if a.status != 200 || err != nil || rej(d) != "1:6017" || len(d.State.Groups()) != 0 {
		t.Fatalf("%d %s", a.status, a.body)
	}
}

// A push repeated after a lost answer applies nothing twice and answers the same state.
func TestRepeatedPushIsIdempotent(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	ops := []roam.Op{opCreate(1, "g1", "A", "c2c_a"), opRename(2, "A", "B"), opMark(3, 1, true, "c2c_a")}
	d1 := push(t, url, tokAlice, "dev1", 0, ops...)
	d2 := push(t, url, tokAlice, "dev1", 0, ops...) // the answer to the first was lost
	if d1.Version != 1 || d2.Version != 1 || d2.LastOpID != 3 || !d1.State.Equal(d2.State) || len(d2.Rejected) != 0 {
		t.Fatalf("v%d v%d last %d rej %q", d1.Version, d2.Version, d2.LastOpID, rej(d2))
	}
	// Overlap: a later push repeating some ops and adding one.
	d3 := push(t, url, tokAlice, "dev1", 1, append(ops[1:], opPin(4, "c2c_a", true))...)
	if d3.Version != 2 || d3.LastOpID != 4 || summary(d3.State) != "B=[c2c_a];|c2c_a:1,true,;" {
		t.Fatalf("v%d last %d %s", d3.Version, d3.LastOpID, summary(d3.State))
	}
}

// A rejection is repeated in every answer until the client acknowledges a version at or
// above the one that reported it: a lost answer never loses a rejection.
func TestRejectionKeptUntilAcknowledged(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	d := push(t, url, tokAlice, "dev1", 0, opRename(1, "nope", "x"))
	if rej(d) != "1:51009" || d.Version != 1 {
		t.Fatalf("%q v%d", rej(d), d.Version)
	}
	d = push(t, url, tokAlice, "dev1", 0, opRename(1, "nope", "x")) // answer lost, repeated
	if rej(d) != "1:51009" {
		t.Fatalf("rejection lost: %q", rej(d))
	}
	g, _ := getState(t, url, tokAlice, "?client_id=dev1")
	if rej(g) != "1:51009" || g.LastOpID != 1 {
		t.Fatalf("state: %q %d", rej(g), g.LastOpID)
	}
	if g2, _ := getState(t, url, tokAlice, "?client_id=dev2"); len(g2.Rejected) != 0 || g2.LastOpID != 0 {
		t.Fatal("another client sees the rejection")
	}
	d = push(t, url, tokAlice, "dev1", 1, opPin(2, "c2c_a", true)) // applied version 1
	if len(d.Rejected) != 0 || d.Version != 2 {
		t.Fatalf("acknowledged rejection still there: %q", rej(d))
	}
}

// An old state: GET since the current version answers "unchanged"; since an older one, the
// whole state; a push naming an old version still gets the whole state.
func TestOldState(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	if d, _ := getState(t, url, tokAlice, ""); d.Version != 0 || d.State == nil || len(d.State.Groups()) != 0 {
		t.Fatalf("empty user: %+v", d)
	}
	push(t, url, tokAlice, "dev1", 0, opCreate(1, "g1", "A"))
	push(t, url, tokAlice, "dev1", 1, opCreate(2, "g2", "B"))
	d, body := getState(t, url, tokAlice, "?since=2&client_id=dev1")
	if !d.Unchanged || d.State != nil || d.Version != 2 || d.LastOpID != 2 || strings.Contains(body, "group_array") {
		t.Fatalf("since current: %s", body)
	}
	for _, since := range []string{"?since=1", "?since=0", "?since=99", ""} {
		d, _ = getState(t, url, tokAlice, since)
		if d.Unchanged || summary(d.State) != "A=[];B=[];|" || d.Version != 2 {
			t.Fatalf("%s: %+v", since, d)
		}
	}
	d = push(t, url, tokAlice, "dev2", 0)
	if d.Version != 2 || summary(d.State) != "A=[];B=[];|" || d.LastOpID != 0 {
		t.Fatalf("push from an old version: %+v", d)
	}
}

// Malformed documents and requests of every kind: a clear code, nothing changed.
func TestMalformedRequests(t *testing.T) {
	url := startServer(t, newDB(t), func(c *Config) { c.MaxBodyBytes = 64 << 10 })
	push(t, url, tokAlice, "dev1", 0, opCreate(1, "g1", "A", "c2c_a"))
	_, before := getState(t, url, tokAlice, "?client_id=dev1")
	good := `{"sync_op_id":2,"sync_op_type":2,"sync_op_group_name":"A"}`
	cases := []struct {
		method, path, token, body string
		status                    int
		reason                    string
		code                      tim.Code
	}{
		{"POST", "/v1/sync", tokAlice, ``, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `[]`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_op_array":[` + good + `,` + strings.Repeat("[", 80) + strings.Repeat("]", 80) + `]}`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_op_array":[` + good + `]}`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_op_array":[` + good + `,{"sync_op_id":3}]}`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_op_array":[` + good + `,{"sync_op_id":3,"sync_op_type":7,"sync_op_conversation_id":"c2c_a","sync_op_is_pinned":"yes"}]}`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_last_version":1.0,"sync_push_op_array":[` + good + `]}`, 400, "malformed", -3},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev 1","sync_push_op_array":[` + good + `]}`, 400, "invalid", 6017},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_op_array":[` + good + `,` + good + `]}`, 400, "invalid", 6017},
		{"POST", "/v1/sync", tokAlice, `{"sync_push_client_id":"dev1","sync_push_op_array":[` + strings.Repeat(good+",", 2000) + good + `]}`, 413, "too_large", 6017},
		{"POST", "/v1/sync", "", pushDoc("dev1", 0, opDelete(2, "A")), 401, "unauthorized", 6014},
		{"POST", "/v1/sync", "token-unknown-0123456789", pushDoc("dev1", 0, opDelete(2, "A")), 401, "unauthorized", 6014},
		{"GET", "/v1/sync", tokAlice, "", 405, "method", 6017},
		{"POST", "/v1/state", tokAlice, "", 405, "method", 6017},
		{"GET", "/v1/state?since=-1", tokAlice, "", 400, "invalid", 6017},
		{"GET", "/v1/state?since=abc", tokAlice, "", 400, "invalid", 6017},
		{"GET", "/v1/state?client_id=a%20b", tokAlice, "", 400, "invalid", 6017},
		{"GET", "/v1/state", "", "", 401, "unauthorized", 6014},
		{"GET", "/v2/other", tokAlice, "", 404, "not_found", 6017},
	}
	for _, c := range cases {
		a := do(t, c.method, url+c.path, c.token, c.body)
		want := fmt.Sprintf(`{"sync_error_code":%d,"sync_error_reason":%q,`, c.code, c.reason)
		if a.status != c.status || !strings.HasPrefix(a.body, want) || !strings.Contains(a.body, `"sync_error_desc":"`) {
			t.Errorf("%s %s %.60q: %d %s, want %d %s", c.method, c.path, c.body, a.status, a.body, c.status, want)
		}
	}
	if _, after := getState(t, url, tokAlice, "?client_id=dev1"); after != before {
		t.Fatalf("a refused request changed the state:\n%s\n%s", before, after)
	}
	// Authorization header forms.
	req, _ := http.NewRequest("GET", url+"/v1/state", nil)
	req.Header.Set("Authorization", "Basic "+tokAlice)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Fatalf("Basic auth accepted: %v", err)
	}
}

// A client whose op ids went backwards (cache restored from an older copy) gets a state
// document that says so (sync_state_is_client_stale) and nothing applied; an unknown client id
// is a new device.
func TestStaleAndUnknownClient(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	push(t, url, tokAlice, "dev1", 0, opCreate(1, "g1", "A"), opAdd(2, "A", "c2c_a"))
	_, before := getState(t, url, tokAlice, "")
	a := do(t, "POST", url+"/v1/sync", tokAlice, pushDoc("dev1", 1, opAdd(2, "A", "c2c_OTHER"), opPin(3, "c2c_b", true)))
	if a.status != 200 || !strings.Contains(a.body, `"sync_state_is_client_stale":true`) {
		t.Fatalf("%d %s", a.status, a.body)
	}
	add2 := opAdd(2, "A", "c2c_a")
	if d, err := roam.DecodeState(a.body); err != nil || !d.ClientStale || d.LastOpID != 2 || d.Version != 1 ||
		summary(d.State) != "A=[c2c_a];|" || d.LastOpHash != roam.OpHash(&add2) {
		t.Fatalf("stale answer: %v %+v", err, d)
	}
	// GET /v1/state names the last op's hash too, so a device never takes its own op 2 (other
	// content) as acknowledged.
	if d, _ := getState(t, url, tokAlice, "?client_id=dev1"); d.LastOpID != 2 || d.LastOpHash != roam.OpHash(&add2) {
		t.Fatalf("GET state: %+v", d)
	}
	if _, after := getState(t, url, tokAlice, ""); after != before {
		t.Fatal("a stale push changed the state")
	}
	// The same op again (a lost answer) is fine.
	if d := push(t, url, tokAlice, "dev1", 1, opAdd(2, "A", "c2c_a"), opPin(3, "c2c_b", true)); d.LastOpID != 3 || d.Version != 2 {
		t.Fatalf("last %d v%d", d.LastOpID, d.Version)
	}
	// A new client id starts at 0.
	if d := push(t, url, tokAlice, "fresh", 2, opAdd(1, "A", "c2c_n")); d.LastOpID != 1 || summary(d.State) != "A=[c2c_a c2c_n];|c2c_b:0,true,;" {
		t.Fatalf("%+v %s", d, summary(d.State))
	}
}

// One user's token can neither read nor change another user's state, whatever client id it
// names.
func TestIsolation(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	push(t, url, tokAlice, "shared-id", 0, opCreate(1, "g1", "AliceWork", "c2c_x"), opRename(2, "nope", "x"))
	_, aliceBefore := getState(t, url, tokAlice, "?client_id=shared-id")
	d := push(t, url, tokBob, "shared-id", 0, opCreate(1, "g1", "BobWork"), opDelete(2, "AliceWork"))
	if summary(d.State) != "BobWork=[];|" || d.LastOpID != 2 || rej(d) != "2:51009" {
		t.Fatalf("bob sees %s, rejections %q", summary(d.State), rej(d))
	}
	if g, _ := getState(t, url, tokBob, "?client_id=shared-id"); summary(g.State) != "BobWork=[];|" || rej(g) != "2:51009" {
		t.Fatal("bob reads alice's state")
	}
	if _, aliceAfter := getState(t, url, tokAlice, "?client_id=shared-id"); aliceAfter != aliceBefore {
		t.Fatalf("bob changed alice's state:\n%s\n%s", aliceBefore, aliceAfter)
	}
}

// Several clients push at once for the same user, through two service instances on one
// database: every op is applied exactly once, serialised by the user's row lock.
func TestConcurrentPushesConverge(t *testing.T) {
	dsn := newDB(t)
	urls := []string{startServer(t, dsn, nil), startServer(t, dsn, nil)}
	push(t, urls[0], tokAlice, "setup", 0, opCreate(1, "g0", "Shared"))
	const clients, pushes = 6, 8
	var wg sync.WaitGroup
	errs := make(chan string, clients*pushes)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			client := fmt.Sprintf("dev%d", c)
			var version uint64
			for p := 1; p <= pushes; p++ {
				// two ops per push; every other push repeats the previous ops (a lost answer)
				op1 := opAdd(uint64(2*p-1), "Shared", fmt.Sprintf("c2c_d%dp%d", c, p))
				op2 := opMark(uint64(2*p), 1<<uint(32+c), true, fmt.Sprintf("c2c_d%dp%d", c, p))
				ops := []roam.Op{op1, op2}
				if p > 1 && p%2 == 0 {
					ops = append([]roam.Op{opAdd(uint64(2*p-3), "Shared", fmt.Sprintf("c2c_d%dp%d", c, p-1)),
						opMark(uint64(2*p-2), 1<<uint(32+c), true, fmt.Sprintf("c2c_d%dp%d", c, p-1))}, ops...)
				}
				body := pushDoc(client, version, ops...)
				req, _ := http.NewRequest("POST", urls[(c+p)%2]+"/v1/sync", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+tokAlice)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err.Error()
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- fmt.Sprintf("%d %s", resp.StatusCode, b)
					return
				}
				d, derr := roam.DecodeState(string(b))
				if derr != nil {
					errs <- derr.Error()
					return
				}
				if d.LastOpID != uint64(2*p) || len(d.Rejected) != 0 {
					errs <- fmt.Sprintf("client %d push %d: last %d, rejected %q", c, p, d.LastOpID, rej(d))
				}
				version = d.Version
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	d, _ := getState(t, urls[1], tokAlice, "")
	g, _ := d.State.Group("Shared")
	if len(g.Members) != clients*pushes || d.Version != 1+clients*pushes {
		t.Fatalf("%d members, version %d", len(g.Members), d.Version)
	}
	for c := 0; c < clients; c++ {
		for p := 1; p <= pushes; p++ {
			if m := d.State.Conv(fmt.Sprintf("c2c_d%dp%d", c, p)).Marks; m != 1<<uint(32+c) {
				t.Fatalf("client %d push %d: marks %#x", c, p, m)
			}
		}
	}
}

// The service killed with SIGKILL while a push transaction is open: PostgreSQL rolls it back;
// after a restart the repeated push applies everything exactly once.
func TestBackendKilledMidPush(t *testing.T) {
	dsn := newDB(t)
	cfg := &Config{Listen: "127.0.0.1:0", DatabaseURL: dsn, Tokens: testTokens()}
	p := startProc(t, writeConfig(t, cfg))
	push(t, p.url, tokAlice, "dev1", 0, opCreate(1, "g1", "A", "c2c_a"))
	p.cmd.Process.Kill()
	p.cmd.Wait()

	held := *cfg
	held.TestHoldPushMs = 600000
	p = startProc(t, writeConfig(t, &held))
	ops := []roam.Op{opCreate(1, "g1", "A", "c2c_a"), opRename(2, "A", "B"), opAdd(3, "B", "c2c_b"), opMark(4, 1, true, "c2c_a")}
	done := pushUnanswered(context.Background(), p.url, tokAlice, pushDoc("dev1", 1, ops...))
	waitLine(t, p, `"msg":"push held"`)
	// The transaction is open and has written: the user's row is locked by it.
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	if err := <-done; err == nil || strings.Contains(err.Error(), "answered") {
		t.Fatalf("push: %v", err)
	}
	p = startProc(t, writeConfig(t, cfg))
	// Nothing of the killed push is visible.
	if d, _ := getState(t, p.url, tokAlice, "?client_id=dev1"); d.Version != 1 || d.LastOpID != 1 || summary(d.State) != "A=[c2c_a];|" {
		t.Fatalf("after the kill: v%d last %d %s", d.Version, d.LastOpID, summary(d.State))
	}
	d := push(t, p.url, tokAlice, "dev1", 1, ops...)
	if d.Version != 2 || d.LastOpID != 4 || len(d.Rejected) != 0 || summary(d.State) != "B=[c2c_a c2c_b];|c2c_a:1,false,;" {
		t.Fatalf("after the repeat: v%d last %d %q %s", d.Version, d.LastOpID, rej(d), summary(d.State))
	}
	// And once more: nothing applied twice.
	if d2 := push(t, p.url, tokAlice, "dev1", 2, ops...); d2.Version != 2 || !d2.State.Equal(d.State) {
		t.Fatal("applied twice")
	}
	// The database has no transaction left from the killed process.
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d transactions left open (%v)", n, err)
	}
}

// Several instances starting at once migrate the schema once; a schema newer than the
// binary is refused.
func TestMigrations(t *testing.T) {
	dsn := newDB(t)
	var wg sync.WaitGroup
	urls := make([]string, 4)
	for i := range urls {
		wg.Add(1)
		go func(i int) { defer wg.Done(); urls[i] = startServer(t, dsn, nil) }(i)
	}
	wg.Wait()
	for _, u := range urls {
		if u == "" {
			t.Fatal("an instance did not start")
		}
		a := do(t, "GET", u+"/healthz", "", "")
		if a.status != 200 || a.body != "ok\n" {
			t.Fatalf("healthz: %d %s", a.status, a.body)
		}
	}
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var versions []int
	rows, _ := conn.Query(context.Background(), `SELECT version FROM timconvsyncd_schema ORDER BY version`)
	versions, err = pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil || !reflect.DeepEqual(versions, []int{1}) {
		t.Fatalf("%v %v", versions, err)
	}
	if _, err := conn.Exec(context.Background(), `INSERT INTO timconvsyncd_schema (version) VALUES (99)`); err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Listen: "127.0.0.1:0", DatabaseURL: dsn, Tokens: testTokens()}
	cfg.check()
	err = serve(context.Background(), cfg, slog.New(slog.NewJSONHandler(io.Discard, nil)), nil)
	if err == nil || !strings.Contains(err.Error(), "newer than this binary") {
		t.Fatalf("newer schema: %v", err)
	}
}

// A database failure is a 500 "storage" answer and changes nothing; /healthz says 503 when the
// database is gone.
func TestStorageFailures(t *testing.T) {
	dsn := newDB(t)
	url := startServer(t, dsn, nil)
	push(t, url, tokAlice, "dev1", 0, opCreate(1, "g1", "A"))
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `UPDATE sync_user SET state = 'not json' WHERE user_id = 'alice'`); err != nil {
		t.Fatal(err)
	}
	a := do(t, "POST", url+"/v1/sync", tokAlice, pushDoc("dev1", 1, opCreate(2, "g2", "B")))
	if a.status != 500 || !strings.Contains(a.body, `"sync_error_reason":"storage"`) {
		t.Fatalf("%d %s", a.status, a.body)
	}
	var version int64
	var last int64
	if err := conn.QueryRow(context.Background(), `SELECT u.version, c.last_op_id FROM sync_user u JOIN sync_client c USING (user_id) WHERE user_id = 'alice'`).Scan(&version, &last); err != nil || version != 1 || last != 1 {
		t.Fatalf("v%d last %d %v", version, last, err)
	}
	// Bob is not affected.
	push(t, url, tokBob, "dev1", 0, opCreate(1, "g1", "B"))

	dsn2 := newDB(t)
	url2 := startServer(t, dsn2, nil)
	if a := do(t, "GET", url2+"/healthz", "", ""); a.status != 200 {
		t.Fatalf("healthz: %d", a.status)
	}
	name := dsn2[strings.Index(dsn2, "dbname=")+7:]
	name = name[:strings.IndexByte(name, ' ')]
	if _, err := conn.Exec(context.Background(), `DROP DATABASE `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err != nil {
		t.Fatal(err)
	}
	if a := do(t, "GET", url2+"/healthz", "", ""); a.status != 503 {
		t.Fatalf("healthz with the database gone: %d %s", a.status, a.body)
	}
	if a := do(t, "GET", url2+"/v1/state", tokAlice, ""); a.status != 500 || !strings.Contains(a.body, `"storage"`) {
		t.Fatalf("%d %s", a.status, a.body)
	}
}
