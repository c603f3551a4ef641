package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// The catalogues of what a community does for the county: its service items (the county's
// catalogue, 费随事转) and the work the departments ask of it (村级组织工作事项).

func serviceCatalogueTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.ServiceItem
	t := &ledgerTab{s: s, name: T("ledgers.tab_service_catalogue"),
		headers: []string{"服务事项", "类别", "主管部门", "委托协议", "费随事转（元）", "预算合同"},
		widths:  []float32{180, 110, 120, 140, 110, 300}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.ServiceCatalogue(ctx, s.code)
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, it := range list {
			amount := ""
			if it.Amount != 0 {
				amount = it.Amount.Yuan()
			}
			rows[i] = []string{it.Name, string(it.Class), it.Department, it.Agreement, amount, it.FundingText()}
			ids[i] = it.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteServiceItem(ctx, id) }
	t.edit = func(id int64) {
		it := models.ServiceItem{CountyCode: countyCode(s.code), Class: models.ServiceSelfGov}
		if i := slices.IndexFunc(list, func(x models.ServiceItem) bool { return x.ID == id }); i >= 0 {
			it = list[i]
		}
		name, dept, agreement, budget := entry(it.Name), entry(it.Department), entry(it.Agreement), entry(it.BudgetRef)
		class := choice(strs(models.ServiceClasses), string(it.Class))
		amount := entry("")
		if it.Amount != 0 {
			amount.SetText(it.Amount.Yuan())
		}
		amount.SetPlaceHolder(T("ledgers.amount_hint"))
		budget.SetPlaceHolder(T("ledgers.budget_ref_hint"))
		contracts, err := svc.ServiceContracts(ctx, s.code)
		if err != nil {
			s.w.showError(err)
			return
		}
		opts, sel := []string{T("ledgers.no_contract")}, T("ledgers.no_contract")
		for _, c := range contracts {
			label := Tf("ledgers.contract_option", map[string]any{"Title": c.Title, "Provider": c.Provider, "Amount": c.Amount.Yuan()})
			opts = append(opts, label)
			if c.ID == it.ContractID {
				sel = label
			}
		}
		contract := choice(opts, sel)
		s.openForm(T("ledgers.tab_service_catalogue"), []*widget.FormItem{item("ledgers.f_service", name),
			item("ledgers.f_class", class), item("ledgers.f_department", dept), item("ledgers.f_agreement", agreement),
			item("ledgers.f_amount", amount), item("ledgers.f_contract", contract), item("ledgers.f_budget_ref", budget),
		}, func() error {
			var r formReader
			it.Name, it.Department, it.Agreement, it.BudgetRef = name.Text, dept.Text, agreement.Text, budget.Text
			it.ContractID = 0
			if i := contract.SelectedIndex(); i > 0 {
				it.ContractID = contracts[i-1].ID
			}
			it.Class = models.ServiceClass(class.Selected)
			it.Amount = r.money(T("ledgers.f_amount"), amount.Text)
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveServiceItem(ctx, it)
			return err
		})
	}
	return t.build()
}

func taskTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.CommunityTask
	var items []models.ServiceItem
	t := &ledgerTab{s: s, name: T("ledgers.tab_tasks"),
		headers: []string{"事项名称", "交办部门", "准入目录事项", "委托协议签订", "到位经费（元）", "核对结果"},
		widths:  []float32{220, 130, 200, 120, 130, 260}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		if items, err = svc.ServiceCatalogue(ctx, s.code); err != nil {
			return nil, nil, err
		}
		list, err = svc.CommunityTasks(ctx, s.code, s.selectedYear())
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, tk := range list {
			name := ""
			for _, it := range items {
				if it.ID == tk.ItemID {
					name = it.Name
				}
			}
			check := T("ledgers.task_ok")
			if f := models.CheckTask(tk, items); len(f) > 0 {
				check = strings.Join(strs(f), "；")
			}
			rows[i] = []string{tk.Name, tk.Department, name, models.FormatDate(tk.AgreementOn), tk.Funded.Yuan(), check}
			ids[i] = tk.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteCommunityTask(ctx, id) }
	t.edit = func(id int64) {
		tk := models.CommunityTask{DivisionCode: s.code, Year: s.selectedYear()}
		if i := slices.IndexFunc(list, func(x models.CommunityTask) bool { return x.ID == id }); i >= 0 {
			tk = list[i]
		}
		opts, sel := []string{T("ledgers.not_in_catalogue")}, T("ledgers.not_in_catalogue")
		for _, it := range items {
			label := it.Name + "（" + string(it.Class) + "）"
			opts = append(opts, label)
			if it.ID == tk.ItemID {
				sel = label
			}
		}
		name, dept, agreed := entry(tk.Name), entry(tk.Department), dayEntry(tk.AgreementOn)
		funded := entry("")
		if tk.Funded != 0 {
			funded.SetText(tk.Funded.Yuan())
		}
		funded.SetPlaceHolder(T("ledgers.amount_hint"))
		catalogue := choice(opts, sel)
		s.openForm(T("ledgers.tab_tasks"), []*widget.FormItem{item("ledgers.f_task", name),
			item("ledgers.f_department", dept), item("ledgers.f_catalogue_item", catalogue),
			item("ledgers.f_agreement_on", agreed), item("ledgers.f_funded", funded),
		}, func() error {
			var r formReader
			tk.Name, tk.Department = name.Text, dept.Text
			tk.AgreementOn = r.date(T("ledgers.f_agreement_on"), agreed.Text)
			tk.Funded = r.money(T("ledgers.f_funded"), funded.Text)
			tk.ItemID = 0
			if i := catalogue.SelectedIndex(); i > 0 {
				tk.ItemID = items[i-1].ID
			}
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveCommunityTask(ctx, tk)
			return err
		})
	}
	return t.build()
}
