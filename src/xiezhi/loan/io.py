"""Reading a loan from JSON/YAML text or a dict, with every problem reported in Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from xiezhi.errors import InputError
from xiezhi.loan.models import LoanInput
from xiezhi.validation import problem, where

_FIELD_NAMES = {
    "lender_type": "出借方类型 lender_type",
    "contract_date": "合同日期 contract_date",
    "principal": "合同本金 principal",
    "received": "到手金额 received",
    "payments": "还款计划 payments",
    "schedule": "还款方式 schedule",
    "fees": "费用 fees",
    "paid": "已还款 paid",
    "claimed": "对方主张 claimed",
    "amount": "金额 amount",
    "date": "日期 date",
    "annual_rate": "年利率 annual_rate",
    "periods": "期数 periods",
    "period": "还款周期 period",
    "method": "还款方式 method",
    "as_of": "计算日 as_of",
    "overdue_rate": "逾期年利率 overdue_rate",
    "filing_date": "起诉日 filing_date",
    "when": "费用时间 when",
}


def parse_loan_input(data: Any) -> LoanInput:
    """Validate a dict into a LoanInput; raise InputError listing every problem in Chinese."""
    if isinstance(data, LoanInput):
        return data
    if not isinstance(data, dict):
        raise InputError("借款信息应为一个对象（JSON 的 {…} 或 YAML 的键值对）。")
    try:
        return LoanInput.model_validate(data)
    except InputError:
        raise
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if err["type"] == "value_error" and isinstance((err.get("ctx") or {}).get("error"), InputError):
                problems.append(str(err["ctx"]["error"]))
                continue
            path = where(tuple(err["loc"]), _FIELD_NAMES)
            problems.append(f"{path}：{problem(err)}" if path else problem(err))
        raise InputError("借款信息有误：", hints=problems) from None


def load_loan_input(path: str | Path) -> LoanInput:
    """Read a loan from a JSON or YAML file (any common encoding)."""
    from xiezhi.params.loader import _StrictLoader
    from xiezhi.textio import read_text_file

    text = read_text_file(path).text
    p = Path(path)
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.load(text, Loader=_StrictLoader)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"无法解析 {p.name}：{exc}") from None
    return parse_loan_input(data)
