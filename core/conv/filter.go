package conv

import (
	"errors"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

// Filter is a TIMConversationListFilter. A nil field (an absent key) does not filter.
type Filter struct {
	ConvType  int32   // 0 = any type
	Group     *string // "" = in no group
	Mark      *uint64 // 0 = carries no mark; otherwise carries all of these bits
	HasUnread *bool
	HasAt     *bool
}

// NamedGroup returns the conversation group the filter selects by name, and whether it names
// one. An absent key and "" (conversations in no group) name none.
func (f *Filter) NamedGroup() (string, bool) {
	if f.Group != nil && *f.Group != "" {
		return *f.Group, true
	}
	return "", false
}

// ErrFilterValue is a filter whose keys have the right JSON types but a value out of range
// (reported as 6017); shape errors are wire.ErrShape (TIM_ERR_JSON).
var ErrFilterValue = errors.New("filter value out of range")

// DecodeFilter reads a filter; "{}" selects everything (the C layer passes it for NULL). ""
// is not JSON and is a shape error like any other.
func DecodeFilter(s string) (Filter, error) {
	var f Filter
	root, err := wire.Parse(s)
	if err != nil || !root.IsObject() {
		return f, wire.ErrShape
	}
	if v := root.Get("conversation_list_filter_conv_type"); v.Exists() && v.Type != gjson.Null {
		t, ok := wire.Int64(v)
		if !ok {
			return f, wire.ErrShape
		}
		if t != 0 && !ValidType(int32(t)) {
			return f, ErrFilterValue
		}
		f.ConvType = int32(t)
	}
	if v := root.Get("conversation_list_filter_conversation_group"); v.Exists() && v.Type != gjson.Null {
		if v.Type != gjson.String {
			return f, wire.ErrShape
		}
		g := v.String()
		if !utf8.ValidString(g) {
			return f, ErrFilterValue
		}
		f.Group = &g
	}
	if v := root.Get("conversation_list_filter_mark_type"); v.Exists() && v.Type != gjson.Null {
		m, ok := wire.Uint64(v)
		if !ok {
			return f, wire.ErrShape
		}
		f.Mark = &m
	}
	for _, k := range []struct {
		key string
		dst **bool
	}{{"conversation_list_filter_has_unread_count", &f.HasUnread}, {"conversation_list_filter_has_group_at_info", &f.HasAt}} {
		if v := root.Get(k.key); v.Exists() && v.Type != gjson.Null {
			b, ok := wire.Bool(v)
			if !ok {
				return f, wire.ErrShape
			}
			*k.dst = &b
		}
	}
	return f, nil
}

// Match reports whether c is selected by f. It is the in-memory twin of the SQL the store
// builds from the same filter (tests hold the two equal).
func (f *Filter) Match(c *Conv) bool {
	if f.ConvType != 0 && c.Type != f.ConvType {
		return false
	}
	if f.Group != nil {
		if *f.Group == "" {
			if len(c.Groups) != 0 {
				return false
			}
		} else if !c.InGroup(*f.Group) {
			return false
		}
	}
	if f.Mark != nil {
		if *f.Mark == 0 {
			if c.Marks != 0 {
				return false
			}
		} else if c.Marks&*f.Mark != *f.Mark {
			return false
		}
	}
	if f.HasUnread != nil && (c.Unread != 0) != *f.HasUnread {
		return false
	}
	if f.HasAt != nil && (len(c.AtInfo) != 0) != *f.HasAt {
		return false
	}
	return true
}

// HandBack is the form in which the unread-by-filter listener hands a subscription's filter
// back: always conv_type (0 = any type), mark_type (null = any) and conversation_group (null =
// any, "" = in no group), then has_unread_count and has_group_at_info when the filter sets them,
// in this order, without spaces. Equivalent filters (same Canonical) have the same HandBack, and
// the HandBack text is itself equivalent to the filter.
func (f *Filter) HandBack() string {
	b := append([]byte{}, `{"conversation_list_filter_conv_type":`...)
	b = wire.AppendInt(b, int64(f.ConvType))
	b = append(b, `,"conversation_list_filter_mark_type":`...)
	if f.Mark != nil {
		b = wire.AppendUint(b, *f.Mark)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"conversation_list_filter_conversation_group":`...)
	if f.Group != nil {
		b = wire.AppendString(b, *f.Group)
	} else {
		b = append(b, "null"...)
	}
	if f.HasUnread != nil {
		b = append(b, `,"conversation_list_filter_has_unread_count":`...)
		b = wire.AppendBool(b, *f.HasUnread)
	}
	if f.HasAt != nil {
		b = append(b, `,"conversation_list_filter_has_group_at_info":`...)
		b = wire.AppendBool(b, *f.HasAt)
	}
	return string(append(b, '}'))
}

// Canonical returns the filter as JSON with only the keys that filter, in a fixed order: the
// identity of an unread subscription (two filters are the same subscription when their
// Canonical forms are equal).
func (f *Filter) Canonical() string {
	b := []byte{'{'}
	sep := func() {
		if len(b) > 1 {
			b = append(b, ',')
		}
	}
	if f.ConvType != 0 {
		sep()
		b = append(b, `"conversation_list_filter_conv_type":`...)
		b = wire.AppendInt(b, int64(f.ConvType))
	}
	if f.Group != nil {
		sep()
		b = append(b, `"conversation_list_filter_conversation_group":`...)
		b = wire.AppendString(b, *f.Group)
	}
	if f.Mark != nil {
		sep()
		b = append(b, `"conversation_list_filter_mark_type":`...)
		b = wire.AppendUint(b, *f.Mark)
	}
	if f.HasUnread != nil {
		sep()
		b = append(b, `"conversation_list_filter_has_unread_count":`...)
		b = wire.AppendBool(b, *f.HasUnread)
	}
	if f.HasAt != nil {
		sep()
		b = append(b, `"conversation_list_filter_has_group_at_info":`...)
		b = wire.AppendBool(b, *f.HasAt)
	}
	return string(append(b, '}'))
}
