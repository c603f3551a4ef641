package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// shownPath lists what the tree offers from the top down, following the only child at each
// level: the codes under "", then under that one, and so on, stopping at a level with other
// than one entry or at a village.
func shownPath(s *divisionsScreen) [][]string {
	var levels [][]string
	uid := ""
	for {
		kids := s.childUIDs(uid)
		levels = append(levels, kids)
		if len(kids) != 1 || !s.isBranch(kids[0]) {
			return levels
		}
		uid = kids[0]
	}
}

func TestSearchNarrowsTree(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	// The villages of 中城街道 (there is no 511302001006 in the 2023 list).
	zhongcheng := []string{"511302001001", "511302001002", "511302001003", "511302001004", "511302001005", "511302001007"}
	qileyaPath := [][]string{{"511302000000"}, {"511302011000"}, {"511302011205"}}
	qileyaLabels := []string{"顺庆区", "西山街道", "栖乐垭村民委员会"}
	tests := []struct {
		name  string
		query string
		// paste sets the whole query at once. Typed digit by digit, "5", "51", "511" and "5113"
		// each match all 3,256 divisions and take about 20 s each (see TestSearchOpensEachBranchOnce).
		paste  bool
		hits   string
		path   [][]string // childUIDs("") and down the single path
		labels []string   // what the tree renders
	}{
		{
			name:   "part of a community name",
			query:  "平城街",
			hits:   "找到 1 个",
			path:   [][]string{{"511302000000"}, {"511302001000"}, {"511302001001"}},
			labels: []string{"顺庆区", "中城街道", "平城街社区居民委员会"},
		},
		{
			name:   "short form of a village committee",
			query:  "栖乐垭村",
			hits:   "找到 1 个",
			path:   qileyaPath,
			labels: qileyaLabels,
		},
		{
			name:   "other official form of the same village",
			query:  "栖乐垭村委会",
			hits:   "找到 1 个",
			path:   qileyaPath,
			labels: qileyaLabels,
		},
		{
			name:  "code prefix",
			query: "511302001",
			paste: true,
			hits:  "找到 7 个",
			path:  [][]string{{"511302000000"}, {"511302001000"}, zhongcheng},
		},
		{
			name:  "spaces are ignored",
			query: "平城 街",
			hits:  "找到 1 个",
			path:  [][]string{{"511302000000"}, {"511302001000"}, {"511302001001"}},
		},
		{
			name:  "nothing matches",
			query: "不存在的地方",
			hits:  "找到 0 个",
			path:  [][]string{{}},
		},
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
			got := shownPath(s)
			if len(got) != len(tt.path) {
				t.Fatalf("tree path = %v, want %v", got, tt.path)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.path[i]) {
					t.Errorf("tree level %d = %v, want %v", i, got[i], tt.path[i])
				}
			}
			if tt.labels != nil {
				if got := treeLabels(s.tree); !slices.Equal(got, tt.labels) {
					t.Errorf("tree renders %q, want %q", got, tt.labels)
				}
			}
		})
	}
}

// A search opens the county and township above each hit. Opening a branch refreshes the whole
// tree, so opening the same branch once per hit makes a one-character search ("村": 2,217
// hits, "5": 3,256) freeze the window for 10–20 s while the tree relabels its rows thousands
// of times.
func TestSearchOpensEachBranchOnce(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	opened := map[string]int{}
	s.tree.OnBranchOpened = func(uid string) { opened[uid]++ }

	s.search.SetText("511302001") // 中城街道 and its 6 communities
	if want := "找到 7 个"; s.hits.Text != want {
		t.Fatalf("hits label = %q, want %q", s.hits.Text, want)
	}
	for _, code := range []string{"511302000000", "511302001000"} {
		if opened[code] == 0 {
			t.Errorf("the search did not open %s", code)
		}
	}
	var again []string
	for code, n := range opened {
		if n > 1 {
			again = append(again, fmt.Sprintf("%s×%d", code, n))
		}
	}
	if len(again) > 0 {
		slices.Sort(again)
		t.Errorf("onSearch opened branches more than once (each OpenBranch re-lays out the tree): %v", again)
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
	if got := s.childUIDs(""); len(got) != 1 {
		t.Fatalf("search left %d counties, want 1", len(got))
	}
	// Delete the query key by key, as a user does.
	for range []rune(s.search.Text) {
		s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	if s.search.Text != "" {
		t.Fatalf("search still holds %q", s.search.Text)
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
