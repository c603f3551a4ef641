package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"shequ/app/store"
)

// Backup file names, shequ-<identity>-<yyyymmdd-hhmmss>-<reason>[-n].db: reserving a new one,
// listing a database's backups in a folder, and reading a database file's identity and backup
// folder without opening it (for the recovery flow).

// reserveBackupName creates an empty file under a new backup name and returns its path:
// shequ-<identity>-<yyyymmdd-hhmmss>-<reason>[-n].db.
func reserveBackupName(dir, id string, at time.Time, reason string) (string, error) {
	stem := "shequ-" + at.Format("20060102-150405") + "-" + reason
	if id != "" {
		stem = "shequ-" + id + "-" + at.Format("20060102-150405") + "-" + reason
	}
	for i := 1; i < 10000; i++ {
		name := stem + ".db"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.db", stem, i)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			return path, f.Close()
		}
		if !os.IsExist(err) {
			return "", fmt.Errorf("无法在备份文件夹 %s 中建立备份文件：%w", dir, err)
		}
	}
	return "", fmt.Errorf("备份文件夹 %s 中同名备份过多", dir)
}

// shortID is the part of a database identity that backup names carry.
func shortID(id string) string {
	if len(id) < 8 {
		return ""
	}
	return id[:8]
}

// FileIdentity reads the identity of the database file at path without migrating or changing it;
// "" when the file is missing, unreadable, not a shequ database or has no identity yet.
func FileIdentity(path string) string { return store.FileIdentity(context.Background(), path) }

// ListBackups returns the automatic backups in the folder dir that belong to the database whose
// identity is id (see FileIdentity), newest first: those named with its identity and those named
// before databases had identities. With id "" (a database whose identity cannot be read) it
// returns every backup in the folder. A missing folder has none. Empty files (names reserved by a
// backup still being written) are left out.
func ListBackups(dir, id string) ([]Backup, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取备份文件夹 %s：%w", dir, err)
	}
	want := shortID(id)
	var out []Backup
	for _, e := range entries {
		bk, ok := parseBackupName(e.Name())
		if !ok || e.IsDir() || (want != "" && bk.Identity != "" && bk.Identity != want) {
			continue
		}
		info, _ := e.Info()
		if info == nil || info.Size() == 0 {
			continue
		}
		bk.Path, bk.Size = filepath.Join(dir, e.Name()), info.Size()
		out = append(out, bk)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// parseBackupName reads shequ-[<identity>-]<yyyymmdd>-<hhmmss>-<reason>[-n].db.
func parseBackupName(name string) (Backup, bool) {
	if !strings.HasPrefix(name, "shequ-") || !strings.HasSuffix(name, ".db") {
		return Backup{}, false
	}
	parts := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(name, "shequ-"), ".db"), "-", 4)
	var bk Backup
	if len(parts) == 4 && isHex(parts[0], 8) && len(parts[1]) == 8 && len(parts[2]) == 6 {
		bk.Identity, parts = parts[0], []string{parts[1], parts[2], parts[3]}
	} else {
		parts = strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(name, "shequ-"), ".db"), "-", 3)
	}
	if len(parts) < 3 || len(parts[1]) != 6 {
		return Backup{}, false
	}
	at, err := time.ParseInLocation("20060102-150405", parts[0]+"-"+parts[1], time.Local)
	if err != nil {
		return Backup{}, false
	}
	bk.At, bk.Reason = at, parts[2]
	if r, n, ok := strings.Cut(bk.Reason, "-"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
		bk.Reason = r // a second backup in the same second: 导入前-2
	}
	return bk, true
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}

// BackupDirOf is the backup folder of the database file at dbPath, read without opening it for
// writing: the folder chosen in 设置 when the file can be read, else 备份 beside it.
func BackupDirOf(dbPath string) string {
	if v := store.FileMeta(context.Background(), dbPath, metaBackupDir); v != "" {
		return v
	}
	return defaultBackupDir(dbPath)
}
