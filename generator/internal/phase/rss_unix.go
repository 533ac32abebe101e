//go:build unix

package phase

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// peakRSS is the process's peak resident set size in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return MaxRSS(&ru)
}

// MaxRSS reads the peak resident set size from a rusage, in bytes: Linux
// gives kilobytes, macOS bytes.
func MaxRSS(ru *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ChildRSS is the peak resident set size of a process that has exited, in
// bytes; 0 when the system does not say.
func ChildRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return MaxRSS(ru)
	}
	return 0
}
