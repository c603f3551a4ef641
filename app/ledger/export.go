package ledger

import (
	"context"
	"fmt"
	"io"
	"strings"

	"shequ/app/store"
	"shequ/models"
	"shequ/reports/xlsx"
)

// ExportLedgers writes every ledger of the year — of one county, or all when countyCode is "" —
// to w as one workbook, one sheet per ledger. Who raised an opinion and their phone are masked.
// progress, when not nil, is told each sheet as it is assembled.
func (s *Service) ExportLedgers(ctx context.Context, w io.Writer, year int, countyCode string, progress func(done, total int)) error {
	if countyCode != "" {
		if err := s.county(ctx, countyCode); err != nil {
			return err
		}
	}
	if !models.ValidYear(year) {
		return fmt.Errorf("%w：年度 %d 不在 %s 年之间", models.ErrInvalid, year, models.YearRange)
	}
	scope := "全市"
	if countyCode != "" {
		d, _ := s.divs.Get(ctx, countyCode)
		scope = d.Name
	}
	builders := []func(context.Context, string, int) (xlsx.Sheet, error){
		s.meetingSheet, s.councilSheet, s.opinionSheet, s.consultationSheet, s.covenantSheet, s.estateSheet,
		s.supervisionSheet, s.disclosureItemSheet, s.disclosureSheet, s.evaluationSheet, s.upwardSheet, s.accountabilitySheet,
		s.serviceItemSheet, s.taskSheet,
	}
	sheets := make([]xlsx.Sheet, 0, len(builders))
	for i, b := range builders {
		if err := ctx.Err(); err != nil {
			return err
		}
		sh, err := b(ctx, countyCode, year)
		if err != nil {
			return err
		}
		sh.Title = fmt.Sprintf("%s %d 年度%s", scope, year, sh.Name)
		sheets = append(sheets, sh)
		if progress != nil {
			progress(i+1, len(builders))
		}
	}
	return xlsx.Write(w, sheets...)
}

// place is the township and village names of a village code, for the first two columns.
func (s *Service) place(ctx context.Context, code string) []any {
	town, village := "", code
	if d, err := s.divs.Get(ctx, code); err == nil {
		village = models.ShortName(d.Name)
	}
	if d, err := s.divs.Get(ctx, models.Code(code).Township().String()); err == nil {
		town = models.ShortName(d.Name)
	}
	return []any{town, village}
}

var placeCols = []xlsx.Column{{Header: "乡镇（街道）", Width: 14}, {Header: "村（社区）", Width: 16}}

func cols(cs ...xlsx.Column) []xlsx.Column {
	return append(append([]xlsx.Column{}, placeCols...), cs...)
}

func text(h string, w float64) xlsx.Column { return xlsx.Column{Header: h, Width: w} }
func num(h string) xlsx.Column             { return xlsx.Column{Header: h, Kind: xlsx.Int} }
func date(h string) xlsx.Column            { return xlsx.Column{Header: h, Kind: xlsx.Date, Width: 12} }

func row(place []any, vals ...any) []any { return append(append([]any{}, place...), vals...) }

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func ratioCell(r models.Ratio) any {
	if v, ok := r.Value(); ok {
		return v
	}
	return nil
}

func (s *Service) meetingSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	ms, err := s.Meetings(ctx, county, year)
	sh := xlsx.Sheet{Name: "会议台账", Columns: cols(text("会议类型", 16), date("召开日期"), text("议题", 30),
		num("实到人数"), num("应到人数"), xlsx.Column{Header: "出席率", Kind: xlsx.Percent}, text("涉及项目", 20),
		text("涉及村（居）民", 16), text("会议议程", 30), text("形成决定", 30), text("纸质材料存放处", 16), num("附件文件数"))}
	if err != nil {
		return sh, err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	files, err := s.MeetingAttachmentCounts(ctx, ids)
	for _, m := range ms {
		sh.Rows = append(sh.Rows, row(s.place(ctx, m.DivisionCode), string(m.Kind), m.HeldOn, m.Topic, m.Present,
			m.Entitled, ratioCell(m.Attendance()), m.Project, m.Concerned, m.Agenda, m.Decisions, m.Attachments, files[m.ID]))
	}
	return sh, err
}

func (s *Service) councilSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	p, err := s.prefix(ctx, county)
	if err != nil {
		return xlsx.Sheet{}, err
	}
	cs, err := store.CouncilLedger.List(ctx, s.st, storeQuery(p))
	sh := xlsx.Sheet{Name: "议事会", Columns: cols(date("成立日期"), num("成员人数"), text("成员", 30), date("任期开始"),
		date("任期结束"), text("成员产生办法", 30), text("议事内容", 30), text("议事程序和规则", 30))}
	for _, c := range cs {
		sh.Rows = append(sh.Rows, row(s.place(ctx, c.DivisionCode), c.EstablishedOn, c.MemberCount(),
			strings.Join(strings.Fields(c.Members), "、"), c.TermStart, c.TermEnd, c.Selection, c.Remit, c.Rules))
	}
	return sh, err
}

func (s *Service) opinionSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	ops, err := s.Opinions(ctx, county, year)
	sh := xlsx.Sheet{Name: "意见台账", Columns: cols(date("提出日期"), text("提出人", 10), text("联系电话", 14),
		text("意见内容", 36), text("类别", 10), text("承办人", 12), text("办理状态", 10), date("答复期限"),
		date("答复日期"), text("答复内容", 30), text("不予采纳理由", 20), text("是否逾期", 10))}
	today := s.today()
	for _, o := range ops {
		late := ""
		switch {
		case o.Overdue(today):
			late = "逾期未答复"
		case o.AnsweredLate():
			late = "逾期答复"
		}
		sh.Rows = append(sh.Rows, row(s.place(ctx, o.DivisionCode), o.RaisedOn, models.MaskName(o.FromName),
			models.MaskPhone(o.FromPhone), o.Content, o.Category, o.Handler, string(o.Status), o.DueOn(), o.RepliedOn,
			o.Reply, o.RejectReason, late))
	}
	return sh, err
}

func (s *Service) consultationSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	cs, err := s.Consultations(ctx, county, year)
	sh := xlsx.Sheet{Name: "基层协商", Columns: cols(text("协商事项", 30), text("当前环节", 10))}
	for _, st := range models.ConsultationStages {
		sh.Columns = append(sh.Columns, xlsx.Column{Header: "日期", Group: string(st), Kind: xlsx.Date, Width: 12},
			xlsx.Column{Header: "情况说明", Group: string(st), Width: 24})
	}
	for _, c := range cs {
		r := row(s.place(ctx, c.DivisionCode), c.Title, string(c.Stage()))
		for _, st := range c.Steps {
			r = append(r, st.On, strings.TrimSpace(st.Note+" "+bracket(st.Evidence)))
		}
		sh.Rows = append(sh.Rows, r)
	}
	return sh, err
}

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "（佐证：" + s + "）"
}

func (s *Service) covenantSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	cs, err := s.Covenants(ctx, county)
	sh := xlsx.Sheet{Name: "村规民约居民公约", Columns: cols(text("类型", 10), text("版本", 16), date("通过日期"),
		num("通过会议编号"), text("主要内容", 40))}
	for _, c := range cs {
		var mid any
		if c.MeetingID != 0 {
			mid = c.MeetingID
		}
		sh.Rows = append(sh.Rows, row(s.place(ctx, c.DivisionCode), string(c.Kind), c.Version, c.AdoptedOn, mid, c.Summary))
	}
	return sh, err
}

func (s *Service) estateSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	es, err := s.Estates(ctx, county)
	sh := xlsx.Sheet{Name: "小区院落", Columns: cols(text("小区（院落）", 20), num("户数"), text("有物业管理", 10),
		text("物业服务企业", 20), text("业主委员会", 10), text("自治小组", 10), text("已覆盖", 8))}
	for _, e := range es {
		sh.Rows = append(sh.Rows, row(s.place(ctx, e.DivisionCode), e.Name, e.Households, yesNo(e.ManagedProperty),
			e.PropertyCompany, yesNo(e.OwnersCommittee), yesNo(e.SelfGovGroup), yesNo(e.Covered())))
	}
	return sh, err
}

func (s *Service) supervisionSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	p, err := s.prefix(ctx, county)
	if err != nil {
		return xlsx.Sheet{}, err
	}
	cs, err := store.SupervisionLedger.List(ctx, s.st, storeQuery(p))
	sh := xlsx.Sheet{Name: "监督委员会", Columns: cols(date("成立日期"), num("成员人数"), text("成员", 30),
		date("任期开始"), date("任期结束"))}
	for _, c := range cs {
		sh.Rows = append(sh.Rows, row(s.place(ctx, c.DivisionCode), c.EstablishedOn, c.MemberCount(),
			strings.Join(strings.Fields(c.Members), "、"), c.TermStart, c.TermEnd))
	}
	return sh, err
}

func (s *Service) disclosureItemSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	items, err := store.DisclosureItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: county})
	sh := xlsx.Sheet{Name: "村（居）务公开目录", Columns: []xlsx.Column{text("县（市、区）", 14), num("编号"),
		text("公开事项", 20), text("公开内容", 30), text("公开频次", 10), text("公开时段", 14), text("公开渠道", 16)}}
	for _, it := range items {
		name := it.CountyCode
		if d, err := s.divs.Get(ctx, it.CountyCode); err == nil {
			name = d.Name
		}
		sh.Rows = append(sh.Rows, []any{name, it.ID, it.Item, it.Content, string(it.Frequency),
			strings.Join(it.Timings, "、"), strings.Join(it.Channels, "、")})
	}
	return sh, err
}

func (s *Service) disclosureSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	recs, err := s.Disclosures(ctx, county, year)
	if err != nil {
		return xlsx.Sheet{}, err
	}
	items, err := store.DisclosureItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: county})
	name := map[int64]string{}
	for _, it := range items {
		name[it.ID] = it.Item
	}
	sh := xlsx.Sheet{Name: "公开记录", Columns: cols(text("公开事项", 20), date("公开日期"), text("公开时段", 10),
		text("公开渠道", 16), text("公开情况", 36))}
	for _, r := range recs {
		sh.Rows = append(sh.Rows, row(s.place(ctx, r.DivisionCode), name[r.ItemID], r.DisclosedOn, r.Timing,
			strings.Join(r.Channels, "、"), r.Note))
	}
	return sh, err
}

func (s *Service) evaluationSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	es, err := s.Evaluations(ctx, county, year)
	sh := xlsx.Sheet{Name: "述职述廉与民主评议", Columns: cols(text("评议类型", 16), num("年度"), date("评议日期"),
		text("被评议人（单位）", 18), text("职务", 12), num("满意"), num("基本满意"), num("不满意"),
		xlsx.Column{Header: "满意率", Kind: xlsx.Percent}, text("备注", 20))}
	for _, e := range es {
		sh.Rows = append(sh.Rows, row(s.place(ctx, e.DivisionCode), string(e.Kind), e.Year, e.HeldOn, e.Subject, e.Post,
			e.Satisfied, e.Basic, e.Dissatisfied, ratioCell(e.Satisfaction()), e.Note))
	}
	return sh, err
}

func (s *Service) accountabilitySheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	as, err := s.Accountabilities(ctx, county, year)
	sh := xlsx.Sheet{Name: "问责台账", Columns: cols(text("被问责干部", 10), text("职务", 12), date("问责日期"),
		text("不履职或履职不到位情形", 36), text("问责方式", 12), date("整改期限"), text("整改状态", 12),
		text("整改已公开", 10))}
	today := s.today()
	for _, a := range as {
		sh.Rows = append(sh.Rows, row(s.place(ctx, a.DivisionCode), a.Cadre, a.Post, a.On, a.Failing, string(a.Measure),
			a.RectifyBy, a.RectifyState(today), yesNo(a.MadePublic)))
	}
	return sh, err
}

func (s *Service) serviceItemSheet(ctx context.Context, county string, _ int) (xlsx.Sheet, error) {
	items, err := store.ServiceItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: county})
	sh := xlsx.Sheet{Name: "公共服务准入目录", Columns: []xlsx.Column{text("县（市、区）", 14), num("编号"),
		text("服务事项", 24), text("主管部门", 16), text("类别", 14), text("委托协议", 20),
		{Header: "费随事转金额（元）", Kind: xlsx.Money, Width: 16}, text("预算合同（政府购买服务）", 30)}}
	for _, it := range items {
		name := it.CountyCode
		if d, err := s.divs.Get(ctx, it.CountyCode); err == nil {
			name = d.Name
		}
		sh.Rows = append(sh.Rows, []any{name, it.ID, it.Name, it.Department, string(it.Class), it.Agreement, it.Amount, it.FundingText()})
	}
	return sh, err
}

func (s *Service) taskSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	ts, err := s.CommunityTasks(ctx, county, year)
	if err != nil {
		return xlsx.Sheet{}, err
	}
	items, err := store.ServiceItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: county})
	sh := xlsx.Sheet{Name: "社区承担事项", Columns: cols(num("年度"), text("事项名称", 24), text("交办部门", 16),
		text("准入目录事项", 20), date("委托协议签订"), xlsx.Column{Header: "到位经费（元）", Kind: xlsx.Money, Width: 14},
		text("核对结果", 30))}
	for _, t := range ts {
		item := ""
		for _, it := range items {
			if it.ID == t.ItemID {
				item = it.Name
			}
		}
		found := models.CheckTask(t, items)
		check := "符合准入目录"
		if len(found) > 0 {
			parts := make([]string, len(found))
			for i, f := range found {
				parts[i] = string(f)
			}
			check = strings.Join(parts, "；")
		}
		sh.Rows = append(sh.Rows, row(s.place(ctx, t.DivisionCode), t.Year, t.Name, t.Department, item, t.AgreementOn,
			t.Funded, check))
	}
	return sh, err
}

func storeQuery(prefix string) store.LedgerQuery { return store.LedgerQuery{DivisionPrefix: prefix} }
