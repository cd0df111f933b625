"""Reading user-supplied files whatever their encoding (UTF-8 with/without BOM, UTF-16, GBK/GB18030, Big5)."""

from xiezhi.textio.decode import (
    DecodedText,
    decode_bytes,
    is_utf16,
    looks_like_big5,
    no_control_characters,
    read_text_file,
    utf16_without_bom,
)

__all__ = ["DecodedText", "decode_bytes", "is_utf16", "looks_like_big5", "no_control_characters", "read_text_file",
           "utf16_without_bom"]
