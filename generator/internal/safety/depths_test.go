package safety

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gongshi/generator/internal/record"
)

// relaxed places the parties as depths did before it placed them a level
// at a time: every agreement gone through again and again, each time
// lowering a party signing under one placed higher, until none moves.
func relaxed(c *checker, es []edge) map[party]rung {
	d := map[party]rung{}
	isB := map[party]bool{}
	for _, e := range es {
		isB[e.b] = true
	}
	for _, e := range es {
		if !isB[e.a] {
			d[e.a] = rung{}
		}
	}
	for range len(es) {
		changed := false
		for _, e := range es {
			up, ok := d[e.a]
			if !ok {
				continue
			}
			if cur, ok := d[e.b]; !ok || up.level+1 < cur.level {
				d[e.b] = rung{up.level + 1, c.label(e.a.kind, e.a.id)}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return d
}

// TestPlaceGivesWhatRelaxingGave: on random agreements among a few
// parties (chains in any order, several 甲方s of one 乙方 at the same
// level, cycles, parties only a cycle reaches), every party gets the
// level and the 甲方 that relaxing gave it.
func TestPlaceGivesWhatRelaxingGave(t *testing.T) {
	c := &checker{book: newBook(&record.Set{}, record.MustDate("2026-11-20"))}
	rng := rand.New(rand.NewPCG(19, 8))
	for round := range 3000 {
		parties := 2 + rng.IntN(10)
		var es []edge
		for range 1 + rng.IntN(25) {
			a, b := rng.IntN(parties), rng.IntN(parties)
			if a == b {
				continue
			}
			es = append(es, edge{party{"unit", fmt.Sprint("u", a)}, party{"unit", fmt.Sprint("u", b)}})
		}
		want, got := relaxed(c, es), c.place(es)
		if len(got) != len(want) {
			t.Fatalf("round %d, %v: placed %d parties; relaxing placed %d", round, es, len(got), len(want))
		}
		for p, w := range want {
			if got[p] != w {
				t.Fatalf("round %d, %v: %v placed at %+v; relaxing placed it at %+v", round, es, p, got[p], w)
			}
		}
	}
}

// BenchmarkPlaceChain places a chain of agreements listed from the bottom
// up, which took relaxing as many rounds as agreements.
func BenchmarkPlaceChain(b *testing.B) {
	c := &checker{book: newBook(&record.Set{}, record.MustDate("2026-11-20"))}
	var es []edge
	for i := 2000; i > 0; i-- {
		es = append(es, edge{party{"person", fmt.Sprint("p", i-1)}, party{"person", fmt.Sprint("p", i)}})
	}
	for b.Loop() {
		if d := c.place(es); d[party{"person", "p2000"}].level != 2000 {
			b.Fatal("the chain's last party is not 2,000 levels down")
		}
	}
}
