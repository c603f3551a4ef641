package ledger

import (
	"context"
	"slices"
	"strings"

	"shequ/models"
	"shequ/reports/xlsx"
)

// UpwardRow is one line of the county's view of the communities' upward 评议 (三（一）3: 评议基层党委、
// 政府及相关部门, organised by the county): one township government or department, as evaluated by
// the communities of one township, in one year.
type UpwardRow struct {
	TownshipCode string
	Township     string // the evaluating communities' township
	Subject      string // the township government or the department evaluated
	Communities  int    // how many communities evaluated it
	Satisfied    int
	Basic        int
	Dissatisfied int
}

// Satisfaction is (满意 + 基本满意) out of all votes.
func (r UpwardRow) Satisfaction() models.Ratio {
	return models.Ratio{Num: r.Satisfied + r.Basic, Den: r.Satisfied + r.Basic + r.Dissatisfied}
}

// UpwardEvaluations totals the year's 评议乡镇政府及部门 records of the communities of the county code
// lies in (a county, township or village code), by township and by the body evaluated; a township
// with communities that recorded none is not listed. Rows are in township code order, then by
// the body's name.
func (s *Service) UpwardEvaluations(ctx context.Context, code string, year int) ([]UpwardRow, error) {
	county := models.Code(code).County().String()
	if err := s.county(ctx, county); err != nil {
		return nil, err
	}
	evs, err := s.Evaluations(ctx, county, year)
	if err != nil {
		return nil, err
	}
	return s.upwardRows(ctx, evs), nil
}

// upwardRows totals the upward evaluations among evs by township and body evaluated.
func (s *Service) upwardRows(ctx context.Context, evs []models.Evaluation) []UpwardRow {
	type key struct{ town, subject string }
	byKey := map[key]*UpwardRow{}
	seen := map[key]map[string]bool{}
	for _, e := range evs {
		if e.Kind != models.EvalUpward {
			continue
		}
		k := key{models.Code(e.DivisionCode).Township().String(), strings.TrimSpace(e.Subject)}
		r := byKey[k]
		if r == nil {
			r = &UpwardRow{TownshipCode: k.town, Subject: k.subject}
			if t, err := s.divs.Get(ctx, k.town); err == nil {
				r.Township = t.Name
			}
			byKey[k], seen[k] = r, map[string]bool{}
		}
		if !seen[k][e.DivisionCode] {
			seen[k][e.DivisionCode] = true
			r.Communities++
		}
		r.Satisfied += e.Satisfied
		r.Basic += e.Basic
		r.Dissatisfied += e.Dissatisfied
	}
	out := make([]UpwardRow, 0, len(byKey))
	for _, r := range byKey {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b UpwardRow) int {
		if c := strings.Compare(a.TownshipCode, b.TownshipCode); c != 0 {
			return c
		}
		return strings.Compare(a.Subject, b.Subject)
	})
	return out
}

// upwardSheet is the export's sheet of upward evaluations, by county, township and body evaluated.
func (s *Service) upwardSheet(ctx context.Context, county string, year int) (xlsx.Sheet, error) {
	evs, err := s.Evaluations(ctx, county, year)
	sh := xlsx.Sheet{Name: "评议政府汇总", Columns: cols(text("县（市、区）", 14), text("乡镇（街道）", 16),
		text("被评议单位", 24), num("参评村（社区）"), num("满意"), num("基本满意"), num("不满意"), xlsx.Column{Header: "满意率", Kind: xlsx.Percent})}
	if err != nil {
		return sh, err
	}
	for _, r := range s.upwardRows(ctx, evs) {
		c, _ := s.divs.Get(ctx, models.Code(r.TownshipCode).County().String())
		sh.Rows = append(sh.Rows, []any{c.Name, r.Township, r.Subject, r.Communities, r.Satisfied, r.Basic,
			r.Dissatisfied, ratioCell(r.Satisfaction())})
	}
	return sh, nil
}
