//go:build !unix && !windows

package platform

import "os"

func tryLock(*os.File) (bool, error) { return false, ErrUnsupported }
