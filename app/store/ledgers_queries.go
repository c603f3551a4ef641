package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"shequ/models"
)

// Per-ledger reads and writes. Every write records its audit entry in the same transaction.

// Audit entity names of the ledgers.
const (
	EntityMeeting        = "会议"
	EntityCouncil        = "议事会"
	EntityOpinion        = "意见"
	EntityConsultation   = "协商事项"
	EntityCovenant       = "村规民约（居民公约）"
	EntityEstate         = "小区（院落）"
	EntitySupervision    = "村（居）务监督委员会"
	EntityDisclosureItem = "公开目录事项"
	EntityDisclosure     = "公开记录"
	EntityEvaluation     = "述职述廉与民主评议"
	EntityAccountability = "问责"
	EntityServiceItem    = "准入目录事项"
	EntityCommunityTask  = "社区承担事项"
)

// saveByID creates the row when its id is 0, otherwise updates it; it returns the id.
func saveByID[R any, P interface {
	*R
	ledgerRecord
}](s *Store, ctx context.Context, actor, entity string, row P, id *int64) (int64, error) {
	create := *id == 0
	err := s.withTx(ctx, func(tx *gorm.DB) error { return saveLedgerRow[R, P](s, tx, actor, entity, row, create, "") })
	return *id, err
}

func deleteByID[R any, P interface {
	*R
	ledgerRecord
}](s *Store, ctx context.Context, actor, entity string, id int64) error {
	return s.withTx(ctx, func(tx *gorm.DB) error { return deleteLedgerRow[R, P](s, tx, actor, entity, "id = ?", id) })
}

func mapRows[R any, M any](rows []R, err error, conv func(R) M) ([]M, error) {
	if err != nil {
		return nil, err
	}
	out := make([]M, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out, nil
}

// SaveMeeting creates (ID 0) or updates a meeting and returns its id.
func (s *Store) SaveMeeting(ctx context.Context, m models.Meeting, actor string) (int64, error) {
	r := meetingToRow(m)
	return saveByID(s, ctx, actor, EntityMeeting, r, &r.ID)
}

// DeleteMeeting removes a meeting; opinions and covenants that named it keep their record without the link.
// Its attached files go with it.
func (s *Store) DeleteMeeting(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := deleteLedgerRow[meetingRow](s, tx, actor, EntityMeeting, "id = ?", id); err != nil {
			return err
		}
		_, err := s.deleteAttachments(tx, OwnerMeeting, actor, "owner_kind = ? AND owner_id = ?", OwnerMeeting.Kind, id)
		return err
	})
}

// Meeting reads one meeting.
func (s *Store) Meeting(ctx context.Context, id int64) (models.Meeting, error) {
	r, err := getLedger[meetingRow](s, ctx, id, EntityMeeting)
	return r.model(), err
}

// Meetings lists meetings, newest first.
func (s *Store) Meetings(ctx context.Context, q LedgerQuery) ([]models.Meeting, error) {
	rows, err := listLedger[meetingRow](s, ctx, q, "division_code", "held_on", "held_on DESC, id DESC", "会议台账")
	return mapRows(rows, err, meetingRow.model)
}

// SaveCouncil creates (ID 0) or updates one term (届) of a community's 议事会 and returns its id.
func (s *Store) SaveCouncil(ctx context.Context, c models.CouncilBody, actor string) (int64, error) {
	r := councilToRow(c)
	return saveByID(s, ctx, actor, EntityCouncil, r, &r.ID)
}

// DeleteCouncilTerm removes one term of a 议事会.
func (s *Store) DeleteCouncilTerm(ctx context.Context, id int64, actor string) error {
	return deleteByID[councilRow](s, ctx, actor, EntityCouncil, id)
}

// Councils lists every term of the 议事会 of the divisions selected (dates are ignored), by
// division, the latest term first.
func (s *Store) Councils(ctx context.Context, q LedgerQuery) ([]models.CouncilBody, error) {
	q.From, q.To = zeroTime, zeroTime
	rows, err := listLedger[councilRow](s, ctx, q, "division_code", "", "division_code, term_start DESC, id DESC", "议事会")
	return mapRows(rows, err, councilRow.model)
}

// SaveOpinion creates or updates an opinion and returns its id.
func (s *Store) SaveOpinion(ctx context.Context, o models.Opinion, actor string) (int64, error) {
	r := opinionToRow(o)
	return saveByID(s, ctx, actor, EntityOpinion, r, &r.ID)
}

// DeleteOpinion removes an opinion.
func (s *Store) DeleteOpinion(ctx context.Context, id int64, actor string) error {
	return deleteByID[opinionRow](s, ctx, actor, EntityOpinion, id)
}

// Opinion reads one opinion.
func (s *Store) Opinion(ctx context.Context, id int64) (models.Opinion, error) {
	r, err := getLedger[opinionRow](s, ctx, id, EntityOpinion)
	return r.model(), err
}

// Opinions lists opinions raised in the period, newest first.
func (s *Store) Opinions(ctx context.Context, q LedgerQuery) ([]models.Opinion, error) {
	rows, err := listLedger[opinionRow](s, ctx, q, "division_code", "raised_on", "raised_on DESC, id DESC", "意见台账")
	return mapRows(rows, err, opinionRow.model)
}

// openOpinionStatuses are the statuses of an opinion that has not been answered yet.
var openOpinionStatuses = []string{string(models.OpinionPending), string(models.OpinionInProgress)}

// openOpinions narrows db to the unanswered opinions of the divisions q selects, whenever raised
// (q's dates are ignored).
func openOpinions(db *gorm.DB, q LedgerQuery) *gorm.DB {
	q.From, q.To = zeroTime, zeroTime
	return q.apply(db, "division_code", "").Where("status IN ?", openOpinionStatuses)
}

// OpenOpinions lists every unanswered opinion of the divisions selected, whenever raised.
func (s *Store) OpenOpinions(ctx context.Context, q LedgerQuery) ([]models.Opinion, error) {
	var rows []opinionRow
	err := openOpinions(s.db.WithContext(ctx), q).Order("raised_on, id").Find(&rows).Error
	if err != nil {
		err = fmt.Errorf("读取意见台账失败：%w", err)
	}
	return mapRows(rows, err, opinionRow.model)
}

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
		[]FieldChange{{Field: "环节", After: string(st.Stage)}, {Field: "日期", After: fmtDate(st.On)},
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
			[]FieldChange{{Field: "环节", Before: last[0].Stage}, {Field: "日期", Before: fmtDate(last[0].StepOn)},
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

// SaveCovenant creates or updates a 村规民约/居民公约 version.
func (s *Store) SaveCovenant(ctx context.Context, c models.Covenant, actor string) (int64, error) {
	r := covenantToRow(c)
	return saveByID(s, ctx, actor, EntityCovenant, r, &r.ID)
}

// DeleteCovenant removes a version.
func (s *Store) DeleteCovenant(ctx context.Context, id int64, actor string) error {
	return deleteByID[covenantRow](s, ctx, actor, EntityCovenant, id)
}

// Covenants lists versions adopted in the period (all when no period), newest first.
func (s *Store) Covenants(ctx context.Context, q LedgerQuery) ([]models.Covenant, error) {
	rows, err := listLedger[covenantRow](s, ctx, q, "division_code", "adopted_on", "adopted_on DESC, id DESC", "村规民约台账")
	return mapRows(rows, err, covenantRow.model)
}

// SaveEstate creates or updates a 小区（院落）.
func (s *Store) SaveEstate(ctx context.Context, e models.Estate, actor string) (int64, error) {
	r := estateToRow(e)
	return saveByID(s, ctx, actor, EntityEstate, r, &r.ID)
}

// DeleteEstate removes a 小区（院落）.
func (s *Store) DeleteEstate(ctx context.Context, id int64, actor string) error {
	return deleteByID[estateRow](s, ctx, actor, EntityEstate, id)
}

// Estates lists the estates of the divisions selected (dates are ignored).
func (s *Store) Estates(ctx context.Context, q LedgerQuery) ([]models.Estate, error) {
	rows, err := listLedger[estateRow](s, ctx, q, "division_code", "", "division_code, name", "小区（院落）台账")
	return mapRows(rows, err, estateRow.model)
}

// SaveSupervision creates (ID 0) or updates one term (届) of a community's 监督委员会 and returns its id.
func (s *Store) SaveSupervision(ctx context.Context, c models.SupervisionCommittee, actor string) (int64, error) {
	r := supervisionToRow(c)
	return saveByID(s, ctx, actor, EntitySupervision, r, &r.ID)
}

// DeleteSupervisionTerm removes one term of a 监督委员会.
func (s *Store) DeleteSupervisionTerm(ctx context.Context, id int64, actor string) error {
	return deleteByID[supervisionRow](s, ctx, actor, EntitySupervision, id)
}

// Supervisions lists every term of the 监督委员会 of the divisions selected (dates are ignored), by
// division, the latest term first.
func (s *Store) Supervisions(ctx context.Context, q LedgerQuery) ([]models.SupervisionCommittee, error) {
	q.From, q.To = zeroTime, zeroTime
	rows, err := listLedger[supervisionRow](s, ctx, q, "division_code", "", "division_code, term_start DESC, id DESC", "监督委员会")
	return mapRows(rows, err, supervisionRow.model)
}

// SaveDisclosureItem creates or updates an entry of a county's disclosure catalogue.
func (s *Store) SaveDisclosureItem(ctx context.Context, d models.DisclosureItem, actor string) (int64, error) {
	r := disclosureItemToRow(d)
	return saveByID(s, ctx, actor, EntityDisclosureItem, r, &r.ID)
}

// DeleteDisclosureItem removes a catalogue entry that no disclosure refers to.
func (s *Store) DeleteDisclosureItem(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&disclosureRow{}).Where("item_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：已有 %d 条公开记录属于该目录事项，不能删除", models.ErrConflict, n)
		}
		return deleteLedgerRow[disclosureItemRow](s, tx, actor, EntityDisclosureItem, "id = ?", id)
	})
}

// DisclosureItems lists a county's catalogue (all counties when countyCode is "").
func (s *Store) DisclosureItems(ctx context.Context, countyCode string) ([]models.DisclosureItem, error) {
	rows, err := listLedger[disclosureItemRow](s, ctx, LedgerQuery{DivisionPrefix: countyCode}, "county_code", "",
		"county_code, id", "村（居）务公开目录")
	return mapRows(rows, err, disclosureItemRow.model)
}

// SaveDisclosure creates or updates a disclosure record.
func (s *Store) SaveDisclosure(ctx context.Context, d models.DisclosureRecord, actor string) (int64, error) {
	r := disclosureToRow(d)
	return saveByID(s, ctx, actor, EntityDisclosure, r, &r.ID)
}

// DeleteDisclosure removes a disclosure record.
func (s *Store) DeleteDisclosure(ctx context.Context, id int64, actor string) error {
	return deleteByID[disclosureRow](s, ctx, actor, EntityDisclosure, id)
}

// Disclosures lists disclosure records in the period, newest first.
func (s *Store) Disclosures(ctx context.Context, q LedgerQuery) ([]models.DisclosureRecord, error) {
	rows, err := listLedger[disclosureRow](s, ctx, q, "division_code", "disclosed_on", "disclosed_on DESC, id DESC", "公开记录")
	return mapRows(rows, err, disclosureRow.model)
}

// SaveEvaluation creates or updates a 述职述廉 or 民主评议 record.
func (s *Store) SaveEvaluation(ctx context.Context, e models.Evaluation, actor string) (int64, error) {
	r := evaluationToRow(e)
	return saveByID(s, ctx, actor, EntityEvaluation, r, &r.ID)
}

// DeleteEvaluation removes an evaluation record.
func (s *Store) DeleteEvaluation(ctx context.Context, id int64, actor string) error {
	return deleteByID[evaluationRow](s, ctx, actor, EntityEvaluation, id)
}

// Evaluations lists evaluations of the year (all years when year is 0).
func (s *Store) Evaluations(ctx context.Context, q LedgerQuery, year int) ([]models.Evaluation, error) {
	var rows []evaluationRow
	db := q.apply(s.db.WithContext(ctx), "division_code", "")
	if year != 0 {
		db = db.Where("year = ?", year)
	}
	err := db.Order("held_on DESC, id DESC").Find(&rows).Error
	if err != nil {
		err = fmt.Errorf("读取评议台账失败：%w", err)
	}
	return mapRows(rows, err, evaluationRow.model)
}

// SaveAccountability creates or updates a 问责 case.
func (s *Store) SaveAccountability(ctx context.Context, a models.Accountability, actor string) (int64, error) {
	r := accountabilityToRow(a)
	return saveByID(s, ctx, actor, EntityAccountability, r, &r.ID)
}

// DeleteAccountability removes a 问责 case.
func (s *Store) DeleteAccountability(ctx context.Context, id int64, actor string) error {
	return deleteByID[accountabilityRow](s, ctx, actor, EntityAccountability, id)
}

// Accountabilities lists 问责 cases decided in the period, newest first.
func (s *Store) Accountabilities(ctx context.Context, q LedgerQuery) ([]models.Accountability, error) {
	rows, err := listLedger[accountabilityRow](s, ctx, q, "division_code", "decided_on", "decided_on DESC, id DESC", "问责台账")
	return mapRows(rows, err, accountabilityRow.model)
}

// SaveServiceItem creates or updates an entry of a county's 公共服务准入目录.
func (s *Store) SaveServiceItem(ctx context.Context, it models.ServiceItem, actor string) (int64, error) {
	r := serviceItemToRow(it)
	return saveByID(s, ctx, actor, EntityServiceItem, r, &r.ID)
}

// DeleteServiceItem removes a catalogue entry no community task refers to.
func (s *Store) DeleteServiceItem(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&communityTaskRow{}).Where("item_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：已有 %d 项社区承担事项属于该目录事项，不能删除", models.ErrConflict, n)
		}
		return deleteLedgerRow[serviceItemRow](s, tx, actor, EntityServiceItem, "id = ?", id)
	})
}

// ServiceItems lists a county's 公共服务准入目录 (all counties when countyCode is "").
func (s *Store) ServiceItems(ctx context.Context, countyCode string) ([]models.ServiceItem, error) {
	rows, err := listLedger[serviceItemRow](s, ctx, LedgerQuery{DivisionPrefix: countyCode}, "county_code", "",
		"county_code, class, id", "公共服务准入目录")
	items, err := mapRows(rows, err, serviceItemRow.model)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, it := range items {
		if it.ContractID != 0 {
			ids = append(ids, it.ContractID)
		}
	}
	if len(ids) == 0 {
		return items, nil
	}
	var cs []contractRow
	if err := s.db.WithContext(ctx).Select("id, title, amount_fen").Where("id IN ?", ids).Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("读取购买服务合同失败：%w", err)
	}
	byID := make(map[int64]contractRow, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	for i := range items {
		if c, ok := byID[items[i].ContractID]; ok {
			items[i].ContractTitle, items[i].ContractAmount = c.Title, models.Fen(c.AmountFen)
		}
	}
	return items, nil
}

// SaveCommunityTask creates or updates a task a community carries.
func (s *Store) SaveCommunityTask(ctx context.Context, t models.CommunityTask, actor string) (int64, error) {
	r := communityTaskToRow(t)
	return saveByID(s, ctx, actor, EntityCommunityTask, r, &r.ID)
}

// DeleteCommunityTask removes a task.
func (s *Store) DeleteCommunityTask(ctx context.Context, id int64, actor string) error {
	return deleteByID[communityTaskRow](s, ctx, actor, EntityCommunityTask, id)
}

// CommunityTasks lists the tasks of the year (all years when year is 0).
func (s *Store) CommunityTasks(ctx context.Context, q LedgerQuery, year int) ([]models.CommunityTask, error) {
	var rows []communityTaskRow
	db := q.apply(s.db.WithContext(ctx), "division_code", "")
	if year != 0 {
		db = db.Where("year = ?", year)
	}
	err := db.Order("division_code, id").Find(&rows).Error
	if err != nil {
		err = fmt.Errorf("读取社区承担事项失败：%w", err)
	}
	return mapRows(rows, err, communityTaskRow.model)
}

// LedgerCounts are the totals summary --json shows.
type LedgerCounts struct {
	Meetings int64
	Opinions int64
}

// CountLedgers counts all meetings and opinions.
func (s *Store) CountLedgers(ctx context.Context) (LedgerCounts, error) {
	var c LedgerCounts
	db := s.db.WithContext(ctx)
	if err := db.Model(&meetingRow{}).Count(&c.Meetings).Error; err != nil {
		return c, err
	}
	err := db.Model(&opinionRow{}).Count(&c.Opinions).Error
	return c, err
}
