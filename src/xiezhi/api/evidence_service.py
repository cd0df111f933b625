"""Evidence operations shared by the API and the web pages (one vault per app, opened on first use):
add, import, export, and correct / withdraw with the rules of xiezhi.evidence.edit as HTTP problems."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
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
    from xiezhi.dates import not_in_future, parse_datetime
    from xiezhi.evidence import Counterpart, IncidentInput

    if not isinstance(occurred_at, datetime) and not str(occurred_at).strip():
        raise InputError("请填写发生时间，例如 2026-03-14 23:10。")
    when = not_in_future(occurred_at if isinstance(occurred_at, datetime) else parse_datetime(str(occurred_at)))
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
# The rules (which record may be edited, what counts as a change, what a reason must look like) are
# xiezhi.evidence.edit's, shared with the web page and the CLI; here they become problems: 404 for an
# unknown record, 409 for an older version or a withdrawn item (also when another writer got there
# first: the vault checks again inside its write transaction), 400 for the rest.
def item(app: Any, seq: int) -> Any:
    """The item that record ``seq`` belongs to; 404 when there is no such record."""
    from xiezhi.evidence.edit import UnknownRecord

    try:
        return vault(app).item(seq)
    except UnknownRecord as exc:
        raise ProblemError(404, "没有这条证据", exc.message) from exc


@contextmanager
def _as_problems(item_seq: int) -> Iterator[None]:
    from xiezhi.evidence.edit import NotEditable

    try:
        yield
    except NotEditable as exc:
        raise ProblemError(409, "不能修改这条证据", exc.message,
                           hints=[f"先用 GET /api/v1/evidence/{item_seq} 查看这条证据的最新状态。"]) from exc


def correct(app: Any, seq: int, fields: Mapping[str, Any], reason: str | None,
            files: list[tuple[str, bytes]] | None = None) -> Any:
    """Append a correction of record ``seq`` (the latest version of its item); returns the item."""
    from xiezhi.evidence import edit

    v, current = vault(app), item(app, seq)
    with _as_problems(current.seq):
        changes, why = edit.plan_correction(current, seq, fields, reason, adds_files=bool(files))
        rec = v.correct(seq, changes, why, files=files or [])
    return v.item(rec.seq)


def withdraw(app: Any, seq: int, reason: str | None) -> Any:
    """Append a withdrawal of record ``seq`` (the latest version of its item); returns the item."""
    from xiezhi.evidence import edit

    v, current = vault(app), item(app, seq)
    with _as_problems(current.seq):
        rec = v.withdraw(seq, edit.plan_withdrawal(current, seq, reason))
    return v.item(rec.seq)
