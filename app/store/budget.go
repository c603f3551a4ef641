package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

const budgetModule = "经费保障"

type budgetCategoryRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	SortOrder int
}

func (budgetCategoryRow) TableName() string { return "budget_categories" }

type budgetAliasRow struct {
	ID         int64 `gorm:"primaryKey"`
	CategoryID int64
	Alias      string
}

func (budgetAliasRow) TableName() string { return "budget_category_aliases" }

type budgetSourceRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	SortOrder int
}

func (budgetSourceRow) TableName() string { return "budget_sources" }

type budgetBatchRow struct {
	ID         int64 `gorm:"primaryKey"`
	FileName   string
	SHA256     string `gorm:"column:sha256"`
	Sheet      string
	Year       int
	CountyCode string
	ImportedAt time.Time
	ImportedBy string
	RowsCount  int
	TotalFen   int64
	UndoneAt   *time.Time
	UndoneBy   string
}

func (budgetBatchRow) TableName() string { return "budget_batches" }

func (r budgetBatchRow) model() models.ImportBatch {
	return models.ImportBatch{ID: r.ID, FileName: r.FileName, SHA256: r.SHA256, Sheet: r.Sheet, Year: r.Year,
		CountyCode: r.CountyCode, ImportedAt: r.ImportedAt, ImportedBy: r.ImportedBy, Rows: r.RowsCount,
		Total: models.Fen(r.TotalFen), UndoneAt: r.UndoneAt, UndoneBy: r.UndoneBy}
}

type budgetLineRow struct {
	ID           int64 `gorm:"primaryKey"`
	Year         int
	DivisionCode string
	CategoryID   int64
	Item         string
	AmountFen    int64
	SourceID     int64
	Note         string
	BatchID      *int64
	SourceRow    int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (budgetLineRow) TableName() string { return "budget_lines" }

type disbursementRow struct {
	ID        int64 `gorm:"primaryKey"`
	LineID    int64
	PaidOn    time.Time
	AmountFen int64
	Note      string
	CreatedAt time.Time
	CreatedBy string
}

func (disbursementRow) TableName() string { return "budget_disbursements" }

// BudgetCategories lists the categories in their order, each with its aliases.
func (s *Store) BudgetCategories(ctx context.Context) ([]models.BudgetCategory, error) {
	var cats []budgetCategoryRow
	if err := s.db.WithContext(ctx).Order("sort_order, id").Find(&cats).Error; err != nil {
		return nil, fmt.Errorf("读取经费类别失败：%w", err)
	}
	var aliases []budgetAliasRow
	if err := s.db.WithContext(ctx).Order("id").Find(&aliases).Error; err != nil {
		return nil, fmt.Errorf("读取经费类别别名失败：%w", err)
	}
	out := make([]models.BudgetCategory, len(cats))
	idx := map[int64]int{}
	for i, c := range cats {
		out[i] = models.BudgetCategory{ID: c.ID, Name: c.Name}
		idx[c.ID] = i
	}
	for _, a := range aliases {
		if i, ok := idx[a.CategoryID]; ok {
			out[i].Aliases = append(out[i].Aliases, a.Alias)
		}
	}
	return out, nil
}

// CreateBudgetCategory adds a category at the end of the list.
func (s *Store) CreateBudgetCategory(ctx context.Context, name, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		if taken, err := nameTaken(tx, name); err != nil || taken {
			if err == nil {
				err = fmt.Errorf("%w：经费类别或别名“%s”已存在", models.ErrConflict, name)
			}
			return err
		}
		order, err := nextSortOrder(tx, &budgetCategoryRow{})
		if err != nil {
			return err
		}
		row := budgetCategoryRow{Name: name, SortOrder: order}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("新增经费类别失败：%w", err)
		}
		id = row.ID
		return s.audit(tx, actor, budgetModule, "经费类别", strconv.FormatInt(id, 10), ActionCreate,
			[]FieldChange{{Field: "名称", After: name}}, "")
	})
	return id, err
}

// AddBudgetCategoryAlias lets a clerk's own word for a category be recognised in imports.
func (s *Store) AddBudgetCategoryAlias(ctx context.Context, categoryID int64, alias, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var cat budgetCategoryRow
		if err := tx.Where("id = ?", categoryID).Take(&cat).Error; err != nil {
			return fmt.Errorf("%w：经费类别 %d", models.ErrNotFound, categoryID)
		}
		if taken, err := nameTaken(tx, alias); err != nil || taken {
			if err == nil {
				err = fmt.Errorf("%w：经费类别或别名“%s”已存在", models.ErrConflict, alias)
			}
			return err
		}
		if err := tx.Create(&budgetAliasRow{CategoryID: categoryID, Alias: alias}).Error; err != nil {
			return fmt.Errorf("新增别名失败：%w", err)
		}
		return s.audit(tx, actor, budgetModule, "经费类别", strconv.FormatInt(categoryID, 10), ActionUpdate,
			[]FieldChange{{Field: "别名", After: alias}}, cat.Name)
	})
}

func nameTaken(tx *gorm.DB, name string) (bool, error) {
	var n, m int64
	if err := tx.Model(&budgetCategoryRow{}).Where("name = ?", name).Count(&n).Error; err != nil {
		return false, err
	}
	if err := tx.Model(&budgetAliasRow{}).Where("alias = ?", name).Count(&m).Error; err != nil {
		return false, err
	}
	return n+m > 0, nil
}

// FundingSources lists the funding sources in order.
func (s *Store) FundingSources(ctx context.Context) ([]models.FundingSource, error) {
	var rows []budgetSourceRow
	if err := s.db.WithContext(ctx).Order("sort_order, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取资金来源失败：%w", err)
	}
	out := make([]models.FundingSource, len(rows))
	for i, r := range rows {
		out[i] = models.FundingSource{ID: r.ID, Name: r.Name}
	}
	return out, nil
}

// ActiveBatches lists the batches not undone that imported this file for this year and county.
func (s *Store) ActiveBatches(ctx context.Context, sha string, year int, county string) ([]models.ImportBatch, error) {
	var rows []budgetBatchRow
	if err := s.db.WithContext(ctx).Where("sha256 = ? AND year = ? AND county_code = ? AND undone_at IS NULL",
		sha, year, county).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取导入批次失败：%w", err)
	}
	out := make([]models.ImportBatch, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// BudgetBatches lists every import batch, newest first.
func (s *Store) BudgetBatches(ctx context.Context) ([]models.ImportBatch, error) {
	var rows []budgetBatchRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取导入批次失败：%w", err)
	}
	out := make([]models.ImportBatch, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// UndoBudgetBatch removes every line of a batch and marks it undone.
func (s *Store) UndoBudgetBatch(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := undoBatch(tx, id, actor, s.now()); err != nil {
			return err
		}
		return s.audit(tx, actor, budgetModule, "预算导入批次", strconv.FormatInt(id, 10), ActionDelete, nil, "撤销导入批次，删除其全部预算明细")
	})
}

func undoBatch(tx *gorm.DB, id int64, actor string, now time.Time) error {
	var b budgetBatchRow
	if err := tx.Where("id = ?", id).Take(&b).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w：导入批次 %d", models.ErrNotFound, id)
	} else if err != nil {
		return err
	}
	if b.UndoneAt != nil {
		return fmt.Errorf("%w：导入批次 %d（%s）已于 %s 撤销", models.ErrConflict, id, b.FileName, b.UndoneAt.Format("2006-01-02 15:04"))
	}
	var paid int64
	if err := tx.Model(&disbursementRow{}).Where("line_id IN (?)",
		tx.Model(&budgetLineRow{}).Select("id").Where("batch_id = ?", id)).Count(&paid).Error; err != nil {
		return err
	}
	if paid > 0 {
		return fmt.Errorf("%w：导入批次 %d（%s）的预算明细已有 %d 笔拨付记录，不能撤销；请先删除这些拨付", models.ErrConflict, id, b.FileName, paid)
	}
	var contracts int64
	if err := tx.Table("purchase_contracts").Where("budget_line_id IN (?)",
		tx.Model(&budgetLineRow{}).Select("id").Where("batch_id = ?", id)).Count(&contracts).Error; err != nil {
		return err
	}
	if contracts > 0 {
		return fmt.Errorf("%w：导入批次 %d（%s）的预算明细已被 %d 份购买服务合同引用，不能撤销", models.ErrConflict, id, b.FileName, contracts)
	}
	if err := tx.Where("batch_id = ?", id).Delete(&budgetLineRow{}).Error; err != nil {
		return fmt.Errorf("撤销导入批次失败：%w", err)
	}
	return tx.Model(&budgetBatchRow{}).Where("id = ?", id).Updates(map[string]any{"undone_at": now, "undone_by": actor}).Error
}

// BudgetYears lists the years that have lines, newest first.
func (s *Store) BudgetYears(ctx context.Context) ([]int, error) {
	var years []int
	err := s.db.WithContext(ctx).Model(&budgetLineRow{}).Distinct("year").Order("year DESC").Pluck("year", &years).Error
	return years, err
}

// BudgetTotals counts all lines and sums their amounts.
func (s *Store) BudgetTotals(ctx context.Context) (lines int64, total models.Fen, err error) {
	var r struct {
		N int64
		T int64
	}
	err = s.db.WithContext(ctx).Model(&budgetLineRow{}).Select("COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS t").Scan(&r).Error
	return r.N, models.Fen(r.T), err
}

// CreateBudgetLine stores a line a clerk entered by hand.
func (s *Store) CreateBudgetLine(ctx context.Context, l models.BudgetLine, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		row := budgetLineRow{Year: l.Year, DivisionCode: l.DivisionCode, CategoryID: l.CategoryID, Item: l.Item,
			AmountFen: int64(l.Amount), SourceID: l.SourceID, Note: l.Note, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("新增预算明细失败：%w", err)
		}
		id = row.ID
		return s.audit(tx, actor, budgetModule, "预算明细", strconv.FormatInt(id, 10), ActionCreate, []FieldChange{
			{Field: "年度", After: strconv.Itoa(l.Year)}, {Field: "区划代码", After: l.DivisionCode},
			{Field: "项目名称", After: l.Item}, {Field: "金额（元）", After: l.Amount.Yuan()}}, "")
	})
	return id, err
}

// AddDisbursement records a payment against a line.
func (s *Store) AddDisbursement(ctx context.Context, d models.Disbursement, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&budgetLineRow{}).Where("id = ?", d.LineID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w：预算明细 %d", models.ErrNotFound, d.LineID)
		}
		row := disbursementRow{LineID: d.LineID, PaidOn: d.PaidOn, AmountFen: int64(d.Amount), Note: d.Note,
			CreatedAt: s.now(), CreatedBy: actor}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("记录拨付失败：%w", err)
		}
		id = row.ID
		return s.audit(tx, actor, budgetModule, "拨付", strconv.FormatInt(id, 10), ActionCreate, []FieldChange{
			{Field: "预算明细", After: strconv.FormatInt(d.LineID, 10)}, {Field: "拨付日期", After: models.FormatDate(d.PaidOn)},
			{Field: "金额（元）", After: d.Amount.Yuan()}}, d.Note)
	})
	return id, err
}

// DeleteDisbursement removes a payment entered in error.
func (s *Store) DeleteDisbursement(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var r disbursementRow
		if err := tx.Where("id = ?", id).Take(&r).Error; err != nil {
			return fmt.Errorf("%w：拨付记录 %d", models.ErrNotFound, id)
		}
		if err := tx.Delete(&disbursementRow{}, id).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, budgetModule, "拨付", strconv.FormatInt(id, 10), ActionDelete, []FieldChange{
			{Field: "金额（元）", Before: models.Fen(r.AmountFen).Yuan()}}, "")
	})
}

// Disbursements lists the payments of one line, oldest first.
func (s *Store) Disbursements(ctx context.Context, lineID int64) ([]models.Disbursement, error) {
	var rows []disbursementRow
	if err := s.db.WithContext(ctx).Where("line_id = ?", lineID).Order("paid_on, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取拨付记录失败：%w", err)
	}
	out := make([]models.Disbursement, len(rows))
	for i, r := range rows {
		out[i] = models.Disbursement{ID: r.ID, LineID: r.LineID, PaidOn: r.PaidOn, Amount: models.Fen(r.AmountFen),
			Note: r.Note, CreatedBy: r.CreatedBy}
	}
	return out, nil
}
