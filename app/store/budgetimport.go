package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"

	"shequ/models"
)

// linesPerInsert rows go into one INSERT statement (11 parameters each, far under SQLite's limit).
const linesPerInsert = 64

const lineColumns = "(year, division_code, category_id, item, amount_fen, source_id, note, batch_id, source_row, created_at, updated_at)"

// ImportBudget writes a batch and its lines in one transaction, after undoing the batches in
// replace (the same file imported before). One audit entry records the whole batch.
func (s *Store) ImportBudget(ctx context.Context, b models.ImportBatch, lines []models.BudgetLine, replace []int64, actor string) (int64, error) {
	b.Rows = len(lines)
	return s.ImportBudgetStream(ctx, b, func(yield func([]models.BudgetLine) bool) { yield(lines) }, replace, actor,
		func() (models.ImportBatch, bool) { return b, true })
}

// errKeepNothing rolls back a streamed import whose lines turned out to have errors.
var errKeepNothing = errors.New("import refused")

// ImportBudgetStream writes a batch whose lines arrive in chunks while the sheet is still being
// read and checked, in one transaction. Once lines ends, final gives the batch as it ended up
// (its sheets, rows and total) and whether to keep it: false rolls everything back, and the id
// is 0. On an error lines is left where it stopped.
func (s *Store) ImportBudgetStream(ctx context.Context, b models.ImportBatch, lines iter.Seq[[]models.BudgetLine], replace []int64, actor string,
	final func() (models.ImportBatch, bool)) (int64, error) {
	var id int64
	// A county's imports replace and undo only its own batches: in shared mode they wait for each
	// other, not for the other counties' imports or the desks' record saves.
	err := s.withAreaTx(ctx, "导入", "budget "+b.CountyCode, func(tx *gorm.DB) error {
		now := s.now()
		for _, old := range replace {
			if s.role == roleEditor { // replacing a batch undoes it: only its importer's own
				if err := s.ownsRecord(tx, "预算导入批次", strconv.FormatInt(old, 10)); err != nil {
					return err
				}
			}
			if err := undoBatch(tx, old, actor, now); err != nil {
				return err
			}
		}
		row := budgetBatchRow{FileName: b.FileName, SHA256: b.SHA256, Sheet: b.Sheet, Year: b.Year,
			CountyCode: b.CountyCode, ImportedAt: now, ImportedBy: actor, RowsCount: b.Rows, TotalFen: int64(b.Total)}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("记录导入批次失败：%w", err)
		}
		ins, err := newLineInserter(ctx, tx, row.ID, now)
		if err != nil {
			return err
		}
		defer ins.close()
		for chunk := range lines {
			if err := ins.insert(chunk); err != nil {
				return err
			}
		}
		b, keep := final()
		if !keep {
			return errKeepNothing
		}
		if b.Rows != row.RowsCount || int64(b.Total) != row.TotalFen || b.Sheet != row.Sheet {
			if err := tx.Model(&budgetBatchRow{}).Where("id = ?", row.ID).
				Updates(map[string]any{"rows_count": b.Rows, "total_fen": int64(b.Total), "sheet": b.Sheet}).Error; err != nil {
				return fmt.Errorf("记录导入批次失败：%w", err)
			}
		}
		id = row.ID
		note := fmt.Sprintf("导入“%s”工作表“%s”：%d 年 %d 条，合计 %s 元", b.FileName, b.Sheet, b.Year, b.Rows, b.Total.Yuan())
		if len(replace) > 0 {
			note += fmt.Sprintf("（替换此前导入的批次 %v）", replace)
		}
		return s.audit(tx, actor, budgetModule, "预算导入批次", strconv.FormatInt(id, 10), ActionImport, nil, note)
	})
	if errors.Is(err, errKeepNothing) {
		return 0, nil
	}
	return id, err
}

// lineInserter writes lines with one prepared multi-row INSERT: a 100,000-line sheet is written
// in about a second instead of the many seconds GORM's reflection per row would take.
type lineInserter struct {
	ctx   context.Context
	pool  gorm.ConnPool
	full  *sql.Stmt
	batch int64
	now   any // the time as go-sqlite3 binds a time.Time: formatted once, not twice a line
	args  []any
	pg    bool // PostgreSQL numbers its placeholders and takes the time as it is
}

func newLineInserter(ctx context.Context, tx *gorm.DB, batch int64, now time.Time) (*lineInserter, error) {
	w := &lineInserter{ctx: ctx, pool: tx.Statement.ConnPool, batch: batch, pg: isPG(tx),
		now: now.Format(sqlite3.SQLiteTimestampFormats[0]), args: make([]any, 0, linesPerInsert*11)}
	if w.pg {
		w.now = now
	}
	var err error
	if w.full, err = w.prepare(linesPerInsert); err != nil {
		return nil, fmt.Errorf("写入预算明细失败：%w", err)
	}
	return w, nil
}

func (w *lineInserter) prepare(n int) (*sql.Stmt, error) {
	q := "INSERT INTO budget_lines " + lineColumns + " VALUES " +
		strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?,?,?,?,?,?),", n), ",")
	if w.pg {
		q = numberPlaceholders(q)
	}
	return w.pool.PrepareContext(w.ctx, q)
}

func (w *lineInserter) close() { _ = w.full.Close() }

// insert writes lines, linesPerInsert at a time.
func (w *lineInserter) insert(lines []models.BudgetLine) error {
	for start := 0; start < len(lines); start += linesPerInsert {
		chunk := lines[start:min(start+linesPerInsert, len(lines))]
		w.args = w.args[:0]
		for _, l := range chunk {
			w.args = append(w.args, l.Year, l.DivisionCode, l.CategoryID, l.Item, int64(l.Amount), l.SourceID,
				l.Note, w.batch, l.SourceRow, w.now, w.now)
		}
		stmt := w.full
		if len(chunk) < linesPerInsert {
			var err error
			if stmt, err = w.prepare(len(chunk)); err != nil {
				return fmt.Errorf("写入预算明细失败：%w", err)
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(w.ctx, w.args...); err != nil {
			return fmt.Errorf("写入预算明细失败（第 %d 行附近）：%w", chunk[0].SourceRow, err)
		}
	}
	return nil
}
