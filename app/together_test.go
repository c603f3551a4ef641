package app

import (
	"context"
	"sync"
	"testing"

	"shequ/app/budget"
	"shequ/models"
)

// Two imports and ten editors at once, on either engine (issue 17): every write finishes without
// an error, both imports are there in full, and each editor's last save is what the database holds.
func TestImportsAndEditorsAtOnce(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	codes := villages(t, a, 10)
	files := []string{
		writeWorkbook(t, "甲.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(3000, -1)...)),
		writeWorkbook(t, "乙.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(2000, -1)...)),
	}
	var wg sync.WaitGroup
	var imports sync.WaitGroup
	errs := make(chan error, 100)
	for _, f := range files {
		imports.Add(1)
		wg.Go(func() {
			defer imports.Done()
			res, err := a.Budget.Import(ctx, f, budget.ImportOptions{County: pengan})
			if err == nil && !res.OK {
				t.Errorf("%s: %s", f, issues(res.Errors))
			}
			errs <- err
		})
	}
	done := make(chan struct{})
	go func() { imports.Wait(); close(done) }()
	last := make([]int64, len(codes))
	for g, code := range codes {
		wg.Go(func() {
			for i := int64(1); ; i++ {
				p := models.CommunityProfile{DivisionCode: code, Households: i, Population: 3 * i}
				if err := a.Divisions.SaveProfile(ctx, p); err != nil {
					errs <- err
					return
				}
				last[g] = i
				select {
				case <-done:
					if i >= 5 {
						return
					}
				default:
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if s, _ := a.Summary(ctx); s.Budget.Lines != 5000 {
		t.Fatalf("%d budget lines after both imports, want 5000", s.Budget.Lines)
	}
	for g, code := range codes {
		p, err := a.Divisions.Profile(ctx, code)
		if err != nil || p.Households != last[g] || p.Population != 3*last[g] {
			t.Errorf("%s: %+v %v, last save %d", code, p, err, last[g])
		}
	}
}
