// Package docx writes a report model as an editable Word document (.docx) that Word and WPS
// open: the chapter headings in the built-in heading styles with outline levels (Chinese Word
// and WPS name them 标题 1 and 标题 2, and the navigation pane lists them), tables as Word
// tables with header rows that repeat on every page, charts as PNG pictures, the GB/T 9704 page
// (A4, margins 37/35/28/26 mm) and "— 1 —" page numbers on the outer side.
//
// Fonts are named as Chinese Windows has them: 方正小标宋简体 for the title, 仿宋_GB2312 for the
// text, 黑体 for level-1 and 楷体_GB2312 for level-2 headings. The font table gives each its
// alternative (宋体, 仿宋, 楷体), which Word uses on a machine without the GB 2312 faces.
//
// Why WordprocessingML is written directly (archive/zip and text) rather than with a library:
// github.com/gomutex/godocx has no header/footer parts (no page number field), adds pictures
// from file paths only and keeps the styles of its template, so new heading styles with
// outline levels mean reaching into its internals; github.com/fumiama/go-docx can neither write
// footers nor define styles. unioffice is paid. What the report needs is a small, fixed subset
// of the format (styles, paragraphs, tables, inline pictures, one section, two footers), and
// written directly it is also fast: the whole city's 3,004-row appendix is one table.
package docx

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"strings"

	"shequ/reports/model"
)

// Page geometry in twips (1/1440 inch): A4 with the GB/T 9704 margins.
const (
	pageW, pageH = 11906, 16838
	marginTop    = 2098 // 37 mm
	marginBottom = 1984 // 35 mm
	marginLeft   = 1587 // 28 mm
	marginRight  = 1474 // 26 mm
	textW        = pageW - marginLeft - marginRight
)

// Write renders the report as a .docx: cover, contents (a field Word fills on opening),
// chapters and appendices.
func Write(w io.Writer, r *model.Report) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	d := &doc{r: r}
	body, err := zw.Create("word/document.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(body, 64<<10)
	d.w = bw
	if err := d.document(); err != nil {
		return fmt.Errorf("生成 Word 文档失败：%w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("写入 Word 文档失败：%w", err)
	}
	for i, img := range d.images {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("word/media/chart%d.png", i+1), Method: zip.Store})
		if err != nil {
			return err
		}
		if _, err := fw.Write(img); err != nil {
			return fmt.Errorf("写入 Word 文档失败：%w", err)
		}
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"word/_rels/document.xml.rels", d.rels()},
		{"word/styles.xml", styles},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontTable},
		{"word/footer1.xml", footer("right")},
		{"word/footer2.xml", footer("left")},
		{"word/footer3.xml", emptyFooter},
		{"docProps/core.xml", core(r)},
	}
	for _, p := range parts {
		fw, err := zw.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(fw, p.body); err != nil {
			return fmt.Errorf("写入 Word 文档失败：%w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("写入 Word 文档失败：%w", err)
	}
	return nil
}

// rels lists the document's parts: styles, settings, fonts, the footers and one PNG per chart.
func (d *doc) rels() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	b.WriteString(`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	b.WriteString(`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>`)
	b.WriteString(`<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`)
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&b, `<Relationship Id="rIdFooter%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer%d.xml"/>`, i, i)
	}
	for i := range d.images {
		fmt.Fprintf(&b, `<Relationship Id="rIdImg%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/chart%d.png"/>`, i+1, i+1)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Default Extension="png" ContentType="image/png"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

func core(r *model.Report) string {
	return xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(r.Title) + `</dc:title><dc:creator>` + esc(r.Unit) + `</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + r.Date.UTC().Format("2006-01-02T15:04:05Z") + `</dcterms:created>` +
		`</cp:coreProperties>`
}

// footer is the page number in the official style, "— 2 —" in 4号 宋体, on the outer side:
// odd pages right, even pages left, one character in from the edge (GB/T 9704 7.5).
func footer(side string) string {
	ind := `w:right="280"`
	if side == "left" {
		ind = `w:left="280"`
	}
	return xmlHeader + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="` + side + `"/><w:ind ` + ind + `/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">— </w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`
}

// emptyFooter is the cover's: the cover counts as page 1 but shows no number.
const emptyFooter = xmlHeader + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>`

// settings: odd and even footers differ; fields (the contents) are updated when Word opens it.
const settings = xmlHeader + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:updateFields w:val="true"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" ` +
	`w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// fontTable names the faces with the alternative Word takes where a face is not installed.
const fontTable = xmlHeader + `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func esc(s string) string { return escaper.Replace(s) }
