package app

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/budget"
	"shequ/app/report"
	"shequ/models"
	"shequ/reports/model"
)

// A generated whole-city year: the PDF has every chapter with the database's totals to the fen,
// the workbook too, and neither shows "村村", "《" or a raw rate such as 0.0824.
func TestReportCityYear(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a year for 3,004 villages")
	}
	a, year := benchCity(t)
	ctx := context.Background()
	_, tot, err := a.Budget.Lines(ctx, budget.Filter{Year: year})
	if err != nil {
		t.Fatal(err)
	}
	var pdf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year}, report.FormatPDF, &pdf); err != nil {
		t.Fatal(err)
	}
	checkPDFText(t, pdf.Bytes(), "SHEQU_CITY_OUT", "南充市城乡社区治理工作情况报告", "一、概况", "二、领导机制", "三、社区标准化建设",
		"四、三社互动", "五、经费保障", "六、部门职责落实", "七、民主自治", "八、存在问题和下步打算", "附表",
		"（三）其他民主自治台账", "（三）按资金来源", "（一）主要指标同比", "（二）各县（市、区）排名",
		tot.Amount.Wanyuan(), tot.Disbursed.Wanyuan(), "南充市民政局")
	text := pdfText(t, pdf.Bytes())
	for _, bad := range []string{"村村", "《"} {
		if strings.Contains(text, bad) {
			i := strings.Index(text, bad)
			t.Errorf("the city PDF has %q: …%s…", bad, text[max(0, i-60):min(len(text), i+60)])
		}
	}
	if m := regexp.MustCompile(`\b0\.\d{4,}`).FindString(text); m != "" {
		t.Errorf("the city PDF has a raw rate %s", m)
	}
	if m := regexp.MustCompile(`[\d,.%]\s?…`).FindString(text); m != "" { // "1,267,…", "3,004 …"
		t.Errorf("the city PDF cuts a figure: %s", m)
	}

	// The appendix names each village's township and closes each county with its 小计.
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Sections: []string{"appendix"}})
	if err != nil {
		t.Fatal(err)
	}
	app := findTable(r, "村（社区）明细")
	if app.Columns[1].Header != "乡镇（街道）" || app.Totals[5] != tot.Amount || app.Totals[6] != tot.Disbursed {
		t.Fatalf("appendix columns %v, totals %v", app.Columns[1], app.Totals)
	}
	var subs int
	var subBudget models.Fen
	for _, row := range app.Rows {
		name, _ := row[0].(string)
		if strings.HasSuffix(name, "小计") {
			subs++
			subBudget += row[5].(models.Fen)
		} else if row[1] == "" {
			t.Errorf("village %v has no township", row[2])
		}
	}
	if subs != 9 || subBudget != tot.Amount {
		t.Errorf("%d county subtotals adding up to %v, want 9 and %v", subs, subBudget, tot.Amount)
	}

	// Prose counts carry thousands separators as the tables do; a figure the year before lacks
	// (titles but no assessment) reads "—", not 0.
	ov, err := a.Reports.Build(ctx, report.Request{Year: year, Sections: []string{"overview"}})
	if err != nil {
		t.Fatal(err)
	}
	var prose string
	for _, b := range ov.Sections[0].Blocks {
		if p, ok := b.(*model.Paragraph); ok {
			prose += p.Text
		}
	}
	if !strings.Contains(prose, "召开民主议事类会议 2,404 次") {
		t.Errorf("overview prose: %s", prose)
	}
	if row := findTable(ov, "主要指标同比").Rows[0]; row[2] != "—" || row[3] != "—" {
		t.Errorf("已测评 the year before: %v", row)
	}

	var book bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year}, report.FormatXLSX, &book); err != nil {
		t.Fatal(err)
	}
	if p := os.Getenv("SHEQU_CITY_XLSX"); p != "" {
		_ = os.WriteFile(p, book.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw := regexp.MustCompile(`^0\.\d{4,}$`)
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, c := range r {
				if raw.MatchString(c) || strings.Contains(c, "村村") || strings.Contains(c, "《") {
					t.Errorf("%s row %d column %d shows %q", sh, i+1, j+1, c)
				}
			}
		}
	}
	// The Word document: every chapter a 标题 1 heading, the totals to the fen as in the PDF.
	var word bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year}, report.FormatDOCX, &word); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(word.Bytes()), int64(word.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	for _, want := range []string{"一、概况", "二、领导机制", "三、社区标准化建设", "四、三社互动", "五、经费保障", "六、部门职责落实",
		"七、民主自治", "八、存在问题和下步打算", "附表"} {
		if !strings.Contains(doc, `<w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr><w:r><w:t xml:space="preserve">`+want) {
			t.Errorf("the Word document has no 标题 1 %q", want)
		}
	}
	for _, want := range []string{tot.Amount.Wanyuan(), tot.Disbursed.Wanyuan(), "南充市民政局"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the Word document lacks %s", want)
		}
	}
}
