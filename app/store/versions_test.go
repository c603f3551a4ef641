package store

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"shequ/app/store/pgtest"
	"shequ/models"
)

// twoDesks opens the same fresh database twice, as two desks (or two windows) would, with one
// village to edit.
func twoDesks(t *testing.T) (a, b *Store) {
	t.Helper()
	ctx := context.Background()
	path := pgtest.DBPath(t)
	a, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	divs := []models.Division{
		{Code: "511300000000", Name: "南充市", Level: models.LevelCity},
		{Code: "511302000000", Name: "顺庆区", Level: models.LevelCounty, ParentCode: "511300000000"},
		{Code: "511302001000", Name: "中城街道办事处", Level: models.LevelTownship, ParentCode: "511302000000"},
		{Code: "511302001001", Name: "龙门村民委员会", Level: models.LevelVillage, ParentCode: "511302001000"},
	}
	if _, err := a.SeedDivisions(ctx, "test", divs); err != nil {
		t.Fatal(err)
	}
	b, err = Open(ctx, pgtest.Reopenable(a.Path()), Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return a, b
}

// Of two clerks who read the same version of a record and save at once, exactly one wins; the
// other is told who changed it and when, and the winner's value is what the database holds.
func TestConcurrentSavesOneWins(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	const code = "511302001001"
	if err := a.SaveProfile(ctx, models.CommunityProfile{DivisionCode: code, Households: 1}, "建档员"); err != nil {
		t.Fatal(err)
	}
	read, _, err := b.Profile(ctx, code)
	if err != nil || read.RowVersion != 1 {
		t.Fatalf("read version %d, %v; want 1", read.RowVersion, err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, desk := range []*Store{a, b} {
		wg.Go(func() {
			p := read
			p.Households = int64(100 + i)
			errs[i] = desk.SaveProfile(ctx, p, []string{"张三", "李四"}[i])
		})
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		var c *models.EditConflict
		switch {
		case err == nil:
			if won >= 0 {
				t.Fatal("both saves succeeded: one of them was silently lost")
			}
			won = i
		case errors.As(err, &c):
			if !errors.Is(err, models.ErrStale) || c.Version != 2 || !strings.Contains(err.Error(), "于 ") {
				t.Errorf("conflict %+v (%v)", c, err)
			}
		default:
			t.Fatalf("save %d: %v", i, err)
		}
	}
	if won < 0 {
		t.Fatal("neither save succeeded")
	}
	winner := []string{"张三", "李四"}[won]
	for i, err := range errs {
		if err != nil && !strings.Contains(err.Error(), winner) {
			t.Errorf("save %d: %v does not name %s", i, err, winner)
		}
	}
	got, _, err := a.Profile(ctx, code)
	if err != nil || got.Households != int64(100+won) || got.RowVersion != 2 {
		t.Fatalf("after the race: %+v, %v; want the winner's %d at version 2", got, err, 100+won)
	}
	// Overwriting on purpose: saving again with the version the conflict reported.
	p := read
	p.Households, p.RowVersion = 7, 2
	if err := b.SaveProfile(ctx, p, "李四"); err != nil {
		t.Fatal(err)
	}
	if got, _, _ = a.Profile(ctx, code); got.Households != 7 || got.RowVersion != 3 {
		t.Fatalf("after overwriting: %+v", got)
	}
}

// Each kind of record a clerk edits refuses a save from a stale read with who changed it, and
// takes it when the clerk overwrites on purpose (Overwrite); the ledgers through their generic
// table, the registry and duties through their own saves.
func TestStaleSaveRefusedForEveryKind(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	const village = "511302001001"
	type kind struct {
		name string
		// create makes a record on a and returns a function that saves it from a read made now, on
		// desk s with value v.
		create func(t *testing.T) func(ctx context.Context, s *Store, v string) error
	}
	kinds := []kind{
		{"部门", func(t *testing.T) func(context.Context, *Store, string) error {
			id, err := a.SaveDepartment(ctx, models.Department{Name: "民政局"}, "建档员")
			if err != nil {
				t.Fatal(err)
			}
			deps, err := b.Departments(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var read models.Department
			for _, d := range deps {
				if d.ID == id {
					read = d
				}
			}
			return func(ctx context.Context, s *Store, v string) error {
				d := read
				d.Duty = v
				_, err := s.SaveDepartment(ctx, d, v)
				return err
			}
		}},
		{"会议台账", func(t *testing.T) func(context.Context, *Store, string) error {
			id, err := MeetingLedger.Save(ctx, a, models.Meeting{DivisionCode: village, Kind: models.MeetingCouncil,
				HeldOn: time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local), Topic: "议题"}, "建档员")
			if err != nil {
				t.Fatal(err)
			}
			read, err := MeetingLedger.Get(ctx, b, id)
			if err != nil || read.RowVersion != 1 {
				t.Fatalf("read version %d, %v", read.RowVersion, err)
			}
			return func(ctx context.Context, s *Store, v string) error {
				m := read
				m.Topic = v
				_, err := MeetingLedger.Save(ctx, s, m, v)
				return err
			}
		}},
		{"社会组织", func(t *testing.T) func(context.Context, *Store, string) error {
			id, err := a.SaveOrg(ctx, models.SocialOrg{CountyCode: "511302000000", DivisionCode: village, Name: "互助会"}, "建档员")
			if err != nil {
				t.Fatal(err)
			}
			read, err := b.Org(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return func(ctx context.Context, s *Store, v string) error {
				o := read
				o.Leader = v
				_, err := s.SaveOrg(ctx, o, v)
				return err
			}
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			save := k.create(t)
			if err := save(ctx, a, "张三"); err != nil {
				t.Fatal(err)
			}
			err := save(ctx, b, "李四")
			var c *models.EditConflict
			if !errors.As(err, &c) || c.By != "张三" || c.Version != 2 {
				t.Fatalf("stale save: %v (%+v), want a conflict naming 张三 at version 2", err, c)
			}
			if err := b.Overwrite(c, func() error { return save(ctx, b, "李四") }); err != nil {
				t.Fatalf("overwriting: %v", err)
			}
			if err := b.Overwrite(c, func() error { return save(ctx, b, "王五") }); !errors.As(err, &c) || c.By != "李四" {
				t.Fatalf("a change after the overwritten one must still be reported: %v", err)
			}
		})
	}
}

// Two clerks who both open a village that has no community profile yet and both save: the first
// creates it, the second is told who did (it was a silent overwrite); 仍然保存 then saves over it.
func TestFirstProfileCreatedTwice(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	const code = "511302001001"
	readA, _, errA := a.Profile(ctx, code)
	readB, _, errB := b.Profile(ctx, code)
	if errA != nil || errB != nil || readA.RowVersion != models.ReadAbsent {
		t.Fatalf("reading an absent profile: %+v %v %v", readA, errA, errB)
	}
	readA.Households, readB.Households = 10, 20
	if err := a.SaveProfile(ctx, readA, "甲"); err != nil {
		t.Fatal(err)
	}
	err := b.SaveProfile(ctx, readB, "乙")
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != "甲" {
		t.Fatalf("the second first save: %v, want a conflict naming 甲", err)
	}
	if p, _, _ := a.Profile(ctx, code); p.Households != 10 {
		t.Errorf("households %d after the refused save, want 10", p.Households)
	}
	if err := b.Overwrite(c, func() error { return b.SaveProfile(ctx, readB, "乙") }); err != nil {
		t.Fatalf("仍然保存: %v", err)
	}
	if p, _, _ := a.Profile(ctx, code); p.Households != 20 {
		t.Errorf("households %d after 仍然保存, want 20", p.Households)
	}
}
