package engine

import "github.com/timconvgroup/timconvgroup/core/conv"

// Answer accepts a call that needs no login and whose answer is known at once (the
// not-supported surface of the C ABI): the callback gets code, desc and json on the sink, in
// acceptance order with every other call. tim.ErrUninit when not running; cb.Fn == 0 delivers
// nothing.
func (e *Engine) Answer(cb Callback, code int32, desc, json string) int {
	return e.submit(false, false, cb, func() (result, error) {
		return result{code: code, desc: desc, json: json}, nil
	})
}

// CreateConv is Tencent's deprecated TIMConvCreate: the conversation's ConvInfo, created with
// only its ID and type when the cache does not have it (an Add event then).
func (e *Engine) CreateConv(convID string, convType int32, cb Callback) int {
	return e.submit(true, true, cb, func() (result, error) {
		if r, good := checkBare(convID, convType); !good {
			return r, nil
		}
		s := e.sess
		old, err := s.st.GetConv(convType, convID)
		if err != nil {
			return result{}, err
		}
		if old != nil {
			return ok(old.Info), nil
		}
		c := &conv.Conv{Type: convType, ID: convID}
		if err := s.put(nil, c); err != nil {
			return result{}, err
		}
		return ok(c.Info), nil
	})
}
