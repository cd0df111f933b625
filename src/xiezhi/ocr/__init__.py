"""Read collection messages from phone screenshots, offline (optional extra `xiezhi[ocr]`).

rapidocr-onnxruntime ships its PP-OCR models inside the wheel, so nothing is downloaded at run time.
Without the extra, `read_image_text` raises OcrUnavailable and the CLI tells the user in Chinese how
to install it. Lines come back in reading order (top to bottom, left to right); clock times shown on
screen ("23:41", "昨天 22:05") are collected so the caller can offer them as `sent_at`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from xiezhi.errors import InputError

INSTALL_HINT = "识别截图需要安装可选组件：pip install 'xiezhi[ocr]'（离线运行）。"
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])[:：]([0-5]\d)(?!\d)")


class OcrUnavailable(InputError):
    """The OCR extra is not installed."""


@dataclass
class OcrLine:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    score: float


@dataclass
class OcrResult:
    lines: list[OcrLine] = field(default_factory=list)
    times: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(INSTALL_HINT) from exc
    return RapidOCR()


def order_lines(raw: list[tuple[list[list[float]], str, float]]) -> list[OcrLine]:
    """Group detected boxes into rows by vertical overlap, then read each row left to right."""
    items: list[OcrLine] = []
    for box, text, score in raw:
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        items.append(OcrLine(text.strip(), (min(xs), min(ys), max(xs), max(ys)), float(score)))
    items.sort(key=lambda i: (i.box[1] + i.box[3]) / 2)
    rows: list[list[OcrLine]] = []
    for it in items:
        mid = (it.box[1] + it.box[3]) / 2
        if rows:
            last = rows[-1]
            top = min(x.box[1] for x in last)
            bottom = max(x.box[3] for x in last)
            if top <= mid <= bottom:
                last.append(it)
                continue
        rows.append([it])
    out: list[OcrLine] = []
    for row in rows:
        row.sort(key=lambda i: i.box[0])
        text = " ".join(x.text for x in row if x.text)
        box = (min(x.box[0] for x in row), min(x.box[1] for x in row),
               max(x.box[2] for x in row), max(x.box[3] for x in row))
        out.append(OcrLine(text, box, min(x.score for x in row)))
    return [line for line in out if line.text]


def read_image_text(path: str | Path) -> OcrResult:
    """OCR one screenshot; raises OcrUnavailable without the extra, InputError for unreadable files."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"找不到图片：{p}")
    engine = _engine()
    try:
        raw, _elapsed = engine(str(p))
    except Exception as exc:  # the engine raises various errors on non-images
        raise InputError(f"无法识别图片 {p.name}：请确认这是 PNG 或 JPG 截图。") from exc
    lines = order_lines(raw or [])
    times = [f"{int(m.group(1)):02d}:{m.group(2)}" for line in lines for m in _TIME.finditer(line.text)]
    return OcrResult(lines=lines, times=times)
