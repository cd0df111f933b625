"""借款计算: a GET form (so pre-filled links work) -> APR, cap, legally owed, schedule table and chart."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from xiezhi.api import capabilities
from xiezhi.errors import InputError
from xiezhi.web.charts import schedule_svg
from xiezhi.web.errors import for_people
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
LENDERS = {"unknown": "不清楚", "bank": "银行", "consumer_finance": "消费金融公司", "microloan": "小额贷款公司",
           "private": "个人或普通公司（民间借贷）", "unlicensed": "无放贷资质的平台或个人"}
METHODS = {"equal_installment": "等额本息", "equal_principal": "等额本金", "interest_only": "先息后本",
           "bullet": "到期一次还本付息"}
FIELDS = ("lender_type", "contract_date", "principal", "received", "months", "monthly_payment", "annual_rate",
          "method", "claimed_amount", "claimed_date")
MAX_MONTHS = 360
#: The form's money fields by their labels, so an error names the box the user typed in (not `principal`).
LABELS = {"principal": "合同借款金额", "received": "实际到手金额", "monthly_payment": "每期还款",
          "claimed_amount": "平台或催收要求还的金额"}
MAX_AMOUNT = Decimal("1000000000")  # 10 亿元: anything above is a slip of the keyboard
MAX_RATE_PERCENT = Decimal("10000")  # the loan model's own bound (annual rate 100 as a fraction)


def _amount(f: dict[str, str], key: str) -> Decimal | None:
    """A money field as typed ("10000", "1万", "12,000元", full-width digits) -> Decimal, or a Chinese error that names
    the field."""
    from xiezhi.money import cents, to_decimal

    raw = f.get(key) or ""
    if not raw:
        return None
    label = LABELS[key]
    try:
        value = Decimal(to_decimal(raw))
    except (InvalidOperation, ValueError, TypeError):
        raise InputError(f"{label}应当是数字，例如 10000 或 1万；现在填的是“{raw}”。") from None
    if not value.is_finite():
        raise InputError(f"{label}应当是数字，例如 10000 或 1万；现在填的是“{raw}”。")
    if value > MAX_AMOUNT:
        raise InputError(f"{label}“{raw}”太大了（超过 10 亿元），请检查是不是多输了几个 0。")
    if cents(value) <= 0:
        raise InputError(f"{label}应当大于 0；现在填的是“{raw}”。")
    return cents(value)


def _rate(raw: str) -> Decimal:
    text = raw.strip().rstrip("%％").strip()
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise InputError(f"合同年利率应当是数字，例如 18 表示 18%；现在填的是“{raw}”。") from None
    if not rate.is_finite() or rate < 0:
        raise InputError(f"合同年利率不能是负数或非数字；现在填的是“{raw}”。例如 18 表示年利率 18%。")
    if rate > MAX_RATE_PERCENT:
        raise InputError(f"合同年利率“{raw}”%太高了（超过 {MAX_RATE_PERCENT}%），请检查是否输错；18 表示年利率 18%。")
    return rate


def build_input(f: dict[str, str]) -> dict[str, Any]:
    """The form's fields -> a Loan input (monthly payments if given, else a schedule by rate)."""
    from xiezhi.assess.compute import add_months
    from xiezhi.dates import parse_date

    if not f.get("principal") or not f.get("contract_date"):
        raise InputError("请至少填写借款金额和借款日期。")
    start = parse_date(f["contract_date"])
    principal = _amount(f, "principal")
    data: dict[str, Any] = {"lender_type": f.get("lender_type") or "unknown", "contract_date": start.isoformat(),
                            "principal": str(principal)}
    received = _amount(f, "received")
    if received is not None:
        if principal is not None and received > principal:
            raise InputError("实际到手金额不能大于合同借款金额（被预扣的服务费、砍头息不算到手）。")
        data["received"] = str(received)
    months_text = f.get("months") or ""
    if not months_text.isdigit() or not 1 <= int(months_text) <= MAX_MONTHS:
        raise InputError(f"期数应当是 1 到 {MAX_MONTHS} 之间的整数。")
    months = int(months_text)
    monthly = _amount(f, "monthly_payment")
    if monthly is not None:
        data["payments"] = [{"date": add_months(start, i).isoformat(), "amount": str(monthly)}
                            for i in range(1, months + 1)]
    elif f.get("annual_rate"):
        data["schedule"] = {"method": f.get("method") or "equal_installment",
                            "annual_rate": str(_rate(f["annual_rate"]) / 100), "periods": months, "period": "month"}
    else:
        raise InputError("请填写每期还款金额，或者合同年利率。")
    claimed = _amount(f, "claimed_amount")
    if claimed is not None:
        as_of = parse_date(f["claimed_date"]) if f.get("claimed_date") else start
        if as_of < start:
            raise InputError(f"要求还款的日期 {as_of.isoformat()} 早于借款日期 {start.isoformat()}，请检查这两个日期。")
        data["claimed"] = {"as_of": as_of.isoformat(), "amount": str(claimed)}
    return data


@router.get("/loan", response_class=HTMLResponse)
def loan_page(request: Request) -> HTMLResponse:
    f = {k: (request.query_params.get(k) or "").strip()[:40] for k in FIELDS}
    if f["lender_type"] not in LENDERS:
        f["lender_type"] = "unknown"
    if f["method"] not in METHODS:
        f["method"] = "equal_installment"
    ctx: dict[str, Any] = {"f": f, "lenders": LENDERS, "methods": METHODS, "result": None, "error": None,
                           "chart": "", "ready": capabilities.available("loan")}
    submitted = any(f[k] for k in ("principal", "monthly_payment", "annual_rate"))
    status = 200
    if ctx["ready"] and submitted:
        from xiezhi.loan import assess_loan, parse_loan_input

        try:
            result = assess_loan(parse_loan_input(build_input(f)))
            ctx["result"] = result
            ctx["chart"] = Markup(schedule_svg(result.schedule))  # built from numbers only, escaped text
        except InputError as exc:
            ctx["error"] = for_people(str(exc))
            status = 400
        except ArithmeticError:  # a combination of numbers the schedule cannot carry: keep the form, say so
            ctx["error"] = "输入的数字超出了可以计算的范围，请检查金额、利率和期数。"
            status = 400
    return render(request, "loan.html", ctx, title="借款计算", active="/loan", status=status)
