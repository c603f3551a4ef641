package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// ledgerBody is a one-per-village record edited in place: the 议事会 and the 监督委员会.
type ledgerBody struct {
	s       *ledgersScreen
	name    string
	root    fyne.CanvasObject
	message *widget.Label
	load    func()
	save    func() error
}

func (b *ledgerBody) build(items ...*widget.FormItem) *ledgerBody {
	b.message = widget.NewLabel("")
	b.message.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(T("ledgers.save"), theme.DocumentSaveIcon(), func() {
		if err := b.save(); err != nil {
			b.message.Importance = widget.DangerImportance
			b.message.SetText(T("ledgers.not_saved") + "\n" + userMessage(err))
			return
		}
		b.s.refreshStats()
		b.load()
		b.message.Importance = widget.SuccessImportance
		b.message.SetText(T("ledgers.saved"))
	})
	save.Importance = widget.HighImportance
	b.root = container.NewVScroll(container.NewPadded(container.NewVBox(widget.NewForm(items...), b.message,
		container.NewHBox(save, layout.NewSpacer()))))
	return b
}

func newCouncilBody(s *ledgersScreen) *ledgerBody {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	b := &ledgerBody{s: s, name: T("ledgers.tab_council")}
	est, start, end := dayEntry(zeroDay), dayEntry(zeroDay), dayEntry(zeroDay)
	members, selection, remit, rules := multiline("", 4), multiline("", 3), multiline("", 3), multiline("", 4)
	members.SetPlaceHolder(T("ledgers.members_hint"))
	b.load = func() {
		c, _, err := svc.Council(ctx, s.code)
		if err != nil {
			s.w.showError(err)
			return
		}
		est.SetText(fmtDay(c.EstablishedOn))
		start.SetText(fmtDay(c.TermStart))
		end.SetText(fmtDay(c.TermEnd))
		members.SetText(c.Members)
		selection.SetText(c.Selection)
		remit.SetText(c.Remit)
		rules.SetText(c.Rules)
		b.message.SetText("")
	}
	b.save = func() error {
		var r formReader
		c := models.CouncilBody{DivisionCode: s.code, Members: members.Text, Selection: selection.Text,
			Remit: remit.Text, Rules: rules.Text}
		c.EstablishedOn = r.date(T("ledgers.f_established_on"), est.Text)
		c.TermStart = r.date(T("ledgers.f_term_start"), start.Text)
		c.TermEnd = r.date(T("ledgers.f_term_end"), end.Text)
		if err := r.err(); err != nil {
			return err
		}
		return svc.SaveCouncil(ctx, c)
	}
	return b.build(item("ledgers.f_established_on", est), item("ledgers.f_members", members),
		item("ledgers.f_term_start", start), item("ledgers.f_term_end", end), item("ledgers.f_selection", selection),
		item("ledgers.f_remit", remit), item("ledgers.f_rules", rules))
}

func newSupervisionBody(s *ledgersScreen) *ledgerBody {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	b := &ledgerBody{s: s, name: T("ledgers.tab_supervision")}
	est, start, end := dayEntry(zeroDay), dayEntry(zeroDay), dayEntry(zeroDay)
	members := multiline("", 5)
	members.SetPlaceHolder(T("ledgers.members_hint"))
	b.load = func() {
		c, _, err := svc.Supervision(ctx, s.code)
		if err != nil {
			s.w.showError(err)
			return
		}
		est.SetText(fmtDay(c.EstablishedOn))
		start.SetText(fmtDay(c.TermStart))
		end.SetText(fmtDay(c.TermEnd))
		members.SetText(c.Members)
		b.message.SetText("")
	}
	b.save = func() error {
		var r formReader
		c := models.SupervisionCommittee{DivisionCode: s.code, Members: members.Text}
		c.EstablishedOn = r.date(T("ledgers.f_established_on"), est.Text)
		c.TermStart = r.date(T("ledgers.f_term_start"), start.Text)
		c.TermEnd = r.date(T("ledgers.f_term_end"), end.Text)
		if err := r.err(); err != nil {
			return err
		}
		return svc.SaveSupervision(ctx, c)
	}
	return b.build(item("ledgers.f_established_on", est), item("ledgers.f_members", members),
		item("ledgers.f_term_start", start), item("ledgers.f_term_end", end))
}

// ledgerGaps is the township view: every village of the shown village's township with what its
// ledgers lack today.
type ledgerGaps struct {
	s     *ledgersScreen
	root  fyne.CanvasObject
	head  *widget.Label
	table *widget.Table
	rows  [][]string
}

var gapHeaders = []string{"村（社区）", "本季度恳谈会", "逾期未答复", "未按目录公开", "停滞的协商事项"}

func newLedgerGaps(s *ledgersScreen) *ledgerGaps {
	g := &ledgerGaps{s: s}
	g.head = widget.NewLabel("")
	g.head.Wrapping = fyne.TextWrapWord
	g.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(g.rows), len(gapHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(g.rows[id.Row][id.Col]) })
	g.table.ShowHeaderColumn = false
	g.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			l := o.(*widget.Label)
			l.SetText(gapHeaders[id.Col])
			l.TextStyle.Bold = true
		}
	}
	for i, w := range []float32{200, 110, 100, 330, 330} {
		g.table.SetColumnWidth(i, w)
	}
	g.root = container.NewBorder(g.head, nil, nil, nil, g.table)
	return g
}

func (g *ledgerGaps) refresh() {
	ctx, svc := g.s.w.ctx, g.s.w.app.Ledgers
	town := g.s.code[:9] + "000"
	gaps, err := svc.TownshipGaps(ctx, town)
	if err != nil {
		g.s.w.showError(err)
		return
	}
	t, _ := g.s.w.app.Divisions.Get(ctx, town)
	g.rows = g.rows[:0]
	lacking := 0
	for _, x := range gaps {
		if x.HasGap() {
			lacking++
		}
		sentiment := T("ledgers.held")
		if x.NoSentiment {
			sentiment = T("ledgers.not_held")
		}
		overdue := ""
		if x.Overdue > 0 {
			overdue = fmt.Sprint(x.Overdue)
		}
		g.rows = append(g.rows, []string{models.ShortName(x.Name), sentiment, overdue,
			strings.Join(x.Undisclosed, "；"), strings.Join(x.Stuck, "；")})
	}
	g.head.SetText(Tf("ledgers.gaps_head", map[string]any{"Township": t.Name, "N": len(gaps), "Lacking": lacking,
		"Today": models.FormatDateCN(svc.TodayDate())}))
	g.table.Refresh()
}
