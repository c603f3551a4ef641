package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"shequ/app/store/pgtest"
)

// Paths with characters that mean something in a file: URI (#, %, ?) open the file named, not
// another one: "/tmp/dir#1/shequ.db" once wrote /tmp/dir, "p%41" wrote into pA/.
func TestOpenPathsWithURICharacters(t *testing.T) {
	pgtest.SQLiteOnly(t, "文件路径的 URI 转义")
	ctx := context.Background()
	for _, rel := range []string{"dir#1/shequ.db", "p%41/shequ.db", "q?x=1/shequ.db", "空 格/a#b%20c.db"} {
		t.Run(rel, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, rel)
			s, err := Open(ctx, path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the database is not at %s: %v", path, err)
			}
			entries, _ := os.ReadDir(root)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("stray files beside it: %v", names)
			}
			if _, err := CheckFile(ctx, path); err != nil {
				t.Fatalf("CheckFile: %v", err)
			}
			if FileIdentity(ctx, path) == "" {
				t.Fatal("FileIdentity cannot read it")
			}
			ro, err := Open(ctx, path, Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("read-only open: %v", err)
			}
			_ = ro.Close()
		})
	}
}
