"""Rebuild the bundled CJK font subset (developer tool, not used at run time).

The shipped ``data/fonts/NotoSansSC-Subset.otf`` is Noto Sans CJK SC Regular (SIL Open Font
License 1.1, see ``data/fonts/OFL.txt``) cut down to the characters the documents need: every
GB 2312 character (6,763 hanzi plus symbols), every character of the shipped statute texts,
ASCII, Latin-1, general punctuation, CJK punctuation, enclosed numbers and full-width forms.

Run on Debian with ``fonts-noto-cjk`` installed::

    python -m xiezhi.documents.fontbuild [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DATA = Path(__file__).resolve().parent.parent / "data"
TARGET = DATA / "fonts" / "NotoSansSC-Subset.otf"
#: Index of "Noto Sans CJK SC" inside the Debian/Google collection file.
SC_INDEX = 2


def charset() -> set[str]:
    chars: set[str] = set()
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for path in sorted((DATA / "laws").glob("*.md")):
        chars.update(path.read_text(encoding="utf-8"))
    for lo, hi in ((0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x2100, 0x2200), (0x2460, 0x2500),
                   (0x3000, 0x3040), (0xFF00, 0xFFF0)):
        chars.update(chr(c) for c in range(lo, hi))
    return {c for c in chars if c.isprintable()}


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
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target.stat().st_size


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    print(f"{TARGET}: {build(src)} bytes")
