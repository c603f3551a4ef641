package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// 村(居)务公开 (意见 三（一）8): the county keeps one catalogue of what must be disclosed, how often,
// at which point of a matter and through which channels; each community records its disclosures.

// DisclosureFrequency is how often a catalogue item must be disclosed.
type DisclosureFrequency string

const (
	FreqMonthly   DisclosureFrequency = "每月"
	FreqQuarterly DisclosureFrequency = "每季度"
	FreqHalfYear  DisclosureFrequency = "每半年"
	FreqYearly    DisclosureFrequency = "每年"
	FreqOnEvent   DisclosureFrequency = "随时" // whenever the matter arises; not due on a calendar
)

// DisclosureFrequencies lists the frequencies.
var DisclosureFrequencies = []DisclosureFrequency{FreqMonthly, FreqQuarterly, FreqHalfYear, FreqYearly, FreqOnEvent}

// PeriodsPerYear is how many disclosures a year the frequency asks for (0 for 随时).
func (f DisclosureFrequency) PeriodsPerYear() int {
	return map[DisclosureFrequency]int{FreqMonthly: 12, FreqQuarterly: 4, FreqHalfYear: 2, FreqYearly: 1}[f]
}

// Disclosure timings: before, during and after the matter (事前、事中、事后全过程公开).
const (
	TimingBefore = "事前"
	TimingDuring = "事中"
	TimingAfter  = "事后"
)

// DisclosureTimings lists the timings.
var DisclosureTimings = []string{TimingBefore, TimingDuring, TimingAfter}

// Disclosure channels.
const (
	ChannelBoard = "公开栏"
	ChannelWeb   = "网络"
	ChannelSMS   = "短信"
)

// DisclosureChannels lists the channels.
var DisclosureChannels = []string{ChannelBoard, ChannelWeb, ChannelSMS}

// DisclosureItem is one entry of a county's 村(居)务公开统一目录.
type DisclosureItem struct {
	Versioned
	ID         int64
	CountyCode string
	Item       string // e.g. 财务收支、惠民政策、工程项目
	Content    string // what exactly is disclosed
	Frequency  DisclosureFrequency
	Timings    []string
	Channels   []string
}

// Validate returns every problem of the catalogue item at once.
func (d DisclosureItem) Validate() error {
	var v ValidationError
	requireText(&v, "公开事项", d.Item, 100)
	limitText(&v, "公开内容", d.Content, 2000)
	if !slices.Contains(DisclosureFrequencies, d.Frequency) {
		v.Add("公开频次", fmt.Sprintf("“%s”不是可选的频次", d.Frequency))
	}
	checkChoices(&v, "公开时段", d.Timings, DisclosureTimings)
	checkChoices(&v, "公开渠道", d.Channels, DisclosureChannels)
	return v.Err()
}

// DisclosureRecord is one disclosure a community made against a catalogue item.
type DisclosureRecord struct {
	Versioned
	ID           int64
	DivisionCode string
	ItemID       int64
	DisclosedOn  time.Time
	Timing       string
	Channels     []string
	Note         string
}

// ValidateAgainst checks the record and that its timing and channels are ones the item allows.
func (r DisclosureRecord) ValidateAgainst(item DisclosureItem) error {
	var v ValidationError
	if r.ItemID == 0 {
		v.Add("公开事项", "请从目录中选择")
	}
	if r.DisclosedOn.IsZero() {
		v.Add("公开日期", "不能为空")
	}
	if !slices.Contains(DisclosureTimings, r.Timing) {
		v.Add("公开时段", fmt.Sprintf("“%s”不是可选的时段（事前、事中、事后）", r.Timing))
	} else if item.ID != 0 && !slices.Contains(item.Timings, r.Timing) {
		v.Add("公开时段", fmt.Sprintf("目录中“%s”只要求%s公开", item.Item, strings.Join(item.Timings, "、")))
	}
	checkChoices(&v, "公开渠道", r.Channels, DisclosureChannels)
	for _, c := range r.Channels {
		if item.ID != 0 && slices.Contains(DisclosureChannels, c) && !slices.Contains(item.Channels, c) {
			v.Add("公开渠道", fmt.Sprintf("目录中“%s”的渠道不含“%s”", item.Item, c))
		}
	}
	limitText(&v, "公开情况", r.Note, 2000)
	return v.Err()
}

// ItemCompliance is how a community stands against one catalogue item in a year.
type ItemCompliance struct {
	Item    DisclosureItem
	Due     int      // periods that have ended by today (or the whole year for a past year)
	Done    int      // of those, periods with at least one disclosure
	Records int      // disclosures of the item in the year, in any period
	Missing []string // the ended periods without a disclosure, e.g. 第2季度
}

// Compliant reports whether every period due has a disclosure.
func (c ItemCompliance) Compliant() bool { return c.Done >= c.Due }

// Compliance works out, for one catalogue item, which of the year's periods that have ended by
// today have a disclosure among records (the community's records of any item; others are ignored).
// A period counts as due once its last day has passed, so a quarter is not missed before it ends.
func Compliance(item DisclosureItem, records []DisclosureRecord, year int, today time.Time) ItemCompliance {
	c := ItemCompliance{Item: item}
	n := item.Frequency.PeriodsPerYear()
	covered := make([]bool, max(n, 1))
	for _, r := range records {
		if r.ItemID != item.ID || r.DisclosedOn.Year() != year {
			continue
		}
		c.Records++
		if n > 0 {
			covered[(int(r.DisclosedOn.Month())-1)*n/12] = true
		}
	}
	today = Day(today)
	for p := range n {
		end := time.Date(year, time.Month((p+1)*12/n)+1, 1, 0, 0, 0, 0, today.Location()) // first day after the period
		if today.Before(end) {
			break
		}
		c.Due++
		if covered[p] {
			c.Done++
		} else {
			c.Missing = append(c.Missing, periodLabel(item.Frequency, p))
		}
	}
	return c
}

func periodLabel(f DisclosureFrequency, p int) string {
	switch f {
	case FreqMonthly:
		return fmt.Sprintf("%d月", p+1)
	case FreqQuarterly:
		return fmt.Sprintf("第%d季度", p+1)
	case FreqHalfYear:
		return []string{"上半年", "下半年"}[p]
	}
	return "全年"
}

func checkChoices(v *ValidationError, label string, got, allowed []string) {
	if len(got) == 0 {
		v.Add(label, "至少选择一项")
	}
	for _, g := range got {
		if !slices.Contains(allowed, g) {
			v.Add(label, fmt.Sprintf("“%s”不是可选项（%s）", g, strings.Join(allowed, "、")))
		}
	}
}
