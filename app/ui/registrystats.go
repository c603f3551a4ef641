package ui

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/registry"
	"shequ/models"
	"shequ/reports/model"
)

// regStatsTab is 统计: per-township organisations by type, certified workers per 10,000
// residents and grid coverage, a bar chart of one of them, and the subsidies of a year.
type regStatsTab struct {
	s      *registryScreen
	root   fyne.CanvasObject
	table  *widget.Table
	metric *widget.Select
	chart  *fyne.Container
	year   *widget.Select
	subs   *widget.Table
	stats  []registry.TownshipStat
	towns  []registry.TownshipSubsidy // per township, the 合计 last
	people []registry.WorkerSubsidy
}

func newRegStatsTab(s *registryScreen) *regStatsTab {
	t := &regStatsTab{s: s}
	headers := []string{T("registry.col_township")}
	widths := []float32{120}
	for _, typ := range models.OrgTypes {
		headers, widths = append(headers, typ), append(widths, 95)
	}
	headers = append(headers, T("registry.col_orgs_total"), T("registry.col_certified"), T("registry.col_residents"),
		T("registry.col_per_10k"), T("registry.col_grid_households"), T("registry.col_profile_households"), T("registry.col_coverage"))
	widths = append(widths, 110, 115, 90, 290, 95, 90, 290) // the ratios may name their base
	t.table = rowTable(headers, widths, func() int { return len(t.stats) }, t.cell, func(int) {})
	t.metric = newSelect([]string{T("registry.metric_orgs"), T("registry.metric_per_10k"), T("registry.metric_coverage")},
		func(string) { t.drawChart() })
	t.metric.Selected = T("registry.metric_orgs")
	t.chart = container.NewVBox()
	now := time.Now().Year()
	var years []string
	for y := now; y >= now-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	t.year = newSelect(years, func(string) { t.reloadSubsidies() })
	t.year.Selected = years[0]
	t.subs = rowTable([]string{T("registry.col_township"), T("registry.col_sub_workers"), T("registry.col_sub_months"),
		T("registry.col_sub_monthly"), T("registry.col_sub_oneoff"), T("registry.col_sub_total")},
		[]float32{120, 55, 80, 130, 140, 130}, func() int { return len(t.towns) }, t.subCell, func(int) {})
	chartPane := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel(T("registry.chart")), nil, t.metric), nil, nil, nil,
		container.NewVScroll(t.chart))
	subPane := container.NewBorder(container.NewHBox(widget.NewLabel(T("registry.subsidy_year")), t.year,
		widget.NewButton(T("registry.subsidy_people"), t.onPeople), widget.NewButton(T("registry.rules"), t.onRules)),
		nil, nil, nil, fitted(t.subs))
	bottom := container.NewHSplit(chartPane, subPane)
	bottom.Offset = 0.45
	top := container.NewBorder(widget.NewLabel(T("registry.stats_title")), nil, nil, nil, fitted(t.table))
	split := container.NewVSplit(top, bottom)
	split.Offset = 0.4
	t.root = split
	return t
}

func countOrDash(n int64) string {
	if n == 0 {
		return "—"
	}
	return model.FormatCell(model.Int, n)
}

func (t *regStatsTab) cell(row, col int) string {
	st := t.stats[row]
	cells := []string{st.Township}
	for _, typ := range models.OrgTypes {
		cells = append(cells, strconv.Itoa(st.OrgsByType[typ]))
	}
	cells = append(cells, strconv.Itoa(st.Orgs), strconv.Itoa(st.CertifiedWorkers), countOrDash(st.Population), perTenThousandText(st),
		model.FormatCell(model.Int, st.GridHouseholds), countOrDash(st.ProfileHouseholds), coverageText(st))
	return cells[col]
}

func (t *regStatsTab) subCell(row, col int) string {
	x := t.towns[row]
	return [...]string{x.Township, strconv.Itoa(x.Workers), strconv.Itoa(x.Months), x.Monthly.Yuan(), x.OneOff.Yuan(), x.Total.Yuan()}[col]
}

func (t *regStatsTab) reload() {
	runAsync(func() {
		stats, err := t.s.w.app.Registry.TownshipStats(t.s.w.ctx)
		fyne.Do(func() {
			if err != nil {
				t.s.w.showError(err)
				return
			}
			t.stats = stats
			t.table.Refresh()
			t.drawChart()
		})
	})
	t.reloadSubsidies()
}

func (t *regStatsTab) reloadSubsidies() {
	year, _ := strconv.Atoi(t.year.Selected)
	runAsync(func() {
		people, towns, err := t.s.w.app.Registry.Subsidies(t.s.w.ctx, year)
		fyne.Do(func() {
			if err != nil {
				t.s.w.showError(err)
				return
			}
			t.people, t.towns = people, towns
			t.subs.Refresh()
		})
	})
}

// onPeople lists every worker's subsidy of the year.
func (t *regStatsTab) onPeople() {
	people := t.people
	table := rowTable([]string{T("registry.col_name"), T("registry.col_qual"), T("registry.col_township"), T("registry.col_sub_months"),
		T("registry.col_sub_monthly"), T("registry.col_sub_oneoff"), T("registry.col_sub_total")},
		[]float32{90, 130, 120, 70, 100, 100, 110}, func() int { return len(people) }, func(row, col int) string {
			p := people[row]
			return [...]string{p.Name, p.Qualification, p.Township, strconv.Itoa(p.Months), p.Monthly.Yuan(), p.OneOff.Yuan(), p.Total().Yuan()}[col]
		}, func(int) {})
	d := dialogCustom(Tf("registry.subsidy_people_title", map[string]any{"Year": t.year.Selected, "N": len(people)}), fitted(table), t.s.w.Win)
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

// perTenThousandText is the ratio with its base when only some villages have a population.
func perTenThousandText(st registry.TownshipStat) string {
	switch {
	case st.PerTenThousand < 0:
		return T("registry.no_population")
	case st.PerTenThousandPartial():
		return Tf("registry.per_10k_partial", map[string]any{"Value": fmt.Sprintf("%.2f", st.PerTenThousand),
			"N": st.PopulationBase, "Total": st.Villages})
	}
	return fmt.Sprintf("%.2f", st.PerTenThousand)
}

// coverageText is the grid coverage with its base when only some villages have households.
func coverageText(st registry.TownshipStat) string {
	if st.CoveragePartial() {
		return Tf("registry.coverage_partial", map[string]any{"Value": ratioText(st.Coverage, ""),
			"N": st.HouseholdsBase, "Total": st.Villages})
	}
	return ratioText(st.Coverage, T("registry.no_profile"))
}
