package ui

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
	on := s.tabs.OnSelected // the summary is read by shown, once the year is known
	s.tabs.OnSelected = nil
	s.tabs.SelectIndex(k.tab)
	s.tabs.OnSelected = on
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
