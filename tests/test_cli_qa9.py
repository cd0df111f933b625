"""The CLI frame around our Chinese help and errors is Chinese too, and long help is never cut off (qa9)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app

ENV = {"COLUMNS": "80", "TERMINAL_WIDTH": "80"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_help_frame_is_chinese_and_keeps_brackets(runner):
    out = runner.invoke(app, ["check", "--help"], env=ENV).output
    assert "选项" in out and "显示本帮助并退出" in out and "用法" in out
    assert "Show this message" not in out and "Options" not in out
    assert "xiezhi[ocr]" in out  # rich markup used to swallow "[ocr]"


def test_long_chinese_option_help_is_folded_not_cut(runner):
    out = runner.invoke(app, ["evidence", "add", "--help"], env=ENV).output
    options = out[out.index("--kind"):]
    assert "…" not in options
    assert "口令即启用加密" in options.replace("│", "").replace(" ", "").replace("\n", "")


@pytest.mark.parametrize(("args", "words"), [
    (["check", "再不还钱", "就上门"], "引号"),
    (["loan", "--periods", "abc"], "应当是整数"),
    (["check", "--foo"], "没有这个选项"),
])
def test_usage_errors_in_chinese_exit_2(runner, args, words):
    result = runner.invoke(app, args, env=ENV)
    assert result.exit_code == 2
    assert words in result.output


def test_check_accepts_the_chinese_words_of_its_help(runner):
    result = runner.invoke(app, ["check", "你是他的紧急联系人，替他还钱", "--recipient", "紧急联系人", "--lender", "小贷",
                                 "--rules-only", "--json"], env=ENV)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"]
    bad = runner.invoke(app, ["check", "x", "--recipient", "邻居"], env=ENV)
    assert bad.exit_code == 2 and "--recipient" in bad.output and "recipient_role" not in bad.output


def test_pasted_thread_argument_is_read_as_a_history(runner):
    thread = "".join(f"催收小王 2026-03-0{d} 23:10:00\n再不还钱就把你欠钱的事发到你们公司群里\n\n" for d in (1, 2, 3))
    result = runner.invoke(app, ["check", thread, "--json"], env=ENV)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["records"] == 3 and report["night_contacts"] == 3


def test_evidence_import_names_the_skipped_lines(runner, tmp_path):
    csv_text = ("时间,号码,类型,时长,内容\n2026-03-01 23:10,13800000000,来电,30,\n"
                "2026/13/40 10:00,13800000000,来电,30,\n昨天,13800000000,短信,,你再不还钱试试\n")
    f = tmp_path / "calls.csv"
    f.write_text(csv_text, encoding="utf-8")
    env = {**ENV, "XIEZHI_HOME": str(tmp_path / "home")}
    result = runner.invoke(app, ["evidence", "import", str(f)], env=env)
    assert result.exit_code == 0, result.output
    assert "第 3 行" in result.output and "第 4 行" in result.output and "昨天" in result.output
    blank = tmp_path / "blank.txt"
    blank.write_text("没有时间的一行\n", encoding="utf-8")
    result = runner.invoke(app, ["evidence", "import", str(blank)], env=env)
    assert result.exit_code == 2 and "没有读到任何" in result.output
