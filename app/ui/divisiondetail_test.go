package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

const pingcheng = "511302001001" // 平城街社区居民委员会, under 中城街道, 顺庆区

// profileForm is the detail panel's profile entries, in form order.
type profileForm struct {
	households, population, area, committee, address, phone string
}

func (p profileForm) fill(d *divisionDetail) {
	for _, x := range []struct {
		e *widget.Entry
		s string
	}{
		{d.households, p.households}, {d.population, p.population}, {d.area, p.area},
		{d.committee, p.committee}, {d.address, p.address}, {d.phone, p.phone},
	} {
		retype(x.e, x.s)
	}
}

func readForm(d *divisionDetail) profileForm {
	return profileForm{d.households.Text, d.population.Text, d.area.Text, d.committee.Text, d.address.Text, d.phone.Text}
}

// sameProfile compares the stored fields a clerk enters.
func sameProfile(a, b models.CommunityProfile) bool {
	return a.DivisionCode == b.DivisionCode && a.Households == b.Households && a.Population == b.Population &&
		a.ServiceAreaM2 == b.ServiceAreaM2 && a.CommitteeMembers == b.CommitteeMembers &&
		a.Address == b.Address && a.Phone == b.Phone && a.UpdatedBy == b.UpdatedBy && a.UpdatedAt.Equal(b.UpdatedAt)
}

func TestSaveProfile(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	s.Select(pingcheng)
	d := s.detail
	if d.code != pingcheng || !d.profileBox.Visible() {
		t.Fatalf("selecting %s shows %q with profile form visible=%v", pingcheng, d.code, d.profileBox.Visible())
	}
	if d.updated.Text != "尚未建档" {
		t.Errorf("before saving the profile says %q, want 尚未建档", d.updated.Text)
	}
	in := profileForm{"1200", "3500", "350.5", "7", "顺庆区中城街道平城街 8 号", "0817-2222222"}
	in.fill(d)
	test.Tap(button(t, d.root, "保存"))

	if !strings.Contains(d.message.Text, "已保存") {
		t.Errorf("message = %q, want 已保存", d.message.Text)
	}
	if d.message.Importance != widget.SuccessImportance {
		t.Errorf("message importance = %v, want success", d.message.Importance)
	}
	got, err := f.app.Divisions.Profile(f.ctx, pingcheng)
	if err != nil {
		t.Fatal(err)
	}
	want := models.CommunityProfile{DivisionCode: pingcheng, Households: 1200, Population: 3500, ServiceAreaM2: 350.5,
		CommitteeMembers: 7, Address: "顺庆区中城街道平城街 8 号", Phone: "0817-2222222"}
	want.UpdatedBy, want.UpdatedAt = got.UpdatedBy, got.UpdatedAt
	if !sameProfile(got, want) {
		t.Errorf("stored profile = %+v, want %+v", got, want)
	}
	if got.UpdatedBy != f.app.Actor || got.UpdatedAt.IsZero() {
		t.Errorf("stored profile updated by %q at %v, want %q and a time", got.UpdatedBy, got.UpdatedAt, f.app.Actor)
	}
	// The form is reloaded from what was stored.
	if form := readForm(d); form != in {
		t.Errorf("form after saving = %+v, want %+v", form, in)
	}
	if !strings.Contains(d.updated.Text, f.app.Actor) {
		t.Errorf("updated label = %q, want it to name %q", d.updated.Text, f.app.Actor)
	}

	f.w.Show("nav.home")
	if f.w.home.profiles.Text != "1" {
		t.Errorf("home 已建社区档案 = %q, want 1", f.w.home.profiles.Text)
	}

	// Coming back to the community shows the saved values.
	f.w.Show("nav.divisions")
	s.Select("511302001002")
	if form := readForm(d); form != (profileForm{}) {
		t.Errorf("another community's form = %+v, want empty", form)
	}
	s.Select(pingcheng)
	if form := readForm(d); form != in {
		t.Errorf("form on coming back = %+v, want %+v", form, in)
	}
}

func TestSaveProfileRejectsInvalidInput(t *testing.T) {
	severalProblems := func(d *divisionDetail) {
		retype(d.households, "-5")
		retype(d.phone, "12345")
		retype(d.population, "abc")
	}
	severalProblemsSay := []string{"未保存", "户数", "不能为负数", "联系电话", "格式不正确", "abc"}
	earlier := profileForm{"800", "2400", "120", "5", "平城街 1 号", "13800000000"}
	tests := []struct {
		name    string
		earlier *profileForm // saved before the invalid input; nil for none
		input   func(d *divisionDetail)
		want    []string
	}{
		{
			name:  "several problems at once on an empty profile",
			input: severalProblems,
			want:  severalProblemsSay,
		},
		{
			name:    "several problems at once over saved values",
			earlier: &earlier,
			input:   severalProblems,
			want:    severalProblemsSay,
		},
		{
			name: "negative households and a bad phone",
			input: func(d *divisionDetail) {
				retype(d.households, "-5")
				retype(d.phone, "12345")
			},
			want: []string{"户数", "不能为负数", "联系电话", "格式不正确"},
		},
		{
			name:  "population not a number",
			input: func(d *divisionDetail) { retype(d.population, "abc") },
			want:  []string{"常住人口", "abc", "不是整数"},
		},
		{
			name:  "area not a number",
			input: func(d *divisionDetail) { retype(d.area, "三百") },
			want:  []string{"服务中心面积", "三百", "不是数字"},
		},
		{
			name: "population far below households",
			input: func(d *divisionDetail) {
				retype(d.households, "1000")
				retype(d.population, "20")
			},
			want: []string{"常住人口", "明显少于户数"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			s := f.openDivisions(t)
			s.Select(pingcheng)
			d := s.detail
			if tt.earlier != nil {
				tt.earlier.fill(d)
				test.Tap(button(t, d.root, "保存"))
				if !strings.Contains(d.message.Text, "已保存") {
					t.Fatalf("saving the earlier values: %q", d.message.Text)
				}
			}
			before, err := f.app.Divisions.Profile(f.ctx, pingcheng)
			if err != nil {
				t.Fatal(err)
			}

			tt.input(d)
			typed := readForm(d)
			test.Tap(button(t, d.root, "保存"))

			if d.message.Importance != widget.DangerImportance {
				t.Errorf("message importance = %v, want danger", d.message.Importance)
			}
			after, err := f.app.Divisions.Profile(f.ctx, pingcheng)
			if err != nil {
				t.Fatal(err)
			}
			if !sameProfile(after, before) {
				t.Errorf("profile changed by an invalid save: %+v, was %+v", after, before)
			}
			// The clerk's input stays in the form to be corrected.
			if form := readForm(d); form != typed {
				t.Errorf("form after a failed save = %+v, want what was typed %+v", form, typed)
			}
			f.w.Show("nav.home")
			wantCount := "0"
			if tt.earlier != nil {
				wantCount = "1"
			}
			if f.w.home.profiles.Text != wantCount {
				t.Errorf("home 已建社区档案 = %q, want %s", f.w.home.profiles.Text, wantCount)
			}

			var missing []string
			for _, w := range tt.want {
				if !strings.Contains(d.message.Text, w) {
					missing = append(missing, w)
				}
			}
			if len(missing) > 0 {
				t.Errorf("message %q lacks %q", d.message.Text, missing)
			}
		})
	}
}

func TestRevertDiscardsEdits(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	s.Select(pingcheng)
	d := s.detail
	saved := profileForm{"1200", "3500", "350.5", "7", "平城街 8 号", "0817-2222222"}
	saved.fill(d)
	test.Tap(button(t, d.root, "保存"))

	profileForm{"9", "99", "9.9", "9", "别处", "13900000000"}.fill(d)
	test.Tap(button(t, d.root, "撤销修改"))
	if form := readForm(d); form != saved {
		t.Errorf("form after 撤销修改 = %+v, want the saved %+v", form, saved)
	}
	if d.message.Text != "" {
		t.Errorf("message after 撤销修改 = %q, want empty", d.message.Text)
	}
}
