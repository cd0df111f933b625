"""OCR of screenshots (optional extra). Line ordering is tested without the extra; real recognition runs
on images the test renders itself with Pillow and a CJK font, and is skipped when either is missing."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from xiezhi.ocr import order_lines

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]
FONT = next((f for f in FONT_CANDIDATES if Path(f).exists()), None)
HAS_OCR = importlib.util.find_spec("rapidocr_onnxruntime") is not None


def test_order_lines_reads_rows_top_to_bottom_left_to_right():
    raw = [
        ([[200, 100], [300, 100], [300, 130], [200, 130]], "后果自负", 0.9),
        ([[10, 10], [100, 10], [100, 40], [10, 40]], "23:41", 0.99),
        ([[10, 102], [190, 102], [190, 128], [10, 128]], "再不还钱你等着", 0.95),
    ]
    lines = order_lines(raw)
    assert [line.text for line in lines] == ["23:41", "再不还钱你等着 后果自负"]


def _render(tmp_path: Path, lines: list[str], *, fg=(0, 0, 0), bg=(255, 255, 255), rotate: float = 0) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 36)
    img = Image.new("RGB", (900, 80 + 70 * len(lines)), bg)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 70 * i), line, font=font, fill=fg)
    if rotate:
        img = img.rotate(rotate, expand=True, fillcolor=bg)
    p = tmp_path / "shot.png"
    img.save(p)
    return p


@pytest.mark.slow
@pytest.mark.skipif(not HAS_OCR, reason="optional extra not installed: pip install 'xiezhi[ocr]' (rapidocr-onnxruntime)")
@pytest.mark.skipif(FONT is None, reason="no CJK font to render test images (apt-get install fonts-noto-cjk)")
@pytest.mark.parametrize("style", ["plain", "low_contrast", "rotated"])
def test_ocr_reads_rendered_sms_and_check_flags_it(tmp_path, style):
    from xiezhi.collection import analyze
    from xiezhi.ocr import read_image_text

    kwargs = {"plain": {}, "low_contrast": {"fg": (150, 150, 150), "bg": (200, 200, 200)},
              "rotated": {"rotate": 3}}[style]
    lines = ["23:41", "再不还钱就打断你的腿", "你等着，后果自负"]
    res = read_image_text(_render(tmp_path, lines, **kwargs))
    assert "23:41" in res.times
    assert "打断你的腿" in res.text.replace(" ", "")
    assert "violence_threat" in analyze(res.text).labels
