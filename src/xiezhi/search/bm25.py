"""BM25 over documents with weighted fields (a simplified BM25F), postings in numpy arrays.

Field weights let a card's title and phrasings count more than its analysis, and an article's text
more than its chapter heading. Term frequencies are combined across fields before saturation, as
in BM25F, so a word repeated in a long analysis cannot outweigh a match in the title.

Postings are stored CSR-style: one array of document numbers and one of saturated weights, every
term's postings contiguous, and ``terms`` mapping a term to its (start, end) slice.  A query gathers
the slices of its terms in query order and adds them up with ``np.bincount``, which accumulates
each document's contributions sequentially in that order -- the same additions, in the same order,
as the dict loop this replaced, so scores are bit-for-bit what they were.  Arrays also pickle and
load far faster than lists of tuples (the statute index has ~160,000 postings).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Contributions of a term repeated up to this many times in a query are kept with its views.
MAX_KEPT_REPEAT = 8
#: Bumped whenever the stored layout changes; every on-disk index cache key includes it.
FORMAT = 4


@dataclass
class BM25Index:
    field_weights: dict[str, float]
    k1: float = 1.2
    b: float = 0.75
    doc_keys: list[str] = field(default_factory=list)
    doc_len: list[float] = field(default_factory=list)
    #: term -> (start, end) of its postings in ``post_docs`` / ``post_weights``.
    terms: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Document numbers (int32), ascending within each term's slice.
    post_docs: Any = None
    #: Saturated weighted tf*(k1+1)/(tf + k1*(1-b+b*dl/avgdl)), precomputed at build time so a query
    #: only multiplies by idf and adds.
    post_weights: Any = None
    #: idf * weight per posting: a term's contribution when it occurs once in the query.
    post_contrib: Any = None
    idf: dict[str, float] = field(default_factory=dict)
    avgdl: float = 1.0

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_views", None)  # rebuilt on first query after loading
        return state

    def view(self, term: str) -> tuple[Any, Any, Any] | None:
        """(documents, contributions, weights) of a term as array views, each made once per process."""
        views = self.__dict__.setdefault("_views", {})
        found = views.get(term)
        if found is None:
            span = self.terms.get(term)
            if span is None:
                return None
            s, e = span
            found = views[term] = (self.post_docs[s:e], self.post_contrib[s:e], self.post_weights[s:e])
        return found

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
        import numpy as np

        index = cls(dict(field_weights), k1=k1, b=b)
        df: Counter[str] = Counter()
        postings: dict[str, list[tuple[int, float]]] = {}
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
                postings.setdefault(term, []).append((doc_no, freq))
            df.update(tf.keys())
        n = len(index.doc_keys)
        index.avgdl = (sum(index.doc_len) / n) if n else 1.0
        index.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        norms = [k1 * (1.0 - b + b * dl / index.avgdl) for dl in index.doc_len]
        doc_list: list[int] = []
        weight_list: list[float] = []
        for term, plist in postings.items():
            start = len(doc_list)
            for d, tf_ in plist:
                doc_list.append(d)
                weight_list.append(tf_ * (k1 + 1.0) / (tf_ + norms[d]))
            index.terms[term] = (start, len(doc_list))
        index.post_docs = np.asarray(doc_list, dtype=np.int32)
        index.post_weights = np.asarray(weight_list, dtype=np.float64)
        idf_of_posting = np.zeros(len(doc_list))
        for term, (start, end) in index.terms.items():
            idf_of_posting[start:end] = index.idf[term]
        # The product the query loop computed for a term that occurs once (idf * 1.0 == idf).
        index.post_contrib = idf_of_posting * index.post_weights
        return index

    def __len__(self) -> int:
        return len(self.doc_keys)

    def postings(self, term: str) -> list[tuple[int, float]]:
        """(document number, saturated weight) pairs of one term (empty for an unknown term)."""
        span = self.terms.get(term)
        if span is None:
            return []
        s, e = span
        return list(zip(self.post_docs[s:e].tolist(), self.post_weights[s:e].tolist(), strict=True))

    def gather(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """The query's postings in query-term order: (document numbers, idf-weighted contributions).

        A term repeated in the query counts 1 + 0.5 per repeat; terms the index lacks are skipped.
        None when no term is known.
        """
        import numpy as np

        docs: list[Any] = []
        contrib: list[Any] = []
        views = self.__dict__.setdefault("_views", {})
        terms = self.terms
        for term, qtf in Counter(tokens).items():
            v = views.get(term)
            if v is None:
                if term not in terms:
                    continue
                v = self.view(term)
            docs.append(v[0])
            if qtf == 1:
                contrib.append(v[1])
                continue
            # (idf * (1 + 0.5 * (qtf - 1))) * weight, exactly as the per-posting loop multiplied; it
            # depends only on the term and its count, so small counts are kept with the views.
            repeated = views.get((term, qtf))
            if repeated is None:
                repeated = v[2] * (self.idf[term] * (1.0 + 0.5 * (qtf - 1)))
                if qtf <= MAX_KEPT_REPEAT:
                    views[(term, qtf)] = repeated
            contrib.append(repeated)
        if not docs:
            return None
        if len(docs) == 1:
            return docs[0], contrib[0]
        return np.concatenate(docs), np.concatenate(contrib)

    def score_array(self, tokens: Sequence[str]) -> np.ndarray | None:
        """Scores of every document (0.0 where no query term occurs); None when no term is known.

        Each document's score is the sum of its terms' idf * weight, added in query-term order.
        Every contribution is > 0, so a score is 0.0 exactly when the document shares no term.
        """
        import numpy as np

        got = self.gather(tokens)
        if got is None:
            return None
        docs, contrib = got
        return np.bincount(docs, weights=contrib, minlength=len(self.doc_keys))

    def scores(self, tokens: Sequence[str]) -> dict[int, float]:
        """Score every document that shares a term with the query (in order of first match)."""
        import numpy as np

        got = self.gather(tokens)
        if got is None:
            return {}
        docs, contrib = got
        acc = np.bincount(docs, weights=contrib, minlength=len(self.doc_keys))
        _, first = np.unique(docs, return_index=True)
        order = docs[np.sort(first)]
        return dict(zip(order.tolist(), acc[order].tolist(), strict=True))

    def search(self, tokens: Sequence[str], top: int = 10) -> list[tuple[str, float]]:
        """The best ``top`` documents, ties in the order the documents were first matched."""
        import numpy as np

        got = self.gather(tokens)
        if got is None or top <= 0:
            return []
        docs, contrib = got
        acc = np.bincount(docs, weights=contrib, minlength=len(self.doc_keys))
        _, first = np.unique(docs, return_index=True)
        touched = docs[np.sort(first)]  # documents in order of first match
        vals = acc[touched]
        # Stable sort on -score keeps first-match order among equal scores (as heapq.nlargest did).
        best = touched[np.argsort(-vals, kind="stable")[:top]]
        return [(self.doc_keys[d], float(acc[d])) for d in best.tolist()]
