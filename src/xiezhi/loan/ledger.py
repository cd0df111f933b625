"""Simple-interest ledgers on the principal actually received.

Interest accrues on the outstanding principal only (never on unpaid interest: 民间借贷规定 第二十七条),
at a rate that may change on given dates (cap segments, maturity -> overdue rate). Each payment goes
first to accrued interest, then to principal; anything beyond that is an overpayment.
Time is measured on the loan's grid (calendar months count as 1/12 year each; day blocks as days/365),
so a level-payment plan run at its own nominal IRR ends at exactly zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from xiezhi.errors import InputError


@dataclass
class LedgerResult:
    principal_outstanding: float
    interest_outstanding: float
    interest_term: float
    interest_overdue: float
    paid_total: float
    paid_to_interest: float
    paid_to_principal: float
    overpaid: float


def run_ledger(
    principal: float,
    start: date,
    until: date,
    payments: Sequence[tuple[date, float]],
    years: Callable[[date], float],
    rates: Sequence[tuple[date, float]],
    maturity: date,
) -> LedgerResult:
    """Accrue from `start` to `until`. `rates` is a piecewise-constant schedule [(from_date, annual rate)]
    whose first entry applies from `start`; later entries switch the rate on their date."""
    # Events as (date, order, amount, new rate): rate switches (order 0) come before payments on the same
    # day, so that day's interest accrues at the new rate; plain tuple sort, no key function.
    events: list[tuple[date, int, float, float]] = [(d, 1, a, -1.0) for d, a in payments if start <= d <= until]
    rate = rates[0][1]
    for d, r in rates[1:]:
        if d <= start:
            rate = r
        elif d < until:
            events.append((d, 0, 0.0, r))
    events.append((until, 1, 0.0, -1.0))
    events.sort()
    bal, acc = principal, 0.0
    term = over = paid = to_int = to_prin = excess = 0.0
    cur, t_cur = start, years(start)
    for p, _, amount, new_rate in events:
        if p > cur:
            t_p = years(p)
            if bal > 0:
                a = bal * rate * (t_p - t_cur)
                acc += a
                if cur < maturity:
                    term += a
                else:
                    over += a
            cur, t_cur = p, t_p
        if new_rate >= 0:
            rate = new_rate
        if amount:
            paid += amount
            x = amount if amount < acc else acc
            acc -= x
            to_int += x
            amount -= x
            y = amount if amount < bal else bal
            bal -= y
            to_prin += y
            excess += amount - y
    return LedgerResult(bal, acc, term, over, paid, to_int, to_prin, excess)


def _residual(rate: float, principal: float, flows: Sequence[tuple[float, float]]) -> float:
    bal, acc, prev = principal, 0.0, 0.0
    for t, a in flows:
        acc += bal * rate * (t - prev)
        prev = t
        x = (acc if acc < a else a) if acc > 0 else 0.0  # min(a, acc) exactly, without a builtin call per flow
        acc -= x
        bal -= a - x
    return bal + acc


def _secant(principal: float, flows: Sequence[tuple[float, float]], guess: float) -> float | None:
    x0, x1 = guess, guess * 1.0001 + 1e-7
    f0 = _residual(x0, principal, flows)
    if abs(f0) < 1e-9:
        return x0
    f1 = _residual(x1, principal, flows)
    for _ in range(30):
        if abs(f1) < 1e-9:
            return x1 if x1 >= 0 else None
        if f1 == f0:
            return None
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
        f0, f1 = f1, _residual(x1, principal, flows)
    return None


def simple_rate(principal: float, flows: Sequence[tuple[float, float]], guess: float | None = None) -> float:
    """The annual simple rate on the outstanding principal that the plan (time in years, amount) pays.

    Solved on the same ledger rule (payments to interest first), so courts' "simple annual rate on the
    money actually used" equals this figure.
    """
    total = sum([a for _, a in flows])  # same order of addition as a generator, without its frames
    if total < principal - 0.005:
        raise InputError("合同还款计划（含费用）合计少于实际到手金额，无法计算利率；请列出全部应还款项。")
    if total <= principal:
        return 0.0
    if guess is not None and guess > 0:
        found = _secant(principal, flows, guess)
        if found is not None:
            return found
    lo, f_lo = 0.0, _residual(0.0, principal, flows)
    hi = 0.5
    f_hi = _residual(hi, principal, flows)
    while f_hi <= 0:
        lo, f_lo = hi, f_hi
        hi *= 2.0
        if hi > 1e7:
            raise InputError("还款计划对应的利率过高，无法计算。")
        f_hi = _residual(hi, principal, flows)
    side = 0
    for _ in range(200):  # Illinois variant of regula falsi
        r = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        f_r = _residual(r, principal, flows)
        if abs(f_r) < 1e-9 or hi - lo < 1e-14:
            return r
        if f_r > 0:
            hi, f_hi = r, f_r
            if side == -1:
                f_lo /= 2
            side = -1
        else:
            lo, f_lo = r, f_r
            if side == 1:
                f_hi /= 2
            side = 1
    return (lo + hi) / 2
