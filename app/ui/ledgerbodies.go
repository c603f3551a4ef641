package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// ledgerBody is a village's 议事会 or 监督委员会, kept term by term (届): a choice of the terms, the
// current one first, and the chosen term's form edited in place.
type ledgerBody struct {
	s       *ledgersScreen
	name    string
	root    fyne.CanvasObject
	message *widget.Label
	terms   *widget.Select
	newBtn  *widget.Button
	delBtn  *widget.Button
	ids     []int64 // the id of each term offered, latest first
	current int64   // the term in the form; 0 for a new one

	// list returns the village's terms, latest first: their ids and their dates.
	list func() ([]termSpanUI, error)
	// fill puts a term into the form (id 0: a new term, prefilled from the latest one).
	fill func(id int64)
	save func(id int64) (int64, error)
	del  func(id int64) error
}

// termSpanUI is one term as the choice shows it.
type termSpanUI struct {
	ID         int64
	Start, End time.Time
}

func (b *ledgerBody) build(items ...*widget.FormItem) *ledgerBody {
	b.message = widget.NewLabel("")
	b.message.Wrapping = fyne.TextWrapWord
	b.terms = newSelect(nil, func(string) {
		if i := b.terms.SelectedIndex(); i >= 0 && i < len(b.ids) && b.ids[i] != b.current {
			b.current = b.ids[i]
			b.fill(b.current)
			b.message.SetText("")
			setEnabled(b.delBtn, true)
		}
	})
	b.terms.PlaceHolder = T("ledgers.term_none")
	b.newBtn = widget.NewButtonWithIcon(T("ledgers.term_new"), theme.ContentAddIcon(), func() {
		b.current = 0
		b.terms.ClearSelected()
		b.fill(0)
		setEnabled(b.delBtn, false)
		b.message.Importance = widget.MediumImportance
		b.message.SetText(T("ledgers.term_new_hint"))
	})
	b.delBtn = widget.NewButtonWithIcon(T("ledgers.term_delete"), theme.DeleteIcon(), b.onDelete)
	save := widget.NewButtonWithIcon(T("ledgers.save"), theme.DocumentSaveIcon(), func() {
		id, err := b.save(b.current)
		if err != nil {
			b.message.Importance = widget.DangerImportance
			b.message.SetText(T("ledgers.not_saved") + "\n" + userMessage(err))
			return
		}
		b.current = id
		b.s.refreshStats()
		b.load()
		b.message.Importance = widget.SuccessImportance
		b.message.SetText(T("ledgers.saved"))
	})
	save.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, widget.NewLabel(T("ledgers.term")), container.NewHBox(b.newBtn, b.delBtn), b.terms)
	b.root = container.NewVScroll(container.NewPadded(container.NewVBox(top, widget.NewSeparator(),
		widget.NewForm(items...), b.message, container.NewHBox(save, layout.NewSpacer()))))
	return b
}

// load reads the village's terms and shows the one in the form (the current term at first).
func (b *ledgerBody) load() {
	terms, err := b.list()
	if err != nil {
		b.s.w.showError(err)
		return
	}
	b.ids = b.ids[:0]
	opts := make([]string, len(terms))
	for i, t := range terms {
		b.ids = append(b.ids, t.ID)
		opts[i] = Tf("ledgers.term_label", map[string]any{"N": len(terms) - i, "Start": models.FormatDate(t.Start), "End": models.FormatDate(t.End)})
		if i == 0 {
			opts[i] += T("ledgers.term_current")
		}
	}
	b.terms.Options = opts
	i := slices.Index(b.ids, b.current)
	if i < 0 {
		i = 0
	}
	b.current = 0
	if len(b.ids) > 0 {
		b.current = b.ids[i]
	}
	b.fill(b.current)
	b.message.SetText("")
	if len(b.ids) > 0 {
		b.terms.SetSelectedIndex(i)
	} else {
		b.terms.ClearSelected()
	}
	b.terms.Refresh()
	setEnabled(b.delBtn, b.current != 0)
}

// reset makes the next load show the current term (another village was picked).
func (b *ledgerBody) reset() { b.current = -1 }

func (b *ledgerBody) onDelete() {
	if b.current == 0 {
		return
	}
	dialog.ShowConfirm(T("ledgers.term_delete"), Tf("ledgers.term_delete_confirm", map[string]any{"Term": b.terms.Selected, "Body": b.name}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := b.del(b.current); err != nil {
				b.s.w.showError(err)
				return
			}
			b.current = -1
			b.s.refreshStats()
			b.load()
		}, b.s.w.Win)
}

func newCouncilBody(s *ledgersScreen) *ledgerBody {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	b := &ledgerBody{s: s, name: T("ledgers.tab_council")}
	est, start, end := dayEntry(zeroDay), dayEntry(zeroDay), dayEntry(zeroDay)
	members, selection, remit, rules := multiline("", 4), multiline("", 3), multiline("", 3), multiline("", 4)
	members.SetPlaceHolder(T("ledgers.members_hint"))
	var terms []models.CouncilBody
	b.list = func() ([]termSpanUI, error) {
		var err error
		terms, err = svc.CouncilTerms(ctx, s.code)
		out := make([]termSpanUI, len(terms))
		for i, t := range terms {
			out[i] = termSpanUI{t.ID, t.TermStart, t.TermEnd}
		}
		return out, err
	}
	b.fill = func(id int64) {
		var c models.CouncilBody
		if i := slices.IndexFunc(terms, func(t models.CouncilBody) bool { return t.ID == id }); i >= 0 {
			c = terms[i]
		} else if len(terms) > 0 { // a new term: the body, its rules and remit carry over
			c = models.CouncilBody{EstablishedOn: terms[0].EstablishedOn, Selection: terms[0].Selection,
				Remit: terms[0].Remit, Rules: terms[0].Rules, TermStart: terms[0].TermEnd.AddDate(0, 0, 1)}
		}
		est.SetText(models.FormatDate(c.EstablishedOn))
		start.SetText(models.FormatDate(c.TermStart))
		end.SetText(models.FormatDate(c.TermEnd))
		members.SetText(c.Members)
		selection.SetText(c.Selection)
		remit.SetText(c.Remit)
		rules.SetText(c.Rules)
	}
	b.save = func(id int64) (int64, error) {
		var r formReader
		c := models.CouncilBody{ID: id, DivisionCode: s.code, Members: members.Text, Selection: selection.Text,
			Remit: remit.Text, Rules: rules.Text}
		c.EstablishedOn = r.date(T("ledgers.f_established_on"), est.Text)
		c.TermStart = r.date(T("ledgers.f_term_start"), start.Text)
		c.TermEnd = r.date(T("ledgers.f_term_end"), end.Text)
		if err := r.err(); err != nil {
			return 0, err
		}
		return svc.SaveCouncil(ctx, c)
	}
	b.del = func(id int64) error { return svc.DeleteCouncilTerm(ctx, id) }
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
	var terms []models.SupervisionCommittee
	b.list = func() ([]termSpanUI, error) {
		var err error
		terms, err = svc.SupervisionTerms(ctx, s.code)
		out := make([]termSpanUI, len(terms))
		for i, t := range terms {
			out[i] = termSpanUI{t.ID, t.TermStart, t.TermEnd}
		}
		return out, err
	}
	b.fill = func(id int64) {
		var c models.SupervisionCommittee
		if i := slices.IndexFunc(terms, func(t models.SupervisionCommittee) bool { return t.ID == id }); i >= 0 {
			c = terms[i]
		} else if len(terms) > 0 {
			c = models.SupervisionCommittee{EstablishedOn: terms[0].EstablishedOn, TermStart: terms[0].TermEnd.AddDate(0, 0, 1)}
		}
		est.SetText(models.FormatDate(c.EstablishedOn))
		start.SetText(models.FormatDate(c.TermStart))
		end.SetText(models.FormatDate(c.TermEnd))
		members.SetText(c.Members)
	}
	b.save = func(id int64) (int64, error) {
		var r formReader
		c := models.SupervisionCommittee{ID: id, DivisionCode: s.code, Members: members.Text}
		c.EstablishedOn = r.date(T("ledgers.f_established_on"), est.Text)
		c.TermStart = r.date(T("ledgers.f_term_start"), start.Text)
		c.TermEnd = r.date(T("ledgers.f_term_end"), end.Text)
		if err := r.err(); err != nil {
			return 0, err
		}
		return svc.SaveSupervision(ctx, c)
	}
	b.del = func(id int64) error { return svc.DeleteSupervisionTerm(ctx, id) }
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
	g.table = rowTable(gapHeaders, []float32{200, 110, 100, 330, 330}, func() int { return len(g.rows) },
		func(row, col int) string { return g.rows[row][col] }, func(int) {})
	g.root = container.NewBorder(g.head, nil, nil, nil, g.table)
	return g
}

func (g *ledgerGaps) refresh() {
	ctx, svc := g.s.w.ctx, g.s.w.app.Ledgers
	town := models.Code(g.s.code).Township().String()
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
