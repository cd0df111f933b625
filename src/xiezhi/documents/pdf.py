"""PDF renderer (fpdf2) with the bundled CJK font; Chinese wraps at any character (WrapMode.CHAR)."""

from __future__ import annotations

from typing import Any

from xiezhi.documents.fonts import cjk_font_path
from xiezhi.documents.model import BulletList, Document, Heading, PageBreak, Paragraph, Table

SIZES_PT = {"small": 8.5, "normal": 11, "large": 14}
HEADING_PT = {1: 15, 2: 13, 3: 12}
FAMILY = "xiezhi-cjk"


def _pdf_class() -> type:
    from fpdf import FPDF

    class _PDF(FPDF):
        footer_text: str | None = None

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FAMILY, size=8)
            label = f"第 {self.page_no()} 页 / 共 {{nb}} 页"
            text = f"{self.footer_text}    {label}" if self.footer_text else label
            self.cell(0, 6, text, align="C")

    return _PDF


def _write(pdf: Any, text: str, size: float, *, align: str = "L", bold: bool = False, gap: float = 2.0) -> None:
    """The bundled font has one weight; bold is drawn as fill plus a thin stroke."""
    from fpdf.enums import TextMode, WrapMode, XPos, YPos

    pdf.set_font(FAMILY, size=size)
    mode = TextMode.FILL_STROKE if bold else TextMode.FILL
    with pdf.local_context(text_mode=mode, line_width=0.15 if bold else 0.2):
        pdf.multi_cell(0, size * 0.5, text, align=align, wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    pdf.ln(gap)


def _table(pdf: Any, b: Table) -> None:
    from fpdf.enums import WrapMode
    from fpdf.fonts import FontFace

    size = SIZES_PT[b.size]
    pdf.set_font(FAMILY, size=size)
    with pdf.table(col_widths=tuple(b.fractions()), text_align="LEFT", wrapmode=WrapMode.CHAR,
                   line_height=size * 0.5, headings_style=FontFace(emphasis=None, fill_color=(235, 235, 235)),
                   v_align="TOP", padding=1) as table:
        for cells in [b.header, *b.rows]:
            row = table.row()
            for value in cells:
                row.cell(value)
    pdf.ln(3)


def render_pdf(doc: Document) -> bytes:
    pdf = _pdf_class()(orientation="L" if doc.landscape else "P", unit="mm", format="A4")
    pdf.footer_text = doc.footer
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(15, 15, 15)
    pdf.add_font(FAMILY, "", str(cjk_font_path()))
    pdf.set_title(doc.title)
    pdf.set_author(doc.author or "xiezhi")
    pdf.set_subject(doc.subject or "")
    pdf.set_creator("xiezhi")
    pdf.set_lang("zh-CN")
    pdf.add_page()
    _write(pdf, doc.title, 18, align="C", bold=True, gap=4)
    align_map = {"left": "L", "center": "C", "right": "R", "justify": "J"}
    for b in doc.blocks:
        if isinstance(b, Heading):
            _write(pdf, b.text, HEADING_PT.get(b.level, 12), bold=True)
        elif isinstance(b, Paragraph):
            text = ("\u3000\u3000" + b.text) if b.indent_first_line else b.text
            _write(pdf, text, SIZES_PT[b.size], align=align_map[b.align], bold=b.bold)
        elif isinstance(b, BulletList):
            for i, item in enumerate(b.items, 1):
                _write(pdf, (f"{i}. " if b.ordered else "• ") + item, SIZES_PT["normal"], gap=0.5)
            pdf.ln(1.5)
        elif isinstance(b, Table):
            _table(pdf, b)
        elif isinstance(b, PageBreak):
            pdf.add_page()
        else:
            raise TypeError(f"unknown block {type(b).__name__}")
    return bytes(pdf.output())
