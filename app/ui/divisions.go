package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/division"
	"shequ/models"
)

// divisionsScreen is 区划与社区: the lazy division tree, a search whose hits are listed a window
// at a time from the database in the tree's place, and a detail panel.
type divisionsScreen struct {
	w *MainWindow

	root        fyne.CanvasObject
	search      *widget.Entry
	showRetired *widget.Check
	hits        *widget.Label
	tree        *widget.Tree
	found       *pagedRows[division.Hit] // the hits of the search, a window at a time
	results     *widget.List             // shown instead of the tree while a search is on
	reads       latest                   // a late answer of an older search is dropped
	detail      *divisionDetail

	kept *divisionsKept // what the clerk chose before the screen was released
}

func newDivisionsScreen(w *MainWindow) *divisionsScreen {
	s := &divisionsScreen{w: w}
	return s
}

func (s *divisionsScreen) title() string { return T("nav.divisions") }

// content builds the screen on its first visit.
func (s *divisionsScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *divisionsScreen) buildUI() {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("div.search_placeholder"))
	s.search.OnChanged = func(string) { s.onSearch() }
	s.search.OnSubmitted = func(string) { s.onSearchSubmitted() }
	s.showRetired = widget.NewCheck(T("div.show_retired"), func(bool) { s.onSearch() })
	s.hits = widget.NewLabel("")
	s.tree = widget.NewTree(s.childUIDs, s.isBranch, s.createNode, s.updateNode)
	s.tree.OnSelected = s.onSelected
	s.found = newPagedRows[division.Hit](s.w.ctx, func() { s.results.Refresh() }, s.w.showError)
	s.results = widget.NewList(s.found.len, s.createHit, s.updateHit)
	s.results.OnSelected = s.onHitSelected
	s.results.Hide()
	s.detail = newDivisionDetail(s)
	left := container.NewBorder(container.NewVBox(s.search, container.NewHBox(s.showRetired, s.hits)), nil, nil, nil,
		container.NewStack(s.tree, s.results))
	split := container.NewHSplit(left, s.detail.root)
	split.Offset = 0.36
	s.root = split
}

func (s *divisionsScreen) shown() {
	if err := s.w.app.Divisions.Load(s.w.ctx); err != nil {
		s.w.showError(err)
	}
	s.tree.Refresh()
}

func (s *divisionsScreen) divisionsUnder(uid string) []models.Division {
	ctx, svc := s.w.ctx, s.w.app.Divisions
	var kids []models.Division
	var err error
	if uid == "" {
		kids, err = svc.Roots(ctx)
	} else {
		kids, err = svc.Children(ctx, uid)
	}
	if err != nil {
		fyne.LogError("读取下级区划失败", err)
		return nil
	}
	return kids
}

func (s *divisionsScreen) childUIDs(uid string) []string {
	kids := s.divisionsUnder(uid)
	out := make([]string, 0, len(kids))
	for _, d := range kids {
		if !d.Active() && !s.showRetired.Checked {
			continue
		}
		out = append(out, d.Code)
	}
	return out
}

func (s *divisionsScreen) isBranch(uid string) bool {
	if uid == "" {
		return true
	}
	d, err := s.w.app.Divisions.Get(s.w.ctx, uid)
	return err == nil && d.Level != models.LevelVillage
}

func (s *divisionsScreen) createNode(bool) fyne.CanvasObject {
	l := widget.NewLabel("某某社区居民委员会")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (s *divisionsScreen) updateNode(uid string, _ bool, o fyne.CanvasObject) {
	d, err := s.w.app.Divisions.Get(s.w.ctx, uid)
	if err != nil {
		return
	}
	text := d.Name
	if !d.Active() {
		text += T("div.retired_suffix")
	}
	o.(*widget.Label).SetText(text)
}

// onSearch lists the divisions the search finds in the tree's place: their count and first
// window read off the UI goroutine; with no text the tree comes back.
func (s *divisionsScreen) onSearch() {
	q := division.Query{Text: s.search.Text, ActiveOnly: !s.showRetired.Checked}
	if strings.TrimSpace(q.Text) == "" {
		s.reads.stop()
		s.hits.SetText("")
		s.results.Hide()
		s.tree.Show()
		s.tree.Refresh()
		return
	}
	type first struct {
		n    int
		hits []division.Hit
	}
	ctx, svc := s.w.ctx, s.w.app.Divisions
	readLatest(&s.reads, s.w, func() (f first, err error) {
		if f.n, err = svc.CountSearch(ctx, q); err == nil {
			f.hits, err = svc.Search(ctx, q, 0, pageWindow)
		}
		return f, err
	}, func(f first) {
		s.found.reset(f.n, f.hits, func(ctx context.Context, offset, limit int) ([]division.Hit, error) {
			return svc.Search(ctx, q, offset, limit)
		})
		s.hits.SetText(Tf("div.hits", map[string]any{"N": f.n}))
		s.tree.Hide()
		s.results.Show()
		s.results.UnselectAll()
		s.results.ScrollToTop()
		s.results.Refresh()
	})
}

// createHit is one row of the hits: the name, and where it lies at the right.
func (s *divisionsScreen) createHit() fyne.CanvasObject {
	name := widget.NewLabel("某某社区居民委员会")
	name.Truncation = fyne.TextTruncateEllipsis
	path := widget.NewLabel("某某县 某某镇")
	path.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, path, name)
}

func (s *divisionsScreen) updateHit(i widget.ListItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	name, path := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Label)
	h, ok := s.found.row(i)
	if !ok {
		name.SetText("")
		path.SetText("")
		return
	}
	text := h.Name
	if !h.Active() {
		text += T("div.retired_suffix")
	}
	name.SetText(text)
	path.SetText(h.Path)
}

func (s *divisionsScreen) onHitSelected(i widget.ListItemID) {
	if h, ok := s.found.row(i); ok {
		s.detail.show(h.Code)
	}
}

// onSearchSubmitted opens the first hit when the user presses Enter.
func (s *divisionsScreen) onSearchSubmitted() {
	if s.found.len() > 0 && s.results.Visible() {
		s.results.Select(0)
	}
}

// Select opens the tree down to code and selects it, ending a search.
func (s *divisionsScreen) Select(code string) {
	if s.search.Text != "" {
		s.search.SetText("") // brings the tree back
	}
	anc, err := s.w.app.Divisions.Ancestors(s.w.ctx, code)
	if err != nil {
		return
	}
	for _, a := range anc {
		s.tree.OpenBranch(a.Code)
	}
	s.tree.Select(code)
	s.tree.ScrollTo(code)
}

func (s *divisionsScreen) onSelected(uid string) {
	s.detail.show(uid)
}

// reload is called after a division was added, renamed or retired: the tree (or the hits of
// the search) read again, and the division shown.
func (s *divisionsScreen) reload(selectCode string) {
	s.tree.Refresh()
	if s.search.Text != "" {
		s.onSearch()
	} else if selectCode != "" {
		s.Select(selectCode)
	}
	if selectCode != "" {
		s.detail.show(selectCode)
	}
}
