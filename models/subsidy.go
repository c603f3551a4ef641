package models

import (
	"slices"
	"time"
)

// SubsidyRule is one row of the county's 社工补贴 table: from EffectiveFrom on, a worker with
// Qualification gets Monthly for each month in post and OneOff once, in the year the
// certificate was obtained.
type SubsidyRule struct {
	ID            int64
	EffectiveFrom time.Time
	Qualification string
	Monthly       Fen
	OneOff        Fen
}

// Validate checks the rule.
func (r SubsidyRule) Validate() error {
	var v ValidationError
	if r.EffectiveFrom.IsZero() {
		v.Add("执行日期", "不能为空")
	}
	if !slices.Contains(CertifiedQualifications, r.Qualification) {
		v.Add("资格等级", "应为助理社会工作师、社会工作师或高级社会工作师")
	}
	if r.Monthly < 0 || r.OneOff < 0 {
		v.Add("补贴金额", "不能为负数")
	}
	return v.Err()
}

// DefaultSubsidyRules are the amounts a county starts from and then edits.
func DefaultSubsidyRules(from time.Time) []SubsidyRule {
	return []SubsidyRule{
		{EffectiveFrom: from, Qualification: QualAssistant, Monthly: 10000, OneOff: 100000},
		{EffectiveFrom: from, Qualification: QualWorker, Monthly: 30000, OneOff: 150000},
		{EffectiveFrom: from, Qualification: QualSenior, Monthly: 50000, OneOff: 300000},
	}
}

// ruleOn is the rule for q in force on day, if any: the latest EffectiveFrom not after day.
func ruleOn(rules []SubsidyRule, q string, day time.Time) (SubsidyRule, bool) {
	var best SubsidyRule
	found := false
	for _, r := range rules {
		if r.Qualification == q && !r.EffectiveFrom.After(day) && (!found || r.EffectiveFrom.After(best.EffectiveFrom)) {
			best, found = r, true
		}
	}
	return best, found
}

// Subsidy is one worker's subsidy for a year.
type Subsidy struct {
	Months  int // months in post with the qualification
	Monthly Fen // sum of the monthly amounts
	OneOff  Fen
}

// Total is the monthly part plus the one-off.
func (s Subsidy) Total() Fen { return s.Monthly + s.OneOff }

// ComputeSubsidy works out w's subsidy for year under rules. A month counts when the worker is
// in post on at least one of its days and already held the certificate by its last day; its
// rate is the rule in force on the month's first day (a rule effective mid-month applies from
// the next month). The one-off is the rule in force on the certificate date, paid in that
// year when the worker was in post at some time of it.
func ComputeSubsidy(w SocialWorker, year int, rules []SubsidyRule) Subsidy {
	var s Subsidy
	if !w.Certified() || w.CertDate.IsZero() || w.OnPostFrom.IsZero() {
		return s
	}
	loc := w.OnPostFrom.Location()
	inPost := func(first, last time.Time) bool {
		if w.OnPostFrom.After(last) {
			return false
		}
		return w.OffPostOn.IsZero() || !w.OffPostOn.Before(first)
	}
	any := false
	for m := time.January; m <= time.December; m++ {
		first := time.Date(year, m, 1, 0, 0, 0, 0, loc)
		last := first.AddDate(0, 1, -1)
		if !inPost(first, last) {
			continue
		}
		any = true
		if w.CertDate.After(last) {
			continue
		}
		if r, ok := ruleOn(rules, w.Qualification, first); ok {
			s.Months++
			s.Monthly += r.Monthly
		}
	}
	if any && w.CertDate.Year() == year {
		if r, ok := ruleOn(rules, w.Qualification, w.CertDate); ok {
			s.OneOff = r.OneOff
		}
	}
	return s
}
