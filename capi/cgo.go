package main

// Build flags shared by every file of the package. The header of the ABI lives in ../include.
// TIMCONVGROUP_BUILD makes TIM_API mean "exported from this library" (dllexport on Windows,
// where the header otherwise declares dllimport; visibility default elsewhere).

/*
#cgo CFLAGS: -I${SRCDIR}/../include -O2 -Wall -DTIMCONVGROUP_BUILD
#cgo LDFLAGS: -lpthread
*/
import "C"
