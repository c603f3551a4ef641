#!/usr/bin/env bash
# Cross-compiles the Windows binaries from Linux into dist/windows/ and wraps them in an installer:
#   shequ.exe                     GUI subsystem, icon + version resource, via `fyne package --release`
#   shequctl.exe                  console subsystem, plain go build
#   shequ-setup-VERSION.exe       NSIS installer (build/installer.nsi) holding both
# Needs gcc-mingw-w64-x86-64 (cgo: GLFW, go-gl, sqlite) and nsis (makensis). VERSION overrides
# FyneApp.toml's Version. Builds with the toolchain go.mod names and -trimpath (build/stamp.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. build/stamp.sh

CROSS=(CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64)
command -v x86_64-w64-mingw32-gcc >/dev/null || {
	echo "windows.sh: x86_64-w64-mingw32-gcc not found; apt-get install gcc-mingw-w64-x86-64" >&2
	exit 1
}
command -v makensis >/dev/null || { echo "windows.sh: makensis not found; apt-get install nsis" >&2; exit 1; }
command -v convert >/dev/null || { echo "windows.sh: convert not found; apt-get install imagemagick" >&2; exit 1; }
# Build the fyne CLI for the host first: with the cross env set, `go tool` would build it for
# Windows (GOOS) or with the MinGW compiler (CC). -n builds it and prints its cached path.
FYNE=$(env -u GOOS -u GOARCH -u CC go tool -modfile=build/tools.mod -n fyne)

NAME=$APPNAME
OUT=dist/windows
SRC=cmd/shequ

# Everything fyne drops into the main package's folder; fyne removes most itself, but not
# when interrupted.
cleanup() {
	rm -f "$SRC/FyneApp.toml" "$SRC/Icon.png" "$SRC"/*.syso "$SRC"/*.exe "$SRC"/*.exe.manifest \
		"$SRC/FyneApp.ico" "$SRC/fyne_metadata_init.go"
}
TMPD=$(mktemp -d)
trap 'cleanup; rm -rf "$TMPD"' EXIT
cleanup
mkdir -p "$OUT"
rm -f "$OUT"/*.exe

# fyne reads FyneApp.toml from --src and resolves Icon relative to it (and then to its cwd,
# which it sets to --src), so the root-relative icon path must be re-rooted in the copy.
# fyne also bumps Build in that copy after packaging; it is thrown away.
sed -E 's#^([[:space:]]*Icon[[:space:]]*=[[:space:]]*")([^/])#\1../../\2#' FyneApp.toml >"$SRC/FyneApp.toml"

start=$SECONDS
# --release adds -trimpath and -ldflags "-s -w" (plus fyne's "release" tag); -H=windowsgui is
# always added for windows. fyne has no ldflags option: it takes -ldflags= out of GOFLAGS.
# For windows fyne builds twice (plain, then with the icon/version .syso), but only the first
# build sees the GOFLAGS ldflags, so the kept exe would lose the -X stamps. An existing
# --exe (resolved in --src) skips that first build. --app-version feeds the numeric version
# resource: x.y.z only, without v or -suffix.
: >"$SRC/shequ.exe"
# GOFLAGS entries cannot hold spaces; fyne joins every -ldflags= entry it finds there.
xflags=""
for x in $LDFLAGS_X; do xflags+=" -ldflags=$x"; done
env "${CROSS[@]}" GOFLAGS="${GOFLAGS:-}$xflags" \
	"$FYNE" package --os windows --src "$SRC" --exe shequ.exe --release \
	--tags migrated_fynedo,no_emoji --app-version "$NUMVER" || { echo "windows.sh: fyne package (shequ.exe) failed" >&2; exit 1; }
# fyne names the exe after FyneApp.toml's Name.
mv "$SRC/$NAME.exe" "$OUT/shequ.exe"

env "${CROSS[@]}" go build -trimpath -tags migrated_fynedo -ldflags "-s -w $LDFLAGS_X" \
	-o "$OUT/shequctl.exe" ./cmd/shequctl || { echo "windows.sh: go build (shequctl.exe) failed" >&2; exit 1; }
echo "windows.sh: built version $VERSION ($COMMIT, $BUILD_DATE, $GOTOOLCHAIN) in $((SECONDS - start)) s"

# Fail loudly if the GUI exe lost its subsystem or resources (e.g. a changed fyne CLI).
# (Output captured first: `objdump | grep -q` trips pipefail with SIGPIPE.)
hdr=$(x86_64-w64-mingw32-objdump -p -h "$OUT/shequ.exe")
grep -q 'Subsystem.*(Windows GUI)' <<<"$hdr" || { echo "windows.sh: shequ.exe is not a GUI exe" >&2; exit 1; }
grep -q ' \.rsrc ' <<<"$hdr" || { echo "windows.sh: shequ.exe has no .rsrc (icon/version)" >&2; exit 1; }
ls -l "$OUT"/shequ.exe "$OUT"/shequctl.exe | awk '{ printf "%-28s %6.1f MiB (%d bytes)\n", $NF, $5/1048576, $5 }'

# The installer: makensis reads the script as UTF-8 (Chinese pages and shortcut names).
SETUP=$OUT/shequ-setup-$VERSION.exe
convert assets/icon.png -define icon:auto-resize=256,48,32,16 "$TMPD/shequ.ico"
makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$VERSION" -DNUMVER="$NUMVER" -DAPPNAME="$APPNAME" \
	-DSRCDIR="$PWD/$OUT" -DICON="$TMPD/shequ.ico" -DOUTFILE="$PWD/$SETUP" build/installer.nsi ||
	{ echo "windows.sh: makensis failed" >&2; exit 1; }
ls -l "$SETUP" | awk '{ printf "%-28s %6.1f MiB (%d bytes)\n", $NF, $5/1048576, $5 }'
