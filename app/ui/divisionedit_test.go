package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

var effective = time.Date(2024, 3, 1, 0, 0, 0, 0, time.Local)

// historyText opens 变更记录 for the division shown in the detail panel, returns what the
// dialog says and closes it.
func historyText(t *testing.T, f *fixture) string {
	t.Helper()
	test.Tap(f.w.divisions.detail.history)
	dlg := topOverlay(t, f.w.Win)
	text := strings.Join(visibleTexts(dlg), "\n")
	test.Tap(button(t, dlg, "关闭"))
	if f.w.Win.Canvas().Overlays().Top() != nil {
		t.Error("关闭 did not close the history dialog")
	}
	return text
}

func TestRenameShowsNewNameAndHistory(t *testing.T) {
	tests := []struct {
		name, code, old, new string
		hit                  string // the row a search of the new name lists
	}{
		{"community", pingcheng, "平城街社区居民委员会", "平城社区居民委员会", "平城社区居民委员会｜顺庆区 中城街道"},
		{"township", "511302001000", "中城街道", "中城新街道", "中城新街道｜顺庆区"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			s := f.openDivisions(t)
			s.Select(tt.code)
			if s.detail.name.Text != tt.old {
				t.Fatalf("detail shows %q, want %q", s.detail.name.Text, tt.old)
			}
			if h := historyText(t, f); !strings.Contains(h, "没有变更记录") {
				t.Errorf("history before renaming = %q, want 没有变更记录", h)
			}

			if err := f.app.Divisions.Rename(f.ctx, tt.code, tt.new, effective, "县政府批复"); err != nil {
				t.Fatal(err)
			}
			s.reload(tt.code)

			if s.detail.name.Text != tt.new {
				t.Errorf("detail name = %q, want %q", s.detail.name.Text, tt.new)
			}
			if got := treeLabels(s.tree); !slices.Contains(got, tt.new) || slices.Contains(got, tt.old) {
				t.Errorf("tree renders %q, want %q and not %q", got, tt.new, tt.old)
			}
			h := historyText(t, f)
			for _, want := range []string{"2024年3月1日", "更名", tt.old + " → " + tt.new, "县政府批复", f.app.Actor} {
				if !strings.Contains(h, want) {
					t.Errorf("history %q lacks %q", h, want)
				}
			}
			// The new name is searchable, the old one no longer is.
			retype(s.search, tt.new)
			if got := hitRows(s); !slices.Contains(got, tt.hit) {
				t.Errorf("searching %q lists %q, want %q among them", tt.new, got, tt.hit)
			}
			retype(s.search, tt.old)
			if s.hits.Text != "找到 0 个" {
				t.Errorf("searching the old name %q: %s, want 找到 0 个", tt.old, s.hits.Text)
			}
		})
	}
}

// formEntry finds the entry in a form dialog that stands on the row with the given label.
func formEntry(t *testing.T, dlg fyne.CanvasObject, label string) *widget.Entry {
	t.Helper()
	for _, o := range visibleObjects(dlg) {
		if form, ok := o.(*widget.Form); ok {
			for _, it := range form.Items {
				if e, ok := it.Widget.(*widget.Entry); ok && it.Text == label {
					return e
				}
			}
		}
	}
	t.Fatalf("the dialog has no entry labelled %q; texts: %q", label, visibleTexts(dlg))
	return nil
}

func TestRenameThroughDialog(t *testing.T) {
	f := newFixture(t)
	dlg := f.openAction(t, pingcheng, "更名")
	s := f.w.divisions
	if !containsText(dlg, "原名称") || !containsText(dlg, "平城街社区居民委员会") {
		t.Errorf("the rename dialog does not show the old name: %q", visibleTexts(dlg))
	}
	retype(formEntry(t, dlg, "新名称"), "平城社区居民委员会")
	retype(formEntry(t, dlg, "生效日期"), "2024-03-01")
	test.Type(formEntry(t, dlg, "依据或说明"), "顺府函〔2024〕12号")
	test.Tap(button(t, dlg, "确定"))

	if o := f.w.Win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is still shown after 确定: %q", visibleTexts(o))
	}
	d, err := f.app.Divisions.Get(f.ctx, pingcheng)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "平城社区居民委员会" {
		t.Errorf("stored name = %q", d.Name)
	}
	if s.detail.name.Text != "平城社区居民委员会" {
		t.Errorf("detail name = %q", s.detail.name.Text)
	}
	if got := treeLabels(s.tree); !slices.Contains(got, "平城社区居民委员会") {
		t.Errorf("tree renders %q, want the new name", got)
	}
	h := historyText(t, f)
	for _, want := range []string{"2024年3月1日", "更名", "平城街社区居民委员会 → 平城社区居民委员会", "顺府函〔2024〕12号"} {
		if !strings.Contains(h, want) {
			t.Errorf("history %q lacks %q", h, want)
		}
	}
}

func TestRenameDialogReportsInvalidName(t *testing.T) {
	f := newFixture(t)
	dlg := f.openAction(t, pingcheng, "更名")
	// The name is prefilled with the current one; confirming it unchanged is an error.
	test.Tap(button(t, dlg, "确定"))

	errDlg := topOverlay(t, f.w.Win)
	if !containsText(errDlg, "操作未完成") || !containsText(errDlg, "新名称") || !containsText(errDlg, "与原名称相同") {
		t.Errorf("error dialog says %q", visibleTexts(errDlg))
	}
	test.Tap(button(t, errDlg, "知道了"))
	if d, _ := f.app.Divisions.Get(f.ctx, pingcheng); d.Name != "平城街社区居民委员会" {
		t.Errorf("name changed to %q", d.Name)
	}
	if h := historyText(t, f); !strings.Contains(h, "没有变更记录") {
		t.Errorf("history = %q, want 没有变更记录", h)
	}
}

func TestMergeThroughDialogKeepsHistory(t *testing.T) {
	f := newFixture(t)
	const binjiang = "511302001002" // 滨江社区居民委员会, merged into 平城街
	dlg := f.openAction(t, binjiang, "撤销或合并")
	s := f.w.divisions
	test.Type(formEntry(t, dlg, "并入区划代码"), pingcheng)
	if !containsText(dlg, "平城街社区居民委员会") {
		t.Errorf("typing the successor's code does not show its name: %q", visibleTexts(dlg))
	}
	retype(formEntry(t, dlg, "生效日期"), "2024-03-01")
	test.Tap(button(t, dlg, "确定"))
	if o := f.w.Win.Canvas().Overlays().Top(); o != nil {
		t.Fatalf("a dialog is still shown after 确定: %q", visibleTexts(o))
	}

	d := s.detail
	if !s.showRetired.Checked {
		t.Error("显示已撤销 is not checked after retiring")
	}
	for _, want := range []string{"2024年3月1日撤销", "并入 平城街社区居民委员会（511302001001）"} {
		if !strings.Contains(d.statusV.Text, want) {
			t.Errorf("status %q lacks %q", d.statusV.Text, want)
		}
	}
	if !d.rename.Disabled() || !d.retire.Disabled() || d.history.Disabled() {
		t.Error("a retired community must offer only 变更记录")
	}
	if got := treeLabels(s.tree); !slices.Contains(got, "滨江社区居民委员会（已撤销）") {
		t.Errorf("tree renders %q, want 滨江社区居民委员会（已撤销）", got)
	}
	h := historyText(t, f)
	for _, want := range []string{"2024年3月1日", "合并", "滨江社区居民委员会（511302001002） → 511302001001"} {
		if !strings.Contains(h, want) {
			t.Errorf("history %q lacks %q", h, want)
		}
	}

	// Without 显示已撤销 the retired community leaves the tree and the home count.
	s.showRetired.SetChecked(false)
	if slices.Contains(s.childUIDs("511302001000"), binjiang) {
		t.Error("the retired community is still in the tree with 显示已撤销 off")
	}
	f.w.Show("nav.home")
	if f.w.home.villages.Text != "3,003" {
		t.Errorf("home 村（社区） = %q, want 3,003", f.w.home.villages.Text)
	}
}

// Ticking 显示已撤销 while a search is active should bring the retired matches in.
func TestShowRetiredDuringSearch(t *testing.T) {
	f := newFixture(t)
	const binjiang = "511302001002"
	if err := f.app.Divisions.Retire(f.ctx, binjiang, "", effective, ""); err != nil {
		t.Fatal(err)
	}
	s := f.openDivisions(t)
	test.Type(s.search, "滨江社区")
	hit := func() bool {
		for i := range s.found.len() {
			if h, ok := s.found.row(i); ok && h.Code == binjiang {
				return true
			}
		}
		return false
	}
	if hit() {
		t.Fatal("a retired community matches while 显示已撤销 is off")
	}

	s.showRetired.SetChecked(true)
	if !hit() || !slices.Contains(hitRows(s), "滨江社区居民委员会（已撤销）｜顺庆区 中城街道") {
		t.Errorf("显示已撤销 must re-run the search: the retired match stays hidden (hits %q: %q)", s.hits.Text, hitRows(s))
	}
}
