"""The borrower's facts (one model for every letter) and the result of drafting a letter.

Every field is optional here; each template declares in its front matter (`needs:`) which facts it
cannot do without, and marks the rest as blanks (【待填写：…】) when they are missing.
"""

from __future__ import annotations

from datetime import date, datetime
from datetime import date as Date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from xiezhi.dates import parse_date, parse_datetime
from xiezhi.money import to_decimal as _to_decimal
from xiezhi.plan.models import LenderType, PlanInput, PlanResult

Text = str
SHORT = 200
LONG = 4000


def _to_date(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    return parse_date(str(value))


def _to_datetime(value: Any) -> Any:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return parse_datetime(str(value))




class _Facts(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(_Facts):
    name: str | None = Field(None, max_length=SHORT)
    id_number: str | None = Field(None, max_length=40)
    phone: str | None = Field(None, max_length=40)
    address: str | None = Field(None, max_length=SHORT)


class Lender(_Facts):
    name: str | None = Field(None, max_length=SHORT, description="出借机构全称（合同上的名称）")
    platform: str | None = Field(None, max_length=SHORT, description="App 或平台名称")
    type: LenderType = "unknown"
    address: str | None = Field(None, max_length=SHORT)


class LoanFacts(_Facts):
    contract_no: str | None = Field(None, max_length=SHORT)
    contract_date: date | None = None
    principal: Decimal | None = Field(None, gt=0, description="合同本金")
    outstanding: Decimal | None = Field(None, ge=0, description="尚欠本金")
    claimed: Decimal | None = Field(None, ge=0, description="对方主张的欠款总额")
    days_overdue: int | None = Field(None, ge=0, le=36500)

    _d = field_validator("contract_date", mode="before")(_to_date)
    _m = field_validator("principal", "outstanding", "claimed", mode="before")(_to_decimal)


class Proposal(_Facts):
    """A repayment offer stated directly (used when no `plan` is given)."""

    monthly: Decimal | None = Field(None, gt=0)
    months: int | None = Field(None, ge=1, le=600)
    start: date | None = None

    _d = field_validator("start", mode="before")(_to_date)
    _m = field_validator("monthly", mode="before")(_to_decimal)


class Collector(_Facts):
    name: str | None = Field(None, max_length=SHORT, description="催收机构、律师事务所或个人的名称")
    kind: Literal["agency", "law_firm", "lender_staff", "unknown"] = "unknown"
    letter_date: date | None = None
    letter_ref: str | None = Field(None, max_length=SHORT)
    phone: str | None = Field(None, max_length=40)
    address: str | None = Field(None, max_length=SHORT)

    _d = field_validator("letter_date", mode="before")(_to_date)


class Message(_Facts):
    """One collection message or call note; Check analyses its text."""

    text: str = Field(min_length=1, max_length=LONG)
    sent_at: datetime | None = None
    channel: str | None = Field(None, max_length=20)
    sender: str | None = Field(None, max_length=SHORT)
    recipient_role: str | None = Field(None, max_length=40)

    _d = field_validator("sent_at", mode="before")(_to_datetime)


class FindingFact(_Facts):
    """A finding already produced by Check (xiezhi.collection.Finding or its JSON)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    category: str
    severity: Literal["info", "violation", "possible_crime"] = "violation"
    quote: str = Field("", max_length=LONG)
    explanation: str = Field("", max_length=LONG)
    citations: list[Any] = Field(default_factory=list)
    at: datetime | None = None
    label: str | None = None

    _d = field_validator("at", mode="before")(_to_datetime)


class EvidenceEntry(_Facts):
    time: datetime | None = None
    kind: str | None = Field(None, max_length=40)
    description: str = Field(min_length=1, max_length=LONG)
    file: str | None = Field(None, max_length=SHORT)
    sha256: str | None = Field(None, max_length=64)

    _d = field_validator("time", mode="before")(_to_datetime)


class CreditFacts(_Facts):
    report_date: date | None = None
    provider: str | None = Field(None, max_length=SHORT, description="报送这条记录的机构（信息提供者）")
    item: str | None = Field(None, max_length=LONG, description="有错误的记录（征信报告上的原样）")
    correct: str | None = Field(None, max_length=LONG, description="实际情况应当是")
    reason: str | None = Field(None, max_length=LONG, description="为什么说它错了")

    _d = field_validator("report_date", mode="before")(_to_date)


class PoliceFacts(_Facts):
    station: str | None = Field(None, max_length=SHORT, description="受理的派出所或公安机关")


class LetterFacts(_Facts):
    date: Date | None = Field(None, description="落款日期（默认今天）")
    region: str | None = Field(None, max_length=60, description="所在省市，如 广东省广州市")
    borrower: Person = Field(default_factory=Person)
    lender: Lender = Field(default_factory=Lender)
    loan: LoanFacts = Field(default_factory=LoanFacts)
    hardship: str | None = Field(None, max_length=LONG, description="困难情况")
    plan: PlanInput | None = None
    proposal: Proposal = Field(default_factory=Proposal)
    collector: Collector = Field(default_factory=Collector)
    summary: str | None = Field(None, max_length=LONG, description="事情经过（自己的话）")
    messages: list[Message] = Field(default_factory=list, max_length=2000)
    findings: list[FindingFact] = Field(default_factory=list, max_length=2000)
    evidence: list[EvidenceEntry] = Field(default_factory=list, max_length=2000)
    credit: CreditFacts = Field(default_factory=CreditFacts)
    police: PoliceFacts = Field(default_factory=PoliceFacts)
    requests: list[str] = Field(default_factory=list, max_length=20, description="其他请求")

    _d = field_validator("date", mode="before")(_to_date)


# ---------------------------------------------------------------- results


class LetterKind(BaseModel):
    kind: str
    title: str
    description: str
    needs: list[str] = Field(description="必填事实的键（事实文件中的路径，| 表示任一）")
    needs_labels: list[str] = Field(description="必填事实的中文名称（给用户看的，不含键）")
    needs_write: list[str] = Field(description="各项必填事实在事实文件里写在哪一项")
    citations: list[str]


class LetterCitation(BaseModel):
    id: str
    display: str
    text: str


class Letter(BaseModel):
    """A drafted letter: the document (blocks) plus what the user still has to do."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    kind: str
    title: str
    blanks: list[str] = Field(description="还需要手填的项目（信中标为【待填写：…】）")
    citations: list[LetterCitation]
    findings_used: int = 0
    plan: PlanResult | None = None
    text: str = Field(description="全文纯文本")
    missing_glyphs: list[str] = Field(default_factory=list,
                                      description="PDF 内置字体缺少的字（非空时只能输出 DOCX / HTML）")
    document: Any = Field(exclude=True, description="xiezhi.documents.Document")
