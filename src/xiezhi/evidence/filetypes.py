"""Attachment types are decided by content (magic bytes), never by the file name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from xiezhi.errors import InputError
from xiezhi.textio import is_utf16, no_control_characters

#: Largest attachment accepted (a few minutes of phone video).
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
#: Largest plain-text attachment: a phone's whole SMS backup or call log, as large as a web upload (20 MB); the
#: check page tells the borrower to keep that file as evidence.
MAX_TEXT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    media_type: str
    ext: str
    label: str  # Chinese, for messages and the evidence list


PNG = FileType("image/png", "png", "图片")
JPEG = FileType("image/jpeg", "jpg", "图片")
GIF = FileType("image/gif", "gif", "图片")
WEBP = FileType("image/webp", "webp", "图片")
HEIC = FileType("image/heic", "heic", "图片")
PDF = FileType("application/pdf", "pdf", "PDF 文档")
MP3 = FileType("audio/mpeg", "mp3", "录音")
M4A = FileType("audio/mp4", "m4a", "录音")
AMR = FileType("audio/amr", "amr", "录音")
WAV = FileType("audio/wav", "wav", "录音")
OGG = FileType("audio/ogg", "ogg", "录音")
MP4 = FileType("video/mp4", "mp4", "视频")
THREEGP = FileType("video/3gpp", "3gp", "视频")
TXT = FileType("text/plain", "txt", "文本")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word 文档")

ALL_TYPES = (PNG, JPEG, GIF, WEBP, HEIC, PDF, MP3, M4A, AMR, WAV, OGG, MP4, THREEGP, TXT, DOCX)
BY_MEDIA_TYPE = {t.media_type: t for t in ALL_TYPES}

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_3GP_PREFIX = (b"3gp", b"3g2")
_MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"MSNV", b"dash",
               b"M4V ", b"mmp4", b"f4v ", b"qt  "}


def _ftyp(head: bytes) -> FileType | None:
    if len(head) < 12 or head[4:8] != b"ftyp":
        return None
    brands = [head[8:12]]
    box_len = int.from_bytes(head[0:4], "big")
    for off in range(16, min(box_len, len(head)) - 3, 4):  # compatible brands
        brands.append(head[off:off + 4])
    major = brands[0]
    if major in _HEIC_BRANDS:
        return HEIC
    if major in _M4A_BRANDS:
        return M4A
    if major.startswith(_3GP_PREFIX):
        return THREEGP
    if major in _MP4_BRANDS:
        return MP4
    if any(b in _HEIC_BRANDS for b in brands[1:]):
        return HEIC
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)


def _is_text(data: bytes) -> bool:
    if (utf16 := is_utf16(data)) is not None:  # read by the CLI, so the page and the vault take it too
        try:
            return no_control_characters(data.decode(utf16))
        except UnicodeDecodeError:
            return False
    if b"\x00" in data:
        return False
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return no_control_characters(text)
    return False


def _head(data: bytes, size: int = 65536) -> bytes:
    """The first lines of a large file, cut where no character is split (a newline byte in UTF-8 and GB18030; an
    even length in UTF-16), enough to tell text from binary without decoding megabytes."""
    if is_utf16(data):
        return data[:size]
    cut = data.rfind(b"\n", 0, size)
    return data[:cut] if cut > 0 else data[:size]


def detect(data: bytes, name: str = "", *, text_limit: int = MAX_TEXT_BYTES) -> FileType:
    """Return the type of ``data`` or raise InputError in Chinese. A text file over `text_limit` is refused as too
    large, not as an unsupported type (a 6 MB SMS backup was told it was "不是支持的文件类型")."""
    shown = f"“{name}”" if name else "附件"
    if not data:
        raise InputError(f"{shown}是空文件。")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError(f"{shown}太大（{len(data) // (1024 * 1024)} MB），单个附件上限为 "
                         f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。")
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"#!AMR"):
        return AMR
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"ID3") or (len(head) > 2 and head[0] == 0xFF and head[1] in (0xFB, 0xF3, 0xF2, 0xFA)):
        return MP3
    ftyp = _ftyp(head)
    if ftyp is not None:
        return ftyp
    if head.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    if _is_text(data if len(data) <= text_limit else _head(data)):
        if len(data) > text_limit:
            raise InputError(f"{shown}是文本文件，但太大（{len(data) / (1024 * 1024):.1f} MB），文本附件上限为 "
                             f"{text_limit // (1024 * 1024)} MB。",
                             hints=["短信备份、通话记录可以先在“催收检测”页上传分析；也可以按月份分开导出后再保存。"])
        return TXT
    raise InputError(
        f"{shown}不是支持的文件类型（按内容识别，而非扩展名）。",
        hints=["支持：图片 png/jpeg/gif/webp/heic，PDF，录音 mp3/m4a/amr/wav/ogg，视频 mp4/3gp，文本 txt，Word docx。"],
    )
