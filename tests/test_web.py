"""Web pages: every page renders in Chinese with the disclaimer; security headers, CSRF, token mode,
uploads checked by content, error pages without stack traces; the law pages keep their behaviour."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from xiezhi.web.app import create_app
from xiezhi.web.settings import WebSettings

DISCLAIMER = "法律信息，不是法律意见；具体案件请咨询律师或拨打 12348。"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" \
      + b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    with TestClient(create_app()) as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert m, "form has no CSRF field"
    return m.group(1)


PAGES = ["/", "/assess/q", "/ask", "/check", "/loan", "/evidence", "/evidence/new", "/letters", "/plan", "/law",
         "/law/civil-code:680"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_disclaimer_and_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert DISCLAIMER in r.text
    assert '<html lang="zh-CN">' in r.text
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "http" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_no_external_assets(client):
    for path in PAGES:
        html = client.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not url.startswith(("http:", "https:", "//")), (path, url)
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "@import" not in css.text and "url(http" not in css.text


def test_static_path_traversal_refused(client):
    for path in ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"]:
        r = client.get(path)
        assert r.status_code == 404
        assert "create_app" not in r.text


def test_law_pages_keep_their_behaviour(client):
    r = client.get("/law")
    assert "中华人民共和国民法典" in r.text
    r = client.get("/law/civil-code:680")
    assert "禁止高利放贷" in r.text and "《中华人民共和国民法典》第六百八十条" in r.text
    assert "/law/civil-code:679" in r.text and "/law/civil-code:681" in r.text  # previous / next
    r = client.get("/law", params={"q": "民法典第680条"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/law/civil-code:680"
    r = client.get("/law", params={"q": "催收 上门"})
    assert r.status_code == 200 and "/law/" in r.text
    r = client.get("/law/civil-code:99999")
    assert r.status_code == 404 and "无法找到该法条" in r.text


def test_error_pages_are_chinese_without_traces(client):
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "页面不存在" in r.text and "Traceback" not in r.text


def test_crash_is_a_chinese_page(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    app = create_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
        assert r.status_code == 500 and "服务器内部错误" in r.text
        assert "secret internals" not in r.text and "Traceback" not in r.text
        r = c.get("/api/v1/health")
        assert r.status_code == 200


def test_post_without_csrf_is_refused(client):
    r = client.post("/check", data={"text": "再不还钱就上门"})
    assert r.status_code == 403 and "表单已过期" in r.text
    client.get("/check")
    r = client.post("/check", data={"text": "再不还钱就上门", "csrf": "0" * 64})
    assert r.status_code == 403


def test_check_page_highlights_spans(client):
    html = client.get("/check").text
    text = "你再不还钱，今晚就找人上门打断你的腿，还要爆你通讯录！"
    r = client.post("/check", data={"text": text, "csrf": csrf_of(html)})
    assert r.status_code == 200
    assert "<mark" in r.text and "检测结果" in r.text
    assert "依据" in r.text or "《" in r.text


def test_check_upload_refuses_binary_by_content(client):
    html = client.get("/check").text
    r = client.post("/check", data={"csrf": csrf_of(html)},
                    files={"file": ("sms.xml", b"%PDF-1.4 not really a backup", "text/xml")})
    assert r.status_code == 415 and "不支持的文件类型" in r.text


def test_check_upload_history(client):
    html = client.get("/check").text
    xml = ('<?xml version="1.0" encoding="UTF-8"?><smses count="2">'
           '<sms address="10690000" date="1767283200000" type="1" body="你再不还钱，明天就上门找你家人" />'
           '<sms address="10690000" date="1767286800000" type="1" body="再不还就爆你通讯录" /></smses>')
    r = client.post("/check", data={"csrf": csrf_of(html)}, files={"file": ("backup.xml", xml.encode(), "text/xml")})
    assert r.status_code == 200 and "记录分析" in r.text


def test_upload_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    with TestClient(create_app(WebSettings(max_upload_bytes=1000))) as c:
        html = c.get("/check").text
        r = c.post("/check", data={"csrf": csrf_of(html)}, files={"file": ("a.txt", b"x" * 5000, "text/plain")})
        assert r.status_code == 413 and "文件太大" in r.text


def test_loan_page_cut_head_loan(client):
    r = client.get("/loan", params={"principal": "10000", "received": "8000", "contract_date": "2025-03-01",
                                    "months": "12", "monthly_payment": "1000", "lender_type": "microloan"})
    assert r.status_code == 200
    assert "<svg" in r.text and "真实年化" in r.text and "8,000.00" in r.text
    r = client.get("/loan", params={"principal": "10000", "contract_date": "2025-03-01", "months": "abc",
                                    "monthly_payment": "1000"})
    assert r.status_code == 400 and "期数" in r.text


def test_ask_page_signature_question(client):
    r = client.get("/ask", params={"q": "网贷逾期后，催收人员真的会上门吗？"})
    assert r.status_code == 200
    assert "网贷逾期后，催收人员真的会上门吗？" in r.text
    assert "<details class=\"cite\">" in r.text and "相关问题" in r.text


def test_evidence_add_with_photo_and_export(client):
    html = client.get("/evidence/new?kind=visit&text=两个人堵门").text
    assert "两个人堵门" in html
    r = client.post("/evidence/new", data={"csrf": csrf_of(html), "kind": "visit", "occurred_at": "2026-03-14T23:10",
                                           "text": "两个催收人员堵在我家门口不走", "number": "17000000000"},
                    files={"files": ("门口.png", PNG, "image/png")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/evidence/1")
    page = client.get(r.headers["location"]).text
    assert "已保存" in page and "门口.png" in page
    img = client.get("/evidence/1/files/0")
    assert img.status_code == 200 and img.headers["content-type"] == "image/png" and img.content == PNG
    missing = client.get("/evidence/99/files/0")  # an unknown record: the same 404 page as /evidence/99
    assert missing.status_code == 404 and "没有这条证据" in missing.text
    assert "检查通过" in client.get("/evidence/verify").text
    z = client.get("/evidence/export?format=zip")
    assert z.status_code == 200 and z.content[:2] == b"PK"
    assert "attachment" in z.headers["content-disposition"]


@pytest.mark.parametrize(("path", "button"), [("/evidence/new", "选择文件"), ("/check", "选择文件或截图")])
def test_file_inputs_come_with_a_chinese_picker(client, path, button):
    """No bare file input (Chromium labels those "Choose File" in an English locale): each sits in a
    file_picker with a Chinese label for it and a status line the script fills in (browser/test_file_picker)."""
    html = client.get(path).text
    inputs = re.findall(r'<input id="([\w-]+)" name="\w+" type="file"[^>]*>', html)
    assert inputs and len(inputs) == html.count('type="file"')
    for id_ in inputs:
        assert f'<label for="{id_}" class="filebtn">{button}</label>' in html
        assert f'aria-describedby="{id_}-chosen"' in html and f'id="{id_}-chosen"' in html


def test_evidence_refuses_disguised_file(client):
    html = client.get("/evidence/new").text
    r = client.post("/evidence/new", data={"csrf": csrf_of(html), "kind": "sms", "occurred_at": "2026-03-14T23:10"},
                    files={"files": ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00" * 10, "image/png")})
    assert r.status_code == 400
    assert client.get("/evidence").text.count("#1 ") == 0


def test_token_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    app = create_app(WebSettings(token="s3cret-token", public_url="http://192.168.1.5:8000/?token=s3cret-token"))
    with TestClient(app) as c:
        r = c.get("/")
        assert r.status_code == 401 and "需要访问令牌" in r.text
        assert c.get("/static/style.css").status_code == 401
        assert c.get("/api/v1/health").status_code == 401
        assert c.get("/api/v1/health").headers["content-type"] == "application/problem+json"
        assert c.get("/?token=wrong").status_code == 401
        r = c.get("/ask?token=s3cret-token&q=x", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/ask?q=x"
        assert "xiezhi_token" in r.headers["set-cookie"] and "httponly" in r.headers["set-cookie"].lower()
        r = c.get("/")  # the cookie now carries the token
        assert r.status_code == 200 and 'src="data:image/svg+xml' in r.text  # QR code on the desktop page
        assert c.get("/api/v1/health", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_host_header_check(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    with TestClient(create_app(WebSettings(allowed_hosts=["127.0.0.1"])), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 421
    with TestClient(create_app(WebSettings(allowed_hosts=["127.0.0.1"])), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200


def _screenshot(lines: list[str]) -> bytes:
    import io
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    import xiezhi

    font_path = Path(xiezhi.__file__).parent / "data" / "fonts" / "NotoSansSC-Subset.ttf"
    font = ImageFont.truetype(str(font_path), 28)
    im = Image.new("RGB", (720, 60 + 60 * len(lines)), "white")
    draw = ImageDraw.Draw(im)
    for i, line in enumerate(lines):
        draw.text((20, 30 + 60 * i), line, font=font, fill="black")
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def test_check_screenshot_is_read(client):
    pytest.importorskip("PIL", reason="Pillow (test extra) renders the screenshot")
    from xiezhi.api import capabilities

    html = client.get("/check").text
    shot = _screenshot(["再不还钱，明天就上门找你家人", "还要爆你通讯录"])
    r = client.post("/check", data={"csrf": csrf_of(html)}, files={"file": ("shot.png", shot, "image/png")})
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        assert r.status_code == 400 and "xiezhi[ocr]" in r.text  # says how to install it
        return
    assert capabilities.available("ocr")
    assert r.status_code == 200 and "通讯录" in r.text and "<mark" in r.text


def test_evidence_screenshot_text_is_read_and_checked(client):
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR extra (xiezhi[ocr]) is not installed")
    html = client.get("/evidence/new").text
    shot = _screenshot(["你再不还钱，今晚就找人上门打断你的腿"])
    r = client.post("/evidence/new", data={"csrf": csrf_of(html), "kind": "sms", "occurred_at": "2026-03-14T23:10"},
                    files={"files": ("shot.png", shot, "image/png")}, follow_redirects=True)
    assert r.status_code == 200 and "打断你的腿" in r.text and "自动识别" in r.text
    assert "催收检测发现" in r.text


def test_oversized_body_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    with TestClient(create_app(WebSettings(max_upload_bytes=1000))) as c:
        r = c.post("/api/v1/check", content=b"x" * 2_000_000, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
        r = c.post("/check", content=b"x" * 2_000_000, headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413 and "文件太大" in r.text


def _add_sms(client, text="再不还钱就去你单位找你领导", number="17000000000") -> str:
    html = client.get("/evidence/new").text
    r = client.post("/evidence/new", data={"csrf": csrf_of(html), "kind": "sms", "occurred_at": "2026-03-14T23:10",
                                           "text": text, "number": number}, follow_redirects=False)
    assert r.status_code == 303
    return client.get(r.headers["location"]).text


def _alert(html: str) -> str:
    m = re.search(r'role="alert"><p class="pre">(.*?)</p>', html, re.S)
    return m.group(1) if m else ""


def test_evidence_correction_keeps_input_on_error_and_links_versions(client):
    page = _add_sms(client)
    assert "更正这条记录" in page and "撤回这条记录" in page
    assert 'value="17000000000"' in page  # the correction form is pre-filled
    form = {"csrf": csrf_of(page), "kind": "sms", "occurred_at": "2026-03-14T23:10", "number": "17000000001",
            "text": "再不还钱就去你单位找你领导", "notes": "", "name": "", "organisation": "", "lender": "", "reason": ""}
    r = client.post("/evidence/1/correct", data=form, follow_redirects=False)
    assert r.status_code == 400 and "请写下更正的原因" in _alert(r.text)
    assert 'value="17000000001"' in r.text and "<details class=\"edit\" id=\"correct\" open>" in r.text
    same = {**form, "number": "17000000000", "reason": "没改"}
    r = client.post("/evidence/1/correct", data=same, follow_redirects=False)
    assert r.status_code == 400 and "没有改动任何内容" in _alert(r.text)
    r = client.post("/evidence/1/correct", data={**form, "reason": "号码抄错了"},
                    files={"files": ("补拍.png", PNG, "image/png")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/evidence/2?corrected=1"
    new = client.get(r.headers["location"]).text
    assert "已保存更正" in new and "号码抄错了" in new and "17000000001" in new and "补拍.png" in new
    old = client.get("/evidence/1").text
    assert "这是更正前的旧内容" in old and 'href="/evidence/2"' in old and "更正这条记录" not in old
    r = client.post("/evidence/1/correct", data={**form, "reason": "再改"}, follow_redirects=False)
    assert r.status_code == 400 and "#2" in _alert(r.text)
    listing = client.get("/evidence").text
    assert 'href="/evidence/2"' in listing and "已更正" in listing
    assert client.post("/evidence/2/correct", data={**form, "csrf": "0" * 64}).status_code == 403
    assert "检查通过" in client.get("/evidence/verify").text
    assert "经第 2 条更正：号码抄错了" in client.get("/evidence/export?format=html").text


def test_evidence_withdrawal_is_shown_and_exported(client):
    page = _add_sms(client, "你好，这是快递", "95000")
    assert "撤回不是删除" in page
    r = client.post("/evidence/1/withdraw", data={"csrf": csrf_of(page), "reason": ""}, follow_redirects=False)
    assert r.status_code == 400 and "请写下撤回的原因" in _alert(r.text)
    r = client.post("/evidence/1/withdraw", data={"csrf": csrf_of(page), "reason": "记错了，这条是快递"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/evidence/1?withdrawn=1"
    shown = client.get(r.headers["location"]).text
    assert "已撤回" in shown and "记错了，这条是快递" in shown and "撤回这条记录" not in shown
    assert client.get("/evidence/2", follow_redirects=False).headers["location"] == "/evidence/1"
    listing = client.get("/evidence").text
    assert 'class="withdrawn"' in listing and "原因：记错了，这条是快递" in listing
    again = client.post("/evidence/1/withdraw", data={"csrf": csrf_of(page), "reason": "再撤"})
    assert again.status_code == 400 and "已经撤回" in _alert(again.text)
    _add_sms(client)
    html = client.get("/evidence/export?format=html").text
    assert "已撤回的记录" in html and "记错了，这条是快递" in html


def test_letter_download_under_the_draft_carries_the_facts(client):
    import html as htmllib
    import io
    import zipfile

    page = client.get("/letters").text
    if "此功能尚未就绪" in page:
        pytest.skip("letters capability not installed: the page shows the not-ready notice")
    r = client.post("/letters", data={"csrf": csrf_of(page), "kind": "complaint", "borrower_name": "李小明",
                                      "borrower_phone": "13800000000", "lender_name": "乙公司",
                                      "summary": "深夜打电话\n还打给同事"})
    assert r.status_code == 200 and "下载 Word" in r.text
    form = r.text[r.text.index('class="card next"'):]
    hidden = {k: htmllib.unescape(v) for k, v in re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', form)}
    assert hidden["summary"] == "深夜打电话\n还打给同事"
    d = client.post("/letters", data={**hidden, "format": "docx"})
    xml = zipfile.ZipFile(io.BytesIO(d.content)).read("word/document.xml").decode()
    assert "李小明" in xml and "还打给同事" in xml


def test_loan_page_states_the_effect_of_the_cap_by_lender_type(client):
    """Private lending above the cap is not protected; a licensed lender's excess can only be reduced on request."""
    base = {"principal": "10000", "received": "7000", "contract_date": "2025-03-01", "months": "12",
            "monthly_payment": "1200"}
    licensed = client.get("/loan", params={**base, "lender_type": "microloan"}).text
    assert "超过了适用的上限" in licensed
    assert "可以请求对超过部分予以调减" in licensed and "超过部分法院不予支持" not in licensed
    private = client.get("/loan", params={**base, "lender_type": "private"}).text
    assert "超过了适用的上限" in private and "超过部分法院不予支持" in private
