package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"shequ/models"
)

type profileRow struct {
	DivisionCode     string `gorm:"primaryKey"`
	Households       int64
	Population       int64
	ServiceAreaM2    float64 `gorm:"column:service_area_m2"`
	CommitteeMembers int64
	Address          string
	Phone            string
	UpdatedAt        time.Time
	UpdatedBy        string
	RowVersion       int64 `gorm:"->"` // moved on by bumpVersion only
}

func (profileRow) TableName() string { return "community_profiles" }

func (r profileRow) model() models.CommunityProfile {
	return models.CommunityProfile{DivisionCode: r.DivisionCode, Households: r.Households, Population: r.Population,
		ServiceAreaM2: r.ServiceAreaM2, CommitteeMembers: r.CommitteeMembers, Address: r.Address, Phone: r.Phone,
		UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, RowVersion: r.RowVersion}
}

// Profile returns a community's profile; found is false when none was saved yet.
func (s *Store) Profile(ctx context.Context, code string) (p models.CommunityProfile, found bool, err error) {
	var rows []profileRow
	if err := s.db.WithContext(ctx).Where("division_code = ?", code).Limit(1).Find(&rows).Error; err != nil {
		return p, false, fmt.Errorf("读取社区档案失败：%w", err)
	}
	if len(rows) == 0 {
		return models.CommunityProfile{DivisionCode: code, RowVersion: models.ReadAbsent}, false, nil
	}
	return rows[0].model(), true, nil
}

// SaveProfile writes a profile and an audit entry listing each changed field.
func (s *Store) SaveProfile(ctx context.Context, p models.CommunityProfile, actor string) error {
	return s.withRecordTx(ctx, "community_profiles "+p.DivisionCode, func(tx *gorm.DB) error {
		var old []profileRow
		if err := tx.Where("division_code = ?", p.DivisionCode).Limit(1).Find(&old).Error; err != nil {
			return err
		}
		row := profileRow{DivisionCode: p.DivisionCode, Households: p.Households, Population: p.Population,
			ServiceAreaM2: p.ServiceAreaM2, CommitteeMembers: p.CommitteeMembers, Address: p.Address, Phone: p.Phone,
			UpdatedAt: s.now(), UpdatedBy: actor}
		action := ActionCreate
		var before profileRow
		if len(old) > 0 {
			action, before = ActionUpdate, old[0]
		}
		changes := profileDiff(before, row)
		if len(old) > 0 && len(changes) == 0 {
			return nil
		}
		if action == ActionUpdate {
			if err := s.bumpVersion(tx, "community_profiles", "社区档案", p.DivisionCode, p.RowVersion, "division_code = ?", p.DivisionCode); err != nil {
				return err
			}
		}
		if action == ActionCreate { // a new profile had no values before, not zeros
			for i := range changes {
				changes[i].Before = ""
			}
		}
		if err := tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&row).Error; err != nil {
			return fmt.Errorf("保存社区档案失败：%w", err)
		}
		return s.audit(tx, actor, "区划", "社区档案", p.DivisionCode, action, changes, "")
	})
}

func profileDiff(a, b profileRow) []FieldChange {
	var out []FieldChange
	add := func(label, x, y string) {
		if x != y {
			out = append(out, FieldChange{Field: label, Before: x, After: y})
		}
	}
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	add("户数", i(a.Households), i(b.Households))
	add("常住人口", i(a.Population), i(b.Population))
	add("服务中心面积", strconv.FormatFloat(a.ServiceAreaM2, 'f', -1, 64), strconv.FormatFloat(b.ServiceAreaM2, 'f', -1, 64))
	add("两委成员数", i(a.CommitteeMembers), i(b.CommitteeMembers))
	add("地址", a.Address, b.Address)
	add("联系电话", a.Phone, b.Phone)
	return out
}

// CountProfiles counts villages and communities with a saved profile.
func (s *Store) CountProfiles(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&profileRow{}).Count(&n).Error
	return n, err
}
