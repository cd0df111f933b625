"""The embed6 experiment's tools (bench/data/tools/embed_*.py; docs/check.md "Sixth session: sentence embeddings"):
its incremental limit choice is the shipped procedure's, and the encoder never reads the held-out or sealed sets."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench" / "data" / "tools"))

import addition_limits as al  # noqa: E402
import build_check_model as b  # noqa: E402
import embed_encode as ee  # noqa: E402
import embed_replay as er  # noqa: E402

pytestmark = pytest.mark.skipif(not b.REPLAY.exists(), reason="replay not built")


@pytest.fixture(scope="module")
def small_replay() -> al.Replay:
    rows = [r for r in b.read_replay() if r["set"] in ("dev9", "dev16", "dev19", "test4")]
    return al.Replay(rows)


@pytest.mark.parametrize("budget", [0.005, 0.02])
def test_fast_choice_equals_the_shipped_choice(small_replay, budget):
    assert er.fast_choose(small_replay, budget) == al.choose(small_replay, budget)


def test_fast_choice_equals_it_with_other_probabilities(small_replay):
    """Also on probabilities unlike the char-gram model's (the experiment's variants)."""
    rp = small_replay.subset(np.ones(len(small_replay.sets), dtype=bool))
    rp.probs = np.sqrt(rp.probs)
    assert er.fast_choose(rp, 0.01) == al.choose(rp, 0.01)


def test_encoder_reads_development_sets_only():
    names = {p.name for p in ee.dev_files()}
    assert not names & set(b.HELD_OUT)
    assert {"check_test11.jsonl", "check_test12.jsonl", "check_dev40.jsonl"}.isdisjoint(names)
    assert len(names) == 31 and all((ROOT / "bench" / "data" / n).exists() for n in names)
