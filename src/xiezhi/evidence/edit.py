"""The rules of correcting and withdrawing evidence, shared by the vault, the API, the web page and the CLI.

Pure: no database, no web framework. A correction or a withdrawal is appended to the chain and
always names the record that holds the item's *latest version* (the incident, or its last
correction); an older version, or any record of a withdrawn item, cannot be edited. What counts as a
change is decided here too (blanks around text and ``\\r\\n`` line ends do not count; a time given to
the minute matches any stored time within that minute), as is what a reason must look like.

    from xiezhi.evidence import edit
    changes, reason = edit.plan_correction(item, seq, {"number": "1700…"}, "号码抄错了")
    vault.correct(seq, changes, reason)          # the vault checks editability again in its transaction

Errors are :class:`xiezhi.errors.InputError` subclasses with Chinese messages, so each face can map
them (the API: 404 / 409 / 400; the web page: the form again; the CLI: exit code 2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from xiezhi.errors import InputError

COUNTERPART_FIELDS = ("number", "name", "organisation")
#: Every field a correction may change, in the order of the web form.
EDIT_FIELDS = ("kind", "occurred_at", *COUNTERPART_FIELDS, "lender", "text", "notes")
REASON_LIMIT = 500
NOTHING_CHANGED = ("你还没有改动任何内容。请先改正写错的地方，再保存更正。"
                   "如果这整条记录都不该有，请撤回这条记录。")
REASON_MISSING = {"correct": "请写下更正的原因，例如“号码抄错了”“时间记错了”。",
                  "withdraw": "请写下撤回的原因，例如“记错了人，这条不是催收”。"}


class UnknownRecord(InputError):
    """No record has this number (HTTP 404)."""


class NotEditable(InputError):
    """The record is an older version of its item, or the item is withdrawn (HTTP 409)."""


class OldVersion(NotEditable):
    """The record was corrected since: only the latest version may be corrected or withdrawn."""

    def __init__(self, seq: int, latest: int) -> None:
        super().__init__(f"第 {seq} 条是更正前的旧内容。最新的是 #{latest}，请对 #{latest} 更正或撤回。")
        self.seq, self.latest = seq, latest


class Withdrawn(NotEditable):
    """The item is withdrawn: nothing can be appended to it any more."""

    def __init__(self, item_seq: int) -> None:
        super().__init__(f"证据 #{item_seq} 已经撤回，不能再更正或撤回。")
        self.item_seq = item_seq


class NothingChanged(InputError):
    """A correction that would change nothing and adds no file."""

    def __init__(self, hints: list[str] | None = None) -> None:
        super().__init__(NOTHING_CHANGED, hints=hints)


class BadReason(InputError):
    """The reason is missing (only blanks) or longer than REASON_LIMIT."""


class ItemLike(Protocol):
    """What the rules read of an item (an EvidenceItem, or an :class:`ItemState`)."""

    seq: int
    status: str
    history: list[int]


@dataclass(frozen=True)
class ItemState:
    """An item reduced to what editability depends on: its incident, status and record numbers."""

    seq: int
    status: str
    history: list[int] = field(default_factory=list)


def item_state(origin: int, later: Iterable[tuple[int, str]]) -> ItemState:
    """The state of incident ``origin`` from the (seq, record_type) of the records that refer to it."""
    history, status = [origin], "active"
    for seq, rtype in sorted(later):
        history.append(seq)
        if status == "withdrawn":
            continue  # nothing the vault appends follows a withdrawal; keep it withdrawn regardless
        status = "withdrawn" if rtype == "withdrawal" else "corrected"
    return ItemState(origin, status, history)


def versions(item: Any) -> list[Any]:
    """The records of an item that carry content: the incident and its corrections, oldest first.

    Needs ``item.records`` (``Vault.item`` fills it)."""
    return [r for r in item.records if r.record_type != "withdrawal"]


def latest_seq(item: ItemLike) -> int:
    """Number of the record holding the item's current content (a withdrawal is always the last record)."""
    return item.history[-2] if item.status == "withdrawn" and len(item.history) > 1 else item.history[-1]


def check_editable(item: ItemLike, seq: int) -> None:
    """Only the latest version of an item that is not withdrawn may be corrected or withdrawn."""
    if item.status == "withdrawn":
        raise Withdrawn(item.seq)
    latest = latest_seq(item)
    if seq != latest:
        raise OldVersion(seq, latest)


def is_editable(item: ItemLike, seq: int) -> bool:
    """Whether record ``seq`` may be corrected or withdrawn (the pages show the forms only then)."""
    try:
        check_editable(item, seq)
    except NotEditable:
        return False
    return True


def norm_text(value: Any) -> str:
    """Text as stored and compared: \\n line ends, no surrounding blanks; None is ""."""
    return ("" if value is None else str(value)).replace("\r\n", "\n").strip()


def same_time(old: datetime | None, new: datetime) -> bool:
    """A time given to the minute (as the form does) matches any stored time within that minute."""
    if old is None or (old.tzinfo is None) != (new.tzinfo is None):
        return False
    if new.second == 0 and new.microsecond == 0:
        return old.replace(second=0, microsecond=0) == new
    return old == new


def _kind(value: Any) -> str:
    from xiezhi.evidence.models import KIND_LABELS

    kind = norm_text(value)
    if kind not in KIND_LABELS:
        choices = "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items())
        raise InputError(f"未知的证据类型：{kind}。可选：{choices}。" if kind else f"请选择证据类型：{choices}。")
    return kind


def _time(value: Any) -> datetime:
    from xiezhi.dates import parse_datetime

    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("请填写发生时间。")
    return value if isinstance(value, datetime) else parse_datetime(str(value).strip().replace("T", " "))


def changes_from(content: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """What differs from ``content``, in the shape ``Vault.correct`` takes.

    ``fields`` holds only the fields the user gave (the web form gives all of EDIT_FIELDS, the API and
    the CLI only the ones to change): a missing key leaves a field as it is, None or "" clears it (not
    kind and time). Text is compared and stored without surrounding blanks and with \\n line ends.
    """
    unknown = set(fields) - set(EDIT_FIELDS)
    if unknown:
        raise InputError(f"不能更正这些项：{'、'.join(sorted(unknown))}。")
    out: dict[str, Any] = {}
    if "kind" in fields:
        kind = _kind(fields["kind"])
        if kind != content.kind:
            out["kind"] = kind
    if "occurred_at" in fields:
        when = _time(fields["occurred_at"])
        if not same_time(content.occurred_at, when):
            out["occurred_at"] = when
    for key in ("lender", "text", "notes"):
        if key in fields and norm_text(fields[key]) != norm_text(getattr(content, key)):
            out[key] = norm_text(fields[key]) or None
    cp = {k: norm_text(fields[k]) or None for k in COUNTERPART_FIELDS
          if k in fields and norm_text(fields[k]) != norm_text(getattr(content.counterpart, k))}
    if cp:
        out["counterpart"] = cp
    return out


def check_reason(reason: str | None, action: str) -> str:
    """The reason for a correction ("correct") or withdrawal ("withdraw"), normalised; required, ≤ 500 chars."""
    text = norm_text(reason)
    if not text:
        raise BadReason(REASON_MISSING[action])
    if len(text) > REASON_LIMIT:
        raise BadReason(f"原因请写在 {REASON_LIMIT} 字以内。")
    return text


def plan_correction(item: Any, seq: int, fields: Mapping[str, Any], reason: str | None, *,
                    adds_files: bool = False, hints: Sequence[str] = ()) -> tuple[dict[str, Any], str]:
    """Every check of a correction, in the order all faces report them: the record is editable, the
    fields are valid and change something (or files are added), the reason is given.

    Returns (changes for ``Vault.correct``, the normalised reason). ``hints`` go with NothingChanged."""
    check_editable(item, seq)
    changes = changes_from(item.current, fields)
    if not changes and not adds_files:
        raise NothingChanged(list(hints))
    return changes, check_reason(reason, "correct")


def plan_withdrawal(item: ItemLike, seq: int, reason: str | None) -> str:
    """Every check of a withdrawal: the record is editable and the reason is given; returns the reason."""
    check_editable(item, seq)
    return check_reason(reason, "withdraw")
