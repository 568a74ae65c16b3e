//go:build !linux

package store

// backgroundPriority: elsewhere the check runs at normal priority.
func backgroundPriority() {}
