"""`xiezhi law …` end to end: output, JSON shape and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_show_human() -> None:
    r = run("law", "show", "民法典", "680")
    assert r.exit_code == 0
    assert "《中华人民共和国民法典》第六百八十条" in r.output
    assert "禁止高利放贷" in r.output
    assert "第十二章 借款合同" in r.output
    assert "2021-01-01" in r.output


def test_show_json_shape() -> None:
    r = run("law", "show", "刑法第二百九十三条之一", "--json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["id"] == "criminal-law:293-1"
    assert data["article"] == "293-1"
    assert data["instrument"] == "中华人民共和国刑法"
    assert data["instrument_slug"] == "criminal-law"
    assert data["display"] == "《中华人民共和国刑法》第二百九十三条之一"
    assert data["effective"] == "1997-10-01"
    assert data["text"].startswith("有下列情形之一，催收高利放贷")
    assert {"version", "text"} <= set(data)


def test_show_on_date_picks_version() -> None:
    old = json.loads(run("law", "show", "治安管理处罚法第四十二条", "--on", "2025-06-01", "--json").output)
    new = json.loads(run("law", "show", "治安管理处罚法第四十二条", "--on", "2026-06-01", "--json").output)
    assert old["instrument_slug"] == "public-security-punishments-law-2012"
    assert new["instrument_slug"] == "public-security-punishments-law"
    assert old["text"] != new["text"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("law", "show", "劳动法", "5"), "未收录"),
        (("law", "show", "民法典第0条"), "没有第零条"),
        (("law", "show", "民法典第99999条"), "共 1260 条"),
        (("law", "search", ""), "搜索内容为空"),
        (("law", "show", "民法典", "680", "--on", "2024-13-45"), "日期"),
        (("law", "search", "催收", "--top", "0"), "--top"),
    ],
)
def test_bad_input_exits_2_with_chinese_message(args: tuple[str, ...], message: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_search_json_has_scores_in_order() -> None:
    r = run("law", "search", "借款", "利息", "预先", "扣除", "--top", "5", "--json")
    assert r.exit_code == 0
    items = json.loads(r.output)
    assert len(items) == 5
    assert items[0]["id"] in {"civil-code:670", "private-lending-provisions:26"}
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True)


def test_search_file_one_json_per_line(tmp_path) -> None:
    f = tmp_path / "q.txt"
    f.write_bytes("征信 异议\n\n催收 第三人\n".encode("gbk"))
    r = run("law", "search", "--file", str(f), "--top", "2")
    assert r.exit_code == 0
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert [x["query"] for x in lines] == ["征信 异议", "", "催收 第三人"]
    assert lines[0]["results"][0]["id"] == "credit-reporting-regulation:25"
    assert lines[1]["results"] == []


def test_list_json() -> None:
    data = json.loads(run("law", "list", "--json").output)
    slugs = {d["slug"] for d in data}
    assert {"civil-code", "criminal-law", "public-security-punishments-law-2012"} <= slugs


def test_cite_reports_errors_with_exit_2() -> None:
    r = run("law", "cite", "依据民法典第680条和民法典第9999条", "--json")
    assert r.exit_code == 2
    data = json.loads(r.output)
    assert [c["id"] for c in data["citations"]] == ["civil-code:680"]
    assert len(data["errors"]) == 1


def test_console_script_exit_code() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "xiezhi.cli", "law", "show", "民法典第0条"],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert "错误" in proc.stderr


def test_keyword_and_question_queries_take_different_paths() -> None:
    from xiezhi.law.query import is_keyword_query

    assert is_keyword_query("征信 异议")
    assert not is_keyword_query("催收人员说要上门，我能不让他们进门吗")
    assert not is_keyword_query("征信")
