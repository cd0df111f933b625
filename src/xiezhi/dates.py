"""Dates as people write them: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from xiezhi.errors import InputError

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_DATETIME = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?[\sT]*(\d{1,2})\s*[:：时点]\s*(\d{1,2})"
    r"(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?\s*分?\s*$"
)


def parse_date(value: str | date) -> date:
    """Parse a calendar date or raise InputError in Chinese."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = _DATE.match(text) or _COMPACT.match(text)
    if not m:
        raise InputError(f"无法识别的日期：“{value}”。请写成 2024-03-01、2024/3/1 或 2024年3月1日。")
    y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError as exc:
        raise InputError(f"日期不存在：“{value}”（{y}年{mo}月{d}日）。") from exc


def parse_datetime(value: str | datetime) -> datetime:
    """Parse a local date and time (minutes, optional seconds); a bare date means midnight."""
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    m = _DATETIME.match(text)
    if m:
        y, mo, d, h, mi = (int(g) for g in m.groups()[:5])
        s = int(m.group(6) or 0)
        try:
            return datetime(y, mo, d, h, mi, s)
        except ValueError as exc:
            raise InputError(f"时间不存在：“{value}”。") from exc
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    day = parse_date(text)
    return datetime(day.year, day.month, day.day)


#: Mainland China keeps UTC+08:00 all year (no daylight saving), so a fixed offset needs no tz database.
BEIJING = timezone(timedelta(hours=8))


def fmt_beijing(dt: datetime | None, *, seconds: bool = False) -> str:
    """A time as the borrower reads it, on the Beijing clock. Aware times (recorded_at, generated_at: UTC)
    are converted; naive ones (occurred_at: entered or imported as local time) are already Beijing time.
    Only the display changes: stored values, the manifest and the hashes keep their UTC ISO text."""
    if dt is None:
        return ""
    if dt.tzinfo is not None:
        dt = dt.astimezone(BEIJING)
    return dt.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


#: Slack for a phone clock or a time zone slip; anything later is a typo (2099 for 2025), not an event.
FUTURE_SLACK = timedelta(days=1)
#: What Check says after a future sending time.
CHECK_FUTURE_ADVICE = "请填写收到这条信息（或事情发生）的实际时间（北京时间），是不是年份或月份写错了？"


def not_in_future(when: datetime, label: str = "发生时间", advice: str = "请填写事情实际发生的时间（北京时间）。",
                  now: datetime | None = None) -> datetime:
    """A time a user typed for something that already happened (an incident, a message received). More than a day
    ahead it is a typo (2062 for 2026): refused in Chinese with the time as typed, instead of being judged (Check
    would call a mistyped year's 23:30 a night contact, the evidence vault would keep it for good)."""
    now = now or datetime.now(BEIJING).replace(tzinfo=None)
    local = when.astimezone(BEIJING).replace(tzinfo=None) if when.tzinfo is not None else when  # "…Z" from the API
    if local > now + FUTURE_SLACK:
        raise InputError(f"{label} {when:%Y-%m-%d %H:%M} 还没有到；{advice}")
    return when
