"""Statute search for borrowers' questions: normalised, expanded into the words statutes use.

``law search`` ranks articles with BM25 over article text; a borrower asks 催收会上门吗 while the
articles speak of 住宅、滋扰、第三人.  This module normalises the question (synonyms.yaml), appends
statute vocabulary for the topics it mentions (legal_terms.yaml) and ranks with the corpus's own
article index, so ask answers and the statute benchmark share one ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from xiezhi.errors import DataError

if TYPE_CHECKING:
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
    import yaml

    from xiezhi.text.normalize import data_path

    path = data_path("legal_terms.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise DataError(f"{path.name}：顶层必须是映射")
    terms: dict[str, tuple[str, ...]] = {}
    for key, words in raw.items():
        if not isinstance(words, list) or not words:
            raise DataError(f"{path.name}：{key} 需要一个词语列表")
        terms[str(key).lower()] = tuple(str(w) for w in words)
    return Expansions(terms)


def statute_query_tokens(question: str) -> list[str]:
    """Tokens for ranking articles: the normalised question plus statute vocabulary."""
    from xiezhi.text.normalize import normalize
    from xiezhi.text.tokenize import tokenize

    norm = normalize(question)
    extra = load_expansions().expand(norm)
    return tokenize(norm) + [t for w in extra for t in tokenize(w)]


def search_statutes(question: str, top: int = 10) -> list[tuple[Article, float]]:
    """Articles in force ranked for a layperson's question (empty question -> empty list)."""
    from xiezhi.law import get_corpus

    tokens = statute_query_tokens(question)
    if not tokens:
        return []
    corpus = get_corpus()
    return corpus.search_index.search_tokens(corpus, tokens, top=top)
