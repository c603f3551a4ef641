package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// dutySupervision is the 督查 view: for each department, its completion rate, its overdue
// tasks and those due within 30 days — what a supervision meeting goes through.
type dutySupervision struct {
	s *dutiesScreen

	root    fyne.CanvasObject
	year    *widget.Select
	summary *widget.Label
	list    *fyne.Container
	rows    []duty.DepartmentSupervision
}

func newDutySupervision(s *dutiesScreen) *dutySupervision {
	v := &dutySupervision{s: s}
	v.buildUI()
	return v
}

func (v *dutySupervision) buildUI() {
	v.year = newSelect(nil, func(string) { v.refresh() })
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.list = container.NewVBox()
	top := container.NewVBox(container.NewHBox(widget.NewLabel(T("duty.plan_year")), v.year, layout.NewSpacer(), statusLegend()), v.summary)
	v.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(v.list)))
}

func (v *dutySupervision) refresh() {
	opts := v.s.yearOptions()
	v.year.Options = opts
	if v.year.SelectedIndex() < 0 {
		selectQuietly(v.year, opts[0])
	}
	ctx, svc, today := v.s.w.ctx, v.s.w.app.Duties, v.s.today()
	rows, err := svc.Supervision(ctx, yearOf(v.year.Selected), today)
	if err != nil {
		v.s.w.showError(err)
		return
	}
	v.rows = rows
	all, err := svc.Tasks(ctx, duty.TaskFilter{Year: yearOf(v.year.Selected)}, today)
	if err != nil {
		v.s.w.showError(err)
		return
	}
	done, overdue, soon := 0, 0, 0
	for _, r := range all {
		switch {
		case r.Status == models.TaskDone:
			done++
		case r.Status == models.TaskOverdue:
			overdue++
		case models.TaskDueWithin(r.Task.Progress, r.Task.Deadline, today, duty.DueSoonDays):
			soon++
		}
	}
	v.summary.SetText(Tf("duty.super_summary", map[string]any{"Date": models.FormatDateCN(today), "N": len(all),
		"Done": done, "Overdue": overdue, "Soon": soon, "Days": duty.DueSoonDays}))
	v.list.Objects = nil
	for _, d := range rows {
		v.list.Add(v.departmentBlock(d))
	}
	v.list.Refresh()
}

func (v *dutySupervision) departmentBlock(d duty.DepartmentSupervision) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(d.Department.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewHBox(name, layout.NewSpacer(), widget.NewLabel(T("duty.completion")), rateBar(d.Rate(), d.RateText()))
	box := container.NewVBox(widget.NewSeparator(), head)
	if len(d.Overdue) == 0 && len(d.DueSoon) == 0 {
		note := widget.NewLabel(T("duty.nothing_due"))
		note.Importance = widget.LowImportance
		box.Add(note)
	}
	add := func(key string, rows []duty.TaskRow, imp widget.Importance) {
		if len(rows) == 0 {
			return
		}
		l := widget.NewLabel(Tf(key, map[string]any{"N": len(rows), "Days": duty.DueSoonDays}))
		l.Importance = imp
		box.Add(l)
		for _, r := range rows {
			id := r.Task.ID
			b := widget.NewButton(r.Task.Ref()+"　"+r.DeadlineText(), func() { v.s.openTask(id) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			box.Add(b)
		}
	}
	add("duty.overdue_n", d.Overdue, widget.DangerImportance)
	add("duty.due_soon_n", d.DueSoon, widget.WarningImportance)
	return box
}

// rateBar shows a completion rate as a green bar on grey with the figures over it; the theme's
// red progress bar would make a finished department look alarming.
func rateBar(rate float64, text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(statusColor(models.TaskNotStarted))
	bg.CornerRadius = 4
	fill := canvas.NewRectangle(statusColor(models.TaskDone))
	fill.CornerRadius = 4
	label := widget.NewLabel(text)
	label.Alignment = fyne.TextAlignCenter
	bar := container.New(&fractionLayout{fraction: float32(rate)}, bg, fill)
	return container.NewGridWrap(fyne.NewSize(260, label.MinSize().Height), container.NewStack(bar, label))
}

// fractionLayout gives its first object the whole space and its second the leading fraction of it.
type fractionLayout struct{ fraction float32 }

func (l *fractionLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[1].Resize(fyne.NewSize(size.Width*l.fraction, size.Height))
	objs[1].Move(fyne.NewPos(0, 0))
}

func (l *fractionLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }
