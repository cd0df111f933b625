"""The classifier's probability per category, computed only as far as a comparison with a threshold needs.

The corroboration veto (`check._veto`) compares a rule finding's category probability with a threshold. On the
chunked path (`xiezhi.collection.fast`) the chunk pass has already computed every message's logits, equal to the
exact per-message logits up to float32 summation order (`model.LOGIT_MARGIN` bounds the difference), so the
probabilities at the chunk logit minus and plus the margin bracket the exact probability. A comparison is
decided from that bracket when the threshold lies outside it; only within it is the exact per-message
classifier path taken. The answer is the exact comparison's answer either way, for any threshold, per category
or not: `probs[category] >= t` reads as it always did, whatever policy chooses `t`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from xiezhi.collection.model import LOGIT_MARGIN


class Prob:
    """One category's probability: compares with a number (`>=`, `>`, `<`, `<=`) without computing the exact
    value when the bracket decides; `float(p)` (and `==`) use the exact value."""

    __slots__ = ("_col", "_probs")

    def __init__(self, probs: CategoryProbs, col: int) -> None:
        self._probs, self._col = probs, col

    def __ge__(self, t: Any) -> bool:
        return self._probs.at_least(self._col, t)

    def __lt__(self, t: Any) -> bool:
        return not self._probs.at_least(self._col, t)

    def __gt__(self, t: Any) -> bool:
        return self._probs.above(self._col, t)

    def __le__(self, t: Any) -> bool:
        return not self._probs.above(self._col, t)

    def __eq__(self, t: object) -> bool:
        return self._probs.exact()[self._col] == (float(t) if isinstance(t, Prob) else t)

    def __ne__(self, t: object) -> bool:
        return not self == t

    __hash__ = None  # type: ignore[assignment]  # compares by value, like the float it stands for

    def __float__(self) -> float:
        return self._probs.exact()[self._col]

    def __repr__(self) -> str:
        return f"Prob({float(self)!r})"


class CategoryProbs(Mapping[str, Prob]):
    """`probs[category]` for the categories the classifier scores, exact on demand.

    logits: gives the exact per-message logits (called at most once, only when a comparison needs them);
    approx: from a chunk pass, this message's logits within `margin` of the exact ones (`model.LOGIT_MARGIN`), or
    None (per-message path: every comparison uses the exact value)."""

    __slots__ = ("_approx", "_cols", "_exact", "_logits", "_margin")

    def __init__(self, cols: Mapping[str, int], logits: Callable[[], np.ndarray], approx: Sequence[float] | None = None,
                 margin: float = LOGIT_MARGIN) -> None:
        self._cols, self._logits, self._approx, self._margin = cols, logits, approx, margin
        self._exact: list[float] | None = None

    def exact(self) -> list[float]:
        """The exact probabilities, in category order (what the per-message path computes)."""
        if self._exact is None:
            z = self._logits()
            self._exact = (1.0 / (1.0 + np.exp(-z))).tolist()
        return self._exact

    def bracket(self, col: int) -> tuple[float, float] | None:
        """Probabilities at the approximate logit minus and plus the margin: the exact probability lies between
        them (the sigmoid is increasing; the margin, 1e-3 on the logit scale, dwarfs the last-bit differences
        between math.exp and numpy's exp)."""
        if self._approx is None:
            return None
        z = float(self._approx[col])
        return _sigmoid(z - self._margin), _sigmoid(z + self._margin)

    def at_least(self, col: int, t: Any) -> bool:
        """exact probability of category `col` >= t."""
        b = self.bracket(col)
        if b is not None:
            if b[0] >= t:
                return True
            if b[1] < t:
                return False
        return self.exact()[col] >= t

    def above(self, col: int, t: Any) -> bool:
        """exact probability of category `col` > t."""
        b = self.bracket(col)
        if b is not None:
            if b[0] > t:
                return True
            if b[1] <= t:
                return False
        return self.exact()[col] > t

    def __getitem__(self, category: str) -> Prob:
        return Prob(self, self._cols[category])

    def get(self, category: str, default: Any = None) -> Any:
        """`probs[category]`, or `default` for a category the classifier does not score (the veto asks for every
        finding's category; Mapping.get would raise and catch a KeyError for each metadata-decided one)."""
        col = self._cols.get(category)
        return default if col is None else Prob(self, col)

    def __contains__(self, category: object) -> bool:
        return category in self._cols

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


def _sigmoid(z: float) -> float:
    """1 / (1 + e^-z) as numpy computes it for a float64 (0.0 where e^-z overflows)."""
    try:
        e = math.exp(-z)
    except OverflowError:  # numpy gives inf here
        e = math.inf
    return 1.0 / (1.0 + e)
