"""The classifier with one hidden layer (`Model.head`): the chunk pass gives the per-message logits within
LOGIT_MARGIN, the artifact round-trips, each gram's weight toward a category decomposes the logit, the evidence
span is the words that drove the finding, and the linear model reads exactly as before."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from xiezhi.collection import analyze
from xiezhi.collection.model import LOGIT_MARGIN, TEXT_CATEGORIES, Model, chunk_features, load_model

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["你再不还钱就等着瞧", "今天天气不错", "", "x", "欠款已逾期三天，请尽快处理，否则我们上门",
         "你这个骗子，全村都知道你欠钱不还", "我们是法院的，明天来拘留你", "哈哈哈哈哈哈哈哈哈哈哈哈"]


def _toy(hidden: int = 4, seed: int = 0) -> Model:
    """A hand-sized model with a hidden layer over the grams of TEXTS."""
    grams = sorted({t[i:i + k] for t in TEXTS for k in (1, 2, 3, 4) for i in range(len(t) - k + 1)})
    rng = np.random.default_rng(seed)
    w1 = rng.standard_normal((len(grams), hidden)).astype(np.float32)
    head = rng.standard_normal((hidden, len(TEXT_CATEGORIES))).astype(np.float32)
    return Model({g: i for i, g in enumerate(grams)}, TEXT_CATEGORIES, w1, rng.standard_normal(hidden).astype(np.float32),
                 0.5, {}, head=head, head_bias=rng.standard_normal(len(TEXT_CATEGORIES)).astype(np.float32))


def test_chunk_logits_equal_per_message_logits_within_the_margin() -> None:
    for seed in range(3):
        m = _toy(seed=seed)
        chunk = chunk_features(m, TEXTS).logits
        exact = np.array([m.logits(t) for t in TEXTS])
        assert chunk.shape == (len(TEXTS), len(TEXT_CATEGORIES))
        assert np.abs(chunk - exact).max() < LOGIT_MARGIN / 10


def test_logits_are_relu_of_the_first_layer_through_the_head() -> None:
    m = _toy()
    for t in TEXTS:
        pre = m.first_layer(t)
        assert pre.shape == (4,)
        want = np.maximum(pre.astype(np.float64), 0) @ m.head.astype(np.float64) + m.head_bias
        assert np.allclose(m.logits(t), want)


def test_gram_weights_decompose_the_logit() -> None:
    """With the text's activation pattern fixed, the logit is the gram weights summed over the distinct grams
    / sqrt(n) plus a constant: the evidence reads the same quantity the decision does."""
    m = _toy()
    for t in TEXTS[:2] + TEXTS[4:]:
        f = m.features(t)
        active = m.first_layer(f) > 0
        first = {}
        for row, w in zip(f.occ_rows.tolist(), range(len(f.occ_rows)), strict=True):
            first.setdefault(row, w)
        for col in range(len(TEXT_CATEGORIES)):
            gw = m.gram_weights(f, col)
            distinct = gw[sorted(first.values())].astype(np.float64).sum() / np.sqrt(len(f.rows))
            const = float((np.where(active, m.head[:, col], 0) * m.bias).sum() + m.head_bias[col])
            assert abs(distinct + const - m.logits(f)[col]) < 1e-4


def test_linear_model_reads_as_before() -> None:
    m = load_model()
    assert m is not None
    if m.head is not None:
        rng = np.random.default_rng(0)
        m = Model(m.vocab, m.categories, rng.standard_normal((len(m.vocab), 10)).astype(np.float32),
                  np.zeros(10, np.float32), 0.5, {}, m.keys, m.rows)
    f = m.features("你再不还钱就等着瞧，后果自负")
    for col in range(len(TEXT_CATEGORIES)):
        assert np.array_equal(m.gram_weights(f, col), m.weights[f.occ_rows, col])
    assert m.output(m.first_layer(f)) is not None and np.array_equal(m.logits(f), m.first_layer(f))


def test_artifact_with_a_head_round_trips(tmp_path: Path) -> None:
    m = _toy()
    np.save(tmp_path / "weights.npy", m.weights.astype(np.float16))
    meta = {"categories": list(TEXT_CATEGORIES), "vocab": sorted(m.vocab, key=m.vocab.__getitem__),
            "bias": m.bias.tolist(), "threshold": 0.5, "thresholds": {},
            "head": m.head.tolist(), "head_bias": m.head_bias.tolist()}
    (tmp_path / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    got = load_model(str(tmp_path))
    assert got is not None and got.head is not None and got.head.shape == (4, len(TEXT_CATEGORIES))
    half = Model(m.vocab, m.categories, m.weights.astype(np.float16).astype(np.float32), m.bias, 0.5, {},
                 head=m.head, head_bias=m.head_bias)
    for t in TEXTS:
        assert np.array_equal(got.logits(t), half.logits(t))


def test_model_finding_through_the_hidden_layer_quotes_the_driving_words() -> None:
    """A gram no rule knows that drives a hidden unit toward insult_defamation: the finding quotes the phrase that
    holds it and carries the category's citations."""
    grams = ["紫云朵", "紫云", "云朵", "紫", "云", "朵", "天气"]
    w1 = np.zeros((len(grams), 2), np.float32)
    w1[0, 0] = w1[1, 0] = w1[2, 0] = 6.0
    w1[6, 1] = 3.0
    head = np.zeros((2, len(TEXT_CATEGORIES)), np.float32)
    col = TEXT_CATEGORIES.index("insult_defamation")
    head[0, col] = 4.0
    head[1, :] = 1.0
    m = Model({g: i for i, g in enumerate(grams)}, TEXT_CATEGORIES, w1, np.zeros(2, np.float32), 0.5,
              {c: 0.9 for c in TEXT_CATEGORIES}, head=head, head_bias=np.full(len(TEXT_CATEGORIES), -3, np.float32))
    text = "今天天气不错，欠的钱你什么时候还，你就是一朵紫云朵"
    r = analyze(text, model=m)
    found = [f for f in r.findings if f.category == "insult_defamation"]
    assert found
    f = found[0]
    assert "统计模型" in f.explanation
    s, e = f.span
    assert "紫云朵" in text[s:e] and "天气" not in text[s:e] and f.citations


def test_build_trains_the_hidden_layer_reproducibly() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_check_model as b

    rows = b.load(b.TRAIN_FILES)[:300]
    mp = b.MlpParams(hidden=4, steps=5, seed=1)
    m1, m2 = b.train(rows, mlp=mp), b.train(rows, mlp=mp)
    assert m1.head is not None and m1.weights.shape[1] == 4
    assert np.array_equal(m1.weights, m2.weights) and np.array_equal(m1.head, m2.head)
    assert not np.array_equal(b.train(rows, mlp=b.MlpParams(hidden=4, steps=5, seed=2)).weights, m1.weights)
