"""Speed work on Ask must not change what it answers: compare with tests/data/ask_snapshot.json.

The snapshot was taken by scripts/snapshot_ask.py before the numpy/precomputation rewrite of
retrieval (every 9th question of bench/data/ask_dev.jsonl).  Card ids, the answered flag, confidence
(to 1e-6), card and statute scores and statute ids in order must all match.  If cards, synonyms or
the corpus change on purpose, re-run the script and say so in the commit.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).parent / "data" / "ask_snapshot.json"
_spec = importlib.util.spec_from_file_location(
    "snapshot_ask", Path(__file__).resolve().parent.parent / "scripts" / "snapshot_ask.py")
assert _spec and _spec.loader
snapshot_ask = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot_ask)
DATA = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
CASES = DATA["questions"]


def _close(got: list[float], want: list[float], tol: float = 1e-6) -> bool:
    return len(got) == len(want) and all(abs(g - w) <= tol * max(1.0, abs(w)) for g, w in zip(got, want, strict=True))


def test_snapshot_is_of_the_shipped_data() -> None:
    """A stale snapshot would make every case below fail for the wrong reason: say so first."""
    assert len(CASES) >= 60
    assert snapshot_ask.data_digest() == DATA["data_digest"], (
        "cards, normalisation data or statute texts changed since the snapshot: if intended, re-run "
        "scripts/snapshot_ask.py and commit tests/data/ask_snapshot.json with the data change")


@pytest.mark.parametrize("case", CASES, ids=[f"q{i}" for i in range(len(CASES))])
def test_answer_matches_snapshot(case: dict) -> None:
    from xiezhi.ask import answer, rank
    from xiezhi.search.statutes import search_statutes

    q = case["q"]
    r = rank(q)
    assert r.card_ids == case["card_ids"]
    assert _close(r.scores, case["card_scores"])
    assert r.coverage == pytest.approx(case["coverage"], abs=1e-6)
    assert r.confidence == pytest.approx(case["confidence"], abs=1e-6)

    a = answer(q)
    assert a.answered is case["answered"]
    assert (a.card.id if a.card else None) == case["answer_card"]
    assert a.confidence == pytest.approx(case["answer_confidence"], abs=1e-6)
    assert [s.id for s in a.statutes] == case["statutes"]
    assert _close([s.score for s in a.statutes], case["statute_scores"])
    assert [c.id for c in a.citations] == case["citations"]
    assert [c.id for c in a.related] == case["related"]

    hits = search_statutes(q, top=10)
    assert [art.id for art, _ in hits] == case["question_statutes"]
    assert _close([s for _, s in hits], case["question_statute_scores"])
