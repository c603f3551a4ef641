package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// rowTable is a table with a fixed bold, left-aligned header row over n rows; cell gives the text
// of a data cell. The registry tabs, the audit log and the 民主自治 ledgers (their lists, gaps and
// upward evaluations) use it.
func rowTable(headers []string, widths []float32, n func() int, cell func(row, col int) string, onSelect func(row int)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return n(), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("某某社区居民委员会")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < n() {
				o.(*widget.Label).SetText(cell(id.Row, id.Col))
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("表头")
		l.TextStyle.Bold = true
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	keepRowTableSpec(t, rowTableSpec{headers, widths})
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 {
			onSelect(id.Row)
		}
	}
	return t
}
