"""Card index cache, domain gate and statute search (the parts `xiezhi ask` is built from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.search.cards import CardIndex, content_digest, load_index
from xiezhi.search.domain import load_lexicon
from xiezhi.search.statutes import load_expansions, search_statutes, statute_query_tokens

CARD = """---
id: {id}
title: {title}
phrasings: [{p}一, {p}二, {p}三, {p}四]
category: test
conclusion: 结论。
steps: [做一件事。]
citations: [civil-code:675]
see_lawyer_when: 复杂时。
related: []
reviewed: 2026-11-28
---
{body}
"""


def write_cards(tmp: Path) -> None:
    (tmp / "visit.md").write_text(CARD.format(id="visit", title="网贷逾期后催收会上门吗", p="催收到家",
                                              body="上门催收不得闯入住宅。" * 20), encoding="utf-8")
    (tmp / "jail.md").write_text(CARD.format(id="jail", title="网贷还不上会坐牢吗", p="欠网贷判刑",
                                             body="欠债不还一般是民事纠纷。" * 20), encoding="utf-8")


def test_index_ranks_by_normalised_fields(tmp_path: Path) -> None:
    write_cards(tmp_path)
    index = load_index(tmp_path, use_cache=False)
    assert set(index.cards) == {"visit", "jail"}
    assert index.search("wd逾期了cs会来我家吗")[0].card_id == "visit"
    assert index.search("网贷逾期会被判刑吗")[0].card_id == "jail"
    hit = index.search("催收会上门吗")[0]
    assert 0 < hit.coverage <= 1


def test_index_cache_is_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIEZHI_CACHE_DIR", str(tmp_path / "cache"))
    cards = tmp_path / "cards"
    cards.mkdir()
    write_cards(cards)
    first = load_index(cards)
    assert any((tmp_path / "cache").glob("card-index-*.pickle"))
    again = load_index(cards)
    assert isinstance(again, CardIndex) and again.digest == first.digest
    before = content_digest(sorted(cards.glob("*.md")))
    (cards / "jail.md").write_text((cards / "jail.md").read_text(encoding="utf-8").replace("坐牢", "判刑"),
                                   encoding="utf-8")
    assert content_digest(sorted(cards.glob("*.md"))) != before
    assert load_index(cards).digest != first.digest


@pytest.mark.parametrize(
    ("question", "in_domain"),
    [
        ("网贷逾期了怎么办", True),
        ("信用卡还不上会怎样", True),
        ("借呗逾期三天", True),
        ("老板欠我工资不给", False),
        ("离婚后孩子抚养权归谁", False),
        ("出车祸对方不赔钱", False),
    ],
)
def test_domain_gate(question: str, in_domain: bool) -> None:
    from xiezhi.text.normalize import normalize

    assert load_lexicon().in_domain(normalize(question)) is in_domain


def test_statute_query_keeps_plain_words_and_adds_statute_terms() -> None:
    tokens = statute_query_tokens("催收威胁我，还闯进我家里")
    assert "威胁" in tokens  # the word as written (synonyms.yaml rewrites it to 恐吓)
    assert "住宅" in tokens  # from legal_terms.yaml
    assert len(tokens) == len(set(tokens))


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("借一万到手八千，本金怎么算", "civil-code:670"),
        ("催收把我关在屋里不让走", "criminal-law:238"),
        ("逾期记录在征信上保留几年", "credit-reporting-regulation:16"),
        ("收到法院传票不去开庭会怎样", "civil-procedure-law:147"),
    ],
)
def test_statute_search_finds_the_article(question: str, article: str) -> None:
    assert article in [a.id for a, _ in search_statutes(question, top=10)]


def test_statute_search_skips_superseded_texts_and_empty_questions() -> None:
    hits = search_statutes("催收多次发送侮辱恐吓信息干扰正常生活", top=20)
    assert hits and all(not a.id.startswith("public-security-punishments-law-2012:") for a, _ in hits)
    assert search_statutes("？？", top=5) == []


def test_shipped_expansion_and_lexicon_files_load() -> None:
    assert load_expansions().terms
    lex = load_lexicon()
    assert lex.threshold > 0 and any(w < 0 for w in lex.terms.values())


def _ranking(domain: float, coverage: float, confidence: float):
    from xiezhi.ask.engine import Ranking
    from xiezhi.search.domain import load_lexicon

    return Ranking(normalized="", domain_score=domain, in_domain=domain >= load_lexicon().threshold,
                   card_ids=["some-card"], scores=[10.0], coverage=coverage, confidence=confidence)


@pytest.mark.parametrize(
    ("domain", "coverage", "confidence", "answered"),
    [
        (4.0, 0.30, 0.90, True),    # clear debt words, confident
        (4.0, 0.30, 0.30, False),   # clear debt words, not confident enough
        (-1.0, 0.90, 0.99, False),  # another legal topic outweighs the debt words
        (0.0, 0.30, 0.90, False),   # no debt words and the card covers too little of the question
        (0.0, 0.60, 0.90, True),    # no debt words but the card matches most of it
        (1.0, 0.10, 0.90, False),   # weak debt evidence, weak match
        (1.0, 0.40, 0.45, False),   # weak debt evidence needs more confidence
        (1.0, 0.40, 0.60, True),
    ],
)
def test_decision_rules(domain: float, coverage: float, confidence: float, answered: bool) -> None:
    from xiezhi.ask.engine import decide

    assert decide(_ranking(domain, coverage, confidence)) is answered


def test_confidence_is_monotonic_in_coverage_and_margin() -> None:
    from xiezhi.ask.engine import confidence_of

    low = confidence_of([10.0, 9.0], 0.2, 3.0)
    assert confidence_of([10.0, 9.0], 0.8, 3.0) > low
    assert confidence_of([10.0, 2.0], 0.2, 3.0) > low
    assert confidence_of([], 0.5, 3.0) == 0.0


# -- the fast paths give exactly what the plain computations give --------------------------------

def _reference_scores(index, tokens: list[str]) -> dict[int, float]:
    """The per-posting dict loop BM25Index.scores used to run, as the reference."""
    from collections import Counter

    acc: dict[int, float] = {}
    for term, qtf in Counter(tokens).items():
        if term not in index.terms:
            continue
        idf = index.idf[term] * (1.0 + 0.5 * (qtf - 1))
        for doc_no, weight in index.postings(term):
            acc[doc_no] = acc.get(doc_no, 0.0) + idf * weight
    return acc


def test_bm25_array_scores_equal_the_dict_loop_bit_for_bit() -> None:
    import random

    from xiezhi.search.bm25 import BM25Index

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(40)]
    docs = [(f"d{n}", {"a": rng.choices(vocab, k=rng.randint(1, 30)), "b": rng.choices(vocab, k=3)})
            for n in range(60)]
    docs.append(("twin1", {"a": ["w1", "w2"], "b": []}))
    docs.append(("twin2", {"a": ["w1", "w2"], "b": []}))  # equal scores: ties keep first-match order
    index = BM25Index.build(docs, {"a": 1.0, "b": 0.4})
    for _ in range(200):
        query = rng.choices([*vocab, "unknown"], k=rng.randint(1, 12))
        ref = _reference_scores(index, query)
        assert index.scores(query) == ref and list(index.scores(query)) == list(ref)
        best = sorted(ref.items(), key=lambda kv: kv[1], reverse=True)[:10]
        assert index.search(query, top=10) == [(index.doc_keys[d], s) for d, s in best]
    assert index.search(["unknown"]) == [] and index.scores([]) == {}


def test_card_feedback_tokens_equal_the_joined_query_for_every_card() -> None:
    """answer() builds the statute query of question + card title + conclusion from parts computed
    at index build time; it must equal normalising and segmenting the joined text."""
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import feedback_text, feedback_tokens

    index = get_index()
    assert len(index.feedback) >= len(index.cards) - 5  # nearly every card takes the fast path
    questions = ["网贷逾期后，催收人员真的会上门吗？", "wd逾期cs说要到我家", "網貸逾期後催收會上門嗎",
                 "么叔借我的钱 wang", "ＣＳ天天打电话　怎么办", "征信 异议 credit"]
    for card in index.cards.values():
        for q in questions:
            got = feedback_tokens(index, index.prepare(q), card)
            assert got == statute_query_tokens(feedback_text(q, card)), (card.id, q)
