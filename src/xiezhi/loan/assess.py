"""assess_loan: true annualised cost, the legal line on the contract's date, what is legally owed.

Pure core: reads parameters (xiezhi.params) and the statute corpus (xiezhi.law); no I/O of its own.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from xiezhi.errors import InputError
from xiezhi.loan.caps import CapRule, licensed_rule, lpr_at, private_rule
from xiezhi.loan.irr import irr, irr_dense
from xiezhi.loan.ledger import LedgerResult, run_ledger, simple_rate
from xiezhi.loan.legal import Context, build_citations, build_notes
from xiezhi.loan.models import (
    Alternative,
    LegallyOwed,
    LoanAssessment,
    LoanInput,
    OwedBreakdown,
    Protected,
)
from xiezhi.loan.rounding import RoundingFloor, irr_floor_bound, lowered
from xiezhi.loan.schedule import Grid, detect_grid, period_days, schedule_rows
from xiezhi.params import ParameterSet, get_params

CENT = Decimal("0.01")
RATE_Q = Decimal("0.000001")
ZERO = Decimal("0.00")
ZERO_RATE = Decimal("0.000000")
EPS = 1e-12


def money(x: float | Decimal) -> Decimal:
    """Yuan to the cent, half up (a float's last-bit noise below 1e-8 yuan is ignored)."""
    if isinstance(x, Decimal):
        return x.quantize(CENT, rounding=ROUND_HALF_UP) or ZERO
    cents = math.floor(abs(x) * 100 + 0.5 + 1e-6)
    # cents * 0.01: a product's exponent is the sum of its factors' (-2), so the same Decimal as .scaleb(-2)
    # (coefficient and exponent), at about two thirds of the cost; money() runs 15 times an assessment
    return Decimal(-cents if x < 0 else cents) * CENT if cents else ZERO


def rate(x: float | Decimal) -> Decimal:
    if not isinstance(x, Decimal) and abs(x) >= 1e12:  # absurd but possible for 1-day loans: keep 7 digits
        return Decimal(f"{x:.6e}")
    if isinstance(x, Decimal):
        return x.quantize(RATE_Q, rounding=ROUND_HALF_UP) or ZERO_RATE
    units = math.floor(abs(x) * 1_000_000 + 0.5 + 1e-7)
    return Decimal(-units if x < 0 else units) * RATE_Q if units else ZERO_RATE  # as money(): same as .scaleb(-6)


@dataclass
class Plan:
    rows: list[dict]  # ScheduleRow fields; validated in bulk when the result model is built
    flows: list[tuple[date, float]]  # borrower -> lender after disbursement (instalments and dated fees)
    rounded: list[bool]  # per flow: an installment paid in cents (rounding may have raised it), not a stated fee
    grid: Grid
    maturity: date
    total: float  # sum of all instalments and dated fees


@dataclass
class Scenario:
    rule: CapRule
    exceeds_cap: bool
    protected: Protected
    owed: LegallyOwed
    claimed_excess: Decimal | None
    owed_result: LedgerResult
    overdue_base_is_lpr: bool


def _plan(inp: LoanInput, dpy: Decimal) -> Plan:
    if inp.schedule is not None:
        rows = schedule_rows(inp.principal, inp.contract_date, inp.schedule, dpy)
        preferred: int | str | None = period_days(inp.schedule)
    else:
        payments = inp.payments or []
        dates = [p.date for p in payments]
        if dates != sorted(dates):
            payments = sorted(payments, key=lambda p: p.date)
        rows = [{"n": i, "date": p.date, "kind": "payment", "amount": p.amount, "principal": None,
                 "interest": None, "balance": None, "label": None} for i, p in enumerate(payments, 1)]
        preferred = "auto"
    fees = [f for f in inp.fees if isinstance(f.when, date)]
    if fees:
        rows += [{"n": 0, "date": f.when, "kind": "fee", "amount": f.amount, "principal": None, "interest": None,
                  "balance": None, "label": f.name} for f in fees]
        rows.sort(key=lambda r: (r["date"], r["kind"] != "payment"))
        for i, r in enumerate(rows, 1):
            r["n"] = i
    flows = [(r["date"], float(r["amount"])) for r in rows]
    dates = [d for d, _ in flows]
    grid = detect_grid(inp.contract_date, dates, dpy, preferred)
    total = math.fsum([a for _, a in flows])  # a list, not a generator: the same exact sum without a frame per flow
    return Plan(rows, flows, [r["kind"] == "payment" for r in rows], grid, dates[-1], total)


def _scenario(
    inp: LoanInput, params: ParameterSet, rule: CapRule, plan: Plan, net: float, r_simple: float,
    tested: RoundingFloor, as_of: date,
) -> Scenario:
    start, maturity, years = inp.contract_date, plan.maturity, plan.grid.years
    overdue_base_is_lpr = False
    if inp.overdue_rate is not None:
        base_over = float(inp.overdue_rate)
    elif r_simple > 0 or rule.kind != "private":
        base_over = r_simple
    else:  # 第二十八条第二款第（一）项: neither rate agreed -> LPR at the time, from the overdue date
        base_over = float(lpr_at(params, maturity)[0].value) / 100
        overdue_base_is_lpr = True

    def rate_on(d: date) -> float:
        if d >= maturity:
            return min(base_over, rule.rate_on(d))
        cap = rule.rate_on(d)
        # a plan above the cap only by cent rounding is at the cap: its contract interest is all protected
        return r_simple if tested.within(cap) else min(r_simple, cap)

    # Piecewise-constant protected rate: changes where a cap segment starts or ends, and at maturity.
    switches = sorted({s.start for s in rule.segments if s.start > start}
                      | {s.end for s in rule.segments if s.end and s.end > start} | {maturity})
    rates = [(start, rate_on(start))] + [(d, rate_on(d)) for d in switches]
    term = run_ledger(net, start, maturity, plan.flows, years, rates, maturity)
    contract_charges = plan.total - net
    protected = Protected(
        rate=rate(min(r_simple, rule.rate_on(start))),
        overdue_rate=rate(rate_on(maturity)),
        contract_charges=money(contract_charges),
        protected_charges=money(term.interest_term),
        unprotected_charges=money(max(0.0, contract_charges - term.interest_term)),
    )
    paid = [(p.date, float(p.amount)) for p in inp.paid]

    def owed_at(day: date) -> tuple[LegallyOwed, LedgerResult]:
        res = run_ledger(net, start, day, paid, years, rates, maturity)
        return LegallyOwed(
            as_of=day,
            amount=money(res.principal_outstanding + res.interest_outstanding),
            breakdown=OwedBreakdown(
                principal_recognized=money(net),
                interest_protected=money(res.interest_term),
                overdue_protected=money(res.interest_overdue),
                paid_total=money(res.paid_total),
                paid_to_interest=money(res.paid_to_interest),
                paid_to_principal=money(res.paid_to_principal),
                principal_outstanding=money(res.principal_outstanding),
                interest_outstanding=money(res.interest_outstanding),
                overpaid=money(res.overpaid),
            ),
        ), res

    owed, res = owed_at(as_of)
    excess = None
    if inp.claimed is not None:
        claim_owed = owed if inp.claimed.as_of == as_of else owed_at(inp.claimed.as_of)[0]
        excess = max(Decimal(0), inp.claimed.amount - claim_owed.amount)
    exceeds = tested.exceeds(rule.max_over(start, maturity))
    return Scenario(rule, exceeds, protected, owed, excess, res, overdue_base_is_lpr)


def _rules(inp: LoanInput, params: ParameterSet, filing: date) -> list[CapRule]:
    lt = inp.lender_type
    # Only the date that matters for the rule is part of the cache key.
    if inp.contract_date >= params.get("interest_cap.private_lending_lpr_multiple").first_date:
        filing = inp.contract_date
    return list(_rules_for(params, lt, inp.contract_date, filing))


@lru_cache(maxsize=4096)
def _rules_for(params: ParameterSet, lt: str, contract_date: date, filing: date) -> tuple[CapRule, ...]:
    """The cap rules for a lender type and dates (pure in its arguments, so cached; rules are not mutated)."""
    if lt in ("private", "unlicensed"):
        return (private_rule(params, contract_date, filing),)
    if lt in ("bank", "consumer_finance", "microloan"):
        return (licensed_rule(params, contract_date, lt),)
    rules = []
    # A contract older than the licensed line gets only the private-lending test.
    with contextlib.suppress(InputError):
        rules.append(licensed_rule(params, contract_date, "unknown"))
    rules.append(private_rule(params, contract_date, filing))
    return tuple(rules)


def _line(params: ParameterSet, name: str, day: date) -> float:
    p = params.get(name)
    return float(p.at(max(day, p.first_date)).value) / 100


def assess_loan(inp: LoanInput, params: ParameterSet | None = None) -> LoanAssessment:
    """Assess one loan. Raises InputError (Chinese message) for inputs it cannot judge."""
    params = params or get_params()
    start = inp.contract_date
    received = inp.received if inp.received is not None else inp.principal
    upfront = sum((f.amount for f in inp.fees if f.when == "upfront"), Decimal(0))
    net_d = received - upfront
    net = float(net_d)
    as_of = inp.as_of or (inp.claimed.as_of if inp.claimed else None)
    dpy_param = params.get("convention.days_per_year")
    dpy = dpy_param.at(max(start, dpy_param.first_date)).value
    plan = _plan(inp, dpy)
    as_of = as_of or plan.maturity
    rules = _rules(inp, params, inp.filing_date or as_of)

    grid = plan.grid
    # The grid is chosen so that every flow falls on a whole number of periods.
    periods = grid.periods
    times = [0] + [round(periods(d)) for d, _ in plan.flows]
    coeffs = [0.0] * (times[-1] + 1)
    coeffs[0] = -net
    for t, (_, a) in zip(times[1:], plan.flows, strict=True):
        coeffs[t] += a
    i = irr_dense(coeffs) if len(coeffs) <= 4 * len(times) + 8 else irr(times, [-net] + [a for _, a in plan.flows])
    ppy = float(grid.per_year)
    apr = i * ppy
    # (1+i)^n - 1 overflows a float for absurd short-term rates; report None then.
    effective = (1.0 + i) ** ppy - 1.0 if ppy * math.log1p(i) < 690 else None
    years_of = grid.years  # bound once, not looked up per flow
    r_simple = simple_rate(net, [(years_of(d), a) for d, a in plan.flows], guess=apr)
    tested = max(apr, r_simple)

    def floor() -> float:
        """The tested rate of the plan with each installment lowered by half a cent (loan.rounding)."""
        low = lowered([a for _, a in plan.flows], plan.rounded)
        low_apr = irr(times, [-net, *low]) * ppy
        years = [(grid.years(d), a) for (d, _), a in zip(plan.flows, low, strict=True)]
        return max(low_apr, simple_rate(net, years, guess=low_apr))

    def bound() -> float:  # a bound of the lowered APR bounds the tested floor (their max with the simple rate's)
        return irr_floor_bound(i, times[1], sum(plan.rounded), net) * ppy

    tested_floor = RoundingFloor(tested, floor, bound)
    scenarios = [_scenario(inp, params, r, plan, net, r_simple, tested_floor, as_of) for r in rules]
    main = scenarios[0]
    exceeds_24 = tested_floor.exceeds(_line(params, "interest_cap.financial_institution_line", start))
    over_36 = tested_floor.exceeds(_line(params, "interest_cap.criminal_illegal_lending_line", start))

    ctx = Context(
        inp=inp, params=params, scenarios=scenarios, net=net_d, received=received, upfront=upfront,
        apr=apr, r_simple=r_simple, tested=tested, exceeds_24=exceeds_24, over_36=over_36, as_of=as_of,
        maturity=plan.maturity, grid=grid,
        at_cap_by_rounding=tested_floor.by_rounding(main.rule.max_over(start, plan.maturity)),
    )
    notes = build_notes(ctx)
    citations = build_citations(ctx)
    alternatives = [
        Alternative(
            lender_type="private" if s.rule.kind == "private" else "bank",
            cap=rate(s.rule.rate), cap_basis=s.rule.basis, exceeds_cap=s.exceeds_cap, protected=s.protected,
            legally_owed=s.owed, claimed_excess=s.claimed_excess,
        )
        for s in scenarios[1:]
    ]
    return LoanAssessment(
        lender_type=inp.lender_type,
        contract_date=start,
        apr=rate(apr),
        apr_method="irr",
        apr_basis=grid.label(),
        periods_per_year=grid.per_year.quantize(RATE_Q).normalize(),
        effective_rate=rate(effective) if effective is not None else None,
        simple_rate=rate(r_simple),
        nominal_rate=inp.schedule.annual_rate if inp.schedule else None,
        total_cost=money(plan.total - net),
        principal=inp.principal,
        received=received,
        upfront_fees=upfront,
        principal_recognized=money(net_d),
        cap=rate(main.rule.rate),
        cap_basis=main.rule.basis,
        exceeds_cap=main.exceeds_cap,
        exceeds_24=exceeds_24,
        over_36=over_36,
        protected=main.protected,
        legally_owed=main.owed,
        claimed=inp.claimed,
        claimed_excess=main.claimed_excess,
        schedule=plan.rows,
        alternatives=alternatives,
        notes=notes,
        citations=citations,
    )
