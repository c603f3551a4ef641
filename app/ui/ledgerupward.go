package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// ledgerUpward is the county view of the communities' upward 评议 of the township governments and
// departments (organised by the county): for the shown village's county and the chosen year, per
// township and body evaluated, the 满意/基本满意/不满意 counts.
type ledgerUpward struct {
	s     *ledgersScreen
	root  fyne.CanvasObject
	head  *widget.Label
	table *widget.Table
	rows  [][]string
}

var upwardHeaders = []string{"乡镇（街道）", "被评议单位", "参评村（社区）", "满意", "基本满意", "不满意", "满意率"}

func newLedgerUpward(s *ledgersScreen) *ledgerUpward {
	u := &ledgerUpward{s: s}
	u.head = widget.NewLabel("")
	u.head.Wrapping = fyne.TextWrapWord
	u.table = rowTable(upwardHeaders, []float32{170, 240, 120, 80, 90, 80, 170}, func() int { return len(u.rows) },
		func(row, col int) string { return u.rows[row][col] }, func(int) {})
	u.root = container.NewBorder(u.head, nil, nil, nil, u.table)
	return u
}

func (u *ledgerUpward) refresh() {
	ctx, svc := u.s.w.ctx, u.s.w.app.Ledgers
	county := models.Code(u.s.code).County().String()
	year := u.s.selectedYear()
	rows, err := svc.UpwardEvaluations(ctx, county, year)
	if err != nil {
		u.s.w.showError(err)
		return
	}
	c, _ := u.s.w.app.Divisions.Get(ctx, county)
	u.rows = u.rows[:0]
	towns := map[string]bool{}
	for _, r := range rows {
		towns[r.TownshipCode] = true
		u.rows = append(u.rows, []string{models.ShortName(r.Township), r.Subject, fmt.Sprint(r.Communities),
			fmt.Sprint(r.Satisfied), fmt.Sprint(r.Basic), fmt.Sprint(r.Dissatisfied), r.Satisfaction().String()})
	}
	key := "ledgers.upward_head"
	if len(rows) == 0 {
		key = "ledgers.upward_none"
	}
	u.head.SetText(Tf(key, map[string]any{"County": c.Name, "Year": year, "Towns": len(towns), "N": len(rows)}))
	u.table.Refresh()
}
