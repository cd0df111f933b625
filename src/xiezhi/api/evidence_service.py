"""Evidence operations shared by the API and the web pages (one vault per app, opened on first use)."""

from __future__ import annotations

import os
import tempfile
import threading
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
