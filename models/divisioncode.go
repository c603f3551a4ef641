package models

import (
	"fmt"
	"strings"
)

// DivisionCode is a statistical division code in its stored 12-digit form. It is the one place
// that knows which digits name the city (4), the county (6), the township (9) and the village
// (12); nothing else slices codes.
type DivisionCode string

// prefixDigits is how many leading digits name a division of each level.
var prefixDigits = map[Level]int{LevelCity: 4, LevelCounty: 6, LevelTownship: 9, LevelVillage: 12}

// ParseDivisionCode accepts the 12-digit form and the short 4-, 6- and 9-digit forms people type
// (511321 and 511321000000 name the same county), with surrounding blanks ignored.
func ParseDivisionCode(s string) (DivisionCode, error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 4, 6, 9, 12:
		if allDigits(s) {
			return DivisionCode(s + strings.Repeat("0", 12-len(s))), nil
		}
	}
	return "", fmt.Errorf("%w：区划代码应为 6 位或 12 位数字（%s）", ErrInvalid, s)
}

// Code is the division code of a stored 12-digit string. It does not validate: use
// ParseDivisionCode on input.
func Code(s string) DivisionCode { return DivisionCode(s) }

// String is the 12-digit form.
func (c DivisionCode) String() string { return string(c) }

// Valid reports whether c is 12 digits.
func (c DivisionCode) Valid() bool { return len(c) == 12 && allDigits(string(c)) }

// Level is the level the code's trailing zeros imply: 5113 00 000 000 is the city, 511321 000 000
// a county, 511321 100 000 a township, anything else a village.
func (c DivisionCode) Level() Level {
	switch {
	case !c.Valid():
		return ""
	case c[4:] == "00000000":
		return LevelCity
	case c[6:] == "000000":
		return LevelCounty
	case c[9:] == "000":
		return LevelTownship
	}
	return LevelVillage
}

// Prefix is the leading digits that every code under c's division of the given level shares:
// the county prefix of a village is its first 6 digits. A level below c's own gives c's prefix.
func (c DivisionCode) Prefix(level Level) string {
	n := prefixDigits[level]
	if n == 0 || len(c) < n {
		return string(c)
	}
	if own := prefixDigits[c.Level()]; own != 0 && own < n {
		n = own
	}
	return string(c[:n])
}

// OwnPrefix is the leading digits every code under c shares: "511321" for a county,
// "5113" for the city; a store query's DivisionPrefix.
func (c DivisionCode) OwnPrefix() string { return c.Prefix(LevelVillage) }

// Under reports whether c lies under (or is) the division area.
func (c DivisionCode) Under(area DivisionCode) bool {
	return strings.HasPrefix(string(c), area.OwnPrefix())
}

// County is the code of the county c lies in (c itself for a county; c for the city).
func (c DivisionCode) County() DivisionCode { return c.up(LevelCounty) }

// Township is the code of the township c lies in (c itself for a township), "" for a county, the
// city or a malformed code: they lie in no township.
func (c DivisionCode) Township() DivisionCode {
	if l := c.Level(); l != LevelTownship && l != LevelVillage {
		return ""
	}
	return c.up(LevelTownship)
}

func (c DivisionCode) up(level Level) DivisionCode {
	n := prefixDigits[level]
	if len(c) != 12 || prefixDigits[c.Level()] < n {
		return c
	}
	return DivisionCode(string(c[:n]) + strings.Repeat("0", 12-n))
}
