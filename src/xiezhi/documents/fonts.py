"""The bundled CJK font (Noto Sans CJK SC subset, SIL OFL 1.1; see data/fonts/OFL.txt).

It covers GBK, CJK Extension A and the shipped texts; built by scripts/build_font_subset.py
(see data/fonts/README.md). Characters beyond that (Extension B+, emoji) show up in missing_chars().
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

FONT_FILE = "NotoSansSC-Subset.ttf"
#: Family name Word uses for East Asian text (w:eastAsia); installed on most Chinese Windows.
DOCX_EAST_ASIA_FONT = "宋体"
DOCX_LATIN_FONT = "Times New Roman"


def cjk_font_path() -> Path:
    return Path(str(resources.files("xiezhi") / "data" / "fonts" / FONT_FILE))


@cache
def covered_chars() -> frozenset[int]:
    """Code points the bundled font has glyphs for."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(cjk_font_path()), lazy=True)
    return frozenset(font.getBestCmap())


def missing_chars(text: str) -> list[str]:
    cmap = covered_chars()
    return sorted({ch for ch in text if ord(ch) not in cmap and not ch.isspace()})
