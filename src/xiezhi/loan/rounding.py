"""Cent rounding at a rate line: the one place that decides when a plan is "at the cap" although it computes above it.

Why. Installments are paid in whole cents, so a plan built at exactly a line (24 %, 4 x LPR, 36 %) has each
installment rounded half up and can compute a hair above it: 2,723 yuan over 20 months at 24 % gives APR 24.0011 %
and 0.04 yuan "overpaid". Nobody overcharged anything; the lender could not have asked for less in cents. Reporting
`exceeds_cap` there would tell a borrower a lawful contract breaks the line.

Rule. Rounding to the cent moves an installment by at most half a cent (`HALF_CENT`). A rate is taken to be within a
line when the same flows, each installment lowered by half a cent, are at or under it (`within`): the excess is then
no larger than rounding can explain. The lines themselves stay in data/params; this module holds no rate, only the
size of a cent. A plan genuinely above the line by more than its rounding (24.01 % on the same loan: 0.32 yuan over)
is still above it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

#: The most that rounding one installment half up to the cent can add to it (yuan).
HALF_CENT = 0.005
#: Float noise allowed in every comparison of two annual rates.
EPS = 1e-12


def lowered(amounts: Sequence[float], rounded: Sequence[bool]) -> list[float]:
    """The amounts with each rounded one lowered by half a cent (never below zero): the least the plan could be."""
    return [max(0.0, a - HALF_CENT) if r else a for a, r in zip(amounts, rounded, strict=True)]


def irr_floor_bound(i: float, first: int, rounded: int, net: float) -> float:
    """A lower bound, in O(1), of the periodic IRR of the lowered flows, from the IRR `i` of the flows as given.

    `first` is the period of the first repayment, `rounded` the number of rounded installments, `net` the amount lent.
    The net present value f(x) = -net + sum a_t (1+x)^-t of a loan (repayments after the loan) is convex and
    decreasing, so the lowered flows' IRR is at least i - d / |f'(i)|, with d = the present value of the amounts taken
    off (at most rounded * HALF_CENT * v^first, v = 1/(1+i)) and |f'(i)| = v * sum t a_t v^t >= v * first * net (at the
    IRR, sum a_t v^t = net). It lets a plan far above a line skip the second IRR (`RoundingFloor`).
    """
    if first < 1 or net <= 0:
        return -math.inf
    return i - rounded * HALF_CENT * (1.0 + i) ** (1 - first) / (first * net)


class RoundingFloor:
    """The tested rate of a plan and its floor (the rate with rounding taken out), for comparisons with rate lines.

    `floor_of` computes the floor (a second IRR, so only when a line is in question: the rate is above it and
    `lower_bound`, a cheap bound the floor is known to be at or above, is not already above it). Both are computed at
    most once, and only when the rate is above a line, so a plan under every line costs nothing more.
    """

    def __init__(self, rate: float, floor_of: Callable[[], float],
                 lower_bound: Callable[[], float] | None = None) -> None:
        self.rate = rate
        self._floor_of = floor_of
        self._lower_of = lower_bound
        self._lower: float | None = None
        self._floor: float | None = None

    @property
    def lower(self) -> float:
        if self._lower is None:
            self._lower = -math.inf if self._lower_of is None else self._lower_of()
        return self._lower

    @property
    def floor(self) -> float:
        if self._floor is None:
            self._floor = min(self.rate, self._floor_of())
        return self._floor

    def exceeds(self, line: float) -> bool:
        """Above the line by more than cent rounding explains."""
        if self.rate <= line + EPS:
            return False
        return self.lower > line + EPS or self.floor > line + EPS

    def within(self, line: float) -> bool:
        """At or under the line once rounding is taken out (`not exceeds`)."""
        return not self.exceeds(line)

    def by_rounding(self, line: float) -> bool:
        """Above the line as computed, but only by rounding: the case reported as "at the line"."""
        return self.rate > line + EPS and not self.exceeds(line)
