"""Plain BM25 baselines for the benchmarks: no normalisation, no user dictionary, no field weights.

Cards: every field joined into one text; articles: the article text only.  Tokens come from
rjieba's default dictionary (``xiezhi.text.tokenize.plain_tokenize``).  Benchmarks report xiezhi's
figures beside these, measured in the same run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xiezhi.search.bm25 import BM25Index

if TYPE_CHECKING:
    from xiezhi.kb.models import Card
    from xiezhi.law.corpus import Corpus


def _tokens(text: str) -> list[str]:
    from xiezhi.text.tokenize import plain_tokenize

    return plain_tokenize(text)


@dataclass
class PlainCardBM25:
    index: BM25Index

    @classmethod
    def build(cls, cards: Iterable[Card]) -> PlainCardBM25:
        docs = []
        for c in cards:
            text = " ".join([c.title, *c.phrasings, c.conclusion, c.analysis, *c.steps])
            docs.append((c.id, {"text": _tokens(text)}))
        return cls(BM25Index.build(docs, {"text": 1.0}))

    def search(self, question: str, top: int = 10) -> list[tuple[str, float]]:
        return self.index.search(_tokens(question), top=top)


@dataclass
class PlainStatuteBM25:
    index: BM25Index

    @classmethod
    def build(cls, corpus: Corpus) -> PlainStatuteBM25:
        docs = [(a.id, {"text": _tokens(a.text)}) for a in corpus.articles.values()
                if corpus.instruments[a.instrument_slug].effective_to is None]
        return cls(BM25Index.build(docs, {"text": 1.0}))

    def search(self, question: str, top: int = 10) -> list[str]:
        return [k for k, _ in self.index.search(_tokens(question), top=top)]
