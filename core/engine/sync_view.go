package engine

// The write of an apply's view into the cache, where it differs from what the cache showed.

import (
	"fmt"
	"sort"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/store"
)

// writeView writes view into the cache, which shows before, and queues the group events ch
// (finishOp then adds kTIMConvEvent_Update for each conversation whose ConvInfo changed, and
// kTIMConvEvent_Finish). Only the conversations of ch.Updated and those the group events
// name are read and rewritten, with their memberships. The groups change in place — deleted, renamed, created after the others
// — when the new list keeps the old groups in their order and every new group has a new name;
// otherwise (a group merged by name on the server, or placed before one this device already
// had) they are rebuilt whole with every member (showViewFull).
func (s *session) writeView(before, view *roam.State, ch roam.Changes) error {
	bg, vg := before.GroupRefs(), view.GroupRefs()
	if len(s.groups) != len(bg) {
		return s.rebuildView(before, view, ch)
	}
	rowOf := make(map[string]int64, len(bg)+len(vg)) // sync id → row ID
	pos := make(map[string]int, len(bg))
	beforeNames := make(map[string]bool, len(bg))
	for i, g := range bg {
		if s.groups[i].SyncID != g.ID || s.groups[i].Name != g.Name {
			return s.rebuildView(before, view, ch)
		}
		rowOf[g.ID], pos[g.ID], beforeNames[g.Name] = s.groups[i].ID, i, true
	}
	last, fresh := -1, false
	inView := make(map[string]bool, len(vg))
	for _, g := range vg {
		inView[g.ID] = true
		p, kept := pos[g.ID]
		switch {
		case kept && (fresh || p < last):
			return s.rebuildView(before, view, ch) // the order changed
		case kept:
			last = p
		case beforeNames[g.Name]:
			return s.rebuildView(before, view, ch) // a new id under an old name
		default:
			fresh = true
		}
	}
	members := make(map[int64]int, len(vg))
	for _, g := range s.groups {
		members[g.ID] = g.Members
	}
	// Groups: deleted (their memberships go with them), renamed (through names no group can
	// have, so that swaps and chains never meet the unique index), created.
	beforeRow := make(map[string]int64, len(bg)) // name before → row, for groups that stay
	for _, g := range bg {
		if !inView[g.ID] {
			if err := s.st.DeleteGroup(rowOf[g.ID]); err != nil {
				return err
			}
			continue
		}
		beforeRow[g.Name] = rowOf[g.ID]
	}
	var renamed []roam.Group
	for _, g := range vg {
		if p, kept := pos[g.ID]; kept && bg[p].Name != g.Name {
			renamed = append(renamed, g)
			if err := s.st.RenameGroup(rowOf[g.ID], fmt.Sprintf("\x01renaming group row %d, a name longer than any group's", rowOf[g.ID])); err != nil {
				return err
			}
		}
	}
	for _, g := range renamed {
		if err := s.st.RenameGroup(rowOf[g.ID], g.Name); err != nil {
			return err
		}
	}
	afterRow := make(map[string]int64, len(vg)) // name after → row
	for _, g := range vg {
		if _, kept := pos[g.ID]; !kept {
			row, err := s.st.CreateGroup(g.Name, g.ID)
			if err != nil {
				return err
			}
			rowOf[g.ID] = row
		}
		afterRow[g.Name] = rowOf[g.ID]
	}
	rows := func(names []string, of map[string]int64) []int64 {
		var out []int64
		for _, n := range names {
			if r, ok := of[n]; ok {
				out = append(out, r)
			}
		}
		return out
	}
	// Conversations: the fed ones are rewritten with their memberships, the others kept aside.
	// Those whose roaming fields changed, and those the group events name: a conversation can
	// change groups without any change to its ConvInfo, which names its groups (it left "X"
	// when "X" was renamed "Y", and joined the group renamed "X"), and its membership rows
	// must follow, and the events carry its ConvInfo.
	touched := touchedConvs(ch)
	final := make(map[string]*conv.Conv, len(touched))
	unfedChanged := false
	for _, k := range touched {
		typ, id, good := conv.ParseKey(k)
		if !good {
			continue
		}
		want := view.Conv(k)
		oldRows, newRows := rows(before.Conv(k).Groups, beforeRow), rows(want.Groups, afterRow)
		old := s.sc.rows[k]
		var err error
		if old == nil { // no roaming state before: fed or not, read it
			if old, err = s.st.GetConv(typ, id); err != nil {
				return err
			}
		}
		if old == nil {
			unfedChanged = true
			if want.Marks != 0 || want.Pinned || want.CustomData != "" || len(want.Groups) > 0 {
				err = s.st.PutUnfed(store.Unfed{Key: k, Marks: want.Marks, Pinned: want.Pinned, Custom: want.CustomData, Groups: newRows}, oldRows)
			} else {
				err = s.st.DeleteUnfed(k, oldRows)
			}
			if err != nil {
				return err
			}
			continue
		}
		c := old.Clone()
		c.Marks, c.Pinned, c.CustomData = want.Marks, want.Pinned, want.CustomData
		c.Groups = append([]string(nil), want.Groups...)
		if err := s.put(old, c); err != nil {
			return err
		}
		s.sc.keepRow(k, c)
		for _, r := range oldRows {
			if !hasRow(newRows, r) {
				if err := s.st.RemoveMember(r, c.RowID); err != nil {
					return err
				}
				members[r]--
			}
		}
		for _, r := range newRows {
			if !hasRow(oldRows, r) {
				if err := s.st.AddMember(r, c); err != nil {
					return err
				}
				members[r]++
			}
		}
		final[k] = c
	}
	gs := make([]store.Group, len(vg))
	for i, g := range vg {
		row := rowOf[g.ID]
		gs[i] = store.Group{ID: row, Name: g.Name, Members: members[row], SyncID: g.ID}
	}
	s.groups = gs
	if unfedChanged {
		n, err := s.st.UnfedCount()
		if err != nil {
			return err
		}
		s.unfed = n
	}
	s.groupEvents(ch, final)
	return nil
}

// touchedConvs returns the conversations of ch.Updated and those its group events name,
// ascending, each once.
func touchedConvs(ch roam.Changes) []string {
	n := len(ch.Updated)
	for _, evs := range [][]roam.GroupEvent{ch.Created, ch.Removed, ch.Added} {
		for _, e := range evs {
			n += len(e.ConvIDs)
		}
	}
	if n == len(ch.Updated) {
		return ch.Updated
	}
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, k := range ch.Updated {
		add(k)
	}
	for _, evs := range [][]roam.GroupEvent{ch.Created, ch.Removed, ch.Added} {
		for _, e := range evs {
			for _, k := range e.ConvIDs {
				add(k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func hasRow(rows []int64, r int64) bool {
	for _, x := range rows {
		if x == r {
			return true
		}
	}
	return false
}

// rebuildView writes view with every group rebuilt (showViewFull), reading the stored
// conversations that carry roaming state (before and after).
func (s *session) rebuildView(before, view *roam.State, ch roam.Changes) error {
	_, byKey, err := s.localState()
	if err != nil {
		return err
	}
	if err := s.showViewFull(before, byKey, view, ch); err != nil {
		return err
	}
	_, s.sc.rows, err = s.localState()
	return err
}
