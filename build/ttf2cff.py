"""Rewrites a TrueType (glyf) font as an OpenType/CFF font with the same glyphs, cmap and layout.

Why: Fyne's text stack (go-text/typesetting v0.2.1) parses every glyf outline into point arrays
when it loads a face (3.4x the file size in heap for Noto Sans SC), while a CFF face keeps its
charstrings as bytes and interprets a glyph only when it is drawn. Quadratic curves are exact
as cubics; control points are rounded to font units (error under half a unit of a 1000 em).
A .woff output is zlib-compressed per table (go-text reads WOFF too): a third smaller, but inflating
it at start cost shequ ~250 ms to the first frame, so subset-fonts.sh writes .otf.
Usage: /usr/bin/python3 build/ttf2cff.py in.ttf out.otf|out.woff   (needs fonttools)
"""
import sys

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

src, dst = sys.argv[1], sys.argv[2]
font = TTFont(src)
order = font.getGlyphOrder()
glyphs = font.getGlyphSet()
charstrings = {}
for name in order:
    pen = T2CharStringPen(width=glyphs[name].width, glyphSet=glyphs)
    glyphs[name].draw(pen)
    charstrings[name] = pen.getCharString()

names = font["name"]
ps = names.getDebugName(6) or "NotoSansSC"
info = {"FullName": names.getDebugName(4) or ps, "FamilyName": names.getDebugName(1) or ps,
        "Weight": names.getDebugName(2) or "Regular"}
fb = FontBuilder(font=font)
fb.isTTF = False
fb.font.sfntVersion = "OTTO"
for tag in ("glyf", "loca", "cvt ", "fpgm", "prep", "gasp"):
    if tag in font:
        del font[tag]
fb.setupCFF(ps, info, charstrings, {})
font["maxp"].tableVersion = 0x00005000
font["head"].indexToLocFormat = 0
if dst.endswith(".woff"):
    font.flavor = "woff"
font.save(dst)
