"""The closed vocabulary of interview conditions, checked by a schema and evaluated in three values.

A condition is one of:
  {var: X, is: V}            the answer equals V (a choice value, true/false, a number)
  {var: X, in: [V, ...]}     the answer is one of the values
  {var: X, has: V}           a multiple-choice answer contains V
  {var: X, has_any: [V...]}  a multiple-choice answer contains at least one of the values
  {var: X, gte: N} / {var: X, lte: N}   numeric comparisons
  {var: X, answered: B}      the answer is non-empty (B = true) or empty/skipped (B = false)
  {all: [...]}, {any: [...]}, {not: {...}}

Evaluation returns True, False or None (not known yet: a variable it needs is unanswered), so the
runner can tell which result blocks are still possible and ask only the questions they need.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

Tri = bool | None
_OPS = ("is", "in", "has", "has_any", "gte", "lte", "answered")


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    var: str | None = None
    is_: Any = Field(default=None, alias="is")
    in_: list[Any] | None = Field(default=None, alias="in")
    has: str | None = None
    has_any: list[str] | None = None
    gte: Decimal | None = None
    lte: Decimal | None = None
    answered: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="before")
    @classmethod
    def _one_operator(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("条件必须是一个映射，例如 {var: lender.kind, is: bank}")
        combinators = [k for k in ("all", "any", "not") if k in data]
        ops = [k for k in _OPS if k in data]
        if combinators:
            if len(combinators) != 1 or ops or "var" in data:
                raise ValueError(f"条件 {data} 只能有一个 all/any/not，且不能与 var 同用")
        elif "var" not in data or len(ops) != 1:
            raise ValueError(f"条件 {data} 需要 var 和恰好一个运算符（{', '.join(_OPS)}）")
        return data

    def variables(self) -> set[str]:
        out: set[str] = {self.var} if self.var else set()
        for sub in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            out |= sub.variables()
        return out

    def values_for(self, var: str) -> list[Any]:
        """Literal values compared with `var` anywhere in the condition (for schema checks)."""
        out: list[Any] = []
        if self.var == var:
            if "is_" in self.model_fields_set:
                out.append(self.is_)
            out += list(self.in_ or []) + ([self.has] if self.has else []) + list(self.has_any or [])
        for sub in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            out += sub.values_for(var)
        return out

    def evaluate(self, answers: dict[str, Any]) -> Tri:
        if self.all is not None:
            results = [c.evaluate(answers) for c in self.all]
            if any(r is False for r in results):
                return False
            return None if any(r is None for r in results) else True
        if self.any is not None:
            results = [c.evaluate(answers) for c in self.any]
            if any(r is True for r in results):
                return True
            return None if any(r is None for r in results) else False
        if self.not_ is not None:
            r = self.not_.evaluate(answers)
            return None if r is None else not r
        assert self.var is not None
        if self.var not in answers:
            return None
        value = answers[self.var]
        if self.answered is not None:
            return (value not in (None, "", [])) == self.answered
        if value is None:  # answered "skip" (optional field left empty)
            return False
        if "is_" in self.model_fields_set:
            return _same(value, self.is_)
        if self.in_ is not None:
            return any(_same(value, v) for v in self.in_)
        if self.has is not None:
            return isinstance(value, list | tuple | set) and self.has in value
        if self.has_any is not None:
            return isinstance(value, list | tuple | set) and any(v in value for v in self.has_any)
        if self.gte is not None:
            return _num(value) is not None and _num(value) >= self.gte  # type: ignore[operator]
        if self.lte is not None:
            return _num(value) is not None and _num(value) <= self.lte  # type: ignore[operator]
        return None  # unreachable: the validator requires one operator


def _num(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, int | float | Decimal) and isinstance(b, int | float | Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    return str(a) == str(b)


Condition.model_rebuild()
