"""From the chain to what a person reads: each incident with its corrections or withdrawal applied."""

from __future__ import annotations

from datetime import datetime

from xiezhi.errors import InputError
from xiezhi.evidence.models import KIND_LABELS, EvidenceItem, EvidenceRecord


def build_items(records: list[EvidenceRecord], *, keep_records: bool = False) -> list[EvidenceItem]:
    items: dict[int, EvidenceItem] = {}
    members: dict[int, list[EvidenceRecord]] = {}
    for rec in records:
        if rec.content is None:
            continue
        if rec.record_type == "incident":
            items[rec.seq] = EvidenceItem(seq=rec.seq, status="active", current=rec.content, history=[rec.seq],
                                          recorded_at=rec.recorded_at, hash=rec.hash)
            members[rec.seq] = [rec]
            continue
        item = items.get(rec.refers_to or -1)
        if item is None:
            continue
        item.history.append(rec.seq)
        item.hash = rec.hash
        members[item.seq].append(rec)
        if rec.record_type == "correction":
            item.current = rec.content
            item.status = "corrected"
        else:
            item.status = "withdrawn"
            item.withdrawn_reason = rec.content.reason
    out = list(items.values())
    if keep_records:
        for item in out:
            item.records = members[item.seq]
    return out


def filter_items(items: list[EvidenceItem], *, kind: str | None = None, lender: str | None = None,
                 since: datetime | None = None, until: datetime | None = None) -> list[EvidenceItem]:
    if kind is not None and kind not in KIND_LABELS:
        raise InputError(f"未知的类型：{kind}。可选：" + "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items()))
    out = []
    for item in items:
        c = item.current
        if kind and c.kind != kind:
            continue
        if lender and lender not in (c.lender or ""):
            continue
        if since and c.occurred_at and c.occurred_at < since:
            continue
        if until and c.occurred_at and c.occurred_at > until:
            continue
        out.append(item)
    return out
