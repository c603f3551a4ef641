package ui

import (
	"testing"

	"shequ/app"
)

// TestPerTenThousandNamesItsBase: a ratio over the population of some villages says so; an
// unknown count shows "—", not 0.
func TestPerTenThousandNamesItsBase(t *testing.T) {
	for _, c := range []struct {
		st   app.TownshipStat
		want string
	}{
		{app.TownshipStat{PerTenThousand: -1, Villages: 6}, "档案无人口"},
		{app.TownshipStat{PerTenThousand: 17.2142, PopulationBase: 1, Villages: 312}, "17.21（按已填人口的 1 个村（社区）计算，共 312 个）"},
		{app.TownshipStat{PerTenThousand: 6.666, PopulationBase: 6, Villages: 6}, "6.67"},
	} {
		if got := perTenThousandText(c.st); got != c.want {
			t.Errorf("%+v: %q, want %q", c.st, got, c.want)
		}
	}
	if got := countOrDash(0); got != "—" {
		t.Errorf("unknown households show %q", got)
	}
}
