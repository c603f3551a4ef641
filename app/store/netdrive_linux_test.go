//go:build linux

package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

func TestRemoteFSTypes(t *testing.T) {
	pgtest.SQLiteOnly(t, "网络驱动器")
	for _, c := range []struct {
		magic  int64
		remote bool
		name   string
	}{
		{0xFF534D42, true, "cifs"},
		{0xFE534D42, true, "smb2"},
		{0x517B, true, "smb"},
		{0x6969, true, "nfs"},
		{0xEF53, false, ""},     // ext4
		{0x01021994, false, ""}, // tmpfs
		{0x9123683E, false, ""}, // btrfs
		{0x58465342, false, ""}, // xfs
	} {
		name, ok := remoteFSType(c.magic)
		if ok != c.remote || name != c.name {
			t.Errorf("%#x: %q %v, want %q %v", c.magic, name, ok, c.name, c.remote)
		}
	}
	// A local temp folder, and a file not created yet in it, are local.
	dir := t.TempDir()
	for _, p := range []string{dir, filepath.Join(dir, "新建", "shequ.db")} {
		if remote, kind := OnNetworkDrive(p); remote {
			t.Errorf("%s taken for a network drive (%s)", p, kind)
		}
	}
}

// Open refuses a database on a network file system, in Chinese, without promising a feature.
func TestOpenRefusesNetworkDrive(t *testing.T) {
	pgtest.SQLiteOnly(t, "网络驱动器")
	saved := networkProbe
	networkProbe = func(string) (bool, string) { return true, "cifs" }
	t.Cleanup(func() { networkProbe = saved })
	path := filepath.Join(t.TempDir(), "shequ.db")
	_, err := Open(context.Background(), path, Options{})
	if !errors.Is(err, ErrNetworkDrive) {
		t.Fatalf("%v", err)
	}
	for _, want := range []string{"网络驱动器", "本机文件夹", "备份仍可以放在网络文件夹", "目前的版本还不支持"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	noRawText(t, err.Error())
}
