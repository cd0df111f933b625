"""Repayment schedules and the time grid used to annualise rates.

A schedule is built on the contract principal (as the contract computes it). Its dates step from the
contract date by calendar months (day clamped to month end), weeks, days or every N days.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from math import gcd

from pydantic import TypeAdapter

from xiezhi.loan.models import ScheduleRow, ScheduleSpec

CENT = Decimal("0.01")
_ROWS = TypeAdapter(list[ScheduleRow])


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's last day (1/31 -> 2/29)."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    day = start.day
    if day > 28:
        day = min(day, days_in_month(year, month))
    return date(year, month, day)


def period_days(spec: ScheduleSpec) -> int | None:
    """Length of one period in days, or None for calendar months."""
    if spec.period == "month":
        return None
    if spec.period == "week":
        return 7
    if spec.period == "day":
        return 1
    return int(spec.period)


def periods_per_year(days: int | None, days_per_year: Decimal) -> Decimal:
    return Decimal(12) if days is None else days_per_year / Decimal(days)


def due_date(start: date, k: int, days: int | None) -> date:
    return add_months(start, k) if days is None else start + timedelta(days=days * k)


def _r(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def build_schedule(principal: Decimal, start: date, spec: ScheduleSpec, days_per_year: Decimal) -> list[ScheduleRow]:
    """The contract's instalments (amount, principal part, interest part, balance after), to the cent."""
    return _ROWS.validate_python(schedule_rows(principal, start, spec, days_per_year))


def schedule_rows(principal: Decimal, start: date, spec: ScheduleSpec, days_per_year: Decimal) -> list[dict]:
    """As build_schedule, as plain dicts (validated once, in bulk, by whoever builds the result model)."""
    days = period_days(spec)
    rate = spec.annual_rate / periods_per_year(days, days_per_year)
    n = spec.periods
    rows: list[dict] = []
    balance = principal
    if spec.method == "equal_installment":
        level = _r(principal / n) if rate == 0 else _r(principal * rate / (1 - (1 + rate) ** (-n)))
    for k in range(1, n + 1):
        when = due_date(start, k, days)
        last = k == n
        if spec.method == "bullet":
            interest = _r(principal * rate * n) if last else Decimal(0)
            part = principal if last else Decimal(0)
            if not last:
                continue
        else:
            interest = _r(balance * rate)
            if spec.method == "equal_installment":
                part = balance if last else min(balance, level - interest)
            elif spec.method == "equal_principal":
                part = balance if last else min(balance, _r(principal / n))
            else:  # interest_only
                part = balance if last else Decimal(0)
        balance -= part
        rows.append({"n": len(rows) + 1, "date": when, "kind": "payment", "amount": part + interest,
                     "principal": part, "interest": interest, "balance": balance, "label": None})
    return rows


class _Memo(dict):
    """date -> value, computed on first use by `fn` (dict lookups stay in C on hits)."""

    def __init__(self, fn: Callable[[date], float]) -> None:
        super().__init__()
        self._fn = fn

    def __missing__(self, d: date) -> float:
        value = self[d] = self._fn(d)
        return value


class Grid:
    """How times are measured: calendar months (`days` None) or blocks of `days` days.

    One Grid belongs to one assessment; it remembers the times it has computed for that loan.
    `periods(d)` and `years(d)` are bound dict lookups.
    """

    def __init__(self, days: int | None, per_year: Decimal, start: date) -> None:
        self.days = days
        self.per_year = per_year
        self.start = start
        self._per_year = float(per_year)
        self._pmemo = _Memo(self._periods)
        self._ymemo = _Memo(lambda d: self._pmemo[d] / self._per_year)
        self.periods: Callable[[date], float] = self._pmemo.__getitem__
        self.years: Callable[[date], float] = self._ymemo.__getitem__

    def _periods(self, d: date) -> float:
        """Time from the start in periods (fractional months pro rata by days within the month)."""
        if self.days is not None:
            return (d - self.start).days / self.days
        months = (d.year - self.start.year) * 12 + d.month - self.start.month
        anchor = add_months(self.start, months)
        if anchor == d:
            return float(months)
        if anchor > d:
            months -= 1
            anchor = add_months(self.start, months)
        nxt = add_months(self.start, months + 1)
        return months + (d - anchor).days / (nxt - anchor).days

    def label(self) -> str:
        if self.days is None:
            return "月IRR×12"
        if self.days == 1:
            return "日IRR×365（按实际天数，XIRR式）"
        if self.days == 7:
            return "周IRR×365/7"
        return f"每{self.days}天IRR×365/{self.days}"


def detect_grid(start: date, dates: list[date], days_per_year: Decimal, preferred: int | str | None = "auto") -> Grid:
    """Monthly grid if every date is a monthiversary of the start; otherwise blocks of the gcd of day offsets.

    `preferred` (from a schedule spec) is used when every date fits it.
    """
    sy, sm, sd = start.year, start.month, start.day
    if preferred in (None, "auto"):
        # d is a monthiversary iff its day is the start's day, clamped to the month's length.
        # the start itself (time 0) is asked for by every ledger run: remembered here with the flow dates
        months: dict[date, float] = {start: 0.0}
        for d in dates:
            if d.day != sd and not (sd > 28 and d.day == days_in_month(d.year, d.month) < sd):
                break
            months[d] = float((d.year - sy) * 12 + d.month - sm)
        else:
            grid = Grid(None, Decimal(12), start)
            grid._pmemo.update(months)
            # the same division the years memo would make on first use, done here in one loop: an assessment asks
            # every flow's years, and a memo miss per date (__missing__ and its lambda) was ~5 % of a 36-payment one
            per_year = grid._per_year
            grid._ymemo.update({d: m / per_year for d, m in months.items()})
            return grid
    offsets = [(d - start).days for d in dates]
    if isinstance(preferred, int) and all(o % preferred == 0 for o in offsets):
        return Grid(preferred, days_per_year / preferred, start)
    g = 0
    for o in offsets:
        g = gcd(g, o)
    g = max(g, 1)
    return Grid(g, days_per_year / g, start)
