//go:build !unix

package engine

import "time"

// procCPU is not measured here (the benchmark then reports 0).
func procCPU() time.Duration { return 0 }
