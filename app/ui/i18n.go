package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"shequ/assets"
	"shequ/reports/model"
)

var loadOnce sync.Once

// Language names the UI language: Chinese unless the clerk asked for English.
const (
	LangChinese = "zh-Hans"
	LangEnglish = "en"
)

// fyneLanguages are the languages fyne ships its own strings in (v2.7.1, lang/translations).
// Fyne picks one of these, or "en", from the system locale; registering our language under
// every one of them makes whichever it picks show our language.
var fyneLanguages = []string{"cs", "de", "el", "en", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// UILanguage is the language shequ shows: Chinese always, English only when asked for —
// SHEQU_LANG=en, or the choice saved in 设置 (SHEQU_LANG wins). An English Windows or
// LANG=C does not change it: the clerks read Chinese.
func UILanguage() string {
	want := strings.TrimSpace(os.Getenv("SHEQU_LANG"))
	if want == "" {
		if path, err := languageFile(); err == nil {
			if b, err := os.ReadFile(path); err == nil {
				want = strings.TrimSpace(string(b))
			}
		}
	}
	if strings.HasPrefix(strings.ToLower(want), "en") {
		return LangEnglish
	}
	return LangChinese
}

// languageFile holds the language chosen in 设置, for every database on this computer.
func languageFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "shequ", "ui-language"), nil
}

// SaveUILanguage keeps the language chosen in 设置 for the next start.
func SaveUILanguage(language string) error {
	path, err := languageFile()
	if err != nil {
		return fmt.Errorf("找不到保存界面语言的用户配置文件夹：%w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("无法创建文件夹 %s：%w", filepath.Dir(path), err)
	}
	if err := os.WriteFile(path, []byte(language+"\n"), 0o644); err != nil {
		return fmt.Errorf("无法保存界面语言到 %s：%w", path, err)
	}
	return nil
}

// LoadTranslations sets the UI language before any window is built. shequ's own strings are a
// plain map that T reads: registering them with fyne's go-i18n bundle under every tag below cost
// 8 MB of parsed templates. Only fyne's own strings (取消, 打开, 主目录 … from fyne.<lang>.json)
// go to fyne, under every tag it may choose from the system locale, since shequ does not.
func LoadTranslations() {
	loadOnce.Do(func() {
		language := UILanguage()
		all, err := translationsFor(language)
		if err == nil {
			messages = all
		}
		var fyneOwn []byte
		if err == nil {
			fyneOwn, err = assets.Translations.ReadFile("translations/fyne." + language + ".json")
		}
		if err != nil {
			panic(fmt.Sprintf("内置翻译文件有误：%v", err)) // a build defect, caught by the tests
		}
		for _, tag := range fyneLanguages {
			if err := lang.AddTranslationsForLocale(fyneOwn, fyne.Locale(tag)); err != nil {
				panic(fmt.Sprintf("内置翻译文件有误：%v", err))
			}
		}
	})
}

// messages holds the UI language's strings by key, set once by LoadTranslations.
var messages map[string]string

// translationsFor merges every embedded file of one language ("zh-Hans.json",
// "budget.zh-Hans.json", "fyne.zh-Hans.json" …) into one map.
func translationsFor(language string) (map[string]string, error) {
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		return nil, err
	}
	all := map[string]string{}
	for _, e := range entries {
		if e.Name() != language+".json" && !strings.HasSuffix(e.Name(), "."+language+".json") {
			continue
		}
		raw, err := assets.Translations.ReadFile("translations/" + e.Name())
		if err != nil {
			return nil, err
		}
		var part map[string]string
		if err := json.Unmarshal(raw, &part); err != nil {
			return nil, fmt.Errorf("%s：%w", e.Name(), err)
		}
		for k, v := range part {
			all[k] = v
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("没有 %s 的翻译文件", language)
	}
	return all, nil
}

// T looks up a UI string by key. Every key must exist in zh-Hans.json and en.json (a test checks).
func T(key string) string {
	if m, ok := messages[key]; ok {
		return m
	}
	return key
}

// Tf looks up a UI string and fills its {{.N}} placeholders.
func Tf(key string, data map[string]any) string {
	m := T(key)
	if !strings.Contains(m, "{{") {
		return m
	}
	t, err := template.New(key).Parse(m)
	if err != nil {
		return m
	}
	var b strings.Builder
	if err := t.Execute(&b, grouped(data)); err != nil {
		return m
	}
	return b.String()
}

// grouped writes whole numbers with thousands separators, as the tables and reports do ("共
// 100,000 条", not "共 100000 条"), except years and numbers of days or levels.
func grouped(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		out[k] = v
		if strings.HasSuffix(k, "Year") || k == "Level" || k == "Days" {
			continue
		}
		switch n := v.(type) {
		case int:
			out[k] = model.Count(n)
		case int64:
			out[k] = model.Count(n)
		case int32:
			out[k] = model.Count(n)
		}
	}
	return out
}
