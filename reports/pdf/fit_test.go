package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"shequ/models"
	"shequ/reports/model"
)

// appendixLike is the whole-city appendix's shape: ten columns on 156 mm, a bold 合计 row whose
// figures are the widest, and seven-character village names.
func appendixLike() *model.Table {
	cols := []model.Column{{Header: "县（市、区）", Weight: 1.1}, {Header: "乡镇（街道）", Weight: 1.3},
		{Header: "村（社区）", Weight: 1.8}, {Header: "户数", Kind: model.Int, Weight: 0.8},
		{Header: "常住人口", Kind: model.Int, Weight: 1.0},
		{Header: "预算", Group: "经费（万元）", Kind: model.Money, Weight: 1.1},
		{Header: "已拨付", Group: "经费（万元）", Kind: model.Money, Weight: 1.1},
		{Header: "执行率", Kind: model.Percent, Weight: 0.9}, {Header: "会议（次）", Kind: model.Int, Weight: 0.9},
		{Header: "意见答复率", Kind: model.Percent, Weight: 0.9}}
	t := &model.Table{Columns: cols}
	for i := range 50 {
		t.Rows = append(t.Rows, []any{"仪陇县", "马鞍镇", "瓦子坪农村社区", int64(800 + i), int64(2800 + i),
			models.Fen(2247000), models.Fen(246000), model.Rate{Value: 0.11, OK: true}, int64(1), model.Rate{Value: 1, OK: true}})
	}
	t.Totals = []any{"合计", nil, nil, int64(1267007), int64(3969207), models.Fen(462907200), models.Fen(38468800),
		model.Rate{Value: 0.083, OK: true}, int64(2404), model.Rate{Value: 0.499, OK: true}}
	return t
}

// TestColumnsFitTheWidestFigure: the 合计 row's 1,267,007 in bold was shrunk, and with a wider
// village column cut to "1,267,…"; the columns now make room for every figure.
func TestColumnsFitTheWidestFigure(t *testing.T) {
	d, err := Fonts{}.newDoc(&model.Report{Title: "测试"}, "测试")
	if err != nil {
		t.Fatal(err)
	}
	tb := appendixLike()
	cells := format(tb)
	l, err := d.columns(tb, cells)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for i, c := range tb.Columns {
		sum += l.w[i]
		if c.Kind == model.Text {
			continue
		}
		_ = d.font(faceHeading, sizeTable)
		if w := d.f.GetStringWidth(cells.totals[i]); w > l.w[i]-2*cellMargin {
			t.Errorf("%s: 合计 %s is %.1f mm wide in a %.1f mm column", c.Header, cells.totals[i], w, l.w[i])
		}
	}
	if sum < bodyW-0.01 || sum > bodyW+0.01 {
		t.Errorf("columns add up to %.2f mm, want %.0f", sum, bodyW)
	}
	// Writing the table keeps every figure whole.
	d.f.AddPage()
	if err := d.table(tb); err != nil {
		t.Fatal(err)
	}
}

// TestKPINoteNeverCutsTheFigure: a KPI whose figure carries a note in brackets keeps the figure
// and the whole note (it used to end "5.68（2,003/3,004 …").
func TestKPINoteNeverCutsTheFigure(t *testing.T) {
	r := &model.Report{Title: "测试报告", Unit: "测试局", Sections: []model.Section{{Title: "概况", Blocks: []model.Block{
		&model.KPIs{Items: []model.KPI{{Label: "社会组织（个）", Value: "1,202"}, {Label: "持证社会工作者（人）", Value: "2,253"},
			{Label: "每万人持证社工（人）", Value: "5.68", Note: "（2,003/3,004 个有人口）"}}}}}}}
	var buf strings.Builder
	if err := (Fonts{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, []byte(buf.String()))
	if !strings.Contains(text, "5.68") || !strings.Contains(text, "2,003/3,004 个有人口）") || strings.Contains(text, "…") {
		t.Errorf("KPI text: %s", text)
	}
}

// pdfText is the PDF's text by pdftotext (-raw, so a line of text stays whole), skipping the
// test when it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
