"""Instruments and articles of the statute corpus.

An article keeps its paragraphs (款) and items (项) as they are printed, so a citation such as
第二十五条第一款 can be checked against the text rather than trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from xiezhi.law.numerals import to_chinese

Numbering = Literal["article", "item", "whole"]

_ITEM_LINE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


@dataclass(frozen=True, slots=True)
class Instrument:
    slug: str
    title: str
    aliases: tuple[str, ...]
    issuer: str
    document_number: str
    version: str
    version_year: int
    effective: date
    effective_to: date | None
    status: str
    numbering: Numbering
    article_count: int
    common_name: str = ""
    preamble: str = ""
    source: dict[str, Any] = field(default_factory=dict)

    @property
    def short_title(self) -> str:
        return self.title.removeprefix("中华人民共和国")

    def in_force_on(self, day: date) -> bool:
        return self.effective <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True, slots=True)
class Article:
    instrument_slug: str
    instrument_title: str
    numbering: Numbering
    number: int
    suffix: int  # 0, or N for 之N
    paragraphs: tuple[str, ...]
    location: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.instrument_slug}:{self.article}"

    @property
    def article(self) -> str:
        """The article part of the id: '680', '293-1'."""
        return f"{self.number}-{self.suffix}" if self.suffix else str(self.number)

    @property
    def label(self) -> str:
        """How the article is named in Chinese: 第六百八十条, 第二百九十三条之一, 二、 (items), 全文."""
        if self.numbering == "item":
            return f"{to_chinese(self.number)}、"
        if self.numbering == "whole":
            return "全文"
        base = f"第{to_chinese(self.number)}条"
        return f"{base}之{to_chinese(self.suffix)}" if self.suffix else base

    @property
    def display(self) -> str:
        """《中华人民共和国民法典》第六百八十条 — the form shown to users."""
        if self.numbering == "item":
            return f"《{self.instrument_title}》第{to_chinese(self.number)}项（{to_chinese(self.number)}、）"
        if self.numbering == "whole":
            return f"《{self.instrument_title}》"
        return f"《{self.instrument_title}》{self.label}"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def clauses(self) -> list[tuple[str, list[str]]]:
        """Group paragraphs into 款 (a lead paragraph) each with its 项 (（一）… lines)."""
        out: list[tuple[str, list[str]]] = []
        for para in self.paragraphs:
            if _ITEM_LINE.match(para) and out:
                out[-1][1].append(para)
            else:
                out.append((para, []))
        return out
