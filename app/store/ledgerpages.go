package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// where is what List, Page and Count select: q's division and period, and its year.
func (k *LedgerKind[M]) where(ctx context.Context, s *Store, q LedgerQuery) *gorm.DB {
	db := q.apply(s.db.WithContext(ctx), k.divCol, k.dateCol)
	if k.yearCol != "" && q.Year != 0 {
		db = db.Where(k.yearCol+" = ?", q.Year)
	}
	return db
}

// Page reads one window of the entries List would give: limit entries from offset, in the
// kind's order, so a long ledger is shown without reading it all.
func (k *LedgerKind[M]) Page(ctx context.Context, s *Store, q LedgerQuery, offset, limit int) ([]M, error) {
	return k.read(ctx, s, k.where(ctx, s, q).Order(k.order).Offset(offset).Limit(limit))
}

// read finds the entries db selects and completes them (fill).
func (k *LedgerKind[M]) read(ctx context.Context, s *Store, db *gorm.DB) ([]M, error) {
	out, err := k.table.find(db)
	if err != nil {
		return nil, fmt.Errorf("读取%s失败：%w", k.Label, err)
	}
	if k.fill != nil {
		if err := k.fill(ctx, s, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Count counts the entries List would give, in SQL.
func (k *LedgerKind[M]) Count(ctx context.Context, s *Store, q LedgerQuery) (int, error) {
	n, err := k.table.count(k.where(ctx, s, q))
	if err != nil {
		return 0, fmt.Errorf("统计%s失败：%w", k.Label, err)
	}
	return int(n), nil
}

func (t table[M, R, P]) count(db *gorm.DB) (int64, error) {
	var n int64
	err := db.Model(new(R)).Count(&n).Error
	return n, err
}
