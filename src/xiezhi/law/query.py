"""`law search` ranking: a layperson's question and a lawyer's keyword list want different things.

For questions (催收说要上门是真的吗) the expanded statute search of xiezhi.search.statutes wins
(statute Recall@10 0.93 vs 0.67 for plain BM25 on bench/data/statute_dev.jsonl). A list of short
keywords (征信 异议) is already in the statutes' own words, and expansion drowns it: there the
plain article BM25 and the expanded ranking are fused by reciprocal rank, so the article that uses
the very words stays on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xiezhi.law.models import Article

#: Reciprocal-rank constant and the plain ranking's weight in keyword mode.
RRF_K = 20
PLAIN_WEIGHT = 1.0
POOL = 60


def is_keyword_query(query: str) -> bool:
    """Two or more space-separated short terms, as in `xiezhi law search 征信 异议`."""
    terms = query.split()
    return len(terms) >= 2 and all(len(t) <= 6 for t in terms)


def rank_articles(query: str, top: int = 10) -> list[tuple[Article, float]]:
    from xiezhi.law import get_corpus
    from xiezhi.search.statutes import search_statutes

    if not is_keyword_query(query):
        return search_statutes(query, top=top)
    corpus = get_corpus()
    fused: dict[str, float] = {}
    for hits, weight in ((search_statutes(query, top=POOL), 1.0), (corpus.search(query, top=POOL), PLAIN_WEIGHT)):
        for rank, (article, _score) in enumerate(hits):
            fused[article.id] = fused.get(article.id, 0.0) + weight / (RRF_K + rank + 1)
    best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(corpus.articles[key], score) for key, score in best]
