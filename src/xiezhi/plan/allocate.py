"""Monthly instalments within the budget: fixed shares by balance, freed money in priority order.

At the start each debt gets a fixed instalment, budget × its balance ÷ all balances (rounded down);
the remainder goes to the first debt in priority order. Each month a debt is paid its instalment (at
most its balance); budget freed by a cleared debt goes to the unpaid debts in priority order. So the
month's total never exceeds the budget, no debt is overpaid, and the instalments change only when a
debt is cleared. Interest is assumed frozen during the plan (停息分期) —
that is what the letter asks for; the real terms are whatever the lender agrees.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal

from xiezhi.loan.schedule import add_months
from xiezhi.plan.models import CENT, MonthRow, Phase

ZERO = Decimal(0)


def _floor(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_DOWN)


def instalments(budget: Decimal, targets: dict[str, Decimal], order: list[str]) -> dict[str, Decimal]:
    """Fixed monthly instalments: the budget split by balance (whole yuan when the budget allows, else
    cents, rounded down); the remainder goes to the first debt in priority order."""
    total = sum(targets.values(), ZERO)
    if budget <= 0 or total <= 0:
        return dict.fromkeys(targets, ZERO)
    if budget >= total:
        return dict(targets)
    unit = Decimal(1) if budget >= 100 * len(targets) else CENT
    inst = {k: min(v, (budget * v / total).quantize(unit, rounding=ROUND_DOWN)) for k, v in targets.items()}
    return _top_up(inst, targets, budget, order)


def _top_up(amounts: dict[str, Decimal], caps: dict[str, Decimal], budget: Decimal,
            order: list[str]) -> dict[str, Decimal]:
    """Give what ``amounts`` leave of ``budget`` to the debts in priority order, each up to its cap;
    ``amounts`` is changed in place and returned."""
    left = budget - sum(amounts.values(), ZERO)
    for k in order:
        if left <= 0:
            break
        room = caps[k] - amounts[k]
        if room > 0:
            extra = min(room, left)
            amounts[k] += extra
            left -= extra
    return amounts


def allocate_month(budget: Decimal, balances: dict[str, Decimal], inst: dict[str, Decimal],
                   order: list[str]) -> dict[str, Decimal]:
    """One month: each debt its instalment (at most its balance); budget freed by cleared debts goes to
    the unpaid debts in priority order. Sum <= budget, each <= its balance, whole cents."""
    pay = {k: min(inst[k], bal) if bal > 0 else ZERO for k, bal in balances.items()}
    return _top_up(pay, balances, budget, order)


def build_schedule(budget: Decimal, targets: dict[str, Decimal], order: list[str], start: date,
                   max_months: int) -> list[MonthRow]:
    budget = _floor(budget)
    balances = dict(targets)
    inst = instalments(budget, targets, order)
    rows: list[MonthRow] = []
    month = 0
    while any(v > 0 for v in balances.values()) and month < max_months and budget > 0:
        month += 1
        pay = allocate_month(budget, balances, inst, order)
        for k, v in pay.items():
            balances[k] -= v
        rows.append(MonthRow(month=month, date=add_months(start, month - 1), payments=pay,
                             total=sum(pay.values(), ZERO), remaining=dict(balances)))
    return rows


def phases(rows: list[MonthRow]) -> list[Phase]:
    out: list[Phase] = []
    for r in rows:
        if out and out[-1].payments == r.payments and out[-1].last_month == r.month - 1:
            p = out[-1]
            p.last_month, p.last_date = r.month, r.date
        else:
            out.append(Phase(first_month=r.month, last_month=r.month, first_date=r.date, last_date=r.date,
                             payments=dict(r.payments), total=r.total))
    return out
