package engine

// Conversation group calls (header section 6): check, decode, submit.

import (
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// CreateGroup creates a group with initial members.
func (e *Engine) CreateGroup(name, idArray string, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.createGroup(name, ids) })
}

// GetGroupList returns group names in creation order.
func (e *Engine) GetGroupList(cb Callback) int {
	return e.submitInline(true, false, cb, func() (result, error) { return e.sess.groupList() })
}

// DeleteGroup deletes a group; its conversations are kept.
func (e *Engine) DeleteGroup(name string, cb Callback) int {
	return e.submitInline(true, true, cb, func() (result, error) { return e.sess.deleteGroup(name) })
}

// RenameGroup renames a group in place.
func (e *Engine) RenameGroup(oldName, newName string, cb Callback) int {
	return e.submitInline(true, true, cb, func() (result, error) { return e.sess.renameGroup(oldName, newName) })
}

// AddToGroup adds conversations to a group.
func (e *Engine) AddToGroup(name, idArray string, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.addToGroup(name, ids) })
}

// DeleteFromGroup removes conversations from a group.
func (e *Engine) DeleteFromGroup(name, idArray string, cb Callback) int {
	ids, r := e.idsArg(idArray)
	if r != tim.Succ {
		return r
	}
	return e.submitInline(len(ids) <= tim.MaxIDsPerCall, true, cb, func() (result, error) { return e.sess.deleteFromGroup(name, ids) })
}
