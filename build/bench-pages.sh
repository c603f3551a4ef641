#!/usr/bin/env bash
# Measures the memory figure of "Lists page from the database" in BENCHMARKS.md: resident memory
# with 经费保障 open on a database of 100,000 budget lines and 200,000 audit entries, against the
# bare Fyne window (build/floor/main.go), taking turns. Usage: build/bench-pages.sh [runs] [shequ-binary...]
# Extra binaries (e.g. one built from main) are measured on a copy of the database at their own
# schema version when given as path=schema-version.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
out=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$out"

go build -tags migrated_fynedo -trimpath -ldflags "-s -w" -o "$out/shequ" ./cmd/shequ
go build -tags migrated_fynedo -trimpath -ldflags "-s -w" -o "$out/floor" build/floor/main.go
if [ ! -f "$out/big.db" ]; then
  SHEQU_BIG_DB="$out/big.db" go test -tags migrated_fynedo -run '^TestWriteBigDB$' -count=1 ./app/ >/dev/null
fi

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :98 -screen 0 1400x900x24 >/dev/null 2>&1 & xpid=$!
  trap 'kill "$xpid" 2>/dev/null || true' EXIT
  export DISPLAY=:98
  sleep 1
fi
export LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh

rss() { # command...: VmRSS and VmHWM in MB after 8 s
  "$@" >/dev/null 2>&1 & local pid=$!
  sleep 8
  awk '/VmRSS|VmHWM/ {printf "%s %.1f MB  ", $1, $2/1024}' "/proc/$pid/status"; echo
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
for i in $(seq "$runs"); do
  echo "floor: $(rss "$out/floor")"
  echo "shequ: $(rss "$out/shequ" --db "$out/big.db" --page budget)"
  for extra in "$@"; do
    echo "$extra: $(rss "${extra%%=*}" --db "$out/big-${extra##*=}.db" --page budget)"
  done
done
