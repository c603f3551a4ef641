package ui

import (
	"shequ/app/store/pgtest"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// screenIndex finds a screen by its title, so tests do not depend on how many module screens
// stand between 区划与社区 and 操作日志.
func screenIndex(t *testing.T, w *MainWindow, title string) int {
	t.Helper()
	for i, s := range w.screens {
		if s.title() == title {
			return i
		}
	}
	t.Fatalf("no screen titled %s", title)
	return -1
}

func TestNavigationListsScreensInOrder(t *testing.T) {
	f := newFixture(t)
	// 首页 and 区划与社区 first, then the modules, then 操作日志, 设置 and 关于.
	var want []string
	for _, s := range f.w.screens {
		want = append(want, s.title())
	}
	if len(want) < 5 || want[0] != "首页" || want[1] != "区划与社区" ||
		!slices.Equal(want[len(want)-3:], []string{"操作日志", "设置", "关于"}) {
		t.Fatalf("screens in order: %q", want)
	}
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
}

func TestNavigationShowsEachScreen(t *testing.T) {
	f := newFixture(t)
	// Each screen is recognised by a text only it shows.
	marks := map[string]string{"首页": "南充市城乡社区治理概况", "区划与社区": "输入名称或代码搜索",
		"操作日志": "谁在何时修改了什么", "设置": "自动备份文件夹", "关于": "SIL Open Font License"}
	if pgtest.OnPostgres() { // the server keeps the backups
		marks["设置"] = "由单位信息中心用 pg_dump 定期备份"
	}
	for _, title := range []string{"区划与社区", "关于", "操作日志", "首页", "设置", "关于", "区划与社区"} {
		i := screenIndex(t, f.w, title)
		f.w.nav.Select(i)
		if len(f.w.body.Objects) != 1 || f.w.body.Objects[0] != f.w.screens[i].content() {
			t.Fatalf("after selecting %s the body does not show that screen", title)
		}
		for other, m := range marks {
			if shown := containsText(f.w.body, m); shown != (other == title) {
				t.Errorf("after selecting %s: body shows %q = %v", title, m, shown)
			}
		}
	}
}

func TestShowByTitleKey(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct{ key, title string }{
		{"nav.divisions", "区划与社区"},
		{"nav.about", "关于"},
		{"nav.audit", "操作日志"},
		{"nav.settings", "设置"},
		{"nav.home", "首页"},
	} {
		f.w.Show(tt.key)
		want := screenIndex(t, f.w, tt.title)
		if f.w.current != want || f.w.body.Objects[0] != f.w.screens[want].content() {
			t.Errorf("Show(%q): current screen %d, want %d", tt.key, f.w.current, want)
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
		{"村（社区）", "3,004", h.villages.Text},
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

func TestParseWindowSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		w, h float32
		ok   bool
	}{
		{"1280x720", 1280, 720, true},
		{" 1280X800 ", 1280, 800, true},
		{"1280*720", 0, 0, false},
		{"100x100", 0, 0, false},
		{"x720", 0, 0, false},
		{"", 0, 0, false},
	} {
		got, err := ParseWindowSize(c.in)
		if (err == nil) != c.ok || (c.ok && (got.Width != c.w || got.Height != c.h)) {
			t.Errorf("ParseWindowSize(%q) = %v, %v", c.in, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "1280x720") {
			t.Errorf("the message for %q does not show how to write it: %v", c.in, err)
		}
	}
}

func TestSelectTabOpensTheNamedTab(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.registry")
	if !f.w.SelectTab("网格") {
		t.Fatal("三社互动 has no tab 网格")
	}
	if f.w.SelectTab("没有这个") {
		t.Error("an unknown tab was reported as selected")
	}
}

// TestAboutNamesEveryModule: 关于 described only the first feature (区划与社区); it names every
// module of the navigation now.
func TestAboutNamesEveryModule(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.about")
	texts := strings.Join(visibleTexts(f.w.body), " ")
	for _, s := range f.w.screens[1:] {
		name := s.title()
		if name == "关于" || name == "设置" || name == "操作日志" {
			continue
		}
		if !strings.Contains(texts, name) {
			t.Errorf("关于 does not mention %q in %q", name, texts)
		}
	}
	for _, w := range []string{"excelize", "fpdf"} {
		if !strings.Contains(texts, w) {
			t.Errorf("关于 does not list %s among the components", w)
		}
	}
}
