package app

import (
	"strings"
	"testing"
)

func TestCheckSharedAddress(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"postgres://zhangsan@10.1.2.3:5432/shequ?sslmode=require", ""},
		{" postgresql://10.1.2.3/shequ ", ""},
		{"postgres://zhangsan:mima@10.1.2.3/shequ", "不要写密码"},
		{"postgres://zhangsan@10.1.2.3/shequ?password=mima", "不要写密码"},
		{"postgres://zhangsan@10.1.2.3:5432/", "缺少服务器或数据库名"},
		{"postgres:///shequ", "缺少服务器或数据库名"},
		{`D:\shequ\shequ.db`, "postgres:// 开头"},
	} {
		got, err := CheckSharedAddress(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != strings.TrimSpace(tt.in)):
			t.Errorf("CheckSharedAddress(%q) = %q, %v; want it kept", tt.in, got, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("CheckSharedAddress(%q): %v; want a message saying %s", tt.in, err, tt.err)
		case err != nil && strings.Contains(err.Error(), "mima"):
			t.Errorf("the message shows the password: %v", err)
		}
	}
}
