package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

// Report queries count and sum in the database and scan plain columns: a whole-city report
// reads tens of thousands of rows, and GORM's reflection per row would cost more than the
// report's PDF.

// eachRow runs a read query built with GORM (so it stays dialect-neutral) and hands every row
// to scan.
func eachRow(db *gorm.DB, what string, scan func(*sql.Rows) error) error {
	rows, err := db.Rows()
	if err != nil {
		return fmt.Errorf("读取%s失败：%w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("读取%s失败：%w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("读取%s失败：%w", what, err)
	}
	return nil
}

// under restricts col to the divisions whose code starts with prefix ("" for all).
func under(db *gorm.DB, col, prefix string) *gorm.DB {
	switch {
	case prefix == "":
		return db
	case len(prefix) == 12:
		return db.Where(col+" = ?", prefix)
	}
	return db.Where(col+" LIKE ?", prefix+"%")
}

// ProfileHouseholds are the households and population of the community profiles under prefix
// ("" for all), by code.
func (s *Store) ProfileHouseholds(ctx context.Context, prefix string) (map[string][2]int64, error) {
	out := map[string][2]int64{}
	q := under(s.db.WithContext(ctx).Model(&profileRow{}), "division_code", prefix).
		Select("division_code, households, population")
	err := eachRow(q, "社区档案", func(r *sql.Rows) error {
		var code string
		var hp [2]int64
		if err := r.Scan(&code, &hp[0], &hp[1]); err != nil {
			return err
		}
		out[code] = hp
		return nil
	})
	return out, err
}

// BudgetSum is a year's budget lines of one division, or of one category, summed.
type BudgetSum struct {
	DivisionCode string // set in BudgetTotals.ByDivision
	CategoryID   int64  // set in BudgetTotals.ByCategory
	SourceID     int64  // set in BudgetTotals.BySource
	Lines        int64
	Amount       models.Fen
	Disbursed    models.Fen
}

// BudgetTotals are a year's budget lines under a prefix summed two ways.
type BudgetTotals struct {
	ByDivision map[string]*BudgetSum
	ByCategory map[int64]*BudgetSum
	BySource   map[int64]*BudgetSum // funding source (纳入县级财政预算, 上级补助 …); 0: none given
}

// sumOf is m's sum for k, started as fresh when there is none yet.
func sumOf[K comparable](m map[K]*BudgetSum, k K, fresh BudgetSum) *BudgetSum {
	x := m[k]
	if x == nil {
		x = &fresh
		m[k] = x
	}
	return x
}

// BudgetSums sums a year's lines under prefix ("" for all) and what was disbursed against them,
// per division and per category, in the database: reports need totals, not lines.
func (s *Store) BudgetSums(ctx context.Context, year int, prefix string) (BudgetTotals, error) {
	t := BudgetTotals{ByDivision: map[string]*BudgetSum{}, ByCategory: map[int64]*BudgetSum{}, BySource: map[int64]*BudgetSum{}}
	byDiv := func(code string) *BudgetSum { return sumOf(t.ByDivision, code, BudgetSum{DivisionCode: code}) }
	byCat := func(id int64) *BudgetSum { return sumOf(t.ByCategory, id, BudgetSum{CategoryID: id}) }
	bySrc := func(id int64) *BudgetSum { return sumOf(t.BySource, id, BudgetSum{SourceID: id}) }
	lines := func(col string) *gorm.DB {
		return under(s.db.WithContext(ctx).Table("budget_lines").Where("year = ?", year), "division_code", prefix).
			Select(col + ", COUNT(*), SUM(amount_fen)").Group(col)
	}
	paid := func(col string) *gorm.DB {
		// Disbursements first: there are far fewer of them than lines, and each finds its line
		// by primary key (SQLite keeps the order of a CROSS JOIN; other databases plan it).
		return under(s.db.WithContext(ctx).Table("budget_disbursements AS d").Joins("CROSS JOIN budget_lines AS l").
			Where("l.id = d.line_id AND l.year = ?", year), "l.division_code", prefix).
			Select("l." + col + ", SUM(d.amount_fen)").Group("l." + col)
	}
	var code string
	var id, n, amount int64
	steps := []struct {
		q    *gorm.DB
		scan func(r *sql.Rows) error
	}{
		{lines("division_code"), func(r *sql.Rows) error {
			err := r.Scan(&code, &n, &amount)
			x := byDiv(code)
			x.Lines, x.Amount = n, models.Fen(amount)
			return err
		}},
		{paid("division_code"), func(r *sql.Rows) error {
			err := r.Scan(&code, &amount)
			byDiv(code).Disbursed = models.Fen(amount)
			return err
		}},
		{lines("category_id"), func(r *sql.Rows) error {
			err := r.Scan(&id, &n, &amount)
			x := byCat(id)
			x.Lines, x.Amount = n, models.Fen(amount)
			return err
		}},
		{paid("category_id"), func(r *sql.Rows) error {
			err := r.Scan(&id, &amount)
			byCat(id).Disbursed = models.Fen(amount)
			return err
		}},
		{lines("COALESCE(source_id, 0)"), func(r *sql.Rows) error {
			err := r.Scan(&id, &n, &amount)
			x := bySrc(id)
			x.Lines, x.Amount = n, models.Fen(amount)
			return err
		}},
		{paid("source_id"), func(r *sql.Rows) error {
			var src sql.NullInt64
			err := r.Scan(&src, &amount)
			bySrc(src.Int64).Disbursed = models.Fen(amount)
			return err
		}},
	}
	for _, st := range steps {
		if err := eachRow(st.q, "预算汇总", st.scan); err != nil {
			return BudgetTotals{}, err
		}
	}
	return t, nil
}

// LedgerCount is one division's 民主自治 ledger figures: meetings by kind, and opinions by status.
type LedgerCount struct {
	Meetings map[string]int64
	Opinions map[models.OpinionStatus]int64
}

// LedgerCounts counts the meetings held and the opinions raised in q's span under its prefix,
// per division.
func (s *Store) LedgerCounts(ctx context.Context, q LedgerQuery) (map[string]*LedgerCount, error) {
	out := map[string]*LedgerCount{}
	at := func(code string) *LedgerCount {
		x := out[code]
		if x == nil {
			x = &LedgerCount{Meetings: map[string]int64{}, Opinions: map[models.OpinionStatus]int64{}}
			out[code] = x
		}
		return x
	}
	var code, key string
	var n int64
	meetings := q.apply(s.db.WithContext(ctx).Model(&meetingRow{}), "division_code", "held_on").
		Select("division_code, kind, COUNT(*)").Group("division_code, kind")
	if err := eachRow(meetings, "会议台账", func(r *sql.Rows) error {
		err := r.Scan(&code, &key, &n)
		at(code).Meetings[key] = n
		return err
	}); err != nil {
		return nil, err
	}
	opinions := q.apply(s.db.WithContext(ctx).Model(&opinionRow{}), "division_code", "raised_on").
		Select("division_code, status, COUNT(*)").Group("division_code, status")
	err := eachRow(opinions, "意见台账", func(r *sql.Rows) error {
		err := r.Scan(&code, &key, &n)
		at(code).Opinions[models.OpinionStatus(key)] = n
		return err
	})
	return out, err
}

// OpenOpinionDues lists the unanswered opinions under q's prefix, whenever raised, with only
// what their deadline needs: division, date raised, reply days and status.
func (s *Store) OpenOpinionDues(ctx context.Context, q LedgerQuery) ([]models.Opinion, error) {
	var out []models.Opinion
	rows := openOpinions(s.db.WithContext(ctx).Model(&opinionRow{}), q).
		Select("division_code, raised_on, reply_days, status")
	err := eachRow(rows, "意见台账", func(r *sql.Rows) error {
		var o models.Opinion
		var raised time.Time
		var status string
		if err := r.Scan(&o.DivisionCode, &raised, &o.ReplyDays, &status); err != nil {
			return err
		}
		o.RaisedOn, o.Status = raised, models.OpinionStatus(status)
		out = append(out, o)
		return nil
	})
	return out, err
}

// ActiveOrgCounts counts the organisations in good standing (正常) under prefix ("" for all) by
// division and type.
func (s *Store) ActiveOrgCounts(ctx context.Context, prefix string) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	q := under(s.db.WithContext(ctx).Model(&socialOrgRow{}).Where("status = ?", "正常"), "division_code", prefix).
		Select("division_code, org_type, COUNT(*)").Group("division_code, org_type")
	err := eachRow(q, "社会组织", func(r *sql.Rows) error {
		var code, typ string
		var n int64
		if err := r.Scan(&code, &typ, &n); err != nil {
			return err
		}
		if out[code] == nil {
			out[code] = map[string]int64{}
		}
		out[code][typ] = n
		return nil
	})
	return out, err
}

// GridSums are the grids of each division under prefix ("" for all): how many, and the
// households they cover.
func (s *Store) GridSums(ctx context.Context, prefix string) (map[string][2]int64, error) {
	out := map[string][2]int64{}
	q := under(s.db.WithContext(ctx).Model(&gridRow{}), "division_code", prefix).
		Select("division_code, COUNT(*), COALESCE(SUM(households), 0)").Group("division_code")
	err := eachRow(q, "网格", func(r *sql.Rows) error {
		var code string
		var v [2]int64
		if err := r.Scan(&code, &v[0], &v[1]); err != nil {
			return err
		}
		out[code] = v
		return nil
	})
	return out, err
}

// WorkerFacts lists the social workers serving under prefix ("" for all) with only what the
// statistics and the subsidy need: division, qualification, status, certificate date and the
// dates in post. Every other field is empty.
func (s *Store) WorkerFacts(ctx context.Context, prefix string) ([]models.SocialWorker, error) {
	var out []models.SocialWorker
	q := under(s.db.WithContext(ctx).Model(&workerRow{}), "division_code", prefix).
		Select("id, division_code, qualification, status, cert_date, on_post_from, off_post_on").Order("id")
	err := eachRow(q, "社会工作者", func(r *sql.Rows) error {
		var w models.SocialWorker
		var cert, from, off sql.NullTime
		if err := r.Scan(&w.ID, &w.DivisionCode, &w.Qualification, &w.Status, &cert, &from, &off); err != nil {
			return err
		}
		for _, t := range []struct {
			src sql.NullTime
			dst *time.Time
		}{{cert, &w.CertDate}, {from, &w.OnPostFrom}, {off, &w.OffPostOn}} {
			if t.src.Valid {
				*t.dst = models.Day(t.src.Time)
			}
		}
		out = append(out, w)
		return nil
	})
	return out, err
}
