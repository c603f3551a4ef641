package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// orgYearsForm lists an organisation's 年检 results and 评估等级 by year, with a form to record a
// year (recording a year again replaces it; choosing a year in the list puts it in the form). A
// save carries the version of the year's record as the list showed it, so a change made at
// another desk meanwhile is put to the clerk (trySave) instead of silently replaced.
type orgYearsForm struct {
	w       *MainWindow
	orgID   int64
	changed func() // the organisations' list, whose 评估等级 column follows the years
	years   []models.OrgYearRecord
	table   *widget.Table

	year, from, to, note *widget.Entry
	inspection, grade    *widget.Select
	none                 string
	filled               int // the recorded year the form was last filled with
}

func (t *regOrgsTab) onYears() {
	if r, ok := t.selected(); ok {
		t.openYears(r.ID, r.Name)
	}
}

func (t *regOrgsTab) openYears(orgID int64, name string) *orgYearsForm {
	f := &orgYearsForm{w: t.s.w, orgID: orgID, changed: t.reload, none: T("registry.none_option")}
	if err := f.load(); err != nil {
		f.w.showError(err)
		return nil
	}
	f.table = rowTable([]string{T("registry.col_year"), T("registry.col_inspection"), T("registry.col_grade"),
		T("registry.col_grade_valid"), T("registry.col_note")}, []float32{70, 100, 80, 210, 260},
		func() int { return len(f.years) }, f.cell, func(row int) { f.fill(f.years[row]) })
	f.year = widget.NewEntry()
	f.year.SetText(strconv.Itoa(time.Now().Year() - 1))
	f.inspection = newSelect(append([]string{f.none}, models.InspectResults...), nil)
	f.inspection.Selected = f.none
	f.grade = newSelect(append([]string{f.none}, models.OrgGrades...), nil)
	f.grade.Selected = f.none
	f.from, f.to, f.note = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.from.SetPlaceHolder(T("registry.grade_date_hint"))
	f.to.SetPlaceHolder(T("registry.grade_date_hint"))
	f.year.OnChanged = f.yearTyped
	f.yearTyped(f.year.Text) // last year may be recorded already: show it, not an empty form that would replace it
	save := widget.NewButton(T("registry.year_save"), f.onSave)
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(T("registry.col_year"), f.year), widget.NewFormItem(T("registry.col_inspection"), f.inspection),
		widget.NewFormItem(T("registry.col_grade"), f.grade),
		widget.NewFormItem(T("registry.col_grade_valid"), container.NewGridWithColumns(2, f.from, f.to)),
		widget.NewFormItem(T("registry.col_note"), f.note))
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), form, container.NewHBox(save)), nil, nil, fitted(f.table))
	d := dialogCustom(T("registry.org_years")+"："+name, body, f.w.Win)
	d.Resize(fyne.NewSize(820, 600))
	d.Show()
	return f
}

// load reads the organisation's years, newest first.
func (f *orgYearsForm) load() error {
	years, err := f.w.app.Registry.OrgYears(f.w.ctx, f.orgID)
	if err == nil {
		f.years = years
	}
	return err
}

func (f *orgYearsForm) cell(row, col int) string {
	y := f.years[row]
	valid := ""
	if !y.GradeFrom.IsZero() {
		valid = models.FormatDate(y.GradeFrom) + " 至 " + models.FormatDate(y.GradeTo)
	}
	return [...]string{strconv.Itoa(y.Year), y.Inspection, y.Grade, valid, y.Note}[col]
}

// yearTyped shows a recorded year's record as soon as the 年度 box names it, so that saving
// changes that record rather than replacing it with a form that showed nothing of it.
func (f *orgYearsForm) yearTyped(text string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n == f.filled {
		return
	}
	for _, y := range f.years {
		if y.Year == n {
			f.fill(y)
			return
		}
	}
}

// fill puts a recorded year in the form.
func (f *orgYearsForm) fill(y models.OrgYearRecord) {
	f.filled = y.Year
	orNone := func(s string) string {
		if s == "" {
			return f.none
		}
		return s
	}
	f.year.SetText(strconv.Itoa(y.Year))
	f.inspection.SetSelected(orNone(y.Inspection))
	f.grade.SetSelected(orNone(y.Grade))
	f.from.SetText(models.FormatDate(y.GradeFrom))
	f.to.SetText(models.FormatDate(y.GradeTo))
	f.note.SetText(y.Note)
}

// record reads the form; the version is that of the year's record as the list shows it.
func (f *orgYearsForm) record() (models.OrgYearRecord, error) {
	var v models.ValidationError
	rec := models.OrgYearRecord{OrgID: f.orgID, Note: strings.TrimSpace(f.note.Text)}
	y, err := strconv.Atoi(strings.TrimSpace(f.year.Text))
	if err != nil {
		v.Add(T("registry.col_year"), T("registry.not_whole_number"))
	}
	rec.Year = y
	if f.inspection.Selected != f.none {
		rec.Inspection = f.inspection.Selected
	}
	if f.grade.Selected != f.none {
		rec.Grade = f.grade.Selected
	}
	rec.GradeFrom = optDate(&v, T("registry.col_grade_valid"), f.from.Text)
	rec.GradeTo = optDate(&v, T("registry.col_grade_valid"), f.to.Text)
	if err := rec.Validate(); err != nil {
		addErr(&v, "", err)
	}
	rec.RowVersion = models.ReadAbsent
	for _, shown := range f.years {
		if shown.Year == rec.Year {
			rec.RowVersion = shown.RowVersion
		}
	}
	return rec, v.Err()
}

func (f *orgYearsForm) onSave() {
	rec, err := f.record()
	if err != nil {
		f.w.showError(err)
		return
	}
	f.w.trySave(func() error { return f.w.app.Registry.SaveOrgYear(f.w.ctx, rec) }, func() {
		f.reload(rec.Year, false)
		f.changed()
	}, func() { f.reload(rec.Year, true) }, f.w.showError)
}

// reload reads the years again; after 重新载入 (refill) the form shows the year as it is now
// stored, the clerk's edits dropped.
func (f *orgYearsForm) reload(year int, refill bool) {
	if err := f.load(); err != nil {
		f.w.showError(err)
		return
	}
	f.table.Refresh()
	for _, y := range f.years {
		if refill && y.Year == year {
			f.fill(y)
		}
	}
}
