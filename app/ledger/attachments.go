package ledger

import (
	"context"
	"fmt"

	"shequ/app/store"
	"shequ/models"
)

// Meeting attachments: the signed minutes, photos and sign-in sheets of a meeting, kept as files
// in the database (the generic attachments of app/store/attachments.go).

// AttachToMeeting checks and stores a file with a meeting and returns the file's id.
func (s *Service) AttachToMeeting(ctx context.Context, meetingID int64, name string, data []byte) (int64, error) {
	if _, err := store.MeetingLedger.Get(ctx, s.st, meetingID); err != nil {
		return 0, err
	}
	name, err := models.CleanAttachmentName(name, len(data))
	if err != nil {
		return 0, err
	}
	return s.st.AddAttachment(ctx, store.OwnerMeeting, meetingID, name, data, s.actor)
}

// MeetingAttachments lists a meeting's files, without their content.
func (s *Service) MeetingAttachments(ctx context.Context, meetingID int64) ([]models.Attachment, error) {
	return s.st.Attachments(ctx, store.OwnerMeeting, meetingID)
}

// MeetingAttachmentCounts maps each of the meetings that has files to how many.
func (s *Service) MeetingAttachmentCounts(ctx context.Context, meetingIDs []int64) (map[int64]int, error) {
	return s.st.AttachmentCounts(ctx, store.OwnerMeeting, meetingIDs)
}

// MeetingAttachment returns a meeting's file with its content, verified against its SHA-256.
func (s *Service) MeetingAttachment(ctx context.Context, id int64) (models.Attachment, []byte, error) {
	a, data, err := s.st.AttachmentContent(ctx, id)
	if err == nil && a.OwnerKind != store.OwnerMeeting.Kind {
		return models.Attachment{}, nil, fmt.Errorf("%w：会议附件 %d", models.ErrNotFound, id)
	}
	return a, data, err
}

// RemoveMeetingAttachment deletes one of a meeting's files.
func (s *Service) RemoveMeetingAttachment(ctx context.Context, id int64) error {
	return s.st.DeleteAttachment(ctx, store.OwnerMeeting, id, s.actor)
}
