"""A document as data: a title and a list of blocks. Renderers turn it into HTML, DOCX or PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]
Size = Literal["small", "normal", "large"]


@dataclass
class Heading:
    text: str
    level: int = 1  # 1..3


@dataclass
class Paragraph:
    text: str  # newlines become line breaks
    align: Align = "left"
    bold: bool = False
    size: Size = "normal"
    indent_first_line: bool = False  # two-character first-line indent (Chinese letters)


@dataclass
class BulletList:
    items: list[str]
    ordered: bool = False


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths; equal when None
    size: Size = "small"

    def __post_init__(self) -> None:
        n = len(self.header)
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"table row {i} has {len(row)} cells, header has {n}")
        if self.widths is not None and len(self.widths) != n:
            raise ValueError("widths must have one entry per column")

    def fractions(self) -> list[float]:
        w = self.widths or [1.0] * len(self.header)
        total = sum(w)
        return [x / total for x in w]


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | BulletList | Table | PageBreak


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    author: str | None = None
    subject: str | None = None
    footer: str | None = None  # printed at the foot of every PDF/DOCX page and the end of HTML
    landscape: bool = False

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def plain_text(self) -> str:
        """All the words, in order (for tests and search)."""
        out = [self.title]
        for b in self.blocks:
            if isinstance(b, Heading | Paragraph):
                out.append(b.text)
            elif isinstance(b, BulletList):
                out.extend(b.items)
            elif isinstance(b, Table):
                out.append(" ".join(b.header))
                out.extend(" ".join(r) for r in b.rows)
        return "\n".join(out)
