package models

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Method is how an indicator is judged.
type Method string

const (
	MethodYesNo   Method = "yes_no"   // met when the value is 1 (是)
	MethodAtLeast Method = "at_least" // met when the value reaches the target for the community's kind
)

// Label is the Chinese name of the method.
func (m Method) Label() string {
	if m == MethodYesNo {
		return "是否"
	}
	return "不低于"
}

// Dimensions are the five parts of 社区标准化建设, in the policy's order.
var Dimensions = []string{"组织服务体系", "民主制度", "服务设施", "保障机制", "人才队伍"}

// Indicator is one line of the standardisation checklist (社区标准化建设指标).
type Indicator struct {
	Code            string // e.g. ORG01
	Dimension       string
	Name            string
	Requirement     string
	Method          Method
	Unit            string
	TargetCommunity float64 // for 社区
	TargetVillage   float64 // for 村
	Points          int
	Mandatory       bool // 否决项: unmet means 未达标 whatever the score
	Source          string
	Retired         bool // no longer assessed from this library version on
	Sort            int
}

var (
	indicatorCodeRe     = regexp.MustCompile(`^[A-Z]{2,4}\d{2,3}$`)
	indicatorCodeHeadRe = regexp.MustCompile(`^\s*([A-Z]{2,4}\d{2,3})`)
)

// IndicatorCodeAt returns the indicator code a header cell starts with ("ORG03 选民参选率…" → "ORG03").
func IndicatorCodeAt(text string) string {
	m := indicatorCodeHeadRe.FindStringSubmatch(strings.ToUpper(text))
	if m == nil {
		return ""
	}
	return m[1]
}

// Validate returns every problem of the indicator at once.
func (in Indicator) Validate() error {
	var v ValidationError
	if !indicatorCodeRe.MatchString(in.Code) {
		v.Add("指标编号", "应为 2—4 个大写字母加 2—3 位数字，如 ORG01")
	}
	if strings.TrimSpace(in.Name) == "" {
		v.Add("指标名称", "不能为空")
	}
	found := false
	for _, d := range Dimensions {
		found = found || d == in.Dimension
	}
	if !found {
		v.Add("维度", "应为"+strings.Join(Dimensions, "、")+"之一")
	}
	switch in.Method {
	case MethodYesNo:
	case MethodAtLeast:
		if in.TargetCommunity < 0 || in.TargetVillage < 0 {
			v.Add("目标值", "不能为负数")
		}
	default:
		v.Add("评价方式", "应为“是否”或“不低于”")
	}
	if in.Points <= 0 || in.Points > 100 {
		v.Add("分值", "应为 1—100 之间的整数")
	}
	return v.Err()
}

// Target is the value the indicator asks of a division of kind (社区 or 村; anything else counts as 村).
func (in Indicator) Target(kind string) float64 {
	if in.Method == MethodYesNo {
		return 1
	}
	if kind == "社区" {
		return in.TargetCommunity
	}
	return in.TargetVillage
}

// Met reports whether value meets the indicator for kind; a missing value never does.
func (in Indicator) Met(kind string, value *float64) bool {
	if value == nil {
		return false
	}
	if in.Method == MethodYesNo {
		return *value == 1
	}
	return *value >= in.Target(kind)-1e-9
}

// TargetText is the target as a clerk reads it: "是", "≥ 50%", "≥ 30 平方米/百户".
func (in Indicator) TargetText(kind string) string {
	if in.Method == MethodYesNo {
		return "是"
	}
	return "≥ " + FormatNumber(in.Target(kind)) + unitSuffix(in.Unit)
}

// TargetsText gives both kinds' targets when they differ: "社区≥50 村≥90（%）".
func (in Indicator) TargetsText() string {
	if in.Method == MethodYesNo {
		return "是/否"
	}
	u := ""
	if in.Unit != "" {
		u = "（" + in.Unit + "）"
	}
	if in.TargetCommunity == in.TargetVillage {
		return "≥" + FormatNumber(in.TargetCommunity) + u
	}
	return "社区≥" + FormatNumber(in.TargetCommunity) + " 村≥" + FormatNumber(in.TargetVillage) + u
}

func unitSuffix(u string) string {
	switch u {
	case "":
		return ""
	case "%":
		return "%"
	}
	return " " + u
}

// FormatNumber writes a value without needless decimals: 30, 12.5, 84.44.
func FormatNumber(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

// ParseIndicatorValue reads what a clerk typed for an indicator: 是/否 (also 有/无, 1/0, √/×)
// for yes/no, a non-negative number (a trailing % or unit is tolerated) for at_least.
func ParseIndicatorValue(m Method, s string) (float64, error) {
	s = strings.TrimSpace(s)
	if m == MethodYesNo {
		switch strings.ToUpper(s) {
		case "是", "有", "1", "√", "Y", "YES", "达到", "已":
			return 1, nil
		case "否", "无", "0", "×", "N", "NO", "未达到", "未":
			return 0, nil
		}
		return 0, fmt.Errorf("%w：应填“是”或“否”", ErrInvalid)
	}
	t := strings.TrimRight(strings.ReplaceAll(s, ",", ""), "%％ ")
	t = strings.TrimFunc(t, func(r rune) bool { return !(r >= '0' && r <= '9') && r != '.' && r != '-' })
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" {
		return 0, fmt.Errorf("%w：应填数字", ErrInvalid)
	}
	if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w：不能为负数", ErrInvalid)
	}
	if f > 1e9 {
		return 0, fmt.Errorf("%w：数值过大", ErrInvalid)
	}
	return f, nil
}

// FormatIndicatorValue is the inverse of ParseIndicatorValue: 是/否 or the number.
func FormatIndicatorValue(m Method, v *float64) string {
	if v == nil {
		return ""
	}
	if m == MethodYesNo {
		if *v == 1 {
			return "是"
		}
		return "否"
	}
	return FormatNumber(*v)
}

// Library is one version of a county's indicator set for a year. An assessment keeps the version
// it was made with, so later edits never change an old score.
type Library struct {
	VersionID  int64
	CountyCode string // "" for the built-in default
	Year       int    // 0 for the built-in default
	Version    int
	Levels     LevelRule
	Indicators []Indicator // in order; retired ones included
	CreatedAt  time.Time
	CreatedBy  string
}

// Active lists the indicators that are assessed (not retired).
func (l Library) Active() []Indicator {
	out := make([]Indicator, 0, len(l.Indicators))
	for _, in := range l.Indicators {
		if !in.Retired {
			out = append(out, in)
		}
	}
	return out
}

// Indicator finds an indicator by code.
func (l Library) Indicator(code string) (Indicator, bool) {
	for _, in := range l.Indicators {
		if in.Code == code {
			return in, true
		}
	}
	return Indicator{}, false
}

// TotalPoints sums the points of the active indicators.
func (l Library) TotalPoints() int {
	n := 0
	for _, in := range l.Active() {
		n += in.Points
	}
	return n
}
