package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"shequ/models"
)

// DivisionQuery is a search of the divisions: the 区划与社区 search and every division picker.
type DivisionQuery struct {
	// Text is found in the official name, in the short form of the name ("龙门村" finds
	// 龙门村民委员会, "北城街道办事处" finds 北城街道) and, when it is all digits, in the code.
	// Spaces are ignored.
	Text string
	// Levels keeps only divisions of these levels; none keeps every level.
	Levels []models.Level
	// ActiveOnly leaves out retired divisions; otherwise they come after the active ones.
	ActiveOnly bool
}

// text is the search text without spaces; "" searches nothing.
func (q DivisionQuery) text() string { return strings.Join(strings.Fields(q.Text), "") }

// shortNameSQL is models.ShortName written in SQL over the column name, from the same list of
// suffixes, so that a search matches the short form of every name without storing it.
var shortNameSQL = func() string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, p := range models.ShortForms {
		stem := fmt.Sprintf("substr(name, 1, length(name) - %d)", utf8.RuneCountInString(p[0]))
		fmt.Fprintf(&b, " WHEN name LIKE '%%%s' THEN CASE WHEN %s LIKE '%%%s' THEN %s ELSE %s || '%s' END",
			p[0], stem, p[1], stem, stem, p[1])
	}
	b.WriteString(" ELSE name END")
	return b.String()
}()

// containsPattern is a LIKE pattern (with ESCAPE '\') that finds s anywhere, s's own % and _
// taken as themselves.
func containsPattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

func (q DivisionQuery) where(db *gorm.DB) *gorm.DB {
	text := q.text()
	db = db.Model(&divisionRow{})
	if len(q.Levels) > 0 {
		levels := make([]string, len(q.Levels))
		for i, l := range q.Levels {
			levels[i] = string(l)
		}
		db = db.Where("level IN ?", levels)
	}
	if q.ActiveOnly {
		db = db.Where("retired_at IS NULL")
	}
	cond := `name LIKE ? ESCAPE '\' OR (` + shortNameSQL + `) LIKE ? ESCAPE '\'`
	args := []any{containsPattern(text), containsPattern(models.ShortName(text))}
	if strings.Trim(text, "0123456789") == "" {
		cond += ` OR code LIKE ? ESCAPE '\'`
		args = append(args, containsPattern(text))
	}
	return db.Where(cond, args...)
}

// CountDivisionSearch counts the divisions a search finds.
func (s *Store) CountDivisionSearch(ctx context.Context, q DivisionQuery) (int, error) {
	if q.text() == "" {
		return 0, nil
	}
	var n int64
	if err := q.where(s.db.WithContext(ctx)).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("查找区划失败：%w", err)
	}
	return int(n), nil
}

// SearchDivisions lists one window of the divisions a search finds: active ones first, each
// group in code order; limit 0 lists them all.
func (s *Store) SearchDivisions(ctx context.Context, q DivisionQuery, offset, limit int) ([]models.Division, error) {
	if q.text() == "" {
		return nil, nil
	}
	db := q.where(s.db.WithContext(ctx)).Order("retired_at IS NOT NULL").Order("code")
	if offset > 0 {
		db = db.Offset(offset)
	}
	if limit > 0 {
		db = db.Limit(limit)
	}
	var rows []divisionRow
	if err := db.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("查找区划失败：%w", err)
	}
	out := make([]models.Division, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}
