package app

import (
	"context"
	"path/filepath"
	"shequ/app/store/pgtest"
	"testing"
)

// Opening a new database in a folder that does not exist yet creates the folder (the use lock
// file goes beside the database).
func TestOpenNewDatabaseInNewFolder(t *testing.T) {
	pgtest.SQLiteOnly(t, "新文件夹里的数据库文件")
	a, err := Open(context.Background(), filepath.Join(t.TempDir(), "新", "文件夹", "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
