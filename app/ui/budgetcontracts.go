package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// onContracts lists the 政府购买服务 contracts with a button to move each along its status
// chain, and a form for a new one.
func (s *budgetScreen) onContracts() {
	list, err := s.w.app.Budget.Contracts(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	box := container.NewVBox()
	if len(list) == 0 {
		box.Add(widget.NewLabel(T("budget.no_contracts")))
	}
	var dlg dialog.Dialog
	for _, c := range list {
		text := Tf("budget.contract_line", map[string]any{"Title": c.Title, "Provider": c.Provider,
			"Amount": c.Amount.Wanyuan(), "Start": models.FormatDate(c.StartOn), "End": models.FormatDate(c.EndOn),
			"Status": string(c.Status), "Item": c.EntrustedItem})
		label := widget.NewLabel(text)
		label.Wrapping = fyne.TextWrapWord
		if c.Status.Next() == "" {
			box.Add(label)
			continue
		}
		id := c.ID
		next := widget.NewButton(Tf("budget.advance", map[string]any{"Next": string(c.Status.Next())}), func() {
			if _, err := s.w.app.Budget.AdvanceContract(s.w.ctx, id); err != nil {
				s.w.showError(err)
				return
			}
			dlg.Hide()
			s.onContracts()
		})
		box.Add(container.NewBorder(nil, nil, nil, next, label))
	}
	add := widget.NewButton(T("budget.new_contract"), func() {
		dlg.Hide()
		s.onNewContract()
	})
	dlg = dialogCustom(T("budget.contracts"), container.NewBorder(add, nil, nil, nil, container.NewVScroll(box)), s.w.Win)
	dlg.Resize(fyne.NewSize(900, 520))
	dlg.Show()
}

func (s *budgetScreen) onNewContract() {
	title, provider, divisions, amount, item, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(),
		widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	divisions.SetPlaceHolder(T("budget.divisions_hint"))
	amount.SetPlaceHolder(T("budget.amount_yuan"))
	start, end := dateEntry(), dateEntry()
	// The provider is a social organisation registered in 三社互动, or one not registered, by name.
	orgIDs := map[string]int64{}
	orgOpts := []string{T("budget.c_provider_unregistered")}
	if rows, err := s.w.app.Registry.OrgRows(s.w.ctx); err == nil {
		for _, r := range rows {
			if _, dup := orgIDs[r.Name]; !dup && r.Status != "注销" {
				orgIDs[r.Name] = r.ID
				orgOpts = append(orgOpts, r.Name)
			}
		}
	}
	org := newSelect(orgOpts, func(name string) {
		if _, ok := orgIDs[name]; ok {
			provider.SetText(name)
			provider.Disable()
		} else {
			provider.Enable()
		}
	})
	org.SetSelectedIndex(0)
	d := dialog.NewForm(T("budget.new_contract"), T("dialog.confirm"), T("dialog.cancel"), []*widget.FormItem{
		widget.NewFormItem(T("budget.c_title"), title), widget.NewFormItem(T("budget.c_provider_org"), org),
		widget.NewFormItem(T("budget.c_provider"), provider),
		widget.NewFormItem(T("budget.c_divisions"), divisions), widget.NewFormItem(T("budget.c_amount"), amount),
		widget.NewFormItem(T("budget.c_start"), start), widget.NewFormItem(T("budget.c_end"), end),
		widget.NewFormItem(T("budget.c_item"), item), widget.NewFormItem(T("budget.note"), note),
	}, func(ok bool) {
		if !ok {
			return
		}
		var v models.ValidationError
		c := models.PurchaseContract{Title: title.Text, Provider: provider.Text, ProviderOrgID: orgIDs[org.Selected],
			EntrustedItem: item.Text, Note: note.Text}
		c.DivisionCodes = strings.FieldsFunc(divisions.Text, func(r rune) bool { return strings.ContainsRune(",，、 ;；", r) })
		var err error
		if c.Amount, err = models.ParseAmount(amount.Text, models.Yuan); err != nil {
			v.Add(T("budget.c_amount"), userMessage(err))
		}
		if c.StartOn, err = models.ParseDate(start.Text); err != nil {
			v.Add(T("budget.c_start"), userMessage(err))
		}
		if c.EndOn, err = models.ParseDate(end.Text); err != nil {
			v.Add(T("budget.c_end"), userMessage(err))
		}
		if err := v.Err(); err != nil {
			s.w.showError(err)
			return
		}
		if _, err := s.w.app.Budget.SaveContract(s.w.ctx, c); err != nil {
			s.w.showError(err)
			return
		}
		s.onContracts()
	}, s.w.Win)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}
