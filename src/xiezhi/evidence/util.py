"""Small helpers for the faces: building inputs from loose values, parsing date ranges."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

# An incident's time that has not happened yet would stand in a tamper-evident record for good: refused with the time
# as typed. The rule is shared with Check (`xiezhi.dates.not_in_future`; its default wording is the evidence one).
from xiezhi.dates import not_in_future
from xiezhi.errors import InputError
from xiezhi.evidence.models import KIND_LABELS, IncidentInput


def incident_input(**fields: Any) -> IncidentInput:
    """IncidentInput from keyword values, with Chinese errors instead of pydantic's."""
    kind = fields.get("kind")
    if kind not in KIND_LABELS:
        raise InputError(f"未知的类型：{kind}。可选：" + "、".join(f"{k}（{v}）" for k, v in KIND_LABELS.items()))
    if isinstance(fields.get("occurred_at"), datetime):
        not_in_future(fields["occurred_at"])
    try:
        return IncidentInput(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        raise InputError(f"输入有误（{where}）：{err.get('msg')}") from exc


def parse_range(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    from xiezhi.dates import parse_datetime

    lo = parse_datetime(since) if since else None
    hi = None
    if until:
        hi = parse_datetime(until)
        if hi.hour == hi.minute == hi.second == 0 and ":" not in until and "时" not in until:
            hi = hi + timedelta(days=1) - timedelta(microseconds=1)  # a bare date includes that day
    return lo, hi
