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
	f := &Failure{Kind: kind, Path: dbPath, raw: raw}
	f.LogPath = logRaw(dbPath, kind, raw)
	f.Msg = failureText(f, op)
	return f
}

// kindOf recognises SQLite result codes and the operating system's errors.
func kindOf(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return ErrDiskFull
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth:
			return ErrFolderRO
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return ErrInUse
		case sqlite3.ErrCorrupt:
			return ErrCorrupt
		case sqlite3.ErrNotADB:
			return ErrNotShequ
		case sqlite3.ErrCantOpen:
			return ErrFolderRO // the folder or file refused us; see cantOpenKind
		default:
			return ErrStorage
		}
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch {
		case errno == syscall.ENOSPC:
			return ErrDiskFull
		case errno == syscall.EROFS || errors.Is(err, fs.ErrPermission):
			return ErrFolderRO
		// ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file open.
		case runtime.GOOS == "windows" && (errno == 32 || errno == 33):
			return ErrInUse
		}
		return ErrStorage
	}
	if errors.Is(err, fs.ErrPermission) {
		return ErrFolderRO
	}
	if strings.Contains(err.Error(), "database disk image is malformed") {
		return ErrCorrupt
	}
	return nil
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
	switch f.Kind {
	case ErrDiskFull:
		return fmt.Sprintf("磁盘空间不足，本次%s已全部撤销，数据未改变。请清理数据库所在磁盘（%s）后重试。", op, dir)
	case ErrFolderRO:
		return fmt.Sprintf("无法写入数据库 %s：所在文件夹 %s 是只读的，或当前 Windows 账号没有写入权限。请把数据库放到可以写入的文件夹，或请 IT 人员开放权限。", name, dir)
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
	line := fmt.Sprintf("%s\t%s\t%s\t%v\n", time.Now().Format("2006-01-02 15:04:05"), dbPath, kind, raw)
	var candidates []string
	name := "shequ.错误日志.txt"
	if dbPath != "" {
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

// Explain is classify for callers outside the store: SQLite and file-system errors, and the
// checks' findings on a damaged file, become a *Failure about the database at dbPath.
func Explain(dbPath string, err error) error {
	if err == nil {
		return nil
	}
	var f *Failure
	if errors.As(err, &f) {
		return err
	}
	switch {
	case errors.Is(err, ErrSchemaTooNew):
		return newFailure(dbPath, "", ErrSchemaTooNew, err)
	case errors.Is(err, ErrNotShequ):
		return newFailure(dbPath, "", ErrNotShequ, err)
	case errors.Is(err, ErrMissing):
		return MissingFile(dbPath)
	}
	if kind := kindOf(err); kind != nil {
		return newFailure(dbPath, "", kind, err)
	}
	// CheckFile's findings carry SQLite's own words after these Chinese heads.
	for _, head := range []string{"完整性检查未通过", "无法检查完整性", "外键检查发现"} {
		if strings.Contains(err.Error(), head) {
			return newFailure(dbPath, "", ErrCorrupt, err)
		}
	}
	return err
}
