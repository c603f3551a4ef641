package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"shequ/app/store"
)

// StartProblem is why the database at Path could not be opened, in Chinese, and what the clerk
// can do about it: restore the newest intact backup when there is one.
type StartProblem struct {
	Path string
	// Kind is store.ErrCorrupt, store.ErrMissing, store.ErrInUse, ErrLocked, … (errors.Is).
	Kind    error
	Message string
	// Newest is the newest backup of this database that passes the integrity check.
	Newest *Backup
	// BackupDir is where its backups were looked for.
	BackupDir string
}

// Recoverable says whether restoring a backup is the way out (a damaged or vanished file).
func (p *StartProblem) Recoverable() bool {
	return errors.Is(p.Kind, store.ErrCorrupt) || errors.Is(p.Kind, store.ErrMissing) ||
		errors.Is(p.Kind, store.ErrNotShequ)
}

// Missing says whether the database file is not there at all.
func (p *StartProblem) Missing() bool { return errors.Is(p.Kind, store.ErrMissing) }

// Retryable says whether trying again can help (another program or window let go of the file).
func (p *StartProblem) Retryable() bool {
	return errors.Is(p.Kind, store.ErrInUse) || errors.Is(p.Kind, ErrLocked) ||
		errors.Is(p.Kind, store.ErrStorage) || errors.Is(p.Kind, store.ErrFolderRO)
}

// Describe labels a backup as a clerk reads it: "2026年12月6日 09:30 每日备份".
func (b Backup) Describe() string {
	return b.At.Format("2006年1月2日 15:04") + " " + b.Reason + "备份"
}

// PrepareFolder creates the database's folder (on a fresh machine %AppData%\shequ does not
// exist yet), so the lock file and the database can be made in it.
func PrepareFolder(dbPath string) error {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return store.Explain(dbPath, err)
	}
	return nil
}

// LockDesk creates the database's folder if needed and takes its one-writer lock; failures other
// than another window holding it are told in the clerk's words.
func LockDesk(dbPath string) (*Lock, error) {
	if store.IsPostgres(dbPath) { // shared mode: many windows on one database is the point
		return nil, nil
	}
	if err := PrepareFolder(dbPath); err != nil {
		return nil, err
	}
	l, err := AcquireLock(dbPath)
	if err != nil && !errors.Is(err, ErrLocked) {
		return nil, store.Explain(dbPath, err)
	}
	return l, err
}

// OpenDesk opens the database for the window: refused on a network drive, checked with
// quick_check, and a vanished file whose backups exist is not silently replaced by an empty one.
func OpenDesk(ctx context.Context, path string) (*store.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !store.IsPostgres(path) {
		if newest, _ := NewestIntactBackup(ctx, path); newest != nil {
			return nil, store.MissingFile(path)
		}
	}
	return store.Open(ctx, path, store.Options{QuickCheck: true})
}

// Diagnose turns the error of opening path into a StartProblem, looking for backups when
// restoring one would help.
func Diagnose(ctx context.Context, path string, err error) *StartProblem {
	p := &StartProblem{Path: path, Kind: err, Message: err.Error(), BackupDir: BackupDirOf(path)}
	var f *store.Failure
	if errors.As(err, &f) {
		p.Kind = f.Kind
	}
	if p.Recoverable() {
		p.Newest, _ = NewestIntactBackup(ctx, path)
		if errors.Is(p.Kind, store.ErrMissing) {
			p.Message = fmt.Sprintf("数据库文件 %s 不见了（可能被删除、移走或改了名）。shequ 没有新建空数据库，以免看起来像数据全丢了。", path)
		}
	}
	return p
}

// BackupsOf lists the automatic backups of the database at dbPath, newest first, in its backup
// folder (BackupDirOf). The file may be damaged or gone: when its identity can still be read,
// the backups named with it (and the old unnamed ones) are its own. When it cannot, no name can
// say which backups are its own; the folder is per database unless a shared one was chosen, so
// every backup there counts except those carrying the identity of another database file that
// sits, still readable, beside this one (they share the default 备份 folder).
func BackupsOf(dbPath string) []Backup {
	dir := BackupDirOf(dbPath)
	id := FileIdentity(dbPath)
	list, err := ListBackups(dir, id)
	if err != nil || id != "" {
		return list
	}
	others := siblingIdentities(dbPath)
	out := list[:0]
	for _, b := range list {
		if b.Identity == "" || !others[b.Identity] {
			out = append(out, b)
		}
	}
	return out
}

// siblingIdentities are the short identities of the other readable databases in dbPath's folder.
func siblingIdentities(dbPath string) map[string]bool {
	ids := map[string]bool{}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dbPath), "*.db"))
	for _, m := range matches {
		if same, _ := filepath.Abs(m); same == dbPath {
			continue
		}
		if id := shortID(FileIdentity(m)); id != "" {
			ids[id] = true
		}
	}
	return ids
}

// NewestIntactBackup is the newest backup of dbPath that passes the integrity check; nil when
// none does. It also returns how many backups it looked at.
func NewestIntactBackup(ctx context.Context, dbPath string) (*Backup, int) {
	list := BackupsOf(dbPath)
	for i := range list {
		if _, err := store.CheckFile(ctx, list[i].Path); err == nil {
			return &list[i], len(list)
		}
	}
	return nil, len(list)
}

// Recovery is what Recover did.
type Recovery struct {
	From Backup
	// Aside is where the damaged file went, "" when there was none (a vanished database).
	Aside string
}

// ErrNoIntactBackup means no backup of the database passes the integrity check.
var ErrNoIntactBackup = errors.New("没有可用的完好备份")

// Recover replaces the damaged or vanished database at path with the backup from (the newest
// intact one when from is ""), moving the damaged file aside first, and records it in the
// recovered database's audit log. The caller holds the database's lock. A database that opens
// and passes its check is left alone.
func Recover(ctx context.Context, path, from, actor string) (Recovery, error) {
	var r Recovery
	if store.IsPostgres(path) {
		return r, store.FileOnly("从备份恢复损坏的数据库")
	}
	reason, err := damage(ctx, path)
	if err != nil {
		return r, err
	}
	if from == "" {
		newest, seen := NewestIntactBackup(ctx, path)
		if newest == nil {
			found := fmt.Sprintf("在 %s 中找到 %d 个备份，没有一个通过完整性检查", BackupDirOf(path), seen)
			if seen == 0 {
				found = fmt.Sprintf("在 %s 中没有这个数据库的备份", BackupDirOf(path))
			}
			return r, fmt.Errorf("%w：%s。请找 IT 人员，或指定另一个备份文件（窗口中点“选择其他备份…”，命令行用 shequctl recover --from 文件）",
				ErrNoIntactBackup, found)
		}
		r.From = *newest
	} else {
		abs, err := filepath.Abs(from)
		if err != nil {
			return r, err
		}
		if _, err := store.CheckFile(ctx, abs); err != nil {
			return r, fmt.Errorf("备份 %s 不能用：%s", abs, clerkText(abs, err))
		}
		r.From = describeFile(abs)
	}
	if r.Aside, err = store.MoveAside(path, time.Now()); err != nil {
		return r, err
	}
	if err := store.InstallCopy(ctx, r.From.Path, path); err != nil {
		return r, err
	}
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return r, err
	}
	defer st.Close()
	note := fmt.Sprintf("启动时%s；已从备份 %s（%s）恢复", reason, r.From.Path, r.From.Describe())
	if r.Aside != "" {
		note += "；原文件已移到 " + r.Aside
	}
	return r, st.RecordRecovery(ctx, note, actor)
}

// damage says what is wrong with the file at path, or refuses when nothing is.
func damage(ctx context.Context, path string) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "数据库文件不存在", nil
	}
	_, err := store.CheckFile(ctx, path)
	switch {
	case err == nil:
		return "", fmt.Errorf("数据库 %s 完好，无需恢复。要换回以前的数据，请用“恢复”（shequctl restore 备份文件）", path)
	case errors.Is(err, store.ErrSchemaTooNew):
		return "", fmt.Errorf("数据库 %s 由更新版本的 shequ 保存，并未损坏，请升级 shequ，不要恢复旧备份", path)
	}
	_ = store.Explain(path, err) // keeps the raw text in the log for the IT person
	return "数据库文件已损坏（完整性检查未通过）", nil
}

// describeFile labels a backup the clerk chose: by its name when it is an automatic one, else by
// its modification time.
func describeFile(path string) Backup {
	b, ok := parseBackupName(filepath.Base(path))
	if !ok {
		b = Backup{Reason: "所选"}
	}
	b.Path = path
	if info, err := os.Stat(path); err == nil {
		b.Size = info.Size()
		if b.At.IsZero() {
			b.At = info.ModTime()
		}
	}
	return b
}

// Explain is App.Explain before a database is open; with dbPath "" the raw text is logged in the
// user's cache folder.
func Explain(dbPath string, err error) error { return store.Explain(dbPath, err) }

// clerkText is err as a clerk may read it: the store's Chinese sentence, with SQLite's own words
// kept in the log instead.
func clerkText(path string, err error) string {
	return store.Explain(path, err).Error()
}
