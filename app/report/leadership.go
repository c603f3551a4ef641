package report

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"shequ/app/store"
	"shequ/models"
	"shequ/reports/model"
)

// 领导机制 (意见 四（一）): who leads the 城乡社区治理 work, as the office enters it in 设置, shown
// in the report's chapter of that name.

const metaLeadership = "report.leadership"

func init() {
	RegisterSection(Section{ID: "leadership", Title: "领导机制", Order: 12, Build: buildLeadershipSection})
}

// Leadership is the 城乡社区治理工作领导小组 and how it works.
type Leadership struct {
	Group     string // 领导小组名称, e.g. 南充市城乡社区治理工作领导小组
	Leader    string // 组长, e.g. 市委副书记 张某某
	Deputies  string // 副组长, one a line
	Office    string // 办公室设在, e.g. 市民政局，主任由局长兼任
	Members   string // 成员单位, separated by 、 or lines
	Mechanism string // 工作机制: meetings, supervision, assessment
}

// Empty reports whether nothing was entered.
func (l Leadership) Empty() bool {
	return strings.TrimSpace(l.Group+l.Leader+l.Deputies+l.Office+l.Members+l.Mechanism) == ""
}

// Validate checks lengths, in Chinese.
func (l Leadership) Validate() error {
	var v models.ValidationError
	for _, f := range []struct {
		label, value string
		max          int
	}{{"领导小组名称", l.Group, 100}, {"组长", l.Leader, 100}, {"副组长", l.Deputies, 500}, {"办公室", l.Office, 200},
		{"成员单位", l.Members, 2000}, {"工作机制", l.Mechanism, 2000}} {
		if n := len([]rune(f.value)); n > f.max {
			v.Add(f.label, fmt.Sprintf("不能超过 %d 个字，现为 %d 个字", f.max, n))
		}
	}
	return v.Err()
}

// Leadership reads the 领导机制 entered in 设置 (empty when never entered).
func (s *Service) Leadership(ctx context.Context) (Leadership, error) {
	v, err := s.svc.Store.Meta(ctx, metaLeadership)
	if err != nil {
		return Leadership{}, err
	}
	return parseLeadership(v)
}

func parseLeadership(v string) (Leadership, error) {
	var l Leadership
	if v == "" {
		return l, nil
	}
	if err := json.Unmarshal([]byte(v), &l); err != nil {
		return Leadership{}, fmt.Errorf("读取领导机制设置失败：%w", err)
	}
	return l, nil
}

// SaveLeadership stores the 领导机制 and records the change in the audit trail. shown is the
// 领导机制 the clerk's form read (Leadership): when another desk changed it meanwhile, the save is
// a *models.EditConflict.
func (s *Service) SaveLeadership(ctx context.Context, shown, l Leadership) error {
	for _, p := range []*string{&l.Group, &l.Leader, &l.Deputies, &l.Office, &l.Members, &l.Mechanism} {
		*p = strings.TrimSpace(*p)
	}
	if err := l.Validate(); err != nil {
		return err
	}
	old, err := s.Leadership(ctx)
	if err != nil {
		return err
	}
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	return s.svc.Store.SetSetting(ctx, store.Setting{Key: metaLeadership, Value: string(b), Label: "领导机制",
		Changes: old.changesTo(l), Unchanged: func(stored string) bool {
			now, err := parseLeadership(stored)
			return err == nil && now == shown
		}}, s.svc.Session.Actor)
}

// changesTo is what the audit trail records of a change from l to next: each field that differs,
// before and after.
func (l Leadership) changesTo(next Leadership) []store.FieldChange {
	var out []store.FieldChange
	for _, f := range []struct{ label, before, after string }{{"领导小组名称", l.Group, next.Group}, {"组长", l.Leader, next.Leader},
		{"副组长", l.Deputies, next.Deputies}, {"办公室", l.Office, next.Office}, {"成员单位", l.Members, next.Members},
		{"工作机制", l.Mechanism, next.Mechanism}} {
		if f.before != f.after {
			out = append(out, store.FieldChange{Field: "领导机制·" + f.label, Before: f.before, After: f.after})
		}
	}
	if out == nil { // saved as it was: the trail still says it was saved
		out = []store.FieldChange{}
	}
	return out
}

func lines(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func buildLeadershipSection(ctx context.Context, e *Env) (model.Section, error) {
	l, err := e.svc.reports.Leadership(ctx)
	if err != nil {
		return model.Section{}, err
	}
	s := model.Section{}
	if l.Empty() {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: "尚未填写城乡社区治理工作领导机制。可在“设置”的“领导机制”中填写领导小组、组长、副组长、办公室、成员单位和工作机制后重新生成报告。"})
		return s, nil
	}
	var b strings.Builder
	group := l.Group
	if group == "" {
		group = e.AreaName + "城乡社区治理工作领导小组"
	}
	fmt.Fprintf(&b, "%s成立%s", e.AreaName, group)
	if l.Leader != "" {
		fmt.Fprintf(&b, "，由%s任组长", l.Leader)
	}
	if d := lines(l.Deputies); len(d) > 0 {
		fmt.Fprintf(&b, "，%s任副组长", strings.Join(d, "、"))
	}
	if l.Office != "" {
		fmt.Fprintf(&b, "；领导小组办公室设在%s", strings.TrimSuffix(l.Office, "。"))
	}
	b.WriteString("。")
	if m := lines(l.Members); len(m) > 0 {
		fmt.Fprintf(&b, "成员单位包括%s。", strings.TrimSuffix(strings.Join(m, "、"), "。"))
	}
	s.Blocks = append(s.Blocks, &model.Paragraph{Text: b.String()})
	for _, m := range lines(l.Mechanism) {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: m})
	}
	return s, nil
}
