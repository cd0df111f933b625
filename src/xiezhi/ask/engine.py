"""Question -> Answer: domain gate, card retrieval, calibrated confidence, citations, statutes."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xiezhi.ask.models import Answer
from xiezhi.errors import InputError

if TYPE_CHECKING:
    from xiezhi.kb.models import Card
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article
    from xiezhi.search.cards import PreparedQuestion

#: Shown whenever no card answers (human output and web page).
DECLINE_NOTICE = (
    "没有找到足够可靠的答案。下面列出可能相关的法条原文，仅供参考；"
    "可拨打 12348 公共法律服务热线，或到当地法律援助中心、公共法律服务中心免费咨询。"
)
DISCLAIMER = "以上为法律信息，不是针对你个人情况的法律意见；具体问题请咨询律师或拨打 12348。"

MAX_QUESTION_CHARS = 2000

#: Calibration, fitted on bench/data/ask_dev.jsonl (see docs/ask.md).  ``confidence`` is a logistic
#: estimate of "the top card answers this question" from: bias, coverage (share of the question's
#: idf mass the card matches), margin over the second card, log(1 + top score), domain score clipped
#: to [-3, 3], and "other legal topic outweighs debt words" (domain score < 0).
LOGIT_WEIGHTS = (-3.414, 3.261, 4.676, 0.582, 0.481, -2.69)
CONFIDENCE_THRESHOLD = 0.35
#: Domain gate: below the lexicon threshold (no clear debt words) a question must still match this
#: share of its idf mass in the top card; a negative domain score always declines.
MIN_COVERAGE_WITHOUT_DEBT_WORDS = 0.35
#: With only weak debt evidence (one generic word such as 借/欠/贷), the top card must still match
#: this share: "邻居借了我家的梯子不还" shares 借 and 不还 with the cards and little else.
WEAK_DOMAIN_SCORE = 1.5
MIN_COVERAGE_WEAK_DOMAIN = 0.12
#: ... and a higher confidence than questions with clear debt words.
WEAK_DOMAIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Ranking:
    """What retrieval saw, kept for benchmarks and explanations."""

    normalized: str
    domain_score: float
    in_domain: bool
    card_ids: list[str]
    scores: list[float]
    coverage: float
    confidence: float


def confidence_of(scores: list[float], coverage: float, domain_score: float) -> float:
    if not scores or scores[0] <= 0:
        return 0.0
    s1 = scores[0]
    s2 = scores[1] if len(scores) > 1 else 0.0
    features = (1.0, coverage, (s1 - s2) / s1, math.log1p(s1), max(-3.0, min(3.0, domain_score)),
                1.0 if domain_score < 0 else 0.0)
    z = sum(w * x for w, x in zip(LOGIT_WEIGHTS, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def rank(question: str, top: int = 5) -> Ranking:
    """Retrieve cards for a question and score how sure we are (no statutes, no answer assembly)."""
    from xiezhi.search.cards import get_index

    return _rank(get_index().prepare(question), top)


def _rank(p: PreparedQuestion, top: int = 5) -> Ranking:
    from xiezhi.search.cards import get_index

    index = get_index()
    domain_score, _ = index.lexicon.score(p.norm)
    hits = index.search_tokens(p.card_tokens, top=top)
    scores = [h.score for h in hits]
    coverage = hits[0].coverage if hits else 0.0
    return Ranking(
        normalized=p.norm,
        domain_score=domain_score,
        in_domain=domain_score >= index.lexicon.threshold,
        card_ids=[h.card_id for h in hits],
        scores=scores,
        coverage=coverage,
        confidence=confidence_of(scores, coverage, domain_score),
    )


def decide(r: Ranking) -> bool:
    """Answer only a debt question with a confident match.

    Other legal topics outweighing debt words (domain score < 0) always decline; without clear debt
    words the top card must cover MIN_COVERAGE_WITHOUT_DEBT_WORDS of the question, with only weak
    ones MIN_COVERAGE_WEAK_DOMAIN and WEAK_DOMAIN_CONFIDENCE; and the calibrated confidence must reach CONFIDENCE_THRESHOLD.
    """
    if not r.card_ids or r.domain_score < 0:
        return False
    if not r.in_domain and r.coverage < MIN_COVERAGE_WITHOUT_DEBT_WORDS:
        return False
    if r.domain_score < WEAK_DOMAIN_SCORE and (
        r.coverage < MIN_COVERAGE_WEAK_DOMAIN or r.confidence < WEAK_DOMAIN_CONFIDENCE
    ):
        return False
    return r.confidence >= CONFIDENCE_THRESHOLD


def _check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InputError("问题是空的：请用一句话描述你的情况，例如“网贷逾期后催收会上门吗？”")
    q = question.strip()
    if len(q) > MAX_QUESTION_CHARS:
        raise InputError(f"问题太长（{len(q)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内：写下最想问的一两句话就够了；"
                         "催收短信、聊天记录可以粘贴到“催收检测”里逐条分析。")
    return q


def answer(question: str, *, statutes: int = 5) -> Answer:
    """Answer one question.  Raises InputError for an empty or over-long question."""
    q, card, confidence, ranked = _answer_parts(question, statutes)
    from xiezhi.law import get_corpus

    statute_hits = _statute_hits(get_corpus(), ranked)
    if card is None:
        return Answer.model_validate({"question": q, "answered": False, "confidence": confidence,
                                      "card": None, "citations": [], "related": [], "statutes": statute_hits})
    return _card_answer(q, card, confidence, statute_hits)


def answer_json(question: str, *, statutes: int = 5) -> bytes:
    """``answer(question, statutes=statutes).model_dump_json()`` as UTF-8 bytes, without the model.

    The HTTP API answers with this.  Validating the nested Answer and serialising it took about a
    sixth of an /ask request's CPU, although everything but the question, the confidence and the
    scores depends only on the shipped data.  Those parts are pydantic's own JSON, made once per card
    and per article (``xiezhi.ask.fragments``); per call only the question and the numbers are
    serialised, with ``pydantic_core.to_json`` (the serialiser the model uses).  The bytes are
    compared with the model's output in tests/test_ask_json.py.
    """
    from pydantic_core import to_json

    from xiezhi.ask.fragments import card_fragment, statute_fragment
    from xiezhi.law import get_corpus

    q, card, confidence, ranked = _answer_parts(question, statutes)
    corpus = get_corpus()
    head = b'{"question":' + to_json(q) + (b',"answered":true,"confidence":' if card else
                                           b',"answered":false,"confidence":') + to_json(confidence)
    body = card_fragment(card) if card else b'"card":null,"citations":[],"related":[]'
    hits = b",".join([pre + to_json(round(score, 4)) + post
                      for (pre, post), score in ((statute_fragment(corpus, a), s) for a, s in ranked)])
    return head + b"," + body + b',"statutes":[' + hits + b"]}"


def _answer_parts(question: str, statutes: int) -> tuple[str, Card | None, float, list[tuple[Article, float]]]:
    """What an answer is made of: the checked question, the answering card (None: declined), the
    rounded confidence and the ranked statutes."""
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import feedback_tokens, prepared_statute_tokens, rank_statute_tokens

    q = _check_question(question)
    index = get_index()
    p = index.prepare(q)
    r = _rank(p)
    answered = decide(r)
    card = index.cards[r.card_ids[0]] if answered else None
    # With an answer, the card's title and conclusion restate the question in the words statutes
    # use (relevance feedback: statutes.feedback_text); without one, the question alone.
    ranked = rank_statute_tokens(
        feedback_tokens(index, p, card) if card else prepared_statute_tokens(index, p), top=statutes
    ) if statutes > 0 else []
    return q, card, round(r.confidence, 4), ranked


# Answers are validated from plain dicts in one pydantic call (each nested model is built fresh, so
# no answer shares state with another); the dicts of articles and cards, which depend only on the
# shipped data, are made once per process.
_ARTICLE_DICTS: dict[str, dict[str, dict[str, Any]]] = {}
_CARD_PARTS: dict[tuple[str, str, str], dict[str, Any]] = {}


def _article_dict(corpus: Corpus, article: Article) -> dict[str, Any]:
    """``corpus.article_json(article)``, computed once per article (treat as read-only)."""
    cache = _ARTICLE_DICTS.setdefault(corpus.digest, {})
    found = cache.get(article.id)
    if found is None:
        found = cache[article.id] = corpus.article_json(article)
    return found


def _statute_hits(corpus: Corpus, ranked: list[tuple[Article, float]]) -> list[dict[str, Any]]:
    return [{**_article_dict(corpus, a), "score": round(s, 4)} for a, s in ranked]


def _card_parts(card: Card) -> dict[str, Any]:
    """The card, its citations and related cards as Answer fields (once per card per process)."""
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index

    corpus = get_corpus()
    index = get_index()
    key = (index.digest, corpus.digest, card.id)
    found = _CARD_PARTS.get(key)
    if found is None:
        found = _CARD_PARTS[key] = {
            "card": {"id": card.id, "title": card.title, "conclusion": card.conclusion, "analysis": card.analysis,
                     "steps": list(card.steps), "see_lawyer_when": list(card.see_lawyer_when)},
            "citations": [_article_dict(corpus, corpus.articles[cid]) for cid in card.citations if corpus.has(cid)],
            "related": [{"id": rid, "title": index.cards[rid].title} for rid in card.related if rid in index.cards],
        }
    return found


def _card_answer(question: str, card: Card, confidence: float, statute_hits: list[dict[str, Any]]) -> Answer:
    return Answer.model_validate({"question": question, "answered": True, "confidence": confidence,
                                  **_card_parts(card), "statutes": statute_hits})


def card_answer(card_id: str, *, statutes: int = 5) -> Answer:
    """The Answer for one card by id (for "related question" links and card pages).

    ``question`` is the card's title and ``confidence`` 1.0; raises InputError for an unknown id.
    """
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import search_statutes

    card = get_index().cards.get(card_id)
    if card is None:
        raise InputError(f"没有编号为 {card_id!r} 的问答卡片。")
    corpus = get_corpus()
    hits = _statute_hits(corpus, search_statutes(f"{card.title} {card.conclusion}", top=statutes)
                         ) if statutes > 0 else []
    return _card_answer(card.title, card, 1.0, hits)


def answer_many(questions: Iterable[str], *, statutes: int = 5) -> Iterator[Answer]:
    """Answer questions in order (blank lines are the caller's business)."""
    for q in questions:
        yield answer(q, statutes=statutes)
