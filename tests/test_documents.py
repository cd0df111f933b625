"""Document primitives: one model rendered to HTML, DOCX and PDF with Chinese text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from xiezhi.documents import (
    FORMATS,
    BulletList,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Renderer,
    Table,
    get_renderer,
    register_renderer,
    render,
    render_to_file,
)
from xiezhi.documents.fonts import cjk_font_path, missing_chars
from xiezhi.errors import InputError

ROWS = [
    ["1", "2026-03-14 23:10", "短信", "1700000xxxx（自称“某某律师事务所”）", "你再不还钱，我们就去你单位找你领导，让你社死。"],
    ["2", "2026-03-15 08:00", "电话", "95xxx", "自称法院工作人员，要求当天还清，否则“上门执行”。"],
    ["3", "2026-03-16 21:00", "上门", "两名男子", "在门口拍门二十分钟，邻居獬豸作证；《民法典》第一千零三十三条。"],
]


def sample() -> Document:
    return Document("证据清单（样例）", [
        Heading("一、催收记录"),
        Paragraph("以下记录由当事人自行保存，哈希用于核验未被改动。", indent_first_line=True),
        Table(["序号", "时间", "类型", "对方", "内容摘要"], ROWS, widths=[0.5, 1.6, 0.6, 2.2, 4]),
        BulletList(["保留原始截图", "保存通话录音"], ordered=True),
        PageBreak(),
        Heading("二、落款", level=2),
        Paragraph("当事人：张三\n2026年3月20日", align="right"),
    ], footer="链头：第 3 条 abcdef")


def test_registry_has_the_three_formats() -> None:
    assert set(FORMATS) >= {"html", "docx", "pdf"}
    assert get_renderer(".PDF").media_type == "application/pdf"
    with pytest.raises(InputError, match="不支持的文档格式"):
        render(sample(), "odt")


def test_add_on_renderer_uses_the_same_registry() -> None:
    register_renderer(Renderer("txt", "text/plain", ".txt", lambda d: d.plain_text().encode()))
    assert "让你社死" in render(sample(), "txt").decode()


def test_html(tmp_path: Path) -> None:
    doc = sample()
    doc.blocks.append(Paragraph("<script>alert(1)</script>"))
    html = render(doc, "html").decode()
    assert "<h1>证据清单（样例）</h1>" in html and "你再不还钱" in html and '<html lang="zh-CN">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<tr>") == 1 + len(ROWS)


def test_docx_sets_east_asian_font(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    path = render_to_file(sample(), tmp_path / "sample.docx")
    d = docx.Document(str(path))
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "时间", "类型", "对方", "内容摘要"]
    assert table.rows[1].cells[4].text == ROWS[0][4]
    runs = [r for p in d.paragraphs for r in p.runs if r.text.strip()]
    runs += [r for p in table.rows[1].cells[4].paragraphs for r in p.runs]
    assert runs
    for run in runs:
        assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert d.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert "张三" in "\n".join(p.text for p in d.paragraphs)


def test_pdf_text_extracts_and_no_glyph_is_missing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from pypdf import PdfReader

    doc = sample()
    assert missing_chars(doc.plain_text()) == []
    with caplog.at_level("WARNING"):
        data = render(doc, "pdf")
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    text = "".join(p.extract_text() for p in reader.pages)
    flat = "".join(text.split())
    for phrase in ("证据清单（样例）", "你再不还钱，我们就去你单位找你领导", "邻居獬豸作证", "《民法典》第一千零三十三条", "当事人：张三"):
        assert phrase in flat, phrase
    assert "\x00" not in text
    fonts = {str(f) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts
    assert reader.metadata.title == "证据清单（样例）"


def test_bundled_font_and_licence_are_shipped() -> None:
    path = cjk_font_path()
    assert path.exists() and path.stat().st_size > 1_000_000
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="没有 pdftoppm（poppler-utils），跳过 PDF 栅格化检查")
def test_pdf_page_rasterises_with_ink(tmp_path: Path) -> None:
    from PIL import Image

    pdf = render_to_file(sample(), tmp_path / "sample.pdf")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    img = Image.open(png).convert("L")
    dark = sum(1 for px in img.getdata() if px < 128)
    assert dark > 2000  # text and table rules were drawn, not an empty page


def test_table_shape_is_checked() -> None:
    with pytest.raises(ValueError, match="cells"):
        Table(["a", "b"], [["1"]])


def test_missing_chars_names_what_the_font_lacks() -> None:
    assert missing_chars("证据𠀀清单") == ["𠀀"]
