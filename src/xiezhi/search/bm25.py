"""BM25 over documents with weighted fields (a simplified BM25F), in pure Python.

Field weights let a card's title and phrasings count more than its analysis, and an article's text
more than its chapter heading. Term frequencies are combined across fields before saturation, as
in BM25F, so a word repeated in a long analysis cannot outweigh a match in the title. The index is
plain dicts and lists so it pickles quickly into the on-disk cache.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: Bumped whenever the stored layout changes; every on-disk index cache key includes it.
FORMAT = 2


@dataclass
class BM25Index:
    field_weights: dict[str, float]
    k1: float = 1.2
    b: float = 0.75
    doc_keys: list[str] = field(default_factory=list)
    doc_len: list[float] = field(default_factory=list)
    #: term -> [(doc, saturated weighted tf)]: tf*(k1+1)/(tf + k1*(1-b+b*dl/avgdl)), precomputed at build
    #: time so a query only multiplies by idf and adds.
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    avgdl: float = 1.0

    @classmethod
    def build(
        cls,
        docs: Iterable[tuple[str, Mapping[str, Sequence[str]]]],
        field_weights: Mapping[str, float],
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> BM25Index:
        """docs: (key, {field: tokens}); fields missing from field_weights are ignored."""
        index = cls(dict(field_weights), k1=k1, b=b)
        df: Counter[str] = Counter()
        for doc_no, (key, fields) in enumerate(docs):
            tf: Counter[str] = Counter()
            length = 0.0
            for name, tokens in fields.items():
                w = field_weights.get(name, 0.0)
                if w <= 0:
                    continue
                length += w * len(tokens)
                for t in tokens:
                    tf[t] += w
            index.doc_keys.append(key)
            index.doc_len.append(length)
            for term, freq in tf.items():
                index.postings.setdefault(term, []).append((doc_no, freq))
            df.update(tf.keys())
        n = len(index.doc_keys)
        index.avgdl = (sum(index.doc_len) / n) if n else 1.0
        index.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        norms = [k1 * (1.0 - b + b * dl / index.avgdl) for dl in index.doc_len]
        for term, plist in index.postings.items():
            index.postings[term] = [(d, tf * (k1 + 1.0) / (tf + norms[d])) for d, tf in plist]
        return index

    def __len__(self) -> int:
        return len(self.doc_keys)

    def scores(self, tokens: Sequence[str]) -> dict[int, float]:
        """Score every document that shares a term with the query."""
        acc: dict[int, float] = {}
        get = acc.get
        for term, qtf in Counter(tokens).items():
            plist = self.postings.get(term)
            if not plist:
                continue
            idf = self.idf[term] * (1.0 + 0.5 * (qtf - 1))
            for doc_no, weight in plist:
                acc[doc_no] = get(doc_no, 0.0) + idf * weight
        return acc

    def search(self, tokens: Sequence[str], top: int = 10) -> list[tuple[str, float]]:
        acc = self.scores(tokens)
        best = heapq.nlargest(top, acc.items(), key=lambda kv: kv[1])
        return [(self.doc_keys[d], s) for d, s in best]
