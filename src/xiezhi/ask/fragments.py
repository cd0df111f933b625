"""Pieces of an Answer's JSON that depend only on the shipped data, made once by pydantic itself.

``engine.answer_json`` joins them with the per-question parts.  Each piece is cut out of
``model_dump_json()`` of a template model, so its bytes are exactly what serialising a whole Answer
writes there (field order, ``extra="allow"`` keys, escaping, nulls); a template whose cut points
are not found exactly once raises, so a change of the models cannot go unnoticed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiezhi.ask.models import Answer, StatuteHit

if TYPE_CHECKING:
    from xiezhi.kb.models import Card
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article

#: A score no article can hold, exactly representable, whose JSON marks where the score goes.
_MARK = 1234567.125
_SCORE = b'"score":1234567.125'
_CARD_HEAD = b'{"question":"","answered":true,"confidence":1.0,'
_CARD_TAIL = b',"statutes":[]}'

_STATUTES: dict[str, dict[str, tuple[bytes, bytes]]] = {}
_CARDS: dict[tuple[str, str, str], bytes] = {}


def _split_once(data: bytes, mark: bytes) -> tuple[bytes, bytes]:
    if data.count(mark) != 1:
        raise RuntimeError(f"answer JSON template: {mark!r} found {data.count(mark)} times")
    pre, post = data.split(mark)
    return pre, post


def statute_fragment(corpus: Corpus, article: Article) -> tuple[bytes, bytes]:
    """JSON of the article as a StatuteHit, split where its score goes: (up to ``"score":``, after)."""
    cache = _STATUTES.setdefault(corpus.digest, {})
    found = cache.get(article.id)
    if found is None:
        from xiezhi.ask.engine import _article_dict

        data = StatuteHit.model_validate({**_article_dict(corpus, article), "score": _MARK}).model_dump_json()
        pre, post = _split_once(data.encode(), _SCORE)
        found = cache[article.id] = (pre + b'"score":', post)
    return found


def card_fragment(card: Card) -> bytes:
    """``"card":{…},"citations":[…],"related":[…]`` of an answer by this card."""
    from xiezhi.ask.engine import _card_parts
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index

    key = (get_index().digest, get_corpus().digest, card.id)
    found = _CARDS.get(key)
    if found is None:
        data = Answer.model_validate({"question": "", "answered": True, "confidence": 1.0, **_card_parts(card),
                                      "statutes": []}).model_dump_json().encode()
        if not (data.startswith(_CARD_HEAD) and data.endswith(_CARD_TAIL)):
            raise RuntimeError("answer JSON template: unexpected layout")
        found = _CARDS[key] = data[len(_CARD_HEAD):-len(_CARD_TAIL)]
    return found
