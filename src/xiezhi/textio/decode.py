"""Decode exported files from phones and Windows tools without losing a byte of meaning.

Borrowers hand us whatever their phone or an old Windows program wrote: UTF-8 with or without a
BOM, UTF-16 (little or big endian, BOM or not), GBK/GB18030, or Big5 (traditional Chinese, from Hong Kong and Taiwan
phones). We try them in a fixed order and refuse, with a Chinese message, rather than guess with replacement
characters.

Big5 needs care: almost every Big5 byte pair is also a valid GB18030 pair, so a Big5 file "decoded" as GBK without
error, into nonsense (“靛ⅷ” for 還錢) that Check then called 未发现违规. Text that decodes both ways is taken for Big5
when its characters are Big5's common ones (punctuation, the 5,401 frequent hanzi) and, read as GBK, they are not
(GB2312's punctuation and 3,755 frequent hanzi): real simplified text is ~99% common as GBK, Big5 read as GBK ~40%.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from xiezhi.errors import InputError

#: Files larger than this are refused before reading; histories of several years fit easily.
MAX_INPUT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def no_control_characters(text: str) -> bool:
    """Decoded text holds no control character but line breaks, tabs and form feeds: binary decoded under a text
    encoding does (b"\x00\x01" read as UTF-16, a PDF read as GB18030)."""
    return not any(ord(ch) < 32 and ch not in "\r\n\t\f" for ch in text)


def is_utf16(data: bytes) -> str | None:
    """The UTF-16 codec to read `data` with ("utf-16" with a BOM, "utf-16-le"/"utf-16-be" without), or None. Every
    face that tells text from binary by NUL bytes (the API's upload decoder, the evidence vault's type sniffer) asks
    this first, so they agree on what is UTF-16 text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return utf16_without_bom(data)


#: Lead bytes of each encoding's common characters: full-width punctuation and symbols, and the frequent hanzi
#: (GB2312 level 1: B0-D7; Big5 level 1: A4-C6).
_COMMON_LEADS = {"gb18030": frozenset(range(0xA1, 0xA4)) | frozenset(range(0xB0, 0xD8)),
                 "big5hkscs": frozenset(range(0xA1, 0xA4)) | frozenset(range(0xA4, 0xC7))}


def _common_share(text: str, encoding: str) -> float:
    leads = _COMMON_LEADS[encoding]
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0.0
    common = 0
    for c in wide:
        try:
            b = c.encode(encoding)
        except UnicodeEncodeError:
            continue
        common += len(b) == 2 and b[0] in leads
    return common / len(wide)


def looks_like_big5(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are Big5 rather than GBK (judged on the first 64 KB, cut at a line end)."""
    sample = data[:65536]
    if len(data) > len(sample) and (cut := sample.rfind(b"\n")) > 0:
        sample = sample[:cut]
    big5 = sample.decode("big5hkscs", errors="replace")  # a damaged byte counts against Big5, it does not rule it out
    b5 = _common_share(big5, "big5hkscs")
    return b5 >= 0.8 and b5 - _common_share(sample.decode("gb18030", errors="replace"), "gb18030") >= 0.25


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without a BOM (Windows tools' "Unicode" text, some phone
    exporters), guessed from the share of NUL bytes in even or odd positions; None otherwise. Every face that tells
    text from binary by NUL bytes asks this first."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        guess = "utf-16-le"
    elif even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        guess = "utf-16-be"
    else:
        return None
    # and it reads as text: binary such as b"\x00\x01" * 100 has the NUL pattern but decodes to control characters
    return guess if no_control_characters(sample[:half * 2].decode(guess, errors="replace")) else None


def decode_bytes(data: bytes, *, name: str = "输入") -> DecodedText:
    """Return the text and the encoding that produced it; raise InputError when none fits."""
    if not data:
        raise InputError(f"{name}是空的：没有可读取的内容。")
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig")
    utf16 = is_utf16(data)
    if utf16 == "utf-16":
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}的 UTF-16 编码已损坏（第 {exc.start} 字节附近）。") from exc
    if utf16:
        try:
            return DecodedText(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if looks_like_big5(data):
        try:
            return DecodedText(data.decode("big5hkscs"), "big5")
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise InputError(f"{name}是繁体中文 Big5 编码（香港、台湾的手机和电脑常用），但第 {line} 行有 Big5 无法解读的字节"
                             "，文件可能已损坏或混有其他编码。", hints=[BIG5_HINT]) from exc
    try:
        return DecodedText(data.decode("gb18030"), "gbk")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:  # NUL bytes outside UTF-16: a program's file, not text another encoding would read
        raise InputError(f"{name}不是文本文件（含有二进制内容）。",
                         hints=["请导入 SMS Backup & Restore 导出的 XML、通话记录 CSV 或聊天记录文本（.txt）。"])
    raise InputError(
        f"无法识别{name}的文字编码（不是 UTF-8、UTF-16、GBK，也不是繁体 Big5）。",
        hints=["请将文件另存为 UTF-8 编码后再试：在电脑上用记事本打开，选“另存为”，编码选“UTF-8”。"],
    )


BIG5_HINT = ("可以用记事本打开这个文件，选“另存为”，编码选“UTF-8”后再导入；"
             "或在命令行转换：iconv -f BIG5-HKSCS -t UTF-8 原文件 > 新文件.txt")


def read_text_file(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> DecodedText:
    """Read a user file; every failure is an InputError naming the file in Chinese."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到文件：{p}")
    if p.is_dir():
        raise InputError(f"{p} 是一个文件夹，请给出文件路径。")
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"文件 {p.name} 太大（{size / 1024 / 1024:.0f} MB），上限为 {max_bytes // 1024 // 1024} MB。",
            hints=["可以把文件拆分成几部分分别导入。"],
        )
    return decode_bytes(p.read_bytes(), name=f"文件 {p.name} ")
