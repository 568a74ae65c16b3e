package engine

import (
	"testing"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// holdWorker queues an operation that keeps the worker busy until the returned func is called,
// so that the calls a test makes next are all accepted before any of them runs.
func holdWorker(t *testing.T, e *Engine) (release func()) {
	t.Helper()
	gate, running := make(chan struct{}), make(chan struct{})
	o := &op{fn: func() (result, error) { close(running); <-gate; return ok(""), nil }}
	if r := e.enqueue(o, nil); r != tim.Succ {
		t.Fatalf("holding the worker: %d", r)
	}
	<-running
	return func() { close(gate) }
}

// The accepted login state (what decides -2 at once) follows the last accepted login or logout,
// whatever order the worker then runs them in.
func TestAcceptedLoginFollowsTheLastAcceptedCall(t *testing.T) {
	cases := []struct {
		name  string
		calls []string // "login:USER" or "logout"
		want  string   // the logged-in user afterwards, "" = logged out
	}{
		{"login then logout, both accepted before the login ran", []string{"login:alice", "logout"}, ""},
		{"login, logout, login as another user", []string{"login:alice", "logout", "login:bob"}, "bob"},
		{"logout then login", []string{"logout", "login:alice"}, "alice"},
		{"the same login twice", []string{"login:alice", "login:alice"}, "alice"},
		{"an invalid login after a valid one changes nothing", []string{"login:alice", "login:"}, "alice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := startH(t, tempDir(t))
			release := holdWorker(t, x.e)
			var ids []uintptr
			for _, call := range c.calls {
				id := uintptr(cbSeq.Add(1))
				cb := Callback{Fn: id, UserData: id}
				var r int
				if call == "logout" {
					r = x.e.Logout(cb)
				} else {
					r = x.e.Login(call[len("login:"):], "sig", cb)
				}
				if r != tim.Succ {
					t.Fatalf("%s rejected with %d", call, r)
				}
				ids = append(ids, id)
			}
			release()
			for _, id := range ids {
				x.wait(id)
			}
			wantCheck, wantStatus := tim.Succ, tim.StatusLoggedIn
			if c.want == "" {
				wantCheck, wantStatus = tim.ErrNoLogin, tim.StatusLoggedOut
			}
			if got := x.e.Check(true); got != wantCheck {
				t.Errorf("Check(needLogin) = %d, want %d", got, wantCheck)
			}
			if got := x.e.LoginStatus(); got != wantStatus {
				t.Errorf("LoginStatus = %d, want %d", got, wantStatus)
			}
			if user, _ := x.e.LoginUserID(); user != c.want {
				t.Errorf("LoginUserID = %q, want %q", user, c.want)
			}
		})
	}
}
