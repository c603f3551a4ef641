package ui

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"shequ/assets"
	"shequ/models"
)

// halfWidthBracket is a half-width bracket next to a Chinese character: "村(居)务公开".
var halfWidthBracket = regexp.MustCompile(`\p{Han}[()]|[()]\p{Han}`)

// TestChineseTextUsesFullWidthBrackets: what a clerk reads writes brackets full-width,
// "村（居）务公开", in every Chinese translation and in the kinds the screens offer.
func TestChineseTextUsesFullWidthBrackets(t *testing.T) {
	files, err := fs.Glob(assets.Translations, "translations/*zh-Hans.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Chinese translations: %v", err)
	}
	for _, f := range files {
		data, _ := fs.ReadFile(assets.Translations, f)
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if halfWidthBracket.MatchString(v) {
				t.Errorf("%s %s: %q", f, k, v)
			}
		}
	}
	var kinds []string
	for _, k := range models.MeetingKinds {
		kinds = append(kinds, string(k))
	}
	kinds = append(kinds, models.TitleKinds...)
	for _, k := range kinds {
		if halfWidthBracket.MatchString(k) {
			t.Errorf("kind %q", k)
		}
	}
	if !strings.Contains(T("ledgers.tab_disclosures"), "村（居）务公开") {
		t.Errorf("tab: %q", T("ledgers.tab_disclosures"))
	}
}
