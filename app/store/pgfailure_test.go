package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL's errors reach the clerk as Chinese sentences, with the password left out.
func TestSharedFailuresSpeakChinese(t *testing.T) {
	where := "postgres://clerk:s3cret@db.local:5432/shequ"
	for _, tt := range []struct {
		err  error
		kind error
		want string
	}{
		{&pgconn.PgError{Code: "55P03", Message: "canceling statement due to lock timeout"}, ErrServerBusy, "正忙"},
		{&pgconn.PgError{Code: "53100", Message: "could not extend file"}, ErrDiskFull, "服务器磁盘空间不足"},
		{&pgconn.PgError{Code: "08006", Message: "connection failure"}, ErrServer, "通信出错"},
	} {
		err := classify(where, "导入", fmt.Errorf("写入预算明细失败：%w", tt.err))
		if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%v: %v", tt.err, err)
		}
	}
}
