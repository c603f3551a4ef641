package checklist

import (
	"context"
	"errors"
	"fmt"

	"shequ/app/duty"
	"shequ/app/store"
	"shequ/models"
)

// Evidence lists the files attached to the indicator values of a village's assessment of year,
// by indicator code; an assessment not yet saved has none.
func (s *Service) Evidence(ctx context.Context, code string, year int) (map[string][]models.Attachment, error) {
	a, found, err := s.st.Assessment(ctx, code, year)
	if err != nil || !found {
		return map[string][]models.Attachment{}, err
	}
	return s.st.AssessmentEvidence(ctx, a.ID)
}

// AddEvidence attaches a file to one indicator value of a village's saved assessment of year.
// Files are kept in the database (up to models.MaxAttachmentSize each); an assessment the county
// has accepted refuses new files.
func (s *Service) AddEvidence(ctx context.Context, code string, year int, indicator string, f duty.EvidenceUpload) (int64, error) {
	if err := s.requireEditor(); err != nil {
		return 0, err
	}
	a, found, err := s.st.Assessment(ctx, code, year)
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, fmt.Errorf("%w：%s 还没有 %d 年测评，请先填写并保存测评，再添加证明材料", models.ErrNotFound, code, year)
	}
	if a.Frozen() {
		return 0, frozenEvidence(a)
	}
	lib, err := s.st.ChecklistLibrary(ctx, a.VersionID)
	if err != nil {
		return 0, err
	}
	var v models.ValidationError
	if in, ok := lib.Indicator(indicator); !ok || in.Retired {
		v.Add("指标", fmt.Sprintf("“%s”不是本测评所用指标库中的指标", indicator))
	}
	name, err := models.CleanAttachmentName(f.Name, len(f.Data))
	if ve := (*models.ValidationError)(nil); errors.As(err, &ve) {
		v.Fields = append(v.Fields, ve.Fields...)
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	key, err := s.st.AssessmentValueKey(ctx, a.ID, indicator)
	if err != nil {
		return 0, err
	}
	return s.st.AddAttachment(ctx, store.OwnerAssessmentValue, key, name, f.Data, s.actor)
}

func frozenEvidence(a models.Assessment) error {
	return fmt.Errorf("%w：%s %d年测评已于 %s 通过县级验收，已冻结，不能再增删证明材料；如需修改请先由管理员重新打开",
		models.ErrConflict, a.DivisionCode, a.Year, a.AcceptedAt.Format("2006-01-02"))
}

// RemoveEvidence deletes an evidence file attached by mistake (not from an accepted assessment).
func (s *Service) RemoveEvidence(ctx context.Context, id int64) error {
	if err := s.requireEditor(); err != nil {
		return err
	}
	a, _, err := s.st.EvidenceAssessment(ctx, id)
	if err != nil {
		return err
	}
	if a.Frozen() {
		return frozenEvidence(a)
	}
	return s.st.DeleteAttachment(ctx, store.OwnerAssessmentValue, id, s.actor)
}

// EvidenceContent returns an evidence file with its content, verified against its SHA-256.
func (s *Service) EvidenceContent(ctx context.Context, id int64) (models.Attachment, []byte, error) {
	if _, _, err := s.st.EvidenceAssessment(ctx, id); err != nil {
		return models.Attachment{}, nil, err
	}
	return s.st.AttachmentContent(ctx, id)
}
