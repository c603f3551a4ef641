package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"shequ/app/auth"
	"shequ/app/budget"
	"shequ/app/store"
	"shequ/models"
)

// TestBudgetCategoryNames: a name may be a category or an alias once, compared as imports
// compare (brackets, widths, spaces folded); empty names are refused.
func TestBudgetCategoryNames(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Budget.AddCategory(ctx, "  "); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("empty category: %v", err)
	}
	id, err := a.Budget.AddCategory(ctx, "阵地建设")
	if err != nil {
		t.Fatal(err)
	}
	work := int64(0)
	cats, _ := a.Budget.Categories(ctx)
	for _, c := range cats {
		if c.Name == "工作经费" {
			work = c.ID
		}
	}
	tests := []struct {
		name  string
		cat   int64
		alias string
		want  error
	}{
		{"empty alias", id, " ", models.ErrInvalid},
		{"alias is a category", id, "工作经费", models.ErrConflict},
		{"alias is a category with a space", work, "阵地 建设", models.ErrConflict},
		{"new alias", id, "（阵地）经费", nil},
		{"same alias, half-width brackets, other category", work, "(阵地)经费", models.ErrConflict},
		{"same alias again", id, "（阵地）经费", models.ErrConflict},
		{"unknown category", 9999, "别的", models.ErrNotFound},
	}
	for _, tc := range tests {
		err := a.Budget.AddAlias(ctx, tc.cat, tc.alias)
		if (tc.want == nil) != (err == nil) || tc.want != nil && !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := a.Budget.AddCategory(ctx, "（阵地）经费"); !errors.Is(err, models.ErrConflict) || !strings.Contains(err.Error(), "阵地建设") {
		t.Errorf("category named like an alias: %v", err)
	}
	cats, _ = a.Budget.Categories(ctx)
	last := cats[len(cats)-1]
	if last.Name != "阵地建设" || len(last.Aliases) != 1 || last.Aliases[0] != "（阵地）经费" {
		t.Errorf("categories %+v", cats)
	}
}

// TestBudgetAddLineAndRates: a line entered by hand is validated whole, recorded with an
// audit entry, and counted in the execution rates by township, category and year.
func TestBudgetAddLineAndRates(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	_, err := a.Budget.AddLine(ctx, budget.LineInput{AmountText: "壹万元"})
	var ve *models.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("empty line: %v", err)
	}
	fields := map[string]string{}
	for _, f := range ve.Fields {
		fields[f.Field] += f.Message
	}
	for _, f := range []string{"年度", "区划", "经费类别", "资金来源", "金额"} {
		if fields[f] == "" {
			t.Errorf("no message for %s: %v", f, err)
		}
	}
	if strings.Count(err.Error(), "金额") != 1 {
		t.Errorf("amount reported twice: %v", err)
	}
	cats, _ := a.Budget.Categories(ctx)
	srcs, _ := a.Budget.Sources(ctx)
	if _, err := a.Budget.AddLine(ctx, budget.LineInput{Year: 2026, DivisionCode: "511323999999", CategoryID: cats[0].ID,
		AmountText: "1", SourceID: srcs[0].ID}); !errors.As(err, &ve) || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("unknown division: %v", err)
	}
	in := []budget.LineInput{
		{Year: 2026, DivisionCode: "511323102001", CategoryID: cats[0].ID, Item: "办公", AmountText: "1,234.50", SourceID: srcs[0].ID},
		{Year: 2026, DivisionCode: "511323102000", CategoryID: cats[1].ID, AmountText: "800", SourceID: srcs[0].ID},
		{Year: 2026, DivisionCode: "511323101001", CategoryID: cats[0].ID, AmountText: "1000", SourceID: srcs[1].ID},
		{Year: 2025, DivisionCode: "511323102001", CategoryID: cats[0].ID, AmountText: "500", SourceID: srcs[0].ID, Note: "上年"},
	}
	var ids []int64
	for _, l := range in {
		id, err := a.Budget.AddLine(ctx, l)
		if err != nil {
			t.Fatalf("%+v: %v", l, err)
		}
		ids = append(ids, id)
	}
	lines, tot, err := a.Budget.Lines(ctx, budget.Filter{Year: 2026})
	if err != nil || len(lines) != 3 || tot.Amount != 303450 {
		t.Fatalf("lines %+v %+v %v", lines, tot, err)
	}
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "预算明细"})
	if len(entries) != 4 {
		t.Errorf("%d audit entries for 4 lines", len(entries))
	}
	if _, err := a.Budget.AddDisbursement(ctx, ids[0], "2026-03-01", "617.25", ""); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		by   string
		want []string // name lines amount disbursed rate
	}{
		{budget.RateByDivision, []string{"巨龙镇 2 2034.50 617.25 30.3%"}},
		{budget.RateByCategory, []string{cats[0].Name + " 2 2234.50 617.25 27.6%", cats[1].Name + " 1 800.00 0.00 0.0%"}},
		{budget.RateByYear, []string{"2026年 3 3034.50 617.25 20.3%", "2025年 1 500.00 0.00 0.0%"}},
	}
	for _, tc := range tests {
		rows, err := a.Budget.ExecutionSummary(ctx, tc.by, 2026)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, strings.Join([]string{r.Name, strconv.Itoa(r.Lines), r.Amount.Yuan(), r.Disbursed.Yuan(), r.Rate}, " "))
		}
		joined := strings.ReplaceAll(strings.Join(got, "|"), ",", "")
		for _, w := range tc.want {
			if !strings.Contains("|"+joined+"|", "|"+w+"|") {
				t.Errorf("%s: %q lacks %q", tc.by, joined, w)
			}
		}
	}
	if _, err := a.Budget.ExecutionSummary(ctx, "乡镇", 2026); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("unknown grouping: %v", err)
	}
}

// TestImportPreviewKeepsBadRows: a preview keeps the rows with errors, as written, so the
// screen can show each error in its row and cell; an import does not keep them.
func TestImportPreviewKeepsBadRows(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := writeWorkbook(t, "预算.xlsx", simpleSheet("蓬安县2026年经费预算表",
		[]any{"巨龙镇", "街道社区", "工作经费", "办公", "100"},
		[]any{"巨龙镇", "没有这个村", "工作经费", "", "壹万元"},
		[]any{"兴旺镇", "街道社区", "不知道", "", "5"}))
	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan, DryRun: true})
	if err != nil || res.OK || len(res.Errors) != 3 || len(res.Lines) != 3 {
		t.Fatalf("%v ok=%v errors:\n%s\nlines %+v", err, res.OK, issues(res.Errors), res.Lines)
	}
	if l := res.Lines[0]; l.Bad || l.Row != 3 || l.DivisionCode != "511323102001" {
		t.Errorf("good row %+v", l)
	}
	if l := res.Lines[1]; !l.Bad || l.Row != 4 || l.DivisionName != "巨龙镇 没有这个村" || l.AmountText != "壹万元" {
		t.Errorf("bad row %+v", l)
	}
	if l := res.Lines[2]; !l.Bad || l.DivisionCode == "" || l.Category != "不知道" {
		t.Errorf("bad category row %+v", l)
	}
	keys := map[string]bool{}
	for _, e := range res.Errors {
		keys[e.Column+e.Key] = true
	}
	for _, k := range []string{"Bvillage", "Eamount", "Ccategory"} {
		if !keys[k] {
			t.Errorf("no issue keyed %s: %v", k, keys)
		}
	}
	res, err = a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan})
	if err != nil || res.OK || len(res.Lines) != 0 || res.Batch != 0 {
		t.Errorf("import of a bad sheet: %v %+v", err, res)
	}
}

func TestAddFundingSource(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	id, err := a.Budget.AddSource(ctx, " 社会捐赠 ")
	if err != nil || id == 0 {
		t.Fatalf("add: %d %v", id, err)
	}
	srcs, _ := a.Budget.Sources(ctx)
	if srcs[len(srcs)-1].Name != "社会捐赠" {
		t.Fatalf("sources %+v", srcs)
	}
	for _, bad := range []string{"", "县级财政", "社会 捐赠"} {
		if _, err := a.Budget.AddSource(ctx, bad); err == nil {
			t.Errorf("AddSource(%q) accepted", bad)
		}
	}
	// A line can be entered with the new source.
	if _, err := a.Budget.AddLine(ctx, budget.LineInput{Year: 2026, DivisionCode: "511302001001", CategoryID: 1,
		Item: "捐赠项目", AmountText: "500", SourceID: id}); err != nil {
		t.Fatal(err)
	}
}

// A purchase-of-service contract names its provider by the registered social organisation.
func TestContractProviderLinkedToRegistry(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	orgID, err := a.Registry.SaveOrg(ctx, testOrg(t, 3, "平城街社工服务中心"))
	if err != nil {
		t.Fatal(err)
	}
	c := models.PurchaseContract{Title: "居家养老服务", Provider: "随便写的名字", ProviderOrgID: orgID,
		DivisionCodes: []string{"511302001001"}, Amount: 5000000,
		StartOn: regDay(t, "2026-01-01"), EndOn: regDay(t, "2026-12-31"), EntrustedItem: "居家养老上门服务"}
	id, err := a.Budget.SaveContract(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := a.Budget.Contracts(ctx)
	var got models.PurchaseContract
	for _, x := range list {
		if x.ID == id {
			got = x
		}
	}
	if got.ProviderOrgID != orgID || got.Provider != "平城街社工服务中心" {
		t.Fatalf("contract %+v", got)
	}
	c.ProviderOrgID = 99999
	if _, err := a.Budget.SaveContract(ctx, c); err == nil {
		t.Fatal("a contract with an unknown organisation was saved")
	}
	// Naming the provider reads the organisation without revealing its contacts.
	rows, err := a.AuditLog.Rows(ctx, auth.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if strings.Contains(r.Note+r.Changes, "查看完整") {
			t.Errorf("saving a contract recorded a reveal: %+v", r)
		}
	}
}
