"""Balance over time per debt as one self-contained SVG (no script, no external font or image)."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from xiezhi.plan.models import MonthRow

COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf")
FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"


def _nice_max(x: float) -> float:
    if x <= 0:
        return 1.0
    mag = 10 ** (len(str(int(x))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * mag >= x:
            return step * mag
    return 10.0 * mag


def _money(x: float) -> str:
    return f"{x / 10000:g}万" if x >= 10000 else f"{x:g}"


def balance_chart(targets: dict[str, Decimal], rows: list[MonthRow], *, width: int = 640,
                  height: int = 360) -> str:
    names = list(targets)
    left, right, top = 64, 16, 36
    legend_rows = (len(names) + 2) // 3
    bottom = 62 + 20 * legend_rows
    pw, ph = width - left - right, height - top - bottom
    months = len(rows)
    ymax = _nice_max(float(max(targets.values(), default=Decimal(0))))
    xmax = max(months, 1)

    def x(m: int) -> float:
        return left + pw * m / xmax

    def y(v: float) -> float:
        return top + ph * (1 - v / ymax)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="t">',
           f'<title id="t">各笔债务余额随时间变化（共 {months} 个月）</title>',
           f'<style>text{{font-family:{FONT};font-size:12px;fill:#222}}.ax{{stroke:#444;stroke-width:1}}'
           '.gr{stroke:#ddd;stroke-width:1}.ln{fill:none;stroke-width:2}</style>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="{width / 2:.0f}" y="20" text-anchor="middle" style="font-size:14px">每月还款后的剩余欠款（元）</text>']
    for i in range(5):
        v = ymax * i / 4
        out.append(f'<line class="gr" x1="{left}" x2="{left + pw}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_money(v)}</text>')
    step = max(1, -(-xmax // 8))
    ticks = list(range(0, xmax + 1, step))
    if ticks[-1] != xmax and xmax - ticks[-1] >= step * 0.75:
        ticks.append(xmax)
    for m in ticks:
        out.append(f'<text x="{x(m):.1f}" y="{top + ph + 16}" text-anchor="middle">{m}</text>')
    out.append(f'<text x="{left + pw / 2:.0f}" y="{top + ph + 32}" text-anchor="middle">月数</text>')
    out.append(f'<line class="ax" x1="{left}" x2="{left}" y1="{top}" y2="{top + ph}"/>')
    out.append(f'<line class="ax" x1="{left}" x2="{left + pw}" y1="{top + ph}" y2="{top + ph}"/>')
    for i, name in enumerate(names):
        color = COLORS[i % len(COLORS)]
        pts = [(x(0), y(float(targets[name])))]
        pts += [(x(r.month), y(float(r.remaining[name]))) for r in rows]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        out.append(f'<polyline class="ln" stroke="{color}" points="{path}"><title>{escape(name)}</title></polyline>')
        lx = left + (i % 3) * (pw / 3)
        ly = top + ph + 62 + 20 * (i // 3)
        label = name if len(name) <= 12 else name[:11] + "…"
        out.append(f'<rect x="{lx:.1f}" y="{ly - 9}" width="12" height="4" fill="{color}"/>')
        out.append(f'<text x="{lx + 16:.1f}" y="{ly - 3}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
