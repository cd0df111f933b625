"""The literal patterns of the rules, found in a whole chunk of messages at once with numpy.

`Matcher.scan` walks an Aho-Corasick automaton over each message; per character that costs a search among
the root's many children. Here the chunk's texts are joined by a separator no pattern contains, every
position whose first two characters begin some pattern becomes a candidate, and the candidates are
compared with those patterns character by character in a few array operations. The result per message is
the list the automaton's `iter` yields — (index of the last character, payload), by end position, longest
first at the same end — so `Matcher.scan` gives the same hits (tests/test_check_speed.py compares them).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from xiezhi.collection.engine import Matcher, get_matcher
from xiezhi.collection.model import _BITS, build_key_table

_SEPARATORS = ("\uffff", "\ufffe", "\x01", *map(chr, range(0xE000, 0xF900)))


class ChunkMatcher:
    def __init__(self, matcher: Matcher) -> None:
        items: list[tuple[str, Any]] = sorted(matcher.automaton.items())
        #: a one-character pattern (or none at all): keep walking the automaton, message by message
        self.automaton = matcher.automaton if not items or min(len(k) for k, _ in items) < 2 else None
        if self.automaton is not None:
            return
        chars = {ch for k, _ in items for ch in k}
        self.separator = next(ch for ch in _SEPARATORS if ch not in chars)
        self.payloads = [v for _, v in items]
        self.lengths = np.array([len(k) for k, _ in items], dtype=np.int64)
        self.width = int(self.lengths.max())
        codes = np.full((len(items), self.width), -1, dtype=np.int64)
        for i, (k, _) in enumerate(items):
            codes[i, :len(k)] = [ord(ch) for ch in k]
        self.codes = codes
        # patterns grouped by their first two characters (items are sorted, so each group is contiguous)
        prefix = codes[:, 0] | (codes[:, 1] << _BITS)
        keys, first, count = np.unique(prefix, return_index=True, return_counts=True)
        self.group_first = first.astype(np.int64)
        self.group_count = count.astype(np.int64)
        self.table = build_key_table(keys, np.arange(len(keys), dtype=np.int64))

    def hits(self, texts: list[str]) -> list[list[tuple[int, Any]]]:
        """Per text, what `automaton.iter(text)` yields, as a list."""
        if self.automaton is not None:
            return [list(self.automaton.iter(t)) for t in texts]
        sep = self.separator
        joined = sep.join(texts) + sep * self.width
        c = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        out: list[list[tuple[int, Any]]] = [[] for _ in texts]
        if len(c) < 2:
            return out
        group = self.table.lookup(c[:-1] | (c[1:] << _BITS))
        cand = np.flatnonzero(group >= 0)
        if not len(cand):
            return out
        g = group[cand]
        n = self.group_count[g]
        pos = np.repeat(cand, n)  # one row per (candidate position, pattern of its group)
        pid = np.repeat(self.group_first[g] - np.cumsum(n) + n, n) + np.arange(int(n.sum()))
        lens = self.lengths[pid]
        ok = np.ones(len(pid), dtype=bool)
        for j in range(2, self.width):
            need = ok & (lens > j)
            if not need.any():
                break
            idx = np.flatnonzero(need)
            ok[idx] = c[pos[idx] + j] == self.codes[pid[idx], j]
        pos, pid, lens = pos[ok], pid[ok], lens[ok]
        if not len(pos):
            return out
        end = pos + lens - 1
        order = np.lexsort((-lens, end))
        end, pid = end[order], pid[order]
        text_lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        starts = np.cumsum(text_lens + 1) - text_lens - 1
        who = np.searchsorted(starts, end, side="right") - 1
        local = (end - starts[who]).tolist()
        payloads = self.payloads
        for w, e, p in zip(who.tolist(), local, pid.tolist(), strict=True):
            out[w].append((e, payloads[p]))
        return out


@lru_cache(maxsize=2)
def get_chunk_matcher(directory: str | None = None) -> ChunkMatcher:
    return ChunkMatcher(get_matcher(directory))
