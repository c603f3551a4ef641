package ui

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2/lang"

	"shequ/assets"
)

var loadOnce sync.Once

// LoadTranslations registers zh and en before any window is built; a Chinese-locale user sees
// Chinese, anyone else English.
func LoadTranslations() {
	loadOnce.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			panic(fmt.Sprintf("内置翻译文件有误：%v", err)) // a build defect, caught by the tests
		}
	})
}

// T looks up a UI string by key. Every key must exist in zh-Hans.json and en.json (a test checks).
func T(key string) string { return lang.X(key, key) }

// Tf looks up a UI string and fills its {{.N}} placeholders.
func Tf(key string, data map[string]any) string { return lang.X(key, key, data) }
