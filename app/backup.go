package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"shequ/app/store"
	"shequ/models"
)

// Snapshot reasons, part of each automatic backup's file name.
const (
	ReasonDaily   = "每日"
	ReasonImport  = "导入前"
	ReasonRestore = "恢复前"
	ReasonManual  = "手动"
)

// Retention of automatic backups: every backup of the last KeepDaily days that have one (several
// imports a day each keep their own snapshot), and the newest of each of the KeepMonthly months
// before those.
const (
	KeepDaily   = 30
	KeepMonthly = 12
)

const metaBackupDir = "backup.dir"

// BackupService makes and prunes snapshots and restores the database from a file.
type BackupService struct {
	a   *App
	now func() time.Time
}

// Backup is one automatic snapshot in the backup folder.
type Backup struct {
	Path   string
	At     time.Time
	Reason string
	Size   int64
}

// Dir is the backup folder: the one chosen in 设置, else 备份 beside the database.
func (b *BackupService) Dir(ctx context.Context) (string, error) {
	v, err := b.a.store.Meta(ctx, metaBackupDir)
	if err != nil {
		return "", err
	}
	if v != "" {
		return v, nil
	}
	return filepath.Join(filepath.Dir(b.a.store.Path()), "备份"), nil
}

// SetDir changes the backup folder (a USB or network drive, say) after checking it is writable.
func (b *BackupService) SetDir(ctx context.Context, dir string) error {
	dir = strings.TrimSpace(dir)
	if dir == "" {
		return fmt.Errorf("请选择备份文件夹")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("无法创建备份文件夹 %s：%w", abs, err)
	}
	probe, err := os.CreateTemp(abs, ".shequ-probe-*")
	if err != nil {
		return fmt.Errorf("备份文件夹 %s 不可写入：%w", abs, err)
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	old, _ := b.Dir(ctx)
	if err := b.a.require(models.RoleAdmin); err != nil {
		return err
	}
	return b.a.store.SetSetting(ctx, metaBackupDir, abs, "备份文件夹", old, abs, b.a.Actor)
}

// Snapshot writes an automatic backup named after its time and reason, then prunes old ones.
func (b *BackupService) Snapshot(ctx context.Context, reason string) (Backup, error) {
	dir, err := b.Dir(ctx)
	if err != nil {
		return Backup{}, err
	}
	at := b.now()
	name := fmt.Sprintf("shequ-%s-%s.db", at.Format("20060102-150405"), reason)
	path := filepath.Join(dir, name)
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("shequ-%s-%s-%d.db", at.Format("20060102-150405"), reason, i))
	}
	if err := b.a.store.Snapshot(ctx, path); err != nil {
		return Backup{}, err
	}
	if _, err := b.Prune(ctx); err != nil {
		return Backup{}, err
	}
	st, _ := os.Stat(path)
	var size int64
	if st != nil {
		size = st.Size()
	}
	return Backup{Path: path, At: at, Reason: reason, Size: size}, nil
}

// Daily makes today's backup unless one exists already; the GUI calls it at start.
func (b *BackupService) Daily(ctx context.Context) (made bool, err error) {
	list, err := b.List(ctx)
	if err != nil {
		return false, err
	}
	today := b.now().Format("20060102")
	for _, bk := range list {
		if bk.At.Format("20060102") == today {
			return false, nil
		}
	}
	_, err = b.Snapshot(ctx, ReasonDaily)
	return err == nil, err
}

// List returns the automatic backups in the backup folder, newest first.
func (b *BackupService) List(ctx context.Context) ([]Backup, error) {
	dir, err := b.Dir(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取备份文件夹 %s：%w", dir, err)
	}
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, "shequ-") || !strings.HasSuffix(name, ".db") {
			continue
		}
		parts := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(name, "shequ-"), ".db"), "-", 3)
		if len(parts) < 3 {
			continue
		}
		at, err := time.ParseInLocation("20060102-150405", parts[0]+"-"+parts[1], time.Local)
		if err != nil {
			continue
		}
		info, _ := e.Info()
		var size int64
		if info != nil {
			size = info.Size()
		}
		out = append(out, Backup{Path: filepath.Join(dir, name), At: at, Reason: parts[2], Size: size})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// Prune deletes automatic backups beyond the retention rule and returns how many it deleted.
func (b *BackupService) Prune(ctx context.Context) (int, error) {
	list, err := b.List(ctx)
	if err != nil {
		return 0, err
	}
	keep := map[string]bool{}
	days, months := map[string]bool{}, map[string]bool{}
	for _, bk := range list { // newest first
		day := bk.At.Format("20060102")
		if len(days) < KeepDaily || days[day] {
			days[day] = true
			keep[bk.Path] = true
			continue
		}
		month := bk.At.Format("200601")
		if !months[month] && len(months) < KeepMonthly {
			months[month] = true
			keep[bk.Path] = true
		}
	}
	n := 0
	for _, bk := range list {
		if !keep[bk.Path] {
			if err := os.Remove(bk.Path); err != nil {
				return n, fmt.Errorf("无法删除过期备份 %s：%w", bk.Path, err)
			}
			n++
		}
	}
	return n, nil
}

// snapshotBeforeImport is called by every import just before it writes: a failed or unwanted
// import can always be rolled back by restoring this snapshot.
func (a *App) snapshotBeforeImport(ctx context.Context) error {
	if _, err := a.Backups.Snapshot(ctx, ReasonImport); err != nil {
		return fmt.Errorf("导入前自动备份失败，未导入：%w", err)
	}
	return nil
}

// BackupTo writes a backup to a file the user chose.
func (b *BackupService) BackupTo(ctx context.Context, dest string) error {
	return b.a.store.Snapshot(ctx, dest)
}

// Check runs the integrity and foreign-key checks on the open database.
func (b *BackupService) Check(ctx context.Context) error { return b.a.store.Check(ctx) }

// Restore replaces the database with the file src after checking it, taking a snapshot of the
// current database first. It returns that snapshot.
func (b *BackupService) Restore(ctx context.Context, src string) (Backup, error) {
	if err := b.a.require(models.RoleAdmin); err != nil {
		return Backup{}, err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return Backup{}, err
	}
	if same, _ := sameFile(abs, b.a.store.Path()); same {
		return Backup{}, fmt.Errorf("%s 就是当前使用的数据库，无需恢复", abs)
	}
	if _, err := store.CheckFile(ctx, abs); err != nil {
		return Backup{}, err
	}
	before, err := b.Snapshot(ctx, ReasonRestore)
	if err != nil {
		return Backup{}, fmt.Errorf("恢复前备份当前数据库失败，未恢复：%w", err)
	}
	if err := b.a.store.ReplaceWith(ctx, abs); err != nil {
		return before, err
	}
	b.a.afterRestore()
	if err := b.a.store.RecordRestore(ctx, abs, before.Path, b.a.Actor); err != nil {
		return before, err
	}
	return before, nil
}

func sameFile(a, b string) (bool, error) {
	sa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(sa, sb), nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
