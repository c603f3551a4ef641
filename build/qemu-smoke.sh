#!/usr/bin/env bash
# Smoke-tests the packages from build/linux.sh as the 信创 desks they are for would run them, on an
# amd64 machine, against the Debian 11 "bullseye" roots of build/sysroot.sh (glibc 2.31, what UOS
# V20 and Kylin V10 SP1+ have), never the host's glibc 2.36:
#   arm64: the package's shequctl under qemu-user, with the arm64 root as its library prefix (-L)
#   amd64: the package's shequctl started by the root's own loader (ld-2.31.so --library-path …),
#          then shequ --screenshot the same way on Xvfb with the root's Mesa (when xvfb-run is there)
# shequctl: version --json (the package's version and architecture), init, summary --json with the
# exact division counts, and a budget sheet imported to the fen. Also checks both packages'
# metadata (Depends: libc6 no newer than bullseye's, the GL/X11 libraries) and layout.
# Needs qemu-user-static (or qemu-user) and build/sysroot.sh's roots (made here when missing).
# QEMU_SMOKE_SHOT=FILE keeps the amd64 screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/stamp.sh

die() { echo "qemu-smoke: FAIL: $*" >&2; exit 1; }
QEMU=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
[[ -n $QEMU ]] || die "qemu-aarch64 not found (apt-get install qemu-user-static)"
ROOT_ARM64=$(build/sysroot.sh arm64) || die "build/sysroot.sh arm64 failed"
ROOT_AMD64=$(build/sysroot.sh amd64) || die "build/sysroot.sh amd64 failed"
[[ -e $ROOT_ARM64/lib/ld-linux-aarch64.so.1 ]] || die "$ROOT_ARM64 has no arm64 loader"
LD_AMD64=$ROOT_AMD64/lib/x86_64-linux-gnu/ld-2.31.so
[[ -x $LD_AMD64 ]] || die "$ROOT_AMD64 has no ld-2.31.so"
LIBS_AMD64=$ROOT_AMD64/lib/x86_64-linux-gnu:$ROOT_AMD64/usr/lib/x86_64-linux-gnu

TMP=$(mktemp -d /tmp/shequ-qemu-smoke.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
t0=$SECONDS

# Both packages: name, version, architecture, dependencies, layout.
for arch in amd64 arm64; do
	deb=dist/linux/shequ_${VERSION}_$arch.deb
	[[ -f $deb ]] || die "$deb missing: run build/linux.sh first"
	for f in Package:shequ "Version:$VERSION" "Architecture:$arch"; do
		[[ $(dpkg-deb -f "$deb" "${f%%:*}") == "${f#*:}" ]] || die "$deb: ${f%%:*} is '$(dpkg-deb -f "$deb" "${f%%:*}")'"
	done
	depends=$(dpkg-deb -f "$deb" Depends)
	libc=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$depends")
	[[ -n $libc && $(printf '%s\n' "$libc" 2.31 | sort -V | tail -n1) == 2.31 ]] ||
		die "$deb: Depends asks for libc6 '$libc', not one bullseye (2.31) has: $depends"
	for lib in libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1; do
		grep -qE "(^|, )$lib(,|$| )" <<<"$depends" || die "$deb: Depends lacks $lib: $depends"
	done
	list=$(dpkg-deb -c "$deb")
	for p in ./opt/shequ/shequ ./opt/shequ/shequctl ./usr/bin/shequctl ./usr/share/applications/shequ.desktop \
		./usr/share/icons/hicolor/512x512/apps/shequ.png; do
		grep -qF " $p" <<<"$list" || die "$deb lacks $p"
	done
	echo "qemu-smoke: $deb: $depends"
done

# A finance bureau's budget sheet (CSV, amounts with thousands separators and fen):
# 1,000.50 + 23,456.78 + 0.01 + 1,200,000.00 = 1,224,457.29 元 = 122,445,729 fen.
cat >"$TMP/预算.csv" <<-'EOF'
	2026年顺庆区社区经费预算
	区划代码,经费类别,金额
	511302001001,办公经费,"1,000.50"
	511302001002,办公经费,"23,456.78"
	511302001003,办公经费,0.01
	511302001004,办公经费,"1,200,000.00"
EOF

RUN=() # how a program of the package under test is started: qemu + arm64 root, or the amd64 root's loader
ARCH=""
CTL=""
ctl() {
	local rc=0
	timeout 300 "${RUN[@]}" "$CTL" "$@" </dev/null >"$TMP/out" 2>&1 || rc=$?
	echo "--- shequctl $* ($ARCH on bullseye's glibc, exit $rc)"
	cat "$TMP/out"
	return $rc
}

# round ARCH: the unpacked ARCH package's shequctl through version, init, summary, budget import.
round() {
	ARCH=$1
	CTL=$TMP/$ARCH/opt/shequ/shequctl
	local db=$TMP/data-$ARCH/shequ.db
	mkdir -p "$TMP/data-$ARCH"
	ctl version --json || die "$ARCH: version exited non-zero"
	for want in "\"version\":\"$VERSION\"" '"os":"linux"' "\"arch\":\"$ARCH\"" "\"commit\":\"$COMMIT\"" "\"go_version\":\"$GOTOOLCHAIN\""; do
		grep -qF "$want" "$TMP/out" || die "$ARCH: version --json lacks $want"
	done
	ctl --db "$db" init || die "$ARCH: init exited non-zero"
	ctl --db "$db" summary --json || die "$ARCH: summary --json exited non-zero"
	grep -qF '"divisions":{"city":1,"county":9,"township":242,"village":3004}' "$TMP/out" ||
		die "$ARCH: summary --json: the division counts are not 1/9/242/3004"
	ctl --db "$db" import budget "$TMP/预算.csv" --year 2026 --json || die "$ARCH: import budget exited non-zero"
	grep -qF '"rows":4,"total_fen":122445729' "$TMP/out" || die "$ARCH: import budget: not 4 rows totalling 122445729 fen"
	ctl --db "$db" summary --json || die "$ARCH: summary --json after the import exited non-zero"
	grep -qF '"budget":{"lines":4,"total_fen":122445729}' "$TMP/out" || die "$ARCH: summary: the budget is not 4 lines, 122445729 fen"
}

for arch in arm64 amd64; do
	dpkg-deb -x "dist/linux/shequ_${VERSION}_$arch.deb" "$TMP/$arch"
	grep -q "^Name=$APPNAME\$" "$TMP/$arch/usr/share/applications/shequ.desktop" || die "$arch .desktop has no Name=$APPNAME"
done
file -b "$TMP/arm64/opt/shequ/shequctl" | grep -q 'ARM aarch64' || die "the arm64 shequctl is not an arm64 program"

RUN=("$QEMU" -L "$ROOT_ARM64")
round arm64

# amd64: bullseye's ld.so, bullseye's libraries first; make sure none would come from the host.
RUN=("$LD_AMD64" --library-path "$LIBS_AMD64")
for bin in shequctl shequ; do
	libs=$("${RUN[@]}" --list "$TMP/amd64/opt/shequ/$bin") || die "ld-2.31.so --list $bin failed"
	host=$(grep '=>' <<<"$libs" | grep -vF "$ROOT_AMD64/" || true)
	[[ -z $host ]] || die "amd64 $bin would take libraries from the host, not bullseye: $host"
done
round amd64

# The amd64 GUI on bullseye's glibc and Mesa (llvmpipe): opens, draws, writes a picture, exits.
if command -v xvfb-run >/dev/null && command -v identify >/dev/null; then
	shot=$TMP/bullseye-home.png
	t=$SECONDS
	# Only the client gets bullseye's Mesa drivers: Xvfb (the host's) would fail to load them for its
	# own GLX and start without it ("GLX extension not found").
	LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" \
		env LIBGL_DRIVERS_PATH="$ROOT_AMD64/usr/lib/x86_64-linux-gnu/dri" "${RUN[@]}" "$TMP/amd64/opt/shequ/shequ" \
		--db "$TMP/data-amd64/shequ.db" --screenshot "$shot" </dev/null >"$TMP/gui.log" 2>&1 ||
		{ cat "$TMP/gui.log" >&2; die "amd64 shequ --screenshot on bullseye's glibc failed"; }
	colours=$(identify -format '%k' "$shot")
	((colours >= 50)) || die "amd64 shequ on bullseye: the screenshot is nearly blank ($colours colours)"
	echo "--- shequ --screenshot (amd64, bullseye ld.so + Mesa): $(identify -format '%wx%h' "$shot"), $colours colours, $((SECONDS - t)) s"
	[[ -z ${QEMU_SMOKE_SHOT:-} ]] || cp "$shot" "$QEMU_SMOKE_SHOT"
else
	echo "qemu-smoke: no xvfb-run or identify: the amd64 GUI was not started on bullseye's glibc"
fi
echo "qemu-smoke: OK ($((SECONDS - t0)) s)"
