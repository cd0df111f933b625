"""Readers for phone histories: SMS Backup & Restore XML, CSV logs of SMS/calls, pasted chat threads.

```python
from xiezhi.history import read_history, read_history_text
imp = read_history("sms-20260301.xml")      # HistoryImport(format, encoding, records, issues)
for rec in imp.records: rec.line, rec.at, rec.counterpart, rec.kind, rec.direction, rec.duration_s, rec.text
for issue in imp.issues: issue.line, issue.message, issue.raw   # malformed rows, never dropped silently
```
Every reader takes decoded text; `read_history` decodes files (UTF-8 with/without BOM, UTF-16, GBK).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from xiezhi.history.csvlog import looks_like_csv, read_csv_log
from xiezhi.history.records import HistoryImport, HistoryRecord, RowIssue
from xiezhi.history.sms_backup import read_sms_backup
from xiezhi.history.thread import read_thread

__all__ = [
    "PASTED_SOURCE",
    "HistoryImport",
    "HistoryRecord",
    "RowIssue",
    "detect_format",
    "pasted_thread",
    "read_csv_log",
    "read_history",
    "read_history_text",
    "read_sms_backup",
    "read_thread",
    "require_records",
]


def detect_format(text: str, name: str = "") -> str:
    head = text[:4000].lstrip("\ufeff").lstrip()
    if head.startswith("<?xml") or "<smses" in head or "<calls" in head or head.startswith(("<sms ", "<call ")):
        return "sms_backup_xml"
    first = head.split("\n", 1)[0]
    if name.lower().endswith((".csv", ".tsv")) or looks_like_csv(first):
        return "csv"
    return "thread"


def read_history_text(text: str, *, name: str = "", encoding: str = "utf-8", fmt: str | None = None,
                      reference: date | None = None, reference_origin: str | None = None) -> HistoryImport:
    """`reference`: the day a chat thread was copied or exported, against which its year-less dates are read
    (xiezhi.history.daterefs; default today). XML and CSV carry full dates."""
    fmt = fmt or detect_format(text, name)
    text = text.lstrip("\ufeff")
    if fmt == "sms_backup_xml":
        imp = read_sms_backup(text, source=name, encoding=encoding)
    elif fmt == "csv":
        imp = read_csv_log(text, source=name, encoding=encoding)
    else:
        imp = read_thread(text, source=name, encoding=encoding, reference=reference, reference_origin=reference_origin)
    if encoding == "big5":
        imp.notes.insert(0, "文件是繁体中文 Big5 编码（香港、台湾的手机常用），已按 Big5 读取；繁体字按对应的简体字检测。")
    return imp


PASTED_SOURCE = "粘贴的聊天记录"


def pasted_thread(text: str, *, reference: date | None = None, reference_origin: str | None = None) -> HistoryImport | None:
    """Pasted WeChat/SMS text with a time on two or more messages, read as a history (counts per day, night contacts);
    None for a single message or a description, which Check reads as one text. `reference`: the day it was copied
    (default today), for "昨天 23:10" and "11月28日"."""
    if len(text) < 20 or "\n" not in text.strip():
        return None
    imp = read_thread(text, source=PASTED_SOURCE, reference=reference, reference_origin=reference_origin)
    if len(imp.records) < 2 or len(imp.issues) > len(imp.records):
        return None
    return imp


def require_records(imp: HistoryImport, name: str = "") -> HistoryImport:
    """A history with no readable record is bad input, not a clean result: "未发现违规" over an empty file would tell
    a frightened borrower the collector did nothing wrong. Raise with the first reasons and their line numbers."""
    if imp.records:
        return imp
    from xiezhi.errors import InputError

    reasons = [f"第 {i.line} 行：{i.message.rstrip('。')}" for i in imp.issues[:5]]  # joined by "；", not "。；"
    more = f"（另有 {len(imp.issues) - 5} 行）" if len(imp.issues) > 5 else ""
    raise InputError(f"{name or '文件'}里没有读到任何短信、聊天或通话记录。" + ("；".join(reasons) + "。" + more if reasons else ""),
                     hints=["支持 SMS Backup & Restore 导出的 XML、带“时间”“号码”表头的 CSV，以及每条消息前带日期和时间的聊天记录。"])


def read_history(path: str | Path, *, fmt: str | None = None, reference: date | None = None) -> HistoryImport:
    """`reference` (for a chat's year-less dates): default the file's modification date, the day it was exported or
    copied, never later than today."""
    from xiezhi.history.sniff import not_a_history
    from xiezhi.textio import read_text_file

    p = Path(path)
    if p.is_file():
        with p.open("rb") as fh:
            head = fh.read(65536)
        if (kind := not_a_history(head)) is not None:
            from xiezhi.errors import InputError

            raise InputError(f"文件 {p.name} 不是通话、短信或聊天记录：{kind}",
                             hints=["支持 SMS Backup & Restore 导出的 XML、带“时间”“号码”表头的 CSV，以及每条消息前带日期和时间的聊天记录文本。"])
    decoded = read_text_file(path)
    origin = None  # read_thread: "你指定的"
    if reference is None:
        reference, origin = file_date(path), "文件的修改日期"
    return read_history_text(decoded.text, name=Path(path).name, encoding=decoded.encoding, fmt=fmt,
                             reference=reference, reference_origin=origin)


def file_date(path: str | Path) -> date:
    """The local date a file was last written, or today if that is later (a clock set wrong) or unknown."""
    today = date.today()
    try:
        from datetime import datetime

        written = datetime.fromtimestamp(Path(path).stat().st_mtime).date()
    except (OSError, ValueError, OverflowError):
        return today
    return min(written, today)
