package ui

import (
	"fmt"

	"shequ/app/registry"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// registryScreen is 三社互动: social organisations, social and grid workers, grids, joint
// projects and the per-township statistics, one tab each. Every tab reads the service's
// pre-formatted rows once and filters them in memory, so 10,000 rows stay quick.
type registryScreen struct {
	w *MainWindow

	root    fyne.CanvasObject
	tabs    *container.AppTabs
	orgs    *regOrgsTab
	workers *regWorkersTab
	// workerPick are every worker for the pickers, read on first use; nil after the list changed
	workerPick []registry.WorkerRow
	grids      *regGridsTab
	projects   *regProjectsTab
	stats      *regStatsTab

	townNames []string          // township filter labels, by code
	townCodes map[string]string // label → township code
	kept      *filterValues     // what the clerk chose before the screen was released
}

func newRegistryScreen(w *MainWindow) *registryScreen {
	s := &registryScreen{w: w, townCodes: map[string]string{}}
	return s
}

func (s *registryScreen) title() string { return T("nav.registry") }

// content builds the screen on its first visit.
func (s *registryScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *registryScreen) buildUI() {
	s.orgs = newRegOrgsTab(s)
	s.workers = newRegWorkersTab(s)
	s.grids = newRegGridsTab(s)
	s.projects = newRegProjectsTab(s)
	s.stats = newRegStatsTab(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(T("registry.tab_orgs"), s.orgs.root),
		container.NewTabItem(T("registry.tab_workers"), s.workers.root),
		container.NewTabItem(T("registry.tab_grids"), s.grids.root),
		container.NewTabItem(T("registry.tab_projects"), s.projects.root),
		container.NewTabItem(T("registry.tab_stats"), s.stats.root),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.reloadCurrent() }
	s.root = s.tabs
}

func (s *registryScreen) shown() {
	s.loadTownships()
	s.reloadCurrent()
}

// reloadCurrent reads fresh rows for the tab in front.
func (s *registryScreen) reloadCurrent() {
	switch s.tabs.SelectedIndex() {
	case 0:
		s.orgs.reload()
	case 1:
		s.workers.reload()
	case 2:
		s.grids.reload()
	case 3:
		s.projects.reload()
	case 4:
		s.stats.reload()
	}
}

// loadTownships offers, in every township filter, the townships that have registry records.
func (s *registryScreen) loadTownships() {
	towns, err := s.w.app.Registry.Townships(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	seen := map[string]int{}
	for _, t := range towns {
		seen[t[1]]++
	}
	s.townNames = s.townNames[:0]
	s.townCodes = map[string]string{}
	for _, t := range towns {
		label := t[1]
		if seen[label] > 1 { // the same name in two counties
			label = fmt.Sprintf("%s（%s）", t[1], t[0])
		}
		s.townNames = append(s.townNames, label)
		s.townCodes[label] = t[0]
	}
	for _, sel := range []*widget.Select{s.orgs.town, s.workers.town, s.grids.town, s.projects.town} {
		setAllOptions(sel, s.townNames)
	}
}

// townCode is the township code chosen in sel, "" for 全部.
func (s *registryScreen) townCode(sel *widget.Select) string { return s.townCodes[sel.Selected] }

// allSelect is a filter drop-down whose first choice, 全部, matches everything.
func allSelect(opts []string, onChange func()) *widget.Select {
	sel := newSelect(append([]string{T("registry.all")}, opts...), func(string) { onChange() })
	sel.Selected = T("registry.all")
	return sel
}

// setAllOptions replaces a filter's choices, keeping the chosen one while it is still offered.
func setAllOptions(sel *widget.Select, opts []string) {
	sel.Options = append([]string{T("registry.all")}, opts...)
	if !contains(sel.Options, sel.Selected) {
		sel.Selected = T("registry.all")
	}
	sel.Refresh()
}

// chosen is a filter's value, "" for 全部.
func chosen(sel *widget.Select) string {
	if sel.Selected == T("registry.all") {
		return ""
	}
	return sel.Selected
}

// filterBar lays out a search entry with the filter drop-downs after it, each with its label.
func filterBar(search *widget.Entry, labelled ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(T("registry.search")), container.NewHBox(labelled...), search)
}

// onImport chooses a sheet and imports it: every row or, when any row has a problem, none, with
// each problem listed.
func (s *registryScreen) onImport(kind registry.Kind, done func()) {
	chooseSheet(s.w.Win, s.w.showError, func(path string) { s.importPath(kind, path, done) })
}

func (s *registryScreen) importPath(kind registry.Kind, path string, done func()) {
	prog := dialog.NewCustomWithoutButtons(T("registry.import"), widget.NewProgressBarInfinite(), s.w.Win)
	prog.Show()
	runAsync(func() {
		res, err := s.w.app.Registry.Import(s.w.ctx, kind, path)
		fyne.Do(func() {
			prog.Hide()
			switch {
			case err != nil:
				s.w.showError(err)
			case !res.OK:
				s.showImportErrors(res)
			default:
				dialog.ShowInformation(T("registry.import"), Tf("registry.imported", map[string]any{
					"File": res.File, "Sheet": res.Sheet, "Rows": res.Rows}), s.w.Win)
				s.loadTownships()
				done()
			}
		})
	})
}

func (s *registryScreen) showImportErrors(res registry.ImportResult) {
	list := widget.NewList(func() int { return len(res.Errors) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(res.Errors[i].String()) })
	head := widget.NewLabel(Tf("registry.import_refused", map[string]any{"File": res.File, "N": len(res.Errors)}))
	head.Wrapping = fyne.TextWrapWord
	d := dialogCustom(T("registry.import"), container.NewBorder(head, nil, nil, nil, list), s.w.Win)
	d.Resize(fyne.NewSize(900, 520))
	d.Show()
}

// onExport asks whether personal data goes out in full (audited by the service), then where to save.
func (s *registryScreen) onExport(kind registry.Kind, fullLabel, fileName string) {
	full := widget.NewCheck(fullLabel, nil)
	note := widget.NewLabel(T("registry.export_masked_note"))
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(T("registry.export"), T("registry.export_go"), T("dialog.cancel"),
		container.NewVBox(note, full), func(ok bool) {
			if !ok {
				return
			}
			withPersonal := full.Checked
			s.w.saveAs(fileName, func(wr fyne.URIWriteCloser) error {
				_, err := s.w.app.Registry.Export(s.w.ctx, kind, withPersonal, wr)
				return err
			})
		}, s.w.Win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (s *registryScreen) onTemplate(kind registry.Kind, fileName string) {
	s.w.saveAs(fileName, func(wr fyne.URIWriteCloser) error { return s.w.app.Registry.Template(kind, wr) })
}

// confirmDelete asks before removing what, then runs del and done.
func (s *registryScreen) confirmDelete(what string, del func() error, done func()) {
	dialog.ShowConfirm(T("registry.delete"), Tf("registry.delete_confirm", map[string]any{"Name": what}), func(ok bool) {
		if !ok {
			return
		}
		if err := del(); err != nil {
			s.w.showError(err)
			return
		}
		done()
	}, s.w.Win)
}

// regList is what every registry tab keeps for its main table: the rows as read, the rows the
// filters keep, and the chosen one.
type regList[R any] struct {
	s     *registryScreen
	table *widget.Table
	count *widget.Label
	all   []R // as read; nil until read
	rows  []R // after the filters
	sel   int

	read   func() ([]R, error)
	filter func([]R) []R
	counts string // translation key of "showing N of All"
	choose string // translation key of "choose one first"
}

func newRegList[R any](s *registryScreen, counts, choose string) *regList[R] {
	return &regList[R]{s: s, sel: -1, count: widget.NewLabel(""), counts: counts, choose: choose}
}

// reload reads every row off the UI goroutine, then filters.
func (l *regList[R]) reload() {
	runAsync(func() {
		rows, err := l.read()
		fyne.Do(func() {
			if err != nil {
				l.s.w.showError(err)
				return
			}
			l.all = rows
			l.applyFilter()
		})
	})
}

func (l *regList[R]) applyFilter() {
	l.rows, l.sel = l.filter(l.all), -1
	l.table.UnselectAll()
	l.table.Refresh()
	l.count.SetText(Tf(l.counts, map[string]any{"N": len(l.rows), "All": len(l.all)}))
}

// selected is the chosen row, telling the user to choose one when there is none.
func (l *regList[R]) selected() (R, bool) {
	if l.sel < 0 || l.sel >= len(l.rows) {
		var zero R
		dialog.ShowInformation(T("nav.registry"), T(l.choose), l.s.w.Win)
		return zero, false
	}
	return l.rows[l.sel], true
}
