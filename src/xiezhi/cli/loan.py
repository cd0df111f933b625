"""`xiezhi loan`: true annualised cost, the legal line on the contract's date, and what is legally owed."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xiezhi.cli.common import JsonFlag, emit, user_errors

Opt = typer.Option


def _pair(text: str, what: str) -> tuple[str, str]:
    """'2024-04-01:950' or '2024-04-01=950' -> (date, amount)."""
    from xiezhi.errors import InputError

    for sep in ("=", "：", ":", ","):
        if sep in text:
            left, right = text.rsplit(sep, 1)
            return left.strip(), right.strip()
    raise InputError(f"{what}应写成 日期:金额，例如 2024-04-01:950（收到的是“{text}”）。")


def _fee(text: str) -> dict[str, Any]:
    """'服务费=300', '300', '服务费=300@2024-04-01'."""
    when: str = "upfront"
    if "@" in text:
        text, when = (x.strip() for x in text.split("@", 1))
    name, amount = (text.split("=", 1) if "=" in text else ("费用", text))
    return {"name": name.strip() or "费用", "amount": amount.strip(), "when": when}


def _rate(text: str) -> str:
    """'18%' -> '0.18'; '0.18' stays; a bare number above 1 is read as a percentage."""
    from decimal import Decimal, InvalidOperation

    from xiezhi.errors import InputError

    t = text.strip().replace("％", "%")
    try:
        if t.endswith("%"):
            return str(Decimal(t[:-1]) / 100)
        v = Decimal(t)
    except InvalidOperation:
        raise InputError(f"年利率不是数字：“{text}”（可写 18% 或 0.18）。") from None
    return str(v / 100 if v > 1 else v)


def _build(**kw: Any) -> Any:
    from xiezhi.dates import parse_date
    from xiezhi.errors import InputError
    from xiezhi.loan import load_loan_input, parse_loan_input

    if kw["input"]:
        inp = load_loan_input(kw["input"])
        data = inp.model_dump(exclude_none=True)
        for key in ("lender_type", "as_of", "filing_date"):
            if kw.get(key):
                data[key] = kw[key]
        if not data.get("as_of") and not data.get("claimed"):
            data["as_of"] = kw["today"]
        return parse_loan_input(data)
    missing = [n for n in ("principal", "contract_date", "rate", "periods") if kw.get(n) in (None, "")]
    if missing:
        flags = "、".join("--" + m.replace("_", "-") for m in missing)
        raise InputError(f"请用 --input 给出借款文件，或至少给出 {flags}。")
    data: dict[str, Any] = {
        "lender_type": kw["lender_type"] or "unknown",
        "contract_date": kw["contract_date"],
        "principal": kw["principal"],
        "schedule": {"method": kw["method"], "annual_rate": _rate(kw["rate"]), "periods": kw["periods"],
                     "period": kw["period"]},
        "fees": [_fee(f) for f in kw["fee"] or []],
        "paid": [dict(zip(("date", "amount"), _pair(p, "已还款"), strict=True)) for p in kw["paid"] or []],
    }
    if kw["received"] is not None:
        data["received"] = kw["received"]
    if kw["claimed"]:
        d, a = _pair(kw["claimed"], "对方主张")
        data["claimed"] = {"as_of": d, "amount": a}
    for key in ("as_of", "filing_date"):
        if kw.get(key):
            data[key] = kw[key]
    if kw["overdue_rate"]:
        data["overdue_rate"] = _rate(kw["overdue_rate"])
    if "as_of" not in data and "claimed" not in data:
        start = parse_date(kw["contract_date"])
        if kw["today"] >= start:
            data["as_of"] = kw["today"]
    return parse_loan_input(data)


def register(app: typer.Typer) -> None:
    @app.command(
        "loan",
        help=(
            "计算借款的真实年化利率（IRR，计入全部费用、以实际到手金额为本金），判断合同成立日适用的法定上限，"
            "算出依法应还的金额并与对方主张比较。用 --input 读 JSON/YAML 文件，或用参数描述常见借款。"
        ),
    )
    def loan_cmd(
        input: Annotated[str | None, Opt("--input", "-i", help="借款文件（JSON 或 YAML，字段见 docs/loan.md）")] = None,
        principal: Annotated[str | None, Opt("--principal", help="合同本金（元）")] = None,
        received: Annotated[str | None, Opt("--received", help="实际到手金额（元，默认等于本金）")] = None,
        rate: Annotated[str | None, Opt("--rate", help="合同年利率，如 18% 或 0.18")] = None,
        periods: Annotated[int | None, Opt("--periods", help="期数")] = None,
        period: Annotated[str, Opt("--period", help="每期长度：month、week、day 或天数（如 7）")] = "month",
        method: Annotated[str, Opt("--method", help="还款方式：equal_installment（等额本息）、equal_principal（等额本金）、"
                                   "interest_only（先息后本）、bullet（到期一次还本付息）")] = "equal_installment",
        contract_date: Annotated[str | None, Opt("--contract-date", help="合同成立日（放款日），如 2024-03-01 或 2024年3月1日")] = None,
        lender: Annotated[str | None, Opt("--lender", help="出借方：bank、consumer_finance、microloan、private、unlicensed、unknown")] = None,
        fee: Annotated[list[str] | None, Opt("--fee", help="费用，可多次：服务费=300（放款时扣除）或 会员费=99@2024-04-01")] = None,
        paid: Annotated[list[str] | None, Opt("--paid", help="已还款，可多次：2024-04-01:950")] = None,
        claimed: Annotated[str | None, Opt("--claimed", help="对方主张的欠款：日期:金额，如 2025-01-10:12345")] = None,
        as_of: Annotated[str | None, Opt("--as-of", help="计算到哪一天（默认今天）")] = None,
        overdue_rate: Annotated[str | None, Opt("--overdue-rate", help="约定的逾期年利率（含罚息、违约金），如 24%")] = None,
        filing_date: Annotated[str | None, Opt("--filing-date", help="起诉日（2020-08-20 前的旧合同分段计算用，默认为计算日）")] = None,
        as_json: JsonFlag = False,
    ) -> None:
        from datetime import date

        from xiezhi.loan import assess_loan
        from xiezhi.loan.report import render_assessment

        with user_errors():
            inp = _build(
                input=input, principal=principal, received=received, rate=rate, periods=periods, period=period,
                method=method, contract_date=contract_date, lender_type=lender, fee=fee, paid=paid,
                claimed=claimed, as_of=as_of, overdue_rate=overdue_rate, filing_date=filing_date,
                today=date.today(),
            )
            result = assess_loan(inp)
        emit(result, as_json, render_assessment)
