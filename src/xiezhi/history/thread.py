"""Pasted WeChat / SMS threads with timestamps.

Accepted shapes (one per message; mixed freely):
  2026-03-01 23:30 张三: 内容            [2026/3/1 23:30] 张三：内容
  张三 2026-03-01 23:30:12               (WeChat export: header line, text on the next lines)
  2026年3月1日                           (a date line) followed by  23:30 张三：内容
A sender called 我 / 本人 / me is the borrower (outgoing); anyone else is incoming.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from xiezhi.history.records import HistoryImport, HistoryRecord, RowIssue
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

    def start(self, line: int, at: datetime, rest: str, header_name: str = "") -> None:
        self.flush()
        name, text = header_name, rest
        m = _SPEAKER.match(rest) if rest else None
        if m and not header_name:
            name, text = m.group(1).strip(), m.group(2)
        direction = "out" if name.strip().lower() in _SELF else "in"
        self.current = HistoryRecord(line=line, at=at, counterpart=name or "未知", kind="im",
                                     direction=direction, text=text.strip(), name=name)  # type: ignore[arg-type]


def read_thread(text: str, *, source: str = "", encoding: str = "utf-8") -> HistoryImport:
    out = HistoryImport(source=source, format="thread", encoding=encoding)
    b = _Builder(out)
    current_day: date | None = None
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        probe = line.lstrip("[【(（<")
        m = _DT.match(probe)
        if m:
            try:
                at = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                              _hour(int(m.group(5)), m.group(4) or m.group(8)), int(m.group(6)), int(m.group(7) or 0))
            except ValueError:
                b.flush()
                out.issues.append(RowIssue(line=i, message=f"时间不存在：“{m.group(0)}”，这条消息未读入。", raw=line[:200]))
                continue
            current_day = at.date()
            b.start(i, at, _strip_brackets(probe[m.end():]) if probe[m.end():].strip()[:1] in _BRACKETS else probe[m.end():].strip())
            continue
        # WeChat export header: "张三 2026-03-01 23:30:12"
        hm = re.match(r"^(.{1,24}?)\s+(\d{4}\s*[-/.年].*)$", line)
        if hm and _DT.match(hm.group(2)) and not _SPEAKER.match(hm.group(1) + "：x").group(1).endswith(("说", "讲")):
            m2 = _DT.match(hm.group(2))
            assert m2 is not None
            try:
                at = datetime(int(m2.group(1)), int(m2.group(2)), int(m2.group(3)),
                              _hour(int(m2.group(5)), m2.group(4) or m2.group(8)), int(m2.group(6)), int(m2.group(7) or 0))
            except ValueError:
                b.flush()
                out.issues.append(RowIssue(line=i, message="时间不存在，这条消息未读入。", raw=line[:200]))
                continue
            current_day = at.date()
            b.start(i, at, hm.group(2)[m2.end():].strip(), header_name=hm.group(1).strip())
            continue
        dm = _DATE.fullmatch(probe.rstrip("]】)）>").strip())
        if dm:
            b.flush()
            try:
                current_day = date(int(dm.group(1)), int(dm.group(2)), int(dm.group(3)))
            except ValueError:
                out.issues.append(RowIssue(line=i, message=f"日期不存在：“{line}”。", raw=line[:200]))
                current_day = None
            continue
        tm = _TIME.match(probe)
        if tm and tm.start() == 0 and current_day is not None:
            try:
                at = datetime(current_day.year, current_day.month, current_day.day,
                              _hour(int(tm.group(2)), tm.group(1)), int(tm.group(3)), int(tm.group(4) or 0))
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
    if not out.records and not out.issues:
        out.issues.append(RowIssue(line=1, message="没有找到带时间的消息。"))
    return out


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

