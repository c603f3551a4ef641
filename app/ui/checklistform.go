package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/checklist"
	"shequ/models"
)

// assessmentForm is one village's assessment, laid out for a 1280×720 laptop: a fixed header
// (who, score and level, what is unfilled or failing, one line on the next level) and below it
// the indicators, dimension by dimension, in one scroll that gets the rest of the height.
// Tab moves from one indicator's value to the next, Enter saves.
type assessmentForm struct {
	s    *checklistScreen
	root *fyne.Container

	code     string
	form     checklist.AssessmentForm
	inputs   []*indicatorInput
	header   *widget.Label
	score    *widget.Label
	unfilled *widget.Button // "未填 N 项"
	failing  *widget.Button // "未达标 N 项"
	hint     *widget.Label  // one line, cut: the list is behind hintMore
	hintMore *widget.Button
	history  *fyne.Container // the score chart over the years
	chart    *historyChart
	steps    *widget.Label
	save     *widget.Button
	actions  *fyne.Container
	body     *fyne.Container
	scroll   *container.Scroll
	top      *fyne.Container // the fixed header
	loading  bool
	loaded   []string // the values as loaded: anything else is unsaved input

	evidence   map[string][]models.Attachment // by indicator code
	evBoxes    map[string]*fyne.Container     // each indicator's file list, by code
	canAttach  bool
	lastOpened string // the copy of the evidence file opened last
}

func newAssessmentForm(s *checklistScreen) *assessmentForm {
	f := &assessmentForm{s: s}
	f.header = widget.NewLabelWithStyle(T("checklist.pick_community"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.header.Truncation = fyne.TextTruncateEllipsis
	f.score = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.unfilled = widget.NewButton("", func() { f.goToNext(func(r *indicatorInput) bool { return r.text() == "" }) })
	f.failing = widget.NewButton("", func() { f.goToNext(f.isFailing) })
	f.unfilled.Importance, f.failing.Importance = widget.LowImportance, widget.LowImportance
	f.unfilled.Hide()
	f.failing.Hide()
	f.hint = widget.NewLabel("")
	f.hint.Truncation = fyne.TextTruncateEllipsis // one line always: nothing below it moves while typing
	f.hintMore = widget.NewButton(T("checklist.hint_more"), f.showHintDetail)
	f.hintMore.Importance = widget.LowImportance
	f.hintMore.Hide()
	f.history = container.NewVBox()
	f.steps = widget.NewLabel("")
	f.steps.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButton(T("checklist.save"), f.onSave)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	f.actions = container.NewHBox()
	f.body = container.NewVBox()
	f.scroll = container.NewVScroll(f.body)
	f.top = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(f.save, f.actions), f.header),
		container.NewHBox(f.score, f.unfilled, f.failing),
		container.NewBorder(nil, nil, nil, f.hintMore, f.hint),
		widget.NewSeparator())
	f.root = container.NewBorder(f.top, nil, nil, nil, f.scroll)
	return f
}

// clear empties the form: no community is chosen.
func (f *assessmentForm) clear() {
	f.code, f.form, f.inputs = "", checklist.AssessmentForm{}, nil
	f.header.SetText(T("checklist.pick_community"))
	f.score.SetText("")
	f.hint.SetText("")
	f.unfilled.Hide()
	f.failing.Hide()
	f.hintMore.Hide()
	f.save.Disable()
	f.actions.Objects = nil
	f.actions.Refresh()
	f.body.Objects = nil
	f.body.Refresh()
}

// load shows the assessment of code for the screen's year.
func (f *assessmentForm) load(code string) {
	ctx := f.s.w.ctx
	form, err := f.s.w.app.Checklist.Form(ctx, code, f.s.yearValue())
	if err != nil {
		f.s.w.showError(err)
		return
	}
	sameCommunity := code == f.code
	f.code, f.form = code, form
	f.loading = true
	defer func() { f.loading = false }()
	a := form.Assessment
	state := T("checklist.not_assessed")
	if form.Exists {
		state = a.StateText()
	}
	f.header.SetText(fmt.Sprintf("%s（%s）  %d年  %s  %s", models.ShortName(form.Division.Name), form.Kind, form.Assessment.Year,
		Tf("checklist.library_version", map[string]any{"Version": form.Library.Version}), state))
	editable := f.s.w.app.Role != models.RoleViewer && (!form.Exists || (a.State == models.StateSelf && !a.Frozen()))
	if f.evidence, err = f.s.w.app.Checklist.Evidence(ctx, code, f.s.yearValue()); err != nil {
		f.s.w.showError(err)
		return
	}
	canAttach := f.s.w.app.Role != models.RoleViewer && form.Exists && !a.Frozen()
	f.canAttach, f.evBoxes = canAttach, map[string]*fyne.Container{}
	f.inputs = f.inputs[:0]
	f.body.Objects = []fyne.CanvasObject{columnHeads()}
	for _, dim := range models.Dimensions {
		var rows []fyne.CanvasObject
		for _, in := range form.Library.Active() {
			if in.Dimension == dim {
				rows = append(rows, f.indicatorRow(in, editable, canAttach), widget.NewSeparator())
			}
		}
		if len(rows) == 0 {
			continue
		}
		sc := form.Score.ByDimension[dim]
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s（%d 分）", dim, sc[1]), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		f.body.Add(head)
		f.body.Add(container.NewVBox(rows...))
	}
	if editable {
		f.save.Enable()
	} else {
		f.save.Disable()
	}
	f.loaded = f.typed()
	f.actions.Objects = nil
	for _, act := range f.s.w.app.Checklist.Actions(a, form.Exists) {
		act := act
		f.actions.Add(widget.NewButton(act, func() { f.onAction(act) }))
	}
	f.actions.Refresh()
	f.showScore()
	if err := f.loadHistory(); err != nil {
		f.s.w.showError(err)
		return
	}
	f.body.Add(widget.NewSeparator())
	f.body.Add(f.history)
	f.body.Add(f.steps)
	f.body.Refresh()
	if !sameCommunity {
		f.scroll.ScrollToTop()
	}
}

// loadHistory fills the chart of earlier years and the workflow record.
func (f *assessmentForm) loadHistory() error {
	hist, err := f.s.w.app.Checklist.History(f.s.w.ctx, f.code)
	if err != nil {
		return err
	}
	f.history.Objects = nil
	if len(hist) == 0 {
		f.chart = nil
		f.history.Add(widget.NewLabel(T("checklist.history_none")))
	} else {
		var chart *fyne.Container
		f.chart, chart = newHistoryChart(hist, f.form.Library.Levels, f.form.Score.Max)
		f.history.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(T("checklist.history"), fyne.TextAlignLeading,
			fyne.TextStyle{Bold: true}), nil, chart))
	}
	f.history.Refresh()
	var ss []string
	for _, st := range f.form.Assessment.Steps {
		line := fmt.Sprintf("%s %s %s", st.At.Format("2006-01-02 15:04"), st.Actor, st.Action)
		if st.Reason != "" {
			line += "（" + st.Reason + "）"
		}
		ss = append(ss, line)
	}
	f.steps.SetText(T("checklist.steps") + strings.Join(ss, "；"))
	return nil
}

// values reads the inputs; a value that does not parse is left out and reported.
func (f *assessmentForm) values() (map[string]models.IndicatorValue, []string) {
	out := map[string]models.IndicatorValue{}
	var bad []string
	for _, r := range f.inputs {
		v := f.form.Assessment.Values[r.in.Code]
		v.Note = strings.TrimSpace(r.note.Text)
		v.Value = nil
		if t := r.text(); t != "" {
			x, err := models.ParseIndicatorValue(r.in.Method, t)
			if err != nil {
				bad = append(bad, r.in.Code+" "+r.in.Name+"："+userMessage(err))
			} else {
				v.Value = &x
			}
		}
		out[r.in.Code] = v
	}
	return out, bad
}

// onEdited rescores live as the clerk types.
func (f *assessmentForm) onEdited() {
	if f.loading {
		return
	}
	vals, _ := f.values()
	f.form.Assessment.Values = vals
	f.form.Rescore()
	f.showScore()
}

// showScore updates the header and each row's points; nothing changes height.
func (f *assessmentForm) showScore() {
	sc := f.form.Score
	f.score.SetText(Tf("checklist.score", map[string]any{"Score": sc.Total, "Max": sc.Max, "Level": sc.Level, "Filled": sc.Filled,
		"Count": len(sc.Items)}))
	earned := map[string]int{}
	for _, it := range sc.Items {
		earned[it.Indicator.Code] = it.Earned
	}
	unfilled, failing := 0, 0
	for _, r := range f.inputs {
		r.earned.SetText(Tf("checklist.earned", map[string]any{"Points": earned[r.in.Code]}))
		if r.text() == "" {
			unfilled++
		} else if f.isFailing(r) {
			failing++
		}
	}
	showCount(f.unfilled, unfilled, "checklist.go_unfilled")
	showCount(f.failing, failing, "checklist.go_failing")
	switch {
	case f.form.NextLevel == "":
		f.hint.SetText("")
		f.hintMore.Hide()
	case len(f.form.NextSteps) == 0:
		f.hint.SetText(Tf("checklist.hint_unreachable", map[string]any{"Level": f.form.NextLevel}))
		f.hintMore.Hide()
	default:
		var codes []string
		for _, st := range f.form.NextSteps {
			codes = append(codes, st.Code)
		}
		f.hint.SetText(Tf("checklist.hint_short", map[string]any{"Level": f.form.NextLevel, "N": len(codes),
			"Codes": strings.Join(codes, "、")}))
		f.hintMore.Show()
	}
	for _, o := range f.top.Objects {
		o.Refresh() // lay out the buttons just shown or hidden
	}
}

func showCount(b *widget.Button, n int, key string) {
	if n == 0 {
		b.Hide()
		return
	}
	b.SetText(Tf(key, map[string]any{"N": n}))
	b.Show()
}

// isFailing: a value is entered and misses its target.
func (f *assessmentForm) isFailing(r *indicatorInput) bool {
	for _, it := range f.form.Score.Items {
		if it.Indicator.Code == r.in.Code {
			return it.Value != nil && !it.Met
		}
	}
	return false
}

// showHintDetail lists what lifts the assessment to the next level; each line leads to its row.
func (f *assessmentForm) showHintDetail() {
	box := container.NewVBox(widget.NewLabel(Tf("checklist.hint", map[string]any{"Level": f.form.NextLevel})))
	var d dialog.Dialog
	for _, st := range f.form.NextSteps {
		st := st
		b := widget.NewButton(fmt.Sprintf("%s %s（%d 分，%s）", st.Code, st.Name, st.Points, st.Gap), func() {
			d.Hide()
			f.focusCode(st.Code)
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		box.Add(b)
	}
	d = dialogCustom(T("checklist.hint_more"), container.NewVScroll(box), f.s.w.Win)
	d.Resize(fyne.NewSize(760, 480))
	d.Show()
}

func (f *assessmentForm) onSave() {
	if f.code == "" || f.save.Disabled() {
		return
	}
	vals, bad := f.values()
	if len(bad) > 0 {
		showErrorDialog(f.s.w.Win, fmt.Errorf("%w：%s", models.ErrInvalid, strings.Join(bad, "；")))
		return
	}
	code, year, read := f.code, f.s.yearValue(), f.form.Assessment.RowVersion
	if !f.form.Exists { // another desk may create it meanwhile: that is a conflict too
		read = models.ReadAbsent
	}
	f.s.w.trySave(func() error {
		_, err := f.s.w.app.Checklist.SaveRead(f.s.w.ctx, code, year, read, vals)
		return err
	}, f.s.afterChange, f.s.afterChange, func(err error) { showErrorDialog(f.s.w.Win, err) })
}

func (f *assessmentForm) onAction(act string) {
	if act == checklist.ActSubmit && f.countUnfilled() > 0 {
		f.askToFill()
		return
	}
	run := func(reason string) {
		if err := f.s.w.app.Checklist.Step(f.s.w.ctx, f.code, f.s.yearValue(), act, reason); err != nil {
			showErrorDialog(f.s.w.Win, err)
			return
		}
		f.s.afterChange()
	}
	if act == checklist.ActSendBack || act == checklist.ActReopen {
		f.s.askReason(act, run)
		return
	}
	run("")
}

func (f *assessmentForm) countUnfilled() int {
	n := 0
	for _, r := range f.inputs {
		if r.text() == "" {
			n++
		}
	}
	return n
}

// askToFill says how many indicators are still empty and takes the clerk to the first one.
func (f *assessmentForm) askToFill() {
	msg := widget.NewLabel(Tf("checklist.submit_unfilled", map[string]any{"N": f.countUnfilled()}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(T("dialog.error"), T("checklist.go_first_unfilled"), T("dialog.close"), msg, func(ok bool) {
		if ok {
			f.goToNext(func(r *indicatorInput) bool { return r.text() == "" })
		}
	}, f.s.w.Win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// typed are the indicators' values and notes, to tell typed input from what was loaded.
func (f *assessmentForm) typed() []string {
	var v []string
	for _, r := range f.inputs {
		note := ""
		if r.note != nil {
			note = r.note.Text
		}
		v = append(v, r.text(), note)
	}
	return v
}

// unsaved says whether the clerk changed a value of an editable form without saving.
func (f *assessmentForm) unsaved() bool {
	return f.code != "" && !f.save.Disabled() && !slices.Equal(f.typed(), f.loaded)
}
