//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"time"
)

// lock is a file beside OUT created exclusively: where the system has no
// flock. A build killed while it holds it leaves the file behind; the
// message of a build that finds it says so.
type lock struct{ path string }

func acquire(path string, noWait bool, waiting func()) (*lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
			return &lock{path: path}, f.Close()
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if noWait {
			return nil, fmt.Errorf("%w (if no build is running, a killed one left %s: remove it)", ErrBusy, path)
		}
		if waiting != nil {
			waiting()
			waiting = nil
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (l *lock) release() error { return os.Remove(l.path) }
