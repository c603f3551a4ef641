package app

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/app/duty"
	"shequ/app/report"
	"shequ/models"
	"shequ/reports/model"
)

const shunqing = "511302000000" // 顺庆区

// reportApp is a seeded database with a generated year for 顺庆区, judged on a fixed day.
func reportApp(t *testing.T) (*App, int, models.Fen, models.Fen) {
	t.Helper()
	a := openSeeded(t)
	today := time.Date(time.Now().Year(), 11, 25, 0, 0, 0, 0, time.Local)
	a.Reports.Now = func() time.Time { return today }
	a.Ledgers.Today = func() time.Time { return today }
	budget, disbursed := genReportData(t, a, shunqing[:6], today.Year(), today)
	return a, today.Year(), budget, disbursed
}

func findTable(r *model.Report, name string) *model.Table {
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if t, ok := b.(*model.Table); ok && t.Name == name {
				return t
			}
		}
	}
	return nil
}

func TestReportModelFigures(t *testing.T) {
	a, year, budget, disbursed := reportApp(t)
	ctx := context.Background()
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing})
	if err != nil {
		t.Fatal(err)
	}
	if want := "南充市顺庆区城乡社区治理工作情况报告（" + itoa(year) + "年度）"; r.Title != want {
		t.Errorf("title %q, want %q", r.Title, want)
	}
	var ids []string
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, ","); got != "overview,leadership,checklist,registry,budget,duties,ledgers,problems,appendix" {
		t.Errorf("sections %s", got)
	}
	// Every money table's 合计 row equals what the generator wrote, to the fen.
	for _, name := range []string{"经费按类别", "经费按乡镇（街道）"} {
		tb := findTable(r, name)
		if tb == nil {
			t.Fatalf("no table %s", name)
		}
		if tb.Totals[2] != budget || tb.Totals[3] != disbursed {
			t.Errorf("%s totals %v/%v, want %v/%v", name, tb.Totals[2], tb.Totals[3], budget, disbursed)
		}
		var sum models.Fen
		for _, row := range tb.Rows {
			sum += row[2].(models.Fen)
		}
		if sum != budget {
			t.Errorf("%s rows sum to %v, want %v", name, sum, budget)
		}
	}
	app := findTable(r, "村（社区）明细")
	if app.Totals[4] != budget {
		t.Errorf("appendix budget %v, want %v", app.Totals[4], budget)
	}
	// The appendix lists every active village of the county once; the meetings add up.
	led, _ := a.Ledgers.Meetings(ctx, shunqing, year)
	if got := app.Totals[7]; got != int64(len(led)) {
		t.Errorf("appendix meetings %v, want %d", got, len(led))
	}
	dt := findTable(r, "部门职责落实")
	tasks, _ := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year}, a.Reports.Now())
	if dt.Totals[1] != int64(len(tasks)) {
		t.Errorf("duties total %v, want %d", dt.Totals[1], len(tasks))
	}
	overdue, _ := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year, OverdueOnly: true}, a.Reports.Now())
	if len(overdue) == 0 || findTable(r, "逾期任务") == nil || len(findTable(r, "逾期任务").Rows) != len(overdue) {
		t.Errorf("overdue list does not match the %d overdue tasks", len(overdue))
	}
	// Only the chosen sections, and unknown ones are refused in Chinese.
	r2, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"budget"}})
	if err != nil || len(r2.Sections) != 1 {
		t.Fatalf("budget only: %v %d", err, len(r2.Sections))
	}
	if _, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), "没有名为") {
		t.Errorf("unknown section: %v", err)
	}
	if _, err := a.Reports.Build(ctx, report.Request{Year: year, Area: "511302001000"}); err == nil {
		t.Error("a township is not a report area")
	}
}

// A county report is issued by that county's bureau, its cover title stands without 《》, and a
// county can be named by its 6-digit code.
func TestReportCountyUnitAndShortCode(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	r, err := a.Reports.Build(ctx, report.Request{Year: 2026, Area: "511321", Sections: []string{"overview"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Unit != "南部县民政局" || r.Area != "南充市南部县" {
		t.Errorf("6-digit 511321: area %q, unit %q", r.Area, r.Unit)
	}
	// A past year's register snapshot says whose day its figures are.
	last := time.Now().Year() - 1
	genSectionData(t, a, shunqing, last, 0)
	past, err := a.Reports.Build(ctx, report.Request{Year: last, Area: "511302", Sections: []string{"registry"}})
	if err != nil {
		t.Fatal(err)
	}
	if p := past.Sections[0].Blocks[0].(*model.Paragraph).Text; !strings.Contains(p, "非"+itoa(last)+"年末数") {
		t.Errorf("%d 三社 paragraph: %s", last, p)
	}
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: 2026, Area: "511321", Sections: []string{"overview"}}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if text != "" && (strings.Contains(text, "《") || strings.Contains(text, "南充市南部县民政局") || !strings.Contains(text, "南部县民政局")) {
		t.Errorf("cover of the 南部县 report:\n%s", text[:min(len(text), 600)])
	}
}

// pdfText is the PDF's text by pdftotext, "" when it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF text is not checked")
		return ""
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReportPDFAndWorkbook(t *testing.T) {
	a, year, budget, disbursed := reportApp(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDFText(t, buf.Bytes(), "SHEQU_REPORT_OUT", "南充市顺庆区城乡社区治理工作情况报告", "一、概况", "五、经费保障", "六、部门职责落实",
		"七、民主自治", "附表", "合计", budget.Wanyuan(), disbursed.Wanyuan(), "— 2 —", "— 3 —", "顺庆区民政局")

	buf.Reset()
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing}, report.FormatXLSX, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 10 || sheets[4] != "5 经费保障" || sheets[9] != "图表数据" { // the charts' hidden source last
		t.Fatalf("sheets %q", sheets)
	}
	// The workbook holds yuan with two decimals: its 合计 rows equal the database to the fen.
	rows, err := f.GetRows("5 经费保障", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var totals int
	for _, r := range rows {
		if len(r) >= 4 && r[0] == "合计" {
			totals++
			b, e1 := models.ParseAmount(r[2], models.Yuan)
			d, e2 := models.ParseAmount(r[3], models.Yuan)
			if e1 != nil || e2 != nil || b != budget || d != disbursed {
				t.Errorf("workbook 合计 %q/%q, want %s/%s", r[2], r[3], budget.Yuan(), disbursed.Yuan())
			}
		}
	}
	if totals != 3 { // by category, by unit, by funding source
		t.Errorf("%d 合计 rows on the budget sheet, want 3", totals)
	}
	charts := 0
	f.Pkg.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), "xl/charts/chart") {
			charts++
		}
		return true
	})
	if charts < 4 {
		t.Errorf("%d native charts, want at least 4", charts)
	}

	// One module's main table alone.
	buf.Reset()
	if err := a.Reports.WriteMainTable(ctx, report.Request{Year: year, Area: shunqing}, "budget", &buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Error("the single table is not a PDF")
	}
}

// checkPDFText checks, with pdftotext when it is installed, that every want is on the PDF's
// pages and that nothing renders as "�". With the environment variable env set, the PDF is
// also saved there to look at.
func checkPDFText(t *testing.T, pdf []byte, env string, wants ...string) {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		_ = os.WriteFile(p, pdf, 0o644)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF text is not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	packed := strings.ReplaceAll(text, " ", "") // -layout may drop the spaces of "— 2 —"
	for _, want := range wants {
		if !strings.Contains(text, want) && !strings.Contains(packed, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "�") {
		t.Error("the PDF has replacement characters")
	}
}
