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
    text = "这笔欠款的事明天再说吧。　今天天气不错！"
    r = analyze(text, model=MODEL, threshold=0.0)  # force every category through the model path
    assert r.findings
    for f in r.findings:
        s, e = f.span
        assert text[s:e] == f.quote and f.quote
        assert f.citations and f.actions
        assert "统计模型" in f.explanation


def test_rules_only_switch():
    text = "这笔欠款的事明天再说"
    assert analyze(text, model=False).labels == ["compliant"]
    assert analyze(text, model=MODEL, threshold=0.0).labels != ["compliant"]


def test_model_adds_only_in_a_collection_context():
    """Text about something else never gets a category from the model alone, however low the threshold; metadata
    (who lent, who received it) or a debt word puts a message in the context."""
    for text in ("今天天气不错", "师傅下午两点上门修空调，家里得留个人开门。", "你老婆孩子都还好吧？好久没见了，改天聚聚。"):
        assert analyze(text, model=MODEL, threshold=0.0).labels == ["compliant"], text
    assert analyze("今天天气不错", {"lender_type": "microloan"}, model=MODEL, threshold=0.0).labels != ["compliant"]
    assert analyze("今天天气不错，钱的事明天说", model=MODEL, threshold=0.0).labels != ["compliant"]


def test_gang_visit_without_named_harm_is_not_violence():
    """Taxonomy hard case 5: a threatened visit with menace toward the family, no harm named, is unlawful_visit +
    intimidation; the model's n-grams of a gang visit must not add violence_threat beside the rules' visit."""
    for text in ("带几个兄弟去你家坐坐，你老婆孩子在家吧", "再不还钱，今晚带几个兄弟去你家坐坐，你老婆孩子在家吧？",
                 "钱不还是吧，明天我带几个兄弟去你家坐坐，你老婆孩子应该在家吧"):
        r = analyze(text)
        assert r.labels == ["intimidation", "unlawful_visit"], (text, r.labels)
        assert all(f.mode == "done" for f in r.findings if f.category == "intimidation")


def test_model_does_not_repeat_a_category_the_rules_imply():
    """A threatened visit implies intimidation (rule data `threatened_implies`): that finding is the rules', not a
    statistical one."""
    r = analyze("再不还钱，今晚带几个兄弟去你家坐坐，你老婆孩子在家吧？")
    assert [f.rule for f in r.findings if f.category == "intimidation"] == ["implied:uv-threat-visit"]


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
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model

    assert not any(h in json.dumps(meta["trained_on"]) for h in build_check_model.HELD_OUT)  # never trained on the test split


def test_artifact_is_built_from_the_current_training_files():
    """model.json records the SHA-256 of each training file: a label fix without `make check-model` fails here."""
    import hashlib

    meta = json.loads((ROOT / "src" / "xiezhi" / "data" / "collection" / "model" / "model.json").read_text(encoding="utf-8"))
    assert "bench/data/check_dev4.jsonl" in meta["trained_on"]
    for rel, digest in zip(meta["trained_on"], meta["trained_on_sha256"], strict=True):
        assert hashlib.sha256((ROOT / rel).read_bytes()).hexdigest() == digest, rel


def test_model_span_is_the_phrase_that_drove_it():
    """A model finding quotes the phrase whose n-grams weigh most toward its category, not the whole message."""
    text = "钱的事你自己看着办吧。兄弟我给你指个口子，秒批不看征信，你去撸一把先把我这儿平了，链接发你了。别的不多说了，今天天气还行"
    r = analyze(text, model=MODEL, threshold=0.0)
    got = {f.category: f for f in r.findings if f.rule == "model"}
    f = got["forced_borrowing"]
    assert text[f.span[0]:f.span[1]] == f.quote
    assert "撸" in f.quote or "口子" in f.quote
    assert len(f.quote) < 30 and "天气" not in f.quote
    for f in got.values():
        assert len(f.quote) >= 6 and f.quote[0] not in "，,、。"


def test_model_finding_explains_with_the_rule_nearest_its_words():
    """A model finding borrows the explanation and citations of the category's rule whose words it shares most
    (never a rule that needs metadata), not always the category's first rule."""
    from xiezhi.collection.check import nearest_rule

    assert nearest_rule("illegal_fee", "钱转到我个人支付宝").id == "if-personal-account"
    assert nearest_rule("impersonation", "我是派出所民警").id != nearest_rule("impersonation", "我是律师事务所的律师").id
    for cat in TEXT_CATEGORIES:
        rule = nearest_rule(cat, "")
        assert rule.category == cat and not rule.requires.recipient and not rule.requires.lender
        assert rule.citations
