"""Inference helpers of the classifier used by the chunked path give the per-message path's exact arrays:
`ChunkFeatures.features` with and without the per-order runs, the key table, `weights_t`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from xiezhi.collection.model import ChunkFeatures, build_key_table, chunk_features, load_model
from xiezhi.collection.normalize import normalise

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    TEXTS = [normalise(json.loads(line)["text"]).text for line in _f][:400]


def test_features_by_runs_equal_features_by_argsort_and_per_message() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    texts = [*TEXTS[:150], "", "你", "再不还钱就去你家"]
    chunk = chunk_features(m, texts)
    assert chunk._parts is not None
    plain = ChunkFeatures(chunk.logits, chunk._who, chunk._rows, chunk._local)  # no runs: argsort path
    for i, t in enumerate(texts):
        a, b = chunk.features(i), plain.features(i)
        for x, y in ((a.rows, b.rows), (a.occ_rows, b.occ_rows), (a.occ_starts, b.occ_starts)):
            assert np.array_equal(x, y) and x.dtype == y.dtype
        if t:
            want = m.features(t)
            assert np.array_equal(a.occ_rows, want.occ_rows) and np.array_equal(a.occ_starts, want.occ_starts)
            assert np.array_equal(m.logits(a), m.logits(want))


def test_weights_t_and_clause_scores() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    assert np.array_equal(m.weights_t, m.weights.T) and m.weights_t.flags.c_contiguous
    for t in TEXTS[:50]:
        f = m.features(t)
        for col, cat in enumerate(m.categories):
            starts = [0, len(t) // 2]
            old = np.bincount(np.searchsorted(np.asarray(starts), f.occ_starts, side="right") - 1,
                              weights=m.weights[f.occ_rows, col], minlength=2) if len(f.occ_rows) else np.zeros(2)
            assert np.array_equal(m.clause_scores(f, cat, starts), old)


def test_key_table_slots_lookup_equals_plain_lookup() -> None:
    rng = np.random.default_rng(5)
    keys = np.unique(rng.integers(1, 2**62, 3000, dtype=np.int64))
    rows = np.arange(len(keys), dtype=np.int64)
    table = build_key_table(keys, rows)
    q = np.concatenate([keys, rng.integers(1, 2**62, 3000, dtype=np.int64)])
    got = table.lookup(q)
    want = np.array([int(np.searchsorted(keys, x)) if x in set(keys.tolist()) else -1 for x in q.tolist()])
    assert np.array_equal(got, want)
    bare = type(table)(table.keys, table.rows, table.shift)  # no slots: built on the fly, same answer
    assert np.array_equal(bare.lookup(q), got)


def test_keys_of_equals_key_of() -> None:
    from xiezhi.collection.model import key_of, keys_of

    m = load_model()
    vocab = list(m.vocab) if m is not None else []
    extra = ["a", "你", "你好", "再不还", "去你家门", "𠀀", "𠀀𠀁", "𠀀𠀁𠀂", "𠀀𠀁𠀂𠀃", "\U0010fffd我们他", "ab", "abc", "abcd"]
    grams = vocab + extra
    assert keys_of(grams).tolist() == [key_of(g) for g in grams]
    assert keys_of([]).tolist() == []
