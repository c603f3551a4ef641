#!/usr/bin/env bash
# Writes dist/SHA256SUMS over every artefact in dist/ (the Windows exes and installer from
# build/windows.sh, the .deb packages from build/linux.sh), paths relative to dist/:
#   cd dist && sha256sum -c SHA256SUMS
set -euo pipefail
cd "$(dirname "$0")/../dist"
mapfile -t files < <(find windows linux -maxdepth 1 -type f \( -name '*.exe' -o -name '*.deb' \) 2>/dev/null | LC_ALL=C sort)
((${#files[@]})) || { echo "checksums.sh: no artefacts in dist/ (run build/windows.sh and build/linux.sh)" >&2; exit 1; }
sha256sum "${files[@]}" >SHA256SUMS.part
mv SHA256SUMS.part SHA256SUMS
sha256sum -c --quiet SHA256SUMS
echo "checksums.sh: dist/SHA256SUMS lists ${#files[@]} files"
