#!/usr/bin/env bash
# Builds shequ and shequctl for Linux on amd64 and arm64 (信创 desks: UOS, Kylin) and wraps each
# pair as a Debian package in dist/linux/:
#   shequ_VERSION_amd64.deb, shequ_VERSION_arm64.deb
#     /opt/shequ/shequ, /opt/shequ/shequctl         the binaries
#     /usr/bin/shequ, /usr/bin/shequctl              links, so both are on the PATH
#     /usr/share/applications/shequ.desktop          menu entry 社区治理工作台, in Chinese
#     /usr/share/icons/hicolor/512x512/apps/shequ.png
# Usage: build/linux.sh [amd64] [arm64]   (both when none is named)
# Needs gcc and the GL/X11 -dev packages for amd64; for arm64 gcc-aarch64-linux-gnu and the same
# -dev packages from Debian's multiarch (dpkg --add-architecture arm64; libgl1-mesa-dev:arm64 …).
# See .ci/run for the package list. Builds with the toolchain go.mod names and -trimpath.
set -euo pipefail
cd "$(dirname "$0")/.."
. build/stamp.sh

# build/windows.sh (fyne package) puts a Windows resource object in cmd/shequ while it runs; a
# Linux link would take it in ("file format not recognized"). Never run the two at once.
if compgen -G "cmd/shequ/*.syso" >/dev/null; then
	echo "linux.sh: cmd/shequ/*.syso exists: build/windows.sh is running (or was interrupted; delete the file)" >&2
	exit 1
fi

ARCHES=("$@")
((${#ARCHES[@]})) || ARCHES=(amd64 arm64)
OUT=dist/linux
mkdir -p "$OUT"
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# The shared libraries the GUI links (GLFW's X11 backend and OpenGL), as Debian package names.
DEPENDS_LIBS="libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"

build_arch() {
	local arch=$1 cc triplet
	case $arch in
	amd64) cc=gcc triplet=x86_64-linux-gnu ;;
	arm64) cc=aarch64-linux-gnu-gcc triplet=aarch64-linux-gnu ;;
	*) echo "linux.sh: unknown architecture '$arch' (amd64 or arm64)" >&2; exit 2 ;;
	esac
	command -v "$cc" >/dev/null || { echo "linux.sh: $cc not found (see .ci/run for the packages)" >&2; exit 1; }
	[[ -e /usr/lib/$triplet/libGL.so ]] || { echo "linux.sh: /usr/lib/$triplet/libGL.so missing: apt-get install libgl1-mesa-dev:$arch (and the X11 -dev packages)" >&2; exit 1; }

	local root=$TMPD/$arch start=$SECONDS
	mkdir -p "$root/DEBIAN" "$root/opt/shequ" "$root/usr/bin" "$root/usr/share/applications" \
		"$root/usr/share/icons/hicolor/512x512/apps" "$root/usr/share/doc/shequ"
	local cross=(CGO_ENABLED=1 GOOS=linux GOARCH="$arch" CC="$cc" PKG_CONFIG_LIBDIR="/usr/lib/$triplet/pkgconfig:/usr/share/pkgconfig")
	# "release" is the tag `fyne package --release` sets (Fyne's release build mode).
	env "${cross[@]}" go build -trimpath -tags migrated_fynedo,release -ldflags "-s -w $LDFLAGS_X" \
		-o "$root/opt/shequ/shequ" ./cmd/shequ || { echo "linux.sh: go build shequ ($arch) failed" >&2; exit 1; }
	env "${cross[@]}" go build -trimpath -tags migrated_fynedo -ldflags "-s -w $LDFLAGS_X" \
		-o "$root/opt/shequ/shequctl" ./cmd/shequctl || { echo "linux.sh: go build shequctl ($arch) failed" >&2; exit 1; }
	echo "linux.sh: built $arch in $((SECONDS - start)) s"

	ln -s /opt/shequ/shequ "$root/usr/bin/shequ"
	ln -s /opt/shequ/shequctl "$root/usr/bin/shequctl"
	cp assets/icon.png "$root/usr/share/icons/hicolor/512x512/apps/shequ.png"
	cat >"$root/usr/share/applications/shequ.desktop" <<-EOF
		[Desktop Entry]
		Type=Application
		Version=1.0
		Name=$APPNAME
		Name[zh_CN]=$APPNAME
		GenericName=社区治理工作台
		Comment=区划与社区档案、社区标准化、三社互动、经费保障、部门职责、民主自治台账与报表
		Comment[zh_CN]=区划与社区档案、社区标准化、三社互动、经费保障、部门职责、民主自治台账与报表
		Exec=/opt/shequ/shequ
		Icon=shequ
		Terminal=false
		Categories=Office;
		StartupWMClass=shequ
	EOF
	cat >"$root/usr/share/doc/shequ/copyright" <<-EOF
		shequ（$APPNAME）$VERSION，提交 $COMMIT，构建于 $BUILD_DATE（$GOTOOLCHAIN）。
		数据库默认在每个用户的 ~/.config/shequ/shequ.db；卸载本软件包不会删除它。
	EOF

	# The oldest glibc the binaries accept: the highest GLIBC_x.y symbol version they use.
	local glibc
	glibc=$(objdump -T "$root/opt/shequ/shequ" "$root/opt/shequ/shequctl" 2>/dev/null |
		grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
	[[ -n $glibc ]] || { echo "linux.sh: cannot read the glibc version the $arch binaries need" >&2; exit 1; }
	cat >"$root/DEBIAN/control" <<-EOF
		Package: shequ
		Version: $VERSION
		Architecture: $arch
		Maintainer: shequ 社区治理工作台项目组 <shequ@example.invalid>
		Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
		Depends: libc6 (>= $glibc), $DEPENDS_LIBS
		Section: misc
		Priority: optional
		Homepage: https://example.invalid/shequ
		Description: 社区治理工作台 (shequ) - county community-governance workbench
		 县（市、区）民政部门用的社区治理工作台：区划与社区档案、社区标准化建设、三社互动、
		 经费保障、部门职责、民主自治台账，以及由此生成的报表。命令行工具为 shequctl。
	EOF
	local deb=$OUT/shequ_${VERSION}_$arch.deb
	rm -f "$deb"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
	echo "linux.sh: $deb (needs glibc >= $glibc), $(stat -c %s "$deb") bytes"
}

for arch in "${ARCHES[@]}"; do
	build_arch "$arch"
done
