"""`xiezhi check` and `xiezhi batch` through the Typer app (same model as the core)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from xiezhi.cli import app

DATA = Path(__file__).parent / "data" / "check"
runner = CliRunner()


def test_check_text_human_output_quotes_and_cites():
    res = runner.invoke(app, ["check", "再不还钱就打断你的腿，你等着", "--sent-at", "2026-03-01 23:30"])
    assert res.exit_code == 0, res.output
    assert "暴力及人身威胁" in res.output and "非时段催收" in res.output
    assert "原话：“再不还钱就打断你的腿，你等着”" in res.output
    assert "《中华人民共和国治安管理处罚法》第五十条" in res.output
    assert "110" in res.output



def test_human_output_counts_characters_from_one():
    """People count the first character as 第 1 字; the JSON span stays a 0-based half-open offset pair."""
    text = "再不还钱就打断你的腿"
    js = json.loads(runner.invoke(app, ["check", text, "--json"]).output)
    start, end = js["findings"][0]["span"]
    assert (start, end) == (0, len(text))
    res = runner.invoke(app, ["check", text])
    assert f"（第 1–{len(text)} 字）" in res.output and "第 0–" not in res.output

def test_missing_metadata_is_asked_for_in_words_with_the_option_that_supplies_it():
    text = "您的借款已逾期，再不还款将上报征信，影响您以后贷款。"
    res = runner.invoke(app, ["check", text])
    assert res.exit_code == 0, res.output
    assert "待补充：" in res.output and "--lender" in res.output
    assert "lender_type" not in res.output  # the field key is for JSON only
    js = json.loads(runner.invoke(app, ["check", text, "--json"]).output)
    assert [n["field"] for n in js["needs_metadata"]] == ["lender_type"]


def test_check_json_matches_core():
    from xiezhi.collection import analyze

    args = ["check", "请转告张某尽快联系客服", "--recipient", "emergency_contact", "--json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0
    got = json.loads(res.output)
    want = json.loads(analyze("请转告张某尽快联系客服", {"recipient_role": "emergency_contact"}).model_dump_json())
    assert got == want
    assert set(got) == {"id", "labels", "severity", "findings", "needs_metadata"}
    assert set(got["findings"][0]) == {"category", "severity", "mode", "span", "quote", "explanation", "citations",
                                       "actions"}


def test_check_bad_option_is_exit_2_in_chinese():
    res = runner.invoke(app, ["check", "你好", "--recipient", "朋友"])
    assert res.exit_code == 2
    assert "取值无效" in res.output


def test_check_file_history_report():
    res = runner.invoke(app, ["check", "--file", str(DATA / "calls.csv"), "--json"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.output)
    assert "harassment_frequency" in rep["labels"]
    assert [i["line"] for i in rep["issues"]] == [8, 9]
    human = runner.invoke(app, ["check", "--file", str(DATA / "thread.txt")])
    assert "未读入：第 6 行" in human.output


def test_check_image_without_ocr_explains_install(tmp_path, monkeypatch):
    import xiezhi.ocr as ocr

    monkeypatch.setattr(ocr, "_engine", lambda: (_ for _ in ()).throw(ocr.OcrUnavailable("missing")))
    img = tmp_path / "shot.png"
    img.write_bytes(b"\x89PNG\r\n\x1a\n")
    res = runner.invoke(app, ["check", "--image", str(img)])
    assert res.exit_code == 2
    assert "pip install 'xiezhi[ocr]'" in res.output


def test_batch_streams_with_errors_reported(tmp_path):
    inp = tmp_path / "in.jsonl"
    lines = [{"id": "a", "text": "你等着，后果自负"},
             {"id": "b", "text": "您好，请还款", "sent_at": "2026-03-01 23:30", "recipient_role": "debtor"},
             "not json",
             {"id": "c"},
             {"id": "d", "text": "您好", "recipient_role": "朋友"}]
    inp.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                   encoding="utf-8")
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        res = runner.invoke(app, ["batch", str(inp), "-o", str(out), "--workers", workers, "--quiet"])
        assert res.exit_code == 0, res.output
        rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r.get("id") for r in rows] == ["a", "b", None, "c", "d"]
        assert rows[0]["labels"] == ["intimidation"] and rows[1]["labels"] == ["harassment_time"]
        assert [r["line"] for r in rows if "error" in r] == [3, 4, 5]


def test_batch_missing_input_is_exit_2(tmp_path):
    res = runner.invoke(app, ["batch", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 2
    assert "找不到输入文件" in res.output
