package store

import (
	"context"
	"testing"

	"shequ/models"
)

// TestShortNameSQLIsShortName: the search's short form in SQL is models.ShortName for every
// kind of suffix, the kind already in the stem, and names with no suffix.
func TestShortNameSQLIsShortName(t *testing.T) {
	s := openTemp(t)
	for _, name := range []string{
		"龙门村民委员会", "大坪山村村民委员会", "北城社区居民委员会", "北城居民委员会", "西山社区居委会",
		"西山居委会", "河东村委会", "中城街道办事处", "中城街道", "南部县", "村民委员会", "居委会", "社区",
		"50%_村民委员会",
	} {
		var got string
		if err := s.db.Raw("SELECT "+shortNameSQL+" FROM (SELECT ? AS name) AS t", name).Scan(&got).Error; err != nil {
			t.Fatal(err)
		}
		if want := models.ShortName(name); got != want {
			t.Errorf("short form of %s in SQL = %q, want %q", name, got, want)
		}
	}
}

// TestDivisionSearchTakesPercentAsText: % and _ typed into a search are looked for as they
// are, not as LIKE's wildcards, and a search of spaces finds nothing.
func TestDivisionSearchTakesPercentAsText(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	divs := []models.Division{
		{Code: "511300000000", Name: "南充市", Level: models.LevelCity},
		{Code: "511302000000", Name: "顺庆区", Level: models.LevelCounty, ParentCode: "511300000000"},
		{Code: "511302001000", Name: "中城街道办事处", Level: models.LevelTownship, ParentCode: "511302000000"},
		{Code: "511302001001", Name: "百分之50%村民委员会", Level: models.LevelVillage, ParentCode: "511302001000"},
		{Code: "511302001002", Name: "龙门村民委员会", Level: models.LevelVillage, ParentCode: "511302001000"},
	}
	if _, err := s.SeedDivisions(ctx, "test", divs); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"%": 1, "_": 0, "50%村": 1, "龙门村": 1, "村": 2, "  ": 0, "5113020010": 3} {
		n, err := s.CountDivisionSearch(ctx, DivisionQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SearchDivisions(ctx, DivisionQuery{Text: q}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if n != want || len(got) != want {
			t.Errorf("search %q: count %d, %d rows; want %d", q, n, len(got), want)
		}
	}
	got, err := s.SearchDivisions(ctx, DivisionQuery{Text: "0", Levels: []models.Level{models.LevelVillage}}, 1, 1)
	if err != nil || len(got) != 1 || got[0].Code != "511302001002" {
		t.Errorf("the second village of a search by code, one at a time: %v, %v", got, err)
	}
}
