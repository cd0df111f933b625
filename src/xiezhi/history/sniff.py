"""What a file given as a history is when it is not text, told by its first bytes, with what to do instead.

`xiezhi check --file` on a screenshot, an Excel sheet or a PDF said "无法识别文件的文字编码……另存为 UTF-8", which
sends a user with a screenshot to Notepad. The CLI, the API and the page ask this first (qa12).
"""

from __future__ import annotations

_EXCEL_TO_CSV = "通话、短信记录请在 Excel/WPS 里“另存为”，类型选“CSV UTF-8（逗号分隔）”，再导入 CSV 文件。"


def not_a_history(data: bytes) -> str | None:
    """A Chinese sentence naming the kind of a non-text file and what to do; None when it may be text."""
    head = data[:16]
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP") or (head[4:8] == b"ftyp" and head[8:12] in (
            b"heic", b"heix", b"mif1", b"msf1")):
        return "这是一张图片（截图），不是文字记录。命令行请用 xiezhi check --image 文件名 识别截图里的文字，网页上直接上传截图即可。"
    if head.startswith(b"%PDF-"):
        return "这是 PDF 文件，不是文字记录。请把其中的文字复制出来粘贴检测，或导出为 .txt 文本文件。"
    if head.startswith(b"PK\x03\x04"):
        kind = "Excel 表格（.xlsx）" if b"xl/" in data[:65536] else "Word 文档（.docx）" if b"word/" in data[:65536] \
            else "压缩包（.zip）"
        advice = _EXCEL_TO_CSV if kind.startswith("Excel") else "请先解压，再导入其中的 XML、CSV 或文本文件。" \
            if kind.startswith("压缩包") else "请把其中的文字复制出来粘贴检测，或另存为 .txt 文本文件。"
        return f"这是{' ' if kind[0].isascii() else ''}{kind}，不是文字记录。{advice}"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return f"这是旧版 Office 文件（.xls 或 .doc），不是文字记录。{_EXCEL_TO_CSV}"
    if head.startswith(b"SQLite format 3\x00"):
        return ("这是手机的数据库文件（如 mmssms.db、calllog.db），不能直接读取。请用“SMS Backup & Restore”等应用导出短信、"
                "通话记录的 XML，再导入 XML 文件。")
    return None
