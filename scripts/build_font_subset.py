"""Rebuild the bundled CJK font ``src/xiezhi/data/fonts/NotoSansSC-Subset.ttf`` (developer tool).

Source: the "Noto Sans CJK SC" face of ``NotoSansCJK-Regular.ttc`` from Debian's ``fonts-noto-cjk``
(SIL Open Font License 1.1, see ``data/fonts/OFL.txt``). Install it with
``apt-get install -y fonts-noto-cjk``, then run from the repository root::

    .venv/bin/python scripts/build_font_subset.py [--source PATH] [--output PATH]

Coverage (only code points the source face actually has; the rest are listed in the summary):

* every character that encodes in Python's ``gbk`` codec (GBK: 21,886 code points incl. ASCII);
* the CJK Unified Ideographs GB 18030 implementation level 1 adds beyond GBK: Extension A
  (U+3400-U+4DBF) and the tail of the URO block (U+9FA6-U+9FFF);
* ASCII, Latin-1, general punctuation, CJK symbols and punctuation, enclosed alphanumerics
  (①-⑳), arrows, mathematical operators, dingbats (✓) and half/full-width forms;
* every character of ``src/xiezhi/data/**/*.md|yaml|yml|j2``.

The CFF (cubic) outlines are converted to TrueType ``glyf`` (quadratic) ones with cu2qu, as for the
previous file: pypdf garbles the text it extracts from PDFs that embed a CID-keyed CFF subset.
Hinting is dropped (CFF hints do not carry over to glyf) and the ``head`` timestamps are kept
from the source, so two runs on the same source and data files give byte-identical output.

Layout: ``--layout horizontal`` (default) keeps fontTools' default OpenType features minus other
locales' forms (``locl``) and vertical writing (``vert``/``vrt2``/...). fpdf2 maps code points
through ``cmap`` only, so these alternates are never drawn; keeping them (``--layout default``)
adds ~18,400 glyphs (47,761 instead of 29,339) and takes the file from ~10 MB to ~17 MB.
``--layout all`` (every feature, as the earlier GB 2312 file was built) is larger still.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "xiezhi" / "data"
TARGET = DATA / "fonts" / "NotoSansSC-Subset.ttf"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE_NAME = "Noto Sans CJK SC"
DATA_SUFFIXES = (".md", ".yaml", ".yml", ".j2")

#: Ideograph ranges GB 18030 level 1 requires beyond GBK (Extension A and U+9FA6..U+9FFF).
GB18030_L1_EXTRA_HAN = ((0x3400, 0x4DBF), (0x9FA6, 0x9FFF))
#: Symbol and punctuation blocks our texts use (inclusive ranges).
SYMBOL_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 supplement, Latin Extended-A
    (0x2000, 0x206F),  # general punctuation (— … ‘ ’ “ ” ‰ ※)
    (0x2100, 0x214F),  # letterlike symbols (№ ℃ ™)
    (0x2150, 0x218F),  # number forms (Ⅰ-Ⅻ)
    (0x2190, 0x21FF),  # arrows (→)
    (0x2200, 0x22FF),  # mathematical operators (× is Latin-1; ≤ ≥ ≈ ∶)
    (0x2460, 0x24FF),  # enclosed alphanumerics (①-⑳, ⑴, ⒈)
    (0x2500, 0x25FF),  # box drawing, block elements, geometric shapes (■ □ ○ ●)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ☆)
    (0x2700, 0x27BF),  # dingbats (✓ ✔ ✗)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x30FB, 0x30FB),  # katakana middle dot (・), typed in transliterated foreign names
    (0x3200, 0x32FF),  # enclosed CJK letters and months (㈠ ㊣)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms (￥)
)
#: Symbols named in the requirements; the build fails if the source lacks any of them.
REQUIRED_SYMBOLS = "".join(chr(c) for c in range(0x2460, 0x2474)) + "·—…￥×÷≤≥→✓"


#: GSUB/GPOS features dropped by ``--layout horizontal``: other locales' glyph forms and vertical
#: writing. fpdf2 maps code points through cmap only (no shaping), so neither is ever used.
DROPPED_FEATURES = frozenset({"locl", "vert", "vrt2", "valt", "vhal", "vkrn", "vpal", "vchw"})


def gbk_chars() -> set[str]:
    out: set[str] = set()
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        out.add(chr(cp))
    return out


def gb18030_level1_extra_han() -> set[str]:
    return {chr(c) for lo, hi in GB18030_L1_EXTRA_HAN for c in range(lo, hi + 1)}


def symbol_chars() -> set[str]:
    return {chr(c) for lo, hi in SYMBOL_RANGES for c in range(lo, hi + 1)} | set(REQUIRED_SYMBOLS)


def data_chars(data: Path = DATA) -> set[str]:
    out: set[str] = set()
    for path in sorted(data.rglob("*")):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            out.update(path.read_text(encoding="utf-8"))
    return out


def wanted_groups(data: Path = DATA) -> dict[str, set[str]]:
    """Requested characters by group (printable ones plus the ideographic space)."""
    groups = {
        "GBK": gbk_chars(),
        "GB 18030 level-1 extra ideographs": gb18030_level1_extra_han(),
        "symbols and punctuation": symbol_chars(),
        "data files": data_chars(data),
    }
    return {k: {c for c in v if c.isprintable() or c == "\u3000"} for k, v in groups.items()}


def open_face(source: Path) -> Any:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(source))
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == FACE_NAME:
            print(f"{source}: face #{index} is {FACE_NAME!r} ({font['name'].getDebugName(5)})")
            return font
    raise SystemExit(f"{source} has no face named {FACE_NAME!r}")


def cff_to_glyf(font: Any, max_err: float = 0.5) -> None:
    """Replace CFF (cubic) outlines with TrueType glyf (quadratic) ones (cu2qu, 0.5 unit tolerance)."""
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
    font["post"].formatType = 3.0
    font["head"].glyphDataFormat = 0
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"


def package_version() -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "fonts-noto-cjk"], capture_output=True,
                             text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (dpkg-query failed)"


def build(source: Path, target: Path, layout: str = "horizontal", max_err: float = 0.5) -> dict[str, Any]:
    from fontTools import subset

    started = time.monotonic()
    font = open_face(source)
    have = set(font.getBestCmap())
    groups = wanted_groups()
    lacking = sorted(c for c in REQUIRED_SYMBOLS if ord(c) not in have)
    if lacking:
        raise SystemExit(f"source face lacks required symbols: {''.join(lacking)}")
    wanted = set().union(*groups.values())
    text = "".join(sorted(c for c in wanted if ord(c) in have))

    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    if layout == "all":  # every GSUB alternate: JP/KR/TC locl forms, vertical forms, ...
        opts.layout_features = ["*"]
    elif layout == "horizontal":  # what horizontal Simplified Chinese can use
        opts.layout_features = [f for f in opts.layout_features if f not in DROPPED_FEATURES]
    opts.notdef_outline = True
    opts.hinting = False
    subsetter = subset.Subsetter(opts)
    subsetter.populate(text=text)
    subsetter.subset(font)
    cff_to_glyf(font, max_err)
    font.recalcTimestamp = False
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))

    cmap = set(font.getBestCmap())
    summary: dict[str, Any] = {
        "source": str(source),
        "source_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "package": f"fonts-noto-cjk {package_version()}",
        "target": str(target),
        "bytes": target.stat().st_size,
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
        "code_points": len(cmap),
        "glyphs": font["maxp"].numGlyphs,
        "seconds": round(time.monotonic() - started, 1),
        "groups": {},
    }
    for name, chars in groups.items():
        missing = sorted(c for c in chars if ord(c) not in cmap)
        summary["groups"][name] = {"requested": len(chars), "covered": len(chars) - len(missing),
                                   "missing": missing}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=TARGET)
    parser.add_argument("--layout", choices=("horizontal", "default", "all"), default="horizontal")
    parser.add_argument("--max-err", type=float, default=0.5, help="cu2qu tolerance in font units (1000/em)")
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source} not found; install it with: apt-get install -y fonts-noto-cjk", file=sys.stderr)
        return 1
    summary = build(args.source, args.output, args.layout, args.max_err)
    groups = summary.pop("groups")
    for key, value in summary.items():
        print(f"{key:>14}: {value}")
    for name, g in groups.items():
        codes = [f"U+{ord(c):04X}" for c in g["missing"][:40]]
        more = f" (+{len(g['missing']) - 40} more)" if len(g["missing"]) > 40 else ""
        print(f"{name:>34}: {g['covered']}/{g['requested']} covered; not in source: {codes or 'none'}{more}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
