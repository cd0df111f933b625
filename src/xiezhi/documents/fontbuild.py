"""Rebuild the bundled CJK font subset (developer tool, not used at run time).

The shipped ``data/fonts/NotoSansSC-Subset.ttf`` is Noto Sans CJK SC Regular (SIL Open Font
License 1.1, see ``data/fonts/OFL.txt``) cut down to the characters the documents need: every
GB 2312 character (6,763 hanzi plus symbols), every character of the shipped statute texts,
ASCII, Latin-1, general punctuation, CJK punctuation, enclosed numbers and full-width forms. The CFF outlines are converted to TrueType ones (cu2qu).

Run on Debian with ``fonts-noto-cjk`` installed::

    python -m xiezhi.documents.fontbuild [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DATA = Path(__file__).resolve().parent.parent / "data"
TARGET = DATA / "fonts" / "NotoSansSC-Subset.ttf"
#: Index of "Noto Sans CJK SC" inside the Debian/Google collection file.
SC_INDEX = 2


def charset() -> set[str]:
    chars: set[str] = set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([b1, b2]).decode("gb2312"))
    for path in sorted((DATA / "laws").glob("*.md")):
        chars.update(path.read_text(encoding="utf-8"))
    for lo, hi in ((0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x2100, 0x2200), (0x2460, 0x2500),
                   (0x3000, 0x3040), (0xFF00, 0xFFF0)):
        chars.update(chr(c) for c in range(lo, hi))
    return {c for c in chars if c.isprintable()} | {"\u3000"}


def cff_to_glyf(font: object, max_err: float = 0.5) -> None:
    """Turn CFF (cubic) outlines into TrueType glyf (quadratic) ones, so that PDF readers such as
    pypdf extract the text correctly from the embedded subset (they garble CID-keyed CFF)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    post = font["post"]
    post.formatType = 3.0
    font["head"].glyphDataFormat = 0
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"


def build(source: Path = DEFAULT_SOURCE, target: Path = TARGET) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(source)).fonts[SC_INDEX]
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(charset())))
    sub.subset(font)
    cff_to_glyf(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target.stat().st_size


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    print(f"{TARGET}: {build(src)} bytes")
