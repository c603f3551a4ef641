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

type assessmentRow struct {
	ID             int64 `gorm:"primaryKey"`
	DivisionCode   string
	TownshipCode   string
	CountyCode     string
	Year           int
	VersionID      int64
	State          string
	Score          int
	Level          string
	MandatoryUnmet int
	AcceptedAt     *time.Time
	AcceptedBy     string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	RowVersion     int64 `gorm:"->"` // moved on by bumpVersion only
}

func (assessmentRow) TableName() string { return "assessments" }

type assessmentValueRow struct {
	AssessmentID int64  `gorm:"primaryKey"`
	Code         string `gorm:"primaryKey"`
	Value        *float64
	Met          bool
	Note         string
	Proposed     *float64
	ProposedFrom string
}

func (assessmentValueRow) TableName() string { return "assessment_values" }

type assessmentStepRow struct {
	ID           int64 `gorm:"primaryKey"`
	AssessmentID int64
	At           time.Time
	Actor        string
	FromState    string
	ToState      string
	Action       string
	Reason       string
}

func (assessmentStepRow) TableName() string { return "assessment_steps" }

// AssessmentWrite is an assessment to store with what the service worked out about it.
type AssessmentWrite struct {
	models.Assessment
	TownshipCode, CountyCode string
	MandatoryUnmet           int
	Met                      map[string]bool
	Changes                  []FieldChange // for the audit trail
}

// Assessment reads the division's assessment for year; found is false when there is none.
func (s *Store) Assessment(ctx context.Context, code string, year int) (a models.Assessment, found bool, err error) {
	db := s.db.WithContext(ctx)
	var rows []assessmentRow
	if err := db.Where("division_code = ? AND year = ?", code, year).Limit(1).Find(&rows).Error; err != nil {
		return a, false, fmt.Errorf("读取测评失败：%w", err)
	}
	if len(rows) == 0 {
		return models.Assessment{DivisionCode: code, Year: year, State: models.StateSelf, Level: models.LevelBelow}, false, nil
	}
	a, err = loadAssessment(db, rows[0])
	return a, err == nil, err
}

func loadAssessment(db *gorm.DB, r assessmentRow) (models.Assessment, error) {
	a := models.Assessment{ID: r.ID, DivisionCode: r.DivisionCode, Year: r.Year, VersionID: r.VersionID, State: r.State,
		AcceptedAt: r.AcceptedAt, AcceptedBy: r.AcceptedBy, Score: r.Score, Level: r.Level, UpdatedAt: r.UpdatedAt,
		RowVersion: r.RowVersion, Values: map[string]models.IndicatorValue{}}
	var vals []assessmentValueRow
	if err := db.Where("assessment_id = ?", r.ID).Find(&vals).Error; err != nil {
		return a, fmt.Errorf("读取测评指标值失败：%w", err)
	}
	for _, v := range vals {
		a.Values[v.Code] = models.IndicatorValue{Code: v.Code, Value: v.Value, Note: v.Note, Proposed: v.Proposed, From: v.ProposedFrom}
	}
	var steps []assessmentStepRow
	if err := db.Where("assessment_id = ?", r.ID).Order("id").Find(&steps).Error; err != nil {
		return a, fmt.Errorf("读取测评流程失败：%w", err)
	}
	for _, st := range steps {
		a.Steps = append(a.Steps, models.WorkflowStep{At: st.At, Actor: st.Actor, From: st.FromState, To: st.ToState,
			Action: st.Action, Reason: st.Reason})
	}
	return a, nil
}

// editable refuses changes to an assessment past self-assessment or accepted by the county.
func editable(r assessmentRow) error {
	if r.AcceptedAt != nil {
		return fmt.Errorf("%w：该测评已于 %s 通过县级验收，已冻结；如需修改请先由管理员重新打开", models.ErrConflict, r.AcceptedAt.Format("2006-01-02"))
	}
	if r.State != models.StateSelf {
		return fmt.Errorf("%w：该测评处于“%s”阶段，只有“自查”阶段可以修改；请先退回", models.ErrConflict, r.State)
	}
	return nil
}

// writeAssessment inserts or updates one assessment and replaces its values; it refuses when the
// stored record is not editable.
func (s *Store) writeAssessment(tx *gorm.DB, w AssessmentWrite) (id int64, created bool, err error) {
	var old []assessmentRow
	if err := tx.Where("division_code = ? AND year = ?", w.DivisionCode, w.Year).Limit(1).Find(&old).Error; err != nil {
		return 0, false, err
	}
	now := s.now()
	if len(old) == 0 {
		r := assessmentRow{DivisionCode: w.DivisionCode, TownshipCode: w.TownshipCode, CountyCode: w.CountyCode, Year: w.Year,
			VersionID: w.VersionID, State: models.StateSelf, Score: w.Score, Level: w.Level, MandatoryUnmet: w.MandatoryUnmet,
			CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&r).Error; err != nil {
			return 0, false, err
		}
		id, created = r.ID, true
	} else {
		if err := editable(old[0]); err != nil {
			return 0, false, err
		}
		id = old[0].ID
		if err := s.bumpVersion(tx, "assessments", "标准化测评", fmtInt(id), w.RowVersion, "id = ?", id); err != nil {
			return 0, false, err
		}
		if err := tx.Model(&assessmentRow{}).Where("id = ?", id).Updates(map[string]any{"score": w.Score, "level": w.Level,
			"mandatory_unmet": w.MandatoryUnmet, "updated_at": now}).Error; err != nil {
			return 0, false, err
		}
		if err := tx.Where("assessment_id = ?", id).Delete(&assessmentValueRow{}).Error; err != nil {
			return 0, false, err
		}
	}
	rows := make([]assessmentValueRow, 0, len(w.Values))
	for code, v := range w.Values {
		if v.Value == nil && v.Note == "" && v.Proposed == nil {
			continue
		}
		rows = append(rows, assessmentValueRow{AssessmentID: id, Code: code, Value: v.Value, Met: w.Met[code], Note: v.Note,
			Proposed: v.Proposed, ProposedFrom: v.From})
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(rows, 200).Error; err != nil {
			return 0, false, err
		}
	}
	return id, created, nil
}

// SaveAssessment stores one assessment typed in by a clerk, with its audit entry. What it reads
// and recounts lies within the township's assessments of the year: in shared mode the townships'
// clerks do not wait for each other.
func (s *Store) SaveAssessment(ctx context.Context, w AssessmentWrite, actor string) (int64, error) {
	var id int64
	err := s.withAreaTx(ctx, "", fmt.Sprintf("assessments %s %d", w.TownshipCode, w.Year), func(tx *gorm.DB) error {
		var created bool
		var err error
		if id, created, err = s.writeAssessment(tx, w); err != nil {
			return err
		}
		if err := recountIndicators(tx, w.TownshipCode, w.Year); err != nil {
			return err
		}
		action := ActionUpdate
		if created {
			action = ActionCreate
		}
		return s.audit(tx, actor, checklistModule, "标准化测评", strconv.FormatInt(id, 10), action, w.Changes,
			fmt.Sprintf("%s %d年测评，得分 %d，%s", w.DivisionCode, w.Year, w.Score, w.Level))
	})
	return id, err
}

// ImportAssessments writes every assessment of one import in one transaction with one audit entry.
func (s *Store) ImportAssessments(ctx context.Context, ws []AssessmentWrite, actor, note string) error {
	return s.withTxOp(ctx, "导入", func(tx *gorm.DB) error {
		var changes []FieldChange
		type townYear struct {
			town string
			year int
		}
		touched := map[townYear]bool{}
		for _, w := range ws {
			if _, _, err := s.writeAssessment(tx, w); err != nil {
				return fmt.Errorf("%s：%w", w.DivisionCode, err)
			}
			touched[townYear{w.TownshipCode, w.Year}] = true
			for _, c := range w.Changes {
				c.Field = w.DivisionCode + " " + c.Field
				changes = append(changes, c)
			}
		}
		for ty := range touched {
			if err := recountIndicators(tx, ty.town, ty.year); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, checklistModule, "标准化测评", "", ActionImport, changes, note)
	})
}

// Transition is one workflow step: allowed only from the From states and with the given frozen
// state; Accept sets (1) or clears (-1) the county's acceptance.
type Transition struct {
	From       []string
	WantFrozen bool
	To         string
	Action     string
	Reason     string
	Accept     int
}

// ErrWrongState is wrapped when a workflow step does not fit the assessment's state.
var ErrWrongState = errors.New("测评所处阶段不允许此操作")

// TransitionAssessment takes one workflow step on an assessment, with its step record and audit entry.
func (s *Store) TransitionAssessment(ctx context.Context, id int64, t Transition, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var r assessmentRow
		if err := tx.Where("id = ?", id).Take(&r).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("%w：测评 %d", models.ErrNotFound, id)
		} else if err != nil {
			return err
		}
		ok := false
		for _, f := range t.From {
			ok = ok || f == r.State
		}
		if !ok || (r.AcceptedAt != nil) != t.WantFrozen {
			state := r.State
			if r.AcceptedAt != nil {
				state += "（已验收）"
			}
			return fmt.Errorf("%w：%s %d年测评现处于“%s”，不能“%s”", ErrWrongState, r.DivisionCode, r.Year, state, t.Action)
		}
		now := s.now()
		upd := map[string]any{"state": t.To, "updated_at": now}
		switch t.Accept {
		case 1:
			upd["accepted_at"], upd["accepted_by"] = now, actor
		case -1:
			upd["accepted_at"], upd["accepted_by"] = nil, ""
		}
		if err := s.bumpVersion(tx, "assessments", "标准化测评", fmtInt(id), 0, "id = ?", id); err != nil {
			return err
		}
		if err := tx.Model(&assessmentRow{}).Where("id = ?", id).Updates(upd).Error; err != nil {
			return err
		}
		if err := tx.Create(&assessmentStepRow{AssessmentID: id, At: now, Actor: actor, FromState: r.State, ToState: t.To,
			Action: t.Action, Reason: t.Reason}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, checklistModule, "标准化测评", strconv.FormatInt(id, 10), ActionUpdate,
			[]FieldChange{{Field: "流程阶段", Before: r.State, After: t.To}}, t.Action+reasonNote(t.Reason))
	})
}

func reasonNote(r string) string {
	if r == "" {
		return ""
	}
	return "：" + r
}

// AssessmentBrief is an assessment without its values, for lists and roll-ups.
type AssessmentBrief struct {
	ID             int64
	DivisionCode   string
	TownshipCode   string
	Year           int
	State          string
	Score          int
	Level          string
	MandatoryUnmet int
	Accepted       bool
}

// AssessmentBriefs lists the assessments of a year under a county or township (prefix match on
// the stored codes), or every year of one division when division is set.
func (s *Store) AssessmentBriefs(ctx context.Context, county, township, division string, year int) ([]AssessmentBrief, error) {
	q := s.db.WithContext(ctx).Model(&assessmentRow{}).
		Select("id, division_code, township_code, year, state, score, level, mandatory_unmet, accepted_at IS NOT NULL AS accepted")
	if county != "" {
		q = q.Where("county_code = ?", county)
	}
	if township != "" {
		q = q.Where("township_code = ?", township)
	}
	if division != "" {
		q = q.Where("division_code = ?", division)
	}
	if year != 0 {
		q = q.Where("year = ?", year)
	}
	var out []AssessmentBrief
	if err := q.Order("division_code, year").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("读取测评失败：%w", err)
	}
	return out, nil
}

// LevelCount is how many assessments of a township reached one level.
type LevelCount struct {
	TownshipCode   string
	Level          string
	N              int
	ScoreSum       int
	MandatoryFails int
}

// AssessmentLevelCounts groups a county's assessments of a year by township and level. It reads
// only the assessment rows (score and level are stored), through the covering index.
func (s *Store) AssessmentLevelCounts(ctx context.Context, county string, year int) ([]LevelCount, error) {
	var out []LevelCount
	err := s.db.WithContext(ctx).Raw(`SELECT township_code, level, COUNT(*) AS n, SUM(score) AS score_sum,
		SUM(CASE WHEN mandatory_unmet > 0 THEN 1 ELSE 0 END) AS mandatory_fails
		FROM assessments WHERE county_code = ? AND year = ? GROUP BY township_code, level`, county, year).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("汇总测评失败：%w", err)
	}
	return out, nil
}

// IndicatorRate is how many of the assessed met one indicator.
type IndicatorRate struct {
	Code string
	Met  int
	N    int
}

// recountIndicators redoes a township's per-indicator counts of a year (migration 0011) from its
// assessments, in the transaction that changed one of them.
func recountIndicators(tx *gorm.DB, township string, year int) error {
	if err := tx.Exec(`DELETE FROM assessment_indicator_counts WHERE township_code = ? AND year = ?`, township, year).Error; err != nil {
		return fmt.Errorf("更新指标统计失败：%w", err)
	}
	err := tx.Exec(`INSERT INTO assessment_indicator_counts (township_code, county_code, year, code, met, n)
		SELECT a.township_code, a.county_code, a.year, v.code, SUM(CASE WHEN v.met THEN 1 ELSE 0 END), COUNT(*)
		FROM assessments a JOIN assessment_values v ON v.assessment_id = a.id
		WHERE a.township_code = ? AND a.year = ?
		GROUP BY a.township_code, a.county_code, a.year, v.code`, township, year).Error
	if err != nil {
		return fmt.Errorf("更新指标统计失败：%w", err)
	}
	return nil
}

// IndicatorMetRates counts, per indicator code, the assessments of the counties (or, with
// township set, of one township) in a year that met it and that recorded it at all. It reads the
// counts kept per township (recountIndicators), not every indicator value.
func (s *Store) IndicatorMetRates(ctx context.Context, counties []string, township string, year int) ([]IndicatorRate, error) {
	q := s.db.WithContext(ctx).Table("assessment_indicator_counts").Where("county_code IN ? AND year = ?", counties, year)
	if township != "" {
		q = q.Where("township_code = ?", township)
	}
	var out []IndicatorRate
	if err := q.Select("code, SUM(met) AS met, SUM(n) AS n").Group("code").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("统计指标达成率失败：%w", err)
	}
	return out, nil
}

// YearCount is one year's assessed and at-standard (达标 or better) counts.
type YearCount struct {
	Year       int
	Assessed   int
	AtStandard int
}

// AssessmentYearCounts counts assessments per year.
func (s *Store) AssessmentYearCounts(ctx context.Context) ([]YearCount, error) {
	var out []YearCount
	err := s.db.WithContext(ctx).Raw(`SELECT year, COUNT(*) AS assessed,
		SUM(CASE WHEN level <> ? THEN 1 ELSE 0 END) AS at_standard FROM assessments GROUP BY year ORDER BY year`,
		models.LevelBelow).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("统计测评失败：%w", err)
	}
	return out, nil
}

// BudgetCategorySum sums a division's budget lines of the named category in a year (imported
// aliases are already mapped to the category); n is how many lines there were.
func (s *Store) BudgetCategorySum(ctx context.Context, code string, year int, category string) (sum models.Fen, n int, err error) {
	var r struct {
		N int
		T int64
	}
	err = s.db.WithContext(ctx).Raw(`SELECT COUNT(*) AS n, COALESCE(SUM(l.amount_fen), 0) AS t FROM budget_lines l
		JOIN budget_categories c ON c.id = l.category_id WHERE l.division_code = ? AND l.year = ? AND c.name = ?`,
		code, year, category).Scan(&r).Error
	if err != nil {
		return 0, 0, fmt.Errorf("读取预算明细失败：%w", err)
	}
	return models.Fen(r.T), r.N, nil
}

// PurchaseContractsInYear counts the 政府购买服务 contracts serving a division that run during year.
func (s *Store) PurchaseContractsInYear(ctx context.Context, code string, year int) (int, error) {
	var n int64
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.Local)
	to := time.Date(year, 12, 31, 0, 0, 0, 0, time.Local)
	err := s.db.WithContext(ctx).Table("purchase_contracts AS c").
		Joins("JOIN purchase_contract_divisions d ON d.contract_id = c.id").
		Where("d.division_code = ? AND c.start_on <= ? AND c.end_on >= ?", code, to, from).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("读取购买服务合同失败：%w", err)
	}
	return int(n), nil
}
