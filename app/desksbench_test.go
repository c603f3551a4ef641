package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"shequ/app/budget"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// deskSession is what one simulated desk did in a run of BenchmarkSharedDesks.
type deskSession struct {
	saves     []time.Duration // each save of a profile, from the start of the write to its commit
	imports   int
	conflicts int           // saves refused because another desk changed the record first
	added     map[int]int64 // shared record → households this desk added and saw committed
	desk      int64         // which desk, 1–20
	saved     int64         // saves tried
	err       error
}

// BenchmarkSharedDesks is issue 17's working day on a shared database: 20 desks, each signed in
// as its own login role (a clerk of the whole city) with its own connections (its own App), for
// SHEQU_DESKS_SECONDS (default 60) edit community profiles — nine edits of ten raise the
// households of one of 40 villages every desk works on (a lost update shows as a total below
// what the desks added), one in ten their own village — and now and then (SHEQU_DESKS_IMPORTS in
// 1,000 operations, default 20) import its own 300-line budget sheet again, with no pause
// between operations unless SHEQU_DESKS_PAUSE_MS sets a clerk's mean pause. Reported: operations per second, the median and p95 of a save,
// conflicts, imports and lost updates. Run with -benchtime 1x and SHEQU_TEST_ENGINES=sqlite (the
// benchmark picks its engine: the PostgreSQL server SHEQU_TEST_PG names).
func BenchmarkSharedDesks(b *testing.B) {
	ctx := context.Background()
	const desks = 20
	db := pgtest.NewDatabase(b)
	seed, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := seed.Init(ctx); err != nil {
		b.Fatal(err)
	}
	if err := seed.SetUpAccess(ctx); err != nil {
		b.Fatal(err)
	}
	desk := make([]string, desks) // each desk signs in as its own login role, a clerk of the whole city
	for d := range desk {
		u, _ := url.Parse(db)
		name := fmt.Sprintf("desk_%s_%02d", strings.TrimPrefix(u.Path, "/shequ_test_"), d+1)
		if err := seed.AddAccessUser(ctx, store.NewAccess{Name: name, Kind: "clerk", Password: "desk-password-1"}); err != nil {
			b.Fatal(err)
		}
		u.User = url.UserPassword(name, "desk-password-1")
		desk[d] = u.String()
	}
	codes := villages(b, seed, 60)
	shared, own := codes[:40], codes[40:]
	sheets := make([]string, desks) // each desk imports its own sheet again and again (a clerk replaces only his own batch)
	for d := range sheets {
		lines := pipelineLines(300, -1)
		for _, l := range lines {
			l[3] = fmt.Sprintf("%s（第%d台）", l[3], d+1)
		}
		sheets[d] = writeWorkbook(b, fmt.Sprintf("desk%02d.xlsx", d+1), simpleSheet("蓬安县2026年预算", lines...))
	}
	seed.Close()
	seconds, _ := strconv.Atoi(os.Getenv("SHEQU_DESKS_SECONDS"))
	if seconds <= 0 {
		seconds = 60
	}
	for b.Loop() {
		sessions := make([]*deskSession, desks)
		var wg sync.WaitGroup
		start := time.Now()
		deadline := start.Add(time.Duration(seconds) * time.Second)
		for d := range desks {
			a, err := Open(ctx, desk[d])
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			sessions[d] = &deskSession{added: map[int]int64{}, desk: int64(d + 1)}
			wg.Go(func() { sessions[d].work(ctx, a, shared, own[d], sheets[d], deadline, int64(d)) })
		}
		wg.Wait()
		elapsed := time.Since(start)
		reportDesks(b, ctx, db, sessions, shared, elapsed)
	}
}

// work is one desk's day until deadline.
func (s *deskSession) work(ctx context.Context, a *App, shared []string, own, sheet string, deadline time.Time, seed int64) {
	r := rand.New(rand.NewPCG(uint64(seed), 17))
	for time.Now().Before(deadline) {
		if deskPause > 0 { // a clerk's pause between two saves
			time.Sleep(deskPause/2 + time.Duration(r.Int64N(int64(deskPause))))
		}
		switch n := r.IntN(1000); {
		case n < deskImports:
			res, err := a.Budget.Import(ctx, sheet, budget.ImportOptions{County: pengan, Replace: true})
			if err == nil && !res.OK {
				err = fmt.Errorf("import: %s", issues(res.Errors))
			}
			if err != nil {
				s.err = err
				return
			}
			s.imports++
		case n < 900:
			i := r.IntN(len(shared))
			if ok, err := s.raise(ctx, a, shared[i]); err != nil {
				s.err = err
				return
			} else if ok {
				s.added[i]++
			}
		default:
			if _, err := s.raise(ctx, a, own); err != nil {
				s.err = err
				return
			}
		}
	}
}

// raise reads a profile and saves it with one more household; false when another desk changed it
// in between and the save was refused (the clerk reloads and tries again).
func (s *deskSession) raise(ctx context.Context, a *App, code string) (bool, error) {
	p, err := a.Divisions.Profile(ctx, code)
	if err != nil {
		return false, err
	}
	p.DivisionCode = code
	p.Households++
	s.saved++
	p.Population = s.desk*1_000_000 + s.saved // a value no other save writes: never a save that changes nothing
	t := time.Now()
	err = a.Divisions.SaveProfile(ctx, p)
	s.saves = append(s.saves, time.Since(t))
	if errors.Is(err, models.ErrConflict) {
		s.conflicts++
		return false, nil
	}
	return err == nil, err
}

// deskPause (SHEQU_DESKS_PAUSE_MS, default 0: none) is a desk's mean pause between operations;
// deskImports (SHEQU_DESKS_IMPORTS, default 20) how many operations in 1,000 are imports.
var deskPause, deskImports = func() (time.Duration, int) {
	pause, _ := strconv.Atoi(os.Getenv("SHEQU_DESKS_PAUSE_MS"))
	imports, err := strconv.Atoi(os.Getenv("SHEQU_DESKS_IMPORTS"))
	if err != nil {
		imports = 20
	}
	return time.Duration(pause) * time.Millisecond, imports
}()

// reportDesks checks the desks' work against the database and reports the figures.
func reportDesks(b *testing.B, ctx context.Context, db string, sessions []*deskSession, shared []string, elapsed time.Duration) {
	var saves []time.Duration
	imports, conflicts := 0, 0
	added := make([]int64, len(shared))
	for d, s := range sessions {
		if s.err != nil {
			b.Fatalf("desk %d: %v", d+1, s.err)
		}
		saves = append(saves, s.saves...)
		imports += s.imports
		conflicts += s.conflicts
		for i, n := range s.added {
			added[i] += n
		}
	}
	a, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	var lost int64
	for i, code := range shared {
		p, err := a.Divisions.Profile(ctx, code)
		if err != nil {
			b.Fatal(err)
		}
		lost += added[i] - p.Households
	}
	slices.Sort(saves)
	ms := func(q float64) float64 { return float64(saves[int(q*float64(len(saves)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(len(saves)+imports)/elapsed.Seconds(), "ops/s")
	b.ReportMetric(ms(0.5), "save-median-ms")
	b.ReportMetric(ms(0.95), "save-p95-ms")
	b.ReportMetric(float64(conflicts), "conflicts")
	b.ReportMetric(float64(imports), "imports")
	b.ReportMetric(float64(lost), "lost-updates")
}
