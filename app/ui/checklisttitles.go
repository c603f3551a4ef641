package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/checklist"
	"shequ/models"
)

// titlesPanel lists the county's 示范单位 titles, filtered by level, and records new ones.
type titlesPanel struct {
	s      *checklistScreen
	root   fyne.CanvasObject
	filter *widget.Select
	list   *widget.List
	empty  *widget.Label // in place of the empty list: what to do first
	rows   []checklist.TitleView
}

func newTitlesPanel(s *checklistScreen) *titlesPanel {
	p := &titlesPanel{s: s}
	p.filter = newSelect(append([]string{T("checklist.all_levels")}, models.TitleLevels...), func(string) { p.reload() })
	p.filter.SetSelectedIndex(0)
	p.list = widget.NewList(func() int { return len(p.rows) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton(T("checklist.delete"), nil), widget.NewLabel("称号"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			t := p.rows[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(strconv.Itoa(t.Year) + "年  " + t.Level + t.Kind + "  " + t.DivisionName + "  " + t.DocumentNo)
			c.Objects[1].(*widget.Button).OnTapped = func() { p.onDelete(t) }
		})
	add := widget.NewButton(T("checklist.add_title"), p.onAdd)
	p.empty = widget.NewLabel(T("checklist.no_titles"))
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Hide()
	p.root = container.NewBorder(container.NewHBox(widget.NewLabel(T("checklist.level")), p.filter, add), nil, nil, nil,
		container.NewStack(p.list, container.NewVBox(p.empty)))
	return p
}

func (p *titlesPanel) reload() {
	county := p.s.countyCode()
	if county == "" {
		return
	}
	level := ""
	if p.filter.SelectedIndex() > 0 {
		level = p.filter.Selected
	}
	rows, err := p.s.w.app.Checklist.Titles(p.s.w.ctx, county, level, "", 0)
	if err != nil {
		p.s.w.showError(err)
		return
	}
	p.rows = rows
	p.list.Refresh()
	if len(rows) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
}

// onAdd records a title for a community of the chosen township, the township itself or the county.
func (p *titlesPanel) onAdd() {
	type target struct{ code, name string }
	var targets []target
	if c := p.s.countyCode(); c != "" {
		targets = append(targets, target{c, p.s.county.Selected})
	}
	if t := p.s.townshipCode(); t != "" {
		targets = append(targets, target{t, p.s.township.Selected})
	}
	for _, c := range p.s.communities {
		targets = append(targets, target{c.Code, c.Name})
	}
	var names []string
	for _, t := range targets {
		names = append(names, t.name)
	}
	who := newSelect(names, nil)
	level := newSelect(models.TitleLevels, nil)
	kind := newSelect(models.TitleKinds, nil)
	year := widget.NewEntry()
	year.SetText(p.s.year.Selected)
	doc := widget.NewEntry()
	dialog.ShowForm(T("checklist.add_title"), T("checklist.ok"), T("checklist.cancel"), []*widget.FormItem{
		widget.NewFormItem(T("checklist.division"), who), widget.NewFormItem(T("checklist.level"), level),
		widget.NewFormItem(T("checklist.kind"), kind), widget.NewFormItem(T("checklist.year"), year),
		widget.NewFormItem(T("checklist.document"), doc)}, func(ok bool) {
		if !ok {
			return
		}
		t := models.DemoTitle{Level: level.Selected, Kind: kind.Selected, DocumentNo: doc.Text}
		if i := who.SelectedIndex(); i >= 0 {
			t.DivisionCode = targets[i].code
		}
		t.Year, _ = strconv.Atoi(strings.TrimSpace(year.Text))
		if _, err := p.s.w.app.Checklist.AddTitle(p.s.w.ctx, t); err != nil {
			showErrorDialog(p.s.w.Win, err)
			return
		}
		p.s.reload()
	}, p.s.w.Win)
}

func (p *titlesPanel) onDelete(t checklist.TitleView) {
	dialog.ShowConfirm(T("checklist.delete"), Tf("checklist.delete_confirm", map[string]any{"Title": t.Level + t.Kind, "Name": t.DivisionName}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.s.w.app.Checklist.DeleteTitle(p.s.w.ctx, t.ID); err != nil {
				showErrorDialog(p.s.w.Win, err)
				return
			}
			p.s.reload()
		}, p.s.w.Win)
}

// villageTitlesText is the 示范单位 line on a village's page in 区划与社区: its titles, newest
// year first, or that it has none.
func villageTitlesText(w *MainWindow, code string) string {
	rows, err := w.app.Checklist.Titles(w.ctx, code, "", "", 0)
	if err != nil {
		return T("checklist.div_titles") + userMessage(err)
	}
	if len(rows) == 0 {
		return T("checklist.div_titles") + T("checklist.div_titles_none")
	}
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = Tf("checklist.div_title", map[string]any{"Year": r.Year, "Level": r.Level, "Kind": r.Kind})
		if r.DocumentNo != "" {
			parts[i] += "（" + r.DocumentNo + "）"
		}
	}
	return T("checklist.div_titles") + strings.Join(parts, "；")
}
