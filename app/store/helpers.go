package store

import (
	"strconv"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

// Small conversion helpers shared by every part of the store: audit value formatting and the
// zero-value <-> nil pointer conversions used by the row types.

// Formatting helpers for audit values.
func fmtDatePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return models.FormatDate(*t)
}

func fmtBool(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func fmtInt[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

func fmtID(p *int64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatInt(*p, 10)
}

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func derefID(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func derefTime(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return *p
}

// nextSortOrder is the sort order after the largest one in model's table (1 when it is empty).
func nextSortOrder(tx *gorm.DB, model any) (int, error) {
	var maxOrder int
	if err := tx.Model(model).Select("COALESCE(MAX(sort_order), 0)").Scan(&maxOrder).Error; err != nil {
		return 0, err
	}
	return maxOrder + 1, nil
}
