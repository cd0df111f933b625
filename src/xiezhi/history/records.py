"""Records of a phone history (SMS, calls, chat lines) with the line they came from, and row issues."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["sms", "call", "im"]
Direction = Literal["in", "out", "missed", "unknown"]


class HistoryRecord(BaseModel):
    """One message or call. `line` is the 1-based line in the source file where the record starts."""

    line: int
    at: datetime | None
    counterpart: str
    kind: Kind
    direction: Direction = "unknown"
    duration_s: int | None = None
    text: str = ""
    name: str = ""

    @property
    def incoming(self) -> bool:
        return self.direction in ("in", "missed", "unknown")


class RowIssue(BaseModel):
    """A row that could not be read: reported with its line number, never dropped silently."""

    line: int
    message: str
    raw: str = ""


class HistoryImport(BaseModel):
    source: str = ""
    format: Literal["sms_backup_xml", "csv", "thread"]
    encoding: str = "utf-8"
    records: list[HistoryRecord] = Field(default_factory=list)
    issues: list[RowIssue] = Field(default_factory=list)
    #: What the reader assumed to read the file (a year-less date's year, a time it could not place), in Chinese; the
    #: report shows them so that a wrong assumption is seen.
    notes: list[str] = Field(default_factory=list)


def line_numbers(lines: list[int]) -> str:
    """Line numbers for a note ("第 3、7、12 行"): the first ten, then 等."""
    return "、".join(str(n) for n in lines[:10]) + (" 等" if len(lines) > 10 else "")
