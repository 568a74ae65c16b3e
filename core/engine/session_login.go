package engine

// The rules of login and logout (header section 3). The session does not exist before the
// login opens it, so the rules that come first are plain functions of the current session.

import (
	"errors"
	"fmt"

	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// checkLogin applies TIMLogin's rules before the cache opens, against cur, the current session
// (nil: logged out): the arguments (6017); the same user again succeeds with nothing to do;
// another user must log out first (6017). open reports that the user's cache is to be opened.
func checkLogin(cur *session, user, sig string) (r result, open bool) {
	if bad := checkLoginArgs(user, sig); bad != nil {
		return *bad, false
	}
	switch {
	case cur != nil && cur.user == user:
		return ok(""), false
	case cur != nil:
		return fail(tim.CodeInvalidParam, "already logged in as %s; log out before logging in as %s", brief(cur.user), brief(user)), false
	}
	return result{}, true
}

// loginFailed is the result of a login whose cache did not open: 6022 when another process
// holds it or it cannot be read or written, 6019 when it is damaged (it is refused, untouched).
func loginFailed(log func(int32, string), user string, err error) result {
	log(tim.LogWarn, fmt.Sprintf("login %s failed: %v", brief(user), err))
	switch {
	case errors.Is(err, store.ErrLocked), errors.Is(err, store.ErrIO):
		return fail(tim.CodeIO, "cannot open the cache of %s: %v", brief(user), err)
	default:
		return fail(tim.CodeStorage, "cannot open the cache of %s: %v", brief(user), err)
	}
}

// started completes a login: the session that just opened fires the conversation events
// Start then Finish.
func (s *session) started() result {
	s.env.log(tim.LogInfo, fmt.Sprintf("logged in as %s (%s)", brief(s.user), s.st.Path))
	s.emit(Delivery{Kind: KindConvEvent, Event: tim.EventStart})
	s.emit(Delivery{Kind: KindConvEvent, Event: tim.EventFinish})
	return ok("")
}

// logout closes the cache; paging cursors and subscriptions go with the session.
func (s *session) logout() {
	s.env.log(tim.LogInfo, "logged out "+brief(s.user))
	s.close()
}
