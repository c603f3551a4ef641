package models

import (
	"regexp"
	"strings"
	"time"
)

// CommunityProfile is the basic file (档案) of one village or community.
type CommunityProfile struct {
	DivisionCode     string
	Households       int64   // 户数
	Population       int64   // 常住人口
	ServiceAreaM2    float64 // 服务中心（党群服务中心）面积，平方米
	CommitteeMembers int64   // 两委成员数
	Address          string
	Phone            string
	UpdatedAt        time.Time
	UpdatedBy        string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

var (
	mobileRe   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
)

// ValidPhone accepts a mainland mobile number or a landline with area code, e.g. 0817-2222222.
func ValidPhone(s string) bool {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	return mobileRe.MatchString(s) || landlineRe.MatchString(s)
}

// Validate returns every problem of the profile at once, in Chinese.
func (p CommunityProfile) Validate() error {
	var v ValidationError
	nonNeg := func(label string, n int64) {
		if n < 0 {
			v.Add(label, "不能为负数")
		}
	}
	nonNeg("户数", p.Households)
	nonNeg("常住人口", p.Population)
	nonNeg("两委成员数", p.CommitteeMembers)
	if p.ServiceAreaM2 < 0 {
		v.Add("服务中心面积", "不能为负数")
	}
	if p.ServiceAreaM2 > 1_000_000 {
		v.Add("服务中心面积", "数值过大，请以平方米为单位填写")
	}
	if p.Households > 0 && p.Population > 0 && p.Population < p.Households/10 {
		v.Add("常住人口", "明显少于户数，请核对")
	}
	if p.CommitteeMembers > 100 {
		v.Add("两委成员数", "数值过大，请核对")
	}
	if len([]rune(p.Address)) > 200 {
		v.Add("地址", "不能超过 200 个字")
	}
	if p.Phone != "" && !ValidPhone(p.Phone) {
		v.Add("联系电话", "格式不正确，应为 11 位手机号或带区号的座机号（如 0817-2222222）")
	}
	return v.Err()
}
