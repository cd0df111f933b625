"""Check page as a frightened borrower uses it: long histories stay readable, errors keep the input (qa9)."""

from __future__ import annotations

import re


def _post(client, data=None, files=None):
    html = client.get("/check").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
    return client.post("/check", data={"csrf": csrf, **(data or {})}, files=files)


THREAT = "再不还钱就把你欠钱的事发到你们公司群里"


def _thread(n: int) -> str:
    return "".join(f"催收小王 2026-03-{d:02d} 10:00:00\n{THREAT}\n\n" for d in range(1, n + 1))


def test_history_repeats_are_grouped_and_a_next_step_is_given(client):
    r = _post(client, files={"file": ("wechat.txt", _thread(12).encode(), "text/plain")})
    assert r.status_code == 200 and "记录分析" in r.text
    assert r.text.count('class="finding"') <= 6  # not one card per repeated message
    assert "同类内容还有 9 处" in r.text
    assert "下一步" in r.text and "/evidence/new" in r.text


def test_unsupported_upload_keeps_the_typed_text_on_the_form(client):
    r = _post(client, data={"text": "我自己打的字"}, files={"file": ("a.xml", b"%PDF-1.4 not a backup", "text/xml")})
    assert r.status_code == 415 and "不支持的文件类型" in r.text
    assert "我自己打的字</textarea>" in r.text


def test_empty_upload_is_reported_not_ignored(client):
    r = _post(client, data={"text": "我自己打的字"}, files={"file": ("sms.xml", b"", "text/xml")})
    assert r.status_code == 400 and "是空的" in r.text
    assert "我自己打的字</textarea>" in r.text


def test_pasted_timestamped_thread_is_read_as_a_history(client):
    r = _post(client, data={"text": _thread(3)})
    assert r.status_code == 200 and "记录分析" in r.text and "粘贴的聊天记录" in r.text
    assert _thread(3).strip() in r.text.replace("\r", "")  # the textarea keeps what was pasted


def test_single_message_with_a_time_is_still_one_message(client):
    r = _post(client, data={"text": "2026-03-01 23:30 " + THREAT})
    assert "检测结果" in r.text and "记录分析" not in r.text


def test_history_file_without_records_is_an_error_on_the_form(client):
    r = _post(client, data={"text": "我自己打的字"}, files={"file": ("blank.txt", "只有一行没有时间的字\n".encode(), "text/plain")})
    assert r.status_code == 400 and "没有读到任何" in r.text and "第 1 行" in r.text
    assert "我自己打的字</textarea>" in r.text


def test_long_pasted_thread_is_accepted_whole(client):
    text = _thread(28) * 20  # a long chat: 560 messages, over 20,000 characters
    assert len(text) > 20_000
    html = client.get("/check").text
    assert 'maxlength="20000"' not in html.split('id="text"')[1][:200]  # the browser must not cut the paste
    r = _post(client, data={"text": text})
    assert r.status_code == 200 and "记录分析" in r.text


def test_long_text_that_is_no_thread_is_refused_on_the_form(client):
    r = _post(client, data={"text": "再不还钱就上门。" * 3000})
    assert r.status_code == 400 and "上限" in r.text and "再不还钱就上门。再不还钱" in r.text


def test_busiest_days_count_messages_not_only_calls(client):
    days = [1] * 1 + [2] * 1 + [3] * 6 + list(range(4, 16))
    text = "".join(f"催收小王 2026-03-{d:02d} 10:{i:02d}:00\n请尽快处理\n\n" for i, d in enumerate(days))
    r = _post(client, files={"file": ("chat.txt", text.encode(), "text/plain")})
    table = r.text.split("最多的 10 天")[1]
    first_row = re.search(r"<tbody>\s*<tr><td>([0-9-]+)</td>", table).group(1)
    assert first_row == "2026-03-03"
