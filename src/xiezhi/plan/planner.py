"""make_plan: several debts, one budget -> who to negotiate with first, instalments, warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xiezhi.plan.allocate import ZERO, build_schedule, phases
from xiezhi.plan.chart import balance_chart
from xiezhi.plan.models import (
    LICENSED,
    DebtAssessment,
    DebtInput,
    PlanCitation,
    PlanInput,
    PlanResult,
    PlanWarning,
    cents,
)
from xiezhi.plan.protect import Protection, lender_label, protection

LONG_PLAN_MONTHS = 60


def _next_month(today: date) -> date:
    return date(today.year + (today.month == 12), today.month % 12 + 1, 1)


def _reasons(d: DebtInput, p: Protection, smallest: bool) -> list[str]:
    out = []
    if d.illegal_collection:
        out.append("正遭遇涉嫌违法的催收：先书面要求出借方停止违法催收、提供欠款明细，同时可以投诉。")
    if p.over_cap:
        out.append("对方主张的利息费用可能超过法律保护的上限：先要求逐项明细，按受保护的数额协商。")
    if d.lender_type in LICENSED:
        out.append("持牌机构：有正式的协商渠道（客服、信函），可以申请停息分期或延期。")
    elif d.lender_type == "unlicensed":
        out.append("出借方无放贷资质：先核实资质并保存证据，不要被催着先还这一笔。")
    if smallest:
        out.append("余额最小：最容易谈成短期或一次性结清，可以尽快减少一个催收对象。")
    if not out:
        out.append("按余额从小到大排列。")
    return out


def _sort_key(d: DebtInput, p: Protection, target: Decimal) -> tuple:
    return (not d.illegal_collection, d.lender_type == "unlicensed", not p.over_cap,
            d.lender_type not in LICENSED, target, d.platform)


def _warnings(inp: PlanInput, budget: Decimal, due: Decimal, months: int | None, complete: bool,
              debts: list[DebtAssessment]) -> list[PlanWarning]:
    w: list[PlanWarning] = []
    if budget <= 0:
        w.append(PlanWarning(code="budget_below_essentials", level="danger", message=(
            f"每月收入 {inp.monthly_income:,.2f} 元扣除必要开支 {inp.essential_costs:,.2f} 元"
            + (f"和应急留存 {inp.reserve:,.2f} 元" if inp.reserve else "")
            + "后没有余钱还款。先保障自己和家人的基本生活；向出借方书面说明困难，申请停息、延期或减免；"
            "可拨打 12348 法律援助热线或到当地法律援助机构咨询。不要为还款去借新的钱。")))
    elif due > budget:
        w.append(PlanWarning(code="budget_below_contract", level="warning", message=(
            f"按合同每月应还合计 {due:,.2f} 元，超过每月可用的 {budget:,.2f} 元：只能协商调整（延长期限、停息分期、减免部分费用），"
            "请在协商申请书里写明你的实际还款能力。")))
    if inp.borrowing_to_repay:
        w.append(PlanWarning(code="borrowing_to_repay", level="danger", message=(
            "不要借新还旧（以贷养贷）：新借款的利息和费用会让欠款越滚越大，也更容易落入高利贷和违法催收。"
            "先停下借新钱，按本计划与现有出借方协商。")))
    personal = [d.platform for d in inp.debts if d.pay_to == "personal"]
    if personal:
        w.append(PlanWarning(code="unofficial_account", level="danger", message=(
            f"{'、'.join(personal)}：对方要求把钱打到个人账户或个人收款码。只通过合同约定的渠道、官方 App 或出借机构的对公账户还款，"
            "保留凭证；打到个人账户的钱可能不被认作还款，也可能是诈骗。")))
    if months is not None and months > LONG_PLAN_MONTHS:
        w.append(PlanWarning(code="long_plan", level="warning", message=(
            f"按目前预算需要 {months} 个月才能还清，时间很长：协商时可以请求减免部分利息费用，或在收入增加后提前还款。")))
    if budget > 0 and not complete:
        w.append(PlanWarning(code="not_cleared", level="warning", message=(
            f"按目前预算，{inp.max_months} 个月内还不清：需要协商减免，或寻求法律援助。")))
    estimates = [d.platform for d in debts if d.basis == "claimed_only"]
    if estimates:
        w.append(PlanWarning(code="claimed_only", level="info", message=(
            f"{'、'.join(estimates)}：没有合同日期，只能按对方主张的数额安排；补充合同日期和年利率后可以估算受保护的数额。")))
    unlicensed = [d.platform for d in debts if d.lender_type == "unlicensed"]
    if unlicensed:
        w.append(PlanWarning(code="unlicensed_lender", level="info", message=(
            f"{'、'.join(unlicensed)}：出借方无放贷资质，本计划仍列出它，但不建议优先偿还；请保存证据，向公安机关或地方金融管理部门反映。")))
    return w


def _citations(ids: list[str]) -> list[PlanCitation]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    out = []
    for cid in ids:
        art = corpus.article(cid)
        out.append(PlanCitation(id=art.id, display=art.display, text=art.text))
    return out


def make_plan(inp: PlanInput, *, today: date | None = None) -> PlanResult:
    """Build the repayment plan. Raises InputError (Chinese) for debts it cannot judge."""
    budget = cents(max(ZERO, inp.monthly_income - inp.essential_costs - inp.reserve))
    prots = {d.platform: protection(d) for d in inp.debts}
    targets = {}
    for d in inp.debts:
        p = prots[d.platform]
        targets[d.platform] = p.protected_amount if p.protected_amount is not None else d.principal + d.claimed_charges
    order = sorted(inp.debts, key=lambda d: _sort_key(d, prots[d.platform], targets[d.platform]))
    smallest = min(inp.debts, key=lambda d: (targets[d.platform], d.platform)).platform if len(inp.debts) > 1 else None
    assessed: list[DebtAssessment] = []
    for rank, d in enumerate(order, 1):
        p = prots[d.platform]
        claimed_total = d.principal + d.claimed_charges
        unprotected = max(ZERO, claimed_total - p.protected_amount) if p.protected_amount is not None else None
        assessed.append(DebtAssessment(
            platform=d.platform, lender_type=d.lender_type, lender_label=lender_label(d.lender_type),
            principal=d.principal, claimed_charges=d.claimed_charges, claimed_total=claimed_total, basis=p.basis,
            cap=p.cap, protected_charges=p.protected_charges, protected_amount=p.protected_amount,
            unprotected=unprotected, over_cap=p.over_cap, target=targets[d.platform], priority=rank,
            reasons=_reasons(d, p, d.platform == smallest), notes=p.notes, citations=p.citations))
    names = [d.platform for d in order]
    start = inp.start or _next_month(today or date.today())
    rows = build_schedule(budget, {n: targets[n] for n in names}, names, start, inp.max_months)
    complete = bool(rows) and all(v == 0 for v in rows[-1].remaining.values())
    months = len(rows) if complete else None
    due = sum((d.monthly_due for d in inp.debts if d.monthly_due is not None), ZERO)
    ids: list[str] = []
    for d in assessed:
        ids += [c for c in d.citations if c not in ids]
    return PlanResult(
        monthly_income=inp.monthly_income, essential_costs=inp.essential_costs, reserve=inp.reserve,
        dependants=inp.dependants, budget=budget, contractual_monthly_due=due, debts=assessed,
        total_claimed=sum((d.claimed_total for d in assessed), ZERO),
        total_target=sum(targets.values(), ZERO), months_to_clear=months, complete=complete, schedule=rows,
        phases=phases(rows), total_paid=sum((r.total for r in rows), ZERO),
        warnings=_warnings(inp, budget, due, months, complete, assessed),
        assumptions=[
            "按停息分期计算：计划期间不再计息、不再加收费用——这是协商申请书请求的条件，实际以出借方同意的方案为准。",
            "每月预算按余额比例定出各笔的固定月供，零头给排在最前的债务；某笔还清后，它的月供按协商顺序转给下一笔。",
            "受保护的数额是法律信息层面的估算，不是法律意见；有争议时以法院认定为准。",
        ],
        citations=_citations(ids),
        chart_svg=balance_chart({n: targets[n] for n in names}, rows),
    )
