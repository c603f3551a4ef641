package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

const (
	dutyModule     = "部门职责"
	metaSeedDuties = "seed.duties"
)

type departmentRow struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	SeedName   string
	Duty       string
	Clause     string
	Contact    string
	Phone      string
	SortOrder  int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	UpdatedBy  string
	RowVersion int64 `gorm:"->"` // moved on by bumpVersion only
}

func (departmentRow) TableName() string { return "departments" }

func (r departmentRow) model() models.Department {
	return models.Department{ID: r.ID, Name: r.Name, SeedName: r.SeedName, Duty: r.Duty, Clause: r.Clause,
		Contact: r.Contact, Phone: r.Phone, Order: r.SortOrder, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, RowVersion: r.RowVersion}
}

type taskRow struct {
	ID               int64 `gorm:"primaryKey"`
	Clause           string
	Title            string
	Content          string
	PlanYear         int
	LeadDepartmentID int64
	Deliverable      string
	Deadline         *time.Time
	Stage            string
	Progress         string
	CompletedOn      *time.Time
	SortOrder        int
	CreatedAt        time.Time
	UpdatedAt        time.Time
	UpdatedBy        string
	RowVersion       int64 `gorm:"->"` // moved on by bumpVersion only
}

func (taskRow) TableName() string { return "reform_tasks" }

func (r taskRow) model() models.ReformTask {
	return models.ReformTask{ID: r.ID, Clause: r.Clause, Title: r.Title, Content: r.Content, Year: r.PlanYear,
		LeadID: r.LeadDepartmentID, Deliverable: r.Deliverable, Deadline: derefTime(r.Deadline),
		Stage: models.TaskStage(r.Stage), Progress: models.TaskProgress(r.Progress), CompletedOn: derefTime(r.CompletedOn),
		Order: r.SortOrder, UpdatedAt: r.UpdatedAt, UpdatedBy: r.UpdatedBy, RowVersion: r.RowVersion}
}

type supporterRow struct {
	TaskID       int64 `gorm:"primaryKey"`
	DepartmentID int64 `gorm:"primaryKey"`
}

func (supporterRow) TableName() string { return "task_supporters" }

// ---- departments ----

// Departments lists every department in the policy's order, then by name.
func (s *Store) Departments(ctx context.Context) ([]models.Department, error) {
	var rows []departmentRow
	if err := s.db.WithContext(ctx).Order("sort_order, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取部门失败：%w", err)
	}
	out := make([]models.Department, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// SaveDepartment creates (ID 0) or updates a department, with an audit entry of the changed fields.
func (s *Store) SaveDepartment(ctx context.Context, d models.Department, actor string) (int64, error) {
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var clash []departmentRow
		if err := tx.Where("name = ? AND id <> ?", d.Name, d.ID).Limit(1).Find(&clash).Error; err != nil {
			return err
		}
		if len(clash) > 0 {
			return fmt.Errorf("%w：已有名为“%s”的部门", models.ErrConflict, d.Name)
		}
		now := s.now()
		if d.ID == 0 {
			var maxOrder *int
			if err := tx.Raw(`SELECT MAX(sort_order) FROM departments`).Scan(&maxOrder).Error; err != nil {
				return err
			}
			row := departmentRow{Name: d.Name, Duty: d.Duty, Clause: d.Clause, Contact: d.Contact, Phone: d.Phone,
				CreatedAt: now, UpdatedAt: now, UpdatedBy: actor}
			if maxOrder != nil {
				row.SortOrder = *maxOrder + 1
			}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("新增部门失败：%w", err)
			}
			d.ID = row.ID
			return s.audit(tx, actor, dutyModule, "部门", strconv.FormatInt(row.ID, 10), ActionCreate,
				departmentDiff(departmentRow{}, row), "")
		}
		var old departmentRow
		if err := tx.First(&old, d.ID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return fmt.Errorf("%w：部门 %d", models.ErrNotFound, d.ID)
			}
			return err
		}
		row := old
		row.Name, row.Duty, row.Contact, row.Phone = d.Name, d.Duty, d.Contact, d.Phone
		changes := departmentDiff(old, row)
		if len(changes) == 0 {
			return nil
		}
		if err := s.bumpVersion(tx, "departments", "部门", fmtInt(row.ID), d.RowVersion, "id = ?", row.ID); err != nil {
			return err
		}
		row.UpdatedAt, row.UpdatedBy = now, actor
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("保存部门失败：%w", err)
		}
		return s.audit(tx, actor, dutyModule, "部门", strconv.FormatInt(row.ID, 10), ActionUpdate, changes, "")
	})
	return d.ID, err
}

func departmentDiff(a, b departmentRow) []FieldChange {
	var out []FieldChange
	add := func(label, x, y string) {
		if x != y {
			out = append(out, FieldChange{Field: label, Before: x, After: y})
		}
	}
	add("部门名称", a.Name, b.Name)
	add("部门职责", a.Duty, b.Duty)
	add("联系人", a.Contact, b.Contact)
	add("联系电话", a.Phone, b.Phone)
	return out
}

// ---- tasks ----

// Tasks lists every reform task in the policy's order with its supporting departments. The
// progress of a task broken down per township is as stored; the service rolls it up.
func (s *Store) Tasks(ctx context.Context) ([]models.ReformTask, error) {
	db := s.db.WithContext(ctx)
	var rows []taskRow
	if err := db.Order("plan_year, sort_order, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取改革任务失败：%w", err)
	}
	var sup []supporterRow
	if err := db.Order("task_id, department_id").Find(&sup).Error; err != nil {
		return nil, fmt.Errorf("读取配合部门失败：%w", err)
	}
	byTask := map[int64][]int64{}
	for _, r := range sup {
		byTask[r.TaskID] = append(byTask[r.TaskID], r.DepartmentID)
	}
	out := make([]models.ReformTask, len(rows))
	for i, r := range rows {
		out[i] = r.model()
		out[i].SupportIDs = byTask[r.ID]
	}
	return out, nil
}

// Task returns one reform task with its supporting departments.
func (s *Store) Task(ctx context.Context, id int64) (models.ReformTask, error) {
	db := s.db.WithContext(ctx)
	var rows []taskRow
	if err := db.Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return models.ReformTask{}, fmt.Errorf("读取改革任务失败：%w", err)
	}
	if len(rows) == 0 {
		return models.ReformTask{}, fmt.Errorf("%w：改革任务 %d", models.ErrNotFound, id)
	}
	t := rows[0].model()
	if err := db.Model(&supporterRow{}).Where("task_id = ?", id).Order("department_id").
		Pluck("department_id", &t.SupportIDs).Error; err != nil {
		return t, fmt.Errorf("读取配合部门失败：%w", err)
	}
	return t, nil
}

// SaveTask creates (ID 0) or updates a task and its supporting departments, with one audit entry.
func (s *Store) SaveTask(ctx context.Context, t models.ReformTask, actor string) (int64, error) {
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		row := taskRow{ID: t.ID, Clause: t.Clause, Title: t.Title, Content: t.Content, PlanYear: t.Year,
			LeadDepartmentID: t.LeadID, Deliverable: t.Deliverable, Deadline: timePtr(t.Deadline),
			Stage: string(t.Stage), Progress: string(t.Progress), CompletedOn: timePtr(t.CompletedOn),
			SortOrder: t.Order, UpdatedAt: now, UpdatedBy: actor}
		var old taskRow
		var oldSup []int64
		action := ActionCreate
		if t.ID != 0 {
			if err := tx.First(&old, t.ID).Error; err != nil {
				if errors.Is(err, gorm.ErrRecordNotFound) {
					return fmt.Errorf("%w：改革任务 %d", models.ErrNotFound, t.ID)
				}
				return err
			}
			if err := tx.Model(&supporterRow{}).Where("task_id = ?", t.ID).Order("department_id").
				Pluck("department_id", &oldSup).Error; err != nil {
				return err
			}
			action = ActionUpdate
			row.CreatedAt, row.SortOrder = old.CreatedAt, old.SortOrder
		} else {
			row.CreatedAt = now
		}
		changes, err := s.taskDiff(tx, old, row, oldSup, t.SupportIDs)
		if err != nil {
			return err
		}
		if action == ActionUpdate && len(changes) == 0 {
			return nil
		}
		if action == ActionUpdate {
			if err := s.bumpVersion(tx, "reform_tasks", "改革任务", fmtInt(t.ID), t.RowVersion, "id = ?", t.ID); err != nil {
				return err
			}
		}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("保存改革任务失败：%w", err)
		}
		t.ID = row.ID
		if err := tx.Where("task_id = ?", row.ID).Delete(&supporterRow{}).Error; err != nil {
			return err
		}
		for _, d := range t.SupportIDs {
			if err := tx.Create(&supporterRow{TaskID: row.ID, DepartmentID: d}).Error; err != nil {
				return fmt.Errorf("保存配合部门失败：%w", err)
			}
		}
		return s.audit(tx, actor, dutyModule, "改革任务", strconv.FormatInt(row.ID, 10), action, changes, row.Clause)
	})
	return t.ID, err
}

func (s *Store) taskDiff(tx *gorm.DB, a, b taskRow, supA, supB []int64) ([]FieldChange, error) {
	names := map[int64]string{}
	var depts []departmentRow
	if err := tx.Find(&depts).Error; err != nil {
		return nil, fmt.Errorf("读取部门失败：%w", err)
	}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	var out []FieldChange
	add := func(label, x, y string) {
		if x != y {
			out = append(out, FieldChange{Field: label, Before: x, After: y})
		}
	}
	year := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	list := func(ids []int64) string {
		var parts []string
		for _, id := range ids {
			parts = append(parts, names[id])
		}
		return strings.Join(parts, "、")
	}
	add("政策条款", a.Clause, b.Clause)
	add("任务名称", a.Title, b.Title)
	add("任务内容", a.Content, b.Content)
	add("计划年度", year(a.PlanYear), year(b.PlanYear))
	add("牵头部门", names[a.LeadDepartmentID], names[b.LeadDepartmentID])
	add("配合部门", list(supA), list(supB))
	add("成果形式", a.Deliverable, b.Deliverable)
	add("完成期限", models.FormatDate(derefTime(a.Deadline)), models.FormatDate(derefTime(b.Deadline)))
	add("实施阶段", a.Stage, b.Stage)
	add("进度", a.Progress, b.Progress)
	add("完成日期", models.FormatDate(derefTime(a.CompletedOn)), models.FormatDate(derefTime(b.CompletedOn)))
	return out, nil
}

// ---- seeding ----

// SeedTask is a reform task to seed, its lead named by the department's policy name.
type SeedTask struct {
	Task     models.ReformTask
	LeadSeed string
}

// SeedDuties stores the policy's departments and reform tasks once: a database that was seeded
// before (even if the clerk since renamed, reassigned or reworded everything) is left alone.
// It returns how many departments and tasks were added.
func (s *Store) SeedDuties(ctx context.Context, version string, depts []models.Department, tasks []SeedTask) (int, int, error) {
	if v, err := getMeta(s.db.WithContext(ctx), metaSeedDuties); err != nil {
		return 0, 0, err
	} else if v != "" {
		return 0, 0, nil
	}
	nd, nt := 0, 0
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		if v, err := getMeta(tx, metaSeedDuties); err != nil || v != "" {
			return err
		}
		now := s.now()
		ids := map[string]int64{}
		var existing []departmentRow
		if err := tx.Find(&existing).Error; err != nil {
			return err
		}
		for _, d := range existing {
			ids[d.SeedName] = d.ID
			ids[d.Name] = d.ID
		}
		for i, d := range depts {
			if _, ok := ids[d.SeedName]; ok {
				continue
			}
			row := departmentRow{Name: d.Name, SeedName: d.SeedName, Duty: d.Duty, Clause: d.Clause,
				SortOrder: i + 1, CreatedAt: now, UpdatedAt: now, UpdatedBy: "shequ"}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("初始化部门“%s”失败：%w", d.Name, err)
			}
			ids[d.SeedName] = row.ID
			nd++
		}
		for i, st := range tasks {
			t := st.Task
			lead, ok := ids[st.LeadSeed]
			if !ok {
				return fmt.Errorf("初始化任务 %s：牵头部门“%s”不存在", t.Clause, st.LeadSeed)
			}
			row := taskRow{Clause: t.Clause, Title: t.Title, Content: t.Content, PlanYear: t.Year,
				LeadDepartmentID: lead, Deliverable: t.Deliverable, Deadline: timePtr(t.Deadline),
				Stage: string(t.Stage), Progress: string(models.ProgressNotStarted), SortOrder: i + 1,
				CreatedAt: now, UpdatedAt: now, UpdatedBy: "shequ"}
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("初始化任务 %s 失败：%w", t.Clause, err)
			}
			nt++
		}
		if err := setMeta(tx, metaSeedDuties, version); err != nil {
			return err
		}
		return s.audit(tx, "shequ", dutyModule, "部门职责", "", ActionImport,
			[]FieldChange{{Field: "部门", After: strconv.Itoa(nd)}, {Field: "改革任务", After: strconv.Itoa(nt)}}, version)
	})
	return nd, nt, err
}
