package ui

import (
	"slices"
	"testing"

	"shequ/app/division"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// hitRows renders every row of the search's hits as the list does: "name｜path".
func hitRows(s *divisionsScreen) []string {
	var out []string
	for i := range s.found.len() {
		o := s.createHit()
		s.updateHit(i, o)
		c := o.(*fyne.Container)
		out = append(out, c.Objects[0].(*widget.Label).Text+"｜"+c.Objects[1].(*widget.Label).Text)
	}
	return out
}

func TestSearchListsHits(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	qileya := []string{"栖乐垭村民委员会｜顺庆区 西山街道"}
	tests := []struct {
		name  string
		query string
		paste bool // the whole query at once, not typed
		hits  string
		rows  []string // what the list shows, in order
	}{
		{"part of a community name", "平城街", false, "找到 1 个", []string{"平城街社区居民委员会｜顺庆区 中城街道"}},
		{"short form of a village committee", "栖乐垭村", false, "找到 1 个", qileya},
		{"other official form of the same village", "栖乐垭村委会", false, "找到 1 个", qileya},
		{"code prefix", "511302001", true, "找到 7 个", []string{
			"中城街道｜顺庆区", "平城街社区居民委员会｜顺庆区 中城街道", "滨江社区居民委员会｜顺庆区 中城街道",
			"合众街社区居民委员会｜顺庆区 中城街道", "医学街社区居民委员会｜顺庆区 中城街道",
			"体育场社区居民委员会｜顺庆区 中城街道", "稻香路社区居民委员会｜顺庆区 中城街道"}},
		{"spaces are ignored", "平城 街", false, "找到 1 个", []string{"平城街社区居民委员会｜顺庆区 中城街道"}},
		{"a county", "南部县", false, "找到 1 个", []string{"南部县｜"}},
		{"nothing matches", "不存在的地方", false, "找到 0 个", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.paste {
				s.search.SetText(tt.query)
			} else {
				retype(s.search, tt.query)
			}
			if s.hits.Text != tt.hits {
				t.Errorf("hits label = %q, want %q", s.hits.Text, tt.hits)
			}
			if s.tree.Visible() || !s.results.Visible() {
				t.Errorf("during a search the hits are listed in the tree's place (tree shown %v, list shown %v)", s.tree.Visible(), s.results.Visible())
			}
			if got := hitRows(s); !slices.Equal(got, tt.rows) {
				t.Errorf("the list shows %q, want %q", got, tt.rows)
			}
		})
	}
}

// A one-character search finds thousands: the list holds one window of them, read from the
// database, and scrolling to the end reads the window there.
func TestSearchOfThousandsReadsOneWindow(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	s.search.SetText("村")
	n, err := f.app.Divisions.CountSearch(f.ctx, division.Query{Text: "村", ActiveOnly: true})
	if err != nil || n < 2000 {
		t.Fatalf("CountSearch(村) = %d, %v", n, err)
	}
	if want := Tf("div.hits", map[string]any{"N": n}); s.hits.Text != want || s.found.len() != n {
		t.Fatalf("hits label %q, %d rows; want %q", s.hits.Text, s.found.len(), want)
	}
	if len(s.found.rows) > pageWindow {
		t.Errorf("the list holds %d hits, want one window of at most %d", len(s.found.rows), pageWindow)
	}
	last, err := f.app.Divisions.Search(f.ctx, division.Query{Text: "村", ActiveOnly: true}, n-1, 1)
	if err != nil || len(last) != 1 {
		t.Fatal(err)
	}
	s.found.row(n - 1) // what the list asks for when scrolled to the end
	if h, ok := s.found.row(n - 1); !ok || h.Code != last[0].Code {
		t.Errorf("the last row after scrolling = %v %v, want %s", h.Code, ok, last[0].Code)
	}
}

func TestClearingSearchRestoresCounties(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	counties := []string{"顺庆区", "高坪区", "嘉陵区", "南部县", "营山县", "蓬安县", "仪陇县", "西充县", "阆中市"}
	if got := treeLabels(s.tree); !slices.Equal(got, counties) {
		t.Fatalf("before searching the tree renders %q, want the 9 counties", got)
	}

	test.Type(s.search, "平城街")
	if s.tree.Visible() {
		t.Fatal("the tree is still shown during a search")
	}
	// Delete the query key by key, as a user does.
	for range []rune(s.search.Text) {
		s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	if s.search.Text != "" {
		t.Fatalf("search still holds %q", s.search.Text)
	}
	if !s.tree.Visible() || s.results.Visible() {
		t.Error("after clearing the search the tree is not back in the list's place")
	}
	if got := s.childUIDs(""); len(got) != 9 {
		t.Errorf("after clearing the search the tree has %d counties, want 9", len(got))
	}
	if got := treeLabels(s.tree); !slices.Equal(got, counties) {
		t.Errorf("after clearing the search the tree renders %q, want the 9 counties", got)
	}
	if s.hits.Text != "" {
		t.Errorf("hits label = %q after clearing, want empty", s.hits.Text)
	}
}

func TestSearchEnterSelectsFirstMatch(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	test.Type(s.search, "栖乐垭村")
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.detail.code != "511302011205" {
		t.Fatalf("Enter selected %q, want 511302011205", s.detail.code)
	}
	if s.detail.name.Text != "栖乐垭村民委员会" || s.detail.codeV.Text != "511302011205" {
		t.Errorf("detail shows %q %q", s.detail.name.Text, s.detail.codeV.Text)
	}
	if want := "南充市 › 顺庆区 › 西山街道"; s.detail.parentV.Text != want {
		t.Errorf("上级 = %q, want %q", s.detail.parentV.Text, want)
	}
	if s.detail.kindV.Text != "村" {
		t.Errorf("类型 = %q, want 村", s.detail.kindV.Text)
	}
}

func TestDetailOfTownshipHasNoProfile(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	if !containsText(s.detail.root, "请在左侧选择一个区划") {
		t.Errorf("before a selection the detail panel does not ask for one: %q", visibleTexts(s.detail.root))
	}
	s.Select("511302001000")
	d := s.detail
	if d.name.Text != "中城街道" || d.levelV.Text != "乡镇（街道）" || d.kindV.Text != "街道" {
		t.Errorf("detail shows %q %q %q", d.name.Text, d.levelV.Text, d.kindV.Text)
	}
	if want := "6 个村（社区）"; d.childrenV.Text != want {
		t.Errorf("下级 = %q, want %q", d.childrenV.Text, want)
	}
	if d.profileBox.Visible() || containsText(d.root, "社区档案") {
		t.Error("a township's detail shows the community profile form")
	}
	if d.addChild.Disabled() || d.rename.Disabled() || d.retire.Disabled() {
		t.Error("an active township's actions are disabled")
	}
	s.Select("511302001001")
	if !d.profileBox.Visible() || !containsText(d.root, "社区档案") {
		t.Error("a community's detail does not show the profile form")
	}
	if !d.addChild.Disabled() {
		t.Error("新增下级 is enabled for a community")
	}
}
