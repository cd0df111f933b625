"""Internal rate of return in pure Python: Newton's method with a bisection fallback.

Flows are (time, amount) with time in periods (may be fractional) and amounts from one side's point
of view (e.g. the lender: money out negative, money back positive). The rate r solves
sum(amount * (1 + r) ** -time) == 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xiezhi.errors import InputError

_TOL = 1e-13
_LOW = -0.999999999


def npv(rate: float, times: Sequence[float], amounts: Sequence[float]) -> float:
    base = 1.0 + rate
    return math.fsum(a * base ** (-t) for t, a in zip(times, amounts, strict=True))


def _newton(times: Sequence[float], amounts: Sequence[float], guess: float) -> float | None:
    r = guess
    for _ in range(60):
        base = 1.0 + r
        if base <= 0:
            return None
        f = 0.0
        df = 0.0
        for t, a in zip(times, amounts, strict=True):
            v = a * base ** (-t)
            f += v
            df -= t * v / base
        if df == 0 or not math.isfinite(f) or not math.isfinite(df):
            return None
        step = f / df
        r_new = r - step
        if abs(step) <= _TOL * max(1.0, abs(r_new)):
            return r_new if r_new > _LOW else None
        r = r_new
    return None


def _bisect(times: Sequence[float], amounts: Sequence[float]) -> float:
    lo, hi = _LOW, 1.0
    f_lo = npv(lo, times, amounts)
    f_hi = npv(hi, times, amounts)
    while f_lo * f_hi > 0:
        hi *= 2.0
        if hi > 1e9:
            raise InputError("现金流无法求出内部收益率（请检查还款计划与到手金额）。")
        f_hi = npv(hi, times, amounts)
    for _ in range(400):
        mid = (lo + hi) / 2.0
        f_mid = npv(mid, times, amounts)
        if f_mid == 0 or (hi - lo) / 2.0 < _TOL * max(1.0, abs(mid)):
            return mid
        if f_lo * f_mid < 0:
            hi, f_hi = mid, f_mid
        else:
            lo, f_lo = mid, f_mid
    return (lo + hi) / 2.0


def irr(times: Sequence[float], amounts: Sequence[float], guess: float | None = None) -> float:
    """Periodic IRR; raises InputError when the flows do not change sign."""
    if not any(a > 0 for a in amounts) or not any(a < 0 for a in amounts):
        raise InputError("现金流没有正负两个方向，无法计算内部收益率。")
    if guess is None:
        # A simple-interest guess: total gain over the investment, spread over the weighted time.
        out = -sum(a for a in amounts if a < 0)
        back = sum(a for a in amounts if a > 0)
        span = sum(t * a for t, a in zip(times, amounts, strict=True) if a > 0) / back or 1.0
        guess = max((back / out - 1.0) / span, -0.5)
    r = _newton(times, amounts, guess)
    if r is not None and abs(npv(r, times, amounts)) <= 1e-7 * max(1.0, max(abs(a) for a in amounts)):
        return r
    return _bisect(times, amounts)
