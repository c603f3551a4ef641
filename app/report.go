package app

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"shequ/models"
	"shequ/reports/model"
	"shequ/reports/pdf"
	"shequ/reports/xlsx"
)

// CityCode is 南充市, the area of a whole-city report.
const CityCode = "511300000000"

// ReportSection is one chapter of the 城乡社区治理工作情况报告. Each module adds its chapter
// with RegisterReportSection from an init() in its own report_<module>.go file.
type ReportSection struct {
	ID    string // overview, budget, duties, ledgers, appendix …: names it in --sections
	Title string
	Order int // chapters are written in this order
	Build func(ctx context.Context, e *ReportEnv) (model.Section, error)
}

var reportSections []ReportSection

// RegisterReportSection adds a chapter; call it from init().
func RegisterReportSection(s ReportSection) {
	reportSections = append(reportSections, s)
	sort.SliceStable(reportSections, func(i, j int) bool { return reportSections[i].Order < reportSections[j].Order })
}

// ReportSections lists the chapters in report order.
func ReportSections() []ReportSection { return slices.Clone(reportSections) }

// ReportService builds the report model from the services and renders it as PDF or Excel.
type ReportService struct {
	a   *App
	now func() time.Time
}

// ReportRequest says what to report on.
type ReportRequest struct {
	Year     int
	Area     string   // a county code, or CityCode (the default) for the whole city
	Sections []string // section IDs; empty means all
	// Progress, when set, is told how many of total chapters are done.
	Progress func(done, total int)
}

// ReportAreas are what a report can cover: the whole city first, then its counties.
func (s *ReportService) ReportAreas(ctx context.Context) ([]models.Division, error) {
	city, err := s.a.Divisions.Get(ctx, CityCode)
	if err != nil {
		return nil, err
	}
	kids, err := s.a.Divisions.Children(ctx, CityCode)
	if err != nil {
		return nil, err
	}
	out := []models.Division{city}
	for _, k := range kids {
		if k.Active() && k.Level == models.LevelCounty {
			out = append(out, k)
		}
	}
	return out, nil
}

// Build makes the report model: every figure the PDF and the workbook show comes from here.
func (s *ReportService) Build(ctx context.Context, req ReportRequest) (*model.Report, error) {
	e, err := s.env(ctx, req)
	if err != nil {
		return nil, err
	}
	var chosen []ReportSection
	for _, sec := range reportSections {
		if len(req.Sections) == 0 || slices.Contains(req.Sections, sec.ID) {
			chosen = append(chosen, sec)
		}
	}
	for _, id := range req.Sections {
		if !slices.ContainsFunc(reportSections, func(s ReportSection) bool { return s.ID == id }) {
			return nil, fmt.Errorf("%w：没有名为“%s”的报表章节，可选：%s", models.ErrInvalid, id, SectionIDs())
		}
	}
	r := &model.Report{Title: fmt.Sprintf("%s城乡社区治理工作情况报告（%d年度）", e.AreaName, req.Year),
		Area: e.AreaName, Unit: e.AreaName + "民政局", Year: req.Year, Date: e.Today}
	for i, sec := range chosen {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("已取消生成报表：%w", err)
		}
		out, err := sec.Build(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("生成“%s”章节失败：%w", sec.Title, err)
		}
		out.ID = sec.ID
		if out.Title == "" {
			out.Title = sec.Title
		}
		r.Sections = append(r.Sections, out)
		if req.Progress != nil {
			req.Progress(i+1, len(chosen)+1)
		}
	}
	return r, nil
}

// SectionIDs lists the chapter IDs for messages and help.
func SectionIDs() string {
	var ids []string
	for _, s := range reportSections {
		ids = append(ids, s.ID+"（"+s.Title+"）")
	}
	return strings.Join(ids, "、")
}

// ReportFormat is the file type written.
type ReportFormat int

const (
	FormatPDF ReportFormat = iota
	FormatXLSX
)

// FormatOf picks the format from a file name: .pdf or .xlsx.
func FormatOf(path string) (ReportFormat, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return FormatPDF, nil
	case ".xlsx":
		return FormatXLSX, nil
	}
	return 0, fmt.Errorf("%w：报表文件应以 .pdf 或 .xlsx 结尾：%s", models.ErrInvalid, filepath.Base(path))
}

// Write builds the report and renders it to w.
func (s *ReportService) Write(ctx context.Context, req ReportRequest, f ReportFormat, w io.Writer) error {
	r, err := s.Build(ctx, req)
	if err != nil {
		return err
	}
	if f == FormatXLSX {
		err = xlsx.WriteReport(w, r)
	} else {
		err = pdf.Write(w, r)
	}
	if err == nil && req.Progress != nil {
		n := len(r.Sections) + 1
		req.Progress(n, n)
	}
	return err
}

// MainTables lists, per chapter, the main table a clerk can print alone: section ID → caption.
func (s *ReportService) MainTables(ctx context.Context, req ReportRequest) (*model.Report, error) {
	return s.Build(ctx, req)
}

// WriteMainTable renders the main table of one chapter alone as a PDF (一键打印).
func (s *ReportService) WriteMainTable(ctx context.Context, req ReportRequest, section string, w io.Writer) error {
	req.Sections = []string{section}
	r, err := s.Build(ctx, req)
	if err != nil {
		return err
	}
	for _, t := range r.MainTables() {
		return pdf.WriteTable(w, r, t)
	}
	return fmt.Errorf("%w：章节“%s”没有主表", models.ErrInvalid, section)
}

// ReportUnit is a row of the per-area tables: a township in a county report, a county in a
// whole-city report, with its active villages and communities.
type ReportUnit struct {
	Code, Name string
	Villages   []models.Division
}

// ReportEnv is what chapters are built from: the area, its units and the module data, each
// read once per report so that every chapter shows the same figures.
type ReportEnv struct {
	App      *App
	Year     int
	Today    time.Time
	Area     models.Division
	AreaName string
	// UnitLabel is 乡镇（街道） or 县（市、区）.
	UnitLabel string
	Units     []ReportUnit
	prefix    string
	unitLen   int
	unitIdx   map[string]int

	budget   *reportBudget
	ledgers  *reportLedgers
	duties   *reportDuties
	profiles map[string]models.CommunityProfile

	checklist *reportChecklist
	registry  *reportRegistry
}

func (s *ReportService) env(ctx context.Context, req ReportRequest) (*ReportEnv, error) {
	if req.Year < 2000 || req.Year > 2100 {
		return nil, fmt.Errorf("%w：%d 不是有效的年度", models.ErrInvalid, req.Year)
	}
	if req.Area == "" {
		req.Area = CityCode
	}
	area, err := s.a.Divisions.Get(ctx, req.Area)
	if err != nil {
		return nil, err
	}
	e := &ReportEnv{App: s.a, Year: req.Year, Today: models.Day(s.now()), Area: area, AreaName: area.Name, unitIdx: map[string]int{}}
	var towns []models.Division
	switch area.Level {
	case models.LevelCounty:
		city, _ := s.a.Divisions.Get(ctx, area.ParentCode)
		if city.Name != "" {
			e.AreaName = city.Name + area.Name
		}
		e.prefix, e.unitLen, e.UnitLabel = area.Code[:6], 9, "乡镇（街道）"
		if towns, err = s.a.Divisions.Children(ctx, area.Code); err != nil {
			return nil, err
		}
	case models.LevelCity:
		e.prefix, e.unitLen, e.UnitLabel = area.Code[:4], 6, "县（市、区）"
		if towns, err = s.a.Divisions.Children(ctx, area.Code); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w：报表按县（市、区）或全市生成，%s 是%s", models.ErrInvalid, area.Name, area.Level.Label())
	}
	for _, t := range towns {
		if !t.Active() {
			continue
		}
		u := ReportUnit{Code: t.Code, Name: t.Name}
		if u.Villages, err = s.villagesUnder(ctx, t); err != nil {
			return nil, err
		}
		e.unitIdx[t.Code[:e.unitLen]] = len(e.Units)
		e.Units = append(e.Units, u)
	}
	return e, nil
}

func (s *ReportService) villagesUnder(ctx context.Context, d models.Division) ([]models.Division, error) {
	kids, err := s.a.Divisions.Children(ctx, d.Code)
	if err != nil {
		return nil, err
	}
	var out []models.Division
	for _, k := range kids {
		switch {
		case !k.Active():
		case k.Level == models.LevelVillage:
			out = append(out, k)
		default:
			more, err := s.villagesUnder(ctx, k)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
	}
	return out, nil
}

// In reports whether code lies in the report's area.
func (e *ReportEnv) In(code string) bool { return strings.HasPrefix(code, e.prefix) }

// UnitOf is the index in Units of the unit code lies in, or -1 (the county's own 本级 lines).
func (e *ReportEnv) UnitOf(code string) int {
	if len(code) < e.unitLen {
		return -1
	}
	if i, ok := e.unitIdx[code[:e.unitLen]]; ok {
		return i
	}
	return -1
}

// Villages lists every active village and community of the area with its unit's index.
func (e *ReportEnv) Villages() []models.Division {
	var out []models.Division
	for _, u := range e.Units {
		out = append(out, u.Villages...)
	}
	return out
}

// Profiles are the saved community profiles of the area by division code.
func (e *ReportEnv) Profiles(ctx context.Context) (map[string]models.CommunityProfile, error) {
	if e.profiles != nil {
		return e.profiles, nil
	}
	ps, err := e.App.store.ProfilesUnder(ctx, e.prefix)
	if err != nil {
		return nil, err
	}
	e.profiles = make(map[string]models.CommunityProfile, len(ps))
	for _, p := range ps {
		e.profiles[p.DivisionCode] = p
	}
	return e.profiles, nil
}

// unitCaption is the caption of a per-unit table, e.g. 2026年经费保障分乡镇（街道）统计表.
func unitCaption(e *ReportEnv, what string) string {
	return fmt.Sprintf("%d年%s分%s统计表", e.Year, what, e.UnitLabel)
}
