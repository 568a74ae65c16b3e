package main

// Build flags shared by every file of the package. The header of the ABI lives in ../include.

/*
#cgo CFLAGS: -I${SRCDIR}/../include -O2 -Wall
#cgo LDFLAGS: -lpthread
*/
import "C"
