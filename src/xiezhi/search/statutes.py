"""Statute search for borrowers' questions: normalised, expanded into the words statutes use.

``law search`` ranks articles with BM25 over article text; a borrower asks 催收会上门吗 while the
articles speak of 住宅、滋扰、第三人.  This module normalises the question (synonyms.yaml), appends
statute vocabulary for the topics it mentions (legal_terms.yaml) and ranks with the corpus's own
article index, so ask answers and the statute benchmark share one ranking.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from xiezhi.errors import DataError

if TYPE_CHECKING:
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article


@dataclass(frozen=True)
class Expansions:
    terms: dict[str, tuple[str, ...]]

    def expand(self, normalized: str) -> list[str]:
        out: list[str] = []
        for key, words in self.terms.items():
            if key in normalized:
                out.extend(words)
        return out


@lru_cache(maxsize=1)
def load_expansions() -> Expansions:
    from xiezhi.text.normalize import data_path, load_yaml_strict

    path = data_path("legal_terms.yaml")
    raw = load_yaml_strict(path) or {}
    if not isinstance(raw, dict):
        raise DataError(f"{path.name}：顶层必须是映射")
    terms: dict[str, tuple[str, ...]] = {}
    for key, words in raw.items():
        if not isinstance(words, list) or not words:
            raise DataError(f"{path.name}：{key} 需要一个词语列表")
        terms[str(key).lower()] = tuple(str(w) for w in words)
    return Expansions(terms)


def statute_query_tokens(question: str) -> list[str]:
    """Tokens for ranking articles: the question as written and as normalised, plus statute words.

    Both spellings count because statutes use the plain words (威胁, 借款) that synonyms.yaml maps
    to the cards' canonical forms (恐吓, 网贷).  Each expansion word is added once.
    """
    from xiezhi.search.cards import get_index
    from xiezhi.text.normalize import basic_normalize
    from xiezhi.text.tokenize import tokenize

    index = get_index()
    basic = basic_normalize(question)
    full = index.table.apply(basic)
    tokens = tokenize(basic)
    seen = set(tokens)
    for t in tokenize(full):
        if t not in seen:
            seen.add(t)
            tokens.append(t)
    extra = index.expansions.expand(basic) + index.expansions.expand(full)
    for word in dict.fromkeys(extra):
        for t in tokenize(word):
            if t not in seen:
                seen.add(t)
                tokens.append(t)
    return tokens


_SUPERSEDED: dict[str, frozenset[int]] = {}


def _superseded_docs(corpus: Corpus) -> frozenset[int]:
    """Document numbers of articles whose instrument has been replaced (computed once per corpus)."""
    found = _SUPERSEDED.get(corpus.digest)
    if found is None:
        index = corpus.search_index.index
        found = frozenset(
            n for n, key in enumerate(index.doc_keys)
            if corpus.instruments[corpus.articles[key].instrument_slug].effective_to is not None
        )
        _SUPERSEDED[corpus.digest] = found
    return found


#: Score multiplier for articles cited by at least one card (tuned on bench/data/statute_dev.jsonl).
CITED_PRIOR = 1.3


def search_statutes(question: str, top: int = 10) -> list[tuple[Article, float]]:
    """Articles in force ranked for a layperson's question (empty question -> empty list)."""
    from xiezhi.law import get_corpus

    tokens = statute_query_tokens(question)
    if not tokens:
        return []
    from xiezhi.search.cards import get_index

    corpus = get_corpus()
    index = corpus.search_index.index
    # Articles some card cites: the ones this project judged relevant to debt questions.
    cited = get_index().cited_articles
    superseded = _superseded_docs(corpus)
    keys = index.doc_keys
    scored = [
        (score * CITED_PRIOR if keys[doc_no] in cited else score, keys[doc_no])
        for doc_no, score in index.scores(tokens).items()
        if doc_no not in superseded  # superseded texts only when asked for by id or date
    ]
    # The best `top` in the order a full sort would give, without sorting every scored article.
    best = heapq.nsmallest(top, scored, key=lambda x: (-x[0], x[1]))
    out: list[tuple[Article, float]] = [(corpus.articles[key], score) for score, key in best]
    return out
