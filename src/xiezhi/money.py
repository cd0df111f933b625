"""Money and rates as users type them, turned into Decimal before pydantic validates them.

Loan, plan and letter inputs all accept "12,000", "12000元", "¥12000" and rates as "18%" or 0.18;
one set of pre-validators keeps the three input models from drifting apart.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")


def cents(x: Decimal) -> Decimal:
    """Round to the cent, half up, as statements and courts do."""
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def to_decimal(value: Any) -> Any:
    """Pre-validator: floats via repr (no binary noise), strings without separators or currency marks."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()  # full-width digits typed on a phone keyboard
        text = text.replace(",", "").replace("，", "").replace("元", "").replace("¥", "").replace("￥", "").strip()
        if text.endswith("万") and len(text) > 1:  # "1万", "1.5万": how people say amounts
            try:
                return Decimal(text[:-1].strip()) * 10000
            except InvalidOperation:
                return value
        return text
    return value


def to_rate(value: Any) -> Any:
    """Pre-validator for annual rates: '18%' -> Decimal('0.18'); other values as to_decimal."""
    if isinstance(value, str) and value.strip().rstrip("％%") != value.strip():
        try:
            return Decimal(value.strip().rstrip("％%").strip()) / 100
        except ArithmeticError:
            return value
    return to_decimal(value)
