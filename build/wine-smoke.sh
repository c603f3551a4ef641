#!/usr/bin/env bash
# Smoke-tests the dist/windows/ exes (from build/windows.sh) under Wine, headless: shequctl
# version, init into a fresh database, summary --json; then, if xvfb-run is installed,
# shequ.exe --screenshot on a virtual display. Everything lives in a temp dir.
# Needs wine (Debian: wine + wine64) and x86_64-w64-mingw32-gcc for the test-only PRNG shim.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "wine-smoke: FAIL: $*" >&2; exit 1; }
for t in wine wineboot wineserver x86_64-w64-mingw32-gcc; do
	command -v "$t" >/dev/null || die "$t not found (apt-get install wine wine64 gcc-mingw-w64-x86-64)"
done
EXE=dist/windows/shequctl.exe
SHIM=../shared/tools/wine-prng-shim
[[ -f $EXE ]] || die "$EXE missing: run build/windows.sh first"
[[ -f $SHIM/bcp.c ]] || die "$SHIM/bcp.c missing"

TMP=$(mktemp -d /tmp/shequ-wine-smoke.XXXXXX)
# No X display: Wine must not try to open windows. -all also silences Debian's wine32 hint.
# Empty mscoree/mshtml overrides stop wineboot from offering to install Mono and Gecko;
# without winemenubuilder (and with XDG_CACHE_HOME here) Wine leaves $HOME alone.
unset DISPLAY WAYLAND_DISPLAY
export WINEPREFIX=$TMP/prefix WINEARCH=win64 WINEDEBUG=-all XDG_CACHE_HOME=$TMP/cache \
	WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Stop this prefix's wineserver (it outlives wine) before deleting the prefix.
trap 'wineserver -k 2>/dev/null || true; rm -rf "$TMP"' EXIT

# Wine 8.0 lacks bcryptprimitives!ProcessPrng, which Go >= 1.22 needs at start-up; see $SHIM/README.md.
x86_64-w64-mingw32-gcc -shared -O2 -o "$TMP/bcryptprimitives.dll" "$SHIM/bcp.c" "$SHIM/bcp.def" -ladvapi32 ||
	die "could not build the PRNG shim"

t0=$SECONDS
timeout 300 wineboot -i </dev/null >"$TMP/wineboot.log" 2>&1 || { cat "$TMP/wineboot.log" >&2; die "wineboot -i failed or timed out"; }
timeout 60 wineserver -w || true # wineboot returns before the prefix is fully written
cp "$TMP/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
echo "wine-smoke: prefix ready in $((SECONDS - t0)) s ($(wine --version))"

# Runs shequctl.exe, output to $TMP/out; never waits on stdin or hangs CI.
ctl() {
	local rc=0
	timeout 120 wine "$EXE" "$@" </dev/null >"$TMP/out" 2>&1 || rc=$?
	echo "--- shequctl $* (exit $rc)"
	tr -d '\r' <"$TMP/out"
	return $rc
}

DB="Z:$(tr / '\\' <<<"$TMP/t.db")" # the Unix temp dir, as Wine's Z: drive sees it
ctl version || die "version exited non-zero"
grep -q 'shequ' "$TMP/out" || die "version output has no 'shequ'"
grep -q 'windows/amd64' "$TMP/out" || die "version output has no 'windows/amd64'"
ctl --db "$DB" init || die "init exited non-zero"
[[ -s $TMP/t.db ]] || die "init did not create $TMP/t.db"
ctl --db "$DB" summary --json || die "summary --json exited non-zero"
for want in '"village":3004' '"township":242'; do
	grep -qF "$want" "$TMP/out" || die "summary --json lacks $want"
done

# GUI: first frame + screenshot of shequ.exe on a virtual X display (Wine's OpenGL goes through
# Xvfb's GLX, Mesa llvmpipe). Needs xvfb, xauth, libgl1-mesa-dri; SMOKE_GUI=0 skips it.
if [[ ${SMOKE_GUI:-1} == 0 ]]; then
	echo "wine-smoke: GUI check skipped (SMOKE_GUI=0)"
elif ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null; then
	echo "wine-smoke: GUI check SKIPPED: xvfb-run/xauth not installed (apt-get install xvfb xauth)"
else
	GUI=dist/windows/shequ.exe
	[[ -f $GUI ]] || die "$GUI missing"
	# The running wineserver's desktop was made without a display ("Failed to create helper
	# window"): let it exit so the GUI starts a fresh one on the Xvfb display.
	timeout 60 wineserver -w || true
	rc=0
	# zh_CN: the Chinese UI, drawn with the bundled font only (a Wine prefix has no CJK fonts).
	LANG=zh_CN.UTF-8 timeout 60 xvfb-run -a -s "-screen 0 1280x800x24" wine "$GUI" --db "$DB" \
		--screenshot "Z:$(tr / '\\' <<<"$TMP/win.png")" </dev/null >"$TMP/gui.log" 2>&1 || rc=$?
	echo "--- shequ.exe --screenshot under Xvfb (exit $rc)"
	cat "$TMP/gui.log"
	((rc == 0)) || die "shequ.exe --screenshot exited $rc"
	[[ $(head -c 8 "$TMP/win.png" 2>/dev/null | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
		die "shequ.exe wrote no PNG screenshot"
	png_u32() { od -An -j"$1" -N4 --endian=big -tu4 "$TMP/win.png" | tr -d ' '; } # IHDR width/height
	echo "wine-smoke: screenshot OK: $(png_u32 16)x$(png_u32 20), $(stat -c %s "$TMP/win.png") bytes"
	# WINE_SHOT=FILE keeps the screenshot for a person to look at.
	[[ -z ${WINE_SHOT:-} ]] || cp "$TMP/win.png" "$WINE_SHOT"
fi
echo "wine-smoke: OK ($((SECONDS - t0)) s)"
