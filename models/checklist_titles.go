package models

import (
	"strings"
)

// Title kinds and levels of 和谐社区示范单位.
var (
	TitleLevels = []string{"国家级", "省级", "市级"}
	TitleKinds  = []string{"示范社区", "示范街道", "示范城区（市）"}
)

// DemoTitle is one 示范单位 title awarded to a division.
type DemoTitle struct {
	ID           int64
	DivisionCode string
	Level        string
	Kind         string
	Year         int
	DocumentNo   string
	Note         string
}

// Validate returns every problem of the title at once.
func (t DemoTitle) Validate() error {
	var v ValidationError
	if ValidateCode(t.DivisionCode) != nil {
		v.Add("区划", "请选择获得称号的区划")
	}
	in := func(s string, list []string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	if !in(t.Level, TitleLevels) {
		v.Add("级别", "应为"+strings.Join(TitleLevels, "、")+"之一")
	}
	if !in(t.Kind, TitleKinds) {
		v.Add("类别", "应为"+strings.Join(TitleKinds, "、")+"之一")
	}
	if !ValidYear(t.Year) {
		v.Add("年度", "应为 "+YearRange+" 年")
	}
	if len([]rune(t.DocumentNo)) > 100 {
		v.Add("文号", "不能超过 100 个字")
	}
	return v.Err()
}
