"""Shared document primitives: a Document of blocks, rendered to HTML, DOCX or PDF by a registry.

    from xiezhi.documents import Document, Heading, Paragraph, Table, BulletList, PageBreak, render
    doc = Document("证据清单", [Heading("一、概况"), Paragraph("……", indent_first_line=True),
                               Table(["序号", "时间"], [["1", "2026-03-14 23:10"]], widths=[1, 3])])
    pdf_bytes = render(doc, "pdf")           # "html" | "docx" | "pdf"
    render_to_file(doc, "out/list.docx")     # format from the suffix
"""

from __future__ import annotations

from xiezhi.documents.model import Block, BulletList, Document, Heading, PageBreak, Paragraph, Table
from xiezhi.documents.registry import (
    FORMATS,
    Renderer,
    get_renderer,
    register_renderer,
    render,
    render_to_file,
)

__all__ = [
    "FORMATS",
    "Block",
    "BulletList",
    "Document",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Renderer",
    "Table",
    "get_renderer",
    "register_renderer",
    "render",
    "render_to_file",
]
