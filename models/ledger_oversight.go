package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// CovenantKind: villages adopt a 村规民约, communities a 居民公约 (三（一）4).
type CovenantKind string

const (
	CovenantVillage   CovenantKind = "村规民约"
	CovenantResidents CovenantKind = "居民公约"
)

// Covenant is one adopted version of a community's 村规民约 or 居民公约.
type Covenant struct {
	Versioned
	ID           int64
	DivisionCode string
	Kind         CovenantKind
	Version      string // e.g. 2024年修订版
	AdoptedOn    time.Time
	MeetingID    int64 // the 村(居)民会议 or 代表会议 that adopted it; 0 if not in the meeting ledger
	Summary      string
}

// Validate returns every problem of the version at once.
func (c Covenant) Validate() error {
	var v ValidationError
	if c.Kind != CovenantVillage && c.Kind != CovenantResidents {
		v.Add("类型", "应为“村规民约”或“居民公约”")
	}
	requireText(&v, "版本", c.Version, 50)
	if c.AdoptedOn.IsZero() {
		v.Add("通过日期", "不能为空")
	}
	limitText(&v, "主要内容", c.Summary, 8000)
	return v.Err()
}

// Estate is a 小区（院落） in a community (三（一）6): one managed by a property company should have
// an 业主大会 and 业主委员会; one without should have a residents' self-governance group.
type Estate struct {
	Versioned
	ID              int64
	DivisionCode    string
	Name            string
	Households      int
	ManagedProperty bool // 有物业服务企业管理
	PropertyCompany string
	OwnersCommittee bool // 已成立业主委员会
	SelfGovGroup    bool // 已成立小区（院落）自治小组
}

// Covered reports whether the estate has the self-governance body its kind calls for.
func (e Estate) Covered() bool {
	if e.ManagedProperty {
		return e.OwnersCommittee
	}
	return e.SelfGovGroup
}

// Validate returns every problem of the estate at once.
func (e Estate) Validate() error {
	var v ValidationError
	requireText(&v, "小区（院落）名称", e.Name, 100)
	if e.Households < 0 {
		v.Add("户数", "不能为负数")
	}
	if e.ManagedProperty {
		requireText(&v, "物业服务企业", e.PropertyCompany, 100)
	} else if strings.TrimSpace(e.PropertyCompany) != "" {
		v.Add("物业服务企业", "无物业管理的小区不填写物业服务企业")
	}
	return v.Err()
}

// Coverage is the share of estates with their self-governance body.
func Coverage(es []Estate) Ratio {
	r := Ratio{Den: len(es)}
	for _, e := range es {
		if e.Covered() {
			r.Num++
		}
	}
	return r
}

// SupervisionCommittee is a community's 村(居)务监督委员会 (三（一）7).
type SupervisionCommittee struct {
	Versioned
	ID            int64 // the term's id: each 届 is its own record
	DivisionCode  string
	EstablishedOn time.Time
	Members       string // one member a line
	TermStart     time.Time
	TermEnd       time.Time
}

// MemberCount counts the members listed.
func (s SupervisionCommittee) MemberCount() int { return len(lines(s.Members)) }

// InOffice reports whether today falls within the committee's term.
func (s SupervisionCommittee) InOffice(today time.Time) bool {
	d := Day(today)
	return !s.EstablishedOn.IsZero() && !d.Before(Day(s.TermStart)) && !d.After(Day(s.TermEnd))
}

// Validate returns every problem of the committee at once.
func (s SupervisionCommittee) Validate() error {
	var v ValidationError
	if s.EstablishedOn.IsZero() {
		v.Add("成立日期", "不能为空")
	}
	if n := s.MemberCount(); n < 3 {
		v.Add("成员", fmt.Sprintf("监督委员会一般由 3 至 5 人组成，现填写 %d 人（每行一人）", n))
	}
	validateTerm(&v, s.TermStart, s.TermEnd)
	return v.Err()
}

// EvaluationKind is what an evaluation was.
type EvaluationKind string

const (
	EvalReport    EvaluationKind = "述职述廉"      // a cadre reports to the 代表会议 and the 监督委员会 (三（一）9)
	EvalCommunity EvaluationKind = "民主评议"      // residents evaluate the community's work, organised by the township (三（一）3)
	EvalUpward    EvaluationKind = "评议乡镇政府及部门" // the community evaluates the township government and departments, organised by the county
)

// EvaluationKinds lists the kinds.
var EvaluationKinds = []EvaluationKind{EvalReport, EvalCommunity, EvalUpward}

// Evaluation is one 述职述廉 or 民主评议 with its result counts.
type Evaluation struct {
	Versioned
	ID           int64
	DivisionCode string
	Kind         EvaluationKind
	Year         int
	HeldOn       time.Time
	Subject      string // the cadre's name, or the government body evaluated
	Post         string // the cadre's post
	Satisfied    int
	Basic        int // 基本满意
	Dissatisfied int
	Note         string
}

// Satisfaction is (满意 + 基本满意) out of all votes.
func (e Evaluation) Satisfaction() Ratio {
	return Ratio{e.Satisfied + e.Basic, e.Satisfied + e.Basic + e.Dissatisfied}
}

// Validate returns every problem of the evaluation at once.
func (e Evaluation) Validate() error {
	var v ValidationError
	if !slices.Contains(EvaluationKinds, e.Kind) {
		v.Add("评议类型", fmt.Sprintf("“%s”不是可选的类型", e.Kind))
	}
	if e.HeldOn.IsZero() {
		v.Add("评议日期", "不能为空")
	} else if e.Year != 0 && e.HeldOn.Year() != e.Year && e.HeldOn.Year() != e.Year+1 {
		v.Add("评议日期", fmt.Sprintf("%d 年度的评议应在当年或次年进行", e.Year))
	}
	if !ValidYear(e.Year) {
		v.Add("年度", "应在 "+YearRange+" 年之间")
	}
	label := "被评议人"
	if e.Kind == EvalUpward {
		label = "被评议单位"
	}
	requireText(&v, label, e.Subject, 100)
	if e.Kind == EvalReport {
		requireText(&v, "职务", e.Post, 50)
	}
	if e.Satisfied < 0 || e.Basic < 0 || e.Dissatisfied < 0 {
		v.Add("评议结果", "票数不能为负数")
	} else if e.Satisfied+e.Basic+e.Dissatisfied == 0 {
		v.Add("评议结果", "满意、基本满意、不满意票数不能都为 0")
	}
	limitText(&v, "备注", e.Note, 2000)
	return v.Err()
}

// AccountabilityMeasure is what was done about a cadre who did not perform (三（一）10).
type AccountabilityMeasure string

const (
	MeasureEducation AccountabilityMeasure = "批评教育"
	MeasureWritten   AccountabilityMeasure = "书面检查"
	MeasureRectify   AccountabilityMeasure = "限期整改"
	MeasureReassign  AccountabilityMeasure = "调整岗位"
	MeasureDismiss   AccountabilityMeasure = "免职"
	MeasureRecall    AccountabilityMeasure = "罢免"
	MeasureJudicial  AccountabilityMeasure = "移送司法机关"
)

// AccountabilityMeasures lists the measures from the lightest.
var AccountabilityMeasures = []AccountabilityMeasure{MeasureEducation, MeasureWritten, MeasureRectify,
	MeasureReassign, MeasureDismiss, MeasureRecall, MeasureJudicial}

// Rectification statuses.
const (
	RectifyNone    = "无需整改"
	RectifyOpen    = "整改中"
	RectifyDone    = "已整改"
	RectifyOverdue = "逾期未整改"
)

// RectifyStatuses lists the statuses a clerk may record.
var RectifyStatuses = []string{RectifyNone, RectifyOpen, RectifyDone}

// Accountability is one 问责 case.
type Accountability struct {
	Versioned
	ID            int64
	DivisionCode  string
	Cadre         string
	Post          string
	On            time.Time
	Failing       string // what was not done, or not done properly
	Measure       AccountabilityMeasure
	RectifyBy     time.Time // deadline; required for 限期整改
	RectifyStatus string
	MadePublic    bool // the rectification was made public to residents
}

// RectifyState is the status as of today: an open rectification past its deadline is overdue.
func (a Accountability) RectifyState(today time.Time) string {
	if a.RectifyStatus == RectifyOpen && !a.RectifyBy.IsZero() && Day(today).After(Day(a.RectifyBy)) {
		return RectifyOverdue
	}
	return a.RectifyStatus
}

// Validate returns every problem of the case at once.
func (a Accountability) Validate() error {
	var v ValidationError
	requireText(&v, "被问责干部", a.Cadre, 50)
	limitText(&v, "职务", a.Post, 50)
	if a.On.IsZero() {
		v.Add("问责日期", "不能为空")
	}
	requireText(&v, "不履职或履职不到位情形", a.Failing, 2000)
	if !slices.Contains(AccountabilityMeasures, a.Measure) {
		v.Add("问责方式", fmt.Sprintf("“%s”不是可选的方式", a.Measure))
	}
	if !slices.Contains(RectifyStatuses, a.RectifyStatus) {
		v.Add("整改状态", fmt.Sprintf("“%s”不是可选的状态", a.RectifyStatus))
	}
	if a.Measure == MeasureRectify || a.Measure == MeasureWritten {
		// 情节轻微的要批评教育、责令书面检查并限期整改: these carry a deadline and are rectified.
		if a.RectifyBy.IsZero() {
			v.Add("整改期限", "“"+string(a.Measure)+"”须填写整改期限")
		}
		if a.RectifyStatus == RectifyNone {
			v.Add("整改状态", "“"+string(a.Measure)+"”须整改，状态不能为“无需整改”")
		}
	}
	if !a.RectifyBy.IsZero() && !a.On.IsZero() && a.RectifyBy.Before(a.On) {
		v.Add("整改期限", "早于问责日期")
	}
	if a.MadePublic && a.RectifyStatus != RectifyDone {
		v.Add("整改公开", "整改完成后才能向群众公开")
	}
	return v.Err()
}
