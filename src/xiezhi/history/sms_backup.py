"""Android "SMS Backup & Restore" XML (sms-*.xml with <sms>/<mms>, calls-*.xml with <call>).

Read line by line (one element per line, as the app writes it), so every record keeps its line
number and a broken element is reported instead of losing the rest of the file.
"""

from __future__ import annotations

import html
import re

from xiezhi.history.records import HistoryImport, HistoryRecord, RowIssue
from xiezhi.history.timeparse import from_epoch_ms

#: An element's attributes are read quote-aware: `>` is legal inside a quoted value ("3天内还款 > 否则上门"), and an
#: attribute whose quote never closes makes the element unreadable (reported) instead of silently losing its body.
_ELEMENT = re.compile(r'<(sms|call|mms)\b((?:[^>"/]|/(?!>)|"[^"]*")*)(/?)>', re.S)
_START = re.compile(r"<(sms|call|mms)\b")
_ATTR = re.compile(r'([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"')
_PART_TEXT = re.compile(r'<part\b[^>]*\bct="text/plain"[^>]*\btext="([^"]*)"', re.S)
_SMS_TYPE = {"1": "in", "2": "out", "3": "out", "4": "out", "5": "out", "6": "out"}
_CALL_TYPE = {"1": "in", "2": "out", "3": "missed", "4": "in", "5": "missed", "6": "missed", "7": "in"}
_MMS_BOX = {"1": "in", "2": "out"}


def _clip(raw: str) -> str:
    return raw.strip()[:200]


def read_sms_backup(text: str, *, source: str = "", encoding: str = "utf-8") -> HistoryImport:
    out = HistoryImport(source=source, format="sms_backup_xml", encoding=encoding)
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        lineno = i + 1
        next_line = i + 1
        # Usually one element per line (as the app writes it), but a minified file has them all on one line.
        for tag in _START.finditer(line):
            chunk = line[tag.start():]
            if tag.group(1) == "mms":  # multi-line element: read up to </mms>
                j = i
                while "</mms>" not in chunk and j + 1 < len(lines) and j - i < 200:
                    j += 1
                    chunk += "\n" + lines[j]
                next_line = max(next_line, j + 1)
            m = _ELEMENT.match(chunk)
            if not m or (tag.group(1) != "mms" and not m.group(3) and f"</{tag.group(1)}>" not in chunk):
                out.issues.append(RowIssue(line=lineno, message="XML 元素不完整（可能缺少引号或结尾的 />），这一条未读入，其余记录照常读取。",
                                           raw=_clip(chunk.split("\n", 1)[0])))
                continue
            attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(2))}
            try:
                rec = _record(m.group(1), attrs, lineno, chunk[:m.end()] if tag.group(1) != "mms" else chunk)
            except ValueError as exc:
                out.issues.append(RowIssue(line=lineno, message=str(exc), raw=_clip(m.group(0))))
                continue
            out.records.append(rec)
        i = next_line
    if not out.records and not out.issues:
        out.issues.append(RowIssue(line=1, message="文件中没有找到 <sms>、<mms> 或 <call> 记录。"))
    return out


def _record(kind: str, a: dict[str, str], lineno: int, chunk: str) -> HistoryRecord:
    raw_date = a.get("date", "").strip()
    if not raw_date.isdigit():
        raise ValueError(f"缺少或无法识别时间（date=“{raw_date}”）。")
    try:
        at = from_epoch_ms(raw_date)
    except (OverflowError, OSError, ValueError) as exc:
        raise ValueError(f"时间戳无效（date=“{raw_date}”）。") from exc
    name = a.get("contact_name", "")
    name = "" if name in ("(Unknown)", "null") else name
    if kind == "call":
        number = a.get("number", "").strip()
        if not number:
            raise ValueError("通话记录缺少号码（number）。")
        dur = a.get("duration", "0").strip() or "0"
        if not dur.lstrip("-").isdigit():
            raise ValueError(f"通话时长无法识别（duration=“{dur}”）。")
        return HistoryRecord(line=lineno, at=at, counterpart=number, kind="call",
                             direction=_CALL_TYPE.get(a.get("type", ""), "unknown"),  # type: ignore[arg-type]
                             duration_s=max(0, int(dur)), name=name)
    number = a.get("address", "").strip()
    if not number:
        raise ValueError("短信缺少号码（address）。")
    if kind == "mms":
        parts = [html.unescape(t) for t in _PART_TEXT.findall(chunk)]
        return HistoryRecord(line=lineno, at=at, counterpart=number, kind="sms",
                             direction=_MMS_BOX.get(a.get("msg_box", ""), "unknown"),  # type: ignore[arg-type]
                             text="\n".join(parts), name=name)
    return HistoryRecord(line=lineno, at=at, counterpart=number, kind="sms",
                         direction=_SMS_TYPE.get(a.get("type", ""), "unknown"),  # type: ignore[arg-type]
                         text=a.get("body", ""), name=name)
