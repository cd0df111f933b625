"""文书 and 还款计划 (issue 7): forms over xiezhi.letters and xiezhi.plan; a clear "此功能尚未就绪"
page while those capabilities are missing."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from xiezhi.api import capabilities
from xiezhi.errors import InputError
from xiezhi.web import forms
from xiezhi.web.errors import for_people
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
LENDERS = {"unknown": "不清楚", "bank": "银行", "consumer_finance": "消费金融公司", "microloan": "小额贷款公司",
           "private": "个人或普通公司", "unlicensed": "无放贷资质的平台或个人"}
LETTER_FIELDS = ("kind", "borrower_name", "borrower_phone", "borrower_id", "lender_name", "lender_type", "region",
                 "hardship", "summary", "messages", "collector_name", "credit_item", "credit_reason",
                 "monthly", "months")
DEBT_FIELDS = ("platform", "lender_type", "principal", "claimed_charges", "days_overdue", "monthly_due",
               "contract_date")
DEBT_ROWS = 3
MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "html": "text/html; charset=utf-8"}


def _placeholder(request: Request, which: str) -> HTMLResponse:
    if which == "letters":
        ctx = {"heading": "文书", "intro": "根据你的情况起草协商还款申请书、投诉材料、征信异议申请、报案材料和对催收函的回复。",
               "detail": "在此之前，可以先用“催收检测”和“证据”整理材料。",
               "alternatives": [("/check", "催收检测"), ("/evidence", "证据")]}
    else:
        ctx = {"heading": "还款计划", "intro": "把几笔借款、收入和必要开支放在一起，给出预算之内的协商还款方案。",
               "detail": "在此之前，可以先用“借款计算”逐笔算清依法应还的金额。", "alternatives": [("/loan", "借款计算")]}
    return render(request, "placeholder.html", ctx, title=ctx["heading"], active=f"/{which}")


# ---------------------------------------------------------------- 文书


def letter_facts(f: dict[str, str]) -> dict[str, Any]:
    """The form's fields -> the facts model of xiezhi.letters (only what was filled in)."""
    facts: dict[str, Any] = {}
    borrower = {k: v for k, v in (("name", f["borrower_name"]), ("phone", f["borrower_phone"]),
                                  ("id_number", f["borrower_id"])) if v}
    if borrower:
        facts["borrower"] = borrower
    if f["lender_name"]:
        facts["lender"] = {"name": f["lender_name"], "type": f["lender_type"] or "unknown"}
    for key in ("region", "hardship", "summary"):
        if f[key]:
            facts[key] = f[key]
    msgs = [line.strip() for line in f["messages"].splitlines() if line.strip()]
    if msgs:
        facts["messages"] = [{"text": m} for m in msgs[:50]]
    if f["collector_name"]:
        facts["collector"] = {"name": f["collector_name"]}
    if f["credit_item"] or f["credit_reason"]:
        facts["credit"] = {k: v for k, v in (("item", f["credit_item"]), ("reason", f["credit_reason"])) if v}
    if f["monthly"] or f["months"]:
        facts["proposal"] = _proposal(f["monthly"], f["months"])
    return facts


def _proposal(monthly_text: str, months_text: str) -> dict[str, str]:
    """每月能还 / 分几个月, checked under the form's own labels; both or neither."""
    from decimal import Decimal, InvalidOperation

    from xiezhi.money import to_decimal

    if not monthly_text or not months_text:
        raise InputError("还款方案请同时填写“每月能还”和“分几个月”，或者两项都不填。")
    try:
        monthly = Decimal(to_decimal(monthly_text))
    except (InvalidOperation, ValueError, TypeError):
        raise InputError(f"“每月能还”应当是金额，例如 500；现在填的是“{monthly_text}”。") from None
    if not monthly.is_finite() or monthly <= 0 or monthly > Decimal("100000000"):
        raise InputError(f"“每月能还”应当是大于 0 的合理金额；现在填的是“{monthly_text}”。")
    months = months_text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not months.isdigit() or not 1 <= int(months) <= 360:
        raise InputError(f"“分几个月”应当是 1 到 360 之间的整数；现在填的是“{months_text}”。")
    return {"monthly": str(monthly), "months": months}


def _letter_form(source: Any) -> dict[str, str]:
    def get(k: str) -> str:
        v = source.get(k)
        return v.strip()[:5000] if isinstance(v, str) else ""

    f = {k: get(k) for k in LETTER_FIELDS}
    if f["lender_type"] not in LENDERS:
        f["lender_type"] = "unknown"
    if not f["lender_name"] and get("lender"):
        f["lender_name"] = get("lender")
    if not f["summary"] and get("text"):
        f["summary"] = get("text")
    return f


@router.get("/letters", response_class=HTMLResponse)
def letters(request: Request) -> HTMLResponse:
    if not capabilities.available("letters"):
        return _placeholder(request, "letters")
    from xiezhi.letters import list_kinds

    kinds = list_kinds()
    f = _letter_form(request.query_params)
    if f["kind"] not in {k.kind for k in kinds}:
        f["kind"] = kinds[0].kind
    return render(request, "letters.html", {"kinds": kinds, "f": f, "lenders": LENDERS, "letter": None,
                                            "error": None, "hints": []}, title="文书", active="/letters")


@router.post("/letters", response_model=None)
async def letters_draft(request: Request) -> HTMLResponse | Response:
    form: FormData = await forms.read_form(request)
    if not capabilities.available("letters"):
        return _placeholder(request, "letters")
    from xiezhi.letters import draft_letter, letter_bytes, list_kinds

    kinds = list_kinds()
    f = _letter_form(form)
    fmt = forms.text(form, "format", 10) or "preview"
    ctx: dict[str, Any] = {"kinds": kinds, "f": f, "lenders": LENDERS, "letter": None, "error": None, "hints": []}
    try:
        if f["kind"] not in {k.kind for k in kinds}:
            raise InputError("请选择文书种类。")
        letter = draft_letter(f["kind"], letter_facts(f))
        if fmt in MEDIA:
            data = letter_bytes(letter, fmt)
            return Response(data, media_type=MEDIA[fmt],
                            headers={"Content-Disposition": f'attachment; filename="{f["kind"]}.{fmt}"'})
        ctx["letter"] = letter
    except InputError as exc:
        ctx["error"], ctx["hints"] = for_people(exc.message), exc.hints
        return render(request, "letters.html", ctx, title="文书", active="/letters", status=400)
    return render(request, "letters.html", ctx, title="文书", active="/letters")


# ---------------------------------------------------------------- 还款计划


def plan_input(form: Any) -> dict[str, Any]:
    def get(k: str) -> str:
        v = form.get(k)
        return v.strip()[:200] if isinstance(v, str) else ""

    debts = []
    for i in range(DEBT_ROWS):
        row = {k: get(f"d{i}_{k}") for k in DEBT_FIELDS}
        if not row["platform"] and not row["principal"]:
            continue
        debts.append({k: v for k, v in row.items() if v})
    if not debts:
        raise InputError("请至少填写一笔借款（平台名称和尚欠本金）。")
    data: dict[str, Any] = {"debts": debts, "monthly_income": get("monthly_income") or "0",
                            "essential_costs": get("essential_costs") or "0"}
    if get("dependants"):
        data["dependants"] = get("dependants")
    return data


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request) -> HTMLResponse:
    if not capabilities.available("plan"):
        return _placeholder(request, "plan")
    q = request.query_params
    ctx: dict[str, Any] = {"q": q, "lenders": LENDERS, "rows": range(DEBT_ROWS), "result": None, "error": None,
                           "chart": None}
    status = 200
    if q.get("monthly_income"):
        from xiezhi.plan import make_plan, parse_plan_input

        try:
            result = make_plan(parse_plan_input(plan_input(q)))
            ctx["result"] = result
            ctx["chart"] = "data:image/svg+xml;base64," + base64.b64encode(result.chart_svg.encode()).decode()
        except InputError as exc:
            ctx["error"] = for_people(str(exc))
            status = 400
    return render(request, "plan.html", ctx, title="还款计划", active="/plan", status=status)
