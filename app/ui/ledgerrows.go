package ui

import (
	"context"
	"fmt"
	"time"

	"shequ/app/ledger"
	"shequ/models"
)

// meetingRows formats one window of meetings for the table, with their attachment counts;
// it runs off the UI goroutine.
func meetingRows(ctx context.Context, svc *ledger.Service, list []models.Meeting) ([]ledgerRow, error) {
	ids := make([]int64, len(list))
	for i, m := range list {
		ids[i] = m.ID
	}
	counts, err := svc.MeetingAttachmentCounts(ctx, ids)
	rows := make([]ledgerRow, len(list))
	for i, m := range list {
		files := ""
		if n := counts[m.ID]; n > 0 {
			files = Tf("ledgers.files_count", map[string]any{"N": n})
		}
		rows[i] = ledgerRow{id: m.ID, cells: []string{models.FormatDate(m.HeldOn), string(m.Kind), m.Topic,
			fmt.Sprintf("%d/%d", m.Present, m.Entitled), m.Attendance().String(), m.Project, files}}
	}
	return rows, err
}

// opinionRows formats one window of opinions for the table, judged on today.
func opinionRows(list []models.Opinion, today time.Time) []ledgerRow {
	rows := make([]ledgerRow, len(list))
	for i, o := range list {
		late := ""
		if o.Overdue(today) {
			late = T("ledgers.overdue")
		} else if o.AnsweredLate() {
			late = T("ledgers.answered_late")
		}
		rows[i] = ledgerRow{id: o.ID, cells: []string{models.FormatDate(o.RaisedOn), o.Content, models.MaskName(o.FromName), o.Category, o.Handler,
			string(o.Status), models.FormatDate(o.DueOn()), models.FormatDate(o.RepliedOn), late}}
	}
	return rows
}
