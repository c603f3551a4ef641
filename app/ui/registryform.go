package ui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/division"
	"shequ/app/registry"
	"shequ/models"
)

// formDialog shows body with 保存 and 取消; it stays open while save fails, so the clerk fixes
// what the error dialog lists without typing everything again.
func (s *registryScreen) formDialog(title string, body fyne.CanvasObject, size fyne.Size, save func() error) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, container.NewVScroll(body), s.w.Win)
	ok := widget.NewButton(T("registry.save"), func() {
		s.w.trySave(save, d.Hide, func() { d.Hide(); s.reloadCurrent() }, s.w.showError)
	})
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(T("dialog.cancel"), d.Hide), ok})
	d.Resize(size)
	d.Show()
	return d
}

// addErr adds err to v, field by field when it is a validation error.
func addErr(v *models.ValidationError, field string, err error) {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		v.Fields = append(v.Fields, ve.Fields...)
		return
	}
	v.Add(field, strings.TrimPrefix(err.Error(), models.ErrInvalid.Error()+"："))
}

// optDate reads an optional day: empty is the zero time.
func optDate(v *models.ValidationError, label, text string) time.Time {
	if strings.TrimSpace(text) == "" {
		return time.Time{}
	}
	t, err := models.ParseDate(text)
	if err != nil {
		addErr(v, label, err)
	}
	return t
}

// pickItem is one thing a pickList offers: a division (code) or a record (id).
type pickItem struct {
	code  string
	id    int64
	label string
}

// pickList chooses one or several items found by typing: a search entry, a drop-down of what it
// matches, and the chosen items, each removable.
type pickList struct {
	find   func(q string) []pickItem
	single bool
	items  []pickItem
	found  []pickItem
	search *widget.Entry
	match  *widget.Select
	list   *widget.List
	one    *widget.Label
	root   fyne.CanvasObject
	// onChange is called when the chosen items change.
	onChange func()
}

const pickLimit = 50

func newPickList(single bool, find func(string) []pickItem) *pickList {
	p := &pickList{find: find, single: single}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(T("registry.pick_hint"))
	p.match = newSelect(nil, p.onMatch)
	p.match.PlaceHolder = T("registry.pick_none")
	p.search.OnChanged = p.onSearch
	top := container.NewGridWithColumns(2, p.search, p.match)
	if single {
		p.one = widget.NewLabel(T("registry.not_chosen"))
		p.one.Truncation = fyne.TextTruncateEllipsis
		p.root = container.NewVBox(top, p.one)
		return p
	}
	p.list = widget.NewList(func() int { return len(p.items) }, func() fyne.CanvasObject {
		l := widget.NewLabel("某某社区居民委员会（某某街道）")
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, nil, widget.NewButton(T("registry.remove"), nil), l)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		c.Objects[0].(*widget.Label).SetText(p.items[i].label)
		c.Objects[1].(*widget.Button).OnTapped = func() { p.remove(i) }
	})
	p.root = container.NewBorder(top, nil, nil, nil, container.NewGridWrap(fyne.NewSize(440, 110), p.list))
	return p
}

func (p *pickList) onSearch(q string) {
	p.found = nil
	if strings.TrimSpace(q) != "" {
		p.found = p.find(q)
	}
	if len(p.found) > pickLimit {
		p.found = p.found[:pickLimit]
	}
	labels := make([]string, len(p.found))
	for i, it := range p.found {
		labels[i] = it.label
	}
	p.match.Options = labels
	switch {
	case strings.TrimSpace(q) == "":
		p.match.PlaceHolder = T("registry.pick_none")
	case len(labels) == 0:
		p.match.PlaceHolder = T("registry.pick_nothing")
	default:
		p.match.PlaceHolder = Tf("registry.pick_found", map[string]any{"N": len(labels)})
	}
	p.match.ClearSelected()
	p.match.Refresh()
}

func (p *pickList) onMatch(label string) {
	i := slices.IndexFunc(p.found, func(it pickItem) bool { return it.label == label })
	if label == "" || i < 0 {
		return
	}
	p.add(p.found[i])
	p.match.ClearSelected()
}

func (p *pickList) add(it pickItem) {
	if p.single {
		p.items = []pickItem{it}
	} else if !slices.ContainsFunc(p.items, func(x pickItem) bool { return x.code == it.code && x.id == it.id }) {
		p.items = append(p.items, it)
	}
	p.refresh()
}

func (p *pickList) remove(i int) {
	if i >= 0 && i < len(p.items) {
		p.items = slices.Delete(p.items, i, i+1)
		p.refresh()
	}
}

// set replaces the chosen items (opening a form on an existing record).
func (p *pickList) set(items []pickItem) {
	p.items = items
	p.refresh()
}

func (p *pickList) refresh() {
	if p.single {
		if len(p.items) == 0 {
			p.one.SetText(T("registry.not_chosen"))
		} else {
			p.one.SetText(T("registry.chosen") + p.items[0].label)
		}
	} else {
		p.list.Refresh()
	}
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *pickList) codes() []string {
	out := make([]string, len(p.items))
	for i, it := range p.items {
		out[i] = it.code
	}
	return out
}

func (p *pickList) ids() []int64 {
	out := make([]int64, len(p.items))
	for i, it := range p.items {
		out[i] = it.id
	}
	return out
}

// code is the single chosen division, "" when none.
func (p *pickList) code() string {
	if len(p.items) == 0 {
		return ""
	}
	return p.items[0].code
}

// divItem labels a division with the unit above it, as two villages may share a name.
func (s *registryScreen) divItem(code string) pickItem {
	d, err := s.w.app.Divisions.Get(s.w.ctx, code)
	if err != nil {
		return pickItem{code: code, label: code}
	}
	label := d.Name
	if p, err := s.w.app.Divisions.Get(s.w.ctx, d.ParentCode); err == nil {
		label += "（" + p.Name + "）"
	}
	return pickItem{code: code, label: label}
}

func (s *registryScreen) divItems(codes []string) []pickItem {
	out := make([]pickItem, len(codes))
	for i, c := range codes {
		out[i] = s.divItem(c)
	}
	return out
}

// findDivisions searches the database for the active villages/communities, and
// townships too unless villageOnly.
func (s *registryScreen) findDivisions(villageOnly bool) func(string) []pickItem {
	return func(q string) []pickItem {
		levels := []models.Level{models.LevelVillage}
		if !villageOnly {
			levels = append(levels, models.LevelTownship)
		}
		found, err := s.w.app.Divisions.Search(s.w.ctx, division.Query{Text: q, Levels: levels, ActiveOnly: true}, 0, pickLimit)
		if err != nil {
			s.w.showError(err)
			return nil
		}
		var out []pickItem
		for _, d := range found {
			out = append(out, s.divItem(d.Code))
		}
		return out
	}
}

// orgRows are the organisations for pickers: the tab's rows when it has read them.
func (s *registryScreen) orgRows() []registry.OrgRow {
	if s.orgs.all == nil {
		rows, err := s.w.app.Registry.OrgRows(s.w.ctx)
		if err != nil {
			s.w.showError(err)
		}
		s.orgs.all = rows
	}
	return s.orgs.all
}

// workerRows are the workers for the pickers, read when a picker first needs them (the tab
// itself holds only a window of them).
func (s *registryScreen) workerRows() []registry.WorkerRow {
	if s.workerPick == nil {
		rows, err := s.w.app.Registry.WorkerRows(s.w.ctx)
		if err != nil {
			s.w.showError(err)
		}
		s.workerPick = rows
	}
	return s.workerPick
}

func orgItem(r registry.OrgRow) pickItem {
	return pickItem{id: r.ID, label: r.Name + "（" + r.Division + "）"}
}

func workerItem(r registry.WorkerRow) pickItem {
	return pickItem{id: r.ID, label: r.Name + "（" + r.Post + "，" + r.Division + "）"}
}

func (s *registryScreen) findOrgs(q string) []pickItem {
	var out []pickItem
	for _, r := range registry.FilterOrgs(s.orgRows(), registry.Filter{Text: q}) {
		if out = append(out, orgItem(r)); len(out) == pickLimit {
			break
		}
	}
	return out
}

func (s *registryScreen) findWorkers(q string) []pickItem {
	var out []pickItem
	for _, r := range registry.FilterWorkers(s.workerRows(), registry.Filter{Text: q}) {
		if out = append(out, workerItem(r)); len(out) == pickLimit {
			break
		}
	}
	return out
}

func (s *registryScreen) orgItems(ids []int64) []pickItem {
	var out []pickItem
	for _, r := range s.orgRows() {
		if slices.Contains(ids, r.ID) {
			out = append(out, orgItem(r))
		}
	}
	return out
}

func (s *registryScreen) workerItems(ids []int64) []pickItem {
	var out []pickItem
	for _, r := range s.workerRows() {
		if slices.Contains(ids, r.ID) {
			out = append(out, workerItem(r))
		}
	}
	return out
}
