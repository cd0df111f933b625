"""Models for dated parameters: a Parameter is a list of dated ParamValues read from one YAML file."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, time
from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from xiezhi.errors import DataError, InputError

#: Verification marks, as in ../shared/spec (interest-rules.md, collection-rules.md).
STATUS_LABELS: dict[str, str] = {
    "V": "已对照全文核实",
    "S": "来自二手转述，未见原文",
    "A": "两个独立公开来源一致，未对照官方页面",
    "B": "仅一个二手来源",
    "U": "未经核实（沿用上一已知数值或凭记忆），使用前须核对",
}
#: The same marks in words a borrower understands: what web pages and CLI text say (after "这个数值" or
#: "引用的内容"). The code itself is kept for JSON (`status`).
STATUS_PLAIN: dict[str, str] = {
    "V": "已对照官方原文核对",
    "S": "来自二手转述，还没有找到官方原文核对，仅供参考",
    "A": "有两个独立的公开来源一致，但还没有对照官方原文核对",
    "B": "仅一个二手来源，还没有找到官方原文核对，仅供参考",
    "U": "尚未核实：还没有找到官方原文核对，仅供参考",
}


def plain_status(status: str, subject: str = "这个数值") -> str:
    """A verification mark as a plain sentence, e.g. "这个数值尚未核实：还没有找到官方原文核对，仅供参考"."""
    return subject + STATUS_PLAIN[status]


Status = Literal["V", "S", "A", "B", "U"]
Unit = Literal["percent", "multiple", "count", "time", "days"]


class ParamError(DataError):
    """A parameter file is malformed; the message names the file (and the key when there is one)."""

    def __init__(self, path: str, key: str | None, msg: str) -> None:
        where = f"{path}" + (f" [{key}]" if key else "")
        super().__init__(f"参数文件错误 {where}：{msg}")
        self.path = path
        self.key = key
        self.msg = msg


class NotCovered(InputError):
    """Asked for a parameter on a date it does not cover (before its first value, or after it ended)."""


class NamedInstrument(BaseModel):
    """A source that is not in the statute corpus, cited by name and number with its verification status."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    number: str | None = None
    clause: str | None = None
    status: Status
    note: str | None = None

    @property
    def display(self) -> str:
        text = f"《{self.name}》" if not self.name.startswith("《") else self.name
        if self.number:
            text += f"（{self.number}）"
        if self.clause:
            text += self.clause
        return text

    @property
    def status_text(self) -> str:
        """For people: this document is cited by name only, and how far what is cited was checked."""
        return "本工具没有收录这份文件的原文，" + plain_status(self.status, "引用的内容")


class ParamValue(BaseModel):
    """One dated value with everything needed to say where it came from."""

    model_config = ConfigDict(frozen=True)

    name: str
    value: Decimal | time
    unit: Unit
    effective_from: date
    effective_to: date | None = Field(None, description="first day it no longer applies (exclusive)")
    status: Status
    source: str
    citations: tuple[str, ...] = ()
    instruments: tuple[NamedInstrument, ...] = ()
    quote: str | None = None
    note: str | None = None
    checked_on: date
    description: str

    @property
    def verified(self) -> bool:
        return self.status in ("V", "A")

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_text(self) -> str:
        """The mark in plain words, for web pages and CLI text."""
        return plain_status(self.status)

    @cached_property
    def user_note(self) -> str | None:
        """A note to show whenever an answer uses this value, or None if it needs no warning."""
        if self.status == "U":
            return (
                f"注意：所用的“{self.description}”（{self.effective_from.isoformat()} 起为 {self.value}）"
                f"{plain_status('U')}；请以官方公布的数值或原文为准。"
            )
        if self.status in ("B", "S"):
            return (f"提示：所用的“{self.description}”（{self.effective_from.isoformat()} 起为 {self.value}）"
                    f"{plain_status(self.status)}。")
        return None


class Parameter(BaseModel):
    """All dated values of one parameter, in date order; `ends` are dates after which it lapses."""

    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    unit: Unit
    path: str
    checked_on: date
    values: tuple[ParamValue, ...]

    @cached_property
    def _starts(self) -> tuple[date, ...]:
        return tuple(v.effective_from for v in self.values)

    @property
    def first_date(self) -> date:
        return self.values[0].effective_from

    def at(self, day: date) -> ParamValue:
        """The value published on or before `day`; NotCovered before the first value or after an end."""
        idx = bisect_right(self._starts, day) - 1
        chosen = self.values[idx] if idx >= 0 else None
        if chosen is None:
            raise NotCovered(
                f"{self.description}（{self.name}）最早只收录到 {self.first_date.isoformat()}，"
                f"无法提供 {day.isoformat()} 的数值。"
            )
        if chosen.effective_to is not None and day >= chosen.effective_to:
            raise NotCovered(
                f"{self.description}（{self.name}）自 {chosen.effective_to.isoformat()} 起不再适用，"
                f"无法提供 {day.isoformat()} 的数值。"
            )
        return chosen

    def covers(self, day: date) -> bool:
        try:
            self.at(day)
        except NotCovered:
            return False
        return True
