package models

import (
	"math"
	"sort"
	"time"
)

// 社区标准化建设: an assessment's workflow, its score against a library version, the level it
// reaches and what would lift it to the next.

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
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
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
