package ui

import (
	"context"
	"image/color"
	"strconv"
	"strings"

	"shequ/app/budget"
	"shequ/app/sheet"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// budgetImport is the import flow: choose a file → preview with every error and warning →
// confirm → progress (cancellable) → result. The work runs off the UI goroutine.
type budgetImport struct {
	s *budgetScreen

	path     string
	dlg      dialog.Dialog
	year     *widget.Entry
	replace  *widget.Check
	status   *widget.Label
	progress *importProgress
	issues   *widget.List
	preview  *widget.Table
	confirm  *widget.Button
	cancel   context.CancelFunc

	result budget.ImportResult
	lines  []budget.ImportLine
	notes  []sheet.Issue // errors then warnings
	nErr   int
	// byRow are the issues of each sheet row (keyed by rowKey), shown in place in the preview table.
	byRow map[string][]sheet.Issue

	// The workbook's sheets as the first preview found them, one check each; the clerk unticks
	// those to leave out (leftOut).
	sheetBox  *fyne.Container
	sheetArea *fyne.Container
	sheets    []budget.SheetResult
	leftOut   map[string]bool
}

// rowKey is where an issue or line is in the workbook: sheet and row.
func rowKey(sheetName string, row int) string { return sheetName + "\x00" + strconv.Itoa(row) }

func newBudgetImport(s *budgetScreen) *budgetImport {
	return &budgetImport{s: s}
}

func (b *budgetImport) onChooseFile() {
	chooseSheet(b.s.w.Win, b.s.w.showError, b.open)
}

var previewHeaders = []string{"budget.col_row", "budget.col_division", "budget.col_category", "budget.col_item", "budget.col_source",
	"budget.col_amount_yuan", "budget.col_problem"}

// previewColumnOf is the preview column that shows a recognised sheet column, for marking the
// cell an issue is about; -1 when the preview has no such column.
func previewColumnOf(key string) int {
	switch key {
	case "code", "township", "village":
		return 1
	case "category":
		return 2
	case "item":
		return 3
	case "source":
		return 4
	case "amount":
		return 5
	}
	return -1
}

// Colours of rows and cells with problems: a light tint for the row, a stronger one for the cell.
var (
	errorRowColor   = color.NRGBA{R: 0xf4, G: 0x43, B: 0x36, A: 0x28}
	errorCellColor  = color.NRGBA{R: 0xf4, G: 0x43, B: 0x36, A: 0x70}
	warnRowColor    = color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0x28}
	warnCellColor   = color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0x70}
	transparentFill = color.NRGBA{}
)

// open shows the import dialog for path and starts the preview.
func (b *budgetImport) open(path string) {
	b.path = path
	b.year = widget.NewEntry()
	b.year.SetPlaceHolder(T("budget.year_from_title"))
	b.year.OnSubmitted = func(string) { b.startPreview() }
	b.replace = widget.NewCheck(T("budget.replace"), func(bool) { b.startPreview() })
	b.status = widget.NewLabel("")
	b.status.Wrapping = fyne.TextWrapWord
	b.sheets, b.leftOut = nil, map[string]bool{}
	b.sheetBox = container.NewGridWithColumns(3)
	sheetScroll := container.NewVScroll(b.sheetBox)
	sheetScroll.SetMinSize(fyne.NewSize(0, 76))
	b.sheetArea = container.NewBorder(widget.NewLabel(T("budgetimport.sheets")), nil, nil, nil, sheetScroll)
	b.sheetArea.Hide()
	b.progress = newImportProgress(b.onCancel)
	b.issues = widget.NewList(func() int { return len(b.notes) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Importance = widget.WarningImportance
		prefix := T("budget.warning")
		if i < b.nErr {
			l.Importance, prefix = widget.DangerImportance, T("budget.error")
		}
		l.SetText(prefix + b.notes[i].String())
	})
	b.preview = widget.NewTable(func() (int, int) { return len(b.lines) + 1, len(previewHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("某某社区居民委员会")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(canvas.NewRectangle(transparentFill), l)
		}, b.updatePreview)
	for i, w := range []float32{60, 250, 100, 140, 80, 110, 390} {
		b.preview.SetColumnWidth(i, w)
	}
	b.confirm = widget.NewButton(T("budget.confirm_import"), b.onConfirm)
	b.confirm.Importance = widget.HighImportance
	b.confirm.Disable()
	top := container.NewVBox(
		widget.NewLabel(Tf("budget.import_file", map[string]any{"File": path})),
		container.NewBorder(nil, nil, widget.NewLabel(T("budget.year")), b.replace, b.year),
		b.progress.view, b.status, b.sheetArea)
	split := container.NewVSplit(b.issues, b.preview)
	split.Offset = 0.35
	body := container.NewBorder(top, container.NewHBox(b.confirm, b.progress.stop), nil, nil, split)
	b.dlg = dialogCustom(T("budget.import"), body, b.s.w.Win)
	b.dlg.SetOnClosed(b.onCancel)
	b.dlg.Resize(fyne.NewSize(1180, 700))
	b.dlg.Show()
	b.startPreview()
}

// updatePreview fills a cell: a row with an error is tinted red (a warning orange), the cell
// the issue is about more strongly and in bold, and the last column says what is wrong.
func (b *budgetImport) updatePreview(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
	l.TextStyle.Bold = id.Row == 0
	l.Importance = widget.MediumImportance
	fill := color.Color(transparentFill)
	defer func() {
		if bg.FillColor != fill {
			bg.FillColor = fill
			bg.Refresh()
		}
	}()
	if id.Row == 0 {
		if id.Col == 0 && len(b.sheets) > 1 {
			l.SetText(T("budgetimport.col_sheet_row"))
			return
		}
		l.SetText(T(previewHeaders[id.Col]))
		return
	}
	x := b.lines[id.Row-1]
	division := x.DivisionName
	if x.DivisionCode != "" {
		division += "（" + x.DivisionCode + "）"
	}
	amount := x.Amount.Yuan()
	if x.AmountText != "" {
		amount = x.AmountText
	}
	issues := b.byRow[rowKey(x.Sheet, x.Row)]
	var msgs []string
	isErr, marked := x.Bad, false
	for _, is := range issues {
		msgs = append(msgs, is.Message)
		if is.Key != "" && previewColumnOf(is.Key) == id.Col {
			marked = true
		}
	}
	switch {
	case len(issues) == 0:
	case isErr && marked:
		fill, l.Importance, l.TextStyle.Bold = errorCellColor, widget.DangerImportance, true
	case isErr:
		fill = errorRowColor
	case marked:
		fill, l.Importance, l.TextStyle.Bold = warnCellColor, widget.WarningImportance, true
	default:
		fill = warnRowColor
	}
	if id.Col == len(previewHeaders)-1 && len(issues) > 0 {
		if isErr {
			l.Importance = widget.DangerImportance
		} else {
			l.Importance = widget.WarningImportance
		}
	}
	row := strconv.Itoa(x.Row)
	if len(b.sheets) > 1 {
		row = x.Sheet + " " + row
	}
	l.SetText([]string{row, division, x.Category, x.Item, x.Source, amount, strings.Join(msgs, "；")}[id.Col])
}

func (b *budgetImport) options(dry bool) (budget.ImportOptions, context.Context) {
	ctx, cancel := context.WithCancel(b.s.w.ctx)
	b.cancel = cancel
	year, _ := strconv.Atoi(strings.TrimSpace(b.year.Text))
	return budget.ImportOptions{Year: year, DryRun: dry, Replace: b.replace.Checked, Sheets: b.chosenSheets(), Progress: func(done, total int) {
		fyne.Do(func() {
			if total > 0 {
				b.progress.bar.SetValue(float64(done) / float64(total))
			}
		})
	}}, ctx
}

// startPreview checks the file without writing and shows the lines and every problem.
func (b *budgetImport) startPreview() {
	b.onCancel()
	b.confirm.Disable()
	if len(b.leftOut) > 0 && len(b.chosenSheets()) == 0 {
		b.lines, b.notes, b.nErr = nil, nil, 0
		b.issues.Refresh()
		b.preview.Refresh()
		b.status.Importance = widget.MediumImportance
		b.status.SetText(T("budgetimport.no_sheet"))
		b.progress.reset()
		return
	}
	opt, ctx := b.options(true)
	b.status.Importance = widget.MediumImportance
	b.status.SetText(T("budget.checking"))
	b.progress.start()
	runAsync(func() {
		res, err := b.s.w.app.Budget.Import(ctx, b.path, opt)
		fyne.Do(func() { b.showResult(res, err, true) })
	})
}

func (b *budgetImport) onConfirm() {
	opt, ctx := b.options(false)
	b.confirm.Disable()
	b.status.Importance = widget.MediumImportance
	b.status.SetText(T("budget.importing"))
	b.progress.start()
	runAsync(func() {
		res, err := b.s.w.app.Budget.Import(ctx, b.path, opt)
		fyne.Do(func() {
			b.showResult(res, err, false)
			if res.Batch != 0 {
				b.s.shown()
			}
		})
	})
}

func (b *budgetImport) onCancel() {
	if b.cancel != nil {
		b.cancel()
		b.cancel = nil
	}
}

func (b *budgetImport) showResult(res budget.ImportResult, err error, preview bool) {
	b.result = res
	b.lines = res.Lines
	b.notes = append(append([]sheet.Issue{}, res.Errors...), res.Warnings...)
	b.nErr = len(res.Errors)
	b.byRow = map[string][]sheet.Issue{}
	for _, is := range b.notes {
		if is.Row > 0 {
			k := rowKey(is.Sheet, is.Row)
			b.byRow[k] = append(b.byRow[k], is)
		}
	}
	b.showSheets(res.Sheets)
	b.issues.Refresh()
	b.preview.Refresh()
	b.progress.finish(err == nil && res.OK)
	b.status.Importance = widget.MediumImportance
	if err != nil || !res.OK {
		b.status.Importance = widget.DangerImportance
	} else if !preview {
		b.status.Importance = widget.SuccessImportance
	}
	switch {
	case err != nil:
		b.status.SetText(Tf("budget.failed", map[string]any{"Err": userMessage(err)}))
	case !res.OK:
		b.status.SetText(b.refusedText(res))
	case preview:
		b.status.SetText(b.previewText(res))
		b.confirm.Enable()
	default:
		b.status.SetText(Tf("budget.imported", map[string]any{"Rows": res.Rows, "Total": res.Total.Wanyuan(), "Batch": res.Batch}))
	}
}
