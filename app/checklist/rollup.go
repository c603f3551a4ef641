package checklist

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"shequ/app/store"
	"shequ/models"
)

// RollupRow is one township (or the county total) of the yearly roll-up.
type RollupRow struct {
	Code           string
	Name           string
	Total          int // active villages and communities
	Assessed       int
	Counts         [4]int // per level, in models.AssessmentLevels order
	AverageScore   float64
	MandatoryFails int
}

// Rate is the share of the assessed that reached level i, e.g. "40.0%"; "—" when none assessed.
func (r RollupRow) Rate(i int) string {
	if r.Assessed == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", float64(r.Counts[i])*100/float64(r.Assessed))
}

// AtStandard counts 达标 or better.
func (r RollupRow) AtStandard() int { return r.Counts[1] + r.Counts[2] + r.Counts[3] }

// WeakIndicator is an indicator with a low share of assessments meeting it.
type WeakIndicator struct {
	Code, Name string
	Met, N     int
	Rate       float64 // 0–1
}

// TownshipTable rolls a county's assessments of a year up per township, with the county total
// last. It reads only the stored score and level of each assessment.
func (s *Service) TownshipTable(ctx context.Context, county string, year int) ([]RollupRow, error) {
	towns, err := s.divs.Children(ctx, county)
	if err != nil {
		return nil, err
	}
	counts, err := s.st.AssessmentLevelCounts(ctx, county, year)
	if err != nil {
		return nil, err
	}
	byTown := map[string]*RollupRow{}
	var rows []RollupRow
	for _, t := range towns {
		if !t.Active() {
			continue
		}
		vs, err := s.divs.Children(ctx, t.Code)
		if err != nil {
			return nil, err
		}
		n := 0
		for _, v := range vs {
			if v.Active() {
				n++
			}
		}
		rows = append(rows, RollupRow{Code: t.Code, Name: t.Name, Total: n})
	}
	for i := range rows {
		byTown[rows[i].Code] = &rows[i]
	}
	sums := map[string]int{}
	total := RollupRow{Code: county, Name: "合计"}
	if d, err := s.divs.Get(ctx, county); err == nil {
		total.Name = d.Name + "合计"
	}
	for _, c := range counts {
		r := byTown[c.TownshipCode]
		if r == nil { // a township retired since: keep its assessments visible
			rows = append(rows, RollupRow{Code: c.TownshipCode, Name: c.TownshipCode})
			byTown = map[string]*RollupRow{}
			for i := range rows {
				byTown[rows[i].Code] = &rows[i]
			}
			r = byTown[c.TownshipCode]
			if d, err := s.divs.Get(ctx, c.TownshipCode); err == nil {
				r.Name = d.Name + "（已撤销）"
			}
		}
		if i := models.LevelRank(c.Level); i >= 0 {
			r.Counts[i] += c.N
			total.Counts[i] += c.N
		}
		r.Assessed += c.N
		r.MandatoryFails += c.MandatoryFails
		sums[c.TownshipCode] += c.ScoreSum
		total.Assessed += c.N
		total.MandatoryFails += c.MandatoryFails
		sums[""] += c.ScoreSum
	}
	for i := range rows {
		total.Total += rows[i].Total
		if rows[i].Assessed > 0 {
			rows[i].AverageScore = float64(sums[rows[i].Code]) / float64(rows[i].Assessed)
		}
	}
	if total.Assessed > 0 {
		total.AverageScore = float64(sums[""]) / float64(total.Assessed)
	}
	return append(rows, total), nil
}

// WeakestIndicators are the n indicators met by the smallest share of a county's (or, with
// township set, one township's) assessments of a year.
func (s *Service) WeakestIndicators(ctx context.Context, county, township string, year, n int) ([]WeakIndicator, error) {
	return s.weakest(ctx, []string{county}, township, year, n)
}

// WeakestIndicatorsOf are the n weakest indicators over the assessments of several counties,
// e.g. a whole city's, each counted once.
func (s *Service) WeakestIndicatorsOf(ctx context.Context, counties []string, year, n int) ([]WeakIndicator, error) {
	return s.weakest(ctx, counties, "", year, n)
}

func (s *Service) weakest(ctx context.Context, counties []string, township string, year, n int) ([]WeakIndicator, error) {
	rates, err := s.st.IndicatorMetRates(ctx, counties, township, year)
	if err != nil {
		return nil, err
	}
	out := make([]WeakIndicator, 0, len(rates))
	for _, r := range rates {
		if r.N == 0 {
			continue
		}
		out = append(out, WeakIndicator{Code: r.Code, Name: r.Code, Met: r.Met, N: r.N, Rate: float64(r.Met) / float64(r.N)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rate != out[j].Rate {
			return out[i].Rate < out[j].Rate
		}
		return out[i].Code < out[j].Code
	})
	if len(out) > n {
		out = out[:n]
	}
	// Names from the counties' libraries, in order: they share the standard indicators, so the
	// first library usually names them all.
	unnamed := func(w WeakIndicator) bool { return w.Name == w.Code }
	for _, county := range counties {
		if !slices.ContainsFunc(out, unnamed) {
			break
		}
		lib, err := s.st.ChecklistLibraryFor(ctx, county, year)
		if err != nil {
			return nil, err
		}
		for i := range out {
			if in, ok := lib.Indicator(out[i].Code); ok && unnamed(out[i]) {
				out[i].Name = in.Name
			}
		}
	}
	return out, nil
}

// CommunityRow is one village or community of a township with its assessment of a year.
type CommunityRow struct {
	Code, Name, Kind string
	State            string // "" when not assessed
	Score            int
	Level            string
	Assessed         bool
	Titles           string // 示范单位 titles held, e.g. "省级示范社区（2025）"
}

// Communities lists a township's active villages and communities with their assessment of year.
func (s *Service) Communities(ctx context.Context, township string, year int) ([]CommunityRow, error) {
	vs, err := s.divs.Children(ctx, township)
	if err != nil {
		return nil, err
	}
	briefs, err := s.st.AssessmentBriefs(ctx, "", township, "", year)
	if err != nil {
		return nil, err
	}
	by := map[string]store.AssessmentBrief{}
	for _, b := range briefs {
		by[b.DivisionCode] = b
	}
	titles, err := s.st.DemoTitles(ctx, store.DemoTitleFilter{CodePrefix: models.Code(township).Prefix(models.LevelTownship)})
	if err != nil {
		return nil, err
	}
	tBy := map[string][]string{}
	for _, t := range titles {
		tBy[t.DivisionCode] = append(tBy[t.DivisionCode], fmt.Sprintf("%s%s（%d）", t.Level, t.Kind, t.Year))
	}
	var out []CommunityRow
	for _, v := range vs {
		if !v.Active() {
			continue
		}
		r := CommunityRow{Code: v.Code, Name: models.ShortName(v.Name), Kind: v.Kind(), Titles: strings.Join(tBy[v.Code], "、")}
		if b, ok := by[v.Code]; ok {
			r.Assessed, r.Score, r.Level, r.State = true, b.Score, b.Level, b.State
			if b.Accepted && b.State == models.StateCounty {
				r.State = "已验收"
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// HistoryRow is one year of a village's assessments.
type HistoryRow struct {
	Year  int
	Score int
	Level string
	State string
}

// History lists a village's assessments, oldest year first.
func (s *Service) History(ctx context.Context, code string) ([]HistoryRow, error) {
	briefs, err := s.st.AssessmentBriefs(ctx, "", "", code, 0)
	if err != nil {
		return nil, err
	}
	out := make([]HistoryRow, len(briefs))
	for i, b := range briefs {
		out[i] = HistoryRow{Year: b.Year, Score: b.Score, Level: b.Level, State: b.State}
	}
	return out, nil
}

// AssessmentYear is one year's figures in `summary --json`.
type AssessmentYear struct {
	Assessed   int `json:"assessed"`
	AtStandard int `json:"at_standard"`
}

// Counts are the assessed and at-standard counts per year, keyed by the year as text.
func (s *Service) Counts(ctx context.Context) (map[string]AssessmentYear, error) {
	ys, err := s.st.AssessmentYearCounts(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]AssessmentYear{}
	for _, y := range ys {
		out[strconv.Itoa(y.Year)] = AssessmentYear{Assessed: y.Assessed, AtStandard: y.AtStandard}
	}
	return out, nil
}

// TitleView is a 示范单位 title ready for a table.
type TitleView struct {
	models.DemoTitle
	DivisionName string // with its township and county
}

// Titles lists 示范单位 titles under a division (a county, a township or one village; "" for all),
// optionally of one level, kind or year.
func (s *Service) Titles(ctx context.Context, under, level, kind string, year int) ([]TitleView, error) {
	f := store.DemoTitleFilter{Level: level, Kind: kind, Year: year}
	if under != "" {
		d, err := s.divs.Get(ctx, under)
		if err != nil {
			return nil, err
		}
		f.CodePrefix = codePrefix(d)
	}
	ts, err := s.st.DemoTitles(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]TitleView, len(ts))
	for i, t := range ts {
		out[i] = TitleView{DemoTitle: t, DivisionName: t.DivisionCode}
		if d, err := s.divs.Get(ctx, t.DivisionCode); err == nil {
			names := []string{}
			if anc, err := s.divs.Ancestors(ctx, t.DivisionCode); err == nil {
				for _, a := range anc {
					if a.Level != models.LevelCity {
						names = append(names, models.ShortName(a.Name))
					}
				}
			}
			out[i].DivisionName = strings.Join(append(names, models.ShortName(d.Name)), " ")
		}
	}
	return out, nil
}

// codePrefix is the part of a division's code its descendants share.
func codePrefix(d models.Division) string {
	return models.Code(d.Code).OwnPrefix()
}

// AddTitle records a 示范单位 title after checking it.
func (s *Service) AddTitle(ctx context.Context, t models.DemoTitle) (int64, error) {
	if err := s.requireEditor(); err != nil {
		return 0, err
	}
	t.DocumentNo, t.Note = strings.TrimSpace(t.DocumentNo), strings.TrimSpace(t.Note)
	if err := t.Validate(); err != nil {
		return 0, err
	}
	d, err := s.divs.Get(ctx, t.DivisionCode)
	if err != nil {
		return 0, err
	}
	want := map[string]models.Level{"示范社区": models.LevelVillage, "示范街道": models.LevelTownship, "示范城区（市）": models.LevelCounty}[t.Kind]
	if d.Level != want {
		return 0, fmt.Errorf("%w：“%s”只能授予%s，%s是%s", models.ErrInvalid, t.Kind, want.Label(), d.Name, d.Level.Label())
	}
	return s.st.CreateDemoTitle(ctx, t, s.actor)
}

// DeleteTitle removes a title recorded by mistake.
func (s *Service) DeleteTitle(ctx context.Context, id int64) error {
	if err := s.requireEditor(); err != nil {
		return err
	}
	return s.st.DeleteDemoTitle(ctx, id, s.actor)
}
