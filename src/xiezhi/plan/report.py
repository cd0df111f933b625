"""The plan as Chinese text (CLI) and as table rows (letters, web)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from xiezhi.plan.models import PlanResult

BASIS_LABELS = {
    "loan_assessment": "按完整借款信息计算",
    "cap_estimate": "按利率上限估算",
    "claimed_only": "只知道对方主张的数额",
}
LEVEL_LABELS = {"info": "提示", "warning": "注意", "danger": "警告"}


def yuan(x: Decimal | None) -> str:
    return "—" if x is None else f"{x:,.2f}"


def month_label(d: date) -> str:
    return f"{d.year}年{d.month}月"


def debt_rows(r: PlanResult) -> tuple[list[str], list[list[str]]]:
    header = ["顺序", "平台", "出借方", "对方主张", "受保护数额", "本计划按", "依据"]
    rows = [[str(d.priority), d.platform, d.lender_label, yuan(d.claimed_total), yuan(d.protected_amount),
             yuan(d.target), BASIS_LABELS[d.basis]] for d in r.debts]
    return header, rows


def phase_rows(r: PlanResult) -> tuple[list[str], list[list[str]]]:
    names = [d.platform for d in r.debts]
    header = ["月份", *names, "每月合计"]
    rows = []
    for p in r.phases:
        span = (f"第{p.first_month}月（{month_label(p.first_date)}）" if p.first_month == p.last_month else
                f"第{p.first_month}–{p.last_month}月（{month_label(p.first_date)}–{month_label(p.last_date)}）")
        rows.append([span, *(yuan(p.payments[n]) for n in names), yuan(p.total)])
    return header, rows


def render_plan(r: PlanResult) -> str:
    out = ["还款计划（法律信息，不是法律意见）", ""]
    out.append(f"每月收入 {yuan(r.monthly_income)} 元 − 必要开支 {yuan(r.essential_costs)} 元"
               + (f" − 应急留存 {yuan(r.reserve)} 元" if r.reserve else "")
               + f" = 每月可用于还款 {yuan(r.budget)} 元" + (f"（需抚养/赡养 {r.dependants} 人）" if r.dependants else ""))
    if r.contractual_monthly_due:
        out.append(f"按合同每月应还合计 {yuan(r.contractual_monthly_due)} 元")
    out += ["", "一、各笔债务（按建议的协商顺序）"]
    for d in r.debts:
        out.append(f"{d.priority}. {d.platform}（{d.lender_label}）")
        out.append(f"   对方主张 {yuan(d.claimed_total)} 元（本金 {yuan(d.principal)} + 利息费用 {yuan(d.claimed_charges)}）")
        if d.protected_amount is not None:
            out.append(f"   受法律保护的数额约 {yuan(d.protected_amount)} 元（{BASIS_LABELS[d.basis]}），"
                       f"超出部分 {yuan(d.unprotected)} 元")
        else:
            out.append(f"   {BASIS_LABELS[d.basis]}：本计划按 {yuan(d.target)} 元安排")
        for reason in d.reasons:
            out.append(f"   · {reason}")
        for note in d.notes:
            out.append(f"   说明：{note}")
    out += ["", "二、建议的每月还款"]
    if not r.schedule:
        out.append("   没有可用于还款的预算，暂不安排分期（见下方警告）。")
    for p in r.phases:
        span = (f"第{p.first_month}月" if p.first_month == p.last_month else f"第{p.first_month}–{p.last_month}月")
        parts = "，".join(f"{n} {yuan(v)}" for n, v in p.payments.items() if v)
        out.append(f"   {span}（{month_label(p.first_date)}起）：每月 {yuan(p.total)} 元 —— {parts}")
    if r.months_to_clear is not None:
        out.append(f"   共 {r.months_to_clear} 个月还清，合计 {yuan(r.total_paid)} 元"
                   f"（对方主张合计 {yuan(r.total_claimed)} 元）。")
    elif r.schedule:
        out.append(f"   {len(r.schedule)} 个月内还不清：已还 {yuan(r.total_paid)} 元，仍欠 "
                   f"{yuan(r.total_target - r.total_paid)} 元。")
    if r.warnings:
        out += ["", "三、提醒"]
        for w in r.warnings:
            out.append(f"   【{LEVEL_LABELS[w.level]}】{w.message}")
    out += ["", "假设："]
    out += [f"   · {a}" for a in r.assumptions]
    if r.citations:
        out += ["", "依据："]
        out += [f"   · {c.display}" for c in r.citations]
    return "\n".join(out)
