package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// libraryPanel is the 指标库 tab: the county's indicator library for the year grouped by
// dimension, with add, edit and retire, and the level thresholds. Only 管理员 may change it.
type libraryPanel struct {
	s    *checklistScreen
	root fyne.CanvasObject

	lib     models.Library
	summary *widget.Label
	levels  *widget.Label
	add     *widget.Button
	editLv  *widget.Button
	body    *fyne.Container

	dlgMessage *widget.Label // the open dialog's validation message, for the tests
}

func newLibraryPanel(s *checklistScreen) *libraryPanel {
	p := &libraryPanel{s: s}
	p.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.levels = widget.NewLabel("")
	p.add = widget.NewButtonWithIcon(T("checklist.lib_add"), theme.ContentAddIcon(), func() { p.onEdit(models.Indicator{}, true) })
	p.editLv = widget.NewButtonWithIcon(T("checklist.lib_levels"), theme.DocumentCreateIcon(), p.onLevels)
	p.body = container.NewVBox()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(p.editLv, p.add), p.summary), p.levels)
	if s.w.app.Role != models.RoleAdmin {
		p.add.Disable()
		p.editLv.Disable()
		note := widget.NewLabel(T("checklist.lib_admin_only"))
		note.Importance = widget.LowImportance
		top.Add(note)
	}
	p.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(p.body))
	return p
}

// reload reads the library of the screen's county and year.
func (p *libraryPanel) reload() {
	county, year := p.s.countyCode(), p.s.yearValue()
	if county == "" || year == 0 {
		return
	}
	lib, err := p.s.w.app.Checklist.Library(p.s.w.ctx, county, year)
	if err != nil {
		p.s.w.showError(err)
		return
	}
	p.lib = lib
	origin := Tf("checklist.library_version", map[string]any{"Version": lib.Version})
	if lib.CountyCode == "" {
		origin = T("checklist.lib_default")
	}
	p.summary.SetText(Tf("checklist.lib_summary", map[string]any{"County": p.s.county.Selected, "Year": year, "Origin": origin,
		"N": len(lib.Active()), "Points": lib.TotalPoints()}))
	p.levels.SetText(Tf("checklist.lib_levels_text", map[string]any{"Standard": lib.Levels.Standard, "Good": lib.Levels.Good,
		"Excellent": lib.Levels.Excellent}))
	admin := p.s.w.app.Role == models.RoleAdmin
	p.body.Objects = nil
	for _, dim := range models.Dimensions {
		var rows []fyne.CanvasObject
		points := 0
		for _, in := range lib.Indicators {
			if in.Dimension != dim {
				continue
			}
			if !in.Retired {
				points += in.Points
			}
			rows = append(rows, p.row(in, admin))
		}
		if len(rows) == 0 {
			continue
		}
		head := widget.NewLabelWithStyle(Tf("checklist.lib_dimension", map[string]any{"Dimension": dim, "Points": points}),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		p.body.Add(widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{head}, rows...)...)))
	}
	p.body.Refresh()
}

func (p *libraryPanel) row(in models.Indicator, admin bool) fyne.CanvasObject {
	text := fmt.Sprintf("%s %s", in.Code, in.Name)
	if in.Mandatory {
		text += T("checklist.mandatory_mark")
	}
	detail := Tf("checklist.lib_row", map[string]any{"Method": in.Method.Label(), "Community": in.TargetText("社区"),
		"Village": in.TargetText("村"), "Points": in.Points})
	name := widget.NewLabel(text + "\n" + detail)
	name.Wrapping = fyne.TextWrapWord
	if in.Retired {
		name.Importance = widget.LowImportance
		name.SetText(text + T("checklist.lib_retired_mark") + "\n" + detail)
		return name
	}
	edit := widget.NewButtonWithIcon(T("checklist.lib_edit"), theme.DocumentCreateIcon(), func() { p.onEdit(in, false) })
	retire := widget.NewButtonWithIcon(T("checklist.lib_retire"), theme.DeleteIcon(), func() { p.onRetire(in) })
	edit.Importance, retire.Importance = widget.LowImportance, widget.LowImportance
	if !admin {
		edit.Disable()
		retire.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, retire), name)
}

// indicatorEditor is the add/edit dialog's fields.
type indicatorEditor struct {
	code, name, unit, community, village, points, source *widget.Entry
	requirement                                          *widget.Entry
	dimension, method                                    *widget.Select
	mandatory                                            *widget.Check
}

func newIndicatorEditor(in models.Indicator, isNew bool) *indicatorEditor {
	e := &indicatorEditor{code: widget.NewEntry(), name: widget.NewEntry(), unit: widget.NewEntry(), community: widget.NewEntry(),
		village: widget.NewEntry(), points: widget.NewEntry(), source: widget.NewEntry(), requirement: widget.NewMultiLineEntry(),
		dimension: newSelect(models.Dimensions, nil),
		method:    newSelect([]string{models.MethodYesNo.Label(), models.MethodAtLeast.Label()}, nil),
		mandatory: widget.NewCheck(T("checklist.lib_mandatory"), nil)}
	e.requirement.Wrapping = fyne.TextWrapWord
	e.requirement.SetMinRowsVisible(2)
	e.code.SetPlaceHolder(T("checklist.lib_code_hint"))
	e.dimension.PlaceHolder = T("checklist.lib_pick")
	// A 是否 indicator has no target to type: its target is 是.
	e.method.OnChanged = func(m string) {
		for _, en := range []*widget.Entry{e.community, e.village} {
			if m == models.MethodYesNo.Label() {
				en.Disable()
			} else {
				en.Enable()
			}
		}
	}
	if isNew {
		e.method.SetSelected(models.MethodYesNo.Label())
		return e
	}
	e.code.SetText(in.Code)
	e.code.Disable()
	e.name.SetText(in.Name)
	e.requirement.SetText(in.Requirement)
	e.dimension.SetSelected(in.Dimension)
	e.method.SetSelected(in.Method.Label())
	e.unit.SetText(in.Unit)
	e.community.SetText(models.FormatNumber(in.TargetCommunity))
	e.village.SetText(models.FormatNumber(in.TargetVillage))
	e.points.SetText(strconv.Itoa(in.Points))
	e.source.SetText(in.Source)
	e.mandatory.SetChecked(in.Mandatory)
	return e
}

// indicator reads the fields; numbers that do not parse are reported with the others.
func (e *indicatorEditor) indicator(old models.Indicator) (models.Indicator, error) {
	in := old
	var v models.ValidationError
	in.Code = strings.ToUpper(strings.TrimSpace(e.code.Text))
	in.Name, in.Requirement = strings.TrimSpace(e.name.Text), strings.TrimSpace(e.requirement.Text)
	in.Unit, in.Source = strings.TrimSpace(e.unit.Text), strings.TrimSpace(e.source.Text)
	in.Dimension = e.dimension.Selected
	in.Method = models.MethodAtLeast
	if e.method.Selected == models.MethodYesNo.Label() {
		in.Method = models.MethodYesNo
	}
	in.Mandatory = e.mandatory.Checked
	num := func(label string, en *widget.Entry) float64 {
		t := strings.TrimSpace(en.Text)
		if t == "" {
			return 0
		}
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			v.Add(label, fmt.Sprintf("“%s”不是数字", t))
		}
		return f
	}
	if in.Method == models.MethodAtLeast {
		in.TargetCommunity, in.TargetVillage = num(T("checklist.lib_target_community"), e.community), num(T("checklist.lib_target_village"), e.village)
	} else {
		in.TargetCommunity, in.TargetVillage = 1, 1
	}
	if t := strings.TrimSpace(e.points.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			v.Add(T("checklist.lib_points"), fmt.Sprintf("“%s”不是整数", t))
		}
		in.Points = n
	} else {
		in.Points = 0
	}
	if ve := (*models.ValidationError)(nil); errors.As(in.Validate(), &ve) {
		v.Fields = append(v.Fields, ve.Fields...)
	}
	return in, v.Err()
}

// onEdit opens the add (isNew) or edit dialog for an indicator.
func (p *libraryPanel) onEdit(old models.Indicator, isNew bool) {
	e := newIndicatorEditor(old, isNew)
	message := widget.NewLabel("")
	message.Wrapping = fyne.TextWrapWord
	message.Importance = widget.DangerImportance
	p.dlgMessage = message
	form := widget.NewForm(
		widget.NewFormItem(T("checklist.lib_code"), e.code),
		widget.NewFormItem(T("checklist.lib_dim"), e.dimension),
		widget.NewFormItem(T("checklist.lib_name"), e.name),
		widget.NewFormItem(T("checklist.lib_requirement"), e.requirement),
		widget.NewFormItem(T("checklist.lib_method"), e.method),
		widget.NewFormItem(T("checklist.lib_target_community"), e.community),
		widget.NewFormItem(T("checklist.lib_target_village"), e.village),
		widget.NewFormItem(T("checklist.lib_unit"), e.unit),
		widget.NewFormItem(T("checklist.lib_points"), e.points),
		widget.NewFormItem("", e.mandatory),
		widget.NewFormItem(T("checklist.lib_source"), e.source),
	)
	title := T("checklist.lib_add")
	if !isNew {
		title = T("checklist.lib_edit") + " " + old.Code
	}
	var dlg *dialog.CustomDialog
	save := widget.NewButtonWithIcon(T("checklist.save"), theme.DocumentSaveIcon(), func() {
		if p.saveIndicator(e, old, isNew, message) {
			dlg.Hide()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(T("checklist.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, message), p.s.w.Win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(640, 0))
	dlg.Show()
}

// saveIndicator checks and stores the dialog's indicator; it reports false with the reasons in
// message when nothing was saved.
func (p *libraryPanel) saveIndicator(e *indicatorEditor, old models.Indicator, isNew bool, message *widget.Label) bool {
	in, err := e.indicator(old)
	if err == nil && isNew {
		if _, exists := p.lib.Indicator(in.Code); exists {
			err = fmt.Errorf("%w：%s", models.ErrConflict, Tf("checklist.lib_code_taken", map[string]any{"Code": in.Code}))
		}
	}
	if err == nil {
		_, err = p.s.w.app.Checklist.SaveIndicator(p.s.w.ctx, p.s.countyCode(), p.s.yearValue(), in)
	}
	if err != nil {
		message.SetText(T("checklist.lib_not_saved") + "\n" + userMessage(err))
		return false
	}
	p.s.reload() // the form of a community not yet assessed shows the changed library
	return true
}

func (p *libraryPanel) onRetire(in models.Indicator) {
	dialog.ShowConfirm(T("checklist.lib_retire"), Tf("checklist.lib_retire_ask", map[string]any{"Code": in.Code, "Name": in.Name,
		"Year": p.s.yearValue()}), func(ok bool) {
		if ok {
			p.retire(in.Code)
		}
	}, p.s.w.Win)
}

func (p *libraryPanel) retire(code string) {
	if _, err := p.s.w.app.Checklist.RetireIndicator(p.s.w.ctx, p.s.countyCode(), p.s.yearValue(), code); err != nil {
		showErrorDialog(p.s.w.Win, err)
		return
	}
	p.s.reload()
}

// onLevels edits the 达标/良好/优秀 thresholds.
func (p *libraryPanel) onLevels() {
	st, gd, ex := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	st.SetText(strconv.Itoa(p.lib.Levels.Standard))
	gd.SetText(strconv.Itoa(p.lib.Levels.Good))
	ex.SetText(strconv.Itoa(p.lib.Levels.Excellent))
	message := widget.NewLabel("")
	message.Wrapping = fyne.TextWrapWord
	message.Importance = widget.DangerImportance
	p.dlgMessage = message
	form := widget.NewForm(widget.NewFormItem(models.LevelStandard, st), widget.NewFormItem(models.LevelGood, gd),
		widget.NewFormItem(models.LevelExcellent, ex))
	var dlg *dialog.CustomDialog
	save := widget.NewButtonWithIcon(T("checklist.save"), theme.DocumentSaveIcon(), func() {
		if p.saveLevels(st.Text, gd.Text, ex.Text, message) {
			dlg.Hide()
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(T("checklist.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(T("checklist.lib_levels"), container.NewVBox(form, message), p.s.w.Win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(420, 0))
	dlg.Show()
}

// saveLevels checks and stores the thresholds typed in; false with the reasons in message when
// nothing was saved.
func (p *libraryPanel) saveLevels(standard, good, excellent string, message *widget.Label) bool {
	var v models.ValidationError
	var r models.LevelRule
	for _, x := range []struct {
		label, text string
		to          *int
	}{{models.LevelStandard, standard, &r.Standard}, {models.LevelGood, good, &r.Good}, {models.LevelExcellent, excellent, &r.Excellent}} {
		n, err := strconv.Atoi(strings.TrimSpace(x.text))
		if err != nil {
			v.Add(x.label, fmt.Sprintf("“%s”不是整数", strings.TrimSpace(x.text)))
		}
		*x.to = n
	}
	err := v.Err()
	if err == nil {
		_, err = p.s.w.app.Checklist.SetLevels(p.s.w.ctx, p.s.countyCode(), p.s.yearValue(), r)
	}
	if err != nil {
		message.SetText(T("checklist.lib_not_saved") + "\n" + userMessage(err))
		return false
	}
	p.s.reload() // the form of a community not yet assessed shows the changed library
	return true
}
