package roam

// Setters that let a device keep a State in step with what its cache holds, without the rules:
// the device's local calls have rules of their own (they count the conversations it was fed),
// and the State mirrors what they did.

// SetGroups makes the groups those of list, in its order (Members are ignored): a group whose
// id is in list keeps its members and takes the listed name; a group whose id is not is deleted
// (its members leave it); an id the state does not hold is a new empty group.
func (s *State) SetGroups(list []Group) {
	byID := make(map[string]*group, len(s.groups))
	for _, g := range s.groups {
		byID[g.id] = g
	}
	next := make([]*group, 0, len(list))
	for _, l := range list {
		g := byID[l.ID]
		if g == nil {
			g = &group{id: l.ID, members: map[string]struct{}{}}
		} else {
			delete(byID, l.ID)
		}
		g.name = l.Name
		next = append(next, g)
	}
	s.groups = next
	for _, gone := range byID {
		for id := range gone.members {
			c := s.convs[id]
			if c == nil {
				continue
			}
			before := c.extended()
			c.groups--
			s.update(id, before, c)
		}
	}
}

// SetConv makes the roaming state of conversation id exactly c: its marks, pin and custom
// data, and its memberships (c.Groups names the groups it belongs to; names the state does not
// hold are ignored). The zero Conv clears everything.
func (s *State) SetConv(id string, c Conv) {
	cs := s.conv(id)
	before := cs.extended()
	cs.marks, cs.pinned, cs.custom = c.Marks, c.Pinned, c.CustomData
	for _, g := range s.groups {
		want := false
		for _, n := range c.Groups {
			if n == g.name {
				want = true
				break
			}
		}
		_, has := g.members[id]
		switch {
		case want && !has:
			g.members[id] = struct{}{}
			cs.groups++
		case !want && has:
			delete(g.members, id)
			cs.groups--
		}
	}
	s.update(id, before, cs)
}

// SameConv reports whether conversation id has exactly the roaming state c in s (c.Groups in
// the state's group order).
func (s *State) SameConv(id string, c Conv) bool {
	cs := s.convs[id]
	if cs == nil {
		return c.Marks == 0 && !c.Pinned && c.CustomData == "" && len(c.Groups) == 0
	}
	if cs.marks != c.Marks || cs.pinned != c.Pinned || cs.custom != c.CustomData || cs.groups != len(c.Groups) {
		return false
	}
	i := 0
	for _, g := range s.groups {
		if _, ok := g.members[id]; ok {
			if i >= len(c.Groups) || c.Groups[i] != g.name {
				return false
			}
			i++
		}
	}
	return i == len(c.Groups)
}

// GroupRefs returns the groups' ids and names in creation order, without their members.
func (s *State) GroupRefs() []Group {
	out := make([]Group, len(s.groups))
	for i, g := range s.groups {
		out[i] = Group{ID: g.id, Name: g.name}
	}
	return out
}
