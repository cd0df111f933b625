"""A schedule chart as inline SVG (no JavaScript, presentation attributes only, so the CSP holds)."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any

W, H = 400, 210  # about the width of a phone screen, so the labels stay readable there
LEFT, RIGHT, TOP, BOTTOM = 52, 10, 18, 40
PRINCIPAL, INTEREST, TOTAL = "#2f6db5", "#e08a1e", "#6b7280"


def _num(x: Any) -> float:
    return float(Decimal(str(x))) if x is not None else 0.0


class _Row:
    """A schedule row as attributes, whether the core gives a model or a dict."""

    def __init__(self, row: Any) -> None:
        get = row.get if isinstance(row, dict) else (lambda k, d=None: getattr(row, k, d))
        self.kind = get("kind", "payment") or "payment"
        self.n, self.amount = get("n"), get("amount")
        self.principal, self.interest = get("principal"), get("interest")


def schedule_svg(rows: list[Any], title: str = "每期还款") -> str:
    """Bars per instalment (principal and interest stacked when known)."""
    pays = [r for r in map(_Row, rows) if r.kind == "payment"]
    if not pays:
        return ""
    top = max(_num(r.amount) for r in pays) or 1.0
    scale = 10 ** max(0, len(str(int(top))) - 1)
    top = (int(top / scale) + 1) * scale
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    step = plot_w / len(pays)
    bar = max(1.0, min(36.0, step * 0.7))
    parts = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-t chart-d" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="chart-t">{escape(title)}</title>'
             f'<desc id="chart-d">共 {len(pays)} 期，每期还款金额的柱状图'
             f'{"，蓝色为本金、橙色为利息" if pays[0].principal is not None else ""}。</desc>']
    parts.append(f'<text x="4" y="{TOP + 4}" font-size="12" fill="#4b5563">元</text>')
    for i in range(5):
        v = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{W - RIGHT}" y2="{y:.1f}" stroke="#e5e7eb" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="#4b5563">{v:,.0f}</text>')
    label_every = -(-len(pays) // 10)  # at most ten period labels
    for i, r in enumerate(pays):
        x = LEFT + step * i + (step - bar) / 2
        amount = _num(r.amount)
        if r.principal is not None and r.interest is not None:
            hp = plot_h * _num(r.principal) / top
            hi = plot_h * _num(r.interest) / top
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - hp:.1f}" width="{bar:.1f}" height="{hp:.1f}" fill="{PRINCIPAL}"/>')
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - hp - hi:.1f}" width="{bar:.1f}" height="{hi:.1f}" fill="{INTEREST}"/>')
        else:
            h = plot_h * amount / top
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{TOTAL}"/>')
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 16}" font-size="12" text-anchor="middle" '
                         f'fill="#4b5563">{r.n}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.0f}" y="{H - 6}" font-size="12" text-anchor="middle" fill="#4b5563">期数</text>')
    if pays[0].principal is not None:
        parts.append(f'<rect x="{W - 150}" y="2" width="10" height="10" fill="{PRINCIPAL}"/>'
                     f'<text x="{W - 136}" y="11" font-size="12" fill="#111">本金</text>'
                     f'<rect x="{W - 90}" y="2" width="10" height="10" fill="{INTEREST}"/>'
                     f'<text x="{W - 76}" y="11" font-size="12" fill="#111">利息</text>')
    parts.append("</svg>")
    return "".join(parts)
