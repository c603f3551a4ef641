package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"shequ/app/store"
	"shequ/models"
)

// Moving data into and out of a shared database (issue 17): import-desk and backup --out.

// ImportDesk moves the desk database file into this shared database, which must hold nothing but
// what init seeds (see store.ImportDesk). What init seeds is learned by running this program's
// own init on a scratch file, so the check follows whatever init comes to seed. An
// administrator's act.
func (a *App) ImportDesk(ctx context.Context, file string, progress func(store.TableRows)) (store.DeskImport, error) {
	if err := a.Require(models.RoleAdmin); err != nil {
		return store.DeskImport{}, err
	}
	if !a.store.Shared() {
		return store.DeskImport{}, fmt.Errorf("import-desk 把本机数据库导入共享数据库：请用 --db postgres://… 指定共享数据库")
	}
	seed, err := initSeedProfile(ctx)
	if err != nil {
		return store.DeskImport{}, fmt.Errorf("无法确定 init 写入的数据：%w", err)
	}
	res, err := a.store.ImportDesk(ctx, file, seed, a.Actor, progress)
	if err != nil {
		return res, err
	}
	a.Divisions.Invalidate()
	return res, nil
}

// initSeedProfile is what init leaves in a new database, read from a scratch file.
func initSeedProfile(ctx context.Context) (store.SeedProfile, error) {
	dir, err := os.MkdirTemp("", "shequ-seed-*")
	if err != nil {
		return store.SeedProfile{}, err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "seed.db"), store.Options{})
	if err != nil {
		return store.SeedProfile{}, err
	}
	defer st.Close()
	scratch := New(Params{Store: st})
	if _, err := scratch.Init(ctx); err != nil {
		return store.SeedProfile{}, err
	}
	return st.SeedProfile(ctx)
}

// CopyToFile writes a desk-mode copy of this shared database to dest: what this connection's role
// may read, as of one moment (see store.CopyToFile). The copy is audited in the shared database.
func (a *App) CopyToFile(ctx context.Context, dest string, force bool) (store.DeskCopy, error) {
	res, err := a.store.CopyToFile(ctx, dest, force)
	note := fmt.Sprintf("共享数据库复制到本机文件 %s：%d 张表共 %d 行", dest, len(res.Tables), res.Rows)
	if err != nil {
		note = "失败：共享数据库复制到本机文件 " + dest
	}
	_ = a.store.RecordSafety(context.WithoutCancel(ctx), a.Actor, "备份", note)
	return res, err
}

// TableCounts counts the rows of every table (schema_migrations aside), for checks and tests.
func (a *App) TableCounts(ctx context.Context) (map[string]int64, error) {
	return a.store.TableCounts(ctx)
}
