"""Evidence operations shared by the API and the web pages (one vault per app, opened on first use):
add, import, export, and correct / withdraw with the rules both faces apply."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from xiezhi.api import capabilities
from xiezhi.api.problems import ProblemError, not_ready
from xiezhi.errors import InputError

EXPORT_MEDIA = {"zip": "application/zip", "pdf": "application/pdf", "html": "text/html; charset=utf-8",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_lock = threading.Lock()


def vault(app: Any) -> Any:
    """The app's vault; 503 while the Evidence capability is missing."""
    if not capabilities.available("evidence"):
        raise not_ready(capabilities.LABELS["evidence"])
    v = getattr(app.state, "vault", None)
    if v is None:
        with _lock:
            v = getattr(app.state, "vault", None)
            if v is None:
                from xiezhi.evidence import Vault

                v = Vault.open(passphrase=os.environ.get("XIEZHI_PASSPHRASE") or None)
                app.state.vault = v
    if v.locked:
        raise ProblemError(423, "证据库已加密", "证据库已加密：请在启动前设置环境变量 XIEZHI_PASSPHRASE。")
    return v


def add(app: Any, *, kind: str, occurred_at: datetime | str, text: str | None, number: str | None = None,
        name: str | None = None, organisation: str | None = None, lender: str | None = None,
        notes: str | None = None, files: list[tuple[str, bytes]] | None = None) -> Any:
    from xiezhi.dates import parse_datetime
    from xiezhi.evidence import Counterpart, IncidentInput

    when = occurred_at if isinstance(occurred_at, datetime) else parse_datetime(str(occurred_at))
    try:
        incident = IncidentInput(kind=kind, occurred_at=when, lender=lender or None, text=text or None,
                                 notes=notes or None, source="web",
                                 counterpart=Counterpart(number=number or None, name=name or None,
                                                         organisation=organisation or None))
    except ValueError as exc:
        raise InputError(f"证据信息有误：{str(exc).splitlines()[-1]}") from exc
    return vault(app).add(incident, files=files or [])


def export(app: Any, fmt: str) -> tuple[bytes, str, str]:
    """Export the evidence list; returns (bytes, media type, download name)."""
    from xiezhi.evidence import export_evidence

    if fmt not in EXPORT_MEDIA:
        raise InputError(f"不支持的导出格式：{fmt}。可选：{'、'.join(EXPORT_MEDIA)}。")
    v = vault(app)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    with tempfile.TemporaryDirectory(prefix="xiezhi-export-") as tmp:
        dest = Path(tmp) / ("evidence.zip" if fmt == "zip" else "out")
        result = export_evidence(v, dest, fmt)
        path = Path(result.path)
        if path.is_dir():
            candidates = sorted(p for p in path.iterdir() if p.suffix == f".{fmt}")
            if not candidates:
                raise ProblemError(500, "导出失败", "没有生成证据清单文件。")
            path = candidates[0]
        data = path.read_bytes()
    return data, EXPORT_MEDIA[fmt], f"evidence-{stamp}.{fmt}"


def import_history(app: Any, data: bytes, suffix: str, lender: str | None) -> Any:
    """Import a phone history file (written to a private temporary file the importer reads)."""
    from xiezhi.evidence import import_history as run

    v = vault(app)
    with tempfile.TemporaryDirectory(prefix="xiezhi-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        result = run(v, path, lender=lender or None)
    return result.model_copy(update={"path": Path(f"upload{suffix}")})


# ------------------------------------------------------------------ correct and withdraw
# Shared by the API and (ideally) the web record page: what counts as a change, which record may be
# edited, what a reason must look like. Vault.correct / Vault.withdraw do the appending.
COUNTERPART_FIELDS = ("number", "name", "organisation")
EDIT_FIELDS = ("kind", "occurred_at", *COUNTERPART_FIELDS, "lender", "text", "notes")
REASON_LIMIT = 500
NOTHING_CHANGED = ("你还没有改动任何内容。请先改正写错的地方，再保存更正。"
                   "如果这整条记录都不该有，请撤回这条记录。")
REASON_MISSING = {"correct": "请写下更正的原因，例如“号码抄错了”“时间记错了”。",
                  "withdraw": "请写下撤回的原因，例如“记错了人，这条不是催收”。"}
_edit_lock = threading.Lock()


class NotEditable(InputError):
    """The record is an older version of its item, or the item is withdrawn (HTTP 409)."""


def versions(item: Any) -> list[Any]:
    """The records of an item that carry content: the incident and its corrections, oldest first."""
    return [r for r in item.records if r.record_type != "withdrawal"]


def check_editable(item: Any, seq: int) -> None:
    """Only the latest version of an item that is not withdrawn may be corrected or withdrawn."""
    if item.status == "withdrawn":
        raise NotEditable(f"证据 #{item.seq} 已经撤回，不能再更正或撤回。")
    last = versions(item)[-1].seq
    if seq != last:
        raise NotEditable(f"这是更正前的旧内容。请打开最新的 #{last} 再更正或撤回。")


def _norm(value: Any) -> str:
    return ("" if value is None else str(value)).replace("\r\n", "\n").strip()


def _same_time(old: datetime | None, new: datetime) -> bool:
    """A time given to the minute (as the form does) matches any stored time within that minute."""
    if old is None or (old.tzinfo is None) != (new.tzinfo is None):
        return False
    if new.second == 0 and new.microsecond == 0:
        return old.replace(second=0, microsecond=0) == new
    return old == new


def changes_from(content: Any, fields: Mapping[str, Any]) -> dict[str, Any]:
    """What differs from ``content``, in the shape Vault.correct takes (pure).

    ``fields`` holds only the fields the user gave (the web form gives all of EDIT_FIELDS, the API and
    the CLI only the changed ones): a missing key leaves a field as it is, None or "" clears it (not
    kind and time). Text is compared and stored without surrounding blanks and with \\n line ends.
    """
    from xiezhi.dates import parse_datetime
    from xiezhi.evidence import KIND_LABELS

    unknown = set(fields) - set(EDIT_FIELDS)
    if unknown:
        raise InputError(f"不能更正这些项：{'、'.join(sorted(unknown))}。")
    out: dict[str, Any] = {}
    if "kind" in fields:
        kind = _norm(fields["kind"])
        if kind not in KIND_LABELS:
            raise InputError("请选择证据类型：" + "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items()) + "。")
        if kind != content.kind:
            out["kind"] = kind
    if "occurred_at" in fields:
        raw = fields["occurred_at"]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise InputError("请填写发生时间。")
        when = raw if isinstance(raw, datetime) else parse_datetime(str(raw).strip().replace("T", " "))
        if not _same_time(content.occurred_at, when):
            out["occurred_at"] = when
    for key in ("lender", "text", "notes"):
        if key in fields and _norm(fields[key]) != _norm(getattr(content, key)):
            out[key] = _norm(fields[key]) or None
    cp = {k: _norm(fields[k]) or None for k in COUNTERPART_FIELDS
          if k in fields and _norm(fields[k]) != _norm(getattr(content.counterpart, k))}
    if cp:
        out["counterpart"] = cp
    return out


def check_reason(reason: str | None, action: str) -> str:
    """The reason for a correction ("correct") or withdrawal ("withdraw"), stripped; required."""
    text = _norm(reason)
    if not text:
        raise InputError(REASON_MISSING[action])
    if len(text) > REASON_LIMIT:
        raise InputError(f"原因请写在 {REASON_LIMIT} 字以内。")
    return text


def _editable_item(v: Any, seq: int) -> Any:
    try:
        item = v.item(seq)
    except InputError as exc:
        raise ProblemError(404, "没有这条证据", exc.message) from exc
    try:
        check_editable(item, seq)
    except NotEditable as exc:
        raise ProblemError(409, "不能修改这条证据", exc.message,
                           hints=[f"先用 GET /api/v1/evidence/{item.seq} 查看这条证据的最新状态。"]) from exc
    return item


def correct(app: Any, seq: int, fields: Mapping[str, Any], reason: str | None,
            files: list[tuple[str, bytes]] | None = None) -> Any:
    """Append a correction of record ``seq`` (the latest version of its item); returns the item."""
    v = vault(app)
    with _edit_lock:  # check and append together: two edits of one version cannot both pass
        item = _editable_item(v, seq)
        changes = changes_from(item.current, fields)
        if not changes and not files:
            raise InputError(NOTHING_CHANGED)
        rec = v.correct(seq, changes, check_reason(reason, "correct"), files=files or [])
    return v.item(rec.seq)


def withdraw(app: Any, seq: int, reason: str | None) -> Any:
    """Append a withdrawal of record ``seq`` (the latest version of its item); returns the item."""
    v = vault(app)
    with _edit_lock:
        _editable_item(v, seq)
        rec = v.withdraw(seq, check_reason(reason, "withdraw"))
    return v.item(rec.seq)
