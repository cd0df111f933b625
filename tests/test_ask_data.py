"""Benchmark data for Ask stays honest: gold ids exist, no dev question is a card phrasing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from xiezhi.kb import card_files, load_cards

BENCH = Path(__file__).resolve().parent.parent / "bench" / "data"
_STRIP = re.compile(r"[\s\W_]+")


def rows(name: str) -> list[dict]:
    path = BENCH / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def cards():
    if not card_files():
        pytest.skip("no knowledge cards shipped yet")
    return load_cards()[0]


@pytest.mark.parametrize("name", ["ask_dev_a.jsonl", "ask_dev_b.jsonl", "ask_holdout.jsonl"])
def test_gold_cards_exist_and_questions_are_not_phrasings(cards, name: str) -> None:
    ids = {c.id for c in cards}
    phrasings = {_STRIP.sub("", p.lower()): c.id for c in cards for p in [c.title, *c.phrasings]}
    data = rows(name)
    missing = sorted({r["gold"] for r in data if r["gold"] and r["gold"] not in ids})
    assert not missing, f"{name}: gold ids without a card: {missing}"
    copied = [r["q"] for r in data if _STRIP.sub("", r["q"].lower()) in phrasings]
    assert not copied, f"{name}: questions copied from card phrasings: {copied}"


def test_out_of_domain_set() -> None:
    data = rows("ask_ood.jsonl")
    assert len(data) >= 40
    assert all(r["gold"] is None for r in data)


@pytest.mark.parametrize(("name", "minimum"), [("statute_dev.jsonl", 100), ("statute_holdout.jsonl", 20)])
def test_statute_sets_resolve(corpus, name: str, minimum: int) -> None:
    data = rows(name)
    assert len(data) >= minimum
    for r in data:
        assert r["gold"], r
        for article_id in r["gold"]:
            assert corpus.has(article_id), (name, r["q"], article_id)
