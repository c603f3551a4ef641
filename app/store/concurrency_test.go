package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"gorm.io/gorm"

	"shequ/models"
)

// Writes that read, check and then write do not race: ten clerks adding a funding source at once
// each get their own sort order, and the same name added twice at once is refused once, with a
// conflict, not a database error. On SQLite BEGIN IMMEDIATE serialises them, on PostgreSQL the
// writers' advisory lock (dialect.go).
func TestReadThenWriteDoesNotRace(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 10 {
		wg.Go(func() {
			if _, err := s.CreateFundingSource(ctx, fmt.Sprintf("来源%d", i), "测试"); err != nil {
				errs <- err
			}
		})
		wg.Go(func() {
			if _, err := s.CreateFundingSource(ctx, "同名来源", "测试"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	var n int
	for err := range errs {
		n++
		if !errors.Is(err, models.ErrConflict) {
			t.Errorf("unexpected error: %v", err)
		}
	}
	if n != 9 {
		t.Errorf("%d of the ten 同名来源 refused, want 9", n)
	}
	var orders []int
	if err := s.db.Model(&budgetSourceRow{}).Order("sort_order").Pluck("sort_order", &orders).Error; err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(orders); i++ {
		if orders[i] == orders[i-1] {
			t.Fatalf("sort orders repeat: %v", orders)
		}
	}
	if len(orders) != 3+11 {
		t.Fatalf("%d sources, want 14: %v", len(orders), orders)
	}
}

// A clerk's text search ignores the case of Latin letters on both engines.
func TestAuditTextSearchIgnoresCase(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if err := s.withTx(ctx, func(tx *gorm.DB) error {
		return s.audit(tx, "测试", "测试", "测试", "ABC-12345", ActionCreate, nil, "导入 Abc 批次")
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.AuditEntries(ctx, AuditFilter{Text: "abc"})
	if err != nil || len(got) != 1 {
		t.Fatalf("search abc: %d entries, %v", len(got), err)
	}
}
