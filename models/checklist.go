package models

import (
	"fmt"
	"math"
	"regexp"
	"sort"
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

// Level is the result of an assessment (达标等次).
const (
	LevelBelow     = "未达标"
	LevelStandard  = "达标"
	LevelGood      = "良好"
	LevelExcellent = "优秀"
)

// AssessmentLevels lists the levels from lowest to highest.
var AssessmentLevels = []string{LevelBelow, LevelStandard, LevelGood, LevelExcellent}

// LevelRule holds the minimum scores of the levels above 未达标.
type LevelRule struct {
	Standard, Good, Excellent int
}

// DefaultLevelRule is 达标 ≥ 60, 良好 ≥ 75, 优秀 ≥ 90.
var DefaultLevelRule = LevelRule{Standard: 60, Good: 75, Excellent: 90}

// Validate checks the thresholds rise.
func (r LevelRule) Validate() error {
	var v ValidationError
	if r.Standard <= 0 || r.Standard > r.Good || r.Good > r.Excellent || r.Excellent > 1000 {
		v.Add("等次分数线", "应满足 0 < 达标 ≤ 良好 ≤ 优秀")
	}
	return v.Err()
}

// LevelFor names the level of a score; any unmet mandatory indicator makes it 未达标.
func (r LevelRule) LevelFor(score int, mandatoryUnmet int) string {
	switch {
	case mandatoryUnmet > 0 || score < r.Standard:
		return LevelBelow
	case score >= r.Excellent:
		return LevelExcellent
	case score >= r.Good:
		return LevelGood
	}
	return LevelStandard
}

// Min is the score a level needs (0 for 未达标).
func (r LevelRule) Min(level string) int {
	switch level {
	case LevelStandard:
		return r.Standard
	case LevelGood:
		return r.Good
	case LevelExcellent:
		return r.Excellent
	}
	return 0
}

// LevelRank orders levels: 未达标 0 … 优秀 3; unknown −1.
func LevelRank(level string) int {
	for i, l := range AssessmentLevels {
		if l == level {
			return i
		}
	}
	return -1
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

// Workflow states of an assessment.
const (
	StateSelf      = "自查"
	StateTownship  = "乡镇审核"
	StateCounty    = "县级验收"
	StatePublished = "已公示"
)

// IndicatorValue is what was recorded for one indicator of one assessment.
type IndicatorValue struct {
	Code     string
	Value    *float64 // nil: not filled in
	Note     string
	Proposed *float64 // what shequ proposed, if it knew
	From     string   // where the proposal came from, e.g. 社区档案
}

// Overridden reports whether the clerk recorded something other than shequ's proposal.
func (v IndicatorValue) Overridden() bool {
	return v.Proposed != nil && v.Value != nil && math.Abs(*v.Value-*v.Proposed) > 1e-9
}

// WorkflowStep is one step taken on an assessment.
type WorkflowStep struct {
	At     time.Time
	Actor  string
	From   string
	To     string
	Action string // 提交乡镇审核, 乡镇审核通过, 县级验收通过, 公示, 退回, 重新打开
	Reason string
}

// Assessment is one village's or community's yearly standardisation assessment.
type Assessment struct {
	ID           int64
	DivisionCode string
	Year         int
	VersionID    int64
	State        string
	AcceptedAt   *time.Time // set by 县级验收通过: the record is frozen from then on
	AcceptedBy   string
	Score        int
	Level        string
	Values       map[string]IndicatorValue
	Steps        []WorkflowStep
	UpdatedAt    time.Time
}

// Frozen reports whether the assessment was accepted by the county and may only change after a reopen.
func (a Assessment) Frozen() bool { return a.AcceptedAt != nil }

// StateText is the state as shown, e.g. "县级验收（已验收）".
func (a Assessment) StateText() string {
	if a.State == StateCounty && a.Frozen() {
		return "县级验收（已验收，待公示）"
	}
	return a.State
}

// IndicatorScore is one indicator's result.
type IndicatorScore struct {
	Indicator Indicator
	Target    float64
	Value     *float64
	Met       bool
	Earned    int
}

// Score is the result of scoring an assessment against its library version.
type Score struct {
	Total          int
	Max            int
	Level          string
	MandatoryUnmet []string // codes
	Filled         int
	Items          []IndicatorScore // active indicators in library order
	ByDimension    map[string][2]int
}

// ScoreAssessment scores values against lib for a division of kind (社区 or 村).
func ScoreAssessment(lib Library, kind string, values map[string]IndicatorValue) Score {
	s := Score{ByDimension: map[string][2]int{}}
	for _, in := range lib.Active() {
		v := values[in.Code].Value
		it := IndicatorScore{Indicator: in, Target: in.Target(kind), Value: v, Met: in.Met(kind, v)}
		if v != nil {
			s.Filled++
		}
		d := s.ByDimension[in.Dimension]
		d[1] += in.Points
		if it.Met {
			it.Earned = in.Points
			s.Total += in.Points
			d[0] += in.Points
		} else if in.Mandatory {
			s.MandatoryUnmet = append(s.MandatoryUnmet, in.Code)
		}
		s.ByDimension[in.Dimension] = d
		s.Max += in.Points
		s.Items = append(s.Items, it)
	}
	s.Level = lib.Levels.LevelFor(s.Total, len(s.MandatoryUnmet))
	return s
}

// NextStep is an indicator that, once met, helps reach the next level.
type NextStep struct {
	Code, Name string
	Points     int
	Mandatory  bool
	Gap        string // what is missing, e.g. "现为 3，需 ≥ 4 次/年" or "需为“是”"
}

// NextLevelHint says which unmet indicators, cheapest first, would lift the assessment to the
// next level: every unmet mandatory indicator (without which nothing counts), then the ones
// closest to their target per point until the score is enough. Empty for 优秀.
func NextLevelHint(lib Library, s Score) (next string, steps []NextStep) {
	rank := LevelRank(s.Level)
	if rank < 0 || rank+1 >= len(AssessmentLevels) {
		return "", nil
	}
	next = AssessmentLevels[rank+1]
	need := lib.Levels.Min(next) - s.Total
	step := func(it IndicatorScore) NextStep {
		gap := "需为“是”"
		if it.Indicator.Method == MethodAtLeast {
			now := "未填"
			if it.Value != nil {
				now = FormatNumber(*it.Value)
			}
			gap = "现为 " + now + "，需 " + "≥ " + FormatNumber(it.Target) + unitSuffix(it.Indicator.Unit)
		} else if it.Value == nil {
			gap = "未填，需为“是”"
		}
		return NextStep{Code: it.Indicator.Code, Name: it.Indicator.Name, Points: it.Indicator.Points,
			Mandatory: it.Indicator.Mandatory, Gap: gap}
	}
	var rest []IndicatorScore
	for _, it := range s.Items {
		if it.Met {
			continue
		}
		if it.Indicator.Mandatory {
			steps = append(steps, step(it))
			need -= it.Indicator.Points
		} else {
			rest = append(rest, it)
		}
	}
	// cost: how far the value is from the target, as a share of the target (a missing or yes/no
	// value costs a whole indicator), per point earned.
	cost := func(it IndicatorScore) float64 {
		c := 1.0
		if it.Indicator.Method == MethodAtLeast && it.Value != nil && it.Target > 0 {
			c = math.Min(1, math.Max(0, (it.Target-*it.Value)/it.Target))
		}
		return c / float64(it.Indicator.Points)
	}
	sort.SliceStable(rest, func(i, j int) bool { return cost(rest[i]) < cost(rest[j]) })
	for _, it := range rest {
		if need <= 0 {
			break
		}
		steps = append(steps, step(it))
		need -= it.Indicator.Points
	}
	if need > 0 {
		return next, nil // out of reach with this library
	}
	return next, steps
}

// Title kinds and levels of 和谐社区示范单位.
var (
	TitleLevels = []string{"国家级", "省级", "市级"}
	TitleKinds  = []string{"示范社区", "示范街道", "示范城区（市）"}
)

// DemoTitle is one 示范单位 title awarded to a division.
type DemoTitle struct {
	ID           int64
	DivisionCode string
	Level        string
	Kind         string
	Year         int
	DocumentNo   string
	Note         string
}

// Validate returns every problem of the title at once.
func (t DemoTitle) Validate() error {
	var v ValidationError
	if ValidateCode(t.DivisionCode) != nil {
		v.Add("区划", "请选择获得称号的区划")
	}
	in := func(s string, list []string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	if !in(t.Level, TitleLevels) {
		v.Add("级别", "应为"+strings.Join(TitleLevels, "、")+"之一")
	}
	if !in(t.Kind, TitleKinds) {
		v.Add("类别", "应为"+strings.Join(TitleKinds, "、")+"之一")
	}
	if !ValidYear(t.Year) {
		v.Add("年度", "应为 "+YearRange+" 年")
	}
	if len([]rune(t.DocumentNo)) > 100 {
		v.Add("文号", "不能超过 100 个字")
	}
	return v.Err()
}
