package registry

import (
	"context"

	"shequ/app/store"
	"shequ/models"
)

// The register as the report reads it: counted and summed in the database under a division
// prefix (a county's 6 digits, the city's 4), so a whole-city year needs no per-record reflection.

// ActiveOrgCounts counts the active organisations under prefix by division and type.
func (s *Service) ActiveOrgCounts(ctx context.Context, prefix string) (map[string]map[string]int64, error) {
	return s.st.ActiveOrgCounts(ctx, prefix)
}

// GridSums are the grids' households and workers under prefix by division.
func (s *Service) GridSums(ctx context.Context, prefix string) (map[string][2]int64, error) {
	return s.st.GridSums(ctx, prefix)
}

// WorkerFacts are the workers under prefix with the columns the report counts.
func (s *Service) WorkerFacts(ctx context.Context, prefix string) ([]models.SocialWorker, error) {
	return s.st.WorkerFacts(ctx, prefix)
}

// Projects lists every joint project.
func (s *Service) Projects(ctx context.Context) ([]models.JointProject, error) {
	return s.st.Projects(ctx)
}

// Orgs lists every social organisation.
func (s *Service) Orgs(ctx context.Context) ([]models.SocialOrg, error) {
	return s.st.Orgs(ctx)
}

// FiguresFor are the register's figures for one village, the checklist's proposals for the
// 三社互动 indicators.
func (s *Service) FiguresFor(ctx context.Context, code string) (store.RegistryFigures, error) {
	return s.st.RegistryFiguresFor(ctx, code)
}

// OrgName is a registered organisation's name, without revealing (or recording) its contacts:
// a budget contract names its provider by it.
func (s *Service) OrgName(ctx context.Context, id int64) (string, error) {
	o, err := s.st.Org(ctx, id)
	return o.Name, err
}
