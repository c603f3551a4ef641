package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"
)

// Other desks see changes without restarting. Every write is audited, and the audit entry's module
// ("区划", "三社互动", …, the area) is what is announced: on PostgreSQL with NOTIFY inside the
// write transaction (delivered on commit, dropped on rollback, repeated areas of one transaction
// delivered once), on SQLite by polling PRAGMA data_version, which moves when another connection
// (another window, another process) commits, and reading the areas of the audit entries since;
// on a PostgreSQL-compatible server without pg_notify by reading the audit trail every poll.

// changesChannel is the PostgreSQL channel writes are announced on.
const changesChannel = "shequ_changes"

// pollEvery is how often desk mode looks for writes of other connections.
var pollEvery = 2 * time.Second

// listenBackoff is the first and the longest wait before the listener connects again.
var listenBackoff = [2]time.Duration{time.Second, 30 * time.Second}

// notifyChange announces area from inside the write transaction tx (shared mode only).
func (s *Store) notifyChange(tx *gorm.DB, area string) error {
	if !s.notify {
		return nil
	}
	return tx.Exec("SELECT pg_notify(?, ?)", changesChannel, area).Error
}

// hasNotify says whether the server has pg_notify (and so LISTEN/NOTIFY).
func hasNotify(ctx context.Context, db *gorm.DB) bool {
	sqlDB, err := db.DB()
	if err != nil {
		return false
	}
	ok, err := hasFunction(ctx, sqlDB, "pg_catalog.pg_notify(text,text)")
	return err == nil && ok
}

// Changes announces the area of every write committed to this database after it returns, by
// any desk or window (this one included), until ctx ends; then the channel is closed. "" means
// something may have changed anywhere (the listener lost its connection for a while). Closing
// the store ends it too.
func (s *Store) Changes(ctx context.Context) <-chan string {
	ctx, stop := context.WithCancel(ctx)
	s.feeds.Lock()
	s.feeds.stop = append(s.feeds.stop, stop)
	s.feeds.running.Add(1)
	s.feeds.Unlock()
	out := make(chan string, 16)
	if s.notify {
		conn := s.listenConn(ctx) // the first LISTEN before returning: no write after it is missed
		go func() {
			defer s.feeds.running.Done()
			s.listen(ctx, conn, out)
		}()
		return out
	}
	w, err := s.startPoll(ctx)
	if err != nil {
		s.feeds.running.Done()
		close(out)
		return out
	}
	go func() {
		defer s.feeds.running.Done()
		w.run(ctx, out)
	}()
	return out
}

func send(ctx context.Context, out chan<- string, area string) bool {
	select {
	case out <- area:
		return true
	case <-ctx.Done():
		return false
	}
}

// listenConn is a connection of the listener's own (not one of the pool's) that LISTENs, or nil.
func (s *Store) listenConn(ctx context.Context) *pgx.Conn {
	if s.listenCfg == nil {
		return nil
	}
	conn, err := pgx.ConnectConfig(ctx, s.listenCfg.Copy())
	if err != nil {
		return nil
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		_ = conn.Close(context.Background())
		return nil
	}
	return conn
}

// listen forwards notifications, connecting again with a growing pause when the server goes
// away; after a reconnection it first announces "": what was written meanwhile was not heard.
func (s *Store) listen(ctx context.Context, conn *pgx.Conn, out chan<- string) {
	defer close(out)
	wait, lost := listenBackoff[0], false
	for {
		if conn != nil {
			if lost && !send(ctx, out, "") {
				_ = conn.Close(context.Background())
				return
			}
			wait, lost = listenBackoff[0], false
			for {
				n, err := conn.WaitForNotification(ctx)
				if err != nil || !send(ctx, out, n.Payload) {
					break
				}
			}
			_ = conn.Close(context.Background())
		}
		lost = true
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, listenBackoff[1])
		conn = s.listenConn(ctx)
	}
}

// poller watches PRAGMA data_version on a connection held for it (the value is per connection)
// and announces the areas of the audit entries written since it last looked.
type poller struct {
	conn          *sql.Conn
	pragma        bool // SQLite: look at the audit trail only when data_version moved
	version, last int64
}

func (s *Store) startPoll(ctx context.Context) (*poller, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	p := &poller{conn: conn, pragma: !s.pg}
	if err := p.dataVersion(ctx, &p.version); err != nil {
		_ = conn.Close()
		return nil, err
	}
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM audit_log").Scan(&p.last); err != nil {
		_ = conn.Close()
		return nil, err
	}
	return p, nil
}

func (p *poller) run(ctx context.Context, out chan<- string) {
	defer close(out)
	defer p.conn.Close()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		var v int64
		if err := p.dataVersion(ctx, &v); err != nil || (p.pragma && v == p.version) {
			continue
		}
		areas, last, err := areasSince(ctx, p.conn, !p.pragma, p.last)
		if err != nil {
			continue
		}
		p.version, p.last = v, last
		for _, a := range areas {
			if !send(ctx, out, a) {
				return
			}
		}
	}
}

// dataVersion is SQLite's data_version; on a server without NOTIFY the audit trail is read each time.
func (p *poller) dataVersion(ctx context.Context, v *int64) error {
	if !p.pragma {
		return nil
	}
	return p.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(v)
}

// areasSince lists the modules of the audit entries after id (views are not changes), each once.
func areasSince(ctx context.Context, conn *sql.Conn, pg bool, id int64) ([]string, int64, error) {
	q := `SELECT id, module, action FROM audit_log WHERE id > ? ORDER BY id`
	if pg {
		q = numberPlaceholders(q)
	}
	rows, err := conn.QueryContext(ctx, q, id)
	if err != nil {
		return nil, id, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	var areas []string
	for rows.Next() {
		var module, action string
		if err := rows.Scan(&id, &module, &action); err != nil {
			return nil, id, err
		}
		if action != ActionView && !seen[module] {
			seen[module] = true
			areas = append(areas, module)
		}
	}
	return areas, id, rows.Err()
}
