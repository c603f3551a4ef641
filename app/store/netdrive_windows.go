//go:build windows

package store

import (
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// isUNC tells \\server\share\… (and \\?\UNC\…) paths, which are always remote, from drive paths.
func isUNC(path string) bool {
	p := strings.ReplaceAll(path, "/", `\`)
	if strings.HasPrefix(strings.ToUpper(p), `\\?\UNC\`) {
		return true
	}
	if strings.HasPrefix(p, `\\?\`) || strings.HasPrefix(p, `\\.\`) {
		return false
	}
	return strings.HasPrefix(p, `\\`)
}

// driveRoot is the root GetDriveTypeW asks about: "C:\" for C:\data\shequ.db.
func driveRoot(path string) string {
	p := strings.TrimPrefix(strings.ReplaceAll(path, "/", `\`), `\\?\`)
	vol := filepath.VolumeName(p)
	if vol == "" {
		return ""
	}
	return vol + `\`
}

func networkFS(path string) (bool, string) {
	if isUNC(path) {
		return true, "UNC"
	}
	root := driveRoot(path)
	if root == "" {
		return false, ""
	}
	p, err := windows.UTF16PtrFromString(root)
	if err != nil {
		return false, ""
	}
	if windows.GetDriveType(p) == windows.DRIVE_REMOTE {
		return true, "网络驱动器 " + root
	}
	return false, ""
}
