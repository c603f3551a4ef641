package ui

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"shequ/app/report"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// reportScreen is 报表: the 城乡社区治理工作情况报告 for a year and an area, as PDF or Excel,
// and each chapter's main table alone as a PDF.
type reportScreen struct {
	w    *MainWindow
	root fyne.CanvasObject

	year     *widget.Select
	area     *widget.Select
	checks   []*widget.Check
	format   *widget.RadioGroup
	table    *widget.Select
	generate *widget.Button
	tableBtn *widget.Button
	cancel   *widget.Button
	open     *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label

	areaCodes []string
	stop      context.CancelFunc
	lastPath  string
	// chooseFile asks where to save name and hands over the file (nil when cancelled); the
	// tests replace the save dialog with a file of their own.
	chooseFile func(name string, done func(fyne.URIWriteCloser, error))
	kept       *reportKept // what the clerk chose before the screen was released
}

// reportOnUI runs f on the UI goroutine later, as fyne.Do does in the real app; the tests
// replace it with a queue they run after the background work has returned, because the test
// driver's fyne.Do runs at once and would hide ordering mistakes.
var reportOnUI = fyne.Do

func newReportScreen(w *MainWindow) *reportScreen {
	s := &reportScreen{w: w}
	s.chooseFile = func(name string, done func(fyne.URIWriteCloser, error)) { showSaveDialog(w.Win, name, done) }
	return s
}

func (s *reportScreen) title() string { return T("nav.report") }

// content builds the screen on its first visit.
func (s *reportScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *reportScreen) buildUI() {
	now := time.Now().Year()
	var years []string
	for y := now; y > now-5; y-- {
		years = append(years, fmt.Sprint(y))
	}
	s.year = newSelect(years, nil)
	s.year.SetSelectedIndex(0)
	s.area = newSelect(nil, nil)
	var secs []fyne.CanvasObject
	var tables []string
	for _, sec := range report.Sections() {
		c := widget.NewCheck(sec.Title, nil)
		c.SetChecked(true)
		s.checks = append(s.checks, c)
		secs = append(secs, c)
		tables = append(tables, sec.Title)
	}
	s.format = widget.NewRadioGroup([]string{T("report.format_pdf"), T("report.format_xlsx"), T("report.format_docx")}, nil)
	s.format.Horizontal = true
	s.format.SetSelected(T("report.format_pdf"))
	s.table = newSelect(tables, nil)
	s.table.SetSelectedIndex(1)
	s.generate = widget.NewButtonWithIcon(T("report.generate"), theme.DocumentSaveIcon(), s.onGenerate)
	s.generate.Importance = widget.HighImportance
	s.tableBtn = widget.NewButtonWithIcon(T("report.table_button"), theme.DocumentPrintIcon(), s.onTable)
	s.cancel = widget.NewButtonWithIcon(T("report.cancel"), theme.CancelIcon(), s.onCancel)
	s.cancel.Disable()
	s.open = widget.NewButtonWithIcon(T("report.open"), theme.FileIcon(), s.onOpen)
	s.open.Disable()
	s.progress = widget.NewProgressBar()
	s.progress.Hide() // shown from the first report on: an empty "0%" bar says nothing
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(T("report.heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	form := widget.NewForm(
		widget.NewFormItem(T("report.year"), s.year),
		widget.NewFormItem(T("report.area"), s.area),
		widget.NewFormItem(T("report.sections"), container.NewGridWithColumns(3, secs...)),
		widget.NewFormItem(T("report.format"), s.format),
		widget.NewFormItem(T("report.table"), container.NewBorder(nil, nil, nil, s.tableBtn, s.table)),
	)
	s.root = container.NewPadded(container.NewVBox(
		heading,
		widget.NewLabel(T("report.subtitle")),
		form,
		container.NewHBox(s.generate, s.cancel, s.open, layout.NewSpacer()),
		s.progress,
		s.status,
	))
}

func (s *reportScreen) shown() {
	if len(s.areaCodes) > 0 {
		return
	}
	areas, err := s.w.app.Reports.ReportAreas(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	var names []string
	for _, a := range areas {
		names = append(names, a.Name)
		s.areaCodes = append(s.areaCodes, a.Code)
	}
	s.area.Options = names
	s.area.SetSelectedIndex(0)
}

// request reads the form; ok is false (and the user told why) when nothing is chosen.
func (s *reportScreen) request() (report.Request, bool) {
	var req report.Request
	fmt.Sscan(s.year.Selected, &req.Year)
	if i := s.area.SelectedIndex(); i >= 0 && i < len(s.areaCodes) {
		req.Area = s.areaCodes[i]
	}
	for i, sec := range report.Sections() {
		if s.checks[i].Checked {
			req.Sections = append(req.Sections, sec.ID)
		}
	}
	if len(req.Sections) == 0 {
		dialog.ShowInformation(T("nav.report"), T("report.no_sections"), s.w.Win)
		return req, false
	}
	return req, true
}

func (s *reportScreen) fileName(req report.Request, ext string) string {
	return fmt.Sprintf("%s城乡社区治理工作情况报告（%d年度）%s", s.area.Selected, req.Year, ext)
}

func (s *reportScreen) onGenerate() {
	req, ok := s.request()
	if !ok {
		return
	}
	format, ext := report.FormatPDF, ".pdf"
	switch s.format.Selected {
	case T("report.format_xlsx"):
		format, ext = report.FormatXLSX, ".xlsx"
	case T("report.format_docx"):
		format, ext = report.FormatDOCX, ".docx"
	}
	s.save(s.fileName(req, ext), func(ctx context.Context, buf *bytes.Buffer) error {
		req.Progress = func(done, total int) {
			reportOnUI(func() { s.progress.SetValue(float64(done) / float64(total)) })
		}
		return s.w.app.Reports.Write(ctx, req, format, buf)
	})
}

func (s *reportScreen) onTable() {
	req, _ := s.request()
	i := s.table.SelectedIndex()
	secs := report.Sections()
	if i < 0 || i >= len(secs) {
		return
	}
	name := fmt.Sprintf("%s%d年%s.pdf", s.area.Selected, req.Year, strings.ReplaceAll(secs[i].Title, "　", ""))
	s.save(name, func(ctx context.Context, buf *bytes.Buffer) error {
		return s.w.app.Reports.WriteMainTable(ctx, req, secs[i].ID, buf)
	})
}

// save asks where to save, then renders off the UI goroutine with a cancellable context and
// writes the file only when the whole report is done.
func (s *reportScreen) save(name string, render func(context.Context, *bytes.Buffer) error) {
	s.chooseFile(name, func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			s.w.showError(err)
			return
		}
		if wc == nil {
			return
		}
		ctx, cancel := context.WithCancel(s.w.ctx)
		s.stop = cancel
		s.busy(true)
		s.status.SetText(T("report.working"))
		runAsync(func() {
			defer cancel()
			var buf bytes.Buffer
			err := render(ctx, &buf)
			if err == nil {
				_, err = wc.Write(buf.Bytes())
			}
			cerr := wc.Close()
			if err == nil {
				err = cerr
			}
			// Decided here, before the deferred cancel runs: the callback below runs later on
			// the UI goroutine, when ctx is always done. A report that was written is done even
			// if 取消 was pressed after the last page.
			cancelled := err != nil && ctx.Err() != nil
			path := wc.URI().Path()
			reportOnUI(func() {
				s.busy(false)
				switch {
				case cancelled:
					s.status.SetText(T("report.cancelled"))
				case err != nil:
					s.status.SetText("")
					s.w.showError(err)
				default:
					s.progress.SetValue(1)
					s.lastPath = path
					s.open.Enable()
					s.status.SetText(Tf("report.done", map[string]any{"Path": path}))
				}
			})
		})
	})
}

func (s *reportScreen) busy(on bool) {
	if on {
		s.progress.SetValue(0)
		s.progress.Show()
		s.generate.Disable()
		s.tableBtn.Disable()
		s.cancel.Enable()
		s.open.Disable()
		return
	}
	s.generate.Enable()
	s.tableBtn.Enable()
	s.cancel.Disable()
	s.stop = nil
}

func (s *reportScreen) onCancel() {
	if s.stop != nil {
		s.stop()
	}
}

// onOpen shows the saved file in the system's viewer (the PDF reader, Excel or WPS).
func (s *reportScreen) onOpen() {
	if s.lastPath == "" {
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(s.lastPath)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/…
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		s.w.showError(err)
	}
}
