package models

import (
	"fmt"
	"slices"
	"time"
)

// ConsultationStage is one of the six steps of 基层协商 (意见 三（二）3).
type ConsultationStage string

const (
	StagePropose   ConsultationStage = "提议"
	StageInform    ConsultationStage = "告知"
	StageConsult   ConsultationStage = "协商"
	StageDecide    ConsultationStage = "决策"
	StageFeedback  ConsultationStage = "反馈"
	StageSupervise ConsultationStage = "监督"
)

// ConsultationStages is the one order every matter moves through.
var ConsultationStages = []ConsultationStage{StagePropose, StageInform, StageConsult, StageDecide, StageFeedback, StageSupervise}

// StuckAfterDays: a matter with no new step for this long is shown as stuck in the township view.
const StuckAfterDays = 30

// ConsultationStep is one step taken, with its date, what was done and where the evidence is.
type ConsultationStep struct {
	Stage    ConsultationStage
	On       time.Time
	Note     string
	Evidence string
}

// Consultation is one matter of 基层协商 with the steps taken so far, in order.
type Consultation struct {
	Versioned
	ID           int64
	DivisionCode string
	Title        string
	Steps        []ConsultationStep
}

// Stage is the step reached so far, "" before the proposal is recorded.
func (c Consultation) Stage() ConsultationStage {
	if len(c.Steps) == 0 {
		return ""
	}
	return c.Steps[len(c.Steps)-1].Stage
}

// NextStage is the step that must come next, "" once 监督 is recorded.
func (c Consultation) NextStage() ConsultationStage {
	if len(c.Steps) >= len(ConsultationStages) {
		return ""
	}
	return ConsultationStages[len(c.Steps)]
}

// Complete reports whether all six steps are recorded.
func (c Consultation) Complete() bool { return len(c.Steps) == len(ConsultationStages) }

// StartedOn is the date of the proposal (zero without one).
func (c Consultation) StartedOn() time.Time {
	if len(c.Steps) == 0 {
		return time.Time{}
	}
	return c.Steps[0].On
}

// LastStepOn is the date of the latest step.
func (c Consultation) LastStepOn() time.Time {
	if len(c.Steps) == 0 {
		return time.Time{}
	}
	return c.Steps[len(c.Steps)-1].On
}

// Stuck reports an unfinished matter whose latest step is more than StuckAfterDays before today.
func (c Consultation) Stuck(today time.Time) bool {
	return !c.Complete() && len(c.Steps) > 0 && Day(today).After(Day(c.LastStepOn()).AddDate(0, 0, StuckAfterDays))
}

// CheckNextStep says whether s may be recorded next: it must be the next stage in order (no step
// skipped, none repeated), dated, no earlier than the step before, with a note.
func (c Consultation) CheckNextStep(s ConsultationStep) error {
	var v ValidationError
	next := c.NextStage()
	switch {
	case !slices.Contains(ConsultationStages, s.Stage):
		v.Add("环节", fmt.Sprintf("“%s”不是协商六步法中的环节", s.Stage))
	case next == "":
		v.Add("环节", "六个环节已全部完成，不能再添加")
	case s.Stage != next:
		if slices.Index(ConsultationStages, s.Stage) < len(c.Steps) {
			v.Add("环节", fmt.Sprintf("“%s”环节已记录，下一环节应为“%s”", s.Stage, next))
		} else {
			v.Add("环节", fmt.Sprintf("不能跳过环节：当前应记录“%s”，不能直接记录“%s”", next, s.Stage))
		}
	}
	if s.On.IsZero() {
		v.Add("日期", "不能为空")
	} else if last := c.LastStepOn(); !last.IsZero() && Day(s.On).Before(Day(last)) {
		v.Add("日期", fmt.Sprintf("%s 早于上一环节“%s”的日期 %s", FormatDate(s.On), c.Stage(), FormatDate(last)))
	}
	requireText(&v, "情况说明", s.Note, 4000)
	limitText(&v, "佐证材料", s.Evidence, 400)
	return v.Err()
}

// Validate checks the title and the whole sequence of steps.
func (c Consultation) Validate() error {
	var v ValidationError
	requireText(&v, "协商事项", c.Title, 200)
	if len(c.Steps) == 0 {
		v.Add("提议", "新的协商事项须从“提议”环节开始记录")
	}
	var sofar Consultation
	for i, s := range c.Steps {
		if err := sofar.CheckNextStep(s); err != nil {
			v.Add(fmt.Sprintf("第 %d 个环节", i+1), err.Error())
			break
		}
		sofar.Steps = append(sofar.Steps, s)
	}
	return v.Err()
}
