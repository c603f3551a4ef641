package checklist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"shequ/app/budget"
	"shequ/app/division"
	"shequ/app/ledger"
	"shequ/app/registry"
	"shequ/app/store"
	"shequ/assets"
	"shequ/models"
)

// Service runs 社区标准化建设: the indicator library, yearly assessments with their
// workflow, roll-ups and 示范单位 titles.
type Service struct {
	session  *models.Session
	snapshot func(context.Context) error
	st       *store.Store
	actor    string
	divs     *division.Service
	ledgers  *ledger.Service
	budget   *budget.Service
	registry *registry.Service
}

// Params are what the service needs: the store, who is working, the division lookup, the
// ledger and budget services whose figures some indicators are computed from, and the snapshot
// an import takes before it writes.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
	Ledgers   *ledger.Service
	Budget    *budget.Service
	Registry  *registry.Service
	Snapshot  func(context.Context) error
}

// New makes the service.
func New(p Params) *Service {
	return &Service{session: p.Session, snapshot: p.Snapshot, st: p.Store, actor: p.Session.Actor, divs: p.Divisions, ledgers: p.Ledgers, budget: p.Budget, registry: p.Registry}
}

// Seed stores the built-in default library once.
func (s *Service) Seed(ctx context.Context) error {
	inds, err := ParseIndicatorsCSV(bytes.NewReader(assets.StandardIndicatorsCSV))
	if err != nil {
		return fmt.Errorf("内置标准化指标有误：%w", err)
	}
	_, err = s.st.SeedChecklistLibrary(ctx, inds, models.DefaultLevelRule, "shequ")
	return err
}

// place finds a village's county and township; other levels are refused.
func (s *Service) place(ctx context.Context, code string) (d models.Division, township, county string, err error) {
	d, err = s.divs.Get(ctx, code)
	if err != nil {
		return d, "", "", err
	}
	if d.Level != models.LevelVillage {
		return d, "", "", fmt.Errorf("%w：%s 不是村（社区），标准化测评只针对村（社区）", models.ErrInvalid, d.Name)
	}
	t, err := s.divs.Get(ctx, d.ParentCode)
	if err != nil {
		return d, "", "", err
	}
	return d, t.Code, t.ParentCode, nil
}

// Proposal is a value shequ already knows for an indicator, and where from.
type Proposal struct {
	Value float64
	From  string
}

// Proposals are the values shequ can propose for a village's assessment of year: facility area
// per 100 households from the profile, the ledger counts, 工作经费 and purchased services from
// the budget module, organisations, workers and grids from the 三社互动 registry.
func (s *Service) Proposals(ctx context.Context, code string, year int) (map[string]Proposal, error) {
	out := map[string]Proposal{}
	p, err := s.divs.Profile(ctx, code)
	if err != nil {
		return nil, err
	}
	if p.Households > 0 && p.ServiceAreaM2 > 0 {
		out["FAC01"] = Proposal{Value: roundTo2(p.ServiceAreaM2 / float64(p.Households) * 100), From: "社区档案（服务中心面积÷户数）"}
	}
	led, err := s.ledgers.ProposedChecklistValues(ctx, code, year)
	if err != nil {
		return nil, err
	}
	for c, v := range led {
		out[c] = Proposal{Value: roundTo2(v), From: "民主自治台账"}
	}
	if sum, n, err := s.budget.CategorySum(ctx, code, year, "工作经费"); err != nil {
		return nil, err
	} else if n > 0 {
		out["GUA02"] = Proposal{Value: float64(sum) / 100, From: fmt.Sprintf("经费保障（%d 条工作经费预算）", n)}
	}
	if n, err := s.budget.ContractsInYear(ctx, code, year); err != nil {
		return nil, err
	} else if n > 0 {
		out["GUA05"] = Proposal{Value: float64(n), From: "经费保障（政府购买服务合同）"}
	}
	reg, err := s.registry.FiguresFor(ctx, code)
	if err != nil {
		return nil, err
	}
	registryProposals(out, reg, p)
	return out, nil
}

// registryProposals adds what the 三社互动 registry knows: ORG05 网格化覆盖率 (households in grids
// ÷ the profile's households), ORG06 社区社会组织数量, TAL02 持证社会工作者 and TAL03 网格员配备
// (grid-worker assignments per grid). Nothing is proposed where the registry has no records.
func registryProposals(out map[string]Proposal, r store.RegistryFigures, p models.CommunityProfile) {
	if r.Grids > 0 && p.Households > 0 {
		out["ORG05"] = Proposal{Value: roundTo2(min(100, float64(r.GridHouseholds)/float64(p.Households)*100)),
			From: "三社互动（网格户数÷社区档案户数）"}
	}
	if r.Orgs > 0 {
		out["ORG06"] = Proposal{Value: float64(r.Orgs), From: "三社互动（服务本村（社区）的正常社会组织）"}
	}
	if r.CertifiedWorkers > 0 {
		out["TAL02"] = Proposal{Value: float64(r.CertifiedWorkers), From: "三社互动（在岗持证社会工作者）"}
	}
	if r.Grids > 0 {
		out["TAL03"] = Proposal{Value: roundTo2(float64(r.GridWorkerSlots) / float64(r.Grids)), From: "三社互动（网格员÷网格数）"}
	}
}

func roundTo2(f float64) float64 {
	v, _ := strconv.ParseFloat(models.FormatNumber(f), 64)
	return v
}

// AssessmentForm is everything the assessment form shows for one village and year.
type AssessmentForm struct {
	Division   models.Division
	Kind       string // 社区 or 村
	Township   string
	County     string
	Library    models.Library
	Assessment models.Assessment
	Exists     bool
	Proposals  map[string]Proposal
	Score      models.Score
	NextLevel  string
	NextSteps  []models.NextStep
}

// Form loads a village's assessment for year, or a new one on the county's current library.
func (s *Service) Form(ctx context.Context, code string, year int) (AssessmentForm, error) {
	var f AssessmentForm
	d, town, county, err := s.place(ctx, code)
	if err != nil {
		return f, err
	}
	f.Division, f.Kind, f.Township, f.County = d, d.Kind(), town, county
	if f.Assessment, f.Exists, err = s.st.Assessment(ctx, code, year); err != nil {
		return f, err
	}
	if f.Exists {
		f.Library, err = s.st.ChecklistLibrary(ctx, f.Assessment.VersionID)
	} else {
		f.Library, err = s.st.ChecklistLibraryFor(ctx, county, year)
		f.Assessment.Values = map[string]models.IndicatorValue{}
	}
	if err != nil {
		return f, err
	}
	if f.Proposals, err = s.Proposals(ctx, code, year); err != nil {
		return f, err
	}
	f.Rescore()
	return f, nil
}

// Rescore recomputes the score and the next-level hint from the form's values (the live score).
func (f *AssessmentForm) Rescore() {
	f.Score = models.ScoreAssessment(f.Library, f.Kind, f.Assessment.Values)
	f.NextLevel, f.NextSteps = models.NextLevelHint(f.Library, f.Score)
}

// Save stores the values of a village's assessment for year (creating it in 自查) and returns
// the new score. Values differing from shequ's proposal are recorded as overrides.
func (s *Service) Save(ctx context.Context, code string, year int, values map[string]models.IndicatorValue) (models.Score, error) {
	return s.SaveRead(ctx, code, year, 0, values)
}

// SaveRead is Save for a form read at version read (AssessmentForm.Assessment.RowVersion, or
// models.ReadAbsent for a form that found no assessment): when someone else saved (or created) the
// assessment since, it returns a *models.EditConflict and writes nothing.
func (s *Service) SaveRead(ctx context.Context, code string, year int, read int64, values map[string]models.IndicatorValue) (models.Score, error) {
	if err := s.requireEditor(); err != nil {
		return models.Score{}, err
	}
	f, err := s.Form(ctx, code, year)
	if err != nil {
		return models.Score{}, err
	}
	if f.Exists && (f.Assessment.Frozen() || f.Assessment.State != models.StateSelf) {
		return models.Score{}, fmt.Errorf("%w：%s %d年测评处于“%s”，只有“自查”阶段可以修改", models.ErrConflict, f.Division.Name, year, f.Assessment.StateText())
	}
	if !f.Exists {
		if f.Library.VersionID, err = s.st.EnsureChecklistLibrary(ctx, f.County, year, s.actor); err != nil {
			return models.Score{}, err
		}
		if f.Library, err = s.st.ChecklistLibrary(ctx, f.Library.VersionID); err != nil {
			return models.Score{}, err
		}
	}
	w, err := s.prepareWrite(f, values)
	if err != nil {
		return models.Score{}, err
	}
	if read > 0 || read == models.ReadAbsent {
		w.RowVersion = read
	}
	if _, err := s.st.SaveAssessment(ctx, w, s.actor); err != nil {
		return models.Score{}, err
	}
	f.Assessment.Values = w.Values
	f.Rescore()
	return f.Score, nil
}

// prepareWrite checks the values against the form's library, keeps the proposals beside them and
// lists the changes for the audit trail.
func (s *Service) prepareWrite(f AssessmentForm, values map[string]models.IndicatorValue) (store.AssessmentWrite, error) {
	var v models.ValidationError
	merged := map[string]models.IndicatorValue{}
	var changes []store.FieldChange
	for _, in := range f.Library.Active() {
		old := f.Assessment.Values[in.Code]
		nv, given := values[in.Code]
		if !given {
			nv = old
		}
		nv.Code = in.Code
		if nv.Value != nil {
			x := *nv.Value
			if x < 0 || (in.Method == models.MethodYesNo && x != 0 && x != 1) {
				v.Add(in.Code+" "+in.Name, "应填“是”或“否”或不小于 0 的数字")
			}
		}
		if p, ok := f.Proposals[in.Code]; ok {
			pv := p.Value
			nv.Proposed, nv.From = &pv, p.From
		}
		before := models.FormatIndicatorValue(in.Method, old.Value)
		after := models.FormatIndicatorValue(in.Method, nv.Value)
		if before != after || old.Note != nv.Note {
			label := in.Code + " " + in.Name
			if nv.Overridden() {
				label += fmt.Sprintf("（未采用建议值 %s，来源：%s）", models.FormatIndicatorValue(in.Method, nv.Proposed), nv.From)
			}
			changes = append(changes, store.FieldChange{Field: label, Before: before, After: after})
		}
		merged[in.Code] = nv
	}
	for c := range values {
		if in, ok := f.Library.Indicator(c); !ok || in.Retired {
			v.Add(c, "不是本测评所用指标库中的指标")
		}
	}
	if err := v.Err(); err != nil {
		return store.AssessmentWrite{}, err
	}
	sc := models.ScoreAssessment(f.Library, f.Kind, merged)
	met := map[string]bool{}
	for _, it := range sc.Items {
		met[it.Indicator.Code] = it.Met
	}
	a := f.Assessment
	a.DivisionCode, a.VersionID, a.Values, a.Score, a.Level = f.Division.Code, f.Library.VersionID, merged, sc.Total, sc.Level
	if a.Year == 0 {
		a.Year = f.Assessment.Year
	}
	return store.AssessmentWrite{Assessment: a, TownshipCode: f.Township, CountyCode: f.County,
		MandatoryUnmet: len(sc.MandatoryUnmet), Met: met, Changes: changes}, nil
}

// Workflow actions.
const (
	ActSubmit   = "提交乡镇审核"
	ActApprove  = "乡镇审核通过"
	ActAccept   = "县级验收通过"
	ActPublish  = "公示"
	ActSendBack = "退回"
	ActReopen   = "重新打开"
)

// ErrReasonRequired: sending back and reopening need a reason.
var ErrReasonRequired = errors.New("请填写原因")

// Step takes one workflow step on a village's assessment of year. 提交/乡镇审核/退回 from 乡镇审核
// may be done by 录入员 and 管理员; 县级验收, 公示, 退回 from 县级验收 and 重新打开 only by 管理员.
func (s *Service) Step(ctx context.Context, code string, year int, action, reason string) error {
	a, found, err := s.st.Assessment(ctx, code, year)
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("%w：%s 还没有 %d 年测评，请先填写并保存", models.ErrNotFound, code, year)
	}
	reason = strings.TrimSpace(reason)
	var t store.Transition
	admin := false
	switch action {
	case ActSubmit:
		lib, err := s.st.ChecklistLibrary(ctx, a.VersionID)
		if err != nil {
			return err
		}
		missing := 0
		for _, in := range lib.Active() {
			if a.Values[in.Code].Value == nil {
				missing++
			}
		}
		if missing > 0 {
			return fmt.Errorf("%w：还有 %d 项指标未填写，填完后才能提交乡镇审核", models.ErrInvalid, missing)
		}
		t = store.Transition{From: []string{models.StateSelf}, To: models.StateTownship}
	case ActApprove:
		t = store.Transition{From: []string{models.StateTownship}, To: models.StateCounty}
	case ActSendBack:
		t = store.Transition{From: []string{models.StateTownship, models.StateCounty}, To: models.StateSelf}
		admin = a.State == models.StateCounty
	case ActAccept:
		t = store.Transition{From: []string{models.StateCounty}, To: models.StateCounty, Accept: 1}
		admin = true
	case ActPublish:
		t = store.Transition{From: []string{models.StateCounty}, WantFrozen: true, To: models.StatePublished}
		admin = true
	case ActReopen:
		t = store.Transition{From: []string{models.StateCounty, models.StatePublished}, WantFrozen: true, To: models.StateSelf, Accept: -1}
		admin = true
	default:
		return fmt.Errorf("%w：未知的流程操作“%s”", models.ErrInvalid, action)
	}
	if err := s.mayTake(action, a.State, admin); err != nil {
		return err
	}
	if (action == ActSendBack || action == ActReopen) && reason == "" {
		return fmt.Errorf("%w：%s时%s", models.ErrInvalid, action, ErrReasonRequired.Error())
	}
	t.Action, t.Reason = action, reason
	return s.st.TransitionAssessment(ctx, a.ID, t, s.actor)
}

// mayTake refuses a step the signed-in user may not take. On a desk, 录入员 and 管理员 submit and
// review for the township, and only 管理员 takes the county's steps (county, when set). On a
// shared database the chain runs across desks, each step by the account entitled to it: any
// writer submits; the township's review is an administrator's of a township or above; the
// county's steps an administrator's of a county or the whole database (the database enforces
// the same, shequ_assessment_step).
func (s *Service) mayTake(action, state string, county bool) error {
	if err := s.requireEditor(); err != nil {
		return err
	}
	township := state == models.StateTownship && (action == ActApprove || action == ActSendBack)
	switch {
	case county && s.session.Shared && s.session.Scope == models.LevelTownship:
		return fmt.Errorf("%w：“%s”须由县级的管理员账号办理", models.ErrForbidden, action)
	case county || (township && s.session.Shared):
		if err := s.session.Require(models.RoleAdmin); err != nil {
			if township {
				return fmt.Errorf("%w：乡镇审核（通过或退回）须由乡镇（街道）或县级的管理员账号办理", models.ErrForbidden)
			}
			return err
		}
	}
	return nil
}

// Actions lists the workflow actions the signed-in user may take on an assessment now.
func (s *Service) Actions(a models.Assessment, exists bool) []string {
	if !exists || s.session.Role == models.RoleViewer {
		return nil
	}
	var all []string
	switch {
	case a.State == models.StateSelf:
		all = []string{ActSubmit}
	case a.State == models.StateTownship:
		all = []string{ActApprove, ActSendBack}
	case a.State == models.StateCounty && !a.Frozen():
		all = []string{ActAccept, ActSendBack}
	case a.State == models.StateCounty && a.Frozen():
		all = []string{ActPublish, ActReopen}
	case a.State == models.StatePublished:
		all = []string{ActReopen}
	}
	var out []string
	for _, act := range all {
		county := a.State == models.StateCounty || a.State == models.StatePublished
		if s.mayTake(act, a.State, county) == nil {
			out = append(out, act)
		}
	}
	return out
}
