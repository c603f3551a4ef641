package report

import (
	"context"
	"fmt"

	"shequ/app/store"
	"shequ/models"
	"shequ/reports/model"
)

// The 民主自治 chapter's other eight ledgers (意见 三（一）): 村规民约/居民公约, 议事会, 监督委员会,
// 小区（院落）, 协商, 述职述廉/民主评议, 村（居）务公开 and 问责 — which villages have them in the
// report year, and what is overdue on the report day.

// autonomySum is one unit's figures of the eight ledgers.
type autonomySum struct {
	Villages                       int64 // active villages and communities
	Covenant, Council, Supervision int64 // villages with one in force in the year
	Estates, EstatesCovered        int64 // 小区（院落） and those with their self-governance body
	Consultations, ConsultDone     int64 // begun in the year; completed all six steps
	Disclosures, Disclosed         int64 // records in the year; villages with at least one
	Reports, Evaluated             int64 // villages with 述职述廉; with 民主评议 of their work
	Accountability, RectifyOverdue int64 // cases decided in the year; open past their deadline
}

func (a autonomySum) empty() bool {
	return a.Covenant+a.Council+a.Supervision+a.Estates+a.Consultations+a.Disclosures+a.Reports+a.Evaluated+a.Accountability == 0
}

// autonomy reads the eight ledgers of the area once per chapter build; villages are counted in
// their unit, records of retired villages only in the totals.
func (e *Env) autonomy(ctx context.Context) ([]autonomySum, autonomySum, error) {
	t := &autonomyTally{e: e, seen: map[string]map[string]bool{}, per: make([]autonomySum, len(e.Units))}
	if err := e.tallyBodies(ctx, t); err != nil {
		return nil, t.tot, err
	}
	if err := e.tallyYear(ctx, t); err != nil {
		return nil, t.tot, err
	}
	t.coverage()
	return t.per, t.tot, nil
}

// autonomyTally is the autonomy figures while they are counted: per unit and in total, and which
// villages each ledger covers.
type autonomyTally struct {
	e    *Env
	seen map[string]map[string]bool // ledger → village codes
	per  []autonomySum
	tot  autonomySum
}

func (t *autonomyTally) mark(ledger, code string) {
	if t.seen[ledger] == nil {
		t.seen[ledger] = map[string]bool{}
	}
	t.seen[ledger][code] = true
}

func (t *autonomyTally) add(code string, f func(*autonomySum)) {
	f(&t.tot)
	if u := t.e.UnitOf(code); u >= 0 {
		f(&t.per[u])
	}
}

// tallyBodies counts what stands at the year's end: covenants, councils, supervision
// committees and estates.
func (e *Env) tallyBodies(ctx context.Context, t *autonomyTally) error {
	q := store.LedgerQuery{DivisionPrefix: e.prefix}
	start, end := models.YearSpan(e.Year)
	st := e.svc.Ledgers
	covs, err := st.CovenantsIn(ctx, q)
	if err != nil {
		return err
	}
	for _, c := range covs {
		if c.AdoptedOn.Before(end) {
			t.mark("covenant", c.DivisionCode)
		}
	}
	councils, err := st.CouncilsIn(ctx, q)
	if err != nil {
		return err
	}
	for _, c := range councils {
		if c.Complete() && c.EstablishedOn.Before(end) {
			t.mark("council", c.DivisionCode)
		}
	}
	sups, err := st.SupervisionsIn(ctx, q)
	if err != nil {
		return err
	}
	for _, s := range sups {
		if s.EstablishedOn.Before(end) && s.TermStart.Before(end) && !s.TermEnd.Before(start) {
			t.mark("supervision", s.DivisionCode)
		}
	}
	estates, err := st.EstatesIn(ctx, q)
	if err != nil {
		return err
	}
	for _, es := range estates {
		covered := es.Covered()
		t.add(es.DivisionCode, func(a *autonomySum) {
			a.Estates++
			if covered {
				a.EstatesCovered++
			}
		})
	}
	return nil
}

// tallyYear counts the year's records: consultations, disclosures, evaluations and
// accountability cases.
func (e *Env) tallyYear(ctx context.Context, t *autonomyTally) error {
	q := store.LedgerQuery{DivisionPrefix: e.prefix}
	start, end := models.YearSpan(e.Year)
	inYear := store.LedgerQuery{DivisionPrefix: e.prefix, From: start, To: end}
	st := e.svc.Ledgers
	cons, err := st.ConsultationsIn(ctx, inYear)
	if err != nil {
		return err
	}
	for _, c := range cons {
		done := c.Complete()
		t.add(c.DivisionCode, func(a *autonomySum) {
			a.Consultations++
			if done {
				a.ConsultDone++
			}
		})
	}
	recs, err := st.DisclosuresIn(ctx, inYear)
	if err != nil {
		return err
	}
	for _, r := range recs {
		t.add(r.DivisionCode, func(a *autonomySum) { a.Disclosures++ })
		t.mark("disclosed", r.DivisionCode)
	}
	evals, err := st.EvaluationsIn(ctx, q, e.Year)
	if err != nil {
		return err
	}
	for _, ev := range evals {
		switch ev.Kind {
		case models.EvalReport:
			t.mark("report", ev.DivisionCode)
		case models.EvalCommunity:
			t.mark("evaluated", ev.DivisionCode)
		}
	}
	cases, err := st.AccountabilitiesIn(ctx, inYear)
	if err != nil {
		return err
	}
	for _, c := range cases {
		overdue := c.RectifyState(e.Today) == models.RectifyOverdue
		t.add(c.DivisionCode, func(a *autonomySum) {
			a.Accountability++
			if overdue {
				a.RectifyOverdue++
			}
		})
	}
	return nil
}

// coverage counts, per unit and in total, the active villages each ledger covers.
func (t *autonomyTally) coverage() {
	per, tot := t.per, &t.tot
	for i, u := range t.e.Units {
		for _, v := range u.Villages {
			for ledger, codes := range t.seen {
				if !codes[v.Code] {
					continue
				}
				for _, a := range []*autonomySum{&per[i], tot} {
					switch ledger {
					case "covenant":
						a.Covenant++
					case "council":
						a.Council++
					case "supervision":
						a.Supervision++
					case "disclosed":
						a.Disclosed++
					case "report":
						a.Reports++
					case "evaluated":
						a.Evaluated++
					}
				}
			}
		}
		per[i].Villages = int64(len(u.Villages))
		tot.Villages += per[i].Villages
	}
}

// autonomyBlocks are the chapter's part on the eight ledgers: a paragraph with coverage and
// overdue items, and a table per unit; a sentence when none is filled.
func autonomyBlocks(ctx context.Context, e *Env, heading string) ([]model.Block, error) {
	per, t, err := e.autonomy(ctx)
	if err != nil {
		return nil, err
	}
	blocks := []model.Block{&model.Heading{Text: heading}}
	if t.empty() {
		return append(blocks, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入村规民约（居民公约）、议事会、监督委员会、小区（院落）、协商、述职述廉和民主评议、村（居）务公开、问责等台账。", e.Year)}), nil
	}
	n := func(x int64) string { return model.FormatCell(model.Int, x) }
	cover := func(x int64) string { return fmt.Sprintf("%s 个（%s）", n(x), model.RateOf(x, t.Villages)) }
	blocks = append(blocks, &model.Paragraph{Text: fmt.Sprintf(
		"全部 %s 个村（社区）中，已制定村规民约（居民公约）的 %s，议事会健全的 %s，监督委员会在任的 %s，开展村（居）务公开的 %s，开展述职述廉的 %s，开展民主评议的 %s。登记小区（院落）%s 个，其中已建立业主委员会或自治小组的 %s 个（%s）；本年度启动协商事项 %s 件，完成全部六个环节的 %s 件；作出问责 %s 件，截至%s逾期未整改 %s 件。",
		n(t.Villages), cover(t.Covenant), cover(t.Council), cover(t.Supervision), cover(t.Disclosed), cover(t.Reports), cover(t.Evaluated),
		n(t.Estates), n(t.EstatesCovered), model.RateOf(t.EstatesCovered, t.Estates), n(t.Consultations), n(t.ConsultDone),
		n(t.Accountability), models.FormatDateCN(e.Today), n(t.RectifyOverdue))})
	tb := &model.Table{Name: "民主自治台账分" + shortUnit(e), Caption: unitCaption(e, "民主自治台账建立"),
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 2},
			{Header: "总数", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.8},
			{Header: "村规民约", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.9},
			{Header: "议事会", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.8},
			{Header: "监督委员会", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.9},
			{Header: "村（居）务公开", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.8},
			{Header: "述职述廉", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.9},
			{Header: "民主评议", Group: "村（社区）（个）", Kind: model.Int, Weight: 0.9},
			{Header: "小区（院落）", Kind: model.Int, Weight: 0.9},
			{Header: "启动", Group: "协商（件）", Kind: model.Int, Weight: 0.7},
			{Header: "完成", Group: "协商（件）", Kind: model.Int, Weight: 0.7},
			{Header: "问责", Group: "问责（件）", Kind: model.Int, Weight: 0.7},
			{Header: "逾期未整改", Group: "问责（件）", Kind: model.Int, Weight: 0.9}},
		Note: "注：村规民约含居民公约；议事会按成员、产生方式、职责和议事规则齐全计；监督委员会按本年度在任计；务公开、述职述廉、民主评议按本年度开展过的村（社区）计。"}
	row := func(name string, a autonomySum) []any {
		return []any{name, a.Villages, a.Covenant, a.Council, a.Supervision, a.Disclosed, a.Reports, a.Evaluated,
			a.Estates, a.Consultations, a.ConsultDone, a.Accountability, a.RectifyOverdue}
	}
	for i, u := range e.Units {
		tb.Rows = append(tb.Rows, row(u.Name, per[i]))
	}
	tb.Totals = row("合计", t)
	return append(blocks, tb), nil
}
