"""Parse one shipped statute file (Markdown with YAML front matter) into an instrument and articles.

The shipped files follow one convention (see data/laws/README.md): headings for 编/章/节 and every
article as a paragraph starting with 第X条 followed by a space. Instruments without 第X条 are either
numbered by items (一、二、) or are a single paragraph; the parser tells them apart by their text so
that adding an instrument needs no code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from xiezhi.errors import DataError
from xiezhi.law.models import Article, Numbering
from xiezhi.law.numerals import parse_number

_ARTICLE = re.compile(r"^第([零一二三四五六七八九十百千〇两]+)条(?:之([一二三四五六七八九十]+))?(?:[ \u3000]+(.*))?$")
_ITEM = re.compile(r"^([一二三四五六七八九十]+)、(.*)$")
_HEADING = re.compile(r"^(#+)\s*(.*?)\s*$")
_ORDINAL = re.compile(r"^(第[零一二三四五六七八九十百千]+(?:分编|编|章|节)|附\s*则)\s*(.*)$")
_INVISIBLE = "\u200b\ufeff\u200c\u200d"


@dataclass
class ParsedFile:
    meta: dict[str, Any]
    numbering: Numbering
    preamble: str
    articles: list[Article]


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        raise DataError(f"{path}: 缺少 YAML 头信息（front matter）")
    end = text.find("\n---", 3)
    if end < 0:
        raise DataError(f"{path}: YAML 头信息没有结束标记 ---")
    import yaml

    meta = yaml.safe_load(text[3:end]) or {}
    if not isinstance(meta, dict):
        raise DataError(f"{path}: YAML 头信息必须是映射")
    body = text[end + 4 :].split("\n", 1)[1] if "\n" in text[end + 4 :] else ""
    return meta, body


def _clean_heading(raw: str) -> str:
    raw = re.sub(r"[\s\u3000]+", " ", raw).strip()
    m = _ORDINAL.match(raw)
    if not m:
        return raw.replace(" ", "") if re.fullmatch(r"[\u4e00-\u9fff ]+", raw) else raw
    ordinal = m.group(1).replace(" ", "")
    rest = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", m.group(2))
    return f"{ordinal} {rest}".strip()


def _lines(body: str) -> list[str]:
    out = []
    for line in body.splitlines():
        s = line.strip().strip(_INVISIBLE).strip()
        if s:
            out.append(s)
    return out


def detect_numbering(lines: list[str]) -> Numbering:
    if any(_ARTICLE.match(s) for s in lines if not s.startswith("#")):
        return "article"
    if any(_ITEM.match(s) for s in lines if not s.startswith("#")):
        return "item"
    return "whole"


def parse_body(slug: str, title: str, body: str, path: str) -> tuple[Numbering, str, list[Article]]:
    lines = _lines(body)
    numbering = detect_numbering(lines)
    location: list[str] = []
    preamble: list[str] = []
    articles: list[Article] = []
    current: tuple[int, int] | None = None
    paras: list[str] = []
    loc_of_current: tuple[str, ...] = ()

    def flush() -> None:
        if current is not None:
            articles.append(
                Article(slug, title, numbering, current[0], current[1], tuple(p for p in paras if p), loc_of_current)
            )

    for s in lines:
        h = _HEADING.match(s)
        if h:
            level = len(h.group(1))
            if level == 1:
                continue
            del location[level - 2 :]
            location.append(_clean_heading(h.group(2)))
            continue
        key: tuple[int, int] | None = None
        rest = ""
        if numbering == "article":
            m = _ARTICLE.match(s)
            if m:
                key = (parse_number(m.group(1)), parse_number(m.group(2)) if m.group(2) else 0)
                rest = (m.group(3) or "").strip()
        elif numbering == "item":
            m = _ITEM.match(s)
            if m:
                n = parse_number(m.group(1))
                if n == (current[0] + 1 if current else 1):
                    key, rest = (n, 0), m.group(2).strip()
        if key is not None:
            expected_next = (current[0] + 1, 0) if current else (1, 0)
            expected_sub = (current[0], current[1] + 1) if current else None
            if key != expected_next and key != expected_sub:
                raise DataError(f"{path}: 条号不连续：在 {current} 之后出现 {key}")
            flush()
            current, paras, loc_of_current = key, [rest], tuple(location)
        elif current is None:
            if numbering == "whole":
                current, paras, loc_of_current = (1, 0), [s], tuple(location)
            else:
                preamble.append(s)
        else:
            paras.append(s)
    flush()
    return numbering, "\n".join(preamble), articles


def as_date(value: Any, path: str, key: str) -> date:
    if isinstance(value, date):
        return value
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        raise DataError(f"{path}: 字段 {key} 不是 YYYY-MM-DD 日期：{value!r}")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_file(text: str, path: str) -> ParsedFile:
    meta, body = split_front_matter(text, path)
    for key in ("title", "slug", "effective", "version", "status"):
        if key not in meta:
            raise DataError(f"{path}: 头信息缺少字段 {key}")
    numbering, preamble, articles = parse_body(str(meta["slug"]), str(meta["title"]), body, path)
    if not articles:
        raise DataError(f"{path}: 没有解析出任何条文")
    for a in articles:
        if not a.text.strip():
            raise DataError(f"{path}: {a.label} 没有正文")
    return ParsedFile(meta, numbering, preamble, articles)
