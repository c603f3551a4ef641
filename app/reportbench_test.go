package app

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"shequ/app/report"
	"shequ/assets"
	"shequ/reports/model"
	"shequ/reports/pdf"
)

// benchCity is a seeded database with a generated year in every module for all 3,004
// villages and communities of 南充市: profiles, budget lines and disbursements, meetings and
// opinions, task progress, assessments and 示范单位 titles, organisations, workers and grids.
func benchCity(b testing.TB) (*App, int) {
	b.Helper()
	ctx := context.Background()
	a, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = a.Close() })
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	today := time.Date(time.Now().Year(), 11, 25, 0, 0, 0, 0, time.Local)
	a.Reports.Now = func() time.Time { return today }
	a.Ledgers.Today = func() time.Time { return today }
	genReportData(b, a, "5113", today.Year(), today)
	counties, err := a.Divisions.Children(ctx, report.CityCode)
	if err != nil {
		b.Fatal(err)
	}
	seq := 0
	for _, c := range counties {
		seq = genSectionData(b, a, c.Code, today.Year(), seq)
	}
	return a, today.Year()
}

// BenchmarkReportCity is the whole-city PDF: reading the services, building the model and
// rendering cover, contents, four chapters with charts and the 3,004-row appendix.
func BenchmarkReportCity(b *testing.B) {
	a, year := benchCity(b)
	ctx := context.Background()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := a.Reports.Write(ctx, report.Request{Year: year, Area: report.CityCode}, report.FormatPDF, &buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// BenchmarkReportCityFloor is the floor: a bare fpdf program writing the same tables (from a
// model built before the timer) with the same fonts the report embeds when no system fonts are
// found (Noto Serif SC regular for the text, its bold for the title, Noto Sans SC bold for 黑体
// headings and table headers), one bordered cell per value, no wrapping, no header repetition,
// no charts.
func BenchmarkReportCityFloor(b *testing.B) {
	a, year := benchCity(b)
	r, err := a.Reports.Build(context.Background(), report.Request{Year: year, Area: report.CityCode})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := floorPDF(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// floorPDF is the floor's program: the report's tables as bordered cells in the report's three
// faces, no wrapping, no header repetition, no charts.
func floorPDF(w io.Writer, r *model.Report) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("serif", "", assets.FontSerif)
	f.AddUTF8FontFromBytes("serifb", "", assets.FontSerifBold)
	f.AddUTF8FontFromBytes("sansb", "", assets.FontBold)
	f.AddPage()
	f.SetFont("serifb", "", 22)
	f.CellFormat(156, 12, r.Title, "", 1, "C", false, 0, "")
	if err := f.Error(); err != nil {
		return err
	}
	for _, s := range r.Sections {
		for _, blk := range s.Blocks {
			t, ok := blk.(*model.Table)
			if !ok {
				continue
			}
			cw := 156.0 / float64(len(t.Columns))
			f.SetFont("sansb", "", 9)
			for _, c := range t.Columns {
				f.CellFormat(cw, 6, c.Header, "1", 0, "C", false, 0, "")
			}
			f.Ln(-1)
			f.SetFont("serif", "", 9)
			for _, row := range append(t.Rows, t.Totals) {
				for i, c := range t.Columns {
					var v any
					if i < len(row) {
						v = row[i]
					}
					f.CellFormat(cw, 6, model.FormatCell(c.Kind, v), "1", 0, "R", false, 0, "")
				}
				f.Ln(-1)
			}
		}
	}
	return f.Output(w)
}

// BenchmarkReportCityVsFloor times the whole-city report and its floor in turns in one process,
// one of each per round, so that a machine whose load changes during the run slows both alike.
// It reports the median of each and their ratio (goal ≤ 1.3).
func BenchmarkReportCityVsFloor(b *testing.B) {
	a, year := benchCity(b)
	ctx := context.Background()
	req := report.Request{Year: year, Area: report.CityCode}
	r, err := a.Reports.Build(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	var shequ, floor []time.Duration
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		t0 := time.Now()
		if err := a.Reports.Write(ctx, req, report.FormatPDF, &buf); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		buf.Reset()
		if err := floorPDF(&buf, r); err != nil {
			b.Fatal(err)
		}
		shequ, floor = append(shequ, t1.Sub(t0)), append(floor, time.Since(t1))
	}
	ms, mf := median(shequ), median(floor)
	b.ReportMetric(ms.Seconds()*1000, "shequ-ms")
	b.ReportMetric(mf.Seconds()*1000, "floor-ms")
	b.ReportMetric(float64(ms)/float64(mf), "ratio")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkReportCityModel is the first half of BenchmarkReportCity alone: reading the services
// and building the whole-city report model, no PDF.
func BenchmarkReportCityModel(b *testing.B) {
	a, year := benchCity(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := a.Reports.Build(ctx, report.Request{Year: year, Area: report.CityCode}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportCityPDF is the second half alone: rendering a whole-city model built before
// the timer.
func BenchmarkReportCityPDF(b *testing.B) {
	a, year := benchCity(b)
	r, err := a.Reports.Build(context.Background(), report.Request{Year: year, Area: report.CityCode})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := pdf.Write(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
