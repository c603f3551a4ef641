package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "problems", Title: "存在问题和下步打算", Order: 900, Build: buildProblemsSection})
}

// The chapter is drafted from the figures — weakest indicators, units below the area's 达标率,
// low budget execution, overdue tasks and replies, villages without meetings — as text the
// office finishes in the editable (.docx) version.

// ranked is a unit with one rate, for "the lowest three".
type ranked struct {
	Name string
	Rate model.Rate
}

// lowest lists up to n units with a rate below limit, lowest first.
func lowest(xs []ranked, limit float64, n int) []string {
	xs = slices.DeleteFunc(slices.Clone(xs), func(x ranked) bool { return !x.Rate.OK || x.Rate.Value >= limit })
	slices.SortStableFunc(xs, func(a, b ranked) int {
		switch {
		case a.Rate.Value < b.Rate.Value:
			return -1
		case a.Rate.Value > b.Rate.Value:
			return 1
		}
		return 0
	})
	var out []string
	for _, x := range xs[:min(n, len(xs))] {
		out = append(out, fmt.Sprintf("%s（%s）", x.Name, x.Rate))
	}
	return out
}

func buildProblemsSection(ctx context.Context, e *Env) (model.Section, error) {
	m, err := e.modules(ctx)
	if err != nil {
		return model.Section{}, err
	}
	c, b, d, l := m.Checklist, m.Budget, m.Duties, m.Ledgers
	var problems, plans []string
	unit := shortUnit(e)
	if !c.empty() {
		rate := atStandardRate(c.Total)
		var units []ranked
		for i, u := range e.Units {
			units = append(units, ranked{u.Name, atStandardRate(c.ByUnit[i])})
		}
		text := fmt.Sprintf("社区标准化建设达标率为 %s", rate)
		if low := lowest(units, rate.Value, 3); len(low) > 0 {
			text += fmt.Sprintf("，%s低于全域平均水平", strings.Join(low, "、"))
		}
		var weak []string
		for _, w := range c.Weakest[:min(3, len(c.Weakest))] {
			weak = append(weak, fmt.Sprintf("“%s”（达到率 %.1f%%）", w.Name, w.Rate*100))
		}
		if len(weak) > 0 {
			text += "；" + strings.Join(weak, "、") + "等指标达到率最低"
		}
		problems = append(problems, text+"。")
		plans = append(plans, "对达标率偏低的"+unit+"开展专项指导，围绕达到率最低的指标逐村（社区）制定整改清单，限时补齐短板。")
	}
	if !b.empty() {
		rate := b.Total.Rate()
		var units []ranked
		for i, u := range e.Units {
			units = append(units, ranked{u.Name, b.ByUnit[i].Rate()})
		}
		text := fmt.Sprintf("村（社区）经费预算执行率为 %s", rate)
		if low := lowest(units, 0.5, 3); len(low) > 0 {
			text += fmt.Sprintf("，%s执行率不足 50%%", strings.Join(low, "、"))
		}
		problems = append(problems, text+"。")
		plans = append(plans, "督促财政、民政部门加快经费拨付，对执行率偏低的"+unit+"逐项核查未拨付原因，确保经费及时足额到位。")
	}
	if n := d.ByStatus[models.TaskOverdue]; n > 0 {
		var refs []string
		for _, o := range d.Overdue[:min(3, len(d.Overdue))] {
			refs = append(refs, fmt.Sprintf("“%s”（牵头：%s）", o.Task.Title, o.Lead))
		}
		problems = append(problems, fmt.Sprintf("部门改革任务逾期 %s 项，包括%s等。", model.Count(n), strings.Join(refs, "、")))
		plans = append(plans, "将逾期任务纳入督查督办，由牵头部门明确完成时限并按月报送进展，配合部门同步落实。")
	}
	if l.Total.Meetings > 0 || l.Total.Opinions > 0 { // the year's ledgers, not only old overdue replies
		villages := int64(len(e.Villages()))
		if gap := villages - l.Total.WithMeetings; gap > 0 || l.Total.Overdue > 0 {
			problems = append(problems, fmt.Sprintf("尚有 %s 个村（社区）未开展民主议事会议，群众意见建议答复率为 %s，逾期未答复 %s 条。",
				model.FormatCell(model.Int, gap), l.Total.ReplyRate(), model.FormatCell(model.Int, l.Total.Overdue)))
			plans = append(plans, "指导未开展议事会议的村（社区）按规定召开会议，对逾期未答复的群众意见建议逐条督办、限期答复。")
		}
	}
	s := model.Section{}
	if len(problems) == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d年度数据不足，暂无法据实归纳存在问题，请办公室结合实际撰写。", e.Year)})
		return s, nil
	}
	s.Blocks = append(s.Blocks, &model.Heading{Text: "（一）存在问题"})
	for i, p := range problems {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d．%s", i+1, p)})
	}
	s.Blocks = append(s.Blocks, &model.Heading{Text: "（二）下步打算"})
	for i, p := range plans {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d．%s", i+1, p)})
	}
	s.Blocks = append(s.Blocks, &model.Paragraph{Text: "（本章由系统根据数据草拟，请办公室结合实际修改完善后定稿。）"})
	return s, nil
}
