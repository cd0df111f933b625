"""Derived variables: named, tested functions of the answers (conditions may use them like answers).

Each returns a value, or None when an input it needs has not been answered yet (then the variable
stays unknown and the conditions that use it evaluate to "not known yet").
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from xiezhi.assess.models import Interview

LICENSED = ("bank", "consumer_finance", "microloan")
LOAN_FIGURES = ("loan.principal", "loan.contract_date", "loan.months", "loan.monthly_payment")


def _known(answers: dict[str, Any], *names: str) -> bool:
    return all(n in answers for n in names)


def cut_head(answers: dict[str, Any], _iv: Interview) -> bool | None:
    """The cash received is less than the contract principal (interest or fees taken up front)."""
    if not _known(answers, "loan.principal", "loan.received"):
        return None
    p, r = answers["loan.principal"], answers["loan.received"]
    return p is not None and r is not None and Decimal(r) < Decimal(p)


def figures(answers: dict[str, Any], _iv: Interview) -> bool | None:
    """Enough figures to compute the loan's cost (principal, date, months, monthly payment)."""
    if not _known(answers, *LOAN_FIGURES):
        return None
    return all(answers[n] is not None for n in LOAN_FIGURES)


def licensed(answers: dict[str, Any], _iv: Interview) -> bool | None:
    if "lender.kind" not in answers:
        return None
    return answers["lender.kind"] in LICENSED


def described(answers: dict[str, Any], iv: Interview) -> str:
    """The situation in the borrower's own voice: the `describe` sentence of each chosen option, then
    the free text. This is what the self-assessment passes to Check."""
    parts: list[str] = []
    for qid in iv.order:
        for f in iv.questions[qid].fields:
            value = answers.get(f.var)
            if f.type == "multi" and isinstance(value, list):
                parts += [c.describe for c in f.choices if c.value in value and c.describe]
            elif f.type == "choice" and value is not None:
                parts += [c.describe for c in f.choices if c.value == value and c.describe]
    story = answers.get("story")
    if story:
        parts.append(str(story).strip())
    return "\n".join(parts)


DERIVED: dict[str, Callable[[dict[str, Any], Interview], Any]] = {
    "loan.cut_head": cut_head,
    "loan.figures": figures,
    "lender.licensed": licensed,
    "described": described,
}

#: Which answers each derived variable reads (so the runner knows which questions it needs).
DERIVED_INPUTS: dict[str, tuple[str, ...]] = {
    "loan.cut_head": ("loan.principal", "loan.received"),
    "loan.figures": (*LOAN_FIGURES, "loan.received"),
    "lender.licensed": ("lender.kind",),
    "described": ("collector.actions", "collector.threats", "visit.details", "third_party.details", "story"),
}


def with_derived(answers: dict[str, Any], iv: Interview) -> dict[str, Any]:
    out = dict(answers)
    for name in iv.derived:
        value = DERIVED[name](answers, iv)
        if value is not None:
            out[name] = value
    return out
