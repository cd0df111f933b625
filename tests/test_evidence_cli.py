"""`xiezhi evidence ...` end to end through the CLI, human and --json output."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app

PNG = b"\x89PNG\r\n\x1a\n" + b"\x07" * 200


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    monkeypatch.delenv("XIEZHI_PASSPHRASE", raising=False)
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, ["evidence", *args])
        assert result.exit_code == code, (result.output, result.exception)
        return result.output

    return run


def test_add_list_show_correct_verify_export(cli, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(PNG)
    out = cli("add", "--kind", "sms", "--at", "2026-03-14 23:10", "--from", "17000001234",
              "--text", "再不还钱就去你公司找你领导", "--file", str(shot))
    assert "已记录第 1 条" in out and "shot.png" in out
    rec = json.loads(cli("add", "--kind", "call", "--at", "2026/3/15 9:00", "--from", "95000", "--duration", "60",
                         "--org", "某某调解中心", "--lender", "乙花", "--json"))
    assert rec["seq"] == 2 and rec["content"]["counterpart"]["organisation"] == "某某调解中心"
    listing = cli("list")
    assert "#1" in listing and "#2" in listing and "再不还钱" in listing
    items = json.loads(cli("list", "--lender", "乙花", "--json"))
    assert [i["seq"] for i in items] == [2]
    assert [i["seq"] for i in json.loads(cli("list", "--until", "2026-03-14", "--json"))] == [1]
    out = cli("correct", "1", "--text", "再不还钱就去你公司找你领导和同事", "--reason", "补全原文")
    assert "已追加第 3 条" in out
    show = cli("show", "1")
    assert "已更正" in show and "补全原文" in show and "和同事" in show
    assert json.loads(cli("show", "1", "--json"))["history"] == [1, 3]
    cli("correct", "2", "--withdraw", "--reason", "打错了")
    assert [i["seq"] for i in json.loads(cli("list", "--json"))] == [1]
    assert "校验通过" in cli("verify")
    report = json.loads(cli("verify", "--json"))
    assert report["ok"] and report["records"] == 4
    out_dir = tmp_path / "export"
    exp = json.loads(cli("export", "--format", "html", "--out", str(out_dir), "--json"))
    assert exp["items"] == 1 and Path(exp["path"]).exists()
    assert "导出清单校验通过" in cli("verify", "--manifest", str(out_dir / "manifest.json"))
    exp = json.loads(cli("export", "--format", "zip", "--out", str(tmp_path / "e.zip"), "--json"))
    assert json.loads(cli("verify", "--manifest", exp["path"], "--json"))["ok"]


def test_verify_reports_the_first_broken_link_and_exits_1(cli, tmp_path: Path) -> None:
    for i in range(3):
        cli("add", "--kind", "sms", "--at", f"2026-03-1{i + 1} 10:00", "--text", f"消息{i}")
    db = sqlite3.connect(tmp_path / "home" / "xiezhi.sqlite3")
    db.execute("UPDATE evidence_records SET body = replace(body, '消息1', '消息9') WHERE seq = 2")
    db.commit()
    db.close()
    out = cli("verify", code=1)
    assert "校验未通过" in out and "第一处问题：第 2 条记录被改动" in out
    report = json.loads(cli("verify", "--json", code=1))
    assert report["problems"][0]["seq"] == 2 and report["problems"][0]["code"] == "record_changed"


def test_bad_input_exits_2_in_chinese(cli, tmp_path: Path) -> None:
    bad = tmp_path / "a.png"
    bad.write_bytes(b"MZ" + b"\x00" * 64)
    result = CliRunner().invoke(app, ["evidence", "add", "--kind", "sms", "--at", "2026-03-14", "--file", str(bad)])
    assert result.exit_code == 2 and "不是支持的文件类型" in result.output
    result = CliRunner().invoke(app, ["evidence", "add", "--kind", "sms", "--at", "昨天晚上"])
    assert result.exit_code == 2 and "无法识别" in result.output
    result = CliRunner().invoke(app, ["evidence", "show", "42"])
    assert result.exit_code == 2 and "没有第 42 条" in result.output
    result = CliRunner().invoke(app, ["evidence", "list", "--kind", "fax"])
    assert result.exit_code == 2 and "未知的类型" in result.output
    result = CliRunner().invoke(app, ["evidence", "export", "--format", "odt"])
    assert result.exit_code == 2 and "不支持的导出格式" in result.output


def test_passphrase_from_environment(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import xiezhi.evidence.crypto as crypto

    fast = crypto.KdfParams.new(time_cost=1, memory_cost=8192, parallelism=1)
    monkeypatch.setattr(crypto.KdfParams, "new", classmethod(lambda cls, **kw: fast))
    monkeypatch.setenv("XIEZHI_PASSPHRASE", "口令一")
    cli("add", "--kind", "sms", "--at", "2026-03-14 10:00", "--text", "加密的内容")
    assert "加密的内容" in cli("list")
    monkeypatch.setenv("XIEZHI_PASSPHRASE", "口令二")
    assert "口令不正确" in cli("list", code=2)
    monkeypatch.delenv("XIEZHI_PASSPHRASE")
    assert "证据库已加密" in cli("list", code=2)
    assert "校验通过" in cli("verify")


def test_every_command_has_chinese_help(cli) -> None:
    for cmd in ("add", "list", "show", "import", "correct", "verify", "export"):
        out = cli(cmd, "--help")
        assert "--json" in out
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out.split("Options")[0]), cmd


def test_correct_refuses_what_web_and_api_refuse(cli) -> None:
    """No-op corrections, old versions and withdrawn items: a Chinese message, exit code 2, nothing appended."""
    def refused(*args: str) -> str:
        result = CliRunner().invoke(app, ["evidence", "correct", *args])
        assert result.exit_code == 2, (result.output, result.exception)
        return result.output

    cli("add", "--kind", "sms", "--at", "2026-03-14 23:10", "--from", "17000001234", "--text", "再不还钱就上门")
    out = refused("1", "--text", " 再不还钱就上门 ", "--from", "17000001234", "--at", "2026-03-14 23:10",
                  "--kind", "sms", "--reason", "没改")
    assert "没有改动任何内容" in out and "--withdraw" in out
    assert "没有改动任何内容" in refused("1", "--reason", "什么都没给")
    assert "更正的原因" in refused("1", "--text", "新内容") and "--reason" in refused("1", "--text", "新内容")
    assert "500 字以内" in refused("1", "--text", "新内容", "--reason", "长" * 501)
    assert "撤回的原因" in refused("1", "--withdraw", "--reason", "  ")
    assert "未知的证据类型：fax" in refused("1", "--kind", "fax", "--reason", "r")
    assert json.loads(cli("verify", "--json"))["records"] == 1  # none of the refusals appended anything

    cli("correct", "1", "--text", "今晚就上门", "--reason", "补全原文")  # appends #2
    out = refused("1", "--text", "又改", "--reason", "r")
    assert "旧内容" in out and "#2" in out
    assert "旧内容" in refused("1", "--withdraw", "--reason", "r")
    cli("correct", "2", "--withdraw", "--reason", "记错了")  # appends #3
    for seq in ("1", "2", "3"):
        assert "已经撤回" in refused(seq, "--text", "再改", "--reason", "r")
        assert "已经撤回" in refused(seq, "--withdraw", "--reason", "r")
    assert "没有第 9 条" in refused("9", "--text", "x", "--reason", "r")
    report = json.loads(cli("verify", "--json"))
    assert report["ok"] and report["records"] == 3


def test_correct_with_only_a_file_is_a_change(cli, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    shot.write_bytes(PNG)
    cli("add", "--kind", "sms", "--at", "2026-03-14 23:10", "--text", "再不还钱就上门")
    assert "已追加第 2 条" in cli("correct", "1", "--file", str(shot), "--reason", "补上截图")
    assert json.loads(cli("show", "2", "--json"))["current"]["attachments"][0]["name"] == "shot.png"
