package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// ruleRow is one editable line of the subsidy table.
type ruleRow struct {
	from, monthly, oneOff *widget.Entry
	qual                  *widget.Select
	removed               bool
}

// onRules edits the county's subsidy table: per qualification a monthly and a one-off amount in
// 元, each effective from a date. Saving replaces the table; the subsidies are recomputed.
func (t *regStatsTab) onRules() {
	rules, err := t.s.w.app.Registry.SubsidyRules(t.s.w.ctx)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	quals := []string{models.QualAssistant, models.QualWorker, models.QualSenior}
	var rows []*ruleRow
	list := container.NewVBox()
	add := func(r models.SubsidyRule) {
		row := &ruleRow{from: widget.NewEntry(), monthly: widget.NewEntry(), oneOff: widget.NewEntry(), qual: newSelect(quals, nil)}
		if !r.EffectiveFrom.IsZero() {
			row.from.SetText(models.FormatDate(r.EffectiveFrom))
			row.monthly.SetText(r.Monthly.Yuan())
			row.oneOff.SetText(r.OneOff.Yuan())
		}
		row.from.SetPlaceHolder("2026-01-01")
		row.qual.SetSelected(r.Qualification)
		rows = append(rows, row)
		var line *fyne.Container
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			row.removed = true
			list.Remove(line)
		})
		line = container.NewGridWithColumns(5, row.from, row.qual, row.monthly, row.oneOff, container.NewHBox(del))
		list.Add(line)
	}
	for _, r := range rules {
		add(r)
	}
	head := container.NewGridWithColumns(5, widget.NewLabel(T("registry.rule_from")), widget.NewLabel(T("registry.rule_qual")),
		widget.NewLabel(T("registry.rule_monthly")), widget.NewLabel(T("registry.rule_oneoff")), widget.NewLabel(""))
	more := widget.NewButtonWithIcon(T("registry.rule_add"), theme.ContentAddIcon(), func() { add(models.SubsidyRule{}) })
	hint := widget.NewLabel(T("registry.rule_hint"))
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(hint, head), more, nil, nil, container.NewVScroll(list))
	var d *dialog.CustomDialog
	save := widget.NewButton(T("dialog.confirm"), func() {
		parsed, err := parseRules(rows)
		if err == nil {
			err = t.s.w.app.Registry.SaveSubsidyRules(t.s.w.ctx, parsed)
		}
		if err != nil {
			showErrorDialog(t.s.w.Win, err)
			return
		}
		d.Hide()
		t.reloadSubsidies()
	})
	save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(T("registry.rules_title"), container.NewBorder(nil,
		container.NewHBox(save, widget.NewButton(T("dialog.cancel"), func() { d.Hide() })), nil, nil, body), t.s.w.Win)
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
}

// parseRules reads the rows, reporting every unreadable field by its row.
func parseRules(rows []*ruleRow) ([]models.SubsidyRule, error) {
	var v models.ValidationError
	var out []models.SubsidyRule
	n := 0
	for _, r := range rows {
		if r.removed {
			continue
		}
		n++
		where := fmt.Sprintf("第 %d 行", n)
		rule := models.SubsidyRule{Qualification: r.qual.Selected}
		var err error
		if rule.EffectiveFrom, err = models.ParseDate(r.from.Text); err != nil {
			v.Add(where, reason(err))
		}
		if rule.Monthly, err = models.ParseAmount(r.monthly.Text, models.Yuan); err != nil {
			v.Add(where, "每月补贴："+reason(err))
		}
		if rule.OneOff, err = models.ParseAmount(r.oneOff.Text, models.Yuan); err != nil {
			v.Add(where, "一次性补贴："+reason(err))
		}
		if rule.Qualification == "" {
			v.Add(where, "请选择资格等级")
		}
		out = append(out, rule)
	}
	return out, v.Err()
}

// reason drops the sentinel's "数据不合法：" prefix from a message shown inside a list.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), models.ErrInvalid.Error()+"：")
}
