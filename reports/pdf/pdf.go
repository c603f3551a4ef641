// Package pdf renders a report model as an A4 PDF in the spirit of GB/T 9704 (党政机关公文格式):
// cover, contents with page numbers, a header with the report title, "第 X 页 共 Y 页" footers,
// tables whose headers repeat on every page and bar charts drawn with fpdf primitives. Data in,
// io.Writer out: no database, no Fyne.
package pdf

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"shequ/reports/model"
)

// Page geometry in mm: A4 with the GB/T 9704 margins (天头 37, 订口 28, 右 26, 下 35), which leave
// the 156 × 225 mm 版心.
const (
	pageW, pageH = 210.0, 297.0
	marginTop    = 37.0
	marginLeft   = 28.0
	marginRight  = 26.0
	marginBottom = 35.0
	bodyW        = pageW - marginLeft - marginRight
	pageBreakY   = pageH - marginBottom

	sizeTitle   = 22 // 二号: cover title
	sizeSection = 16 // 三号: 一、概况
	sizeHeading = 14 // 四号: （一）…
	sizeBody    = 12 // 小四: running text
	sizeTable   = 9  // tables
	sizeSmall   = 9  // header, notes
	sizePageNo  = 14 // 四号: the page number "— 2 —"

	cellMargin = 1.2 // mm of padding left and right of a cell's text
)

// doc is one PDF being written.
type doc struct {
	f        *fpdf.Fpdf
	families [faceCount]string // the fpdf family of each role
	r        *model.Report
	header   string
	// fontPage is the page the last font was selected on: fpdf writes a font change into the
	// page every time, so font skips a change to the font already in force on this page.
	fontPage int
	// bodyTop is where the rows of the table being written start on this page.
	bodyTop float64
}

func (fs Fonts) newDoc(r *model.Report, header string) (*doc, error) {
	f, fam, err := fs.newPDF()
	if err != nil {
		return nil, err
	}
	return begin(f, fam, r, header)
}

func begin(f *fpdf.Fpdf, families [faceCount]string, r *model.Report, header string) (*doc, error) {
	f.SetTitle(header, true)
	d := &doc{f: f, families: families, r: r, header: header}
	f.SetHeaderFuncMode(d.pageHeader, true)
	return d, d.font(faceBody, sizeBody)
}

// Document is a report PDF being prepared: its fonts are parsed in the background (about a
// tenth of a whole-city report's time) while the caller builds the report model.
type Document struct {
	ready    chan struct{}
	f        *fpdf.Fpdf
	families [faceCount]string
	err      error
}

// Prepare starts a document with the system's fonts (SystemFonts); write it once with WriteEach.
func Prepare() *Document { return SystemFonts().Prepare() }

// Prepare starts a document with these fonts; write it once with WriteEach.
func (fs Fonts) Prepare() *Document {
	p := &Document{ready: make(chan struct{})}
	go func() {
		defer close(p.ready)
		p.f, p.families, p.err = fs.newPDF()
	}()
	return p
}

// WriteEach renders the report with its chapters as next gives them, in order, each as soon as
// it is ready: the caller may still be building the later ones. next(i) fills r.Sections[i].
func (p *Document) WriteEach(w io.Writer, r *model.Report, next func(i int) (model.Section, error)) error {
	<-p.ready
	if p.err != nil {
		return p.err
	}
	d, err := begin(p.f, p.families, r, r.Title)
	if err != nil {
		return err
	}
	return d.report(w, next)
}

// Write renders the whole report with the system's fonts: cover, contents, sections.
func Write(w io.Writer, r *model.Report) error { return SystemFonts().Write(w, r) }

// Write renders the whole report with these fonts.
func (fs Fonts) Write(w io.Writer, r *model.Report) error {
	d, err := fs.newDoc(r, r.Title)
	if err != nil {
		return err
	}
	return d.report(w, func(i int) (model.Section, error) { return r.Sections[i], nil })
}

func (d *doc) report(w io.Writer, next func(i int) (model.Section, error)) error {
	r := d.r
	if err := d.cover(); err != nil {
		return err
	}
	d.f.AddPage()
	tocPage := d.f.PageNo()
	starts := make([]int, len(r.Sections))
	for i := range r.Sections {
		s, err := next(i)
		if err != nil {
			return err
		}
		r.Sections[i] = s
		d.f.AddPage()
		starts[i] = d.f.PageNo()
		// The sections up to i are final here, and so are their labels.
		if err := d.section(r.Labels()[i], s); err != nil {
			return err
		}
	}
	if err := d.contents(tocPage, starts); err != nil {
		return err
	}
	if err := d.footers(2); err != nil {
		return err
	}
	return d.output(w)
}

// WriteTable renders one table alone, e.g. 经费保障 by township, under its caption, with the
// system's fonts.
func WriteTable(w io.Writer, r *model.Report, t *model.Table) error {
	return SystemFonts().WriteTable(w, r, t)
}

// WriteTable renders one table alone with these fonts.
func (fs Fonts) WriteTable(w io.Writer, r *model.Report, t *model.Table) error {
	d, err := fs.newDoc(nil, r.Title)
	if err != nil {
		return err
	}
	d.f.AddPage()
	if err := d.font(faceHeading, sizeHeading+2); err != nil {
		return err
	}
	caption := t.Caption
	if caption == "" {
		caption = t.Name
	}
	for _, l := range d.wrap(caption, bodyW) {
		d.f.SetX(marginLeft)
		d.f.CellFormat(bodyW, 9, l, "", 1, "C", false, 0, "")
	}
	if err := d.font(faceBody, sizeSmall); err != nil {
		return err
	}
	d.f.SetX(marginLeft)
	d.f.CellFormat(bodyW, 6, fmt.Sprintf("%s　%s", r.Unit, formatDateCN(r)), "", 1, "R", false, 0, "")
	d.f.Ln(2)
	tt := *t
	tt.Caption = ""
	if err := d.table(&tt); err != nil {
		return err
	}
	if err := d.footers(1); err != nil {
		return err
	}
	return d.output(w)
}

func (d *doc) output(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("生成 PDF 失败：%w", err)
	}
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("写入 PDF 失败：%w", err)
	}
	return nil
}

// section writes a chapter from the top of a fresh page.
func (d *doc) section(label string, s model.Section) error {
	f := d.f
	if err := d.font(faceHeading, sizeSection); err != nil {
		return err
	}
	f.Bookmark(label, 0, -1)
	f.SetXY(marginLeft, marginTop)
	f.CellFormat(bodyW, 11, d.fit(label, bodyW), "", 1, "L", false, 0, "")
	f.Ln(2)
	for _, b := range s.Blocks {
		var err error
		switch x := b.(type) {
		case *model.Heading:
			err = d.heading(x.Text)
		case *model.Paragraph:
			err = d.paragraph(x.Text)
		case *model.KPIs:
			err = d.kpis(x.Items)
		case *model.Table:
			err = d.table(x)
		case *model.BarChart:
			err = d.chart(x)
		}
		if err != nil {
			return err
		}
	}
	return f.Error()
}

// need starts a new page unless h mm are left on this one.
func (d *doc) need(h float64) {
	if d.f.GetY()+h > pageBreakY {
		d.f.AddPage()
		d.f.SetXY(marginLeft, marginTop)
	}
}

func (d *doc) heading(text string) error {
	if err := d.font(faceSub, sizeHeading); err != nil {
		return err
	}
	d.need(50) // never a heading alone at the foot of a page: it keeps a caption, a header and a row
	d.f.Ln(2)
	for _, l := range d.wrap(text, bodyW) {
		d.f.SetX(marginLeft)
		d.f.CellFormat(bodyW, 8, l, "", 1, "L", false, 0, "")
	}
	d.f.Ln(1)
	return nil
}

func (d *doc) paragraph(text string) error {
	if err := d.font(faceBody, sizeBody); err != nil {
		return err
	}
	const lh = 7.0
	for _, para := range strings.Split(text, "\n") {
		for _, l := range d.wrap("　　"+para, bodyW) {
			d.need(lh)
			d.f.SetX(marginLeft)
			d.f.CellFormat(bodyW, lh, l, "", 1, "L", false, 0, "")
		}
	}
	d.f.Ln(2)
	return nil
}

func (d *doc) kpis(items []model.KPI) error {
	const cols, h, gap = 3, 16.0, 3.0
	w := (bodyW - gap*(cols-1)) / cols
	for i := 0; i < len(items); i += cols {
		d.need(h + gap)
		y := d.f.GetY()
		for j := 0; j < cols && i+j < len(items); j++ {
			x := marginLeft + float64(j)*(w+gap)
			d.f.SetFillColor(250, 240, 238)
			d.f.SetDrawColor(220, 180, 175)
			d.f.Rect(x, y, w, h, "FD")
			if err := d.font(faceBody, sizeSmall); err != nil {
				return err
			}
			d.f.SetTextColor(100, 100, 100)
			d.f.SetXY(x, y+1.5)
			d.f.CellFormat(w, 5, d.fit(items[i+j].Label, w-2.4), "", 0, "L", false, 0, "")
			if err := d.font(faceHeading, 13); err != nil {
				return err
			}
			if err := d.kpiValue(x, y+7, w, items[i+j]); err != nil {
				return err
			}
		}
		d.f.SetTextColor(0, 0, 0)
		d.f.SetDrawColor(0, 0, 0)
		d.plainFill()
		d.f.SetXY(marginLeft, y+h+gap)
	}
	d.f.Ln(1)
	return nil
}

// kpiValue writes a KPI's figure in red at 13 pt, its note after it. A note that does not fit
// at 13 pt beside the figure is set in 8 pt grey, so the figure is never the part cut off.
func (d *doc) kpiValue(x, y, w float64, k model.KPI) error {
	v, note := k.Value, k.Note
	if d.f.GetStringWidth(k.Text()) <= w-2.4 {
		v, note = k.Text(), ""
	}
	d.f.SetTextColor(150, 20, 20)
	d.f.SetXY(x, y)
	d.f.CellFormat(w, 7, d.fit(v, w-2.4), "", 0, "L", false, 0, "")
	if note == "" {
		return nil
	}
	used := d.f.GetStringWidth(v) + 1.6
	if err := d.font(faceBody, sizeSmall-1); err != nil {
		return err
	}
	d.f.SetTextColor(100, 100, 100)
	d.f.SetXY(x+used, y+0.6)
	d.f.CellFormat(w-used, 7, d.fit(note, w-used-2.4), "", 0, "L", false, 0, "")
	return nil
}
