"""DOCX renderer (python-docx). Every run carries the w:eastAsia font, or Word falls back to its own."""

from __future__ import annotations

import io
from typing import Any

from xiezhi.documents.fonts import DOCX_EAST_ASIA_FONT, DOCX_LATIN_FONT
from xiezhi.documents.model import BulletList, Document, Heading, PageBreak, Paragraph, Table

SIZES_PT = {"small": 9, "normal": 11, "large": 14}
HEADING_PT = {1: 16, 2: 13, 3: 12}


def _fonts(rpr_owner: Any) -> None:
    """Set ascii/hAnsi/eastAsia fonts on a run or style and drop theme fonts that would override them."""
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), DOCX_LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), DOCX_LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), DOCX_EAST_ASIA_FONT)


def _run(par: Any, text: str, *, size: int, bold: bool = False) -> None:
    from docx.shared import Pt

    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = par.add_run(line)
        run.font.size = Pt(size)
        run.font.bold = bold or None
        _fonts(run._r)
        if i < len(lines) - 1:
            run.add_break()


def _align(name: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[name]


def _table(d: Any, b: Table, text_width_emu: int) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    table = d.add_table(rows=1 + len(b.rows), cols=len(b.header))
    table.style = "Table Grid"
    widths = [Emu(int(text_width_emu * f)) for f in b.fractions()]
    size = SIZES_PT[b.size]
    for r, cells in enumerate([b.header, *b.rows]):
        row = table.rows[r]
        for c, value in enumerate(cells):
            cell = row.cells[c]
            cell.width = widths[c]
            par = cell.paragraphs[0]
            par.paragraph_format.space_after = Pt(0)
            _run(par, value, size=size, bold=r == 0)
    trpr = table.rows[0]._tr.get_or_add_trPr()  # repeat the header row on every page
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))


def render_docx(doc: Document) -> bytes:
    from docx import Document as DocxDocument
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    d = DocxDocument()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        style = d.styles[style_name]
        _fonts(style.element)
    d.styles["Normal"].font.size = Pt(SIZES_PT["normal"])
    section = d.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    core = d.core_properties
    core.title = doc.title
    core.author = doc.author or "xiezhi"
    core.subject = doc.subject or ""
    title = d.add_paragraph()
    title.alignment = _align("center")
    _run(title, doc.title, size=18, bold=True)
    text_width = int(section.page_width - section.left_margin - section.right_margin)
    for b in doc.blocks:
        if isinstance(b, Heading):
            par = d.add_paragraph()
            _run(par, b.text, size=HEADING_PT.get(b.level, 12), bold=True)
        elif isinstance(b, Paragraph):
            par = d.add_paragraph()
            par.alignment = _align(b.align)
            if b.indent_first_line:
                par.paragraph_format.first_line_indent = Pt(SIZES_PT[b.size] * 2)
            _run(par, b.text, size=SIZES_PT[b.size], bold=b.bold)
        elif isinstance(b, BulletList):
            for i, item in enumerate(b.items, 1):
                par = d.add_paragraph()
                par.paragraph_format.left_indent = Pt(18)
                _run(par, (f"{i}. " if b.ordered else "• ") + item, size=SIZES_PT["normal"])
        elif isinstance(b, Table):
            _table(d, b, text_width)
            d.add_paragraph()
        elif isinstance(b, PageBreak):
            d.add_page_break()
        else:
            raise TypeError(f"unknown block {type(b).__name__}")
    if doc.footer:
        fpar = section.footer.paragraphs[0]
        _run(fpar, doc.footer, size=8)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
