package ledger

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/app/store"
	"shequ/models"
)

// The remaining ledgers: 村规民约, 小区（院落）, 监督委员会, 村(居)务公开, 评议, 问责 and the
// 公共服务准入目录 with the communities' task lists.

// SaveCovenant validates and stores a 村规民约/居民公约 version; the adopting meeting, when given,
// must be a 村(居)民会议 or 代表会议 of the same village.
func (s *Service) SaveCovenant(ctx context.Context, c models.Covenant) (int64, error) {
	trim(&c.Version, &c.Summary)
	return saveInVillage(ctx, s, store.CovenantLedger, c.DivisionCode, c, func() error {
		if c.MeetingID == 0 {
			return nil
		}
		m, err := store.MeetingLedger.Get(ctx, s.st, c.MeetingID)
		if err != nil {
			return err
		}
		if m.DivisionCode != c.DivisionCode ||
			(m.Kind != models.MeetingAssembly && m.Kind != models.MeetingRepresentative) {
			return fmt.Errorf("%w：通过会议应为本村（社区）的村（居）民会议或村（居）民代表会议", models.ErrInvalid)
		}
		return nil
	})
}

// DeleteCovenant removes a version.
func (s *Service) DeleteCovenant(ctx context.Context, id int64) error {
	return store.CovenantLedger.Delete(ctx, s.st, id, s.actor)
}

// Covenants lists every version under code, newest first.
func (s *Service) Covenants(ctx context.Context, code string) ([]models.Covenant, error) {
	return listUnder(ctx, s, store.CovenantLedger, code, 0)
}

// SaveEstate validates and stores a 小区（院落）.
func (s *Service) SaveEstate(ctx context.Context, e models.Estate) (int64, error) {
	trim(&e.Name, &e.PropertyCompany)
	return saveInVillage(ctx, s, store.EstateLedger, e.DivisionCode, e)
}

// DeleteEstate removes a 小区（院落）.
func (s *Service) DeleteEstate(ctx context.Context, id int64) error {
	return store.EstateLedger.Delete(ctx, s.st, id, s.actor)
}

// Estates lists the estates under code.
func (s *Service) Estates(ctx context.Context, code string) ([]models.Estate, error) {
	return listUnder(ctx, s, store.EstateLedger, code, 0)
}

// Supervision is a village's current 监督委员会 (its latest term); found is false when none is on file.
func (s *Service) Supervision(ctx context.Context, code string) (c models.SupervisionCommittee, found bool, err error) {
	cs, err := s.SupervisionTerms(ctx, code)
	return latestTerm(cs, err, models.SupervisionCommittee{DivisionCode: code})
}

// SupervisionTerms lists every term (届) of a village's 监督委员会, the current (latest) one first.
func (s *Service) SupervisionTerms(ctx context.Context, code string) ([]models.SupervisionCommittee, error) {
	return termsOf(ctx, s, store.SupervisionLedger, code)
}

// SaveSupervision validates and stores one term of a village's 监督委员会 (ID 0: a new term) and
// returns its id.
func (s *Service) SaveSupervision(ctx context.Context, c models.SupervisionCommittee) (int64, error) {
	trim(&c.Members)
	return saveInVillage(ctx, s, store.SupervisionLedger, c.DivisionCode, c,
		termCheck(ctx, s, store.SupervisionLedger, "监督委员会", c.DivisionCode, termSpan{c.ID, c.TermStart, c.TermEnd}, supervisionSpan))
}

func supervisionSpan(t models.SupervisionCommittee) termSpan {
	return termSpan{t.ID, t.TermStart, t.TermEnd}
}

// DeleteSupervisionTerm removes one term of a 监督委员会.
func (s *Service) DeleteSupervisionTerm(ctx context.Context, id int64) error {
	return store.SupervisionLedger.Delete(ctx, s.st, id, s.actor)
}

// SaveDisclosureItem validates and stores an entry of a county's disclosure catalogue.
func (s *Service) SaveDisclosureItem(ctx context.Context, d models.DisclosureItem) (int64, error) {
	if err := s.county(ctx, d.CountyCode); err != nil {
		return 0, err
	}
	trim(&d.Item, &d.Content)
	if err := d.Validate(); err != nil {
		return 0, err
	}
	return store.DisclosureItemLedger.Save(ctx, s.st, d, s.actor)
}

// DeleteDisclosureItem removes a catalogue entry without records.
func (s *Service) DeleteDisclosureItem(ctx context.Context, id int64) error {
	return store.DisclosureItemLedger.Delete(ctx, s.st, id, s.actor)
}

// DisclosureCatalogue is the catalogue of the county code belongs to.
func (s *Service) DisclosureCatalogue(ctx context.Context, code string) ([]models.DisclosureItem, error) {
	return store.DisclosureItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: models.Code(code).County().String()})
}

// SaveDisclosure validates a disclosure against the village's county catalogue and stores it.
func (s *Service) SaveDisclosure(ctx context.Context, r models.DisclosureRecord) (int64, error) {
	if _, err := s.village(ctx, r.DivisionCode); err != nil {
		return 0, err
	}
	trim(&r.Note)
	items, err := s.DisclosureCatalogue(ctx, r.DivisionCode)
	if err != nil {
		return 0, err
	}
	var item models.DisclosureItem
	for _, it := range items {
		if it.ID == r.ItemID {
			item = it
		}
	}
	if r.ItemID != 0 && item.ID == 0 {
		return 0, fmt.Errorf("%w：公开事项不在本县（市、区）的公开目录中", models.ErrInvalid)
	}
	if err := r.ValidateAgainst(item); err != nil {
		return 0, err
	}
	return store.DisclosureLedger.Save(ctx, s.st, r, s.actor)
}

// DeleteDisclosure removes a disclosure record.
func (s *Service) DeleteDisclosure(ctx context.Context, id int64) error {
	return store.DisclosureLedger.Delete(ctx, s.st, id, s.actor)
}

// Disclosures lists the disclosures under code in the year.
func (s *Service) Disclosures(ctx context.Context, code string, year int) ([]models.DisclosureRecord, error) {
	return listUnder(ctx, s, store.DisclosureLedger, code, year)
}

// DisclosureCompliance says, for each catalogue item of a village's county, which of the year's
// periods ended by today have a disclosure.
func (s *Service) DisclosureCompliance(ctx context.Context, code string, year int) ([]models.ItemCompliance, error) {
	items, err := s.DisclosureCatalogue(ctx, code)
	if err != nil {
		return nil, err
	}
	recs, err := s.Disclosures(ctx, code, year)
	if err != nil {
		return nil, err
	}
	out := make([]models.ItemCompliance, len(items))
	for i, it := range items {
		out[i] = models.Compliance(it, recs, year, s.today())
	}
	return out, nil
}

// SaveEvaluation validates and stores a 述职述廉 or 民主评议 record.
func (s *Service) SaveEvaluation(ctx context.Context, e models.Evaluation) (int64, error) {
	trim(&e.Subject, &e.Post, &e.Note)
	return saveInVillage(ctx, s, store.EvaluationLedger, e.DivisionCode, e)
}

// DeleteEvaluation removes an evaluation record.
func (s *Service) DeleteEvaluation(ctx context.Context, id int64) error {
	return store.EvaluationLedger.Delete(ctx, s.st, id, s.actor)
}

// Evaluations lists the evaluations under code for the year (all years when 0).
func (s *Service) Evaluations(ctx context.Context, code string, year int) ([]models.Evaluation, error) {
	return listUnder(ctx, s, store.EvaluationLedger, code, year)
}

// SaveAccountability validates and stores a 问责 case.
func (s *Service) SaveAccountability(ctx context.Context, a models.Accountability) (int64, error) {
	trim(&a.Cadre, &a.Post, &a.Failing)
	return saveInVillage(ctx, s, store.AccountabilityLedger, a.DivisionCode, a)
}

// DeleteAccountability removes a 问责 case.
func (s *Service) DeleteAccountability(ctx context.Context, id int64) error {
	return store.AccountabilityLedger.Delete(ctx, s.st, id, s.actor)
}

// Accountabilities lists the 问责 cases under code decided in the year.
func (s *Service) Accountabilities(ctx context.Context, code string, year int) ([]models.Accountability, error) {
	return listUnder(ctx, s, store.AccountabilityLedger, code, year)
}

// SaveServiceItem validates and stores an entry of a county's 公共服务准入目录.
func (s *Service) SaveServiceItem(ctx context.Context, it models.ServiceItem) (int64, error) {
	if err := s.county(ctx, it.CountyCode); err != nil {
		return 0, err
	}
	trim(&it.Name, &it.Department, &it.Agreement, &it.BudgetRef)
	if err := it.Validate(); err != nil {
		return 0, err
	}
	if it.ContractID != 0 {
		cs, err := s.ServiceContracts(ctx, it.CountyCode)
		if err != nil {
			return 0, err
		}
		if !slices.ContainsFunc(cs, func(c models.PurchaseContract) bool { return c.ID == it.ContractID }) {
			return 0, fmt.Errorf("%w：政府购买服务合同 %d 不存在，或不涉及本县（市、区）", models.ErrInvalid, it.ContractID)
		}
		it.BudgetRef = "" // the linked contract replaces the free-text reference
	}
	return store.ServiceItemLedger.Save(ctx, s.st, it, s.actor)
}

// ServiceContracts lists the 政府购买服务 contracts of the budget ledger an item of the county of
// code can be linked to: those for divisions in the county, and those naming no division.
func (s *Service) ServiceContracts(ctx context.Context, code string) ([]models.PurchaseContract, error) {
	all, err := s.budget.Contracts(ctx)
	if err != nil {
		return nil, err
	}
	prefix := models.Code(code).Prefix(models.LevelCounty)
	var out []models.PurchaseContract
	for _, c := range all {
		if len(c.DivisionCodes) == 0 || slices.ContainsFunc(c.DivisionCodes, func(d string) bool { return strings.HasPrefix(d, prefix) }) {
			out = append(out, c)
		}
	}
	return out, nil
}

// DeleteServiceItem removes a catalogue entry no task refers to.
func (s *Service) DeleteServiceItem(ctx context.Context, id int64) error {
	return store.ServiceItemLedger.Delete(ctx, s.st, id, s.actor)
}

// ServiceCatalogue is the 公共服务准入目录 of the county code belongs to.
func (s *Service) ServiceCatalogue(ctx context.Context, code string) ([]models.ServiceItem, error) {
	return store.ServiceItemLedger.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: models.Code(code).County().String()})
}

// SaveCommunityTask validates and stores a task a community carries; the catalogue entry, when
// given, must be of the village's county.
func (s *Service) SaveCommunityTask(ctx context.Context, t models.CommunityTask) (int64, error) {
	trim(&t.Name, &t.Department)
	return saveInVillage(ctx, s, store.CommunityTaskLedger, t.DivisionCode, t, func() error {
		if t.ItemID == 0 {
			return nil
		}
		items, err := s.ServiceCatalogue(ctx, t.DivisionCode)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(items, func(it models.ServiceItem) bool { return it.ID == t.ItemID }) {
			return fmt.Errorf("%w：所选事项不在本县（市、区）的公共服务准入目录中", models.ErrInvalid)
		}
		return nil
	})
}

// DeleteCommunityTask removes a task.
func (s *Service) DeleteCommunityTask(ctx context.Context, id int64) error {
	return store.CommunityTaskLedger.Delete(ctx, s.st, id, s.actor)
}

// CommunityTasks lists the tasks under code for the year.
func (s *Service) CommunityTasks(ctx context.Context, code string, year int) ([]models.CommunityTask, error) {
	return listUnder(ctx, s, store.CommunityTaskLedger, code, year)
}
