package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/checklist"
	"shequ/models"
)

// levelColor is the colour of an assessment level in the overview (red, amber, blue, green).
func levelColor(level string) color.Color {
	switch level {
	case models.LevelBelow:
		return color.NRGBA{R: 0xE5, G: 0x73, B: 0x73, A: 0xFF}
	case models.LevelStandard:
		return color.NRGBA{R: 0xFF, G: 0xCA, B: 0x28, A: 0xFF}
	case models.LevelGood:
		return color.NRGBA{R: 0x64, G: 0xB5, B: 0xF6, A: 0xFF}
	case models.LevelExcellent:
		return color.NRGBA{R: 0x66, G: 0xBB, B: 0x6A, A: 0xFF}
	}
	return color.NRGBA{R: 0xE0, G: 0xE0, B: 0xE0, A: 0xFF}
}

// checklistScreen is 社区标准化: a county's township roll-up, a township's communities with
// their levels, the assessment form, and the 示范单位 titles.
type checklistScreen struct {
	w *MainWindow

	root     fyne.CanvasObject
	county   *widget.Select
	township *widget.Select
	year     *widget.Select
	tabs     *container.AppTabs

	counties, towns []models.Division
	rollup          []checklist.RollupRow
	rollupTable     *widget.Table
	weakest         *widget.Label

	communities []checklist.CommunityRow
	list        *widget.List
	selecting   bool // the list follows the form: no reload from OnSelected
	form        *assessmentForm
	titles      *titlesPanel
	library     *libraryPanel
	kept        *checklistKept // what the clerk chose before the screen was released
}

func newChecklistScreen(w *MainWindow) *checklistScreen {
	s := &checklistScreen{w: w}
	return s
}

func (s *checklistScreen) title() string { return T("nav.checklist") }

// content builds the screen on its first visit.
func (s *checklistScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *checklistScreen) buildUI() {
	s.county = newSelect(nil, func(string) { s.onCounty() })
	s.township = newSelect(nil, func(string) { s.onTownship() })
	this := time.Now().Year()
	var years []string
	for y := this + 1; y >= this-9; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = newSelect(years, func(string) { s.reload() })
	s.year.SetSelected(strconv.Itoa(this))

	headers := []string{T("checklist.col_township"), T("checklist.col_total"), T("checklist.col_assessed"),
		models.LevelBelow, models.LevelStandard, models.LevelGood, models.LevelExcellent, T("checklist.col_rate"),
		T("checklist.col_avg"), T("checklist.col_mandatory")}
	s.rollupTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rollup), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("0000") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.rollupCell(id)) })
	s.rollupTable.ShowHeaderColumn = false
	s.rollupTable.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	s.rollupTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	s.rollupTable.SetColumnWidth(0, 200)
	for c := 1; c < len(headers); c++ {
		s.rollupTable.SetColumnWidth(c, 110)
	}
	s.weakest = widget.NewLabel("")
	s.weakest.Wrapping = fyne.TextWrapWord
	overview := container.NewBorder(nil, s.weakest, nil, nil, s.rollupTable)

	s.list = widget.NewList(func() int { return len(s.communities) },
		func() fyne.CanvasObject {
			sw := canvas.NewRectangle(levelColor(""))
			sw.SetMinSize(fyne.NewSize(14, 14))
			return container.NewBorder(nil, nil, container.NewCenter(sw), widget.NewLabel("100 未达标"), widget.NewLabel("社区名称"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			r := s.communities[i]
			c := o.(*fyne.Container)
			name, score := c.Objects[0].(*widget.Label), c.Objects[2].(*widget.Label)
			sw := c.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			name.SetText(r.Name)
			if r.Assessed {
				sw.FillColor = levelColor(r.Level)
				score.SetText(fmt.Sprintf("%d %s", r.Score, r.Level))
			} else {
				sw.FillColor = levelColor("")
				score.SetText(T("checklist.not_assessed"))
			}
			sw.Refresh()
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		if !s.selecting {
			s.form.load(s.communities[i].Code)
		}
	}
	s.form = newAssessmentForm(s)
	split := container.NewHSplit(s.list, s.form.root)
	split.Offset = 0.24

	s.titles = newTitlesPanel(s)
	s.library = newLibraryPanel(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(T("checklist.tab_overview"), overview),
		container.NewTabItem(T("checklist.tab_assess"), split),
		container.NewTabItem(T("checklist.tab_titles"), s.titles.root),
		container.NewTabItem(T("checklist.tab_library"), s.library.root))
	top := container.NewHBox(widget.NewLabel(T("checklist.county")), s.county, widget.NewLabel(T("checklist.township")), s.township,
		widget.NewLabel(T("checklist.year")), s.year)
	s.root = container.NewPadded(container.NewBorder(top, nil, nil, nil, s.tabs))
}

func (s *checklistScreen) rollupCell(id widget.TableCellID) string {
	r := s.rollup[id.Row]
	switch id.Col {
	case 0:
		return models.ShortName(r.Name)
	case 1:
		return strconv.Itoa(r.Total)
	case 2:
		return strconv.Itoa(r.Assessed)
	case 3, 4, 5, 6:
		return strconv.Itoa(r.Counts[id.Col-3])
	case 7:
		if r.Assessed == 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", float64(r.AtStandard())*100/float64(r.Assessed))
	case 8:
		if r.Assessed == 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f", r.AverageScore)
	}
	return strconv.Itoa(r.MandatoryFails)
}

func (s *checklistScreen) shown() {
	s.content() // built here when shown before the window ever asked for it
	if s.form.unsaved() {
		return // back to values typed and not saved (the screen was kept for them): reading would wipe them
	}
	if len(s.counties) == 0 {
		roots, err := s.w.app.Divisions.Roots(s.w.ctx)
		if err != nil {
			s.w.showError(err)
			return
		}
		s.counties = roots
		var names []string
		for _, c := range roots {
			names = append(names, c.Name)
		}
		s.county.Options = names
		if len(names) > 0 {
			s.county.SetSelectedIndex(0) // calls onCounty
			return
		}
	}
	s.reload()
}

func (s *checklistScreen) yearValue() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

func (s *checklistScreen) countyCode() string {
	if i := s.county.SelectedIndex(); i >= 0 && i < len(s.counties) {
		return s.counties[i].Code
	}
	return ""
}

func (s *checklistScreen) townshipCode() string {
	if i := s.township.SelectedIndex(); i >= 0 && i < len(s.towns) {
		return s.towns[i].Code
	}
	return ""
}

func (s *checklistScreen) onCounty() {
	towns, err := s.w.app.Divisions.Children(s.w.ctx, s.countyCode())
	if err != nil {
		s.w.showError(err)
		return
	}
	s.towns = s.towns[:0]
	var names []string
	for _, t := range towns {
		if t.Active() {
			s.towns = append(s.towns, t)
			names = append(names, t.Name)
		}
	}
	s.township.Options = names
	s.township.ClearSelected()
	if len(names) > 0 {
		s.township.SetSelectedIndex(0) // calls onTownship → reload
		return
	}
	s.reload()
}

func (s *checklistScreen) onTownship() { s.reload() }

// reload reads the roll-up, the township's communities and the titles for the chosen year.
func (s *checklistScreen) reload() {
	county, town, year := s.countyCode(), s.townshipCode(), s.yearValue()
	if county == "" || year == 0 {
		return
	}
	rows, err := s.w.app.Checklist.TownshipTable(s.w.ctx, county, year)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.rollup = rows
	s.rollupTable.Refresh()
	weak, err := s.w.app.Checklist.WeakestIndicators(s.w.ctx, county, "", year, 5)
	if err != nil {
		s.w.showError(err)
		return
	}
	var parts []string
	for _, w := range weak {
		parts = append(parts, fmt.Sprintf("%s %s（%.0f%%）", w.Code, w.Name, w.Rate*100))
	}
	if len(parts) == 0 {
		s.weakest.SetText(T("checklist.weakest_none"))
	} else {
		s.weakest.SetText(T("checklist.weakest") + strings.Join(parts, "；"))
	}
	if town != "" {
		if s.communities, err = s.w.app.Checklist.Communities(s.w.ctx, town, year); err != nil {
			s.w.showError(err)
			return
		}
		s.list.Refresh()
	}
	s.titles.reload()
	s.library.reload()
	s.keepFormOnHighlighted()
}

// keepFormOnHighlighted makes the list highlight the community the form shows, or, when that
// community is not in the list (another 乡镇 was chosen), empties the form: a clerk never
// edits one community's record while the list points at another.
func (s *checklistScreen) keepFormOnHighlighted() {
	if s.form.code == "" {
		s.list.UnselectAll()
		return
	}
	for i, c := range s.communities {
		if c.Code == s.form.code {
			s.selecting = true
			s.list.Select(i)
			s.selecting = false
			s.form.load(s.form.code)
			return
		}
	}
	s.list.UnselectAll()
	s.form.clear()
}

// afterChange refreshes the lists after the form saved or moved an assessment; reload also
// reloads the form, whose code it leaves as it is.
func (s *checklistScreen) afterChange() { s.reload() }

// askReason asks for the reason of a 退回 or 重新打开 and calls done with it.
func (s *checklistScreen) askReason(action string, done func(string)) {
	e := widget.NewMultiLineEntry()
	e.SetMinRowsVisible(3)
	dialog.ShowForm(action, T("checklist.ok"), T("checklist.cancel"),
		[]*widget.FormItem{widget.NewFormItem(T("checklist.reason"), e)}, func(ok bool) {
			if ok {
				done(e.Text)
			}
		}, s.w.Win)
}
