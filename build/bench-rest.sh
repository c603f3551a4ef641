#!/usr/bin/env bash
# Measures issue 19's memory at rest (BENCHMARKS.md, "Handing memory back at rest"): resident memory
# of the release build against the bare Fyne window (build/floor/main.go) built with Fyne's default
# tags and with no_emoji, in three cases:
#   home   首页 at rest, VmRSS 20 s after start
#   tour   after SHEQU_VISIT_ALL=1 showed every screen, VmRSS 150 s after start
#   budget 经费保障 open on a database of 100,000 budget lines and 200,000 audit entries, 20 s
# Usage: build/bench-rest.sh [runs] [case...] (default: 3 runs of all three cases). Extra binaries to
# compare (e.g. one built from main) go in BENCH_EXTRA="name=path …". MB = 1,000 kB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(home tour budget)
out=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$out"

flags=(-trimpath -ldflags "-s -w")
go build -tags migrated_fynedo,no_emoji "${flags[@]}" -o "$out/shequ" ./cmd/shequ
go build -tags migrated_fynedo "${flags[@]}" -o "$out/floor" build/floor/main.go
go build -tags migrated_fynedo,no_emoji "${flags[@]}" -o "$out/floor-noemoji" build/floor/main.go
go build -tags migrated_fynedo -o "$out/shequctl" ./cmd/shequctl
[ -f "$out/seeded.db" ] || "$out/shequctl" --db "$out/seeded.db" init >/dev/null
if [[ " ${cases[*]} " == *" budget "* && ! -f "$out/big.db" ]]; then
  SHEQU_BIG_DB="$out/big.db" go test -tags migrated_fynedo -run '^TestWriteBigDB$' -count=1 ./app/ >/dev/null
fi

bins=(floor=$out/floor floor-noemoji=$out/floor-noemoji shequ=$out/shequ)
for extra in ${BENCH_EXTRA:-}; do bins+=("$extra"); done

# one CASE ROUND: every binary started 0.3 s apart on its own Xvfb, VmRSS read together.
one() {
  local kase=$1 round=$2 wait=20 db=seeded.db page=home env=() pids=() names=()
  case $kase in
    tour) wait=150 env=(SHEQU_VISIT_ALL=1) ;;
    budget) db=big.db page=budget ;;
  esac
  local display=:$((90 + round % 9))
  Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
  local xpid=$!
  sleep 1
  for b in "${bins[@]}"; do
    local name=${b%%=*} bin=${b#*=}
    sync "$bin"
    dd if="$bin" iflag=nocache count=0 2>/dev/null # the page cache a fresh build leaves inflates RssFile
    if [[ $name == floor* ]]; then
      DISPLAY=$display LANG=zh_CN.UTF-8 "$bin" >/dev/null 2>&1 &
    else
      cp "$out/$db" "$out/run-$name.db"
      DISPLAY=$display LANG=zh_CN.UTF-8 env "${env[@]}" "$bin" --db "$out/run-$name.db" --page "$page" >/dev/null 2>&1 &
    fi
    pids+=($!)
    names+=("$name")
    sleep 0.3
  done
  sleep "$wait"
  for i in "${!pids[@]}"; do
    awk -v k="$kase" -v r="$round" -v n="${names[$i]}" '/VmRSS/ {printf "%s\t%s\t%s\t%.1f MB\n", k, r, n, $2/1000}' "/proc/${pids[$i]}/status"
    kill "${pids[$i]}"
  done
  kill "$xpid"
  wait 2>/dev/null || true
}

for kase in "${cases[@]}"; do
  for r in $(seq "$runs"); do
    one "$kase" "$r"
  done
done
