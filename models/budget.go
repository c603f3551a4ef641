package models

import (
	"fmt"
	"strings"
	"time"
)

// BudgetCategory is one 经费类别 (工作经费, 人员报酬 …) with the other names clerks write for it.
type BudgetCategory struct {
	ID      int64
	Name    string
	Aliases []string
}

// FundingSource is where a budget line's money comes from (县级财政, 上级补助, 其他).
type FundingSource struct {
	ID   int64
	Name string
}

// BudgetLine is one line of a county's community budget: an amount for a division, a
// category and a year. BatchID is set when the line came from an imported sheet.
type BudgetLine struct {
	ID           int64
	Year         int
	DivisionCode string
	CategoryID   int64
	Item         string
	Amount       Fen
	SourceID     int64
	Note         string
	BatchID      int64
	SourceRow    int // the sheet row it was imported from
}

// Validate checks a line a clerk enters by hand; imports report per cell instead.
func (l BudgetLine) Validate() error {
	var v ValidationError
	if !ValidYear(l.Year) {
		v.Add("年度", fmt.Sprintf("%d 不是有效的年度", l.Year))
	}
	if ValidateCode(l.DivisionCode) != nil {
		v.Add("区划", "请选择区划")
	}
	if l.CategoryID == 0 {
		v.Add("经费类别", "请选择经费类别")
	}
	if l.SourceID == 0 {
		v.Add("资金来源", "请选择资金来源")
	}
	if l.Amount <= 0 {
		v.Add("金额", "应大于 0")
	}
	if len([]rune(l.Item)) > 200 {
		v.Add("项目名称", "不能超过 200 个字")
	}
	return v.Err()
}

// ImportBatch is one imported sheet; undoing it removes all its lines.
type ImportBatch struct {
	ID         int64
	FileName   string
	SHA256     string
	Sheet      string
	Year       int
	CountyCode string
	ImportedAt time.Time
	ImportedBy string
	Rows       int
	Total      Fen
	UndoneAt   *time.Time
	UndoneBy   string
}

// Disbursement (拨付) is money actually paid out against a budget line.
type Disbursement struct {
	ID        int64
	LineID    int64
	PaidOn    time.Time
	Amount    Fen
	Note      string
	CreatedBy string
}

// Validate checks a disbursement before it is stored.
func (d Disbursement) Validate() error {
	var v ValidationError
	if d.LineID == 0 {
		v.Add("预算明细", "请选择要拨付的预算明细")
	}
	if d.PaidOn.IsZero() {
		v.Add("拨付日期", "不能为空")
	}
	if d.Amount <= 0 {
		v.Add("拨付金额", "应大于 0")
	}
	return v.Err()
}

// ExecutionRate is disbursed ÷ budgeted, 0 when nothing is budgeted.
func ExecutionRate(disbursed, budget Fen) float64 {
	if budget <= 0 {
		return 0
	}
	return float64(disbursed) / float64(budget)
}

// ContractStatus is a step of a 政府购买服务 contract's life.
type ContractStatus string

// The status chain, in order: 立项 → 采购 → 签约 → 执行 → 验收 → 结项.
const (
	ContractProposed  ContractStatus = "立项"
	ContractProcuring ContractStatus = "采购"
	ContractSigned    ContractStatus = "签约"
	ContractExecuting ContractStatus = "执行"
	ContractAccepted  ContractStatus = "验收"
	ContractClosed    ContractStatus = "结项"
)

// ContractStatuses lists the chain in order.
var ContractStatuses = []ContractStatus{ContractProposed, ContractProcuring, ContractSigned,
	ContractExecuting, ContractAccepted, ContractClosed}

// Next is the status after s, or "" after 结项.
func (s ContractStatus) Next() ContractStatus {
	for i, x := range ContractStatuses {
		if x == s && i+1 < len(ContractStatuses) {
			return ContractStatuses[i+1]
		}
	}
	return ""
}

// PurchaseContract is a 政府购买服务 contract: a provider paid to deliver an entrusted item
// (费随事转) for some divisions.
type PurchaseContract struct {
	ID            int64
	Title         string
	Provider      string // the provider's name (kept in step with the registered organisation)
	ProviderOrgID int64  // the registered social organisation (三社互动), 0 when it is not registered
	DivisionCodes []string
	Amount        Fen
	StartOn       time.Time
	EndOn         time.Time
	Status        ContractStatus
	EntrustedItem string // the task handed down that the money follows
	BudgetLineID  int64  // optional
	Note          string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Validate returns every problem at once.
func (c PurchaseContract) Validate() error {
	var v ValidationError
	if strings.TrimSpace(c.Title) == "" {
		v.Add("项目名称", "不能为空")
	} else if len([]rune(c.Title)) > 200 {
		v.Add("项目名称", "不能超过 200 个字")
	}
	if strings.TrimSpace(c.Provider) == "" {
		v.Add("承接主体", "不能为空")
	}
	if len(c.DivisionCodes) == 0 {
		v.Add("服务区划", "至少选择一个服务的区划")
	}
	if c.Amount <= 0 {
		v.Add("合同金额", "应大于 0")
	}
	if c.StartOn.IsZero() || c.EndOn.IsZero() {
		v.Add("服务期限", "起止日期都要填写")
	} else if c.EndOn.Before(c.StartOn) {
		v.Add("服务期限", "结束日期早于开始日期")
	}
	valid := false
	for _, s := range ContractStatuses {
		valid = valid || s == c.Status
	}
	if !valid {
		v.Add("状态", fmt.Sprintf("“%s”不是有效状态", c.Status))
	}
	if strings.TrimSpace(c.EntrustedItem) == "" {
		v.Add("委托事项", "请填写这笔经费对应的委托事项（费随事转）")
	}
	return v.Err()
}
