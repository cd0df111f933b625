"""Readable Chinese text for an Answer (the CLI's human output; the web page has its own template)."""

from __future__ import annotations

import textwrap

from xiezhi.ask.engine import DECLINE_NOTICE, DISCLAIMER
from xiezhi.ask.models import Answer

_WIDTH = 38  # characters; CJK characters are two columns wide


def _wrap(text: str, indent: str = "  ") -> str:
    out = []
    for para in text.strip().splitlines():
        para = para.strip()
        if not para:
            out.append("")
            continue
        out.extend(textwrap.wrap(para, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)
                   or [indent])
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
        lines += [f"  · {r.title}（xiezhi ask \"{r.title}\"）" for r in a.related]
    lines += ["", DISCLAIMER]
    return "\n".join(lines)
