package registry

import (
	"context"
	"sort"

	"shequ/models"
)

// WorkerSubsidy is one worker's subsidy for a year.
type WorkerSubsidy struct {
	WorkerID      int64
	Name          string
	Qualification string
	TownshipCode  string
	Township      string
	models.Subsidy
}

// TownshipSubsidy is the subsidy total of one township for a year.
type TownshipSubsidy struct {
	TownshipCode, Township string
	Workers                int // workers with any subsidy
	Months                 int
	Monthly, OneOff, Total models.Fen
}

// Subsidies computes every certified worker's subsidy for year under the subsidy table, and the
// totals per township (the last row, with an empty code, is the 合计).
func (s *Service) Subsidies(ctx context.Context, year int) ([]WorkerSubsidy, []TownshipSubsidy, error) {
	rules, err := s.st.SubsidyRules(ctx)
	if err != nil {
		return nil, nil, err
	}
	ws, err := s.st.Workers(ctx)
	if err != nil {
		return nil, nil, err
	}
	var per []WorkerSubsidy
	byTown := map[string]*TownshipSubsidy{}
	total := TownshipSubsidy{Township: "合计"}
	for _, w := range ws {
		sub := models.ComputeSubsidy(w, year, rules)
		if sub.Total() == 0 {
			continue
		}
		town := models.Code(w.DivisionCode).Township().String()
		per = append(per, WorkerSubsidy{WorkerID: w.ID, Name: w.Name, Qualification: w.Qualification,
			TownshipCode: town, Township: s.name(ctx, town), Subsidy: sub})
		t := byTown[town]
		if t == nil {
			t = &TownshipSubsidy{TownshipCode: town, Township: s.name(ctx, town)}
			byTown[town] = t
		}
		for _, x := range []*TownshipSubsidy{t, &total} {
			x.Workers++
			x.Months += sub.Months
			x.Monthly += sub.Monthly
			x.OneOff += sub.OneOff
			x.Total += sub.Total()
		}
	}
	towns := make([]TownshipSubsidy, 0, len(byTown)+1)
	for _, t := range byTown {
		towns = append(towns, *t)
	}
	sort.Slice(towns, func(i, j int) bool { return towns[i].TownshipCode < towns[j].TownshipCode })
	return per, append(towns, total), nil
}

// Coverage is how much of a community's households its grids cover.
type Coverage struct {
	DivisionCode, Division string
	Grids                  int
	GridHouseholds         int64
	ProfileHouseholds      int64 // from the community profile; 0 when not filled in
	// Ratio is GridHouseholds / ProfileHouseholds, -1 when the profile has no households.
	Ratio float64
}

// Coverage lists the grid coverage of every community that has grids or a profile in township
// ("" for all), by code. The checklist's ORG05 and TAL03 read it.
func (s *Service) Coverage(ctx context.Context, township string) ([]Coverage, error) {
	gs, err := s.st.Grids(ctx)
	if err != nil {
		return nil, err
	}
	prof, err := s.divs.ProfileHouseholds(ctx, "")
	if err != nil {
		return nil, err
	}
	by := map[string]*Coverage{}
	for _, g := range gs {
		if township != "" && models.Code(g.DivisionCode).Township().String() != township {
			continue
		}
		c := by[g.DivisionCode]
		if c == nil {
			c = &Coverage{DivisionCode: g.DivisionCode}
			by[g.DivisionCode] = c
		}
		c.Grids++
		c.GridHouseholds += g.Households
	}
	out := make([]Coverage, 0, len(by))
	for code, c := range by {
		c.Division = s.name(ctx, code)
		c.ProfileHouseholds = prof[code][0]
		c.Ratio = -1
		if c.ProfileHouseholds > 0 {
			c.Ratio = float64(c.GridHouseholds) / float64(c.ProfileHouseholds)
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].DivisionCode < out[j].DivisionCode })
	return out, nil
}

// TownshipStat is one township's line of the 三社互动 statistics.
type TownshipStat struct {
	TownshipCode, Township string
	OrgsByType             map[string]int // 生活服务类 … → active (正常) organisations
	Orgs                   int
	CertifiedWorkers       int   // in post with a qualification
	Population             int64 // from the community profiles
	// PerTenThousand is certified workers per 10,000 residents, -1 without population. The
	// population is that of the villages with a profile: PopulationBase of Villages. A ratio
	// over part of the township must say so (PerTenThousandPartial).
	PerTenThousand    float64
	PopulationBase    int // villages and communities whose profile gives a population
	Villages          int // active villages and communities of the township
	GridHouseholds    int64
	ProfileHouseholds int64
	Coverage          float64 // -1 without profile households
	HouseholdsBase    int     // villages and communities whose profile gives households
}

// TownshipStats computes the statistics per township with records, by code.
func (s *Service) TownshipStats(ctx context.Context) ([]TownshipStat, error) {
	orgs, ws, gs, err := s.townshipRecords(ctx)
	if err != nil {
		return nil, err
	}
	towns := s.townships(ctx, orgs, ws, gs)
	by := map[string]*TownshipStat{}
	out := make([]*TownshipStat, len(towns))
	for i, t := range towns {
		out[i] = &TownshipStat{TownshipCode: t[0], Township: t[1], OrgsByType: map[string]int{}}
		by[t[0]] = out[i]
	}
	for _, o := range orgs {
		if t := by[models.Code(o.DivisionCode).Township().String()]; t != nil && o.Status == "正常" {
			t.OrgsByType[o.Type]++
			t.Orgs++
		}
	}
	for _, w := range ws {
		if t := by[models.Code(w.DivisionCode).Township().String()]; t != nil && w.Certified() && w.Status == "在岗" {
			t.CertifiedWorkers++
		}
	}
	for _, g := range gs {
		if t := by[models.Code(g.DivisionCode).Township().String()]; t != nil {
			t.GridHouseholds += g.Households
		}
	}
	prof, err := s.divs.ProfileHouseholds(ctx, "")
	if err != nil {
		return nil, err
	}
	for code, hp := range prof {
		if t := by[models.Code(code).Township().String()]; t != nil && code != t.TownshipCode {
			t.Population += hp[1]
			t.ProfileHouseholds += hp[0]
			if hp[1] > 0 {
				t.PopulationBase++
			}
			if hp[0] > 0 {
				t.HouseholdsBase++
			}
		}
	}
	for _, t := range out {
		kids, err := s.divs.Children(ctx, t.TownshipCode)
		if err != nil {
			return nil, err
		}
		for _, k := range kids {
			if k.Active() {
				t.Villages++
			}
		}
	}
	res := make([]TownshipStat, len(out))
	for i, t := range out {
		t.PerTenThousand, t.Coverage = -1, -1
		if t.Population > 0 {
			t.PerTenThousand = float64(t.CertifiedWorkers) * 10000 / float64(t.Population)
		}
		if t.ProfileHouseholds > 0 {
			t.Coverage = float64(t.GridHouseholds) / float64(t.ProfileHouseholds)
		}
		res[i] = *t
	}
	return res, nil
}

// PerTenThousandPartial: the ratio stands on the population of only some of the township's
// villages, and whoever shows it must name that base.
func (t TownshipStat) PerTenThousandPartial() bool {
	return t.PerTenThousand >= 0 && t.PopulationBase < t.Villages
}

// CoveragePartial: the grid coverage stands on the households of only some villages.
func (t TownshipStat) CoveragePartial() bool {
	return t.Coverage >= 0 && t.HouseholdsBase < t.Villages
}
