"""Pydantic validation errors in the Chinese a borrower can act on, shared by every input reader.

Loan, plan and letter inputs all come from users' YAML/JSON; one translation of error kinds and of
field paths keeps their messages consistent (`第2项 → 年利率 annual_rate：不是数字：'abc'`).
"""

from __future__ import annotations

from typing import Any


def where(loc: tuple[Any, ...], names: dict[str, str]) -> str:
    """A field path with list positions counted from 1 and validator wrappers left out."""
    parts = []
    for x in loc:
        if isinstance(x, int):
            parts.append(f"第{x + 1}项")
        elif "[" in str(x) or "function-" in str(x):
            continue
        else:
            parts.append(names.get(str(x), str(x)))
    return " → ".join(parts)


def problem(err: dict[str, Any]) -> str:
    """One pydantic error as a short Chinese sentence."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    inp = err.get("input")
    if kind == "missing":
        return "缺少这一项"
    if kind == "extra_forbidden":
        return "不认识这一项（请检查拼写）"
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "int_parsing", "int_type", "int_from_float"):
        return f"不是数字：{inp!r}"
    if kind in ("greater_than", "greater_than_equal"):
        bound = ctx.get("gt", ctx.get("ge"))
        return f"必须{'大于' if kind == 'greater_than' else '不小于'} {bound}（输入为 {inp}）"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        if any("rate" in str(x) for x in err.get("loc", ())):  # the likely slip: 18 meant as 18 %
            return f"不能大于 {bound}（输入为 {inp}；利率请写成 0.18 或 \"18%\"）"
        return f"不能大于 {bound}（输入为 {inp}）"
    if kind in ("literal_error", "enum"):
        return f"只能是 {ctx.get('expected', '')}（输入为 {inp!r}）"
    if kind in ("too_short", "too_long"):
        return "数量或长度不符合要求（不能为空，也不能太长）"
    if kind in ("bool_parsing", "bool_type"):
        return f"应为 true 或 false（输入为 {inp!r}）"
    if kind == "string_type":
        return "应为文字"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        return "格式不对（应为列表或对象）"
    if kind.startswith("date"):
        return f"不是有效日期：{inp!r}"
    return str(err.get("msg", kind))
