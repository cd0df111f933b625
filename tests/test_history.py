"""History readers: SMS Backup & Restore XML, CSV call/SMS logs, pasted threads; encodings; broken rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from xiezhi.history import detect_format, read_history, read_history_text

DATA = Path(__file__).parent / "data" / "check"


def test_sms_backup_xml_records_and_broken_rows():
    imp = read_history(DATA / "sms-backup.xml")
    assert imp.format == "sms_backup_xml"
    assert [r.line for r in imp.records] == [4, 5, 7]
    first, threat, outgoing = imp.records
    assert first.counterpart == "10690000123" and first.direction == "in" and first.kind == "sms"
    assert first.at == datetime(2026, 3, 2, 5, 20)  # epoch ms read as China local time
    assert threat.text == "再不还钱，今晚就带人去你家，你等着\n后果自负"  # &#10; unescaped
    assert outgoing.direction == "out"
    assert {(i.line, "号码" in i.message or "时间" in i.message) for i in imp.issues} == {(6, True), (8, True)}


def test_csv_call_log_with_bad_rows():
    imp = read_history(DATA / "calls.csv")
    assert imp.format == "csv"
    assert len(imp.records) == 6
    assert all(r.kind == "call" for r in imp.records)
    assert imp.records[0].duration_s == 65 and imp.records[0].direction == "in"
    assert imp.records[4].direction == "missed"
    lines = {i.line: i.message for i in imp.issues}
    assert set(lines) == {8, 9}
    assert "时间" in lines[8] and "列" in lines[9]


def test_pasted_thread():
    imp = read_history(DATA / "thread.txt")
    assert imp.format == "thread"
    assert [r.line for r in imp.records] == [1, 2, 3, 5]
    assert imp.records[1].direction == "out"
    assert imp.records[2].text.endswith("没有时间的第二行也属于上一条")
    assert imp.records[3].at == datetime(2026, 3, 3, 8, 30)
    assert [i.line for i in imp.issues] == [6]


def test_thread_line_without_time_is_reported():
    imp = read_history_text("你好，这是没有时间的一行\n2026-03-02 14:00 张三：请还款", name="t.txt")
    assert [i.line for i in imp.issues] == [1]
    assert len(imp.records) == 1 and imp.records[0].counterpart == "张三"


def test_wechat_export_header_style():
    imp = read_history_text("王五 2026-03-02 22:31:00\n深夜打扰你了\n李四 2026-03-02 22:35\n快还钱")
    assert [(r.counterpart, r.text) for r in imp.records] == [("王五", "深夜打扰你了"), ("李四", "快还钱")]


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    for name in ("calls.csv", "thread.txt", "sms-backup.xml"):
        text = (DATA / name).read_text(encoding="utf-8")
        if name.endswith(".xml") and encoding == "gbk":
            text = text.replace("encoding='UTF-8'", "encoding='GBK'")
        p = tmp_path / name
        p.write_bytes(text.encode(encoding))
        imp = read_history(p)
        ref = read_history(DATA / name)
        assert [r.model_dump() for r in imp.records] == [r.model_dump() for r in ref.records], (name, encoding)
        assert [i.line for i in imp.issues] == [i.line for i in ref.issues]


def test_csv_sms_export_with_english_header_and_quoted_newline():
    text = 'date,address,type,body\n2026-03-02 10:00,1380,received,"第一行\n第二行"\n2026-03-02 11:00,1380,sent,好的\n'
    imp = read_history_text(text, name="sms.csv")
    assert [r.line for r in imp.records] == [2, 4]
    assert imp.records[0].text == "第一行\n第二行" and imp.records[0].kind == "sms"
    assert imp.records[1].direction == "out"


def test_detect_format():
    assert detect_format("<?xml version='1.0'?><smses>") == "sms_backup_xml"
    assert detect_format("时间,号码,类型\n") == "csv"
    assert detect_format("2026-03-02 14:00 张三：你好") == "thread"


def test_empty_or_unrecognised_header(tmp_path):
    imp = read_history_text("foo,bar\n1,2\n", name="x.csv")
    assert imp.records == [] and imp.issues[0].line == 1
