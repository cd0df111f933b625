"""What a template sees: the user's facts as plain data plus values derived by core functions
(Check findings, the repayment plan, the regulator for this lender type) and named tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from xiezhi.documents import Table
from xiezhi.letters.markup import cn_date, yuan
from xiezhi.letters.models import FindingFact, LetterFacts
from xiezhi.plan.models import LICENSED, DebtAssessment, PlanResult

SEVERITY_LABELS = {"info": "提示", "violation": "涉嫌违规", "possible_crime": "可能涉嫌犯罪"}
PRIVACY_CATEGORIES = frozenset({"third_party_contact", "debt_disclosure", "privacy_exposure", "harassment_time",
                                "harassment_frequency", "insult_defamation"})
_CHECK_LENDERS = {"bank", "consumer_finance", "microloan", "unlicensed", "unknown"}
#: Lender types bound by 《银行保险机构消费者权益保护管理办法》: its art. 2 and art. 55 cover 银行业金融机构
#: (banks, 消费金融公司 …) and insurers only. A 小额贷款公司 is a 地方金融组织 (lending-scope-reply:1), "licensed"
#: but outside that rule, so a letter must not hold its art. 41 against one (legal review D3).
BANKING_INSURANCE = frozenset({"bank", "consumer_finance"})


def _category_titles() -> dict[str, str]:
    try:
        from xiezhi.collection.rules import load_categories

        return {k: v.title for k, v in load_categories().items()}
    except Exception:  # Check's data unavailable: fall back to the category ids
        return {}


def _citation_ids(cites: list[Any]) -> list[str]:
    out = []
    for c in cites:
        cid = c.get("id") if isinstance(c, dict) else str(c)
        if cid and cid not in out:
            out.append(cid)
    return out


def finding_citations(fs: list[FindingFact], per_finding: int = 1, limit: int = 4) -> list[str]:
    """The main citation of each finding (Check lists the most specific first), de-duplicated."""
    out: list[str] = []
    for f in fs:
        for c in f.citations[:per_finding]:
            if c not in out:
                out.append(c)
    return out[:limit]


def collect_findings(facts: LetterFacts) -> list[FindingFact]:
    """Findings given by the user (from Check) plus Check run on each message; compliant ones dropped."""
    from xiezhi.collection import MessageMeta, analyze

    out = [f for f in facts.findings if f.category != "compliant"]
    for m in facts.messages:
        meta = MessageMeta(sent_at=m.sent_at, channel=m.channel, recipient_role=m.recipient_role
                           if m.recipient_role in ("debtor", "guarantor", "spouse", "emergency_contact",
                                                   "address_book_contact", "employer_or_colleague", "public")
                           else None,
                           lender_type=facts.lender.type if facts.lender.type in _CHECK_LENDERS else None)
        for f in analyze(m.text, meta).findings:
            if f.category == "compliant":
                continue
            out.append(FindingFact(category=f.category, severity=f.severity, quote=f.quote or m.text,
                                   explanation=f.explanation, citations=_citation_ids(f.citations), at=m.sent_at))
    titles = _category_titles()
    for f in out:
        f.label = f.label or titles.get(f.category, f.category)
        f.citations = _citation_ids(f.citations)
    return out


def regulator(facts: LetterFacts) -> dict[str, str]:
    region = facts.region or ""
    t = facts.lender.type
    if t in ("bank", "consumer_finance"):
        name = "国家金融监督管理总局" + (f"（{region}的派出机构）" if region else "（当地派出机构）")
        return {"name": name, "channel": "金融消费者投诉热线 12378，或向上述机构书面投诉", "kind": "national"}
    if t == "microloan":
        name = (f"{region}" if region else "所在地") + "地方金融管理部门（地方金融管理局）"
        return {"name": name, "channel": "向小额贷款公司注册地的地方金融管理部门书面投诉", "kind": "local"}
    if t == "unlicensed":
        name = (f"{region}" if region else "所在地") + "地方金融管理部门"
        return {"name": name, "channel": "书面反映；涉嫌违法犯罪的同时向公安机关报案", "kind": "local"}
    name = "国家金融监督管理总局" + (f"（{region}的派出机构）" if region else "（当地派出机构）")
    return {"name": name, "channel": "12378 热线或书面投诉（请先核实出借方是否持牌）", "kind": "national"}


def _match_debt(plan: PlanResult, facts: LetterFacts) -> DebtAssessment | None:
    keys = {k for k in (facts.lender.platform, facts.lender.name) if k}
    for d in plan.debts:
        if d.platform in keys:
            return d
    return plan.debts[0] if len(plan.debts) == 1 else None


def proposal(facts: LetterFacts, plan: PlanResult | None, debt: DebtAssessment | None) -> dict[str, Any]:
    """The offer for this lender: from the plan when it has this debt, else the user's own figures."""
    if plan is not None and debt is not None and plan.schedule:
        paid = [r for r in plan.schedule if r.payments[debt.platform] > 0]
        if paid:
            first = paid[0].payments[debt.platform]
            return {"monthly": first, "months": len(paid), "start": paid[0].date, "total": debt.target,
                    "last": paid[-1].payments[debt.platform], "from_plan": True}
    p = facts.proposal
    total = p.monthly * p.months if p.monthly and p.months else None
    return {"monthly": p.monthly, "months": p.months, "start": p.start, "total": total, "last": None,
            "from_plan": False}


def tables(facts: LetterFacts, findings: list[FindingFact], plan: PlanResult | None,
           debt: DebtAssessment | None) -> dict[str, Table]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()

    def short(cid: str) -> str:
        try:
            return corpus.article(cid).display
        except Exception:
            return cid

    out: dict[str, Table] = {}
    groups: dict[tuple, list[FindingFact]] = {}
    for f in findings:
        groups.setdefault((f.at, f.quote), []).append(f)
    rows = []
    for i, ((at, quote), fs) in enumerate(groups.items(), 1):
        problems = "\n".join(f"{f.label}（{SEVERITY_LABELS[f.severity]}）" for f in fs)
        rows.append([str(i), cn_date(at) if at else "", quote[:300], problems,
                     "\n".join(short(c) for c in finding_citations(fs))])
    out["findings"] = Table(["序号", "时间", "内容摘录", "问题", "可能违反"], rows, widths=[0.7, 1.4, 3.0, 2.4, 2.8])
    out["evidence"] = Table(
        ["序号", "时间", "类型", "内容", "文件 / 校验值"],
        [[str(i), cn_date(e.time) if e.time else "", e.kind or "", e.description,
          "\n".join(x for x in (e.file, (e.sha256[:16] + "…") if e.sha256 else None) if x)]
         for i, e in enumerate(facts.evidence, 1)],
        widths=[0.7, 1.6, 1.0, 4.3, 2.4])
    rows = []
    if plan is not None and debt is not None:
        for p in plan.phases:
            amount = p.payments[debt.platform]
            if amount <= 0:
                continue
            span = f"第{p.first_month}期" if p.first_month == p.last_month else f"第{p.first_month}–{p.last_month}期"
            when = (f"{p.first_date.year}年{p.first_date.month}月" if p.first_month == p.last_month else
                    f"{p.first_date.year}年{p.first_date.month}月至{p.last_date.year}年{p.last_date.month}月")
            rows.append([span, when, yuan(amount)])
    out["proposal"] = Table(["期数", "时间", "每期还款"], rows, widths=[1.2, 2.6, 1.6])
    budget_rows = []
    if plan is not None:
        budget_rows = [
            ["收入", yuan(plan.monthly_income)], ["必要生活开支", yuan(plan.essential_costs)],
            *([["应急留存", yuan(plan.reserve)]] if plan.reserve else []),
            ["可用于还款（全部债务）", yuan(plan.budget)],
            *([["按合同各笔每月应还合计", yuan(plan.contractual_monthly_due)]] if plan.contractual_monthly_due else []),
        ]
    out["budget"] = Table(["项目", "金额（每月）"], budget_rows, widths=[3, 2])
    return out


def build_context(facts: LetterFacts, *, today: date) -> tuple[dict[str, Any], list[FindingFact],
                                                               PlanResult | None, dict[str, Table]]:
    from xiezhi.plan import make_plan

    findings = collect_findings(facts)
    plan = make_plan(facts.plan, today=today) if facts.plan is not None else None
    debt = _match_debt(plan, facts) if plan is not None else None
    data = facts.model_dump()
    lender_name = facts.lender.name or facts.lender.platform
    crimes = [f for f in findings if f.severity == "possible_crime"]
    labels: list[str] = []
    for f in findings:
        if f.label not in labels:
            labels.append(f.label or f.category)
    ctx = {
        **data,
        "date": facts.date or today,
        "lender_name": lender_name,
        "lender_licensed": facts.lender.type in LICENSED,
        "lender_banking_insurance": facts.lender.type in BANKING_INSURANCE,
        "findings": [f.model_dump() for f in findings],
        "crime_findings": [f.model_dump() for f in crimes],
        "finding_records": len({(f.at, f.quote) for f in findings}),
        "privacy_findings": any(f.category in PRIVACY_CATEGORIES for f in findings),
        "finding_categories": sorted({f.category for f in findings}),
        "finding_labels": labels,
        "crime_labels": [x for x in dict.fromkeys(f.label for f in crimes)],
        "regulator": regulator(facts),
        "plan_result": plan.model_dump(exclude={"chart_svg", "schedule"}) if plan else None,
        "debt": debt.model_dump() if debt else None,
        "offer": proposal(facts, plan, debt),
        "no_budget": plan is not None and plan.budget <= 0,
        "has_evidence": bool(facts.evidence),
        "zero": Decimal(0),
    }
    return ctx, findings, plan, tables(facts, findings, plan, debt)
