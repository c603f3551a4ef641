package ledger

import (
	"context"
	"fmt"
	"strings"
	"time"

	"shequ/models"
)

// LedgerYear is what one village's ledgers show for a year: the counts behind the checklist's
// 民主制度 values and the township view.
type LedgerYear struct {
	DivisionCode   string
	Year           int
	MeetingsByKind map[models.MeetingKind]int
	// RepAttendance pools present/entitled over the year's 村(居)民代表会议.
	RepAttendance models.Ratio
	Opinions      int
	Replies       models.Ratio // answered out of raised in the year
	Complaints    models.Ratio // the same for opinions of category 投诉
	Overdue       int          // unanswered and past the deadline today, whenever raised
	Consultations int
	Completed     int // consultations that reached 监督
	Disclosures   int
	Catalogue     []models.ItemCompliance
	CouncilOK     bool // 议事会 on file with members, selection, remit and rules
	CovenantBy    time.Time
	Supervision   bool // 监督委员会 established by the end of the year and in office during it
	EstateCover   models.Ratio
	Reports       int // 述职述廉 records of the year
	Evaluations   int // 民主评议 of the community's work in the year
	Tasks         int
	TaskFindings  map[models.TaskFinding]int
	AssistTasks   int // tasks under a 依法协助政府 catalogue entry
}

// Year counts one village's ledgers for a year.
func (s *Service) Year(ctx context.Context, code string, year int) (LedgerYear, error) {
	y := LedgerYear{DivisionCode: code, Year: year, MeetingsByKind: map[models.MeetingKind]int{},
		TaskFindings: map[models.TaskFinding]int{}}
	if _, err := s.village(ctx, code); err != nil {
		return y, err
	}
	if err := s.yearRecords(ctx, &y); err != nil {
		return y, err
	}
	if err := s.yearBodies(ctx, &y); err != nil {
		return y, err
	}
	if err := s.yearTasks(ctx, &y); err != nil {
		return y, err
	}
	return y, nil
}

// yearRecords counts the year's meetings, opinions, consultations and disclosures.
func (s *Service) yearRecords(ctx context.Context, y *LedgerYear) error {
	code, year := y.DivisionCode, y.Year
	var err error
	meetings, err := s.Meetings(ctx, code, year)
	if err != nil {
		return err
	}
	for _, m := range meetings {
		y.MeetingsByKind[m.Kind]++
		if m.Kind == models.MeetingRepresentative {
			y.RepAttendance.Num += m.Present
			y.RepAttendance.Den += m.Entitled
		}
	}
	ops, err := s.Opinions(ctx, code, year)
	if err != nil {
		return err
	}
	y.Opinions = len(ops)
	y.Replies, y.Complaints = replyRate(ops, ""), replyRate(ops, "投诉")
	if y.Overdue, err = s.overdueCount(ctx, code); err != nil {
		return err
	}
	cons, err := s.Consultations(ctx, code, year)
	if err != nil {
		return err
	}
	y.Consultations = len(cons)
	for _, c := range cons {
		if c.Complete() {
			y.Completed++
		}
	}
	recs, err := s.Disclosures(ctx, code, year)
	if err != nil {
		return err
	}
	y.Disclosures = len(recs)
	if y.Catalogue, err = s.DisclosureCompliance(ctx, code, year); err != nil {
		return err
	}
	return nil
}

// yearBodies says which standing bodies and rules were in place in the year: the 议事会, the
// 村规民约, the 监督委员会, the estates' self-governance and the evaluations held.
func (s *Service) yearBodies(ctx context.Context, y *LedgerYear) error {
	code, year := y.DivisionCode, y.Year
	_, end := models.YearSpan(year)
	council, found, err := s.Council(ctx, code)
	if err != nil {
		return err
	}
	y.CouncilOK = found && council.Complete() && council.EstablishedOn.Before(end)
	covs, err := s.Covenants(ctx, code)
	if err != nil {
		return err
	}
	for _, c := range covs {
		if c.AdoptedOn.Before(end) && c.AdoptedOn.After(y.CovenantBy) {
			y.CovenantBy = c.AdoptedOn
		}
	}
	sups, err := s.SupervisionTerms(ctx, code)
	if err != nil {
		return err
	}
	start, _ := models.YearSpan(year)
	for _, sup := range sups { // any term in office during the year
		if sup.EstablishedOn.Before(end) && sup.TermStart.Before(end) && !sup.TermEnd.Before(start) {
			y.Supervision = true
		}
	}
	estates, err := s.Estates(ctx, code)
	if err != nil {
		return err
	}
	y.EstateCover = models.Coverage(estates)
	evals, err := s.Evaluations(ctx, code, year)
	if err != nil {
		return err
	}
	for _, e := range evals {
		switch e.Kind {
		case models.EvalReport:
			y.Reports++
		case models.EvalCommunity:
			y.Evaluations++
		}
	}
	return nil
}

// yearTasks counts the year's community tasks against the county's service catalogue.
func (s *Service) yearTasks(ctx context.Context, y *LedgerYear) error {
	code, year := y.DivisionCode, y.Year
	tasks, err := s.CommunityTasks(ctx, code, year)
	if err != nil {
		return err
	}
	items, err := s.ServiceCatalogue(ctx, code)
	if err != nil {
		return err
	}
	classOf := map[int64]models.ServiceClass{}
	for _, it := range items {
		classOf[it.ID] = it.Class
	}
	y.Tasks = len(tasks)
	for _, t := range tasks {
		if classOf[t.ItemID] == models.ServiceAssist {
			y.AssistTasks++
		}
		for _, f := range models.CheckTask(t, items) {
			y.TaskFindings[f]++
		}
	}
	return nil
}

// ProposedChecklistValues is the seam the 社区标准化建设 checklist calls: for one village or
// community and a year it proposes values for the indicators the ledgers can count. A code is
// left out when the ledgers hold nothing to count it from (no opinions, no estates, no tasks), so
// the checklist keeps asking the clerk rather than proposing a 0 that only means "not recorded".
// yes_no indicators are 1 or 0; rates are percentages (85 = 85%); counts are per year.
func (s *Service) ProposedChecklistValues(ctx context.Context, divisionCode string, year int) (map[string]float64, error) {
	y, err := s.Year(ctx, divisionCode, year)
	if err != nil {
		return nil, err
	}
	b := func(ok bool) float64 {
		if ok {
			return 1
		}
		return 0
	}
	out := map[string]float64{
		// DEM01 村（居）民会议: 村(居)民会议 plus 村(居)民代表会议 held in the year.
		"DEM01": float64(y.MeetingsByKind[models.MeetingAssembly] + y.MeetingsByKind[models.MeetingRepresentative]),
		// DEM03 议事会制度: a 议事会 on file, established by the year's end, with members, how they
		// are chosen, its remit and its rules all written down.
		"DEM03": b(y.CouncilOK),
		// DEM04 论证会听证会: 论证会, 听证会 and 协调会 held in the year (the indicator counts all three).
		"DEM04": float64(y.MeetingsByKind[models.MeetingDeliberation] + y.MeetingsByKind[models.MeetingHearing] +
			y.MeetingsByKind[models.MeetingCoordination]),
		// DEM05 民主评议: at least one 民主评议 of the community's work recorded for the year.
		"DEM05": b(y.Evaluations > 0),
		// DEM06 村规民约居民公约: a version adopted on or before the year's end.
		"DEM06": b(!y.CovenantBy.IsZero()),
		// DEM08 民情恳谈会: 民情恳谈会 held in the year.
		"DEM08": float64(y.MeetingsByKind[models.MeetingSentiment]),
		// DEM11 村（居）务监督委员会: established by the year's end with a term overlapping the year.
		"DEM11": b(y.Supervision),
		// DEM12 村（居）务财务公开: disclosure records dated in the year, all catalogue items together.
		"DEM12": float64(y.Disclosures),
		// DEM13 述职述廉: at least one 述职述廉 recorded for the year.
		"DEM13": b(y.Reports > 0),
		// DEM16 基层协商六步法: at least one matter proposed in the year that went through all six
		// steps (the ledger only lets steps be recorded in order, so complete means in order).
		"DEM16": b(y.Completed > 0),
	}
	// DEM02 代表会议出席率: present over entitled, pooled over the year's 村(居)民代表会议.
	if p, ok := y.RepAttendance.Percent(); ok {
		out["DEM02"] = p
	}
	// DEM09 意见答复率: opinions raised in the year that were answered (已答复, 已落实, or 不予采纳
	// with its reason given), over all raised in the year.
	if p, ok := y.Replies.Percent(); ok {
		out["DEM09"] = p
	}
	// DEM10 小区院落自治覆盖率: estates with an 业主委员会 (managed by a property company) or a
	// self-governance group (not managed), over all estates on file.
	if p, ok := y.EstateCover.Percent(); ok {
		out["DEM10"] = p
	}
	// DEM14 投诉处理率: the reply rate of opinions of category 投诉 raised in the year.
	if p, ok := y.Complaints.Percent(); ok {
		out["DEM14"] = p
	}
	// DEM07 公约知晓率 and DEM15 四个民主满意率 are survey results; no ledger counts them.
	// ORG08 准入目录执行: every task the community carried in the year is in the county's
	// 公共服务准入目录 and none is a matter the government must provide itself.
	if y.Tasks > 0 {
		out["ORG08"] = b(y.TaskFindings[models.FindingNotListed]+y.TaskFindings[models.FindingGovernment] == 0)
	}
	// GUA04 费随事转: every task under a 依法协助政府 entry has its 委托协议 and at least the
	// catalogue amount of funds.
	if y.AssistTasks > 0 {
		out["GUA04"] = b(y.TaskFindings[models.FindingNoAgreement]+y.TaskFindings[models.FindingFundsMissing] == 0)
	}
	return out, nil
}

// GapRow is one village in the township view, with what its ledgers lack.
type GapRow struct {
	Code, Name string
	// NoSentiment: no 民情恳谈会 so far in the current quarter.
	NoSentiment bool
	Overdue     int
	// Undisclosed lists catalogue items with a period ended this year and no disclosure, e.g. 财务收支（第1季度）.
	Undisclosed []string
	// Stuck lists matters with no step for StuckAfterDays, e.g. 修建停车场（停在“协商”）.
	Stuck []string
}

// HasGap reports whether anything is missing.
func (g GapRow) HasGap() bool {
	return g.NoSentiment || g.Overdue > 0 || len(g.Undisclosed) > 0 || len(g.Stuck) > 0
}

// TownshipGaps lists, for every active village of a township, the gaps as of today: no 恳谈会 this
// quarter, overdue replies, catalogue items not disclosed, consultations stuck at a step.
func (s *Service) TownshipGaps(ctx context.Context, townshipCode string) ([]GapRow, error) {
	t, err := s.divs.Get(ctx, townshipCode)
	if err != nil {
		return nil, err
	}
	if t.Level != models.LevelTownship {
		return nil, fmt.Errorf("%w：%s 不是乡镇（街道）", models.ErrInvalid, t.Name)
	}
	today := s.today()
	year := today.Year()
	qStart := time.Date(year, time.Month((int(today.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.Local)
	kids, err := s.divs.Children(ctx, townshipCode)
	if err != nil {
		return nil, err
	}
	// One read per ledger for the whole township, then grouped by village.
	meetings, err := s.Meetings(ctx, townshipCode, year)
	if err != nil {
		return nil, err
	}
	overdueBy, err := s.OverdueByDivision(ctx, townshipCode)
	if err != nil {
		return nil, err
	}
	recs, err := s.Disclosures(ctx, townshipCode, year)
	if err != nil {
		return nil, err
	}
	items, err := s.DisclosureCatalogue(ctx, townshipCode)
	if err != nil {
		return nil, err
	}
	cons, err := s.Consultations(ctx, townshipCode, 0)
	if err != nil {
		return nil, err
	}
	sentiment := map[string]bool{}
	for _, m := range meetings {
		if m.Kind == models.MeetingSentiment && !m.HeldOn.Before(qStart) && !m.HeldOn.After(today) {
			sentiment[m.DivisionCode] = true
		}
	}
	recsBy := map[string][]models.DisclosureRecord{}
	for _, r := range recs {
		recsBy[r.DivisionCode] = append(recsBy[r.DivisionCode], r)
	}
	stuckBy := map[string][]string{}
	for _, c := range cons {
		if c.Stuck(today) {
			stuckBy[c.DivisionCode] = append(stuckBy[c.DivisionCode], fmt.Sprintf("%s（停在“%s”）", c.Title, c.Stage()))
		}
	}
	var out []GapRow
	for _, k := range kids {
		if !k.Active() {
			continue
		}
		g := GapRow{Code: k.Code, Name: k.Name, NoSentiment: !sentiment[k.Code], Overdue: int(overdueBy[k.Code]), Stuck: stuckBy[k.Code]}
		for _, it := range items {
			c := models.Compliance(it, recsBy[k.Code], year, today)
			if !c.Compliant() {
				g.Undisclosed = append(g.Undisclosed, fmt.Sprintf("%s（%s）", it.Item, joinShort(c.Missing, 3)))
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// joinShort joins at most n items and says how many more there are.
func joinShort(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, "、")
	}
	return fmt.Sprintf("%s 等 %d 期", strings.Join(xs[:n], "、"), len(xs))
}

// Counts is the ledgers' part of summary --json.
type Counts struct {
	Meetings       int64 `json:"meetings"`
	Opinions       int64 `json:"opinions"`
	OverdueReplies int   `json:"overdue_replies"`
}

// Counts totals the ledgers of the whole database; overdue replies are judged on today.
func (s *Service) Counts(ctx context.Context) (Counts, error) {
	c, err := s.st.CountLedgers(ctx)
	if err != nil {
		return Counts{}, err
	}
	overdue, err := s.overdueCount(ctx, "")
	return Counts{Meetings: c.Meetings, Opinions: c.Opinions, OverdueReplies: overdue}, err
}

// overdueCount counts the unanswered opinions under code ("" for all) past their deadline today.
func (s *Service) overdueCount(ctx context.Context, code string) (int, error) {
	by, err := s.OverdueByDivision(ctx, code)
	n := 0
	for _, c := range by {
		n += int(c)
	}
	return n, err
}
