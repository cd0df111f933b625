"""The veto's probabilities on the chunked path (`collection/probs.py`): a comparison decided from the chunk
logits' bracket gives the exact comparison's answer for any threshold, per category or not, and the chunked
output equals `analyze` whatever RULE_VETO_BELOW is."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from xiezhi.collection import analyze
from xiezhi.collection import check as check_mod
from xiezhi.collection.fast import analyze_many_json
from xiezhi.collection.model import LOGIT_MARGIN, chunk_features, load_model
from xiezhi.collection.normalize import normalise
from xiezhi.collection.probs import CategoryProbs, _sigmoid

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    TEXTS = [json.loads(line)["text"] for line in _f]


def _exact_probs(m, text: str) -> list[float]:
    z = m.logits(m.features(text))
    return (1.0 / (1.0 + np.exp(-z))).tolist()


def test_bracketed_comparisons_equal_exact_ones_for_any_threshold() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    texts = [t for t in (normalise(x).text for x in TEXTS[:256]) if t]
    chunk = chunk_features(m, texts)
    exact = [_exact_probs(m, t) for t in texts]
    # thresholds: fixed values, and the exact probabilities themselves and their neighbours (the fallback)
    pool = [1e-9, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 1 - 1e-9, 0.0, 1.0]
    pool += [p for row in exact[:20] for p in row]
    pool += [np.nextafter(p, 1.0) for row in exact[:20] for p in row[:3]]
    pool += [np.nextafter(p, 0.0) for row in exact[:20] for p in row[:3]]
    calls = 0
    for i, t in enumerate(texts):
        def logits(t: str = t) -> np.ndarray:
            nonlocal calls
            calls += 1
            return m.logits(m.features(t))

        probs = CategoryProbs(m.columns, logits, chunk.logits[i])
        per_cat = {c: pool[(i * 7 + k) % len(pool)] for k, c in enumerate(m.categories)}  # per-category thresholds
        for c, col in m.columns.items():
            p = exact[i][col]
            for th in (*pool[:10], per_cat[c], p):
                assert (probs[c] >= th) == (p >= th) and (probs[c] < th) == (p < th), (t, c, th)
                assert (probs[c] > th) == (p > th) and (probs[c] <= th) == (p <= th), (t, c, th)
                assert (th <= probs[c]) == (th <= p)  # reflected comparison
        assert calls == 1  # a threshold equal to a probability sits inside the bracket: exact path, once
        assert float(probs[m.categories[0]]) == exact[i][0]
        assert probs[m.categories[0]] == exact[i][0]
        assert probs[m.categories[0]] != exact[i][0] + 1 and probs[m.categories[0]] == probs[m.categories[0]]
        calls = 0
    quick = CategoryProbs(m.columns, lambda: pytest.fail("exact path taken"), chunk.logits[0])  # type: ignore[arg-type]
    far = [c for c in m.categories if abs(exact[0][m.columns[c]] - 0.5) > 0.01]
    assert far and [quick[c] >= 0.5 for c in far] == [exact[0][m.columns[c]] >= 0.5 for c in far]
    assert m.categories[0] in quick and "compliant" not in quick and len(quick) == len(m.categories)


def test_sigmoid_equals_numpys_and_brackets_hold() -> None:
    z = np.array([-800.0, -745.0, -710.0, -700.0, -40.0, -2.944, -1e-9, 0.0, 1e-9, 3.0, 36.0, 40.0, 800.0])
    with np.errstate(over="ignore"):
        want = (1.0 / (1.0 + np.exp(-z))).tolist()
    got = [_sigmoid(x) for x in z.tolist()]
    assert np.allclose(got, want, rtol=1e-15, atol=0)
    assert got == sorted(got)
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    texts = [t for t in (normalise(x).text for x in TEXTS[:128]) if t]
    chunk = chunk_features(m, texts)
    for i, t in enumerate(texts):
        probs = CategoryProbs(m.columns, lambda t=t: m.logits(m.features(t)), chunk.logits[i])
        for col, p in enumerate(probs.exact()):
            lo, hi = probs.bracket(col)  # type: ignore[misc]
            assert lo <= p <= hi
    assert CategoryProbs(m.columns, lambda: m.bias, None, LOGIT_MARGIN).bracket(0) is None


@pytest.mark.parametrize("below", [0.01, 0.3, 0.7, 0.97])
def test_chunked_path_equals_analyze_for_other_veto_thresholds(monkeypatch: pytest.MonkeyPatch, below: float) -> None:
    monkeypatch.setattr(check_mod, "RULE_VETO_BELOW", below)
    texts = [*TEXTS[::2], "再不还钱就去你家堵门", "你是老赖，全村都知道", ""]
    ids = [f"v{i}" for i in range(len(texts))]
    want = [analyze(t, None, id=i).model_dump_json() for t, i in zip(texts, ids, strict=True)]
    got = analyze_many_json(texts, None, ids)
    diff = [(w, g) for w, g in zip(want, got, strict=True) if w != g]
    assert not diff, diff[:2]


def test_veto_threshold_at_a_messages_exact_probability(monkeypatch: pytest.MonkeyPatch) -> None:
    """A threshold equal to a message's exact probability sits inside the bracket: the exact path decides."""
    m = load_model()
    if m is None:
        pytest.skip("no classifier artifact shipped")
    text = "再不还钱就去你家堵门"
    hits = analyze(text).findings
    assert hits
    col = m.columns.get(hits[0].category)
    if col is None:
        pytest.skip("the finding's category is not scored by the classifier")
    p = _exact_probs(m, normalise(text).text)[col]
    for below in (p, float(np.nextafter(p, 1.0)), float(np.nextafter(p, 0.0))):
        monkeypatch.setattr(check_mod, "RULE_VETO_BELOW", below)
        assert analyze_many_json([text, "你好"], None, ["a", "b"]) == [
            analyze(text, id="a").model_dump_json(), analyze("你好", id="b").model_dump_json()]


def test_category_probs_get_reads_like_a_mapping():
    """`get` gives None (or the default) for a category the classifier does not score, like Mapping.get."""
    from xiezhi.collection.probs import CategoryProbs

    probs = CategoryProbs({"intimidation": 0}, lambda: np.array([0.0]))
    assert probs.get("third_party_contact") is None and probs.get("third_party_contact", 1.0) == 1.0
    got = probs.get("intimidation")
    assert got is not None and float(got) == 0.5 and got >= 0.5 and not got > 0.5
