"""Internal rate of return in pure Python: Newton's method with a bisection fallback.

Flows are (time, amount) with time in periods (may be fractional) and amounts from one side's point
of view (e.g. the lender: money out negative, money back positive). The rate r solves
sum(amount * (1 + r) ** -time) == 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from xiezhi.errors import InputError

_TOL = 1e-13
_LOW = -0.999999999


def npv(rate: float, times: Sequence[float], amounts: Sequence[float]) -> float:
    base = 1.0 + rate
    return math.fsum(a * base ** (-t) for t, a in zip(times, amounts, strict=True))


def _solve(slope: Callable[[float], tuple[float, float]], guess: float, scale: float) -> float | None:
    """Newton's method from ``guess``, with ``slope(1 + r)`` giving (npv, d npv / dr) at rate r.

    Returns the root only when |npv| there is negligible against the flows (``scale``, the largest one);
    None when the iteration leaves the domain (1 + r <= 0), stalls or does not settle in 60 steps.
    """
    r = guess
    for _ in range(60):
        base = 1.0 + r
        if base <= 0:
            return None
        f, df = slope(base)
        if df == 0 or not math.isfinite(f) or not math.isfinite(df):
            return None
        step = f / df
        r_new = r - step
        if abs(step) <= _TOL * max(1.0, abs(r_new)):
            if r_new <= _LOW or abs(f) > 1e-6 * scale:
                return None
            return r_new
        r = r_new
    return None


def _newton(times: Sequence[float], amounts: Sequence[float], guess: float, scale: float) -> float | None:
    """Newton on any times: npv = sum(a * base**-t), term by term."""
    pairs = list(zip(times, amounts, strict=True))

    def slope(base: float) -> tuple[float, float]:
        f = 0.0
        df = 0.0
        for t, a in pairs:
            v = a * base ** (-t)
            f += v
            df -= t * v / base
        return f, df

    return _solve(slope, guess, scale)


def _newton_dense(coeffs: Sequence[float], guess: float, scale: float) -> float | None:
    """Newton on integer times: npv = sum(c_t * v**t) with v = 1/(1+r), evaluated by Horner's rule."""

    def slope(base: float) -> tuple[float, float]:
        v = 1.0 / base
        f = 0.0
        g = 0.0  # sum(t * c_t * v**(t-1)) by Horner on the derivative polynomial
        for c in reversed(coeffs):
            g = g * v + f
            f = f * v + c
        # d npv / dr = d npv / dv * dv/dr = g * (-v*v)
        return f, -g * v * v

    return _solve(slope, guess, scale)


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


_NO_SIGN_CHANGE = "现金流没有正负两个方向，无法计算内部收益率。"


def _simple_interest(out: float, back: float, weighted: float) -> float:
    """The starting guess: total gain over the money paid out (``out``), spread over the time the money
    comes back (``weighted`` / ``back``, its amount-weighted mean), not below -50 %."""
    span = weighted / back or 1.0
    return max((back / out - 1.0) / span, -0.5)


def _guess(pairs: Sequence[tuple[float, float]]) -> float:
    out = back = weighted = 0.0
    for t, a in pairs:
        if a < 0:
            out -= a
        else:
            back += a
            weighted += t * a
    return _simple_interest(out, back, weighted)


def _check_signs(amounts: Sequence[float]) -> None:
    if not any(a > 0 for a in amounts) or not any(a < 0 for a in amounts):
        raise InputError(_NO_SIGN_CHANGE)


def irr_dense(coeffs: Sequence[float], guess: float | None = None) -> float:
    """Periodic IRR of flows at integer times 0, 1, 2, … (coeffs[t] = net flow at t; zeros allowed)."""
    out = back = weighted = scale = 0.0
    for t, c in enumerate(coeffs):
        if c < 0:  # scale = max(scale, |c|), written out: one builtin call per coefficient was measurable
            out -= c
            if -c > scale:
                scale = -c
        elif c > 0:
            back += c
            weighted += t * c
            if c > scale:
                scale = c
    if not out or not back:
        raise InputError(_NO_SIGN_CHANGE)
    if guess is None:
        guess = _simple_interest(out, back, weighted)
    r = _newton_dense(coeffs, guess, scale)
    if r is not None:
        return r
    return _bisect(range(len(coeffs)), coeffs)


def irr(times: Sequence[float], amounts: Sequence[float], guess: float | None = None) -> float:
    """Periodic IRR of flows at any (possibly fractional) times; raises InputError without a sign change."""
    _check_signs(amounts)
    last = max(times)
    if all(t >= 0 and float(t).is_integer() for t in times) and last <= 4 * len(times) + 8:
        coeffs = [0.0] * (int(last) + 1)
        for t, a in zip(times, amounts, strict=True):
            coeffs[int(t)] += a
        return irr_dense(coeffs, guess)
    if guess is None:
        guess = _guess(list(zip(times, amounts, strict=True)))
    r = _newton(times, amounts, guess, max(abs(a) for a in amounts))
    if r is not None:
        return r
    return _bisect(times, amounts)
