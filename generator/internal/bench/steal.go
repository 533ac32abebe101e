package bench

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"time"
)

// A virtual machine's host can take its processors for other machines a
// while ("steal" in /proc/stat). A build then takes longer with nothing
// changed in gongshi: make bench once measured the 2- and 7-township
// builds at 4.9 and 5.8 ms a page instead of 3.0 and 3.1, their CPU time
// a page 6.0 and 6.6 ms instead of 5.4 and 5.5, the CI build at 1.26×
// the build after one commit instead of 1.01×, and judged two targets
// missed on that. The bench measures what the host took while each
// process it runs ran, and prints it beside the times, so that a figure
// the host slowed says so.

// stealClock is the CPU time the host took from this machine so far, all
// its processors together; false where the system does not say (not
// Linux, no /proc).
var stealClock = procSteal

func procSteal() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	return parseSteal(b)
}

// parseSteal reads the steal time of /proc/stat's first line: "cpu",
// then the time of all processors together, in ticks of 1/100 s (Linux's
// USER_HZ, whatever the kernel's own tick): user, nice, system, idle,
// iowait, irq, softirq, steal.
func parseSteal(b []byte) (time.Duration, bool) {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 9 || f[0] != "cpu" {
		return 0, false
	}
	n, err := strconv.ParseUint(f[8], 10, 64)
	if err != nil || n > uint64(1<<63-1)/uint64(10*time.Millisecond) {
		return 0, false
	}
	return time.Duration(n) * 10 * time.Millisecond, true
}

// stolenWhile returns what the host took while run ran; 0 where the
// system does not say.
func stolenWhile(run func() error) (time.Duration, error) {
	before, ok := stealClock()
	err := run()
	after, ok2 := stealClock()
	if !ok || !ok2 || after < before {
		return 0, err
	}
	return after - before, err
}
