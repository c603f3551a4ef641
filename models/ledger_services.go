package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ServiceClass is how a public-service item is delivered (意见 三（二）2 推进政社分开).
type ServiceClass string

const (
	// ServiceGovernment items are provided by the township government itself and must not be
	// passed on to the village or residents' committee.
	ServiceGovernment ServiceClass = "政府直接提供"
	// ServiceAssist items the community helps with by law: a 委托协议 and 费随事转 (money follows the task).
	ServiceAssist ServiceClass = "依法协助政府"
	// ServiceSelfGov items are the committee's own duties, handled through self-governance.
	ServiceSelfGov ServiceClass = "自治事项"
)

// ServiceClasses lists the classes.
var ServiceClasses = []ServiceClass{ServiceGovernment, ServiceAssist, ServiceSelfGov}

// ServiceItem is one entry of a county's 村(社区)公共服务准入制度目录.
type ServiceItem struct {
	Versioned
	ID         int64
	CountyCode string
	Name       string
	Department string // the department that owns the matter
	Class      ServiceClass
	// For 依法协助政府: the model agreement and the yearly funds that follow the task, per community.
	Agreement string
	Amount    Fen
	// ContractID links the 政府购买服务 contract of the budget ledger the funds come from (0: none);
	// ContractTitle and ContractAmount are read with the item, for showing.
	ContractID     int64
	ContractTitle  string
	ContractAmount Fen
	// BudgetRef is the free-text reference of items recorded before contracts could be linked.
	BudgetRef string
}

// FundingText names where the item's funds come from: the linked contract with its amount, or
// the old free-text reference.
func (s ServiceItem) FundingText() string {
	if s.ContractID != 0 {
		return fmt.Sprintf("%s（%s 元）", s.ContractTitle, s.ContractAmount.Yuan())
	}
	return s.BudgetRef
}

// Validate returns every problem of the item at once.
func (s ServiceItem) Validate() error {
	var v ValidationError
	requireText(&v, "服务事项", s.Name, 100)
	limitText(&v, "主管部门", s.Department, 100)
	switch s.Class {
	case ServiceAssist:
		requireText(&v, "委托协议", s.Agreement, 200)
		if s.Amount <= 0 {
			v.Add("费随事转金额", "依法协助政府的事项须实行费随事转，金额应大于 0")
		}
	case ServiceGovernment, ServiceSelfGov:
		if s.Amount != 0 || strings.TrimSpace(s.Agreement) != "" {
			v.Add("费随事转金额", "只有“依法协助政府”的事项签订委托协议、填写金额")
		}
	default:
		v.Add("类别", fmt.Sprintf("“%s”不是可选的类别（%s）", s.Class, joinClasses()))
	}
	if s.Amount < 0 {
		v.Add("费随事转金额", "不能为负数")
	}
	limitText(&v, "预算合同", s.BudgetRef, 100)
	if s.ContractID != 0 && s.Class != ServiceAssist {
		v.Add("政府购买服务合同", "只有“依法协助政府”的事项关联购买服务合同")
	}
	return v.Err()
}

func joinClasses() string {
	out := make([]string, len(ServiceClasses))
	for i, c := range ServiceClasses {
		out[i] = string(c)
	}
	return strings.Join(out, "、")
}

// CommunityTask is a matter a department has put on a community in a year: the community's task
// list that is checked against the catalogue.
type CommunityTask struct {
	Versioned
	ID           int64
	DivisionCode string
	Year         int
	Name         string
	Department   string
	ItemID       int64 // the catalogue entry it falls under; 0 if none
	AgreementOn  time.Time
	Funded       Fen // funds the community actually received for it
}

// Validate returns every problem of the task at once.
func (t CommunityTask) Validate() error {
	var v ValidationError
	requireText(&v, "事项名称", t.Name, 100)
	limitText(&v, "交办部门", t.Department, 100)
	if !ValidYear(t.Year) {
		v.Add("年度", "应在 "+YearRange+" 年之间")
	}
	if t.Funded < 0 {
		v.Add("到位经费", "不能为负数")
	}
	return v.Err()
}

// TaskFinding is one problem checking a task against the catalogue found.
type TaskFinding string

const (
	FindingNotListed    TaskFinding = "未列入准入目录"
	FindingGovernment   TaskFinding = "属政府直接提供，不得转嫁"
	FindingNoAgreement  TaskFinding = "未签订委托协议"
	FindingFundsMissing TaskFinding = "经费未随事转"
)

// CheckTask checks a task against the catalogue items of its county; no findings means it is in order.
func CheckTask(t CommunityTask, items []ServiceItem) []TaskFinding {
	i := slices.IndexFunc(items, func(s ServiceItem) bool { return s.ID == t.ItemID })
	if t.ItemID == 0 || i < 0 {
		return []TaskFinding{FindingNotListed}
	}
	var out []TaskFinding
	switch items[i].Class {
	case ServiceGovernment:
		out = append(out, FindingGovernment)
	case ServiceAssist:
		if t.AgreementOn.IsZero() {
			out = append(out, FindingNoAgreement)
		}
		if t.Funded < items[i].Amount {
			out = append(out, FindingFundsMissing)
		}
	}
	return out
}
