#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-{Regular,Bold}.ttf and NotoSerifSC-{Regular,Bold}.ttf from the
# upstream TrueType files.
#
# Why subset: Fyne's text stack (go-text) parses every glyph outline of a font when it loads it,
# so the full 30,898-glyph Noto Sans SC costs ~48 MB of heap per face. The regular face keeps all
# 20,976 CJK Unified Ideographs (any name a clerk types) and the symbols shequ shows; the bold face,
# used for headings, buttons and table headers, keeps the 6,763 hanzi of GB 2312 plus every
# character of shequ's own texts and seed data. A character missing from a face falls back to the
# system's CJK font in the GUI (Microsoft YaHei on Chinese Windows).
#
# The serif faces are the PDF report's fallback when Windows' own 仿宋/小标宋/楷体 are absent
# (reports/pdf/fonts.go): the regular face (仿宋) keeps every CJK Unified Ideograph, since table
# cells hold any name a clerk typed; the bold face (小标宋, 楷体) sets titles and sub-headings only,
# which are shequ's own texts and division names, so it keeps just those: fpdf parses and subsets
# every face of every report, and its cost grows with the face's glyph count.
#
# Needs: apt-get install fonttools; npm (the upstream files are the npm packages
# @expo-google-fonts/noto-sans-sc@0.4.3 and @expo-google-fonts/noto-serif-sc@0.4.3, SIL OFL 1.1).
# Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null && tar xzf ./*.tgz)
up="$work/package"
mkdir "$work/serif"
(cd "$work/serif" && npm pack --silent @expo-google-fonts/noto-serif-sc@0.4.3 >/dev/null && tar xzf ./*.tgz)
serif="$work/serif/package"

symbols="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+3300-33FF,U+FE30-FE4F,U+FF00-FFEF"

# Every character of our own texts and seed data, plus GB 2312's hanzi, for the bold face.
# The serif bold face keeps only our own texts and seed data (titles and headings are made of them).
/usr/bin/python3 - "$work/bold-chars.txt" "$work/own-chars.txt" <<'PY'
import glob, sys
own = set()
for path in glob.glob("assets/**/*.json", recursive=True) + glob.glob("assets/**/*.csv", recursive=True) + glob.glob("**/*.go", recursive=True):
    own.update(open(path, encoding="utf-8").read())
chars = set(own)
for row in range(0xB0, 0xF8):
    for col in range(0xA1, 0xFF):
        try:
            chars.add(bytes([row, col]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(c for c in chars if ord(c) > 0x7f)))
open(sys.argv[2], "w", encoding="utf-8").write("".join(sorted(c for c in own if ord(c) > 0x7f)))
PY

opts=(--layout-features='*' --name-IDs='*' --name-languages='*' --notdef-outline --no-hinting --drop-tables+=DSIG)
pyftsubset "$up/400Regular/NotoSansSC_400Regular.ttf" "${opts[@]}" \
  --unicodes="$symbols,U+4E00-9FFF" --output-file=assets/fonts/NotoSansSC-Regular.ttf
pyftsubset "$up/700Bold/NotoSansSC_700Bold.ttf" "${opts[@]}" \
  --unicodes="$symbols" --text-file="$work/bold-chars.txt" --output-file=assets/fonts/NotoSansSC-Bold.ttf
pyftsubset "$serif/400Regular/NotoSerifSC_400Regular.ttf" "${opts[@]}" \
  --unicodes="$symbols,U+4E00-9FFF" --output-file=assets/fonts/NotoSerifSC-Regular.ttf
pyftsubset "$serif/700Bold/NotoSerifSC_700Bold.ttf" "${opts[@]}" \
  --unicodes="$symbols" --text-file="$work/own-chars.txt" --output-file=assets/fonts/NotoSerifSC-Bold.ttf
# The Fyne theme reads the same two sans faces with CFF outlines (see build/ttf2cff.py): go-text
# would otherwise parse every TrueType outline into memory.
/usr/bin/python3 build/ttf2cff.py assets/fonts/NotoSansSC-Regular.ttf assets/fonts/NotoSansSC-Regular.otf
/usr/bin/python3 build/ttf2cff.py assets/fonts/NotoSansSC-Bold.ttf assets/fonts/NotoSansSC-Bold.otf
cp "$up/LICENSE_FONT" assets/fonts/OFL.txt
cp "$serif/LICENSE_FONT" assets/fonts/OFL-NotoSerifSC.txt
ls -l assets/fonts/
