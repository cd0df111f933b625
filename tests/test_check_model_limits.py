"""The classifier's addition limits: they are what the build's procedure gives on the committed replay, the replay
never holds the held-out split or the sets being written, and wording the rules miss is now found."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.model import TEXT_CATEGORIES, load_model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench" / "data" / "tools"))

import addition_limits as al  # noqa: E402
import build_check_model as b  # noqa: E402

META = json.loads((ROOT / "src" / "xiezhi" / "data" / "collection" / "model" / "model.json").read_text(encoding="utf-8"))
MODEL = load_model()
pytestmark = pytest.mark.skipif(MODEL is None or not b.REPLAY.exists(), reason="model or replay not built")


@pytest.fixture(scope="module")
def replay() -> list[dict]:
    return b.read_replay()


def test_shipped_limits_are_what_the_procedure_gives(replay):
    """A hand edit of model.json, a replay rebuilt without the model (or the reverse), or a change of the choice
    fails here: `make check-model` rebuilds both."""
    assert META["replay_sha256"] == hashlib.sha256(b.REPLAY.read_bytes()).hexdigest()
    chosen = al.choose(al.Replay(replay), b.ADDITION_BUDGET)
    assert chosen == META["thresholds"]
    assert set(chosen) == set(TEXT_CATEGORIES)


def test_replay_holds_only_development_sets_with_a_first_look(replay):
    import replay_rules as rr

    names = {r["set"] for r in replay}
    assert names == {s for s, _, _ in rr.SETS}
    files = {rr.FILES[n] for n in names}
    assert not files & set(b.HELD_OUT)
    letters = {r["id"][0] for r in replay}
    assert letters == {x for _, a, _ in rr.SETS for x in a}
    assert "text" not in replay[0] and all("quote" not in f for r in replay for f in r["findings"])


def test_choice_respects_the_lawful_budget(replay):
    rp = al.Replay(replay)
    sc = rp.score(al.as_array(META["thresholds"]))
    assert sc["added_lawful_fp"] <= b.ADDITION_BUDGET * sc["left_alone"]
    before = rp.score(al.as_array(b.PRECISION_FIRST_LIMITS))
    assert sc["macro_f1"] > before["macro_f1"]  # the point of the change


def test_choice_tightens_with_the_budget(replay):
    """(Determinism: the first test re-runs the shipped choice and must find the same limits.)"""
    rp = al.Replay(replay)
    loose, tight = al.choose(rp, 0.02), al.choose(rp, 0.002)
    assert rp.score(al.as_array(tight))["added_lawful_fp"] <= rp.score(al.as_array(loose))["added_lawful_fp"]


@pytest.mark.parametrize(("text", "category"), [
    # written for this test (no development set holds them); the rules miss each, the model scores them between
    # the new limit and the old precision-first one
    # (recall8v: "多留个心眼" is a rule hit since vt-veiled-harm-slots; the model-only example is now "注意点")
    ("钱要是再不到账，你出门可得注意点，路上车多", "violence_threat"),
    # (the first example here, 装孙子…装大爷, is a rule hit since recall5; 一路货色 since recall8v, id-insult-goods;
    # 一个德行 since recall9v, id-insult-dialect-slots)
    ("你全家都是一副穷酸相，欠钱的穷酸相", "insult_defamation"),
    ("真是脸皮比城墙还厚，欠着钱还有脸过日子", "insult_defamation"),
])
def test_fresh_wording_the_rules_miss_is_now_found(text, category):
    assert category not in analyze(text, model=False).labels
    p = MODEL.proba(text)[category]
    assert MODEL.thresholds[category] <= p < b.PRECISION_FIRST_LIMITS[category]
    found = [f for f in analyze(text).findings if f.category == category]
    assert found and found[0].rule == "model" and found[0].quote
