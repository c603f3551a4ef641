package app

import (
	"context"
	"time"

	"shequ/models"
)

// Changes announces the area of every write committed to the database, by another desk or
// window as much as by this one (the audit trail's module: "区划", "三社互动", …; "" when it may be
// anything), until ctx ends or the App closes. What the services cached of the area is dropped
// before it is told. A restore closes and reopens the store, ending its feed: the App follows
// the reopened one, and says "" (everything may have changed).
func (a *App) Changes(ctx context.Context) <-chan string {
	out := make(chan string, 16)
	go func() {
		defer close(out)
		for area := range a.follow(ctx) {
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

// follow joins the store's feeds, one after another while the store is closed and reopened.
func (a *App) follow(ctx context.Context) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for first := true; ; first = false {
			in := a.store.Changes(ctx)
			if !first {
				in = prepend("", in)
			}
			for area := range in {
				select {
				case out <- area:
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(refollowAfter):
			}
			if a.closed.Load() {
				return
			}
		}
	}()
	return out
}

// refollowAfter is the pause before following a store again whose feed ended (a restore).
var refollowAfter = time.Second

// prepend is in with area first.
func prepend(area string, in <-chan string) <-chan string {
	out := make(chan string, 1)
	out <- area
	go func() {
		defer close(out)
		for a := range in {
			out <- a
		}
	}()
	return out
}

// Overwrite runs save, the clerk's save again over the change c reported (a
// *models.EditConflict a save returned); a change made after c is still reported.
func (a *App) Overwrite(c *models.EditConflict, save func() error) error {
	return a.store.Overwrite(c, save)
}
