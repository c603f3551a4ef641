package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// visibleHint reports whether o shows a text containing want.
func visibleHint(o fyne.CanvasObject, want string) bool {
	return strings.Contains(strings.Join(visibleTexts(o), " "), want)
}

// TestEmptyScreensSayWhatToDoFirst: 示范单位, 网格, 社会组织 … were blank tables on a new
// database; each now says what to do first, and the hint goes once there are rows.
func TestEmptyScreensSayWhatToDoFirst(t *testing.T) {
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 720))
	f.w.Show("nav.registry")
	var reg *registryScreen
	for _, sc := range f.w.screens {
		if r, ok := sc.(*registryScreen); ok {
			reg = r
		}
	}
	for i, want := range map[int]string{0: "点“新增”逐个录入", 1: "社会工作者或网格员", 2: "点“新增网格”", 3: "三社联动项目"} {
		reg.tabs.SelectIndex(i)
		if !visibleHint(reg.tabs.Items[i].Content, want) {
			t.Errorf("三社互动 tab %d: no hint %q in %q", i, want, visibleTexts(reg.tabs.Items[i].Content))
		}
	}

	c := openChecklist(t, f)
	c.tabs.SelectIndex(2)
	if !visibleHint(c.titles.root, "登记示范单位") || !c.titles.empty.Visible() {
		t.Errorf("示范单位: %q", visibleTexts(c.titles.root))
	}

	f.w.Show("nav.budget")
	var b *budgetScreen
	for _, sc := range f.w.screens {
		if x, ok := sc.(*budgetScreen); ok {
			b = x
		}
	}
	if !b.emptyBox.Visible() || !strings.Contains(b.empty.Text, "导入预算表") {
		t.Errorf("经费保障: hint shown %v: %q", b.emptyBox.Visible(), b.empty.Text)
	}
}

// TestEmptyHintGoesWithRows: the hint over a 三社互动 table shows only while it has no rows.
func TestEmptyHintGoesWithRows(t *testing.T) {
	_, s := openRegistry(t)
	s.tabs.SelectIndex(0)
	if visibleHint(s.orgs.root, "没有符合条件的社会组织") {
		t.Error("the hint shows over a table with organisations")
	}
	s.orgs.search.SetText("没有这个组织")
	if !visibleHint(s.orgs.root, "没有符合条件的社会组织") {
		t.Errorf("no hint after a search without results: %q", visibleTexts(s.orgs.root))
	}
}
