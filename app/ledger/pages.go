package ledger

import (
	"context"

	"shequ/app/store"
	"shequ/models"
)

// pageUnder is one window of what listUnder lists, in the same order.
func pageUnder[M any](ctx context.Context, s *Service, k *store.LedgerKind[M], code string, year, offset, limit int) ([]M, error) {
	q, err := s.query(ctx, code, year)
	if err != nil {
		return nil, err
	}
	return k.Page(ctx, s.st, q, offset, limit)
}

// countUnder counts what listUnder lists, in SQL.
func countUnder[M any](ctx context.Context, s *Service, k *store.LedgerKind[M], code string, year int) (int, error) {
	q, err := s.query(ctx, code, year)
	if err != nil {
		return 0, err
	}
	return k.Count(ctx, s.st, q)
}

// MeetingPage is one window of Meetings: limit meetings from offset.
func (s *Service) MeetingPage(ctx context.Context, code string, year, offset, limit int) ([]models.Meeting, error) {
	return pageUnder(ctx, s, store.MeetingLedger, code, year, offset, limit)
}

// MeetingCount counts what Meetings lists.
func (s *Service) MeetingCount(ctx context.Context, code string, year int) (int, error) {
	return countUnder(ctx, s, store.MeetingLedger, code, year)
}

// Meeting reads one meeting.
func (s *Service) Meeting(ctx context.Context, id int64) (models.Meeting, error) {
	return store.MeetingLedger.Get(ctx, s.st, id)
}

// OpinionPage is one window of Opinions: limit opinions from offset.
func (s *Service) OpinionPage(ctx context.Context, code string, year, offset, limit int) ([]models.Opinion, error) {
	return pageUnder(ctx, s, store.OpinionLedger, code, year, offset, limit)
}

// OpinionCount counts what Opinions lists.
func (s *Service) OpinionCount(ctx context.Context, code string, year int) (int, error) {
	return countUnder(ctx, s, store.OpinionLedger, code, year)
}

// Opinion reads one opinion.
func (s *Service) Opinion(ctx context.Context, id int64) (models.Opinion, error) {
	return store.OpinionLedger.Get(ctx, s.st, id)
}
