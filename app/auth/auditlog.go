package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"shequ/app/store"
	"shequ/reports/xlsx"
)

// AuditRow is one line of 操作日志, ready to show.
type AuditRow struct {
	At, Actor, Module, Record, Action, Changes, Note string
}

// AuditLog reads the audit trail; nobody can change it from the application.
type AuditLog struct{ st *store.Store }

// NewAuditLog makes the audit-log service.
func NewAuditLog(p Params) *AuditLog { return &AuditLog{st: p.Store} }

// AuditQuery is what the 操作日志 screen filters by.
type AuditQuery = store.AuditFilter

// Rows lists entries, newest first, formatted for display.
func (l *AuditLog) Rows(ctx context.Context, q AuditQuery) ([]AuditRow, error) {
	entries, err := l.st.AuditEntries(ctx, q)
	if err != nil {
		return nil, err
	}
	return auditRows(entries), nil
}

func auditRows(entries []store.AuditEntry) []AuditRow {
	out := make([]AuditRow, len(entries))
	for i, e := range entries {
		var ch []string
		for _, c := range e.Changes {
			switch {
			case c.Before == "" && c.After != "":
				ch = append(ch, fmt.Sprintf("%s：%s", c.Field, c.After))
			default:
				ch = append(ch, fmt.Sprintf("%s：%s → %s", c.Field, orDash(c.Before), orDash(c.After)))
			}
		}
		record := e.Entity
		if e.EntityID != "" {
			record += " " + e.EntityID
		}
		out[i] = AuditRow{At: e.At.Local().Format("2006-01-02 15:04:05"), Actor: e.Actor, Module: e.Module,
			Record: record, Action: e.Action, Changes: strings.Join(ch, "；"), Note: e.Note}
	}
	return out
}

// Page is one page of Rows: limit entries from offset, newest first.
func (l *AuditLog) Page(ctx context.Context, q AuditQuery, offset, limit int) ([]AuditRow, error) {
	q.Offset, q.Limit = offset, limit
	return l.Rows(ctx, q)
}

// Count counts the entries a query matches, in SQL.
func (l *AuditLog) Count(ctx context.Context, q AuditQuery) (int, error) {
	return l.st.CountAudit(ctx, q)
}

// AuditPage is what a filter change waits for: the count, the first window of entries, and how
// to read the filter's other windows.
type AuditPage struct {
	Rows   []AuditRow
	Count  int
	Window func(ctx context.Context, offset, limit int) ([]AuditRow, error)
}

// FirstPage reads a filter's count and first limit entries. Without a text the two are read at
// the same time on two connections, each served by an index. A text (LIKE '%…%') has no index
// to seek: one scan lists the ids of all its matches, newest first, and the count and every
// window (read by id) come from that list, so neither the count nor a scrolled window scans again.
func (l *AuditLog) FirstPage(ctx context.Context, q AuditQuery, limit int) (AuditPage, error) {
	if q.Text != "" {
		return l.firstTextPage(ctx, q, limit)
	}
	var (
		wg      sync.WaitGroup
		rows    []AuditRow
		rowsErr error
	)
	wg.Go(func() { rows, rowsErr = l.Page(ctx, q, 0, limit) })
	n, err := l.Count(ctx, q)
	wg.Wait()
	return AuditPage{Rows: rows, Count: n, Window: func(ctx context.Context, offset, limit int) ([]AuditRow, error) {
		return l.Page(ctx, q, offset, limit)
	}}, errors.Join(err, rowsErr)
}

func (l *AuditLog) firstTextPage(ctx context.Context, q AuditQuery, limit int) (AuditPage, error) {
	q.Offset, q.Limit = 0, 0
	ids, err := l.st.AuditIDs(ctx, q)
	if err != nil {
		return AuditPage{}, err
	}
	window := func(ctx context.Context, offset, limit int) ([]AuditRow, error) {
		offset = min(max(offset, 0), len(ids))
		entries, err := l.st.AuditEntriesByID(ctx, ids[offset:min(offset+limit, len(ids))])
		if err != nil {
			return nil, err
		}
		return auditRows(entries), nil
	}
	rows, err := window(ctx, 0, limit)
	return AuditPage{Rows: rows, Count: len(ids), Window: window}, err
}

func orDash(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// Choices lists the users and modules that appear in the trail.
func (l *AuditLog) Choices(ctx context.Context) (actors, modules []string, err error) {
	return l.st.AuditChoices(ctx)
}

// Export writes the filtered entries as an Excel workbook.
func (l *AuditLog) Export(ctx context.Context, q AuditQuery, w io.Writer) (int, error) {
	q.Limit = 0
	rows, err := l.Rows(ctx, q)
	if err != nil {
		return 0, err
	}
	data := make([][]any, len(rows))
	for i, r := range rows {
		data[i] = []any{r.At, r.Actor, r.Module, r.Record, r.Action, r.Changes, r.Note}
	}
	title := "操作日志（导出于 " + time.Now().Format("2006年1月2日 15:04") + "）"
	return len(rows), xlsx.Write(w, xlsx.Sheet{Name: "操作日志", Title: title, Rows: data, Columns: []xlsx.Column{
		{Header: "时间", Width: 20}, {Header: "用户", Width: 12}, {Header: "模块", Width: 12}, {Header: "记录", Width: 28},
		{Header: "操作", Width: 8}, {Header: "修改内容（原值 → 新值）", Width: 60}, {Header: "说明", Width: 40},
	}})
}
