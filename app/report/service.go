package report

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"shequ/app/budget"
	"shequ/app/checklist"
	"shequ/app/division"
	"shequ/app/duty"
	"shequ/app/ledger"
	"shequ/app/registry"
	"shequ/app/store"
	"shequ/models"
	"shequ/reports/docx"
	"shequ/reports/model"
	"shequ/reports/pdf"
	"shequ/reports/xlsx"
)

// CityCode is 南充市, the area of a whole-city report.
const CityCode = "511300000000"

// Section is one chapter of the 城乡社区治理工作情况报告. Each module adds its chapter
// with RegisterSection from an init() in its own report_<module>.go file.
type Section struct {
	ID    string // overview, budget, duties, ledgers, appendix …: names it in --sections
	Title string
	Order int // chapters are written in this order
	Build func(ctx context.Context, e *Env) (model.Section, error)
	// Reads are the module figures the chapter needs, read at the same time before it is built
	// when it comes first (optional: a chapter reads whatever it asks for anyway).
	Reads []func(ctx context.Context, e *Env) error
}

// reads makes a Env reader, e.g. (*Env).Budget, a Section.Reads entry.
func reads[T any](load func(*Env, context.Context) (T, error)) func(context.Context, *Env) error {
	return func(ctx context.Context, e *Env) error {
		_, err := load(e, ctx)
		return err
	}
}

var reportSections []Section

// RegisterSection adds a chapter; call it from init().
func RegisterSection(s Section) {
	reportSections = append(reportSections, s)
	sort.SliceStable(reportSections, func(i, j int) bool { return reportSections[i].Order < reportSections[j].Order })
}

// Sections lists the chapters in report order.
func Sections() []Section { return slices.Clone(reportSections) }

// Service builds the report model from the services and renders it as PDF or Excel.
type Service struct {
	svc *services
	// Now is the clock "today" is read from (the 截至 date, what is overdue); tests set it.
	Now func() time.Time
}

// Params are what the report is built from: the area services whose figures its chapters show,
// the store for the report's own settings (领导机制) and who is working.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
	Budget    *budget.Service
	Checklist *checklist.Service
	Duties    *duty.Service
	Ledgers   *ledger.Service
	Registry  *registry.Service
}

// services are the Params and the report service itself, shared by every Env of a report.
type services struct {
	Params
	reports *Service
}

// New makes the service.
func New(p Params) *Service {
	s := &Service{Now: time.Now}
	s.svc = &services{Params: p, reports: s}
	return s
}

// Request says what to report on.
type Request struct {
	Year     int
	Area     string   // a county code, or CityCode (the default) for the whole city
	Sections []string // section IDs; empty means all
	// Progress, when set, is told how many of total chapters are done.
	Progress func(done, total int)
}

// ReportAreas are what a report can cover: the whole city first, then its counties.
func (s *Service) ReportAreas(ctx context.Context) ([]models.Division, error) {
	city, err := s.svc.Divisions.Get(ctx, CityCode)
	if err != nil {
		return nil, err
	}
	kids, err := s.svc.Divisions.Children(ctx, CityCode)
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
func (s *Service) Build(ctx context.Context, req Request) (*model.Report, error) {
	r, next, err := s.start(ctx, req)
	if err != nil {
		return nil, err
	}
	for i := range r.Sections {
		if r.Sections[i], err = next(i); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// start begins building the report: it returns the report's head (title, unit, date; Sections
// sized but empty) and next, which waits for chapter i. The chapters are built at the same
// time: most of the work is reading the database, which takes several readers at once, and
// chapters share each module's figures (see once). A PDF is written chapter by chapter as they
// are ready.
func (s *Service) start(ctx context.Context, req Request) (*model.Report, func(i int) (model.Section, error), error) {
	e, err := s.env(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	var chosen []Section
	for _, sec := range reportSections {
		if len(req.Sections) == 0 || slices.Contains(req.Sections, sec.ID) {
			chosen = append(chosen, sec)
		}
	}
	for _, id := range req.Sections {
		if !slices.ContainsFunc(reportSections, func(s Section) bool { return s.ID == id }) {
			return nil, nil, fmt.Errorf("%w：没有名为“%s”的报表章节，可选：%s", models.ErrInvalid, id, SectionIDs())
		}
	}
	// The issuing unit is the area's own bureau: 南部县民政局, not 南充市南部县民政局.
	r := &model.Report{Title: fmt.Sprintf("%s城乡社区治理工作情况报告（%d年度）", e.AreaName, req.Year),
		Area: e.AreaName, Unit: e.Area.Name + "民政局", Year: req.Year, Date: e.Today,
		Sections: make([]model.Section, len(chosen))}
	type built struct {
		s   model.Section
		err error
	}
	ready := make([]chan built, len(chosen))
	var mu sync.Mutex
	done := 0
	for i := range chosen {
		ready[i] = make(chan built, 1)
	}
	// The first chapter is what a PDF writes first: its figures are read at the same time, and
	// the other chapters start once it is built, so as not to slow it down.
	firstDone := make(chan struct{})
	if len(chosen) > 0 {
		for _, read := range chosen[0].Reads {
			go func() { _ = read(ctx, e) }() // an error comes back when the chapter asks again
		}
	}
	for i, sec := range chosen {
		go func() {
			if i == 0 {
				defer close(firstDone)
			} else {
				<-firstDone
			}
			if err := ctx.Err(); err != nil {
				ready[i] <- built{err: fmt.Errorf("已取消生成报表：%w", err)}
				return
			}
			out, err := sec.Build(ctx, e)
			if err != nil {
				ready[i] <- built{err: fmt.Errorf("生成“%s”章节失败：%w", sec.Title, err)}
				return
			}
			out.ID = sec.ID
			if out.Title == "" {
				out.Title = sec.Title
			}
			if req.Progress != nil {
				mu.Lock()
				done++
				req.Progress(done, len(chosen)+1)
				mu.Unlock()
			}
			ready[i] <- built{s: out}
		}()
	}
	next := func(i int) (model.Section, error) {
		b := <-ready[i]
		return b.s, b.err
	}
	return r, next, nil
}

// SectionIDs lists the chapter IDs for messages and help.
func SectionIDs() string {
	var ids []string
	for _, s := range reportSections {
		ids = append(ids, s.ID+"（"+s.Title+"）")
	}
	return strings.Join(ids, "、")
}

// Format is the file type written.
type Format int

const (
	FormatPDF Format = iota
	FormatXLSX
	FormatDOCX // the editable Word document
)

// FormatOf picks the format from a file name: .pdf, .xlsx or .docx.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return FormatPDF, nil
	case ".xlsx":
		return FormatXLSX, nil
	case ".docx":
		return FormatDOCX, nil
	}
	return 0, fmt.Errorf("%w：报表文件应以 .pdf、.xlsx 或 .docx 结尾：%s", models.ErrInvalid, filepath.Base(path))
}

// Write builds the report and renders it to w.
func (s *Service) Write(ctx context.Context, req Request, f Format, w io.Writer) error {
	var r *model.Report
	var err error
	if f == FormatXLSX || f == FormatDOCX {
		if r, err = s.Build(ctx, req); err != nil {
			return err
		}
		if f == FormatDOCX {
			err = docx.Write(w, r)
		} else {
			err = xlsx.WriteReport(w, r)
		}
	} else {
		doc := pdf.Prepare() // the fonts load while the chapters are read
		var next func(int) (model.Section, error)
		if r, next, err = s.start(ctx, req); err != nil {
			return err
		}
		err = doc.WriteEach(w, r, next)
	}
	if err == nil && req.Progress != nil {
		n := len(r.Sections) + 1
		req.Progress(n, n)
	}
	return err
}

// MainTables lists, per chapter, the main table a clerk can print alone: section ID → caption.
func (s *Service) MainTables(ctx context.Context, req Request) (*model.Report, error) {
	return s.Build(ctx, req)
}

// WriteMainTable renders the main table of one chapter alone as a PDF (一键打印).
func (s *Service) WriteMainTable(ctx context.Context, req Request, section string, w io.Writer) error {
	req.Sections = []string{section}
	r, err := s.Build(ctx, req)
	if err != nil {
		return err
	}
	for _, t := range r.MainTables() {
		return pdf.WriteTable(w, r, t)
	}
	title := section
	if len(r.Sections) == 1 {
		title = r.Sections[0].Title
	}
	return fmt.Errorf("%w：%d年度“%s”尚无数据，没有可单独打印的主表", models.ErrInvalid, req.Year, title)
}

// Unit is a row of the per-area tables: a township in a county report, a county in a
// whole-city report, with its active villages and communities.
type Unit struct {
	Code, Name string
	Villages   []models.Division
}

// Env is what chapters are built from: the area, its units and the module data, each
// read once per report so that every chapter shows the same figures.
type Env struct {
	svc      *services
	Year     int
	Today    time.Time
	Area     models.Division
	AreaName string
	// UnitLabel is 乡镇（街道） or 县（市、区）.
	UnitLabel string
	Units     []Unit
	prefix    string
	unitLevel models.Level // the level of the units: townships in a county report, counties in the city's
	unitIdx   map[string]int

	// Each module is read once per report, by whichever chapter asks first: chapters are built
	// at the same time, and the others wait for that reading.
	budget    once[*reportBudget]
	ledgers   once[*reportLedgers]
	duties    once[*reportDuties]
	profiles  once[map[string][2]int64] // households, population
	checklist once[*reportChecklist]
	registry  once[*reportRegistry]

	prevOnce sync.Once
	prev     *Env // the year before, for 上年、增减
}

// once is a module's figures, read the first time a chapter asks for them.
type once[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (o *once[T]) get(read func() (T, error)) (T, error) {
	o.once.Do(func() { o.v, o.err = read() })
	return o.v, o.err
}

func (s *Service) env(ctx context.Context, req Request) (*Env, error) {
	if !models.ValidYear(req.Year) {
		return nil, fmt.Errorf("%w：%d 不是有效的年度", models.ErrInvalid, req.Year)
	}
	if req.Area == "" {
		req.Area = CityCode
	}
	req.Area = NormaliseArea(req.Area)
	area, err := s.svc.Divisions.Get(ctx, req.Area)
	if err != nil {
		return nil, err
	}
	e := &Env{svc: s.svc, Year: req.Year, Today: models.Day(s.Now()), Area: area, AreaName: area.Name, unitIdx: map[string]int{}}
	var towns []models.Division
	switch area.Level {
	case models.LevelCounty:
		city, _ := s.svc.Divisions.Get(ctx, area.ParentCode)
		if city.Name != "" {
			e.AreaName = city.Name + area.Name
		}
		e.prefix, e.unitLevel, e.UnitLabel = models.Code(area.Code).OwnPrefix(), models.LevelTownship, "乡镇（街道）"
		if towns, err = s.svc.Divisions.Children(ctx, area.Code); err != nil {
			return nil, err
		}
	case models.LevelCity:
		e.prefix, e.unitLevel, e.UnitLabel = models.Code(area.Code).OwnPrefix(), models.LevelCounty, "县（市、区）"
		if towns, err = s.svc.Divisions.Children(ctx, area.Code); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w：报表按县（市、区）或全市生成，%s 是%s", models.ErrInvalid, area.Name, area.Level.Label())
	}
	for _, t := range towns {
		if !t.Active() {
			continue
		}
		u := Unit{Code: t.Code, Name: t.Name}
		if u.Villages, err = s.villagesUnder(ctx, t); err != nil {
			return nil, err
		}
		e.unitIdx[models.Code(t.Code).Prefix(e.unitLevel)] = len(e.Units)
		e.Units = append(e.Units, u)
	}
	return e, nil
}

func (s *Service) villagesUnder(ctx context.Context, d models.Division) ([]models.Division, error) {
	kids, err := s.svc.Divisions.Children(ctx, d.Code)
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
func (e *Env) In(code string) bool { return strings.HasPrefix(code, e.prefix) }

// UnitOf is the index in Units of the unit code lies in, or -1 (the county's own 本级 lines).
func (e *Env) UnitOf(code string) int {
	if i, ok := e.unitIdx[models.Code(code).Prefix(e.unitLevel)]; ok {
		return i
	}
	return -1
}

// Villages lists every active village and community of the area with its unit's index.
func (e *Env) Villages() []models.Division {
	var out []models.Division
	for _, u := range e.Units {
		out = append(out, u.Villages...)
	}
	return out
}

// Profiles are the households and population of the area's community profiles by division code.
func (e *Env) Profiles(ctx context.Context) (map[string][2]int64, error) {
	return e.profiles.get(func() (map[string][2]int64, error) { return e.svc.Divisions.ProfileHouseholds(ctx, e.prefix) })
}

// snapshotAsOf names the day a register snapshot (organisations, workers, grids) stands on: the
// register keeps only its current state, so a past year's report says that its figures are
// those of the report day, not of that year's end.
func (e *Env) snapshotAsOf() string {
	if e.Year < e.Today.Year() {
		return fmt.Sprintf("截至报告生成日%s（在册名单只保存现状，以下在册数为当日数，非%d年末数）", models.FormatDateCN(e.Today), e.Year)
	}
	return "截至" + models.FormatDateCN(e.Today)
}

// NormaliseArea accepts a county's 6-digit code (511321) as well as its 12-digit one.
func NormaliseArea(code string) string {
	if c, err := models.ParseDivisionCode(code); err == nil {
		return c.String()
	}
	return strings.TrimSpace(code)
}

// unitCaption is the caption of a per-unit table, e.g. 2026年经费保障分乡镇（街道）统计表.
func unitCaption(e *Env, what string) string {
	return fmt.Sprintf("%d年%s分%s统计表", e.Year, what, e.UnitLabel)
}
