package store

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"shequ/models"
)

// CreateFundingSource adds a 资金来源 (e.g. 社会捐赠) after the existing ones.
func (s *Store) CreateFundingSource(ctx context.Context, name, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&budgetSourceRow{}).Where("name = ?", name).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：资金来源“%s”已存在", models.ErrConflict, name)
		}
		order, err := nextSortOrder(tx, &budgetSourceRow{})
		if err != nil {
			return err
		}
		row := budgetSourceRow{Name: name, SortOrder: order}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("新增资金来源失败：%w", err)
		}
		id = row.ID
		return s.audit(tx, actor, budgetModule, "资金来源", strconv.FormatInt(id, 10), ActionCreate,
			[]FieldChange{{Field: "名称", After: name}}, "")
	})
	return id, err
}
