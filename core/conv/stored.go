package conv

import (
	"unicode/utf8"
)

// Reading a stored ConvInfo fast. Nearly every stored ConvInfo is in the exact form AppendJSON
// writes (keys in its order, no space, each value in its one spelling). decodeCanonical reads
// that form in one pass over the bytes, without gjson, and accepts nothing else: whatever it
// accepts is a fixed point of AppendJSON (AppendJSON of what it read gives the input back,
// byte for byte) and reads as Decode's general reader reads it; anything else (an older
// spelling, an escape in a string, ...) goes to the general reader. conv's tests check both
// properties on random conversations and on damaged forms.

// canon is a cursor over a stored ConvInfo.
type canon struct {
	s string
	i int
}

// lit consumes the literal text t.
func (p *canon) lit(t string) bool {
	if len(p.s)-p.i < len(t) || p.s[p.i:p.i+len(t)] != t {
		return false
	}
	p.i += len(t)
	return true
}

// list reads the rest of an array whose "[" was read: "]", or elements (each read by elem)
// separated by "," and closed by "]".
func (p *canon) list(elem func() bool) bool {
	if p.lit("]") {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if p.lit("]") {
			return true
		}
		if !p.lit(",") {
			return false
		}
	}
}

// str consumes a string AppendString writes unchanged and that gjson reads without
// unescaping: no escape, no control byte, valid UTF-8, no U+2028/U+2029 (which AppendString
// escapes). It returns the string's text, a part of p.s.
func (p *canon) str() (string, bool) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", false
	}
	start := p.i + 1
	for j := start; j < len(p.s); {
		c := p.s[j]
		switch {
		case c == '"':
			p.i = j + 1
			return p.s[start:j], true
		case c == '\\' || c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			j++
		default:
			r, size := utf8.DecodeRuneInString(p.s[j:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				return "", false
			}
			j += size
		}
	}
	return "", false
}

// uint consumes an unsigned decimal in AppendUint's spelling (no sign, no leading zero) that
// fits 64 bits.
func (p *canon) uint() (uint64, bool) {
	j := p.i
	if j >= len(p.s) || p.s[j] < '0' || p.s[j] > '9' {
		return 0, false
	}
	if p.s[j] == '0' {
		if j+1 < len(p.s) && p.s[j+1] >= '0' && p.s[j+1] <= '9' {
			return 0, false
		}
		p.i = j + 1
		return 0, true
	}
	var n uint64
	for ; j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9'; j++ {
		d := uint64(p.s[j] - '0')
		if n > (1<<64-1-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if j < len(p.s) && (p.s[j] == '.' || p.s[j] == 'e' || p.s[j] == 'E') {
		return 0, false
	}
	p.i = j
	return n, true
}

// int32 consumes a decimal in AppendInt's spelling that fits 32 bits.
func (p *canon) int32() (int32, bool) {
	neg := p.i < len(p.s) && p.s[p.i] == '-'
	if neg {
		p.i++
	}
	n, ok := p.uint()
	switch {
	case !ok, neg && n == 0, !neg && n > 1<<31-1, neg && n > 1<<31:
		return 0, false
	case neg:
		return int32(-int64(n)), true
	}
	return int32(n), true
}

func (p *canon) bool() (bool, bool) {
	if p.lit("true") {
		return true, true
	}
	if p.lit("false") {
		return false, true
	}
	return false, false
}

// object consumes a JSON object (strictly valid JSON, any spelling) and returns its text.
func (p *canon) object() (string, bool) {
	start := p.i
	if p.i >= len(p.s) || p.s[p.i] != '{' || !p.value(0) {
		return "", false
	}
	return p.s[start:p.i], true
}

// value consumes one strictly valid JSON value (no space anywhere, as AppendJSON's opaque
// objects are stored compact), nested at most 64 deep.
func (p *canon) value(depth int) bool {
	if depth > 64 || p.i >= len(p.s) {
		return false
	}
	switch c := p.s[p.i]; {
	case c == '{' || c == '[':
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		p.i++
		if p.i < len(p.s) && p.s[p.i] == close {
			p.i++
			return true
		}
		for {
			if close == '}' {
				if !p.anyStr() || !p.lit(":") {
					return false
				}
			}
			if !p.value(depth + 1) {
				return false
			}
			if p.i >= len(p.s) {
				return false
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case close:
				p.i++
				return true
			default:
				return false
			}
		}
	case c == '"':
		return p.anyStr()
	case c == 't':
		return p.lit("true")
	case c == 'f':
		return p.lit("false")
	case c == 'n':
		return p.lit("null")
	default:
		return p.number()
	}
}

// anyStr consumes a valid JSON string (escapes allowed).
func (p *canon) anyStr() bool {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return false
	}
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			p.i = j + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			j++
			if j >= len(p.s) {
				return false
			}
			switch p.s[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(p.s) {
					return false
				}
				for k := j + 1; k <= j+4; k++ {
					if !isHex(p.s[k]) {
						return false
					}
				}
				j += 4
			default:
				return false
			}
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number consumes a JSON number.
func (p *canon) number() bool {
	j := p.i
	digits := func() bool {
		k := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	if j < len(p.s) && p.s[j] == '0' {
		j++
	} else if !digits() {
		return false
	}
	if j < len(p.s) && p.s[j] == '.' {
		j++
		if !digits() {
			return false
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if !digits() {
			return false
		}
	}
	p.i = j
	return true
}

// decodeCanonical reads info when it is exactly in AppendJSON's form; ok is false otherwise.
func decodeCanonical(info string) (c *Conv, ok bool) {
	p := canon{s: info}
	c = &Conv{Info: info}
	var hasMsg, hasDraft bool
	if !p.lit(`{"conv_id":`) {
		return nil, false
	}
	if c.ID, ok = p.str(); !ok || !p.lit(`,"conv_type":`) {
		return nil, false
	}
	if c.Type, ok = p.int32(); !ok || !p.lit(`,"conv_show_name":`) {
		return nil, false
	}
	if c.ShowName, ok = p.str(); !ok || !p.lit(`,"conv_face_url":`) {
		return nil, false
	}
	if c.FaceURL, ok = p.str(); !ok || !p.lit(`,"conv_unread_num":`) {
		return nil, false
	}
	if c.Unread, ok = p.uint(); !ok || !p.lit(`,"conv_active_time":`) {
		return nil, false
	}
	if c.ActiveTime, ok = p.uint(); !ok || !p.lit(`,"conv_is_has_lastmsg":`) {
		return nil, false
	}
	if hasMsg, ok = p.bool(); !ok {
		return nil, false
	}
	if hasMsg {
		if !p.lit(`,"conv_last_msg":`) {
			return nil, false
		}
		if c.LastMsg, ok = p.object(); !ok {
			return nil, false
		}
	}
	if !p.lit(`,"conv_is_has_draft":`) {
		return nil, false
	}
	if hasDraft, ok = p.bool(); !ok {
		return nil, false
	}
	if hasDraft {
		if !p.lit(`,"conv_draft":`) {
			return nil, false
		}
		if c.Draft, ok = p.object(); !ok {
			return nil, false
		}
	}
	if !p.lit(`,"conv_recv_opt":`) {
		return nil, false
	}
	if c.RecvOpt, ok = p.int32(); !ok || !p.lit(`,"conv_group_type":`) {
		return nil, false
	}
	if c.GroupType, ok = p.int32(); !ok || !p.lit(`,"conv_group_at_info_array":[`) {
		return nil, false
	}
	if !p.list(func() bool {
		var a AtInfo
		var ok bool
		if !p.lit(`{"conv_group_at_info_seq":`) {
			return false
		}
		if a.Seq, ok = p.uint(); !ok || !p.lit(`,"conv_group_at_info_at_type":`) {
			return false
		}
		if a.AtType, ok = p.int32(); !ok || !p.lit("}") {
			return false
		}
		c.AtInfo = append(c.AtInfo, a)
		return true
	}) {
		return nil, false
	}
	if !p.lit(`,"conv_is_pinned":`) {
		return nil, false
	}
	if c.Pinned, ok = p.bool(); !ok || !p.lit(`,"conv_mark_array":[`) {
		return nil, false
	}
	if !p.list(func() bool {
		m, ok := p.uint()
		// AppendJSON writes each set bit once, lowest first.
		if !ok || m == 0 || m&(m-1) != 0 || m <= c.Marks {
			return false
		}
		c.Marks |= m
		return true
	}) {
		return nil, false
	}
	if !p.lit(`,"conv_custom_data":`) {
		return nil, false
	}
	if c.CustomData, ok = p.str(); !ok || !p.lit(`,"conv_conversation_group_array":[`) {
		return nil, false
	}
	if !p.list(func() bool {
		g, ok := p.str()
		if ok {
			c.Groups = append(c.Groups, g)
		}
		return ok
	}) {
		return nil, false
	}
	if p.lit(`,"conv_c2c_read_timestamp":`) {
		if c.C2CReadTimestamp, ok = p.uint(); !ok || c.C2CReadTimestamp == 0 {
			return nil, false
		}
	}
	if p.lit(`,"conv_group_read_sequence":`) {
		if c.GroupReadSequence, ok = p.uint(); !ok || c.GroupReadSequence == 0 {
			return nil, false
		}
	}
	if !p.lit("}") || p.i != len(p.s) {
		return nil, false
	}
	return c, true
}
