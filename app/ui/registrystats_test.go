package ui

import (
	"testing"

	"shequ/app/registry"
)

// TestPerTenThousandNamesItsBase: a ratio over the population of some villages says so; an
// unknown count shows "—", not 0.
func TestPerTenThousandNamesItsBase(t *testing.T) {
	for _, c := range []struct {
		st   registry.TownshipStat
		want string
	}{
		{registry.TownshipStat{PerTenThousand: -1, Villages: 6}, "档案无人口"},
		{registry.TownshipStat{PerTenThousand: 17.2142, PopulationBase: 1, Villages: 312}, "17.21（按已填人口的 1 个村（社区）计算，共 312 个）"},
		{registry.TownshipStat{PerTenThousand: 6.666, PopulationBase: 6, Villages: 6}, "6.67"},
	} {
		if got := perTenThousandText(c.st); got != c.want {
			t.Errorf("%+v: %q, want %q", c.st, got, c.want)
		}
	}
	if got := coverageText(registry.TownshipStat{Coverage: 0.6, HouseholdsBase: 1, Villages: 6}); got != "60.0%（按已填户数的 1 个村（社区）计算，共 6 个）" {
		t.Errorf("partial coverage: %q", got)
	}
	if got := coverageText(registry.TownshipStat{Coverage: 0.6, HouseholdsBase: 6, Villages: 6}); got != "60.0%" {
		t.Errorf("coverage: %q", got)
	}
	if got := countOrDash(0); got != "—" {
		t.Errorf("unknown households show %q", got)
	}
}

// TestUnknownCountsShowDash: a community without a profile, a grid without figures: "—", not 0.
func TestUnknownCountsShowDash(t *testing.T) {
	rows := &pagedRows[registry.GridRow]{}
	rows.reset(1, []registry.GridRow{{Name: "一网格", Households: 0, Population: 0}}, nil)
	g := &regGridsTab{regPaged: &regPaged[registry.GridRow]{rows: rows},
		cov: []registry.Coverage{{Division: "滨江社区", Grids: 1, GridHouseholds: 300, Ratio: -1}}}
	if h, p := g.cell(0, 3), g.cell(0, 4); h != "—" || p != "—" {
		t.Errorf("grid without figures: 户数 %q, 人口 %q", h, p)
	}
	if got := g.covCell(0, 3); got != "—" {
		t.Errorf("community without a profile: 档案户数 %q", got)
	}
}
