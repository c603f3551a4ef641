package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"shequ/reports/model"
)

// longTable is the most rows a table may have and still share a sheet: a sheet prints one
// set of repeated header rows, so a table that runs over a printed page gets a sheet of its own
// whose header repeats on every page.
const longTable = 30

// WriteReport writes a report model as a workbook: one sheet per section with its figures and
// tables (amounts in yuan, exact to the fen), a native bar chart beside each charted table, and
// each long table on its own sheet. Sheets are written cell by cell rather than streamed: report
// sheets are small, and excelize keeps charts and several tables per sheet only on non-streamed
// worksheets.
func WriteReport(w io.Writer, r *model.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	rw, err := newReportWriter(f, r)
	if err != nil {
		return err
	}
	n := 0
	for _, s := range r.Sections {
		name := s.Title
		if !s.Appendix {
			n++
			name = fmt.Sprintf("%d %s", n, s.Title)
		}
		if err := rw.sheet(name, r.Title+"　"+s.Title, s.Blocks); err != nil {
			return err
		}
	}
	if err := rw.charts.finish(); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// reportWriter holds what every sheet of a report workbook shares.
type reportWriter struct {
	f                                 *excelize.File
	st                                *styles
	r                                 *model.Report
	kpiLabel, kpiValue, caption, note int
	kpiFormats                        map[string]int // a KPI figure's number format → its style
	cellFormats                       map[string]int // a table cell's number format → its style
	used                              map[string]bool
	charts                            *chartData
}

func newReportWriter(f *excelize.File, r *model.Report) (*reportWriter, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	rw := &reportWriter{f: f, st: st, r: r, kpiFormats: map[string]int{}, cellFormats: map[string]int{}, used: map[string]bool{}}
	rw.charts = &chartData{f: f}
	mk := styleMaker(f, &err)
	rw.kpiLabel = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Color: "666666"}})
	rw.kpiValue = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true, Color: "962020"},
		Alignment: &excelize.Alignment{Horizontal: "left"}})
	rw.caption = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true}})
	rw.note = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "555555"}})
	return rw, err
}

// kpiStyle is the KPI figure style with a number format, made once per format.
func (rw *reportWriter) kpiStyle(numFmt string) (int, error) {
	if id, ok := rw.kpiFormats[numFmt]; ok {
		return id, nil
	}
	id, err := rw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true, Color: "962020"},
		CustomNumFmt: &numFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	rw.kpiFormats[numFmt] = id
	return id, err
}

// sheet adds a sheet holding blocks under a title row; a long table among other blocks goes to
// a sheet of its own after this one, and this sheet names it.
func (rw *reportWriter) sheet(name, title string, blocks []model.Block) error {
	name = sheetName(name, rw.used)
	var err error
	if len(rw.used) == 1 {
		err = rw.f.SetSheetName("Sheet1", name)
	} else {
		_, err = rw.f.NewSheet(name)
	}
	if err != nil {
		return fmt.Errorf("工作表名“%s”不可用：%w", name, err)
	}
	sw := &sectionWriter{reportWriter: rw, sheet: name}
	if err := sw.write(title, blocks); err != nil {
		return fmt.Errorf("写入工作表“%s”失败：%w", name, err)
	}
	return nil
}

// sheetName makes a valid, unique sheet name of at most 31 characters.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.ReplaceAll(s, "　", " "))
	rs := []rune(s)
	if len(rs) > 31 {
		rs = rs[:31]
	}
	s = string(rs)
	for i := 2; used[s]; i++ {
		s = fmt.Sprintf("%s%d", string(rs[:min(len(rs), 28)]), i)
	}
	used[s] = true
	return s
}

// sectionWriter writes one sheet.
type sectionWriter struct {
	*reportWriter
	sheet        string
	row, maxCols int
	filtered     bool
	widths       []float64
	// heads are the header rows (first, last) of each table on the sheet.
	heads [][2]int
}

func (w *sectionWriter) cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func (w *sectionWriter) write(title string, blocks []model.Block) error {
	f := w.f
	if err := f.SetCellStr(w.sheet, "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStyle(w.sheet, "A1", "A1", w.st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(w.sheet, 1, 28); err != nil {
		return err
	}
	w.row = 3
	var apart []*model.Table
	for _, b := range blocks {
		var err error
		switch x := b.(type) {
		case *model.Heading:
			err = w.text(x.Text, w.caption)
		case *model.Paragraph:
			err = w.text(x.Text, w.note)
		case *model.KPIs:
			err = w.kpis(x.Items)
		case *model.Table:
			if len(blocks) > 1 && len(x.Rows) > longTable {
				apart = append(apart, x)
				err = w.text(fmt.Sprintf("%s：见工作表“%s”。", tableTitle(x), sheetName(x.Name, copyOf(w.used))), w.note)
			} else {
				err = w.table(x)
			}
		}
		if err != nil {
			return err
		}
	}
	if err := w.finish(title); err != nil {
		return err
	}
	for _, t := range apart {
		if err := w.reportWriter.sheet(t.Name, w.r.Title+"　"+tableTitle(t), []model.Block{t}); err != nil {
			return err
		}
	}
	return nil
}

func tableTitle(t *model.Table) string {
	if t.Caption != "" {
		return t.Caption
	}
	return t.Name
}

func copyOf(m map[string]bool) map[string]bool {
	c := make(map[string]bool, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// finish sets the column widths and the print setup: A4 landscape, one page wide, the title in
// the header and "— 1 —" in the footer; a sheet with one table repeats its header rows on every
// printed page and keeps them in view while scrolling.
func (w *sectionWriter) finish(title string) error {
	f := w.f
	for i, wd := range w.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(w.sheet, col, col, wd); err != nil {
			return err
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(max(1, w.maxCols))
	if err := f.MergeCell(w.sheet, "A1", lastCol+"1"); err != nil {
		return err
	}
	if len(w.heads) == 1 {
		h := w.heads[0]
		if err := f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: h[1],
			TopLeftCell: fmt.Sprintf("A%d", h[1]+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: w.sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", w.sheet, h[0], h[1])}); err != nil {
			return err
		}
	}
	return printSetup(f, w.sheet, title)
}

// printSetup is every sheet's page: A4 landscape, one page wide, the title in the header and the
// page number in the official style in the footer.
func printSetup(f *excelize.File, sheet, title string) error {
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	hf := &excelize.HeaderFooterOptions{OddFooter: "&C— &P —"}
	if title != "" {
		hf.OddHeader = "&C&9" + strings.ReplaceAll(title, "&", "&&")
	}
	return f.SetHeaderFooter(sheet, hf)
}

func (w *sectionWriter) text(s string, style int) error {
	if err := w.f.SetCellStr(w.sheet, w.cell(1, w.row), s); err != nil {
		return err
	}
	if err := w.f.SetCellStyle(w.sheet, w.cell(1, w.row), w.cell(1, w.row), style); err != nil {
		return err
	}
	w.row++
	return nil
}
