package app

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestWriteScreensDB writes a database for looking at every screen: 顺庆区 with a generated year
// in every module. It runs only with SHEQU_SCREENS_DB=path (the file must not exist yet):
//
//	SHEQU_SCREENS_DB=/tmp/s.db go test -tags migrated_fynedo ./app -run TestWriteScreensDB
func TestWriteScreensDB(t *testing.T) {
	path := os.Getenv("SHEQU_SCREENS_DB")
	if path == "" {
		t.Skip("SHEQU_SCREENS_DB not set")
	}
	ctx := context.Background()
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	today := time.Now()
	genReportData(t, a, shunqing[:6], today.Year(), today)
	genSectionData(t, a, shunqing, today.Year(), 0)
}
