"""Readable Chinese text for an Answer (the CLI's human output; the web page has its own template)."""

from __future__ import annotations

import unicodedata

from xiezhi.ask.engine import DECLINE_NOTICE, DISCLAIMER
from xiezhi.ask.models import Answer

_COLUMNS = 76  # terminal columns; CJK characters take two


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wrap_line(line: str, columns: int) -> list[str]:
    """Break a line of mixed Chinese/Latin text at a column limit, keeping Latin words and numbers whole."""
    tokens: list[str] = []
    for ch in line:
        if tokens and ch.isascii() and not ch.isspace() and tokens[-1][-1:].isascii() and not tokens[-1][-1:].isspace():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    rows, row, used = [], "", 0
    for tok in tokens:
        w = sum(_width(c) for c in tok)
        if used + w > columns and row:
            rows.append(row.rstrip())
            row, used = "", 0
            if tok.isspace():
                continue
        row += tok
        used += w
    if row.strip():
        rows.append(row.rstrip())
    return rows


def _wrap(text: str, indent: str = "  ") -> str:
    out = []
    for para in text.strip().splitlines():
        para = para.strip()
        if not para:
            out.append("")
            continue
        out.extend(indent + row for row in _wrap_line(para, _COLUMNS - len(indent)))
    return "\n".join(out)


def render_answer(a: Answer) -> str:
    lines: list[str] = [f"问题：{a.question}", ""]
    if not a.answered or a.card is None:
        lines += ["未能可靠回答", _wrap(DECLINE_NOTICE), ""]
        if a.statutes:
            lines.append("可能相关的法条（按相关程度排序，仅供参考）")
            for s in a.statutes:
                lines.append(f"  · {s.display}")
                lines.append(_wrap(s.text, "    "))
            lines.append("")
        lines.append(DISCLAIMER)
        return "\n".join(lines)
    c = a.card
    lines += [f"【{c.title}】（匹配度 {a.confidence:.2f}）", "", "结论", _wrap(c.conclusion), "",
              "分析", _wrap(c.analysis), "", "建议步骤"]
    for i, step in enumerate(c.steps, 1):
        lines.append(_wrap(f"{i}. {step}"))
    if c.see_lawyer_when:
        lines += ["", "何时应找律师"]
        lines += [_wrap(s) for s in c.see_lawyer_when]
    if a.citations:
        lines += ["", "依据（法条原文）"]
        for art in a.citations:
            lines.append(f"  · {art.display}")
            lines.append(_wrap(art.text, "    "))
    if a.related:
        lines += ["", "相关问题"]
        lines += [f"  · {r.title}" for r in a.related]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
