package store

import (
	"context"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"shequ/models"
)

func joinIDs(ids []int64) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += "、"
		}
		s += strconv.FormatInt(id, 10)
	}
	return s
}

func gridFields(r gridRow, workers []int64) [][2]string {
	return [][2]string{{"所属村（社区）", r.DivisionCode}, {"网格名称", r.Name}, {"网格编号", r.Number},
		{"户数", strconv.FormatInt(r.Households, 10)}, {"人口", strconv.FormatInt(r.Population, 10)},
		{"边界描述", r.Boundary}, {"网格员", joinIDs(workers)}}
}

// SaveGrid creates (ID 0) or updates a grid with its grid workers.
func (s *Store) SaveGrid(ctx context.Context, g models.Grid, actor string) (int64, error) {
	id := g.ID
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		row := gridRow{ID: g.ID, DivisionCode: g.DivisionCode, TownshipCode: models.Code(g.DivisionCode).Township().String(), Name: g.Name,
			Number: g.Number, Households: g.Households, Population: g.Population, Boundary: g.Boundary}
		var dup []gridRow
		if err := tx.Where("id <> ? AND division_code = ? AND ((name <> '' AND name = ?) OR (number <> '' AND number = ?))",
			g.ID, g.DivisionCode, g.Name, g.Number).Limit(1).Find(&dup).Error; err != nil {
			return err
		}
		if len(dup) > 0 {
			return fmt.Errorf("%w：该村（社区）已有网格“%s”（编号 %s），名称和编号不能重复", models.ErrConflict, dup[0].Name, dup[0].Number)
		}
		var before [][2]string
		action := ActionCreate
		if g.ID == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("新增网格失败：%w", err)
			}
			id = row.ID
		} else {
			var old gridRow
			if err := tx.Where("id = ?", g.ID).Take(&old).Error; err != nil {
				return fmt.Errorf("%w：网格 %d", models.ErrNotFound, g.ID)
			}
			var ws []int64
			if err := tx.Model(&gridWorkerRow{}).Where("grid_id = ?", g.ID).Order("worker_id").Pluck("worker_id", &ws).Error; err != nil {
				return err
			}
			before, action = gridFields(old, ws), ActionUpdate
			if err := s.bumpVersion(tx, "grids", EntityGrid, fmtInt(g.ID), g.RowVersion, "id = ?", g.ID); err != nil {
				return err
			}
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("保存网格失败：%w", err)
			}
			if err := tx.Where("grid_id = ?", g.ID).Delete(&gridWorkerRow{}).Error; err != nil {
				return err
			}
		}
		for _, w := range g.WorkerIDs {
			if err := tx.Create(&gridWorkerRow{GridID: id, WorkerID: w}).Error; err != nil {
				return fmt.Errorf("保存网格员 %d 失败：%w", w, err)
			}
		}
		return s.audit(tx, actor, registryModule, EntityGrid, fmtInt(id), action, diff(before, gridFields(row, g.WorkerIDs)), "")
	})
	return id, err
}

// DeleteGrid removes a grid.
func (s *Store) DeleteGrid(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var row gridRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return fmt.Errorf("%w：网格 %d", models.ErrNotFound, id)
		}
		if err := s.audit(tx, actor, registryModule, EntityGrid, fmtInt(id), ActionDelete, diff(nil, gridFields(row, nil)), ""); err != nil {
			return err
		}
		if err := tx.Where("grid_id = ?", id).Delete(&gridWorkerRow{}).Error; err != nil {
			return err
		}
		return tx.Delete(&gridRow{}, id).Error
	})
}

// Grids lists every grid with its workers, by division and number.
func (s *Store) Grids(ctx context.Context) ([]models.Grid, error) {
	var rows []gridRow
	if err := s.db.WithContext(ctx).Order("division_code, number, name").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取网格失败：%w", err)
	}
	return s.gridsWithWorkers(ctx, rows, nil)
}

// gridsWithWorkers are the rows as grids with their workers' ids; ids, when not nil, are the
// rows' ids, so only their links are read.
func (s *Store) gridsWithWorkers(ctx context.Context, rows []gridRow, ids []int64) ([]models.Grid, error) {
	var links []gridWorkerRow
	q := s.db.WithContext(ctx).Order("grid_id, worker_id")
	if ids != nil {
		q = q.Where("grid_id IN ?", ids)
	}
	if err := q.Find(&links).Error; err != nil {
		return nil, err
	}
	ws := map[int64][]int64{}
	for _, l := range links {
		ws[l.GridID] = append(ws[l.GridID], l.WorkerID)
	}
	out := make([]models.Grid, len(rows))
	for i, r := range rows {
		out[i] = models.Grid{ID: r.ID, DivisionCode: r.DivisionCode, Name: r.Name, Number: r.Number, Households: r.Households,
			Population: r.Population, Boundary: r.Boundary, WorkerIDs: ws[r.ID], RowVersion: r.RowVersion}
	}
	return out, nil
}

// --- 三社联动项目 ---

func projectFields(r projectRow, orgs, workers []int64) [][2]string {
	return [][2]string{{"项目名称", r.Title}, {"所在社区", r.DivisionCode}, {"开始日期", models.FormatDate(r.StartOn)},
		{"结束日期", models.FormatDate(r.EndOn)}, {"购买服务合同", joinIDs([]int64{derefID(r.ContractID)})},
		{"资金（元）", models.Fen(r.AmountFen).Yuan()}, {"状态", r.Status}, {"成效", r.Outcome},
		{"参与社会组织", joinIDs(orgs)}, {"参与社会工作者", joinIDs(workers)}}
}

// SaveProject creates (ID 0) or updates a joint project with its organisations and workers.
func (s *Store) SaveProject(ctx context.Context, p models.JointProject, actor string) (int64, error) {
	id := p.ID
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		row := projectRow{ID: p.ID, Title: p.Title, DivisionCode: p.DivisionCode, TownshipCode: models.Code(p.DivisionCode).Township().String(),
			StartOn: p.StartOn, EndOn: p.EndOn, ContractID: idPtr(p.ContractID), AmountFen: int64(p.Amount),
			Status: p.Status, Outcome: p.Outcome}
		var before [][2]string
		action := ActionCreate
		if p.ID == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return fmt.Errorf("新增三社联动项目失败：%w", err)
			}
			id = row.ID
		} else {
			var old projectRow
			if err := tx.Where("id = ?", p.ID).Take(&old).Error; err != nil {
				return fmt.Errorf("%w：三社联动项目 %d", models.ErrNotFound, p.ID)
			}
			var os, ws []int64
			if err := tx.Model(&projectOrgRow{}).Where("project_id = ?", p.ID).Order("org_id").Pluck("org_id", &os).Error; err != nil {
				return fmt.Errorf("读取参与社会组织失败：%w", err)
			}
			if err := tx.Model(&projectWorkerRow{}).Where("project_id = ?", p.ID).Order("worker_id").Pluck("worker_id", &ws).Error; err != nil {
				return fmt.Errorf("读取参与社工失败：%w", err)
			}
			before, action = projectFields(old, os, ws), ActionUpdate
			if err := s.bumpVersion(tx, "joint_projects", EntityProject, fmtInt(p.ID), p.RowVersion, "id = ?", p.ID); err != nil {
				return err
			}
			if err := tx.Save(&row).Error; err != nil {
				return fmt.Errorf("保存三社联动项目失败：%w", err)
			}
			for _, m := range []any{&projectOrgRow{}, &projectWorkerRow{}} {
				if err := tx.Where("project_id = ?", p.ID).Delete(m).Error; err != nil {
					return err
				}
			}
		}
		for _, o := range p.OrgIDs {
			if err := tx.Create(&projectOrgRow{ProjectID: id, OrgID: o}).Error; err != nil {
				return fmt.Errorf("保存参与社会组织 %d 失败：%w", o, err)
			}
		}
		for _, w := range p.WorkerIDs {
			if err := tx.Create(&projectWorkerRow{ProjectID: id, WorkerID: w}).Error; err != nil {
				return fmt.Errorf("保存参与社会工作者 %d 失败：%w", w, err)
			}
		}
		return s.audit(tx, actor, registryModule, EntityProject, fmtInt(id), action, diff(before, projectFields(row, p.OrgIDs, p.WorkerIDs)), "")
	})
	return id, err
}

// DeleteProject removes a joint project.
func (s *Store) DeleteProject(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var row projectRow
		if err := tx.Where("id = ?", id).Take(&row).Error; err != nil {
			return fmt.Errorf("%w：三社联动项目 %d", models.ErrNotFound, id)
		}
		if err := s.audit(tx, actor, registryModule, EntityProject, fmtInt(id), ActionDelete, diff(nil, projectFields(row, nil, nil)), ""); err != nil {
			return err
		}
		for _, m := range []any{&projectOrgRow{}, &projectWorkerRow{}} {
			if err := tx.Where("project_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		return tx.Delete(&projectRow{}, id).Error
	})
}

// Projects lists every joint project, newest first.
func (s *Store) Projects(ctx context.Context) ([]models.JointProject, error) {
	var rows []projectRow
	if err := s.db.WithContext(ctx).Order("start_on DESC, id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取三社联动项目失败：%w", err)
	}
	var os []projectOrgRow
	var ws []projectWorkerRow
	if err := s.db.WithContext(ctx).Order("project_id, org_id").Find(&os).Error; err != nil {
		return nil, err
	}
	if err := s.db.WithContext(ctx).Order("project_id, worker_id").Find(&ws).Error; err != nil {
		return nil, err
	}
	orgs, workers := map[int64][]int64{}, map[int64][]int64{}
	for _, o := range os {
		orgs[o.ProjectID] = append(orgs[o.ProjectID], o.OrgID)
	}
	for _, w := range ws {
		workers[w.ProjectID] = append(workers[w.ProjectID], w.WorkerID)
	}
	out := make([]models.JointProject, len(rows))
	for i, r := range rows {
		out[i] = models.JointProject{ID: r.ID, Title: r.Title, DivisionCode: r.DivisionCode, OrgIDs: orgs[r.ID],
			WorkerIDs: workers[r.ID], StartOn: models.Day(r.StartOn), EndOn: models.Day(r.EndOn), ContractID: derefID(r.ContractID),
			Amount: models.Fen(r.AmountFen), Status: r.Status, Outcome: r.Outcome, RowVersion: r.RowVersion}
	}
	return out, nil
}

// RegistryCounts are the registry's record counts for the summary.
func (s *Store) RegistryCounts(ctx context.Context) (orgs, workers, grids int64, err error) {
	db := s.db.WithContext(ctx)
	if err = db.Model(&socialOrgRow{}).Count(&orgs).Error; err != nil {
		return
	}
	if err = db.Model(&workerRow{}).Count(&workers).Error; err != nil {
		return
	}
	err = db.Model(&gridRow{}).Count(&grids).Error
	return
}
