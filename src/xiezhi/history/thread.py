"""Pasted WeChat / SMS threads with timestamps.

Accepted shapes (one per message; mixed freely):
  2026-03-01 23:30 张三: 内容            [2026/3/1 23:30] 张三：内容
  张三 2026-03-01 23:30:12               (WeChat export: header line, text on the next lines)
  2026年3月1日                           (a date line) followed by  23:30 张三：内容
Days without a year (11月28日 23:10, 昨天 23:10, 星期三 01:20, 李经理 昨天 23:10, a line 11月28日) are read against a
reference date (xiezhi.history.daterefs); each assumption is listed in the import's notes. In a thread whose times
carry 上午/下午 (a 12-hour clock), a time from 1:00 to 12:59 without one is ambiguous: the message is read with no time
(its words still checked) rather than counted as a night contact or as a day's contact it may not be.
A sender called 我 / 本人 / me is the borrower (outgoing); anyone else is incoming.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from xiezhi.history.daterefs import DAY, DayResolver
from xiezhi.history.records import HistoryImport, HistoryRecord, RowIssue, line_numbers
from xiezhi.history.timeparse import _DATE, _DT, _TIME, _hour

_SELF = {"我", "本人", "me", "自己", "我方"}
_SPEAKER = re.compile(r"^\s*([^:：\s][^:：]{0,24}?)\s*[:：]\s*(.*)$", re.S)
_BRACKETS = "[]【】()（）<>"


def _strip_brackets(s: str) -> str:
    return s.strip().strip(_BRACKETS).strip()


class _Builder:
    def __init__(self, out: HistoryImport) -> None:
        self.out = out
        self.current: HistoryRecord | None = None

    def flush(self) -> None:
        if self.current is not None:
            self.current.text = self.current.text.strip()
            self.out.records.append(self.current)
            self.current = None

    def start(self, line: int, at: datetime | None, rest: str, header_name: str = "") -> None:
        self.flush()
        name, text = header_name, rest
        m = _SPEAKER.match(rest) if rest else None
        if m and not header_name:
            name, text = m.group(1).strip(), m.group(2)
        direction = "out" if name.strip().lower() in _SELF else "in"
        self.current = HistoryRecord(line=line, at=at, counterpart=name or "未知", kind="im",
                                     direction=direction, text=text.strip(), name=name)  # type: ignore[arg-type]


_MARKER_WORDS = ("上午", "下午", "晚上", "凌晨", "中午", "早上", "am", "pm")


class _Clock:
    """Builds a record's time; in a 12-hour thread a 1:00-12:59 without 上午/下午 is ambiguous (None, noted)."""

    def __init__(self, twelve_hour: bool) -> None:
        self.twelve_hour = twelve_hour
        self.ambiguous: list[int] = []

    def at(self, line: int, day: date, h: int, mi: int, sec: int, marker: str | None) -> datetime | None:
        at = datetime(day.year, day.month, day.day, _hour(h, marker), mi, sec)  # ValueError for 25:00
        if self.twelve_hour and not marker and 1 <= h <= 12:
            self.ambiguous.append(line)
            return None
        return at


def _marker_of(probe: str) -> str | None:
    """The 上午/下午 marker of a line's timestamp, if the line starts with one."""
    if m := _DT.match(probe):
        return m.group(4) or m.group(8)
    if (tm := _TIME.match(probe)) and tm.start() == 0:
        return tm.group(1)
    if (dm := DAY.match(probe)) and (tm := _TIME.match(probe[dm.end():].lstrip())):
        return tm.group(1)
    return None


def _header_day(line: str) -> tuple[str, re.Match[str], re.Match[str]] | None:
    """A WeChat export header without a year: "李经理 昨天 23:10", "李经理 11月28日 23:10" (nothing after the time)."""
    hm = re.match(r"^([^:：\s][^:：]{0,23}?)\s+(\S.*)$", line)
    if not hm or hm.group(1).endswith(("说", "讲")) or not (dm := DAY.match(hm.group(2))):
        return None
    after = hm.group(2)[dm.end():].lstrip()
    tm = _TIME.match(after)
    if tm is None or after[tm.end():].strip():
        return None
    return hm.group(1).strip(), dm, tm


def read_thread(text: str, *, source: str = "", encoding: str = "utf-8", reference: date | None = None,
                reference_origin: str | None = None) -> HistoryImport:
    """`reference`: the day the thread was copied or exported, against which 昨天 / 星期三 / 11月28日 are read
    (default today). `reference_origin`, shown in the notes: by default "你指定的" for a given reference and "今天"
    without one (every face that takes a user's date says so); the file reader passes "文件的修改日期"."""
    out = HistoryImport(source=source, format="thread", encoding=encoding)
    b = _Builder(out)
    days = DayResolver(reference or date.today(), reference_origin or ("你指定的" if reference else "今天"))
    lines = text.splitlines()
    clock = _Clock(any((mk := _marker_of(ln.strip().lstrip("[【(（<"))) and mk.lower() in _MARKER_WORDS
                       for ln in lines))
    current_day: date | None = None
    seen_day = False  # a bare "23:10" before any day is WeChat's today (the reference day); after a bad day, refused
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        probe = line.lstrip("[【(（<")
        m = _DT.match(probe)
        if m:
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                at = clock.at(i, day, int(m.group(5)), int(m.group(6)), int(m.group(7) or 0), m.group(4) or m.group(8))
            except ValueError:
                b.flush()
                out.issues.append(RowIssue(line=i, message=f"时间不存在：“{m.group(0)}”，这条消息未读入。", raw=line[:200]))
                continue
            current_day, seen_day = day, True
            b.start(i, at, _strip_brackets(probe[m.end():]) if probe[m.end():].strip()[:1] in _BRACKETS else probe[m.end():].strip())
            continue
        # WeChat export header: "张三 2026-03-01 23:30:12"
        hm = re.match(r"^(.{1,24}?)\s+(\d{4}\s*[-/.年].*)$", line)
        if hm and _DT.match(hm.group(2)) and not _SPEAKER.match(hm.group(1) + "：x").group(1).endswith(("说", "讲")):
            m2 = _DT.match(hm.group(2))
            assert m2 is not None
            try:
                day = date(int(m2.group(1)), int(m2.group(2)), int(m2.group(3)))
                at = clock.at(i, day, int(m2.group(5)), int(m2.group(6)), int(m2.group(7) or 0), m2.group(4) or m2.group(8))
            except ValueError:
                b.flush()
                out.issues.append(RowIssue(line=i, message="时间不存在，这条消息未读入。", raw=line[:200]))
                continue
            current_day, seen_day = day, True
            b.start(i, at, hm.group(2)[m2.end():].strip(), header_name=hm.group(1).strip())
            continue
        dm = _DATE.fullmatch(probe.rstrip("]】)）>").strip())
        if dm:
            b.flush()
            seen_day = True
            try:
                current_day = date(int(dm.group(1)), int(dm.group(2)), int(dm.group(3)))
            except ValueError:
                out.issues.append(RowIssue(line=i, message=f"日期不存在：“{line}”。", raw=line[:200]))
                current_day = None
            continue
        if _yearless(i, line, probe, b, days, clock, out):
            current_day, seen_day = days.last, True
            continue
        tm = _TIME.match(probe)
        bare = (tm is not None and tm.start() == 0 and current_day is None and not seen_day
                and _starts_message(probe[tm.end():]))
        if tm and tm.start() == 0 and (current_day is not None or bare):
            try:
                at = clock.at(i, current_day or days.reference, int(tm.group(2)), int(tm.group(3)), int(tm.group(4) or 0),
                              tm.group(1))
                at = days.bare(i, at) if bare and at is not None else at
            except ValueError:
                b.flush()
                out.issues.append(RowIssue(line=i, message=f"时间不存在：“{tm.group(0)}”。", raw=line[:200]))
                continue
            rest = probe[tm.end():]
            b.start(i, at, _strip_brackets(rest) if rest.strip()[:1] in _BRACKETS else rest.strip())
            continue
        if b.current is not None and not b.current.name and not b.current.text and (sp := _SPEAKER.match(line)):
            # a time on a line of its own ("2026年3月1日 23:10"), the speaker on the next ("李经理：……"): the sender was
            # 未知 and the name went into the text
            b.current.name = b.current.counterpart = sp.group(1).strip()
            b.current.direction = "out" if b.current.name.lower() in _SELF else "in"
            b.current.text = sp.group(2).strip()
        elif b.current is not None:
            b.current.text += ("\n" if b.current.text else "") + line
        else:
            out.issues.append(RowIssue(line=i, message="这一行前面没有时间，无法确定发送时间；请在每条消息前写上日期和时间。",
                                       raw=line[:200]))
    b.flush()
    _attribute_own_messages(out.records)
    days.unplace_bare(out.records)
    out.notes.extend(days.notes())
    if clock.ambiguous:
        out.notes.append(f"第 {line_numbers(clock.ambiguous)} 行的时间没写上午还是下午（这段记录别处用的是 12 小时制），无法判断是不是夜间："
                         "这些消息照常检查内容，但不计入每日次数和夜间联系。")
    if not out.records and not out.issues:
        out.issues.append(RowIssue(line=1, message="没有找到带时间的消息。"))
    return out


def _starts_message(rest: str) -> bool:
    """After a bare time: nothing (a separator line), a bracket, or a speaker ("王主管：……")."""
    rest = rest.strip()
    return not rest or rest[:1] in _BRACKETS or _SPEAKER.match(rest) is not None


def _yearless(i: int, line: str, probe: str, b: _Builder, days: DayResolver, clock: _Clock, out: HistoryImport) -> bool:
    """A line that starts a message (or a day) with a year-less date: "11月28日 23:10 李经理：……", "昨天 23:10",
    "[星期三 01:20] 李经理：……", "李经理 昨天 23:10" (WeChat header), or "11月28日" alone (a day header for the times
    below). A line whose words merely begin with such a day ("昨天23:10你为什么不接电话") stays the message's text: after
    the time there must be nothing, a bracket, or a speaker ("李经理：")."""
    header = _header_day(line)
    if header is not None:
        name, dm, tm = header
    else:
        name = ""
        dm = DAY.match(probe)
        if dm is None:
            return False
        after = probe[dm.end():].lstrip()
        tm = _TIME.match(after)
        if tm is None:
            if not (dm.group("mo") and not after.rstrip("]】)）>").strip()):
                return False  # "昨天还说好了" is text; only a month-day stands alone as a day header
        else:
            rest = after[tm.end():]
            if rest.strip() and rest.strip()[:1] not in _BRACKETS and not _SPEAKER.match(rest):
                return False
    try:
        day = days.resolve(dm)
        at = clock.at(i, day, int(tm.group(2)), int(tm.group(3)), int(tm.group(4) or 0), tm.group(1)) if tm else None
    except ValueError:
        b.flush()
        out.issues.append(RowIssue(line=i, message=f"日期或时间不存在：“{line[:40]}”，这条消息未读入。", raw=line[:200]))
        days.last = None
        return True
    days.last = day
    if tm is None:
        b.flush()
        return True
    if header is not None:
        b.start(i, at, "", header_name=name)
    else:
        rest = probe[dm.end():].lstrip()[tm.end():]
        b.start(i, at, _strip_brackets(rest) if rest.strip()[:1] in _BRACKETS else rest.strip())
    return True


def _attribute_own_messages(records: list[HistoryRecord]) -> None:
    """The borrower's own messages (我) belong to the chat with the other side, so counts per counterpart do not list
    the borrower as one: each takes the speaker before it (or, at the start, the first speaker after it)."""
    others = [r.counterpart for r in records if r.direction != "out"]
    last = others[0] if others else "未知"
    for r in records:
        if r.direction == "out":
            r.counterpart = last
        else:
            last = r.counterpart

