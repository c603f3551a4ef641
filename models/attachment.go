package models

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Attachment is a file kept in the database with a record (e.g. a meeting's signed minutes, photos,
// sign-in sheet); its content is read separately and checked against SHA256.
type Attachment struct {
	ID        int64
	OwnerKind string
	OwnerID   int64
	Name      string
	Size      int64
	SHA256    string
	CreatedAt time.Time
	CreatedBy string
}

// MaxAttachmentSize bounds one attached file, like an evidence file: the database is backed up whole.
const MaxAttachmentSize = MaxEvidenceSize

// SizeText writes the size as a clerk reads it: 812 字节, 35.2 KB, 3.4 MB.
func (a Attachment) SizeText() string {
	switch {
	case a.Size < 1<<10:
		return fmt.Sprintf("%d 字节", a.Size)
	case a.Size < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(a.Size)/(1<<10))
	default:
		return fmt.Sprintf("%.1f MB", float64(a.Size)/(1<<20))
	}
}

// CleanAttachmentName keeps the base name of a chosen file and checks it and its size.
func CleanAttachmentName(name string, size int) (string, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	var v ValidationError
	switch {
	case name == "" || name == "." || name == "/":
		v.Add("附件", "文件名不能为空")
	case utf8.RuneCountInString(name) > 200:
		v.Add("附件", fmt.Sprintf("文件名“%s”过长（最多 200 字）", name))
	}
	switch {
	case size == 0:
		v.Add("附件", fmt.Sprintf("“%s”是空文件", name))
	case size > MaxAttachmentSize:
		v.Add("附件", fmt.Sprintf("“%s”有 %.1f MB，超过 %d MB 的上限", name, float64(size)/(1<<20), MaxAttachmentSize>>20))
	}
	return name, v.Err()
}
