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
