"""Coverage of the bundled CJK font (built by scripts/build_font_subset.py)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from xiezhi.documents import Document, Paragraph, render
from xiezhi.documents.fonts import cjk_font_path, covered_chars, missing_chars

#: Personal-name characters outside GB 2312 that the earlier subset lacked (all in GBK except 䶮,
#: which is CJK Extension A, e.g. the name 刘䶮).
NAME_CHARS = "喆堃玥赟昇珺婧琇翀淏祎彧昀燊犇垚淼焱琰瑄璟曌䶮"
#: In GBK but not in Noto Sans CJK SC 2.004 itself (≒ U+2252), so no subset can have it.
GBK_NOT_IN_SOURCE = {"\u2252"}
DATA = Path(__file__).resolve().parent.parent / "src" / "xiezhi" / "data"


def _gbk_chars() -> set[str]:
    out = set()
    for cp in range(0x20, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        if chr(cp).isprintable():
            out.add(chr(cp))
    return out


def test_covers_all_of_gbk() -> None:
    gbk = _gbk_chars()
    assert len(gbk) > 21_800  # 21,886 code points incl. ASCII; guards the helper itself
    missing = {c for c in gbk if ord(c) not in covered_chars()}
    assert missing == GBK_NOT_IN_SOURCE


def test_covers_name_characters() -> None:
    assert missing_chars(NAME_CHARS) == []
    assert missing_chars("李喆 王堃 张玥 赵赟 陈昇 刘珺 周婧") == []


def test_covers_cjk_extension_a_and_symbols() -> None:
    cmap = covered_chars()
    ext_a = [c for c in range(0x3400, 0x4DB6) if c not in cmap]  # Noto 2.004 has all of 3400..4DB5
    assert ext_a == []
    assert missing_chars("①②③⑩⑳·—…￥×÷≤≥→✓《》「」、。，：；！？（）ＡＢＣ１２３") == []


#: Matching vocabulary, never printed: the Check cues include the emoji people type (😂 as banter), which no CJK
#: font has; a document that quotes such a message reports them through missing_chars().
NOT_RENDERED = {DATA / "collection" / "cues.yaml"}


def test_covers_every_character_of_the_shipped_texts() -> None:
    chars: set[str] = set()
    for path in DATA.rglob("*"):
        if path.suffix in (".md", ".yaml", ".yml", ".j2") and path not in NOT_RENDERED:
            chars.update(path.read_text(encoding="utf-8"))
    text = "".join(c for c in chars if c.isprintable())
    assert missing_chars(text) == [], "data has characters the font lacks: run scripts/build_font_subset.py"


def test_still_lacks_what_it_should_lack() -> None:
    # Extension B and emoji are deliberately not bundled; missing_chars must keep reporting them.
    assert missing_chars("张𠀀😀") == ["😀", "𠀀"]  # sorted by code point


def test_font_has_truetype_outlines_and_a_sane_size() -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(str(cjk_font_path()), lazy=True)
    assert "glyf" in font and "CFF " not in font  # pypdf garbles text from embedded CID-keyed CFF
    assert font["name"].getDebugName(1) == "Noto Sans CJK SC"
    assert 5_000_000 < cjk_font_path().stat().st_size < 15_000_000


def test_pdf_with_a_rare_name_extracts_it(caplog: pytest.LogCaptureFixture) -> None:
    from pypdf import PdfReader

    doc = Document("还款协商函", [Paragraph("借款人：李喆，身份证号 110101199001011234。"),
                                  Paragraph("共同借款人：王堃、张玥、赵赟；金额 ￥12,000.00 × 36 期。")])
    with caplog.at_level(logging.WARNING):
        data = render(doc, "pdf")
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "李喆" in text
    assert "王堃、张玥、赵赟" in text
    assert "￥12,000.00" in text
