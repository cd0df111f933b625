"""Statute search: BM25 over article text segmented with the legal user dictionary.

Built once from the corpus and cached on disk beside the corpus cache, keyed by the corpus digest
and the user dictionary, so `law search` does not re-segment a megabyte of law on every call.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from xiezhi.errors import InputError
from xiezhi.search.bm25 import BM25Index

if TYPE_CHECKING:
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article

#: Article text counts most; the chapter heading and the instrument's name help short queries.
FIELD_WEIGHTS = {"text": 1.0, "location": 0.6, "instrument": 0.3}
INDEX_FORMAT = 2


def _dict_digest() -> str:
    data = (resources.files("xiezhi") / "data" / "text" / "legal_dict.txt").read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


@dataclass
class ArticleSearch:
    index: BM25Index
    digest: str

    @classmethod
    def build(cls, corpus: Corpus, digest: str) -> ArticleSearch:
        from xiezhi.text.tokenize import tokenize

        docs = []
        for a in corpus.articles.values():
            inst = corpus.instruments[a.instrument_slug]
            docs.append((a.id, {
                "text": tokenize(a.text),
                "location": tokenize(" ".join(a.location)),
                "instrument": tokenize(f"{inst.title} {inst.common_name}"),
            }))
        return cls(BM25Index.build(docs, FIELD_WEIGHTS), digest)

    @classmethod
    def load_or_build(cls, corpus: Corpus) -> ArticleSearch:
        from xiezhi.law.corpus import cache_path, read_cache, write_cache
        from xiezhi.search.bm25 import FORMAT as BM25_FORMAT

        digest = f"{corpus.digest}-{_dict_digest()}-{INDEX_FORMAT}-{BM25_FORMAT}"
        path = cache_path("law-index", digest)
        cached = read_cache(path)
        if isinstance(cached, ArticleSearch) and cached.digest == digest:
            return cached
        built = cls.build(corpus, digest)
        write_cache(path, built)
        return built

    def search_tokens(self, corpus: Corpus, tokens: list[str], top: int = 10,
                      in_force_only: bool = True) -> list[tuple[Article, float]]:
        hits = self.index.search(tokens, top=top * 3 if in_force_only else top)
        out = []
        for key, score in hits:
            a = corpus.articles[key]
            if in_force_only and corpus.instruments[a.instrument_slug].effective_to is not None:
                continue  # superseded versions only when asked for by id or date
            out.append((a, score))
            if len(out) == top:
                break
        return out

    def search(self, query: str, top: int = 10) -> list[tuple[Article, float]]:
        from xiezhi.law.corpus import get_corpus
        from xiezhi.text.tokenize import tokenize

        if not query or not query.strip():
            raise InputError("搜索内容为空：请输入要查找的词语，例如“催收 上门”。")
        if top < 1:
            raise InputError("--top 必须是正整数。")
        return self.search_tokens(get_corpus(), tokenize(query), top=top)
