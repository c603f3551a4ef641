package models

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/assets"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		unit Unit
		want Fen
		bad  bool
	}{
		{"0", Yuan, 0, false},
		{"1,234.50", Yuan, 123450, false},
		{" 33.27 ", Yuan, 3327, false},
		{"１２３．４５", Yuan, 12345, false},
		{"12.345678", Wanyuan, 12345678, false},
		{"1", Wanyuan, 1000000, false},
		{".5", Yuan, 50, false},
		{"5.", Yuan, 500, false},
		{"0.001", Yuan, 0, true},
		{"12.3456789", Wanyuan, 0, true},
		{"-1", Yuan, 0, true},
		{"", Yuan, 0, true},
		{"壹万元", Yuan, 0, true},
		{"#VALUE!", Yuan, 0, true},
		{"1e5", Yuan, 0, true},
		{".", Yuan, 0, true},
		{"1.2.3", Yuan, 0, true},
		{"99999999999999999999", Yuan, 0, true},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in, tt.unit)
		if tt.bad {
			if err == nil || !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseAmount(%q) = %d, %v; want ErrInvalid", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestFenFormat(t *testing.T) {
	tests := []struct {
		f        Fen
		yuan, wy string
	}{
		{0, "0.00", "0.00"},
		{123450, "1,234.50", "0.12"},
		{12345678, "123,456.78", "12.35"},
		{-12345678, "-123,456.78", "-12.35"},
		{100000000000, "1,000,000,000.00", "100,000.00"},
		{4999, "49.99", "0.00"},
		{5000, "50.00", "0.01"},
	}
	for _, tt := range tests {
		if got := tt.f.Yuan(); got != tt.yuan {
			t.Errorf("%d.Yuan() = %s, want %s", tt.f, got, tt.yuan)
		}
		if got := tt.f.Wanyuan(); got != tt.wy {
			t.Errorf("%d.Wanyuan() = %s, want %s", tt.f, got, tt.wy)
		}
	}
}

func TestKindAndShortName(t *testing.T) {
	tests := []struct {
		level      Level
		name, kind string
		short      string
	}{
		{LevelVillage, "平城街社区居民委员会", "社区", "平城街社区"},
		{LevelVillage, "龙门村民委员会", "村", "龙门村"},
		{LevelVillage, "和平居委会", "社区", "和平社区"},
		{LevelVillage, "大坪山村村民委员会", "村", "大坪山村"},
		{LevelVillage, "新村民委员会", "村", "新村"},
		{LevelVillage, "双河街居民委员会", "社区", "双河街社区"},
		{LevelVillage, "红星社区社区居民委员会", "社区", "红星社区"},
		{LevelTownship, "中城街道", "街道", "中城街道"},
		{LevelTownship, "北城街道办事处", "街道", "北城街道"},
		{LevelTownship, "龙门镇", "镇", "龙门镇"},
		{LevelTownship, "双桥乡", "乡", "双桥乡"},
		{LevelCounty, "顺庆区", "区", "顺庆区"},
		{LevelCounty, "阆中市", "县级市", "阆中市"},
		{LevelCounty, "南部县", "县", "南部县"},
	}
	for _, tt := range tests {
		if got := KindOf(tt.level, tt.name); got != tt.kind {
			t.Errorf("KindOf(%s) = %s, want %s", tt.name, got, tt.kind)
		}
		if got := ShortName(tt.name); got != tt.short {
			t.Errorf("ShortName(%s) = %s, want %s", tt.name, got, tt.short)
		}
	}
}

func TestProfileValidate(t *testing.T) {
	ok := CommunityProfile{Households: 1200, Population: 3500, ServiceAreaM2: 350.5, CommitteeMembers: 7, Phone: "0817-2222222"}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid profile rejected: %v", err)
	}
	for _, phone := range []string{"13812345678", "08172222222", "028-88888888", ""} {
		p := ok
		p.Phone = phone
		if err := p.Validate(); err != nil {
			t.Errorf("phone %q rejected: %v", phone, err)
		}
	}
	bad := CommunityProfile{Households: -1, Population: -2, ServiceAreaM2: -3, CommitteeMembers: -4, Phone: "12345"}
	err := bad.Validate()
	var ve *ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want ValidationError, got %v", err)
	}
	fields := map[string]bool{}
	for _, f := range ve.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{"户数", "常住人口", "服务中心面积", "两委成员数", "联系电话"} {
		if !fields[want] {
			t.Errorf("no error for %s in %v", want, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 11, 25, 0, 0, 0, 0, time.Local)
	for _, s := range []string{"2026-11-25", "2026/11/25", "2026.11.25", "2026年11月25日", " ２０２６-１１-２５ "} {
		got, err := ParseDate(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "2026-02-30", "25/11/2026", "明天"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

func TestCodes(t *testing.T) {
	if ValidateCode("511302001001") != nil || ValidateCode("5113020010") == nil || ValidateCode("51130200100a") == nil {
		t.Error("ValidateCode")
	}
	if !CodeFitsParent("511302001999", LevelVillage, "511302001000") || CodeFitsParent("511302002999", LevelVillage, "511302001000") {
		t.Error("CodeFitsParent")
	}
}

// Every official name in the seed data shortens without doubling its kind ("村村", "社区社区").
func TestShortNameAllDivisions(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(assets.DivisionsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows[1:] {
		name, short := r[1], ShortName(r[1])
		for _, twice := range []string{"村村", "社区社区"} {
			if strings.Contains(short, twice) && !strings.Contains(strings.TrimSuffix(strings.TrimSuffix(name, "村民委员会"), "居民委员会"), twice) {
				t.Errorf("ShortName(%s) = %s", name, short)
			}
		}
		if r[2] == "village" {
			n++
		}
	}
	if n != 3004 {
		t.Fatalf("%d villages read, want 3004", n)
	}
}
