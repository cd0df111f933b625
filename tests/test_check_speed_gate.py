"""Required-literal gates (`rxprefix.required_literals`): a rule expression runs only when one of the literals
that every match must contain is in the text. The claim is checked on strings generated from each rule
expression's parse tree (hypothesis picks the random choices), on the dev texts, and by comparing the scan
with and without gates."""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from check_testkit import FILL, sample_regex
from xiezhi.collection.engine import get_matcher
from xiezhi.collection.normalize import normalise, normalise_regex
from xiezhi.collection.rxprefix import required_literals

ROOT = Path(__file__).resolve().parent.parent




def _expressions() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    m = get_matcher()
    out = []
    for i, gate in m.gates.items():
        rule = m.rules[i]
        plain = re.compile("|".join(f"(?:{normalise_regex(rx)})" for rx in rule.regex))
        out.append((rule.id, plain, gate))
    return out


EXPRESSIONS = _expressions()


def test_most_rule_expressions_have_a_gate() -> None:
    m = get_matcher()
    assert len(m.gates) >= 0.8 * len(m._regex_by_rule)


@pytest.mark.parametrize("rule_id,rx,gate", EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1), pad=st.integers(0, 3))
def test_every_generated_match_contains_a_gate_literal(rule_id: str, rx: re.Pattern[str], gate: tuple[str, ...],
                                                      seed: int, pad: int) -> None:
    from re import _parser  # type: ignore[attr-defined]

    rnd = random.Random(seed)
    core = sample_regex(_parser.parse(rx.pattern).data, rnd)
    text = "".join(rnd.choice(FILL) for _ in range(pad)) + core
    for m in rx.finditer(text):
        if m.end() > m.start():
            assert any(lit in m.group() for lit in gate), (rule_id, m.group(), gate)


def test_gate_claim_on_dev_texts_and_scan_unchanged() -> None:
    with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as f:
        next(f)
        texts = [normalise(json.loads(line)["text"]) for line in f]
    matched = 0
    for norm in texts:
        for rule_id, rx, gate in EXPRESSIONS:
            for m in rx.finditer(norm.text):
                if m.end() > m.start():
                    matched += 1
                    assert any(lit in m.group() for lit in gate), (rule_id, m.group(), gate)
    assert matched > 100
    m = get_matcher()
    gates = m.gates
    with_gates = [[(h.rule.id, h.start, h.end, h.mode) for h in m.scan(n)] for n in texts]
    try:
        m.gates = {}
        without = [[(h.rule.id, h.start, h.end, h.mode) for h in m.scan(n)] for n in texts]
    finally:
        m.gates = gates
    assert with_gates == without


def test_required_literals_on_small_expressions() -> None:
    assert required_literals(re.compile("ab(?:c|d)e")) == ("ab",)
    assert required_literals(re.compile("(?:上门|到你家)看看")) == ("看看",)
    assert required_literals(re.compile("x?y*")) is None
    assert required_literals(re.compile("[a-z]+")) is None
    assert set(required_literals(re.compile("(?:催收|上门)+")) or ()) == {"催收", "上门"}


def test_the_generator_reaches_matches_of_every_expression() -> None:
    """Else the property above would hold vacuously."""
    from re import _parser  # type: ignore[attr-defined]

    for rule_id, rx, _gate in EXPRESSIONS:
        tree = _parser.parse(rx.pattern).data
        found = sum(any(m.end() > m.start() for m in rx.finditer(sample_regex(tree, random.Random(seed))))
                    for seed in range(60))
        assert found >= 1, rule_id


def _near_by_positions(group: tuple[str, ...], s: int, e: int, window: int, text: str) -> bool:
    """The former `_near`: every occurrence's end offset, compared with the window."""
    for key in group:
        i = text.find(key)
        while i != -1:
            end = i + len(key)
            if end - len(key) < e + window and end > s - window:
                return True
            i = text.find(key, i + 1)
    return False


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab你我。", max_size=30), keys=st.lists(st.text(alphabet="ab你我", min_size=1, max_size=3),
                                                                    min_size=1, max_size=3),
       s=st.integers(0, 30), length=st.integers(0, 6), window=st.integers(0, 12))
def test_bounded_find_near_equals_the_position_scan(text: str, keys: list[str], s: int, length: int,
                                                    window: int) -> None:
    from xiezhi.collection.engine import _near

    s = min(s, len(text))
    e = min(s + length, len(text))
    assert _near(tuple(keys), s, e, window, text) == _near_by_positions(tuple(keys), s, e, window, text)
