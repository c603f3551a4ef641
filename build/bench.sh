#!/usr/bin/env bash
# Measures what BENCHMARKS.md reports for the desktop app: time from process start to the first
# rendered frame (under Xvfb), RSS at idle next to a bare Fyne window (build/floor), and binary
# sizes. Usage: build/bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
out=$(mktemp -d)
trap 'rm -rf "$out"; [ -n "${xpid:-}" ] && kill "$xpid" 2>/dev/null || true' EXIT

# The tags of the release builds (build/windows.sh): no_emoji leaves out Fyne's emoji font.
go build -tags migrated_fynedo,no_emoji -trimpath -ldflags "-s -w" -o "$out/shequ" ./cmd/shequ
go build -tags migrated_fynedo -trimpath -ldflags "-s -w" -o "$out/floor" build/floor/main.go
go build -tags migrated_fynedo -trimpath -ldflags "-s -w" -o "$out/shequctl" ./cmd/shequctl
"$out/shequctl" --db "$out/b.db" init >/dev/null

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 & xpid=$!
  export DISPLAY=:97
  sleep 1
fi
export LANG=zh_CN.UTF-8 LANGUAGE=zh_CN:zh

echo "== 首帧用时（进程启动到首帧，$runs 次，数据库已初始化）"
for i in $(seq "$runs"); do
  "$out/shequ" --db "$out/b.db" --screenshot "$out/s.png" 2>&1 | grep -o '[0-9]* ms'
done | sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms\n", a[1], a[int((NR+1)/2)], a[NR]}'

# Idle: 8 s after start. The binary's page cache is dropped first (dd iflag=nocache): a binary
# just written is all in the page cache and the kernel then maps more of it than is read (the
# report faces' bytes, say), which is not what a clerk's start looks like. Runs take turns.
idle() { # name, then the command
  local name=$1; shift
  sync "$1" && dd if="$1" iflag=nocache count=0 status=none
  "$@" >/dev/null 2>&1 & local pid=$!
  sleep 8
  awk -v n="$name" '/VmRSS|RssAnon|RssFile|VmHWM/{printf "%s %s ", $1, $2} END{print "<- " n}' "/proc/$pid/status"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
echo "== 空闲内存（启动后静置 8 秒，kB；floor = build/floor 的空白 Fyne 窗口）"
for i in $(seq 4); do
  idle floor "$out/floor"
  idle home "$out/shequ" --db "$out/b.db" --page home
  idle divisions "$out/shequ" --db "$out/b.db" --page divisions --select 511302001001
done

echo "== 程序大小（Linux，-s -w）"
ls -l "$out/shequ" "$out/shequctl" | awk '{printf "%s %.1f MB\n", $NF, $5/1048576}' | sed "s|$out/||"
if [ -d dist/windows ]; then
  echo "== 程序大小（Windows，build/windows.sh 的产物）"
  ls -l dist/windows/*.exe | awk '{printf "%s %.1f MB\n", $NF, $5/1048576}'
fi
