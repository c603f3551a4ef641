#!/usr/bin/env bash
# Makes the old-glibc root filesystems build/linux.sh compiles cgo against, so the .deb packages run on
# 信创 desks whose glibc is older than this Debian 12 host's (UOS V20, Kylin V10: glibc 2.28–2.31).
# Each root is Debian 11 "bullseye" (glibc 2.31) for one architecture, holding libc6-dev and the
# GL/X11 -dev packages Fyne needs, with everything they depend on:
#   ~/.cache/shequ-sysroot/bullseye-amd64/   ~/.cache/shequ-sysroot/bullseye-arm64/
# How: the host's apt, with its own state, cache and sources.list (deb.debian.org bullseye, the
# latest point release, checked with debian-archive-keyring's keys), downloads the closure of those
# packages into an empty package database; dpkg-deb -x unpacks each into the root. No chroot, no
# maintainer scripts, no root privileges needed. A root is made once and reused: the file
# .shequ-sysroot-done in it records the package list it was made from; delete the folder to remake it.
# Usage: build/sysroot.sh [amd64] [arm64]   (both when none is named); prints each root's path.
# Env:   SHEQU_SYSROOT_CACHE (default ~/.cache/shequ-sysroot), SHEQU_SYSROOT_MIRROR
#        (default http://deb.debian.org/debian).
# Debian 10 "buster" (glibc 2.28) would reach Kylin V10's first release too, but buster is only on
# archive.debian.org, which this machine cannot resolve (checked 2026-12-06). bullseye-security is
# left out: only point releases matter for the symbols we link against, and this machine's mirror
# serves bullseye-security for amd64 but not arm64 (404, 2026-12-06).
set -euo pipefail

RELEASE=bullseye
MIRROR=${SHEQU_SYSROOT_MIRROR:-http://deb.debian.org/debian}
CACHE=${SHEQU_SYSROOT_CACHE:-$HOME/.cache/shequ-sysroot}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# What Fyne's cgo parts (GLFW's X11 backend, go-gl, sqlite) compile and link against.
PACKAGES=(libc6-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)

die() { echo "sysroot.sh: $*" >&2; exit 1; }
[[ -r $KEYRING ]] || die "$KEYRING missing (apt-get install debian-archive-keyring)"
for c in apt-get dpkg-deb; do command -v $c >/dev/null || die "$c not found"; done

# sysroot_path ARCH: where the root for ARCH lives (also used by build/linux.sh and build/qemu-smoke.sh).
sysroot_path() { echo "$CACHE/$RELEASE-$1"; }

make_root() {
	local arch=$1 root stamp want
	root=$(sysroot_path "$arch")
	stamp=$root/.shequ-sysroot-done
	want="$RELEASE $arch ${PACKAGES[*]}"
	if [[ -f $stamp && $(head -n1 "$stamp") == "$want" ]]; then
		echo "sysroot.sh: $arch: cached, $root" >&2
		echo "$root"
		return
	fi
	local start=$SECONDS work
	mkdir -p "$CACHE"
	work=$(mktemp -d "$CACHE/.work-$arch.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	# A fresh apt world in $work: empty dpkg status, its own lists and archive cache, only bullseye.
	mkdir -p "$work"/{etc/apt/apt.conf.d,etc/apt/preferences.d,etc/apt/trusted.gpg.d,var/lib/dpkg,var/lib/apt/lists/partial,var/cache/apt/archives/partial,log,root}
	touch "$work/var/lib/dpkg/status"
	cat >"$work/etc/apt/sources.list" <<-EOF
		deb [arch=$arch signed-by=$KEYRING] $MIRROR $RELEASE main
	EOF
	local apt=(apt-get -q -o "Dir=$work" -o "Dir::Etc=$work/etc/apt" -o "Dir::Etc::SourceList=$work/etc/apt/sources.list"
		-o "Dir::Etc::SourceParts=$work/etc/apt/sources.list.d" -o "Dir::Etc::Parts=$work/etc/apt/apt.conf.d"
		-o "Dir::Etc::PreferencesParts=$work/etc/apt/preferences.d" -o "Dir::Etc::TrustedParts=$work/etc/apt/trusted.gpg.d"
		-o "Dir::State=$work/var/lib/apt" -o "Dir::State::status=$work/var/lib/dpkg/status"
		-o "Dir::Cache=$work/var/cache/apt" -o "Dir::Log=$work/log"
		-o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
		-o "APT::Install-Recommends=false" -o "APT::Install-Suggests=false"
		-o "Acquire::Languages=none" -o "Debug::NoLocking=true")
	# As root, apt drops to the _apt user to download, which cannot write into root's ~/.cache.
	[[ $(id -u) != 0 ]] || apt+=(-o "APT::Sandbox::User=root")
	"${apt[@]}" update >"$work/log/update" 2>&1 || { cat "$work/log/update" >&2; die "$arch: apt-get update against $MIRROR failed"; }
	# --download-only into an empty package database: apt resolves and fetches the whole closure.
	"${apt[@]}" install --download-only -y "${PACKAGES[@]}" >"$work/log/install" 2>&1 ||
		{ cat "$work/log/install" >&2; die "$arch: downloading ${PACKAGES[*]} failed"; }
	local debs=("$work"/var/cache/apt/archives/*.deb)
	[[ -e ${debs[0]} ]] || die "$arch: apt downloaded nothing"
	local new=$work/root
	for deb in "${debs[@]}"; do
		dpkg-deb -x "$deb" "$new"
	done
	fix_links "$new"
	[[ -e $new/usr/include/stdio.h && -n $(compgen -G "$new/usr/lib/*-linux-gnu/libGL.so") ]] ||
		die "$arch: the root lacks stdio.h or libGL.so"
	{
		echo "$want"
		for deb in "${debs[@]}"; do basename "$deb"; done
	} >"$new/.shequ-sysroot-done"
	rm -rf "$root"
	mv "$new" "$root"
	rm -rf "$work"
	trap - EXIT
	echo "sysroot.sh: $arch: ${#debs[@]} packages, $(du -sh "$root" | cut -f1), made in $((SECONDS - start)) s: $root" >&2
	echo "$root"
}

# fix_links ROOT: symbolic links with absolute targets (libm.so -> /lib/x86_64-linux-gnu/libm.so.6)
# would point into the host; make them relative so they resolve inside ROOT. bullseye keeps /lib and
# /usr/lib apart (no merged /usr), which the loader and the -L paths in build/linux.sh rely on.
fix_links() {
	local r=$1 l t rel
	while IFS= read -r -d '' l; do
		t=$(readlink "$l")
		[[ $t == /* ]] || continue
		rel=$(realpath -m --relative-to="$(dirname "$l")" "$r$t")
		ln -sfn "$rel" "$l"
	done < <(find "$r" -type l -print0)
}

ARCHES=("$@")
((${#ARCHES[@]})) || ARCHES=(amd64 arm64)
for arch in "${ARCHES[@]}"; do
	case $arch in
	amd64 | arm64) make_root "$arch" ;;
	*) die "unknown architecture '$arch' (amd64 or arm64)" ;;
	esac
done
