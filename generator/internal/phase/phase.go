// Package phase records how long each stage of a build takes and how much
// it allocates: the seam through which `gongshi build --timings` and the
// benchmarks see the pipeline.
//
// A build calls Start at each stage boundary; a nil *Recorder does nothing,
// so the pipeline needs no second code path when nobody is timing it.
// Allocations are read from runtime/metrics, which does not stop the world.
package phase

import (
	"encoding/json"
	"os"
	"runtime/metrics"
	"time"
)

// Phase is one stage of a build.
type Phase struct {
	Name string        `json:"name"`
	Wall time.Duration `json:"wall_ns"`
	// CPU is the process's user and system time during the phase, every
	// thread's: less swayed than wall time by other work on the machine.
	CPU        time.Duration `json:"cpu_ns"`
	AllocBytes uint64        `json:"alloc_bytes"` // bytes allocated on the heap
	Allocs     uint64        `json:"allocs"`      // heap objects allocated
	// GCCycles are the collections that ended during the phase: what a
	// memory budget costs shows here first, and a count is not swayed
	// by other work on the machine as times are.
	GCCycles uint64 `json:"gc_cycles"`
}

// Report is what a recorder saw.
type Report struct {
	Phases []Phase        `json:"phases"`
	Total  time.Duration  `json:"total_ns"` // from New to the last phase's end
	Notes  map[string]int `json:"notes,omitempty"`
	// PeakRSS is the process's peak resident set size when the report
	// was made, in bytes; 0 where the system does not say.
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// Phase returns the phase with the name; zero if there is none.
func (r Report) Phase(name string) Phase {
	for _, p := range r.Phases {
		if p.Name == name {
			return p
		}
	}
	return Phase{Name: name}
}

// Recorder times the phases of one build, one after the other.
type Recorder struct {
	start   time.Time
	phases  []Phase
	notes   map[string]int
	current string
	t0      time.Time
	cpu0    time.Duration
	bytes0  uint64
	objs0   uint64
	gcs0    uint64
	samples []metrics.Sample
}

// New starts recording.
func New() *Recorder {
	return &Recorder{
		start: time.Now(),
		samples: []metrics.Sample{
			{Name: "/gc/heap/allocs:bytes"},
			{Name: "/gc/heap/allocs:objects"},
			{Name: "/gc/cycles/total:gc-cycles"},
		},
	}
}

func (r *Recorder) read() (bytes, objects, gcs uint64) {
	metrics.Read(r.samples)
	return r.samples[0].Value.Uint64(), r.samples[1].Value.Uint64(), r.samples[2].Value.Uint64()
}

// Start ends the phase under way, if any, and starts the named one; a
// phase started again adds to what it recorded before.
func (r *Recorder) Start(name string) {
	if r == nil {
		return
	}
	r.Stop()
	r.current = name
	r.bytes0, r.objs0, r.gcs0 = r.read()
	r.cpu0 = cpuTime()
	r.t0 = time.Now()
}

// Stop ends the phase under way.
func (r *Recorder) Stop() {
	if r == nil || r.current == "" {
		return
	}
	wall := time.Since(r.t0)
	cpu := cpuTime() - r.cpu0
	b, o, g := r.read()
	p := Phase{Name: r.current, Wall: wall, CPU: cpu, AllocBytes: b - r.bytes0, Allocs: o - r.objs0, GCCycles: g - r.gcs0}
	r.current = ""
	// A phase resumed after another (emit, around the versions pass)
	// adds to its first entry.
	for i := range r.phases {
		if q := &r.phases[i]; q.Name == p.Name {
			q.Wall, q.CPU, q.AllocBytes, q.Allocs, q.GCCycles = q.Wall+p.Wall, q.CPU+p.CPU, q.AllocBytes+p.AllocBytes, q.Allocs+p.Allocs, q.GCCycles+p.GCCycles
			return
		}
	}
	r.phases = append(r.phases, p)
}

// Note records a count that explains a phase's cost (pages written,
// commits walked).
func (r *Recorder) Note(key string, n int) {
	if r == nil {
		return
	}
	if r.notes == nil {
		r.notes = map[string]int{}
	}
	r.notes[key] = n
}

// Report ends the phase under way and returns what was recorded.
func (r *Recorder) Report() Report {
	if r == nil {
		return Report{}
	}
	r.Stop()
	rep := Report{Phases: r.phases, Notes: r.notes, PeakRSS: peakRSS()}
	if n := len(r.phases); n > 0 {
		rep.Total = time.Since(r.start)
	}
	return rep
}

// WriteFile writes the report as JSON.
func (r *Recorder) WriteFile(path string) error {
	b, err := json.MarshalIndent(r.Report(), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
