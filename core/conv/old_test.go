package conv

// The readers and the upsert merge as they were before they were made faster, kept here so
// that random inputs can check the fast ones give exactly what these give.

import (
	"unicode/utf8"

	"github.com/tidwall/gjson"
	"github.com/tidwall/pretty"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

// oldCompactObject is compactObject before it skipped the copy of an already compact object.
func oldCompactObject(v gjson.Result) (string, bool) {
	if !v.IsObject() || !utf8.ValidString(v.Raw) {
		return "", false
	}
	return string(pretty.Ugly([]byte(v.Raw))), true
}

// oldUpsertItem is an upsert item as decoded before items kept values instead of closures:
// the identity plus a function per key present that applies it to a stored conversation.
type oldUpsertItem struct {
	Type  int32
	ID    string
	apply []func(*Conv)
}

// Apply sets every key the item carried on c.
func (u *oldUpsertItem) Apply(c *Conv) {
	for _, f := range u.apply {
		f(c)
	}
}

// oldUpsertKeys are the keys oldDecodeUpsertItem reads (one pass over the item collects them).
var oldUpsertKeys = [...]string{"conv_id", "conv_type", "conv_show_name", "conv_face_url", "conv_unread_num",
	"conv_active_time", "conv_c2c_read_timestamp", "conv_group_read_sequence", "conv_recv_opt",
	"conv_group_type", "conv_last_msg", "conv_draft", "conv_group_at_info_array"}

// oldDecodeUpsertItem decodes one item of an upsert array. Keys owned by other calls (pin, marks,
// custom data, groups) are ignored, as are unknown keys.
func oldDecodeUpsertItem(v gjson.Result) (*oldUpsertItem, error) {
	if !v.IsObject() {
		return nil, itemErr("item is not a JSON object")
	}
	var found [len(oldUpsertKeys)]gjson.Result
	v.ForEach(func(k, x gjson.Result) bool {
		key := k.String()
		for i, name := range oldUpsertKeys {
			if key == name {
				if !found[i].Exists() { // the first occurrence counts, as with gjson's Get
					found[i] = x
				}
				break
			}
		}
		return true
	})
	get := func(key string) gjson.Result {
		for i, name := range oldUpsertKeys {
			if key == name {
				return found[i]
			}
		}
		return gjson.Result{}
	}
	idv := get("conv_id")
	id, ok := wire.Str(idv)
	if !ok || !ValidID(id) {
		return nil, itemErr("conv_id %s is not 1..128 bytes of UTF-8", short(idv.Raw))
	}
	tv := get("conv_type")
	t, ok := wire.Int64(tv)
	if !ok || !ValidType(int32(t)) {
		return nil, itemErr("conv_type %s is not 1 (C2C) or 2 (group)", short(tv.Raw))
	}
	u := &oldUpsertItem{Type: int32(t), ID: id}
	var err error
	str := func(key string, set func(*Conv, string)) {
		if x := get(key); x.Exists() && err == nil {
			s, ok := wire.Str(x)
			if !ok {
				err = itemErr("%s is not a UTF-8 string", key)
				return
			}
			u.apply = append(u.apply, func(c *Conv) { set(c, s) })
		}
	}
	num := func(key string, set func(*Conv, uint64)) {
		if x := get(key); x.Exists() && err == nil {
			n, ok := wire.Uint64(x)
			if !ok {
				err = itemErr("%s %s is not an unsigned 64-bit integer", key, short(x.Raw))
				return
			}
			u.apply = append(u.apply, func(c *Conv) { set(c, n) })
		}
	}
	small := func(key string, set func(*Conv, int32)) {
		if x := get(key); x.Exists() && err == nil {
			n, ok := wire.Int64(x)
			if !ok || n < 0 || n > 1<<31-1 {
				err = itemErr("%s %s is not a non-negative 32-bit integer", key, short(x.Raw))
				return
			}
			u.apply = append(u.apply, func(c *Conv) { set(c, int32(n)) })
		}
	}
	str("conv_show_name", func(c *Conv, s string) { c.ShowName = s })
	str("conv_face_url", func(c *Conv, s string) { c.FaceURL = s })
	num("conv_unread_num", func(c *Conv, n uint64) { c.Unread = n })
	num("conv_active_time", func(c *Conv, n uint64) { c.ActiveTime = n })
	num("conv_c2c_read_timestamp", func(c *Conv, n uint64) { c.C2CReadTimestamp = n })
	num("conv_group_read_sequence", func(c *Conv, n uint64) { c.GroupReadSequence = n })
	small("conv_recv_opt", func(c *Conv, n int32) { c.RecvOpt = n })
	small("conv_group_type", func(c *Conv, n int32) { c.GroupType = n })
	if err != nil {
		return nil, err
	}
	if x := get("conv_last_msg"); x.Exists() {
		if x.Type == gjson.Null {
			u.apply = append(u.apply, func(c *Conv) { c.LastMsg = "" })
		} else if s, ok := oldCompactObject(x); ok {
			u.apply = append(u.apply, func(c *Conv) { c.LastMsg = s })
		} else {
			return nil, itemErr("conv_last_msg is not a JSON object of UTF-8 or null")
		}
	}
	if x := get("conv_draft"); x.Exists() {
		if x.Type == gjson.Null {
			u.apply = append(u.apply, func(c *Conv) { c.Draft = "" })
		} else {
			d, derr := DecodeDraft(x, 0)
			if derr != nil {
				return nil, itemErr("conv_draft: %v", derr)
			}
			u.apply = append(u.apply, func(c *Conv) { c.Draft = d })
		}
	}
	if x := get("conv_group_at_info_array"); x.Exists() {
		at, aerr := decodeAtInfo(x)
		if aerr != nil {
			return nil, aerr
		}
		u.apply = append(u.apply, func(c *Conv) { c.AtInfo = at })
	}
	return u, nil
}
