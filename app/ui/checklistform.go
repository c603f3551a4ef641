package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/models"
)

// indicatorInput is one indicator's row of the assessment form.
type indicatorInput struct {
	in     models.Indicator
	yesNo  *widget.Select // for yes_no
	number *widget.Entry  // for at_least
	note   *widget.Entry
	earned *widget.Label
}

func (r *indicatorInput) text() string {
	if r.yesNo != nil {
		return r.yesNo.Selected
	}
	return strings.TrimSpace(r.number.Text)
}

// assessmentForm is one village's assessment: values grouped by dimension with their targets,
// the live score, the next-level hint, the workflow buttons and the history.
type assessmentForm struct {
	s    *checklistScreen
	root *fyne.Container

	code    string
	form    app.AssessmentForm
	inputs  []*indicatorInput
	header  *widget.Label
	score   *widget.Label
	hint    *widget.Label
	history *fyne.Container // the score chart over the years
	chart   *historyChart
	steps   *widget.Label
	save    *widget.Button
	actions *fyne.Container
	body    *fyne.Container
	loading bool

	evidence   map[string][]models.Attachment // by indicator code
	evBoxes    map[string]*fyne.Container     // each indicator's file list, by code
	canAttach  bool
	lastOpened string // the copy of the evidence file opened last
}

func newAssessmentForm(s *checklistScreen) *assessmentForm {
	f := &assessmentForm{s: s}
	f.header = widget.NewLabelWithStyle(T("checklist.pick_community"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.score = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.hint = widget.NewLabel("")
	f.hint.Wrapping = fyne.TextWrapWord
	f.history = container.NewVBox()
	f.steps = widget.NewLabel("")
	f.steps.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButton(T("checklist.save"), f.onSave)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	f.actions = container.NewHBox()
	f.body = container.NewVBox()
	top := container.NewVBox(f.header, container.NewBorder(nil, nil, nil, container.NewHBox(f.save, f.actions), f.score), f.hint)
	bottom := container.NewVBox(widget.NewSeparator(), f.history, f.steps)
	f.root = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(f.body))
	return f
}

// load shows the assessment of code for the screen's year.
func (f *assessmentForm) load(code string) {
	ctx := f.s.w.ctx
	form, err := f.s.w.app.Checklist.Form(ctx, code, f.s.yearValue())
	if err != nil {
		f.s.w.showError(err)
		return
	}
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
	f.body.Objects = nil
	for _, dim := range models.Dimensions {
		var rows []fyne.CanvasObject
		for _, in := range form.Library.Active() {
			if in.Dimension != dim {
				continue
			}
			rows = append(rows, f.indicatorRow(in, editable, canAttach))
		}
		if len(rows) == 0 {
			continue
		}
		sc := form.Score.ByDimension[dim]
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s（%d 分）", dim, sc[1]), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		f.body.Add(widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{head}, rows...)...)))
	}
	f.body.Refresh()
	if editable {
		f.save.Enable()
	} else {
		f.save.Disable()
	}
	f.actions.Objects = nil
	for _, act := range f.s.w.app.Checklist.Actions(a, form.Exists) {
		act := act
		b := widget.NewButton(act, func() { f.onAction(act) })
		f.actions.Add(b)
	}
	f.actions.Refresh()
	f.showScore()
	hist, err := f.s.w.app.Checklist.History(ctx, code)
	if err != nil {
		f.s.w.showError(err)
		return
	}
	f.history.Objects = nil
	if len(hist) == 0 {
		f.chart = nil
		f.history.Add(widget.NewLabel(T("checklist.history_none")))
	} else {
		var chart *fyne.Container
		f.chart, chart = newHistoryChart(hist, form.Library.Levels, form.Score.Max)
		f.history.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle(T("checklist.history"), fyne.TextAlignLeading,
			fyne.TextStyle{Bold: true}), nil, chart))
	}
	f.history.Refresh()
	var ss []string
	for _, st := range a.Steps {
		line := fmt.Sprintf("%s %s %s", st.At.Format("2006-01-02 15:04"), st.Actor, st.Action)
		if st.Reason != "" {
			line += "（" + st.Reason + "）"
		}
		ss = append(ss, line)
	}
	f.steps.SetText(T("checklist.steps") + strings.Join(ss, "；"))
}

func (f *assessmentForm) indicatorRow(in models.Indicator, editable, canAttach bool) fyne.CanvasObject {
	r := &indicatorInput{in: in, earned: widget.NewLabel("")}
	v := f.form.Assessment.Values[in.Code]
	var input fyne.CanvasObject
	if in.Method == models.MethodYesNo {
		r.yesNo = newSelect([]string{"是", "否"}, func(string) { f.onEdited() })
		r.yesNo.PlaceHolder = T("checklist.unset")
		if v.Value != nil {
			r.yesNo.SetSelected(models.FormatIndicatorValue(in.Method, v.Value))
		}
		input = r.yesNo
		if !editable {
			r.yesNo.Disable()
		}
	} else {
		r.number = widget.NewEntry()
		r.number.SetText(models.FormatIndicatorValue(in.Method, v.Value))
		r.number.OnChanged = func(string) { f.onEdited() }
		input = r.number
		if !editable {
			r.number.Disable()
		}
	}
	r.note = widget.NewEntry()
	r.note.SetPlaceHolder(T("checklist.note"))
	r.note.SetText(v.Note)
	if !editable {
		r.note.Disable()
	}
	name := in.Code + " " + in.Name
	if in.Mandatory {
		name += T("checklist.mandatory_mark")
	}
	label := widget.NewLabel(name + "\n" + T("checklist.target") + in.TargetText(f.form.Kind) + "  " + Tf("checklist.points", map[string]any{"Points": in.Points}))
	label.Wrapping = fyne.TextWrapWord
	var extra []fyne.CanvasObject
	if p, ok := f.form.Proposals[in.Code]; ok {
		pv := p.Value
		hint := widget.NewLabel(Tf("checklist.proposal", map[string]any{"Value": models.FormatIndicatorValue(in.Method, &pv), "From": p.From}))
		hint.Wrapping = fyne.TextWrapWord
		use := widget.NewButton(T("checklist.use_proposal"), func() {
			if r.yesNo != nil {
				r.yesNo.SetSelected(models.FormatIndicatorValue(in.Method, &pv))
			} else {
				r.number.SetText(models.FormatNumber(pv))
			}
		})
		if !editable {
			use.Disable()
		}
		extra = append(extra, container.NewBorder(nil, nil, nil, use, hint))
	}
	f.inputs = append(f.inputs, r)
	var note fyne.CanvasObject = r.note
	if canAttach {
		note = container.NewBorder(nil, nil, nil, f.attachButton(in.Code), r.note)
	}
	line := container.NewGridWithColumns(3, label, container.NewBorder(nil, nil, nil, r.earned, input), note)
	ev := container.NewVBox()
	f.evBoxes[in.Code] = ev
	f.fillEvidence(in.Code)
	extra = append(extra, ev)
	return container.NewVBox(append([]fyne.CanvasObject{line}, extra...)...)
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

func (f *assessmentForm) showScore() {
	sc := f.form.Score
	f.score.SetText(Tf("checklist.score", map[string]any{"Score": sc.Total, "Max": sc.Max, "Level": sc.Level, "Filled": sc.Filled,
		"Count": len(sc.Items)}))
	earned := map[string]int{}
	for _, it := range sc.Items {
		earned[it.Indicator.Code] = it.Earned
	}
	for _, r := range f.inputs {
		r.earned.SetText(Tf("checklist.earned", map[string]any{"Points": earned[r.in.Code]}))
	}
	switch {
	case f.form.NextLevel == "":
		f.hint.SetText("")
	case len(f.form.NextSteps) == 0:
		f.hint.SetText(Tf("checklist.hint_unreachable", map[string]any{"Level": f.form.NextLevel}))
	default:
		var parts []string
		for _, st := range f.form.NextSteps {
			parts = append(parts, fmt.Sprintf("%s %s（%d 分，%s）", st.Code, st.Name, st.Points, st.Gap))
		}
		f.hint.SetText(Tf("checklist.hint", map[string]any{"Level": f.form.NextLevel}) + strings.Join(parts, "；"))
	}
}

func (f *assessmentForm) onSave() {
	vals, bad := f.values()
	if len(bad) > 0 {
		showErrorDialog(f.s.w.Win, fmt.Errorf("%w：%s", models.ErrInvalid, strings.Join(bad, "；")))
		return
	}
	if _, err := f.s.w.app.Checklist.Save(f.s.w.ctx, f.code, f.s.yearValue(), vals); err != nil {
		showErrorDialog(f.s.w.Win, err)
		return
	}
	f.s.afterChange()
}

func (f *assessmentForm) onAction(act string) {
	run := func(reason string) {
		if err := f.s.w.app.Checklist.Step(f.s.w.ctx, f.code, f.s.yearValue(), act, reason); err != nil {
			showErrorDialog(f.s.w.Win, err)
			return
		}
		f.s.afterChange()
	}
	if act == app.ActSendBack || act == app.ActReopen {
		f.s.askReason(act, run)
		return
	}
	run("")
}
