package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"shequ/models"
)

// 协商: a matter (ledger_consultations) with its numbered steps (ledger_consultation_steps), the
// one ledger whose reads and writes are its own rather than a LedgerKind's.

// CreateConsultation records a new matter with its first step (提议).
func (s *Store) CreateConsultation(ctx context.Context, c models.Consultation, actor string) (int64, error) {
	r := &consultationRow{DivisionCode: c.DivisionCode, Title: c.Title}
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		if err := saveLedgerRow(s, tx, actor, EntityConsultation, r, true, ""); err != nil {
			return err
		}
		for i, st := range c.Steps {
			if err := s.insertStep(tx, actor, r.ID, i+1, st); err != nil {
				return err
			}
		}
		return nil
	})
	return r.ID, err
}

// RenameConsultation changes a matter's title.
func (s *Store) RenameConsultation(ctx context.Context, id int64, title, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var r consultationRow
		if err := tx.Where("id = ?", id).Take(&r).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("%w：协商事项（编号 %d）", models.ErrNotFound, id)
		} else if err != nil {
			return err
		}
		r.Title = title
		return saveLedgerRow(s, tx, actor, EntityConsultation, &r, false, "")
	})
}

// AddConsultationStep appends the step numbered seq (1 = 提议). The caller has checked the order;
// seq guards against two clerks adding the same step at once.
func (s *Store) AddConsultationStep(ctx context.Context, id int64, seq int, st models.ConsultationStep, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&consultationStepRow{}).Where("consultation_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if int(n) != seq-1 {
			return fmt.Errorf("%w：协商事项已被他人更新（现有 %d 个环节），请刷新后再试", models.ErrConflict, n)
		}
		if err := s.insertStep(tx, actor, id, seq, st); err != nil {
			return err
		}
		return tx.Model(&consultationRow{}).Where("id = ?", id).
			Updates(map[string]any{"updated_at": s.now(), "updated_by": actor}).Error
	})
}

func (s *Store) insertStep(tx *gorm.DB, actor string, id int64, seq int, st models.ConsultationStep) error {
	if err := tx.Create(&consultationStepRow{ConsultationID: id, Seq: seq, Stage: string(st.Stage), StepOn: st.On,
		Note: st.Note, Evidence: st.Evidence}).Error; err != nil {
		return fmt.Errorf("保存协商环节失败：%w", err)
	}
	return s.audit(tx, actor, LedgerModule, EntityConsultation, strconv.FormatInt(id, 10), ActionUpdate,
		[]FieldChange{{Field: "环节", After: string(st.Stage)}, {Field: "日期", After: models.FormatDate(st.On)},
			{Field: "情况说明", After: st.Note}, {Field: "佐证材料", After: st.Evidence}}, "记录协商环节")
}

// RemoveLastConsultationStep takes back the latest step (to correct a mistake); the proposal stays.
func (s *Store) RemoveLastConsultationStep(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var last []consultationStepRow
		if err := tx.Where("consultation_id = ?", id).Order("seq DESC").Limit(1).Find(&last).Error; err != nil {
			return err
		}
		if len(last) == 0 || last[0].Seq <= 1 {
			return fmt.Errorf("%w：只有“提议”环节，不能撤回；如需删除请删除整个协商事项", models.ErrInvalid)
		}
		if err := tx.Delete(&last[0]).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, LedgerModule, EntityConsultation, strconv.FormatInt(id, 10), ActionUpdate,
			[]FieldChange{{Field: "环节", Before: last[0].Stage}, {Field: "日期", Before: models.FormatDate(last[0].StepOn)},
				{Field: "情况说明", Before: last[0].Note}}, "撤回协商环节")
	})
}

// DeleteConsultation removes a matter and its steps.
func (s *Store) DeleteConsultation(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("consultation_id = ?", id).Delete(&consultationStepRow{}).Error; err != nil {
			return err
		}
		return deleteLedgerRow[consultationRow](s, tx, actor, EntityConsultation, "id = ?", id)
	})
}

// Consultations lists matters with their steps; the period selects matters proposed in it.
func (s *Store) Consultations(ctx context.Context, q LedgerQuery) ([]models.Consultation, error) {
	db := q.apply(s.db.WithContext(ctx), "c.division_code", "")
	if !q.From.IsZero() || !q.To.IsZero() {
		sub := s.db.Model(&consultationStepRow{}).Select("consultation_id").Where("seq = 1")
		sub = q.apply(sub, "", "step_on")
		db = db.Where("c.id IN (?)", sub)
	}
	var rows []consultationRow
	if err := db.Table("ledger_consultations AS c").Order("c.id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取协商台账失败：%w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var steps []consultationStepRow
	for start := 0; start < len(ids); start += 500 {
		var part []consultationStepRow
		if err := s.db.WithContext(ctx).Where("consultation_id IN ?", ids[start:min(start+500, len(ids))]).
			Order("consultation_id, seq").Find(&part).Error; err != nil {
			return nil, fmt.Errorf("读取协商环节失败：%w", err)
		}
		steps = append(steps, part...)
	}
	byID := map[int64][]models.ConsultationStep{}
	for _, st := range steps {
		byID[st.ConsultationID] = append(byID[st.ConsultationID], models.ConsultationStep{
			Stage: models.ConsultationStage(st.Stage), On: st.StepOn, Note: st.Note, Evidence: st.Evidence})
	}
	out := make([]models.Consultation, len(rows))
	for i, r := range rows {
		out[i] = models.Consultation{ID: r.ID, DivisionCode: r.DivisionCode, Title: r.Title, Steps: byID[r.ID]}
	}
	return out, nil
}

// Consultation reads one matter with its steps.
func (s *Store) Consultation(ctx context.Context, id int64) (models.Consultation, error) {
	r, err := getLedger[consultationRow](s, ctx, id, EntityConsultation)
	if err != nil {
		return models.Consultation{}, err
	}
	var steps []consultationStepRow
	if err := s.db.WithContext(ctx).Where("consultation_id = ?", id).Order("seq").Find(&steps).Error; err != nil {
		return models.Consultation{}, err
	}
	c := models.Consultation{ID: r.ID, DivisionCode: r.DivisionCode, Title: r.Title}
	for _, st := range steps {
		c.Steps = append(c.Steps, models.ConsultationStep{Stage: models.ConsultationStage(st.Stage), On: st.StepOn,
			Note: st.Note, Evidence: st.Evidence})
	}
	return c, nil
}
