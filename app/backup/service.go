package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

// Service makes and prunes snapshots and restores the database from a file.
type Service struct {
	st      *store.Store
	session *models.Session
	use     *Use
	// afterRestore drops what the other services cached from the database that was replaced.
	afterRestore func()
	// Now is the clock backup names are made from; tests set it.
	Now func() time.Time
}

// Params are what the service needs: the store, who is working, the use lock the App holds on
// the database (a restore trades it for the exclusive one) and what to do after a restore.
type Params struct {
	Store        *store.Store
	Session      *models.Session
	Use          *Use
	AfterRestore func()
}

// New makes the service.
func New(p Params) *Service {
	return &Service{st: p.Store, session: p.Session, use: p.Use, afterRestore: p.AfterRestore, Now: time.Now}
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

// Dir is the backup folder: the one chosen in 设置, else 备份 beside the database; "" for a
// shared database, which has no automatic backups.
func (b *Service) Dir(ctx context.Context) (string, error) {
	if b.st.Shared() {
		return "", nil
	}
	v, err := b.st.Meta(ctx, metaBackupDir)
	if err != nil {
		return "", err
	}
	return b.dirOf(v), nil
}

// dirOf is the folder a stored setting names.
func (b *Service) dirOf(stored string) string {
	if stored != "" {
		return stored
	}
	return defaultBackupDir(b.st.Path())
}

func defaultBackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "备份") }

// SetDir changes the backup folder (a USB or network drive, say) after checking it is writable.
// shown is the folder the clerk's screen showed (Dir): when another desk changed it meanwhile,
// the change is a *models.EditConflict.
func (b *Service) SetDir(ctx context.Context, shown, dir string) error {
	if b.st.Shared() {
		if err := b.session.Require(models.RoleAdmin); err != nil {
			return err
		}
		return store.FileOnly("备份文件夹")
	}
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
	if err := b.session.Require(models.RoleAdmin); err != nil {
		return err
	}
	return b.st.SetSetting(ctx, store.Setting{Key: metaBackupDir, Value: abs, Label: "备份文件夹", Before: old, After: abs,
		Unchanged: func(stored string) bool { return b.dirOf(stored) == shown }}, b.session.Actor)
}

// Snapshot writes an automatic backup named after this database, its time and reason, then
// prunes old ones. The name is reserved before the copy is written, so snapshots taken in the same
// second (by this or another process) each get their own.
func (b *Service) Snapshot(ctx context.Context, reason string) (Backup, error) {
	if b.st.Shared() {
		return Backup{}, store.FileOnly("自动备份")
	}
	dir, err := b.Dir(ctx)
	if err != nil {
		return Backup{}, err
	}
	id, err := b.st.Identity(ctx)
	if err != nil {
		return Backup{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Backup{}, fmt.Errorf("无法创建备份文件夹 %s：%w", dir, err)
	}
	at := b.Now()
	path, err := reserveBackupName(dir, shortID(id), at, reason)
	if err != nil {
		return Backup{}, err
	}
	if err := b.st.Snapshot(ctx, path); err != nil {
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

// Daily makes today's backup unless one exists already; the GUI calls it at start.
func (b *Service) Daily(ctx context.Context) (made bool, err error) {
	if b.st.Shared() { // the server's backups (pg_dump) are the IT person's
		return false, nil
	}
	list, err := b.List(ctx)
	if err != nil {
		return false, err
	}
	today := b.Now().Format("20060102")
	for _, bk := range list {
		if bk.At.Format("20060102") == today {
			return false, nil
		}
	}
	_, err = b.Snapshot(ctx, ReasonDaily)
	return err == nil, err
}

// List returns this database's automatic backups in the backup folder, newest first.
func (b *Service) List(ctx context.Context) ([]Backup, error) {
	if b.st.Shared() {
		return nil, nil
	}
	dir, err := b.Dir(ctx)
	if err != nil {
		return nil, err
	}
	id, err := b.st.Identity(ctx)
	if err != nil {
		return nil, err
	}
	return ListBackups(dir, id)
}

// Prune deletes automatic backups beyond the retention rule and returns how many it deleted.
func (b *Service) Prune(ctx context.Context) (int, error) {
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

// BeforeImport is called by every import just before it writes: a failed or unwanted
// import can always be rolled back by restoring this snapshot.
func (b *Service) BeforeImport(ctx context.Context) error {
	if b.session.Role == models.RoleViewer { // refused anyway: no snapshot for nothing
		return fmt.Errorf("%w，未导入", store.ErrReadOnly)
	}
	if b.st.Shared() { // an import is one transaction; the server is backed up by the IT person
		return nil
	}
	if _, err := b.Snapshot(ctx, ReasonImport); err != nil {
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
func (b *Service) BackupTo(ctx context.Context, dest string) error {
	if err := b.session.Require(models.RoleAdmin); err != nil {
		b.audit(ctx, actionBackup, "拒绝："+err.Error()+"；目标 "+dest)
		return err
	}
	if err := b.st.Snapshot(ctx, dest); err != nil {
		b.audit(ctx, actionBackup, "失败：备份到 "+dest)
		return err
	}
	b.audit(ctx, actionBackup, "备份到 "+dest)
	return nil
}

// audit records a data-safety event; the event itself has happened (or been refused) already,
// so a failure to record it is not the user's error.
func (b *Service) audit(ctx context.Context, action, note string) {
	_ = b.st.RecordSafety(context.WithoutCancel(ctx), b.session.Actor, action, note)
}

// Check runs the integrity and foreign-key checks on the open database.
func (b *Service) Check(ctx context.Context) error { return b.st.Check(ctx) }

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
func (b *Service) Restore(ctx context.Context, src string) (RestoreResult, error) {
	res, err := b.restore(ctx, src)
	if err != nil {
		b.audit(ctx, actionRestore, "拒绝：从 "+src+" 恢复未进行或未完成："+err.Error())
	}
	return res, err
}

func (b *Service) restore(ctx context.Context, src string) (RestoreResult, error) {
	if err := b.session.Require(models.RoleAdmin); err != nil {
		return RestoreResult{}, err
	}
	if b.st.Shared() {
		return RestoreResult{}, store.FileOnly("从备份文件恢复")
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return RestoreResult{}, err
	}
	if same, _ := sameFile(abs, b.st.Path()); same {
		return RestoreResult{}, fmt.Errorf("%s 就是当前使用的数据库，无需恢复", abs)
	}
	if _, err := store.CheckFile(ctx, abs); err != nil {
		return RestoreResult{}, err
	}
	// Nothing else may work on the database while it is replaced: wait for running imports and
	// commands (in any process) to finish, and keep new ones waiting until the swap is done.
	done, err := b.use.Exclusive(ctx)
	if err != nil {
		return RestoreResult{}, err
	}
	defer done()
	before, err := b.Snapshot(ctx, ReasonRestore)
	if err != nil {
		return RestoreResult{}, fmt.Errorf("恢复前备份当前数据库失败，未恢复：%w", err)
	}
	res := RestoreResult{Before: before}
	foreign, err := b.st.ReplaceWith(ctx, abs)
	if err != nil {
		return res, err
	}
	res.Foreign = foreign
	if b.afterRestore != nil {
		b.afterRestore()
	}
	if err := b.st.RecordRestore(ctx, abs, before.Path, res.Foreign, b.session.Actor); err != nil {
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
