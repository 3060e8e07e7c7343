package judge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/reports/judge/judgetest"
)

// scoresOf are a view's supplier and process scores, by "supplier:ID" and
// "process:ID".
func scoresOf(r *Readiness) map[string]int {
	out := map[string]int{}
	for _, s := range r.Suppliers {
		if s.Score != nil {
			out["supplier:"+s.Supplier] = *s.Score
		}
	}
	for _, p := range r.Processes {
		out["process:"+p.Process] = p.Score
	}
	return out
}

// pointsOf are the points of every process x supplier x duration, by
// "process supplier duration".
func pointsOf(r *Readiness) map[string]int {
	out := map[string]int{}
	for _, p := range r.Processes {
		for _, s := range p.Suppliers {
			for _, e := range s.Durations {
				out[p.Process+" "+s.Supplier+" "+e.Duration] = e.Points
			}
		}
	}
	return out
}

// gained reports whether any evidence that a score's key depends on scores
// more in b than in a: for "supplier:S" the evidence of S, for "process:P"
// the evidence of P.
func gained(key string, a, b map[string]int) bool {
	for k, v := range b {
		var proc, sup, d string
		_, _ = fmt.Sscan(k, &proc, &sup, &d)
		if (key == "supplier:"+sup || key == "process:"+proc) && v > a[k] {
			return true
		}
	}
	return false
}

// randomDrill is a drill of c's suppliers with random outage, mode, age,
// recoveries, aborts, and processes inconclusive or unproven.
func randomDrill(rng *rand.Rand, id string, now time.Time) judgetest.Drill {
	sups := [][]string{{"microsoft"}, {"kpn"}, {"microsoft", "kpn"}}[rng.IntN(3)]
	d := judgetest.Drill{
		ID: id, Suppliers: sups,
		At:       now.Add(-time.Duration(rng.IntN(300*24)) * time.Hour),
		Mode:     []string{"live", "tabletop", "compressed"}[rng.IntN(3)],
		Outage:   dur([]time.Duration{day, 3 * day, 7 * day, 30 * day}[rng.IntN(4)]),
		Recovery: dur([]time.Duration{2 * hour, 20 * hour, 3 * day, 12 * day}[rng.IntN(4)]),
		Aborted:  rng.IntN(8) == 0,
	}
	for _, p := range []string{"klant", "mail", "net"} {
		switch rng.IntN(7) {
		case 0:
			d.AbortedProcesses = append(d.AbortedProcesses, p)
		case 1:
			d.Inconclusive = append(d.Inconclusive, p)
		case 2:
			d.Unproven = append(d.Unproven, p)
		case 3, 4, 5:
			d.Recovered = append(d.Recovered, p)
		}
	}
	return d
}

// TestScoreMonotonic holds the score to ScoreFormula's promise on random sets
// of drills: it never rises when proof falls. Adding a drill in which no
// process recovered never raises a score; an aborted drill changes nothing,
// and aborting a drill, or finding all its processes inconclusive or all
// unproven, is the same as removing it; removing a drill raises
// a score only when some evidence of it gained points (a later failure no
// longer hides an earlier success).
func TestScoreMonotonic(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	c := judgetest.Shared(t)
	rng := rand.New(rand.NewPCG(15, 6))
	view := func(ds []judgetest.Drill) *Readiness {
		var bs []*evidence.Bundle
		for _, d := range ds {
			bs = append(bs, judgetest.Build(t, c, d))
		}
		r, err := NewReadiness(ReadinessInput{Catalog: c, Bundles: bs, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	notRaised := func(what string, before, after *Readiness, exempt func(key string) bool) {
		t.Helper()
		b, a := scoresOf(before), scoresOf(after)
		for k, v := range a {
			if v > b[k] && (exempt == nil || !exempt(k)) {
				t.Errorf("%s: %s score rose %d -> %d", what, k, b[k], v)
			}
		}
	}
	same := func(what string, x, y *Readiness) {
		t.Helper()
		if !mapsEqual(scoresOf(x), scoresOf(y)) || !mapsEqual(pointsOf(x), pointsOf(y)) || !slices.EqualFunc(x.Suppliers, y.Suppliers, sameCells) {
			t.Errorf("%s: the view changed:\nscores %v\n    -> %v\npoints %v\n    -> %v", what, scoresOf(x), scoresOf(y), pointsOf(x), pointsOf(y))
		}
	}
	for iter := range 150 {
		ds := make([]judgetest.Drill, 1+rng.IntN(6))
		for i := range ds {
			ds[i] = randomDrill(rng, fmt.Sprintf("d%d-%d", iter, i), now)
		}
		base := view(ds)
		// A drill in which nothing recovered, at any time, any mode.
		failed := randomDrill(rng, fmt.Sprintf("f%d", iter), now)
		failed.Recovered, failed.Aborted, failed.AbortedProcesses, failed.Inconclusive, failed.Unproven = nil, false, nil, nil, nil
		notRaised(fmt.Sprintf("iter %d: adding failed %+v", iter, failed), base, view(append(slices.Clone(ds), failed)), nil)
		// An aborted drill, whatever it recovered.
		stopped := randomDrill(rng, fmt.Sprintf("a%d", iter), now)
		stopped.Aborted = true
		same(fmt.Sprintf("iter %d: adding aborted %+v", iter, stopped), base, view(append(slices.Clone(ds), stopped)))
		for i := range ds {
			removed := view(slices.Delete(slices.Clone(ds), i, i+1))
			aborted := slices.Clone(ds)
			aborted[i].Aborted = true
			same(fmt.Sprintf("iter %d: aborting %s vs removing it", iter, ds[i].ID), removed, view(aborted))
			unsure := slices.Clone(ds)
			unsure[i].Inconclusive = []string{"klant", "mail", "net"}
			same(fmt.Sprintf("iter %d: %s inconclusive vs removing it", iter, ds[i].ID), removed, view(unsure))
			unshown := slices.Clone(ds)
			unshown[i].Unproven = []string{"klant", "mail", "net"}
			same(fmt.Sprintf("iter %d: %s unproven vs removing it", iter, ds[i].ID), removed, view(unshown))
			bp, rp := pointsOf(base), pointsOf(removed)
			notRaised(fmt.Sprintf("iter %d: removing %+v", iter, ds[i]), base, removed, func(k string) bool { return gained(k, bp, rp) })
		}
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sameCells(a, b SupplierReady) bool {
	return slices.EqualFunc(a.Cells, b.Cells, func(x, y Cell) bool {
		return x.State() == y.State() && x.Proof == y.Proof && slices.Equal(x.Proven, y.Proven) && slices.Equal(x.Failed, y.Failed) && slices.Equal(x.Paper, y.Paper)
	})
}
