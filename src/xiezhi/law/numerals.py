"""Chinese numerals as statutes write them, both ways, for 1..9999.

Statutes write 10 as 十, 110 as 一百一十 and 1064 as 一千零六十四; people also write 两, 〇, 壹 or Arabic
digits, so parsing is lenient while formatting is canonical.
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)}
_DIGIT_VALUE.update({"〇": 0, "两": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9})
_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

MAX = 9999


def to_chinese(n: int) -> str:
    """1064 -> 一千零六十四; 10 -> 十; 110 -> 一百一十."""
    if not 1 <= n <= MAX:
        raise ValueError(f"out of range 1..{MAX}: {n}")
    parts: list[str] = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    pending_zero = False
    started = False
    for value, unit in units:
        d = (n // value) % 10
        if d == 0:
            if started:
                pending_zero = True
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        if not (unit == "十" and d == 1 and not started):
            parts.append(DIGITS[d])
        parts.append(unit)
        started = True
    return "".join(parts)


def parse_number(text: str) -> int:
    """Parse 一千零六十四, 一百一十, 十, 两百, 680, ６８０ or 一〇六四; raise ValueError otherwise."""
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty number")
    if s.isdigit():
        return int(s)
    if all(c in _DIGIT_VALUE for c in s) and len(s) > 1:
        # digit-by-digit form such as 一〇六四
        return int("".join(str(_DIGIT_VALUE[c]) for c in s))
    total = 0
    current: int | None = None
    last_unit = 10_000
    for c in s:
        if c in _DIGIT_VALUE:
            if current is not None and current != 0:
                raise ValueError(f"two digits in a row: {text}")
            current = _DIGIT_VALUE[c]
        elif c in _UNIT_VALUE:
            unit = _UNIT_VALUE[c]
            if unit >= last_unit:
                raise ValueError(f"units out of order: {text}")
            total += (1 if current is None else current) * unit
            current = None
            last_unit = unit
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    if current:
        total += current
    if total == 0:
        raise ValueError(f"zero is not an article number: {text}")
    return total


NUMERAL_CHARS = "零一二三四五六七八九十百千两〇壹贰叁肆伍陆柒捌玖拾佰仟0123456789０１２３４５６７８９"
