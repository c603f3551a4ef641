package store

import (
	"context"
	"fmt"

	"shequ/models"
)

// ProfilesUnder lists the saved community profiles whose division code starts with prefix, in
// one query, for report tables over a county or the whole city.
func (s *Store) ProfilesUnder(ctx context.Context, prefix string) ([]models.CommunityProfile, error) {
	var rows []profileRow
	if err := s.db.WithContext(ctx).Where("division_code LIKE ?", prefix+"%").Order("division_code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取社区档案失败：%w", err)
	}
	out := make([]models.CommunityProfile, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}
