package registry

import (
	"context"
	"fmt"

	"shequ/models"
)

// Grid reads one grid as stored, for its form.
func (s *Service) Grid(ctx context.Context, id int64) (models.Grid, error) {
	gs, err := s.st.Grids(ctx)
	if err != nil {
		return models.Grid{}, err
	}
	for _, g := range gs {
		if g.ID == id {
			return g, nil
		}
	}
	return models.Grid{}, fmt.Errorf("%w：网格 %d", models.ErrNotFound, id)
}

// Project reads one joint project as stored, for its form.
func (s *Service) Project(ctx context.Context, id int64) (models.JointProject, error) {
	ps, err := s.st.Projects(ctx)
	if err != nil {
		return models.JointProject{}, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return models.JointProject{}, fmt.Errorf("%w：三社联动项目 %d", models.ErrNotFound, id)
}
