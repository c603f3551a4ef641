package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"shequ/reports/internal/sample"
	"shequ/reports/model"
)

// unzip writes r as a .docx and returns its parts by name, each checked to be well-formed XML.
func unzip(t *testing.T, r *model.Report) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(b))
			for {
				if _, err := dec.Token(); err != nil {
					if !errors.Is(err, io.EOF) {
						t.Fatalf("%s is not well-formed: %v", f.Name, err)
					}
					break
				}
			}
		}
	}
	return parts
}

func TestDocumentStructure(t *testing.T) {
	r := sample.City(50)
	parts := unzip(t, r)
	doc := string(parts["word/document.xml"])
	// Every chapter is a level-1 heading, numbered as in the PDF.
	labels := []string{}
	for i, c := range sample.Chapters {
		labels = append(labels, model.ChineseNumber(i+1)+"、"+c)
	}
	labels = append(labels, r.Sections[len(r.Sections)-1].Title)
	for _, l := range labels {
		if !strings.Contains(doc, `<w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">`+l+`</w:t>`) {
			t.Errorf("no 标题 1 heading %q", l)
		}
	}
	if n := strings.Count(doc, `<w:pStyle w:val="Heading2"/>`); n != 2*len(sample.Chapters) {
		t.Errorf("%d 标题 2 headings", n)
	}
	// Tables: one per chapter's figures and table, and the appendix; header rows repeat.
	if n := strings.Count(doc, "<w:tbl>"); n != 2*len(sample.Chapters)+1 {
		t.Errorf("%d tables", n)
	}
	if !strings.Contains(doc, "<w:tblHeader/>") || !strings.Contains(doc, `<w:gridSpan w:val="2"/>`) || !strings.Contains(doc, `<w:vMerge w:val="restart"/>`) {
		t.Error("the grouped header is not a repeated two-row header")
	}
	// Cells read as in the PDF: 万元 with separators, rates as percentages.
	for _, want := range []string{">4,500.00<", ">80.0%<", ">3,004 个<", ">第50村民委员会<", "南充市民政局", "2026年12月6日"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %s", want)
		}
	}
	// The page: A4 with the GB/T 9704 margins, the cover without a number, odd and even footers.
	if !strings.Contains(doc, `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`) ||
		!strings.Contains(doc, "<w:titlePg/>") {
		t.Error("page setup")
	}
	for _, f := range []string{"word/footer1.xml", "word/footer2.xml"} {
		if s := string(parts[f]); !strings.Contains(s, "— </w:t>") || !strings.Contains(s, " PAGE ") {
			t.Errorf("%s has no — PAGE — number: %s", f, s)
		}
	}
	if !strings.Contains(string(parts["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
		t.Error("odd and even footers are not told apart")
	}
}

func TestStylesAndFonts(t *testing.T) {
	parts := unzip(t, sample.City(5))
	st := string(parts["word/styles.xml"])
	for _, re := range []string{
		`w:styleId="Heading1"><w:name w:val="heading 1"/>.*?<w:outlineLvl w:val="0"/>.*?w:eastAsia="黑体"`,
		`w:styleId="Heading2"><w:name w:val="heading 2"/>.*?<w:outlineLvl w:val="1"/>.*?w:eastAsia="楷体_GB2312"`,
		`w:styleId="Title">.*?w:eastAsia="方正小标宋简体"`,
		`<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"`,
	} {
		if !regexp.MustCompile(re).MatchString(st) {
			t.Errorf("styles.xml lacks %s", re)
		}
	}
	ft := string(parts["word/fontTable.xml"])
	for face, alt := range map[string]string{"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"} {
		if !strings.Contains(ft, `<w:font w:name="`+face+`"><w:altName w:val="`+alt+`"/>`) {
			t.Errorf("font table: %s does not fall back to %s", face, alt)
		}
	}
}

// Each chart is a PNG picture in the document, with its title as a caption above.
func TestChartsArePictures(t *testing.T) {
	parts := unzip(t, sample.City(5))
	doc := string(parts["word/document.xml"])
	n := 0
	for name, b := range parts {
		if !strings.HasPrefix(name, "word/media/") {
			continue
		}
		n++
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Bounds().Dx() != chartW {
			t.Errorf("%s is %v", name, img.Bounds())
		}
	}
	if n != len(sample.Chapters) || strings.Count(doc, "<w:drawing>") != n {
		t.Fatalf("%d pictures, %d drawings", n, strings.Count(doc, "<w:drawing>"))
	}
	c := sample.City(5).Sections[0].Blocks[4].(*model.BarChart)
	if _, ok := parts["word/media/chart1.png"]; !ok ||
		!strings.Contains(string(parts["word/_rels/document.xml.rels"]), `Target="media/chart1.png"`) ||
		!strings.Contains(doc, `<w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">`+c.Title) {
		t.Fatal("the chart is not a captioned picture")
	}
}

// LibreOffice opens the document and lays it out: the chapters, the tables' figures and the
// page numbers are in its PDF.
func TestOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice is not installed")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := Write(&buf, sample.City(200)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "r.docx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "r.docx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "r.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "") // LibreOffice spaces figures from hanzi
	for _, want := range []string{"一、概况", "八、存在问题和下步打算", "4,500.00", "第200村民委员会", "—3—"} {
		if !strings.Contains(text, want) {
			t.Errorf("the converted PDF lacks %q", want)
		}
	}
}

// BenchmarkWriteCity is the whole city's .docx: nine chapters and the 3,004-row appendix.
func BenchmarkWriteCity(b *testing.B) {
	r := sample.City(3004)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "docx-bytes")
}
