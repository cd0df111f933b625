"""Plain-Chinese notes and citations for a loan assessment (articles from the corpus, named instruments)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from xiezhi.loan.models import LENDER_LABELS, LoanCitation, LoanInput
from xiezhi.loan.schedule import Grid
from xiezhi.params import NamedInstrument, ParameterSet, ParamValue

DISCLAIMER = "以上为法律信息，不是法律意见；能否得到支持以法院认定为准。"


@dataclass
class Context:
    inp: LoanInput
    params: ParameterSet
    scenarios: list[Any]
    net: Decimal
    received: Decimal
    upfront: Decimal
    apr: float
    r_simple: float
    tested: float
    exceeds_24: bool
    over_36: bool
    as_of: date
    maturity: date
    grid: Grid
    #: the tested rate is above the main cap only by cent rounding (loan.rounding): reported as at the cap
    at_cap_by_rounding: bool = False


def pct(x: float | Decimal) -> str:
    text = f"{float(x) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _private(ctx: Context) -> bool:
    return ctx.inp.lender_type in ("private", "unlicensed", "unknown")


def build_notes(ctx: Context) -> list[str]:
    # Decimals and dates are interpolated with !s: the same text as format(x, "") (checked on 500,000 random
    # Decimals), at a third of the cost; a note has a dozen of them
    inp, main = ctx.inp, ctx.scenarios[0]
    notes: list[str] = []
    ppy = float(ctx.grid.per_year)
    eff = (
        f"复利折算的实际年利率 {pct((1 + ctx.apr / ppy) ** ppy - 1)}；"
        if ppy * math.log1p(ctx.apr / ppy) < 690 else ""
    )
    notes.append(
        f"年化利率按内部收益率法（IRR）计算：以实际到手的 {ctx.net!s} 元为本金，计入全部还款和费用，"
        f"{ctx.grid.label()} = {pct(ctx.apr)}（{eff}按未还本金计的单利年利率 "
        f"{pct(ctx.r_simple)}）。口径参照人民银行公告〔2021〕第3号的年化利率要求（本工具没有收录该公告的原文，这一口径还没有找到官方原文核对，仅供参考）。"
    )
    if ctx.net < inp.principal:
        notes.append(
            f"合同写明借款 {inp.principal!s} 元，实际可用 {ctx.net!s} 元：利息预先在本金中扣除的，"
            f"应按实际借款数额返还借款并计算利息，本金按 {ctx.net!s} 元认定。"
        )
    if ctx.upfront:
        names = "、".join(f.name for f in inp.fees if f.when == "upfront")
        notes.append(
            f"放款时收取的{names}（共 {ctx.upfront!s} 元）按预扣处理：实质是利息的服务费、审核费等，多数法院视同预扣利息；"
            "真实的第三方保险费等是否计入，法院看法不一。"
        )
    if inp.lender_type == "unknown" and len(ctx.scenarios) > 1:
        alt = ctx.scenarios[1]
        notes.append(
            "不清楚出借方类型，同时给出两种检验：若为持牌金融机构（银行、消费金融公司、小额贷款公司），"
            f"按年利率 {pct(main.rule.rate)} 界线，截至 {ctx.as_of!s} 应还 {main.owed.amount!s} 元；"
            f"若为民间借贷（个人、一般企业或无资质平台），按{alt.rule.basis.regime}的上限（"
            + "；".join(f"{seg.start!s} 起 {pct(seg.rate)}" for seg in alt.rule.segments)
            + f"），应还 {alt.owed.amount!s} 元。"
            "主结果取前者（对借款人较保守）。可在合同、借款App的“关于我们”或国家企业信用信息公示系统查出借方名称与放贷资质。"
        )
    notes.append(main.rule.basis.explanation)
    for s in ctx.scenarios:
        notes.extend(n for n in s.rule.notes if n not in notes)
    if main.exceeds_cap:
        effect = (
            "超过部分法院不予支持" if main.rule.kind == "private"
            else "借款人可以请求对超过部分予以调减，法院通常支持（各地做法不一）"
        )
        notes.append(
            f"实际年化成本 {pct(ctx.tested)} 超过上限 {pct(main.rule.max_over(inp.contract_date, ctx.maturity))}："
            f"{effect}。按合同还款，利息和费用共 {main.protected.contract_charges!s} 元，"
            f"其中受保护的约 {main.protected.protected_charges!s} 元，不受保护的约 {main.protected.unprotected_charges!s} 元。"
        )
    else:
        notes.append(f"实际年化成本 {pct(ctx.tested)} 未超过上限 {pct(main.rule.rate)}。")
        if ctx.at_cap_by_rounding:
            notes.append("按合同计算的年化成本比上限略高，但差额不超过每期还款四舍五入到分所能造成的范围"
                         "（每期最多半分钱），视为等于上限，不算超过。")
    if ctx.r_simple == 0 and _private(ctx):
        notes.append("合同没有约定利息（或利息为零）：出借人主张借期内利息的不予支持。")
    if inp.lender_type == "private":
        notes.append("自然人之间的借款合同自贷款人提供借款时成立：合同日期应填实际放款日。")
    if inp.lender_type == "unlicensed":
        notes.append(
            "未依法取得放贷资格的出借人以营利为目的向社会不特定对象提供借款的，借款合同无效；"
            "无效后通常只需返还实际到手的本金，是否另付资金占用期间的利息，法院做法不一。"
            "本结果仍按民间借贷上限计算，是最多应还的金额。"
        )
    if ctx.over_36:
        if inp.lender_type in ("unlicensed", "unknown"):
            notes.append(
                "实际年利率超过36%：未经批准、以营利为目的经常性地向社会不特定对象放贷的，可能涉嫌非法经营罪"
                "（刑法第二百二十五条第四项，并见两高两部《关于办理非法放贷刑事案件若干问题的意见》；本工具没有收录该意见的原文，内容来自转述，仅供参考），可向公安机关报案（110）。"
            )
        notes.append(
            "催收高利放贷等产生的非法债务，使用暴力、胁迫，限制人身自由、侵入住宅，或者恐吓、跟踪、骚扰他人，情节严重的，"
            "可能构成催收非法债务罪（刑法第二百九十三条之一）。“高利放贷”没有法定的具体数值：常以年利率36%为参考，"
            "也有观点认为超过民事保护上限即属之，看法不一。"
        )
    if ctx.as_of < ctx.maturity:
        notes.append(
            f"计算日 {ctx.as_of!s} 早于约定的最后还款日 {ctx.maturity!s}：提前还款的，除合同另有约定外，利息按实际借款期间计算；"
            "应还金额是此日一次还清所需的金额，不是此日已到期的金额。"
        )
    elif ctx.as_of > ctx.maturity:
        if main.rule.kind == "private":
            if main.overdue_base_is_lpr:
                basis = "合同既未约定借期内利率也未约定逾期利率，逾期后参照当时一年期LPR计算"
            elif inp.overdue_rate is None:
                basis = "未约定逾期利率，逾期后按借期内利率计算"
            else:
                basis = f"约定的逾期利率（含违约金、其他费用）为 {pct(inp.overdue_rate)}"
            notes.append(
                f"已逾期（最后还款日 {ctx.maturity!s}）：{basis}；逾期利息、违约金和其他费用合计不超过上限，"
                f"受保护的逾期年利率为 {pct(main.protected.overdue_rate)}。"
            )
        else:
            notes.append(
                f"已逾期（最后还款日 {ctx.maturity!s}）：逾期利息按约定或国家有关规定计算；罚息、复利、违约金和其他费用"
                f"与利息合计按 {pct(main.rule.rate)} 界线检验，受保护的逾期年利率为 {pct(main.protected.overdue_rate)}。"
            )
    b = main.owed.breakdown
    notes.append(
        f"截至 {ctx.as_of!s}：认定本金 {b.principal_recognized!s} 元，受保护的借期内利息 {b.interest_protected!s} 元，"
        f"逾期利息等 {b.overdue_protected!s} 元；已还 {b.paid_total!s} 元（先抵利息 {b.paid_to_interest!s} 元，"
        f"再抵本金 {b.paid_to_principal!s} 元）；依法应还 {main.owed.amount!s} 元。"
    )
    if b.paid_total and main.exceeds_cap:
        notes.append(
            "超过上限的已付利息按先抵利息、后抵本金处理；现行规定对已付超额利息如何处理没有明文，"
            "多数法院抵扣本金或判令返还，做法不一。"
        )
    if b.overpaid:
        notes.append(f"已还款超过本金与受保护利息之和 {b.overpaid!s} 元：可主张抵扣或返还，法院做法不一。")
    if inp.claimed is not None:
        if main.claimed_excess:
            notes.append(
                f"对方主张截至 {inp.claimed.as_of!s} 应还 {inp.claimed.amount!s} 元，比受保护的金额多 {main.claimed_excess!s} 元；"
                "多出的部分可以要求对方说明计算依据并拒绝支付。"
            )
        else:
            notes.append(f"对方主张的 {inp.claimed.amount!s} 元没有超过按受保护标准计算的金额。")
    for v in _used(ctx):
        if v.user_note and v.user_note not in notes:
            notes.append(v.user_note)
    notes.append(f"出借方类型：{LENDER_LABELS[inp.lender_type]}。{DISCLAIMER}")
    return notes


def _used(ctx: Context) -> list[ParamValue]:
    out: dict[int, ParamValue] = {}  # by identity: parameter values are shared, immutable objects
    for s in ctx.scenarios:
        for v in s.rule.used:
            out.setdefault(id(v), v)
    return list(out.values())


def _article_ids(ctx: Context) -> list[str]:
    inp, main = ctx.inp, ctx.scenarios[0]
    ids: list[str] = []

    def add(*cids: str) -> None:
        for c in cids:
            if c not in ids:
                ids.append(c)

    if ctx.net < inp.principal:
        add("civil-code:670")
        if _private(ctx):
            add("private-lending-provisions:26")
    for s in ctx.scenarios:
        add(*s.rule.basis.citations)
    if main.exceeds_cap or ctx.exceeds_24:
        add("civil-code:680")
    if ctx.r_simple == 0 and _private(ctx):
        add("private-lending-provisions:24", "civil-code:680")
    if inp.lender_type == "private":
        add("civil-code:679")
    if inp.lender_type == "unlicensed":
        add("private-lending-provisions:13")
    if ctx.as_of < ctx.maturity:
        add("civil-code:677")
        if _private(ctx):
            add("private-lending-provisions:30")
    elif ctx.as_of > ctx.maturity:
        add("civil-code:676")
        if any(s.rule.kind == "private" for s in ctx.scenarios):
            add("private-lending-provisions:28", "private-lending-provisions:29")
    if ctx.over_36:
        if inp.lender_type in ("unlicensed", "unknown"):
            add("criminal-law:225")
        add("criminal-law:293-1")
    return ids


def _instruments(ctx: Context) -> list[NamedInstrument]:
    out: list[NamedInstrument] = []
    values = _used(ctx)
    dpy = ctx.params.get("convention.days_per_year")
    values.append(dpy.at(max(ctx.inp.contract_date, dpy.first_date)))
    if ctx.over_36:
        crim = ctx.params.get("interest_cap.criminal_illegal_lending_line")
        values.append(crim.at(max(ctx.inp.contract_date, crim.first_date)))
    seen: set[int] = set()
    for v in values:
        for i in v.instruments:
            if id(i) not in seen and i not in out:
                seen.add(id(i))
                out.append(i)
    return out


@lru_cache(maxsize=256)
def _article_citation(cid: str) -> LoanCitation:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    data = corpus.article_json(corpus.article(cid))
    return LoanCitation(
        kind="article",
        display=data["display"],
        id=data["id"],
        instrument=data.get("instrument"),
        instrument_slug=data.get("instrument_slug"),
        article=str(data.get("article")),
        text=data.get("text"),
        version=data.get("version"),
        effective=str(data.get("effective")) if data.get("effective") else None,
    )


def build_citations(ctx: Context) -> list[LoanCitation]:
    # Everything the citation list depends on; rules are cached objects, so identity is a fair key.
    key = (
        ctx.inp.lender_type, ctx.net < ctx.inp.principal, tuple(id(s.rule) for s in ctx.scenarios),
        ctx.scenarios[0].exceeds_cap or ctx.exceeds_24, ctx.r_simple == 0,
        (ctx.as_of > ctx.maturity) - (ctx.as_of < ctx.maturity), ctx.over_36, ctx.inp.contract_date, id(ctx.params),
    )
    cached = _BY_KEY.get(key)
    if cached is None:
        cached = _citations_for(tuple(_article_ids(ctx)), tuple(_instruments(ctx)))
        if len(_BY_KEY) > 4096:
            _BY_KEY.clear()
        _BY_KEY[key] = cached
    return list(cached)


_BY_KEY: dict[tuple, tuple[LoanCitation, ...]] = {}


@lru_cache(maxsize=1024)
def _citations_for(ids: tuple[str, ...], instruments: tuple[NamedInstrument, ...]) -> tuple[LoanCitation, ...]:
    cites = [_article_citation(c) for c in ids]
    for i in instruments:
        cites.append(
            LoanCitation(kind="instrument", display=i.display, instrument=i.name, number=i.number,
                         status=i.status, status_text=i.status_text, note=i.note)
        )
    return tuple(cites)
