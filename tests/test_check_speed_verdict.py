"""Speed round 5's shortcuts in the rule scoping (`engine.Matcher._verdict`, the scope tests, `is_narrative`) give
the answers of the plain code they replace: on every snapshot text and on strings built from the rules' own words,
negators, question words and scope cues (where the tests are most likely to disagree)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from xiezhi.collection import engine
from xiezhi.collection.engine import clause_ends, get_matcher, scope_cues
from xiezhi.collection.metadata import cues, cues_data
from xiezhi.collection.normalize import normalise

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    TEXTS = [json.loads(line)["text"] for line in _f]


def _generated(n: int, seed: int = 5) -> list[str]:
    """Strings of rule words, cue words and the characters the clause tests look at (negators, 吗, ？, 你, quotes,
    transcript labels, commas)."""
    words: set[str] = set()
    for r in get_matcher().rules:
        words.update((*r.any, *r.trigger, *r.unless, *r.unless_message, *r.escalate_near))
        for g in r.near:
            words.update(g)
    for v in cues_data().values():
        if isinstance(v, list):
            words.update(str(x) for x in v if isinstance(x, str))
    pool = sorted(w for w in words if w and len(w) < 12 and not any(c in w for c in "()[]\\|?*+{}^$"))
    fill = [*"我你您他们，。？！ 吗了的是", "催收：", "我：", "\n", "“", "”", "不会", "没有", "是真的吗", "这合法吗", "如果",
            "已经"]
    rng = random.Random(seed)
    return ["".join(rng.choice(pool) if rng.random() < 0.55 else rng.choice(fill) for _ in range(rng.randint(2, 14)))
            for _ in range(n)]


TEXTS_ALL = TEXTS + _generated(4000)


def _spans(text: str) -> dict[int, list[tuple[int, int]]]:
    """The candidate spans `Matcher.scan` judges: literal hits and rule expressions."""
    got: dict[int, list[tuple[int, int]]] = {}
    m = get_matcher()
    for end, (_key, klen, anys, _t, _g) in m.automaton.iter(text):
        for idx in anys:
            got.setdefault(idx, []).append((end + 1 - klen, end + 1))
    for idx, rxs in m._regex_by_rule.items():
        for rx in rxs:
            got.setdefault(idx, []).extend((x.start(), x.end()) for x in rx.finditer(text) if x.end() > x.start())
    return got


def test_verdict_with_clause_cache_and_early_rejection_fires_as_before() -> None:
    """`_verdict(..., clauses, reasons=False)` (what `hits_of` uses without `cancelled`) is None exactly when the full
    verdict is; with reasons it gives the same reason as without the clause cache."""
    m = get_matcher()
    spans_seen = 0
    for raw in TEXTS_ALL:
        norm = normalise(raw)
        text = norm.text
        ends = clause_ends(text)
        shared: dict[tuple[int, int], tuple[bool, bool]] = {}
        for idx, spans in _spans(text).items():
            for s, e in spans:
                full = m._verdict(idx, text, s, e, False, ends, norm.breaks)
                assert m._verdict(idx, text, s, e, False, ends, norm.breaks, shared, True) == full
                fast = m._verdict(idx, text, s, e, False, ends, norm.breaks, shared, False)
                assert (fast is None) == (full is None), (raw, m.rules[idx].id, s, e, full, fast)
                spans_seen += 1
    # a floor, not a figure: the generated strings draw from the rules' words, so every new rule word reshuffles them
    # (recall10v's words gave 9,983 spans)
    assert spans_seen > 9_000


def _any(words: tuple[str, ...], text: str) -> bool:
    return any(w in text for w in words)


def test_scope_tests_equal_word_by_word_tests() -> None:
    """The scope tests search each cue list as one expression; the word-by-word tests they replace agree."""
    c = scope_cues()
    rx = engine._scope_rx()
    for text in TEXTS_ALL:
        t = normalise(text).text
        for name in ("court_name", "court_procedure", "court_red_flags", "hypothetical", "group_address",
                     "collection_context", "service_domain"):
            assert engine._found(getattr(rx, name), getattr(c, name), t) == _any(getattr(c, name), t), (name, t)
        both = (*c.collection_context, *c.legal_context)
        assert engine._found(rx.collection_or_legal, both, t) == _any(both, t)
        court = _any(c.court_name, t) and _any(c.court_procedure, t) and not _any(c.court_red_flags, t) \
            and c.court_red_flag_rx.search(t) is None
        assert engine.court_notice(t) == court
        group = _any(c.group_address, t) and "您" not in t and not engine._ADDRESSED.search(t) \
            and not _any(both, t) and cues().debt_amount.search(t) is None
        assert engine.group_notice(t) == group


def test_is_narrative_cache_answers_as_the_function() -> None:
    plain = engine.is_narrative.__wrapped__
    for text in TEXTS_ALL:
        t = normalise(text).text
        assert engine.is_narrative(t) == plain(t)
        assert engine.is_narrative(t) == plain(t)  # and again, from the cache


def test_clause_ends_cache_answers_as_the_function() -> None:
    plain = engine.clause_ends.__wrapped__
    for text in TEXTS_ALL:
        t = normalise(text).text
        assert engine.clause_ends(t) == plain(t) == [m.start() for m in engine._CLAUSE_RE.finditer(t)]
