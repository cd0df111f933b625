"""How much of each debt the law protects, from xiezhi.loan where the figures allow.

Three levels, stated plainly in the result (`basis`):
- ``loan_assessment``: the debt carries a full loan description (`loan:`); xiezhi.loan's legally owed
  amount on its calculation date is used.
- ``cap_estimate``: contract date known; the protected charges are at most the outstanding principal
  × min(contract rate, cap) × days overdue / 365 plus nothing else — an estimate of the overdue
  period only, which is why claims above it are a reason to ask for an itemised statement.
- ``claimed_only``: no contract date; only the claimed figure is known.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xiezhi.errors import InputError
from xiezhi.loan.models import LENDER_LABELS
from xiezhi.plan.models import DebtInput, cents

DAYS_PER_YEAR = Decimal(365)


@dataclass
class Protection:
    basis: str
    cap: Decimal | None = None
    protected_charges: Decimal | None = None
    protected_amount: Decimal | None = None
    over_cap: bool = False
    notes: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


def lender_label(lt: str) -> str:
    return LENDER_LABELS.get(lt, lt)


def _cap_rule(lender_type: str, contract_date: date):  # -> CapRule
    from xiezhi.loan.caps import licensed_rule, private_rule
    from xiezhi.params import get_params

    params = get_params()
    if lender_type in ("private", "unlicensed"):
        return private_rule(params, contract_date, contract_date)
    if lender_type in LENDER_LABELS and lender_type not in ("unknown",):
        return licensed_rule(params, contract_date, lender_type)
    # unknown: like xiezhi.loan, the higher (licensed) line, else the private one for old contracts
    with contextlib.suppress(InputError):
        return licensed_rule(params, contract_date, "unknown")
    return private_rule(params, contract_date, contract_date)


def _from_loan(d: DebtInput) -> Protection:
    from xiezhi.loan import assess_loan, parse_loan_input

    data = dict(d.loan or {})
    data.setdefault("lender_type", d.lender_type)
    try:
        a = assess_loan(parse_loan_input(data))
    except InputError as exc:
        raise InputError(f"“{d.platform}”的借款信息 loan 有问题：{exc}") from None
    owed = a.legally_owed.amount
    notes = [f"按完整借款信息计算（计算日 {a.legally_owed.as_of}）：依法应还 {owed} 元。"]
    if a.claimed_excess:
        notes.append(f"对方主张比依法应还多 {a.claimed_excess} 元。")
    cites = [c.id for c in a.citations if c.kind == "article" and c.id]
    return Protection("loan_assessment", cap=a.cap, protected_charges=max(Decimal(0), owed - d.principal),
                      protected_amount=cents(owed), over_cap=a.exceeds_cap, notes=notes, citations=cites)


def _estimate(d: DebtInput) -> Protection:
    assert d.contract_date is not None
    rule = _cap_rule(d.lender_type, d.contract_date)
    cap = Decimal(str(rule.rate)).quantize(Decimal("0.000001"))
    notes: list[str] = [rule.basis.explanation]
    cites = list(rule.basis.citations)
    rate = cap if d.annual_rate is None else min(d.annual_rate, cap)
    base = d.principal
    if d.received is not None and d.original_principal is not None and d.received < d.original_principal:
        cut = d.original_principal - d.received
        base = max(Decimal(0), d.principal - cut)
        notes.append(f"到手金额比合同本金少 {cut} 元（“砍头息”）：本金应按实际借款数额认定，本估算从尚欠本金中扣除这部分。")
        cites.append("civil-code:670")
    charges = cents(base * rate * Decimal(d.days_overdue) / DAYS_PER_YEAR)
    protected_charges = min(d.claimed_charges, charges)
    over = d.annual_rate is not None and d.annual_rate > cap
    if over:
        notes.append(f"合同年利率 {_pct(d.annual_rate)} 超过上限 {_pct(cap)}，超出部分不受法律保护。")
        cites.append("civil-code:680")
    if d.claimed_charges > charges:
        notes.append(
            f"对方主张的利息费用 {d.claimed_charges} 元，高于按 {_pct(rate)} 年利率、逾期 {d.days_overdue} 天"
            f"对尚欠本金估算的 {charges} 元。这只是逾期期间的估算（不含逾期前未还的利息），请要求对方提供逐项明细。"
        )
    if d.lender_type == "unlicensed":
        notes.append("出借方没有放贷资质：未依法取得放贷资格、以营利为目的向社会不特定对象放贷的，借款合同无效；"
                     "合同无效后，借到的钱应当返还，出借人能否再主张利息或资金占用损失，法院做法不一。"
                     "请保存证据，可向公安机关或地方金融管理部门反映。")
        cites += ["private-lending-provisions:13", "civil-code:157"]
    return Protection("cap_estimate", cap=cap, protected_charges=protected_charges,
                      protected_amount=cents(base + protected_charges), over_cap=over or d.claimed_charges > charges,
                      notes=notes, citations=_dedupe(cites))


def protection(d: DebtInput) -> Protection:
    if d.loan:
        return _from_loan(d)
    if d.contract_date is not None:
        try:
            return _estimate(d)
        except InputError as exc:  # e.g. a contract older than the rules the tool carries
            return Protection("claimed_only", notes=[f"无法判断利率上限：{exc.message}下面只能按对方主张的数额安排。"])
    return Protection(
        "claimed_only",
        notes=["没有合同日期，无法判断利率上限：下面只能按对方主张的数额安排。补充合同日期（最好再加年利率）后可估算受保护的数额。"],
    )


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).quantize(Decimal('0.01')).normalize():f}%"


def _dedupe(ids: list[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out
