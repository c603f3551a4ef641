package app

import (
	"context"
	"time"

	"shequ/app/budget"
	"shequ/app/checklist"
	"shequ/app/duty"
	"shequ/app/ledger"
	"shequ/models"
)

// DivisionCounts are the active divisions per level.
type DivisionCounts struct {
	City     int `json:"city"`
	County   int `json:"county"`
	Township int `json:"township"`
	Village  int `json:"village"`
}

// Summary is the at-a-glance state of the database; `shequctl summary --json` prints it and the
// home screen shows it. Later modules add their own fields.
type Summary struct {
	Divisions     DivisionCounts                      `json:"divisions"`
	Profiles      int64                               `json:"profiles"`
	DataChangedAt *time.Time                          `json:"data_changed_at"`
	SchemaVersion int                                 `json:"schema_version"`
	Budget        budget.Counts                       `json:"budget"`
	Tasks         duty.TaskCounts                     `json:"tasks"`
	Ledgers       ledger.Counts                       `json:"ledgers"`
	Assessments   map[string]checklist.AssessmentYear `json:"assessments"`
	Orgs          int                                 `json:"orgs"`
	Workers       int                                 `json:"workers"`
	Grids         int                                 `json:"grids"`
}

// Summary counts what is in the database.
func (a *App) Summary(ctx context.Context) (Summary, error) {
	var s Summary
	c, err := a.store.CountDivisions(ctx)
	if err != nil {
		return s, err
	}
	s.Divisions = DivisionCounts{City: c[models.LevelCity], County: c[models.LevelCounty],
		Township: c[models.LevelTownship], Village: c[models.LevelVillage]}
	if s.Profiles, err = a.store.CountProfiles(ctx); err != nil {
		return s, err
	}
	if t, err := a.store.DataChangedAt(ctx); err != nil {
		return s, err
	} else if !t.IsZero() {
		s.DataChangedAt = &t
	}
	if s.Tasks, err = a.Duties.Counts(ctx, time.Now()); err != nil {
		return s, err
	}
	if s.Ledgers, err = a.Ledgers.Counts(ctx); err != nil {
		return s, err
	}
	rc, err := a.Registry.Counts(ctx)
	if err != nil {
		return s, err
	}
	s.Orgs, s.Workers, s.Grids = rc.Orgs, rc.Workers, rc.Grids
	if s.Budget, err = a.Budget.Counts(ctx); err != nil {
		return s, err
	}
	if s.Assessments, err = a.Checklist.Counts(ctx); err != nil {
		return s, err
	}
	s.SchemaVersion, err = a.store.SchemaVersion(ctx)
	return s, err
}
