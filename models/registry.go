package models

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// 社会组织 form, community type, nature and status, as the registry and the policy name them.
var (
	OrgForms       = []string{"社会团体", "民办非企业单位（社会服务机构）", "基金会", "备案的社区社会组织"}
	OrgTypes       = []string{"生活服务类", "社区事务类", "文体活动类", "公益慈善类"}
	OrgNatures     = []string{"服务性", "公益性", "互助性"}
	OrgStatuses    = []string{"正常", "异常名录", "注销"}
	InspectResults = []string{"合格", "基本合格", "不合格", "未参检"}
	OrgGrades      = []string{"1A", "2A", "3A", "4A", "5A"}
)

// OrgFormFiled is the 备案 form, the one that may have no 统一社会信用代码.
const OrgFormFiled = "备案的社区社会组织"

// Qualification levels of a social worker.
const (
	QualNone      = "无"
	QualAssistant = "助理社会工作师"
	QualWorker    = "社会工作师"
	QualSenior    = "高级社会工作师"
)

// Qualifications lists the levels from none to highest; CertifiedQualifications those with a subsidy.
var (
	Qualifications          = []string{QualNone, QualAssistant, QualWorker, QualSenior}
	CertifiedQualifications = []string{QualAssistant, QualWorker, QualSenior}
	WorkerPosts             = []string{"社区专职工作者", "社工站社工", "网格员", "社会组织从业人员", "其他"}
	WorkerStatuses          = []string{"在岗", "离岗"}
	EmployerKinds           = []string{"社会组织", "社区", "其他单位"}
	ProjectStatuses         = []string{"筹备", "实施中", "已结项", "已终止"}
)

// SocialOrg is a 社会组织 in the county's registry.
type SocialOrg struct {
	ID            int64
	CountyCode    string
	DivisionCode  string // where it is based: a township or a village/community
	Name          string
	USCC          string // 统一社会信用代码; empty only for the 备案 form
	RegNo         string // 登记证号
	Form          string
	Type          string // Sichuan's community type
	Nature        string // 服务性/公益性/互助性
	Authority     string // 登记管理机关
	Supervisor    string // 业务主管单位
	Leader        string // 法定代表人或负责人
	LeaderPhone   string
	Address       string
	Established   time.Time // zero when unknown
	Members       int64
	Status        string
	ServedCodes   []string // villages/communities it serves
	StatusChanged time.Time
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

func oneOf(v *ValidationError, label, val string, list []string) {
	if val == "" {
		v.Add(label, "不能为空")
	} else if !slices.Contains(list, val) {
		v.Add(label, fmt.Sprintf("“%s”不是可选值（%s）", val, strings.Join(list, "、")))
	}
}

func maxLen(v *ValidationError, label, val string, n int) {
	if len([]rune(val)) > n {
		v.Add(label, fmt.Sprintf("不能超过 %d 个字", n))
	}
}

// Validate returns every problem of the organisation at once.
func (o SocialOrg) Validate() error {
	var v ValidationError
	if strings.TrimSpace(o.Name) == "" {
		v.Add("名称", "不能为空")
	}
	maxLen(&v, "名称", o.Name, 100)
	if o.USCC == "" {
		if o.Form != OrgFormFiled {
			v.Add("统一社会信用代码", "不能为空（只有备案的社区社会组织可以没有）")
		}
	} else if err := ValidateUSCC(o.USCC); err != nil {
		v.Add("统一社会信用代码", strings.TrimPrefix(err.Error(), ErrInvalid.Error()+"："))
	}
	oneOf(&v, "组织形式", o.Form, OrgForms)
	oneOf(&v, "类型", o.Type, OrgTypes)
	oneOf(&v, "性质", o.Nature, OrgNatures)
	oneOf(&v, "状态", o.Status, OrgStatuses)
	if ValidateCode(o.DivisionCode) != nil {
		v.Add("所在区划", "未选择")
	}
	if o.LeaderPhone != "" && !ValidPhone(o.LeaderPhone) {
		v.Add("联系电话", "格式不正确，应为 11 位手机号或带区号的座机号")
	}
	if o.Members < 0 {
		v.Add("成员数", "不能为负数")
	}
	if !o.Established.IsZero() && o.Established.After(time.Now()) {
		v.Add("成立日期", "不能晚于今天")
	}
	for _, f := range []struct {
		l, s string
		n    int
	}{{"登记证号", o.RegNo, 50}, {"登记管理机关", o.Authority, 100}, {"业务主管单位", o.Supervisor, 100},
		{"负责人", o.Leader, 50}, {"地址", o.Address, 200}} {
		maxLen(&v, f.l, f.s, f.n)
	}
	return v.Err()
}

// OrgYearRecord is one year's 年检 result and 评估等级 of an organisation.
type OrgYearRecord struct {
	OrgID      int64
	Year       int
	Inspection string // 合格/基本合格/不合格/未参检; "" when not recorded
	Grade      string // 1A–5A, "" when not assessed
	GradeFrom  time.Time
	GradeTo    time.Time
	Note       string
	// RowVersion is the version the record was read with (models.ReadAbsent: the form found no
	// record of that year; 0: not read for a form, saved without a check).
	RowVersion int64
}

// Validate checks the record.
func (r OrgYearRecord) Validate() error {
	var v ValidationError
	if !ValidYear(r.Year) {
		v.Add("年度", "应在 "+YearRange+" 年之间")
	}
	if r.Inspection != "" && !slices.Contains(InspectResults, r.Inspection) {
		v.Add("年检结果", "不是可选值（"+strings.Join(InspectResults, "、")+"）")
	}
	if r.Grade != "" {
		if !slices.Contains(OrgGrades, r.Grade) {
			v.Add("评估等级", "应为 1A—5A")
		}
		if r.GradeFrom.IsZero() || r.GradeTo.IsZero() {
			v.Add("等级有效期", "有评估等级时须填写起止日期")
		} else if r.GradeTo.Before(r.GradeFrom) {
			v.Add("等级有效期", "结束日期早于开始日期")
		}
	}
	return v.Err()
}

// SocialWorker is a 社会工作者 or grid worker.
type SocialWorker struct {
	ID            int64
	CountyCode    string
	Name          string
	Gender        string
	IDNumber      string
	Birth         time.Time // derived from the 身份证号
	Phone         string
	Qualification string
	CertNo        string
	CertDate      time.Time
	EmployerKind  string
	EmployerOrgID int64  // when EmployerKind is 社会组织
	EmployerName  string // the organisation's, community's or other unit's name
	Post          string
	DivisionCode  string // the division served
	Status        string
	OnPostFrom    time.Time
	OffPostOn     time.Time // zero while in post
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Certified says whether the worker holds a social-work qualification.
func (w SocialWorker) Certified() bool { return w.Qualification != "" && w.Qualification != QualNone }

// Validate returns every problem of the worker at once; it fills Birth (and Gender when empty)
// from the 身份证号 and cross-checks them with what was entered.
func (w *SocialWorker) Validate() error {
	var v ValidationError
	if strings.TrimSpace(w.Name) == "" {
		v.Add("姓名", "不能为空")
	}
	maxLen(&v, "姓名", w.Name, 50)
	w.IDNumber = NormalizeIDNumber(w.IDNumber)
	if w.IDNumber == "" {
		v.Add("身份证号", "不能为空")
	} else if info, err := ParseIDNumber(w.IDNumber); err != nil {
		v.Add("身份证号", strings.TrimPrefix(err.Error(), ErrInvalid.Error()+"："))
	} else {
		if w.Gender == "" {
			w.Gender = info.Gender
		} else if w.Gender != info.Gender {
			v.Add("性别", fmt.Sprintf("填写为%s，但身份证号显示为%s", w.Gender, info.Gender))
		}
		if !w.Birth.IsZero() && !sameDay(w.Birth, info.Birth) {
			v.Add("出生日期", fmt.Sprintf("填写为 %s，但身份证号显示为 %s", FormatDate(w.Birth), FormatDate(info.Birth)))
		}
		w.Birth = info.Birth
	}
	if w.Gender != "男" && w.Gender != "女" && w.Gender != "" {
		v.Add("性别", "应为男或女")
	}
	if w.Phone != "" && !ValidPhone(w.Phone) {
		v.Add("联系电话", "格式不正确，应为 11 位手机号或带区号的座机号")
	}
	if w.Qualification == "" {
		w.Qualification = QualNone
	}
	oneOf(&v, "资格等级", w.Qualification, Qualifications)
	if w.Certified() {
		if strings.TrimSpace(w.CertNo) == "" {
			v.Add("证书编号", "有职业资格时须填写")
		}
		if w.CertDate.IsZero() {
			v.Add("取得证书日期", "有职业资格时须填写")
		} else if w.CertDate.After(time.Now()) {
			v.Add("取得证书日期", "不能晚于今天")
		}
	}
	if w.EmployerKind != "" && !slices.Contains(EmployerKinds, w.EmployerKind) {
		v.Add("工作单位类别", "不是可选值（"+strings.Join(EmployerKinds, "、")+"）")
	}
	if w.EmployerKind == "社会组织" && w.EmployerOrgID == 0 {
		v.Add("工作单位", "请选择登记在册的社会组织")
	}
	maxLen(&v, "工作单位", w.EmployerName, 100)
	if w.Post == "" {
		v.Add("岗位", "不能为空")
	}
	maxLen(&v, "岗位", w.Post, 50)
	if ValidateCode(w.DivisionCode) != nil {
		v.Add("服务区划", "未选择")
	}
	oneOf(&v, "状态", w.Status, WorkerStatuses)
	if w.OnPostFrom.IsZero() {
		v.Add("到岗日期", "不能为空")
	}
	if w.Status == "离岗" && w.OffPostOn.IsZero() {
		v.Add("离岗日期", "状态为离岗时须填写")
	}
	if w.Status == "在岗" && !w.OffPostOn.IsZero() {
		v.Add("离岗日期", "状态为在岗时不应填写离岗日期")
	}
	if !w.OffPostOn.IsZero() && !w.OnPostFrom.IsZero() && w.OffPostOn.Before(w.OnPostFrom) {
		v.Add("离岗日期", "早于到岗日期")
	}
	return v.Err()
}

func sameDay(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day()
}

// Grid is one 网格 of a village or community.
type Grid struct {
	ID           int64
	DivisionCode string // the village/community
	Name         string
	Number       string
	Households   int64
	Population   int64
	Boundary     string
	WorkerIDs    []int64 // grid workers
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Validate checks the grid.
func (g Grid) Validate() error {
	var v ValidationError
	if strings.TrimSpace(g.Name) == "" && strings.TrimSpace(g.Number) == "" {
		v.Add("网格名称", "名称和编号至少填一项")
	}
	maxLen(&v, "网格名称", g.Name, 100)
	maxLen(&v, "网格编号", g.Number, 30)
	if ValidateCode(g.DivisionCode) != nil {
		v.Add("所属村（社区）", "未选择")
	}
	if g.Households < 0 {
		v.Add("户数", "不能为负数")
	}
	if g.Population < 0 {
		v.Add("人口", "不能为负数")
	}
	maxLen(&v, "边界描述", g.Boundary, 500)
	return v.Err()
}

// JointProject is a 三社联动项目.
type JointProject struct {
	ID           int64
	Title        string
	DivisionCode string // the community
	OrgIDs       []int64
	WorkerIDs    []int64
	StartOn      time.Time
	EndOn        time.Time
	ContractID   int64 // a 政府购买服务 contract, or 0
	Amount       Fen   // funding when there is no contract
	Status       string
	Outcome      string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Validate checks the project.
func (p JointProject) Validate() error {
	var v ValidationError
	if strings.TrimSpace(p.Title) == "" {
		v.Add("项目名称", "不能为空")
	}
	maxLen(&v, "项目名称", p.Title, 200)
	if ValidateCode(p.DivisionCode) != nil {
		v.Add("所在社区", "未选择")
	}
	if p.StartOn.IsZero() || p.EndOn.IsZero() {
		v.Add("实施期间", "须填写开始和结束日期")
	} else if p.EndOn.Before(p.StartOn) {
		v.Add("实施期间", "结束日期早于开始日期")
	}
	if p.Amount < 0 {
		v.Add("资金", "不能为负数")
	}
	oneOf(&v, "状态", p.Status, ProjectStatuses)
	maxLen(&v, "成效", p.Outcome, 2000)
	return v.Err()
}
