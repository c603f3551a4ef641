package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

const registryModule = "三社互动"

// Entity names in the audit trail.
const (
	EntityOrg     = "社会组织"
	EntityWorker  = "社会工作者"
	EntityGrid    = "网格"
	EntityProject = "三社联动项目"
)

type socialOrgRow struct {
	ID            int64 `gorm:"primaryKey"`
	CountyCode    string
	TownshipCode  string
	DivisionCode  string
	Name          string
	USCC          string `gorm:"column:uscc"`
	RegNo         string
	Form          string
	OrgType       string
	Nature        string
	Authority     string
	Supervisor    string
	Leader        string
	LeaderPhone   string
	Address       string
	EstablishedOn *time.Time
	Members       int64
	Status        string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	RowVersion    int64 `gorm:"->"` // moved on by bumpVersion only
}

func (socialOrgRow) TableName() string { return "social_orgs" }

type orgDivisionRow struct {
	OrgID        int64  `gorm:"primaryKey"`
	DivisionCode string `gorm:"primaryKey"`
}

func (orgDivisionRow) TableName() string { return "social_org_divisions" }

type orgYearRow struct {
	ID         int64 `gorm:"primaryKey"`
	OrgID      int64
	Year       int
	Inspection string
	Grade      string
	GradeFrom  *time.Time
	GradeTo    *time.Time
	Note       string
	RowVersion int64 `gorm:"->"` // moved on by bumpVersion only
}

func (orgYearRow) TableName() string { return "social_org_years" }

type workerRow struct {
	ID            int64 `gorm:"primaryKey"`
	CountyCode    string
	TownshipCode  string
	DivisionCode  string
	Name          string
	Gender        string
	IDNumber      string `gorm:"column:id_number"`
	BirthDate     time.Time
	Phone         string
	Qualification string
	CertNo        string
	CertDate      *time.Time
	EmployerKind  string
	EmployerOrgID *int64
	EmployerName  string
	Post          string
	Status        string
	OnPostFrom    time.Time
	OffPostOn     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	RowVersion    int64 `gorm:"->"` // moved on by bumpVersion only
}

func (workerRow) TableName() string { return "social_workers" }

type subsidyRuleRow struct {
	ID            int64 `gorm:"primaryKey"`
	EffectiveFrom time.Time
	Qualification string
	MonthlyFen    int64
	OneOffFen     int64
}

func (subsidyRuleRow) TableName() string { return "subsidy_rules" }

type gridRow struct {
	ID           int64 `gorm:"primaryKey"`
	DivisionCode string
	TownshipCode string
	Name         string
	Number       string
	Households   int64
	Population   int64
	Boundary     string
	RowVersion   int64 `gorm:"->"` // moved on by bumpVersion only
}

func (gridRow) TableName() string { return "grids" }

type gridWorkerRow struct {
	GridID   int64 `gorm:"primaryKey"`
	WorkerID int64 `gorm:"primaryKey"`
}

func (gridWorkerRow) TableName() string { return "grid_workers" }

type projectRow struct {
	ID           int64 `gorm:"primaryKey"`
	Title        string
	DivisionCode string
	TownshipCode string
	StartOn      time.Time
	EndOn        time.Time
	ContractID   *int64
	AmountFen    int64
	Status       string
	Outcome      string
	RowVersion   int64 `gorm:"->"` // moved on by bumpVersion only
}

func (projectRow) TableName() string { return "joint_projects" }

type projectOrgRow struct {
	ProjectID int64 `gorm:"primaryKey"`
	OrgID     int64 `gorm:"primaryKey"`
}

func (projectOrgRow) TableName() string { return "joint_project_orgs" }

type projectWorkerRow struct {
	ProjectID int64 `gorm:"primaryKey"`
	WorkerID  int64 `gorm:"primaryKey"`
}

func (projectWorkerRow) TableName() string { return "joint_project_workers" }

// diff lists the fields whose text changed between two label/value lists of the same shape.
func diff(before, after [][2]string) []FieldChange {
	var out []FieldChange
	for i := range after {
		b := ""
		if before != nil {
			b = before[i][1]
		}
		if b != after[i][1] {
			out = append(out, FieldChange{Field: after[i][0], Before: b, After: after[i][1]})
		}
	}
	return out
}

// --- 社会组织 ---

func orgRowOf(o models.SocialOrg) socialOrgRow {
	return socialOrgRow{ID: o.ID, CountyCode: o.CountyCode, TownshipCode: models.Code(o.DivisionCode).Township().String(), DivisionCode: o.DivisionCode,
		Name: o.Name, USCC: o.USCC, RegNo: o.RegNo, Form: o.Form, OrgType: o.Type, Nature: o.Nature, Authority: o.Authority,
		Supervisor: o.Supervisor, Leader: o.Leader, LeaderPhone: o.LeaderPhone, Address: o.Address,
		EstablishedOn: timePtr(o.Established), Members: o.Members, Status: o.Status}
}

func (r socialOrgRow) model() models.SocialOrg {
	return models.SocialOrg{ID: r.ID, CountyCode: r.CountyCode, DivisionCode: r.DivisionCode, Name: r.Name, USCC: r.USCC,
		RegNo: r.RegNo, Form: r.Form, Type: r.OrgType, Nature: r.Nature, Authority: r.Authority, Supervisor: r.Supervisor,
		Leader: r.Leader, LeaderPhone: r.LeaderPhone, Address: r.Address, Established: models.DayOf(r.EstablishedOn),
		Members: r.Members, Status: r.Status, RowVersion: r.RowVersion}
}

func orgFields(r socialOrgRow, served []string) [][2]string {
	return [][2]string{{"名称", r.Name}, {"统一社会信用代码", r.USCC}, {"登记证号", r.RegNo}, {"组织形式", r.Form},
		{"类型", r.OrgType}, {"性质", r.Nature}, {"登记管理机关", r.Authority}, {"业务主管单位", r.Supervisor},
		{"负责人", r.Leader}, {"联系电话", models.MaskPhone(r.LeaderPhone)}, {"地址", r.Address},
		{"成立日期", models.FormatDate(derefTime(r.EstablishedOn))}, {"成员数", strconv.FormatInt(r.Members, 10)},
		{"状态", r.Status}, {"所在区划", r.DivisionCode}, {"服务村（社区）", joinList(served)}}
}

// orgConflict refuses an organisation whose USCC is already registered, or whose name is taken
// in the same county, naming the record that holds it.
func orgConflict(tx *gorm.DB, o models.SocialOrg) error {
	var hit []socialOrgRow
	q := tx.Where("id <> ? AND ((uscc <> '' AND uscc = ?) OR (county_code = ? AND name = ?))", o.ID, o.USCC, o.CountyCode, o.Name)
	if err := q.Limit(1).Find(&hit).Error; err != nil {
		return err
	}
	if len(hit) == 0 {
		return nil
	}
	h := hit[0]
	if o.USCC != "" && h.USCC == o.USCC {
		return fmt.Errorf("%w：统一社会信用代码 %s 已登记为“%s”（编号 %d），不能重复登记", models.ErrConflict, o.USCC, h.Name, h.ID)
	}
	return fmt.Errorf("%w：本县已有同名社会组织“%s”（编号 %d，统一社会信用代码 %s），不能重复登记", models.ErrConflict, h.Name, h.ID, orDash(h.USCC))
}

func orDash(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

func (s *Store) saveOrgTx(tx *gorm.DB, o models.SocialOrg, actor string, audit bool) (int64, error) {
	if err := orgConflict(tx, o); err != nil {
		return 0, err
	}
	row := orgRowOf(o)
	now := s.now()
	row.CreatedAt, row.UpdatedAt = now, now
	var before [][2]string
	action := ActionCreate
	if o.ID == 0 {
		if err := tx.Create(&row).Error; err != nil {
			return 0, fmt.Errorf("新增社会组织失败：%w", err)
		}
	} else {
		var old socialOrgRow
		if err := tx.Where("id = ?", o.ID).Take(&old).Error; err != nil {
			return 0, fmt.Errorf("%w：社会组织 %d", models.ErrNotFound, o.ID)
		}
		var served []string
		if err := tx.Model(&orgDivisionRow{}).Where("org_id = ?", o.ID).Order("division_code").Pluck("division_code", &served).Error; err != nil {
			return 0, err
		}
		before, action = orgFields(old, served), ActionUpdate
		if err := s.bumpVersion(tx, "social_orgs", EntityOrg, fmtInt(o.ID), o.RowVersion, "id = ?", o.ID); err != nil {
			return 0, err
		}
		row.CreatedAt = old.CreatedAt
		if err := tx.Save(&row).Error; err != nil {
			return 0, fmt.Errorf("保存社会组织失败：%w", err)
		}
		if err := tx.Where("org_id = ?", o.ID).Delete(&orgDivisionRow{}).Error; err != nil {
			return 0, err
		}
	}
	for _, c := range o.ServedCodes {
		if err := tx.Create(&orgDivisionRow{OrgID: row.ID, DivisionCode: c}).Error; err != nil {
			return 0, fmt.Errorf("保存服务村（社区）%s 失败：%w", c, err)
		}
	}
	if !audit { // an imported row: its importer owns it
		if action == ActionCreate {
			return row.ID, recordOwner(tx, EntityOrg, fmtInt(row.ID), actor, now)
		}
		return row.ID, nil
	}
	return row.ID, s.audit(tx, actor, registryModule, EntityOrg, fmtInt(row.ID), action, diff(before, orgFields(row, o.ServedCodes)), "")
}

// SaveOrg creates (ID 0) or updates a social organisation with the villages it serves.
func (s *Store) SaveOrg(ctx context.Context, o models.SocialOrg, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.saveOrgTx(tx, o, actor, true)
		return err
	})
	return id, err
}

// DeleteOrg removes an organisation with its yearly records; it is refused while workers or
// projects name it.
func (s *Store) DeleteOrg(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var row socialOrgRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return fmt.Errorf("%w：社会组织 %d", models.ErrNotFound, id)
		}
		var n int64
		if err := tx.Model(&workerRow{}).Where("employer_org_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：“%s”是 %d 名社会工作者的工作单位，请先修改这些人员的工作单位", models.ErrConflict, row.Name, n)
		}
		if err := tx.Model(&projectOrgRow{}).Where("org_id = ?", id).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：“%s”参与了 %d 个三社联动项目，不能删除，可把状态改为注销", models.ErrConflict, row.Name, n)
		}
		if err := s.audit(tx, actor, registryModule, EntityOrg, fmtInt(id), ActionDelete, diff(nil, orgFields(row, nil)), ""); err != nil {
			return err
		}
		for _, m := range []any{&orgDivisionRow{}, &orgYearRow{}} {
			if err := tx.Where("org_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		return tx.Delete(&socialOrgRow{}, id).Error
	})
}

// Orgs lists every organisation with the villages it serves, by name.
func (s *Store) Orgs(ctx context.Context) ([]models.SocialOrg, error) {
	var rows []socialOrgRow
	if err := s.db.WithContext(ctx).Order("county_code, name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取社会组织失败：%w", err)
	}
	var divs []orgDivisionRow
	if err := s.db.WithContext(ctx).Order("org_id, division_code").Find(&divs).Error; err != nil {
		return nil, err
	}
	served := map[int64][]string{}
	for _, d := range divs {
		served[d.OrgID] = append(served[d.OrgID], d.DivisionCode)
	}
	out := make([]models.SocialOrg, len(rows))
	for i, r := range rows {
		out[i] = r.model()
		out[i].ServedCodes = served[r.ID]
	}
	return out, nil
}

// Org reads one organisation.
func (s *Store) Org(ctx context.Context, id int64) (models.SocialOrg, error) {
	var row socialOrgRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return models.SocialOrg{}, fmt.Errorf("%w：社会组织 %d", models.ErrNotFound, id)
		}
		return models.SocialOrg{}, err
	}
	o := row.model()
	err := s.db.WithContext(ctx).Model(&orgDivisionRow{}).Where("org_id = ?", id).Order("division_code").Pluck("division_code", &o.ServedCodes).Error
	return o, err
}

// SaveOrgYear records (or replaces) an organisation's 年检 result and 评估等级 for a year. A record
// changed at another desk since r was read (or created meanwhile, when r was read as absent) is a
// *models.EditConflict.
func (s *Store) SaveOrgYear(ctx context.Context, r models.OrgYearRecord, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var old []orgYearRow
		if err := tx.Where("org_id = ? AND year = ?", r.OrgID, r.Year).Find(&old).Error; err != nil {
			return err
		}
		row := orgYearRow{OrgID: r.OrgID, Year: r.Year, Inspection: r.Inspection, Grade: r.Grade,
			GradeFrom: timePtr(r.GradeFrom), GradeTo: timePtr(r.GradeTo), Note: r.Note}
		fields := func(x orgYearRow) [][2]string {
			return [][2]string{{"年度", strconv.Itoa(x.Year)}, {"年检结果", x.Inspection}, {"评估等级", x.Grade},
				{"等级有效期起", models.FormatDate(derefTime(x.GradeFrom))}, {"等级有效期止", models.FormatDate(derefTime(x.GradeTo))}, {"备注", x.Note}}
		}
		note := orgYearNote(r.Year)
		var before [][2]string
		if len(old) > 0 {
			row.ID, before = old[0].ID, fields(old[0])
			if err := s.checkOrgYear(tx, r, old[0].RowVersion, note); err != nil {
				return err
			}
			if err := s.bumpVersion(tx, "social_org_years", EntityOrg, fmtInt(r.OrgID), 0, "id = ?", row.ID); err != nil {
				return err
			}
		}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("保存年检与评估记录失败：%w", err)
		}
		return s.audit(tx, actor, registryModule, EntityOrg, fmtInt(r.OrgID), ActionUpdate, diff(before, fields(row)), note)
	})
}

func orgYearNote(year int) string { return fmt.Sprintf("%d 年年检与评估", year) }

// checkOrgYear refuses the save of r when the stored record, at version now, is not the one r was
// read with. The year's changes are in the trail under its organisation, told apart by note, so
// the conflict names the organisation and the year rather than the organisation alone.
func (s *Store) checkOrgYear(tx *gorm.DB, r models.OrgYearRecord, now int64, note string) error {
	var name []string
	if err := tx.Model(&socialOrgRow{}).Where("id = ?", r.OrgID).Pluck("name", &name).Error; err != nil {
		return err
	}
	what := note + "（" + fmtInt(r.OrgID) + "）"
	if len(name) > 0 {
		what = note + "（" + name[0] + "）"
	}
	read := r.RowVersion
	if v, ok := s.overwrites.Load(what); ok {
		read = v.(int64)
	}
	if read == 0 || read == now {
		return nil
	}
	return s.notedConflict(tx, EntityOrg, fmtInt(r.OrgID), note, what, now)
}

// OrgYears lists the yearly records of every organisation, by organisation and year.
func (s *Store) OrgYears(ctx context.Context) ([]models.OrgYearRecord, error) {
	var rows []orgYearRow
	if err := s.db.WithContext(ctx).Order("org_id, year").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取年检与评估记录失败：%w", err)
	}
	out := make([]models.OrgYearRecord, len(rows))
	for i, r := range rows {
		out[i] = models.OrgYearRecord{OrgID: r.OrgID, Year: r.Year, Inspection: r.Inspection, Grade: r.Grade,
			GradeFrom: models.DayOf(r.GradeFrom), GradeTo: models.DayOf(r.GradeTo), Note: r.Note, RowVersion: r.RowVersion}
	}
	return out, nil
}
