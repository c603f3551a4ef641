package docx

import (
	"bufio"
	"fmt"
	"strings"

	"shequ/reports/model"
)

// doc is one document.xml being written.
type doc struct {
	w      *bufio.Writer
	r      *model.Report
	images [][]byte // chart PNGs, word/media/chart1.png …
}

func (d *doc) s(parts ...string) {
	for _, p := range parts {
		d.w.WriteString(p)
	}
}

// para writes one paragraph of text in a style; pPr adds direct paragraph properties and rPr
// run properties.
func (d *doc) para(style, text, pPr, rPr string) {
	d.s(`<w:p><w:pPr><w:pStyle w:val="`, style, `"/>`, pPr, `</w:pPr>`)
	if text != "" {
		d.run(text, rPr)
	}
	d.s(`</w:p>`)
}

func (d *doc) run(text, rPr string) {
	d.s(`<w:r>`)
	if rPr != "" {
		d.s(`<w:rPr>`, rPr, `</w:rPr>`)
	}
	d.s(`<w:t xml:space="preserve">`, esc(text), `</w:t></w:r>`)
}

func (d *doc) document() error {
	d.s(xmlHeader, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" `,
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" `,
		`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" `,
		`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" `,
		`xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	d.cover()
	d.contents()
	labels := d.r.Labels()
	for i, s := range d.r.Sections {
		// Each chapter starts a page, as in the PDF.
		d.para("Heading1", labels[i], `<w:pageBreakBefore/>`, "")
		for _, b := range s.Blocks {
			if err := d.block(b); err != nil {
				return fmt.Errorf("“%s”：%w", s.Title, err)
			}
		}
	}
	d.s(`<w:sectPr>`,
		`<w:footerReference w:type="default" r:id="rIdFooter1"/>`,
		`<w:footerReference w:type="even" r:id="rIdFooter2"/>`,
		`<w:footerReference w:type="first" r:id="rIdFooter3"/>`,
		fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"/>`, pageW, pageH),
		fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="1247" w:gutter="0"/>`,
			marginTop, marginRight, marginBottom, marginLeft),
		`<w:titlePg/><w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>`)
	return nil
}

// cover is the title without 《》 (GB/T 9704), the issuing unit and the date.
func (d *doc) cover() {
	title, sub := d.r.Title, ""
	if i := strings.LastIndex(title, "（"); i > 0 {
		title, sub = title[:i], title[i:]
	}
	d.para("Title", title, `<w:spacing w:before="3600"/>`, "")
	if sub != "" {
		d.para("Title", sub, "", "")
	}
	unit := `<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>`
	d.para("Normal", d.r.Unit, unit+`<w:spacing w:before="6000"/>`, "")
	d.para("Normal", fmt.Sprintf("%d年%d月%d日", d.r.Date.Year(), int(d.r.Date.Month()), d.r.Date.Day()), unit, "")
}

// contents is a TOC field over the two heading levels; Word fills in the page numbers when it
// opens the document (settings' updateFields), and the entries written here stand until then.
func (d *doc) contents() {
	d.para("TOCHeading", "目　　录", `<w:pageBreakBefore/>`, "")
	d.s(`<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>`,
		`<w:r><w:instrText xml:space="preserve"> TOC \o "1-1" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>`)
	for _, label := range d.r.Labels() {
		d.para("TOC1", label, "", "")
	}
	d.s(`<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
}

func (d *doc) block(b model.Block) error {
	switch x := b.(type) {
	case *model.Heading:
		d.para("Heading2", x.Text, "", "")
	case *model.Paragraph:
		for _, p := range strings.Split(x.Text, "\n") {
			d.para("Normal", strings.TrimLeft(p, "　 "), "", "")
		}
	case *model.KPIs:
		d.kpis(x.Items)
	case *model.Table:
		d.table(x)
	case *model.BarChart:
		return d.chart(x)
	}
	return nil
}

// kpis writes the figures three to a row, each cell its label over its value.
func (d *doc) kpis(items []model.KPI) {
	const cols = 3
	w := textW / cols
	d.s(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>`,
		`<w:tblBorders><w:insideV w:val="single" w:sz="24" w:color="FFFFFF"/><w:insideH w:val="single" w:sz="24" w:color="FFFFFF"/></w:tblBorders>`,
		`<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for range cols {
		d.s(fmt.Sprintf(`<w:gridCol w:w="%d"/>`, w))
	}
	d.s(`</w:tblGrid>`)
	for i := 0; i < len(items); i += cols {
		d.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for j := range cols {
			d.s(`<w:tc><w:tcPr><w:tcW w:w="`, fmt.Sprint(w), `" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="FAF0EE"/></w:tcPr>`)
			if i+j < len(items) {
				d.para("TableText", items[i+j].Label, "", `<w:color w:val="646464"/>`)
				d.para("TableText", items[i+j].Text(), "", fonts("黑体")+`<w:color w:val="961414"/><w:sz w:val="28"/><w:szCs w:val="28"/>`)
			} else {
				d.para("TableText", "", "", "")
			}
			d.s(`</w:tc>`)
		}
		d.s(`</w:tr>`)
	}
	d.s(`</w:tbl>`)
	d.para("Note", "", "", "")
}
