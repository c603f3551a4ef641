package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// A DATE column reads back from SQLite as midnight of the day in the zone it was written in (the
// desk's), but pgx gives midnight UTC: in Beijing, 2028-12-31 would read as 08:00 that day and
// no longer Equal the local day the services compare it with. localDateCodec makes pgx return
// the desk's local midnight, as SQLite does; writing already takes the day as the desk sees it.

// registerLocalDate is the connections' AfterConnect hook.
func registerLocalDate(_ context.Context, c *pgx.Conn) error {
	c.TypeMap().RegisterType(&pgtype.Type{Name: "date", OID: pgtype.DateOID, Codec: localDateCodec{}})
	return nil
}

type localDateCodec struct{ pgtype.DateCodec }

func (c localDateCodec) PlanScan(m *pgtype.Map, oid uint32, format int16, target any) pgtype.ScanPlan {
	plan := c.DateCodec.PlanScan(m, oid, format, target)
	if _, ok := target.(*pgtype.Date); ok && plan != nil {
		return localDatePlan{plan}
	}
	return plan
}

type localDatePlan struct{ next pgtype.ScanPlan }

func (p localDatePlan) Scan(src []byte, target any) error {
	if err := p.next.Scan(src, target); err != nil {
		return err
	}
	if d := target.(*pgtype.Date); d.Valid && d.InfinityModifier == pgtype.Finite {
		d.Time = time.Date(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, 0, 0, time.Local)
	}
	return nil
}
