package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"shequ/models"
)

func workerRowOf(w models.SocialWorker) workerRow {
	return workerRow{ID: w.ID, CountyCode: w.CountyCode, TownshipCode: models.Code(w.DivisionCode).Township().String(), DivisionCode: w.DivisionCode,
		Name: w.Name, Gender: w.Gender, IDNumber: w.IDNumber, BirthDate: w.Birth, Phone: w.Phone, Qualification: w.Qualification,
		CertNo: w.CertNo, CertDate: timePtr(w.CertDate), EmployerKind: w.EmployerKind, EmployerOrgID: idPtr(w.EmployerOrgID),
		EmployerName: w.EmployerName, Post: w.Post, Status: w.Status, OnPostFrom: w.OnPostFrom, OffPostOn: timePtr(w.OffPostOn)}
}

func (r workerRow) model() models.SocialWorker {
	return models.SocialWorker{ID: r.ID, CountyCode: r.CountyCode, Name: r.Name, Gender: r.Gender, IDNumber: r.IDNumber,
		Birth: models.Day(r.BirthDate), Phone: r.Phone, Qualification: r.Qualification, CertNo: r.CertNo,
		CertDate: models.DayOf(r.CertDate), EmployerKind: r.EmployerKind, EmployerOrgID: derefID(r.EmployerOrgID),
		EmployerName: r.EmployerName, Post: r.Post, DivisionCode: r.DivisionCode, Status: r.Status,
		OnPostFrom: models.Day(r.OnPostFrom), OffPostOn: models.DayOf(r.OffPostOn), RowVersion: r.RowVersion}
}

// workerFields are what the audit trail shows of a worker: personal data masked.
func workerFields(r workerRow) [][2]string {
	return [][2]string{{"姓名", r.Name}, {"性别", r.Gender}, {"身份证号", models.MaskIDNumber(r.IDNumber)},
		{"联系电话", models.MaskPhone(r.Phone)}, {"资格等级", r.Qualification}, {"证书编号", r.CertNo},
		{"取得证书日期", models.FormatDate(derefTime(r.CertDate))}, {"工作单位", r.EmployerName}, {"岗位", r.Post},
		{"服务区划", r.DivisionCode}, {"状态", r.Status}, {"到岗日期", models.FormatDate(r.OnPostFrom)},
		{"离岗日期", models.FormatDate(derefTime(r.OffPostOn))}}
}

func workerConflict(tx *gorm.DB, w models.SocialWorker) error {
	var hit []workerRow
	if err := tx.Where("id <> ? AND id_number = ?", w.ID, w.IDNumber).Limit(1).Find(&hit).Error; err != nil {
		return err
	}
	if len(hit) > 0 {
		return fmt.Errorf("%w：身份证号 %s 已登记为“%s”（编号 %d），不能重复登记", models.ErrConflict,
			models.MaskIDNumber(w.IDNumber), hit[0].Name, hit[0].ID)
	}
	return nil
}

func (s *Store) saveWorkerTx(tx *gorm.DB, w models.SocialWorker, actor string, audit bool) (int64, error) {
	if err := workerConflict(tx, w); err != nil {
		return 0, err
	}
	row := workerRowOf(w)
	now := s.now()
	row.CreatedAt, row.UpdatedAt = now, now
	var before [][2]string
	action := ActionCreate
	if w.ID == 0 {
		if err := tx.Create(&row).Error; err != nil {
			return 0, fmt.Errorf("新增社会工作者失败：%w", err)
		}
	} else {
		var old workerRow
		if err := tx.Where("id = ?", w.ID).Take(&old).Error; err != nil {
			return 0, fmt.Errorf("%w：社会工作者 %d", models.ErrNotFound, w.ID)
		}
		before, action, row.CreatedAt = workerFields(old), ActionUpdate, old.CreatedAt
		if err := s.bumpVersion(tx, "social_workers", EntityWorker, fmtInt(w.ID), w.RowVersion, "id = ?", w.ID); err != nil {
			return 0, err
		}
		if err := tx.Save(&row).Error; err != nil {
			return 0, fmt.Errorf("保存社会工作者失败：%w", err)
		}
	}
	if !audit { // an imported row: its importer owns it
		if action == ActionCreate {
			return row.ID, recordOwner(tx, EntityWorker, fmtInt(row.ID), actor, now)
		}
		return row.ID, nil
	}
	return row.ID, s.audit(tx, actor, registryModule, EntityWorker, fmtInt(row.ID), action, diff(before, workerFields(row)), "")
}

// SaveWorker creates (ID 0) or updates a social worker; a 身份证号 already registered is refused.
func (s *Store) SaveWorker(ctx context.Context, w models.SocialWorker, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.saveWorkerTx(tx, w, actor, true)
		return err
	})
	return id, err
}

// DeleteWorker removes a worker and their grid and project assignments.
func (s *Store) DeleteWorker(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var row workerRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return fmt.Errorf("%w：社会工作者 %d", models.ErrNotFound, id)
		}
		if err := s.audit(tx, actor, registryModule, EntityWorker, fmtInt(id), ActionDelete, diff(nil, workerFields(row)), ""); err != nil {
			return err
		}
		for _, m := range []any{&gridWorkerRow{}, &projectWorkerRow{}} {
			if err := tx.Where("worker_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		return tx.Delete(&workerRow{}, id).Error
	})
}

// Workers lists every worker, by county and name.
func (s *Store) Workers(ctx context.Context) ([]models.SocialWorker, error) {
	var rows []workerRow
	if err := s.db.WithContext(ctx).Order("county_code, name, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取社会工作者失败：%w", err)
	}
	out := make([]models.SocialWorker, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// Worker reads one worker.
func (s *Store) Worker(ctx context.Context, id int64) (models.SocialWorker, error) {
	var row workerRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.SocialWorker{}, fmt.Errorf("%w：社会工作者 %d", models.ErrNotFound, id)
		}
		return models.SocialWorker{}, err
	}
	return row.model(), nil
}

// ImportRegistry writes imported organisations and workers in one transaction with ONE audit
// entry for the batch; a conflict on any row rolls back all of them.
func (s *Store) ImportRegistry(ctx context.Context, orgs []models.SocialOrg, workers []models.SocialWorker, file, actor string) error {
	return s.withTxOp(ctx, "导入", func(tx *gorm.DB) error {
		for i, o := range orgs {
			if _, err := s.saveOrgTx(tx, o, actor, false); err != nil {
				return fmt.Errorf("第 %d 个社会组织“%s”：%w", i+1, o.Name, err)
			}
		}
		for i, w := range workers {
			if _, err := s.saveWorkerTx(tx, w, actor, false); err != nil {
				return fmt.Errorf("第 %d 名社会工作者“%s”：%w", i+1, w.Name, err)
			}
		}
		entity, n := EntityOrg, len(orgs)
		if len(workers) > 0 {
			entity, n = EntityWorker, len(workers)
		}
		return s.audit(tx, actor, registryModule, entity, "", ActionImport,
			[]FieldChange{{Field: "条数", After: strconv.Itoa(n)}}, "从文件“"+file+"”导入")
	})
}

// --- 补贴标准 ---

// SubsidyRules lists the subsidy table by date and level.
func (s *Store) SubsidyRules(ctx context.Context) ([]models.SubsidyRule, error) {
	return subsidyRules(s.db.WithContext(ctx))
}

// subsidyRules reads the subsidy table through db (the store's connection or a transaction).
func subsidyRules(db *gorm.DB) ([]models.SubsidyRule, error) {
	var rows []subsidyRuleRow
	if err := db.Order("effective_from, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取补贴标准失败：%w", err)
	}
	out := make([]models.SubsidyRule, len(rows))
	for i, r := range rows {
		out[i] = models.SubsidyRule{ID: r.ID, EffectiveFrom: models.Day(r.EffectiveFrom), Qualification: r.Qualification,
			Monthly: models.Fen(r.MonthlyFen), OneOff: models.Fen(r.OneOffFen)}
	}
	return out, nil
}

func ruleText(r models.SubsidyRule) string {
	return fmt.Sprintf("%s起 %s 每月 %s 元、一次性 %s 元", models.FormatDate(r.EffectiveFrom), r.Qualification, r.Monthly.Yuan(), r.OneOff.Yuan())
}

// ReplaceSubsidyRules stores the edited subsidy table as a whole.
func (s *Store) ReplaceSubsidyRules(ctx context.Context, rules []models.SubsidyRule, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		old, err := subsidyRules(tx)
		if err != nil {
			return err
		}
		var before, after []string
		for _, r := range old {
			before = append(before, ruleText(r))
		}
		if err := tx.Where("1 = 1").Delete(&subsidyRuleRow{}).Error; err != nil {
			return err
		}
		for _, r := range rules {
			row := subsidyRuleRow{EffectiveFrom: r.EffectiveFrom, Qualification: r.Qualification, MonthlyFen: int64(r.Monthly), OneOffFen: int64(r.OneOff)}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("%w：%s 同一执行日期的%s有两行", models.ErrConflict, models.FormatDate(r.EffectiveFrom), r.Qualification)
			}
			after = append(after, ruleText(r))
		}
		return s.audit(tx, actor, registryModule, "补贴标准", "", ActionUpdate,
			[]FieldChange{{Field: "补贴标准", Before: strings.Join(before, "；"), After: strings.Join(after, "；")}}, "")
	})
}
