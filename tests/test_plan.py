"""Repayment plan: protected amounts, order, warnings, CLI; arithmetic by property tests."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from xiezhi.errors import InputError
from xiezhi.plan import load_plan_input, make_plan, parse_plan_input
from xiezhi.plan.allocate import build_schedule

CASES = Path(__file__).parent / "cases" / "plan"
TODAY = date(2026, 11, 28)


def _plan(**kw):
    data = {"monthly_income": 6000, "essential_costs": 4000, "start": "2027-01-01",
            "debts": [{"platform": "甲", "principal": 5000, "claimed_charges": 500}]}
    data.update(kw)
    return make_plan(parse_plan_input(data), today=TODAY)


def test_sample_case_budget_order_and_totals() -> None:
    r = make_plan(load_plan_input(CASES / "three-debts.yaml"), today=TODAY)
    assert r.budget == Decimal("2300.00")
    assert r.debts[0].platform == "乙消费金融"  # illegal collection comes first
    assert r.debts[0].over_cap and r.debts[0].basis == "cap_estimate"
    assert r.debt("丙小贷App").basis == "claimed_only" and r.debt("丙小贷App").protected_amount is None
    assert r.complete and r.months_to_clear == len(r.schedule)
    assert r.total_paid == r.total_target
    codes = {w.code for w in r.warnings}
    assert {"budget_below_contract", "unofficial_account", "claimed_only"} <= codes
    assert r.chart_svg.startswith("<svg") and "<script" not in r.chart_svg and "甲银行信用贷" in r.chart_svg


def test_cap_estimate_matches_hand_calculation() -> None:
    # bank loan, 18% < 24% line: protected overdue charges = 18000 × 18% × 95 / 365 = 843.29
    r = make_plan(load_plan_input(CASES / "three-debts.yaml"), today=TODAY)
    d = r.debt("甲银行信用贷")
    assert d.cap == Decimal("0.24")
    assert d.protected_charges == Decimal("843.29")
    assert d.protected_amount == Decimal("18843.29")
    assert d.unprotected == Decimal("1756.71")


def test_private_loan_uses_four_times_lpr() -> None:
    r = _plan(debts=[{"platform": "朋友", "lender_type": "private", "principal": 10000, "claimed_charges": 5000,
                      "days_overdue": 365, "contract_date": "2021-03-01", "annual_rate": "24%"}])
    d = r.debts[0]
    assert d.cap == Decimal("0.154")  # 4 × 3.85% LPR of 2021-02-22
    assert d.protected_charges == Decimal("1540.00") and d.over_cap
    assert "private-lending-provisions:25" in d.citations


def test_unlicensed_lender_is_explained_and_cited() -> None:
    r = _plan(debts=[{"platform": "黑口子", "lender_type": "unlicensed", "principal": 2000, "claimed_charges": 3000,
                      "days_overdue": 30, "contract_date": "2025-06-01", "annual_rate": "300%"},
                     {"platform": "银行", "lender_type": "bank", "principal": 2000}])
    d = r.debt("黑口子")
    assert d.priority == 2 and d.over_cap  # licensed lenders are negotiated first
    assert {"private-lending-provisions:13", "civil-code:157"} <= set(d.citations)
    assert "unlicensed_lender" in {w.code for w in r.warnings}


def test_full_loan_description_uses_loan_assessment() -> None:
    loan = {"lender_type": "private", "contract_date": "2024-03-01", "principal": 10000,
            "schedule": {"method": "bullet", "annual_rate": "10%", "periods": 12}, "as_of": "2025-03-01"}
    r = _plan(debts=[{"platform": "老乡", "lender_type": "private", "principal": 10000, "claimed_charges": 3000,
                      "loan": loan}])
    d = r.debts[0]
    assert d.basis == "loan_assessment"
    assert d.protected_amount == Decimal("11000.00")


def test_zero_budget_warns_and_schedules_nothing() -> None:
    r = _plan(monthly_income=3000, essential_costs=3500)
    assert r.budget == 0 and r.schedule == [] and r.months_to_clear is None and not r.complete
    w = {x.code: x for x in r.warnings}["budget_below_essentials"]
    assert w.level == "danger" and "12348" in w.message


def test_borrowing_to_repay_and_long_plan_warnings() -> None:
    r = _plan(monthly_income=4100, borrowing_to_repay=True)
    codes = {w.code for w in r.warnings}
    assert "borrowing_to_repay" in codes and r.months_to_clear == 55
    r = _plan(monthly_income=4050)
    assert "long_plan" in {w.code for w in r.warnings} and r.months_to_clear == 110
    r = _plan(monthly_income=4010)
    assert not r.complete and "not_cleared" in {w.code for w in r.warnings}


@pytest.mark.parametrize(("data", "needle"), [
    ({"monthly_income": 1, "essential_costs": 0, "debts": []}, "债务 debts"),
    ({"monthly_income": "很多", "essential_costs": 0, "debts": [{"platform": "a", "principal": 1}]}, "不是数字"),
    ({"monthly_income": 1, "essential_costs": 0, "debts": [{"platform": "a", "principal": -5}]}, "尚欠本金"),
    ({"monthly_income": 1, "essential_costs": 0, "debts": [{"platform": "a", "principal": 1, "colour": 1}]},
     "不认识这一项"),
    ({"monthly_income": 1, "essential_costs": 0,
      "debts": [{"platform": "a", "principal": 1}, {"platform": "a", "principal": 2}]}, "平台名称重复"),
    ({"monthly_income": 1, "essential_costs": 0,
      "debts": [{"platform": "a", "principal": 1, "contract_date": "2024-02-30"}]}, "日期不存在"),
    ({"monthly_income": 1, "essential_costs": 0,
      "debts": [{"platform": "a", "principal": 1, "loan": {"principal": 1}}]}, "借款信息 loan 有问题"),
])
def test_bad_input_gives_chinese_message(data, needle) -> None:
    with pytest.raises(InputError) as exc:
        make_plan(parse_plan_input(data), today=TODAY)
    assert needle in str(exc.value)


def test_contract_older_than_the_rules_falls_back_to_the_claimed_figure() -> None:
    r = _plan(debts=[{"platform": "老账", "lender_type": "private", "principal": 1000, "claimed_charges": 800,
                      "contract_date": "2010-01-01"}])
    d = r.debts[0]
    assert d.basis == "claimed_only" and d.target == Decimal("1800") and "2015年9月1日" in d.notes[0]


def test_cli_report_json_and_exit_2(tmp_path) -> None:
    from xiezhi.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["plan", "--input", str(CASES / "three-debts.yaml")])
    assert res.exit_code == 0 and "建议的每月还款" in res.output
    svg = tmp_path / "c.svg"
    res = runner.invoke(app, ["plan", "--input", str(CASES / "three-debts.yaml"), "--json", "--svg", str(svg)])
    data = json.loads(res.output)
    assert data["budget"] == "2300.00" and data["debts"][0]["platform"] == "乙消费金融"
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    bad = tmp_path / "bad.yaml"
    bad.write_text("monthly_income: 10\nessential_costs: 0\ndebts:\n  - platform: a\n    principal: abc\n",
                   encoding="utf-8")
    res = runner.invoke(app, ["plan", "--input", str(bad)])
    assert res.exit_code == 2 and "不是数字" in res.output


def test_svg_escapes_platform_names() -> None:
    r = _plan(debts=[{"platform": "<script>alert(1)</script>&", "principal": 100}])
    assert "<script>" not in r.chart_svg and "&lt;script&gt;" in r.chart_svg


# ---------------------------------------------------------------- properties

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("200000"), places=2)


@settings(max_examples=150, deadline=None)
@given(budget=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("30000"), places=2),
       targets=st.lists(money, min_size=1, max_size=8))
def test_schedule_properties(budget: Decimal, targets: list[Decimal]) -> None:
    names = [f"d{i}" for i in range(len(targets))]
    t = dict(zip(names, targets, strict=True))
    rows = build_schedule(budget, t, names, date(2027, 1, 1), 600)
    paid = dict.fromkeys(names, Decimal(0))
    for r in rows:
        assert r.total <= budget  # never exceeds the budget
        assert r.total == sum(r.payments.values())
        for n, v in r.payments.items():
            assert v >= 0 and v == v.quantize(Decimal("0.01"))
            paid[n] += v
            assert r.remaining[n] == t[n] - paid[n] >= 0  # totals reconcile to the cent, no overpayment
    if rows and all(v == 0 for v in rows[-1].remaining.values()):
        assert paid == t  # each debt paid off exactly
        assert all(r.total == budget for r in rows[:-1])  # the budget is used in full until the end
    else:
        assert len(rows) == 600


@settings(max_examples=60, deadline=None)
@given(income=money, costs=money, debts=st.lists(
    st.tuples(money, st.decimals(min_value=0, max_value=Decimal("50000"), places=2), st.integers(0, 900)),
    min_size=1, max_size=5))
def test_make_plan_properties(income, costs, debts) -> None:
    data = {"monthly_income": str(income), "essential_costs": str(costs), "start": "2027-01-01",
            "debts": [{"platform": f"平台{i}", "principal": str(p), "claimed_charges": str(c), "days_overdue": d,
                       "contract_date": "2023-06-01", "lender_type": "bank" if i % 2 else "private"}
                      for i, (p, c, d) in enumerate(debts)]}
    r = make_plan(parse_plan_input(data), today=TODAY)
    assert r.budget == max(Decimal(0), income - costs)
    for d in r.debts:
        assert d.principal <= d.protected_amount <= d.claimed_total
        assert d.unprotected == d.claimed_total - d.protected_amount
    assert r.total_paid == sum((row.total for row in r.schedule), Decimal(0))
    assert all(row.total <= r.budget for row in r.schedule)
    if r.complete:
        assert r.total_paid == r.total_target
        assert sorted(d.priority for d in r.debts) == list(range(1, len(debts) + 1))
