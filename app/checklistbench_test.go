package app

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"shequ/models"
)

// BenchmarkChecklistRollup measures the yearly roll-ups over 10 years of assessments of all
// 3,004 villages and communities (30,040 assessments, 1,261,680 indicator values), generated in
// the setup with multi-row INSERTs in one transaction.
func BenchmarkChecklistRollup(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "b.db")
	a, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	lib, err := a.Checklist.Library(ctx, clCounty, 2026) // the default library, id 1
	if err != nil {
		b.Fatal(err)
	}
	type place struct{ code, town, county, kind string }
	var places []place
	counties, _ := a.Divisions.Roots(ctx)
	for _, c := range counties {
		towns, _ := a.Divisions.Children(ctx, c.Code)
		for _, t := range towns {
			vs, _ := a.Divisions.Children(ctx, t.Code)
			for _, v := range vs {
				places = append(places, place{v.Code, t.Code, c.Code, v.Kind()})
			}
		}
	}
	if len(places) != 3004 {
		b.Fatalf("%d villages", len(places))
	}
	db, err := sql.Open("sqlite3", path+"?_journal_mode=WAL&_synchronous=OFF&_foreign_keys=off")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	act := lib.Active()
	now := time.Now()
	id := 0
	values := 0
	var vsql strings.Builder
	var vargs []any
	flush := func() {
		if len(vargs) == 0 {
			return
		}
		if _, err := tx.Exec("INSERT INTO assessment_values (assessment_id, code, value, met) VALUES "+strings.TrimSuffix(vsql.String(), ","), vargs...); err != nil {
			b.Fatal(err)
		}
		vsql.Reset()
		vargs = vargs[:0]
	}
	for year := 2017; year <= 2026; year++ {
		for i, p := range places {
			id++
			vals := map[string]models.IndicatorValue{}
			for j, in := range act {
				// Deterministic spread: most indicators met, some not, varying by place and year.
				v := in.Target(p.kind)
				if (i*7+j*13+year)%5 == 0 {
					v = v / 2
					if in.Method == models.MethodYesNo {
						v = 0
					}
				}
				vals[in.Code] = models.IndicatorValue{Value: fv(v)}
			}
			sc := models.ScoreAssessment(lib, p.kind, vals)
			if _, err := tx.Exec(`INSERT INTO assessments (id, division_code, township_code, county_code, year, version_id, state, score, level,
				mandatory_unmet, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, p.code, p.town, p.county, year, lib.VersionID, models.StateSelf, sc.Total, sc.Level, len(sc.MandatoryUnmet), now, now); err != nil {
				b.Fatal(err)
			}
			for _, it := range sc.Items {
				vsql.WriteString("(?, ?, ?, ?),")
				vargs = append(vargs, id, it.Indicator.Code, *it.Value, it.Met)
				values++
				if len(vargs) >= 4*200 {
					flush()
				}
			}
		}
	}
	flush()
	// The per-township indicator counts SaveAssessment keeps (migration 0011), for the raw rows.
	if _, err := tx.Exec(`INSERT INTO assessment_indicator_counts (township_code, county_code, year, code, met, n)
		SELECT a.township_code, a.county_code, a.year, v.code, SUM(CASE WHEN v.met THEN 1 ELSE 0 END), COUNT(*)
		FROM assessments a JOIN assessment_values v ON v.assessment_id = a.id
		GROUP BY a.township_code, a.county_code, a.year, v.code`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if values != 1_261_680 {
		b.Fatalf("%d values", values)
	}
	b.Run("township-table", func(b *testing.B) {
		for b.Loop() {
			rows, err := a.Checklist.TownshipTable(ctx, clCounty, 2026)
			if err != nil || rows[len(rows)-1].Assessed == 0 {
				b.Fatal(err, rows)
			}
		}
	})
	b.Run("weakest-indicators", func(b *testing.B) {
		for b.Loop() {
			w, err := a.Checklist.WeakestIndicators(ctx, clCounty, "", 2026, 5)
			if err != nil || len(w) != 5 {
				b.Fatal(err, w)
			}
		}
	})
	b.Run("township-communities", func(b *testing.B) {
		for b.Loop() {
			if rows, err := a.Checklist.Communities(ctx, clTownship, 2026); err != nil || !rows[0].Assessed {
				b.Fatal(err, fmt.Sprint(rows))
			}
		}
	})
}
