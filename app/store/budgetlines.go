package store

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm"

	"shequ/models"
)

// BudgetLineFilter narrows BudgetLines; zero values match everything.
type BudgetLineFilter struct {
	Year         int
	DivisionLike string // code prefix, e.g. a township's first 9 digits
	CategoryID   int64
	SourceID     int64
}

// BudgetLineExec is a line with what has been disbursed against it.
type BudgetLineExec struct {
	models.BudgetLine
	Disbursed models.Fen
}

// BudgetLines lists lines in division, category order with their disbursed sums.
func (s *Store) BudgetLines(ctx context.Context, f BudgetLineFilter) ([]BudgetLineExec, error) {
	var out []BudgetLineExec
	err := s.EachBudgetLine(ctx, f, func(l BudgetLineExec) error {
		out = append(out, l)
		return nil
	})
	return out, err
}

func (f BudgetLineFilter) apply(q *gorm.DB) *gorm.DB {
	if f.Year != 0 {
		q = q.Where("l.year = ?", f.Year)
	}
	switch p := f.DivisionLike; {
	case len(p) == 12:
		q = q.Where("l.division_code = ?", p)
	case p != "":
		// A range, not LIKE 'p%' (which SQLite cannot look up in an index): every code with the
		// prefix sorts between p and p+":", the character after '9'.
		q = q.Where("l.division_code >= ? AND l.division_code < ?", p, p+":")
	}
	if f.CategoryID != 0 {
		q = q.Where("l.category_id = ?", f.CategoryID)
	}
	if f.SourceID != 0 {
		q = q.Where("l.source_id = ?", f.SourceID)
	}
	return q
}

// CountBudgetLines counts the lines EachBudgetLine would give.
func (s *Store) CountBudgetLines(ctx context.Context, f BudgetLineFilter) (int, error) {
	var n int64
	if err := f.apply(s.db.WithContext(ctx).Table("budget_lines AS l")).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("统计预算明细失败：%w", err)
	}
	return int(n), nil
}

// EachBudgetLine hands the lines to fn one at a time, in division, category order with their
// disbursed sums, without holding them all: an export of a whole city's year streams them.
func (s *Store) EachBudgetLine(ctx context.Context, f BudgetLineFilter, fn func(BudgetLineExec) error) error {
	return eachRow(s.lineQuery(ctx, f), "预算明细", func(r *sql.Rows) error {
		l, err := scanLine(r)
		if err != nil {
			return err
		}
		return fn(l)
	})
}

// BudgetLinePage is one window of the lines EachBudgetLine would give: limit lines from offset.
// The index on (year, division_code, category_id) gives them in order without sorting them all.
func (s *Store) BudgetLinePage(ctx context.Context, f BudgetLineFilter, offset, limit int) ([]BudgetLineExec, error) {
	out := make([]BudgetLineExec, 0, limit)
	err := eachRow(s.lineQuery(ctx, f).Offset(offset).Limit(limit), "预算明细", func(r *sql.Rows) error {
		l, err := scanLine(r)
		out = append(out, l)
		return err
	})
	return out, err
}

func (s *Store) lineQuery(ctx context.Context, f BudgetLineFilter) *gorm.DB {
	return f.apply(s.db.WithContext(ctx).Table("budget_lines AS l")).
		Select("l.id, l.category_id, l.source_id, l.amount_fen, l.batch_id, l.year, l.source_row, l.division_code, l.item, l.note, " +
			"COALESCE((SELECT SUM(d.amount_fen) FROM budget_disbursements d WHERE d.line_id = l.id), 0) AS disbursed").
		Order("l.division_code, l.category_id, l.id")
}

func scanLine(r *sql.Rows) (BudgetLineExec, error) {
	var l BudgetLineExec
	var amount, disbursed int64
	var batch sql.NullInt64
	err := r.Scan(&l.ID, &l.CategoryID, &l.SourceID, &amount, &batch, &l.Year, &l.SourceRow, &l.DivisionCode,
		&l.Item, &l.Note, &disbursed)
	l.Amount, l.Disbursed, l.BatchID = models.Fen(amount), models.Fen(disbursed), batch.Int64
	return l, err
}

// BudgetLineSums are the count and sums of the lines a filter matches.
type BudgetLineSums struct {
	Lines     int
	Amount    models.Fen
	Disbursed models.Fen
}

// SumBudgetLines counts and sums the lines a filter matches, and what was disbursed against them,
// in SQL: a screen shows the totals of 100,000 lines without reading them.
func (s *Store) SumBudgetLines(ctx context.Context, f BudgetLineFilter) (BudgetLineSums, error) {
	var r struct{ N, T int64 }
	if err := f.apply(s.db.WithContext(ctx).Table("budget_lines AS l")).
		Select("COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS t").Scan(&r).Error; err != nil {
		return BudgetLineSums{}, fmt.Errorf("统计预算明细失败：%w", err)
	}
	var paid int64
	// Disbursements first (CROSS JOIN keeps that order): a line has a payment or two at most, so
	// reading them and looking up their lines is cheaper than probing for each of 100,000 lines.
	if err := f.apply(s.db.WithContext(ctx).Table("budget_disbursements AS d").Joins("CROSS JOIN budget_lines AS l").Where("l.id = d.line_id")).
		Select("COALESCE(SUM(d.amount_fen), 0)").Scan(&paid).Error; err != nil {
		return BudgetLineSums{}, fmt.Errorf("统计拨付金额失败：%w", err)
	}
	return BudgetLineSums{Lines: int(r.N), Amount: models.Fen(r.T), Disbursed: models.Fen(paid)}, nil
}

// BudgetTownshipPrefixes lists the 9-digit township prefixes of the village and township lines
// a filter matches, in code order: the screen's township filter offers them.
func (s *Store) BudgetTownshipPrefixes(ctx context.Context, f BudgetLineFilter) ([]string, error) {
	var out []string
	err := f.apply(s.db.WithContext(ctx).Table("budget_lines AS l")).
		Where("substr(l.division_code, 7, 3) <> '000'").
		Distinct("substr(l.division_code, 1, 9)").Order("1").Pluck("substr(l.division_code, 1, 9)", &out).Error
	if err != nil {
		return nil, fmt.Errorf("读取预算明细的乡镇失败：%w", err)
	}
	return out, nil
}

// Groupings of SumBudgetLinesBy.
const (
	BudgetByCategory = "category"
	BudgetByYear     = "year"
	BudgetByTownship = "township" // a village's lines count for its township; county-level lines apart
)

var budgetGroupKeys = map[string]string{
	BudgetByCategory: "CAST(l.category_id AS TEXT)",
	BudgetByYear:     "CAST(l.year AS TEXT)",
	BudgetByTownship: "CASE WHEN substr(l.division_code, 7, 3) = '000' THEN l.division_code ELSE substr(l.division_code, 1, 9) || '000' END",
}

// SumBudgetLinesBy counts and sums the lines a filter matches, and their disbursements, per
// category id, year or township code, in SQL.
func (s *Store) SumBudgetLinesBy(ctx context.Context, f BudgetLineFilter, by string) (map[string]BudgetLineSums, error) {
	key, ok := budgetGroupKeys[by]
	if !ok {
		return nil, fmt.Errorf("%w：未知的汇总方式“%s”", models.ErrInvalid, by)
	}
	out := map[string]BudgetLineSums{}
	var lines []struct {
		K    string
		N, T int64
	}
	if err := f.apply(s.db.WithContext(ctx).Table("budget_lines AS l")).
		Select(key + " AS k, COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS t").Group("k").Scan(&lines).Error; err != nil {
		return nil, fmt.Errorf("汇总预算明细失败：%w", err)
	}
	for _, r := range lines {
		out[r.K] = BudgetLineSums{Lines: int(r.N), Amount: models.Fen(r.T)}
	}
	var paid []struct {
		K string
		T int64
	}
	if err := f.apply(s.db.WithContext(ctx).Table("budget_disbursements AS d").Joins("CROSS JOIN budget_lines AS l").Where("l.id = d.line_id")).
		Select(key + " AS k, COALESCE(SUM(d.amount_fen), 0) AS t").Group("k").Scan(&paid).Error; err != nil {
		return nil, fmt.Errorf("汇总拨付金额失败：%w", err)
	}
	for _, r := range paid {
		g := out[r.K]
		g.Disbursed = models.Fen(r.T)
		out[r.K] = g
	}
	return out, nil
}
