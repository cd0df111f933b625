"""Request models of the API. Result models are the core's own (Answer, CheckResult, LoanAssessment, ...)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_TEXT = 20_000


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000, description="用自己的话写的问题",
                          examples=["网贷逾期后，催收人员真的会上门吗？"])
    statutes: int = Field(5, ge=0, le=20, description="附带的相关法条数量")


class CheckRequest(BaseModel):
    """One message (or a described incident) with optional metadata, as `xiezhi check`."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT, examples=["【XX金融】您已逾期，再不还款明天上门拜访您的家人"])
    sent_at: datetime | None = Field(None, description="发送或发生时间（本地时间）")
    recipient_role: Literal["debtor", "guarantor", "spouse", "emergency_contact", "address_book_contact",
                            "employer_or_colleague", "public"] | None = None
    lender_type: Literal["bank", "consumer_finance", "microloan", "unlicensed", "unknown"] | None = None
    count_per_day: int | None = Field(None, ge=0, le=100_000)
    channel: Literal["call", "sms", "im", "visit", "letter", "other"] | None = None
    history: bool | None = Field(
        None, description="粘贴的聊天记录怎么读：不填（默认）时，两条以上带时间的消息按记录分析，返回 HistoryReport（每天次数、"
                          "夜间联系），否则按一条信息返回 CheckResult；false 总是按一条信息；true 必须是带时间的聊天记录，"
                          "读不出时返回 400。响应头 X-Xiezhi-Result 为 check 或 history。")
    reference_date: date | None = Field(
        None, description="参照日期：复制聊天记录的那一天，记录里没写年份的日期（11月28日）和“昨天”“星期三”按它推算；默认今天")

    def meta(self) -> dict[str, Any]:
        """The metadata for Check; a `sent_at` more than a day ahead (a mistyped year) is a 400 in Chinese, not a
        message judged as sent at night in 2062."""
        if self.sent_at is not None:
            from xiezhi.dates import CHECK_FUTURE_ADVICE, not_in_future

            not_in_future(self.sent_at, "sent_at", CHECK_FUTURE_ADVICE)
        return self.model_dump(exclude={"text", "history", "reference_date"}, exclude_none=True)


class AssessRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str | int | float | bool | list[str] | None] = Field(
        default_factory=dict, description="变量 -> 回答（变量见 GET /api/v1/assess/interview）",
        examples=[{"lender.kind": "microloan", "collector.actions": ["visit", "threats"],
                   "collector.threats": ["violence"], "visit.details": ["refused_leave"]}])


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    capabilities: dict[str, bool]


class InstrumentInfo(BaseModel):
    slug: str
    title: str
    effective: str
    effective_to: str | None
    status: str
    article_count: int
    first_article: str


class Resolved(BaseModel):
    query: str
    article_id: str
    display: str
    kuan: int | None = None
    xiang: int | None = None
    article: dict[str, Any]


class SearchHit(BaseModel):
    score: float
    article: dict[str, Any]


class BatchLine(BaseModel):
    id: str | int | None = None
    text: str


class LetterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    facts: dict[str, Any] = Field(default_factory=dict, description="事实（格式见 docs/letters.md 的 facts.yaml）",
                                  examples=[{"borrower": {"name": "李小明", "phone": "13800000000"},
                                             "lender": {"name": "乙消费金融有限公司", "type": "consumer_finance"},
                                             "summary": "催收人员多次深夜打电话并联系我的同事。"}])


class EvidenceCorrection(BaseModel):
    """POST /evidence/{seq}/correct: only the fields to change (as `xiezhi evidence correct`) and the reason.
    A field left out stays as it is; null or "" clears it (not kind and occurred_at)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500, description="更正原因（必填）", examples=["号码抄错了"])
    kind: Literal["call", "sms", "wechat", "visit", "letter", "other"] | None = Field(None, description="类型")
    occurred_at: datetime | None = Field(None, description="发生时间（本地时间）")
    text: str | None = Field(None, max_length=100_000, description="内容原文")
    number: str | None = Field(None, max_length=50, description="对方号码")
    name: str | None = Field(None, max_length=100, description="对方姓名或称呼")
    organisation: str | None = Field(None, max_length=200, description="对方自称的单位")
    lender: str | None = Field(None, max_length=200, description="出借方或平台")
    notes: str | None = Field(None, max_length=10_000, description="备注")

    def changes(self) -> dict[str, Any]:
        """The fields the client gave, without the reason."""
        return self.model_dump(exclude_unset=True, exclude={"reason"})


class EvidenceWithdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500, description="撤回原因（必填）",
                        examples=["记错了人，这条不是催收"])
