"""Sandboxed Jinja2 rendering of a letter body, and its line markup -> xiezhi.documents blocks.

Safety: templates come only from the package data; user facts enter as context *values*. The
environment is a SandboxedEnvironment with autoescape on; `finalize` folds every line break inside a
value into a private placeholder, so a value can never begin a new markup line; the parser unescapes
each line once and restores the breaks, and the HTML renderer escapes again on output. So user text
such as ``{{ 7*7 }}`` or ``<script>`` comes out literally.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from xiezhi.documents import Block, BulletList, Heading, PageBreak, Paragraph, Table
from xiezhi.errors import DataError

BREAK = "\ue000"  # stands for a line break inside one user value


def cn_date(d: date | datetime | None) -> str:
    if d is None:
        return ""
    if isinstance(d, datetime):
        return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}"
    return f"{d.year}年{d.month}月{d.day}日"


def yuan(x: Decimal | int | None) -> str:
    if x is None:
        return ""
    return f"{Decimal(x):,.2f}元"


def finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return cn_date(value)
    if isinstance(value, str):
        return value.replace(BREAK, "").replace("\r\n", BREAK).replace("\r", BREAK).replace("\n", BREAK)
    return value


def environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(autoescape=True, finalize=finalize, trim_blocks=False, lstrip_blocks=True,
                                        undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yuan"] = yuan
    env.filters["cn_date"] = cn_date
    return env


def render_body(body: str, name: str, context: dict[str, Any]) -> str:
    from jinja2 import TemplateError

    env = environment()
    try:
        return env.from_string(body).render(**context)
    except TemplateError as exc:
        raise DataError(f"模板 {name} 渲染出错：{exc}") from exc


def _text(s: str) -> str:
    return html.unescape(s).replace(BREAK, "\n").strip()


def to_blocks(rendered: str, name: str, tables: dict[str, Table], cited: Callable[[], list[Block]],
              on_table: Callable[[str], None] | None = None) -> list[Block]:
    blocks: list[Block] = []

    def add_item(text: str, ordered: bool) -> None:
        last = blocks[-1] if blocks else None
        if isinstance(last, BulletList) and last.ordered == ordered:
            last.items.append(text)
        else:
            blocks.append(BulletList([text], ordered=ordered))

    for line in rendered.splitlines():
        s = line.strip()
        if not s:
            continue
        if s.startswith("## "):
            blocks.append(Heading(_text(s[3:]), level=2))
        elif s.startswith("# "):
            blocks.append(Heading(_text(s[2:]), level=1))
        elif s.startswith(("p: ", "pl: ", "pr: ", "pc: ", "pb: ")):
            marker, rest = s.split(": ", 1)
            text = _text(rest)
            if not text:
                continue
            if marker == "p":
                blocks.append(Paragraph(text, indent_first_line=True))
            elif marker == "pb":
                blocks.append(Paragraph(text, bold=True))
            else:
                blocks.append(Paragraph(text, align={"pl": "left", "pr": "right", "pc": "center"}[marker]))
        elif s.startswith(("- ", "+ ")):
            text = _text(s[2:])
            if text:
                add_item(text, s[0] == "+")
        elif s.startswith("table: "):
            key = s[7:].strip()
            if key not in tables:
                raise DataError(f"模板 {name} 引用了不存在的表格：{key}")
            if tables[key].rows:
                blocks.append(tables[key])
                if on_table:
                    on_table(key)
        elif s == "cited":
            blocks.extend(cited())
        elif s == "pagebreak":
            blocks.append(PageBreak())
        else:
            raise DataError(f"模板 {name} 输出了无法识别的行：{s[:40]}")
    return blocks
