package ui

import (
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// leaveAndReturn shows 首页, then the screen titled title again, and returns that screen as the
// window holds it now.
func leaveAndReturn(t *testing.T, f *fixture, title string) screen {
	t.Helper()
	f.w.nav.Select(0)
	i := screenIndex(t, f.w, title)
	f.w.nav.Select(i)
	return f.w.screens[i]
}

func TestLeftScreenIsRebuiltWithItsFilters(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.budget")
	b := f.w.screens[screenIndex(t, f.w, "经费保障")].(*budgetScreen)
	oldRoot := b.root
	b.county.SetSelected("顺庆区")
	b.tabs.SelectIndex(1)

	nb := leaveAndReturn(t, f, "经费保障").(*budgetScreen)
	if nb == b || nb.root == oldRoot {
		t.Fatal("经费保障 kept its widget tree after it was left")
	}
	if f.w.body.Objects[0] != nb.root {
		t.Fatal("the body does not show the rebuilt 经费保障")
	}
	if nb.county.Selected != "顺庆区" || nb.tabs.SelectedIndex() != 1 {
		t.Errorf("rebuilt 经费保障: county %q, tab %d; want 顺庆区, 1", nb.county.Selected, nb.tabs.SelectedIndex())
	}
	if got := nb.countyOf[nb.county.Selected]; got == "" || nb.shownFilter.County != got {
		t.Errorf("rebuilt 经费保障 shows lines of county %q, want %q", nb.shownFilter.County, got)
	}
}

func TestChecklistComesBackOnTheSameTownshipYearAndTab(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.checklist")
	c := f.w.screens[screenIndex(t, f.w, "社区标准化")].(*checklistScreen)
	if len(c.township.Options) < 2 || len(c.year.Options) < 2 {
		t.Fatalf("townships %q, years %q", c.township.Options, c.year.Options)
	}
	town, year := c.township.Options[1], c.year.Options[2]
	c.township.SetSelected(town)
	c.year.SetSelected(year)
	c.tabs.SelectIndex(2)
	tab := c.tabs.Selected().Text

	nc := leaveAndReturn(t, f, "社区标准化").(*checklistScreen)
	if nc == c || nc.root == c.root {
		t.Fatal("社区标准化 kept its widget tree after it was left")
	}
	if nc.township.Selected != town || nc.year.Selected != year || nc.tabs.Selected().Text != tab {
		t.Errorf("rebuilt 社区标准化: %q %q %q, want %q %q %q", nc.township.Selected, nc.year.Selected,
			nc.tabs.Selected().Text, town, year, tab)
	}
	if len(nc.communities) == 0 || nc.communities[0].Code[:9] != nc.townshipCode()[:9] {
		t.Errorf("rebuilt 社区标准化 lists %d communities, not those of %s", len(nc.communities), town)
	}
}

func TestUnsavedProfileKeepsDivisionsScreen(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	s.Select(pingcheng)
	test.Type(s.detail.households, "1200")

	if back := leaveAndReturn(t, f, "区划与社区"); back != s || f.w.divisions != s {
		t.Fatal("区划与社区 was dropped with a profile typed and not saved")
	}
	if s.detail.households.Text != "1200" || s.detail.code != pingcheng {
		t.Errorf("after coming back: %s households %q, want %s 1200", s.detail.code, s.detail.households.Text, pingcheng)
	}

	// Saved, nothing is lost by leaving: the screen is rebuilt on the same community.
	test.Tap(button(t, s.detail.root, "保存"))
	ns := leaveAndReturn(t, f, "区划与社区").(*divisionsScreen)
	if ns == s || f.w.divisions != ns {
		t.Fatal("区划与社区 was kept after its profile was saved")
	}
	if ns.detail.code != pingcheng || ns.detail.households.Text != "1200" {
		t.Errorf("rebuilt 区划与社区 shows %q households %q, want %s 1200", ns.detail.code, ns.detail.households.Text, pingcheng)
	}
}

func TestUnsavedAssessmentKeepsChecklist(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.checklist")
	c := f.w.screens[screenIndex(t, f.w, "社区标准化")].(*checklistScreen)
	c.tabs.SelectIndex(1)
	c.list.Select(0)
	if len(c.form.inputs) == 0 || c.form.save.Disabled() {
		t.Fatalf("no editable form after selecting %d communities' first", len(c.communities))
	}
	in := c.form.inputs[0]
	if in.note == nil {
		t.Fatal("the first indicator has no note entry")
	}
	test.Type(in.note, "入户走访")

	if leaveAndReturn(t, f, "社区标准化") != c {
		t.Fatal("社区标准化 was dropped with an assessment typed and not saved")
	}
	if c.form.inputs[0].note.Text != "入户走访" {
		t.Errorf("the note reads %q after coming back", c.form.inputs[0].note.Text)
	}
}

func TestRunningWorkKeepsItsScreen(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.report")
	r := f.w.screens[screenIndex(t, f.w, "报表")].(*reportScreen)
	r.stop = func() {} // a report being written (s.busy(true) sets it)
	r.busy(true)
	if leaveAndReturn(t, f, "报表") != r {
		t.Fatal("报表 was dropped while a report was being written")
	}
	r.busy(false)
	r.lastPath = "/tmp/报告.pdf"
	nr := leaveAndReturn(t, f, "报表").(*reportScreen)
	if nr == r || nr.lastPath != r.lastPath || nr.open.Disabled() {
		t.Errorf("after the report: rebuilt %v, last report %q, 打开 disabled %v", nr != r, nr.lastPath, nr.open.Disabled())
	}

	f.w.Show("nav.budget")
	b := f.w.screens[screenIndex(t, f.w, "经费保障")].(*budgetScreen)
	b.imp.progress = newImportProgress(func() {})
	b.imp.progress.start() // an import under way
	if leaveAndReturn(t, f, "经费保障") != b {
		t.Fatal("经费保障 was dropped while an import ran")
	}
}

func TestOpenDialogKeepsTheScreen(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.about")
	a := f.w.screens[screenIndex(t, f.w, "关于")]
	d := dialog.NewCustom("x", "关闭", widget.NewLabel("y"), f.w.Win)
	d.Show()
	f.w.Show("nav.home")
	d.Hide()
	f.w.Show("nav.about")
	if f.w.screens[screenIndex(t, f.w, "关于")] != a {
		t.Fatal("关于 was dropped while a dialog was open")
	}
}

// Every screen can be left and come back after a first visit, and the window's references to
// 首页 and 区划与社区 follow the rebuilt screens.
func TestEveryScreenRebuildsAfterLeaving(t *testing.T) {
	f := newFixture(t)
	for round := 0; round < 2; round++ {
		for i := range f.w.screens {
			f.w.nav.Select(i)
			if f.w.body.Objects[0] != f.w.screens[i].content() {
				t.Fatalf("round %d: %s is not shown", round, f.w.screens[i].title())
			}
		}
	}
	f.w.nav.Select(0)
	if f.w.home != f.w.screens[0] || f.w.divisions != f.w.screens[1] {
		t.Fatal("w.home or w.divisions is not the screen the window shows")
	}
	f.w.SelectDivision(pingcheng)
	if f.w.divisions.detail.code != pingcheng {
		t.Errorf("SelectDivision after a rebuild shows %q", f.w.divisions.detail.code)
	}
}

func TestFilterScreensComeBackTheSame(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.registry")
	r := f.w.screens[screenIndex(t, f.w, "三社互动")].(*registryScreen)
	r.tabs.SelectIndex(3)
	test.Type(r.projects.search, "养老")
	nr := leaveAndReturn(t, f, "三社互动").(*registryScreen)
	if nr == r || nr.tabs.SelectedIndex() != 3 || nr.projects.search.Text != "养老" {
		t.Errorf("三社互动: rebuilt %v, tab %d, search %q", nr != r, nr.tabs.SelectedIndex(), nr.projects.search.Text)
	}

	f.w.Show("nav.ledgers")
	l := f.w.screens[screenIndex(t, f.w, "民主自治")].(*ledgersScreen)
	l.Open(pingcheng)
	l.year.SetSelected(l.year.Options[2])
	nl := leaveAndReturn(t, f, "民主自治").(*ledgersScreen)
	if nl == l || nl.code != pingcheng || nl.year.Selected != l.year.Selected || nl.place.Text != l.place.Text {
		t.Errorf("民主自治: rebuilt %v, village %q %q, year %q", nl != l, nl.code, nl.place.Text, nl.year.Selected)
	}

	f.w.Show("nav.audit")
	a := f.w.screens[screenIndex(t, f.w, "操作日志")].(*auditScreen)
	a.text.SetText("平城")
	na := leaveAndReturn(t, f, "操作日志").(*auditScreen)
	if na == a || na.text.Text != "平城" {
		t.Errorf("操作日志: rebuilt %v, text %q", na != a, na.text.Text)
	}
}

func TestUnsavedDepartmentKeepsDuties(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.duties")
	d := f.w.screens[screenIndex(t, f.w, "部门职责")].(*dutiesScreen)
	d.tabs.SelectIndex(3)
	nd := leaveAndReturn(t, f, "部门职责").(*dutiesScreen)
	if nd == d || nd.tabs.SelectedIndex() != 3 {
		t.Fatalf("部门职责: rebuilt %v, tab %d", nd != d, nd.tabs.SelectedIndex())
	}
	test.Type(nd.depts.phone, "0817")
	if leaveAndReturn(t, f, "部门职责") != nd || !containsText(nd.depts.root, "0817") {
		t.Error("部门职责 was dropped with a department's phone typed and not saved")
	}
}
