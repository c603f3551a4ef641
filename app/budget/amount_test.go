package budget

import (
	"strings"
	"testing"

	"shequ/models"
)

func TestAmountUnits(t *testing.T) {
	for _, c := range []struct {
		in   string
		unit models.Unit
		want models.Fen
		err  string
	}{
		{"245,847.31元", models.Yuan, 24584731, ""},
		{"245847.31 元", models.Yuan, 24584731, ""},
		{"￥1,200", models.Yuan, 120000, ""},
		{"1.5万元", models.Yuan, 1500000, ""},
		{"2万", models.Yuan, 2000000, ""},
		{"１２．３４万元", models.Yuan, 12340000, ""},
		{"12.345678万元", models.Yuan, 12345678, ""},
		{"12.3456789万元", models.Yuan, 0, "精确到分以下（12.3456789万元）"},
		{"1.234元", models.Yuan, 0, "精确到分以下（1.234元）"},
		{"12.5", models.Wanyuan, 12500000, ""},
		{"12.5万元", models.Wanyuan, 12500000, ""},
		{"125000元", models.Wanyuan, 0, "这一列的单位是万元"},
		{"元", models.Yuan, 0, "没有金额"},
		{"壹万元", models.Yuan, 0, "不是有效的数字（壹万元）"},
	} {
		got, err := parseAmountCell(c.in, c.unit)
		if c.err == "" && (err != nil || got != c.want) || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("parseAmountCell(%q, %d) = %d, %v; want %d %q", c.in, c.unit, got, err, c.want, c.err)
		}
	}
}
