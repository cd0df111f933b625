"""Dated parameters: strict loader, lookups by date, and every citation resolving in the corpus."""

from __future__ import annotations

import json
import textwrap
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app
from xiezhi.params import NotCovered, ParamError, get_params, load_params


@pytest.fixture(scope="module")
def params():
    return get_params()


def _tree(tmp_path: Path, body: str, name: str = "rate.yaml") -> Path:
    (tmp_path / "grp").mkdir()
    (tmp_path / "grp" / "index.yaml").write_text("description: 测试\n", encoding="utf-8")
    (tmp_path / "grp" / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


GOOD = """\
description: 测试利率
unit: percent
checked_on: 2026-11-28
values:
  2020-01-01: {value: "1.5", status: V, source: s, citations: [civil-code:680]}
  2021-01-01: {value: "2", status: U, source: s, citations: [civil-code:680]}
  2022-01-01: null
"""


def test_good_tree_loads_and_looks_up_by_date(tmp_path):
    ps = load_params(_tree(tmp_path, GOOD))
    p = ps["grp.rate"]
    assert p.at(date(2020, 6, 1)).value == Decimal("1.5")
    assert p.at(date(2021, 1, 1)).value == Decimal("2")
    assert p.at(date(2020, 12, 31)).effective_to == date(2021, 1, 1)
    with pytest.raises(NotCovered, match="最早只收录到 2020-01-01"):
        p.at(date(2019, 12, 31))
    with pytest.raises(NotCovered, match="2022-01-01 起不再适用"):
        p.at(date(2022, 1, 1))
    assert p.at(date(2021, 5, 1)).user_note and "尚未核实" in p.at(date(2021, 5, 1)).user_note


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (GOOD.replace("source: s, citations", "source: s, bogus: 1, citations", 1), "未知字段"),
        (GOOD.replace("unit: percent", "unit: percent\nunit: count"), "duplicate key"),
        (GOOD.replace("2021-01-01: {", "2020-01-01: {"), "duplicate key"),
        (GOOD.replace("2021-01-01:", "2021/01/01:"), "ISO"),
        (GOOD.replace("2021-01-01:", "2021-1-1:"), "ISO"),
        (GOOD.replace('value: "1.5"', "value: 1.5"), "字符串"),
        (GOOD.replace('value: "1.5"', 'value: "abc"'), "不是数字"),
        (GOOD.replace("status: V", "status: X"), "status"),
        (GOOD.replace("source: s, citations: [civil-code:680]}", "source: s}", 1), "citations"),
        (GOOD.replace("[civil-code:680]}", "[民法典第680条]}", 1), "条文编号格式"),
        (GOOD.replace("checked_on: 2026-11-28\n", ""), "缺少字段"),
        (GOOD.replace("unit: percent", "unit: furlongs"), "未知单位"),
    ],
)
def test_strict_loader_rejects_and_names_the_file(tmp_path, body, needle):
    with pytest.raises(ParamError) as err:
        load_params(_tree(tmp_path, body))
    assert needle in str(err.value)
    assert "rate.yaml" in str(err.value)


def test_folder_without_index_is_an_error(tmp_path):
    (tmp_path / "grp").mkdir()
    (tmp_path / "grp" / "rate.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ParamError, match=r"index\.yaml"):
        load_params(tmp_path)


def test_lpr_table_matches_the_spec_and_changes(params):
    one = params.get("lpr.one_year")
    assert len(one.values) == 88
    assert params.value("lpr.one_year", date(2019, 8, 20)).value == Decimal("4.25")
    assert params.value("lpr.one_year", date(2020, 8, 20)).value == Decimal("3.85")
    assert params.value("lpr.one_year", date(2021, 12, 19)).value == Decimal("3.85")
    assert params.value("lpr.one_year", date(2021, 12, 20)).value == Decimal("3.80")
    assert params.value("lpr.one_year", date(2024, 10, 20)).value == Decimal("3.35")
    assert params.value("lpr.one_year", date(2024, 10, 21)).value == Decimal("3.10")
    assert params.value("lpr.one_year", date(2025, 5, 20)).value == Decimal("3.00")
    assert params.value("lpr.five_year", date(2024, 2, 20)).value == Decimal("3.95")
    # The change list in the spec: every listed cut date is a key with a lower value than the day before.
    for d in ["2019-09-20", "2019-11-20", "2020-02-20", "2020-04-20", "2021-12-20", "2022-01-20",
              "2022-08-22", "2023-06-20", "2023-08-21", "2024-07-22", "2024-10-21", "2025-05-20"]:
        day = date.fromisoformat(d)
        before = params.value("lpr.one_year", date.fromordinal(day.toordinal() - 1)).value
        assert params.value("lpr.one_year", day).value < before, d


def test_unverified_values_keep_status_u_and_warn(params):
    v = params.value("lpr.one_year", date(2025, 9, 1))
    assert v.status == "U" and v.user_note and "还没有找到官方原文核对" in v.user_note
    assert "状态" not in v.user_note and "U" not in v.user_note  # the code stays in JSON (`status`), not in words
    assert v.status_text == "这个数值尚未核实：还没有找到官方原文核对，仅供参考"
    b = params.value("lpr.one_year", date(2026, 7, 1))
    assert b.user_note and "状态" not in b.user_note and "二手" in b.user_note
    assert params.value("lpr.one_year", date(2026, 7, 1)).status == "B"
    assert params.value("lpr.one_year", date(2025, 6, 1)).user_note is None


def test_caps_and_lines(params):
    at = params.at(date(2021, 3, 1))
    assert at.interest_cap.private_lending_lpr_multiple.value == Decimal("4")
    with pytest.raises(NotCovered):
        params.value("interest_cap.private_lending_lpr_multiple", date(2020, 8, 19))
    assert params.value("interest_cap.private_lending_old_supported", date(2020, 8, 19)).value == 24
    with pytest.raises(NotCovered):
        params.value("interest_cap.private_lending_old_supported", date(2020, 8, 20))
    assert params.value("interest_cap.financial_institution_line", date(2024, 1, 1)).value == 24
    assert params.value("interest_cap.criminal_illegal_lending_line", date(2024, 1, 1)).value == 36


def test_collection_thresholds_for_the_check_author(params):
    at = params.at(date(2026, 3, 1))
    assert at.collection.quiet_hours_start.value == time(22, 0)
    assert at.collection.quiet_hours_end.value == time(8, 0)
    assert at.collection.max_answered_calls_per_day.value == 3
    assert at.collection.max_call_attempts_per_day.value == 6
    for name in ("quiet_hours_start", "max_answered_calls_per_day", "max_call_attempts_per_day"):
        v = params.value(f"collection.{name}", date(2026, 3, 1))
        assert v.instruments and not v.citations  # named standards, never fake article ids
        assert all(i.status in "VSABU" for i in v.instruments)


def test_every_value_has_metadata(params):
    for p in params:
        for v in p.values:
            assert v.source and v.status and v.checked_on
            assert v.citations or v.instruments, (p.name, v.effective_from)


def test_every_citation_resolves_in_the_corpus(params):
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    seen = set()
    for p in params:
        for v in p.values:
            for cid in v.citations:
                art = corpus.article(cid)
                assert art.text.strip(), cid
                seen.add(cid)
    assert "private-lending-provisions:25" in seen
    # The quoted words of the 4x cap are in the article text.
    quote = params.value("interest_cap.private_lending_lpr_multiple", date(2021, 1, 1)).quote
    assert quote in corpus.article("private-lending-provisions:25").text


def test_cli_params_show_and_list():
    runner = CliRunner()
    r = runner.invoke(app, ["params", "show", "lpr", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert {d["name"] for d in data} == {"lpr.one_year", "lpr.five_year"}
    r = runner.invoke(app, ["params", "show", "lpr.one_year", "--on", "2024年3月1日"])
    assert r.exit_code == 0 and "3.45" in r.output
    r = runner.invoke(app, ["params", "show", "lpr.one_year", "--on", "2025-09-01"])
    assert "还没有找到官方原文核对" in r.output
    r = runner.invoke(app, ["params", "list", "--json"])
    assert r.exit_code == 0 and len(json.loads(r.output)) >= 12
    r = runner.invoke(app, ["params", "show", "no_such"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["params", "show", "lpr", "--on", "2019-01-01"])
    assert r.exit_code == 2 and "最早只收录到" in r.output
