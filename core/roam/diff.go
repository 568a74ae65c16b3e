package roam

import "sort"

// GroupEvent names a group and conversations (ascending ids).
type GroupEvent struct {
	Name    string
	ConvIDs []string
}

// Rename is a group name change.
type Rename struct {
	Old, New string
}

// Changes is the visible difference between two states, as the listener events a device
// delivers. Applied in this order to the groups of the first state — Deleted, Renamed (one
// after another), Created, Removed, Added — they give the groups of the second.
type Changes struct {
	Deleted []string     // groups gone (names as they were), in the first state's creation order
	Renamed []Rename     // renames, ordered so that each new name is free when it is applied
	Created []GroupEvent // new groups with their members, in the second state's creation order
	Removed []GroupEvent // conversations that left a group that is in both states (current name)
	Added   []GroupEvent // conversations that joined a group that is in both states (current name)
	// Updated lists the conversations whose roaming fields changed (marks, pin, custom data or
	// the names of their groups), ascending: each gets kTIMConvEvent_Update.
	Updated []string
}

// Empty reports whether nothing visible changed.
func (c *Changes) Empty() bool {
	return len(c.Deleted) == 0 && len(c.Renamed) == 0 && len(c.Created) == 0 &&
		len(c.Removed) == 0 && len(c.Added) == 0 && len(c.Updated) == 0
}

// Diff computes the visible difference from before to after. A group is the same group when
// its id is the same, or, failing that, when it has the same name (a create merged on the
// server into another device's group of that name is not shown as deleted and created).
func Diff(before, after *State) Changes {
	var ch Changes
	pairOf := make(map[*group]*group) // before → after
	pairedAfter := make(map[*group]bool)
	for _, a := range after.groups {
		if b := before.byID(a.id); b != nil {
			pairOf[b], pairedAfter[a] = a, true
		}
	}
	for _, a := range after.groups {
		if pairedAfter[a] {
			continue
		}
		if b := before.byName(a.name); b != nil && pairOf[b] == nil {
			pairOf[b], pairedAfter[a] = a, true
		}
	}
	// Names held while the events are applied one after another.
	held := map[string]bool{}
	for _, b := range before.groups {
		if pairOf[b] == nil {
			ch.Deleted = append(ch.Deleted, b.name)
		} else {
			held[b.name] = true
		}
	}
	// Renames: apply those whose new name is free; a cycle (a ↔ b) is broken by showing one of
	// its groups as deleted and created.
	var pending []*group
	for _, b := range before.groups {
		if a := pairOf[b]; a != nil && a.name != b.name {
			pending = append(pending, b)
		}
	}
	recreated := map[*group]bool{} // after groups shown as created
	for len(pending) > 0 {
		progress := false
		rest := pending[:0:0]
		for _, b := range pending {
			a := pairOf[b]
			if held[a.name] {
				rest = append(rest, b)
				continue
			}
			ch.Renamed = append(ch.Renamed, Rename{Old: b.name, New: a.name})
			delete(held, b.name)
			held[a.name] = true
			progress = true
		}
		pending = rest
		if !progress && len(pending) > 0 {
			b := pending[0]
			pending = pending[1:]
			ch.Deleted = append(ch.Deleted, b.name)
			delete(held, b.name)
			recreated[pairOf[b]] = true
			delete(pairOf, b)
		}
	}
	for _, a := range after.groups {
		if !pairedAfter[a] || recreated[a] {
			ch.Created = append(ch.Created, GroupEvent{Name: a.name, ConvIDs: sortedKeys(a.members)})
		}
	}
	for _, b := range before.groups {
		a := pairOf[b]
		if a == nil {
			continue
		}
		var removed, added []string
		for m := range b.members {
			if _, ok := a.members[m]; !ok {
				removed = append(removed, m)
			}
		}
		for m := range a.members {
			if _, ok := b.members[m]; !ok {
				added = append(added, m)
			}
		}
		if len(removed) > 0 {
			sort.Strings(removed)
			ch.Removed = append(ch.Removed, GroupEvent{Name: a.name, ConvIDs: removed})
		}
		if len(added) > 0 {
			sort.Strings(added)
			ch.Added = append(ch.Added, GroupEvent{Name: a.name, ConvIDs: added})
		}
	}
	ch.Updated = updated(before, after, pairOf, &ch)
	return ch
}

// updated returns the conversations whose Conv differs between before and after, ascending.
// Only the candidates are compared whole: a conversation whose own fields are the same and
// that is in no group that was deleted, created, renamed, or that it joined or left, has the
// same Conv in both (unless the kept groups changed their order: then every one is compared).
func updated(before, after *State, pairOf map[*group]*group, ch *Changes) []string {
	cand := map[string]bool{}
	for id, c := range before.convs {
		if d := after.convs[id]; d == nil || *c != *d {
			cand[id] = true
		}
	}
	for id := range after.convs {
		if before.convs[id] == nil {
			cand[id] = true
		}
	}
	all := false
	pos := make(map[*group]int, len(before.groups))
	for i, b := range before.groups {
		pos[b] = i
	}
	partner := make(map[*group]*group, len(pairOf))
	for b, a := range pairOf {
		partner[a] = b
	}
	last := -1
	for _, a := range after.groups {
		b := partner[a]
		if b == nil {
			for m := range a.members {
				cand[m] = true
			}
			continue
		}
		if pos[b] < last {
			all = true
		}
		last = pos[b]
		if a.name != b.name {
			for m := range a.members {
				cand[m] = true
			}
			for m := range b.members {
				cand[m] = true
			}
		}
	}
	for _, b := range before.groups {
		if pairOf[b] == nil {
			for m := range b.members {
				cand[m] = true
			}
		}
	}
	for _, evs := range [][]GroupEvent{ch.Removed, ch.Added} {
		for _, e := range evs {
			for _, m := range e.ConvIDs {
				cand[m] = true
			}
		}
	}
	if all {
		for id := range before.convs {
			cand[id] = true
		}
		for id := range after.convs {
			cand[id] = true
		}
	}
	var out []string
	for id := range cand {
		if !sameConv(before.Conv(id), after.Conv(id)) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

func sameConv(a, b Conv) bool {
	if a.Marks != b.Marks || a.Pinned != b.Pinned || a.CustomData != b.CustomData || len(a.Groups) != len(b.Groups) {
		return false
	}
	for i := range a.Groups {
		if a.Groups[i] != b.Groups[i] {
			return false
		}
	}
	return true
}
