"""Property tests: the IRR recovers the rate a schedule was built with, and agrees with pyxirr."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xiezhi.errors import InputError
from xiezhi.loan import LoanInput, ScheduleSpec, assess_loan, build_schedule, irr, npv
from xiezhi.loan.ledger import simple_rate

pyxirr = pytest.importorskip("pyxirr", reason="pyxirr is the independent IRR used to cross-check ours")

rates = st.floats(min_value=0.0001, max_value=0.25, allow_nan=False)
counts = st.integers(min_value=1, max_value=60)
principals = st.floats(min_value=100, max_value=1e6, allow_nan=False)


def exact_flows(method: str, p: float, i: float, n: int) -> list[float]:
    """Unrounded lender cash flows (t = 0..n) of a schedule at periodic rate i."""
    if method == "equal_installment":
        pay = p * i / (1 - (1 + i) ** -n)
        return [-p] + [pay] * n
    if method == "equal_principal":
        part = p / n
        return [-p] + [part + (p - part * (k - 1)) * i for k in range(1, n + 1)]
    return [-p] + [p * i] * (n - 1) + [p * i + p]  # interest_only


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["equal_installment", "equal_principal", "interest_only"]), principals, rates, counts)
def test_irr_recovers_the_periodic_rate_and_agrees_with_pyxirr(method, p, i, n):
    flows = exact_flows(method, p, i, n)
    times = list(range(n + 1))
    ours = irr(times, flows)
    assert abs(ours - i) < 1e-9
    theirs = pyxirr.irr(flows)
    assert abs(ours - theirs) < 1e-9
    assert abs(npv(ours, times, flows)) < 1e-6 * p


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=100, max_value=1e5),
    st.lists(st.tuples(st.integers(1, 800), st.floats(min_value=1, max_value=5e4)), min_size=1, max_size=24),
    st.floats(min_value=1.0, max_value=1.6),
)
def test_daily_irr_agrees_with_pyxirr_xirr_on_irregular_dates(p, raw, markup):
    start = date(2024, 1, 1)
    days = sorted({d for d, _ in raw})
    amounts = [a for _, a in raw][: len(days)]
    scale = p * markup / sum(amounts)  # repay between 1.0x and 1.6x what was received
    amounts = [a * scale for a in amounts]
    d = irr([0, *days], [-p, *amounts])
    ours_effective = (1 + d) ** 365 - 1
    theirs = pyxirr.xirr([start] + [start + timedelta(days=x) for x in days], [-p, *amounts])
    assert abs(ours_effective - theirs) <= 1e-9 * max(1.0, abs(theirs))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["equal_installment", "equal_principal", "interest_only", "bullet"]),
    st.integers(1000000, 100000000).map(lambda c: Decimal(c) / 100),
    st.integers(0, 6000).map(lambda bp: Decimal(bp) / 10000),
    st.integers(1, 36),
    st.sampled_from(["month", "week", "day", 14, 30]),
)
def test_schedule_sums_and_assessed_rate_match_the_contract(method, principal, annual, n, period):
    spec = ScheduleSpec(method=method, annual_rate=annual, periods=n, period=period)
    rows = build_schedule(principal, date(2024, 1, 31), spec, Decimal(365))
    assert sum(r["amount"] for r in rows) == principal + sum(r["interest"] for r in rows)
    assert sum(r["principal"] for r in rows) == principal
    assert rows[-1]["balance"] == 0 and all(r["principal"] >= 0 for r in rows)
    result = assess_loan(LoanInput(lender_type="bank", contract_date=date(2024, 1, 31), principal=principal,
                                   schedule=spec))
    measured = result.simple_rate if method == "bullet" else result.apr
    assert abs(measured - annual) < Decimal("0.001")
    if annual <= Decimal("0.24"):
        assert result.protected.unprotected_charges == 0
        assert not result.exceeds_cap


@settings(max_examples=100, deadline=None)
@given(st.integers(1000, 50000), st.integers(1, 2400).map(lambda bp: bp / 10000), st.integers(2, 24))
@example(2723, 0.24, 20)  # the case hypothesis found: APR 24.0011 % from rounding, once flagged with 0.04 overpaid
def test_paying_exactly_per_plan_under_the_cap_leaves_nothing_owed(p, annual, n):
    spec = ScheduleSpec(method="equal_installment", annual_rate=Decimal(str(annual)), periods=n)
    rows = build_schedule(Decimal(p), date(2024, 3, 1), spec, Decimal(365))
    paid = [{"date": r["date"], "amount": r["amount"]} for r in rows]
    result = assess_loan(LoanInput.model_validate({
        "lender_type": "bank", "contract_date": "2024-03-01", "principal": p,
        "schedule": spec.model_dump(), "paid": paid}))
    # A plan at exactly the cap computes a hair above it when installments are rounded to the cent (p=2723, n=20:
    # APR 24.0011 %); loan.rounding reads that as at the cap, so paying the plan leaves nothing owed or overpaid.
    assert not result.exceeds_cap
    assert result.legally_owed.amount <= Decimal("0.02")
    assert result.legally_owed.breakdown.overpaid <= Decimal("0.02")


def test_simple_rate_of_a_bullet_is_its_simple_rate():
    assert abs(simple_rate(1000.0, [(0.5, 1060.0)]) - 0.12) < 1e-12


def test_irr_refuses_flows_without_a_sign_change():
    with pytest.raises(InputError):
        irr([0, 1], [100.0, 100.0])


def test_irr_handles_very_high_short_term_rates():
    # 7-day loan repaying 3x: periodic IRR 200%.
    assert abs(irr([0, 1], [-1000.0, 3000.0]) - 2.0) < 1e-12


@pytest.mark.parametrize("fee", ["800", "990"])
def test_absurd_one_day_loans_do_not_crash(fee):
    result = assess_loan(LoanInput.model_validate({
        "contract_date": "2024-03-01", "principal": 1000, "fees": [{"name": "服务费", "amount": fee}],
        "schedule": {"method": "bullet", "annual_rate": 0, "periods": 1, "period": "day"}}))
    net = 1000 - int(fee)
    assert abs(result.apr - Decimal(1000 - net) / net * 365) < Decimal("0.001")
    assert result.over_36 and result.exceeds_cap
    assert result.effective_rate is None or result.effective_rate > 10**100


def _paid_per_plan(principal: int, annual: str, n: int, lender_type: str = "bank"):
    spec = ScheduleSpec(method="equal_installment", annual_rate=Decimal(annual), periods=n)
    rows = build_schedule(Decimal(principal), date(2024, 3, 1), spec, Decimal(365))
    return assess_loan(LoanInput.model_validate({
        "lender_type": lender_type, "contract_date": "2024-03-01", "principal": principal,
        "schedule": spec.model_dump(), "paid": [{"date": r["date"], "amount": r["amount"]} for r in rows]}))


def test_cent_rounding_at_the_cap_is_at_the_cap():
    """Regression: 2,723 yuan over 20 months at exactly 24 % computes APR 24.0011 % because each installment is
    rounded to the cent; that is the cap, not above it (loan.rounding), and nothing is overpaid."""
    result = _paid_per_plan(2723, "0.24", 20)
    assert result.apr == Decimal("0.240011")  # the computed rate is still reported as computed
    assert not result.exceeds_cap and not result.exceeds_24 and not result.over_36
    assert result.protected.unprotected_charges == 0
    assert result.legally_owed.amount == 0
    assert result.legally_owed.breakdown.overpaid == 0
    assert any("四舍五入到分" in n for n in result.notes)


def test_a_real_excess_beyond_rounding_is_still_flagged():
    """The same loan at 24.01 %: 0.32 yuan over the cap, more than half a cent per installment (0.10) explains."""
    result = _paid_per_plan(2723, "0.2401", 20)
    assert result.exceeds_cap and result.exceeds_24
    assert result.protected.unprotected_charges == Decimal("0.32")
    assert result.legally_owed.breakdown.overpaid == Decimal("0.32")
    assert not any("四舍五入到分" in n for n in result.notes)


def test_cent_rounding_at_the_private_lending_cap():
    """The rule does not depend on which line: 4 x LPR (3.45 % on 2024-03-01, so 13.8 %) for a private loan."""
    results = [_paid_per_plan(p, "0.138", n, "private") for p in (1037, 2723, 4999) for n in (6, 12, 20, 36)]
    assert all(r.cap == Decimal("0.138") for r in results)
    assert not any(r.exceeds_cap for r in results)
    assert all(r.legally_owed.breakdown.overpaid == 0 for r in results)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["equal_installment", "equal_principal", "interest_only"]), principals, rates, counts)
def test_rounding_floor_bound_is_below_the_lowered_irr(method, p, i, n):
    """loan.rounding.irr_floor_bound lets far-above-the-line plans skip a second IRR; it must never be above the
    lowered flows' true IRR, or a plan could be reported above a line that rounding explains."""
    from xiezhi.loan.rounding import irr_floor_bound, lowered

    flows = exact_flows(method, p, i, n)
    times = list(range(n + 1))
    low = lowered(flows[1:], [True] * n)
    assert irr_floor_bound(i, 1, n, p) <= irr(times, [flows[0], *low]) + 1e-12
