"""Card scores, analysis scores and coverage from one pass over a question's terms.

Ranking a card scores the question twice — the BM25F index of the short fields and the separate
analysis index (added at ``cards.ANALYSIS_WEIGHT``) — and then measures each hit's coverage (the
share of the question's idf mass the card holds).  Done separately that was three loops over the
same terms, two ``Counter``s and two gathers, the largest part of an /ask request's CPU.  Here each
term's postings in both indexes sit in one array, the analysis documents numbered after the cards
(``n + d``), so one ``np.bincount`` yields both score vectors, and a second one over the same
documents, weighted by the term's idf, yields every card's matched idf mass.

Scores are bit for bit those of ``BM25Index.score_array``: each bin still receives its terms'
contributions one by one in query-term order, and ``main + w * 0.0 == main``.  Coverage adds the
same idf values as before in another order (the old loop followed a set's hash order, which changes
from process to process), so it can differ in the last bit, as it always could between runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from xiezhi.search.bm25 import BM25Index

#: A term's contributions for a repeated occurrence are kept up to this count in the question.
MAX_KEPT_REPEAT = 8
#: (documents, contributions for a single occurrence, idf per posting for coverage,
#:  main weights, main idf, analysis weights, analysis idf, idf counted in the coverage total)
Entry = tuple[Any, Any, Any, Any, float, Any, float, float]


class FusedScorer:
    """Scores ``main`` and ``extra`` (same documents, same order) and coverage in one pass."""

    def __init__(self, main: BM25Index, extra: BM25Index, unknown_idf: float) -> None:
        if extra.doc_keys != main.doc_keys:
            raise ValueError("the two indexes must hold the same documents in the same order")
        self.main = main
        self.extra = extra
        self.n = len(main)
        self.unknown_idf = unknown_idf
        self._entries: dict[str, Entry | None] = {}
        self._repeated: dict[tuple[str, int], Any] = {}

    def _entry(self, term: str) -> Entry | None:
        """The term's fused postings (None: in neither index), made on first use."""
        import numpy as np

        main_span = self.main.terms.get(term)
        extra_span = self.extra.terms.get(term)
        if main_span is None and extra_span is None:
            return None
        empty_i = np.zeros(0, dtype=np.int32)
        empty_f = np.zeros(0)
        if main_span is not None:
            s, e = main_span
            m_docs, m_contrib, m_weights = self.main.post_docs[s:e], self.main.post_contrib[s:e], \
                self.main.post_weights[s:e]
            m_idf = self.main.idf[term]
        else:
            m_docs, m_contrib, m_weights, m_idf = empty_i, empty_f, empty_f, 0.0
        if extra_span is not None:
            s, e = extra_span
            x_docs = self.extra.post_docs[s:e] + np.int32(self.n)
            x_contrib, x_weights = self.extra.post_contrib[s:e], self.extra.post_weights[s:e]
            x_idf = self.extra.idf[term]
        else:
            x_docs, x_contrib, x_weights, x_idf = empty_i, empty_f, empty_f, 0.0
        docs = np.concatenate([m_docs, x_docs])
        contrib = np.concatenate([m_contrib, x_contrib])
        cover = np.concatenate([np.full(len(m_docs), m_idf), np.zeros(len(x_docs))])
        total_idf = m_idf if main_span is not None else self.unknown_idf
        return docs, contrib, cover, m_weights, m_idf, x_weights, x_idf, total_idf

    def score(self, tokens: Sequence[str], extra_weight: float) -> tuple[Any, Any, float] | None:
        """(main + extra_weight * extra scores, matched idf mass per card, the question's idf mass).

        None when no term is in the main index (as ``main.score_array`` returning None).
        """
        import numpy as np

        entries = self._entries
        docs: list[Any] = []
        contrib: list[Any] = []
        cover: list[Any] = []
        total = 0.0
        known_main = False
        for term, qtf in Counter(tokens).items():
            found = entries.get(term, False)
            if found is False:
                found = entries[term] = self._entry(term)
            if found is None:
                total += self.unknown_idf
                continue
            d, c, cv, m_weights, m_idf, x_weights, x_idf, total_idf = found
            total += total_idf
            known_main = known_main or len(m_weights) > 0
            docs.append(d)
            cover.append(cv)
            if qtf == 1:
                contrib.append(c)
            else:
                repeated = self._repeated.get((term, qtf))
                if repeated is None:
                    # As BM25Index.gather: weight * (idf * (1 + 0.5 * (qtf - 1))), per index; depends only
                    # on the term and its count, so it is kept (counts above MAX_KEPT_REPEAT are rare).
                    factor = 1.0 + 0.5 * (qtf - 1)
                    repeated = np.concatenate([m_weights * (m_idf * factor), x_weights * (x_idf * factor)])
                    if qtf <= MAX_KEPT_REPEAT:
                        self._repeated[(term, qtf)] = repeated
                contrib.append(repeated)
        if not known_main:
            return None
        all_docs = np.concatenate(docs) if len(docs) > 1 else docs[0]
        both = np.bincount(all_docs, weights=np.concatenate(contrib) if len(contrib) > 1 else contrib[0],
                           minlength=2 * self.n)
        matched = np.bincount(all_docs, weights=np.concatenate(cover) if len(cover) > 1 else cover[0],
                              minlength=2 * self.n)
        n = self.n
        return both[:n] + extra_weight * both[n:], matched, total
