package models

import (
	"strings"
	"testing"
)

func f64(v float64) *float64 { return &v }

func testLibrary() Library {
	return Library{Levels: DefaultLevelRule, Indicators: []Indicator{
		{Code: "ORG01", Dimension: "组织服务体系", Name: "党组织全覆盖", Method: MethodYesNo, TargetCommunity: 1, TargetVillage: 1, Points: 40, Mandatory: true},
		{Code: "ORG03", Dimension: "组织服务体系", Name: "选民参选率", Method: MethodAtLeast, Unit: "%", TargetCommunity: 50, TargetVillage: 90, Points: 30},
		{Code: "FAC01", Dimension: "服务设施", Name: "服务设施面积", Method: MethodAtLeast, Unit: "平方米/百户", TargetCommunity: 30, TargetVillage: 30, Points: 20},
		{Code: "DEM05", Dimension: "民主制度", Name: "民主评议", Method: MethodYesNo, TargetCommunity: 1, TargetVillage: 1, Points: 10},
		{Code: "OLD01", Dimension: "民主制度", Name: "已停用", Method: MethodYesNo, Points: 50, Retired: true},
	}}
}

func TestIndicatorMet(t *testing.T) {
	lib := testLibrary()
	org01, _ := lib.Indicator("ORG01")
	org03, _ := lib.Indicator("ORG03")
	cases := []struct {
		name string
		in   Indicator
		kind string
		v    *float64
		want bool
	}{
		{"yes_no 是", org01, "社区", f64(1), true},
		{"yes_no 否", org01, "村", f64(0), false},
		{"yes_no missing", org01, "村", nil, false},
		{"at_least community meets 50", org03, "社区", f64(50), true},
		{"at_least village needs 90", org03, "村", f64(50), false},
		{"at_least village 90", org03, "村", f64(90), true},
		{"at_least village 89.99", org03, "村", f64(89.99), false},
		{"at_least other kind uses village target", org03, "其他", f64(60), false},
		{"at_least missing", org03, "社区", nil, false},
	}
	for _, c := range cases {
		if got := c.in.Met(c.kind, c.v); got != c.want {
			t.Errorf("%s: Met = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestScoreAndLevels(t *testing.T) {
	lib := testLibrary()
	vals := func(org01, org03, fac01, dem05 *float64) map[string]IndicatorValue {
		return map[string]IndicatorValue{"ORG01": {Value: org01}, "ORG03": {Value: org03}, "FAC01": {Value: fac01}, "DEM05": {Value: dem05},
			"OLD01": {Value: f64(1)}}
	}
	cases := []struct {
		name   string
		kind   string
		v      map[string]IndicatorValue
		score  int
		level  string
		unmetM int
	}{
		{"all met community", "社区", vals(f64(1), f64(60), f64(35), f64(1)), 100, LevelExcellent, 0},
		{"same values village misses turnout", "村", vals(f64(1), f64(60), f64(35), f64(1)), 70, LevelStandard, 0},
		{"good", "村", vals(f64(1), f64(95), f64(10), f64(1)), 80, LevelGood, 0},
		{"mandatory unmet forces 未达标", "社区", vals(f64(0), f64(60), f64(35), f64(1)), 60, LevelBelow, 1},
		{"below 60", "社区", vals(f64(1), nil, nil, f64(1)), 50, LevelBelow, 0},
		{"empty", "社区", map[string]IndicatorValue{}, 0, LevelBelow, 1},
	}
	for _, c := range cases {
		s := ScoreAssessment(lib, c.kind, c.v)
		if s.Total != c.score || s.Level != c.level || len(s.MandatoryUnmet) != c.unmetM || s.Max != 100 {
			t.Errorf("%s: got %d %s unmet %v max %d, want %d %s %d", c.name, s.Total, s.Level, s.MandatoryUnmet, s.Max, c.score, c.level, c.unmetM)
		}
	}
	// Configurable thresholds.
	lib.Levels = LevelRule{Standard: 50, Good: 70, Excellent: 95}
	if s := ScoreAssessment(lib, "村", vals(f64(1), f64(95), f64(10), f64(1))); s.Level != LevelGood {
		t.Errorf("custom rule: %s", s.Level)
	}
	if (LevelRule{Standard: 80, Good: 70, Excellent: 90}).Validate() == nil {
		t.Error("falling thresholds accepted")
	}
}

func TestNextLevelHint(t *testing.T) {
	lib := testLibrary()
	// 社区: ORG01 met (40) + DEM05 (10) = 50 → 未达标; cheapest way to 60 is FAC01 (value close to target).
	s := ScoreAssessment(lib, "社区", map[string]IndicatorValue{"ORG01": {Value: f64(1)}, "DEM05": {Value: f64(1)},
		"FAC01": {Value: f64(28)}, "ORG03": {Value: f64(10)}})
	next, steps := NextLevelHint(lib, s)
	if next != LevelStandard || len(steps) != 1 || steps[0].Code != "FAC01" || !strings.Contains(steps[0].Gap, "≥ 30") {
		t.Fatalf("hint %s %+v", next, steps)
	}
	// A mandatory indicator unmet always comes first.
	s = ScoreAssessment(lib, "社区", map[string]IndicatorValue{"ORG03": {Value: f64(60)}, "FAC01": {Value: f64(30)}, "DEM05": {Value: f64(1)}})
	next, steps = NextLevelHint(lib, s)
	if next != LevelStandard || len(steps) == 0 || steps[0].Code != "ORG01" || !steps[0].Mandatory {
		t.Fatalf("mandatory hint %s %+v", next, steps)
	}
	s = ScoreAssessment(lib, "社区", map[string]IndicatorValue{"ORG01": {Value: f64(1)}, "ORG03": {Value: f64(60)}, "FAC01": {Value: f64(30)}, "DEM05": {Value: f64(1)}})
	if next, steps := NextLevelHint(lib, s); next != "" || steps != nil {
		t.Errorf("优秀 has no next level: %s %v", next, steps)
	}
}

func TestParseIndicatorValue(t *testing.T) {
	for _, c := range []struct {
		m    Method
		in   string
		want float64
		ok   bool
	}{
		{MethodYesNo, "是", 1, true}, {MethodYesNo, "否", 0, true}, {MethodYesNo, "有", 1, true}, {MethodYesNo, "2", 0, false},
		{MethodAtLeast, "85%", 85, true}, {MethodAtLeast, "50,000", 50000, true}, {MethodAtLeast, "30 平方米", 30, true},
		{MethodAtLeast, "-1", 0, false}, {MethodAtLeast, "很多", 0, false},
	} {
		got, err := ParseIndicatorValue(c.m, c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("%s %q: %v %v", c.m, c.in, got, err)
		}
	}
	if IndicatorCodeAt("ORG03 选民参选率\n社区≥50") != "ORG03" || IndicatorCodeAt("区划代码") != "" {
		t.Error("IndicatorCodeAt")
	}
}
