package main

// A device of the convergence and fault tests: testdata/syncdevice.c, a small C program that
// uses the built library (build/libtimconvgroup.so) through its C ABI, each in its own process
// with its own data directory, driven over stdin/stdout (one command a line, one JSON object a
// line back). The C ABI rather than core/engine in this process: what is tested is what a host
// gets (the exports, the dispatcher thread, the listeners' JSON), and kill -9 kills a real
// process that holds a real cache.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

var (
	deviceOnce sync.Once
	deviceBin  string
	deviceErr  error
)

// deviceBinary builds testdata/syncdevice.c against build/libtimconvgroup.so (make lib; make
// test-sync builds it first).
func deviceBinary(t *testing.T) string {
	t.Helper()
	deviceOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			deviceErr = err
			return
		}
		build := filepath.Join(root, "build")
		if _, err := os.Stat(filepath.Join(build, "libtimconvgroup.so")); err != nil {
			deviceErr = fmt.Errorf("%s/libtimconvgroup.so is missing: run `make lib` (make test-sync builds it)", build)
			return
		}
		// Next to the service's binary: TestMain removes that directory.
		deviceBin = filepath.Join(filepath.Dir(binary), "syncdevice")
		cc := os.Getenv("CC")
		if cc == "" {
			cc = "cc"
		}
		out, err := exec.Command(cc, "-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror", "-pthread",
			"-I", filepath.Join(root, "include"), "-o", deviceBin, "testdata/syncdevice.c",
			"-L", build, "-ltimconvgroup", "-Wl,-rpath,"+build).CombinedOutput()
		if err != nil {
			deviceErr = fmt.Errorf("building the device program: %v\n%s", err, out)
		}
	})
	if deviceErr != nil {
		t.Fatal(deviceErr)
	}
	return deviceBin
}

// line is one line of the device program's output.
type line struct {
	K    string `json:"k"`    // conv, gcreated, gdeleted, grenamed, gadded, gremoved, rejected, ack, res
	E    int    `json:"e"`    // conv: the TIMConvEvent
	N    string `json:"n"`    // group name (old name for grenamed)
	M    string `json:"m"`    // grenamed: new name
	A    string `json:"a"`    // JSON of the listener or callback
	R    int    `json:"r"`    // gremoved: reason
	I    int    `json:"i"`    // ack: index of the burst call
	Ret  int    `json:"ret"`  // res: the call's TIMResult
	Code int    `json:"code"` // res, ack: callback code
	Desc string `json:"desc"`
}

// devProc is one running device process.
type devProc struct {
	t    *testing.T
	name string
	dir  string
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
}

func startDevice(t *testing.T, name, dir, user string) *devProc {
	t.Helper()
	cmd := exec.Command(deviceBinary(t), dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &devProc{t: t, name: name, dir: dir, cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}
	t.Cleanup(func() { d.kill() })
	if _, r := d.do("login", user); r.Ret != 0 || r.Code != 0 {
		t.Fatalf("%s: login: %+v", name, r)
	}
	return d
}

// kill sends SIGKILL and reaps the process.
func (d *devProc) kill() {
	if d.cmd.ProcessState == nil {
		d.cmd.Process.Kill()
		d.cmd.Wait()
	}
}

func (d *devProc) send(fields ...string) {
	d.t.Helper()
	for _, f := range fields {
		if strings.ContainsAny(f, "\t\n") {
			d.t.Fatalf("%s: a command field holds a tab or newline: %q", d.name, f)
		}
	}
	if _, err := io.WriteString(d.in, strings.Join(fields, "\t")+"\n"); err != nil {
		d.t.Fatalf("%s: write: %v", d.name, err)
	}
}

func (d *devProc) read() line {
	d.t.Helper()
	s, err := d.out.ReadString('\n')
	if err != nil {
		d.t.Fatalf("%s: the device process ended: %v", d.name, err)
	}
	var l line
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		d.t.Fatalf("%s: bad line %q: %v", d.name, s, err)
	}
	return l
}

// do runs one command and returns the listener lines it caused and its result.
func (d *devProc) do(fields ...string) ([]line, line) {
	d.t.Helper()
	d.send(fields...)
	var evs []line
	for {
		l := d.read()
		if l.K == "res" {
			return evs, l
		}
		evs = append(evs, l)
	}
}

// ok runs a query or call that must succeed and have no listener call; it returns its JSON.
func (d *devProc) ok(fields ...string) string {
	d.t.Helper()
	evs, r := d.do(fields...)
	if r.Ret != 0 || r.Code != 0 || len(evs) != 0 {
		d.t.Fatalf("%s: %s: %+v, events %+v", d.name, fields[0], r, evs)
	}
	return r.A
}

// ---- what a device shows ----

// fields is the roaming state of one conversation as a ConvInfo shows it.
type fields struct {
	Marks  uint64
	Pinned bool
	Custom string
}

// shown is a device's visible roaming state: its conversations (every one it lists, with or
// without roaming state) and its groups in order with their members.
type shown struct {
	convs  map[string]fields
	order  []string
	groups map[string]map[string]bool
}

func newShown() *shown {
	return &shown{convs: map[string]fields{}, groups: map[string]map[string]bool{}}
}

func convKeyOf(c gjson.Result) string {
	p := "c2c_"
	if c.Get("conv_type").Int() == 2 {
		p = "group_"
	}
	return p + c.Get("conv_id").String()
}

func fieldsOf(c gjson.Result) fields {
	var f fields
	for _, m := range c.Get("conv_mark_array").Array() {
		f.Marks |= m.Uint()
	}
	f.Pinned = c.Get("conv_is_pinned").Bool()
	f.Custom = c.Get("conv_custom_data").String()
	return f
}

// shown reads the device's state through TIMConvGetConvList and TIMConvGetConversationGroupList.
func (d *devProc) shown() *shown {
	d.t.Helper()
	s := newShown()
	for _, g := range gjson.Parse(d.ok("groups")).Array() {
		s.order = append(s.order, g.String())
		s.groups[g.String()] = map[string]bool{}
	}
	gjson.Parse(d.ok("convs")).ForEach(func(_, c gjson.Result) bool {
		k := convKeyOf(c)
		s.convs[k] = fieldsOf(c)
		for _, g := range c.Get("conv_conversation_group_array").Array() {
			m := s.groups[g.String()]
			if m == nil {
				d.t.Fatalf("%s: %s is in group %q, which the group list lacks", d.name, k, g.String())
			}
			m[k] = true
		}
		return true
	})
	// The group filter reads the membership rows, not the ConvInfos: both must agree.
	for _, g := range s.order {
		f, _ := json.Marshal(map[string]string{"conversation_list_filter_conversation_group": g})
		var got []string
		gjson.Get(d.ok("filter", string(f)), "conversation_list_result_conv_list").ForEach(func(_, c gjson.Result) bool {
			got = append(got, convKeyOf(c))
			return true
		})
		var want []string
		for k := range s.groups[g] {
			want = append(want, k)
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			d.t.Fatalf("%s: the filter on group %q lists %v, the ConvInfos name %v", d.name, g, got, want)
		}
	}
	return s
}

func (s *shown) clone() *shown {
	n := newShown()
	for k, v := range s.convs {
		n.convs[k] = v
	}
	n.order = append(n.order, s.order...)
	for g, m := range s.groups {
		c := map[string]bool{}
		for k := range m {
			c[k] = true
		}
		n.groups[g] = c
	}
	return n
}

// String renders groups in order ("name[members]"), then every conversation with state.
func (s *shown) String() string { return s.render(true) }

func (s *shown) render(withOrder bool) string {
	var b strings.Builder
	names := append([]string(nil), s.order...)
	if !withOrder {
		sort.Strings(names)
	}
	for _, n := range names {
		var m []string
		for k := range s.groups[n] {
			m = append(m, k)
		}
		sort.Strings(m)
		fmt.Fprintf(&b, "%s%v;", n, m)
	}
	b.WriteString("|")
	var ks []string
	for k := range s.convs {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		f := s.convs[k]
		fmt.Fprintf(&b, "%s:%#x,%v,%q;", k, f.Marks, f.Pinned, f.Custom)
	}
	return b.String()
}

// fromState is what a device that lists the conversations fed should show for a roaming
// state: its groups in order, members restricted to the conversations it lists, and those
// conversations' fields.
func fromState(st *roam.State, fed map[string]bool) *shown {
	s := newShown()
	for _, g := range st.Groups() {
		s.order = append(s.order, g.Name)
		m := map[string]bool{}
		for _, k := range g.Members {
			if fed[k] {
				m[k] = true
			}
		}
		s.groups[g.Name] = m
	}
	for k := range fed {
		c := st.Conv(k)
		s.convs[k] = fields{c.Marks, c.Pinned, c.CustomData}
	}
	return s
}

// fold applies listener lines to a shown state, as a host that keeps its own copy from the
// listeners would: groups created (with the ConvInfo of their members), deleted, renamed,
// conversations added to and deleted from groups, and kTIMConvEvent_Add / _Del / _Update for
// the conversations' marks, pin and custom data (a conversation added to the list brings its
// groups in its ConvInfo: no group event announces them). It returns what makes no sense (an
// event about a group or conversation the state does not have).
func fold(s *shown, evs []line) []string {
	var errs []string
	bad := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	keys := func(a string) []string {
		var out []string
		gjson.Parse(a).ForEach(func(_, c gjson.Result) bool {
			out = append(out, convKeyOf(c))
			return true
		})
		return out
	}
	for _, e := range evs {
		switch e.K {
		case "conv":
			gjson.Parse(e.A).ForEach(func(_, c gjson.Result) bool {
				k := convKeyOf(c)
				_, have := s.convs[k]
				switch e.E {
				case 0: // Add
					if have {
						bad("Add of %s, which is listed", k)
					}
					s.convs[k] = fieldsOf(c)
					for _, g := range c.Get("conv_conversation_group_array").Array() {
						if m := s.groups[g.String()]; m != nil {
							m[k] = true
						} else {
							bad("Add of %s in group %q, which does not exist", k, g.String())
						}
					}
				case 1: // Del
					if !have {
						bad("Del of %s, which is not listed", k)
					}
					delete(s.convs, k)
				case 2: // Update
					if !have {
						bad("Update of %s, which is not listed", k)
					}
					s.convs[k] = fieldsOf(c)
				}
				return true
			})
		case "gcreated":
			if s.groups[e.N] != nil {
				bad("created %q, which exists", e.N)
			}
			m := map[string]bool{}
			for _, k := range keys(e.A) {
				m[k] = true
			}
			s.groups[e.N] = m
			s.order = append(s.order, e.N)
		case "gdeleted":
			if s.groups[e.N] == nil {
				bad("deleted %q, which does not exist", e.N)
			}
			delete(s.groups, e.N)
			for i, n := range s.order {
				if n == e.N {
					s.order = append(s.order[:i:i], s.order[i+1:]...)
					break
				}
			}
		case "grenamed":
			m := s.groups[e.N]
			if m == nil || s.groups[e.M] != nil {
				bad("renamed %q to %q: old missing or new exists", e.N, e.M)
				break
			}
			delete(s.groups, e.N)
			s.groups[e.M] = m
			for i, n := range s.order {
				if n == e.N {
					s.order[i] = e.M
				}
			}
		case "gadded", "gremoved":
			m := s.groups[e.N]
			if m == nil {
				bad("%s on %q, which does not exist", e.K, e.N)
				break
			}
			for _, k := range keys(e.A) {
				if e.K == "gadded" {
					if m[k] {
						bad("added %s to %q, already a member", k, e.N)
					}
					m[k] = true
				} else {
					if !m[k] {
						bad("deleted %s from %q, not a member", k, e.N)
					}
					if e.R != 0 {
						bad("deleted-from %q with reason %d", e.N, e.R)
					}
					delete(m, k)
				}
			}
		}
	}
	return errs
}

// ---- the push document as the device gives it ----

func (d *devProc) pending(max int) (string, *roam.Push) {
	d.t.Helper()
	doc := d.ok("pending", fmt.Sprint(max))
	p, err := roam.DecodePush(doc)
	if err != nil {
		d.t.Fatalf("%s: the push document does not decode: %v\n%s", d.name, err, doc)
	}
	return doc, p
}
