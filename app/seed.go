package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"shequ/assets"
	"shequ/models"
)

// SeedResult says what Init did.
type SeedResult struct {
	SchemaVersion     int
	DivisionsInserted int
}

// Init brings a database up to date and seeds it with the official divisions; running it again
// changes nothing.
func (a *App) Init(ctx context.Context) (SeedResult, error) {
	divs, err := ParseDivisionsCSV(bytes.NewReader(assets.DivisionsCSV))
	if err != nil {
		return SeedResult{}, fmt.Errorf("内置区划数据有误：%w", err)
	}
	n, err := a.store.SeedDivisions(ctx, assets.DivisionsVersion, divs)
	if err != nil {
		return SeedResult{}, err
	}
	if n > 0 {
		a.Divisions.Invalidate()
	}
	if _, _, err := a.Duties.Seed(ctx, time.Now()); err != nil {
		return SeedResult{}, fmt.Errorf("初始化部门职责失败：%w", err)
	}
	if err := a.Checklist.Seed(ctx); err != nil {
		return SeedResult{}, err
	}
	v, err := a.store.SchemaVersion(ctx)
	return SeedResult{SchemaVersion: v, DivisionsInserted: n}, err
}

// ParseDivisionsCSV reads code,name,level,parent_code[,…] rows, checks codes and levels, and
// returns them parents first. The root city's parent (the province) is not in the file and is dropped.
func ParseDivisionsCSV(r io.Reader) ([]models.Division, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("无法读取表头：%w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"code", "name", "level", "parent_code"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("缺少列 %s", need)
		}
	}
	byLevel := map[models.Level][]models.Division{}
	codes := map[string]bool{}
	line := 1
	for {
		rec, err := cr.Read()
		line++
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("第 %d 行：%w", line, err)
		}
		get := func(k string) string {
			if i := col[k]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		d := models.Division{Code: get("code"), Name: get("name"), ParentCode: get("parent_code")}
		if d.Level, err = models.ParseLevel(get("level")); err != nil {
			return nil, fmt.Errorf("第 %d 行：%w", line, err)
		}
		if err := models.ValidateCode(d.Code); err != nil {
			return nil, fmt.Errorf("第 %d 行：%w", line, err)
		}
		if d.Name == "" {
			return nil, fmt.Errorf("第 %d 行：名称为空", line)
		}
		if codes[d.Code] {
			return nil, fmt.Errorf("第 %d 行：区划代码 %s 重复", line, d.Code)
		}
		codes[d.Code] = true
		byLevel[d.Level] = append(byLevel[d.Level], d)
	}
	var out []models.Division
	for _, l := range models.Levels {
		for _, d := range byLevel[l] {
			if l == models.LevelCity && !codes[d.ParentCode] {
				d.ParentCode = ""
			} else if !codes[d.ParentCode] {
				return nil, fmt.Errorf("区划 %s（%s）的上级代码 %s 不存在", d.Code, d.Name, d.ParentCode)
			}
			out = append(out, d)
		}
	}
	return out, nil
}
