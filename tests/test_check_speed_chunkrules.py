"""The chunk rule scan (`chunkrules.ChunkRules.scan_many`) gives exactly `Matcher.scan`'s hits; its prefilter
(`rxprefix.required_dnf`) never rules out an expression on a text where Python `re` finds a match; and
`chunkscan.LiteralScanner` finds what the Aho-Corasick automaton finds, in the same order."""

from __future__ import annotations

import gzip
import json
import random
import re
import warnings
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from check_testkit import FILL, sample_regex
from xiezhi.collection.chunkrules import ChunkRules, get_chunk_rules
from xiezhi.collection.chunkscan import LiteralScanner
from xiezhi.collection.engine import get_matcher
from xiezhi.collection.normalize import normalise, normalise_many
from xiezhi.collection.rxprefix import required_dnf

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    DEV = [json.loads(line)["text"] for line in _f]

EDGE = ["", " ", "。", "你", "再不还钱就去你家堵门", "𠀀𠀁你好再不还𠀂", "ＡＢＣ　上 門🚪来你家", "\U0010fffd去你家\U000e0100堵门",
        "我：你们再打电话我就报警\n催收：报啊，看警察管不管你", "【某某金融】您已逾期3天，请及时还款。回T退订" * 5]




def _allowed(dnf: list[list[tuple[str, ...]]] | None, text: str) -> bool:
    return dnf is None or any(all(any(s in text for s in clause) for clause in conj) for conj in dnf)


def _expressions() -> list[tuple[str, re.Pattern[str]]]:
    m = get_matcher()
    return [(m.rules[i].id, rx) for i, rxs in m._regex_by_rule.items() for rx in rxs]


EXPRESSIONS = _expressions()


def _key(hits: list) -> list:
    return [(h.rule.id, h.start, h.end, h.mode, h.escalated) for h in hits]


def _generated(n: int, seed: int = 7) -> list[str]:
    """Texts made of pieces the rule expressions match, with filler between: many rules fire."""
    from re import _parser  # type: ignore[attr-defined]

    rnd = random.Random(seed)
    trees = [_parser.parse(rx.pattern).data for _, rx in EXPRESSIONS]
    out = []
    for _ in range(n):
        parts = [sample_regex(rnd.choice(trees), rnd) for _ in range(rnd.randint(1, 4))]
        out.append("".join(p + "".join(rnd.choice(FILL) for _ in range(rnd.randint(0, 4))) for p in parts))
    return out


def test_scan_many_equals_scan() -> None:
    texts = DEV + EDGE + _generated(1500) + [(t * 3)[:100] for t in DEV[:300]]
    norms = normalise_many(texts)
    m = get_matcher()
    want = [_key(m.scan(x)) for x in norms]
    cr = get_chunk_rules()
    got: list = []
    for k in range(0, len(norms), 113):  # uneven chunks
        got.extend(_key(h) for h in cr.scan_many(norms[k:k + 113]))
    diff = [(texts[i], w, g) for i, (w, g) in enumerate(zip(want, got, strict=True)) if w != g]
    assert not diff, diff[:2]
    assert sum(map(len, want)) > 2000
    assert cr.scan_many([]) == []
    assert cr.scan_many([normalise("")]) == [[]]


def test_candidate_spans_give_what_scan_cancels() -> None:
    """`hits_of` on the chunk's candidate spans (what `_model_findings` uses on the chunked path) gives the hits
    and the cancelled clauses of a rescan, per category as sets of clauses."""
    texts = DEV + EDGE + _generated(800, seed=3) + ["我们不会上门，也不会联系你家人", "哈哈开玩笑的，打断你的腿"]
    norms = normalise_many(texts)
    m = get_matcher()
    cr = get_chunk_rules()
    cancelled_any = 0
    for k in range(0, len(norms), 97):
        hits, spans = cr.scan_many_spans(norms[k:k + 97])
        assert _key_all(hits) == _key_all(cr.scan_many(norms[k:k + 97]))
        for norm, h, sp in zip(norms[k:k + 97], hits, spans, strict=True):
            want: dict = {}
            got: dict = {}
            assert _key(m.scan(norm, None, want)) == _key(m.hits_of(norm, sp or {}, got)) == _key(h)
            assert {c: set(v) for c, v in want.items()} == {c: set(v) for c, v in got.items()}, norm.text
            cancelled_any += bool(want)
    assert cancelled_any > 100


def _key_all(hits: list) -> list:
    return [_key(h) for h in hits]


def test_possible_by_bytes_equals_possible_by_bits_and_by_counts() -> None:
    """The prefilter's three formulations (clause bytes per alternative; clause bits; satisfied clauses counted)
    agree, on blocks of every size up to 128 and on an empty one."""
    import numpy as np

    cr = get_chunk_rules()
    assert cr.bytewise and cr.bitwise
    texts = [normalise(t).text for t in DEV + EDGE] + _generated(1500, seed=5)
    pairs = 0
    try:
        k = size = 0
        while k < len(texts):
            size = size % 128 + 1 if k < 3000 else 128
            part = texts[k:k + size]
            k += size
            pos, pid, starts = cr.scanner.find_all(part)
            who = np.searchsorted(starts, pos, side="right") - 1
            lit = cr.lit_of[pid]
            sel = np.flatnonzero(lit >= 0)
            got = []
            for cr.bytewise, cr.bitwise in ((True, True), (False, True), (False, False)):
                got.append(cr.possible(len(part), who[sel], lit[sel]))
            for a in got[1:]:
                assert np.array_equal(a[0], got[0][0]) and np.array_equal(a[1], got[0][1])
            pairs += len(got[0][0])
    finally:
        cr.bytewise = cr.bitwise = True
    assert pairs > 2000


def test_prefilter_covers_every_expression() -> None:
    cr = get_chunk_rules()
    assert cr.n_branches >= len(EXPRESSIONS)  # every rule expression has a prefilter now
    assert not cr.always


def test_prefilter_allows_every_match_on_dev_and_generated_texts() -> None:
    texts = [normalise(t).text for t in DEV + EDGE] + _generated(3000, seed=11)
    matched = 0
    for rule_id, rx in EXPRESSIONS:
        dnf = required_dnf(rx)
        for t in texts:
            if any(m.end() > m.start() for m in rx.finditer(t)):
                matched += 1
                assert _allowed(dnf, t), (rule_id, t)
    assert matched > 3000


@pytest.mark.parametrize("rule_id,rx", EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS])
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1), pad=st.integers(0, 3))
def test_prefilter_allows_generated_matches(rule_id: str, rx: re.Pattern[str], seed: int, pad: int) -> None:
    from re import _parser  # type: ignore[attr-defined]

    rnd = random.Random(seed)
    text = "".join(rnd.choice(FILL) for _ in range(pad)) + sample_regex(_parser.parse(rx.pattern).data, rnd)
    if any(m.end() > m.start() for m in rx.finditer(text)):
        assert _allowed(required_dnf(rx), text), (rule_id, text)


@settings(max_examples=300, deadline=None)
@given(pattern=st.text(alphabet="ab(|)?*+你我[]{}12,", min_size=1, max_size=12),
       text=st.text(alphabet="ab你我12", max_size=14))
def test_prefilter_on_arbitrary_small_expressions(pattern: str, text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # "possible nested set": still a valid expression
        try:
            rx = re.compile(pattern)
        except (re.error, OverflowError):
            return
    if any(m.end() > m.start() for m in rx.finditer(text)):
        assert _allowed(required_dnf(rx), text), (pattern, text)


def test_required_dnf_on_small_expressions() -> None:
    assert required_dnf(re.compile("ab(?:c|d)e")) == [[("ab",), ("c", "d"), ("e",)]]
    assert required_dnf(re.compile("(?:上门|到你家)看看|堵门")) == [[("上门", "到你家"), ("看看",)], [("堵门",)]]
    assert required_dnf(re.compile("x?y*")) == [[]]
    assert required_dnf(re.compile("(?=[ab])(?:a[^。]{0,3}b)")) == [[("a",), ("b",)]]
    assert required_dnf(re.compile("(?i)abc")) is None


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text(alphabet="ab你我。", min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
       texts=st.lists(st.text(alphabet="ab你我。c", max_size=20), max_size=6))
def test_literal_scanner_equals_the_automaton(words: list[str], texts: list[str]) -> None:
    auto = ahocorasick.Automaton()
    for i, w in enumerate(words):
        auto.add_word(w, i)
    auto.make_automaton()
    want = [(k, e, i) for k, t in enumerate(texts) for e, i in auto.iter(t)]
    who, end, pid = LiteralScanner(words).find(texts)
    assert list(zip(who.tolist(), end.tolist(), pid.tolist(), strict=True)) == want


def test_literal_scanner_two_and_three_character_stages() -> None:
    """Multi-character patterns are found from their first two characters, the longer ones then from their first
    three: a two-character pattern and the longer ones it begins, three-character patterns, a pattern at the very
    end of the chunk, and the order `find_all` keeps (by position, then pattern, after the one-character ones)."""
    words = ["你", "ab", "abc", "abd", "abcde", "abx", "bc", "c你", "你我他们", "我他"]
    texts = ["abcde你我他们", "xabdabc", "ab", "abx", "", "c你"]
    sc = LiteralScanner(words)
    pos, pid, _starts = sc.find_all(texts)
    joined = sc.separator.join(texts)
    got = [(int(p), words[i]) for p, i in zip(pos.tolist(), pid.tolist(), strict=True)]
    assert all(joined[p:p + len(w)] == w for p, w in got)
    assert got == sorted((p, w) for p, w in got if len(w) == 1) + sorted((p, w) for p, w in got if len(w) > 1)
    want = {(p, w) for w in words for p in range(len(joined)) if joined.startswith(w, p)}
    assert set(got) == want and len(got) == len(want)


def test_chunk_rules_without_expressions() -> None:
    """A rule set whose expressions all lack a prefilter runs them on every triggered message."""
    m = get_matcher()
    cr = ChunkRules(m)
    cr.n_branches = 0
    cr.always = frozenset(m._regex_by_rule)
    norms = normalise_many(DEV[:200])
    assert [_key(h) for h in cr.scan_many(norms)] == [_key(m.scan(x)) for x in norms]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab你我。.*", max_size=30),
       keys=st.lists(st.text(alphabet="ab你我.*", max_size=3), min_size=1, max_size=5),
       s=st.integers(0, 30), length=st.integers(0, 6), window=st.integers(0, 12))
def test_near_by_expression_equals_near_by_find(text: str, keys: list[str], s: int, length: int,
                                                window: int) -> None:
    from xiezhi.collection.engine import _near, _near_compile, _near_in

    s = min(s, len(text))
    e = min(s + length, len(text))
    group = tuple(keys)
    assert _near_in(_near_compile(group), s, e, window, text) == _near(group, s, e, window, text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab你我。.*|", max_size=20),
       words=st.lists(st.text(alphabet="ab你我.*|", min_size=1, max_size=3), min_size=1, max_size=6))
def test_any_of_equals_substring_test(text: str, words: list[str]) -> None:
    from xiezhi.collection.engine import _any_of

    rx = _any_of(tuple(words))
    assert rx is not None
    assert (rx.search(text) is not None) == any(w in text for w in words)
    assert _any_of(()) is None and _any_of(("a", "")) is None
