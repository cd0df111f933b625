"""Defects found walking the pages as a borrower would (qa10): long questions, odd files, open questions."""

from __future__ import annotations

import re

from conftest_web import form_error


def _post(client, data=None, files=None):
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    return client.post("/check", data={"csrf": csrf, **(data or {})}, files=files)


def test_ask_long_question_is_refused_on_the_form_with_the_text_kept(client):
    """A pasted story over 2,000 characters was cut silently by the box, and a longer link showed 'q：太长'."""
    html = client.get("/ask").text
    assert not re.search(r'<textarea id="q"[^>]*maxlength', html)
    story = "他们天天打电话给我妈。" * 300
    r = client.get("/ask", params={"q": story})
    assert r.status_code == 400
    assert "3300 字" in form_error(r.text) and "催收检测" in form_error(r.text)
    assert story + "</textarea>" in r.text


def test_binary_upload_on_check_says_what_the_page_reads(client):
    r = _post(client, files={"file": ("x.bin", bytes(range(256)) * 10, "application/octet-stream")})
    assert r.status_code == 415
    err = form_error(r.text)
    assert "短信备份" in err and "不是支持的文件类型（按内容识别" not in err


def test_unreadable_history_reasons_are_joined_cleanly():
    import pytest

    from xiezhi.errors import InputError
    from xiezhi.history import read_history_text, require_records

    imp = read_history_text("时间,号码,类型,内容\n2026-13-40 23:30,1069,短信,再不还钱\n昨天,1069,短信,明天上门\n", name="b.csv")
    with pytest.raises(InputError) as exc:
        require_records(imp, "文件 b.csv ")
    assert "。；" not in exc.value.message and "第 3 行" in exc.value.message


def test_result_that_needs_who_it_was_sent_to_is_not_a_green_all_clear(client):
    """'没有发现明显违法的内容' in green over '还需要知道：发给了谁' told her all was fine before asking."""
    r = _post(client, data={"text": "张三欠我们钱不还，你是他同事，请转告他尽快还款"})
    assert "还需要知道" in r.text  # the engine asks who received it (a colleague: unlawful; the borrower: lawful)
    assert "card ok" not in r.text and "还不能下结论" in r.text
    assert re.search(r"<details open><summary>补充信息", r.text)


def test_chat_thread_day_table_says_messages_not_sms(client):
    thread = "催收小王 2026-03-01 23:10\n再不还钱就去你家堵门\n\n催收小王 2026-03-02 23:40\n明天就去你单位\n"
    r = _post(client, data={"text": thread})
    assert '<th class="num">信息</th>' in r.text and '<th class="num">短信</th>' not in r.text


def test_cli_missing_option_with_a_short_form_reads_as_chinese():
    """`xiezhi letter negotiation` without -o said "缺少选项 --output。 / '-o'."."""
    from typer.testing import CliRunner

    from xiezhi.cli import app

    r = CliRunner().invoke(app, ["letter", "negotiation", "--input", "x.yaml"])
    assert r.exit_code == 2
    assert "缺少选项 --output（-o）。" in r.output and "/ '-o'" not in r.output


def test_assessment_numbers_read_as_people_type_them_and_say_the_range():
    """The interview refused "1万" (the loan page takes it) and said only '超出合理范围：10000' for 10,000 months."""
    import pytest

    from xiezhi.assess.engine import parse_value
    from xiezhi.assess.loader import get_interview
    from xiezhi.errors import InputError

    fields = {f.label: f for q in get_interview().questions.values() for f in q.fields}
    principal = next(f for label, f in fields.items() if label.startswith("合同借款金额"))
    months = next(f for label, f in fields.items() if label.startswith("分几期"))
    assert parse_value(principal, "1万") == 10000
    assert parse_value(principal, "１２０００") == 12000
    with pytest.raises(InputError, match=r"应当在 1 到 360 之间；现在填的是“10000”"):
        parse_value(months, "10000")


def test_night_messages_are_counted_once_in_a_history(client):
    """15 night messages read '非时段催收（30 处）': each message's own finding and its night's summary."""
    thread = "".join(f"催收小王 2026-03-{d:02d} 23:10\n你再不还钱，明天就把你欠钱的事发到你们公司群里\n\n" for d in range(1, 5))
    r = _post(client, data={"text": thread})
    m = re.search(r"非时段催收（(\d+) 处）", r.text)
    assert m and m.group(1) == "4"
