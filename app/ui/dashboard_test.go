package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"shequ/app/budget"
	"shequ/reports/model"
)

// The 首页 dashboard shows the report's KPIs and a chart once there is data, for the chosen area.
func TestDashboardShowsFiguresAndCharts(t *testing.T) {
	f := newFixture(t)
	csv := filepath.Join(t.TempDir(), "经费.csv")
	body := "乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n中城街道,平城街社区,工作经费,办公经费,12000.50\n中城街道,滨江社区,人员报酬,补贴,30000\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := f.app.Budget.Import(f.ctx, csv, budget.ImportOptions{Year: 2026, County: "511302000000"}); err != nil || !res.OK {
		t.Fatalf("import: %+v %v", res, err)
	}
	f.w.Show("nav.about")
	f.w.Show("nav.home")
	d := f.w.home.dash
	d.year.SetSelected("2026")
	if !containsText(d.kpis, "经费预算（万元）") || !containsText(d.kpis, "4.20") {
		t.Fatalf("KPI tiles: %q", visibleTexts(d.kpis))
	}
	if len(d.charts.Objects) == 0 || !containsText(d.charts, "工作经费") {
		t.Fatalf("charts: %q", visibleTexts(d.charts))
	}
	// Another county has no budget: its tiles say 0.00 and no chart is drawn.
	d.area.SetSelected("高坪区")
	if !containsText(d.kpis, "0.00") || !containsText(d.charts, "还没有可画图的数据") {
		t.Fatalf("高坪区: %q / %q", visibleTexts(d.kpis), visibleTexts(d.charts))
	}
	// The sentence runs the width of the screen, not one chart's column (it wrapped mid-word there).
	f.w.Win.Resize(fyne.NewSize(1280, 800))
	if w, all := d.charts.Objects[0].Size().Width, d.charts.Size().Width; w < all-1 {
		t.Errorf("the no-chart sentence is %.0f wide of the %.0f there is", w, all)
	}
	d.area.SetSelected("顺庆区") // and charts again take a column each
	if w, all := d.charts.Objects[0].Size().Width, d.charts.Size().Width; w > all/2 {
		t.Errorf("a chart is %.0f wide of %.0f", w, all)
	}
}

// A chart shows every county of the city, and says how many categories it left out when there
// are more than fit.
func TestDashboardChartSaysWhatItLeavesOut(t *testing.T) {
	test.NewTempApp(t)
	chart := func(n, series int) *model.BarChart {
		c := &model.BarChart{Title: "图", Unit: "%"}
		for k := range series {
			c.Series = append(c.Series, model.Series{Name: fmt.Sprint("系列", k)})
		}
		for i := range n {
			c.Categories = append(c.Categories, fmt.Sprint("乡镇", i))
			for k := range c.Series {
				c.Series[k].Values = append(c.Series[k].Values, float64(100-i))
			}
		}
		return c
	}
	for _, tc := range []struct {
		n, series, bars int
		shown           []string
		more            string
	}{
		{9, 1, dashboardBars, []string{"乡镇0", "乡镇8"}, ""},
		{12, 1, dashboardBars, []string{"乡镇0", "乡镇9"}, "另有 2 项未列出"},
		{8, 2, dashboardGroups, []string{"乡镇0", "乡镇5"}, "另有 2 项未列出"},
	} {
		v := barChartView(chart(tc.n, tc.series), tc.bars)
		texts := strings.Join(visibleTexts(v), " ")
		for _, want := range tc.shown {
			if !strings.Contains(texts, want) {
				t.Errorf("%d categories × %d series: %q not shown in %s", tc.n, tc.series, want, texts)
			}
		}
		if tc.more == "" && strings.Contains(texts, "未列出") || tc.more != "" && !strings.Contains(texts, tc.more) {
			t.Errorf("%d categories × %d series: want %q in %s", tc.n, tc.series, tc.more, texts)
		}
		if strings.Contains(texts, fmt.Sprint("乡镇", tc.bars)) {
			t.Errorf("%d categories: more than %d bars in %s", tc.n, tc.bars, texts)
		}
	}
}

// TestHomeCountsUseOneNumberFormat: 首页 showed the villages as "3004" in its tiles and "3,004"
// in the dashboard; both now write thousands separators.
func TestHomeCountsUseOneNumberFormat(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.about")
	f.w.Show("nav.home")
	if got := f.w.home.villages.Text; got != "3,004" {
		t.Errorf("village tile %q, want 3,004", got)
	}
	if !containsText(f.w.home.dash.kpis, "3,004") {
		t.Errorf("dashboard tiles %q", visibleTexts(f.w.home.dash.kpis))
	}
}

// barFractions are the bar lengths of a chart view, as fractions of the bar area.
func barFractions(o fyne.CanvasObject) []float32 {
	var out []float32
	if c, ok := o.(*fyne.Container); ok {
		if l, ok := c.Layout.(*barLayout); ok {
			out = append(out, l.frac)
		}
		for _, x := range c.Objects {
			out = append(out, barFractions(x)...)
		}
	}
	return out
}

// TestPercentChartsRunFromZeroToHundred: a 达标率 of 2.50 % drew a full-width bar, because bars
// were scaled to the largest value; a percentage is drawn against 0–100 %, a count or an amount
// still against its largest value.
func TestPercentChartsRunFromZeroToHundred(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		unit   string
		values []float64
		want   []float32
	}{
		{"%", []float64{2.5}, []float32{0.025}},
		{"%", []float64{80, 40}, []float32{0.8, 0.4}},
		{"个", []float64{20, 10}, []float32{1, 0.5}},
	} {
		c := &model.BarChart{Title: "图", Unit: tc.unit, Series: []model.Series{{Name: "达标率", Values: tc.values}}}
		for i := range tc.values {
			c.Categories = append(c.Categories, fmt.Sprint("县", i))
		}
		got := barFractions(barChartView(c, dashboardBars))
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%v %s: bars %v, want %v", tc.values, tc.unit, got, tc.want)
		}
	}
}

// TestDashboardBarValuesGrouped: the 首页 charts wrote 5833.95 where the tables and the report
// write 5,833.95 (and 85.7% for a rate).
func TestDashboardBarValuesGrouped(t *testing.T) {
	test.NewTempApp(t)
	c := &model.BarChart{Title: "经费", Unit: "万元", Categories: []string{"人员报酬", "仪陇县"},
		Series: []model.Series{{Name: "预算金额", Values: []float64{5833.95, 12}}}}
	r := &model.BarChart{Title: "达标率", Unit: "%", Categories: []string{"顺庆区"},
		Series: []model.Series{{Name: "达标率", Values: []float64{85.71}}}}
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			texts = append(texts, x.Text)
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k)
			}
		}
	}
	walk(barChartView(c, 8))
	walk(barChartView(r, 8))
	all := strings.Join(texts, " | ")
	for _, want := range []string{"5,833.95", "12.00", "85.7%"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q among %s", want, all)
		}
	}
}
