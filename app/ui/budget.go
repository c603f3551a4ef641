package ui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/budget"
	"shequ/models"
)

// budgetScreen is 经费保障: the budget lines of a year with filters, amounts in 元 or 万元 as
// the clerk chooses, totals and execution rates; imports, batches, disbursements and contracts open from its toolbar.
type budgetScreen struct {
	w *MainWindow

	root        fyne.CanvasObject
	year        *widget.Select
	county      *widget.Select
	township    *widget.Select
	unit        *widget.Select
	category    *widget.Select
	source      *widget.Select
	table       *widget.Table
	totals      *widget.Label
	empty       *widget.Label // over the empty table: how to get lines in
	emptyBox    *fyne.Container
	disburse    *widget.Button
	lines       *pagedRows[budget.LineView] // a window of the filtered lines; 100,000 are not held
	selected    *budget.LineView            // the selected line, by value: the window may move on
	townCodes   map[string]string           // township label → code
	townKey     string                      // the year and county the township filter was filled for
	shownFilter budget.Filter               // the filter of the lines shown
	countyOf    map[string]string           // county name → code
	catIDs      map[string]int64
	srcIDs      map[string]int64
	imp         *budgetImport
	rates       *budgetRates
	tabs        *container.AppTabs
	reads       latest // an older read that arrives late is dropped
	sums        budget.Totals
	kept        *budgetKept // what the clerk chose before the screen was released
}

var budgetHeaders = []string{"budget.col_township", "budget.col_village", "budget.col_category", "budget.col_item",
	"budget.col_source", "budget.col_amount", "budget.col_disbursed", "budget.col_rate"}

var budgetWidths = []float32{150, 200, 110, 190, 90, 130, 130, 80}

// budgetUnitPref keeps the clerk's choice of 元 or 万元 between sessions.
const budgetUnitPref = "budget.unit"

// money formats an amount in the unit the clerk chose.
func (s *budgetScreen) money(f models.Fen) string {
	if s.unit.Selected == T("budget.unit_yuan") {
		return f.Yuan()
	}
	return f.Wanyuan()
}

// unitHeader is a column header with the chosen unit: 预算（元）.
func (s *budgetScreen) unitHeader(key string) string {
	return Tf(key, map[string]any{"Unit": s.unit.Selected})
}

func newBudgetScreen(w *MainWindow) *budgetScreen {
	s := &budgetScreen{w: w}
	s.imp = newBudgetImport(s)
	return s
}

func (s *budgetScreen) title() string { return T("nav.budget") }

// content builds the screen on its first visit.
func (s *budgetScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *budgetScreen) buildUI() {
	all := T("budget.all")
	s.year = newSelect(nil, func(string) { s.reload() })
	s.county = newSelect([]string{all}, func(string) { s.onCounty() })
	s.county.Selected = all
	s.township = newSelect([]string{all}, func(string) { s.reload() })
	s.unit = newSelect([]string{T("budget.unit_yuan"), T("budget.unit_wanyuan")}, func(u string) {
		fyne.CurrentApp().Preferences().SetString(budgetUnitPref, u)
		s.showUnit()
	})
	s.unit.Selected = fyne.CurrentApp().Preferences().StringWithFallback(budgetUnitPref, T("budget.unit_wanyuan"))
	if !contains(s.unit.Options, s.unit.Selected) {
		s.unit.Selected = T("budget.unit_wanyuan")
	}
	s.category = newSelect([]string{all}, func(string) { s.reload() })
	s.source = newSelect([]string{all}, func(string) { s.reload() })
	s.township.Selected, s.category.Selected, s.source.Selected = all, all, all
	s.lines = newPagedRows[budget.LineView](s.w.ctx, func() { s.table.Refresh() }, s.w.showError)
	s.table = widget.NewTable(
		func() (int, int) { return s.lines.len() + 1, len(budgetHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("某某社区居民委员会")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		s.updateCell,
	)
	for i, wd := range budgetWidths {
		s.table.SetColumnWidth(i, wd)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		s.selected = nil
		if r, ok := s.lines.row(id.Row - 1); ok {
			s.selected = &r
			s.disburse.Enable()
		} else {
			s.disburse.Disable()
		}
	}
	s.totals = widget.NewLabel("")
	s.empty = widget.NewLabel("")
	s.empty.Wrapping = fyne.TextWrapWord
	s.empty.Alignment = fyne.TextAlignCenter
	// On the background colour, so the table's column lines do not run through the text.
	s.emptyBox = container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), container.NewPadded(s.empty))
	s.emptyBox.Hide()
	s.disburse = widget.NewButton(T("budget.disburse"), s.onDisburse)
	s.disburse.Disable()
	filters := container.NewHBox(
		widget.NewLabel(T("budget.year")), s.year,
		widget.NewLabel(T("budget.county")), s.county,
		widget.NewLabel(T("budget.col_township")), s.township,
		widget.NewLabel(T("budget.col_category")), s.category,
		widget.NewLabel(T("budget.col_source")), s.source,
	)
	actions := container.NewHBox(
		widget.NewButton(T("budget.import"), s.imp.onChooseFile),
		widget.NewButton(T("budget.template"), s.onTemplate),
		widget.NewButton(T("budget.export"), s.onExport),
		widget.NewButton(T("budget.batches"), s.onBatches),
		s.disburse,
		widget.NewButton(T("budget.contracts"), s.onContracts),
		widget.NewButton(T("budget.new_line"), s.onNewLine),
		widget.NewButton(T("budget.categories"), s.onCategories),
		layout.NewSpacer(),
		widget.NewLabel(T("budget.unit")), s.unit,
	)
	s.rates = newBudgetRates(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(T("budget.tab_lines"), container.NewBorder(nil, s.totals, nil, nil,
			container.NewStack(s.table, container.NewBorder(container.NewPadded(widget.NewLabel("")), nil, nil, nil, container.NewVBox(s.emptyBox))))),
		container.NewTabItem(T("budget.tab_rates"), s.rates.root))
	s.tabs.OnSelected = func(*container.TabItem) { s.rates.reload() }
	s.root = container.NewBorder(container.NewVBox(actions, filters), nil, nil, nil, s.tabs)
}

func (s *budgetScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0
	l.Alignment = fyne.TextAlignLeading
	if id.Row == 0 {
		l.SetText(s.unitHeader(budgetHeaders[id.Col]))
		return
	}
	r, ok := s.lines.row(id.Row - 1)
	if !ok {
		l.SetText("")
		return
	}
	cells := []string{r.Township, r.Village, r.Category, r.Item, r.Source, s.money(r.Amount), s.money(r.Disbursed), r.Rate}
	if id.Col >= 5 {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(cells[id.Col])
}

func (s *budgetScreen) shown() {
	ctx := s.w.ctx
	years, err := s.w.app.Budget.Years(ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	s.year.Options = opts
	if s.year.Selected == "" || !contains(opts, s.year.Selected) {
		s.year.Selected = opts[0]
	}
	s.year.Refresh()
	all := T("budget.all")
	if s.countyOf == nil {
		counties, err := s.w.app.Divisions.Roots(ctx)
		if err != nil {
			s.w.showError(err)
			return
		}
		s.countyOf = map[string]string{}
		s.county.Options = []string{all}
		for _, c := range counties {
			s.countyOf[c.Name] = c.Code
			s.county.Options = append(s.county.Options, c.Name)
		}
		s.county.Refresh()
	}
	cats, err := s.w.app.Budget.Categories(ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.catIDs = map[string]int64{}
	s.category.Options = []string{all}
	for _, c := range cats {
		s.catIDs[c.Name] = c.ID
		s.category.Options = append(s.category.Options, c.Name)
	}
	srcs, err := s.w.app.Budget.Sources(ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.srcIDs = map[string]int64{}
	s.source.Options = []string{all}
	for _, x := range srcs {
		s.srcIDs[x.Name] = x.ID
		s.source.Options = append(s.source.Options, x.Name)
	}
	s.reload()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reload reads the count, totals and first window of the lines for the chosen year and filters
// off the UI goroutine (a year can hold 100,000 lines) and shows them when they arrive, unless a
// newer reload started meanwhile; the table reads further windows as it scrolls.
func (s *budgetScreen) reload() {
	if s.year == nil || s.totals == nil {
		return
	}
	year, _ := strconv.Atoi(s.year.Selected)
	f := budget.Filter{Year: year, CategoryID: s.catIDs[s.category.Selected], SourceID: s.srcIDs[s.source.Selected],
		Township: s.townCodes[s.township.Selected], County: s.countyOf[s.county.Selected]}
	townKey := fmt.Sprint(f.Year, f.County)
	readTowns := townKey != s.townKey
	readLatest(&s.reads, s.w, func() (budgetPage, error) { return s.firstPage(f, readTowns) }, func(page budgetPage) {
		if readTowns {
			s.townKey = townKey
			s.fillTownships(page.towns)
		}
		s.show(f, page)
	})
}

// budgetPage is what a filter change reads before the table can show the new lines.
type budgetPage struct {
	first  []budget.LineView
	totals budget.Totals
	towns  []budget.Township
}

func (s *budgetScreen) firstPage(f budget.Filter, readTowns bool) (p budgetPage, err error) {
	ctx := s.w.ctx
	if p.first, p.totals, err = s.w.app.Budget.FirstPage(ctx, f, pageWindow); err != nil {
		return p, err
	}
	if readTowns {
		p.towns, err = s.w.app.Budget.Townships(ctx, f)
	}
	return p, err
}

// show puts the lines read by reload on screen.
func (s *budgetScreen) show(f budget.Filter, p budgetPage) {
	s.selected, s.sums = nil, p.totals
	s.lines.reset(p.totals.Lines, p.first, func(ctx context.Context, offset, limit int) ([]budget.LineView, error) {
		return s.w.app.Budget.LinesPage(ctx, f, offset, limit)
	})
	if p.totals.Lines == 0 {
		s.empty.SetText(Tf("budget.no_lines", map[string]any{"Year": f.Year}))
		s.emptyBox.Show()
	} else {
		s.emptyBox.Hide()
	}
	s.disburse.Disable()
	s.table.UnselectAll()
	if f != s.shownFilter { // a disbursement re-reads the same lines: the clerk stays where they were
		s.table.ScrollToTop()
		s.shownFilter = f
	}
	s.showUnit()
	if s.tabs != nil && s.tabs.SelectedIndex() == 1 {
		s.rates.reload() // the summary is read when it is shown
	}
}

// showUnit redraws the amounts, headers and totals in the chosen unit.
func (s *budgetScreen) showUnit() {
	if s.totals == nil {
		return
	}
	s.table.Refresh()
	s.totals.SetText(Tf("budget.totals", map[string]any{"N": s.sums.Lines, "Amount": s.money(s.sums.Amount),
		"Disbursed": s.money(s.sums.Disbursed), "Rate": s.sums.Rate, "Unit": s.unit.Selected}))
	if s.rates != nil {
		s.rates.table.Refresh()
	}
}

// onCounty shows one county's lines; the township filter then offers that county's townships.
func (s *budgetScreen) onCounty() {
	s.township.Selected = T("budget.all")
	s.township.Refresh()
	s.reload()
}

// fillTownships offers the townships that have lines this year (in the chosen county).
func (s *budgetScreen) fillTownships(towns []budget.Township) {
	s.townCodes = map[string]string{}
	opts := []string{T("budget.all")}
	for _, t := range towns {
		s.townCodes[t.Name] = t.Code
		opts = append(opts, t.Name)
	}
	s.township.Options = opts
	s.township.Refresh()
}

func (s *budgetScreen) onTemplate() {
	counties, err := s.w.app.Divisions.Roots(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	names := make([]string, len(counties))
	codes := map[string]string{}
	for i, c := range counties {
		names[i] = c.Name
		codes[c.Name] = c.Code
	}
	county := newSelect(names, nil)
	if len(names) > 0 {
		county.SetSelected(names[0])
	}
	year := widget.NewEntry()
	year.SetText(s.year.Selected)
	dialog.ShowForm(T("budget.template"), T("budget.save_as"), T("dialog.cancel"), []*widget.FormItem{
		widget.NewFormItem(T("budget.county"), county), widget.NewFormItem(T("budget.year"), year),
	}, func(ok bool) {
		if !ok {
			return
		}
		y, err := strconv.Atoi(year.Text)
		if err != nil || !models.ValidYear(y) {
			s.w.showError(fmt.Errorf("%w：年度应为 %s 之间的数字", models.ErrInvalid, models.YearRange))
			return
		}
		s.w.saveAs(fmt.Sprintf("%s%d年经费预算导入模板.xlsx", county.Selected, y), func(wr fyne.URIWriteCloser) error {
			return s.w.app.Budget.Template(s.w.ctx, codes[county.Selected], y, wr)
		})
	}, s.w.Win)
}

func (s *budgetScreen) onExport() {
	year, _ := strconv.Atoi(s.year.Selected)
	s.w.saveAs(fmt.Sprintf("%d年经费预算.xlsx", year), func(wr fyne.URIWriteCloser) error {
		_, err := s.w.app.Budget.Export(s.w.ctx, year, wr)
		return err
	})
}

// onBatches lists the import batches with an undo button for each active one.
func (s *budgetScreen) onBatches() {
	batches, err := s.w.app.Budget.Batches(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	box := container.NewVBox()
	if len(batches) == 0 {
		box.Add(widget.NewLabel(T("budget.no_batches")))
	}
	var dlg dialog.Dialog
	for _, b := range batches {
		text := Tf("budget.batch_line", map[string]any{"ID": b.ID, "File": b.FileName, "Sheet": b.Sheet, "Year": b.Year,
			"Rows": b.Rows, "Total": b.Total.Wanyuan(), "At": b.ImportedAt.Format("2006-01-02 15:04"), "By": b.ImportedBy})
		if b.UndoneAt != nil {
			box.Add(widget.NewLabel(text + T("budget.batch_undone")))
			continue
		}
		id := b.ID
		undo := widget.NewButton(T("budget.undo"), func() {
			dialog.ShowConfirm(T("budget.undo"), Tf("budget.undo_confirm", map[string]any{"ID": id}), func(ok bool) {
				if !ok {
					return
				}
				if err := s.w.app.Budget.UndoBatch(s.w.ctx, id); err != nil {
					s.w.showError(err)
					return
				}
				dlg.Hide()
				s.shown()
			}, s.w.Win)
		})
		box.Add(container.NewBorder(nil, nil, nil, undo, widget.NewLabel(text)))
	}
	dlg = dialogCustom(T("budget.batches"), container.NewVScroll(box), s.w.Win)
	dlg.Resize(fyne.NewSize(900, 500))
	dlg.Show()
}

// onDisburse records a payment against the selected line and lists the earlier ones.
func (s *budgetScreen) onDisburse() {
	if s.selected == nil {
		return
	}
	line := *s.selected
	paid, err := s.w.app.Budget.Disbursements(s.w.ctx, line.ID)
	if err != nil {
		s.w.showError(err)
		return
	}
	history := widget.NewLabel(T("budget.no_disbursements"))
	if len(paid) > 0 {
		text := ""
		for _, p := range paid {
			text += fmt.Sprintf("%s　%s 元　%s\n", models.FormatDate(p.PaidOn), p.Amount.Yuan(), p.Note)
		}
		history.SetText(text)
	}
	date := dateEntry()
	amount := widget.NewEntry()
	amount.SetPlaceHolder(T("budget.amount_yuan"))
	note := widget.NewEntry()
	title := Tf("budget.disburse_title", map[string]any{"Name": line.Village + line.Township, "Item": line.Category + " " + line.Item})
	d := dialog.NewForm(title, T("dialog.confirm"), T("dialog.cancel"), []*widget.FormItem{
		widget.NewFormItem(T("budget.budgeted"), widget.NewLabel(line.Amount.Yuan()+" 元（"+T("budget.col_rate")+" "+line.Rate+"）")),
		widget.NewFormItem(T("budget.paid_before"), history),
		widget.NewFormItem(T("budget.paid_on"), date),
		widget.NewFormItem(T("budget.paid_amount"), amount),
		widget.NewFormItem(T("budget.note"), note),
	}, func(ok bool) {
		if !ok {
			return
		}
		if _, err := s.w.app.Budget.AddDisbursement(s.w.ctx, line.ID, date.Text, amount.Text, note.Text); err != nil {
			s.w.showError(err)
			return
		}
		s.reload()
	}, s.w.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}
