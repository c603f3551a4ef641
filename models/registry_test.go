package models

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// validUSCC completes 17 characters with the computed check character.
func validUSCC(t *testing.T, first17 string) string {
	t.Helper()
	c, err := USCCCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

// fakeID builds a 身份证号 for a made-up person: county, birth day, sequence, check digit.
func fakeID(t *testing.T, birth string, seq string) string {
	t.Helper()
	c, err := IDCheckDigit("511302" + birth + seq)
	if err != nil {
		t.Fatal(err)
	}
	return "511302" + birth + seq + string(c)
}

func TestUSCCCheck(t *testing.T) {
	// The example in GB 32100-2015's annex style: check character computed, then mutated.
	for _, first := range []string{"51511302MJ0000001", "52511302MJQ12345X", "91510000000000000", "Y1511302000000001"} {
		code := validUSCC(t, first)
		if err := ValidateUSCC(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
		if err := ValidateUSCC(strings.ToLower(code)); err != nil {
			t.Errorf("lower case %s: %v", code, err)
		}
		// Change one character at a time: the check must catch every single substitution.
		for i := 0; i < 18; i++ {
			if i >= 2 && i < 8 {
				continue
			}
			b := []byte(code)
			k := strings.IndexByte(usccChars, b[i])
			b[i] = usccChars[(k+1)%len(usccChars)]
			if ValidateUSCC(string(b)) == nil {
				t.Errorf("mutated %s (position %d) accepted", b, i+1)
			}
		}
		// Swapping two adjacent different characters is caught as well.
		b := []byte(code)
		for i := 0; i < 16; i++ {
			if b[i] != b[i+1] && (i < 1 || i > 8) {
				b[i], b[i+1] = b[i+1], b[i]
				if ValidateUSCC(string(b)) == nil {
					t.Errorf("transposed %s accepted", b)
				}
				b[i], b[i+1] = b[i+1], b[i]
			}
		}
	}
	for _, bad := range []string{"", "123", "51511302MJ000000I1", "51511302MJ0000001XX", "5151130AMJ00000011"} {
		if ValidateUSCC(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestIDNumberCheck(t *testing.T) {
	cases := []struct {
		birth, seq, gender string
	}{{"19850314", "123", "男"}, {"19900101", "002", "女"}, {"20010229", "001", "男"}, {"19761231", "998", "女"}}
	for _, c := range cases {
		if c.birth == "20010229" { // not a day: must be refused even with a right check digit
			if _, err := ParseIDNumber(fakeID(t, c.birth, c.seq)); err == nil {
				t.Errorf("impossible birth date %s accepted", c.birth)
			}
			continue
		}
		id := fakeID(t, c.birth, c.seq)
		info, err := ParseIDNumber(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if info.Gender != c.gender || FormatDate(info.Birth) != c.birth[:4]+"-"+c.birth[4:6]+"-"+c.birth[6:] {
			t.Errorf("%s: got %s %s", id, info.Gender, FormatDate(info.Birth))
		}
		for i := 0; i < 18; i++ {
			b := []byte(id)
			if b[i] == 'X' {
				b[i] = '0'
			} else {
				b[i] = '0' + (b[i]-'0'+1)%10
			}
			if _, err := ParseIDNumber(string(b)); err == nil {
				t.Errorf("mutated %s (position %d) accepted", b, i+1)
			}
		}
	}
	// A lower-case x check character is accepted.
	for seq := 100; seq < 200; seq++ {
		id := fakeID(t, "19800101", fmt.Sprintf("%03d", seq))
		if strings.HasSuffix(id, "X") {
			if _, err := ParseIDNumber(strings.ToLower(id)); err != nil {
				t.Errorf("%s lower-case x: %v", id, err)
			}
			break
		}
	}
}

func TestWorkerCrossCheck(t *testing.T) {
	id := fakeID(t, "19850314", "123") // 男
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	w := SocialWorker{Name: "测试", Gender: "女", IDNumber: id, Birth: day("1985-03-15"), Qualification: QualNone,
		Post: "网格员", DivisionCode: "511302001001", Status: "在岗", OnPostFrom: day("2024-01-01")}
	err := w.Validate()
	if err == nil || !strings.Contains(err.Error(), "性别") || !strings.Contains(err.Error(), "出生日期") {
		t.Fatalf("want gender and birth mismatches, got %v", err)
	}
	w.Gender, w.Birth = "", time.Time{}
	if err := w.Validate(); err != nil || w.Gender != "男" || FormatDate(w.Birth) != "1985-03-14" {
		t.Fatalf("derived: %v %s %s", err, w.Gender, FormatDate(w.Birth))
	}
}

func TestMaskingOfRegistryData(t *testing.T) {
	id := fakeID(t, "19850314", "123")
	if got := MaskIDNumber(id); got != "511302********"+id[14:] {
		t.Errorf("MaskIDNumber = %s", got)
	}
	if got := MaskPhone("13812345678"); got != "138****5678" {
		t.Errorf("MaskPhone = %s", got)
	}
}

func TestComputeSubsidy(t *testing.T) {
	day := func(s string) time.Time {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	rules := append(DefaultSubsidyRules(day("2020-01-01")),
		// The county raises 社会工作师 to 400 from July 2025, and one mid-month change that only
		// counts from the next month.
		SubsidyRule{EffectiveFrom: day("2025-07-01"), Qualification: QualWorker, Monthly: 40000, OneOff: 200000},
		SubsidyRule{EffectiveFrom: day("2025-10-15"), Qualification: QualAssistant, Monthly: 15000, OneOff: 100000})
	w := func(q, cert, from, off string) SocialWorker {
		x := SocialWorker{Qualification: q, CertDate: day(cert), OnPostFrom: day(from)}
		if off != "" {
			x.OffPostOn = day(off)
		}
		return x
	}
	cases := []struct {
		name           string
		w              SocialWorker
		months         int
		monthly, oneOf Fen
	}{
		{"whole year across a raise", w(QualWorker, "2019-05-01", "2018-01-01", ""), 12, 6*30000 + 6*40000, 0},
		{"certificate this year, from its month", w(QualWorker, "2025-03-20", "2024-01-01", ""), 10, 4*30000 + 6*40000, 150000},
		{"certified after the raise: one-off at the new rate", w(QualWorker, "2025-08-02", "2024-01-01", ""), 5, 5 * 40000, 200000},
		{"joined mid-year, left in October", w(QualAssistant, "2020-01-01", "2025-04-10", "2025-10-03"), 7, 7 * 10000, 0},
		{"mid-month rule applies from next month", w(QualAssistant, "2020-01-01", "2020-01-01", ""), 12, 10*10000 + 2*15000, 0},
		{"left before the year", w(QualSenior, "2020-01-01", "2020-01-01", "2024-12-31"), 0, 0, 0},
		{"no qualification", w(QualNone, "2020-01-01", "2020-01-01", ""), 0, 0, 0},
		{"senior certified in year, joined December", w(QualSenior, "2025-02-01", "2025-12-31", ""), 1, 50000, 300000},
	}
	for _, c := range cases {
		got := ComputeSubsidy(c.w, 2025, rules)
		if got.Months != c.months || got.Monthly != c.monthly || got.OneOff != c.oneOf {
			t.Errorf("%s: got %d months %s + %s, want %d months %s + %s", c.name, got.Months, got.Monthly.Yuan(), got.OneOff.Yuan(),
				c.months, c.monthly.Yuan(), c.oneOf.Yuan())
		}
	}
}
