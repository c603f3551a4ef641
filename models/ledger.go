package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// 民主自治台账 (self-governance ledgers): the paper ledgers of 意见 三（一） kept per village or
// community. This file holds meetings, the 议事会 body, opinions and shared helpers; the other
// ledger_*.go files hold consultations, disclosure, oversight and the service catalogue.

// MeetingKind is the kind of a meeting in the 会议台账.
type MeetingKind string

const (
	MeetingAssembly       MeetingKind = "村（居）民会议"
	MeetingRepresentative MeetingKind = "村（居）民代表会议"
	MeetingCouncil        MeetingKind = "议事会"
	MeetingDeliberation   MeetingKind = "论证会" // projects touching all residents (三（一）2)
	MeetingHearing        MeetingKind = "听证会" // projects touching some residents or a group
	MeetingSentiment      MeetingKind = "民情恳谈会"
	MeetingCoordination   MeetingKind = "协调会"
	MeetingOwners         MeetingKind = "业主大会"
)

// MeetingKinds lists the kinds in the order clerks see them.
var MeetingKinds = []MeetingKind{MeetingAssembly, MeetingRepresentative, MeetingCouncil, MeetingDeliberation,
	MeetingHearing, MeetingSentiment, MeetingCoordination, MeetingOwners}

// Ratio is a count out of a total, kept as integers so a rate is never rounded twice.
type Ratio struct{ Num, Den int }

// Value is Num/Den; ok is false when there is nothing to divide by.
func (r Ratio) Value() (v float64, ok bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent is the ratio as 0–100, or ok=false without a denominator.
func (r Ratio) Percent() (float64, bool) {
	v, ok := r.Value()
	return v * 100, ok
}

// String writes 85.0%（17/20）, or — without a denominator.
func (r Ratio) String() string {
	p, ok := r.Percent()
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.1f%%（%d/%d）", p, r.Num, r.Den)
}

// Meeting is one entry of the 会议台账.
type Meeting struct {
	Versioned
	ID           int64
	DivisionCode string
	Kind         MeetingKind
	HeldOn       time.Time
	Topic        string
	Present      int // 实到人数
	Entitled     int // 应到人数
	Agenda       string
	Minutes      string
	Decisions    string
	Attachments  string // where the paper originals are kept; the files themselves are attachments (models.Attachment)
	// Project and Concerned are for 论证会 and 听证会: which project, and which residents it touches.
	Project   string
	Concerned string
}

// Attendance is present out of entitled.
func (m Meeting) Attendance() Ratio { return Ratio{m.Present, m.Entitled} }

// Validate returns every problem of the meeting at once.
func (m Meeting) Validate() error {
	var v ValidationError
	if !slices.Contains(MeetingKinds, m.Kind) {
		v.Add("会议类型", fmt.Sprintf("“%s”不是可选的会议类型", m.Kind))
	}
	if m.HeldOn.IsZero() {
		v.Add("召开日期", "不能为空")
	}
	requireText(&v, "议题", m.Topic, 200)
	if m.Entitled <= 0 {
		v.Add("应到人数", "应大于 0")
	}
	if m.Present < 0 {
		v.Add("实到人数", "不能为负数")
	} else if m.Entitled > 0 && m.Present > m.Entitled {
		v.Add("实到人数", fmt.Sprintf("%d 人多于应到 %d 人", m.Present, m.Entitled))
	}
	if m.Kind == MeetingDeliberation || m.Kind == MeetingHearing {
		requireText(&v, "涉及项目", m.Project, 200)
		requireText(&v, "涉及村（居）民", m.Concerned, 200)
	}
	limitText(&v, "会议议程", m.Agenda, 4000)
	limitText(&v, "会议记录", m.Minutes, 20000)
	limitText(&v, "形成决定", m.Decisions, 4000)
	limitText(&v, "纸质材料存放处", m.Attachments, 400)
	return v.Err()
}

// CouncilBody is a community's 议事会 as an institution: who sits on it, for what term, how they are
// chosen, and its remit and rules (三（一）1: 明晰议事会成员产生的办法和议事内容、程序和规则).
type CouncilBody struct {
	Versioned
	ID            int64 // the term's id: each 届 is its own record
	DivisionCode  string
	EstablishedOn time.Time
	Members       string // one member a line, e.g. 张三（村民代表）
	TermStart     time.Time
	TermEnd       time.Time
	Selection     string // 成员产生办法
	Remit         string // 议事内容（在村(居)民会议授权范围内）
	Rules         string // 议事程序和规则
}

// MemberCount counts the non-empty lines of Members.
func (c CouncilBody) MemberCount() int { return len(lines(c.Members)) }

// Complete reports whether members, the way they are chosen, the remit and the rules are all on file.
func (c CouncilBody) Complete() bool {
	return c.MemberCount() > 0 && strings.TrimSpace(c.Selection) != "" && strings.TrimSpace(c.Remit) != "" &&
		strings.TrimSpace(c.Rules) != ""
}

// Validate returns every problem of the body at once.
func (c CouncilBody) Validate() error {
	var v ValidationError
	if c.EstablishedOn.IsZero() {
		v.Add("成立日期", "不能为空")
	}
	if c.MemberCount() == 0 {
		v.Add("成员", "至少填写一名成员（每行一人）")
	}
	validateTerm(&v, c.TermStart, c.TermEnd)
	requireText(&v, "成员产生办法", c.Selection, 2000)
	requireText(&v, "议事内容", c.Remit, 4000)
	requireText(&v, "议事程序和规则", c.Rules, 8000)
	return v.Err()
}

// OpinionStatus is where an opinion stands.
type OpinionStatus string

const (
	OpinionPending     OpinionStatus = "待办"
	OpinionInProgress  OpinionStatus = "办理中"
	OpinionReplied     OpinionStatus = "已答复"
	OpinionImplemented OpinionStatus = "已落实"
	OpinionRejected    OpinionStatus = "不予采纳"
)

// OpinionStatuses lists the statuses in workflow order.
var OpinionStatuses = []OpinionStatus{OpinionPending, OpinionInProgress, OpinionReplied, OpinionImplemented, OpinionRejected}

// Answered reports whether the person who raised the opinion has had an answer: a reply, its
// implementation, or a reasoned 不予采纳 all count for 做实意见回复.
func (s OpinionStatus) Answered() bool {
	return s == OpinionReplied || s == OpinionImplemented || s == OpinionRejected
}

// DefaultReplyDays is the reply deadline when the county has not set one.
const DefaultReplyDays = 15

// Opinion is one entry of the 意见台账.
type Opinion struct {
	Versioned
	ID           int64
	DivisionCode string
	RaisedOn     time.Time
	MeetingID    int64  // the 恳谈会 (or other meeting) it was raised at; 0 when raised elsewhere
	FromName     string // optional; personal data, masked in lists and exports
	FromPhone    string // optional; personal data
	Content      string
	Category     string
	Handler      string
	Reply        string
	RepliedOn    time.Time // zero while unanswered
	Status       OpinionStatus
	RejectReason string
	// ReplyDays is the deadline in days that applied when the opinion was recorded, so changing
	// the county setting later does not rewrite past overdue flags.
	ReplyDays int
}

// DueOn is the last day a reply is on time.
func (o Opinion) DueOn() time.Time {
	days := o.ReplyDays
	if days <= 0 {
		days = DefaultReplyDays
	}
	return o.RaisedOn.AddDate(0, 0, days)
}

// Overdue reports an unanswered opinion past its due day; on the due day itself it is not yet overdue.
func (o Opinion) Overdue(today time.Time) bool {
	return !o.Status.Answered() && Day(today).After(Day(o.DueOn()))
}

// AnsweredLate reports an answer given after the due day.
func (o Opinion) AnsweredLate() bool {
	return o.Status.Answered() && !o.RepliedOn.IsZero() && Day(o.RepliedOn).After(Day(o.DueOn()))
}

// Validate returns every problem of the opinion at once.
func (o Opinion) Validate() error {
	var v ValidationError
	if o.RaisedOn.IsZero() {
		v.Add("提出日期", "不能为空")
	}
	requireText(&v, "意见内容", o.Content, 4000)
	limitText(&v, "提出人", o.FromName, 50)
	limitText(&v, "类别", o.Category, 50)
	limitText(&v, "承办人", o.Handler, 100)
	limitText(&v, "答复内容", o.Reply, 4000)
	if o.FromPhone != "" && !ValidPhone(o.FromPhone) {
		v.Add("联系电话", "格式不正确，应为 11 位手机号或带区号的座机号")
	}
	if o.ReplyDays < 0 || o.ReplyDays > 365 {
		v.Add("答复期限", "应在 1 至 365 天之间")
	}
	switch {
	case !slices.Contains(OpinionStatuses, o.Status):
		v.Add("办理状态", fmt.Sprintf("“%s”不是可选的状态", o.Status))
	case o.Status.Answered():
		if o.RepliedOn.IsZero() {
			v.Add("答复日期", "状态为“"+string(o.Status)+"”时不能为空")
		} else if !o.RaisedOn.IsZero() && o.RepliedOn.Before(o.RaisedOn) {
			v.Add("答复日期", "早于提出日期")
		}
		if o.Status == OpinionRejected {
			if strings.TrimSpace(o.RejectReason) == "" {
				v.Add("不予采纳理由", "状态为“不予采纳”时必须说明理由")
			}
		} else if strings.TrimSpace(o.Reply) == "" {
			v.Add("答复内容", "状态为“"+string(o.Status)+"”时不能为空")
		}
	default:
		if !o.RepliedOn.IsZero() {
			v.Add("答复日期", "尚未答复（状态为“"+string(o.Status)+"”）时不应填写")
		}
	}
	if o.Status != OpinionRejected && strings.TrimSpace(o.RejectReason) != "" {
		v.Add("不予采纳理由", "只有状态为“不予采纳”时填写")
	}
	return v.Err()
}

func requireText(v *ValidationError, label, s string, maxRunes int) {
	if strings.TrimSpace(s) == "" {
		v.Add(label, "不能为空")
		return
	}
	limitText(v, label, s, maxRunes)
}

func limitText(v *ValidationError, label, s string, maxRunes int) {
	if n := len([]rune(s)); n > maxRunes {
		v.Add(label, fmt.Sprintf("不能超过 %d 个字（现有 %d 个）", maxRunes, n))
	}
}

func validateTerm(v *ValidationError, start, end time.Time) {
	if start.IsZero() {
		v.Add("任期开始", "不能为空")
	}
	if end.IsZero() {
		v.Add("任期结束", "不能为空")
	} else if !start.IsZero() && !end.After(start) {
		v.Add("任期结束", "应晚于任期开始")
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			out = append(out, t)
		}
	}
	return out
}
