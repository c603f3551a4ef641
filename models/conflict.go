package models

import (
	"errors"
	"fmt"
	"time"
)

// ErrStale says a record was changed by someone else (another desk, another window) after the
// clerk read it: saving would silently drop their change.
var ErrStale = errors.New("记录已被他人修改")

// EditConflict is the ErrStale of one record: who changed it last, when, and the version it is
// at now (saving again with Version set to it overwrites their change on purpose).
type EditConflict struct {
	What    string // the record, in Chinese: "社区档案（511302001001）"
	By      string
	At      time.Time
	Version int64
}

func (e *EditConflict) Error() string {
	who := e.By
	if who == "" {
		who = "其他用户"
	}
	when := ""
	if !e.At.IsZero() {
		when = " 于 " + e.At.Local().Format("2006年1月2日 15:04")
	}
	what := "该记录"
	if e.What != "" {
		what = e.What
	}
	return fmt.Sprintf("%s已被 %s%s 修改，您看到的是修改前的内容。", what, who, when)
}

// Unwrap makes an EditConflict both ErrStale and ErrConflict, so code that treats any conflict
// as a refused row keeps doing so.
func (e *EditConflict) Unwrap() []error { return []error{ErrStale, ErrConflict} }

// ReadAbsent is the RowVersion of a record a form read when it did not exist yet (a village's
// first community profile): saving it refuses a record someone else created meanwhile.
const ReadAbsent int64 = -1

// Versioned is embedded by ledger entries, which are edited in place: the version of the row
// they were read with (0: not read for a form; saving does not check it).
type Versioned struct {
	RowVersion int64
}

// ReadVersion is the version the entry was read with.
func (v Versioned) ReadVersion() int64 { return v.RowVersion }

// SetReadVersion records the version the entry was read with.
func (v *Versioned) SetReadVersion(n int64) { v.RowVersion = n }
