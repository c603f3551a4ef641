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
	// Suffixes are compared as the last n characters (cheaper than LIKE '%…', which tries every
	// position); a name shorter than the suffix gives a shorter string, never equal to it.
	for _, p := range models.ShortForms {
		n, k := utf8.RuneCountInString(p[0]), utf8.RuneCountInString(p[1])
		stem := fmt.Sprintf("substr(name, 1, length(name) - %d)", n)
		fmt.Fprintf(&b, " WHEN substr(name, length(name) - %d) = '%s' THEN CASE WHEN substr(name, length(name) - %d, %d) = '%s' THEN %s ELSE %s || '%s' END",
			n-1, p[0], n+k-1, k, p[1], stem, stem, p[1])
	}
	b.WriteString(" ELSE name END")
	return b.String()
}()

// shortNotPrefixSQL is true for the names whose short form is not the start of the name
// ("北城居民委员会" → "北城社区"): for every other name the short form is its start, so it holds
// a text only where the name does. Only the forms the short text reaches into are tested.
func shortNotPrefixSQL(short string) string {
	var or []string
	for i, p := range models.ShortForms {
		if strings.HasPrefix(p[0], p[1]) || !reachesKind(short, p[1]) {
			continue
		}
		cond := fmt.Sprintf("substr(name, length(name) - %d) = '%s'", utf8.RuneCountInString(p[0])-1, p[0])
		for _, e := range models.ShortForms[:i] { // a longer suffix tried first takes the name
			if strings.HasSuffix(e[0], p[0]) {
				cond += fmt.Sprintf(" AND substr(name, length(name) - %d) <> '%s'", utf8.RuneCountInString(e[0])-1, e[0])
			}
		}
		or = append(or, "("+cond+")")
	}
	return strings.Join(or, " OR ")
}

// reachesKind tells whether text, found in a short form stem+kind, can take in part of the
// kind: it ends with the kind's start ("城社", "城社区") or lies inside the kind ("区").
func reachesKind(text, kind string) bool {
	if strings.Contains(kind, text) {
		return true
	}
	for i := range kind {
		if i > 0 && strings.HasSuffix(text, kind[:i]) {
			return true
		}
	}
	return strings.HasSuffix(text, kind)
}

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
	// A name is found when it holds the text, or its short form the text's short form. The
	// short form is worked out only for names that hold the short text (it is their start) and
	// for names whose short form ends otherwise than the name.
	cond, args := `name LIKE ? ESCAPE '\'`, []any{containsPattern(text)}
	sq := models.ShortName(text)
	var candidates []string
	if sq != text {
		candidates = append(candidates, `name LIKE ? ESCAPE '\'`)
		args = append(args, containsPattern(sq))
	}
	if np := shortNotPrefixSQL(sq); np != "" {
		candidates = append(candidates, np)
	}
	if len(candidates) > 0 {
		cond += ` OR ((` + strings.Join(candidates, " OR ") + `) AND (` + shortNameSQL + `) LIKE ? ESCAPE '\')`
		args = append(args, containsPattern(sq))
	}
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
	db := q.where(s.db.WithContext(ctx))
	if !q.ActiveOnly { // with only active ones the primary key's order serves: no sort
		db = db.Order("retired_at IS NOT NULL")
	}
	db = db.Order("code")
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
