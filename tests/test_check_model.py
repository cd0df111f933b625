"""The shipped classifier: loads, is deterministic, adds only what the rules missed, and each of its
findings carries a span into the original text and the category's citations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from xiezhi.collection import analyze
from xiezhi.collection.model import TEXT_CATEGORIES, load_model

ROOT = Path(__file__).resolve().parent.parent
MODEL = load_model()
pytestmark = pytest.mark.skipif(MODEL is None, reason="model artifact not built (scripts/build_check_model.py)")


def test_model_probabilities_are_stable():
    p1 = MODEL.proba("你等着，后果自负")
    p2 = MODEL.proba("你等着，后果自负")
    assert p1 == p2 and set(p1) == set(TEXT_CATEGORIES)
    assert p1["intimidation"] > p1["credit_repair_scam"]


def test_model_findings_carry_span_and_citations():
    text = "今天天气不错。　明天再说吧！"
    r = analyze(text, model=MODEL, threshold=0.0)  # force every category through the model path
    assert r.findings
    for f in r.findings:
        s, e = f.span
        assert text[s:e] == f.quote and f.quote
        assert f.citations and f.actions
        assert "统计模型" in f.explanation


def test_rules_only_switch():
    text = "今天天气不错"
    assert analyze(text, model=False).labels == ["compliant"]
    assert analyze(text, model=MODEL, threshold=0.0).labels != ["compliant"]


def test_model_does_not_override_lender_type():
    r = analyze("您的逾期记录已经上报征信，以后办信用卡都会被拒。", {"lender_type": "bank"}, model=MODEL, threshold=0.0)
    assert "false_legal_threat" not in r.labels


def test_training_is_reproducible():
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    rows = [json.loads(x) for x in (ROOT / "bench" / "data" / "check_dev.jsonl").read_text(encoding="utf-8").splitlines()[:120]]
    m1, m2 = b.train(rows), b.train(rows)
    assert m1.vocab == m2.vocab
    assert np.array_equal(m1.weights, m2.weights) and np.array_equal(m1.bias, m2.bias)


def test_vectorised_gram_lookup_matches_the_gram_strings():
    from xiezhi.collection.model import grams

    text = "再不还钱就上门找你，🔪你等着！ABC 你好"
    from xiezhi.collection.normalize import normalise

    t = normalise(text).text
    want = sorted({MODEL.vocab[g] for g in grams(t) if g in MODEL.vocab})
    assert sorted(MODEL.indices(t).tolist()) == want and want


def test_thresholds_are_per_category_and_from_cross_validation():
    meta = json.loads((ROOT / "src" / "xiezhi" / "data" / "collection" / "model" / "model.json").read_text(encoding="utf-8"))
    assert set(meta["thresholds"]) == set(TEXT_CATEGORIES)
    assert all(0.0 < t < 1.0 for t in meta["thresholds"].values())
    assert "check_test2" not in json.dumps(meta["trained_on"])  # the independent test set is never trained on


def test_artifact_is_built_from_the_current_training_files():
    """model.json records the SHA-256 of each training file: a label fix without `make check-model` fails here."""
    import hashlib

    meta = json.loads((ROOT / "src" / "xiezhi" / "data" / "collection" / "model" / "model.json").read_text(encoding="utf-8"))
    assert "bench/data/check_dev4.jsonl" in meta["trained_on"]
    for rel, digest in zip(meta["trained_on"], meta["trained_on_sha256"], strict=True):
        assert hashlib.sha256((ROOT / rel).read_bytes()).hexdigest() == digest, rel
