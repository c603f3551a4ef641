package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"shequ/models"
)

// The ledgers' reads beyond a kind's List: open opinions, the service catalogue's contracts, totals.

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

// Opinion reads one opinion.
func (s *Store) Opinion(ctx context.Context, id int64) (models.Opinion, error) {
	return OpinionLedger.Get(ctx, s, id)
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

// fillServiceContracts names the purchase contract of each catalogue entry that has one.
func fillServiceContracts(ctx context.Context, s *Store, items []models.ServiceItem) error {
	var ids []int64
	for _, it := range items {
		if it.ContractID != 0 {
			ids = append(ids, it.ContractID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var cs []contractRow
	if err := s.db.WithContext(ctx).Select("id, title, amount_fen").Where("id IN ?", ids).Find(&cs).Error; err != nil {
		return fmt.Errorf("读取购买服务合同失败：%w", err)
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
	return nil
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
