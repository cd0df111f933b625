"""Repayment schedules and the time grid used to annualise rates.

A schedule is built on the contract principal (as the contract computes it). Its dates step from the
contract date by calendar months (day clamped to month end), weeks, days or every N days.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
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
                     "principal": part, "interest": interest, "balance": balance})
    return rows


@dataclass
class Grid:
    """How times are measured: calendar months (`days` None) or blocks of `days` days.

    One Grid belongs to one assessment; it remembers the times it has computed for that loan.
    """

    days: int | None
    per_year: Decimal
    start: date
    _memo: dict[date, float] = field(default_factory=dict, repr=False, compare=False)
    _pmemo: dict[date, float] = field(default_factory=dict, repr=False, compare=False)

    def periods(self, d: date) -> float:
        """Time from the start in periods (fractional months pro rata by days within the month)."""
        t = self._pmemo.get(d)
        if t is None:
            t = self._pmemo[d] = self._periods(d)
        return t

    def _periods(self, d: date) -> float:
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

    def years(self, d: date) -> float:
        t = self._memo.get(d)
        if t is None:
            t = self._memo[d] = self.periods(d) / float(self.per_year)
        return t

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
    offsets = [(d - start).days for d in dates]
    sy, sm, sd = start.year, start.month, start.day
    months = {d: (d.year - sy) * 12 + d.month - sm for d in dates}
    # d is a monthiversary iff its day is the start's day, clamped to the month's length.
    on_months = all(
        d.day == sd or (sd > 28 and d.day == days_in_month(d.year, d.month) < sd) for d in dates
    )
    if on_months and preferred in (None, "auto"):
        grid = Grid(None, Decimal(12), start)
        grid._pmemo.update((d, float(k)) for d, k in months.items())
        return grid
    if isinstance(preferred, int) and all(o % preferred == 0 for o in offsets):
        return Grid(preferred, days_per_year / preferred, start)
    g = 0
    for o in offsets:
        g = gcd(g, o)
    g = max(g, 1)
    return Grid(g, days_per_year / g, start)
