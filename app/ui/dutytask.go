package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// dutyTaskPage is one task: its plan (lead, supporters, year, deadline, stage, progress,
// deliverable), its progress reports with evidence, and its per-township breakdown.
type dutyTaskPage struct {
	s    *dutiesScreen
	task duty.TaskRow

	root       fyne.CanvasObject
	heading    *widget.Label
	badgeBg    *canvas.Rectangle
	badge      *widget.Label
	facts      *widget.Label
	content    *widget.Label
	lead       *widget.Select
	supportBox *fyne.Container
	supports   []*widget.Check
	year       *widget.Select
	deadline   *widget.Entry
	stage      *widget.Select
	progress   *widget.Select
	deliver    *widget.Entry
	message    *widget.Label
	reports    *fyne.Container
	county     *widget.Select
	towns      *fyne.Container
	townsSum   *widget.Label
	body       *fyne.Container
	scroll     *container.Scroll

	depts    []models.Department
	counties []models.Division
	// lastOpened is where the last opened evidence file was copied to.
	lastOpened string
}

func newDutyTaskPage(s *dutiesScreen) *dutyTaskPage {
	p := &dutyTaskPage{s: s}
	p.buildUI()
	return p
}

func (p *dutyTaskPage) buildUI() {
	back := widget.NewButtonWithIcon(T("duty.back"), theme.NavigateBackIcon(), p.s.back)
	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.SizeName = theme.SizeNameSubHeadingText
	p.heading.Wrapping = fyne.TextWrapWord
	var badge *fyne.Container
	badge, p.badgeBg, p.badge = statusBadge()
	p.facts = widget.NewLabel("")
	p.facts.Wrapping = fyne.TextWrapWord
	p.content = widget.NewLabel("")
	p.content.Wrapping = fyne.TextWrapWord
	policy := widget.NewAccordion(widget.NewAccordionItem(T("duty.policy_text"), p.content))

	p.lead = newSelect(nil, nil)
	p.supportBox = container.NewGridWithColumns(5)
	p.year = newSelect(nil, nil)
	p.deadline = widget.NewEntry()
	p.deadline.SetPlaceHolder(T("duty.deadline_hint"))
	p.stage = newSelect([]string{T("duty.stage_none"), string(models.TaskStagePilot), string(models.TaskStageFull)}, nil)
	var progresses []string
	for _, x := range models.TaskProgresses {
		progresses = append(progresses, string(x))
	}
	p.progress = newSelect(progresses, nil)
	p.deliver = widget.NewEntry()
	p.deliver.SetPlaceHolder(T("duty.deliverable_hint"))
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(T("duty.save"), theme.DocumentSaveIcon(), p.onSave)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(T("duty.lead"), p.lead),
		widget.NewFormItem(T("duty.supporters"), p.supportBox),
		widget.NewFormItem(T("duty.plan_year"), p.year),
		widget.NewFormItem(T("duty.deadline"), p.deadline),
		widget.NewFormItem(T("duty.stage"), p.stage),
		widget.NewFormItem(T("duty.progress"), p.progress),
		widget.NewFormItem(T("duty.deliverable"), p.deliver),
	)

	p.reports = container.NewVBox()
	addReport := widget.NewButtonWithIcon(T("duty.add_report"), theme.ContentAddIcon(), p.onAddReport)

	p.county = newSelect(nil, nil)
	p.county.PlaceHolder = T("duty.pick_county")
	breakDown := widget.NewButton(T("duty.break_down"), p.onBreakDown)
	p.townsSum = widget.NewLabel("")
	p.towns = container.NewVBox()

	section := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	p.body = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(badge), p.heading),
		p.facts, policy, form, p.message, container.NewHBox(save),
		widget.NewSeparator(),
		container.NewHBox(section("duty.reports"), layout.NewSpacer(), addReport),
		p.reports,
		widget.NewSeparator(),
		container.NewHBox(section("duty.breakdown"), layout.NewSpacer(), p.county, breakDown),
		p.townsSum, p.towns,
	)
	p.scroll = container.NewVScroll(container.NewPadded(p.body))
	p.root = container.NewBorder(container.NewHBox(back), nil, nil, nil, p.scroll)
}

// show fills the page for task id.
func (p *dutyTaskPage) show(id int64) error {
	ctx, svc := p.s.w.ctx, p.s.w.app.Duties
	r, err := svc.Task(ctx, id, p.s.today())
	if err != nil {
		return err
	}
	if p.depts, err = svc.Departments(ctx); err != nil {
		return err
	}
	p.task = r
	t := r.Task
	p.heading.SetText(t.Ref())
	setBadge(p.badgeBg, p.badge, r.Status)
	p.facts.SetText(Tf("duty.task_facts", map[string]any{"Deadline": r.DeadlineText(), "Last": r.LastReportText(),
		"By": t.UpdatedBy, "At": t.UpdatedAt.Local().Format("2006-01-02 15:04")}))
	p.content.SetText(t.Content)

	var names []string
	for _, d := range p.depts {
		names = append(names, d.Name)
	}
	p.lead.Options = names
	p.lead.ClearSelected()
	p.supports = nil
	p.supportBox.Objects = nil
	for _, d := range p.depts {
		c := widget.NewCheck(d.Name, nil)
		c.Checked = slices.Contains(t.SupportIDs, d.ID)
		p.supports = append(p.supports, c)
		p.supportBox.Add(c)
		if d.ID == t.LeadID {
			p.lead.SetSelected(d.Name)
		}
	}
	p.supportBox.Refresh()
	years := p.s.yearOptions()[1:]
	if y := Tf("duty.year", map[string]any{"Year": t.Year}); !slices.Contains(years, y) {
		years = append(years, y)
	}
	p.year.Options = years
	p.year.SetSelected(Tf("duty.year", map[string]any{"Year": t.Year}))
	p.deadline.SetText("")
	if !t.Deadline.IsZero() {
		p.deadline.SetText(models.FormatDate(t.Deadline))
	}
	if t.Stage == models.TaskStageNone {
		p.stage.SetSelected(T("duty.stage_none"))
	} else {
		p.stage.SetSelected(string(t.Stage))
	}
	p.progress.SetSelected(string(t.Progress))
	if r.Townships > 0 {
		p.progress.Disable()
	} else {
		p.progress.Enable()
	}
	p.deliver.SetText(t.Deliverable)
	p.message.SetText("")
	p.loadReports()
	p.loadTownships()
	p.relayout()
	return nil
}

// relayout lays the page out again once new reports are in: a wrapped label knows its height
// only after a layout gave it a width, so a first pass sizes the labels, the scroll then takes
// the new height and a second pass places everything below them (a new report's text was drawn
// over the 按乡镇（街道）分解 header otherwise).
func (p *dutyTaskPage) relayout() {
	p.body.Refresh()
	p.scroll.Refresh()
	p.body.Refresh()
}

// readForm turns the form into a task; an unreadable date is a field error.
func (p *dutyTaskPage) readForm() (models.ReformTask, error) {
	t := p.task.Task
	var v models.ValidationError
	t.LeadID = 0
	if i := p.lead.SelectedIndex(); i >= 0 && i < len(p.depts) {
		t.LeadID = p.depts[i].ID
	}
	t.SupportIDs = nil
	for i, c := range p.supports {
		if c.Checked && i < len(p.depts) {
			t.SupportIDs = append(t.SupportIDs, p.depts[i].ID)
		}
	}
	t.Year = yearOf(p.year.Selected)
	t.Deadline = time.Time{}
	if s := strings.TrimSpace(p.deadline.Text); s != "" {
		d, err := models.ParseDate(s)
		if err != nil {
			v.Add(T("duty.deadline"), fmt.Sprintf("“%s”不是有效日期，应如 2026-12-31", s))
		}
		t.Deadline = d
	}
	t.Stage = models.TaskStage(p.stage.Selected)
	if p.stage.SelectedIndex() == 0 {
		t.Stage = models.TaskStageNone
	}
	t.Progress = models.TaskProgress(p.progress.Selected)
	t.Deliverable = p.deliver.Text
	return t, v.Err()
}

func (p *dutyTaskPage) onSave() {
	failed := func(err error) {
		p.message.Importance = widget.DangerImportance
		p.message.SetText(T("duty.not_saved_because") + "\n" + userMessage(err))
	}
	t, err := p.readForm()
	if err != nil {
		failed(err)
		return
	}
	reload := func() {
		if err := p.show(t.ID); err != nil {
			p.s.w.showError(err)
		}
	}
	p.s.w.trySave(func() error {
		_, err := p.s.w.app.Duties.SaveTask(p.s.w.ctx, t, p.s.today())
		return err
	}, func() {
		if err := p.show(t.ID); err != nil {
			p.s.w.showError(err)
			return
		}
		p.message.Importance = widget.SuccessImportance
		p.message.SetText(T("duty.saved"))
	}, reload, failed)
}

func (p *dutyTaskPage) loadReports() {
	reps, err := p.s.w.app.Duties.Reports(p.s.w.ctx, p.task.Task.ID)
	if err != nil {
		p.s.w.showError(err)
		return
	}
	p.reports.Objects = nil
	if len(reps) == 0 {
		p.reports.Add(widget.NewLabel(T("duty.no_reports")))
	}
	for _, r := range reps {
		head := widget.NewLabelWithStyle(Tf("duty.report_head", map[string]any{"Date": models.FormatDate(r.ReportedOn),
			"Dept": r.Department, "By": r.CreatedBy}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := widget.NewLabel(r.Text)
		text.Wrapping = fyne.TextWrapWord
		box := container.NewVBox(head, text)
		for _, f := range r.Evidence {
			box.Add(p.evidenceLine(f))
		}
		p.reports.Add(box)
	}
	p.reports.Refresh()
}

func (p *dutyTaskPage) evidenceLine(f models.EvidenceFile) fyne.CanvasObject {
	open := widget.NewButtonWithIcon(T("duty.open_file"), theme.FileIcon(), func() { p.onOpenEvidence(f.ID) })
	open.Importance = widget.LowImportance
	return container.NewHBox(widget.NewLabel(Tf("duty.evidence_line", map[string]any{"Name": f.Name, "Size": models.FormatBytes(f.Size)})), open)
}

func (p *dutyTaskPage) loadTownships() {
	ctx, svc := p.s.w.ctx, p.s.w.app.Duties
	if p.counties == nil {
		cs, err := p.s.w.app.Divisions.Roots(ctx)
		if err != nil {
			p.s.w.showError(err)
			return
		}
		p.counties = cs
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		p.county.Options = names
	}
	rows, err := svc.Breakdown(ctx, p.task.Task.ID, p.s.today())
	if err != nil {
		p.s.w.showError(err)
		return
	}
	p.towns.Objects = nil
	if len(rows) == 0 {
		p.townsSum.SetText(T("duty.not_broken_down"))
	} else {
		p.townsSum.SetText(Tf("duty.towns_summary", map[string]any{"Done": p.task.TownsDone, "N": len(rows)}))
	}
	grid := container.NewGridWithColumns(3)
	for _, r := range rows {
		grid.Add(p.townshipLine(r))
	}
	p.towns.Add(grid)
	p.towns.Refresh()
}

func (p *dutyTaskPage) townshipLine(r duty.TownshipRow) fyne.CanvasObject {
	var opts []string
	for _, x := range models.TaskProgresses {
		opts = append(opts, string(x))
	}
	code := r.DivisionCode
	sel := newSelect(opts, nil)
	sel.Selected = string(r.Progress)
	sel.OnChanged = func(v string) {
		if err := p.s.w.app.Duties.SetTownshipProgress(p.s.w.ctx, p.task.Task.ID, code, models.TaskProgress(v), p.s.today()); err != nil {
			p.s.w.showError(err)
		}
		if err := p.show(p.task.Task.ID); err != nil {
			p.s.w.showError(err)
		}
	}
	badge, bg, l := statusBadge()
	setBadge(bg, l, r.Status)
	name := widget.NewLabel(r.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, container.NewHBox(sel, badge), name)
}

func (p *dutyTaskPage) onBreakDown() {
	i := p.county.SelectedIndex()
	if i < 0 || i >= len(p.counties) {
		p.s.w.showError(fmt.Errorf("%w：请先选择要分解到的县（市、区）", models.ErrInvalid))
		return
	}
	n, err := p.s.w.app.Duties.BreakDown(p.s.w.ctx, p.task.Task.ID, p.counties[i].Code)
	if err != nil {
		p.s.w.showError(err)
		return
	}
	if err := p.show(p.task.Task.ID); err != nil {
		p.s.w.showError(err)
		return
	}
	p.message.Importance = widget.SuccessImportance
	p.message.SetText(Tf("duty.broken_down", map[string]any{"N": n, "County": p.counties[i].Name}))
}
