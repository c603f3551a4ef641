package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/app/budget"
	"shequ/app/division"
	"shequ/app/sheet"
	"shequ/app/store"
	"shequ/models"
)

// Module is the Chinese module name of 三社互动 in the audit trail.
const Module = "三社互动"

// Service keeps the 三社互动 registry: social organisations, social and grid workers,
// the subsidy table, grids and joint projects.
type Service struct {
	st     *store.Store
	actor  string
	divs   *division.Service
	budget *budget.Service
	// beforeImport snapshots the database before an import writes anything.
	beforeImport func(context.Context) error
}

// Params are what the service needs: the store, who is working, the division lookup and the
// snapshot an import takes before it writes.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
	Budget    *budget.Service // the 政府购买服务 contracts a joint project is funded by
	Snapshot  func(context.Context) error
}

// New makes the service.
func New(p Params) *Service {
	return &Service{st: p.Store, actor: p.Session.Actor, divs: p.Divisions, budget: p.Budget, beforeImport: p.Snapshot}
}

// registryCounty is countyOf for a code that may be malformed: "" unless it has 12 digits.
func registryCounty(code string) string {
	if len(code) != 12 {
		return ""
	}
	return models.Code(code).County().String()
}

// divisionIn checks that code is an active township or village inside county (any county when "").
func (s *Service) divisionIn(ctx context.Context, label, code string, villageOnly bool) error {
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return fmt.Errorf("%w：%s %s 不存在", models.ErrInvalid, label, code)
	}
	switch {
	case !d.Active():
		return fmt.Errorf("%w：%s“%s”已撤销", models.ErrInvalid, label, d.Name)
	case villageOnly && d.Level != models.LevelVillage:
		return fmt.Errorf("%w：%s应为村（社区），“%s”是%s", models.ErrInvalid, label, d.Name, d.Level.Label())
	case d.Level != models.LevelVillage && d.Level != models.LevelTownship:
		return fmt.Errorf("%w：%s应为乡镇（街道）或村（社区），“%s”是%s", models.ErrInvalid, label, d.Name, d.Level.Label())
	}
	return nil
}

// prepareOrg normalises and checks an organisation; shared by the form and the import.
func (s *Service) prepareOrg(ctx context.Context, o *models.SocialOrg) error {
	o.Name = strings.TrimSpace(o.Name)
	o.USCC = models.NormalizeUSCC(o.USCC)
	o.CountyCode = registryCounty(o.DivisionCode)
	if err := o.Validate(); err != nil {
		return err
	}
	var v models.ValidationError
	if err := s.divisionIn(ctx, "所在区划", o.DivisionCode, false); err != nil {
		v.Add("所在区划", sheet.Reason(err))
	}
	slices.Sort(o.ServedCodes)
	o.ServedCodes = slices.Compact(o.ServedCodes)
	for _, c := range o.ServedCodes {
		if err := s.divisionIn(ctx, "服务村（社区）", c, true); err != nil {
			v.Add("服务村（社区）", sheet.Reason(err))
		} else if registryCounty(c) != o.CountyCode {
			v.Add("服务村（社区）", c+" 不在本组织所在的县（市、区）")
		}
	}
	return v.Err()
}

// SaveOrg creates (ID 0) or updates an organisation; it returns the id.
func (s *Service) SaveOrg(ctx context.Context, o models.SocialOrg) (int64, error) {
	if err := s.prepareOrg(ctx, &o); err != nil {
		return 0, err
	}
	return s.st.SaveOrg(ctx, o, s.actor)
}

// DeleteOrg removes an organisation.
func (s *Service) DeleteOrg(ctx context.Context, id int64) error {
	return s.st.DeleteOrg(ctx, id, s.actor)
}

// Org reads one organisation for editing: the form shows the leader's full phone, so opening
// the form counts as revealing it and is recorded, as for workers. Lists use OrgRows, which mask.
func (s *Service) Org(ctx context.Context, id int64) (models.SocialOrg, error) {
	return s.RevealOrg(ctx, id)
}

// RevealOrg returns the organisation's unmasked contact phone and notes the reveal in the trail.
func (s *Service) RevealOrg(ctx context.Context, id int64) (models.SocialOrg, error) {
	o, err := s.st.Org(ctx, id)
	if err != nil {
		return o, err
	}
	return o, s.st.RecordView(ctx, s.actor, Module, store.EntityOrg, fmt.Sprint(id), "负责人联系电话")
}

// SaveOrgYear records an organisation's 年检 result and 评估等级 for a year.
func (s *Service) SaveOrgYear(ctx context.Context, r models.OrgYearRecord) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if _, err := s.st.Org(ctx, r.OrgID); err != nil {
		return err
	}
	return s.st.SaveOrgYear(ctx, r, s.actor)
}

// OrgYears lists the yearly records of one organisation, newest first.
func (s *Service) OrgYears(ctx context.Context, orgID int64) ([]models.OrgYearRecord, error) {
	all, err := s.st.OrgYears(ctx)
	if err != nil {
		return nil, err
	}
	var out []models.OrgYearRecord
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].OrgID == orgID {
			out = append(out, all[i])
		}
	}
	return out, nil
}

// prepareWorker normalises and checks a worker; shared by the form and the import.
func (s *Service) prepareWorker(ctx context.Context, w *models.SocialWorker, orgName func(int64) (string, bool)) error {
	w.Name = strings.TrimSpace(w.Name)
	w.CountyCode = registryCounty(w.DivisionCode)
	if w.Status == "" {
		w.Status = "在岗"
		if !w.OffPostOn.IsZero() {
			w.Status = "离岗"
		}
	}
	if err := w.Validate(); err != nil {
		return err
	}
	var v models.ValidationError
	if err := s.divisionIn(ctx, "服务区划", w.DivisionCode, false); err != nil {
		v.Add("服务区划", sheet.Reason(err))
	}
	if w.EmployerKind == "社会组织" {
		if name, ok := orgName(w.EmployerOrgID); ok {
			w.EmployerName = name
		} else {
			v.Add("工作单位", fmt.Sprintf("社会组织 %d 不存在", w.EmployerOrgID))
		}
	} else {
		w.EmployerOrgID = 0
	}
	return v.Err()
}

func (s *Service) orgNamer(ctx context.Context) func(int64) (string, bool) {
	return func(id int64) (string, bool) {
		o, err := s.st.Org(ctx, id)
		return o.Name, err == nil
	}
}

// SaveWorker creates (ID 0) or updates a social worker; it returns the id.
func (s *Service) SaveWorker(ctx context.Context, w models.SocialWorker) (int64, error) {
	if err := s.prepareWorker(ctx, &w, s.orgNamer(ctx)); err != nil {
		return 0, err
	}
	return s.st.SaveWorker(ctx, w, s.actor)
}

// DeleteWorker removes a worker.
func (s *Service) DeleteWorker(ctx context.Context, id int64) error {
	return s.st.DeleteWorker(ctx, id, s.actor)
}

// Worker reads one worker for editing: the form needs the full 身份证号, so opening the form
// counts as revealing it and is recorded.
func (s *Service) Worker(ctx context.Context, id int64) (models.SocialWorker, error) {
	return s.RevealWorker(ctx, id)
}

// RevealWorker returns a worker's unmasked 身份证号 and phone and notes the reveal in the trail.
func (s *Service) RevealWorker(ctx context.Context, id int64) (models.SocialWorker, error) {
	w, err := s.st.Worker(ctx, id)
	if err != nil {
		return w, err
	}
	return w, s.st.RecordView(ctx, s.actor, Module, store.EntityWorker, fmt.Sprint(id), "身份证号和联系电话")
}

// SubsidyRules is the county's subsidy table.
func (s *Service) SubsidyRules(ctx context.Context) ([]models.SubsidyRule, error) {
	return s.st.SubsidyRules(ctx)
}

// SaveSubsidyRules replaces the subsidy table after checking every row.
func (s *Service) SaveSubsidyRules(ctx context.Context, rules []models.SubsidyRule) error {
	var v models.ValidationError
	seen := map[string]bool{}
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			v.Add(fmt.Sprintf("第 %d 行", i+1), sheet.Reason(err))
		}
		k := models.FormatDate(r.EffectiveFrom) + r.Qualification
		if seen[k] {
			v.Add(fmt.Sprintf("第 %d 行", i+1), "同一执行日期、同一资格等级出现两次")
		}
		seen[k] = true
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.st.ReplaceSubsidyRules(ctx, rules, s.actor)
}

// SaveGrid creates (ID 0) or updates a grid.
func (s *Service) SaveGrid(ctx context.Context, g models.Grid) (int64, error) {
	g.Name, g.Number = strings.TrimSpace(g.Name), strings.TrimSpace(g.Number)
	if err := g.Validate(); err != nil {
		return 0, err
	}
	if err := s.divisionIn(ctx, "所属村（社区）", g.DivisionCode, true); err != nil {
		return 0, err
	}
	return s.st.SaveGrid(ctx, g, s.actor)
}

// DeleteGrid removes a grid.
func (s *Service) DeleteGrid(ctx context.Context, id int64) error {
	return s.st.DeleteGrid(ctx, id, s.actor)
}

// SaveProject creates (ID 0) or updates a joint project; with a contract its funding is the
// contract's amount.
func (s *Service) SaveProject(ctx context.Context, p models.JointProject) (int64, error) {
	p.Title = strings.TrimSpace(p.Title)
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if err := s.divisionIn(ctx, "所在社区", p.DivisionCode, false); err != nil {
		return 0, err
	}
	if p.ContractID != 0 {
		cs, err := s.budget.Contracts(ctx)
		if err != nil {
			return 0, err
		}
		i := slices.IndexFunc(cs, func(c models.PurchaseContract) bool { return c.ID == p.ContractID })
		if i < 0 {
			return 0, fmt.Errorf("%w：政府购买服务合同 %d 不存在", models.ErrInvalid, p.ContractID)
		}
		p.Amount = cs[i].Amount
	}
	return s.st.SaveProject(ctx, p, s.actor)
}

// DeleteProject removes a joint project.
func (s *Service) DeleteProject(ctx context.Context, id int64) error {
	return s.st.DeleteProject(ctx, id, s.actor)
}

// Contracts are the 政府购买服务 contracts a project can be funded by.
func (s *Service) Contracts(ctx context.Context) ([]models.PurchaseContract, error) {
	return s.budget.Contracts(ctx)
}

// Counts are the registry's record counts.
type Counts struct {
	Orgs, Workers, Grids int
}

// Counts counts organisations, workers and grids.
func (s *Service) Counts(ctx context.Context) (Counts, error) {
	o, w, g, err := s.st.RegistryCounts(ctx)
	return Counts{Orgs: int(o), Workers: int(w), Grids: int(g)}, err
}
