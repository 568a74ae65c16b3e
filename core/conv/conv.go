// Package conv is the conversation domain: the ConvInfo record, conversation IDs, the list
// filter, and the exact JSON the library stores and returns for each conversation.
package conv

import (
	"strings"
	"unicode/utf8"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// Conv is one conversation as stored. Opaque JSON fields hold compact JSON text.
type Conv struct {
	RowID      int64  // stable storage identity; the last tie-breaker of the list order
	Type       int32  // tim.ConvC2C or tim.ConvGroup
	ID         string // bare ID
	ShowName   string
	FaceURL    string
	Unread     uint64
	ActiveTime uint64
	LastMsg    string // JSON object, "" when none
	Draft      string // JSON object {draft_msg?, draft_user_define, draft_edit_time}, "" when none
	RecvOpt    int32
	GroupType  int32
	AtInfo     []AtInfo
	Pinned     bool
	Marks      uint64
	CustomData string
	Groups     []string // group names, in group creation order

	C2CReadTimestamp  uint64 // conv_c2c_read_timestamp, as fed by the host (0: none)
	GroupReadSequence uint64 // conv_group_read_sequence, as fed by the host (0: none)

	// Info is the stored ConvInfo JSON this value was read from or last written as ("" when
	// never stored); writes compare against it to skip no-op changes.
	Info string
}

// AtInfo is one conv_group_at_info_array item.
type AtInfo struct {
	Seq    uint64
	AtType int32
}

// Clone returns a deep copy.
func (c *Conv) Clone() *Conv {
	n := *c
	n.AtInfo = append([]AtInfo(nil), c.AtInfo...)
	n.Groups = append([]string(nil), c.Groups...)
	return &n
}

// Key returns the conversation ID form "c2c_<id>" / "group_<id>".
func (c *Conv) Key() string { return Key(c.Type, c.ID) }

// Extended reports whether the conversation counts against the extended-state budget: it
// carries a mark, custom data or a group membership.
func (c *Conv) Extended() bool {
	return c.Marks != 0 || c.CustomData != "" || len(c.Groups) > 0
}

// CountsUnread reports whether the conversation's unread number counts in unread totals
// (receive options 1, 2 and 3 do not).
func (c *Conv) CountsUnread() bool { return c.RecvOpt < 1 || c.RecvOpt > 3 }

// OrderKey maps conv_active_time onto a signed integer with the same order (SQLite integers
// are signed 64-bit).
func OrderKey(activeTime uint64) int64 { return int64(activeTime ^ (1 << 63)) }

// InGroup reports whether the conversation belongs to the named group.
func (c *Conv) InGroup(name string) bool {
	for _, g := range c.Groups {
		if g == name {
			return true
		}
	}
	return false
}

// Key builds the conversation ID form of a bare ID.
func Key(typ int32, id string) string {
	if typ == tim.ConvGroup {
		return "group_" + id
	}
	return "c2c_" + id
}

// ValidID reports whether a bare ID is 1..128 bytes of UTF-8.
func ValidID(id string) bool {
	return len(id) > 0 && len(id) <= tim.MaxIDBytes && utf8.ValidString(id)
}

// ValidType reports whether t is C2C or Group.
func ValidType(t int32) bool { return t == tim.ConvC2C || t == tim.ConvGroup }

// ParseKey splits "c2c_<id>" / "group_<id>" into type and bare ID.
func ParseKey(key string) (int32, string, bool) {
	var typ int32
	var id string
	switch {
	case strings.HasPrefix(key, "c2c_"):
		typ, id = tim.ConvC2C, key[4:]
	case strings.HasPrefix(key, "group_"):
		typ, id = tim.ConvGroup, key[6:]
	default:
		return 0, "", false
	}
	if !ValidID(id) {
		return 0, "", false
	}
	return typ, id, true
}
