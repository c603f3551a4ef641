package store

import (
	"context"
	"fmt"

	"shequ/models"
)

// BudgetSum is a year's budget of one division in one category: its lines summed.
type BudgetSum struct {
	DivisionCode string
	CategoryID   int64
	Lines        int64
	Amount       models.Fen
	Disbursed    models.Fen
}

// BudgetSums sums a year's lines per division and category in the database, for reports that
// need totals, not lines.
func (s *Store) BudgetSums(ctx context.Context, year int) ([]BudgetSum, error) {
	var rows []struct {
		DivisionCode string
		CategoryID   int64
		Lines        int64
		Amount       int64
		Disbursed    int64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT l.division_code, l.category_id, COUNT(*) AS lines,
			SUM(l.amount_fen) AS amount, COALESCE(SUM(d.disbursed), 0) AS disbursed
		FROM budget_lines l
		LEFT JOIN (SELECT line_id, SUM(amount_fen) AS disbursed FROM budget_disbursements GROUP BY line_id) d
			ON d.line_id = l.id
		WHERE l.year = ?
		GROUP BY l.division_code, l.category_id
		ORDER BY l.division_code, l.category_id`, year).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("汇总预算失败：%w", err)
	}
	out := make([]BudgetSum, len(rows))
	for i, r := range rows {
		out[i] = BudgetSum{DivisionCode: r.DivisionCode, CategoryID: r.CategoryID, Lines: r.Lines,
			Amount: models.Fen(r.Amount), Disbursed: models.Fen(r.Disbursed)}
	}
	return out, nil
}
