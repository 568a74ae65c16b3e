package engine

// Calls of the Tencent compatibility surface that are not conversation rules.

import "github.com/timconvgroup/timconvgroup/core/tim"

// Answer accepts a call that needs no login and whose answer is known at once (the
// not-supported surface of the C ABI): the callback gets code, desc and json on the sink, in
// acceptance order with every other call. tim.ErrUninit when not running; cb.Fn == 0 delivers
// nothing.
func (e *Engine) Answer(cb Callback, code tim.Code, desc, json string) int {
	return e.enqueue(&op{cb: cb, inline: true, fn: func() (result, error) {
		return result{code: code, desc: desc, json: json}, nil
	}}, nil)
}
