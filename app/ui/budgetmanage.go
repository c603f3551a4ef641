package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/budget"
	"shequ/app/division"
	"shequ/models"
)

// budgetCategories is the 经费类别 dialog: the categories with their aliases, adding a
// category or an alias, and the funding sources.
type budgetCategories struct {
	s        *budgetScreen
	dlg      dialog.Dialog
	cats     []models.BudgetCategory
	list     *widget.List
	newName  *widget.Entry
	addCat   *widget.Button
	target   *widget.Select
	alias    *widget.Entry
	addAlias *widget.Button
	message  *widget.Label
	sources  *widget.Label
	// newSource names a 资金来源 to add.
	newSource *widget.Entry
}

func (s *budgetScreen) onCategories() { s.openCategories() }

func (s *budgetScreen) openCategories() *budgetCategories {
	c := &budgetCategories{s: s}
	c.list = widget.NewList(func() int { return len(c.cats) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText(categoryLine(c.cats[i]))
	})
	c.newName = widget.NewEntry()
	c.newName.SetPlaceHolder(T("budget.cat_new_hint"))
	c.addCat = widget.NewButton(T("budget.cat_add"), c.onAddCategory)
	c.target = newSelect(nil, nil)
	c.target.PlaceHolder = T("budget.cat_choose")
	c.alias = widget.NewEntry()
	c.alias.SetPlaceHolder(T("budget.alias_hint"))
	c.addAlias = widget.NewButton(T("budget.alias_add"), c.onAddAlias)
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.sources = widget.NewLabel("")
	c.sources.Wrapping = fyne.TextWrapWord
	c.newSource = widget.NewEntry()
	c.newSource.SetPlaceHolder(T("budget.source_new_hint"))
	addSource := widget.NewButton(T("budget.source_add"), c.onAddSource)
	form := container.NewVBox(
		widget.NewLabel(T("budget.cat_help")),
		container.NewBorder(nil, nil, widget.NewLabel(T("budget.cat_new")), c.addCat, c.newName),
		container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(T("budget.alias_of")), c.target), c.addAlias, c.alias),
		container.NewBorder(nil, nil, widget.NewLabel(T("budget.source_new")), addSource, c.newSource),
		c.message, c.sources)
	c.dlg = dialogCustom(T("budget.categories"), container.NewBorder(nil, form, nil, nil, c.list), s.w.Win)
	c.dlg.Resize(fyne.NewSize(720, 560))
	c.reload()
	c.dlg.Show()
	return c
}

func categoryLine(c models.BudgetCategory) string {
	if len(c.Aliases) == 0 {
		return c.Name + "　" + T("budget.no_alias")
	}
	return c.Name + "　" + Tf("budget.aliases", map[string]any{"List": strings.Join(c.Aliases, "、")})
}

func (c *budgetCategories) reload() {
	ctx := c.s.w.ctx
	cats, err := c.s.w.app.Budget.Categories(ctx)
	if err != nil {
		c.fail(err)
		return
	}
	c.cats = cats
	names := make([]string, len(cats))
	for i, x := range cats {
		names[i] = x.Name
	}
	c.target.Options = names
	c.target.Refresh()
	c.list.Refresh()
	srcs, err := c.s.w.app.Budget.Sources(ctx)
	if err != nil {
		c.fail(err)
		return
	}
	sn := make([]string, len(srcs))
	for i, x := range srcs {
		sn[i] = x.Name
	}
	c.sources.SetText(Tf("budget.sources_line", map[string]any{"List": strings.Join(sn, "、")}))
}

func (c *budgetCategories) fail(err error) {
	c.message.Importance = widget.DangerImportance
	c.message.SetText(userMessage(err))
}

func (c *budgetCategories) done(text string) {
	c.message.Importance = widget.SuccessImportance
	c.message.SetText(text)
	c.reload()
	c.s.shown() // the filter offers the new category
}

func (c *budgetCategories) onAddCategory() {
	name := strings.TrimSpace(c.newName.Text)
	if _, err := c.s.w.app.Budget.AddCategory(c.s.w.ctx, name); err != nil {
		c.fail(err)
		return
	}
	c.newName.SetText("")
	c.done(Tf("budget.cat_added", map[string]any{"Name": name}))
}

func (c *budgetCategories) onAddSource() {
	name := strings.TrimSpace(c.newSource.Text)
	if _, err := c.s.w.app.Budget.AddSource(c.s.w.ctx, name); err != nil {
		c.fail(err)
		return
	}
	c.newSource.SetText("")
	c.done(Tf("budget.source_added", map[string]any{"Name": name}))
}

func (c *budgetCategories) onAddAlias() {
	var id int64
	for _, x := range c.cats {
		if x.Name == c.target.Selected {
			id = x.ID
		}
	}
	if id == 0 {
		c.fail(errorText(T("budget.cat_choose_first")))
		return
	}
	alias := strings.TrimSpace(c.alias.Text)
	if err := c.s.w.app.Budget.AddAlias(c.s.w.ctx, id, alias); err != nil {
		c.fail(err)
		return
	}
	c.alias.SetText("")
	c.done(Tf("budget.alias_added", map[string]any{"Alias": alias, "Name": c.target.Selected}))
}

// errorText is a message for the user that is not from a service.
type errorText string

func (e errorText) Error() string { return string(e) }

// budgetLineForm enters a budget line by hand: year, division found by searching, category,
// item, amount in 元, source and note. Problems stay in the form until they are fixed.
type budgetLineForm struct {
	s        *budgetScreen
	dlg      dialog.Dialog
	year     *widget.Entry
	search   *widget.Entry
	division *widget.Select
	codes    map[string]string // division option → code
	category *widget.Select
	item     *widget.Entry
	amount   *widget.Entry
	source   *widget.Select
	note     *widget.Entry
	message  *widget.Label
	save     *widget.Button
	saved    int64
}

func (s *budgetScreen) onNewLine() { s.openLineForm() }

func (s *budgetScreen) openLineForm() *budgetLineForm {
	f := &budgetLineForm{s: s, codes: map[string]string{}}
	f.year = widget.NewEntry()
	f.year.SetText(s.year.Selected)
	f.search = widget.NewEntry()
	f.search.SetPlaceHolder(T("budget.division_search"))
	f.search.OnChanged = func(string) { f.onSearch() }
	f.division = newSelect(nil, nil)
	f.division.PlaceHolder = T("budget.division_choose")
	f.category = newSelect(s.names(s.catIDs, s.category.Options), nil)
	f.category.PlaceHolder = T("budget.cat_choose")
	f.source = newSelect(s.names(s.srcIDs, s.source.Options), nil)
	f.source.PlaceHolder = T("budget.source_choose")
	if len(f.source.Options) > 0 {
		f.source.SetSelected(f.source.Options[0])
	}
	f.item = widget.NewEntry()
	f.amount = widget.NewEntry()
	f.amount.SetPlaceHolder(T("budget.amount_yuan"))
	f.note = widget.NewEntry()
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.save = widget.NewButton(T("budget.line_save"), f.onSave)
	f.save.Importance = widget.HighImportance
	form := widget.NewForm(
		widget.NewFormItem(T("budget.year"), f.year),
		widget.NewFormItem(T("budget.division_find"), f.search),
		widget.NewFormItem(T("budget.col_division"), f.division),
		widget.NewFormItem(T("budget.col_category"), f.category),
		widget.NewFormItem(T("budget.col_item"), f.item),
		widget.NewFormItem(T("budget.col_amount_yuan"), f.amount),
		widget.NewFormItem(T("budget.col_source"), f.source),
		widget.NewFormItem(T("budget.note"), f.note),
	)
	f.dlg = dialogCustom(T("budget.new_line"), container.NewVBox(form, f.message, container.NewHBox(f.save)), s.w.Win)
	f.dlg.Resize(fyne.NewSize(600, 0))
	f.dlg.Show()
	return f
}

// names are a filter's options without 全部, in the filter's order.
func (s *budgetScreen) names(ids map[string]int64, options []string) []string {
	var out []string
	for _, o := range options {
		if _, ok := ids[o]; ok {
			out = append(out, o)
		}
	}
	return out
}

// onSearch offers the active divisions whose name or code contains the search text.
func (f *budgetLineForm) onSearch() {
	const limit = 30
	f.codes = map[string]string{}
	var opts []string
	q := division.Query{Text: f.search.Text, Levels: []models.Level{models.LevelCounty, models.LevelTownship, models.LevelVillage}, ActiveOnly: true}
	found, err := f.s.w.app.Divisions.Search(f.s.w.ctx, q, 0, limit)
	if err != nil {
		f.message.SetText(userMessage(err))
		return
	}
	for _, d := range found {
		label := strings.TrimSpace(d.Path+" "+d.Name) + "（" + d.Code + "）"
		f.codes[label] = d.Code
		opts = append(opts, label)
	}
	f.division.Options = opts
	f.division.ClearSelected()
	if len(opts) == 1 {
		f.division.SetSelected(opts[0])
	}
	f.division.Refresh()
}

func (f *budgetLineForm) onSave() {
	year, err := strconv.Atoi(strings.TrimSpace(f.year.Text))
	if err != nil {
		year = 0 // the service says the year is not valid
	}
	id, err := f.s.w.app.Budget.AddLine(f.s.w.ctx, budget.LineInput{Year: year, DivisionCode: f.codes[f.division.Selected],
		CategoryID: f.s.catIDs[f.category.Selected], Item: f.item.Text, AmountText: f.amount.Text,
		SourceID: f.s.srcIDs[f.source.Selected], Note: f.note.Text})
	if err != nil {
		f.message.SetText(userMessage(err))
		return
	}
	f.saved = id
	f.dlg.Hide()
	if y := strconv.Itoa(year); y != f.s.year.Selected {
		f.s.year.Selected = y
	}
	f.s.shown()
}

// budgetRates is the 执行率汇总 tab: budget, disbursed and execution rate by township,
// category or year.
type budgetRates struct {
	s     *budgetScreen
	by    *widget.RadioGroup
	table *widget.Table
	rows  []budget.RateRow
	root  fyne.CanvasObject
}

// rateHeaders: the first column is named after the grouping.
var rateHeaders = []string{"", "budget.rate_lines", "budget.col_amount", "budget.col_disbursed", "budget.col_rate"}

func newBudgetRates(s *budgetScreen) *budgetRates {
	r := &budgetRates{s: s}
	r.by = widget.NewRadioGroup([]string{T("budget.by_division"), T("budget.by_category"), T("budget.by_year")}, func(string) { r.reload() })
	r.by.Horizontal = true
	r.by.Selected = T("budget.by_division")
	r.by.Required = true
	r.table = widget.NewTable(func() (int, int) { return len(r.rows) + 1, len(rateHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("某某街道办事处（本级）")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, r.updateCell)
	for i, w := range []float32{260, 90, 150, 150, 100} {
		r.table.SetColumnWidth(i, w)
	}
	r.root = container.NewBorder(container.NewHBox(widget.NewLabel(T("budget.rate_by")), r.by), nil, nil, nil, r.table)
	return r
}

func (r *budgetRates) grouping() string {
	switch r.by.Selected {
	case T("budget.by_category"):
		return budget.RateByCategory
	case T("budget.by_year"):
		return budget.RateByYear
	}
	return budget.RateByDivision
}

func (r *budgetRates) reload() {
	if r.s.year == nil {
		return
	}
	year, _ := strconv.Atoi(r.s.year.Selected)
	rows, err := r.s.w.app.Budget.ExecutionSummary(r.s.w.ctx, r.grouping(), year)
	if err != nil {
		r.s.w.showError(err)
		return
	}
	r.rows = rows
	r.table.Refresh()
}

func (r *budgetRates) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0
	l.Alignment = fyne.TextAlignLeading
	if id.Row == 0 {
		if id.Col == 0 {
			l.SetText(T(map[string]string{budget.RateByDivision: "budget.col_township", budget.RateByCategory: "budget.col_category",
				budget.RateByYear: "budget.year"}[r.grouping()]))
			return
		}
		l.SetText(r.s.unitHeader(rateHeaders[id.Col]))
		return
	}
	x := r.rows[id.Row-1]
	if id.Col > 0 {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText([]string{x.Name, strconv.Itoa(x.Lines), r.s.money(x.Amount), r.s.money(x.Disbursed), x.Rate}[id.Col])
}
