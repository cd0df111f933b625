"""Dates a pasted chat writes without a year ("11月28日 23:10", "昨天 23:10", "星期三 01:20"), read against a
reference date the user can set.

The rule, chosen so that a user can predict it (WeChat shows "昨天" and "星期三" for the last week and drops the year
for the current one, all relative to the moment the chat was copied):
  * 今天 / 昨天 / 前天 = the reference date minus 0 / 1 / 2 days;
  * 星期X / 周X / 礼拜X = the most recent such weekday *before* the reference date (1 to 7 days back: the reference
    day itself would have been shown as "今天");
  * M月D日 (or M-D, M/D followed by a time) = the most recent such day on or before the reference date (this
    year's if it has passed, else last year's);
  * a bare time (23:10) before any day = the reference day (WeChat shows only the time for today's messages), unless
    it is later than now with the reference today, or the bare times go back (crossed midnight): then it has no day
    and no time (its words are still checked; it is never a night contact).
The reference date is the day the chat was copied or exported: today for pasted text, the file's modification date
for a file (never later than today), or what the user gives (`--today`, the page's 参照日期, the API's
`reference_date`). Every date resolved this way is listed in the report's notes ("按 2026 年理解"), so a wrong
assumption is seen, not silently built on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from xiezhi.history.records import line_numbers

_WEEKDAYS = "一二三四五六日"
_RELATIVE = {"今天": 0, "昨天": 1, "前天": 2}
#: A day without a year at the start of a line: M月D日, 今天/昨天/前天, 星期X/周X/礼拜X, or M-D / M/D (the numeric
#: form only when a time follows, so "3/4 的钱" is no date); an optional weekday after a month-day ("11月28日 星期六").
DAY = re.compile(
    r"(?:(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    r"|(?P<rel>今天|昨天|前天)"
    r"|(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])"
    r"|(?P<nmo>\d{1,2})[-/](?P<nd>\d{1,2})(?=\s+(?:上午|下午|晚上|凌晨|中午|早上)?\s*\d{1,2}[:：]\d{2}))"
    r"(?:\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?)?"
)


def _weekday_index(ch: str) -> int:
    return 6 if ch in "日天" else _WEEKDAYS.index(ch)


@dataclass
class DayResolver:
    """Resolves year-less and relative days against `reference`, remembering each for the report's notes."""

    reference: date
    #: where the reference date came from, shown in the note: "今天", "文件的修改日期", "你指定的参照日期"
    origin: str = "今天"
    resolved: dict[str, date] = field(default_factory=dict)
    #: the day of the last year-less line read (the day header for the bare times below it)
    last: date | None = None
    #: lines with a time and no day before any day (WeChat shows today's messages so), read on the reference day
    bare_lines: list[int] = field(default_factory=list)
    #: such lines whose time has not yet come today: no day can be given them
    bare_future: list[int] = field(default_factory=list)
    crossed_midnight: bool = False

    def bare(self, line: int, at: datetime) -> datetime | None:
        """A bare time read on the reference day; None (and noted) when the reference is today and it is later than
        now, so it cannot be today's."""
        if self.origin == "今天" and at > datetime.now() + timedelta(minutes=5):
            self.bare_future.append(line)
            return None
        self.bare_lines.append(line)
        return at

    def resolve(self, m: re.Match[str]) -> date:
        """The date a DAY match stands for; ValueError for a day that does not exist (2月30日)."""
        ref = self.reference
        if m.group("rel"):
            day = ref - timedelta(days=_RELATIVE[m.group("rel")])
            key = m.group("rel")
        elif m.group("wd"):
            back = (ref.weekday() - _weekday_index(m.group("wd"))) % 7 or 7
            day = ref - timedelta(days=back)
            key = f"星期{'日' if m.group('wd') in '日天' else m.group('wd')}"
        else:
            mo = int(m.group("mo") or m.group("nmo"))
            d = int(m.group("d") or m.group("nd"))
            day = self._month_day(mo, d)
            key = f"{mo}月{d}日"
        self.resolved.setdefault(key, day)
        return day

    def _month_day(self, mo: int, d: int) -> date:
        for year in range(self.reference.year, self.reference.year - 8, -1):  # 2月29日: back to the last leap year
            try:
                day = date(year, mo, d)
            except ValueError:
                if mo == 2 and d == 29:
                    continue
                raise
            if day <= self.reference:
                return day
        raise ValueError(f"{mo}月{d}日")

    def unplace_bare(self, records: list[Any]) -> None:
        """Bare times that go back (23:50 then 01:10) crossed midnight, so they are not all of one day: none is placed
        (each keeps its words, with no time) rather than guessing which day each belongs to."""
        bare = [r for r in records if r.line in set(self.bare_lines) and r.at is not None]
        if all(a.at <= b.at for a, b in pairwise(bare)):
            return
        for r in bare:
            r.at = None
        self.bare_future = sorted(set(self.bare_future) | set(self.bare_lines))
        self.bare_lines = []
        self.crossed_midnight = True

    def notes(self) -> list[str]:
        """What was assumed, in the user's words, e.g. "没有写年份的日期按 2026 年理解（11月28日 = 2026-11-28）……"."""
        out = []
        if self.bare_lines:
            out.append(f"第 {line_numbers(self.bare_lines)} 行只写了时间、前面没有日期（微信对当天的消息只显示时间），按参照日期 "
                       f"{self.reference.isoformat()}（{self.origin}）当天理解。如果不对，请指定复制这段记录的日期"
                       "（命令行 --today，网页“参照日期”，接口 reference_date）。")
        if self.bare_future:
            why = "时间先后跨过了午夜，不会都是同一天" if self.crossed_midnight else "晚于现在，不会是今天的消息"
            out.append(f"第 {line_numbers(self.bare_future)} 行只写了时间，{why}，无法确定是哪一天：这些消息照常检查内容，"
                       "但不计入每日次数和夜间联系。请在记录里保留日期（如“11月28日”“昨天”），或指定复制这段记录的日期。")
        if not self.resolved:
            return out
        years = sorted({d.year for d in self.resolved.values()})
        shown = "，".join(f"{k} = {v.isoformat()}" for k, v in list(self.resolved.items())[:6])
        more = " 等" if len(self.resolved) > 6 else ""
        return [*out, f"聊天记录里有没写年份或写“昨天”“星期几”的日期，已按参照日期 {self.reference.isoformat()}（{self.origin}）"
                f"推算，按 {'、'.join(str(y) for y in years)} 年理解：{shown}{more}。"
                "没写年份的日期取参照日期当天或之前最近的那一天，“星期几”取参照日期之前最近的那一天。"
                "如果不对，请指定复制或导出这段记录的日期（命令行 --today，网页“参照日期”，接口 reference_date）。"]


def parse_reference(value: str | date, label: str = "参照日期") -> date:
    """A reference date the user gave (`--today`, the page's field, the API's `reference_date`). More than a day
    ahead of today it is a typo (2062 for 2026) and is refused, as it would move every "昨天" into the future."""
    from xiezhi.dates import parse_date
    from xiezhi.errors import InputError

    day = parse_date(value)
    if day > date.today() + timedelta(days=1):
        raise InputError(f"{label} {day.isoformat()} 还没有到；请填写复制或导出聊天记录的那一天。")
    return day
