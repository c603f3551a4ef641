package model

import "testing"

// Chart labels are written as the tables write the same figures.
func TestChartLabelsAsTables(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{{8066.114, "万元", "8,066.11"}, {85.714, "%", "85.7%"}, {1234, "次", "1,234"}, {12, "万元", "12.00"}, {0.5, "次", "0.50"}} {
		if got := (&BarChart{Unit: c.unit}).ValueLabel(c.v); got != c.want {
			t.Errorf("ValueLabel(%v, %s) = %s, want %s", c.v, c.unit, got, c.want)
		}
	}
	if got := AxisLabel(90000, 20000); got != "90,000" {
		t.Errorf("axis label %s", got)
	}
	c := &BarChart{Series: []Series{{Values: []float64{85.2, 86}}}}
	if top, step := c.Axis(); top != 100 || step != 20 {
		t.Errorf("axis to %v by %v, want from 0 to 100 by 20", top, step)
	}
}

func TestLabels(t *testing.T) {
	r := &Report{Sections: []Section{{Title: "概况"}, {Title: "经费保障"}, {Title: "附表", Appendix: true}}}
	if got := r.Labels(); got[0] != "一、概况" || got[1] != "二、经费保障" || got[2] != "附表" {
		t.Errorf("%q", got)
	}
}
