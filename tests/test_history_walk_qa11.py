"""Defects found importing histories as a user would, on the CLI, the API and the page (qa11)."""

from __future__ import annotations

import json
import re

from conftest_api import is_problem

NO_RECORD = "编号,备注\n1,这不是通话记录\n".encode("gbk")


def test_api_refuses_a_history_with_no_readable_record(api):
    """The page and the CLI refuse it with the reasons; the API answered 200 with 0 records and no finding, which a
    client shows as 'no violation found'."""
    r = api.post("/api/v1/check/history", files={"file": ("log.csv", NO_RECORD, "text/csv")})
    is_problem(r, 400)
    assert "没有读到任何" in r.json()["detail"] and "第 1 行" in r.json()["detail"]


def test_cli_and_page_refuse_it_too(client, tmp_path):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    path = tmp_path / "log.csv"
    path.write_bytes(NO_RECORD)
    out = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert out.exit_code == 2 and "没有读到任何" in out.output
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": ""}, files={"file": ("log.csv", NO_RECORD, "text/csv")})
    assert page.status_code == 400 and "没有读到任何" in page.text


THREAD = ("催收-李经理 2026-03-01 23:10\n你再不还8000，明天就把你欠钱的事发到你们公司群里。\n\n"
          "我 2026-03-01 23:20\n我下周发工资就还一部分，求你别发。\n\n"
          "催收-李经理 2026-03-02 00:40\n别废话，明天中午前不到账就去你家。\n")


def test_utf16_without_bom_is_read_on_every_face(api, client, tmp_path):
    """A chat saved as 'Unicode' text without a BOM: the CLI read it, the page and the API called it not a text file."""
    from typer.testing import CliRunner

    from xiezhi.cli import app

    for data in (THREAD.encode("utf-16-le"), THREAD.encode("utf-16-be")):
        path = tmp_path / "chat.txt"
        path.write_bytes(data)
        cli = CliRunner().invoke(app, ["check", "--file", str(path), "--json"])
        assert cli.exit_code == 0, cli.output
        r = api.post("/api/v1/check/history", files={"file": ("chat.txt", data, "text/plain")})
        assert r.status_code == 200 and r.json()["records"] == 3
        assert r.json()["findings"] == json.loads(cli.stdout)["findings"]
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
        page = client.post("/check", data={"csrf": csrf, "text": ""}, files={"file": ("chat.txt", data, "text/plain")})
        assert page.status_code == 200 and "记录分析" in page.text


def test_binary_with_nul_bytes_is_still_refused(api):
    for data in (bytes(range(256)) * 20, b"\x00\x01" * 100):  # the second has UTF-16's NUL pattern
        is_problem(api.post("/api/v1/check/history", files={"file": ("x.csv", data, "text/csv")}), 415)


def test_history_page_says_where_to_go_once_per_kind(client):
    """Three cards of one kind repeated the same list of where to go three times (a four-message thread was 8,500 px
    long on a phone)."""
    from pathlib import Path

    data = (Path(__file__).parent / "data" / "check" / "night-sms.csv").read_bytes()
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": ""}, files={"file": ("n.csv", data, "text/csv")}).text
    kinds = re.search(r"发现 (\d+) 类可能违法", page).group(1)
    assert page.count('<div class="finding">') > int(kinds)  # some kind has several cards
    assert page.count("可以这样做：</strong>") == int(kinds)


def test_cli_history_shows_every_kind_even_after_many_messages(tmp_path):
    """`check --file` printed the first 30 findings in file order: a month of one threat filled them all with the
    first few messages, and the night contacts and daily counts (the history's own findings) were never shown."""
    from typer.testing import CliRunner

    from xiezhi.cli import app

    rows = [f"2026-03-{1 + i // 3:02d} {(7, 15, 23)[i % 3]:02d}:30,10690000123,接收,你再不还钱，明天就把你欠钱的事发到你们公司群里"
            for i in range(60)]
    path = tmp_path / "month.csv"
    path.write_text("时间,号码,类型,内容\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", "--file", str(path)]).stdout
    assert "【非时段催收】" in out and "【恐吓与软暴力威慑】" in out
    assert out.count("【恐吓与软暴力威慑】") == 3 and "同类还有" in out


def test_thread_with_the_time_on_its_own_line_takes_the_speaker_from_the_next():
    """'2026年3月1日 23:10' then '李经理：……': the sender was 未知 and '李经理：' part of the text, and the borrower's
    own '我：……' was counted as a message from 未知 (incoming)."""
    from xiezhi.history import read_history_text

    imp = read_history_text("2026年3月1日 23:10\n李经理：你再不还钱就等着\n2026年3月1日 23:40\n我：我下周还\n"
                            "2026-03-02 00:10\n李经理：明天去你单位\n注意：带上身份证", name="t.txt")
    assert [(r.counterpart, r.direction, r.text) for r in imp.records] == [
        ("李经理", "in", "你再不还钱就等着"), ("李经理", "out", "我下周还"), ("李经理", "in", "明天去你单位\n注意：带上身份证")]
