package ui

import (
	"fyne.io/fyne/v2/container"

	"shequ/models"
)

// What each screen keeps when it lets go of its widget tree (window.leave, issue 19): the
// choices a clerk made, in plain fields, put back by restore when the screen is built again.

// budgetKept are 经费保障's filters, tab and grouping.
type budgetKept struct {
	year, county, township, category, source string
	townOpts                                 []string
	townCodes                                map[string]string
	townKey                                  string
	tab                                      int
	rateBy                                   string
}

// release keeps the tree while an import runs: its progress is on screen.
func (s *budgetScreen) release() screen {
	if s.root == nil {
		return nil
	}
	if p := s.imp.progress; p != nil && !p.stop.Disabled() {
		return nil
	}
	n := newBudgetScreen(s.w)
	n.kept = &budgetKept{year: s.year.Selected, county: s.county.Selected, township: s.township.Selected,
		category: s.category.Selected, source: s.source.Selected, townOpts: s.township.Options,
		townCodes: s.townCodes, townKey: s.townKey, tab: s.tabs.SelectedIndex(), rateBy: s.rates.by.Selected}
	return n
}

func (s *budgetScreen) restore() {
	k := s.kept
	if k == nil {
		return
	}
	s.kept = nil
	s.year.Selected, s.county.Selected, s.category.Selected, s.source.Selected = k.year, k.county, k.category, k.source
	s.township.Options, s.township.Selected = k.townOpts, k.township
	s.townCodes, s.townKey = k.townCodes, k.townKey
	s.rates.by.Selected = k.rateBy
	selectTabQuietly(s.tabs, k.tab)
}

// reportKept is 报告生成's form and the last report written.
type reportKept struct {
	year, area, format, table string
	areaOpts, areaCodes       []string
	checks                    []bool
	lastPath                  string
}

// release keeps the tree while a report is being written: its progress is on screen.
func (s *reportScreen) release() screen {
	if s.root == nil {
		return nil
	}
	if s.stop != nil {
		return nil
	}
	n := newReportScreen(s.w)
	n.chooseFile = s.chooseFile
	k := &reportKept{year: s.year.Selected, area: s.area.Selected, format: s.format.Selected, table: s.table.Selected,
		areaOpts: s.area.Options, areaCodes: s.areaCodes, lastPath: s.lastPath}
	for _, c := range s.checks {
		k.checks = append(k.checks, c.Checked)
	}
	n.kept = k
	return n
}

func (s *reportScreen) restore() {
	k := s.kept
	if k == nil {
		return
	}
	s.kept = nil
	s.year.Selected, s.format.Selected, s.table.Selected = k.year, k.format, k.table
	s.area.Options, s.area.Selected, s.areaCodes = k.areaOpts, k.area, k.areaCodes
	for i, c := range s.checks {
		if i < len(k.checks) {
			c.Checked = k.checks[i]
		}
	}
	if k.lastPath != "" {
		s.lastPath = k.lastPath
		s.open.Enable()
		s.status.SetText(Tf("report.done", map[string]any{"Path": k.lastPath}))
	}
}

// release: 设置 does its work in dialogs, which window.leave waits for.
func (s *settingsScreen) release() screen {
	if s.root == nil {
		return nil
	}
	return newSettingsScreen(s.w)
}

// checklistKept are 标准化建设's county, township, year, tab and the community whose form was open.
type checklistKept struct {
	counties, towns             []models.Division
	countyOpts, townOpts        []string
	county, township, year, tab string
	code                        string
}

// release keeps the tree while the assessment form holds values not saved.
func (s *checklistScreen) release() screen {
	if s.root == nil || s.form.unsaved() {
		return nil
	}
	n := newChecklistScreen(s.w)
	n.kept = &checklistKept{counties: s.counties, towns: s.towns, countyOpts: s.county.Options, townOpts: s.township.Options,
		county: s.county.Selected, township: s.township.Selected, year: s.year.Selected, code: s.form.code}
	if t := s.tabs.Selected(); t != nil {
		n.kept.tab = t.Text
	}
	return n
}

// restore puts the choices back before shown reads: with the counties known, shown reloads
// for the kept township and year and reopens the community's form.
func (s *checklistScreen) restore() {
	k := s.kept
	if k == nil {
		return
	}
	s.kept = nil
	s.counties, s.towns = k.counties, k.towns
	s.county.Options, s.county.Selected = k.countyOpts, k.county
	s.township.Options, s.township.Selected = k.townOpts, k.township
	s.year.Selected = k.year
	s.form.code = k.code
	selectTabTitled(s.tabs, k.tab)
}

// divisionsKept are 区划与社区's search, 显示已撤销 and the selected division.
type divisionsKept struct {
	search      string
	showRetired bool
	code        string
}

// release keeps the tree while the community profile holds typed input not saved.
func (s *divisionsScreen) release() screen {
	if s.root == nil || s.detail.unsaved() {
		return nil
	}
	n := newDivisionsScreen(s.w)
	n.kept = &divisionsKept{search: s.search.Text, showRetired: s.showRetired.Checked, code: s.detail.code}
	return n
}

func (s *divisionsScreen) restore() {
	k := s.kept
	if k == nil {
		return
	}
	s.kept = nil
	s.showRetired.Checked = k.showRetired
	switch {
	case k.search != "":
		s.search.SetText(k.search) // lists the hits
		if k.code != "" {
			s.detail.show(k.code)
		}
	case k.code != "":
		s.Select(k.code)
	}
}

// selectTabTitled selects the tab titled title, when there is one.
func selectTabTitled(tabs *container.AppTabs, title string) {
	for _, it := range tabs.Items {
		if it.Text == title {
			tabs.Select(it)
			return
		}
	}
}

// selectTabQuietly selects tab i without its OnSelected: the tab's data is read by shown, once
// the filters it depends on are known.
func selectTabQuietly(tabs *container.AppTabs, i int) {
	on := tabs.OnSelected
	tabs.OnSelected = nil
	tabs.SelectIndex(i)
	tabs.OnSelected = on
}
