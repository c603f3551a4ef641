package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// searchOpenLimit: with at most this many hits the tree opens down to each hit; with more it
// only opens the counties, so a one-character search stays instant.
const searchOpenLimit = 150

// divisionsScreen is 区划与社区: the lazy division tree with search, and a detail panel.
type divisionsScreen struct {
	w *MainWindow

	root        fyne.CanvasObject
	search      *widget.Entry
	showRetired *widget.Check
	hits        *widget.Label
	tree        *widget.Tree
	detail      *divisionDetail

	// visible is nil when no search is active; otherwise the matches and their ancestors.
	visible map[string]bool
	kept    *divisionsKept // what the clerk chose before the screen was released
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
	s.detail = newDivisionDetail(s)
	left := container.NewBorder(container.NewVBox(s.search, container.NewHBox(s.showRetired, s.hits)), nil, nil, nil, s.tree)
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
		if s.visible != nil && !s.visible[d.Code] {
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

// onSearch narrows the tree to the matches and the divisions above them.
func (s *divisionsScreen) onSearch() {
	q := s.search.Text
	s.tree.CloseAllBranches()
	if q == "" {
		s.visible = nil
		s.hits.SetText("")
		s.tree.Refresh()
		return
	}
	ctx, svc := s.w.ctx, s.w.app.Divisions
	found, err := svc.Search(ctx, q, 0)
	if err != nil {
		s.w.showError(err)
		return
	}
	visible := map[string]bool{}
	count := 0
	// Each branch is opened once: every OpenBranch re-lays out the tree.
	var open []string
	opened := map[string]bool{}
	for _, d := range found {
		if !d.Active() && !s.showRetired.Checked {
			continue
		}
		count++
		visible[d.Code] = true
		anc, _ := svc.Ancestors(ctx, d.Code)
		for i, a := range anc {
			// anc[0] is the city, anc[1] the county.
			if i >= 1 && !opened[a.Code] {
				opened[a.Code] = true
				open = append(open, a.Code)
			}
			visible[a.Code] = true
		}
	}
	s.visible = visible
	s.hits.SetText(Tf("div.hits", map[string]any{"N": count}))
	s.tree.Refresh()
	for _, code := range open {
		if count <= searchOpenLimit {
			s.tree.OpenBranch(code)
		} else if d, _ := svc.Get(ctx, code); d.Level == models.LevelCounty {
			s.tree.OpenBranch(code)
		}
	}
}

// onSearchSubmitted selects the first match when the user presses Enter.
func (s *divisionsScreen) onSearchSubmitted() {
	found, err := s.w.app.Divisions.Search(s.w.ctx, s.search.Text, 0)
	if err != nil || len(found) == 0 {
		return
	}
	s.Select(found[0].Code)
}

// Select opens the tree down to code and selects it.
func (s *divisionsScreen) Select(code string) {
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

// reload is called after a division was added, renamed or retired.
func (s *divisionsScreen) reload(selectCode string) {
	s.onSearch()
	if selectCode != "" {
		s.Select(selectCode)
		s.detail.show(selectCode)
	}
}
