package engine

import (
	"os"
	"runtime"
	"testing"
)

// tempDir is tb.TempDir, except on Windows, where a failure to remove the folder afterwards is
// ignored: under Wine 8 (where the Windows build's tests run) Go's os.RemoveAll fails with
// "Invalid function" for any folder that holds a file (Wine lacks the delete call Go uses).
func tempDir(tb testing.TB) string {
	if runtime.GOOS != "windows" {
		return tb.TempDir()
	}
	dir, err := os.MkdirTemp("", "tcg-test-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}
