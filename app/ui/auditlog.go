package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/auth"
	"shequ/models"
)

// auditScreen is 操作日志: who changed what, filtered by day, user, module and record. Read-only.
type auditScreen struct {
	w *MainWindow

	root           fyne.CanvasObject
	from, to, text *widget.Entry
	actor, module  *widget.Select
	count          *widget.Label
	table          *widget.Table
	detail         *widget.Label             // the selected entry in full: the table cuts long changes
	rows           *pagedRows[auth.AuditRow] // a window of the matching entries; the trail may hold 200,000
	reads          latest                    // an older read that arrives late is dropped
	kept           *filterValues             // what the clerk chose before the screen was released
}

var auditColumns = []struct {
	key   string
	width float32
}{{"audit.at", 150}, {"audit.actor", 90}, {"audit.module", 130}, {"audit.record", 140}, {"audit.action", 60},
	{"audit.changes", 320}, {"audit.note", 210}}

func newAuditScreen(w *MainWindow) *auditScreen { return &auditScreen{w: w} }

func (s *auditScreen) buildUI() {
	s.from, s.to, s.text = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.from.SetPlaceHolder(T("audit.from_hint"))
	s.to.SetPlaceHolder(T("audit.to_hint"))
	s.text.SetPlaceHolder(T("audit.text_hint"))
	s.actor = newSelect(nil, func(string) { s.onFilter() })
	s.module = newSelect(nil, func(string) { s.onFilter() })
	s.actor.PlaceHolder, s.module.PlaceHolder = T("audit.all_users"), T("audit.all_modules")
	for _, e := range []*widget.Entry{s.from, s.to, s.text} {
		e.OnSubmitted = func(string) { s.onFilter() }
	}
	search := widget.NewButtonWithIcon(T("audit.search"), theme.SearchIcon(), s.onFilter)
	reset := widget.NewButton(T("audit.reset"), s.onReset)
	export := widget.NewButtonWithIcon(T("audit.export"), theme.DocumentSaveIcon(), s.onExport)
	s.count = widget.NewLabel("")
	headers, widths := make([]string, len(auditColumns)), make([]float32, len(auditColumns))
	for i, c := range auditColumns {
		headers[i], widths[i] = T(c.key), c.width
	}
	s.rows = newPagedRows[auth.AuditRow](s.w.ctx, func() { s.table.Refresh() }, s.w.showError)
	s.table = rowTable(headers, widths, s.rows.len, func(row, col int) string {
		r, ok := s.rows.row(row)
		if !ok {
			return ""
		}
		return []string{r.At, r.Actor, r.Module, r.Record, r.Action, r.Changes, r.Note}[col]
	}, s.onRow)
	s.detail = widget.NewLabel(T("audit.detail_hint"))
	s.detail.Wrapping = fyne.TextWrapWord
	filters := container.NewGridWithColumns(5, s.from, s.to, s.actor, s.module, s.text)
	bar := container.NewHBox(search, reset, export, s.count)
	heading := widget.NewLabelWithStyle(T("audit.heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(container.NewVBox(heading, filters, bar), container.NewVBox(widget.NewSeparator(), s.detail), nil, nil, fitted(s.table))
}

// onRow shows the selected entry in full under the table.
func (s *auditScreen) onRow(row int) {
	r, ok := s.rows.row(row)
	if !ok {
		return
	}
	var b strings.Builder
	for i, v := range []string{r.At, r.Actor, r.Module, r.Record, r.Action, r.Changes, r.Note} {
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("　")
		}
		b.WriteString(T(auditColumns[i].key) + "：" + v)
	}
	s.detail.SetText(b.String())
}

func (s *auditScreen) title() string { return T("nav.audit") }

// content builds the screen on its first visit.
func (s *auditScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *auditScreen) shown() {
	actors, modules, err := s.w.app.AuditLog.Choices(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.actor.Options = append([]string{T("audit.all_users")}, actors...)
	s.module.Options = append([]string{T("audit.all_modules")}, modules...)
	s.onFilter()
}

func (s *auditScreen) query() (auth.AuditQuery, error) {
	q := auth.AuditQuery{Text: strings.TrimSpace(s.text.Text)}
	var v models.ValidationError
	if t := strings.TrimSpace(s.from.Text); t != "" {
		d, err := models.ParseDate(t)
		if err != nil {
			v.Add(T("audit.from"), err.Error())
		}
		q.From = d
	}
	if t := strings.TrimSpace(s.to.Text); t != "" {
		d, err := models.ParseDate(t)
		if err != nil {
			v.Add(T("audit.to"), err.Error())
		}
		q.To = d
	}
	if s.actor.Selected != "" && s.actor.Selected != T("audit.all_users") {
		q.Actor = s.actor.Selected
	}
	if s.module.Selected != "" && s.module.Selected != T("audit.all_modules") {
		q.Module = s.module.Selected
	}
	return q, v.Err()
}

// onFilter reads the count and the first window of the matching entries off the UI goroutine;
// the table reads further windows as it scrolls.
func (s *auditScreen) onFilter() {
	q, err := s.query()
	if err != nil {
		s.w.showError(err)
		return
	}
	log := s.w.app.AuditLog
	readLatest(&s.reads, s.w, func() (auth.AuditPage, error) { return log.FirstPage(s.w.ctx, q, pageWindow) }, func(page auth.AuditPage) {
		s.rows.reset(page.Count, page.Rows, page.Window)
		s.count.SetText(Tf("audit.count", map[string]any{"N": page.Count}))
		s.table.UnselectAll()
		s.table.ScrollToTop()
		s.detail.SetText(T("audit.detail_hint"))
		s.table.Refresh()
	})
}

func (s *auditScreen) onReset() {
	s.from.SetText("")
	s.to.SetText("")
	s.text.SetText("")
	s.actor.ClearSelected()
	s.module.ClearSelected()
	s.onFilter()
}

func (s *auditScreen) onExport() {
	q, err := s.query()
	if err != nil {
		s.w.showError(err)
		return
	}
	var n int
	s.w.saveAs("操作日志.xlsx", func(wc fyne.URIWriteCloser) (err error) {
		n, err = s.w.app.AuditLog.Export(context.Background(), q, wc)
		return err
	}, func(path string) (string, string) {
		return T("audit.export"), Tf("audit.exported", map[string]any{"N": n, "Path": path})
	})
}
