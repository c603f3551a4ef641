package store

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// What can go wrong with a shared database that has no counterpart for a file.
var (
	ErrServerBusy = errors.New("共享数据库正忙")
	ErrServer     = errors.New("数据库服务器出错")
	// ErrNoAccess: the database refused the signed-in role (its grants or its scope's row-level
	// security, pgaccess.go).
	ErrNoAccess = errors.New("数据库账号没有权限")
)

// pgRawPart is rawPart for PostgreSQL's errors and a lost connection to the server.
func pgRawPart(err error) (raw, zh string, kind error) {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		raw = pe.Error()
		switch {
		case pe.Code == "55P03", pe.Code == "40001", pe.Code == "40P01", pe.Code == "57014":
			return raw, "共享数据库正忙", ErrServerBusy
		case pe.Code == "53100":
			return raw, "服务器磁盘空间不足", ErrDiskFull
		case pe.Code == "42501":
			return raw, "没有所需的数据库权限", ErrNoAccess
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57"), strings.HasPrefix(pe.Code, "53"):
			return raw, "数据库服务器出错", ErrServer
		}
		return raw, "数据库处理出错", ErrDatabase
	}
	var ce *pgconn.ConnectError
	var ne *net.OpError
	if errors.As(err, &ce) || errors.As(err, &ne) {
		return redactIn(err.Error()), "无法连接数据库服务器", ErrServer
	}
	return "", "", nil
}

// pgFailureText is failureText for a shared database; ok is false for a file.
func pgFailureText(f *Failure, op, log string) (string, bool) {
	if !IsPostgres(f.Path) {
		return "", false
	}
	switch f.Kind {
	case ErrServerBusy:
		return fmt.Sprintf("共享数据库 %s 正忙（其他人正在导入或保存），等候超时，本次%s已全部撤销，数据未改变。请稍后重试。", f.Path, op), true
	case ErrDiskFull:
		return fmt.Sprintf("数据库服务器磁盘空间不足，本次%s已全部撤销，数据未改变。请联系信息管理员%s。", op, log), true
	case ErrNoAccess:
		return fmt.Sprintf("当前数据库账号没有权限做这件事：只读账号不能修改数据，限定了范围的账号只能查看和修改本县或本乡镇的数据。本次%s未完成，数据未改变%s。", op, log), true
	case ErrServer:
		return fmt.Sprintf("与数据库服务器 %s 通信出错（网络中断、服务器停止或没有权限），本次%s未完成。请检查网络后重试，或联系信息管理员%s。", f.Path, op, log), true
	}
	return fmt.Sprintf("处理共享数据库 %s 时出错%s。", f.Path, log), true
}
