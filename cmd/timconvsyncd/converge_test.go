package main

// Convergence and faults across separate device processes (RELIABILITY.md, section 7): the
// oracle is in world_test.go, the device program in devproc_test.go and testdata/syncdevice.c.
//
//   TCG_SYNC_SEED=N     run TestDevicesConverge with that seed only (a failure prints its seed)
//   TCG_SYNC_SEEDS=K    run K seeds (default 3; make sync-soak runs 150) from a random one
//   TCG_SYNC_STEPS=S    random steps per seed (default 120)

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

func envInt(name string, def int64) int64 {
	if v := os.Getenv(name); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			return n
		}
	}
	return def
}

// startBackend starts the timconvsyncd binary on a new database with a token per user.
func startBackend(t *testing.T, users ...string) (*proc, map[string]string) {
	t.Helper()
	toks := map[string]string{}
	byUser := map[string]string{}
	for _, u := range users {
		tok := "token-" + u + "-0123456789abcdef"
		toks[tok], byUser[u] = u, tok
	}
	p := startProc(t, writeConfig(t, &Config{Listen: "127.0.0.1:0", DatabaseURL: newDB(t), Tokens: toks}))
	return p, byUser
}

// feedJSON is an upsert of conversations with these keys.
func feedJSON(keys []string) string {
	var items []map[string]any
	for i, k := range keys {
		typ, id := 1, strings.TrimPrefix(k, "c2c_")
		if strings.HasPrefix(k, "group_") {
			typ, id = 2, strings.TrimPrefix(k, "group_")
		}
		items = append(items, map[string]any{"conv_id": id, "conv_type": typ, "conv_active_time": 1000 + i})
	}
	b, _ := json.Marshal(items)
	return string(b)
}

func idsJSON(keys []string) string {
	b, _ := json.Marshal(keys)
	return string(b)
}

// bare splits a conversation key into the bare id and the type, as TIMConvPinConversation and
// TIMConvDelete take them.
func bare(k string) (string, string) {
	if strings.HasPrefix(k, "group_") {
		return strings.TrimPrefix(k, "group_"), "2"
	}
	return strings.TrimPrefix(k, "c2c_"), "1"
}

// ---- random offline operations, synced in random order ----

var (
	convPool = []string{"c2c_u0", "c2c_u1", "c2c_u2", "c2c_u3", "c2c_u4", "c2c_u5", "group_g0", "group_g1"}
	namePool = []string{"Work", "Home", "Fam", "Job", "X", "Y"}
	markPool = []uint64{1, 2, 4, 8, 1 << 32, 1 << 40, 1 | 2, 4 | 1<<32}
	dataPool = []string{"", "a", "vip", "日本"}
)

// Several devices (separate processes, each with its own cache) of one user make random
// offline changes — the same names created on several devices, renames against adds, deletes
// against adds, marks, pins, custom data, conversation deletes, and (in half of the seeds,
// which start with 16 groups) 21st groups — and sync in random order and interleavings: full
// rounds, pushes whose answer is applied later or never, answers older than the device's
// state, GET /v1/state with and without the client id, pushes of the first few ops only,
// pushes of every device at once (the server picks the order; the replica follows the versions
// of the answers), and
// kill -9 of a device process at any of these points (it restarts on its cache).
// The oracle is described in world_test.go.
func TestDevicesConverge(t *testing.T) {
	seeds := []int64{envInt("TCG_SYNC_SEED", 0)}
	if seeds[0] == 0 {
		// make test runs the same seeds every time (a failure there is reproducible); make
		// sync-soak (TCG_SYNC_SEEDS, TCG_SYNC_RANDOM=1) explores new ones.
		n := envInt("TCG_SYNC_SEEDS", 3)
		base := int64(1)
		if os.Getenv("TCG_SYNC_RANDOM") != "" {
			base = time.Now().UnixNano() % 1_000_000_000
		}
		seeds = seeds[:0]
		for i := int64(0); i < n; i++ {
			seeds = append(seeds, base+i)
		}
	}
	steps := int(envInt("TCG_SYNC_STEPS", 120))
	var users []string
	for _, s := range seeds {
		users = append(users, fmt.Sprintf("u%d", s))
	}
	backend, toks := startBackend(t, users...)
	for _, seed := range seeds {
		seed := seed
		ok := t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("seed %d (rerun: TCG_SYNC_SEED=%d go test -run TestDevicesConverge ./cmd/timconvsyncd/)", seed, seed)
			u := fmt.Sprintf("u%d", seed)
			convergeSeed(t, seed, steps, newWorld(t, backend.url, toks[u], u))
		})
		if !ok {
			t.Logf("FAILED seed %d: rerun with TCG_SYNC_SEED=%d", seed, seed)
			break
		}
	}
}

func convergeSeed(t *testing.T, seed int64, steps int, w *world) {
	rng := rand.New(rand.NewSource(seed))
	feed := feedJSON(convPool)
	for i := 0; i < 3; i++ {
		d := w.addDevice(fmt.Sprintf("dev%d", i), filepath.Join(t.TempDir(), "data"))
		d.run("upsert", feed)
	}
	pick := func(xs []string) string { return xs[rng.Intn(len(xs))] }
	someIDs := func() string {
		n := 1 + rng.Intn(3)
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, pick(convPool))
		}
		return idsJSON(out)
	}
	names := namePool
	if seed%2 == 0 {
		// 16 groups first, synced everywhere: creates of the pool's names reach the 21st.
		d := w.devs[0]
		for i := 0; i < 16; i++ {
			d.run("create", fmt.Sprintf("F%02d", i), idsJSON([]string{convPool[i%len(convPool)]}))
		}
		for _, d := range w.devs {
			d.round()
		}
		names = append(names, "F03", "F07")
	}
	for step := 0; step < steps; step++ {
		d := w.devs[rng.Intn(len(w.devs))]
		switch x := rng.Intn(100); {
		case x < 16:
			d.run("create", pick(names), someIDs())
		case x < 24:
			d.run("rename", pick(names), pick(names))
		case x < 29:
			d.run("gdelete", pick(names))
		case x < 40:
			d.run("add", pick(names), someIDs())
		case x < 45:
			d.run("remove", pick(names), someIDs())
		case x < 53:
			on := "1"
			if rng.Intn(3) == 0 {
				on = "0"
			}
			d.run("mark", someIDs(), fmt.Sprint(markPool[rng.Intn(len(markPool))]), on)
		case x < 58:
			id, typ := bare(pick(convPool))
			d.run("pin", id, typ, fmt.Sprint(rng.Intn(2)))
		case x < 64:
			d.run("custom", someIDs(), pick(dataPool))
		case x < 66:
			id, typ := bare(pick(convPool))
			d.run("cdelete", id, typ)
		case x < 68:
			d.run("upsert", feed) // the host feeds its list again (brings deleted ones back)
		case x < 72:
			d.round()
		case x < 76: // every device pushes at once; each applies its answer, in random order
			answers := w.pushAll(w.devs)
			for _, i := range rng.Perm(len(w.devs)) {
				w.devs[i].apply(answers[i])
			}
		case x < 81: // push; the answer arrives later (or is lost)
			doc, _ := d.pending(0)
			d.held = append(d.held, w.post(d, doc))
		case x < 87: // a held answer arrives, possibly older than what the device has
			if len(d.held) > 0 {
				i := rng.Intn(len(d.held))
				doc := d.held[i]
				d.held = append(d.held[:i], d.held[i+1:]...)
				d.apply(doc)
			}
		case x < 90: // GET /v1/state with the client id, since the device's version or an older one
			since := ""
			if v := d.version; rng.Intn(2) == 0 {
				if rng.Intn(2) == 0 && v > 0 {
					v--
				}
				since = fmt.Sprint(v)
			}
			d.apply(w.stateSince(d, true, since))
		case x < 93:
			d.apply(w.stateDoc(d, false))
		case x < 96: // a push of the first few ops only
			doc, _ := d.pending(1 + rng.Intn(3))
			d.apply(w.post(d, doc))
		case x < 98: // the answer is lost and the push repeated: the same ops again
			doc, _ := d.pending(0)
			w.post(d, doc)
			d.round()
		default: // kill -9 and restart (its held answers may still arrive)
			d.restart()
		}
	}
	w.finish(feed)
	ops := 0
	for _, rs := range w.results {
		ops += len(rs)
	}
	t.Logf("seed %d: server v%d, %d ops applied, %d rounds of pushes at once, rejections by code %v", seed, w.version, ops, w.atOnce, w.rejectionCount())
}

// The limits, reached once each across processes: a group of 1000 conversations, the budget
// of 1000 conversations with extended state, and the 21st group — each made on one device
// while another, offline, still had room.
func TestDevicesConvergeAtLimits(t *testing.T) {
	backend, toks := startBackend(t, "limits")
	w := newWorld(t, backend.url, toks["limits"], "limits")
	var keys []string
	for i := 0; i < 1010; i++ {
		keys = append(keys, fmt.Sprintf("c2c_v%04d", i))
	}
	feed := feedJSON(keys)
	var a, b, c *dev
	for i, p := range []**dev{&a, &b, &c} {
		*p = w.addDevice(fmt.Sprintf("dev%d", i), filepath.Join(t.TempDir(), "data"))
		(*p).run("upsert", feed)
	}
	// The local calls on 1010 conversations skip the per-call checks (each reads the whole
	// list); each device's state is checked before and after every apply.
	for _, d := range w.devs {
		d.light = true
	}
	a.run("create", "Big", idsJSON(keys[:100]))
	a.round()
	b.round()
	c.round()
	// Offline. A fills "Big" to 1000 members (1000 conversations with extended state).
	for i := 1; i < 10; i++ {
		a.run("add", "Big", idsJSON(keys[i*100:(i+1)*100]))
	}
	// B adds two more to "Big", marks a conversation without state, pins another (a pin does not
	// count), sets custom data on a member (already counted), makes a group of a member.
	b.run("add", "Big", idsJSON(keys[1000:1002]))
	b.run("mark", idsJSON(keys[1002:1003]), "1", "1")
	b.run("pin", "v1003", "1", "1")
	b.run("custom", idsJSON(keys[5:6]), "member")
	b.run("create", "BG", idsJSON(keys[5:6]))
	// C makes 19 groups (its 20th is refused at once), each with a conversation that has no
	// state yet.
	for i := 0; i < 19; i++ {
		c.run("create", fmt.Sprintf("G%02d", i), idsJSON(keys[1004+i%6:1005+i%6]))
	}
	if r := c.run("create", "G19", idsJSON(keys[:1])); r.Code != 51010 {
		t.Fatalf("21st group on one device: code %d", r.Code)
	}
	a.round()
	b.round()
	c.round()
	w.finish(feed)
	got := w.rejectionCount()
	// B: 2 members over 1000 and the mark over the budget; C: its 19th create (the server's
	// 21st group) whole, and the members of its 18 others over the budget.
	if got[51008] != 2+1+18 || got[51010] != 1 || len(got) != 2 {
		t.Fatalf("rejections by code: %v", got)
	}
	st, _ := w.ref.Group("Big")
	if len(st.Members) != 1000 || w.ref.ExtendedCount() != 1000 || len(w.ref.Groups()) != 20 {
		t.Fatalf("Big has %d members, %d extended, %d groups", len(st.Members), w.ref.ExtendedCount(), len(w.ref.Groups()))
	}
}

// ---- faults ----

// A device killed with SIGKILL after its push reached the server and before it applied the
// answer: it restarts on its cache, pushes the same operations again (the server applies none
// of them twice) and converges with nothing lost or duplicated.
func TestDeviceKilledBetweenPushAndApply(t *testing.T) {
	backend, toks := startBackend(t, "kill")
	w := newWorld(t, backend.url, toks["kill"], "kill")
	feed := feedJSON(convPool)
	a := w.addDevice("phone", filepath.Join(t.TempDir(), "data"))
	b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
	for _, d := range w.devs {
		d.run("upsert", feed)
	}
	// Operations that a second application would change: a rename, then a create of the old
	// name, a mark cleared after being set, an add then a remove.
	a.run("create", "Work", `["c2c_u0","c2c_u1"]`)
	a.run("rename", "Work", "Job")
	a.run("create", "Work", `["c2c_u2"]`)
	a.run("mark", `["c2c_u0"]`, "1", "1")
	a.run("mark", `["c2c_u0"]`, "1", "0")
	a.run("add", "Job", `["c2c_u3"]`)
	a.run("remove", "Job", `["c2c_u3"]`)
	a.run("rename", "Nope", "Other") // rejected locally: records nothing
	b.run("create", "Job", `["c2c_u4"]`)
	b.round()
	doc1, p1 := a.pending(0)
	w.post(a, doc1) // the server applied it
	a.restart()
	doc2, p2 := a.pending(0)
	if doc1 != doc2 || len(p2.Ops) != len(p1.Ops) || len(p1.Ops) != 7 {
		t.Fatalf("after the restart the push differs (%d ops, %d before):\n%s\n%s", len(p2.Ops), len(p1.Ops), doc1, doc2)
	}
	v := w.version
	a.apply(w.post(a, doc2))
	if w.version != v {
		t.Fatal("the repeated push applied something")
	}
	b.round()
	w.finish(feed)
	// B's "Job" came first: A's rename to "Job" was rejected (51012, reported once), its second
	// "Work" merged into its first.
	if got := w.devs[0].last.render(true); !strings.HasPrefix(got, "Job[c2c_u4];Work[c2c_u0 c2c_u1 c2c_u2];") {
		t.Fatalf("state: %s", got)
	}
}

// A device killed with SIGKILL in the middle of a burst of writes: every write it acknowledged
// is in its outbox after the restart (with the writes in flight, applied whole or not at all,
// in call order), and reaches the server.
func TestDeviceKilledMidBurst(t *testing.T) {
	backend, toks := startBackend(t, "burst")
	w := newWorld(t, backend.url, toks["burst"], "burst")
	feed := feedJSON(convPool)
	a := w.addDevice("phone", filepath.Join(t.TempDir(), "data"))
	b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
	for _, d := range w.devs {
		d.run("upsert", feed)
	}
	targets := convPool[:5]
	a.send("burst", "2000", idsJSON(targets))
	acked := -1
	for acked < 60 {
		l := a.read()
		if l.K == "conv" { // kTIMConvEvent_Update of each write
			continue
		}
		if l.K != "ack" || l.Code != 0 || l.I != acked+1 {
			t.Fatalf("burst: %+v after ack %d", l, acked)
		}
		acked = l.I
	}
	a.restart()
	_, p := a.pending(0)
	if len(p.Ops) <= acked {
		t.Fatalf("%d writes acknowledged, %d in the outbox", acked+1, len(p.Ops))
	}
	for i, op := range p.Ops {
		if op.ID != uint64(i+1) || op.Type != roam.OpCustomData || op.CustomData != fmt.Sprintf("burst-%d", i) ||
			len(op.ConvIDs) != 1 || op.ConvIDs[0] != targets[i%len(targets)] {
			t.Fatalf("outbox op %d: %+v", i, op)
		}
	}
	t.Logf("killed after %d acknowledged writes; %d in the outbox", acked+1, len(p.Ops))
	a.checkView()
	a.round()
	b.round()
	w.finish(feed)
	for i, k := range targets {
		last := len(p.Ops) - 1
		for last%len(targets) != i {
			last--
		}
		if got := w.ref.Conv(k).CustomData; got != fmt.Sprintf("burst-%d", last) {
			t.Fatalf("%s: custom data %q, want burst-%d", k, got, last)
		}
	}
}

// A push whose answer is lost: the device sends the same pending operations again with the
// next ones; the server skips those it applied, and the lost answer, arriving late, changes
// nothing.
func TestPushRepeatedAfterLostAnswer(t *testing.T) {
	backend, toks := startBackend(t, "lost")
	w := newWorld(t, backend.url, toks["lost"], "lost")
	feed := feedJSON(convPool)
	a := w.addDevice("phone", filepath.Join(t.TempDir(), "data"))
	b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
	for _, d := range w.devs {
		d.run("upsert", feed)
	}
	b.run("create", "Work", `["c2c_u5"]`)
	b.round()
	a.run("create", "Home", `["c2c_u0"]`)
	a.run("add", "Work", `["c2c_u1"]`) // locally 51009 (A has not seen "Work"): records nothing
	a.run("pin", "u1", "1", "1")
	doc1, p1 := a.pending(0)
	lost := w.post(a, doc1)
	v := w.version
	a.run("custom", `["c2c_u0"]`, "after")
	doc2, p2 := a.pending(0)
	if len(p2.Ops) != len(p1.Ops)+1 || !strings.HasPrefix(doc2[strings.Index(doc2, "["):], strings.TrimSuffix(doc1[strings.Index(doc1, "["):], "]}")) {
		t.Fatalf("the repeat does not start with the same ops:\n%s\n%s", doc1, doc2)
	}
	a.apply(w.post(a, doc2))
	if w.version != v+1 || w.last[p2.ClientID] != p2.Ops[len(p2.Ops)-1].ID {
		t.Fatalf("v%d (was %d), last op %d", w.version, v, w.last[p2.ClientID])
	}
	if a.apply(lost) {
		t.Fatal("the lost, older answer was applied")
	}
	if len(a.events) != 0 {
		t.Fatalf("the older answer fired %+v", a.events)
	}
	b.round()
	w.finish(feed)
	if gjson.Get(a.ok("groups"), "#").Int() != 2 {
		t.Fatal("groups")
	}
}

// A rejection whose answer was lost is still reported when the device, before pushing again,
// applied a state document that names no client (GET /v1/state without client_id: it
// acknowledges nothing, but the device's version moves past the rejection's).
func TestRejectionReportedAfterStateWithoutClient(t *testing.T) {
	backend, toks := startBackend(t, "noclient")
	w := newWorld(t, backend.url, toks["noclient"], "noclient")
	feed := feedJSON(convPool)
	a := w.addDevice("phone", filepath.Join(t.TempDir(), "data"))
	b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
	for _, d := range w.devs {
		d.run("upsert", feed)
	}
	b.run("create", "Work", `["c2c_u0"]`)
	b.round()
	a.round()
	b.run("gdelete", "Work")
	b.round()
	a.run("add", "Work", `["c2c_u1"]`) // offline: "Work" is still there on the phone
	doc, _ := a.pending(0)
	w.post(a, doc) // rejected (51009); the answer is lost
	a.apply(w.stateDoc(a, false))
	a.round()
	w.finish(feed)
	if got := w.rejectionCount(); got[51009] != 1 {
		t.Fatalf("rejections: %v", got)
	}
}

// A device whose cache is restored from an older copy reuses op ids the server has applied.
// It must take a new client id and push its new operations again under it, losing none:
//   - it allocated fewer op ids since the restore than the server applied: the answer's last
//     op id is above every op id it allocated, and the apply renews the client id;
//   - as many or more: the push carries the server's last op id with other content, the
//     backend applies nothing and answers the state marked sync_state_is_client_stale, and
//     the apply renews the client id. (Before, the backend refused it with 409 and the host
//     had nothing to give the library: a state fetched instead acknowledged the new
//     operations, which were dropped unapplied and unreported.)
func TestRestoredCacheTakesNewClientID(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after [][]string // calls made on the restored cache
		stale bool       // the push's answer says sync_state_is_client_stale
	}{
		{"fewer ops", [][]string{{"mark", `["c2c_u3"]`, "1", "1"}}, false},
		{"as many ops", [][]string{{"mark", `["c2c_u3"]`, "1", "1"}, {"mark", `["c2c_u4"]`, "2", "1"}}, true},
		{"more ops", [][]string{{"mark", `["c2c_u3"]`, "1", "1"}, {"mark", `["c2c_u4"]`, "2", "1"}, {"custom", `["c2c_u5"]`, "x"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user := strings.ReplaceAll(tc.name, " ", "")
			backend, toks := startBackend(t, user)
			w := newWorld(t, backend.url, toks[user], user)
			feed := feedJSON(convPool)
			dir := filepath.Join(t.TempDir(), "data")
			a := w.addDevice("phone", dir)
			b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
			for _, d := range w.devs {
				d.run("upsert", feed)
			}
			a.run("create", "Work", `["c2c_u0"]`)
			a.round()
			// The backup: the process stopped, its directory copied.
			a.kill()
			backup := filepath.Join(t.TempDir(), "backup")
			if out, err := exec.Command("cp", "-a", dir, backup).CombinedOutput(); err != nil {
				t.Fatalf("%v %s", err, out)
			}
			conf, ver := a.confirmed, a.version
			a.restartOnly()
			a.run("pin", "u1", "1", "1")
			a.run("pin", "u2", "1", "1")
			a.round() // the server has applied ops 1..3 of this client
			_, p := a.pending(0)
			w.restored[p.ClientID] = true
			// The restore.
			a.kill()
			if out, err := exec.Command("sh", "-c", `rm -rf "$1" && cp -a "$2" "$1"`, "sh", dir, backup).CombinedOutput(); err != nil {
				t.Fatalf("%v %s", err, out)
			}
			a.confirmed, a.version = conf, ver
			a.restartOnly()
			for _, c := range tc.after {
				a.run(c...)
			}
			doc, _ := a.pending(0)
			status, body := w.push(a, doc)
			if status != 200 || strings.Contains(body, `"sync_state_is_client_stale":true`) != tc.stale {
				t.Fatalf("push: %d %s", status, body)
			}
			a.apply(body)
			if _, p2 := a.pending(0); p2.ClientID == p.ClientID || len(p2.Ops) != len(tc.after) || p2.Ops[0].ID != 1 {
				t.Fatalf("after the apply: client %s (was %s), %d ops from %d", p2.ClientID, p.ClientID, len(p2.Ops), p2.Ops[0].ID)
			}
			a.round()
			b.round()
			w.finish(feed)
			got := w.devs[1].last.String()
			for _, want := range []string{"Work[c2c_u0];", `c2c_u1:0x0,true,""`, `c2c_u2:0x0,true,""`, `c2c_u3:0x1,false,""`} {
				if !strings.Contains(got, want) {
					t.Fatalf("%s lacks %s", got, want)
				}
			}
		})
	}
}

// A device killed with SIGKILL while it applies a large state document: after the restart it
// shows either what it showed before or the document's result, never a mix (the apply is one
// transaction), and applying the document again converges.
func TestDeviceKilledDuringApply(t *testing.T) {
	backend, toks := startBackend(t, "midapply")
	w := newWorld(t, backend.url, toks["midapply"], "midapply")
	var keys []string
	for i := 0; i < 1000; i++ {
		keys = append(keys, fmt.Sprintf("c2c_w%04d", i))
	}
	feed := feedJSON(keys)
	a := w.addDevice("phone", filepath.Join(t.TempDir(), "data"))
	b := w.addDevice("desktop", filepath.Join(t.TempDir(), "data"))
	for _, d := range w.devs {
		d.light = true
		d.run("upsert", feed)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	mid := 0
	for round := 0; round < 4; round++ {
		// The phone changes many conversations at once.
		name := fmt.Sprintf("R%d", round)
		for i := 0; i < 5; i++ {
			lo := (round*5 + i) * 30 % 900
			a.run("create", fmt.Sprintf("%s-%d", name, i), idsJSON(keys[lo:lo+100]))
			a.run("mark", idsJSON(keys[lo+50:lo+150]), fmt.Sprint(uint64(1)<<(round%4)), fmt.Sprint(1-round%2))
		}
		if round > 0 {
			a.run("gdelete", fmt.Sprintf("R%d-0", round-1))
		}
		a.round()
		// The desktop gets the answer and is killed while it applies it.
		doc, _ := b.pending(0)
		answer := w.post(b, doc)
		sd, _ := roam.DecodeState(answer)
		b.fresh()
		before := b.confirmed
		b.send("apply", answer)
		time.Sleep(time.Duration(rng.Intn(60000)) * time.Microsecond)
		b.kill()
		b.restartOnlyWith(func() bool {
			// Before or after, whole.
			for _, c := range []*roam.State{before, sd.State} {
				b.confirmed = c
				if b.viewMatches() {
					if c == sd.State {
						b.version = sd.Version
						mid++
					}
					return true
				}
			}
			return false
		})
		b.apply(answer)
	}
	t.Logf("%d of 4 applies had committed before the kill", mid)
	w.finish(feed)
}
