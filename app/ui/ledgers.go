package ui

import (
	"context"

	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/division"
	"shequ/models"
)

// ledgersScreen is 民主自治: pick a village or community and a year, then one tab per ledger,
// and a tab with the township's gaps.
type ledgersScreen struct {
	w *MainWindow

	root    fyne.CanvasObject
	search  *widget.Entry
	found   []models.Division
	results *widget.List // the matches of the search, in place of the ledgers while typing
	// pickList shows results with pickCount above them; picking sets the text without searching.
	pickList  fyne.CanvasObject
	pickCount *widget.Label
	picking   bool
	year      *widget.Select
	place     *widget.Label
	stats     *widget.Label
	tabs      *container.AppTabs
	body      *fyne.Container
	empty     fyne.CanvasObject
	ledgers   []*ledgerTab
	bodies    []*ledgerBody
	gaps      *ledgerGaps
	files     *meetingFiles // the open attachments dialog, if any
	upward    *ledgerUpward

	code string       // the village shown; "" before one is picked
	kept *ledgersKept // what the clerk chose before the screen was released
}

func newLedgersScreen(w *MainWindow) *ledgersScreen {
	s := &ledgersScreen{w: w}
	return s
}

func (s *ledgersScreen) title() string { return T("nav.ledgers") }

// content builds the screen on its first visit.
func (s *ledgersScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *ledgersScreen) buildUI() {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("ledgers.search_placeholder"))
	s.search.OnChanged = func(string) { s.onSearch() }
	s.search.OnSubmitted = func(string) {
		if len(s.found) > 0 {
			s.results.Select(0)
		}
	}
	s.results = widget.NewList(func() int { return len(s.found) },
		func() fyne.CanvasObject { return widget.NewLabel("某某村（某某镇）") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.label(s.found[i])) })
	s.results.OnSelected = s.onPicked
	s.pickCount = widget.NewLabel("")
	s.pickList = container.NewBorder(s.pickCount, nil, nil, nil, s.results)
	this := time.Now().Year()
	var years []string
	for y := this + 1; y >= this-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = newSelect(years, func(string) { s.reload() })
	s.year.SetSelected(strconv.Itoa(this))
	s.place = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.stats = widget.NewLabel("")
	s.stats.Wrapping = fyne.TextWrapWord
	s.place.Hide() // until a village is open: no blank band above the hint
	s.stats.Hide()

	s.ledgers = newLedgerTabs(s)
	s.bodies = []*ledgerBody{newCouncilBody(s), newSupervisionBody(s)}
	s.gaps = newLedgerGaps(s)
	s.upward = newLedgerUpward(s)
	var items []*container.TabItem
	for _, t := range s.ledgers {
		items = append(items, container.NewTabItem(t.name, t.root))
	}
	for _, b := range s.bodies {
		items = append(items, container.NewTabItem(b.name, b.root))
	}
	items = append(items, container.NewTabItem(T("ledgers.tab_gaps"), s.gaps.root),
		container.NewTabItem(T("ledgers.tab_upward"), s.upward.root))
	s.tabs = container.NewAppTabs(items...)
	s.tabs.SetTabLocation(container.TabLocationTop)
	s.tabs.OnSelected = func(*container.TabItem) { s.refreshCurrent() }

	s.empty = container.NewCenter(widget.NewLabel(T("ledgers.pick_first")))
	s.body = container.NewStack(s.empty)
	yearBox := container.NewHBox(widget.NewLabel(T("ledgers.year")), s.year)
	pick := container.NewBorder(nil, nil, widget.NewLabel(T("ledgers.village")), yearBox, s.search)
	top := container.NewVBox(pick, s.place, s.stats, widget.NewSeparator())
	s.root = container.NewPadded(container.NewBorder(top, nil, nil, nil, s.body))
}

func (s *ledgersScreen) shown() {
	if err := s.w.app.Divisions.Load(s.w.ctx); err != nil {
		s.w.showError(err)
	}
	if s.code != "" {
		s.reload()
	}
}

// onSearch lists the villages and communities matching the search text in place of the
// ledgers; with no text, the ledgers of the open village (or the hint) come back.
func (s *ledgersScreen) onSearch() {
	if s.picking {
		return
	}
	if strings.TrimSpace(s.search.Text) == "" {
		s.found = nil
		s.showBody()
		return
	}
	q := division.Query{Text: s.search.Text, Levels: []models.Level{models.LevelVillage}, ActiveOnly: true}
	found, err := s.w.app.Divisions.Search(s.w.ctx, q, 0, 50)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.found = s.found[:0]
	var names []string
	for _, d := range found {
		s.found = append(s.found, d.Division)
		names = append(names, s.label(d.Division))
	}
	switch {
	case len(names) == 0:
		s.pickCount.SetText(Tf("ledgers.pick_none", map[string]any{"Text": s.search.Text}))
	case len(names) == 50:
		s.pickCount.SetText(T("ledgers.pick_many"))
	default:
		s.pickCount.SetText(Tf("ledgers.pick_some", map[string]any{"N": len(names)}))
	}
	s.results.UnselectAll()
	s.results.Refresh()
	s.results.ScrollToTop()
	s.body.Objects = []fyne.CanvasObject{s.pickList}
	s.body.Refresh()
}

// showBody shows the ledgers of the open village, or the hint to pick one first.
func (s *ledgersScreen) showBody() {
	if s.code == "" {
		s.body.Objects = []fyne.CanvasObject{s.empty}
	} else {
		s.body.Objects = []fyne.CanvasObject{s.tabs}
	}
	s.body.Refresh()
}

// label names a village with its township, so two 新华村 can be told apart.
func (s *ledgersScreen) label(d models.Division) string {
	if t, err := s.w.app.Divisions.Get(s.w.ctx, d.ParentCode); err == nil {
		return models.ShortName(d.Name) + "（" + models.ShortName(t.Name) + "）"
	}
	return models.ShortName(d.Name)
}

func (s *ledgersScreen) onPicked(i widget.ListItemID) {
	if i < 0 || i >= len(s.found) {
		return
	}
	code := s.found[i].Code
	s.picking = true
	s.search.SetText("")
	s.picking = false
	s.found = nil
	s.Open(code)
}

// Open shows the ledgers of a village or community.
func (s *ledgersScreen) Open(code string) {
	d, err := s.w.app.Divisions.Get(s.w.ctx, code)
	if err != nil || d.Level != models.LevelVillage {
		return
	}
	s.code = code
	for _, b := range s.bodies {
		b.reset()
	}
	anc, _ := s.w.app.Divisions.Ancestors(s.w.ctx, code)
	names := []string{}
	for _, a := range anc[min(1, len(anc)):] {
		names = append(names, a.Name)
	}
	s.place.SetText(strings.Join(append(names, d.Name), " › "))
	s.place.Show()
	s.stats.Show()
	s.showBody()
	s.reload()
}

func (s *ledgersScreen) selectedYear() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

// reload refreshes the stats line and the tab in view.
func (s *ledgersScreen) reload() {
	if s.code == "" || s.tabs == nil {
		return
	}
	s.refreshStats()
	s.refreshCurrent()
}

func (s *ledgersScreen) refreshStats() {
	y, err := s.w.app.Ledgers.Year(s.w.ctx, s.code, s.selectedYear())
	if err != nil {
		s.w.showError(err)
		return
	}
	meetings := 0
	for _, n := range y.MeetingsByKind {
		meetings += n
	}
	s.stats.SetText(Tf("ledgers.stats", map[string]any{
		"Year": y.Year, "Meetings": meetings, "Sentiment": y.MeetingsByKind[models.MeetingSentiment],
		"Opinions": y.Opinions, "Rate": y.Replies.String(), "Overdue": y.Overdue,
		"Consultations": y.Consultations, "Disclosures": y.Disclosures, "Coverage": y.EstateCover.String(),
	}))
}

func (s *ledgersScreen) refreshCurrent() {
	if s.code == "" {
		return
	}
	i := s.tabs.SelectedIndex()
	switch {
	case i < len(s.ledgers):
		s.ledgers[i].refresh()
	case i < len(s.ledgers)+len(s.bodies):
		s.bodies[i-len(s.ledgers)].load()
	case i == len(s.ledgers)+len(s.bodies):
		s.gaps.refresh()
	default:
		s.upward.refresh()
	}
}

// changed is called after any save or delete: counts move, the tab reloads.
func (s *ledgersScreen) changed() { s.reload() }

// ledgerRow is one row of a ledger table: its cells and its entry's id.
type ledgerRow struct {
	cells []string
	id    int64
}

// ledgerReader reads a long ledger a window at a time; made on the UI goroutine with the
// village and year of the moment, its functions run off it.
type ledgerReader struct {
	count func(ctx context.Context) (int, error)
	page  func(ctx context.Context, offset, limit int) ([]ledgerRow, error)
}

// ledgerTab is one list ledger: a table of pre-formatted rows with 新增, 修改 and 删除.
type ledgerTab struct {
	s       *ledgersScreen
	name    string
	headers []string
	widths  []float32
	// load returns the rows to show and the id of each row (a ledger short enough to hold).
	load func() ([][]string, []int64, error)
	// pages, when set instead of load, reads the ledger a window at a time (meetings, opinions).
	pages func() ledgerReader
	// edit opens the form for a row (id 0: a new one).
	edit func(id int64)
	del  func(id int64) error
	// extra buttons beside 新增/修改/删除 (e.g. 记录下一环节), enabled only with a row selected.
	extra []*widget.Button

	root     fyne.CanvasObject
	table    *widget.Table
	count    *widget.Label
	rows     *pagedRows[ledgerRow]
	selected *ledgerRow // by value: the window it came from may move on
	seq      int
	editBtn  *widget.Button
	delBtn   *widget.Button
}

func (t *ledgerTab) build() *ledgerTab {
	t.count = widget.NewLabel("")
	t.rows = newPagedRows[ledgerRow](t.s.w.ctx, func() { t.table.Refresh() }, t.s.w.showError)
	t.table = rowTable(t.headers, t.widths, t.rows.len,
		func(row, col int) string {
			if r, ok := t.rows.row(row); ok {
				return r.cells[col]
			}
			return ""
		}, func(row int) {
			t.selected = nil
			if r, ok := t.rows.row(row); ok {
				t.selected = &r
			}
			t.enable()
		})
	add := widget.NewButtonWithIcon(T("ledgers.add"), theme.ContentAddIcon(), func() { t.edit(0) })
	add.Importance = widget.HighImportance
	t.editBtn = widget.NewButtonWithIcon(T("ledgers.edit"), theme.DocumentCreateIcon(), func() {
		if id := t.selectedID(); id != 0 {
			t.edit(id)
		}
	})
	t.delBtn = widget.NewButtonWithIcon(T("ledgers.delete"), theme.DeleteIcon(), t.onDelete)
	bar := container.NewHBox(add, t.editBtn, t.delBtn)
	for _, b := range t.extra {
		bar.Add(b)
	}
	bar.Add(layout.NewSpacer())
	bar.Add(t.count)
	t.root = container.NewBorder(bar, nil, nil, nil, t.table)
	t.enable()
	return t
}

func (t *ledgerTab) selectedID() int64 {
	if t.selected == nil {
		return 0
	}
	return t.selected.id
}

func (t *ledgerTab) enable() {
	on := t.selectedID() != 0
	setEnabled(t.editBtn, on)
	setEnabled(t.delBtn, on)
	for _, b := range t.extra {
		setEnabled(b, on)
	}
}

func (t *ledgerTab) refresh() {
	if t.pages != nil {
		t.refreshPaged()
		return
	}
	cells, ids, err := t.load()
	if err != nil {
		t.s.w.showError(err)
		return
	}
	rows := make([]ledgerRow, len(cells))
	for i := range cells {
		rows[i] = ledgerRow{cells: cells[i], id: ids[i]}
	}
	t.show(len(rows), rows, nil)
}

// refreshPaged reads the count and the first window off the UI goroutine.
func (t *ledgerTab) refreshPaged() {
	r := t.pages()
	t.seq++
	seq := t.seq
	runAsync(func() {
		n, err := r.count(t.s.w.ctx)
		var first []ledgerRow
		if err == nil {
			first, err = r.page(t.s.w.ctx, 0, pageWindow)
		}
		fyne.Do(func() {
			if seq != t.seq {
				return
			}
			if err != nil {
				t.s.w.showError(err)
				return
			}
			t.show(n, first, r.page)
		})
	})
}

func (t *ledgerTab) show(n int, first []ledgerRow, page func(context.Context, int, int) ([]ledgerRow, error)) {
	t.seq++ // a paged read still under way is older than this
	t.rows.reset(n, first, page)
	t.selected = nil
	t.table.UnselectAll()
	t.count.SetText(Tf("ledgers.count", map[string]any{"N": n}))
	t.table.Refresh()
	t.enable()
}

func (t *ledgerTab) onDelete() {
	id := t.selectedID()
	if id == 0 {
		return
	}
	dialog.ShowConfirm(T("ledgers.delete"), Tf("ledgers.delete_confirm", map[string]any{"What": t.selected.cells[0]}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := t.del(id); err != nil {
				t.s.w.showError(err)
				return
			}
			t.s.changed()
		}, t.s.w.Win)
}
