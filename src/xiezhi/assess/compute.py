"""Named computations a result block may declare (`compute:`): they chain Check and Loan.

Each returns an Outcome; when the capability it needs is not installed yet, `unavailable` says so in
Chinese and the block is shown with that notice instead of failing the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from xiezhi.errors import XiezhiError

NOT_READY = "此功能尚未就绪"

#: Interview lender kinds -> Check's lender types (a private lender is not a licensed institution).
CHECK_LENDER = {"bank": "bank", "consumer_finance": "consumer_finance", "microloan": "microloan",
                "private": "unknown", "unlicensed": "unlicensed", "unknown": "unknown"}
SEVERITY_LABELS = {"info": "提示", "violation": "违规", "possible_crime": "可能涉嫌犯罪"}
SEVERITY_ORDER = {"info": 0, "violation": 1, "possible_crime": 2}
MODE_LABELS = {"threatened": "威胁要做", "done": "已经做了"}


@dataclass
class Outcome:
    items: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    raw: dict[str, Any] | None = None
    unavailable: str | None = None
    skip: bool = False


def category_titles() -> dict[str, str]:
    try:
        from xiezhi.collection.rules import load_categories

        return {k: v.title for k, v in load_categories().items()}
    except Exception:  # Check not installed or its data broken: fall back to the ids
        return {}


def chosen_categories(known: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(category, option label, describe sentence, mode) for every chosen option that names a category."""
    from xiezhi.assess.loader import get_interview

    iv = get_interview()
    out = []
    for qid in iv.order:
        for f in iv.questions[qid].fields:
            value = known.get(f.var)
            chosen = value if isinstance(value, list) else [value]
            for c in f.choices:
                if c.category and c.value in chosen:
                    mode = "threatened" if f.var == "collector.threats" else "done"
                    out.append((c.category, c.label, c.describe or c.label, mode))
    return out


def _declared(category: str, label: str, sentence: str, mode: str, titles: dict[str, str]) -> dict[str, Any]:
    """A finding the borrower declared by choosing an option that Check's wording rules did not catch."""
    from xiezhi.collection.citations import citations_for
    from xiezhi.collection.rules import load_categories

    spec = load_categories()[category]
    return {
        "kind": "finding", "category": category, "title": titles.get(category, category),
        "severity": spec.severity, "severity_label": SEVERITY_LABELS.get(spec.severity, spec.severity),
        "mode_label": MODE_LABELS.get(mode, mode), "quote": sentence, "source": "choice",
        "explanation": f"你选择了“{label}”，这属于“{titles.get(category, category)}”。",
        "citations": citations_for(category), "actions": [{"channel": a.channel, "why": a.why} for a in spec.actions],
    }


def check_described(known: dict[str, Any], text: str) -> Outcome:
    if not text.strip():
        return Outcome(skip=True)
    try:
        from xiezhi.collection import MessageMeta, analyze
    except ImportError:
        return Outcome(unavailable=f"催收检测{NOT_READY}。")
    meta = MessageMeta(lender_type=CHECK_LENDER.get(known.get("lender.kind") or "unknown", "unknown"))
    result = analyze(text, meta)
    titles = category_titles()
    items = []
    for f in result.findings:
        if f.category == "compliant":
            continue
        items.append({
            "kind": "finding", "category": f.category, "title": titles.get(f.category, f.category),
            "severity": f.severity, "severity_label": SEVERITY_LABELS.get(f.severity, f.severity),
            "mode_label": MODE_LABELS.get(f.mode, f.mode), "quote": f.quote, "explanation": f.explanation,
            "citations": f.citations, "actions": [a.model_dump() for a in f.actions], "source": "check",
        })
    seen = {i["category"] for i in items}
    for category, label, sentence, mode in chosen_categories(known):
        if category not in seen:
            seen.add(category)
            items.append(_declared(category, label, sentence, mode, titles))
    items.sort(key=lambda i: -SEVERITY_ORDER.get(i["severity"], 0))
    if not items:
        items.append({"kind": "note", "text": "按你描述的文字，没有检测出明显违法的催收做法。"
                                              "如果有短信或录音，可以在“催收检测”里逐条检测。"})
    return Outcome(items=items, raw=result.model_dump(mode="json"))


def loan_input(known: dict[str, Any]) -> dict[str, Any]:
    """The interview's loan figures -> a Loan input: equal monthly payments from the next month on."""
    start: date = known["loan.contract_date"]
    months = int(known["loan.months"])
    pay = Decimal(known["loan.monthly_payment"])
    payments = [{"date": add_months(start, i).isoformat(), "amount": str(pay)} for i in range(1, months + 1)]
    data: dict[str, Any] = {"lender_type": known.get("lender.kind") or "unknown",
                            "contract_date": start.isoformat(), "principal": str(known["loan.principal"]),
                            "payments": payments}
    if known.get("loan.received") is not None:
        data["received"] = str(known["loan.received"])
    return data


def add_months(d: date, n: int) -> date:
    import calendar

    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def pct(x: Any) -> str:
    return f"{Decimal(str(x)) * 100:.2f}%"


def yuan(x: Any) -> str:
    return f"{Decimal(str(x)):,.2f} 元"


def loan_cost(known: dict[str, Any], _text: str) -> Outcome:
    try:
        from xiezhi.loan import assess_loan, parse_loan_input
    except ImportError:
        return Outcome(unavailable=f"借款计算{NOT_READY}。")
    try:
        result = assess_loan(parse_loan_input(loan_input(known)))
    except XiezhiError as exc:
        # the loan's reasons are its hints ("借款信息有误：" alone told the user nothing)
        reasons = "；".join(h.rstrip("。") for h in exc.hints)
        return Outcome(items=[{"kind": "note", "text": f"无法计算：{exc.message}{reasons}。" if reasons
                               else f"无法计算：{exc.message}"}])
    owed = result.legally_owed
    items = [
        {"kind": "figure", "label": "真实年化利率（IRR）", "value": pct(result.apr),
         "strong": bool(result.exceeds_cap)},
        {"kind": "figure", "label": "适用的利率上限", "value": pct(result.cap)},
        {"kind": "figure", "label": "认定的借款本金", "value": yuan(result.principal_recognized)},
        {"kind": "figure", "label": "借款总成本（利息和费用）", "value": yuan(result.total_cost)},
        {"kind": "figure", "label": f"截至 {owed.as_of.isoformat()} 依法应还", "value": yuan(owed.amount)},
        {"kind": "note", "text": result.cap_basis.explanation},
    ]
    if result.exceeds_cap:
        items.append({"kind": "note", "text": "约定的成本超过上限，超过部分法院不予支持。"})
    if result.over_36:
        items.append({"kind": "note", "text": "年化超过 36%：这类借款可能涉及非法放贷，催收这类“债务”的暴力、"
                                              "恐吓行为可能构成催收非法债务罪。"})
    items += [{"kind": "note", "text": n} for n in result.notes[:4] if n != result.cap_basis.explanation]
    citations = [c.model_dump(mode="json") for c in result.citations if c.kind == "article"]
    return Outcome(items=items, citations=citations, raw=result.model_dump(mode="json"))


RUNNERS = {"check_described": check_described, "loan_cost": loan_cost}


def run(name: str, known: dict[str, Any], text: str) -> Outcome:
    return RUNNERS[name](known, text)
