package phase

import (
	"runtime/debug"
	"testing"
)

var sink [][]byte

func TestPhasesAreRecordedInOrderWithTheirAllocations(t *testing.T) {
	r := New()
	r.Start("small")
	sink = append(sink, make([]byte, 1<<10))
	r.Start("large")
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	for range 64 {
		sink = append(sink, make([]byte, 1<<20))
	}
	r.Note("pages", 12)
	rep := r.Report()
	sink = nil
	if len(rep.Phases) != 2 || rep.Phases[0].Name != "small" || rep.Phases[1].Name != "large" {
		t.Fatalf("phases = %+v; want small, large", rep.Phases)
	}
	if got := rep.Phase("large").AllocBytes; got < 64<<20 {
		t.Errorf("large allocated %d bytes; want at least %d", got, 64<<20)
	}
	if got := rep.Phase("small").AllocBytes; got >= 64<<20 {
		t.Errorf("small allocated %d bytes; want less than large's", got)
	}
	if rep.Phase("large").GCCycles == 0 {
		t.Error("large ran no collection; want its 64 MB to have made some")
	}
	if rep.Notes["pages"] != 12 {
		t.Errorf("notes = %v; want pages 12", rep.Notes)
	}
	if rep.Total < rep.Phases[0].Wall+rep.Phases[1].Wall {
		t.Errorf("total %v is less than the phases' sum", rep.Total)
	}
}

func TestNilRecorderDoesNothing(t *testing.T) {
	var r *Recorder
	r.Start("x")
	r.Note("n", 1)
	r.Stop()
	if rep := r.Report(); len(rep.Phases) != 0 {
		t.Errorf("nil recorder reported %+v", rep)
	}
}

func TestAResumedPhaseAddsToItsFirstEntry(t *testing.T) {
	r := New()
	r.Start("emit")
	sink = append(sink, make([]byte, 1<<20))
	r.Start("versions")
	r.Start("emit")
	sink = append(sink, make([]byte, 1<<20))
	rep := r.Report()
	sink = nil
	if len(rep.Phases) != 2 || rep.Phases[0].Name != "emit" || rep.Phases[1].Name != "versions" {
		t.Fatalf("phases = %+v; want emit, versions", rep.Phases)
	}
	if got := rep.Phase("emit").AllocBytes; got < 2<<20 {
		t.Errorf("emit allocated %d bytes; want both parts, at least %d", got, 2<<20)
	}
}
