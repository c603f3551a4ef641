package store

import (
	"time"

	"shequ/models"
)

// Row types of the ledger tables and their conversions to and from models.

type meetingRow struct {
	LedgerRowID
	DivisionCode string
	Kind         string
	HeldOn       time.Time
	Topic        string
	Present      int
	Entitled     int
	Agenda       string
	Minutes      string
	Decisions    string
	Attachments  string
	Project      string
	Concerned    string
	LedgerRowStamp
}

func (meetingRow) TableName() string { return "ledger_meetings" }

func meetingToRow(m models.Meeting) *meetingRow {
	return &meetingRow{LedgerRowID: LedgerRowID{m.ID}, DivisionCode: m.DivisionCode, Kind: string(m.Kind), HeldOn: m.HeldOn,
		Topic: m.Topic, Present: m.Present, Entitled: m.Entitled, Agenda: m.Agenda, Minutes: m.Minutes,
		Decisions: m.Decisions, Attachments: m.Attachments, Project: m.Project, Concerned: m.Concerned}
}

func (r meetingRow) model() models.Meeting {
	return models.Meeting{ID: r.ID, DivisionCode: r.DivisionCode, Kind: models.MeetingKind(r.Kind), HeldOn: r.HeldOn,
		Topic: r.Topic, Present: r.Present, Entitled: r.Entitled, Agenda: r.Agenda, Minutes: r.Minutes,
		Decisions: r.Decisions, Attachments: r.Attachments, Project: r.Project, Concerned: r.Concerned}
}

func (r meetingRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "会议类型", r.Kind, "召开日期", models.FormatDate(r.HeldOn), "议题", r.Topic,
		"实到人数", fmtInt(r.Present), "应到人数", fmtInt(r.Entitled), "会议议程", r.Agenda, "会议记录", r.Minutes,
		"形成决定", r.Decisions, "纸质材料存放处", r.Attachments, "涉及项目", r.Project, "涉及村（居）民", r.Concerned)
}

type councilRow struct {
	LedgerRowID
	DivisionCode  string
	EstablishedOn time.Time
	Members       string
	TermStart     time.Time
	TermEnd       time.Time
	Selection     string
	Remit         string
	Rules         string
	LedgerRowStamp
}

func (councilRow) TableName() string { return "ledger_council_terms" }

func councilToRow(c models.CouncilBody) *councilRow {
	return &councilRow{LedgerRowID: LedgerRowID{c.ID}, DivisionCode: c.DivisionCode, EstablishedOn: c.EstablishedOn, Members: c.Members,
		TermStart: c.TermStart, TermEnd: c.TermEnd, Selection: c.Selection, Remit: c.Remit, Rules: c.Rules}
}

func (r councilRow) model() models.CouncilBody {
	return models.CouncilBody{ID: r.ID, DivisionCode: r.DivisionCode, EstablishedOn: r.EstablishedOn, Members: r.Members,
		TermStart: r.TermStart, TermEnd: r.TermEnd, Selection: r.Selection, Remit: r.Remit, Rules: r.Rules}
}

func (r councilRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "成立日期", models.FormatDate(r.EstablishedOn), "成员", r.Members, "任期开始", models.FormatDate(r.TermStart),
		"任期结束", models.FormatDate(r.TermEnd), "成员产生办法", r.Selection, "议事内容", r.Remit, "议事程序和规则", r.Rules)
}

type opinionRow struct {
	LedgerRowID
	DivisionCode string
	RaisedOn     time.Time
	MeetingID    *int64
	FromName     string
	FromPhone    string
	Content      string
	Category     string
	Handler      string
	Reply        string
	RepliedOn    *time.Time
	Status       string
	RejectReason string
	ReplyDays    int
	LedgerRowStamp
}

func (opinionRow) TableName() string { return "ledger_opinions" }

func opinionToRow(o models.Opinion) *opinionRow {
	return &opinionRow{LedgerRowID: LedgerRowID{o.ID}, DivisionCode: o.DivisionCode, RaisedOn: o.RaisedOn, MeetingID: idPtr(o.MeetingID),
		FromName: o.FromName, FromPhone: o.FromPhone, Content: o.Content, Category: o.Category, Handler: o.Handler,
		Reply: o.Reply, RepliedOn: timePtr(o.RepliedOn), Status: string(o.Status), RejectReason: o.RejectReason,
		ReplyDays: o.ReplyDays}
}

func (r opinionRow) model() models.Opinion {
	return models.Opinion{ID: r.ID, DivisionCode: r.DivisionCode, RaisedOn: r.RaisedOn, MeetingID: derefID(r.MeetingID),
		FromName: r.FromName, FromPhone: r.FromPhone, Content: r.Content, Category: r.Category, Handler: r.Handler,
		Reply: r.Reply, RepliedOn: derefTime(r.RepliedOn), Status: models.OpinionStatus(r.Status),
		RejectReason: r.RejectReason, ReplyDays: r.ReplyDays}
}

// auditFields masks who raised the opinion: the audit trail is read more widely than the ledger.
func (r opinionRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "提出日期", models.FormatDate(r.RaisedOn), "来源会议", fmtID(r.MeetingID),
		"提出人", models.MaskName(r.FromName), "联系电话", models.MaskPhone(r.FromPhone), "意见内容", r.Content,
		"类别", r.Category, "承办人", r.Handler, "答复内容", r.Reply, "答复日期", fmtDatePtr(r.RepliedOn),
		"办理状态", r.Status, "不予采纳理由", r.RejectReason, "答复期限（天）", fmtInt(r.ReplyDays))
}

type consultationRow struct {
	LedgerRowID
	DivisionCode string
	Title        string
	LedgerRowStamp
}

func (consultationRow) TableName() string { return "ledger_consultations" }

func (r consultationRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "协商事项", r.Title)
}

type consultationStepRow struct {
	ID             int64 `gorm:"primaryKey"`
	ConsultationID int64
	Seq            int
	Stage          string
	StepOn         time.Time
	Note           string
	Evidence       string
}

func (consultationStepRow) TableName() string { return "ledger_consultation_steps" }

type covenantRow struct {
	LedgerRowID
	DivisionCode string
	Kind         string
	Version      string
	AdoptedOn    time.Time
	MeetingID    *int64
	Summary      string
	LedgerRowStamp
}

func (covenantRow) TableName() string { return "ledger_covenants" }

func covenantToRow(c models.Covenant) *covenantRow {
	return &covenantRow{LedgerRowID: LedgerRowID{c.ID}, DivisionCode: c.DivisionCode, Kind: string(c.Kind), Version: c.Version,
		AdoptedOn: c.AdoptedOn, MeetingID: idPtr(c.MeetingID), Summary: c.Summary}
}

func (r covenantRow) model() models.Covenant {
	return models.Covenant{ID: r.ID, DivisionCode: r.DivisionCode, Kind: models.CovenantKind(r.Kind), Version: r.Version,
		AdoptedOn: r.AdoptedOn, MeetingID: derefID(r.MeetingID), Summary: r.Summary}
}

func (r covenantRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "类型", r.Kind, "版本", r.Version, "通过日期", models.FormatDate(r.AdoptedOn),
		"通过会议", fmtID(r.MeetingID), "主要内容", r.Summary)
}

type estateRow struct {
	LedgerRowID
	DivisionCode    string
	Name            string
	Households      int
	ManagedProperty bool
	PropertyCompany string
	OwnersCommittee bool
	SelfGovGroup    bool
	LedgerRowStamp
}

func (estateRow) TableName() string { return "ledger_estates" }

func estateToRow(e models.Estate) *estateRow {
	return &estateRow{LedgerRowID: LedgerRowID{e.ID}, DivisionCode: e.DivisionCode, Name: e.Name, Households: e.Households,
		ManagedProperty: e.ManagedProperty, PropertyCompany: e.PropertyCompany, OwnersCommittee: e.OwnersCommittee,
		SelfGovGroup: e.SelfGovGroup}
}

func (r estateRow) model() models.Estate {
	return models.Estate{ID: r.ID, DivisionCode: r.DivisionCode, Name: r.Name, Households: r.Households,
		ManagedProperty: r.ManagedProperty, PropertyCompany: r.PropertyCompany, OwnersCommittee: r.OwnersCommittee,
		SelfGovGroup: r.SelfGovGroup}
}

func (r estateRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "小区（院落）名称", r.Name, "户数", fmtInt(r.Households),
		"有物业管理", fmtBool(r.ManagedProperty), "物业服务企业", r.PropertyCompany,
		"已成立业主委员会", fmtBool(r.OwnersCommittee), "已成立自治小组", fmtBool(r.SelfGovGroup))
}

type supervisionRow struct {
	LedgerRowID
	DivisionCode  string
	EstablishedOn time.Time
	Members       string
	TermStart     time.Time
	TermEnd       time.Time
	LedgerRowStamp
}

func (supervisionRow) TableName() string { return "ledger_supervision_terms" }

func supervisionToRow(c models.SupervisionCommittee) *supervisionRow {
	return &supervisionRow{LedgerRowID: LedgerRowID{c.ID}, DivisionCode: c.DivisionCode, EstablishedOn: c.EstablishedOn, Members: c.Members,
		TermStart: c.TermStart, TermEnd: c.TermEnd}
}

func (r supervisionRow) model() models.SupervisionCommittee {
	return models.SupervisionCommittee{ID: r.ID, DivisionCode: r.DivisionCode, EstablishedOn: r.EstablishedOn, Members: r.Members,
		TermStart: r.TermStart, TermEnd: r.TermEnd}
}

func (r supervisionRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "成立日期", models.FormatDate(r.EstablishedOn), "成员", r.Members, "任期开始", models.FormatDate(r.TermStart),
		"任期结束", models.FormatDate(r.TermEnd))
}

type disclosureItemRow struct {
	LedgerRowID
	CountyCode string
	Item       string
	Content    string
	Frequency  string
	Timings    string
	Channels   string
	LedgerRowStamp
}

func (disclosureItemRow) TableName() string { return "ledger_disclosure_items" }

func disclosureItemToRow(d models.DisclosureItem) *disclosureItemRow {
	return &disclosureItemRow{LedgerRowID: LedgerRowID{d.ID}, CountyCode: d.CountyCode, Item: d.Item, Content: d.Content,
		Frequency: string(d.Frequency), Timings: joinList(d.Timings), Channels: joinList(d.Channels)}
}

func (r disclosureItemRow) model() models.DisclosureItem {
	return models.DisclosureItem{ID: r.ID, CountyCode: r.CountyCode, Item: r.Item, Content: r.Content,
		Frequency: models.DisclosureFrequency(r.Frequency), Timings: splitList(r.Timings), Channels: splitList(r.Channels)}
}

func (r disclosureItemRow) auditFields() []FieldChange {
	return fields("县（市、区）", r.CountyCode, "公开事项", r.Item, "公开内容", r.Content, "公开频次", r.Frequency,
		"公开时段", r.Timings, "公开渠道", r.Channels)
}

type disclosureRow struct {
	LedgerRowID
	DivisionCode string
	ItemID       int64
	DisclosedOn  time.Time
	Timing       string
	Channels     string
	Note         string
	LedgerRowStamp
}

func (disclosureRow) TableName() string { return "ledger_disclosures" }

func disclosureToRow(d models.DisclosureRecord) *disclosureRow {
	return &disclosureRow{LedgerRowID: LedgerRowID{d.ID}, DivisionCode: d.DivisionCode, ItemID: d.ItemID, DisclosedOn: d.DisclosedOn,
		Timing: d.Timing, Channels: joinList(d.Channels), Note: d.Note}
}

func (r disclosureRow) model() models.DisclosureRecord {
	return models.DisclosureRecord{ID: r.ID, DivisionCode: r.DivisionCode, ItemID: r.ItemID, DisclosedOn: r.DisclosedOn,
		Timing: r.Timing, Channels: splitList(r.Channels), Note: r.Note}
}

func (r disclosureRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "目录事项", fmtInt(r.ItemID), "公开日期", models.FormatDate(r.DisclosedOn),
		"公开时段", r.Timing, "公开渠道", r.Channels, "公开情况", r.Note)
}

type evaluationRow struct {
	LedgerRowID
	DivisionCode string
	Kind         string
	Year         int
	HeldOn       time.Time
	Subject      string
	Post         string
	Satisfied    int
	Basic        int
	Dissatisfied int
	Note         string
	LedgerRowStamp
}

func (evaluationRow) TableName() string { return "ledger_evaluations" }

func evaluationToRow(e models.Evaluation) *evaluationRow {
	return &evaluationRow{LedgerRowID: LedgerRowID{e.ID}, DivisionCode: e.DivisionCode, Kind: string(e.Kind), Year: e.Year,
		HeldOn: e.HeldOn, Subject: e.Subject, Post: e.Post, Satisfied: e.Satisfied, Basic: e.Basic,
		Dissatisfied: e.Dissatisfied, Note: e.Note}
}

func (r evaluationRow) model() models.Evaluation {
	return models.Evaluation{ID: r.ID, DivisionCode: r.DivisionCode, Kind: models.EvaluationKind(r.Kind), Year: r.Year,
		HeldOn: r.HeldOn, Subject: r.Subject, Post: r.Post, Satisfied: r.Satisfied, Basic: r.Basic,
		Dissatisfied: r.Dissatisfied, Note: r.Note}
}

func (r evaluationRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "评议类型", r.Kind, "年度", fmtInt(r.Year), "评议日期", models.FormatDate(r.HeldOn),
		"被评议人（单位）", r.Subject, "职务", r.Post, "满意", fmtInt(r.Satisfied), "基本满意", fmtInt(r.Basic),
		"不满意", fmtInt(r.Dissatisfied), "备注", r.Note)
}

type accountabilityRow struct {
	LedgerRowID
	DivisionCode  string
	Cadre         string
	Post          string
	DecidedOn     time.Time
	Failing       string
	Measure       string
	RectifyBy     *time.Time
	RectifyStatus string
	MadePublic    bool
	LedgerRowStamp
}

func (accountabilityRow) TableName() string { return "ledger_accountability" }

func accountabilityToRow(a models.Accountability) *accountabilityRow {
	return &accountabilityRow{LedgerRowID: LedgerRowID{a.ID}, DivisionCode: a.DivisionCode, Cadre: a.Cadre, Post: a.Post,
		DecidedOn: a.On, Failing: a.Failing, Measure: string(a.Measure), RectifyBy: timePtr(a.RectifyBy),
		RectifyStatus: a.RectifyStatus, MadePublic: a.MadePublic}
}

func (r accountabilityRow) model() models.Accountability {
	return models.Accountability{ID: r.ID, DivisionCode: r.DivisionCode, Cadre: r.Cadre, Post: r.Post, On: r.DecidedOn,
		Failing: r.Failing, Measure: models.AccountabilityMeasure(r.Measure), RectifyBy: derefTime(r.RectifyBy),
		RectifyStatus: r.RectifyStatus, MadePublic: r.MadePublic}
}

func (r accountabilityRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "被问责干部", r.Cadre, "职务", r.Post, "问责日期", models.FormatDate(r.DecidedOn),
		"不履职或履职不到位情形", r.Failing, "问责方式", r.Measure, "整改期限", fmtDatePtr(r.RectifyBy),
		"整改状态", r.RectifyStatus, "整改已公开", fmtBool(r.MadePublic))
}

type serviceItemRow struct {
	LedgerRowID
	CountyCode string
	Name       string
	Department string
	Class      string
	Agreement  string
	AmountFen  int64
	BudgetRef  string
	ContractID *int64
	LedgerRowStamp
}

func (serviceItemRow) TableName() string { return "ledger_service_items" }

func serviceItemToRow(s models.ServiceItem) *serviceItemRow {
	return &serviceItemRow{LedgerRowID: LedgerRowID{s.ID}, CountyCode: s.CountyCode, Name: s.Name, Department: s.Department,
		Class: string(s.Class), Agreement: s.Agreement, AmountFen: int64(s.Amount), BudgetRef: s.BudgetRef,
		ContractID: idPtr(s.ContractID)}
}

func (r serviceItemRow) model() models.ServiceItem {
	return models.ServiceItem{ID: r.ID, CountyCode: r.CountyCode, Name: r.Name, Department: r.Department,
		Class: models.ServiceClass(r.Class), Agreement: r.Agreement, Amount: models.Fen(r.AmountFen), BudgetRef: r.BudgetRef,
		ContractID: derefID(r.ContractID)}
}

func (r serviceItemRow) auditFields() []FieldChange {
	return fields("县（市、区）", r.CountyCode, "服务事项", r.Name, "主管部门", r.Department, "类别", r.Class,
		"委托协议", r.Agreement, "费随事转金额（元）", models.Fen(r.AmountFen).Yuan(), "预算合同", r.BudgetRef,
		"政府购买服务合同编号", fmtID(r.ContractID))
}

type communityTaskRow struct {
	LedgerRowID
	DivisionCode string
	Year         int
	Name         string
	Department   string
	ItemID       *int64
	AgreementOn  *time.Time
	FundedFen    int64
	LedgerRowStamp
}

func (communityTaskRow) TableName() string { return "ledger_community_tasks" }

func communityTaskToRow(t models.CommunityTask) *communityTaskRow {
	return &communityTaskRow{LedgerRowID: LedgerRowID{t.ID}, DivisionCode: t.DivisionCode, Year: t.Year, Name: t.Name,
		Department: t.Department, ItemID: idPtr(t.ItemID), AgreementOn: timePtr(t.AgreementOn), FundedFen: int64(t.Funded)}
}

func (r communityTaskRow) model() models.CommunityTask {
	return models.CommunityTask{ID: r.ID, DivisionCode: r.DivisionCode, Year: r.Year, Name: r.Name, Department: r.Department,
		ItemID: derefID(r.ItemID), AgreementOn: derefTime(r.AgreementOn), Funded: models.Fen(r.FundedFen)}
}

func (r communityTaskRow) auditFields() []FieldChange {
	return fields("村（社区）", r.DivisionCode, "年度", fmtInt(r.Year), "事项名称", r.Name, "交办部门", r.Department,
		"准入目录事项", fmtID(r.ItemID), "委托协议签订日期", fmtDatePtr(r.AgreementOn),
		"到位经费（元）", models.Fen(r.FundedFen).Yuan())
}

// fields pairs labels with values: fields("户数", "12", "地址", "…").
func fields(kv ...string) []FieldChange {
	out := make([]FieldChange, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, FieldChange{Field: kv[i], After: kv[i+1]})
	}
	return out
}
