package app

import (
	"runtime"

	"shequ/app/store"
)

// What a build says about itself. The shipping builds (build/windows.sh, build/linux.sh) set
// these with -ldflags "-X shequ/app.Version=… -X shequ/app.Commit=… -X shequ/app.BuildDate=…";
// Version comes from FyneApp.toml, so the exe's version resource, the installer, the .deb,
// `shequctl version` and the 关于 screen all show the same number.
var (
	Version   = "0.1.0-dev"
	Commit    = ""
	BuildDate = ""
)

// BuildInfo is what `shequctl version --json` prints.
type BuildInfo struct {
	Version       string `json:"version"`
	Commit        string `json:"commit"`
	BuildDate     string `json:"build_date"`
	GoVersion     string `json:"go_version"`
	OS            string `json:"os"`
	Arch          string `json:"arch"`
	SchemaVersion int    `json:"schema_version"`
}

// Build describes this binary; schema is the database schema version it migrates to.
func Build(schema int) BuildInfo {
	return BuildInfo{Version: Version, Commit: Commit, BuildDate: BuildDate, GoVersion: runtime.Version(),
		OS: runtime.GOOS, Arch: runtime.GOARCH, SchemaVersion: schema}
}

// SchemaVersion is the database schema version this build migrates to (关于 shows it).
func SchemaVersion() int { return store.LatestSchemaVersion() }
