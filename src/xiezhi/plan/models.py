"""Input and result models of the repayment plan (one serialisation for CLI, API, web and letters).

Money is Decimal yuan to the cent; rates are annual fractions (0.18 = 18%, "18%" accepted);
dates are `date` (users may write 2024-03-01, 2024/3/1 or 2024年3月1日).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from xiezhi.dates import parse_date
from xiezhi.money import cents
from xiezhi.money import to_decimal as _to_decimal
from xiezhi.money import to_rate as _to_rate

LenderType = Literal["bank", "consumer_finance", "microloan", "private", "unlicensed", "unknown"]
PayTo = Literal["official", "personal", "unknown"]
Basis = Literal["loan_assessment", "cap_estimate", "claimed_only"]
CENT = Decimal("0.01")
LICENSED = frozenset({"bank", "consumer_finance", "microloan"})
#: Far above any household debt; bigger figures are typing mistakes and would overflow the arithmetic.
MAX_AMOUNT = Decimal("1000000000000")




def _to_date(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    return parse_date(str(value))






class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DebtInput(_Strict):
    """One debt as the borrower knows it. Only `platform` and `principal` are required."""

    platform: str = Field(min_length=1, max_length=80, description="平台或出借方名称")
    lender_type: LenderType = "unknown"
    principal: Decimal = Field(gt=0, le=MAX_AMOUNT, description="尚欠本金（元）")
    claimed_charges: Decimal = Field(Decimal(0), ge=0, le=MAX_AMOUNT, description="对方主张的利息、罚息、违约金和各种费用合计")
    days_overdue: int = Field(0, ge=0, le=36500)
    monthly_due: Decimal | None = Field(None, ge=0, le=MAX_AMOUNT, description="合同约定的每月应还")
    contract_date: date | None = None
    annual_rate: Decimal | None = Field(None, ge=0, le=100, description="合同年利率（含各项费用的综合年化，如知道）")
    original_principal: Decimal | None = Field(None, gt=0, le=MAX_AMOUNT, description="合同写明的借款本金")
    received: Decimal | None = Field(None, gt=0, le=MAX_AMOUNT, description="实际到手金额")
    illegal_collection: bool = Field(False, description="是否遭遇涉嫌违法的催收（可由 Check 的结果得出）")
    pay_to: PayTo = Field("official", description="对方要求把钱打到哪里：official 官方渠道 / personal 个人账户")
    loan: dict[str, Any] | None = Field(None, description="完整的借款信息（xiezhi loan 的输入），有则用它精确计算")

    _d = field_validator("contract_date", mode="before")(_to_date)
    _m = field_validator("principal", "claimed_charges", "monthly_due", "original_principal", "received",
                         mode="before")(_to_decimal)
    _r = field_validator("annual_rate", mode="before")(_to_rate)

    @field_validator("platform", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _consistent(self) -> DebtInput:
        if self.received is not None and self.original_principal is not None and self.received > self.original_principal:
            raise ValueError(f"“{self.platform}”的到手金额 received 不能大于合同本金 original_principal")
        if self.principal != cents(self.principal) or self.claimed_charges != cents(self.claimed_charges):
            raise ValueError(f"“{self.platform}”的金额最多精确到分（两位小数）")
        return self


class PlanInput(_Strict):
    debts: list[DebtInput] = Field(min_length=1, max_length=50)
    monthly_income: Decimal = Field(ge=0, le=MAX_AMOUNT, description="每月收入（税后，含稳定的其他收入）")
    essential_costs: Decimal = Field(ge=0, le=MAX_AMOUNT, description="每月必要生活开支（房租、吃饭、交通、医疗、子女等）")
    dependants: int = Field(0, ge=0, le=20, description="需要抚养或赡养的人数")
    reserve: Decimal = Field(Decimal(0), ge=0, le=MAX_AMOUNT, description="每月留作应急的金额（可选）")
    borrowing_to_repay: bool = Field(False, description="是否正在或打算借新还旧")
    start: date | None = Field(None, description="计划第一期的月份（默认下个月）")
    max_months: int = Field(120, ge=1, le=600)

    _d = field_validator("start", mode="before")(_to_date)
    _m = field_validator("monthly_income", "essential_costs", "reserve", mode="before")(_to_decimal)

    @model_validator(mode="after")
    def _unique(self) -> PlanInput:
        names = [d.platform for d in self.debts]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"平台名称重复：{'、'.join(dup)}（同一平台的多笔借款请写成“某平台-1”“某平台-2”）")
        return self


# ---------------------------------------------------------------- results


class PlanCitation(BaseModel):
    id: str
    display: str
    text: str


class DebtAssessment(BaseModel):
    platform: str
    lender_type: LenderType
    lender_label: str
    principal: Decimal
    claimed_charges: Decimal
    claimed_total: Decimal = Field(description="对方主张的合计 = 本金 + 利息费用")
    basis: Basis = Field(description="loan_assessment 按完整借款信息计算；cap_estimate 按利率上限估算；claimed_only 只知道对方主张的数额")
    cap: Decimal | None = Field(None, description="适用的年利率上限（小数）")
    protected_charges: Decimal | None = Field(None, description="其中受法律保护的利息费用（估算）")
    protected_amount: Decimal | None = Field(None, description="受法律保护的应还总额；None 表示无法判断")
    unprotected: Decimal | None = Field(None, description="对方主张中超出受保护部分的金额")
    over_cap: bool = False
    target: Decimal = Field(description="本计划按多少安排还款（有受保护数额时用它，否则用对方主张的数额）")
    priority: int = Field(description="协商顺序，1 为最先")
    reasons: list[str] = Field(description="为什么排在这个位置")
    notes: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class MonthRow(BaseModel):
    month: int = Field(description="第几个月（从 1 开始）")
    date: date
    payments: dict[str, Decimal] = Field(description="平台 -> 当月还款")
    total: Decimal
    remaining: dict[str, Decimal] = Field(description="平台 -> 当月还款后的余额")


class Phase(BaseModel):
    """Consecutive months with the same instalments (for a short table)."""

    first_month: int
    last_month: int
    first_date: date
    last_date: date
    payments: dict[str, Decimal]
    total: Decimal


class PlanWarning(BaseModel):
    code: str
    level: Literal["info", "warning", "danger"]
    message: str
    citations: list[str] = Field(default_factory=list)


class PlanResult(BaseModel):
    monthly_income: Decimal
    essential_costs: Decimal
    reserve: Decimal
    dependants: int
    budget: Decimal = Field(description="每月可用于还款的金额 = 收入 − 必要开支 − 应急留存（不低于 0）")
    contractual_monthly_due: Decimal = Field(description="各笔合同每月应还合计（已知部分）")
    debts: list[DebtAssessment] = Field(description="按协商顺序排列")
    total_claimed: Decimal
    total_target: Decimal
    months_to_clear: int | None = Field(None, description="还清所需月数；None 表示预算为 0 或在 max_months 内还不清")
    complete: bool
    schedule: list[MonthRow]
    phases: list[Phase]
    total_paid: Decimal
    warnings: list[PlanWarning]
    assumptions: list[str]
    citations: list[PlanCitation]
    chart_svg: str = Field(description="余额随时间变化的自包含 SVG（无脚本）")

    def debt(self, platform: str) -> DebtAssessment:
        for d in self.debts:
            if d.platform == platform:
                return d
        raise KeyError(platform)
