package models

import (
	"fmt"
	"strings"
	"time"
)

// Level is a division's place in the tree.
type Level string

const (
	LevelCity     Level = "city"     // 市
	LevelCounty   Level = "county"   // 县（市、区）
	LevelTownship Level = "township" // 乡/镇/街道
	LevelVillage  Level = "village"  // 村委会/社区居委会
)

// Levels lists the levels from the top of the tree down.
var Levels = []Level{LevelCity, LevelCounty, LevelTownship, LevelVillage}

// Label is the Chinese name of the level.
func (l Level) Label() string {
	switch l {
	case LevelCity:
		return "市"
	case LevelCounty:
		return "县（市、区）"
	case LevelTownship:
		return "乡镇（街道）"
	case LevelVillage:
		return "村（社区）"
	}
	return string(l)
}

// Child is the level directly below l, or "" for a village.
func (l Level) Child() Level {
	for i, x := range Levels {
		if x == l && i+1 < len(Levels) {
			return Levels[i+1]
		}
	}
	return ""
}

// ParseLevel accepts the stored English form or the Chinese label.
func ParseLevel(s string) (Level, error) {
	for _, l := range Levels {
		if s == string(l) || s == l.Label() {
			return l, nil
		}
	}
	return "", fmt.Errorf("%w：未知的区划级别“%s”", ErrInvalid, s)
}

// Division is one node of the official division tree, keyed by its 12-digit code.
type Division struct {
	Code       string
	Name       string
	Level      Level
	ParentCode string // "" for the root city
	RetiredAt  *time.Time
	// SuccessorCode names the division that took over a retired one (merged villages).
	SuccessorCode string
}

// Active reports whether the division is still in use.
func (d Division) Active() bool { return d.RetiredAt == nil }

// Kind is what a clerk calls the division: 村 or 社区 for villages, 镇/乡/街道 for townships.
func (d Division) Kind() string { return KindOf(d.Level, d.Name) }

// KindOf derives the kind from the official name.
func KindOf(level Level, name string) string {
	switch level {
	case LevelVillage:
		switch {
		case strings.Contains(name, "社区") || strings.HasSuffix(name, "居民委员会") || strings.HasSuffix(name, "居委会"):
			return "社区"
		case strings.HasSuffix(name, "村民委员会") || strings.HasSuffix(name, "村委会") || strings.HasSuffix(name, "村"):
			return "村"
		}
		return "其他"
	case LevelTownship:
		switch {
		case strings.HasSuffix(name, "街道") || strings.HasSuffix(name, "街道办事处"):
			return "街道"
		case strings.HasSuffix(name, "镇"):
			return "镇"
		case strings.HasSuffix(name, "乡"):
			return "乡"
		}
		return "其他"
	case LevelCounty:
		switch {
		case strings.HasSuffix(name, "区"):
			return "区"
		case strings.HasSuffix(name, "市"):
			return "县级市"
		}
		return "县"
	case LevelCity:
		return "地级市"
	}
	return ""
}

// ShortForms are the official suffixes ShortName replaces, each with its everyday kind, in the
// order they are tried (the store's division search applies the same list in SQL).
var ShortForms = [...][2]string{
	{"社区居民委员会", "社区"},
	{"居民委员会", "社区"},
	{"村民委员会", "村"},
	{"村委会", "村"},
	{"社区居委会", "社区"},
	{"居委会", "社区"},
	{"街道办事处", "街道"},
}

// ShortName is the everyday form of an official name: "XX村民委员会" → "XX村",
// "XX社区居民委员会" → "XX社区", "XX街道办事处" → "XX街道", never doubling the kind
// ("大坪山村村民委员会" → "大坪山村").
func ShortName(name string) string {
	for _, p := range ShortForms {
		if stem, ok := strings.CutSuffix(name, p[0]); ok {
			// "大坪山村村民委员会" is the committee of 大坪山村: its stem already ends in the kind.
			if strings.HasSuffix(stem, p[1]) {
				return stem
			}
			return stem + p[1]
		}
	}
	return name
}

// ValidateCode checks a 12-digit statistical division code.
func ValidateCode(code string) error {
	if len(code) != 12 || !allDigits(code) {
		return fmt.Errorf("%w：区划代码应为 12 位数字（%s）", ErrInvalid, code)
	}
	return nil
}

// CodeFitsParent reports whether a code has the prefix its level implies under parent:
// counties share the city's first 4 digits, townships the county's 6, villages the township's 9.
func CodeFitsParent(code string, level Level, parent string) bool {
	n := map[Level]int{LevelCounty: 4, LevelTownship: 6, LevelVillage: 9}[level]
	if n == 0 || len(code) != 12 || len(parent) != 12 {
		return n == 0
	}
	return code[:n] == parent[:n]
}

// DivisionEvent is one entry of a division's code history.
type DivisionEvent string

const (
	EventCreated DivisionEvent = "新增"
	EventRenamed DivisionEvent = "更名"
	EventRetired DivisionEvent = "撤销"
	EventMerged  DivisionEvent = "合并"
)

// DivisionChange records what happened to a division and when, so old codes stay traceable.
type DivisionChange struct {
	ID            int64
	Code          string
	Event         DivisionEvent
	OldName       string
	NewName       string
	SuccessorCode string
	EffectiveOn   time.Time
	Note          string
	RecordedAt    time.Time
	RecordedBy    string
}
