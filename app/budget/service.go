package budget

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"shequ/app/division"
	"shequ/app/sheet"
	"shequ/app/store"
	"shequ/models"
	"shequ/reports/xlsx"
)

// Service is 经费保障: budget lines per year, their import from sheets, disbursements
// (拨付) and 政府购买服务 contracts.
type Service struct {
	st        *store.Store
	actor     string
	divisions *division.Service
	// beforeImport snapshots the database before an import writes anything.
	beforeImport func(context.Context) error
	orgName      func(ctx context.Context, id int64) (string, error)
}

// Params are what the service needs: the store, who is working, the division lookup and the
// snapshot an import takes before it writes.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
	Snapshot  func(context.Context) error
	// OrgName names a registered social organisation, a contract's provider (三社互动 answers it).
	OrgName func(ctx context.Context, id int64) (string, error)
}

// New makes the service.
func New(p Params) *Service {
	return &Service{st: p.Store, actor: p.Session.Actor, divisions: p.Divisions, beforeImport: p.Snapshot, orgName: p.OrgName}
}

// budgetLookups are the categories and sources by every name a sheet may use.
type budgetLookups struct {
	cats          map[string]int64 // normalised name or alias → id
	catName       map[int64]string
	catList       string
	srcs          map[string]int64
	srcName       map[int64]string
	defaultSource int64
}

func (s *Service) lookups(ctx context.Context) (*budgetLookups, error) {
	cats, err := s.st.BudgetCategories(ctx)
	if err != nil {
		return nil, err
	}
	srcs, err := s.st.FundingSources(ctx)
	if err != nil {
		return nil, err
	}
	lk := &budgetLookups{cats: map[string]int64{}, catName: map[int64]string{}, srcs: map[string]int64{}, srcName: map[int64]string{}}
	var names []string
	for _, c := range cats {
		lk.cats[sheet.Normalize(c.Name)] = c.ID
		lk.catName[c.ID] = c.Name
		names = append(names, c.Name)
		for _, a := range c.Aliases {
			lk.cats[sheet.Normalize(a)] = c.ID
		}
	}
	lk.catList = strings.Join(names, "、")
	for i, x := range srcs {
		lk.srcs[sheet.Normalize(x.Name)] = x.ID
		lk.srcName[x.ID] = x.Name
		if i == 0 {
			lk.defaultSource = x.ID // 县级财政 when a sheet has no source column
		}
	}
	return lk, nil
}

// Categories lists the 经费类别 with their aliases.
func (s *Service) Categories(ctx context.Context) ([]models.BudgetCategory, error) {
	return s.st.BudgetCategories(ctx)
}

// Sources lists the funding sources.
func (s *Service) Sources(ctx context.Context) ([]models.FundingSource, error) {
	return s.st.FundingSources(ctx)
}

func cleanName(label, name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", fmt.Errorf("%w：%s不能为空", models.ErrInvalid, label)
	case len([]rune(name)) > 40:
		return "", fmt.Errorf("%w：%s不能超过 40 个字", models.ErrInvalid, label)
	}
	return name, nil
}

// AddCategory adds a 经费类别; its name must not be a category or alias already (compared as
// imports compare: brackets, widths and spaces folded).
func (s *Service) AddCategory(ctx context.Context, name string) (int64, error) {
	name, err := s.checkNewName(ctx, "经费类别", name)
	if err != nil {
		return 0, err
	}
	return s.st.CreateBudgetCategory(ctx, name, s.actor)
}

// AddSource adds a 资金来源 to the configurable list (seeded with 县级财政、上级补助、其他).
func (s *Service) AddSource(ctx context.Context, name string) (int64, error) {
	name, err := cleanName("资金来源", name)
	if err != nil {
		return 0, err
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		return 0, err
	}
	for _, x := range srcs {
		if sheet.Normalize(x.Name) == sheet.Normalize(name) {
			return 0, fmt.Errorf("%w：资金来源“%s”已存在", models.ErrConflict, x.Name)
		}
	}
	return s.st.CreateFundingSource(ctx, name, s.actor)
}

// AddAlias makes another name count as the category in imports (e.g. 办公经费 → 工作经费).
func (s *Service) AddAlias(ctx context.Context, categoryID int64, alias string) error {
	alias, err := s.checkNewName(ctx, "别名", alias)
	if err != nil {
		return err
	}
	return s.st.AddBudgetCategoryAlias(ctx, categoryID, alias, s.actor)
}

// Filter narrows the list of lines; zero values match everything.
type Filter struct {
	Year       int
	Township   string // a township code: its lines and its villages'
	County     string // a county code: its lines, its townships' and villages' (when no Township)
	CategoryID int64
	SourceID   int64
}

// LineView is one line ready for a table.
type LineView struct {
	ID           int64
	DivisionCode string
	Township     string
	Village      string
	Category     string
	Item         string
	Source       string
	Amount       models.Fen
	Disbursed    models.Fen
	Rate         string // 执行率, e.g. "45.0%"
	Note         string
}

// Totals sum a list of lines.
type Totals struct {
	Lines     int
	Amount    models.Fen
	Disbursed models.Fen
	Rate      string
}

func rateText(disbursed, budget models.Fen) string {
	if budget <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", models.ExecutionRate(disbursed, budget)*100)
}

// Lines lists budget lines with their execution, and the totals.
func (s *Service) Lines(ctx context.Context, f Filter) ([]LineView, Totals, error) {
	rows, err := s.st.BudgetLines(ctx, f.store())
	if err != nil {
		return nil, Totals{}, err
	}
	out, err := s.views(ctx, rows)
	if err != nil {
		return nil, Totals{}, err
	}
	var t Totals
	for _, r := range rows {
		t.Amount += r.Amount
		t.Disbursed += r.Disbursed
	}
	t.Lines = len(out)
	t.Rate = rateText(t.Disbursed, t.Amount)
	return out, t, nil
}

func (s *Service) views(ctx context.Context, rows []store.BudgetLineExec) ([]LineView, error) {
	lk, err := s.lookups(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]LineView, len(rows))
	for i, r := range rows {
		out[i] = s.view(ctx, lk, r)
	}
	return out, nil
}

// view is a line as the screen and the export show it: names instead of ids and codes.
func (s *Service) view(ctx context.Context, lk *budgetLookups, r store.BudgetLineExec) LineView {
	v := LineView{ID: r.ID, DivisionCode: r.DivisionCode, Category: lk.catName[r.CategoryID], Item: r.Item,
		Source: lk.srcName[r.SourceID], Amount: r.Amount, Disbursed: r.Disbursed, Rate: rateText(r.Disbursed, r.Amount), Note: r.Note}
	if d, err := s.divisions.Get(ctx, r.DivisionCode); err == nil {
		switch d.Level {
		case models.LevelVillage:
			v.Village = d.Name
			if p, err := s.divisions.Get(ctx, d.ParentCode); err == nil {
				v.Township = p.Name
			}
		case models.LevelTownship:
			v.Township = d.Name
		default:
			v.Township = d.Name + "（本级）"
		}
	}
	return v
}

// Years lists the years with lines, newest first; the current year when there are none.
func (s *Service) Years(ctx context.Context) ([]int, error) {
	ys, err := s.st.BudgetYears(ctx)
	if err != nil || len(ys) > 0 {
		return ys, err
	}
	return []int{time.Now().Year()}, nil
}

// Batches lists the import batches, newest first.
func (s *Service) Batches(ctx context.Context) ([]models.ImportBatch, error) {
	return s.st.BudgetBatches(ctx)
}

// UndoBatch removes every line an import wrote.
func (s *Service) UndoBatch(ctx context.Context, id int64) error {
	return s.st.UndoBudgetBatch(ctx, id, s.actor)
}

// AddDisbursement records a payment (拨付) against a line; amountText is in 元.
func (s *Service) AddDisbursement(ctx context.Context, lineID int64, paidOn, amountText, note string) (int64, error) {
	var v models.ValidationError
	d := models.Disbursement{LineID: lineID, Note: strings.TrimSpace(note)}
	var err error
	if d.PaidOn, err = models.ParseDate(paidOn); err != nil {
		v.Add("拨付日期", sheet.Reason(err))
	}
	if d.Amount, err = models.ParseAmount(amountText, models.Yuan); err != nil {
		v.Add("拨付金额", sheet.Reason(err))
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	if err := d.Validate(); err != nil {
		return 0, err
	}
	return s.st.AddDisbursement(ctx, d, s.actor)
}

// Disbursements lists a line's payments.
func (s *Service) Disbursements(ctx context.Context, lineID int64) ([]models.Disbursement, error) {
	return s.st.Disbursements(ctx, lineID)
}

// DeleteDisbursement removes a payment entered in error.
func (s *Service) DeleteDisbursement(ctx context.Context, id int64) error {
	return s.st.DeleteDisbursement(ctx, id, s.actor)
}

// Contracts lists the 政府购买服务 contracts.
func (s *Service) Contracts(ctx context.Context) ([]models.PurchaseContract, error) {
	return s.st.Contracts(ctx)
}

// SaveContract validates and stores a contract (ID 0 creates one); divisions must exist.
func (s *Service) SaveContract(ctx context.Context, c models.PurchaseContract) (int64, error) {
	c.Title, c.Provider, c.EntrustedItem, c.Note = strings.TrimSpace(c.Title), strings.TrimSpace(c.Provider),
		strings.TrimSpace(c.EntrustedItem), strings.TrimSpace(c.Note)
	if c.Status == "" {
		c.Status = models.ContractProposed
	}
	if c.ProviderOrgID != 0 {
		name, err := s.orgName(ctx, c.ProviderOrgID)
		if err != nil {
			return 0, fmt.Errorf("%w：承接主体（登记编号 %d）不在三社互动的社会组织中", models.ErrInvalid, c.ProviderOrgID)
		}
		c.Provider = name
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	var v models.ValidationError
	for _, code := range c.DivisionCodes {
		if _, err := s.divisions.Get(ctx, code); err != nil {
			v.Add("服务区划", "区划代码 "+code+" 不存在")
		}
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	return s.st.SaveContract(ctx, c, s.actor)
}

// AdvanceContract moves a contract one step along 立项 → 采购 → 签约 → 执行 → 验收 → 结项.
func (s *Service) AdvanceContract(ctx context.Context, id int64) (models.ContractStatus, error) {
	all, err := s.st.Contracts(ctx)
	if err != nil {
		return "", err
	}
	for _, c := range all {
		if c.ID != id {
			continue
		}
		next := c.Status.Next()
		if next == "" {
			return "", fmt.Errorf("%w：合同“%s”已结项", models.ErrInvalid, c.Title)
		}
		c.Status = next
		_, err := s.st.SaveContract(ctx, c, s.actor)
		return next, err
	}
	return "", fmt.Errorf("%w：购买服务合同 %d", models.ErrNotFound, id)
}

var budgetExportColumns = []xlsx.Column{
	{Header: "区划代码", Width: 16}, {Header: "乡镇（街道）", Width: 16}, {Header: "村（社区）", Width: 24},
	{Header: "经费类别", Width: 14}, {Header: "项目名称", Width: 28}, {Header: "金额（元）", Kind: xlsx.Money, Width: 16},
	{Header: "资金来源", Width: 12}, {Header: "已拨付（元）", Kind: xlsx.Money, Width: 16},
	{Header: "执行率", Kind: xlsx.Percent, Width: 10}, {Header: "备注", Width: 24},
}

// Export writes a year's lines as an .xlsx the import reads back. The lines stream from the
// database into the workbook, so a whole city's year (100,000 lines) is never held at once.
func (s *Service) Export(ctx context.Context, year int, w io.Writer) (int, error) {
	f := store.BudgetLineFilter{Year: year}
	n, err := s.st.CountBudgetLines(ctx, f)
	if err != nil {
		return 0, err
	}
	lk, err := s.lookups(ctx)
	if err != nil {
		return 0, err
	}
	var amount, disbursed models.Fen
	var writeErr error // the workbook's, told apart from the database's
	src := &xlsx.RowSource{Count: n,
		Each: func(emit func([]any) error) error {
			row := make([]any, len(budgetExportColumns))
			return s.st.EachBudgetLine(ctx, f, func(r store.BudgetLineExec) error {
				l := s.view(ctx, lk, r)
				row[0], row[1], row[2], row[3], row[4] = l.DivisionCode, l.Township, l.Village, l.Category, l.Item
				row[5], row[6], row[7], row[8], row[9] = l.Amount, l.Source, l.Disbursed, models.ExecutionRate(l.Disbursed, l.Amount), l.Note
				amount += l.Amount
				disbursed += l.Disbursed
				if writeErr = emit(row); writeErr != nil {
					return writeErr
				}
				return ctx.Err()
			})
		},
		Totals: func() []any {
			return []any{"合计", nil, nil, nil, nil, amount, nil, disbursed, models.ExecutionRate(disbursed, amount), nil}
		}}
	err = xlsx.Write(w, xlsx.Sheet{
		Name: fmt.Sprintf("%d年预算", year), Title: fmt.Sprintf("%d年村（社区）经费预算及执行情况", year),
		Columns: budgetExportColumns, Source: src})
	switch {
	case writeErr != nil:
		return 0, fmt.Errorf("写入工作簿失败：%w", writeErr)
	case ctx.Err() != nil:
		return 0, fmt.Errorf("已取消导出：%w", ctx.Err())
	case err != nil:
		return 0, err
	}
	return n, nil
}

// templateRows is how many empty rows of the template carry the category dropdown.
const templateRows = 2000

// Template writes an empty budget sheet for county with the expected headers, a 经费类别
// and 资金来源 dropdown, and a second sheet listing the county's divisions and codes.
func (s *Service) Template(ctx context.Context, county string, year int, w io.Writer) error {
	c, err := s.divisions.Get(ctx, county)
	if err != nil {
		return err
	}
	if c.Level != models.LevelCounty {
		return fmt.Errorf("%w：%s（%s）不是县（市、区）", models.ErrInvalid, c.Name, county)
	}
	cats, err := s.Categories(ctx)
	if err != nil {
		return err
	}
	srcs, err := s.Sources(ctx)
	if err != nil {
		return err
	}
	var catNames, srcNames []string
	for _, x := range cats {
		catNames = append(catNames, x.Name)
	}
	for _, x := range srcs {
		srcNames = append(srcNames, x.Name)
	}
	var divRows [][]any
	towns, err := s.divisions.Children(ctx, county)
	if err != nil {
		return err
	}
	for _, t := range towns {
		if !t.Active() {
			continue
		}
		divRows = append(divRows, []any{t.Code, t.Name, "", "乡镇（街道）"})
		vills, err := s.divisions.Children(ctx, t.Code)
		if err != nil {
			return err
		}
		sort.Slice(vills, func(i, j int) bool { return vills[i].Code < vills[j].Code })
		for _, v := range vills {
			if v.Active() {
				divRows = append(divRows, []any{v.Code, t.Name, v.Name, v.Kind()})
			}
		}
	}
	return xlsx.Write(w,
		xlsx.Sheet{Name: "预算明细", Title: fmt.Sprintf("%s%d年村（社区）经费预算表", c.Name, year),
			Columns: []xlsx.Column{{Header: "区划代码", Width: 16}, {Header: "乡镇（街道）", Width: 16},
				{Header: "村（社区）", Width: 24}, {Header: "经费类别", Width: 14}, {Header: "项目名称", Width: 28},
				{Header: "金额（元）", Width: 16}, {Header: "资金来源", Width: 12}, {Header: "备注", Width: 24}},
			Dropdowns: []xlsx.Dropdown{{Column: 3, Rows: templateRows, Options: catNames}, {Column: 6, Rows: templateRows, Options: srcNames}}},
		xlsx.Sheet{Name: "区划代码表", Title: c.Name + "区划代码（填写区划代码时可从此表复制）",
			Columns: []xlsx.Column{{Header: "区划代码", Width: 16}, {Header: "乡镇（街道）", Width: 18},
				{Header: "村（社区）", Width: 28}, {Header: "类型", Width: 12}},
			Rows: divRows},
	)
}

// Counts is the budget part of `summary --json`: all lines of all years.
type Counts struct {
	Lines    int64 `json:"lines"`
	TotalFen int64 `json:"total_fen"`
}

// Counts counts all budget lines and sums them.
func (s *Service) Counts(ctx context.Context) (Counts, error) {
	n, t, err := s.st.BudgetTotals(ctx)
	return Counts{Lines: n, TotalFen: int64(t)}, err
}

// Sums are the year's budget and disbursed totals under a division prefix (a county's 6 digits,
// the city's 4), per division and per category, summed in the database.
func (s *Service) Sums(ctx context.Context, year int, prefix string) (store.BudgetTotals, error) {
	return s.st.BudgetSums(ctx, year, prefix)
}

// CategorySum is the year's budget of one category (by name) for a village and how many lines
// it sums: the checklist proposes it for the 工作经费 indicator.
func (s *Service) CategorySum(ctx context.Context, code string, year int, category string) (models.Fen, int, error) {
	return s.st.BudgetCategorySum(ctx, code, year, category)
}

// ContractsInYear counts the 政府购买服务 contracts of the year that name the village.
func (s *Service) ContractsInYear(ctx context.Context, code string, year int) (int, error) {
	return s.st.PurchaseContractsInYear(ctx, code, year)
}
