"""Card retrieval: BM25F over normalised, segmented card fields, cached on disk by content hash.

Title and phrasings weigh most, then the conclusion, then the analysis.  The analysis is scored in a
separate BM25 index added at ANALYSIS_WEIGHT: inside the BM25F sum its length swamped the length
normalisation of the short fields (any weight above zero there cost ~2 points of top-1 on the dev
set; the separate index costs nothing and lets words found only in an analysis count).  Both the cards
and the question go through ``xiezhi.text.normalize.normalize`` and ``xiezhi.text.tokenize.tokenize``,
so "wd逾期cs说要到我家" and a card phrased "网贷逾期后催收上门" meet on 网贷/逾期/催收/上门.  A
low-weight field of character bigrams (title and phrasings) catches what segmentation splits
differently (催收费 | 要 vs 收费) and typos the synonym table does not list.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiezhi.kb.models import Card
from xiezhi.search.bm25 import BM25Index
from xiezhi.search.clauses import FINAL_CLAUSE_REPEATS, final_question_clause

if TYPE_CHECKING:
    from xiezhi.search.domain import DomainLexicon
    from xiezhi.search.fused import FusedScorer
    from xiezhi.search.statutes import CardFeedback, Expansions
    from xiezhi.text.normalize import SynonymTable

#: Field weights of the BM25F index (tuned on bench/data/ask_dev.jsonl, see docs/ask.md).
FIELD_WEIGHTS: dict[str, float] = {
    "title": 1.5,
    "phrasings": 2.0,
    "conclusion": 1.0,
    "bigrams": 0.2,
}
#: Weight of the separate analysis index relative to the BM25F score above.
ANALYSIS_WEIGHT = 0.1
K1, B = 3.0, 0.75
INDEX_FORMAT = 9
_NOT_WORD = re.compile(r"[^\u4e00-\u9fffa-z0-9]+")
#: Characters left out of bigrams: particles and pronouns that only make noise pairs.
_BIGRAM_SKIP = frozenset("的了吗呢吧啊呀么我你他她它是在")


def _text_files() -> list[Path]:
    from xiezhi.text.normalize import data_path

    return [data_path(n) for n in ("synonyms.yaml", "legal_dict.txt", "domain.yaml", "legal_terms.yaml")]


def content_digest(card_paths: Sequence[Path]) -> str:
    """Hash of everything the index depends on: cards, normalisation data, weights, format."""
    from xiezhi.search.bm25 import FORMAT as BM25_FORMAT

    h = hashlib.sha256(
        f"cards{INDEX_FORMAT}-{BM25_FORMAT}{sorted(FIELD_WEIGHTS.items())}{K1}{B}{ANALYSIS_WEIGHT}".encode())
    for p in [*card_paths, *_text_files()]:
        h.update(p.name.encode())
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.hexdigest()[:16]


def query_tokens(text: str, table: SynonymTable | None = None) -> list[str]:
    """Tokens of a question or card field after full normalisation."""
    from xiezhi.text.normalize import normalize
    from xiezhi.text.tokenize import tokenize

    return tokenize(normalize(text, table))


def char_bigrams(normalized: str) -> list[str]:
    """Character bigrams of already-normalised text, skipping particles and punctuation."""
    out: list[str] = []
    for seg in _NOT_WORD.sub(" ", normalized).split():
        seg = "".join(ch for ch in seg if ch not in _BIGRAM_SKIP)
        out.extend(seg[i:i + 2] for i in range(len(seg) - 1))
    return out


def question_tokens(text: str, table: SynonymTable | None = None) -> list[str]:
    """Words plus character bigrams of the normalised question (what the index is searched with)."""
    from xiezhi.text.normalize import normalize
    from xiezhi.text.tokenize import tokenize

    norm = normalize(text, table)
    return tokenize(norm) + char_bigrams(norm) + final_clause_tokens(norm)


def final_clause_tokens(normalized: str) -> list[str]:
    """The final question clause of a long story, repeated (``xiezhi.search.clauses``); [] otherwise."""
    clause = final_question_clause(normalized)  # imported at module level: this runs for every question
    if clause is None:
        return []
    from xiezhi.text.tokenize import tokenize

    return (tokenize(clause) + char_bigrams(clause)) * FINAL_CLAUSE_REPEATS


def card_fields(card: Card, table: SynonymTable | None = None) -> dict[str, list[str]]:
    from xiezhi.text.normalize import normalize

    return {
        "title": query_tokens(card.title, table),
        "phrasings": [t for p in card.phrasings for t in query_tokens(p, table)],
        "conclusion": query_tokens(card.conclusion, table),
        "bigrams": [g for p in [card.title, *card.phrasings] for g in char_bigrams(normalize(p, table))],
    }


@dataclass
class PreparedQuestion:
    """A question normalised once: every retrieval step of an answer reads from here."""

    question: str
    #: ``basic_normalize(question)`` (width, script, case, spaces).
    basic: str
    #: ``normalize(question)``: ``basic`` after the synonym table.
    norm: str
    #: Whether zhconv ran (the NFKC text held a traditional character, or it was forced).
    traditional: bool

    # Segmented on first use and kept (plain attributes, not cached_property: Python 3.11 takes a
    # lock shared by all instances on every first access, and a server answers in several threads).
    _basic_tokens: list[str] | None = field(default=None, repr=False, compare=False)
    _norm_tokens: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def basic_tokens(self) -> list[str]:
        found = self._basic_tokens
        if found is None:
            from xiezhi.text.tokenize import tokenize

            if self.basic == self.norm and self._norm_tokens is not None:
                found = list(self._norm_tokens)  # no synonym applied: the same text, the same tokens
            else:
                found = tokenize(self.basic)
            self._basic_tokens = found
        return found

    @property
    def norm_tokens(self) -> list[str]:
        found = self._norm_tokens
        if found is None:
            from xiezhi.text.tokenize import tokenize

            if self.basic == self.norm and self._basic_tokens is not None:
                found = list(self._basic_tokens)
            else:
                found = tokenize(self.norm)
            self._norm_tokens = found
        return found

    @property
    def card_tokens(self) -> list[str]:
        """What the card index is searched with (``question_tokens``)."""
        return self.norm_tokens + char_bigrams(self.norm) + final_clause_tokens(self.norm)


@dataclass
class CardHit:
    card_id: str
    score: float
    #: Share of the question's idf mass that this card matches (0..1); unknown words count fully.
    coverage: float


@dataclass
class CardIndex:
    digest: str
    cards: dict[str, Card]
    bm25: BM25Index
    #: The analyses, same document order as ``bm25``.
    analysis_bm25: BM25Index
    #: Normalisation table and domain lexicon travel with the index, so a cached query parses no YAML.
    table: SynonymTable
    lexicon: DomainLexicon
    #: Statute-search query expansions (legal_terms.yaml), cached here for the same reason.
    expansions: Expansions
    issues: list[str] = field(default_factory=list)
    #: Per document of ``bm25``, the terms it holds (for coverage).
    doc_terms: list[frozenset[str]] = field(default_factory=list)
    #: Tokens of every expansion word in legal_terms.yaml.
    word_tokens: dict[str, list[str]] = field(default_factory=dict)
    #: Per card id, its title and conclusion as an answer's statute query sees them.
    feedback: dict[str, CardFeedback] = field(default_factory=dict)
    #: Characters of the phrases zhconv rewrites; text with none of them comes out of zhconv unchanged.
    zhconv_chars: frozenset[str] | None = None

    @cached_property
    def cited_articles(self) -> frozenset[str]:
        """Article ids that some card cites (computed once; every statute search asks)."""
        return frozenset(cid for card in self.cards.values() for cid in card.citations)

    @classmethod
    def build(cls, cards: Sequence[Card], digest: str, issues: Sequence[str] = ()) -> CardIndex:
        from xiezhi.search.domain import load_lexicon
        from xiezhi.search.statutes import build_feedback, load_expansions, zhconv_changing_chars
        from xiezhi.text.normalize import load_table
        from xiezhi.text.tokenize import tokenize

        table = load_table()
        docs = [(c.id, card_fields(c, table)) for c in cards]
        bm25 = BM25Index.build(docs, FIELD_WEIGHTS, k1=K1, b=B)
        analyses = BM25Index.build([(c.id, {"analysis": query_tokens(c.analysis, table)}) for c in cards],
                                   {"analysis": 1.0})
        terms: list[set[str]] = [set() for _ in cards]
        for term, (start, end) in bm25.terms.items():
            for d in bm25.post_docs[start:end].tolist():
                terms[d].add(term)
        expansions = load_expansions()
        word_tokens = {w: tokenize(w) for words in expansions.terms.values() for w in words}
        return cls(digest=digest, cards={c.id: c for c in cards}, bm25=bm25, analysis_bm25=analyses, table=table,
                   lexicon=load_lexicon(), expansions=expansions, issues=list(issues),
                   doc_terms=[frozenset(t) for t in terms], word_tokens=word_tokens,
                   feedback=build_feedback(cards, table, expansions, word_tokens),
                   zhconv_chars=zhconv_changing_chars())

    def normalize(self, text: str) -> str:
        from xiezhi.text.normalize import normalize

        return normalize(text, self.table)

    def prepare(self, question: str, *, force_zhconv: bool = False) -> PreparedQuestion:
        """Normalise a question once (``normalize`` would give ``.norm``)."""
        import unicodedata

        from xiezhi.text.normalize import basic_normalize, has_traditional

        basic = basic_normalize(question, force_zhconv=force_zhconv)
        trad = force_zhconv or has_traditional(unicodedata.normalize("NFKC", question))
        return PreparedQuestion(question, basic, self.table.apply(basic), trad)

    @property
    def unknown_idf(self) -> float:
        n = max(len(self.bm25), 1)
        return math.log(1 + (n + 0.5) / 0.5)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_scorer", None)  # made again on first query after loading
        return state

    @property
    def scorer(self) -> FusedScorer:
        """Both card indexes and coverage in one pass (``xiezhi.search.fused``), made once per process."""
        found = self.__dict__.get("_scorer")
        if found is None:
            from xiezhi.search.fused import FusedScorer

            found = self.__dict__["_scorer"] = FusedScorer(self.bm25, self.analysis_bm25, self.unknown_idf)
        return found

    def search_tokens(self, tokens: Sequence[str], top: int = 5) -> list[CardHit]:
        """Best cards by BM25F + ANALYSIS_WEIGHT * analysis BM25, ties by card order."""
        import numpy as np

        if not tokens or top <= 0:
            return []
        got = self.scorer.score(tokens, ANALYSIS_WEIGHT)
        if got is None:
            return []
        acc, matched, total = got
        # Every score is >= 0; a stable sort on -score puts the cards with a score first, best first,
        # ties in card order, then the cards without one (-0.0), which are dropped.
        best = np.argsort(-acc, kind="stable")[:top].tolist()
        total = total or 1.0
        keys = self.bm25.doc_keys
        return [CardHit(keys[d], score, float(matched[d]) / total)
                for d in best if (score := float(acc[d])) > 0]

    def search(self, question: str, top: int = 5) -> list[CardHit]:
        return self.search_tokens(question_tokens(question, self.table), top=top)


def load_index(directory: Path | None = None, *, use_cache: bool = True) -> CardIndex:
    """The card index for a folder of cards (the shipped one by default), from cache when unchanged."""
    from xiezhi.kb.loader import card_files, load_cards
    from xiezhi.law.corpus import cache_path, read_cache, write_cache

    paths = card_files(directory)
    digest = content_digest(paths)
    path = cache_path("card-index", digest) if use_cache else None
    cached = read_cache(path)
    if isinstance(cached, CardIndex) and cached.digest == digest:
        return cached
    cards, issues = load_cards(directory)
    index = CardIndex.build(cards, digest, [str(i) for i in issues])
    write_cache(path, index)
    return index


@lru_cache(maxsize=1)
def get_index() -> CardIndex:
    """The shipped card index, loaded once per process."""
    return load_index()
