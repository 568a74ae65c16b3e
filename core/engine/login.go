package engine

// Lifecycle calls (header section 3) that need the worker. TIMInit and TIMUninit are Init and
// Close (engine.go). Login and logout replace the session, which is the shell's state, so their
// closures do a little more than call one session method: they keep the accepted login
// (Check's view) in step with the session the worker holds.

import (
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// Login opens the user's cache, fires Start and Finish, then the callback.
func (e *Engine) Login(userID, userSig string, cb Callback) int {
	var gen uint64
	o := &op{cb: cb}
	o.fn = func() (result, error) { return e.login(userID, userSig, gen), nil }
	return e.enqueue(o, func() {
		if validUser(userID) && userSig != "" {
			e.loginGen++
			gen = e.loginGen
			if e.acceptedUser == "" {
				e.acceptedUser = userID
			}
		}
	})
}

// login runs on the worker. gen is the login generation of this call's acceptance (0: its
// arguments were invalid, so it can change nothing). Its outcome becomes the accepted login state
// only when no later login or logout was accepted in between (loginGen unchanged): Login then
// Logout, both accepted before the login ran, must leave the accepted state logged out.
func (e *Engine) login(user, sig string, gen uint64) result {
	if r, open := checkLogin(e.sess, user, sig); !open {
		return r
	}
	s, err := openSession(e.sessionEnv(), user)
	if err != nil {
		e.mu.Lock()
		if e.loginGen == gen {
			e.acceptedUser = ""
		}
		e.mu.Unlock()
		return loginFailed(e.Log, user, err)
	}
	e.sess = s
	e.mu.Lock()
	if e.loginGen == gen {
		e.acceptedUser = user
	}
	e.mu.Unlock()
	return s.started()
}

// Logout closes the cache. It succeeds also when nobody is logged in.
func (e *Engine) Logout(cb Callback) int {
	o := &op{cb: cb}
	o.fn = func() (result, error) {
		if e.sess != nil {
			e.sess.logout()
			e.sess = nil
		}
		return ok(""), nil
	}
	return e.enqueue(o, func() { e.acceptedUser = ""; e.loginGen++ })
}

// LoginStatus reports tim.StatusLoggedIn or tim.StatusLoggedOut as of every call accepted
// before it.
func (e *Engine) LoginStatus() int {
	r, rej := e.call(false, false, func() (result, error) {
		if e.sess != nil {
			return result{sync: tim.StatusLoggedIn}, nil
		}
		return result{sync: tim.StatusLoggedOut}, nil
	})
	if rej != tim.Succ {
		return tim.StatusLoggedOut
	}
	return r.sync
}

// LoginUserID returns the logged-in user and tim.Succ, or "" and tim.ErrUninit/ErrNoLogin.
func (e *Engine) LoginUserID() (string, int) {
	r, rej := e.call(false, false, func() (result, error) {
		if e.sess == nil {
			return result{sync: tim.ErrNoLogin}, nil
		}
		return result{str: e.sess.user}, nil
	})
	if rej != tim.Succ {
		return "", rej
	}
	return r.str, r.sync
}
