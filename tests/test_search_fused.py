"""The one-pass card scorer and the substring sets give what the loops they replaced gave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiezhi.search.substrings import SubstringSet

DEV = Path(__file__).resolve().parent.parent / "bench" / "data" / "ask_dev.jsonl"


def _questions(every: int = 3) -> list[str]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["q"] for i, r in enumerate(rows) if i % every == 0] + ["", "x", "网贷 网贷 网贷 逾期 逾期", "催收" * 50]


def _old_search(index, tokens, top=5):
    """CardIndex.search_tokens as it was before the fused scorer (two score_array calls, set loops)."""
    import numpy as np

    from xiezhi.search.cards import ANALYSIS_WEIGHT

    if not tokens:
        return []
    main = index.bm25.score_array(tokens)
    if main is None:
        return []
    extra = index.analysis_bm25.score_array(tokens)
    acc = main if extra is None else main + ANALYSIS_WEIGHT * extra
    scored = np.flatnonzero(acc)
    ranked = scored[np.argsort(-acc[scored], kind="stable")[:top]].tolist()
    terms = set(tokens)
    idf = index.bm25.idf
    total = sum(idf.get(t, index.unknown_idf) for t in terms) or 1.0
    return [(index.bm25.doc_keys[d], float(acc[d]), sum(idf[t] for t in terms if t in index.doc_terms[d]) / total)
            for d in ranked]


@pytest.mark.parametrize("top", [1, 5, 200])
def test_fused_scores_are_bit_identical(top: int) -> None:
    from xiezhi.search.cards import get_index

    index = get_index()
    for q in _questions():
        tokens = index.prepare(q).card_tokens if q else []
        got = index.search_tokens(tokens, top=top)
        want = _old_search(index, tokens, top)
        assert [(h.card_id, h.score) for h in got] == [(k, s) for k, s, _ in want], q
        # coverage adds the same idf values in another order (the old one followed set hash order)
        assert [h.coverage for h in got] == pytest.approx([c for _, _, c in want], rel=1e-12, abs=1e-15), q


def test_repeated_and_unknown_terms() -> None:
    from xiezhi.search.cards import get_index

    index = get_index()
    for tokens in (["网贷", "网贷", "逾期"], ["没有这个词"], ["没有这个词", "催收", "催收", "催收"], ["的"]):
        got = index.search_tokens(tokens, top=10)
        want = _old_search(index, tokens, 10)
        assert [(h.card_id, h.score) for h in got] == [(k, s) for k, s, _ in want]


def test_substring_set_matches_in_loop() -> None:
    words = ["网贷", "贷", "网", "催收", "lpr", "收"]
    s = SubstringSet(words)
    for text in ("", "网贷逾期催收", "lpr", "收贷", "abc", "网网网"):
        assert s.present(text) == [w for w in words if w in text]


def test_lexicon_and_expansions_as_loops() -> None:
    import pickle

    from xiezhi.search.cards import get_index

    index = get_index()
    lex, exp = index.lexicon, index.expansions
    for q in _questions():
        n = index.normalize(q)
        assert lex.score(n)[1][:len([t for t in lex.terms if t in n])] == [t for t in lex.terms if t in n]
        assert exp.matched(n) == frozenset(k for k in exp.terms if k in n)
        assert exp.expand(n) == [w for k, ws in exp.terms.items() if k in n for w in ws]
    again = pickle.loads(pickle.dumps(index))  # the automata are not pickled; rebuilt on use
    assert again.lexicon.score("网贷逾期") == lex.score("网贷逾期")
