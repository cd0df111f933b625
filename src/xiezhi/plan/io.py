"""Reading a plan (or letter facts) from YAML/JSON text or a dict, every problem reported in Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from xiezhi.errors import InputError
from xiezhi.plan.models import PlanInput

FIELD_NAMES = {
    "debts": "债务 debts",
    "platform": "平台 platform",
    "lender_type": "出借方类型 lender_type",
    "principal": "尚欠本金 principal",
    "claimed_charges": "对方主张的利息费用 claimed_charges",
    "days_overdue": "逾期天数 days_overdue",
    "monthly_due": "每月应还 monthly_due",
    "contract_date": "合同日期 contract_date",
    "annual_rate": "年利率 annual_rate",
    "original_principal": "合同本金 original_principal",
    "received": "到手金额 received",
    "illegal_collection": "违法催收 illegal_collection",
    "pay_to": "收款方 pay_to",
    "loan": "借款信息 loan",
    "monthly_income": "每月收入 monthly_income",
    "essential_costs": "必要生活开支 essential_costs",
    "dependants": "抚养人数 dependants",
    "reserve": "应急留存 reserve",
    "borrowing_to_repay": "借新还旧 borrowing_to_repay",
    "start": "开始月份 start",
    "max_months": "最长月数 max_months",
}


def _where(loc: tuple[Any, ...], names: dict[str, str]) -> str:
    parts = []
    for x in loc:
        if isinstance(x, int):
            parts.append(f"第{x + 1}项")
        elif "[" in str(x) or "function-" in str(x):
            continue
        else:
            parts.append(names.get(str(x), str(x)))
    return " → ".join(parts)


def _message(err: dict[str, Any]) -> str:
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
        return f"不能大于 {ctx.get('le', ctx.get('lt'))}（输入为 {inp}；利率请写成 0.18 或 \"18%\"）"
    if kind in ("literal_error", "enum"):
        return f"只能是 {ctx.get('expected', '')}（输入为 {inp!r}）"
    if kind in ("too_short", "too_long"):
        return "数量或长度不符合要求（不能为空，也不能太长）"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"应为 true 或 false（输入为 {inp!r}）"
    if kind in ("string_type",):
        return "应为文字"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err.get("msg", ""))).removeprefix("Value error, ")
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        return "格式不对（应为列表或对象）"
    if kind.startswith("date"):
        return f"不是有效日期：{inp!r}"
    return str(err.get("msg", kind))


def validation_message(exc: ValidationError, names: dict[str, str], what: str) -> str:
    lines = []
    for err in exc.errors():
        where = _where(tuple(err["loc"]), names)
        lines.append(f"  · {where}：{_message(err)}" if where else f"  · {_message(err)}")
    return f"{what}有问题：\n" + "\n".join(lines)


def validate(model: type[BaseModel], data: Any, names: dict[str, str], what: str) -> Any:
    if isinstance(data, model):
        return data
    if not isinstance(data, dict):
        raise InputError(f"{what}应为一个对象（JSON 的 {{…}} 或 YAML 的键值对）。")
    try:
        return model.model_validate(data)
    except InputError as exc:  # a date parser inside a validator
        raise InputError(f"{what}有问题：{exc}") from None
    except ValidationError as exc:
        raise InputError(validation_message(exc, names, what)) from None


def load_data(path: str | Path) -> Any:
    """Read a YAML or JSON file (any common encoding); duplicate keys and syntax errors are refused."""
    from xiezhi.params.loader import _StrictLoader
    from xiezhi.textio import read_text_file

    text = read_text_file(path).text
    p = Path(path)
    try:
        return json.loads(text) if p.suffix.lower() == ".json" else yaml.load(text, Loader=_StrictLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"无法解析 {p.name}：{exc}") from None


def parse_plan_input(data: Any) -> PlanInput:
    return validate(PlanInput, data, FIELD_NAMES, "还款计划的输入")


def load_plan_input(path: str | Path) -> PlanInput:
    return parse_plan_input(load_data(path))
