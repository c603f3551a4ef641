package store

import (
	"context"
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one step of the append-only schema history: never edit a released one, add a new file.
//
// One history serves both engines. NNNN_name.sql is written for SQLite in SQL that PostgreSQL 12+
// also accepts, with tokens for the few types that differ (dialectSQL); where a step cannot be
// written so, NNNN_name.pg.sql beside it (same version and name) is what PostgreSQL runs instead.
type migration struct {
	version int
	name    string
	sql     string
	pg      string // the .pg.sql variant; "" when the common file serves PostgreSQL too
}

// body is the SQL this engine runs for m, its tokens filled.
func (s *Store) body(m migration) string {
	if s.pg && m.pg != "" {
		return s.dialectSQL(m.pg)
	}
	return s.dialectSQL(m.sql)
}

func loadMigrations() ([]migration, error) {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	pg := map[string]string{}
	for _, e := range entries {
		base, isPG := strings.CutSuffix(strings.TrimSuffix(e.Name(), ".sql"), ".pg")
		num, name, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("迁移文件名不合规：%s", e.Name())
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		if isPG {
			pg[base] = string(body)
			continue
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		base := fmt.Sprintf("%04d_%s", ms[i].version, ms[i].name)
		ms[i].pg = pg[base]
		delete(pg, base)
		if i > 0 && ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("迁移版本重复：第 %d 版有两个文件", ms[i].version)
		}
	}
	for base := range pg {
		return nil, fmt.Errorf("迁移文件 %s.pg.sql 没有对应的 %s.sql", base, base)
	}
	return ms, nil
}

// LatestSchemaVersion is the schema version this build of shequ writes.
func LatestSchemaVersion() int {
	ms, err := loadMigrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// dialectSQL fills the dialect-specific tokens of a migration: {{ID}} (an integer key the
// database numbers) and {{BLOB}}. On PostgreSQL every TIMESTAMP column is TIMESTAMPTZ, so an
// instant written from a desk in one time zone reads back as the same instant (pgx keeps only the
// wall clock of a plain TIMESTAMP). Column names and types otherwise stay those of the file.
func (s *Store) dialectSQL(q string) string {
	if s.pg {
		q = strings.NewReplacer("{{ID}}", "BIGSERIAL PRIMARY KEY", "{{BLOB}}", "BYTEA").Replace(q)
		return timestampWord.ReplaceAllString(q, "TIMESTAMPTZ")
	}
	return strings.NewReplacer("{{ID}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "{{BLOB}}", "BLOB").Replace(q)
}

// timestampWord is the type name TIMESTAMP, not CURRENT_TIMESTAMP or a longer word.
var timestampWord = regexp.MustCompile(`\bTIMESTAMP\b`)

// Migrate applies every migration the database has not seen, each in its own transaction.
// Running it again is a no-op.
func (s *Store) Migrate(ctx context.Context) error { return s.migrate(ctx, nil) }

// migrate applies the migrations not yet applied; with only set, just those of only's versions
// and without writing an identity (to rebuild a file's schema at its own version).
func (s *Store) migrate(ctx context.Context, only map[int]bool) error {
	if s.pg {
		if skip, err := s.pgSkipMigrate(ctx, only); skip || err != nil { // pgaccess.go
			return err
		}
		// Desks starting together must not migrate at once: on PostgreSQL the whole upgrade is
		// one transaction (DDL included) behind the writers' lock; each step is a savepoint.
		return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if err := lockWriters(tx); err != nil {
				return err
			}
			if err := s.migrateOn(tx, only); err != nil {
				return err
			}
			return refreshAccess(tx) // new tables get their grants and policies at once
		})
	}
	return s.migrateOn(s.db.WithContext(ctx), only)
}

func (s *Store) migrateOn(db *gorm.DB, only map[int]bool) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	if err := db.Exec(s.dialectSQL(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name VARCHAR(200) NOT NULL,
		applied_at TIMESTAMP NOT NULL)`)).Error; err != nil {
		return fmt.Errorf("无法建立版本表：%w", err)
	}
	// Apply every migration not yet recorded (not just those above the highest), so migrations
	// developed side by side and landing in any order all get applied.
	var applied []int
	if err := db.Raw(`SELECT version FROM schema_migrations`).Scan(&applied).Error; err != nil {
		return fmt.Errorf("无法读取数据库结构版本：%w", err)
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.version] = true
	}
	for v := range done {
		if !known[v] {
			return fmt.Errorf("%w：数据库含有本程序不认识的第 %d 版结构（本程序最高支持第 %d 版），请升级 shequ",
				ErrSchemaTooNew, v, LatestSchemaVersion())
		}
	}
	for _, m := range ms {
		if done[m.version] || (only != nil && !only[m.version]) {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, stmt := range splitStatements(s.body(m)) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%w\n语句：%s", err, stmt)
				}
			}
			return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, time.Now()).Error
		})
		if err != nil {
			return fmt.Errorf("数据库升级到第 %d 版（%s）失败：%w", m.version, m.name, err)
		}
	}
	if only != nil {
		return nil
	}
	if err := ensureIdentity(db); err != nil {
		return fmt.Errorf("无法写入数据库标识：%w", err)
	}
	return nil
}

// SchemaVersion is the highest migration applied to this database (0 for a new file).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	if err := s.db.WithContext(ctx).Raw(`SELECT MAX(version) FROM schema_migrations`).Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("无法读取数据库结构版本：%w", err)
	}
	if v == nil {
		return 0, nil
	}
	return *v, nil
}

// splitStatements splits a migration on semicolons at line ends; migrations hold no triggers or
// string literals with ";\n", so this is enough.
func splitStatements(q string) []string {
	var out []string
	for _, part := range strings.Split(q, ";\n") {
		var lines []string
		for _, l := range strings.Split(part, "\n") {
			if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--") {
				lines = append(lines, l)
			}
		}
		if st := strings.TrimSuffix(strings.TrimSpace(strings.Join(lines, "\n")), ";"); st != "" {
			out = append(out, st)
		}
	}
	return out
}
