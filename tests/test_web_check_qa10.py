"""Check page with a whole phone's history: large files are analysed, off the event loop, with a visible wait (qa10)."""

from __future__ import annotations

import re

import pytest

from conftest_web import form_error

_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"2\">\n"
        '  <sms protocol="0" address="10690000123" date="1772377800000" type="1" body="再不还钱就去你家堵门" />\n'
        '  <sms protocol="0" address="10690000123" date="1772464200000" type="1" body="今天再不还就上门" />\n')


def _post(client, data=None, files=None):
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    return client.post("/check", data={"csrf": csrf, **(data or {})}, files=files)


def test_history_over_5_mb_is_analysed_not_called_an_unsupported_type(client):
    """A 6 MB SMS backup was refused as '不支持的文件类型' (the evidence vault's 5 MB text limit)."""
    data = _XML + (" " * 999 + "\n") * 6000 + "</smses>\n"
    r = _post(client, files={"file": ("sms-big.xml", data.encode(), "text/xml")})
    assert r.status_code == 200, form_error(r.text)
    assert "记录分析：sms-big.xml" in r.text


def test_history_is_analysed_off_the_event_loop(client, monkeypatch):
    """A 20 MB backup takes many seconds; on the event loop it stopped the server answering anyone else."""
    import asyncio

    import xiezhi.web.pages.check as page

    real = page._history

    def history(name, data):
        with pytest.raises(RuntimeError):
            asyncio.get_running_loop()
        return real(name, data)

    monkeypatch.setattr(page, "_history", history)
    r = _post(client, files={"file": ("sms.xml", (_XML + "</smses>\n").encode(), "text/xml")})
    assert r.status_code == 200 and "记录分析：sms.xml" in r.text


def test_form_says_it_is_working_during_a_long_analysis(client):
    html = client.get("/check").text
    assert 'data-busy="check-busy"' in html
    assert re.search(r'id="check-busy"[^>]*role="status"[^>]*hidden>正在分析', html)


def test_large_text_attachment_is_too_large_not_unsupported():
    from xiezhi.errors import InputError
    from xiezhi.evidence.filetypes import MAX_TEXT_BYTES, detect

    assert detect(("短信内容\n" * 600_000).encode()).media_type == "text/plain"  # 7.8 MB: a phone's SMS backup
    with pytest.raises(InputError, match="太大"):
        detect(b"x" * 100 + b"\n" + b"y" * MAX_TEXT_BYTES)
    with pytest.raises(InputError, match="不是支持的文件类型"):
        detect(b"\x00\x01" * 4_000_000)


# A sending time in the future (a mistyped year) is refused in Chinese on every face, not judged as a night contact.
FUTURE = "2062-03-01 23:30"


def test_web_future_sent_at_is_refused_on_the_form_with_the_input_kept(client):
    r = _post(client, data={"text": "今晚再不还就上门", "sent_at": "2062-03-01T23:30"})
    assert r.status_code == 400
    assert "2062-03-01 23:30 还没有到" in form_error(r.text)
    assert "今晚再不还就上门</textarea>" in r.text and 'value="2062-03-01T23:30"' in r.text
    assert "非时段" not in r.text


def test_api_future_sent_at_is_a_chinese_400(api):
    from conftest_api import is_problem

    body = is_problem(api.post("/api/v1/check", json={"text": "今晚再不还就上门", "sent_at": "2062-03-01T23:30:00"}), 400)
    assert "还没有到" in body["detail"]
    assert api.post("/api/v1/check", json={"text": "今晚再不还就上门", "sent_at": "2026-03-01T23:30:00"}).status_code == 200


def test_cli_future_sent_at_exits_2():
    from typer.testing import CliRunner

    from xiezhi.cli import app

    r = CliRunner().invoke(app, ["check", "今晚再不还就上门", "--sent-at", FUTURE])
    assert r.exit_code == 2
    assert "还没有到" in r.output and "非时段" not in r.output


def test_a_time_within_a_day_ahead_is_accepted():
    """A phone clock or a time zone slip of hours is no typo."""
    from datetime import datetime, timedelta

    from xiezhi.dates import not_in_future

    now = datetime(2026, 3, 1, 12, 0)
    assert not_in_future(now + timedelta(hours=20), now=now)


def _evidence_form(html: str) -> dict[str, str]:
    m = re.search(r'<form method="post" action="/evidence/new"[^>]*>(.*?)</form>', html, re.S)
    assert m, "no 保存为证据 form"
    inner = m.group(1)
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', inner))
    fields.update({k: v[1:] if v.startswith("\n") else v
                   for k, v in re.findall(r'<textarea name="(\w+)" hidden>(.*?)</textarea>', inner, re.S)})
    return fields


def test_pasted_thread_saved_as_evidence_carries_its_text_and_time(client):
    """"保存为证据" under a pasted thread opened an empty evidence form: the chat the borrower pasted was lost."""
    import html as htmllib

    thread = ("催收小王 2026-03-01 23:10\n再不还钱就把你欠钱的事发到你们公司群里\n\n"
              "催收小王 2026-03-02 23:40\n明天就去你单位找你领导\n")
    r = _post(client, data={"text": thread})
    assert "记录分析" in r.text
    fields = {k: htmllib.unescape(v) for k, v in _evidence_form(r.text).items()}
    assert fields["prefill"] == "1" and fields["kind"] == "wechat" and fields["occurred_at"] == "2026-03-01T23:10"
    assert "明天就去你单位找你领导" in fields["text"]
    page = client.post("/evidence/new", data=fields)
    assert page.status_code == 200 and "添加证据" in page.text and 'role="alert"' not in page.text
    assert "明天就去你单位找你领导</textarea>" in page.text and 'value="2026-03-01T23:10"' in page.text
    assert "共 2 条消息" in page.text
    assert client.get("/evidence").text.count("明天就去你单位找你领导") == 0  # filled in, not saved behind her back


def test_single_message_saved_as_evidence_carries_the_time_typed(client):
    r = _post(client, data={"text": "再不还钱就去你家堵门", "sent_at": "2026-03-01T23:30"})
    fields = _evidence_form(r.text)
    assert fields["occurred_at"] == "2026-03-01T23:30" and fields["text"] == "再不还钱就去你家堵门"


def test_thread_longer_than_an_evidence_record_says_how_to_keep_it(client):
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/evidence/new", data={"csrf": csrf, "prefill": "1", "kind": "wechat", "text": "字" * 25_000})
    assert page.status_code == 200
    assert "25000 字" in form_error(page.text) and ".txt" in form_error(page.text)
    saved = client.post("/evidence/new", data={"csrf": csrf, "kind": "wechat", "occurred_at": "2026-03-01T10:00",
                                               "text": "字" * 25_000})
    assert saved.status_code == 400 and "25000 字" in form_error(saved.text)  # on the form, not an error page
