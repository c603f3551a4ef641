package store

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"shequ/models"
)

// The ledgers described as data: one LedgerKind per ledger table says where its rows live and
// how they are listed and named; Save, Delete, List and Get serve every kind alike. The
// consultations (a matter with its steps) are the one ledger with reads and writes of their own,
// in ledgers_queries.go.

// LedgerKind describes one ledger of entries M.
type LedgerKind[M any] struct {
	Entity  string // the audit trail's entity, and what "not found" names
	Label   string // what a failed list names
	divCol  string // the column LedgerQuery.DivisionPrefix selects on
	dateCol string // the column LedgerQuery's period selects on; "" when the list ignores dates
	yearCol string // the column LedgerQuery.Year selects on, for ledgers kept per year
	order   string
	table   ledgerTable[M]
	// refusedWhile, when set, keeps a row that other rows refer to from being deleted.
	refusedWhile *ledgerRef
	// files, when set, are attachments that go with a deleted row.
	files *AttachmentOwner
	// fill, when set, completes listed entries with what lies in other tables.
	fill func(ctx context.Context, s *Store, entries []M) error
}

// ledgerRef is a reference to a ledger row from another table: while any row of model has
// col = id, deleting is refused with msg (which takes the count).
type ledgerRef struct {
	model any
	col   string
	msg   string
}

// ledgerTable reads and writes rows of one table as entries M; table[M, R, P] is the one
// implementation, hiding the row type R from the kind's users.
type ledgerTable[M any] interface {
	save(s *Store, tx *gorm.DB, actor, entity string, m M) (int64, error)
	id(m M) int64 // 0 for an entry not saved yet
	remove(s *Store, tx *gorm.DB, actor, entity string, id int64) error
	find(db *gorm.DB) ([]M, error)
	count(db *gorm.DB) (int64, error)
}

type table[M, R any, P interface {
	*R
	ledgerRecord
}] struct {
	toRow func(M) P
	model func(R) M
}

func (t table[M, R, P]) save(s *Store, tx *gorm.DB, actor, entity string, m M) (int64, error) {
	row := t.toRow(m)
	if v, ok := any(m).(interface{ ReadVersion() int64 }); ok {
		row.setReadVersion(v.ReadVersion())
	}
	id := row.rowID()
	err := saveLedgerRow[R, P](s, tx, actor, entity, row, *id == 0, "")
	return *id, err
}

func (t table[M, R, P]) id(m M) int64 { return *t.toRow(m).rowID() }

func (t table[M, R, P]) remove(s *Store, tx *gorm.DB, actor, entity string, id int64) error {
	return deleteLedgerRow[R, P](s, tx, actor, entity, "id = ?", id)
}

func (t table[M, R, P]) find(db *gorm.DB) ([]M, error) {
	var rows []R
	if err := db.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]M, len(rows))
	for i, r := range rows {
		out[i] = t.model(r)
		if v, ok := any(&out[i]).(interface{ SetReadVersion(int64) }); ok {
			v.SetReadVersion(P(&rows[i]).readVersion())
		}
	}
	return out, nil
}

// Save creates the entry (ID 0) or updates it, with its audit entry, and returns its id.
func (k *LedgerKind[M]) Save(ctx context.Context, s *Store, m M, actor string) (int64, error) {
	var id int64
	save := func(tx *gorm.DB) (err error) {
		id, err = k.table.save(s, tx, actor, k.Entity, m)
		return err
	}
	if old := k.table.id(m); old != 0 { // an update reads and checks that record only
		return old, s.withRecordTx(ctx, k.Entity+" "+strconv.FormatInt(old, 10), save)
	}
	err := s.withTx(ctx, save)
	return id, err
}

// Delete removes an entry, with its audit entry (and its attached files, for a kind that has them).
func (k *LedgerKind[M]) Delete(ctx context.Context, s *Store, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if ref := k.refusedWhile; ref != nil {
			var n int64
			if err := tx.Model(ref.model).Where(ref.col+" = ?", id).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w："+ref.msg, models.ErrConflict, n)
			}
		}
		if err := k.table.remove(s, tx, actor, k.Entity, id); err != nil || k.files == nil {
			return err
		}
		_, err := s.deleteAttachments(tx, *k.files, actor, "owner_kind = ? AND owner_id = ?", k.files.Kind, id)
		return err
	})
}

// List reads the entries q selects, in the kind's order.
func (k *LedgerKind[M]) List(ctx context.Context, s *Store, q LedgerQuery) ([]M, error) {
	return k.read(ctx, s, k.where(ctx, s, q).Order(k.order))
}

// Get reads one entry.
func (k *LedgerKind[M]) Get(ctx context.Context, s *Store, id int64) (M, error) {
	rows, err := k.table.find(s.db.WithContext(ctx).Where("id = ?", id).Limit(1))
	var zero M
	if err != nil {
		return zero, fmt.Errorf("读取%s失败：%w", k.Entity, err)
	}
	if len(rows) == 0 {
		return zero, fmt.Errorf("%w：%s（编号 %d）", models.ErrNotFound, k.Entity, id)
	}
	return rows[0], nil
}

// The ledger kinds. Lists are newest first where entries are dated; bodies with terms (议事会,
// 监督委员会) by division, the latest term first; catalogues by county.
var (
	MeetingLedger = &LedgerKind[models.Meeting]{Entity: EntityMeeting, Label: "会议台账",
		divCol: "division_code", dateCol: "held_on", order: "held_on DESC, id DESC",
		table: table[models.Meeting, meetingRow, *meetingRow]{meetingToRow, meetingRow.model},
		files: &OwnerMeeting}
	CouncilLedger = &LedgerKind[models.CouncilBody]{Entity: EntityCouncil, Label: "议事会",
		divCol: "division_code", order: "division_code, term_start DESC, id DESC",
		table: table[models.CouncilBody, councilRow, *councilRow]{councilToRow, councilRow.model}}
	OpinionLedger = &LedgerKind[models.Opinion]{Entity: EntityOpinion, Label: "意见台账",
		divCol: "division_code", dateCol: "raised_on", order: "raised_on DESC, id DESC",
		table: table[models.Opinion, opinionRow, *opinionRow]{opinionToRow, opinionRow.model}}
	CovenantLedger = &LedgerKind[models.Covenant]{Entity: EntityCovenant, Label: "村规民约台账",
		divCol: "division_code", dateCol: "adopted_on", order: "adopted_on DESC, id DESC",
		table: table[models.Covenant, covenantRow, *covenantRow]{covenantToRow, covenantRow.model}}
	EstateLedger = &LedgerKind[models.Estate]{Entity: EntityEstate, Label: "小区（院落）台账",
		divCol: "division_code", order: "division_code, name",
		table: table[models.Estate, estateRow, *estateRow]{estateToRow, estateRow.model}}
	SupervisionLedger = &LedgerKind[models.SupervisionCommittee]{Entity: EntitySupervision, Label: "监督委员会",
		divCol: "division_code", order: "division_code, term_start DESC, id DESC",
		table: table[models.SupervisionCommittee, supervisionRow, *supervisionRow]{supervisionToRow, supervisionRow.model}}
	DisclosureItemLedger = &LedgerKind[models.DisclosureItem]{Entity: EntityDisclosureItem, Label: "村（居）务公开目录",
		divCol: "county_code", order: "county_code, id",
		table:        table[models.DisclosureItem, disclosureItemRow, *disclosureItemRow]{disclosureItemToRow, disclosureItemRow.model},
		refusedWhile: &ledgerRef{&disclosureRow{}, "item_id", "已有 %d 条公开记录属于该目录事项，不能删除"}}
	DisclosureLedger = &LedgerKind[models.DisclosureRecord]{Entity: EntityDisclosure, Label: "公开记录",
		divCol: "division_code", dateCol: "disclosed_on", order: "disclosed_on DESC, id DESC",
		table: table[models.DisclosureRecord, disclosureRow, *disclosureRow]{disclosureToRow, disclosureRow.model}}
	EvaluationLedger = &LedgerKind[models.Evaluation]{Entity: EntityEvaluation, Label: "评议台账",
		divCol: "division_code", yearCol: "year", order: "held_on DESC, id DESC",
		table: table[models.Evaluation, evaluationRow, *evaluationRow]{evaluationToRow, evaluationRow.model}}
	AccountabilityLedger = &LedgerKind[models.Accountability]{Entity: EntityAccountability, Label: "问责台账",
		divCol: "division_code", dateCol: "decided_on", order: "decided_on DESC, id DESC",
		table: table[models.Accountability, accountabilityRow, *accountabilityRow]{accountabilityToRow, accountabilityRow.model}}
	ServiceItemLedger = &LedgerKind[models.ServiceItem]{Entity: EntityServiceItem, Label: "公共服务准入目录",
		divCol: "county_code", order: "county_code, class, id",
		table:        table[models.ServiceItem, serviceItemRow, *serviceItemRow]{serviceItemToRow, serviceItemRow.model},
		refusedWhile: &ledgerRef{&communityTaskRow{}, "item_id", "已有 %d 项社区承担事项属于该目录事项，不能删除"},
		fill:         fillServiceContracts}
	CommunityTaskLedger = &LedgerKind[models.CommunityTask]{Entity: EntityCommunityTask, Label: "社区承担事项",
		divCol: "division_code", yearCol: "year", order: "division_code, id",
		table: table[models.CommunityTask, communityTaskRow, *communityTaskRow]{communityTaskToRow, communityTaskRow.model}}
)
