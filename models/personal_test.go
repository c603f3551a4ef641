package models

import "testing"

func TestMasking(t *testing.T) {
	tests := []struct {
		f        func(string) string
		in, want string
	}{
		{MaskIDNumber, "511302199001011234", "511302********1234"},
		{MaskIDNumber, "51130219900101123X", "511302********123X"},
		{MaskIDNumber, "12345", "*****"},
		{MaskPhone, "13812345678", "138****5678"},
		{MaskPhone, "0817-2222222", "0817-****222"},
		{MaskPhone, "08172222222", "0817****222"},
		{MaskPhone, "", ""},
		{MaskPhone, "110", "*10"},
		{MaskName, "张三丰", "张**"},
		{MaskName, "李", "李"},
		{SafeCSVCell, "=1+1", "'=1+1"},
		{SafeCSVCell, "+86", "'+86"},
		{SafeCSVCell, "-5", "'-5"},
		{SafeCSVCell, "@SUM", "'@SUM"},
		{SafeCSVCell, "\tx", "'\tx"},
		{SafeCSVCell, "正常", "正常"},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%q → %q, want %q", tt.in, got, tt.want)
		}
	}
}
