package ui

import "fyne.io/fyne/v2/widget"

// filterValues are a screen's search texts, drop-down choices and ticks in a fixed order, with
// the selected tab: what a screen that only filters keeps when it is released.
type filterValues struct {
	texts, choices []string
	ticks          []bool
	tab            int
}

// filterWidgets are the widgets whose values filterValues keeps, in the same order each build.
type filterWidgets struct {
	entries []*widget.Entry
	selects []*widget.Select
	checks  []*widget.Check
}

func (f filterWidgets) read(tab int) *filterValues {
	v := &filterValues{tab: tab}
	for _, e := range f.entries {
		v.texts = append(v.texts, e.Text)
	}
	for _, s := range f.selects {
		v.choices = append(v.choices, s.Selected)
	}
	for _, c := range f.checks {
		v.ticks = append(v.ticks, c.Checked)
	}
	return v
}

// apply puts the values back without running the widgets' callbacks: shown reads once after.
// A drop-down's options are filled by shown, which keeps a choice that is still offered.
func (f filterWidgets) apply(v *filterValues) {
	for i, e := range f.entries {
		if i < len(v.texts) && v.texts[i] != "" {
			on := e.OnChanged
			e.OnChanged = nil
			e.SetText(v.texts[i])
			e.OnChanged = on
		}
	}
	for i, s := range f.selects {
		if i < len(v.choices) && v.choices[i] != "" {
			s.Selected = v.choices[i]
		}
	}
	for i, c := range f.checks {
		if i < len(v.ticks) {
			c.Checked = v.ticks[i]
		}
	}
}

func (s *registryScreen) filters() filterWidgets {
	return filterWidgets{
		entries: []*widget.Entry{s.orgs.search, s.workers.search, s.grids.search, s.projects.search},
		selects: []*widget.Select{s.orgs.town, s.orgs.typ, s.orgs.status, s.workers.town, s.workers.post, s.workers.status,
			s.workers.qual, s.grids.town, s.projects.town, s.projects.status, s.stats.metric, s.stats.year}}
}

// release: 三社互动 edits in dialogs, which window.leave waits for; its filters and tab are kept.
func (s *registryScreen) release() screen {
	if s.root == nil {
		return nil
	}
	n := newRegistryScreen(s.w)
	n.kept = s.filters().read(s.tabs.SelectedIndex())
	return n
}

func (s *registryScreen) restore() {
	if s.kept == nil {
		return
	}
	s.filters().apply(s.kept)
	selectTabQuietly(s.tabs, s.kept.tab)
	s.kept = nil
}

func (s *dutiesScreen) filters() filterWidgets {
	return filterWidgets{selects: []*widget.Select{s.matrix.year, s.list.dept, s.list.status, s.list.year, s.super.year},
		checks: []*widget.Check{s.list.overdue}}
}

// release keeps the tree while a task's page is open (its plan fields are edited in place) or
// a department's fields were typed and not saved.
func (s *dutiesScreen) release() screen {
	if s.root == nil || len(s.root.Objects) != 1 || s.root.Objects[0] != s.tabs || s.depts.unsaved() {
		return nil
	}
	n := newDutiesScreen(s.w)
	n.today = s.today
	n.kept = s.filters().read(s.tabs.SelectedIndex())
	return n
}

func (s *dutiesScreen) restore() {
	if s.kept == nil {
		return
	}
	s.filters().apply(s.kept)
	s.tabs.SelectIndex(s.kept.tab)
	s.kept = nil
}

// unsaved says whether the department form differs from the department it was filled with.
func (d *dutyDepartments) unsaved() bool {
	e := d.editing
	return d.name.Text != e.Name || d.duty.Text != e.Duty || d.contact.Text != e.Contact || d.phone.Text != e.Phone
}

func (s *ledgersScreen) filters() filterWidgets {
	return filterWidgets{entries: []*widget.Entry{s.search}, selects: []*widget.Select{s.year}}
}

// ledgersKept is 民主自治's search, year and tab, and the village open.
type ledgersKept struct {
	*filterValues
	code string
}

// release: 民主自治 edits in dialogs, which window.leave waits for.
func (s *ledgersScreen) release() screen {
	if s.root == nil {
		return nil
	}
	n := newLedgersScreen(s.w)
	n.kept = &ledgersKept{filterValues: s.filters().read(s.tabs.SelectedIndex()), code: s.code}
	return n
}

func (s *ledgersScreen) restore() {
	k := s.kept
	if k == nil {
		return
	}
	s.kept = nil
	s.filters().apply(k.filterValues)
	selectTabQuietly(s.tabs, k.tab)
	if k.code != "" {
		s.Open(k.code)
	}
	if k.texts[0] != "" {
		s.onSearch() // the matches in place of the ledgers, as when left
	}
}

func (s *auditScreen) filters() filterWidgets {
	return filterWidgets{entries: []*widget.Entry{s.from, s.to, s.text}, selects: []*widget.Select{s.actor, s.module}}
}

// release: 操作日志 only filters and reads; an export writes in the background and tells the window.
func (s *auditScreen) release() screen {
	if s.root == nil {
		return nil
	}
	n := newAuditScreen(s.w)
	n.kept = s.filters().read(0)
	return n
}

func (s *auditScreen) restore() {
	if s.kept != nil {
		s.filters().apply(s.kept)
		s.kept = nil
	}
}
