"""Pasted chats with dates that carry no year ("11月28日 23:10", "昨天 23:10", "星期三 01:20", a bare "23:10" under a
day header) were refused outright (qa12). They are read against a reference date the user can set; every assumption
is shown; a time that may be day or night is never counted as a night contact."""

from __future__ import annotations

import os
import re
import time
from datetime import date, datetime

import pytest

from xiezhi.history import read_history, read_history_text
from xiezhi.history.thread import read_thread

REF = date(2026, 11, 29)  # a Sunday


def _times(text: str, reference: date = REF) -> list[datetime | None]:
    return [r.at for r in read_thread(text, reference=reference).records]


def test_month_day_without_year_is_the_most_recent_such_day():
    text = "11月28日 23:10 王主管：今晚必须把钱转过来\n11月28日 23:40 王主管：听见没有\n"
    assert _times(text) == [datetime(2026, 11, 28, 23, 10), datetime(2026, 11, 28, 23, 40)]
    # copied on 26 November, "11月28日" cannot be this year's (it has not come yet): it is last year's
    assert _times(text, date(2026, 11, 26))[0] == datetime(2025, 11, 28, 23, 10)
    # the reference day itself counts ("today" written as a month-day)
    assert _times("11月29日 08:05 王主管：还款日到了\n11月29日 08:06 王主管：请处理\n")[0] == datetime(2026, 11, 29, 8, 5)


def test_relative_days_and_weekdays():
    text = ("今天 09:00 王主管：早\n昨天 23:10 王主管：接电话\n前天 22:30 王主管：在吗\n"
            "星期三 01:20 王主管：再不回就上门\n周日 10:00 王主管：最后通知\n")
    assert _times(text) == [datetime(2026, 11, 29, 9, 0), datetime(2026, 11, 28, 23, 10), datetime(2026, 11, 27, 22, 30),
                            datetime(2026, 11, 25, 1, 20),
                            # the reference is a Sunday: "周日" is the one before (today would read "今天")
                            datetime(2026, 11, 22, 10, 0)]


def test_wechat_header_and_day_header_forms():
    header = "王主管 昨天 23:10\n今晚十二点前不还就等着\n我 昨天 23:15\n明天一定还\n"
    imp = read_thread(header, reference=REF)
    assert [(r.at, r.counterpart, r.direction, r.text) for r in imp.records] == [
        (datetime(2026, 11, 28, 23, 10), "王主管", "in", "今晚十二点前不还就等着"),
        (datetime(2026, 11, 28, 23, 15), "王主管", "out", "明天一定还")]
    day_header = "11月27日 星期五\n23:05 王主管：睡了吗\n23:50 王主管：别装死\n"
    assert _times(day_header) == [datetime(2026, 11, 27, 23, 5), datetime(2026, 11, 27, 23, 50)]
    bracketed = "[11/27 23:05] 王主管：睡了吗\n[11/27 23:50] 王主管：别装死\n"
    assert _times(bracketed) == [datetime(2026, 11, 27, 23, 5), datetime(2026, 11, 27, 23, 50)]


def test_words_that_begin_with_a_day_stay_in_the_message():
    """"昨天23:10你为什么不挂我电话" inside a message is its text, not a new message from nobody."""
    imp = read_thread("11月28日 09:00 王主管：说好的钱呢\n昨天23:10你为什么挂我电话\n昨天说好了今天还\n", reference=REF)
    assert len(imp.records) == 1 and "昨天23:10你为什么挂我电话" in imp.records[0].text and "昨天说好了" in imp.records[0].text


def test_an_impossible_day_is_reported_not_guessed():
    imp = read_thread("2月30日 10:00 王主管：还钱\n11月28日 10:00 王主管：还钱\n", reference=REF)
    assert [r.line for r in imp.records] == [2] and imp.issues[0].line == 1 and "不存在" in imp.issues[0].message


def test_leap_day_goes_back_to_the_last_leap_year():
    assert _times("2月29日 23:30 王主管：还钱\n2月29日 23:40 王主管：还钱\n")[0] == datetime(2024, 2, 29, 23, 30)


def test_the_assumption_is_in_the_report():
    imp = read_thread("11月28日 23:10 王主管：还钱\n星期三 01:20 王主管：还钱\n", reference=REF)
    note = " ".join(imp.notes)
    assert "按 2026 年理解" in note and "2026-11-29" in note and "11月28日 = 2026-11-28" in note
    assert "星期三 = 2026-11-25" in note
    assert read_thread("2026-11-28 23:10 王主管：还钱\n", reference=REF).notes == []  # full dates assume nothing
    last_year = read_thread("12月30日 23:10 王主管：还钱\n", reference=date(2026, 1, 5)).notes
    assert "按 2025 年理解" in last_year[0]


def test_ambiguous_twelve_hour_time_is_no_night_contact():
    """In a thread written with 上午/下午, "11:40" alone may be 11:40 or 23:40: read with no time, never as night."""
    from xiezhi.collection import analyze_history

    text = ("11月28日 下午11:10 王主管：再不还钱就去你单位\n11月28日 11:40 王主管：接电话\n"
            "11月28日 晚上11:50 王主管：接电话\n")
    imp = read_thread(text, reference=REF)
    assert [r.at for r in imp.records] == [datetime(2026, 11, 28, 23, 10), None, datetime(2026, 11, 28, 23, 50)]
    assert any("第 2 行" in n and "上午还是下午" in n for n in imp.notes)
    report = analyze_history(imp)
    assert report.night_contacts == 2 and report.records == 3
    assert any("第 2 行" in n for n in report.notes)
    # a 24-hour thread (no marker anywhere) keeps 11:40 as it is
    assert _times("11月28日 23:10 王主管：还钱\n11月28日 11:40 王主管：还钱\n")[1] == datetime(2026, 11, 28, 11, 40)


def test_a_file_reads_against_its_modification_date(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("昨天 23:10 王主管：还钱\n昨天 23:20 王主管：还钱\n", encoding="utf-8")
    stamp = time.mktime((2026, 3, 2, 12, 0, 0, 0, 0, -1))
    os.utime(path, (stamp, stamp))
    imp = read_history(path)
    assert imp.records[0].at == datetime(2026, 3, 1, 23, 10) and "文件的修改日期" in imp.notes[0]
    assert read_history(path, reference=date(2026, 5, 1)).records[0].at == datetime(2026, 4, 30, 23, 10)


def test_cli_today_option_and_note_in_output(tmp_path):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    path = tmp_path / "chat.txt"
    path.write_text("11月28日 23:10 王主管：不还钱明天就去你公司闹\n11月28日 23:40 王主管：接电话\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["check", "--file", str(path), "--today", "2026-11-29"])
    assert out.exit_code == 0, out.output
    assert re.search(r"说明：.*按 2026 年理解", out.output) and "2026-11-28" in out.output
    assert "夜间联系 2 次" in out.output
    future = CliRunner().invoke(app, ["check", "--file", str(path), "--today", "2062-11-29"])
    assert future.exit_code == 2 and "--today" in future.output and "还没有到" in future.output


@pytest.mark.parametrize("text", ["星期三我去了趟银行\n昨天说好了今天还", "11月28日 还款日\n记得还"])
def test_plain_text_with_day_words_is_not_a_thread(text):
    from xiezhi.history import pasted_thread

    assert pasted_thread(text, reference=REF) is None


def test_read_history_text_passes_the_reference():
    imp = read_history_text("昨天 23:10 王主管：还钱\n昨天 23:20 王主管：还钱\n", name="t.txt", reference=date(2026, 6, 2))
    assert imp.records[0].at == datetime(2026, 6, 1, 23, 10)


def test_bare_times_before_any_day_are_the_reference_day():
    """WeChat shows only "23:10" for today's messages; copied on the reference day, that is the day."""
    imp = read_thread("08:50 王主管：还钱\n09:10 王主管：还钱\n", reference=date(2026, 11, 20), reference_origin="你指定的")
    assert [r.at for r in imp.records] == [datetime(2026, 11, 20, 8, 50), datetime(2026, 11, 20, 9, 10)]
    assert "第 1、2 行只写了时间" in imp.notes[0] and "2026-11-20" in imp.notes[0]


def test_bare_times_that_cross_midnight_or_lie_ahead_get_no_time():
    crossed = read_thread("23:50 王主管：还钱\n01:10 王主管：还钱\n", reference=date(2026, 11, 20), reference_origin="你指定的")
    assert [r.at for r in crossed.records] == [None, None] and "跨过了午夜" in crossed.notes[0]
    from datetime import timedelta

    from xiezhi.history.daterefs import DayResolver

    today = DayResolver(date.today())  # a time not yet come today cannot be today's
    assert today.bare(1, datetime.now() + timedelta(hours=1)) is None and "晚于现在" in today.notes()[0]
    assert DayResolver(date.today()).bare(1, datetime.now() - timedelta(hours=1)) is not None
    # a bare time after a day that does not exist is still refused, not moved to the reference day
    bad = read_thread("2月30日\n23:10 王主管：还钱\n", reference=REF)
    assert bad.records == [] and len(bad.issues) == 2


def test_evidence_import_shows_what_its_times_rest_on(tmp_path, monkeypatch):
    """A record in the vault is kept for good: a chat's year-less dates, read against the file's date, are shown."""
    from typer.testing import CliRunner

    from xiezhi.cli import app

    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    monkeypatch.delenv("XIEZHI_PASSPHRASE", raising=False)
    path = tmp_path / "chat.txt"
    path.write_text("11月28日 23:10 王主管：今晚必须还\n11月28日 23:40 王主管：接电话\n", encoding="utf-8")
    stamp = time.mktime((2026, 11, 29, 12, 0, 0, 0, 0, -1))
    os.utime(path, (stamp, stamp))
    out = CliRunner().invoke(app, ["evidence", "import", str(path)])
    assert out.exit_code == 0, out.output
    assert "新增 2 条" in out.output and re.search(r"说明：.*文件的修改日期.*按 2026 年理解", out.output)
