package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"shequ/app"
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
	if res, err := f.app.Budget.Import(f.ctx, csv, app.ImportOptions{Year: 2026, County: "511302000000"}); err != nil || !res.OK {
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
