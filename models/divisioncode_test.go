package models

import (
	"errors"
	"testing"
)

func TestParseDivisionCode(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"511321", "511321000000", true},
		{" 511321000000 ", "511321000000", true},
		{"5113", "511300000000", true},
		{"511321100", "511321100000", true},
		{"511321100201", "511321100201", true},
		{"51132", "", false},
		{"51132110020", "", false},
		{"5113211002011", "", false},
		{"51132a", "", false},
		{"", "", false},
	} {
		got, err := ParseDivisionCode(tc.in)
		if tc.ok != (err == nil) || got.String() != tc.want {
			t.Errorf("ParseDivisionCode(%q) = %q, %v; want %q ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDivisionCode(%q) error %v is not ErrInvalid", tc.in, err)
		}
	}
}

func TestDivisionCodeLevelsAndParents(t *testing.T) {
	for _, tc := range []struct {
		code                     DivisionCode
		level                    Level
		county, township, prefix string
	}{
		{"511300000000", LevelCity, "511300000000", "", "5113"},
		{"511321000000", LevelCounty, "511321000000", "", "511321"},
		{"511321100000", LevelTownship, "511321000000", "511321100000", "511321100"},
		{"511321100201", LevelVillage, "511321000000", "511321100000", "511321100201"},
		{"5113211002", "", "5113211002", "", "5113211002"},
	} {
		c := tc.code
		if c.Level() != tc.level || c.County().String() != tc.county || c.Township().String() != tc.township || c.OwnPrefix() != tc.prefix {
			t.Errorf("%s: level %q county %s township %s prefix %s; want %q %s %s %s", c, c.Level(), c.County(), c.Township(), c.OwnPrefix(), tc.level, tc.county, tc.township, tc.prefix)
		}
	}
	v := Code("511321100201")
	if v.Prefix(LevelCounty) != "511321" || v.Prefix(LevelTownship) != "511321100" || v.Prefix(LevelCity) != "5113" {
		t.Errorf("prefixes of %s: %s %s %s", v, v.Prefix(LevelCounty), v.Prefix(LevelTownship), v.Prefix(LevelCity))
	}
	// A level below the code's own gives its own prefix: a county has no township prefix.
	if p := Code("511321000000").Prefix(LevelTownship); p != "511321" {
		t.Errorf("county's township prefix = %s", p)
	}
	if !v.Under("511321000000") || !v.Under("511300000000") || v.Under("511302000000") || !v.Under(v) {
		t.Error("Under is wrong")
	}
}
