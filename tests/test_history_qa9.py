"""Broken rows in phone histories are reported with their line numbers, never silently emptied or merged (qa9)."""

from __future__ import annotations

from xiezhi.history import read_history_text

_XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"3\">\n"


def _sms(body: str, date: str = "1772377800000") -> str:
    return f'  <sms protocol="0" address="10690000123" date="{date}" type="1" body="{body}" />\n'


def test_sms_with_unclosed_quote_is_reported_not_read_as_empty():
    text = _XML_HEAD + _sms("第一条") + '  <sms address="10690000123" date="1772377900000" type="1" body="引号没闭合 />\n' \
        + _sms("第三条", "1772378000000") + "</smses>\n"
    imp = read_history_text(text, name="sms.xml")
    assert [r.text for r in imp.records] == ["第一条", "第三条"]
    assert [i.line for i in imp.issues] == [4]
    assert "引号没闭合" in imp.issues[0].raw


def test_sms_body_with_a_bare_greater_than_sign_is_read():
    """`>` is legal inside an XML attribute value; it must not end the element."""
    imp = read_history_text(_XML_HEAD + _sms("3天内还款 > 否则上门") + "</smses>\n", name="sms.xml")
    assert [r.text for r in imp.records] == ["3天内还款 > 否则上门"]
    assert imp.issues == []


CSV = ("时间,号码,类型,时长,内容\n"
       "2026-03-01 23:10,13800000000,来电,30,\n"
       '2026-03-02 01:00,13800000000,短信,,"引号没闭合\n'
       "2026-03-02 02:00,13800000000,来电,45,\n"
       "2026-03-02 03:00,13800000000,短信,,明天上门\n")


def test_csv_unclosed_quote_does_not_swallow_the_following_rows():
    imp = read_history_text(CSV, name="calls.csv")
    # qa12: the row itself is read on its own line (its words are the collector's, and were lost), with a note
    assert [r.line for r in imp.records] == [2, 3, 4, 5]
    assert [r.text for r in imp.records][1:4:2] == ["引号没闭合", "明天上门"]
    assert imp.issues == [] and any("第 3 行" in n and "引号" in n for n in imp.notes)


def test_csv_quoted_multiline_sms_is_still_one_record():
    text = "时间,号码,内容\n2026-03-02 01:00,138,\"第一行\n第二行\"\n2026-03-02 02:00,138,再一条\n"
    imp = read_history_text(text, name="sms.csv")
    assert [(r.line, r.text) for r in imp.records] == [(2, "第一行\n第二行"), (4, "再一条")]
    assert imp.issues == []


def test_thread_borrowers_own_messages_are_not_a_counterpart():
    """"对方号码数" counted the borrower (我) as one of the other side; my reply belongs to the chat partner."""
    imp = read_history_text("我 2026-03-01 09:00\n能宽限几天吗\n催收小王 2026-03-01 09:05\n不行\n"
                            "我 2026-03-01 09:06\n那我先还一部分\n", name="t.txt")
    assert [(r.direction, r.counterpart) for r in imp.records] == [("out", "催收小王"), ("in", "催收小王"),
                                                                   ("out", "催收小王")]
    assert imp.records[0].name == "我"


def test_history_without_any_record_is_an_error_not_a_clean_result():
    import pytest

    from xiezhi.errors import InputError
    from xiezhi.history import require_records

    imp = read_history_text("\n\n  \n", name="blank.txt")
    with pytest.raises(InputError, match="没有读到任何") as exc:
        require_records(imp, "文件 blank.txt ")
    assert "第 1 行" in exc.value.message


def test_cli_blank_history_exits_2(tmp_path):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    f = tmp_path / "blank.txt"
    f.write_text("只有一行没有时间的字\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--file", str(f)])
    assert result.exit_code == 2 and "没有读到任何" in result.output and "未发现违规" not in result.output


def test_sms_backup_on_a_single_line_is_read():
    """A minified export (every element on one line) was read as zero records."""
    xml = ('<?xml version="1.0" encoding="UTF-8"?><smses count="2">'
           '<sms address="10690000" date="1767283200000" type="1" body="你再不还钱，明天就上门找你家人" />'
           '<sms address="10690000" date="1767286800000" type="1" body="再不还就爆你通讯录" /></smses>')
    imp = read_history_text(xml, name="b.xml")
    assert [r.text for r in imp.records] == ["你再不还钱，明天就上门找你家人", "再不还就爆你通讯录"]
    assert [r.line for r in imp.records] == [1, 1] and imp.issues == []
