package store

// Row-by-row writes of the roaming state kept for conversations not fed yet: a sync apply
// rewrites only the conversations whose state changed.

// PutUnfed stores (or replaces) the roaming state kept for u.Key. oldGroups are the group row
// IDs it was kept in before: the memberships not in u.Groups are deleted (by primary key: the
// membership table has no index by conversation), those of u.Groups inserted.
func (s *Store) PutUnfed(u Unfed, oldGroups []int64) error {
	if _, err := s.exec("INSERT OR REPLACE INTO unfed (conv_key, marks, pinned, custom) VALUES (?,?,?,?)", u.Key, int64(u.Marks), b2i(u.Pinned), u.Custom); err != nil {
		return err
	}
	return s.unfedGroups(u.Key, oldGroups, u.Groups)
}

// DeleteUnfed forgets the roaming state kept for key, and its memberships of oldGroups.
func (s *Store) DeleteUnfed(key string, oldGroups []int64) error {
	if _, err := s.exec("DELETE FROM unfed WHERE conv_key = ?", key); err != nil {
		return err
	}
	return s.unfedGroups(key, oldGroups, nil)
}

func (s *Store) unfedGroups(key string, old, now []int64) error {
	in := func(g int64, set []int64) bool {
		for _, x := range set {
			if x == g {
				return true
			}
		}
		return false
	}
	for _, g := range old {
		if !in(g, now) {
			if _, err := s.exec("DELETE FROM unfed_member WHERE group_id = ? AND conv_key = ?", g, key); err != nil {
				return err
			}
		}
	}
	for _, g := range now {
		if !in(g, old) {
			if _, err := s.exec("INSERT OR IGNORE INTO unfed_member (group_id, conv_key) VALUES (?,?)", g, key); err != nil {
				return err
			}
		}
	}
	return nil
}
