package main

// tcgGoAttach is the first call into Go of every host thread (see gate.c): it does nothing,
// but calling it makes the Go runtime give the thread an M of its own (needm; it stays bound to
// the thread until the thread exits) and, when that took the last spare M, make the next one
// (newextram) before it returns. gate.c makes one thread at a time do this.

/*
#include "dispatch.h"
*/
import "C"

//export tcgGoAttach
func tcgGoAttach() {}
