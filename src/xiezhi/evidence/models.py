"""Models of the evidence vault: what a user records, what the chain holds, what verify reports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Kind = Literal["call", "sms", "wechat", "visit", "letter", "other"]
Direction = Literal["in", "out", "missed", "unknown"]
DIRECTION_LABELS: dict[str, str] = {"in": "呼入/收到", "out": "呼出/发出", "missed": "未接", "unknown": ""}
RecordType = Literal["incident", "correction", "withdrawal"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
KIND_LABELS: dict[str, str] = {
    "call": "电话", "sms": "短信", "wechat": "微信", "visit": "上门", "letter": "信函", "other": "其他",
}
TYPE_LABELS: dict[str, str] = {"incident": "记录", "correction": "更正", "withdrawal": "撤回"}
MAX_TEXT_CHARS = 100_000


class Counterpart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str | None = None
    name: str | None = None
    organisation: str | None = None  # claimed organisation ("XX律师事务所", "XX调解中心")

    def display(self) -> str:
        parts = [p for p in (self.name, self.number) if p]
        text = " ".join(parts) or "（未知）"
        return f"{text}（自称{self.organisation}）" if self.organisation else text


class IncidentInput(BaseModel):
    """One incident as the user reports it (attachments are passed separately as files)."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    occurred_at: datetime
    counterpart: Counterpart = Field(default_factory=Counterpart)
    lender: str | None = None
    text: str | None = None
    notes: str | None = None
    duration_seconds: int | None = Field(default=None, ge=0)
    direction: Direction | None = None
    source: str = "manual"

    @field_validator("text", "notes")
    @classmethod
    def _limit(cls, v: str | None) -> str | None:
        if v is not None and len(v) > MAX_TEXT_CHARS:
            from xiezhi.errors import InputError

            raise InputError(f"文字太长（{len(v)} 字），上限 {MAX_TEXT_CHARS} 字；长内容请作为附件保存。")
        return v


class Attachment(BaseModel):
    name: str            # original base name, for display only (never used as a path)
    sha256: str          # SHA-256 of the original file
    size: int
    media_type: str
    blob: str            # object name in the store


class Content(BaseModel):
    """The meaning of a record (inside the hash; sealed when the vault is encrypted)."""

    kind: Kind | None = None
    occurred_at: datetime | None = None
    counterpart: Counterpart = Field(default_factory=Counterpart)
    lender: str | None = None
    text: str | None = None
    notes: str | None = None
    duration_seconds: int | None = None
    direction: Direction | None = None
    source: str = "manual"
    attachments: list[Attachment] = Field(default_factory=list)
    findings: list[dict[str, Any]] = Field(default_factory=list)
    reason: str | None = None
    salt: str | None = None

    def summary(self, limit: int = 60) -> str:
        text = (self.text or self.notes or "").replace("\n", " ").strip()
        if not text and self.kind == "call":
            way = {"in": "呼入", "out": "呼出"}.get(self.direction or "", "")
            if self.direction == "missed":
                text = "未接来电"
            elif self.duration_seconds is not None:
                text = f"{way}通话 {self.duration_seconds} 秒"
        return text if len(text) <= limit else text[: limit - 1] + "…"


class EvidenceRecord(BaseModel):
    """One link of the chain. ``content`` is None when the vault is encrypted and locked."""

    seq: int
    record_type: RecordType
    refers_to: int | None = None
    recorded_at: datetime
    kind: Kind | None = None
    occurred_at: datetime | None = None
    prev_hash: str
    hash: str
    content: Content | None = None


class EvidenceItem(BaseModel):
    """An incident as it stands now: the original record plus its corrections or withdrawal."""

    seq: int                       # number of the original incident record
    status: Literal["active", "corrected", "withdrawn"]
    current: Content               # latest corrected content (or the original)
    history: list[int]             # seq of the original and of every correction/withdrawal
    recorded_at: datetime
    hash: str                      # hash of the latest record in this item's history
    withdrawn_reason: str | None = None
    records: list[EvidenceRecord] = Field(default_factory=list)  # filled by Vault.item (show)


class Problem(BaseModel):
    code: Literal[
        "record_changed", "link_broken", "record_missing", "order_changed", "column_mismatch",
        "bad_body", "head_mismatch", "content_changed", "file_missing", "file_changed", "extra_record",
    ]
    seq: int | None = None
    file: str | None = None
    message: str                  # Chinese: which record or file changed, and how
    expected: str | None = None
    actual: str | None = None


class VerifyReport(BaseModel):
    ok: bool
    source: Literal["database", "manifest"]
    records: int
    files: int
    file_bytes: int
    head_seq: int
    head_hash: str
    problems: list[Problem] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    @property
    def first_problem(self) -> Problem | None:
        return self.problems[0] if self.problems else None


class ExportResult(BaseModel):
    format: Literal["html", "docx", "pdf", "zip"]
    path: Path
    manifest: Path | None
    items: int
    records: int
    files: int
    head_seq: int
    head_hash: str


class ImportResult(BaseModel):
    path: Path
    format: str
    read: int
    added: int
    duplicates: int
    skipped: int
    first_seq: int | None = None
    last_seq: int | None = None
    issues: list[str] = Field(default_factory=list)  # rows that could not be read, with line numbers
    #: what the reader assumed (a chat's year-less dates read against the file's date, a Big5 file): a record is kept
    #: for good, so the user must see on what its time rests
    notes: list[str] = Field(default_factory=list)
