package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
)

// What can go wrong with the database file, as a clerk is told it. Each is the target of
// errors.Is for a *Failure of that kind.
var (
	ErrDiskFull     = errors.New("磁盘空间不足")
	ErrFolderRO     = errors.New("文件夹不可写入")
	ErrInUse        = errors.New("数据库文件正被占用")
	ErrCorrupt      = errors.New("数据库文件已损坏")
	ErrMissing      = errors.New("数据库文件不存在")
	ErrNetworkDrive = errors.New("数据库位于网络驱动器")
	ErrStorage      = errors.New("数据库读写出错")
	ErrDatabase     = errors.New("数据库处理出错")
	ErrFileSystem   = errors.New("文件操作失败")
)

// Failure is a database or file-system failure put in words a clerk understands. The SQLite or
// Go text behind it never reaches the screen: it is appended to LogPath for the IT person.
type Failure struct {
	Kind    error // one of the Err… above, ErrNotShequ or ErrSchemaTooNew
	Path    string
	Msg     string
	LogPath string
	raw     error
}

func (f *Failure) Error() string { return f.Msg }

// Unwrap lets errors.Is match the kind; the raw error stays out of the chain on purpose.
func (f *Failure) Unwrap() error { return f.Kind }

// Raw is the original error, for logs and tests.
func (f *Failure) Raw() error { return f.raw }

// LogFile is where the raw text of failures of the database at dbPath is kept.
func LogFile(dbPath string) string { return dbPath + ".错误日志.txt" }

// classify maps err to the failure a clerk can act on; op names what was being done
// ("导入", "保存"), for the sentence that says it was undone. Errors it does not recognise as
// coming from SQLite or the file system are returned unchanged (they are ours, already Chinese).
func classify(dbPath, op string, err error) error {
	if err == nil {
		return nil
	}
	var f *Failure
	if errors.As(err, &f) {
		return err
	}
	kind := kindOf(err)
	if kind == nil {
		return err
	}
	return newFailure(dbPath, op, kind, err)
}

func newFailure(dbPath, op string, kind, raw error) *Failure {
	dbPath = shownPath(dbPath)
	f := &Failure{Kind: kind, Path: dbPath, raw: raw}
	f.LogPath = logRaw(dbPath, kind, raw)
	f.Msg = failureText(f, op)
	return f
}

// kindOf recognises SQLite result codes and the operating system's errors.
func kindOf(err error) error {
	_, _, kind := rawPart(err)
	return kind
}

// rawPart finds the SQLite or operating-system error inside err: its English text, a few Chinese
// words for it and its kind. kind is nil when there is none.
func rawPart(err error) (raw, zh string, kind error) {
	if raw, zh, kind := pgRawPart(err); kind != nil {
		return raw, zh, kind
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		raw = se.Error()
		switch se.Code {
		case sqlite3.ErrFull:
			return raw, "磁盘空间不足", ErrDiskFull
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth, sqlite3.ErrCantOpen:
			return raw, "文件或文件夹只读，或没有写入权限", ErrFolderRO
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return raw, "文件正被其他程序占用", ErrInUse
		case sqlite3.ErrCorrupt:
			return raw, "文件已损坏", ErrCorrupt
		case sqlite3.ErrNotADB:
			return raw, "不是 shequ 的数据库文件", ErrNotShequ
		case sqlite3.ErrIoErr:
			return raw, "读写磁盘时出错", ErrStorage
		}
		return raw, "数据库处理出错", ErrDatabase
	}
	for _, target := range []any{new(*fs.PathError), new(*os.LinkError), new(*os.SyscallError)} {
		if errors.As(err, target) {
			raw = reflectError(target)
			break
		}
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		if raw == "" {
			return "", "", nil
		}
		return raw, "文件操作失败", ErrFileSystem
	}
	if raw == "" {
		raw = errno.Error()
	}
	switch {
	case errno == syscall.ENOSPC:
		return raw, "磁盘空间不足", ErrDiskFull
	case errno == syscall.EROFS || errors.Is(err, fs.ErrPermission):
		return raw, "文件或文件夹只读，或没有写入权限", ErrFolderRO
	// ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file open.
	case runtime.GOOS == "windows" && (errno == 32 || errno == 33):
		return raw, "文件正被其他程序占用", ErrInUse
	case errors.Is(err, fs.ErrNotExist):
		return raw, "文件或文件夹不存在", ErrFileSystem
	case errors.Is(err, fs.ErrExist):
		return raw, "文件已存在", ErrFileSystem
	}
	return raw, "文件操作失败", ErrFileSystem
}

func reflectError(target any) string {
	switch t := target.(type) {
	case **fs.PathError:
		return (*t).Error()
	case **os.LinkError:
		return (*t).Error()
	case **os.SyscallError:
		return (*t).Error()
	}
	return ""
}

func failureText(f *Failure, op string) string {
	name, dir := filepath.Base(f.Path), filepath.Dir(f.Path)
	if op == "" {
		op = "操作"
	}
	log := ""
	if f.LogPath != "" {
		log = "（详细情况已记入 " + f.LogPath + "，供 IT 人员查看）"
	}
	if text, ok := pgFailureText(f, op, log); ok {
		return text
	}
	switch f.Kind {
	case ErrDiskFull:
		return fmt.Sprintf("磁盘空间不足，本次%s已全部撤销，数据未改变。请清理数据库所在磁盘（%s）后重试。", op, dir)
	case ErrFolderRO:
		return fmt.Sprintf("无法写入数据库 %s：所在文件夹 %s 是只读的、当前 Windows 账号没有写入权限，或文件正被其他程序独占。请把数据库放到可以写入的文件夹、关闭占用它的程序，或请 IT 人员开放权限。", name, dir)
	case ErrInUse:
		return fmt.Sprintf("数据库文件 %s 正被另一个程序占用（例如另一个 shequ、杀毒软件或网盘同步程序）。请关闭那个程序后重试。", f.Path)
	case ErrCorrupt:
		return fmt.Sprintf("数据库文件 %s 已损坏，无法读取%s。", f.Path, log)
	case ErrNotShequ:
		return fmt.Sprintf("%s 不是 shequ 的数据库文件（可能选错了文件）。", f.Path)
	case ErrSchemaTooNew:
		return fmt.Sprintf("数据库 %s 由更新版本的 shequ 保存，本程序无法打开，请升级 shequ。", f.Path)
	case ErrMissing:
		return fmt.Sprintf("数据库文件 %s 不存在。", f.Path)
	case ErrNetworkDrive:
		return networkText(f.Path)
	case ErrDatabase, ErrFileSystem:
		return fmt.Sprintf("处理数据库 %s 时出错%s。", f.Path, log)
	}
	return fmt.Sprintf("读写数据库文件 %s 时出错，磁盘或存储设备可能有故障%s。", f.Path, log)
}

// networkText explains the refusal without promising what does not exist yet.
func networkText(path string) string {
	return fmt.Sprintf("数据库文件 %s 位于网络驱动器或共享文件夹上。多人或断网时在网络上写同一个数据库文件会损坏数据，"+
		"所以 shequ 只在本机磁盘上打开数据库：请把数据库放到本机文件夹（例如 D:\\shequ）。"+
		"备份仍可以放在网络文件夹。多人共用一个数据库的方式正在规划，目前的版本还不支持。", path)
}

// logRaw appends the raw text beside the database; when that folder cannot be written, to the
// user's cache folder. It returns the log file's path, "" when nothing could be written.
func logRaw(dbPath string, kind, raw error) string {
	dbPath = shownPath(dbPath)
	line := fmt.Sprintf("%s\t%s\t%s\t%v\n", time.Now().Format("2006-01-02 15:04:05"), dbPath, kind, raw)
	var candidates []string
	name := "shequ.错误日志.txt"
	if dbPath != "" && !IsPostgres(dbPath) { // a shared database's log stays on the desk
		candidates = append(candidates, LogFile(dbPath))
		name = filepath.Base(LogFile(dbPath))
	}
	if dir, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "shequ", name))
	}
	for _, p := range candidates {
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			continue
		}
		_, werr := f.WriteString(line)
		if cerr := f.Close(); werr == nil && cerr == nil {
			return p
		}
	}
	return ""
}

// MissingFile is the failure for a database file that does not exist where it is expected.
func MissingFile(path string) error {
	return &Failure{Kind: ErrMissing, Path: path, Msg: fmt.Sprintf("数据库文件 %s 不存在。", path)}
}

// Explain is the safety net at the screen's edge: the SQLite or operating-system text inside err
// is replaced by a few Chinese words (and appended to the log beside the database at dbPath),
// keeping the Chinese sentence that says what was being done ("无法打开文件 X：文件或文件夹不存在").
// An error that is nothing but such text becomes the full sentence about the database. The
// checks' findings on a damaged file are put the same way.
func Explain(dbPath string, err error) error {
	if err == nil {
		return nil
	}
	dbPath = shownPath(dbPath)
	var f *Failure
	if errors.As(err, &f) {
		return err
	}
	msg := err.Error()
	raw, zh, kind := rawPart(err)
	if kind == nil {
		// CheckFile's findings carry SQLite's own words after these Chinese heads.
		for _, head := range []string{"完整性检查未通过", "外键检查发现"} {
			if i := strings.Index(msg, head); i >= 0 {
				f := &Failure{Kind: ErrCorrupt, Path: dbPath, raw: err, LogPath: logRaw(dbPath, ErrCorrupt, err)}
				f.Msg = msg[:i] + "文件已损坏（" + head + "）"
				return f
			}
		}
		switch {
		case errors.Is(err, ErrSchemaTooNew), errors.Is(err, ErrNotShequ), errors.Is(err, ErrMissing):
			return err // our own words already
		}
		return err
	}
	if head := strings.TrimSpace(strings.Replace(msg, raw, "", 1)); head == "" || head == msg {
		return newFailure(dbPath, "", kind, err)
	}
	f = &Failure{Kind: kind, Path: dbPath, raw: err, LogPath: logRaw(dbPath, kind, err)}
	f.Msg = strings.Replace(msg, raw, zh, 1)
	return f
}

// shownPath is what messages and logs may show of a database: the file path, or a shared
// database's address without its password.
func shownPath(dbPath string) string {
	if IsPostgres(dbPath) {
		return RedactDSN(dbPath)
	}
	return dbPath
}
