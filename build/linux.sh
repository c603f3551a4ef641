#!/usr/bin/env bash
# Builds shequ and shequctl for Linux on amd64 and arm64 (信创 desks: UOS, Kylin) and wraps each
# pair as a Debian package in dist/linux/:
#   shequ_VERSION_amd64.deb, shequ_VERSION_arm64.deb
#     /opt/shequ/shequ, /opt/shequ/shequctl         the binaries
#     /usr/bin/shequ, /usr/bin/shequctl              links, so both are on the PATH
#     /usr/share/applications/shequ.desktop          menu entry 社区治理工作台, in Chinese
#     /usr/share/icons/hicolor/512x512/apps/shequ.png
# Usage: build/linux.sh [amd64] [arm64]   (both when none is named)
# The cgo parts compile and link against a Debian 11 "bullseye" root made by build/sysroot.sh
# (glibc 2.31, cached under ~/.cache/shequ-sysroot), not against this Debian 12 host's glibc 2.36, so
# the packages run on UOS V20 and Kylin V10. The build fails if a binary asks for a newer GLIBC_
# symbol version than GLIBC_MAX; the .deb's Depends says libc6 (>= the highest one it does ask for).
# Needs gcc (amd64), gcc-aarch64-linux-gnu (arm64), pkg-config, binutils and what build/sysroot.sh
# needs (apt, debian-archive-keyring, network to deb.debian.org on its first run); no -dev packages
# on the host. See .ci/run. Builds with the toolchain go.mod names and -trimpath.
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
# The newest glibc a binary may need: bullseye's. UOS V20 (1050+) and Kylin V10 SP1+ have 2.28–2.31.
GLIBC_MAX=2.31

# glibc_needs FILE…: the highest GLIBC_x.y symbol version the files ask for (readelf reads any
# architecture, unlike the host's objdump).
glibc_needs() {
	readelf --version-info --wide "$@" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1
}

build_arch() {
	local arch=$1 cc triplet
	case $arch in
	amd64) cc=gcc triplet=x86_64-linux-gnu ;;
	arm64) cc=aarch64-linux-gnu-gcc triplet=aarch64-linux-gnu ;;
	*) echo "linux.sh: unknown architecture '$arch' (amd64 or arm64)" >&2; exit 2 ;;
	esac
	command -v "$cc" >/dev/null || { echo "linux.sh: $cc not found (see .ci/run for the packages)" >&2; exit 1; }
	local sys
	sys=$(build/sysroot.sh "$arch") || { echo "linux.sh: build/sysroot.sh $arch failed" >&2; exit 1; }
	[[ $sys != *[[:space:]]* ]] || { echo "linux.sh: the sysroot path '$sys' has a space, which CC cannot carry" >&2; exit 1; }

	local root=$TMPD/$arch start=$SECONDS
	mkdir -p "$root/DEBIAN" "$root/opt/shequ" "$root/usr/bin" "$root/usr/share/applications" \
		"$root/usr/share/icons/hicolor/512x512/apps" "$root/usr/share/doc/shequ"
	# Headers, crt*.o, libc and the GL/X11 libraries all from the bullseye root; -B finds its crt1.o.
	local cross=(CGO_ENABLED=1 GOOS=linux GOARCH="$arch"
		CC="$cc --sysroot=$sys -B$sys/usr/lib/$triplet/ -L$sys/lib/$triplet -L$sys/usr/lib/$triplet"
		PKG_CONFIG_SYSROOT_DIR="$sys" PKG_CONFIG_PATH=
		PKG_CONFIG_LIBDIR="$sys/usr/lib/$triplet/pkgconfig:$sys/usr/share/pkgconfig")
	# "release" is the tag `fyne package --release` sets (Fyne's release build mode).
	env "${cross[@]}" go build -trimpath -tags migrated_fynedo,release,no_emoji -ldflags "-s -w $LDFLAGS_X" \
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

	# The oldest glibc the binaries accept: the highest GLIBC_x.y symbol version they use. Newer than
	# GLIBC_MAX means something of the host's glibc got in, and the 信创 desks could not start it.
	local glibc bin need
	for bin in shequ shequctl; do
		need=$(glibc_needs "$root/opt/shequ/$bin")
		[[ -n $need ]] || { echo "linux.sh: cannot read the glibc version $arch $bin needs" >&2; exit 1; }
		echo "linux.sh: $arch $bin needs GLIBC_$need"
		if [[ $(printf '%s\n' "$need" "$GLIBC_MAX" | sort -V | tail -n1) != "$GLIBC_MAX" ]]; then
			echo "linux.sh: $arch $bin needs GLIBC_$need, newer than GLIBC_$GLIBC_MAX (UOS V20, Kylin V10):" >&2
			readelf --version-info --wide "$root/opt/shequ/$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tr '\n' ' ' >&2
			echo >&2
			exit 1
		fi
	done
	glibc=$(glibc_needs "$root/opt/shequ/shequ" "$root/opt/shequ/shequctl")
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
