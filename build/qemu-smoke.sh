#!/usr/bin/env bash
# Smoke-tests the arm64 package from build/linux.sh on an amd64 machine, under qemu-user: unpacks
# dist/linux/shequ_VERSION_arm64.deb and runs its shequctl as a 信创 desk would:
#   version --json (the package's version, linux/arm64), init, summary --json with the exact
#   division counts, and a budget sheet imported to the fen.
# Also checks both packages' metadata and layout. Needs qemu-user-static (or qemu-user) and the
# arm64 C library (libc6:arm64 from multiarch, or libc6-arm64-cross).
set -euo pipefail
cd "$(dirname "$0")/.."
. build/stamp.sh

die() { echo "qemu-smoke: FAIL: $*" >&2; exit 1; }
QEMU=$(command -v qemu-aarch64-static || command -v qemu-aarch64 || true)
[[ -n $QEMU ]] || die "qemu-aarch64 not found (apt-get install qemu-user-static)"
# The arm64 dynamic loader and libc: multiarch puts them in /, the cross package in /usr/aarch64-linux-gnu.
SYSROOT=/
[[ -e /lib/ld-linux-aarch64.so.1 ]] || SYSROOT=/usr/aarch64-linux-gnu
[[ -e $SYSROOT/lib/ld-linux-aarch64.so.1 ]] || die "no arm64 C library (apt-get install libc6:arm64 or libc6-arm64-cross)"

TMP=$(mktemp -d /tmp/shequ-qemu-smoke.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
t0=$SECONDS

# Both packages: name, version, architecture, layout.
for arch in amd64 arm64; do
	deb=dist/linux/shequ_${VERSION}_$arch.deb
	[[ -f $deb ]] || die "$deb missing: run build/linux.sh first"
	for f in Package:shequ "Version:$VERSION" "Architecture:$arch"; do
		[[ $(dpkg-deb -f "$deb" "${f%%:*}") == "${f#*:}" ]] || die "$deb: ${f%%:*} is '$(dpkg-deb -f "$deb" "${f%%:*}")'"
	done
	list=$(dpkg-deb -c "$deb")
	for p in ./opt/shequ/shequ ./opt/shequ/shequctl ./usr/bin/shequctl ./usr/share/applications/shequ.desktop \
		./usr/share/icons/hicolor/512x512/apps/shequ.png; do
		grep -qF " $p" <<<"$list" || die "$deb lacks $p"
	done
	echo "qemu-smoke: $deb: $(dpkg-deb -f "$deb" Depends)"
done

deb=dist/linux/shequ_${VERSION}_arm64.deb
dpkg-deb -x "$deb" "$TMP/root"
grep -q "^Name=$APPNAME\$" "$TMP/root/usr/share/applications/shequ.desktop" || die ".desktop has no Name=$APPNAME"
CTL=$TMP/root/opt/shequ/shequctl
file -b "$CTL" | grep -q 'ARM aarch64' || die "$CTL is not an arm64 program: $(file -b "$CTL")"

ctl() {
	local rc=0
	timeout 300 "$QEMU" -L "$SYSROOT" "$CTL" "$@" </dev/null >"$TMP/out" 2>&1 || rc=$?
	echo "--- shequctl $* (arm64 under qemu, exit $rc)"
	cat "$TMP/out"
	return $rc
}
DB=$TMP/data/shequ.db
mkdir -p "$TMP/data"
ctl version --json || die "version exited non-zero"
for want in "\"version\":\"$VERSION\"" '"os":"linux"' '"arch":"arm64"' "\"commit\":\"$COMMIT\"" "\"go_version\":\"$GOTOOLCHAIN\""; do
	grep -qF "$want" "$TMP/out" || die "version --json lacks $want"
done
ctl --db "$DB" init || die "init exited non-zero"
ctl --db "$DB" summary --json || die "summary --json exited non-zero"
grep -qF '"divisions":{"city":1,"county":9,"township":242,"village":3004}' "$TMP/out" ||
	die "summary --json: the division counts are not 1/9/242/3004"

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
ctl --db "$DB" import budget "$TMP/预算.csv" --year 2026 --json || die "import budget exited non-zero"
grep -qF '"rows":4,"total_fen":122445729' "$TMP/out" || die "import budget: not 4 rows totalling 122445729 fen"
ctl --db "$DB" summary --json || die "summary --json after the import exited non-zero"
grep -qF '"budget":{"lines":4,"total_fen":122445729}' "$TMP/out" || die "summary: the budget is not 4 lines, 122445729 fen"
echo "qemu-smoke: OK ($((SECONDS - t0)) s)"
