//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// lock is an advisory lock (flock) on a file beside OUT. The kernel
// releases it when the process ends, however it ends: a killed build
// never leaves OUT locked.
type lock struct {
	f    *os.File
	path string
}

// acquire takes the lock at path, waiting for its holder unless noWait.
// The holder removes the file as it lets go; a build that was waiting on
// the removed file finds it gone, or another in its place, and starts
// again, so that two builds never both hold the lock.
func acquire(path string, noWait bool, waiting func()) (*lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		fd := int(f.Fd())
		err = flock(fd, unix.LOCK_EX|unix.LOCK_NB)
		if errors.Is(err, unix.EWOULDBLOCK) {
			if noWait {
				f.Close()
				return nil, fmt.Errorf("%w%s", ErrBusy, holder(path))
			}
			if waiting != nil {
				waiting()
				waiting = nil
			}
			err = flock(fd, unix.LOCK_EX)
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		var held, named unix.Stat_t
		if err := unix.Fstat(fd, &held); err != nil {
			f.Close()
			return nil, err
		}
		if err := unix.Stat(path, &named); err != nil || held.Dev != named.Dev || held.Ino != named.Ino {
			f.Close() // the file we locked was let go and removed: again
			continue
		}
		// Who holds it, for a build that finds it busy.
		if err := f.Truncate(0); err == nil {
			f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		return &lock{f: f, path: path}, nil
	}
}

func flock(fd, how int) error {
	for {
		if err := unix.Flock(fd, how); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// release removes the file, then lets go of the lock.
func (l *lock) release() error {
	rerr := os.Remove(l.path)
	if err := l.f.Close(); err != nil {
		return err
	}
	return rerr
}

// holder says which process holds the lock at path, as it wrote there.
func holder(path string) string {
	b, err := os.ReadFile(path)
	if pid := strings.TrimSpace(string(b)); err == nil && pid != "" {
		return " (process " + pid + ")"
	}
	return ""
}
