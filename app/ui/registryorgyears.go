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

// onYears lists the selected organisation's 年检 results and 评估等级 by year, with a form to
// record a year (recording a year again replaces it).
func (t *regOrgsTab) onYears() {
	r, ok := t.selected()
	if !ok {
		return
	}
	var years []models.OrgYearRecord
	load := func() error {
		var err error
		years, err = t.s.w.app.Registry.OrgYears(t.s.w.ctx, r.ID)
		return err
	}
	if err := load(); err != nil {
		t.s.w.showError(err)
		return
	}
	table := rowTable([]string{T("registry.col_year"), T("registry.col_inspection"), T("registry.col_grade"),
		T("registry.col_grade_valid"), T("registry.col_note")}, []float32{70, 100, 80, 210, 260},
		func() int { return len(years) }, func(row, col int) string {
			y := years[row]
			valid := ""
			if !y.GradeFrom.IsZero() {
				valid = models.FormatDate(y.GradeFrom) + " 至 " + models.FormatDate(y.GradeTo)
			}
			return [...]string{strconv.Itoa(y.Year), y.Inspection, y.Grade, valid, y.Note}[col]
		}, func(int) {})
	none := T("registry.none_option")
	year := widget.NewEntry()
	year.SetText(strconv.Itoa(time.Now().Year() - 1))
	inspection := newSelect(append([]string{none}, models.InspectResults...), nil)
	inspection.Selected = none
	grade := newSelect(append([]string{none}, models.OrgGrades...), nil)
	grade.Selected = none
	from, to, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	from.SetPlaceHolder(T("registry.date_hint"))
	to.SetPlaceHolder(T("registry.date_hint"))
	save := widget.NewButton(T("registry.year_save"), func() {
		var v models.ValidationError
		rec := models.OrgYearRecord{OrgID: r.ID, Note: strings.TrimSpace(note.Text)}
		y, err := strconv.Atoi(strings.TrimSpace(year.Text))
		if err != nil {
			v.Add(T("registry.col_year"), T("registry.not_whole_number"))
		}
		rec.Year = y
		if inspection.Selected != none {
			rec.Inspection = inspection.Selected
		}
		if grade.Selected != none {
			rec.Grade = grade.Selected
		}
		rec.GradeFrom = optDate(&v, T("registry.col_grade_valid"), from.Text)
		rec.GradeTo = optDate(&v, T("registry.col_grade_valid"), to.Text)
		if err := rec.Validate(); err != nil {
			addErr(&v, "", err)
		}
		if err == nil && v.Err() == nil {
			err = t.s.w.app.Registry.SaveOrgYear(t.s.w.ctx, rec)
		} else {
			err = v.Err()
		}
		if err == nil {
			err = load()
		}
		if err != nil {
			t.s.w.showError(err)
			return
		}
		table.Refresh()
		t.reload()
	})
	save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(T("registry.col_year"), year), widget.NewFormItem(T("registry.col_inspection"), inspection),
		widget.NewFormItem(T("registry.col_grade"), grade),
		widget.NewFormItem(T("registry.col_grade_valid"), container.NewGridWithColumns(2, from, to)),
		widget.NewFormItem(T("registry.col_note"), note))
	body := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), form, container.NewHBox(save)), nil, nil, fitted(table))
	d := dialogCustom(T("registry.org_years")+"："+r.Name, body, t.s.w.Win)
	d.Resize(fyne.NewSize(820, 600))
	d.Show()
}
