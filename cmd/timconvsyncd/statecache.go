package main

import (
	"sync"
	"sync/atomic"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

// stateCache keeps, per user, the decoded roaming state of the version this process last read
// or wrote, with its stored text, so that a push does not read and decode the stored state
// again: the push's first query returns the state only when the row's version or xmin (the
// transaction that wrote the row) differs from the cached one; both are read under the row
// lock, so the answer is exact. A version's state never changes once committed, so a cached
// (user, version) is right whatever other instances on the same database do; xmin also tells a
// row changed by hand, or deleted and created again (its versions start over), from the one
// cached.
//
// An entry is owned by one push at a time: the push that holds the user's row lock takes it out
// (take), may change it, and puts back what it writes (put) — before its COMMIT, still holding
// the lock, keyed by the version it writes and its own transaction id, which is the row's xmin
// if and only if it commits (so the next push, which gets the lock at that commit, finds it).
// A push that fails leaves an entry that never matches the row, so a state changed by a
// transaction that rolled back is never served; after the put the push no longer touches the
// entry, which the next push may already be changing. The cache is
// bounded by the size of the stored texts (twice, for the decoded form); beyond the bound the
// entries of other users are dropped, in no particular order.
type stateCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	users map[string]*cachedState
}

// stateCacheHits counts the pushes that used a cached state (the tests read it).
var stateCacheHits atomic.Int64

type cachedState struct {
	version uint64
	xmin    int64       // the row's xmin: the transaction that wrote it
	st      *roam.State // owned by the cache while in it
	stored  string      // roam.EncodeStateOnly(st), as stored
}

func (e *cachedState) cost() int64 { return 2*int64(len(e.stored)) + 512 }

// newStateCache returns a cache bounded to about max bytes (nil, a cache that keeps nothing,
// when max < 0).
func newStateCache(max int64) *stateCache {
	if max < 0 {
		return nil
	}
	return &stateCache{max: max, users: map[string]*cachedState{}}
}

// peek returns the version and xmin of the user's cached state (ok false: none).
func (c *stateCache) peek(user string) (version uint64, xmin int64, ok bool) {
	if c == nil {
		return 0, 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.users[user]; e != nil {
		return e.version, e.xmin, true
	}
	return 0, 0, false
}

// take removes and returns the user's cached state if it is of that version and xmin (nil
// otherwise). The caller holds the user's row lock and owns what it got.
func (c *stateCache) take(user string, version uint64, xmin int64) *cachedState {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.users[user]
	if e == nil || e.version != version || e.xmin != xmin {
		return nil
	}
	delete(c.users, user)
	c.size -= e.cost()
	stateCacheHits.Add(1)
	return e
}

// put makes e the user's cached state; e's version and xmin are those the row has if the
// transaction that wrote e commits (or has committed).
func (c *stateCache) put(user string, e *cachedState) {
	if c == nil || e.cost() > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.users[user]; old != nil {
		// Two pushes of this process may put out of commit order: the older one then only
		// makes the next push read the stored state.
		c.size -= old.cost()
	}
	c.users[user] = e
	c.size += e.cost()
	for u, o := range c.users {
		if c.size <= c.max {
			break
		}
		if u != user {
			delete(c.users, u)
			c.size -= o.cost()
		}
	}
}
