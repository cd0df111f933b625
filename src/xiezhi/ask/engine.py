"""Question -> Answer: domain gate, card retrieval, calibrated confidence, citations, statutes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from xiezhi.ask.models import Answer, ArticleRef, CardView, RelatedCard, StatuteHit
from xiezhi.errors import InputError

#: Shown whenever no card answers (human output and web page).
DECLINE_NOTICE = (
    "没有找到足够可靠的答案。下面列出可能相关的法条原文，仅供参考；"
    "可拨打 12348 公共法律服务热线，或到当地法律援助中心、公共法律服务中心免费咨询。"
)
DISCLAIMER = "以上为法律信息，不是针对你个人情况的法律意见；具体问题请咨询律师或拨打 12348。"

MAX_QUESTION_CHARS = 2000

#: Calibration (bench/bench_ask.py tunes these on bench/data/ask_dev.jsonl; see docs/ask.md).
CONFIDENCE_THRESHOLD = 0.45
SCORE_SCALE = 6.0
WEIGHTS = (0.55, 0.25, 0.20)  # coverage, margin, strength


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


def confidence_of(scores: list[float], coverage: float) -> float:
    if not scores or scores[0] <= 0:
        return 0.0
    s1 = scores[0]
    s2 = scores[1] if len(scores) > 1 else 0.0
    margin = (s1 - s2) / s1
    strength = s1 / (s1 + SCORE_SCALE)
    wc, wm, ws = WEIGHTS
    return max(0.0, min(1.0, wc * coverage + wm * margin + ws * strength))


def rank(question: str, top: int = 5) -> Ranking:
    """Retrieve cards for a question and score how sure we are (no statutes, no answer assembly)."""
    from xiezhi.search.cards import get_index

    index = get_index()
    norm = index.normalize(question)
    domain_score, _ = index.lexicon.score(norm)
    hits = index.search(question, top=top)
    scores = [h.score for h in hits]
    coverage = hits[0].coverage if hits else 0.0
    return Ranking(
        normalized=norm,
        domain_score=domain_score,
        in_domain=domain_score >= index.lexicon.threshold,
        card_ids=[h.card_id for h in hits],
        scores=scores,
        coverage=coverage,
        confidence=confidence_of(scores, coverage),
    )


def decide(r: Ranking) -> bool:
    return r.in_domain and bool(r.card_ids) and r.confidence >= CONFIDENCE_THRESHOLD


def _check_question(question: str) -> str:
    if not isinstance(question, str) or not question.strip():
        raise InputError("问题是空的：请用一句话描述你的情况，例如“网贷逾期后催收会上门吗？”")
    q = question.strip()
    if len(q) > MAX_QUESTION_CHARS:
        raise InputError(f"问题太长（{len(q)} 字），请控制在 {MAX_QUESTION_CHARS} 字以内。")
    return q


def answer(question: str, *, statutes: int = 5) -> Answer:
    """Answer one question.  Raises InputError for an empty or over-long question."""
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import search_statutes

    q = _check_question(question)
    r = rank(q)
    corpus = get_corpus()
    statute_hits = [
        StatuteHit(**corpus.article_json(a), score=round(s, 4)) for a, s in search_statutes(q, top=statutes)
    ] if statutes > 0 else []
    if not decide(r):
        return Answer(question=q, answered=False, confidence=round(r.confidence, 4), card=None,
                      citations=[], related=[], statutes=statute_hits)
    index = get_index()
    card = index.cards[r.card_ids[0]]
    citations = [ArticleRef(**corpus.article_json(cid)) for cid in card.citations if corpus.has(cid)]
    related = [RelatedCard(id=rid, title=index.cards[rid].title) for rid in card.related if rid in index.cards]
    view = CardView(id=card.id, title=card.title, conclusion=card.conclusion, analysis=card.analysis,
                    steps=list(card.steps), see_lawyer_when=list(card.see_lawyer_when))
    return Answer(question=q, answered=True, confidence=round(r.confidence, 4), card=view,
                  citations=citations, related=related, statutes=statute_hits)


def answer_many(questions: Iterable[str], *, statutes: int = 5) -> Iterator[Answer]:
    """Answer questions in order (blank lines are the caller's business)."""
    for q in questions:
        yield answer(q, statutes=statutes)
