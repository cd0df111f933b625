"""Reading a plan (or letter facts) from YAML/JSON text or a dict, every problem reported in Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from xiezhi.errors import InputError
from xiezhi.plan.models import PlanInput
from xiezhi.validation import problem, where

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


def validation_message(exc: ValidationError, names: dict[str, str], what: str) -> str:
    lines = []
    for err in exc.errors():
        path = where(tuple(err["loc"]), names)
        lines.append(f"  · {path}：{problem(err)}" if path else f"  · {problem(err)}")
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
