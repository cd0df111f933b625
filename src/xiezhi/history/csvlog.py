"""CSV (or tab-separated) exports of SMS and call logs: time, number, direction, duration, text.

Header names are recognised in Chinese and English; a row with a bad time, no number or the wrong
number of columns is reported with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from xiezhi.history.records import HistoryImport, HistoryRecord, RowIssue, line_numbers
from xiezhi.history.timeparse import parse_timestamp

COLUMNS: dict[str, tuple[str, ...]] = {
    "time": ("time", "date", "datetime", "timestamp", "时间", "日期", "日期时间", "通话时间", "发送时间", "接收时间", "开始时间", "时间戳"),
    "number": ("number", "address", "phone", "phone number", "from", "号码", "电话", "电话号码", "对方号码", "手机号", "发件人", "来电号码", "对方",
               "寄件人", "门号"),
    "name": ("name", "contact", "contact name", "联系人", "姓名", "备注", "联系人姓名", "联络人"),
    "direction": ("direction", "type", "call type", "类型", "方向", "呼叫类型", "通话类型", "收发", "状态"),
    "duration": ("duration", "duration(s)", "seconds", "时长", "通话时长", "时长(秒)", "通话时长(秒)", "秒"),
    "text": ("text", "body", "content", "message", "sms", "内容", "短信内容", "消息", "信息内容", "正文", "简讯",
             "简讯内容", "讯息", "讯息内容"),
}
_IN = {"in", "incoming", "received", "inbox", "1", "呼入", "来电", "接收", "已接", "已接来电", "收到", "收", "接听", "来信"}
_OUT = {"out", "outgoing", "sent", "2", "呼出", "去电", "拨出", "发送", "已发", "已发送", "发", "已拨"}
_MISSED = {"missed", "rejected", "3", "5", "未接", "未接来电", "拒接", "已拒接", "响铃未接", "挂断", "未接通"}


def _simplified(cell: str) -> str:
    """A header or direction cell in simplified characters: Big5 exports from Hong Kong and Taiwan phones write 時間,
    號碼, 內容, 來電 (and 簡訊, 聯絡人, 訊息, which the alias lists carry in their simplified form)."""
    from xiezhi.text.normalize import to_simplified

    return to_simplified(cell)


def _find_columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for idx, name in enumerate(header):
        key = _simplified(name.strip().strip("\ufeff").lower())
        for field, aliases in COLUMNS.items():
            if field not in cols and key in aliases:
                cols[field] = idx
    return cols


def looks_like_csv(first_line: str) -> bool:
    delim = "\t" if "\t" in first_line else ","
    cells = [c.strip().strip('"').lower() for c in first_line.split(delim)]
    cols = _find_columns(cells)
    return "time" in cols and ("number" in cols or "name" in cols)


def parse_duration(value: str) -> int | None:
    v = value.strip()
    if not v:
        return None
    if v.isdigit():
        return int(v)
    if re.fullmatch(r"\d{1,2}(:\d{1,2}){1,2}", v):
        total = 0
        for part in v.split(":"):
            total = total * 60 + int(part)
        return total
    m = re.fullmatch(r"(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*分(?:钟)?)?\s*(?:(\d+)\s*秒)?", v)
    if m and any(m.groups()):
        h, mi, s = (int(g or 0) for g in m.groups())
        return h * 3600 + mi * 60 + s
    raise ValueError(f"通话时长无法识别：“{value}”。")


def _direction(value: str, duration: int | None, kind: str) -> str:
    v = _simplified(value.strip().lower())
    if v in _MISSED:
        return "missed"
    if v in _IN:
        return "missed" if kind == "call" and duration == 0 else "in"
    if v in _OUT:
        return "out"
    return "unknown"


def read_csv_log(text: str, *, source: str = "", encoding: str = "utf-8") -> HistoryImport:
    out = HistoryImport(source=source, format="csv", encoding=encoding)
    first = text.split("\n", 1)[0]
    delim = "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        out.issues.append(RowIssue(line=1, message="文件是空的。"))
        return out
    cols = _find_columns(header)
    if "time" not in cols or not ({"number", "name"} & cols.keys()):
        out.issues.append(RowIssue(line=1, message="第一行不是可识别的表头：需要“时间”和“号码”（或 time、number）列。",
                                   raw=delim.join(header)[:200]))
        return out
    kind = "sms" if "text" in cols else "call"
    recovered: list[int] = []
    for lineno, row in _rows(io.StringIO(text).readlines(), reader.line_num, delim, cols["time"], len(header), recovered):
        if isinstance(row, RowIssue):
            out.issues.append(row)
            continue
        if not row or all(not c.strip() for c in row):
            continue
        raw = delim.join(row)[:200]
        if len(row) < len(header):
            out.issues.append(RowIssue(line=lineno, message=f"这一行只有 {len(row)} 列，表头有 {len(header)} 列。", raw=raw))
            continue
        try:
            at = parse_timestamp(row[cols["time"]])
        except ValueError:
            at = None
        if at is None:
            out.issues.append(RowIssue(line=lineno, message=f"时间无法识别：“{row[cols['time']]}”。", raw=raw))
            continue
        number = row[cols["number"]].strip() if "number" in cols else ""
        name = row[cols["name"]].strip() if "name" in cols else ""
        if not number and not name:
            out.issues.append(RowIssue(line=lineno, message="缺少号码。", raw=raw))
            continue
        try:
            duration = parse_duration(row[cols["duration"]]) if "duration" in cols else None
        except ValueError as exc:
            out.issues.append(RowIssue(line=lineno, message=str(exc), raw=raw))
            continue
        row_kind = kind
        text_value = row[cols["text"]] if "text" in cols else ""
        if kind == "sms" and not text_value.strip() and duration is not None:
            row_kind = "call"
        direction = _direction(row[cols["direction"]], duration, row_kind) if "direction" in cols else "unknown"
        out.records.append(HistoryRecord(line=lineno, at=at, counterpart=number or name, kind=row_kind,  # type: ignore[arg-type]
                                         direction=direction, duration_s=duration,  # type: ignore[arg-type]
                                         text=text_value, name=name))
    if recovered:
        out.notes.append(f'第 {line_numbers(recovered)} 行的引号（"）没有配对：按这一行读入（内容到行尾为止），后面的行照常读取；'
                         "如果内容其实接在下一行，下一行会列在“未读入”里，请对照原文。")
    return out


def _broken_quote(physical: list[str], delim: str, time_col: int) -> bool:
    """A row read over several lines whose quote never closed, or whose later lines are rows of their own."""
    if "".join(physical).count('"') % 2:
        return True
    for line in physical[1:]:
        cells = line.split(delim)
        if len(cells) > time_col:
            try:
                if parse_timestamp(cells[time_col]) is not None:
                    return True
            except ValueError:
                return True
    return False


def _one_line(line: str, delim: str, columns: int) -> list[str] | None:
    """A line whose quote never closed, read on its own with the quote taken literally (its message text, the words a
    collector wrote, is kept, not dropped); None if it then lacks columns."""
    cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delim, quoting=csv.QUOTE_NONE), [])
    cells = [c[1:] if c.startswith('"') and c.count('"') % 2 else c for c in cells]
    cells = [c[:-1] if c.endswith('"') and c.count('"') % 2 else c for c in cells]
    return cells if len(cells) >= columns else None


def _rows(lines: list[str], start: int, delim: str, time_col: int, columns: int = 0,
          recovered: list[int] | None = None) -> Iterator[tuple[int, list[str] | RowIssue]]:
    """(first line number, cells) of each row after line `start`; a row whose quote is not closed is read on its own
    line (its number added to `recovered`) or, lacking columns, reported as a RowIssue; reading resumes on the next
    line, so one stray quote cannot swallow the rest of the file."""
    while start < len(lines):
        reader = csv.reader(io.StringIO("".join(lines[start:])), delimiter=delim)
        prev_end = 0
        restart = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield start + reader.line_num, RowIssue(line=start + reader.line_num, message=f"CSV 格式错误：{exc}")
                prev_end = reader.line_num
                continue
            first, prev_end = prev_end + 1, reader.line_num
            if prev_end > first and _broken_quote(lines[start + first - 1:start + prev_end], delim, time_col):
                alone = _one_line(lines[start + first - 1], delim, columns) if columns else None
                if alone is not None and recovered is not None:
                    recovered.append(start + first)
                    yield start + first, alone
                    restart = start + first
                    break
                yield start + first, RowIssue(
                    line=start + first,
                    message='这一行的引号（"）没有配对，无法确定内容在哪里结束；这一行未读入，后面的行照常读取。',
                    raw=lines[start + first - 1].rstrip("\r\n")[:200])
                restart = start + first
                break
            yield start + first, row
        if restart is None:
            return
        start = restart
