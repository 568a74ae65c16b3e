// Package core holds no code; it maps the plain Go packages that implement timconvgroup (the
// C ABI in capi/ is a thin layer over them). From the top down, each importing only packages
// below it:
//
//   - engine: the library instance. Its Engine is the concurrency shell (a FIFO of operations,
//     one worker, a transaction per write, the log); its session holds the logged-in user's
//     state and every rule of the header's calls, grouped like the header (sync: the outbox
//     and the apply of a state document, session_sync.go).
//   - roam: the rules of the roaming state that syncs across a user's devices (plain Go, no
//     I/O), shared by the engine's sync calls and the reference backend cmd/timconvsyncd.
//   - store: one user's SQLite cache: open and check, schema migrations, transactions, and the
//     indexed queries behind every list, page and unread sum.
//   - conv: the conversation: ConvInfo JSON in and out, conversation IDs, drafts, the list
//     filter.
//   - wire: the JSON wire format: strict, depth-guarded reading of what the host hands in
//     (gjson) and exact writing of what goes back.
//   - tim: the constants every layer shares: TIMResult values, callback codes, enum values,
//     limits, the version.
package core
