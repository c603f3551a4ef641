package app

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/division"
)

// divisionSearches are what a clerk types into 区划与社区's search: part of a name, a short
// form, a code prefix, one character that matches thousands, and nothing.
var divisionSearches = []string{"平城街", "栖乐垭村", "龙门", "511302001", "5113", "村", "街道", "不存在的地方"}

// divisionSearchDB initialises a database with the seeded divisions of 南充市 (3,256) and,
// with copies > 0, that many more cities of the same villages under other codes: copies 10
// is a province (35,816 divisions, more than 四川省's ~31,000 villages and communities).
func divisionSearchDB(b *testing.B, copies int) (*App, string) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "div.db")
	a, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	a.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		b.Fatal(err)
	}
	for k := 1; k <= copies; k++ {
		p := fmt.Sprintf("5%03d", 113+k) // 5114…: other prefixes of the same 12-digit shape
		if _, err := db.Exec(`INSERT INTO divisions (code, name, level, parent_code, retired_at, successor_code, created_at, updated_at)
			SELECT ? || substr(code, 5), name, level, CASE WHEN parent_code IS NULL OR parent_code = '' THEN parent_code ELSE ? || substr(parent_code, 5) END,
			NULL, NULL, created_at, updated_at FROM divisions WHERE code LIKE '5113%'`, p, p); err != nil {
			b.Fatal(err)
		}
	}
	db.Close()
	if a, err = Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	if err := a.Divisions.Load(ctx); err != nil {
		b.Fatal(err)
	}
	return a, path
}

// BenchmarkDivisionSearch is a search change on 区划与社区, what the screen waits for before it
// lists the hits: the count and the first window of 240 (names, short forms, codes; active
// first, in code order; each with its county and township), both read from the database.
func BenchmarkDivisionSearch(b *testing.B) {
	for _, copies := range []int{0, 10} {
		b.Run(fmt.Sprintf("cities=%d", copies+1), func(b *testing.B) {
			a, _ := divisionSearchDB(b, copies)
			ctx := context.Background()
			timeEach(b, func(i int) {
				q := division.Query{Text: divisionSearches[i%len(divisionSearches)], ActiveOnly: true}
				if _, err := a.Divisions.CountSearch(ctx, q); err != nil {
					b.Fatal(err)
				}
				if _, err := a.Divisions.Search(ctx, q, 0, 240); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkDivisionSearchFloor is the floor a search in SQL could not beat: a bare
// SELECT … LIMIT 200 of the names or codes containing the text, no short forms, no order.
func BenchmarkDivisionSearchFloor(b *testing.B) {
	for _, copies := range []int{0, 10} {
		b.Run(fmt.Sprintf("cities=%d", copies+1), func(b *testing.B) {
			_, path := divisionSearchDB(b, copies)
			db, err := sql.Open("sqlite3", path)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			timeEach(b, func(i int) {
				q, col := divisionSearches[i%len(divisionSearches)], "name"
				if strings.Trim(q, "0123456789") == "" {
					col = "code"
				}
				floorRows(b, db, "SELECT code, name, level, parent_code FROM divisions WHERE "+col+" LIKE ? LIMIT 200", []any{"%" + q + "%"})
			})
		})
	}
}

// BenchmarkDivisionLoad reads the division tree into memory, as the first screen that needs a
// name does; B/op is what the index costs to build.
func BenchmarkDivisionLoad(b *testing.B) {
	for _, copies := range []int{0, 10} {
		b.Run(fmt.Sprintf("cities=%d", copies+1), func(b *testing.B) {
			a, _ := divisionSearchDB(b, copies)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				a.Divisions.Invalidate()
				if err := a.Divisions.Load(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
