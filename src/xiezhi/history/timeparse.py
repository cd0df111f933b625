"""Timestamps as phones and chat apps write them, read as local (Asia/Shanghai) naive datetimes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))  # no daylight saving in mainland China

_DT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[T ]?\s*"
    r"(?:(上午|下午|晚上|凌晨|中午|早上|am|pm|AM|PM)\s*)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?"
    r"\s*(am|pm|AM|PM)?"
)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"(?:(上午|下午|晚上|凌晨|中午|早上)\s*)?(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?")


def _hour(h: int, marker: str | None) -> int:
    if marker and marker.lower() in ("下午", "晚上", "pm") and h < 12:
        return h + 12
    if marker and marker.lower() in ("凌晨", "am", "上午", "早上") and h == 12:
        return 0
    return h


def from_epoch_ms(value: str) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, tz=CHINA).replace(tzinfo=None)


def parse_timestamp(text: str) -> datetime | None:
    """Parse a full date and time anywhere at the start of `text`; None if there is none.

    Raises ValueError when a timestamp is present but impossible (month 13, hour 25).
    """
    s = text.strip()
    if re.fullmatch(r"\d{12,13}", s):
        return from_epoch_ms(s if len(s) == 13 else s + "0")
    m = _DT.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    marker = m.group(4) or m.group(8)
    h, mi, sec = int(m.group(5)), int(m.group(6)), int(m.group(7) or 0)
    return datetime(y, mo, d, _hour(h, marker), mi, sec)
