//go:build unix

package vulndb

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an advisory lock on f: shared for readers of a
// generation, exclusive for the one writer of a database. The kernel drops
// it when the process dies, so a killed update never leaves a stale lock.
func lockFile(f *os.File, exclusive, wait bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}
