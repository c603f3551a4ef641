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

	"shequ/assets"
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

	family = "noto"

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
	f      *fpdf.Fpdf
	r      *model.Report
	header string
	// fontPage is the page the last font was selected on: fpdf writes a font change into the
	// page every time, so font skips a change to the font already in force on this page.
	fontPage int
	// bodyTop is where the rows of the table being written start on this page.
	bodyTop float64
}

func newDoc(r *model.Report, header string) (*doc, error) {
	f, err := newPDF()
	if err != nil {
		return nil, err
	}
	return begin(f, r, header)
}

// newPDF is an empty A4 document with the bundled fonts parsed.
func newPDF() (*fpdf.Fpdf, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom) // the renderer breaks pages itself, to repeat table headers
	f.SetCellMargin(cellMargin)
	f.SetCreator("shequ 社区治理工作台", true)
	f.AddUTF8FontFromBytes(family, "", assets.FontRegular)
	f.AddUTF8FontFromBytes(family, "B", assets.FontBold)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("加载报表字体失败：%w", err)
	}
	return f, nil
}

func begin(f *fpdf.Fpdf, r *model.Report, header string) (*doc, error) {
	f.SetTitle(header, true)
	d := &doc{f: f, r: r, header: header}
	f.SetHeaderFuncMode(d.pageHeader, true)
	return d, d.font(false, sizeBody)
}

// Document is a report PDF being prepared: its fonts are parsed in the background (about a
// tenth of a whole-city report's time) while the caller builds the report model.
type Document struct {
	ready chan struct{}
	f     *fpdf.Fpdf
	err   error
}

// Prepare starts a document; write it once with WriteEach.
func Prepare() *Document {
	p := &Document{ready: make(chan struct{})}
	go func() {
		defer close(p.ready)
		p.f, p.err = newPDF()
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
	d, err := begin(p.f, r, r.Title)
	if err != nil {
		return err
	}
	return d.report(w, next)
}

// font selects the bundled font and reports what fpdf could not do (a font it cannot parse
// only shows up here).
func (d *doc) font(bold bool, size float64) error {
	style := ""
	if bold {
		style = "B"
	}
	if pt, _ := d.f.GetFontSize(); d.fontPage == d.f.PageNo() && pt == size && d.f.GetFontStyle() == style && d.f.GetFontFamily() == family {
		return nil
	}
	d.fontPage = d.f.PageNo()
	d.f.SetFont(family, style, size)
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("报表字体不可用：%w", err)
	}
	return nil
}

func (d *doc) pageHeader() {
	if d.f.PageNo() == 1 && d.r != nil {
		return // the cover has no header
	}
	if d.font(false, sizeSmall) != nil {
		return
	}
	d.f.SetTextColor(90, 90, 90)
	d.f.SetXY(marginLeft, 22)
	d.f.CellFormat(bodyW, 5, d.fit(d.header, bodyW-2), "", 0, "C", false, 0, "")
	d.f.SetDrawColor(160, 30, 30)
	d.f.SetLineWidth(0.4)
	d.f.Line(marginLeft, 28, pageW-marginRight, 28)
	d.f.SetLineWidth(0.2)
	d.f.SetTextColor(0, 0, 0)
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetXY(marginLeft, marginTop)
}

// footers writes the page number in the official style (GB/T 9704 7.5): "— 2 —" under the
// text, on the outer side — odd pages right, even pages left, one character in from the edge.
func (d *doc) footers(first int) error {
	n := d.f.PageCount()
	for p := first; p <= n; p++ {
		d.f.SetPage(p)
		if err := d.font(false, sizePageNo); err != nil {
			return err
		}
		d.f.SetTextColor(0, 0, 0)
		d.f.SetXY(marginLeft+5, pageH-marginBottom+10)
		align := "R"
		if p%2 == 0 {
			align = "L"
		}
		d.f.CellFormat(bodyW-10, 7, fmt.Sprintf("— %d —", p), "", 0, align, false, 0, "")
	}
	d.f.SetPage(n)
	return d.f.Error()
}

// Write renders the whole report: cover, contents, sections.
func Write(w io.Writer, r *model.Report) error {
	d, err := newDoc(r, r.Title)
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
	n := 0
	for i := range r.Sections {
		s, err := next(i)
		if err != nil {
			return err
		}
		r.Sections[i] = s
		d.f.AddPage()
		starts[i] = d.f.PageNo()
		label := s.Title
		if !s.Appendix {
			n++
			label = chineseNumber(n) + "、" + s.Title
		}
		if err := d.section(label, s); err != nil {
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

// WriteTable renders one table alone, e.g. 经费保障 by township, under its caption.
func WriteTable(w io.Writer, r *model.Report, t *model.Table) error {
	d, err := newDoc(nil, r.Title)
	if err != nil {
		return err
	}
	d.f.AddPage()
	if err := d.font(true, sizeHeading+2); err != nil {
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
	if err := d.font(false, sizeSmall); err != nil {
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

func formatDateCN(r *model.Report) string {
	return fmt.Sprintf("%d年%d月%d日", r.Date.Year(), int(r.Date.Month()), r.Date.Day())
}

func (d *doc) cover() error {
	f := d.f
	f.AddPage()
	if err := d.font(true, sizeTitle); err != nil {
		return err
	}
	f.SetTextColor(170, 20, 20)
	title, sub := d.r.Title, ""
	if i := strings.LastIndex(title, "（"); i > 0 {
		title, sub = title[:i], title[i:]
	}
	// GB/T 9704: the title stands without 《》.
	lines := d.wrap(title+sub, bodyW)
	if sub != "" && len(lines) > 1 {
		lines = append(d.wrap(title, bodyW), sub)
	}
	y := 95.0 - float64(len(lines))*6
	for _, l := range lines {
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 13, l, "", 0, "C", false, 0, "")
		y += 13
	}
	f.SetDrawColor(170, 20, 20)
	f.SetLineWidth(0.8)
	f.Line(marginLeft, y+8, pageW-marginRight, y+8)
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	f.SetTextColor(0, 0, 0)
	if err := d.font(false, sizeSection); err != nil {
		return err
	}
	f.SetXY(marginLeft, 200)
	f.CellFormat(bodyW, 10, d.r.Unit, "", 2, "C", false, 0, "")
	f.SetX(marginLeft)
	f.CellFormat(bodyW, 10, formatDateCN(d.r), "", 0, "C", false, 0, "")
	return f.Error()
}

// contents fills the page reserved after the cover, now that the sections' pages are known.
func (d *doc) contents(page int, starts []int) error {
	f := d.f
	f.SetPage(page)
	if err := d.font(true, sizeTitle); err != nil {
		return err
	}
	f.SetXY(marginLeft, marginTop+4)
	f.CellFormat(bodyW, 14, "目　　录", "", 1, "C", false, 0, "")
	f.Ln(6)
	if err := d.font(false, sizeHeading); err != nil {
		return err
	}
	n := 0
	for i, s := range d.r.Sections {
		label := s.Title
		if !s.Appendix {
			n++
			label = chineseNumber(n) + "、" + s.Title
		}
		num := fmt.Sprint(starts[i])
		label = d.fit(label, bodyW-30)
		lw, nw := f.GetStringWidth(label), f.GetStringWidth(num)
		dot := f.GetStringWidth(".")
		dots := max(0, int((bodyW-lw-nw-6)/dot))
		y := f.GetY()
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 10, label+" "+strings.Repeat(".", dots), "", 0, "L", false, 0, "")
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 10, num, "", 1, "R", false, 0, "")
		f.Link(marginLeft, y, bodyW, 10, d.linkTo(starts[i]))
	}
	return f.Error()
}

func (d *doc) linkTo(page int) int {
	l := d.f.AddLink()
	d.f.SetLink(l, 0, page)
	return l
}

// section writes a chapter from the top of a fresh page.
func (d *doc) section(label string, s model.Section) error {
	f := d.f
	if err := d.font(true, sizeSection); err != nil {
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
	if err := d.font(true, sizeHeading); err != nil {
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
	if err := d.font(false, sizeBody); err != nil {
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
			if err := d.font(false, sizeSmall); err != nil {
				return err
			}
			d.f.SetTextColor(100, 100, 100)
			d.f.SetXY(x, y+1.5)
			d.f.CellFormat(w, 5, d.fit(items[i+j].Label, w-2.4), "", 0, "L", false, 0, "")
			if err := d.font(true, 13); err != nil {
				return err
			}
			d.f.SetTextColor(150, 20, 20)
			d.f.SetXY(x, y+7)
			d.f.CellFormat(w, 7, d.fit(items[i+j].Value, w-2.4), "", 0, "L", false, 0, "")
		}
		d.f.SetTextColor(0, 0, 0)
		d.f.SetDrawColor(0, 0, 0)
		d.plainFill()
		d.f.SetXY(marginLeft, y+h+gap)
	}
	d.f.Ln(1)
	return nil
}

// wrap breaks text into lines no wider than w at the current font; CJK text may break between
// any two characters, a line never starts with closing punctuation nor ends with opening
// punctuation.
func (d *doc) wrap(text string, w float64) []string {
	if d.f.GetStringWidth(text) <= w {
		return []string{text}
	}
	var lines []string
	var cur []rune
	cw := 0.0
	for _, r := range text {
		rw := d.f.GetStringWidth(string(r))
		if cw+rw > w && len(cur) > 0 {
			// Closing punctuation never starts a line: carry the characters before it down too.
			carry := 0
			if isClosing(r) {
				carry = 1
				for carry < len(cur)-1 && isClosing(cur[len(cur)-carry]) {
					carry++
				}
				carry = min(carry, len(cur)-1)
			}
			// A number or a Latin word is never split ("11.30", "98.5%"): move the break to its start.
			split := len(cur) - carry
			next := func(i int) rune { // the rune that would start the next line
				if i < len(cur) {
					return cur[i]
				}
				return r
			}
			b := split
			for b > 0 && isWordRune(cur[b-1]) && isWordRune(next(b)) {
				b--
			}
			if b > 0 { // else the word fills the whole line: split it after all
				split = b
			}
			// Nor does opening punctuation end a line: “已建档案（” then “个）”.
			for split > 1 && isOpening(cur[split-1]) {
				split--
			}
			lines = append(lines, string(cur[:split]))
			cur = append([]rune(nil), cur[split:]...)
			cw = d.f.GetStringWidth(string(cur))
		}
		cur = append(cur, r)
		cw += rw
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// fit clips text to w with an ellipsis when it is wider.
func (d *doc) fit(text string, w float64) string {
	if d.f.GetStringWidth(text) <= w {
		return text
	}
	ell := "…"
	limit := w - d.f.GetStringWidth(ell)
	rs := []rune(text)
	cw := 0.0
	for i, r := range rs {
		cw += d.f.GetStringWidth(string(r))
		if cw > limit {
			return string(rs[:i]) + ell
		}
	}
	return text
}

func isOpening(r rune) bool {
	return strings.ContainsRune("（《“‘([", r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》”’,.;:?!)", r)
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// chineseNumber writes 1–99 as 一 … 九十九 for section numbers.
func chineseNumber(n int) string {
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

// isWordRune is part of a number or a Latin word, which a line must not split.
func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == ',' || r == '%'
}
