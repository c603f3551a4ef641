package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestNavigationListsScreensInOrder(t *testing.T) {
	f := newFixture(t)
	want := []string{"首页", "区划与社区", "关于"}

	if n := f.w.nav.Length(); n != len(want) {
		t.Fatalf("nav has %d entries, want %d", n, len(want))
	}
	// What the list renders for each row, built with the list's own callbacks.
	var items []string
	for i := range f.w.nav.Length() {
		o := f.w.nav.CreateItem()
		f.w.nav.UpdateItem(i, o)
		items = append(items, o.(*widget.Label).Text)
	}
	if !slices.Equal(items, want) {
		t.Errorf("nav items = %q, want %q", items, want)
	}
	if got := visibleTexts(f.w.nav); !slices.Equal(got, want) {
		t.Errorf("nav renders %q, want %q", got, want)
	}
}

func TestNavigationShowsEachScreen(t *testing.T) {
	f := newFixture(t)
	// Each screen is recognised by a text only it shows.
	marks := []string{"南充市城乡社区治理概况", "输入名称或代码搜索", "SIL Open Font License"}
	tests := []struct {
		index int
		title string
	}{
		{1, "区划与社区"},
		{2, "关于"},
		{0, "首页"},
		{2, "关于"},
		{1, "区划与社区"},
	}
	for _, tt := range tests {
		f.w.nav.Select(tt.index)
		if len(f.w.body.Objects) != 1 {
			t.Fatalf("after selecting %s the body holds %d objects, want 1", tt.title, len(f.w.body.Objects))
		}
		s := f.w.screens[tt.index]
		if s.title() != tt.title {
			t.Errorf("screen %d is titled %q, want %q", tt.index, s.title(), tt.title)
		}
		if f.w.body.Objects[0] != s.content() {
			t.Errorf("after selecting %s the body does not show that screen", tt.title)
		}
		for i, m := range marks {
			if shown := containsText(f.w.body, m); shown != (i == tt.index) {
				t.Errorf("after selecting %s: body shows %q = %v", tt.title, m, shown)
			}
		}
	}
}

func TestShowByTitleKey(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		key  string
		want int
	}{
		{"nav.divisions", 1},
		{"nav.about", 2},
		{"nav.home", 0},
	} {
		f.w.Show(tt.key)
		if f.w.current != tt.want || f.w.body.Objects[0] != f.w.screens[tt.want].content() {
			t.Errorf("Show(%q): current screen %d, want %d", tt.key, f.w.current, tt.want)
		}
	}
}

func TestHomeShowsDivisionCounts(t *testing.T) {
	f := newFixture(t)
	h := f.w.home
	if f.w.body.Objects[0] != h.content() {
		t.Fatal("the window does not open on 首页")
	}
	for _, tt := range []struct {
		caption string
		value   string
		got     string
	}{
		{"县（市、区）", "9", h.counties.Text},
		{"乡镇（街道）", "242", h.townships.Text},
		{"村（社区）", "3004", h.villages.Text},
		{"已建社区档案", "0", h.profiles.Text},
	} {
		if tt.got != tt.value {
			t.Errorf("%s shows %q, want %q", tt.caption, tt.got, tt.value)
		}
		// The caption and the number are read together: the number follows its caption.
		texts := visibleTexts(f.w.body)
		i := slices.Index(texts, tt.caption)
		if i < 0 || i+1 >= len(texts) || texts[i+1] != tt.value {
			t.Errorf("home does not show %s %s; texts: %q", tt.caption, tt.value, texts)
		}
	}
	if !containsText(h.dbPath, f.app.DBPath()) {
		t.Errorf("home names the database as %q, want it to contain %q", h.dbPath.Text, f.app.DBPath())
	}
}

func TestHomeButtonOpensDivisions(t *testing.T) {
	f := newFixture(t)
	test.Tap(button(t, f.w.body, "进入区划与社区"))
	if f.w.current != 1 || f.w.body.Objects[0] != f.w.divisions.content() {
		t.Fatalf("tapping 进入区划与社区 left screen %d shown", f.w.current)
	}
	if got := f.w.divisions.childUIDs(""); len(got) != 9 {
		t.Errorf("the tree shows %d counties, want 9", len(got))
	}
}
