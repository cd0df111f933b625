"""Input and result models of the loan assessment (one serialisation for CLI, API and templates).

Rates are annual fractions (0.18 = 18%); money is Decimal yuan; dates are `date`. Users may write
dates as 2024-03-01, 2024/3/1 or 2024年3月1日 (parsed by xiezhi.dates).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from typing_extensions import TypedDict

from xiezhi.dates import parse_date, parse_datetime
from xiezhi.errors import InputError
from xiezhi.money import to_decimal as _to_decimal
from xiezhi.money import to_rate as _to_rate

LenderType = Literal["bank", "consumer_finance", "microloan", "private", "unlicensed", "unknown"]
Method = Literal["equal_installment", "equal_principal", "interest_only", "bullet"]

LENDER_LABELS: dict[str, str] = {
    "bank": "银行",
    "consumer_finance": "消费金融公司",
    "microloan": "小额贷款公司（含网络小贷）",
    "private": "个人或一般企业（民间借贷）",
    "unlicensed": "无放贷资质的机构或平台",
    "unknown": "不清楚出借方类型",
}
METHOD_LABELS: dict[str, str] = {
    "equal_installment": "等额本息",
    "equal_principal": "等额本金",
    "interest_only": "先息后本",
    "bullet": "到期一次还本付息",
}


def _to_date(value: Any) -> Any:
    if value is None or isinstance(value, date):  # parse_date turns a datetime into its date
        return parse_date(value) if value is not None else None
    try:
        return parse_date(str(value))
    except InputError as exc:  # "2024-04-01 09:00" from exported statements: keep the day
        try:
            return parse_datetime(str(value)).date()
        except InputError:
            raise exc from None






class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Payment(_Strict):
    """A dated amount of money (a planned instalment, or a payment actually made)."""

    date: date
    amount: Decimal = Field(gt=0)

    _d = field_validator("date", mode="before")(_to_date)
    _a = field_validator("amount", mode="before")(_to_decimal)


class Fee(_Strict):
    """A charge the borrower pays besides instalments; `upfront` = taken or paid at disbursement."""

    name: str = "费用"
    amount: Decimal = Field(gt=0)
    when: Literal["upfront"] | date = "upfront"

    _a = field_validator("amount", mode="before")(_to_decimal)

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, value: Any) -> Any:
        if value in (None, "upfront", "放款时", "预扣"):
            return "upfront"
        return _to_date(value)


class ScheduleSpec(_Strict):
    """A repayment plan described by its terms instead of listed payments."""

    method: Method
    annual_rate: Decimal = Field(ge=0, le=100)
    periods: int = Field(ge=1, le=1200)
    period: Literal["month", "week", "day"] | int = "month"

    _r = field_validator("annual_rate", mode="before")(_to_rate)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> Any:
        aliases = {"月": "month", "周": "week", "天": "day", "日": "day", "months": "month", "weeks": "week",
                   "days": "day"}
        if isinstance(value, str):
            v = value.strip()
            if v.isdigit():
                return int(v)
            return aliases.get(v, v)
        return value

    @field_validator("period")
    @classmethod
    def _period_range(cls, value: Any) -> Any:
        if isinstance(value, int) and not 1 <= value <= 366:
            raise ValueError("还款周期天数须在 1 到 366 之间")
        return value


class Claimed(_Strict):
    """What the lender or collector says is owed on a date."""

    as_of: date
    amount: Decimal = Field(ge=0)

    _d = field_validator("as_of", mode="before")(_to_date)
    _a = field_validator("amount", mode="before")(_to_decimal)


class LoanInput(_Strict):
    """A loan as the borrower describes it: one of `payments` or `schedule` gives the contract's plan."""

    lender_type: LenderType = "unknown"
    contract_date: date
    principal: Decimal = Field(gt=0)
    received: Decimal | None = Field(None, gt=0)
    payments: list[Payment] | None = None
    schedule: ScheduleSpec | None = None
    fees: list[Fee] = Field(default_factory=list)
    paid: list[Payment] = Field(default_factory=list)
    claimed: Claimed | None = None
    as_of: date | None = None
    overdue_rate: Decimal | None = Field(None, ge=0, le=100)
    filing_date: date | None = None

    _d = field_validator("contract_date", "as_of", "filing_date", mode="before")(_to_date)
    _a = field_validator("principal", "received", mode="before")(_to_decimal)
    _o = field_validator("overdue_rate", mode="before")(_to_rate)

    @model_validator(mode="after")
    def _consistent(self) -> LoanInput:
        if (self.payments is None) == (self.schedule is None):
            raise ValueError("请给出 payments（逐笔还款计划）或 schedule（还款方式、利率、期数）二者之一")
        if self.payments is not None and not self.payments:
            raise ValueError("还款计划 payments 是空的")
        if self.received is not None and self.received > self.principal:
            raise ValueError("到手金额 received 不能大于合同本金 principal")
        start = self.contract_date
        for p in self.payments or []:
            if p.date <= start:
                raise ValueError(f"还款计划中的日期 {p.date} 不晚于合同日期 {start}")
        for p in self.paid:
            if p.date < start:
                raise ValueError(f"已还款日期 {p.date} 早于合同日期 {start}")
        for f in self.fees:
            if isinstance(f.when, date) and f.when < start:
                raise ValueError(f"费用“{f.name}”的日期 {f.when} 早于合同日期 {start}")
        for name, d in (("as_of", self.as_of), ("filing_date", self.filing_date),
                        ("claimed.as_of", self.claimed.as_of if self.claimed else None)):
            if d is not None and d < start:
                raise ValueError(f"{name} 的日期 {d} 早于合同日期 {start}")
        upfront = sum((f.amount for f in self.fees if f.when == "upfront"), Decimal(0))
        if upfront >= (self.received or self.principal):
            raise ValueError("放款时扣除或支付的费用不小于到手金额，无法计算")
        return self


# ---------------------------------------------------------------- results


class ScheduleRow(TypedDict):
    """One row of the contract plan (a dict: rows are many, and a TypedDict validates ~3x faster).

    `principal`, `interest`, `balance` are filled for plans built from a `schedule`, None for listed
    `payments`; `label` names a fee row.
    """

    n: int
    date: date
    kind: Literal["payment", "fee"]
    amount: Decimal
    principal: Decimal | None
    interest: Decimal | None
    balance: Decimal | None
    label: str | None


class CapSegment(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: date
    end: date | None = None
    rate: Decimal
    rule: str


#: The cap rule of licensed lenders (the others are the private-lending rules "private_*").
FINANCIAL_CAP_RULE = "financial_24"


class CapBasis(BaseModel):
    model_config = ConfigDict(frozen=True)

    rule: str
    regime: str
    lpr: Decimal | None = None
    lpr_date: date | None = None
    lpr_status: str | None = None
    multiple: Decimal | None = None
    segments: list[CapSegment] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)
    explanation: str

    @property
    def reducible_on_request(self) -> bool:
        """True for the financial-lending line (licensed lenders), where charges above the cap are reduced
        when the borrower asks; False for the private-lending caps, above which courts do not protect them.
        Derived from `rule`, so pages need not know the rule names."""
        return self.rule == FINANCIAL_CAP_RULE


class Protected(BaseModel):
    rate: Decimal = Field(description="受保护的借期内年利率（合同成本与上限取低）")
    overdue_rate: Decimal = Field(description="受保护的逾期年利率（逾期利息、违约金、其他费用合计）")
    contract_charges: Decimal = Field(description="按合同应付的全部利息和费用")
    protected_charges: Decimal = Field(description="按期还款时其中受保护的部分")
    unprotected_charges: Decimal


class OwedBreakdown(BaseModel):
    principal_recognized: Decimal
    interest_protected: Decimal
    overdue_protected: Decimal
    paid_total: Decimal
    paid_to_interest: Decimal
    paid_to_principal: Decimal
    principal_outstanding: Decimal
    interest_outstanding: Decimal
    overpaid: Decimal = Field(description="已付超过本金与受保护利息的部分（可主张抵扣或返还，法院做法不一）")


class LegallyOwed(BaseModel):
    as_of: date
    amount: Decimal
    breakdown: OwedBreakdown


class Alternative(BaseModel):
    """The result under the other reading when the lender type is unknown."""

    lender_type: LenderType
    cap: Decimal
    cap_basis: CapBasis
    exceeds_cap: bool
    protected: Protected
    legally_owed: LegallyOwed
    claimed_excess: Decimal | None = None


class LoanCitation(BaseModel):
    """An article of the shipped corpus (kind=article, fields of corpus.article_json) or a named
    instrument that is not in the corpus (kind=instrument, with its verification status)."""

    kind: Literal["article", "instrument"]
    display: str
    id: str | None = None
    instrument: str | None = None
    instrument_slug: str | None = None
    article: str | None = None
    text: str | None = None
    version: str | None = None
    effective: str | None = None
    number: str | None = None
    status: str | None = Field(None, description="核实状态代码 V/S/A/B/U（见 xiezhi.params.STATUS_LABELS）")
    status_text: str | None = Field(None, description="核实状态的白话说明（给用户看的）")
    note: str | None = None


class LoanAssessment(BaseModel):
    lender_type: LenderType
    contract_date: date
    apr: Decimal
    apr_method: str
    apr_basis: str
    periods_per_year: Decimal
    effective_rate: Decimal | None = Field(description="复利折算的实际年利率 (1+i)^n−1；过大无法表示时为 null")
    simple_rate: Decimal
    nominal_rate: Decimal | None
    total_cost: Decimal
    principal: Decimal
    received: Decimal = Field(description="到账金额（未扣放款时费用前）")
    upfront_fees: Decimal = Field(description="放款时扣除或支付的费用")
    principal_recognized: Decimal = Field(description="认定本金 = 到账金额 − 放款时费用")
    cap: Decimal
    cap_basis: CapBasis
    exceeds_cap: bool
    exceeds_24: bool
    over_36: bool
    protected: Protected
    legally_owed: LegallyOwed
    claimed: Claimed | None = None
    claimed_excess: Decimal | None
    schedule: list[ScheduleRow] = Field(description="合同还款计划（含单列的费用行）；借款人在合同日收到 principal_recognized")
    alternatives: list[Alternative] = Field(default_factory=list)
    notes: list[str]
    citations: list[LoanCitation]
