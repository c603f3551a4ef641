package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"shequ/models"
)

// The per-township breakdown of reform tasks, their progress reports and the evidence files.
type townshipRow struct {
	TaskID       int64  `gorm:"primaryKey"`
	DivisionCode string `gorm:"primaryKey"`
	Progress     string
	Deadline     *time.Time
	CompletedOn  *time.Time
	Note         string
	UpdatedAt    time.Time
	UpdatedBy    string
	RowVersion   int64 `gorm:"->"` // moved on by bumpVersion only
}

func (townshipRow) TableName() string { return "task_townships" }

type reportRow struct {
	ID           int64 `gorm:"primaryKey"`
	TaskID       int64
	DepartmentID int64
	ReportedOn   time.Time
	Body         string
	CreatedAt    time.Time
	CreatedBy    string
}

func (reportRow) TableName() string { return "progress_reports" }

type evidenceBlobRow struct {
	SHA256  string `gorm:"column:sha256;primaryKey"`
	Size    int64
	Content []byte
}

func (evidenceBlobRow) TableName() string { return "evidence_blobs" }

type evidenceFileRow struct {
	ID        int64 `gorm:"primaryKey"`
	ReportID  int64
	Name      string
	Size      int64
	SHA256    string `gorm:"column:sha256"`
	CreatedAt time.Time
}

func (evidenceFileRow) TableName() string { return "evidence_files" }

func (r evidenceFileRow) model() models.EvidenceFile {
	return models.EvidenceFile{ID: r.ID, ReportID: r.ReportID, Name: r.Name, Size: r.Size, SHA256: r.SHA256}
}

// ---- per-township breakdown ----

// TaskTownships lists the townships a task is broken down into, by code, with their names;
// taskID 0 lists every task's townships.
func (s *Store) TaskTownships(ctx context.Context, taskID int64) ([]models.TownshipProgress, error) {
	db := s.db.WithContext(ctx)
	q := db.Order("task_id, division_code")
	if taskID != 0 {
		q = q.Where("task_id = ?", taskID)
	}
	var rows []townshipRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取任务分解失败：%w", err)
	}
	codes := db.Model(&townshipRow{}).Select("division_code")
	if taskID != 0 {
		codes = codes.Where("task_id = ?", taskID)
	}
	var divs []divisionRow
	if err := db.Where("code IN (?)", codes).Find(&divs).Error; err != nil {
		return nil, fmt.Errorf("读取任务分解失败：%w", err)
	}
	names := make(map[string]string, len(divs))
	for _, d := range divs {
		names[d.Code] = d.Name
	}
	out := make([]models.TownshipProgress, len(rows))
	for i, r := range rows {
		out[i] = models.TownshipProgress{TaskID: r.TaskID, DivisionCode: r.DivisionCode, Name: names[r.DivisionCode],
			Progress: models.TaskProgress(r.Progress), Deadline: derefTime(r.Deadline), CompletedOn: derefTime(r.CompletedOn),
			Note: r.Note, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, RowVersion: r.RowVersion}
	}
	return out, nil
}

// AddTaskTownships breaks a task down into the given townships (those already there are kept
// as they are) and returns how many were added; one audit entry names them.
func (s *Store) AddTaskTownships(ctx context.Context, taskID int64, codes []string, actor string) (int, error) {
	added := 0
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var names []string
		now := s.now()
		for _, c := range codes {
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&townshipRow{TaskID: taskID, DivisionCode: c,
				Progress: string(models.ProgressNotStarted), UpdatedAt: now, UpdatedBy: actor})
			if res.Error != nil {
				return fmt.Errorf("保存任务分解失败：%w", res.Error)
			}
			if res.RowsAffected > 0 {
				added++
				names = append(names, c)
			}
		}
		if added == 0 {
			return nil
		}
		return s.audit(tx, actor, dutyModule, "任务分解", strconv.FormatInt(taskID, 10), ActionCreate,
			[]FieldChange{{Field: "分解到乡镇（街道）", After: strings.Join(names, "、")}}, "")
	})
	return added, err
}

// SaveTaskTownship records one township's progress on a task.
func (s *Store) SaveTaskTownship(ctx context.Context, p models.TownshipProgress, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var old townshipRow
		if err := tx.Where("task_id = ? AND division_code = ?", p.TaskID, p.DivisionCode).First(&old).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("%w：任务未分解到 %s", models.ErrNotFound, p.DivisionCode)
			}
			return err
		}
		row := old
		row.Progress, row.Deadline, row.CompletedOn, row.Note = string(p.Progress), timePtr(p.Deadline), timePtr(p.CompletedOn), p.Note
		var changes []FieldChange
		add := func(label, x, y string) {
			if x != y {
				changes = append(changes, FieldChange{Field: label, Before: x, After: y})
			}
		}
		add("进度", old.Progress, row.Progress)
		add("完成期限", models.FormatDate(derefTime(old.Deadline)), models.FormatDate(derefTime(row.Deadline)))
		add("完成日期", models.FormatDate(derefTime(old.CompletedOn)), models.FormatDate(derefTime(row.CompletedOn)))
		add("备注", old.Note, row.Note)
		if len(changes) == 0 {
			return nil
		}
		key := fmt.Sprintf("%d/%s", p.TaskID, p.DivisionCode)
		if err := s.bumpVersion(tx, "task_townships", "任务分解", key, p.RowVersion,
			"task_id = ? AND division_code = ?", p.TaskID, p.DivisionCode); err != nil {
			return err
		}
		row.UpdatedAt, row.UpdatedBy = s.now(), actor
		if err := tx.Where("task_id = ? AND division_code = ?", p.TaskID, p.DivisionCode).Save(&row).Error; err != nil {
			return fmt.Errorf("保存乡镇进度失败：%w", err)
		}
		return s.audit(tx, actor, dutyModule, "任务分解", fmt.Sprintf("%d/%s", p.TaskID, p.DivisionCode), ActionUpdate, changes, "")
	})
}

// ---- progress reports and evidence ----

// EvidenceUpload is a file to attach: its name and content.
type EvidenceUpload struct {
	Name string
	Data []byte
}

// Reports lists a task's progress reports, newest first, with their evidence files (not their content).
func (s *Store) Reports(ctx context.Context, taskID int64) ([]models.ProgressReport, error) {
	db := s.db.WithContext(ctx)
	var rows []reportRow
	if err := db.Where("task_id = ?", taskID).Order("reported_on DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取进展报送失败：%w", err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var files []evidenceFileRow
	if err := db.Where("report_id IN ?", ids).Order("id").Find(&files).Error; err != nil {
		return nil, fmt.Errorf("读取证明材料失败：%w", err)
	}
	byReport := map[int64][]models.EvidenceFile{}
	for _, f := range files {
		byReport[f.ReportID] = append(byReport[f.ReportID], f.model())
	}
	var depts []departmentRow
	if err := db.Find(&depts).Error; err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	out := make([]models.ProgressReport, len(rows))
	for i, r := range rows {
		out[i] = models.ProgressReport{ID: r.ID, TaskID: r.TaskID, ReportedOn: r.ReportedOn, DepartmentID: r.DepartmentID,
			Department: names[r.DepartmentID], Text: r.Body, Evidence: byReport[r.ID], CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
	}
	return out, nil
}

// LatestReportDays maps each task with a report to the date of its latest one.
func (s *Store) LatestReportDays(ctx context.Context) (map[int64]time.Time, error) {
	var rows []reportRow
	// Reading the dates and taking the maximum in Go keeps the column's time type intact.
	if err := s.db.WithContext(ctx).Select("task_id, reported_on").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取进展报送失败：%w", err)
	}
	out := map[int64]time.Time{}
	for _, r := range rows {
		if r.ReportedOn.After(out[r.TaskID]) {
			out[r.TaskID] = r.ReportedOn
		}
	}
	return out, nil
}

// AddReport stores a progress report and its evidence files in one transaction; a file whose
// content is already stored is kept once.
func (s *Store) AddReport(ctx context.Context, r models.ProgressReport, files []EvidenceUpload, actor string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		row := reportRow{TaskID: r.TaskID, DepartmentID: r.DepartmentID, ReportedOn: r.ReportedOn, Body: r.Text,
			CreatedAt: now, CreatedBy: actor}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("保存进展报送失败：%w", err)
		}
		id = row.ID
		var dept departmentRow
		if err := tx.Where("id = ?", r.DepartmentID).Limit(1).Find(&dept).Error; err != nil {
			return fmt.Errorf("读取报送部门失败：%w", err)
		}
		changes := []FieldChange{{Field: "报送日期", After: models.FormatDate(r.ReportedOn)},
			{Field: "报送部门", After: dept.Name}, {Field: "进展情况", After: r.Text}}
		for _, f := range files {
			sum := sha256.Sum256(f.Data)
			hash := hex.EncodeToString(sum[:])
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&evidenceBlobRow{SHA256: hash,
				Size: int64(len(f.Data)), Content: f.Data}).Error; err != nil {
				return fmt.Errorf("保存证明材料“%s”失败：%w", f.Name, err)
			}
			if err := tx.Create(&evidenceFileRow{ReportID: row.ID, Name: f.Name, Size: int64(len(f.Data)),
				SHA256: hash, CreatedAt: now}).Error; err != nil {
				return fmt.Errorf("保存证明材料“%s”失败：%w", f.Name, err)
			}
			changes = append(changes, FieldChange{Field: "证明材料", After: fmt.Sprintf("%s（%d 字节，SHA-256 %s）", f.Name, len(f.Data), hash)})
		}
		return s.audit(tx, actor, dutyModule, "进展报送", strconv.FormatInt(row.ID, 10), ActionCreate, changes,
			"改革任务 "+strconv.FormatInt(r.TaskID, 10))
	})
	return id, err
}

// EvidenceContent returns an evidence file and its content, checked against its SHA-256.
func (s *Store) EvidenceContent(ctx context.Context, fileID int64) (models.EvidenceFile, []byte, error) {
	db := s.db.WithContext(ctx)
	var f []evidenceFileRow
	if err := db.Where("id = ?", fileID).Limit(1).Find(&f).Error; err != nil {
		return models.EvidenceFile{}, nil, fmt.Errorf("读取证明材料失败：%w", err)
	}
	if len(f) == 0 {
		return models.EvidenceFile{}, nil, fmt.Errorf("%w：证明材料 %d", models.ErrNotFound, fileID)
	}
	var b []evidenceBlobRow
	if err := db.Where("sha256 = ?", f[0].SHA256).Limit(1).Find(&b).Error; err != nil {
		return models.EvidenceFile{}, nil, fmt.Errorf("读取证明材料失败：%w", err)
	}
	if len(b) == 0 {
		return f[0].model(), nil, fmt.Errorf("%w：证明材料“%s”的内容缺失", models.ErrNotFound, f[0].Name)
	}
	sum := sha256.Sum256(b[0].Content)
	if hex.EncodeToString(sum[:]) != f[0].SHA256 {
		return f[0].model(), nil, fmt.Errorf("证明材料“%s”已损坏（校验值不符）", f[0].Name)
	}
	return f[0].model(), b[0].Content, nil
}
