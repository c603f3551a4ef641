package app

import (
	"context"

	"shequ/models"
)

// Changes announces the area of every write committed to the database, by another desk or
// window as much as by this one (the audit trail's module: "区划", "三社互动", …; "" when it may be
// anything), until ctx ends. What the services cached of the area is dropped before it is told.
func (a *App) Changes(ctx context.Context) <-chan string {
	in := a.store.Changes(ctx)
	out := make(chan string, cap(in))
	go func() {
		defer close(out)
		for area := range in {
			if area == "" || area == "区划" {
				a.Divisions.Invalidate()
			}
			select {
			case out <- area:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Overwrite runs save, the clerk's save again over the change c reported (a
// *models.EditConflict a save returned); a change made after c is still reported.
func (a *App) Overwrite(c *models.EditConflict, save func() error) error {
	return a.store.Overwrite(c, save)
}
