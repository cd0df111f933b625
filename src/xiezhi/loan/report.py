"""A readable Chinese text report of a LoanAssessment (used by the CLI; plain text, no terminal codes)."""

from __future__ import annotations

from decimal import Decimal

from xiezhi.loan.legal import pct
from xiezhi.loan.models import LENDER_LABELS, LoanAssessment

RULE_LABELS = {
    "private_4x_lpr": "民间借贷：合同成立时一年期LPR的4倍",
    "private_2015_24": "民间借贷旧规则：年利率24%",
    "private_pre_2020_split": "民间借贷旧合同：第三十一条分段计算",
    "private_4x_lpr_at_filing": "起诉时一年期LPR的4倍",
    "financial_24": "金融借款：法院常用的年利率24%界线",
}


def _m(x: Decimal | None) -> str:
    return "—" if x is None else f"{x:,.2f}"


def render_assessment(r: LoanAssessment) -> str:
    out: list[str] = []
    add = out.append
    add("借款评估（獬豸 xiezhi）")
    add("=" * 40)
    add(f"出借方：{LENDER_LABELS[r.lender_type]}    合同日期：{r.contract_date}")
    add(f"合同本金：{_m(r.principal)} 元    认定本金（实际到手）：{_m(r.principal_recognized)} 元")
    if r.nominal_rate is not None:
        add(f"合同写明的年利率：{pct(r.nominal_rate)}")
    add("")
    add("还款计划")
    add(f"{'期':>3}  {'日期':<10}  {'应还':>12}  {'本金':>12}  {'利息':>10}  {'剩余本金':>12}")
    for row in r.schedule:
        label = f"  {row['label']}" if row["label"] else ""
        add(
            f"{row['n']:>3}  {row['date'].isoformat():<10}  {_m(row['amount']):>12}  {_m(row['principal']):>12}  "
            f"{_m(row['interest']):>10}  {_m(row['balance']):>12}{label}"
        )
    add(f"合计利息和费用：{_m(r.total_cost)} 元")
    add("")
    add("真实年化成本")
    add(f"  年化利率（IRR，{r.apr_basis}）：{pct(r.apr)}")
    add(f"  复利折算实际年利率：{pct(r.effective_rate)}    按未还本金的单利年利率：{pct(r.simple_rate)}")
    add("")
    add("法定上限")
    add(f"  适用：{r.cap_basis.regime}；{RULE_LABELS.get(r.cap_basis.rule, r.cap_basis.rule)}")
    for s in r.cap_basis.segments:
        end = f"至 {s.end} 前" if s.end else "起"
        add(f"    {s.start} {end}：{pct(s.rate)}（{RULE_LABELS.get(s.rule, s.rule)}）")
    add(f"  是否超过上限：{'是' if r.exceeds_cap else '否'}    超过24%：{'是' if r.exceeds_24 else '否'}    "
        f"超过36%：{'是' if r.over_36 else '否'}")
    add("")
    p = r.protected
    add("受保护与不受保护")
    add(f"  受保护年利率：借期内 {pct(p.rate)}，逾期 {pct(p.overdue_rate)}")
    add(f"  按合同的利息和费用 {_m(p.contract_charges)} 元 = 受保护 {_m(p.protected_charges)} 元 + 不受保护 "
        f"{_m(p.unprotected_charges)} 元")
    add("")
    o = r.legally_owed
    b = o.breakdown
    add(f"截至 {o.as_of} 依法应还：{_m(o.amount)} 元")
    add(f"  认定本金 {_m(b.principal_recognized)} + 借期内利息 {_m(b.interest_protected)} + 逾期利息等 "
        f"{_m(b.overdue_protected)} − 已还 {_m(b.paid_total)}（抵利息 {_m(b.paid_to_interest)}，抵本金 "
        f"{_m(b.paid_to_principal)}）")
    if b.overpaid:
        add(f"  多付：{_m(b.overpaid)} 元")
    if r.claimed is not None:
        add(f"  对方主张（{r.claimed.as_of}）：{_m(r.claimed.amount)} 元；超出受保护金额：{_m(r.claimed_excess)} 元")
    for alt in r.alternatives:
        add(f"  另一种检验（{LENDER_LABELS[alt.lender_type]}）：上限 {pct(alt.cap)}，应还 {_m(alt.legally_owed.amount)} 元"
            + (f"，主张超出 {_m(alt.claimed_excess)} 元" if alt.claimed_excess is not None else ""))
    add("")
    add("说明")
    for i, n in enumerate(r.notes, 1):
        add(f"  {i}. {n}")
    add("")
    add("依据")
    for c in r.citations:
        if c.kind == "article":
            add(f"  · {c.display}（{c.id}）")
        else:
            add(f"  · {c.display}（{c.status_text or '本工具没有收录这份文件的原文'}）")
    return "\n".join(out)
