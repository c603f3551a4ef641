package app

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"shequ/app/division"
	"shequ/models"
)

// TestSearchOrderActiveFirst checks the order a search lists its hits in: the active divisions
// by code, then the retired ones by code, with none left out.
func TestSearchOrderActiveFirst(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local)
	merged, err := a.Divisions.Create(ctx, division.NewDivision{ParentCode: "511302001000", Code: "511302001900", Name: "平城滨江社区居民委员会", EffectiveOn: day})
	if err != nil {
		t.Fatal(err)
	}
	// Names of the other official forms: their short forms are not the start of the name.
	for code, name := range map[string]string{"511302001901": "北城居民委员会", "511302001902": "西山居委会", "511302001903": "河东村委会"} {
		if _, err := a.Divisions.Create(ctx, division.NewDivision{ParentCode: "511302001000", Code: code, Name: name, EffectiveOn: day}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []string{"511302001001", "511302001003"} {
		if err := a.Divisions.Retire(ctx, c, merged.Code, day, "合并"); err != nil {
			t.Fatal(err)
		}
	}
	divs, err := a.store.Divisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"511302001", "社区", "平城", "村", "滨江社区", "北城社区", "委员会", "居委会", "村委会", "街道办事处", "区居", "村村", "山社区", "城社", "东村", "西山居委会"} {
		hits, err := a.Divisions.Search(ctx, division.Query{Text: q}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]models.Division, len(hits))
		for i, h := range hits {
			got[i] = h.Division
		}
		if n, err := a.Divisions.CountSearch(ctx, division.Query{Text: q}); err != nil || n != len(want0(divs, q)) {
			t.Errorf("CountSearch(%q) = %d, %v; want %d", q, n, err, len(want0(divs, q)))
		}
		var want []models.Division
		for _, d := range divs {
			if containsAny(q, d) {
				want = append(want, d)
			}
		}
		sort.Slice(want, func(i, j int) bool {
			if want[i].Active() != want[j].Active() {
				return want[i].Active()
			}
			return want[i].Code < want[j].Code
		})
		codes := func(ds []models.Division) []string {
			out := make([]string, len(ds))
			for i, d := range ds {
				out[i] = d.Code
			}
			return out
		}
		if !slices.Equal(codes(got), codes(want)) {
			t.Errorf("Search(%q): %d hits, want %d in order active by code, then retired by code", q, len(got), len(want))
		}
		if q == "511302001" && (got[len(got)-1].Code != "511302001003" || got[len(got)-2].Code != "511302001001") {
			t.Errorf("Search(%q) does not end with the two retired villages: %v", q, codes(got))
		}
	}
}

// want0 are the divisions containsAny finds, in no order.
func want0(divs []models.Division, q string) []models.Division {
	var out []models.Division
	for _, d := range divs {
		if containsAny(q, d) {
			out = append(out, d)
		}
	}
	return out
}

// containsAny is the search's own rule for a query without spaces: the text in the name, the
// short form of the query in the short name, or, for digits, in the code.
func containsAny(q string, d models.Division) bool {
	digits := q != "" && strings.Trim(q, "0123456789") == ""
	return strings.Contains(d.Name, q) || strings.Contains(models.ShortName(d.Name), models.ShortName(q)) ||
		(digits && strings.Contains(d.Code, q))
}
