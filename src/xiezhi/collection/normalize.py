"""Normalise a message for matching and map every normalised character back to the original text.

Full-width ASCII becomes half-width, upper case becomes lower case, traditional characters become
simplified (single-character table from zhconv), and spacing, emoji and decorative symbols are dropped
so that "上 门", "上門" and "上🚪门" all read "上门". The mapping is character for character (one
original character becomes one or zero normalised characters), so a match at normalised offsets
[s, e) is the original span [index[s], index[e-1] + 1).

Chat-style messages use spaces where writers of full sentences put commas ("我们不会打你 也不会骂你 我们就是天天去
你家门口站着"). The spaces are dropped from the text, so `Normalised.breaks` keeps where such a gap was: the normalised
offset of the first character after a run of spaces between two words of at least two characters each (a single
character on either side, as in OCR'd "您 的 借 款", is a stray space, not a pause).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0).lower()
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    try:
        from zhconv.zhconv import getdict

        for src, dst in getdict("zh-cn").items():
            if len(src) == 1 and len(dst) == 1 and src != dst:
                table[ord(src)] = dst
    except Exception:  # pragma: no cover - zhconv is a hard dependency; degrade rather than fail
        pass
    # Characters that carry no meaning for matching: spaces, zero-width, variation selectors.
    for ch in " \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\ufe0f\ufe0e*~_·•":
        table[ord(ch)] = None
    for cp in range(0x1F000, 0x1FAFF + 1):  # emoji and pictographs
        table[cp] = None
    for cp in range(0x2600, 0x27C0):  # misc symbols and dingbats
        table[cp] = None
    # A few pictographs carry the threat itself (knife, blood, bomb): kept as the word they stand for.
    for src, dst in {"\U0001F52A": "刀", "\U0001F5E1": "刀", "\U0001FA78": "血", "\U0001F4A3": "炸"}.items():
        table[ord(src)] = dst
    # Compatibility forms people use in SMS: ①..⑳ stay, but fancy brackets become plain ones.
    for src, dst in {"【": "[", "】": "]", "〔": "[", "〕": "]", "「": "“", "」": "”", "『": "“", "』": "”"}.items():
        table[ord(src)] = dst
    return table


_TABLE = _build_table()


def _deleted_class() -> re.Pattern[str]:
    """A regex matching exactly the characters the table deletes (to rebuild the offset map fast)."""
    cps = sorted(cp for cp, v in _TABLE.items() if v is None)
    ranges: list[tuple[int, int]] = []
    for cp in cps:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return re.compile("[" + "".join(parts) + "]")


_DELETED = _deleted_class()
_DELETED_RUN = re.compile(_DELETED.pattern + "+")


#: Code point ranges (inclusive) of the characters `_soft_breaks` asks about: a Chinese character (`_CJK`), a word
#: character (`_WORD`: Chinese, ASCII and full-width digits and letters) and a spacing gap (`_GAP`). The expressions
#: and `normalise_many`'s array tests are both built from them.
_CJK_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
_WORD_RANGES = (*_CJK_RANGES, (0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0xFF10, 0xFF19), (0xFF21, 0xFF3A),
                (0xFF41, 0xFF5A))
_GAP_RANGES = ((0x20, 0x20), (0x3000, 0x3000), (0xA0, 0xA0))


def _class_of(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                                    for a, b in ranges) + "]")


_WORD = _class_of(_WORD_RANGES)
_CJK = _class_of(_CJK_RANGES)
_GAP = _class_of(_GAP_RANGES)


def _soft_breaks(text: str, index: list[int] | tuple[int, ...] | None) -> tuple[int, ...]:
    """Normalised offsets where a run of dropped characters with a space in it separates two words (see the module
    docstring): a pause in a chat line, treated as a clause boundary by the matcher."""
    if index is None or not _GAP.search(text):
        return ()
    out: list[int] = []
    for m in _DELETED_RUN.finditer(text):
        a, b = m.span()
        if a < 2 or b + 2 > len(text) or not _GAP.search(text, a, b):
            continue
        if not (_CJK.match(text, b) and _WORD.match(text, a - 1) and _WORD.match(text, a - 2) and _WORD.match(text, b + 1)):
            continue
        out.append(bisect_left(index, b))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Normalised:
    original: str
    text: str
    index: tuple[int, ...] | None  # None: identity mapping (no character was dropped)
    breaks: tuple[int, ...] = ()  # normalised offsets of spacing pauses between words (`_soft_breaks`)

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) for the normalised [start, end)."""
        if self.index is None:
            return start, end
        if end <= start:
            pos = self.index[start] if start < len(self.index) else len(self.original)
            return pos, pos
        return self.index[start], self.index[end - 1] + 1


def normalise(text: str) -> Normalised:
    """Return the normalised text with a map to the original offsets."""
    out = text.translate(_TABLE)
    if len(out) == len(text):
        return Normalised(text, out, None)
    index = list(range(len(text)))
    for m in reversed(list(_DELETED.finditer(text))):
        del index[m.start()]
    return Normalised(text, out, tuple(index), _soft_breaks(text, index))


def normalise_pattern(pattern: str) -> str:
    """Patterns are normalised the same way as messages, so data authors may write either form."""
    return pattern.translate(_TABLE)


_REGEX_META = frozenset(".^$*+?{}()|[]\\")
_CLASS_META = frozenset("]\\^-")


def normalise_regex(pattern: str) -> str:
    """A rule expression normalised like a message, its regex syntax left alone.

    `normalise_pattern` treats every character as text, which is right for word lists but not for expressions: it
    deletes `*` (a quantifier there), lower-cases `\\S` into `\\s`, and turns a full-width `？` or `（` that the author
    meant as a character into `?` or `(`, which are syntax. Here escapes and syntax characters are kept as written; every
    other character is mapped as in a message, and a mapped character that is syntax is escaped, so `好吗？` still
    matches the normalised message `好吗?` and nothing else."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and out[-1] not in ("[", "[^"):
                in_class = False
                out.append(ch)
            elif ch == "-":
                out.append(ch)
            else:
                mapped = ch.translate(_TABLE)
                out.append("".join("\\" + c if c in _CLASS_META else c for c in mapped))
            i += 1
            continue
        if ch == "[":
            in_class = True
            opener = "[^" if pattern.startswith("^", i + 1) else "["
            out.append(opener)
            i += len(opener)
            continue
        if ch in _REGEX_META:
            out.append(ch)
        else:
            out.append("".join("\\" + c if c in _REGEX_META else c for c in ch.translate(_TABLE)))
        i += 1
    return "".join(out)


def _dense_table() -> np.ndarray | None:
    """`_TABLE` as an array up to its highest code point (-1: deleted; code points beyond it stay as they
    are), or None if some entry is not one character."""
    import numpy as np

    dense = np.arange(max(_TABLE) + 1, dtype=np.int32)
    for cp, dst in _TABLE.items():
        if dst is None:
            dense[cp] = -1
        elif len(dst) == 1:
            dense[cp] = ord(dst)
        else:
            return None
    return dense


_DENSE: list[Any] = []


def normalise_many(texts: list[str]) -> list[Normalised]:
    """`normalise` of every text, with one array lookup for the whole list instead of one `str.translate`
    per text (same results: same table, same offset map)."""
    import numpy as np

    if not _DENSE:
        _DENSE.append(_dense_table())
    dense = _DENSE[0]
    if dense is None or len(texts) < 2:
        return [normalise(t) for t in texts]
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) != len(joined):  # pragma: no cover - defensive
        return [normalise(t) for t in texts]
    mapped = dense[np.minimum(codes, len(dense) - 1)]
    beyond = codes >= len(dense)
    if beyond.any():
        mapped[beyond] = codes[beyond]
    keep = mapped >= 0
    lens = [len(t) for t in texts]
    ends = np.cumsum(lens)
    kept_before = np.concatenate(([0], np.cumsum(keep)))  # kept characters before each offset
    out_ends = kept_before[ends].tolist()
    full = mapped[keep].astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    starts = [0, *ends[:-1].tolist()]
    out_starts = [0, *out_ends[:-1]]
    breaks = _soft_breaks_many(codes, keep, kept_before, np.asarray(starts), ends)
    result: list[Normalised] = []
    for k, (t, s, os_, oe) in enumerate(zip(texts, starts, out_starts, out_ends, strict=True)):
        norm_text = full[os_:oe]
        if len(norm_text) == len(t):
            result.append(Normalised(t, norm_text, None))
        else:
            index = tuple((np.flatnonzero(keep[s:s + len(t)])).tolist())
            result.append(Normalised(t, norm_text, index, breaks.get(k, ())))
    return result


def _in(cps: np.ndarray, ranges: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Whether each code point is in one of `ranges`."""
    out = (cps >= ranges[0][0]) & (cps <= ranges[0][1])
    for a, b in ranges[1:]:
        out |= (cps >= a) & (cps <= b)
    return out


def _soft_breaks_many(codes: np.ndarray, keep: np.ndarray, kept_before: np.ndarray, starts: np.ndarray,
                      ends: np.ndarray) -> dict[int, tuple[int, ...]]:
    """`_soft_breaks` of every text of `normalise_many` at once, from its arrays (the original code points of the
    joined texts, which are kept, and the kept ones before each offset): text number -> its breaks, for the texts
    that have any. The same runs and tests as `_soft_breaks` (a maximal run of dropped characters inside one text
    with a gap in it, at least two characters from the text's start and end, a Chinese character after it and word
    characters around it), as array operations on the few dropped characters instead of expressions on each text."""
    import numpy as np

    gone = np.flatnonzero(~keep)
    if not len(gone):
        return {}
    text = np.searchsorted(ends, gone, side="right")  # the text of each dropped character
    first = np.ones(len(gone), dtype=bool)  # where a run starts: not right after the previous one, or another text
    first[1:] = (gone[1:] != gone[:-1] + 1) | (text[1:] != text[:-1])
    run = np.flatnonzero(first)
    a = gone[run]
    b = gone[np.append(run[1:], len(gone)) - 1] + 1  # each run is [a, b) of the joined texts
    t = text[run]
    s = starts[t]
    gap = np.logical_or.reduceat(_in(codes[gone], _GAP_RANGES), run)
    ok = np.flatnonzero(gap & (a - s >= 2) & (b + 2 <= ends[t]))
    if not len(ok):
        return {}
    a, b, t, s = a[ok], b[ok], t[ok], s[ok]
    ok = np.flatnonzero(_in(codes[b], _CJK_RANGES) & _in(codes[a - 1], _WORD_RANGES) & _in(codes[a - 2], _WORD_RANGES)
                        & _in(codes[b + 1], _WORD_RANGES))
    out: dict[int, list[int]] = {}
    # the normalised offset of b: the characters of its text kept before it (`bisect_left(index, b)`)
    for k, off in zip(t[ok].tolist(), (kept_before[b[ok]] - kept_before[s[ok]]).tolist(), strict=True):
        out.setdefault(k, []).append(off)
    return {k: tuple(v) for k, v in out.items()}


#: A web address in normalised text (lower case, half-width, no spaces): a scheme or www., or a host with a common
#: top-level domain, and its path.
_URL = re.compile(r"(?:https?://|www\.)[a-z0-9./?=&%#_~:+@-]*"
                  r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|net|cc|top|xyz|vip|org|me|io|co|ltd|shop|site)"
                  r"(?![a-z0-9])(?:/[a-z0-9./?=&%#_~:+@-]*)?")
#: A cheap test that `_URL` can match (its scheme, www. or a top-level domain), searched first.
_URL_HINT = re.compile(r"https?:|www\.|\.(?:cn|com|net|cc|top|xyz|vip|org|me|io|co|ltd|shop|site)(?![a-z0-9])")
#: What the veto's classifier reads in place of each character of a web address: a character in no vocabulary gram.
URL_MASK = "\uffff"


def veto_text(text: str) -> str:
    """The normalised text as the corroboration veto's classifier reads it: every character of a web address
    replaced by URL_MASK (same length); the text itself (the same object) when it has none. The classifier divides
    its sum by the square root of the number of distinct grams, and links correlate with notices, so a link after a
    threat pulled the threat's category below the veto ("再不还钱就上门 https://t.cn/abc123": unlawful_visit 0.22
    against 0.73 without the link). Only the veto reads it: the classifier's own findings keep the link, which is
    evidence of a phishing notice (masking it there lost two true impersonation labels on the read sets)."""
    if "." not in text or _URL_HINT.search(text) is None:
        return text
    return _URL.sub(_mask, text)


def _mask(m: re.Match[str]) -> str:
    return URL_MASK * (m.end() - m.start())
