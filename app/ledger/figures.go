package ledger

import (
	"context"

	"shequ/app/store"
	"shequ/models"
)

// The ledgers as the report reads them: every record under a division prefix (a county's 6
// digits, the city's 4), optionally within a span of days. The report sums them per unit itself.

// CovenantsIn lists the 村规民约/居民公约 versions q selects.
func (s *Service) CovenantsIn(ctx context.Context, q store.LedgerQuery) ([]models.Covenant, error) {
	return store.CovenantLedger.List(ctx, s.st, q)
}

// CouncilsIn lists the 议事会 terms q selects.
func (s *Service) CouncilsIn(ctx context.Context, q store.LedgerQuery) ([]models.CouncilBody, error) {
	return store.CouncilLedger.List(ctx, s.st, q)
}

// SupervisionsIn lists the 监督委员会 terms q selects.
func (s *Service) SupervisionsIn(ctx context.Context, q store.LedgerQuery) ([]models.SupervisionCommittee, error) {
	return store.SupervisionLedger.List(ctx, s.st, q)
}

// EstatesIn lists the 小区（院落） q selects.
func (s *Service) EstatesIn(ctx context.Context, q store.LedgerQuery) ([]models.Estate, error) {
	return store.EstateLedger.List(ctx, s.st, q)
}

// ConsultationsIn lists the 协商 q selects.
func (s *Service) ConsultationsIn(ctx context.Context, q store.LedgerQuery) ([]models.Consultation, error) {
	return s.st.Consultations(ctx, q)
}

// DisclosuresIn lists the 村（居）务公开 records q selects.
func (s *Service) DisclosuresIn(ctx context.Context, q store.LedgerQuery) ([]models.DisclosureRecord, error) {
	return store.DisclosureLedger.List(ctx, s.st, q)
}

// EvaluationsIn lists the year's 述职述廉/民主评议 q selects.
func (s *Service) EvaluationsIn(ctx context.Context, q store.LedgerQuery, year int) ([]models.Evaluation, error) {
	q.Year = year
	return store.EvaluationLedger.List(ctx, s.st, q)
}

// AccountabilitiesIn lists the 问责 cases q selects.
func (s *Service) AccountabilitiesIn(ctx context.Context, q store.LedgerQuery) ([]models.Accountability, error) {
	return store.AccountabilityLedger.List(ctx, s.st, q)
}

// ServiceItemsUnder lists the 公共服务准入 items of the counties under prefix.
func (s *Service) ServiceItemsUnder(ctx context.Context, prefix string) ([]models.ServiceItem, error) {
	return store.ServiceItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: prefix})
}
