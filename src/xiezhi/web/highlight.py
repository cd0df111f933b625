"""Split a text into plain and highlighted segments from finding spans (for <mark> in templates)."""

from __future__ import annotations

import itertools
from typing import Any

RANK = {"info": 0, "violation": 1, "possible_crime": 2}


def segments(text: str, findings: list[Any]) -> list[dict[str, Any]]:
    """[{text, mark: bool, severity, titles}] covering the whole text, spans clipped and merged."""
    n = len(text)
    marks: list[tuple[int, int, str, str]] = []
    for f in findings:
        span = getattr(f, "span", None) or (f.get("span") if isinstance(f, dict) else None)
        if not span:
            continue
        s, e = max(0, int(span[0])), min(n, int(span[1]))
        if e > s:
            sev = getattr(f, "severity", None) or f.get("severity", "info")
            cat = getattr(f, "category", None) or f.get("category", "")
            marks.append((s, e, sev, cat))
    if not marks:
        return [{"text": text, "mark": False}]
    cuts = sorted({0, n, *[m[0] for m in marks], *[m[1] for m in marks]})
    out: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in marks if m[0] <= a and m[1] >= b]
        piece = {"text": text[a:b], "mark": bool(covering)}
        if covering:
            piece["severity"] = max((m[2] for m in covering), key=lambda s: RANK.get(s, 0))
            piece["categories"] = sorted({m[3] for m in covering})
        if out and out[-1]["mark"] == piece["mark"] and out[-1].get("categories") == piece.get("categories"):
            out[-1]["text"] += piece["text"]
        else:
            out.append(piece)
    return out
