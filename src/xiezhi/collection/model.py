"""A small statistical classifier beside the rules: character 1–4-gram features of the normalised text,
one-vs-rest logistic regression (numpy), trained reproducibly from the labelled dev sets by
scripts/build_check_model.py into data/collection/model/ (weights.npy, model.json). It only adds categories
the rules missed, only for categories decidable from text, and each of its findings carries the clause that
drove it.

Speed: a gram is packed into one 64-bit integer (21 bits per code point), so the grams of a message are
computed with a few numpy operations and looked up in the sorted vocabulary keys with `searchsorted`;
no Python loop runs per character. `logits_many` does the same for a whole chunk of messages in one
numpy pass, with a two-choice (cuckoo) hash table built at load time instead of `searchsorted`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

MODEL_DIR = Path(str(resources.files("xiezhi"))) / "data" / "collection" / "model"
#: Categories the model may add: decidable from the words alone (no time, count or recipient needed).
TEXT_CATEGORIES = (
    "violence_threat", "intimidation", "insult_defamation", "privacy_exposure", "impersonation",
    "false_legal_threat", "unlawful_visit", "illegal_fee", "forced_borrowing", "credit_repair_scam",
)
NGRAMS = (1, 2, 3, 4)
_BITS = 21  # every Unicode code point fits in 21 bits; three of them in 63
_SIGN = np.int64(-(2**63))


def _codes(text: str) -> np.ndarray:
    # No offset needed: a real character is never U+0000, so an n-gram key is >= 2**(21*(n-1)) and the
    # 1-, 2- and 3-gram key ranges are disjoint.
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def gram_keys(text: str, orders: tuple[int, ...] = NGRAMS) -> np.ndarray:
    """Distinct gram keys of `text` (sorted). A 4-gram is keyed by its first three characters' key mixed
    with the fourth (a 64-bit hash; collisions among a few thousand grams are negligible)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    c = _codes(text)
    parts = []
    k2 = c[:-1] | (c[1:] << _BITS) if len(c) > 1 else None
    k3 = k2[:-1] | (c[2:] << (2 * _BITS)) if len(c) > 2 else None
    for n in orders:
        if n == 1:
            parts.append(c)
        elif n == 2 and k2 is not None:
            parts.append(k2)
        elif n == 3 and k3 is not None:
            parts.append(k3)
        elif n == 4 and len(c) > 3:
            assert k3 is not None
            parts.append(((k3[:-1] * 1_000_003) ^ c[3:]) | _SIGN)  # sign bit set: disjoint from 1-3-gram keys
    if not parts:
        return np.zeros(0, dtype=np.int64)
    q = np.concatenate(parts)
    q.sort()  # distinct keys by sort + neighbour comparison (cheaper than np.unique on short arrays)
    keep = np.empty(len(q), dtype=bool)
    keep[0] = True
    np.not_equal(q[1:], q[:-1], out=keep[1:])
    return q[keep]


@dataclass(frozen=True, slots=True)
class Features:
    """The vocabulary grams of one text: weight rows of the distinct grams, and per occurrence the row and
    start offset (for the evidence clause)."""

    rows: np.ndarray  # distinct weight rows
    occ_rows: np.ndarray  # weight row of each gram occurrence found in the vocabulary
    occ_starts: np.ndarray  # its start offset in the text


def _occurrences(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Keys and start offsets of every 1–4-gram occurrence (not deduplicated)."""
    c = _codes(text)
    n = len(c)
    keys = [c]
    starts = [np.arange(n)]
    if n > 1:
        k2 = c[:-1] | (c[1:] << _BITS)
        keys.append(k2)
        starts.append(starts[0][:-1])
        if n > 2:
            k3 = k2[:-1] | (c[2:] << (2 * _BITS))
            keys.append(k3)
            starts.append(starts[0][:-2])
            if n > 3:
                keys.append(((k3[:-1] * 1_000_003) ^ c[3:]) | _SIGN)
                starts.append(starts[0][:-3])
    return np.concatenate(keys), np.concatenate(starts)


def key_of(gram: str) -> int:
    return int(gram_keys(gram, (len(gram),))[0])


def keys_of(grams: list[str]) -> np.ndarray:
    """`key_of` of every gram at once (the same values: the same packing and the same int64 arithmetic, one
    numpy pass per gram length instead of one per gram; loading the model no longer takes ~0.4 s)."""
    out = np.zeros(len(grams), dtype=np.int64)
    by_len: dict[int, list[int]] = {}
    for i, g in enumerate(grams):
        by_len.setdefault(len(g), []).append(i)
    for n, idx in by_len.items():
        sel = [grams[i] for i in idx]
        try:
            c = np.frombuffer("".join(sel).encode("utf-32-le"), dtype=np.uint32).astype(np.int64).reshape(-1, n)
        except (UnicodeEncodeError, ValueError):  # pragma: no cover - a surrogate or an empty gram: one by one
            out[idx] = [key_of(g) if g else 0 for g in sel]
            continue
        if n == 1:
            k = c[:, 0]
        elif n == 2:
            k = c[:, 0] | (c[:, 1] << _BITS)
        else:
            k = c[:, 0] | (c[:, 1] << _BITS) | (c[:, 2] << (2 * _BITS))
            if n == 4:
                k = ((k * 1_000_003) ^ c[:, 3]) | _SIGN
            elif n > 4:  # pragma: no cover - the vocabulary holds 1-4-grams
                k = np.array([key_of(g) for g in sel], dtype=np.int64)
        out[idx] = k
    return out


def grams(text: str) -> list[str]:
    """The gram strings (for the vocabulary file and tests)."""
    out: list[str] = []
    n = len(text)
    for k in NGRAMS:
        out.extend(text[i:i + k] for i in range(n - k + 1))
    return out


@dataclass(frozen=True)
class Model:
    """The classifier. Linear: logits = x weights / sqrt(n) + bias (x: the text's distinct vocabulary grams).
    With a hidden layer (`head` set): `weights` and `bias` are the first layer (features x hidden units), and
    logits = relu(x weights / sqrt(n) + bias) head + head_bias; the gram lookups and the row sums are the same."""

    vocab: dict[str, int]
    categories: tuple[str, ...]
    weights: np.ndarray  # (features, categories), or (features, hidden units) with a head
    bias: np.ndarray  # (categories,), or (hidden units,)
    threshold: float  # the default / lowest threshold
    thresholds: dict[str, float] = field(default_factory=dict)  # per category, chosen by cross-validation
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # sorted vocabulary keys
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # weight row of each key
    head: np.ndarray | None = None  # (hidden units, categories): the output layer, None for the linear model
    head_bias: np.ndarray | None = None  # (categories,)

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.vocab):
            ks = keys_of(list(self.vocab))
            rs = np.array(list(self.vocab.values()), dtype=np.int64)
            order = np.argsort(ks, kind="stable")
            object.__setattr__(self, "keys", ks[order])
            object.__setattr__(self, "rows", rs[order])

    @property
    def logit_limits(self) -> np.ndarray:
        """Per-category thresholds on the logit scale, computed once."""
        got = self.__dict__.get("_logit_limits")
        if got is None:
            p = np.clip(np.array([self.limit(c) for c in self.categories], dtype=np.float64), 1e-6, 1 - 1e-6)
            got = np.log(p / (1 - p)).astype(np.float32)
            self.__dict__["_logit_limits"] = got
        return got

    @property
    def columns(self) -> dict[str, int]:
        """Column of each category in the logits, computed once."""
        got = self.__dict__.get("_columns")
        if got is None:
            got = self.__dict__["_columns"] = {c: i for i, c in enumerate(self.categories)}
        return got

    @property
    def weights_t(self) -> np.ndarray:
        """The weights one category per row (contiguous): a category's weights of many grams in one gather
        (the same float32 values as `weights[rows, col]`)."""
        got = self.__dict__.get("_weights_t")
        if got is None:
            got = self.__dict__["_weights_t"] = np.ascontiguousarray(self.weights.T)
        return got

    @property
    def table(self) -> KeyTable:
        """The vocabulary keys in a hash table (for `chunk_logits`), built once."""
        got = self.__dict__.get("_table")
        if got is None:
            got = build_key_table(self.keys, self.rows)
            self.__dict__["_table"] = got
        return got

    @property
    def chunk_tables(self) -> ChunkTables:
        got = self.__dict__.get("_chunk_tables")
        if got is None:
            got = build_chunk_tables(self)
            self.__dict__["_chunk_tables"] = got
        return got

    def limit(self, category: str) -> float:
        return self.thresholds.get(category, self.threshold)

    def indices(self, text: str) -> np.ndarray:
        """Weight rows of the distinct vocabulary grams in `text` (the training features)."""
        q = gram_keys(text)
        if not len(q) or not len(self.keys):
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.keys, q)
        pos[pos == len(self.keys)] = 0
        hit = self.keys[pos] == q
        return self.rows[pos[hit]]

    def features(self, text: str) -> Features:
        """One pass over the text: every gram occurrence looked up in the sorted vocabulary keys."""
        empty = np.zeros(0, dtype=np.int64)
        if not text or not len(self.keys):
            return Features(empty, empty, empty)
        q, starts = _occurrences(text)
        pos = np.searchsorted(self.keys, q)
        pos[pos == len(self.keys)] = 0
        hit = self.keys[pos] == q
        occ = self.rows[pos[hit]]
        rows = np.sort(occ)  # (row order is not key order)
        if len(rows) > 1:
            keep = np.empty(len(rows), dtype=bool)
            keep[0] = True
            np.not_equal(rows[1:], rows[:-1], out=keep[1:])
            rows = rows[keep]
        return Features(rows, occ, starts[hit])

    def first_layer(self, text: str | Features) -> np.ndarray:
        """x weights / sqrt(n) + bias: the logits of the linear model, the hidden pre-activations of the other."""
        idx = (self.features(text) if isinstance(text, str) else text).rows
        if len(idx):
            # np.take: the same rows as self.weights[idx] (same sum), gathered several times faster
            return np.take(self.weights, idx, axis=0).sum(axis=0) / np.sqrt(len(idx)) + self.bias
        return self.bias

    def output(self, pre: np.ndarray) -> np.ndarray:
        """Logits from `first_layer`'s values (one text, or one row per text): the hidden layer's ReLU and head in
        float64, or the values themselves for the linear model."""
        if self.head is None:
            return pre
        assert self.head_bias is not None
        return np.maximum(np.asarray(pre, dtype=np.float64), 0.0) @ self.head64 + self.head_bias64

    @property
    def head64(self) -> np.ndarray:
        got = self.__dict__.get("_head64")
        if got is None:
            assert self.head is not None and self.head_bias is not None
            got = self.__dict__["_head64"] = np.asarray(self.head, dtype=np.float64)
            self.__dict__["_head_bias64"] = np.asarray(self.head_bias, dtype=np.float64)
        return got

    @property
    def head_bias64(self) -> np.ndarray:
        self.head64  # noqa: B018 - computes both
        return self.__dict__["_head_bias64"]

    def logits(self, text: str | Features) -> np.ndarray:
        return self.output(self.first_layer(text))

    def gram_weights(self, feats: Features, col: int) -> np.ndarray:
        """Each gram occurrence's weight toward category column `col` (for the evidence span). Linear: the gram's
        weight. Hidden layer: the gram's first-layer row times the head's column over the units this text
        activates, so that, with the activation pattern fixed, the logit is the sum of these weights over the
        distinct grams / sqrt(n) plus a constant: the same reading of "which words pushed toward the category"."""
        if self.head is None:
            return self.weights_t[col][feats.occ_rows]
        active = self.first_layer(feats) > 0
        v = np.where(active, self.head[:, col], 0.0).astype(np.float32)
        return np.take(self.weights, feats.occ_rows, axis=0) @ v

    def clause_scores(self, feats: Features, category: str, starts: list[int]) -> np.ndarray:
        """Summed weight toward `category` of the gram occurrences starting in each clause."""
        col = self.categories.index(category)
        if not len(feats.occ_rows):
            return np.zeros(len(starts))
        clause = np.searchsorted(np.asarray(starts), feats.occ_starts, side="right") - 1
        ok = clause >= 0
        return np.bincount(clause[ok], weights=self.gram_weights(feats, col)[ok], minlength=len(starts))

    def proba(self, text: str) -> dict[str, float]:
        p = 1.0 / (1.0 + np.exp(-self.logits(text)))
        return dict(zip(self.categories, p.tolist(), strict=True))

    def best_clause(self, text: str, category: str, bounds: list[tuple[int, int]]) -> tuple[int, int]:
        """The clause whose n-grams push hardest toward `category` (the evidence span)."""
        col = self.categories.index(category)
        if self.head is not None:
            feats = self.features(text)
            starts = [s for s, _ in bounds]
            return bounds[int(np.argmax(self.clause_scores(feats, category, starts)))]
        best, best_score = bounds[0], -1e9
        for s, e in bounds:
            idx = self.indices(text[s:e])
            score = float(self.weights[idx, col].sum()) if len(idx) else -1e9
            if score > best_score:
                best, best_score = (s, e), score
        return best


_H1 = np.uint64(0x9E3779B97F4A7C15)
_H2 = np.uint64(0xC2B2AE3D27D4EB4F)
#: Chunk logits differ from `Model.logits` only in float32 summation order (~1e-6); a category within this
#: margin of its limit is decided by the exact per-message path.
LOGIT_MARGIN = 1e-3


@dataclass(frozen=True, slots=True)
class KeyTable:
    """Vocabulary keys in a two-choice hash table: a key sits in slot h1(key) or h2(key), so a lookup is two
    gathers and two comparisons for any number of keys at once. Key 0 (never a gram key) marks a free slot."""

    keys: np.ndarray
    rows: np.ndarray
    shift: np.uint64
    #: (key, row) of each slot side by side: one gather fetches both (a third faster than two gathers)
    slots: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))

    def lookup(self, q: np.ndarray) -> np.ndarray:
        """Weight row of each key in `q` (int64), -1 where the key is not in the vocabulary."""
        u = q.view(np.uint64)
        slots = self.slots if len(self.slots) else np.stack([self.keys, self.rows], axis=1)
        h = ((u * _H1) >> self.shift).view(np.int64)
        e = np.take(slots, h, axis=0)
        r = np.where(e[:, 0] == q, e[:, 1], -1)
        h = ((u * _H2) >> self.shift).view(np.int64)
        e = np.take(slots, h, axis=0)
        return np.where(e[:, 0] == q, e[:, 1], r)


def build_key_table(keys: np.ndarray, rows: np.ndarray) -> KeyTable:
    bits = max(10, len(keys).bit_length() + 1)  # load factor <= 1/2 (two-choice cuckoo; a failed insertion grows it)
    while True:
        size = 1 << bits
        shift = np.uint64(64 - bits)
        u = keys.view(np.uint64)
        h1 = ((u * _H1) >> shift).astype(np.int64).tolist()
        h2 = ((u * _H2) >> shift).astype(np.int64).tolist()
        slot_key = [0] * size
        slot_row = [-1] * size
        ok = True
        for i, (k, r) in enumerate(zip(keys.tolist(), rows.tolist(), strict=True)):
            cur_k, cur_r, cur_i, slot = k, r, i, h1[i]
            for _ in range(64):
                if slot_key[slot] == 0:
                    slot_key[slot], slot_row[slot] = cur_k, cur_r
                    break
                slot_key[slot], cur_k = cur_k, slot_key[slot]
                slot_row[slot], cur_r = cur_r, slot_row[slot]
                cur_i = _index_of(keys, cur_k)
                slot = h2[cur_i] if slot == h1[cur_i] else h1[cur_i]
            else:
                ok = False
                break
        if ok:
            slots = np.stack([np.array(slot_key, dtype=np.int64), np.array(slot_row, dtype=np.int64)], axis=1)
            return KeyTable(slots[:, 0], slots[:, 1], shift, slots)  # keys and rows: views, no second copy
        bits += 1


def _index_of(sorted_keys: np.ndarray, key: int) -> int:
    return int(np.searchsorted(sorted_keys, key))


@dataclass(frozen=True, slots=True)
class ChunkTables:
    """What `chunk_logits` needs besides the hash table: the weight row of every 1-gram by code point, a
    separator character that occurs in no vocabulary gram, and whether the vocabulary is prefix-closed (every
    2- and 3-gram's prefix is in it too, as a frequency cut-off gives), which lets 2-grams be looked up only
    after a known character and 3-grams only after a known 2-gram."""

    unigram: np.ndarray  # int32 weight row per code point up to the highest 1-gram, -1 if none
    separator: str
    prefix_closed: bool


def build_chunk_tables(model: Model) -> ChunkTables:
    top = max((ord(g) for g in model.vocab if len(g) == 1), default=0)
    unigram = np.full(top + 2, -1, dtype=np.int32)  # the last slot (-1) stands for every higher code point
    chars: set[str] = set()
    for g, row in model.vocab.items():
        chars.update(g)
        if len(g) == 1:
            unigram[ord(g)] = row
    separator = next(ch for ch in ("\uffff", "\ufffe", "\U0010ffff", "\x01", *map(chr, range(0xE000, 0xF900)))
                     if ch not in chars)
    closed = all(g[:-1] in model.vocab for g in model.vocab if len(g) in (2, 3))
    return ChunkTables(unigram, separator, closed)


def chunk_logits(model: Model, texts: list[str]) -> np.ndarray:
    """See `chunk_features`; the logits only."""
    return chunk_features(model, texts).logits


def chunk_features(model: Model, texts: list[str]) -> ChunkFeatures:
    """Logits of many normalised texts at once, shape (len(texts), categories): the texts joined by a
    separator no vocabulary gram contains (so no gram across two texts is ever found), every 1–4-gram of the
    chunk looked up at once (1-grams by code point, longer ones in the hash table), deduplicated per text,
    summed per text. Equal to `model.logits(text)` up to float32 summation order (see LOGIT_MARGIN)."""
    n_txt = len(texts)
    out = np.empty((n_txt, model.weights.shape[1]), dtype=np.float64)
    out[:] = model.bias
    none = np.zeros(0, dtype=np.int64)
    if not n_txt or not len(model.keys):
        return ChunkFeatures(model.output(out), none, none, none)
    tabs = model.chunk_tables
    c = _codes(tabs.separator.join(texts))
    n = len(c)
    r1 = tabs.unigram[np.minimum(c, len(tabs.unigram) - 1)]
    pos1 = np.flatnonzero(r1 >= 0)
    pos = [pos1]
    rows = [r1[pos1].astype(np.int64)]
    table = model.table
    if n > 1:
        p2 = pos1[pos1 < n - 1] if tabs.prefix_closed else np.arange(n - 1)
        k2 = c[p2] | (c[p2 + 1] << _BITS)
        r2 = table.lookup(k2)
        ok = r2 >= 0
        pos.append(p2[ok])
        rows.append(r2[ok])
        if n > 2:
            if tabs.prefix_closed:
                p3 = p2[ok]
                p3 = p3[p3 < n - 2]
                k3 = (c[p3] | (c[p3 + 1] << _BITS)) | (c[p3 + 2] << (2 * _BITS))
            else:
                p3 = np.arange(n - 2)
                k3 = k2[:-1] | (c[2:] << (2 * _BITS))
            r3 = table.lookup(k3)
            ok = r3 >= 0
            pos.append(p3[ok])
            rows.append(r3[ok])
            if n > 3:  # every position: a 4-gram key is a hash, so no prefix test is exact for it
                k3_all = (c[:-3] | (c[1:-2] << _BITS)) | (c[2:-1] << (2 * _BITS))
                r4 = table.lookup(((k3_all * 1_000_003) ^ c[3:]) | _SIGN)
                p4 = np.flatnonzero(r4 >= 0)
                pos.append(p4)
                rows.append(r4[p4])
    hit_pos = np.concatenate(pos)
    if not len(hit_pos):
        return ChunkFeatures(model.output(out), hit_pos, hit_pos, hit_pos)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n_txt)
    starts = np.cumsum(lens + 1) - lens - 1  # each text is followed by the separator
    text_of = np.repeat(np.arange(n_txt, dtype=np.int64), lens + 1)  # the text of each joined offset
    who_hit = text_of[hit_pos]
    hit_rows = np.concatenate(rows)
    vocab = len(model.keys)
    # distinct (text, row) pairs: sorted, neighbours compared (32-bit keys sort twice as fast when they fit)
    pair = who_hit * vocab + hit_rows
    if n_txt * vocab < 2**31:
        pair = pair.astype(np.int32)
    pair.sort()
    keep = np.empty(len(pair), dtype=bool)
    keep[0] = True
    np.not_equal(pair[1:], pair[:-1], out=keep[1:])
    pair = pair[keep]
    who = pair // vocab
    counts = np.bincount(who, minlength=n_txt)
    has = counts > 0
    seg = np.concatenate(([0], np.cumsum(counts)[:-1]))[has]
    # np.take gathers whole rows far faster than fancy indexing; same float32 values, summed in row order
    sums = np.add.reduceat(np.take(model.weights, pair - who * vocab, axis=0), seg, axis=0)
    out[has] = sums / np.sqrt(counts[has])[:, None] + model.bias
    return ChunkFeatures(model.output(out), who_hit, hit_rows, hit_pos - starts[who_hit], [len(p) for p in pos])


class ChunkFeatures:
    """Logits of a chunk (`logits`, one row per text) and, on demand, the exact `Features` of one text."""

    def __init__(self, logits: np.ndarray, who: np.ndarray, rows: np.ndarray, local: np.ndarray,
                 parts: list[int] | None = None) -> None:
        self.logits = logits
        self._who, self._rows, self._local = who, rows, local
        #: lengths of the consecutive runs of occurrences (one per gram order), each ordered by position
        self._parts = parts
        self._order: np.ndarray | None = None
        self._bounds: np.ndarray | None = None
        self._bounds_list: list[list[int]] = []

    def _occurrences(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Weight rows and start offsets of text i's occurrences, by gram order, then by position."""
        n = len(self.logits)
        if self._parts is not None:
            if self._bounds is None:  # each run is sorted by text: its slice for every text by binary search
                edges = np.cumsum([0, *self._parts])
                self._bounds = np.stack([a + np.searchsorted(self._who[a:b], np.arange(n + 1))
                                         for a, b in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True)])
                self._bounds_list = self._bounds.T.tolist()
            lo, hi = self._bounds_list[i], self._bounds_list[i + 1]
            rows, local = self._rows, self._local
            if len(lo) == 1:
                return rows[lo[0]:hi[0]], local[lo[0]:hi[0]]
            return (np.concatenate([rows[a:b] for a, b in zip(lo, hi, strict=True)]),
                    np.concatenate([local[a:b] for a, b in zip(lo, hi, strict=True)]))
        if self._order is None:
            self._order = np.argsort(self._who, kind="stable")
            self._bounds = np.searchsorted(self._who[self._order], np.arange(n + 1))
        assert self._bounds is not None
        sel = self._order[self._bounds[i]:self._bounds[i + 1]]
        return self._rows[sel], self._local[sel]

    def features(self, i: int) -> Features:
        """What `Model.features` gives for text i: occurrences by gram order, then by position (the order of
        `_occurrences`), so the clause scores sum in the same order."""
        occ, local = self._occurrences(i)
        rows = np.sort(occ)
        if len(rows) > 1:
            keep = np.empty(len(rows), dtype=bool)
            keep[0] = True
            np.not_equal(rows[1:], rows[:-1], out=keep[1:])
            rows = rows[keep]
        return Features(rows, occ, local)


@lru_cache(maxsize=1)
def load_model(directory: str | None = None) -> Model | None:
    root = Path(directory) if directory else MODEL_DIR
    meta_path, w_path = root / "model.json", root / "weights.npy"
    if not (meta_path.exists() and w_path.exists()):
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    weights = np.load(w_path).astype(np.float32)
    vocab = {g: i for i, g in enumerate(meta["vocab"])}
    head = meta.get("head")
    return Model(vocab, tuple(meta["categories"]), weights, np.asarray(meta["bias"], dtype=np.float32),
                 float(meta["threshold"]), {k: float(v) for k, v in meta.get("thresholds", {}).items()},
                 head=None if head is None else np.asarray(head, dtype=np.float32),
                 head_bias=None if head is None else np.asarray(meta["head_bias"], dtype=np.float32))
