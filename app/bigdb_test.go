package app

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"shequ/app/store/pgtest"
	"testing"
	"time"
)

// fillBigDB initialises a database at path and writes lines budget lines (year 2026, spread over
// every seeded village, every 7th with a disbursement) and audits audit entries straight with
// SQL: the import and the audited writes are far slower and are not what the paging measures.
func fillBigDB(tb testing.TB, path string, lines, audits int) {
	tb.Helper()
	ctx := context.Background()
	a, err := Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := a.Init(ctx); err != nil {
		tb.Fatal(err)
	}
	a.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	villages := column(tb, db, "SELECT code FROM divisions WHERE level = 'village' ORDER BY code")
	cats := column(tb, db, "SELECT id FROM budget_categories ORDER BY id")
	srcs := column(tb, db, "SELECT id FROM budget_sources ORDER BY id")
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	line, _ := tx.Prepare(`INSERT INTO budget_lines (year, division_code, category_id, item, amount_fen, source_id, note, created_at, updated_at)
		VALUES (2026, ?, ?, ?, ?, ?, '', ?, ?)`)
	paid, _ := tx.Prepare(`INSERT INTO budget_disbursements (line_id, paid_on, amount_fen, note, created_at, created_by) VALUES (?, ?, ?, '', ?, 'bench')`)
	for i := range lines {
		amount := int64(100000 + (i%5000)*100 + 25)
		res, err := line.Exec(villages[i%len(villages)], cats[i%len(cats)], fmt.Sprintf("项目%d", i), amount, srcs[(i/7)%len(srcs)], now, now)
		if err != nil {
			tb.Fatal(err)
		}
		if i%7 == 0 {
			id, _ := res.LastInsertId()
			if _, err := paid.Exec(id, now, amount/2, now); err != nil {
				tb.Fatal(err)
			}
		}
	}
	entry, _ := tx.Prepare(insertBigAudit)
	for i := range audits {
		if _, err := entry.Exec(bigAuditEntry(now, i)...); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

const insertBigAudit = `INSERT INTO audit_log (at, actor, module, entity, entity_id, action, changes, note) VALUES (?, ?, ?, ?, ?, ?, ?, '')`

// bigAuditEntry is the i-th audit entry fillBigDB writes, as insertBigAudit's arguments: five
// actors, eight modules, an amount changed in each.
func bigAuditEntry(now time.Time, i int) []any {
	actors := []string{"张三", "李四", "王五", "赵六", "admin"}
	modules := []string{"经费保障", "区划与社区", "三社互动", "民主自治", "标准化建设", "部门职责", "设置", "备份"}
	changes := fmt.Sprintf(`[{"field":"金额","before":"%d.00","after":"%d.50"}]`, i, i)
	return []any{now.Add(time.Duration(i) * 2 * time.Minute), actors[i%len(actors)], modules[(i/3)%len(modules)], "预算明细", fmt.Sprint(i + 1), "修改", changes}
}

func column(tb testing.TB, db *sql.DB, q string) []string {
	tb.Helper()
	rows, err := db.Query(q)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			tb.Fatal(err)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		tb.Fatalf("no rows for %s", q)
	}
	return out
}

// TestWriteBigDB writes the 100,000-line, 200,000-entry database the memory measurement opens:
// SHEQU_BIG_DB=/tmp/big.db go test -tags migrated_fynedo -run TestWriteBigDB ./app/
func TestWriteBigDB(t *testing.T) {
	pgtest.SQLiteOnly(t, "用 SQLite 直接生成大库")
	path := os.Getenv("SHEQU_BIG_DB")
	if path == "" {
		t.Skip("SHEQU_BIG_DB not set")
	}
	_ = os.Remove(path)
	fillBigDB(t, path, 100_000, 200_000)
}
