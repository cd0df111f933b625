"""Which protected-rate line applies to this lender on the contract's date (rates as floats, with basis).

All numbers come from data/params (xiezhi.params); this module only decides which one applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xiezhi.errors import InputError
from xiezhi.loan.models import FINANCIAL_CAP_RULE, CapBasis, CapSegment
from xiezhi.params import NamedInstrument, NotCovered, ParameterSet, ParamValue, plain_status

PCT = Decimal(100)
RATE_Q = Decimal("0.000001")

LPR = "lpr.one_year"
MULTIPLE = "interest_cap.private_lending_lpr_multiple"
OLD_SUPPORTED = "interest_cap.private_lending_old_supported"
OLD_VOID = "interest_cap.private_lending_old_void_above"
FIN_LINE = "interest_cap.financial_institution_line"
CRIMINAL = "interest_cap.criminal_illegal_lending_line"


@dataclass
class Segment:
    start: date
    end: date | None  # exclusive
    rate: float
    rule: str


@dataclass
class CapRule:
    """The line for one lender class: `rate` is the headline cap; `segments` split time where it changes."""

    kind: str  # "private" | "licensed"
    rate: float
    basis: CapBasis
    segments: list[Segment]
    used: list[ParamValue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rate_on(self, d: date) -> float:
        for s in self.segments:
            if s.start <= d and (s.end is None or d < s.end):
                return s.rate
        return self.segments[0].rate if d < self.segments[0].start else self.segments[-1].rate

    def max_over(self, start: date, end: date) -> float:
        """Lowest cap that applies anywhere in [start, end] — the binding one for `exceeds_cap`."""
        rates = [s.rate for s in self.segments if s.start <= end and (s.end is None or s.end > start)]
        return min(rates) if rates else self.rate


def _inst(values: list[ParamValue]) -> list[str]:
    seen: list[str] = []
    for v in values:
        for i in v.instruments:
            text = f"{i.display}[{i.status}]"
            if text not in seen:
                seen.append(text)
    return seen


def _checked(v: ParamValue) -> str:
    """"；这个数值……" for a value not checked against the official text; "" when it was."""
    return "" if v.status == "V" else "；" + plain_status(v.status)


def _ids(values: list[ParamValue], extra: list[str]) -> list[str]:
    out: list[str] = []
    for cid in [c for v in values for c in v.citations] + extra:
        if cid not in out:
            out.append(cid)
    return out


def lpr_at(params: ParameterSet, day: date) -> tuple[ParamValue, ParamValue | None]:
    """The LPR published on or before `day`, and the previous one if `day` is itself a publication day."""
    p = params.get(LPR)
    v = p.at(day)
    prev = None
    if v.effective_from == day:
        idx = p.values.index(v)
        if idx > 0 and p.values[idx - 1].value != v.value:
            prev = p.values[idx - 1]
    return v, prev


def private_rule(params: ParameterSet, contract_date: date, filing_date: date) -> CapRule:
    """民间借贷: 4×LPR at formation from 2020-08-20; older contracts split per 第三十一条第二款."""
    mult_param = params.get(MULTIPLE)
    switch = mult_param.first_date
    notes: list[str] = []
    if contract_date >= switch:
        mult = mult_param.at(contract_date)
        lpr, prev = lpr_at(params, contract_date)
        used = [mult, lpr]
        lpr_value = lpr.value
        if prev is not None:
            lpr_value = max(lpr.value, prev.value)
            notes.append(
                f"合同成立日 {contract_date} 恰为LPR发布日（当日上午发布前后分别为 {prev.value}% 与 {lpr.value}%），"
                f"无法确定成立时点，按较高的 {lpr_value}% 计算上限。"
            )
            used.append(prev)
        cap = mult.value * lpr_value / PCT
        basis = CapBasis(
            rule="private_4x_lpr",
            regime="民间借贷（合同成立于2020年8月20日之后）",
            lpr=lpr_value,
            lpr_date=lpr.effective_from if prev is None or lpr.value >= prev.value else prev.effective_from,
            lpr_status=lpr.status,
            multiple=mult.value,
            segments=[CapSegment(start=contract_date, rate=cap.quantize(RATE_Q), rule="private_4x_lpr")],
            citations=_ids(used, []),
            instruments=_inst(used),
            explanation=(
                f"合同成立时（{contract_date}）最近一次发布的一年期LPR为 {lpr_value}%（{lpr.effective_from} 发布"
                f"{_checked(lpr)}），上限为其 {mult.value} 倍，即年利率 {(cap * PCT).normalize():f}%。"
            ),
        )
        return CapRule("private", float(cap), basis, [Segment(contract_date, None, float(cap), "private_4x_lpr")],
                       used, notes)
    try:
        old = params.get(OLD_SUPPORTED).at(contract_date)
        void = params.get(OLD_VOID).at(contract_date)
    except NotCovered as exc:
        raise InputError(
            f"合同日期 {contract_date} 早于2015年9月1日；本工具未收录当时的民间借贷利率规则，无法判断上限。"
        ) from exc
    old_rate = old.value / PCT
    used = [old, void]
    if filing_date < switch:
        segments = [Segment(contract_date, None, float(old_rate), "private_2015_24")]
        explanation = (
            f"合同成立于 {switch} 之前且起诉（计算）日 {filing_date} 也在此前：按当时司法解释，"
            f"年利率 {old.value}% 以内受保护，{old.value}%–{void.value}% 之间自愿支付的不得要求返还，超过 {void.value}% 的部分无效。"
        )
        seg_models = [CapSegment(start=contract_date, rate=old_rate.quantize(RATE_Q), rule="private_2015_24")]
        lpr_value = lpr_date = lpr_status = mult_value = None
    else:
        mult = mult_param.at(filing_date)
        lpr, _ = lpr_at(params, filing_date)
        used += [mult, lpr]
        new_cap = mult.value * lpr.value / PCT
        segments = [
            Segment(contract_date, switch, float(old_rate), "private_2015_24"),
            Segment(switch, None, float(new_cap), "private_4x_lpr_at_filing"),
        ]
        seg_models = [
            CapSegment(start=contract_date, end=switch, rate=old_rate.quantize(RATE_Q), rule="private_2015_24"),
            CapSegment(start=switch, rate=new_cap.quantize(RATE_Q), rule="private_4x_lpr_at_filing"),
        ]
        lpr_value, lpr_date, lpr_status, mult_value = lpr.value, lpr.effective_from, lpr.status, mult.value
        explanation = (
            f"合同成立于 {switch} 之前：依民间借贷规定第三十一条第二款分段计算——成立日至 {switch} 前一日按当时司法解释"
            f"（年利率 {old.value}% 以内受保护），{switch} 起按起诉时的标准，即起诉（计算）日 {filing_date} "
            f"的一年期LPR {lpr.value}%（{lpr.effective_from} 发布{_checked(lpr)}）的 {mult.value} 倍，年利率 {(new_cap * PCT).normalize():f}%。"
        )
        notes.append(
            f"分段计算的前提是出借人请求适用当时的司法解释；“起诉时”一般理解为起诉日的LPR，"
            f"也有法院按2020年8月20日的LPR（3.85%，上限15.4%）计算；本结果按起诉日 {filing_date} 计算"
            "（未填写起诉日时以计算日代替）。"
        )
    notes.append(
        f"按2015年文本，年利率 {old.value}%–{void.value}% 之间已自愿支付的利息不得要求返还；现行规定已删除该条，"
        "已付的这部分能否抵扣本金，法院做法不一。"
    )
    basis = CapBasis(
        rule="private_pre_2020_split" if len(segments) > 1 else "private_2015_24",
        regime="民间借贷（合同成立于2020年8月20日之前）",
        lpr=lpr_value,
        lpr_date=lpr_date,
        lpr_status=lpr_status,
        multiple=mult_value,
        segments=seg_models,
        citations=_ids(used, ["private-lending-provisions:31"]),
        instruments=_inst(used),
        explanation=explanation,
    )
    return CapRule("private", float(old_rate), basis, segments, used, notes)


def licensed_rule(params: ParameterSet, contract_date: date, lender_type: str) -> CapRule:
    """Banks, consumer-finance and micro-loan companies: the 24% line courts usually use (courts differ)."""
    try:
        line = params.get(FIN_LINE).at(contract_date)
    except NotCovered as exc:
        raise InputError(
            f"合同日期 {contract_date} 早于本工具收录的金融借款利率界线（2017年8月4日起），无法判断上限。"
        ) from exc
    cap = line.value / PCT
    extra = ["private-lending-provisions:1"] + (["lending-scope-reply:1"] if lender_type == "microloan" else [])
    notes = [
        "持牌金融机构的借款不适用民间借贷规定的4倍LPR上限；法院通常参照法发〔2017〕22号的意见，"
        f"对利息、复利、罚息、违约金和其他费用总计超过年利率 {line.value}% 的部分予以调减——这是法院常用标准，"
        "不是法律明文，各地法院做法不一。"
    ]
    if lender_type == "microloan":
        try:
            mult = params.get(MULTIPLE).at(contract_date)
            lpr, _ = lpr_at(params, contract_date)
            alt = (mult.value * lpr.value).normalize()
            notes.append(
                f"小额贷款公司（含网络小贷）：多数法院适用 {line.value}% 界线，也有法院类推适用4倍LPR（本合同成立时为 {alt:f}%），"
                "少数对旧合同仍接受36%。"
            )
        except NotCovered:
            pass
    basis = CapBasis(
        rule=FINANCIAL_CAP_RULE,
        regime="持牌金融机构借款（" + {"bank": "银行", "consumer_finance": "消费金融公司",
                                      "microloan": "小额贷款公司"}.get(lender_type, "金融机构") + "）",
        segments=[CapSegment(start=contract_date, rate=cap.quantize(RATE_Q), rule=FINANCIAL_CAP_RULE)],
        citations=_ids([line], extra),
        instruments=_inst([line]),
        explanation=(
            "出借方为持牌金融机构，不适用民间借贷规定（第一条第二款"
            + ("；小额贷款公司见法释〔2020〕27号第一项" if lender_type == "microloan" else "")
            + f"）；按法院常用的年利率 {line.value}% 界线检验全部利息和费用（本工具没有收录这个界线所依据文件的原文，"
            + f"{plain_status(line.status)}）。"
        ),
    )
    return CapRule("licensed", float(cap), basis, [Segment(contract_date, None, float(cap), FINANCIAL_CAP_RULE)],
                   [line], notes)


def criminal_line(params: ParameterSet, day: date) -> ParamValue | None:
    try:
        return params.get(CRIMINAL).at(day)
    except NotCovered:
        return None


def instrument_display(i: NamedInstrument) -> str:
    return f"{i.display}[{i.status}]"
