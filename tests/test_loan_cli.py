"""`xiezhi loan`: JSON keys as in the issue, readable Chinese report, exit code 2 on bad input."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app

ISSUE_KEYS = {
    "apr", "apr_method", "nominal_rate", "total_cost", "principal_recognized", "cap", "cap_basis",
    "exceeds_cap", "exceeds_24", "over_36", "protected", "legally_owed", "claimed_excess", "notes", "citations",
}
CASE = {
    "lender_type": "private",
    "contract_date": "2024-03-01",
    "principal": 10000,
    "received": 8000,
    "schedule": {"method": "equal_installment", "annual_rate": 0.18, "periods": 12, "period": "month"},
    "fees": [{"name": "服务费", "amount": 300, "when": "2024-04-01"}],
    "paid": [{"date": "2024-04-01", "amount": 950}],
    "claimed": {"as_of": "2025-01-10", "amount": 12345},
}


@pytest.fixture()
def runner():
    return CliRunner()


def test_json_output_has_the_issue_keys(runner, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["loan", "--input", str(path), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert set(data) >= ISSUE_KEYS
    assert {"rule", "lpr", "lpr_date", "citations"} <= set(data["cap_basis"])
    assert {"as_of", "amount", "breakdown"} <= set(data["legally_owed"])
    assert data["legally_owed"]["as_of"] == "2025-01-10"
    assert data["principal_recognized"] == "8000.00"
    assert data["cap"] == "0.138000" and data["exceeds_cap"] is True
    assert float(data["claimed_excess"]) > 0


def test_yaml_input_gbk_and_flags_override(runner, tmp_path):
    import yaml

    path = tmp_path / "case.yaml"
    path.write_bytes(yaml.safe_dump(CASE, allow_unicode=True).encode("gbk"))
    r = runner.invoke(app, ["loan", "-i", str(path), "--lender", "bank", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["lender_type"] == "bank" and data["cap"] == "0.240000"


def test_human_report_is_readable_chinese(runner):
    r = runner.invoke(app, [
        "loan", "--principal", "10000", "--received", "8000", "--rate", "18%", "--periods", "12",
        "--contract-date", "2024年3月1日", "--lender", "private", "--fee", "服务费=300@2024/4/1",
        "--paid", "2024-04-01:950", "--claimed", "2025-01-10:12345",
    ])
    assert r.exit_code == 0, r.output
    for needle in ("还款计划", "真实年化成本", "月IRR×12", "法定上限", "13.8%", "受保护", "依法应还", "对方主张", "依据",
                   "private-lending-provisions:25"):
        assert needle in r.output, needle


def test_flags_without_input_use_today_when_no_date(runner):
    r = runner.invoke(app, ["loan", "--principal", "1000", "--rate", "0.1", "--periods", "3",
                            "--contract-date", "2024-01-01", "--lender", "bank", "--json"])
    assert r.exit_code == 0, r.output
    from datetime import date

    assert json.loads(r.output)["legally_owed"]["as_of"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--principal", "-5", "--rate", "18%", "--periods", "12", "--contract-date", "2024-03-01"], "必须大于 0"),
        (["--principal", "1000", "--rate", "18%", "--periods", "0", "--contract-date", "2024-03-01"], "期数"),
        (["--principal", "1000", "--rate", "18%", "--periods", "12", "--contract-date", "2024-13-45"], "日期不存在"),
        (["--principal", "1000", "--rate", "18%", "--periods", "12", "--contract-date", "明天"], "无法识别的日期"),
        (["--principal", "1000", "--rate", "abc", "--periods", "12", "--contract-date", "2024-03-01"], "年利率"),
        (["--principal", "1000", "--rate", "18%", "--periods", "12", "--contract-date", "2024-03-01",
          "--paid", "2024-01-01:100"], "早于合同日期"),
        (["--principal", "1000", "--rate", "18%", "--periods", "12", "--contract-date", "2024-03-01",
          "--paid", "2024-04-01"], "日期:金额"),
        (["--principal", "1000"], "--contract-date"),
        (["--input", "/nonexistent/case.json"], "找不到文件"),
    ],
)
def test_bad_input_exits_2_with_chinese_message(runner, args, needle):
    r = runner.invoke(app, ["loan", *args])
    assert r.exit_code == 2, r.output
    assert needle in r.output
    assert "Traceback" not in r.output


def test_empty_schedule_and_broken_files_exit_2(runner, tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"contract_date": "2024-03-01", "principal": 1000, "payments": []}', encoding="utf-8")
    r = runner.invoke(app, ["loan", "-i", str(p)])
    assert r.exit_code == 2 and "是空的" in r.output
    p.write_text("{not json", encoding="utf-8")
    r = runner.invoke(app, ["loan", "-i", str(p)])
    assert r.exit_code == 2 and "无法解析" in r.output
    y = tmp_path / "b.yaml"
    y.write_text("contract_date: 2024-03-01\nprincipal: 1\nprincipal: 2\n", encoding="utf-8")
    r = runner.invoke(app, ["loan", "-i", str(y)])
    assert r.exit_code == 2 and "duplicate key" in r.output


def test_every_loan_citation_resolves_and_instruments_have_no_fake_ids(runner, tmp_path):
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    case = dict(CASE, lender_type="unlicensed")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["loan", "-i", str(path), "--json"]).output)
    kinds = {c["kind"] for c in data["citations"]}
    assert kinds == {"article", "instrument"}
    for c in data["citations"]:
        if c["kind"] == "article":
            assert corpus.article(c["id"]).text == c["text"]
        else:
            assert c["id"] is None and c["status"] in {"V", "S", "A", "B", "U"}
    displays = " ".join(c["display"] for c in data["citations"])
    assert "〔2021〕第3号" in displays  # the PBOC annualised-rate notice, cited by name with status U


def test_every_loan_and_params_option_is_documented():
    from pathlib import Path

    import typer.main

    doc = (Path(__file__).parents[1] / "docs" / "loan.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name in ("loan", "params"):
        cmd = group.commands[name]
        assert name in doc and cmd.help
        subs = getattr(cmd, "commands", {name: cmd})
        for sub in subs.values():
            assert sub.help, sub.name
            for param in sub.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("--") and opt != "--help":
                        assert f"`{opt}`" in doc or f"{opt} " in doc, f"{opt} of {sub.name} not in docs/loan.md"


def test_models_have_json_schemas_for_the_api():
    from xiezhi.loan import LoanAssessment, LoanInput

    out = LoanAssessment.model_json_schema()
    assert set(out["properties"]) >= ISSUE_KEYS
    assert {"contract_date", "principal", "payments", "schedule"} <= set(LoanInput.model_json_schema()["properties"])


STATUS_CODE = re.compile(r"状态\s*[VSABU]\b|\[[VSABU]\]|（[VSABU]）|\b[VSABU]\s*[:：]")


@pytest.mark.parametrize("lender_type", ["private", "microloan", "unknown", "unlicensed"])
def test_notes_say_unverified_in_plain_chinese_and_json_keeps_the_code(runner, tmp_path, lender_type):
    case = {**CASE, "lender_type": lender_type,
            "schedule": {**CASE["schedule"], "annual_rate": 0.45}}  # over 36 %: the criminal-lending note too
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    data = json.loads(runner.invoke(app, ["loan", "--input", str(path), "--json"]).output)
    text = "\n".join(data["notes"]) + data["cap_basis"]["explanation"]
    assert not STATUS_CODE.search(text), STATUS_CODE.search(text)
    assert "还没有找到官方原文核对" in text and "仅供参考" in text
    instruments = [c for c in data["citations"] if c["kind"] == "instrument"]
    assert instruments and all(c["status"] in "VSABU" and c["status_text"] for c in instruments)
    human = runner.invoke(app, ["loan", "--input", str(path)])
    assert human.exit_code == 0 and not STATUS_CODE.search(human.output), STATUS_CODE.search(human.output)
    assert "本工具没有收录这份文件的原文" in human.output
