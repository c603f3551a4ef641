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

const checklistModule = "社区标准化建设"

type checklistVersionRow struct {
	ID           int64 `gorm:"primaryKey"`
	CountyCode   *string
	Year         int
	Version      int
	StandardMin  int
	GoodMin      int
	ExcellentMin int
	Note         string
	CreatedAt    time.Time
	CreatedBy    string
}

func (checklistVersionRow) TableName() string { return "checklist_versions" }

type checklistIndicatorRow struct {
	ID              int64 `gorm:"primaryKey"`
	VersionID       int64
	Code            string
	Dimension       string
	Name            string
	Requirement     string
	Method          string
	Unit            string
	TargetCommunity float64
	TargetVillage   float64
	Points          int
	Mandatory       bool
	Source          string
	Retired         bool
	SortOrder       int
}

func (checklistIndicatorRow) TableName() string { return "checklist_indicators" }

func indicatorRow(version int64, in models.Indicator) checklistIndicatorRow {
	return checklistIndicatorRow{VersionID: version, Code: in.Code, Dimension: in.Dimension, Name: in.Name,
		Requirement: in.Requirement, Method: string(in.Method), Unit: in.Unit, TargetCommunity: in.TargetCommunity,
		TargetVillage: in.TargetVillage, Points: in.Points, Mandatory: in.Mandatory, Source: in.Source,
		Retired: in.Retired, SortOrder: in.Sort}
}

func (r checklistIndicatorRow) model() models.Indicator {
	return models.Indicator{Code: r.Code, Dimension: r.Dimension, Name: r.Name, Requirement: r.Requirement,
		Method: models.Method(r.Method), Unit: r.Unit, TargetCommunity: r.TargetCommunity, TargetVillage: r.TargetVillage,
		Points: r.Points, Mandatory: r.Mandatory, Source: r.Source, Retired: r.Retired, Sort: r.SortOrder}
}

func libraryLabel(county string, year, version int) string {
	if county == "" {
		return fmt.Sprintf("默认指标库 第%d版", version)
	}
	return fmt.Sprintf("%s %d年指标库 第%d版", county, year, version)
}

// SeedChecklistLibrary stores the built-in default library once; later calls change nothing.
func (s *Store) SeedChecklistLibrary(ctx context.Context, inds []models.Indicator, rule models.LevelRule, actor string) (bool, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&checklistVersionRow{}).Where("county_code IS NULL").Count(&n).Error; err != nil {
		return false, fmt.Errorf("读取指标库失败：%w", err)
	}
	if n > 0 {
		return false, nil
	}
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		v := checklistVersionRow{Year: 0, Version: 1, StandardMin: rule.Standard, GoodMin: rule.Good,
			ExcellentMin: rule.Excellent, Note: "内置默认指标库", CreatedAt: s.now(), CreatedBy: actor}
		if err := tx.Create(&v).Error; err != nil {
			return err
		}
		if err := insertIndicators(tx, v.ID, inds); err != nil {
			return err
		}
		return s.audit(tx, actor, checklistModule, "指标库", strconv.FormatInt(v.ID, 10), ActionCreate, nil,
			fmt.Sprintf("导入内置默认指标库（%d 项指标）", len(inds)))
	})
	return err == nil, err
}

func insertIndicators(tx *gorm.DB, version int64, inds []models.Indicator) error {
	rows := make([]checklistIndicatorRow, len(inds))
	for i, in := range inds {
		rows[i] = indicatorRow(version, in)
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(rows, 100).Error
}

// ChecklistLibrary reads one library version with all its indicators.
func (s *Store) ChecklistLibrary(ctx context.Context, versionID int64) (models.Library, error) {
	return loadLibrary(s.db.WithContext(ctx), versionID)
}

func loadLibrary(db *gorm.DB, versionID int64) (models.Library, error) {
	var v checklistVersionRow
	if err := db.Where("id = ?", versionID).Take(&v).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return models.Library{}, fmt.Errorf("%w：指标库版本 %d", models.ErrNotFound, versionID)
	} else if err != nil {
		return models.Library{}, fmt.Errorf("读取指标库失败：%w", err)
	}
	var rows []checklistIndicatorRow
	if err := db.Where("version_id = ?", versionID).Order("sort_order, code").Find(&rows).Error; err != nil {
		return models.Library{}, fmt.Errorf("读取指标失败：%w", err)
	}
	lib := models.Library{VersionID: v.ID, Year: v.Year, Version: v.Version, CreatedAt: v.CreatedAt, CreatedBy: v.CreatedBy,
		Levels: models.LevelRule{Standard: v.StandardMin, Good: v.GoodMin, Excellent: v.ExcellentMin}}
	if v.CountyCode != nil {
		lib.CountyCode = *v.CountyCode
	}
	for _, r := range rows {
		lib.Indicators = append(lib.Indicators, r.model())
	}
	return lib, nil
}

// currentVersion is the newest version of the county's library for year, 0 when it has none.
func currentVersion(db *gorm.DB, county string, year int) (int64, error) {
	var ids []int64
	err := db.Model(&checklistVersionRow{}).Where("county_code = ? AND year = ?", county, year).
		Order("version DESC").Limit(1).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// CurrentChecklistVersion is the newest version of the county's library for year (0: none yet).
func (s *Store) CurrentChecklistVersion(ctx context.Context, county string, year int) (int64, error) {
	return currentVersion(s.db.WithContext(ctx), county, year)
}

// ensureLibrary returns the county's current library for year, creating it as a copy of the
// county's latest earlier year (or the built-in default) when there is none.
func (s *Store) ensureLibrary(tx *gorm.DB, county string, year int, actor string) (int64, error) {
	id, err := currentVersion(tx, county, year)
	if err != nil || id != 0 {
		return id, err
	}
	if byDB, err := libraryByDatabase(tx); err != nil || byDB {
		if err == nil {
			err = tx.Raw("SELECT shequ_county_library(?, ?)", county, year).Row().Scan(&id)
		}
		if err == nil {
			err = s.notifyChange(tx, checklistModule)
		}
		return id, err
	}
	from, err := baseVersion(tx, county, year)
	if err != nil {
		return 0, err
	}
	src, err := loadLibrary(tx, from)
	if err != nil {
		return 0, err
	}
	return s.copyLibrary(tx, src, county, year, 1, actor, fmt.Sprintf("以%s为底本建立", libraryLabel(src.CountyCode, src.Year, src.Version)))
}

// libraryByDatabase reports whether the county's library is created by the database's
// shequ_county_library (access.sql) rather than here: on a shared database with access rules, for
// a role with a scope, which may not write the county's library itself when its scope is a
// township. Desk mode, and shared databases without access rules, create it here.
func libraryByDatabase(tx *gorm.DB) (bool, error) {
	if !isPG(tx) {
		return false, nil
	}
	if has, err := hasFunction(tx.Statement.Context, tx.Statement.ConnPool, "shequ_county_library(text,integer)"); err != nil || !has {
		return false, err
	}
	var prefix string
	err := tx.Raw("SELECT shequ_scope_prefix()").Row().Scan(&prefix)
	return prefix != "", err
}

func (s *Store) copyLibrary(tx *gorm.DB, src models.Library, county string, year, version int, actor, note string) (int64, error) {
	v := checklistVersionRow{CountyCode: &county, Year: year, Version: version, StandardMin: src.Levels.Standard,
		GoodMin: src.Levels.Good, ExcellentMin: src.Levels.Excellent, Note: note, CreatedAt: s.now(), CreatedBy: actor}
	if err := tx.Create(&v).Error; err != nil {
		return 0, err
	}
	if err := insertIndicators(tx, v.ID, src.Indicators); err != nil {
		return 0, err
	}
	return v.ID, s.audit(tx, actor, checklistModule, "指标库", strconv.FormatInt(v.ID, 10), ActionCreate, nil,
		libraryLabel(county, year, version)+"："+note)
}

// baseVersion is what a county's library for year starts from: its newest version of the latest
// earlier year, else the built-in default.
func baseVersion(db *gorm.DB, county string, year int) (int64, error) {
	var from []int64
	if err := db.Model(&checklistVersionRow{}).Where("county_code = ? AND year < ?", county, year).
		Order("year DESC, version DESC").Limit(1).Pluck("id", &from).Error; err != nil {
		return 0, err
	}
	if len(from) == 0 {
		if err := db.Model(&checklistVersionRow{}).Where("county_code IS NULL").Order("version DESC").Limit(1).Pluck("id", &from).Error; err != nil {
			return 0, err
		}
	}
	if len(from) == 0 {
		return 0, fmt.Errorf("%w：还没有默认指标库，请先初始化数据库", models.ErrNotFound)
	}
	return from[0], nil
}

// ChecklistLibraryFor reads the county's current library for year without creating one: when
// the county has none for that year yet, the one it would start from.
func (s *Store) ChecklistLibraryFor(ctx context.Context, county string, year int) (models.Library, error) {
	db := s.db.WithContext(ctx)
	id, err := currentVersion(db, county, year)
	if err == nil && id == 0 {
		id, err = baseVersion(db, county, year)
	}
	if err != nil {
		return models.Library{}, err
	}
	return loadLibrary(db, id)
}

// EnsureChecklistLibrary returns the id of the county's current library version for year,
// creating it from the latest earlier one when needed.
func (s *Store) EnsureChecklistLibrary(ctx context.Context, county string, year int, actor string) (int64, error) {
	if id, err := s.CurrentChecklistVersion(ctx, county, year); err != nil || id != 0 {
		return id, err
	}
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var err error
		id, err = s.ensureLibrary(tx, county, year, actor)
		return err
	})
	return id, err
}

// EditChecklistLibrary changes the county's library for year. When an assessment already uses
// the current version, the change goes into a new version, so that assessment keeps its score.
// edit changes lib in place and returns what it changed for the audit trail.
func (s *Store) EditChecklistLibrary(ctx context.Context, county string, year int, actor string,
	edit func(lib *models.Library) ([]FieldChange, error)) (int64, error) {
	var out int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		id, err := s.ensureLibrary(tx, county, year, actor)
		if err != nil {
			return err
		}
		lib, err := loadLibrary(tx, id)
		if err != nil {
			return err
		}
		changes, err := edit(&lib)
		if err != nil {
			return err
		}
		var used int64
		if err := tx.Model(&assessmentRow{}).Where("version_id = ?", id).Count(&used).Error; err != nil {
			return err
		}
		if used > 0 {
			if id, err = s.copyLibrary(tx, lib, county, year, lib.Version+1, actor,
				fmt.Sprintf("第%d版已有 %d 份测评使用，修改记入新版本", lib.Version, used)); err != nil {
				return err
			}
		} else {
			if err := tx.Where("version_id = ?", id).Delete(&checklistIndicatorRow{}).Error; err != nil {
				return err
			}
			if err := insertIndicators(tx, id, lib.Indicators); err != nil {
				return err
			}
			if err := tx.Model(&checklistVersionRow{}).Where("id = ?", id).Updates(map[string]any{
				"standard_min": lib.Levels.Standard, "good_min": lib.Levels.Good, "excellent_min": lib.Levels.Excellent}).Error; err != nil {
				return err
			}
		}
		out = id
		return s.audit(tx, actor, checklistModule, "指标库", strconv.FormatInt(id, 10), ActionUpdate, changes,
			libraryLabel(county, year, lib.Version))
	})
	return out, err
}
