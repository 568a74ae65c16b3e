package engine

// Every test of this package runs with the sync cache checked against the store after each
// committed operation (sync_cache.go): a local call, an apply, a failure that reloads.
func init() { checkSyncCache = true }
