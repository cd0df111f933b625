"""Result models of Check: one message -> CheckResult; a history -> HistoryReport.

The same models serve `xiezhi check --json`, `xiezhi batch` and the HTTP API.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Category = Literal[
    "violence_threat",
    "intimidation",
    "insult_defamation",
    "third_party_contact",
    "debt_disclosure",
    "privacy_exposure",
    "impersonation",
    "false_legal_threat",
    "harassment_time",
    "harassment_frequency",
    "unlawful_visit",
    "illegal_fee",
    "forced_borrowing",
    "credit_repair_scam",
    "compliant",
]
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
VIOLATION_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c != "compliant")

Severity = Literal["info", "violation", "possible_crime"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "violation": 1, "possible_crime": 2}
Mode = Literal["threatened", "done"]
RecipientRole = Literal[
    "debtor",
    "guarantor",
    "spouse",
    "emergency_contact",
    "address_book_contact",
    "employer_or_colleague",
    "public",
]
LenderType = Literal["bank", "consumer_finance", "microloan", "unlicensed", "unknown"]
#: Free text; known values: call (incl. voice robots), sms, im, wechat, visit, letter, incident, other.
VOICE_CHANNELS = frozenset({"call", "voice", "robot", "phone", "other"})
THIRD_PARTY_ROLES = frozenset({"spouse", "emergency_contact", "address_book_contact", "employer_or_colleague", "public"})
LICENSED_LENDERS = frozenset({"bank", "consumer_finance", "microloan"})


def fast_construct(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    """Build a model from values that are already valid, without validation (what `model_construct`
    does, minus its per-field default handling: every field must be given). Used on the hot path."""
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


class MessageMeta(BaseModel):
    """What is known about one message besides its words (all optional)."""

    model_config = ConfigDict(extra="ignore")

    sent_at: datetime | None = None
    recipient_role: RecipientRole | None = None
    lender_type: LenderType | None = None
    count_per_day: int | None = Field(default=None, ge=0)
    channel: str | None = None
    debtor_reachable: bool | None = None
    contact_refused: bool | None = None
    consent_night: bool | None = None


class Action(BaseModel):
    channel: str
    why: str


class _FindingCore(BaseModel):
    """What a finding says, wherever it is reported; the subclasses add how it cites (fields keep this order in JSON)."""

    category: Category
    severity: Severity
    mode: Mode
    span: tuple[int, int]
    quote: str
    explanation: str


class Finding(_FindingCore):
    citations: list[dict[str, Any]] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    rule: str = Field(default="", exclude=True)


class MetadataNeed(BaseModel):
    field: str
    category: Category
    why: str


class CheckResult(BaseModel):
    id: str | None = None
    labels: list[Category]
    severity: Severity
    findings: list[Finding]
    needs_metadata: list[MetadataNeed] = Field(default_factory=list)


class ContactDay(BaseModel):
    """Incoming contacts from one counterpart on one local day."""

    counterpart: str
    day: str
    calls: int = 0
    answered_calls: int = 0
    messages: int = 0
    night_contacts: int = 0


class TimelineEntry(BaseModel):
    at: datetime | None
    counterpart: str
    kind: str
    direction: str
    line: int
    text: str = ""
    duration_s: int | None = None
    labels: list[Category] = Field(default_factory=list)
    severity: Severity = "info"


class HistoryFinding(_FindingCore):
    """A finding of a history. As `Finding`, except that `citations` are keys of `HistoryReport.citations` and the
    actions are those of its category (`HistoryReport.actions`): a 20 MB SMS backup's report wrote the full text of
    every cited article into each of its 65,000 findings, twice (605 MB of JSON). A single message's `Finding`
    (`check --json`, `batch`, `POST /check`) keeps its citations and actions inline."""

    #: The record's line in the source file; None for a finding of the whole history (a day's count, a night).
    line: int | None = None
    citations: list[str] = Field(default_factory=list)
    rule: str = Field(default="", exclude=True)


class HistoryReport(BaseModel):
    source: str = ""
    records: int
    incoming: int
    counterparts: int
    timeline: list[TimelineEntry]
    per_day: list[ContactDay]
    night_contacts: int
    findings: list[HistoryFinding]
    labels: list[Category]
    severity: Severity
    issues: list[dict[str, Any]] = Field(default_factory=list)
    #: What the reader assumed (a year-less date's year, a time it could not place), in Chinese, shown with the report.
    notes: list[str] = Field(default_factory=list)
    #: Each cited article (its id) or named instrument (`named:N`) once, as a single message's finding cites it.
    citations: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: Where to go, per category of the findings.
    actions: dict[str, list[Action]] = Field(default_factory=dict)

    def citations_of(self, finding: HistoryFinding) -> list[dict[str, Any]]:
        """The finding's citations in full (what `Finding.citations` holds for a single message)."""
        return [self.citations[key] for key in finding.citations]

    def actions_of(self, finding: HistoryFinding) -> list[Action]:
        return self.actions.get(finding.category, [])
