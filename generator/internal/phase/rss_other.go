//go:build !unix

package phase

import (
	"os"
	"time"
)

func peakRSS() int64 { return 0 }

func cpuTime() time.Duration { return 0 }

// ChildRSS is the peak resident set size of a process that has exited, in
// bytes; 0 when the system does not say.
func ChildRSS(ps *os.ProcessState) int64 { return 0 }
