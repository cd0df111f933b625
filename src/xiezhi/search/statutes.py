"""Statute search for borrowers' questions: normalised, expanded into the words statutes use.

``law search`` ranks articles with BM25 over article text; a borrower asks 催收会上门吗 while the
articles speak of 住宅、滋扰、第三人.  This module normalises the question (synonyms.yaml), appends
statute vocabulary for the topics it mentions (legal_terms.yaml) and ranks with the corpus's own
article index, so ask answers and the statute benchmark share one ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from xiezhi.errors import DataError
from xiezhi.search.substrings import LazySubstrings

if TYPE_CHECKING:
    from xiezhi.kb.models import Card
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article
    from xiezhi.search.cards import CardIndex, PreparedQuestion
    from xiezhi.text.normalize import SynonymTable


@dataclass(frozen=True)
class Expansions(LazySubstrings):
    _substring_words = "terms"

    terms: dict[str, tuple[str, ...]]

    def expand(self, normalized: str) -> list[str]:
        """The words of every key found in the text, in the file's key order."""
        out: list[str] = []
        for key in self._substrings().present(normalized):
            out.extend(self.terms[key])
        return out

    def matched(self, text: str) -> frozenset[str]:
        """The keys found in the text (``expand`` of several texts joined by spaces = their union)."""
        return frozenset(self._substrings().present(text))

    @cached_property
    def _order(self) -> dict[str, int]:
        return {key: n for n, key in enumerate(self.terms)}

    def words(self, keys: frozenset[str]) -> list[str]:
        """``expand`` of a text whose matched keys are ``keys``: the words in the file's key order."""
        out: list[str] = []
        for key in sorted(keys, key=self._order.__getitem__):
            out.extend(self.terms[key])
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


def merge_statute_tokens(basic: Iterable[Sequence[str]], full: Iterable[Sequence[str]],
                         extra_words: Iterable[str], word_tokens: dict[str, list[str]]) -> list[str]:
    """Tokens as written (repeats kept), then normalised tokens not seen yet, then expansion words' tokens."""
    tokens = [t for part in basic for t in part]
    seen = set(tokens)
    for part in full:
        for t in part:
            if t not in seen:
                seen.add(t)
                tokens.append(t)
    for word in dict.fromkeys(extra_words):
        for t in word_tokens[word]:
            if t not in seen:
                seen.add(t)
                tokens.append(t)
    return tokens


def statute_query_tokens(question: str) -> list[str]:
    """Tokens for ranking articles: the question as written and as normalised, plus statute words.

    Both spellings count because statutes use the plain words (威胁, 借款) that synonyms.yaml maps
    to the cards' canonical forms (恐吓, 网贷).  Each expansion word is added once.
    """
    from xiezhi.search.cards import get_index

    index = get_index()
    return prepared_statute_tokens(index, index.prepare(question))


def prepared_statute_tokens(index: CardIndex, p: PreparedQuestion) -> list[str]:
    """``statute_query_tokens`` of an already normalised question."""
    exp = index.expansions
    extra = exp.expand(p.basic) + exp.expand(p.norm)
    return merge_statute_tokens([p.basic_tokens], [p.norm_tokens], extra, index.word_tokens)


# -- relevance feedback: the question followed by the answering card's title and conclusion -------

@dataclass(frozen=True)
class FeedbackPart:
    """Title + conclusion of a card as the statute query sees them, computed at index build time."""

    basic_tokens: tuple[str, ...]
    full_tokens: tuple[str, ...]
    basic_keys: frozenset[str]
    full_keys: frozenset[str]


@dataclass(frozen=True)
class CardFeedback:
    #: zhconv runs over the whole query when the card text holds a traditional character.
    traditional: bool
    #: Without zhconv (used when neither question nor card holds a traditional character) and with it.
    plain: FeedbackPart
    converted: FeedbackPart


def feedback_text(question: str, card: Card) -> str:
    """The statute query of an answered question (what ``answer`` would search with, spelled out)."""
    return f"{question} {card.title} {card.conclusion}"


def _boundary_safe(table: SynonymTable, expansions: Expansions) -> frozenset[str] | None:
    """Characters that a synonym match could carry across a space, or None if the split is unsafe.

    ``normalize(a + " " + b)`` equals ``normalize(a) + " " + normalize(b)`` when no synonym variant
    and no expansion key can match across the space.  Variants with an inner space ("wang dai") are
    harmless as long as the part after the space cannot start with one of their characters.
    """
    spaced = [v for v in table.mapping if any(ch.isspace() for ch in v)]
    if any(v[0].isspace() or v[-1].isspace() for v in spaced):
        return None
    if any(any(ch.isspace() for ch in key) for key in expansions.terms):
        return None
    return frozenset(ch for v in spaced for ch in v if not ch.isspace())


def build_feedback(cards: Iterable[Card], table: SynonymTable, expansions: Expansions,
                   word_tokens: dict[str, list[str]]) -> dict[str, CardFeedback]:
    """Per card, the statute-query tokens of its title and conclusion, so that an answer only
    normalises and segments the question itself.  Cards whose text could interact with the question
    across the joining space (see ``_boundary_safe``) are left out and take the plain path."""
    from xiezhi.text.normalize import basic_normalize, has_traditional
    from xiezhi.text.tokenize import tokenize

    unsafe = _boundary_safe(table, expansions)
    if unsafe is None:
        return {}
    out: dict[str, CardFeedback] = {}
    for card in cards:
        parts = (card.title, card.conclusion)
        modes = []
        for force in (False, True):
            basics = [basic_normalize(t, force_zhconv=force) for t in parts]
            if any(not b or b[0] in unsafe for b in basics):
                break
            fulls = [table.apply(b) for b in basics]
            modes.append(FeedbackPart(
                basic_tokens=tuple(t for b in basics for t in tokenize(b)),
                full_tokens=tuple(t for f in fulls for t in tokenize(f)),
                basic_keys=frozenset().union(*(expansions.matched(b) for b in basics)),
                full_keys=frozenset().union(*(expansions.matched(f) for f in fulls)),
            ))
        if len(modes) == 2:
            import unicodedata

            trad = any(has_traditional(unicodedata.normalize("NFKC", t)) for t in parts)
            out[card.id] = CardFeedback(traditional=trad, plain=modes[0], converted=modes[1])
    return out


def zhconv_changing_chars() -> frozenset[str] | None:
    """Every character of a zh-cn zhconv table entry that changes its text (None if unreadable).

    zhconv replaces matched table entries left to right; text without any of these characters
    matches no changing entry, so zhconv returns it unchanged.
    """
    try:
        from zhconv.zhconv import getdict

        table = getdict("zh-cn")
    except Exception:  # pragma: no cover - a zhconv without this helper: always run zhconv
        return None
    return frozenset(ch for k, v in table.items() if k != v for ch in k)


def feedback_tokens(index: CardIndex, p: PreparedQuestion, card: Card) -> list[str]:
    """``statute_query_tokens(feedback_text(question, card))``, from the card's precomputed part.

    The joined text is normalised piecewise: NFKC, lower case, whitespace and (see
    ``_boundary_safe``) synonyms and expansions do not reach across the spaces, and zhconv, which
    runs over the whole text as soon as any piece holds a traditional character, is applied to every
    piece in that case.  tests/test_ask_search.py checks this equality on every card.
    """
    fb = index.feedback.get(card.id)
    if fb is None or not p.basic:
        return statute_query_tokens(feedback_text(p.question, card))
    converted = fb.traditional or p.traditional
    part = fb.converted if converted else fb.plain
    q = p
    if converted and not p.traditional:
        # The card's traditional characters make zhconv run over the question too, which changes it
        # only if it holds a character of a phrase zhconv rewrites (么叔 -> 幺叔).
        import unicodedata

        chars = index.zhconv_chars
        if chars is None or not chars.isdisjoint(unicodedata.normalize("NFKC", p.question)):
            q = index.prepare(p.question, force_zhconv=True)
            if not q.basic:
                return statute_query_tokens(feedback_text(p.question, card))
    exp = index.expansions
    basic_keys = exp.matched(q.basic) | part.basic_keys
    full_keys = exp.matched(q.norm) | part.full_keys
    extra = exp.words(basic_keys) + exp.words(full_keys)
    return merge_statute_tokens([q.basic_tokens, part.basic_tokens], [q.norm_tokens, part.full_tokens],
                                extra, index.word_tokens)


# -- ranking -------------------------------------------------------------------------------------

#: Score multiplier for articles cited by at least one card (tuned on bench/data/statute_dev.jsonl).
CITED_PRIOR = 1.3

_PRIOR: dict[tuple[str, str], Any] = {}


def _prior(corpus: Corpus, index: CardIndex) -> Any:
    """Per article: 0.0 for a superseded text, CITED_PRIOR if some card cites it, else 1.0.

    Computed once per (corpus, card index); a superseded text is found only by id or by date.
    """
    key = (corpus.digest, index.digest)
    found = _PRIOR.get(key)
    if found is None:
        import numpy as np

        cited = index.cited_articles
        keys = corpus.search_index.index.doc_keys
        found = np.array([
            0.0 if corpus.instruments[corpus.articles[k].instrument_slug].effective_to is not None
            else (CITED_PRIOR if k in cited else 1.0)
            for k in keys
        ])
        _PRIOR[key] = found
    return found


def rank_statute_tokens(tokens: Sequence[str], top: int = 10) -> list[tuple[Article, float]]:
    """Articles in force ranked for query tokens: BM25 times the cited prior, best first, ties by id."""
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index

    if not tokens or top <= 0:
        return []
    import numpy as np

    corpus = get_corpus()
    index = corpus.search_index.index
    raw = index.score_array(tokens)
    if raw is None:
        return []
    # x * 1.0 == x and x * 1.3 is what the dict loop computed; superseded articles drop to 0.
    scores = raw * _prior(corpus, get_index())
    n_scored = int(np.count_nonzero(scores))
    if n_scored > top:
        kth = np.partition(scores, len(scores) - top)[len(scores) - top]
        cand = np.flatnonzero(scores >= kth)
    else:
        cand = np.flatnonzero(scores)
    keys = index.doc_keys
    best = sorted(zip((-scores[cand]).tolist(), [keys[d] for d in cand.tolist()], strict=True))[:top]
    return [(corpus.articles[key], -neg) for neg, key in best]


def search_statutes(question: str, top: int = 10) -> list[tuple[Article, float]]:
    """Articles in force ranked for a layperson's question (empty question -> empty list)."""
    return rank_statute_tokens(statute_query_tokens(question), top=top)
