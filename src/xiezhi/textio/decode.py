"""Decode exported files from phones and Windows tools without losing a byte of meaning.

Borrowers hand us whatever their phone or an old Windows program wrote: UTF-8 with or without a
BOM, UTF-16 (little or big endian, BOM or not), or GBK/GB18030. We try them in a fixed order and
refuse, with a Chinese message, rather than guess with replacement characters.
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
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}的 UTF-16 编码已损坏（第 {exc.start} 字节附近）。") from exc
    guess = utf16_without_bom(data)
    if guess:
        try:
            return DecodedText(data.decode(guess), guess)
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return DecodedText(data.decode(encoding), "gbk" if encoding == "gb18030" else encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(
        f"无法识别{name}的文字编码。",
        hints=["请将文件另存为 UTF-8（或 GBK、UTF-16）编码后再试。"],
    )


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
