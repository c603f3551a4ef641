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
	// Identity is the first 8 hex digits of the identity of the database the backup belongs to,
	// "" for backups named before databases had identities.
	Identity string
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
	return defaultBackupDir(b.a.store.Path()), nil
}

func defaultBackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "备份") }

// BackupDirOf is the backup folder of the database file at dbPath, read without opening it for
// writing: the folder chosen in 设置 when the file can be read, else 备份 beside it.
func BackupDirOf(dbPath string) string {
	if v := store.FileMeta(context.Background(), dbPath, metaBackupDir); v != "" {
		return v
	}
	return defaultBackupDir(dbPath)
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

// Snapshot writes an automatic backup named after this database, its time and reason, then
// prunes old ones. The name is reserved before the copy is written, so snapshots taken in the same
// second (by this or another process) each get their own.
func (b *BackupService) Snapshot(ctx context.Context, reason string) (Backup, error) {
	dir, err := b.Dir(ctx)
	if err != nil {
		return Backup{}, err
	}
	id, err := b.a.Identity(ctx)
	if err != nil {
		return Backup{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Backup{}, fmt.Errorf("无法创建备份文件夹 %s：%w", dir, err)
	}
	at := b.now()
	path, err := reserveBackupName(dir, shortID(id), at, reason)
	if err != nil {
		return Backup{}, err
	}
	if err := b.a.store.Snapshot(ctx, path); err != nil {
		_ = os.Remove(path)
		return Backup{}, err
	}
	b.audit(ctx, actionBackup, "自动备份（"+reason+"）到 "+path)
	if _, err := b.Prune(ctx); err != nil {
		return Backup{}, err
	}
	st, _ := os.Stat(path)
	var size int64
	if st != nil {
		size = st.Size()
	}
	return Backup{Path: path, At: at, Reason: reason, Size: size, Identity: shortID(id)}, nil
}

// reserveBackupName creates an empty file under a new backup name and returns its path:
// shequ-<identity>-<yyyymmdd-hhmmss>-<reason>[-n].db.
func reserveBackupName(dir, id string, at time.Time, reason string) (string, error) {
	stem := "shequ-" + at.Format("20060102-150405") + "-" + reason
	if id != "" {
		stem = "shequ-" + id + "-" + at.Format("20060102-150405") + "-" + reason
	}
	for i := 1; i < 10000; i++ {
		name := stem + ".db"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.db", stem, i)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			return path, f.Close()
		}
		if !os.IsExist(err) {
			return "", fmt.Errorf("无法在备份文件夹 %s 中建立备份文件：%w", dir, err)
		}
	}
	return "", fmt.Errorf("备份文件夹 %s 中同名备份过多", dir)
}

// shortID is the part of a database identity that backup names carry.
func shortID(id string) string {
	if len(id) < 8 {
		return ""
	}
	return id[:8]
}

// Identity is the open database's identity (a UUID).
func (a *App) Identity(ctx context.Context) (string, error) { return a.store.Identity(ctx) }

// FileIdentity reads the identity of the database file at path without migrating or changing it;
// "" when the file is missing, unreadable, not a shequ database or has no identity yet.
func FileIdentity(path string) string { return store.FileIdentity(context.Background(), path) }

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

// List returns this database's automatic backups in the backup folder, newest first.
func (b *BackupService) List(ctx context.Context) ([]Backup, error) {
	dir, err := b.Dir(ctx)
	if err != nil {
		return nil, err
	}
	id, err := b.a.Identity(ctx)
	if err != nil {
		return nil, err
	}
	return ListBackups(dir, id)
}

// ListBackups returns the automatic backups in the folder dir that belong to the database whose
// identity is id (see FileIdentity), newest first: those named with its identity and those named
// before databases had identities. With id "" (a database whose identity cannot be read) it
// returns every backup in the folder. A missing folder has none. Empty files (names reserved by a
// backup still being written) are left out.
func ListBackups(dir, id string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取备份文件夹 %s：%w", dir, err)
	}
	want := shortID(id)
	var out []Backup
	for _, e := range entries {
		bk, ok := parseBackupName(e.Name())
		if !ok || e.IsDir() || (want != "" && bk.Identity != "" && bk.Identity != want) {
			continue
		}
		info, _ := e.Info()
		if info == nil || info.Size() == 0 {
			continue
		}
		bk.Path, bk.Size = filepath.Join(dir, e.Name()), info.Size()
		out = append(out, bk)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// parseBackupName reads shequ-[<identity>-]<yyyymmdd>-<hhmmss>-<reason>[-n].db.
func parseBackupName(name string) (Backup, bool) {
	if !strings.HasPrefix(name, "shequ-") || !strings.HasSuffix(name, ".db") {
		return Backup{}, false
	}
	parts := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(name, "shequ-"), ".db"), "-", 4)
	var bk Backup
	if len(parts) == 4 && isHex(parts[0], 8) && len(parts[1]) == 8 && len(parts[2]) == 6 {
		bk.Identity, parts = parts[0], []string{parts[1], parts[2], parts[3]}
	} else {
		parts = strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(name, "shequ-"), ".db"), "-", 3)
	}
	if len(parts) < 3 || len(parts[1]) != 6 {
		return Backup{}, false
	}
	at, err := time.ParseInLocation("20060102-150405", parts[0]+"-"+parts[1], time.Local)
	if err != nil {
		return Backup{}, false
	}
	bk.At, bk.Reason = at, parts[2]
	if r, n, ok := strings.Cut(bk.Reason, "-"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
		bk.Reason = r // a second backup in the same second: 导入前-2
	}
	return bk, true
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
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
	if a.Role == models.RoleViewer { // refused anyway: no snapshot for nothing
		return fmt.Errorf("%w，未导入", store.ErrReadOnly)
	}
	if _, err := a.Backups.Snapshot(ctx, ReasonImport); err != nil {
		return fmt.Errorf("导入前自动备份失败，未导入：%w", err)
	}
	return nil
}

// Audit actions of data-safety events.
const (
	actionBackup  = "备份"
	actionRestore = "恢复"
)

// BackupTo writes a full backup to a file the user chose: an administrator's act (the copy holds
// every ID number, phone and password hash). Made and refused backups are audited.
func (b *BackupService) BackupTo(ctx context.Context, dest string) error {
	if err := b.a.require(models.RoleAdmin); err != nil {
		b.audit(ctx, actionBackup, "拒绝："+err.Error()+"；目标 "+dest)
		return err
	}
	if err := b.a.store.Snapshot(ctx, dest); err != nil {
		b.audit(ctx, actionBackup, "失败：备份到 "+dest)
		return err
	}
	b.audit(ctx, actionBackup, "备份到 "+dest)
	return nil
}

// audit records a data-safety event; the event itself has happened (or been refused) already,
// so a failure to record it is not the user's error.
func (b *BackupService) audit(ctx context.Context, action, note string) {
	_ = b.a.store.RecordSafety(context.WithoutCancel(ctx), b.a.Actor, action, note)
}

// Check runs the integrity and foreign-key checks on the open database.
func (b *BackupService) Check(ctx context.Context) error { return b.a.store.Check(ctx) }

// RestoreResult is what a restore did.
type RestoreResult struct {
	// Before is the snapshot of the database taken just before it was replaced.
	Before Backup
	// Foreign lists, in Chinese, the objects in the file that shequ does not create (a planted
	// trigger, say); they were left out. The data of shequ's own tables was restored.
	Foreign []string
}

// Warning tells the clerk which foreign objects were left out; "" when there were none.
func (r RestoreResult) Warning() string {
	if len(r.Foreign) == 0 {
		return ""
	}
	return "注意：备份文件中含有不属于 shequ 的对象，可能被其他程序改动过，这些对象未恢复：" +
		strings.Join(r.Foreign, "；") + "。数据表中的数据已按 shequ 的规则检查后恢复，请核对重要数据。"
}

// Restore replaces the database with the data of the file src after checking it, taking a
// snapshot of the current database first. The file's schema is never trusted: only the rows of
// shequ's own tables are copied into a database built by shequ's migrations (see
// store.ReplaceWith); foreign objects are left out and listed in the result.
func (b *BackupService) Restore(ctx context.Context, src string) (RestoreResult, error) {
	res, err := b.restore(ctx, src)
	if err != nil {
		b.audit(ctx, actionRestore, "拒绝：从 "+src+" 恢复未进行或未完成："+err.Error())
	}
	return res, err
}

func (b *BackupService) restore(ctx context.Context, src string) (RestoreResult, error) {
	if err := b.a.require(models.RoleAdmin); err != nil {
		return RestoreResult{}, err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return RestoreResult{}, err
	}
	if same, _ := sameFile(abs, b.a.store.Path()); same {
		return RestoreResult{}, fmt.Errorf("%s 就是当前使用的数据库，无需恢复", abs)
	}
	if _, err := store.CheckFile(ctx, abs); err != nil {
		return RestoreResult{}, err
	}
	// Nothing else may work on the database while it is replaced: wait for running imports and
	// commands (in any process) to finish, and keep new ones waiting until the swap is done.
	done, err := b.a.exclusiveUse(ctx)
	if err != nil {
		return RestoreResult{}, err
	}
	defer done()
	before, err := b.Snapshot(ctx, ReasonRestore)
	if err != nil {
		return RestoreResult{}, fmt.Errorf("恢复前备份当前数据库失败，未恢复：%w", err)
	}
	res := RestoreResult{Before: before}
	foreign, err := b.a.store.ReplaceWith(ctx, abs)
	if err != nil {
		return res, err
	}
	res.Foreign = foreign
	b.a.afterRestore()
	if err := b.a.store.RecordRestore(ctx, abs, before.Path, res.Foreign, b.a.Actor); err != nil {
		return res, err
	}
	return res, nil
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
