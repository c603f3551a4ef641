package store

import "context"

// RegistryFigures are what the 三社互动 registry knows about one village or community, for the
// checklist's proposals.
type RegistryFigures struct {
	Orgs             int64 // organisations in good standing (正常) that serve it
	CertifiedWorkers int64 // certified social workers in post serving it
	Grids            int64
	GridHouseholds   int64 // households in its grids
	GridWorkerSlots  int64 // grid-worker assignments over its grids
}

// RegistryFiguresFor counts the registry's records for one division.
func (s *Store) RegistryFiguresFor(ctx context.Context, code string) (RegistryFigures, error) {
	var f RegistryFigures
	db := s.db.WithContext(ctx)
	if err := db.Raw(`SELECT COUNT(DISTINCT o.id) FROM social_orgs o
		JOIN social_org_divisions d ON d.org_id = o.id
		WHERE d.division_code = ? AND o.status = '正常'`, code).Scan(&f.Orgs).Error; err != nil {
		return f, err
	}
	if err := db.Raw(`SELECT COUNT(*) FROM social_workers
		WHERE division_code = ? AND status = '在岗' AND qualification <> '' AND qualification <> '无'`, code).
		Scan(&f.CertifiedWorkers).Error; err != nil {
		return f, err
	}
	if err := db.Raw(`SELECT COUNT(*), COALESCE(SUM(households), 0) FROM grids WHERE division_code = ?`, code).
		Row().Scan(&f.Grids, &f.GridHouseholds); err != nil {
		return f, err
	}
	err := db.Raw(`SELECT COUNT(*) FROM grid_workers w JOIN grids g ON g.id = w.grid_id WHERE g.division_code = ?`, code).
		Scan(&f.GridWorkerSlots).Error
	return f, err
}
