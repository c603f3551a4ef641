#!/usr/bin/env bash
# Runs govulncheck over shequ with the Go vulnerability database built from the
# golang.org/x/vulndb module, because vuln.go.dev is out of reach here and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
# The stdlib checked is that of the toolchain go.mod names (patched releases) — the one the
# shipping builds use — not whatever Go happens to be installed: this machine pins
# GOTOOLCHAIN=local. build/stamp.sh sets GOTOOLCHAIN from go.mod's toolchain line.
. build/stamp.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GOBIN="$tmp/bin" go install golang.org/x/vuln/cmd/govulncheck@v1.9.0
src=$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json golang.org/x/vulndb@latest | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src/data/osv" ] || { echo "govulncheck.sh: golang.org/x/vulndb has no data/osv" >&2; exit 1; }
go run ./build/vulndb -src "$src/data/osv" -out "$tmp/db"
"$tmp/bin/govulncheck" -db "file://$tmp/db" -tags migrated_fynedo ./...
