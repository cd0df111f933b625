"""Line breaking for the PDF letter: keep numbers and Latin words whole, keep closing punctuation off
the start of a line and opening punctuation off its end (避头尾), and never split "——" or "……".

xiezhi.documents renders PDF with fpdf2's character wrap, which may split "9,100.00" across lines.
`prewrap` measures with the same font and sizes and inserts explicit line breaks that fpdf2 then
keeps; HTML and DOCX are not touched (their viewers break lines themselves).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from xiezhi.documents import BulletList, Document, Paragraph, Table

PAGE_WIDTH_MM = {False: 210.0, True: 297.0}
MARGIN_MM = 15.0  # xiezhi.documents.pdf: set_margins(15, 15, 15)
CELL_PADDING_MM = 1.0  # xiezhi.documents.pdf: table padding=1
C_MARGIN_MM = 1.0  # fpdf2 default cell margin (1 cm / 10) on each side of multi_cell
SAFETY_MM = 2 * C_MARGIN_MM + 0.6
NO_START = set("，。、；：？！）》」』】〕”’…—·%,.;:!?)]}")
NO_END = set("（《「『【〔“‘([{")
_ATOM = re.compile(r"——|……|[A-Za-z0-9¥$€@#&_+\-./,:%'’]+|\s|.", re.S)


@cache
def _measurer() -> Any:
    from fpdf import FPDF

    from xiezhi.documents.fonts import cjk_font_path
    from xiezhi.documents.pdf import FAMILY

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(cjk_font_path()))
    pdf.set_font(FAMILY, size=11)
    return pdf


def _width(text: str, size: float) -> float:
    pdf = _measurer()
    pdf.set_font_size(size)
    return pdf.get_string_width(text)


def _atoms(text: str) -> list[str]:
    """Unbreakable pieces: Latin/number runs, '——', '……', and single characters, with 避头尾 glue."""
    raw = _ATOM.findall(text)
    out: list[str] = []
    for a in raw:
        if out and (a[0] in NO_START or out[-1][-1] in NO_END) and not out[-1].isspace() and not a.isspace():
            out[-1] += a
        else:
            out.append(a)
    return out


def wrap_line(text: str, size: float, width: float, first_prefix: str = "") -> str:
    """Break one paragraph (no newlines) into lines no wider than `width` mm."""
    lines: list[str] = []
    cur, cur_w = "", _width(first_prefix, size) if first_prefix else 0.0
    for atom in _atoms(text):
        w = _width(atom, size)
        if cur_w + w <= width or not cur:
            if w > width and not cur:  # one atom wider than the line: split it by character
                for ch in atom:
                    cw = _width(ch, size)
                    if cur_w + cw > width and cur:
                        lines.append(cur)
                        cur, cur_w = "", 0.0
                    cur += ch
                    cur_w += cw
                continue
            cur += atom
            cur_w += w
        else:
            lines.append(cur.rstrip())
            cur, cur_w = ("", 0.0) if atom.isspace() else (atom, w)
    lines.append(cur.rstrip())
    return "\n".join(lines)


def wrap_text(text: str, size: float, width: float, first_prefix: str = "") -> str:
    parts = text.split("\n")
    return "\n".join(wrap_line(p, size, width, first_prefix if i == 0 else "") for i, p in enumerate(parts))


def prewrap(doc: Document) -> Document:
    """A copy of `doc` whose paragraphs, list items and table cells carry explicit PDF line breaks."""
    from xiezhi.documents.pdf import SIZES_PT

    full = PAGE_WIDTH_MM[doc.landscape] - 2 * MARGIN_MM - SAFETY_MM
    blocks = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            prefix = "\u3000\u3000" if b.indent_first_line else ""
            blocks.append(replace(b, text=wrap_text(b.text, SIZES_PT[b.size], full, prefix)))
        elif isinstance(b, BulletList):
            items = [wrap_text(item, SIZES_PT["normal"], full, f"{i}. " if b.ordered else "• ")
                     for i, item in enumerate(b.items, 1)]
            blocks.append(replace(b, items=items))
        elif isinstance(b, Table):
            size = SIZES_PT[b.size]
            widths = [(PAGE_WIDTH_MM[doc.landscape] - 2 * MARGIN_MM) * f - 2 * CELL_PADDING_MM - SAFETY_MM
                      for f in b.fractions()]
            rows = [[wrap_text(c, size, w) for c, w in zip(row, widths, strict=True)] for row in b.rows]
            header = [wrap_text(c, size, w) for c, w in zip(b.header, widths, strict=True)]
            blocks.append(replace(b, header=header, rows=rows))
        else:
            blocks.append(b)
    return replace(doc, blocks=blocks)
