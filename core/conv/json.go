package conv

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

// AppendJSON appends the ConvInfo JSON of c. Keys are always present except conv_last_msg and
// conv_draft, which are left out when the conversation has none.
func (c *Conv) AppendJSON(b []byte) []byte {
	b = append(b, `{"conv_id":`...)
	b = wire.AppendString(b, c.ID)
	b = append(b, `,"conv_type":`...)
	b = wire.AppendInt(b, int64(c.Type))
	b = append(b, `,"conv_show_name":`...)
	b = wire.AppendString(b, c.ShowName)
	b = append(b, `,"conv_face_url":`...)
	b = wire.AppendString(b, c.FaceURL)
	b = append(b, `,"conv_unread_num":`...)
	b = wire.AppendUint(b, c.Unread)
	b = append(b, `,"conv_active_time":`...)
	b = wire.AppendUint(b, c.ActiveTime)
	b = append(b, `,"conv_is_has_lastmsg":`...)
	b = wire.AppendBool(b, c.LastMsg != "")
	if c.LastMsg != "" {
		b = append(b, `,"conv_last_msg":`...)
		b = append(b, c.LastMsg...)
	}
	b = append(b, `,"conv_is_has_draft":`...)
	b = wire.AppendBool(b, c.Draft != "")
	if c.Draft != "" {
		b = append(b, `,"conv_draft":`...)
		b = append(b, c.Draft...)
	}
	b = append(b, `,"conv_recv_opt":`...)
	b = wire.AppendInt(b, int64(c.RecvOpt))
	b = append(b, `,"conv_group_type":`...)
	b = wire.AppendInt(b, int64(c.GroupType))
	b = append(b, `,"conv_group_at_info_array":[`...)
	for i, a := range c.AtInfo {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"conv_group_at_info_seq":`...)
		b = wire.AppendUint(b, a.Seq)
		b = append(b, `,"conv_group_at_info_at_type":`...)
		b = wire.AppendInt(b, int64(a.AtType))
		b = append(b, '}')
	}
	b = append(b, `],"conv_is_pinned":`...)
	b = wire.AppendBool(b, c.Pinned)
	b = append(b, `,"conv_mark_array":[`...)
	first := true
	for bit := 0; bit < 64; bit++ {
		if c.Marks&(1<<uint(bit)) != 0 {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = wire.AppendUint(b, 1<<uint(bit))
		}
	}
	b = append(b, `],"conv_custom_data":`...)
	b = wire.AppendString(b, c.CustomData)
	b = append(b, `,"conv_conversation_group_array":[`...)
	for i, g := range c.Groups {
		if i > 0 {
			b = append(b, ',')
		}
		b = wire.AppendString(b, g)
	}
	b = append(b, ']')
	if c.C2CReadTimestamp != 0 {
		b = append(b, `,"conv_c2c_read_timestamp":`...)
		b = wire.AppendUint(b, c.C2CReadTimestamp)
	}
	if c.GroupReadSequence != 0 {
		b = append(b, `,"conv_group_read_sequence":`...)
		b = wire.AppendUint(b, c.GroupReadSequence)
	}
	return append(b, '}')
}

// JSON returns the ConvInfo JSON of c.
func (c *Conv) JSON() string { return string(c.AppendJSON(make([]byte, 0, 384))) }

// Decode reads a ConvInfo JSON produced by AppendJSON (the stored form) back into a Conv: the
// exact form AppendJSON writes today in one pass over its bytes (decodeCanonical), any other
// in one pass over its keys with gjson.
func Decode(info string) (*Conv, error) {
	if c, ok := decodeCanonical(info); ok {
		return c, nil
	}
	return decodeGeneral(info)
}

// decodeGeneral reads any ConvInfo JSON object with gjson, key by key in the order they come
// (unknown keys are ignored): an older spelling, a string with escapes.
func decodeGeneral(info string) (*Conv, error) {
	r := gjson.Parse(info)
	if !r.IsObject() {
		return nil, errors.New("stored conversation is not a JSON object")
	}
	c := &Conv{Info: info}
	r.ForEach(func(k, v gjson.Result) bool {
		switch k.String() {
		case "conv_id":
			c.ID = v.String()
		case "conv_type":
			c.Type = int32(v.Int())
		case "conv_show_name":
			c.ShowName = v.String()
		case "conv_face_url":
			c.FaceURL = v.String()
		case "conv_unread_num":
			c.Unread = v.Uint()
		case "conv_active_time":
			c.ActiveTime = v.Uint()
		case "conv_recv_opt":
			c.RecvOpt = int32(v.Int())
		case "conv_group_type":
			c.GroupType = int32(v.Int())
		case "conv_is_pinned":
			c.Pinned = v.Bool()
		case "conv_custom_data":
			c.CustomData = v.String()
		case "conv_c2c_read_timestamp":
			c.C2CReadTimestamp = v.Uint()
		case "conv_group_read_sequence":
			c.GroupReadSequence = v.Uint()
		case "conv_last_msg":
			c.LastMsg = v.Raw
		case "conv_draft":
			c.Draft = v.Raw
		case "conv_group_at_info_array":
			v.ForEach(func(_, a gjson.Result) bool {
				c.AtInfo = append(c.AtInfo, AtInfo{Seq: a.Get("conv_group_at_info_seq").Uint(), AtType: int32(a.Get("conv_group_at_info_at_type").Int())})
				return true
			})
		case "conv_mark_array":
			v.ForEach(func(_, m gjson.Result) bool {
				c.Marks |= m.Uint()
				return true
			})
		case "conv_conversation_group_array":
			v.ForEach(func(_, g gjson.Result) bool {
				c.Groups = append(c.Groups, g.String())
				return true
			})
		}
		return true
	})
	return c, nil
}

// compactObject validates v as a JSON object of valid UTF-8 and returns its compact text. The
// text is stored and handed back verbatim, so it must be UTF-8 like every other string.
func compactObject(v gjson.Result) (string, bool) {
	if !v.IsObject() || !utf8.ValidString(v.Raw) {
		return "", false
	}
	if isCompact(v.Raw) { // the usual case: already compact, one copy
		return strings.Clone(v.Raw), true
	}
	return string(pretty.Ugly([]byte(v.Raw))), true
}

// isCompact reports whether pretty.Ugly would hand src back unchanged: it drops every byte up
// to ' ' outside strings, and it delimits strings as this loop does.
func isCompact(src string) bool {
	for i := 0; i < len(src); i++ {
		if src[i] <= ' ' {
			return false
		}
		if src[i] == '"' {
			for i = i + 1; i < len(src); i++ {
				if src[i] == '"' {
					j := i - 1
					for src[j] == '\\' {
						j--
					}
					if (j-i)%2 != 0 {
						break
					}
				}
			}
		}
	}
	return true
}

// ItemError is a per-item decoding failure (reported with code 6017).
type ItemError struct{ Msg string }

func (e *ItemError) Error() string { return e.Msg }

func itemErr(format string, a ...any) error { return &ItemError{Msg: fmt.Sprintf(format, a...)} }

// UpsertItem is one decoded TIMConvUpsertConversations item: the identity plus the values of
// the keys present in it (has says which), which Apply sets on a stored conversation.
type UpsertItem struct {
	Type int32
	ID   string

	has                                   uint16 // has* bits of the keys the item carried
	showName, faceURL                     string
	unread, activeTime, c2cRead, groupSeq uint64
	recvOpt, groupType                    int32
	lastMsg, draft                        string // "" for null: the key removes it
	atInfo                                []AtInfo
}

// The keys an upsert item may carry besides its identity (UpsertItem.has).
const (
	hasShowName = 1 << iota
	hasFaceURL
	hasUnread
	hasActiveTime
	hasC2CRead
	hasGroupSeq
	hasRecvOpt
	hasGroupType
	hasLastMsg
	hasDraft
	hasAtInfo
)

// Apply sets every key the item carried on c.
func (u *UpsertItem) Apply(c *Conv) {
	h := u.has
	if h == 0 {
		return
	}
	if h&hasShowName != 0 {
		c.ShowName = u.showName
	}
	if h&hasFaceURL != 0 {
		c.FaceURL = u.faceURL
	}
	if h&hasUnread != 0 {
		c.Unread = u.unread
	}
	if h&hasActiveTime != 0 {
		c.ActiveTime = u.activeTime
	}
	if h&hasC2CRead != 0 {
		c.C2CReadTimestamp = u.c2cRead
	}
	if h&hasGroupSeq != 0 {
		c.GroupReadSequence = u.groupSeq
	}
	if h&hasRecvOpt != 0 {
		c.RecvOpt = u.recvOpt
	}
	if h&hasGroupType != 0 {
		c.GroupType = u.groupType
	}
	if h&hasLastMsg != 0 {
		c.LastMsg = u.lastMsg
	}
	if h&hasDraft != 0 {
		c.Draft = u.draft
	}
	if h&hasAtInfo != 0 {
		c.AtInfo = u.atInfo
	}
}

// upsertKeys are the keys DecodeUpsertItem reads (one pass over the item collects them).
var upsertKeys = [...]string{"conv_id", "conv_type", "conv_show_name", "conv_face_url", "conv_unread_num",
	"conv_active_time", "conv_c2c_read_timestamp", "conv_group_read_sequence", "conv_recv_opt",
	"conv_group_type", "conv_last_msg", "conv_draft", "conv_group_at_info_array"}

// Indexes into upsertKeys.
const (
	ukID = iota
	ukType
	ukShowName
	ukFaceURL
	ukUnread
	ukActiveTime
	ukC2CRead
	ukGroupSeq
	ukRecvOpt
	ukGroupType
	ukLastMsg
	ukDraft
	ukAtInfo
)

// DecodeUpsertItem decodes one item of an upsert array. Keys owned by other calls (pin, marks,
// custom data, groups) are ignored, as are unknown keys.
func DecodeUpsertItem(v gjson.Result) (*UpsertItem, error) {
	if !v.IsObject() {
		return nil, itemErr("item is not a JSON object")
	}
	var found [len(upsertKeys)]gjson.Result
	v.ForEach(func(k, x gjson.Result) bool {
		key := k.String()
		for i, name := range upsertKeys {
			if key == name {
				if !found[i].Exists() { // the first occurrence counts, as with gjson's Get
					found[i] = x
				}
				break
			}
		}
		return true
	})
	idv := found[ukID]
	id, ok := wire.Str(idv)
	if !ok || !ValidID(id) {
		return nil, itemErr("conv_id %s is not 1..128 bytes of UTF-8", short(idv.Raw))
	}
	tv := found[ukType]
	t, ok := wire.Int64(tv)
	if !ok || !ValidType(int32(t)) {
		return nil, itemErr("conv_type %s is not 1 (C2C) or 2 (group)", short(tv.Raw))
	}
	u := &UpsertItem{Type: int32(t), ID: id}
	var err error
	str := func(k int, bit uint16, dst *string) {
		if x := found[k]; x.Exists() && err == nil {
			s, ok := wire.Str(x)
			if !ok {
				err = itemErr("%s is not a UTF-8 string", upsertKeys[k])
				return
			}
			*dst = s
			u.has |= bit
		}
	}
	num := func(k int, bit uint16, dst *uint64) {
		if x := found[k]; x.Exists() && err == nil {
			n, ok := wire.Uint64(x)
			if !ok {
				err = itemErr("%s %s is not an unsigned 64-bit integer", upsertKeys[k], short(x.Raw))
				return
			}
			*dst = n
			u.has |= bit
		}
	}
	small := func(k int, bit uint16, dst *int32) {
		if x := found[k]; x.Exists() && err == nil {
			n, ok := wire.Int64(x)
			if !ok || n < 0 || n > 1<<31-1 {
				err = itemErr("%s %s is not a non-negative 32-bit integer", upsertKeys[k], short(x.Raw))
				return
			}
			*dst = int32(n)
			u.has |= bit
		}
	}
	str(ukShowName, hasShowName, &u.showName)
	str(ukFaceURL, hasFaceURL, &u.faceURL)
	num(ukUnread, hasUnread, &u.unread)
	num(ukActiveTime, hasActiveTime, &u.activeTime)
	num(ukC2CRead, hasC2CRead, &u.c2cRead)
	num(ukGroupSeq, hasGroupSeq, &u.groupSeq)
	small(ukRecvOpt, hasRecvOpt, &u.recvOpt)
	small(ukGroupType, hasGroupType, &u.groupType)
	if err != nil {
		return nil, err
	}
	if x := found[ukLastMsg]; x.Exists() {
		if x.Type == gjson.Null {
			u.lastMsg = ""
		} else if s, ok := compactObject(x); ok {
			u.lastMsg = s
		} else {
			return nil, itemErr("conv_last_msg is not a JSON object of UTF-8 or null")
		}
		u.has |= hasLastMsg
	}
	if x := found[ukDraft]; x.Exists() {
		if x.Type == gjson.Null {
			u.draft = ""
		} else {
			d, derr := DecodeDraft(x, 0)
			if derr != nil {
				return nil, itemErr("conv_draft: %v", derr)
			}
			u.draft = d
		}
		u.has |= hasDraft
	}
	if x := found[ukAtInfo]; x.Exists() {
		at, aerr := decodeAtInfo(x)
		if aerr != nil {
			return nil, aerr
		}
		u.atInfo = at
		u.has |= hasAtInfo
	}
	return u, nil
}

func decodeAtInfo(x gjson.Result) ([]AtInfo, error) {
	if x.Type == gjson.Null {
		return nil, nil
	}
	if !x.IsArray() {
		return nil, itemErr("conv_group_at_info_array is not an array")
	}
	var out []AtInfo
	var err error
	x.ForEach(func(_, a gjson.Result) bool {
		if !a.IsObject() {
			err = itemErr("conv_group_at_info_array item is not an object")
			return false
		}
		seq, ok1 := wire.Uint64(a.Get("conv_group_at_info_seq"))
		if !a.Get("conv_group_at_info_seq").Exists() {
			seq, ok1 = 0, true
		}
		at, ok2 := wire.Int64(a.Get("conv_group_at_info_at_type"))
		if !ok1 || !ok2 || at < 1 || at > 3 {
			err = itemErr("conv_group_at_info_array item needs conv_group_at_info_seq (uint64) and conv_group_at_info_at_type (1..3)")
			return false
		}
		out = append(out, AtInfo{Seq: seq, AtType: int32(at)})
		return true
	})
	return out, err
}

// DecodeDraft validates a draft object and returns its stored JSON form, with draft_edit_time
// set to now when absent.
func DecodeDraft(v gjson.Result, now uint64) (string, error) {
	if !v.IsObject() {
		return "", errors.New("draft is not a JSON object")
	}
	b := make([]byte, 0, 64+len(v.Raw))
	b = append(b, '{')
	if m := v.Get("draft_msg"); m.Exists() && m.Type != gjson.Null {
		s, ok := compactObject(m)
		if !ok {
			return "", errors.New("draft_msg is not a JSON object of UTF-8")
		}
		b = append(b, `"draft_msg":`...)
		b = append(b, s...)
		b = append(b, ',')
	}
	ud := ""
	if x := v.Get("draft_user_define"); x.Exists() {
		s, ok := wire.Str(x)
		if !ok {
			return "", errors.New("draft_user_define is not a UTF-8 string")
		}
		ud = s
	}
	t := now
	if x := v.Get("draft_edit_time"); x.Exists() {
		n, ok := wire.Uint64(x)
		if !ok {
			return "", errors.New("draft_edit_time is not an unsigned 64-bit integer")
		}
		t = n
	}
	b = append(b, `"draft_user_define":`...)
	b = wire.AppendString(b, ud)
	b = append(b, `,"draft_edit_time":`...)
	b = wire.AppendUint(b, t)
	return string(append(b, '}')), nil
}

// short shows a raw JSON value in an error message: at most about 40 bytes, never a split
// UTF-8 sequence.
func short(raw string) string {
	if raw == "" {
		return "(missing)"
	}
	return wire.Clip(raw, 40)
}
