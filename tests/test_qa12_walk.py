"""Defects found walking the product as a demanding user (qa12): a CSV row with a stray quote lost the collector's
words; "未发现违规" stood above rows that were never read; a screenshot or Excel sheet given as a history was sent to
Notepad to "save as UTF-8"; the assessment took a 2062 loan date and said "借款信息有误：" with no reason."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app

BROKEN_QUOTE = ("时间,号码,类型,时长,内容\n"
                "2026-10-08 14:00,13911112222,来电,40,\n"
                '2026-10-08 14:05,13911112222,接收,,"三天内不结清，就把你欠款的事挂到你们小区业主群\n'
                "2026-10-08 14:30,13911112222,接收,,请尽快处理\n").encode("gbk")
UNREAD_ONLY = ("时间,号码,类型,时长,内容\n"
               "2026-10-08 14:00,13911112222,来电,40,\n"
               "2026-10-0x 14:05,13911112222,接收,,把你照片发到业主群\n"
               "2026-10-08 14:30,13911112222,接收,,请尽快处理\n").encode("gbk")


def _csrf(client, path="/check"):
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(path).text).group(1)


def test_a_row_with_a_stray_quote_is_read_not_dropped(tmp_path):
    from xiezhi.history import read_history_text

    imp = read_history_text(BROKEN_QUOTE.decode("gbk"), name="log.csv")
    texts = [r.text for r in imp.records]
    assert any("业主群" in t for t in texts) and len(imp.records) == 3 and imp.issues == []
    assert any("第 3 行" in n and "引号" in n for n in imp.notes)
    path = tmp_path / "log.csv"
    path.write_bytes(BROKEN_QUOTE)
    out = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert out.exit_code == 0 and "未发现违规" not in out.output and "业主群" in out.output


def test_clean_verdict_says_some_rows_were_not_read(tmp_path, client):
    path = tmp_path / "log.csv"
    path.write_bytes(UNREAD_ONLY)
    out = CliRunner().invoke(app, ["check", "--file", str(path)]).output
    first, verdict = out.splitlines()[:2]
    assert "另有 1 行未读入" in first and verdict == "结论：读入的记录中未发现违规。"
    page = client.post("/check", data={"csrf": _csrf(client), "text": ""}, files={"file": ("log.csv", UNREAD_ONLY, "text/csv")})
    assert page.status_code == 200 and "在读入的 2 条记录中没有发现明显违法的内容" in page.text


NOT_TEXT = {
    "shot.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "--image"),
    "log.xlsx": (b"PK\x03\x04" + b"\x00" * 30 + b"xl/workbook.xml" + b"\x00" * 200, "CSV UTF-8"),
    "log.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "CSV UTF-8"),
    "mmssms.db": (b"SQLite format 3\x00" + b"\x00" * 200, "SMS Backup & Restore"),
    "record.pdf": (b"%PDF-1.7\n" + b"\x00" * 200, "PDF"),
}


@pytest.mark.parametrize("name", sorted(NOT_TEXT))
def test_a_file_that_is_no_text_is_named_with_what_to_do(name, tmp_path, api):
    data, advice = NOT_TEXT[name]
    path = tmp_path / name
    path.write_bytes(data)
    out = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert out.exit_code == 2 and advice in out.output and "编码" not in out.output
    r = api.post("/api/v1/check/history", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == 415 and advice in r.json()["detail"]


def test_page_names_an_excel_sheet(client):
    data, advice = NOT_TEXT["log.xlsx"]
    page = client.post("/check", data={"csrf": _csrf(client), "text": ""},
                       files={"file": ("log.xlsx", data, "application/octet-stream")})
    assert page.status_code == 415 and "Excel" in page.text and advice in page.text


def test_binary_is_not_text_rather_than_an_unknown_encoding(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 40)
    out = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert out.exit_code == 2 and "不是文本文件" in out.output


def test_utf16_sms_backup_and_empty_file(tmp_path):
    xml = ("<?xml version='1.0' encoding='UTF-16' standalone='yes' ?>\n<smses count=\"2\">\n"
           '<sms address="10690001" date="1759939800000" type="1" body="再不还钱，明天就去你老家找你爸妈" />\n'
           '<sms address="10690001" date="1759941600000" type="1" body="接电话" />\n</smses>\n')
    path = tmp_path / "sms.xml"
    path.write_bytes(xml.encode("utf-16"))
    out = CliRunner().invoke(app, ["check", "--file", str(path), "--json"])
    assert out.exit_code == 0 and '"records":2' in out.stdout.replace(" ", "")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = CliRunner().invoke(app, ["check", "--file", str(empty)])
    assert out.exit_code == 2 and "空的" in out.output


def _assess_post(client, qid, done, fields):
    return client.post("/assess/q", data={"csrf": _csrf(client, "/assess/q"), "_question": qid, **done, **fields})


def test_assessment_refuses_a_loan_date_in_the_future(client):
    done = {"_done": ["lender-kind"], "lender.kind": "microloan"}
    r = _assess_post(client, "loan-figures", done, {"loan.principal": "10000", "loan.contract_date": "2062-03-01"})
    assert r.status_code == 400 and "2062-03-01 还没有到" in r.text
    ok = _assess_post(client, "loan-figures", done, {"loan.principal": "10000", "loan.contract_date": "2026-03-01"})
    assert ok.status_code == 200 and "loan.contract_date=2026-03-01" in str(ok.url)


def test_assessment_says_why_a_loan_cannot_be_computed(client):
    url = ("/assess/result?_done=lender-kind&lender.kind=microloan&_done=loan-figures&loan.principal=10000"
           "&loan.received=20000&loan.contract_date=2025-01-01&loan.months=12&loan.monthly_payment=1000")
    text = re.sub(r"<[^>]+>", "", client.get(url).text)
    m = re.search(r"无法计算：([^\n]*)", text)
    assert m and "不能大于" in m.group(1)
