"""``xiezhi evidence import``: SMS backup XML, call-log CSV and pasted threads, via Check's readers.

Each message or call becomes one incident whose natural key (kind, number, time, direction,
duration, text) is stored with it; importing the same file again adds nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from xiezhi.errors import InputError
from xiezhi.evidence.models import Counterpart, ImportResult, IncidentInput

if TYPE_CHECKING:
    from xiezhi.evidence.vault import Vault

BATCH = 500
_KINDS = {"sms": "sms", "call": "call", "im": "wechat"}


def import_history(vault: Vault, path: str | os.PathLike[str], *, lender: str | None = None,
                   fmt: str | None = None) -> ImportResult:
    try:
        from xiezhi.history import read_history, require_records
    except ImportError as exc:  # pragma: no cover - the readers ship with xiezhi
        raise InputError("导入功能不可用：缺少 xiezhi.history 读取模块。") from exc
    path = Path(path)
    if not path.is_file():
        raise InputError(f"找不到要导入的文件：{path}")
    vault._need_key()
    imp = require_records(read_history(path, fmt=fmt), f"文件 {path.name} ")
    issues = [f"第 {i.line} 行：{i.message}" for i in imp.issues]
    pending: list[tuple[IncidentInput, str | None]] = []
    skipped = len(imp.issues)
    for rec in imp.records:
        if rec.at is None:
            skipped += 1
            issues.append(f"第 {rec.line} 行：没有可识别的时间，未导入。")
            continue
        kind = _KINDS.get(rec.kind, "other")
        inc = IncidentInput(
            kind=kind, occurred_at=rec.at, direction=rec.direction,
            counterpart=Counterpart(number=rec.counterpart or None, name=rec.name or None),
            lender=lender, text=rec.text or None, duration_seconds=rec.duration_s, source=f"import:{imp.format}")
        key = vault.natural_key([kind, rec.counterpart, rec.at.isoformat(), rec.direction, rec.duration_s,
                                 rec.text or ""])
        pending.append((inc, key))
    added = duplicates = 0
    seqs: list[int] = []
    for start in range(0, len(pending), BATCH):
        for rec_out in vault.add_many(pending[start:start + BATCH]):
            if rec_out is None:
                duplicates += 1
            else:
                added += 1
                seqs.append(rec_out.seq)
    return ImportResult(path=path, format=imp.format, read=len(imp.records) + len(imp.issues), added=added,
                        duplicates=duplicates, skipped=skipped, first_seq=seqs[0] if seqs else None,
                        last_seq=seqs[-1] if seqs else None, issues=issues[:50], notes=list(imp.notes))
