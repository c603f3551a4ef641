package report

import (
	"context"
	"fmt"
	"strings"

	"shequ/reports/model"
)

// A chapter without data says so in words instead of printing tables of zeros, and names the
// screen where the data is entered; a report over an empty year says in its 概况 what is
// missing, and its appendix does not list every village with zeros.

// noData is the sentence of a chapter without data for the year.
func noData(e *Env, what, where string) *model.Paragraph {
	return &model.Paragraph{Text: fmt.Sprintf("%d年度%s尚未录入%s，本章暂无数据。可在“%s”中录入或导入后重新生成报告。", e.Year, e.AreaName, what, where)}
}

func (b *reportBudget) empty() bool { return b.Total.Lines == 0 }

func (l *reportLedgers) empty() bool {
	return l.Total.Meetings == 0 && l.Total.Opinions == 0 && l.Total.Overdue == 0
}

func (c *reportChecklist) empty() bool { return c.Total.Assessed == 0 && len(c.Titles) == 0 }

func (r *reportRegistry) empty() bool {
	t := r.Total
	return t.Orgs == 0 && t.Workers == 0 && t.Grids == 0 && t.Sub == 0 && t.SubWorkers == 0
}

// reportModules is the figures of the four modules that the 概况, 存在问题 and 缺项 read together.
type reportModules struct {
	Checklist *reportChecklist
	Budget    *reportBudget
	Duties    *reportDuties
	Ledgers   *reportLedgers
}

// modules reads (once per report, like each module alone) the four modules' figures.
func (e *Env) modules(ctx context.Context) (m reportModules, err error) {
	if m.Checklist, err = e.Checklist(ctx); err != nil {
		return m, err
	}
	if m.Budget, err = e.Budget(ctx); err != nil {
		return m, err
	}
	if m.Duties, err = e.Duties(ctx); err != nil {
		return m, err
	}
	m.Ledgers, err = e.Ledgers(ctx)
	return m, err
}

// missing lists what the report year lacks, module by module, in report order.
func (e *Env) missing(ctx context.Context) ([]string, error) {
	var out []string
	_, tot, err := e.counts(ctx)
	if err != nil {
		return nil, err
	}
	if tot.Profiles == 0 {
		out = append(out, "社区档案（户数、人口）")
	}
	m, err := e.modules(ctx)
	if err != nil {
		return nil, err
	}
	if m.Checklist.empty() {
		out = append(out, "社区标准化建设测评")
	}
	r, err := e.Registry(ctx)
	if err != nil {
		return nil, err
	}
	if r.empty() {
		out = append(out, "社会组织、社会工作者和网格")
	}
	if m.Budget.empty() {
		out = append(out, "经费预算")
	}
	if m.Duties.Total == 0 {
		out = append(out, "部门改革任务")
	}
	if m.Ledgers.empty() {
		out = append(out, "民主议事会议和群众意见建议")
	}
	return out, nil
}

// missingParagraph is the 概况's sentence on what the year lacks; nil when nothing is missing.
func missingParagraph(e *Env, missing []string) *model.Paragraph {
	switch {
	case len(missing) == 0:
		return nil
	case len(missing) == 6:
		return &model.Paragraph{Text: fmt.Sprintf("%d年度%s尚未录入任何工作数据（%s均为空），以下各章仅说明缺少的内容。请先在相应页面录入或导入数据，再重新生成报告。",
			e.Year, e.AreaName, strings.Join(missing, "、"))}
	}
	return &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入：%s；相应章节暂无数据。", e.Year, strings.Join(missing, "、"))}
}
