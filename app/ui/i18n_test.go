package ui

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/assets"
)

// translationFiles are the files LoadTranslations registers, read from the embedded copy the
// binary ships.
var translationFiles = []string{"zh-Hans.json", "en.json"}

// readTranslations merges every embedded file for one language: the base file ("zh-Hans.json")
// and each module's own ("budget.zh-Hans.json"). A key defined twice is an error.
// readTranslations reads one language: the base file (e.g. "zh-Hans.json") merged with every
// area's file for it ("budget.zh-Hans.json" …), as fyne loads them; a key defined twice fails.
func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		if e.Name() != name && !strings.HasSuffix(e.Name(), "."+name) {
			continue
		}
		data, err := assets.Translations.ReadFile("translations/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]string
		if err := json.Unmarshal(data, &part); err != nil {
			t.Fatalf("%s is not a flat JSON object of strings: %v", e.Name(), err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("%s: key %q is defined in another %s file too", e.Name(), k, name)
			}
			m[k] = v
		}
	}
	return m
}

var keyUse = regexp.MustCompile(`\b(?:T|Tf|Show)\(\s*"([^"]+)"`)

// usedKeys scans the package's non-test sources for T("…"), Tf("…") and Show("…").
func usedKeys(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string][]string{} // key → files using it
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			if !slices.Contains(used[m[1]], f) {
				used[m[1]] = append(used[m[1]], f)
			}
		}
	}
	if len(used) < 20 {
		t.Fatalf("found only %d translation keys in app/ui; is the pattern still right?", len(used))
	}
	return used
}

func TestTranslationKeysUsedExist(t *testing.T) {
	used := usedKeys(t)
	for _, file := range translationFiles {
		tr := readTranslations(t, file)
		for _, key := range slices.Sorted(maps.Keys(used)) {
			if _, ok := tr[key]; !ok {
				t.Errorf("%s lacks %q, used in %v", file, key, used[key])
			}
		}
	}
	// And the loaded bundle answers them in Chinese, not with the key.
	for key := range used {
		if got := T(key); got == key {
			t.Errorf("T(%q) falls back to the key", key)
		}
	}
}

func TestTranslationFilesAgree(t *testing.T) {
	zh, en := readTranslations(t, "zh-Hans.json"), readTranslations(t, "en.json")
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("zh-Hans.json lacks %q", k)
		}
	}
	// Both languages fill the same blanks.
	blank := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}|%[sdv]`)
	blanks := func(s string) []string {
		var out []string
		for _, m := range blank.FindAllString(s, -1) {
			out = append(out, strings.ReplaceAll(m, " ", ""))
		}
		slices.Sort(out)
		return out
	}
	for k, z := range zh {
		if e, ok := en[k]; ok && !slices.Equal(blanks(z), blanks(e)) {
			t.Errorf("%q: zh-Hans fills %v, en fills %v", k, blanks(z), blanks(e))
		}
	}
}

func TestTranslationValuesAndKeys(t *testing.T) {
	// go-i18n reads an object with one of these keys as a message, not as a key of ours.
	reserved := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other"}
	for _, file := range translationFiles {
		for k, v := range readTranslations(t, file) {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %q is empty", file, k)
			}
			if slices.Contains(reserved, strings.ToLower(k)) {
				t.Errorf("%s: key %q is reserved by go-i18n", file, k)
			}
		}
	}
}

// TestChineseWhateverTheLocale: an English Windows, LANG=C or a German desktop still shows
// Chinese, fyne's own strings included. Fyne re-reads the locale whenever translations are
// added, so each case adds an empty set to make it look again.
func TestChineseWhateverTheLocale(t *testing.T) {
	for _, loc := range []string{"C", "en_US.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8", "zh_TW.UTF-8", "zh_CN.UTF-8"} {
		t.Run(loc, func(t *testing.T) {
			t.Setenv("LC_ALL", loc)
			t.Setenv("LANGUAGE", "")
			t.Setenv("LANG", loc)
			if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale("en")); err != nil {
				t.Fatal(err)
			}
			for key, want := range map[string]string{"nav.home": "首页", "select.placeholder": "（请选择）"} {
				if got := T(key); got != want {
					t.Errorf("T(%q) = %q, want %q", key, got, want)
				}
			}
			for in, want := range map[string]string{"Cancel": "取消", "Open": "打开", "Home": "主目录", "Computer": "计算机"} {
				if got := lang.L(in); got != want {
					t.Errorf("lang.L(%q) = %q, want %q", in, got, want)
				}
			}
			if got := newSelect(nil, nil).PlaceHolder; got != "（请选择）" {
				t.Errorf("a select's placeholder is %q", got)
			}
		})
	}
}

func TestUILanguage(t *testing.T) {
	for env, want := range map[string]string{"": LangChinese, "zh": LangChinese, "en": LangEnglish, "EN_us": LangEnglish, "fr": LangChinese} {
		t.Setenv("SHEQU_LANG", env)
		if got := UILanguage(); got != want {
			t.Errorf("SHEQU_LANG=%q: %q, want %q", env, got, want)
		}
	}
	en, err := translationsFor(LangEnglish)
	if err != nil || en["nav.home"] != "Home" {
		t.Errorf("English translations: %v, nav.home = %q", err, en["nav.home"])
	}
}

// TestFileDialogPlacesInChinese: fyne's file dialog names its places itself ("Home",
// "Computer"); localizeFileDialog renames them.
func TestFileDialogPlacesInChinese(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewWindow(widget.NewLabel(""))
	defer win.Close()
	win.Resize(fyne.NewSize(1000, 700))
	d := dialog.NewFileOpen(func(fyne.URIReadCloser, error) {}, win)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
	localizeFileDialog(win)
	texts := visibleTexts(win.Canvas().Overlays().Top())
	for _, english := range []string{"Home", "Computer", "(Select one)"} {
		if slices.Contains(texts, english) {
			t.Errorf("the file dialog shows %q: %q", english, texts)
		}
	}
	if !slices.Contains(texts, "主目录") {
		t.Errorf("the file dialog does not show 主目录: %q", texts)
	}
}

// TestNoFyneEnglishOnAnyScreen walks every screen (and every tab of a screen with tabs) under
// LANG=C and looks for the English that Fyne writes by itself.
func TestNoFyneEnglishOnAnyScreen(t *testing.T) {
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 800))
	english := []string{"(Select one)", "Home", "Computer", "Submit", "Cancel", "Open", "Save", "Name", "Parent"}
	check := func(where string) {
		for _, s := range visibleTexts(f.w.Win.Content()) {
			if slices.Contains(english, strings.TrimSpace(s)) {
				t.Errorf("%s shows %q", where, s)
			}
		}
	}
	for i := range f.w.screens {
		f.w.show(i)
		title := f.w.screens[i].title()
		check(title)
		walkVisible(f.w.Win.Content(), func(o fyne.CanvasObject) bool {
			if tabs, ok := o.(*container.AppTabs); ok {
				for j := range tabs.Items {
					tabs.SelectIndex(j)
					check(title + " / " + tabs.Items[j].Text)
				}
				tabs.SelectIndex(0)
				return false
			}
			return true
		})
	}
}

// TestSelectsGoThroughNewSelect: widget.NewSelect leaves Fyne's English "(Select one)" as the
// placeholder; screens use newSelect.
func TestSelectsGoThroughNewSelect(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "i18n_fyne.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "widget.NewSelect(") {
			t.Errorf("%s calls widget.NewSelect: use newSelect, whose placeholder is Chinese", f)
		}
	}
}

// TestLanguageChosenInSettings: 设置's choice is kept for the next start; SHEQU_LANG still wins.
func TestLanguageChosenInSettings(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	t.Setenv("AppData", t.TempDir())
	t.Setenv("SHEQU_LANG", "")
	if got := UILanguage(); got != LangChinese {
		t.Fatalf("nothing chosen: %q", got)
	}
	f := newFixture(t)
	f.w.Show("nav.settings")
	check := findCheck(t, f.w.Win.Content(), "使用英文界面（English）")
	test.Tap(check)
	if got := UILanguage(); got != LangEnglish {
		t.Errorf("after choosing English in 设置: %q", got)
	}
	t.Setenv("SHEQU_LANG", "zh")
	if got := UILanguage(); got != LangChinese {
		t.Errorf("SHEQU_LANG=zh over the saved English: %q", got)
	}
	t.Setenv("SHEQU_LANG", "")
	test.Tap(check)
	if got := UILanguage(); got != LangChinese {
		t.Errorf("back to Chinese: %q", got)
	}
}

func findCheck(t *testing.T, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	var found *widget.Check
	walkVisible(o, func(o fyne.CanvasObject) bool {
		if c, ok := o.(*widget.Check); ok && c.Text == text {
			found = c
		}
		return found == nil
	})
	if found == nil {
		t.Fatalf("no check %q", text)
	}
	return found
}

// TestOverwriteQuestionInChinese saves over an existing file through Fyne's save dialog (the
// one used where the system's own is not): Fyne's "Overwrite?" question is asked in Chinese.
func TestOverwriteQuestionInChinese(t *testing.T) {
	test.NewTempApp(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "报告.xlsx"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(widget.NewLabel(""))
	defer win.Close()
	win.Resize(fyne.NewSize(1000, 700))
	fyneSaveDialog(win, "报告.xlsx", func(fyne.URIWriteCloser, error) {})
	save := findButton(win.Canvas().Overlays().Top().(*widget.PopUp).Content, lang.L("Save"))
	if save == nil {
		t.Fatal("no 保存 button in the save dialog")
	}
	test.Tap(save)
	texts := visibleTexts(win.Canvas().Overlays().Top())
	for _, english := range []string{"Overwrite?", "Are you sure you want to overwrite the file\n报告.xlsx?", "Yes", "No"} {
		if slices.Contains(texts, english) {
			t.Errorf("the overwrite question shows %q: %q", english, texts)
		}
	}
	if !slices.Contains(texts, "覆盖文件？") || !slices.Contains(texts, "文件 报告.xlsx 已经存在，要用新文件覆盖它吗？") {
		t.Errorf("the overwrite question is not in Chinese: %q", texts)
	}
}

// TestTfGroupsCounts: counts in messages carry thousands separators as the tables do (the
// 经费保障 totals said "共 100000 条"); years stay as they are written.
func TestTfGroupsCounts(t *testing.T) {
	got := Tf("budget.totals", map[string]any{"N": 100000, "Amount": "1.00", "Disbursed": "0.00", "Unit": "万元", "Rate": "0.0%"})
	if !strings.HasPrefix(got, "共 100,000 条") {
		t.Errorf("budget.totals: %q", got)
	}
	got = Tf("budgetimport.preview_sheets", map[string]any{"N": 3, "Year": 2026, "Rows": int64(12345), "Total": "1.00", "W": 0})
	if !strings.Contains(got, "2026 年") || !strings.Contains(got, "共 12,345 条") {
		t.Errorf("preview_sheets: %q", got)
	}
}
