"""借款计算: a GET form (so pre-filled links work) -> APR, cap, legally owed, schedule table and chart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from xiezhi.api import capabilities
from xiezhi.errors import InputError
from xiezhi.web.charts import schedule_svg
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
LENDERS = {"unknown": "不清楚", "bank": "银行", "consumer_finance": "消费金融公司", "microloan": "小额贷款公司",
           "private": "个人或普通公司（民间借贷）", "unlicensed": "无放贷资质的平台或个人"}
METHODS = {"equal_installment": "等额本息", "equal_principal": "等额本金", "interest_only": "先息后本",
           "bullet": "到期一次还本付息"}
FIELDS = ("lender_type", "contract_date", "principal", "received", "months", "monthly_payment", "annual_rate",
          "method", "claimed_amount", "claimed_date")
MAX_MONTHS = 360


def build_input(f: dict[str, str]) -> dict[str, Any]:
    """The form's fields -> a Loan input (monthly payments if given, else a schedule by rate)."""
    from xiezhi.assess.compute import add_months
    from xiezhi.dates import parse_date

    if not f.get("principal") or not f.get("contract_date"):
        raise InputError("请至少填写借款金额和借款日期。")
    start = parse_date(f["contract_date"])
    data: dict[str, Any] = {"lender_type": f.get("lender_type") or "unknown", "contract_date": start.isoformat(),
                            "principal": f["principal"]}
    if f.get("received"):
        data["received"] = f["received"]
    months_text = f.get("months") or ""
    if not months_text.isdigit() or not 1 <= int(months_text) <= MAX_MONTHS:
        raise InputError(f"期数应当是 1 到 {MAX_MONTHS} 之间的整数。")
    months = int(months_text)
    if f.get("monthly_payment"):
        data["payments"] = [{"date": add_months(start, i).isoformat(), "amount": f["monthly_payment"]}
                            for i in range(1, months + 1)]
    elif f.get("annual_rate"):
        rate = f["annual_rate"].strip().rstrip("%％")
        try:
            annual = float(rate) / 100
        except ValueError:
            raise InputError("年利率应当是数字，例如 18 表示 18%。") from None
        data["schedule"] = {"method": f.get("method") or "equal_installment", "annual_rate": str(annual),
                            "periods": months, "period": "month"}
    else:
        raise InputError("请填写每期还款金额，或者合同年利率。")
    if f.get("claimed_amount"):
        data["claimed"] = {"as_of": f.get("claimed_date") or start.isoformat(), "amount": f["claimed_amount"]}
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
            ctx["error"] = str(exc)
            status = 400
    return render(request, "loan.html", ctx, title="借款计算", active="/loan", status=status)
