package app

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"shequ/app/auth"
)

// TestAuditTextSearchSameAsScan checks that a text search (one read of the matching ids, then
// windows by id) finds the same entries in the same order, with the same count, as the filtered
// query with OFFSET and LIMIT that every other filter pages with.
func TestAuditTextSearchSameAsScan(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	err := rawDB(t, a).Transaction(func(tx *gorm.DB) error {
		for i := range 3000 {
			if err := tx.Exec(insertBigAudit, bigAuditEntry(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), i)...).Error; err != nil {
				return err
			}
		}
		for i, e := range [][3]string{ // entity id, note, changes: case, Chinese, the JSON, a wildcard
			{"ABC-12345", "", ""}, {"x", "导入 Abc 批次", ""}, {"", "龙门村居民委员会", `[{"field":"名称","before":"龙门村","after":"龙门社区"}]`},
			{"5113", "比例 50%", ""}, {"a_b", "", ""}, {"", "", `[{"field":"金额","before":"","after":"12345.00"}]`},
		} {
			if err := tx.Exec(`INSERT INTO audit_log (at, actor, module, entity, entity_id, action, changes, note) VALUES (?, '张三', '经费保障', '预算明细', ?, '修改', ?, ?)`,
				at.Add(time.Duration(i)*time.Minute), e[0], e[2], e[1]).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.Local)
	for _, q := range []auth.AuditQuery{
		{Text: "12345"}, {Text: "abc"}, {Text: "龙门"}, {Text: "金额"}, {Text: "field"}, {Text: "50%"}, {Text: "a_b"},
		{Text: "1"}, {Text: "没有这段文字"}, {Text: "12", Module: "经费保障"}, {Text: "1", Actor: "李四"},
		{Text: "2", From: day, To: day.AddDate(0, 0, 1)},
	} {
		t.Run(fmt.Sprintf("%+v", q.Text), func(t *testing.T) {
			want, err := a.AuditLog.Rows(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			n, err := a.AuditLog.Count(ctx, q)
			if err != nil || n != len(want) {
				t.Fatalf("count %d, %v; %d rows", n, err, len(want))
			}
			t.Logf("%d matches", n)
			page, err := a.AuditLog.FirstPage(ctx, q, 100)
			if err != nil {
				t.Fatal(err)
			}
			if page.Count != n {
				t.Fatalf("FirstPage count %d, want %d", page.Count, n)
			}
			got := slices.Clone(page.Rows)
			for off := len(got); off < n; off += 100 {
				w, err := page.Window(ctx, off, 100)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, w...)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%d rows by id, %d by the scan; they differ", len(got), len(want))
			}
			if mid, _ := page.Window(ctx, n/2, 7); n > 0 && !slices.Equal(mid, want[n/2:min(n/2+7, n)]) {
				t.Fatalf("window at %d differs", n/2)
			}
		})
	}
}
