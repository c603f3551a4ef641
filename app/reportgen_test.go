package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"shequ/app/budget"
	"shequ/app/duty"
	"shequ/app/report"
	"shequ/models"
)

// genReportData fills a year of every module for the villages under prefix (a county's first 6
// digits, or "5113" for the city) through the services: profiles, budget lines (one import
// batch per county) with disbursements, meetings and opinions, and task progress. It returns
// the budget and disbursed totals it wrote.
func genReportData(tb testing.TB, a *App, prefix string, year int, today time.Time) (planned, disbursed models.Fen) {
	tb.Helper()
	ctx := context.Background()
	cats, err := a.Budget.Categories(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	srcs, err := a.Budget.Sources(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	counties, _ := a.Divisions.Children(ctx, report.CityCode)
	n := 0
	for _, c := range counties {
		if !strings.HasPrefix(c.Code, prefix) {
			continue
		}
		var lines []models.BudgetLine
		var batchTotal models.Fen
		towns, _ := a.Divisions.Children(ctx, c.Code)
		for _, t := range towns {
			vs, _ := a.Divisions.Children(ctx, t.Code)
			for _, v := range vs {
				n++
				if n%3 != 0 {
					p := models.CommunityProfile{DivisionCode: v.Code, Households: int64(300 + n%700), Population: int64(900 + n%2500),
						ServiceAreaM2: 200, CommitteeMembers: 7}
					if err := a.Divisions.SaveProfile(ctx, p); err != nil {
						tb.Fatal(err)
					}
				}
				for k := range 3 {
					amt := models.Fen(int64(1_000_000+(n*7919+k*104729)%9_000_000) + int64(n%100)) // fen, not round
					lines = append(lines, models.BudgetLine{Year: year, DivisionCode: v.Code, CategoryID: cats[(n+k)%len(cats)].ID,
						Item: fmt.Sprintf("%s项目%d", cats[(n+k)%len(cats)].Name, k+1), Amount: amt, SourceID: srcs[k%len(srcs)].ID})
					batchTotal += amt
				}
				if n%5 != 0 {
					m := models.Meeting{DivisionCode: v.Code, Kind: models.MeetingKinds[n%3], HeldOn: time.Date(year, time.Month(1+n%10), 10, 0, 0, 0, 0, time.Local),
						Topic: "年度工作议题", Present: 30, Entitled: 35}
					if _, err := a.Ledgers.SaveMeeting(ctx, m); err != nil {
						tb.Fatal(err)
					}
				}
				if n%4 == 0 {
					o := models.Opinion{DivisionCode: v.Code, RaisedOn: time.Date(year, time.Month(1+n%9), 3, 0, 0, 0, 0, time.Local),
						Content: "建议修缮活动室", Category: "建议", Status: models.OpinionPending}
					if n%8 == 0 {
						o.Reply, o.Handler, o.RepliedOn, o.Status = "已安排修缮", "村委会", o.RaisedOn.AddDate(0, 0, 5), models.OpinionReplied
					}
					if _, err := a.Ledgers.SaveOpinion(ctx, o); err != nil {
						tb.Fatal(err)
					}
				}
			}
		}
		if len(lines) == 0 {
			continue
		}
		if _, err := a.store.ImportBudget(ctx, models.ImportBatch{FileName: "generated.xlsx", SHA256: c.Code, Sheet: "预算", Year: year,
			CountyCode: c.Code, Rows: len(lines), Total: batchTotal}, lines, nil, a.Actor); err != nil {
			tb.Fatal(err)
		}
		planned += batchTotal
	}
	views, _, err := a.Budget.Lines(ctx, budget.Filter{Year: year})
	if err != nil {
		tb.Fatal(err)
	}
	for i, l := range views {
		if i%4 != 0 {
			continue
		}
		part := l.Amount / 3
		if _, err := a.Budget.AddDisbursement(ctx, l.ID, models.FormatDate(time.Date(year, 6, 1, 0, 0, 0, 0, time.Local)), part.Yuan(), ""); err != nil {
			tb.Fatal(err)
		}
		disbursed += part
	}
	tasks, err := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year}, today)
	if err != nil {
		tb.Fatal(err)
	}
	for i, r := range tasks {
		t := r.Task
		switch i % 4 {
		case 0:
			t.Progress, t.CompletedOn = models.ProgressDone, time.Date(year, 5, 1, 0, 0, 0, 0, time.Local)
		case 1:
			t.Progress, t.Deadline = models.ProgressUnderway, time.Date(year, 3, 31, 0, 0, 0, 0, time.Local)
		case 2:
			t.Progress = models.ProgressUnderway
		default:
			continue
		}
		if _, err := a.Duties.SaveTask(ctx, t, today); err != nil {
			tb.Fatal(err)
		}
	}
	return planned, disbursed
}
