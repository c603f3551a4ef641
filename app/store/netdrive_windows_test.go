//go:build windows

package store

import "testing"

func TestWindowsNetworkPaths(t *testing.T) {
	for _, c := range []struct {
		path string
		unc  bool
		root string
	}{
		{`\\server\share\shequ\shequ.db`, true, `\\server\share\`},
		{`//server/share/shequ.db`, true, `\\server\share\`},
		{`\\?\UNC\server\share\shequ.db`, true, ""},
		{`\\?\C:\shequ\shequ.db`, false, `C:\`},
		{`C:\Users\张三\AppData\Roaming\shequ\shequ.db`, false, `C:\`},
		{`Z:\共享\shequ.db`, false, `Z:\`},
	} {
		if got := isUNC(c.path); got != c.unc {
			t.Errorf("isUNC(%s) = %v", c.path, got)
		}
		if !c.unc {
			if got := driveRoot(c.path); got != c.root {
				t.Errorf("driveRoot(%s) = %q, want %q", c.path, got, c.root)
			}
		}
	}
	if remote, _ := networkFS(`\\server\share\shequ.db`); !remote {
		t.Error("a UNC path is remote")
	}
}
