package engine

// The rules of the conversation group calls (header section 6). Every call applies them in
// this order and reports the first that fails:
//
//  1. a name is 1..32 bytes of UTF-8 (checkName: 6017, or 51011 when too long);
//  2. an ID array holds 1..100 IDs (checkIDs: 6017 when empty, 51006 when longer);
//  3. create: at most 20 groups (51010) and a new name (51012); the other calls: the group
//     exists (51009); rename: the new name is not another group's (51012), and renaming to the
//     same name succeeds with no event;
//  4. per item: a well-formed key (6017) of a stored conversation (6004); adding a member
//     needs room in the group (51008) and in the budget of extended conversations (51008).

import (
	"fmt"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
	"github.com/timconvgroup/timconvgroup/core/wire"
)

func groupMissing(name string) result {
	return fail(tim.CodeGroupNotExist, "conversation group %s does not exist", brief(name))
}

// createGroup creates a group with the conversations of ids that pass rule 4 as members.
func (s *session) createGroup(name string, ids []string) (result, error) {
	if bad := checkIDs(checkName(name), ids); bad != nil {
		return *bad, nil
	}
	if len(s.groups) >= tim.MaxGroups {
		return fail(tim.CodeTooManyGroups, "%d conversation groups exist (at most %d)", len(s.groups), tim.MaxGroups), nil
	}
	if s.group(name) != nil {
		return fail(tim.CodeGroupExists, "conversation group %s already exists", brief(name)), nil
	}
	syncID := newSyncID()
	id, err := s.st.CreateGroup(name, syncID)
	if err != nil {
		return result{}, err
	}
	s.groups = append(s.groups, store.Group{ID: id, Name: name, SyncID: syncID})
	res, added, err := s.addMembers(&s.groups[len(s.groups)-1], ids)
	if err != nil {
		return result{}, err
	}
	s.record(roam.Op{Type: roam.OpGroupCreate, GroupID: syncID, Name: name, ConvIDs: keysOf(added)})
	s.emit(Delivery{Kind: KindGroupCreated, Name: name, JSON: infosOf(added)})
	return ok(wire.OpResultsJSON(res)), nil
}

// groupList returns the group names in creation order.
func (s *session) groupList() (result, error) {
	names := make([]string, len(s.groups))
	for i, g := range s.groups {
		names[i] = g.Name
	}
	return ok(wire.StringArrayJSON(names)), nil
}

// deleteGroup deletes a group; its conversations are kept and leave it.
func (s *session) deleteGroup(name string) (result, error) {
	if bad := checkName(name); bad != nil {
		return *bad, nil
	}
	g := s.group(name)
	if g == nil {
		return groupMissing(name), nil
	}
	members, err := s.st.Members(g.ID)
	if err != nil {
		return result{}, err
	}
	if err := s.st.DeleteGroup(g.ID); err != nil {
		return result{}, err
	}
	for _, old := range members {
		c := old.Clone()
		c.Groups = without(c.Groups, name)
		if err := s.put(old, c); err != nil {
			return result{}, err
		}
	}
	for i := range s.groups {
		if s.groups[i].ID == g.ID {
			s.groups = append(s.groups[:i], s.groups[i+1:]...)
			break
		}
	}
	s.record(roam.Op{Type: roam.OpGroupDelete, Name: name})
	s.emit(Delivery{Kind: KindGroupDeleted, Name: name})
	return ok(""), nil
}

// renameGroup renames a group in place (same position, same members); renaming to the same
// name succeeds and changes nothing.
func (s *session) renameGroup(oldName, newName string) (result, error) {
	if bad := firstFailure(checkName(oldName), checkName(newName)); bad != nil {
		return *bad, nil
	}
	g := s.group(oldName)
	if g == nil {
		return groupMissing(oldName), nil
	}
	if newName == oldName {
		return ok(""), nil
	}
	if s.group(newName) != nil {
		return fail(tim.CodeGroupExists, "conversation group %s already exists", brief(newName)), nil
	}
	members, err := s.st.Members(g.ID)
	if err != nil {
		return result{}, err
	}
	if err := s.st.RenameGroup(g.ID, newName); err != nil {
		return result{}, err
	}
	g.Name = newName
	for _, old := range members {
		c := old.Clone()
		for i, n := range c.Groups {
			if n == oldName {
				c.Groups[i] = newName
			}
		}
		if err := s.put(old, c); err != nil {
			return result{}, err
		}
	}
	s.record(roam.Op{Type: roam.OpGroupRename, Name: oldName, NewName: newName})
	s.emit(Delivery{Kind: KindGroupNameChanged, Name: oldName, Name2: newName})
	return ok(""), nil
}

// addToGroup adds the conversations of ids that pass rule 4 to a group.
func (s *session) addToGroup(name string, ids []string) (result, error) {
	if bad := checkIDs(checkName(name), ids); bad != nil {
		return *bad, nil
	}
	g := s.group(name)
	if g == nil {
		return groupMissing(name), nil
	}
	res, added, err := s.addMembers(g, ids)
	if err != nil {
		return result{}, err
	}
	if len(added) > 0 {
		s.record(roam.Op{Type: roam.OpGroupAdd, Name: name, ConvIDs: keysOf(added)})
		s.emit(Delivery{Kind: KindAddedToGroup, Name: name, JSON: infosOf(added)})
	}
	return ok(wire.OpResultsJSON(res)), nil
}

// addMembers applies rule 4 to each ID and adds the conversations that pass; one already a
// member succeeds and changes nothing.
func (s *session) addMembers(g *store.Group, ids []string) ([]wire.OpResult, []*conv.Conv, error) {
	var added []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (tim.Code, string, error) {
		if old.InGroup(g.Name) {
			return 0, "", nil
		}
		if g.Members >= tim.MaxGroupMembers {
			return tim.CodeCountLimit, fmt.Sprintf("conversation group %s already has %d conversations", brief(g.Name), tim.MaxGroupMembers), nil
		}
		if !s.budget(old) {
			return tim.CodeCountLimit, budgetInfo, nil
		}
		c := old.Clone()
		c.Groups = s.withGroup(c.Groups, g.Name)
		if err := s.st.AddMember(g.ID, c); err != nil {
			return 0, "", err
		}
		if err := s.put(old, c); err != nil {
			return 0, "", err
		}
		g.Members++
		added = append(added, c)
		return 0, "", nil
	})
	return res, added, err
}

// deleteFromGroup removes the conversations of ids from a group; one that is not a member
// succeeds and changes nothing.
func (s *session) deleteFromGroup(name string, ids []string) (result, error) {
	if bad := checkIDs(checkName(name), ids); bad != nil {
		return *bad, nil
	}
	g := s.group(name)
	if g == nil {
		return groupMissing(name), nil
	}
	var removed []*conv.Conv
	res, err := s.eachConv(ids, func(old *conv.Conv) (tim.Code, string, error) {
		if !old.InGroup(name) {
			return 0, "", nil
		}
		c := old.Clone()
		c.Groups = without(c.Groups, name)
		if err := s.st.RemoveMember(g.ID, c.RowID); err != nil {
			return 0, "", err
		}
		if err := s.put(old, c); err != nil {
			return 0, "", err
		}
		g.Members--
		removed = append(removed, c)
		return 0, "", nil
	})
	if err != nil {
		return result{}, err
	}
	if len(removed) > 0 {
		s.record(roam.Op{Type: roam.OpGroupRemove, Name: name, ConvIDs: keysOf(removed)})
		s.emit(Delivery{Kind: KindDeletedFromGroup, Name: name, JSON: infosOf(removed), Reason: 0})
	}
	return ok(wire.OpResultsJSON(res)), nil
}

// withGroup returns names plus name, in group creation order.
func (s *session) withGroup(names []string, name string) []string {
	var out []string
	for _, g := range s.groups {
		if g.Name == name {
			out = append(out, name)
			continue
		}
		for _, n := range names {
			if n == g.Name {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

func without(names []string, name string) []string {
	var out []string
	for _, n := range names {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}
