"""The literal patterns of the rules, found in a whole chunk of messages at once with numpy.

`Matcher.scan` walks an Aho-Corasick automaton over each message; per character that costs a search among
the root's many children. Here the chunk's texts are joined by a separator no pattern contains, every
position whose first two characters begin some pattern becomes a candidate (a two-character pattern found
there), the candidates where longer patterns begin are looked up again by their first three characters, and
only the patterns of that three-character group are compared with the text character by character, in a few
array operations (one-character patterns are one table lookup per character). Grouping by two characters
alone left ~5 patterns per candidate to compare, most failing at the third character. `LiteralScanner.find` gives every occurrence as arrays, ordered as the
automaton's `iter` yields them — by end position, longest first at the same end; `ChunkMatcher.hits` turns
them into the automaton's own lists, so `Matcher.scan` gives the same hits (tests/test_check_speed.py
compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from xiezhi.collection.engine import Matcher, get_matcher
from xiezhi.collection.model import _BITS, build_key_table

_SEPARATORS = ("\uffff", "\ufffe", "\x01", *map(chr, range(0xE000, 0xF900)))


class LiteralScanner:
    """Every occurrence of a fixed list of distinct non-empty strings in each text of a chunk."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = list(patterns)
        if len(set(self.patterns)) != len(self.patterns) or not all(self.patterns):
            raise ValueError("patterns must be distinct non-empty strings")
        chars = {ch for p in self.patterns for ch in p}
        self.separator = next(ch for ch in _SEPARATORS if ch not in chars)
        self.lengths = np.array([len(p) for p in self.patterns], dtype=np.int64)
        multi = sorted((p, i) for i, p in enumerate(self.patterns) if len(p) >= 2)
        self.width = max((len(p) for p, _ in multi), default=1)
        #: pattern index of each multi-character pattern, in sorted order (the patterns of a prefix are contiguous)
        self.multi_ids = np.array([i for _, i in multi], dtype=np.int64)
        self.multi_lengths = self.lengths[self.multi_ids] if multi else np.zeros(0, dtype=np.int64)
        codes = np.full((len(multi), max(self.width, 3)), -1, dtype=np.int64)
        for row, (p, _) in enumerate(multi):
            codes[row, :len(p)] = [ord(ch) for ch in p]
        self.codes = codes
        self.table = None
        self.table3 = None
        if multi:
            # the first two characters of every multi-character pattern: a two-character pattern itself (`exact2`,
            # its row, -1 if none) and whether longer ones start with them (`more2`)
            prefix = codes[:, 0] | (codes[:, 1] << _BITS)
            keys, first = np.unique(prefix, return_index=True)
            self.exact2 = np.where(self.multi_lengths[first] == 2, first, -1).astype(np.int64)
            self.more2 = np.zeros(len(keys), dtype=bool)
            self.more2[np.searchsorted(keys, prefix[self.multi_lengths > 2])] = True
            self.table = build_key_table(keys, np.arange(len(keys), dtype=np.int64))
            # the first three characters of the longer ones: their rows (contiguous, in sorted order)
            longer = np.flatnonzero(self.multi_lengths > 2)
            if len(longer):
                prefix3 = prefix[longer] | (codes[longer, 2] << (2 * _BITS))
                keys3, first3, count3 = np.unique(prefix3, return_index=True, return_counts=True)
                self.group3_first = longer[first3].astype(np.int64)
                self.group3_count = count3.astype(np.int64)
                self.table3 = build_key_table(keys3, np.arange(len(keys3), dtype=np.int64))
        singles = [(ord(p), i) for i, p in enumerate(self.patterns) if len(p) == 1]
        top = max((cp for cp, _ in singles), default=0)
        #: pattern index of each one-character pattern by code point (the last slot, -1, for every higher one)
        self.single = np.full(top + 2, -1, dtype=np.int64)
        for cp, i in singles:
            self.single[cp] = i
        self.has_single = bool(singles)

    def find_all(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every occurrence, unordered: (start offset in the joined chunk, pattern index) and the offset of
        each text in the joined chunk (texts joined by `separator`). A multi-character pattern is found from its
        first two characters (one hash lookup per position), then, for a longer one, its first three (one lookup
        per position where two match), then its other characters compared one by one."""
        empty = np.zeros(0, dtype=np.int64)
        sep = self.separator
        joined = sep.join(texts) + sep * self.width
        c = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        text_lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = np.cumsum(text_lens + 1) - text_lens - 1
        found_pos: list[np.ndarray] = []
        found_pid: list[np.ndarray] = []
        if self.has_single:
            sid = self.single[np.minimum(c, len(self.single) - 1)]
            pos1 = np.flatnonzero(sid >= 0)
            found_pos.append(pos1)
            found_pid.append(sid[pos1])
        if self.table is not None and len(c) >= 2:
            group = self.table.lookup(c[:-1] | (c[1:] << _BITS))
            cand = np.flatnonzero(group >= 0)
            if len(cand):
                g = group[cand]
                row2 = self.exact2[g]
                two = row2 >= 0
                pos, row = cand[two], row2[two]
                if self.table3 is not None:
                    # a candidate is followed by a pattern character (the chunk ends in `width` separators), so
                    # cand + 2 is inside the chunk
                    c3 = cand[self.more2[g]]
                    g3 = self.table3.lookup(c[c3] | (c[c3 + 1] << _BITS) | (c[c3 + 2] << (2 * _BITS)))
                    hit = np.flatnonzero(g3 >= 0)
                    if len(hit):
                        g3 = g3[hit]
                        n = self.group3_count[g3]
                        pos3 = np.repeat(c3[hit], n)  # one row per (position, pattern of its three-character group)
                        row3 = np.repeat(self.group3_first[g3] - np.cumsum(n) + n, n) + np.arange(int(n.sum()))
                        lens = self.multi_lengths[row3]
                        ok = np.ones(len(row3), dtype=bool)
                        for j in range(3, self.width):
                            need = ok & (lens > j)
                            if not need.any():
                                break
                            idx = np.flatnonzero(need)
                            ok[idx] = c[pos3[idx] + j] == self.codes[row3[idx], j]
                        pos3, row3 = pos3[ok], row3[ok]
                        if len(pos):  # by position, then row (a two-character pattern sorts before the longer
                            # ones it begins, and each position's longer ones are one three-character group, in order)
                            pos, row = np.concatenate((pos, pos3)), np.concatenate((row, row3))
                            order = np.argsort(pos, kind="stable")
                            pos, row = pos[order], row[order]
                        else:
                            pos, row = pos3, row3
                found_pos.append(pos)
                found_pid.append(self.multi_ids[row])
        if not found_pos:
            return empty, empty, starts
        if len(found_pos) == 1:
            return found_pos[0], found_pid[0], starts
        return np.concatenate(found_pos), np.concatenate(found_pid), starts

    def order(self, pos: np.ndarray, pid: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Occurrences from `find_all` as (text index, end offset in that text, pattern index), ordered by text,
        then end offset, longest pattern first at the same end (the order of `ahocorasick.Automaton.iter`)."""
        lens = self.lengths[pid]
        end = pos + lens - 1
        order = np.lexsort((-lens, end))
        end, pid = end[order], pid[order]
        who = np.searchsorted(starts, end, side="right") - 1
        return who, end - starts[who], pid

    def find(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(text index, end offset in that text, pattern index) of every occurrence, in automaton order."""
        return self.order(*self.find_all(texts))


class ChunkMatcher:
    """The automaton's literal hits of every text of a chunk (see `LiteralScanner`)."""

    def __init__(self, matcher: Matcher) -> None:
        items: list[tuple[str, Any]] = sorted(matcher.automaton.items())
        self.payloads = [v for _, v in items]
        self.scanner = LiteralScanner([k for k, _ in items]) if items else None
        self.separator = self.scanner.separator if self.scanner is not None else _SEPARATORS[0]

    def hits(self, texts: list[str]) -> list[list[tuple[int, Any]]]:
        """Per text, what `automaton.iter(text)` yields, as a list."""
        out: list[list[tuple[int, Any]]] = [[] for _ in texts]
        if self.scanner is None:
            return out
        who, end, pid = self.scanner.find(texts)
        payloads = self.payloads
        for w, e, p in zip(who.tolist(), end.tolist(), pid.tolist(), strict=True):
            out[w].append((e, payloads[p]))
        return out


@lru_cache(maxsize=2)
def get_chunk_matcher(directory: str | None = None) -> ChunkMatcher:
    # get_matcher() and get_matcher(None) are two lru_cache entries: the same call as everyone else's
    return ChunkMatcher(get_matcher(directory) if directory is not None else get_matcher())
