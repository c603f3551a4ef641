package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

type contractRow struct {
	ID            int64 `gorm:"primaryKey"`
	Title         string
	Provider      string
	ProviderOrgID *int64
	AmountFen     int64
	StartOn       time.Time
	EndOn         time.Time
	Status        string
	EntrustedItem string
	BudgetLineID  *int64
	Note          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	RowVersion    int64 `gorm:"->"` // moved on by bumpVersion only
}

func (contractRow) TableName() string { return "purchase_contracts" }

type contractDivisionRow struct {
	ContractID   int64  `gorm:"primaryKey"`
	DivisionCode string `gorm:"primaryKey"`
}

func (contractDivisionRow) TableName() string { return "purchase_contract_divisions" }

// SaveContract creates (ID 0) or updates a 政府购买服务 contract and its served divisions.
func (s *Store) SaveContract(ctx context.Context, c models.PurchaseContract, actor string) (int64, error) {
	id := c.ID
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		row := contractRow{ID: c.ID, Title: c.Title, Provider: c.Provider, ProviderOrgID: idPtr(c.ProviderOrgID), AmountFen: int64(c.Amount), StartOn: c.StartOn,
			EndOn: c.EndOn, Status: string(c.Status), EntrustedItem: c.EntrustedItem, BudgetLineID: idPtr(c.BudgetLineID),
			Note: c.Note, CreatedAt: now, UpdatedAt: now}
		action := ActionCreate
		var changes []FieldChange
		if c.ID == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("新增购买服务合同失败：%w", err)
			}
			id = row.ID
			changes = []FieldChange{{Field: "项目名称", After: c.Title}, {Field: "承接主体", After: c.Provider},
				{Field: "合同金额（元）", After: c.Amount.Yuan()}, {Field: "状态", After: string(c.Status)}}
		} else {
			var old contractRow
			if err := tx.Where("id = ?", c.ID).Take(&old).Error; err != nil {
				return fmt.Errorf("%w：购买服务合同 %d", models.ErrNotFound, c.ID)
			}
			action = ActionUpdate
			if err := s.bumpVersion(tx, "purchase_contracts", "购买服务合同", fmtInt(c.ID), c.RowVersion, "id = ?", c.ID); err != nil {
				return err
			}
			add := func(f, a, b string) {
				if a != b {
					changes = append(changes, FieldChange{Field: f, Before: a, After: b})
				}
			}
			add("项目名称", old.Title, c.Title)
			add("承接主体", old.Provider, c.Provider)
			add("合同金额（元）", models.Fen(old.AmountFen).Yuan(), c.Amount.Yuan())
			add("开始日期", models.FormatDate(old.StartOn), models.FormatDate(c.StartOn))
			add("结束日期", models.FormatDate(old.EndOn), models.FormatDate(c.EndOn))
			add("状态", old.Status, string(c.Status))
			add("委托事项", old.EntrustedItem, c.EntrustedItem)
			add("备注", old.Note, c.Note)
			row.CreatedAt = old.CreatedAt
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("保存购买服务合同失败：%w", err)
			}
			if err := tx.Where("contract_id = ?", c.ID).Delete(&contractDivisionRow{}).Error; err != nil {
				return err
			}
		}
		for _, code := range c.DivisionCodes {
			if err := tx.Create(&contractDivisionRow{ContractID: id, DivisionCode: code}).Error; err != nil {
				return fmt.Errorf("保存服务区划 %s 失败：%w", code, err)
			}
		}
		changes = append(changes, FieldChange{Field: "服务区划", After: strings.Join(c.DivisionCodes, "、")})
		return s.audit(tx, actor, budgetModule, "购买服务合同", strconv.FormatInt(id, 10), action, changes, "")
	})
	return id, err
}

// Contracts lists every contract, newest first, with its divisions.
func (s *Store) Contracts(ctx context.Context) ([]models.PurchaseContract, error) {
	var rows []contractRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取购买服务合同失败：%w", err)
	}
	var divs []contractDivisionRow
	if err := s.db.WithContext(ctx).Order("division_code").Find(&divs).Error; err != nil {
		return nil, err
	}
	byContract := map[int64][]string{}
	for _, d := range divs {
		byContract[d.ContractID] = append(byContract[d.ContractID], d.DivisionCode)
	}
	out := make([]models.PurchaseContract, len(rows))
	for i, r := range rows {
		out[i] = models.PurchaseContract{ID: r.ID, Title: r.Title, Provider: r.Provider, ProviderOrgID: derefID(r.ProviderOrgID), DivisionCodes: byContract[r.ID],
			Amount: models.Fen(r.AmountFen), StartOn: r.StartOn, EndOn: r.EndOn, Status: models.ContractStatus(r.Status),
			EntrustedItem: r.EntrustedItem, BudgetLineID: derefID(r.BudgetLineID), Note: r.Note, RowVersion: r.RowVersion}
	}
	return out, nil
}
