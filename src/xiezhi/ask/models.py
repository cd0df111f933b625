"""The answer to a borrower's question: one model for the CLI (--json), the API and the web page."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ArticleRef(BaseModel):
    """An article as ``Corpus.article_json`` gives it (same keys as ``law show --json``)."""

    model_config = ConfigDict(extra="allow")

    id: str
    instrument: str
    instrument_slug: str
    article: str
    display: str
    text: str
    version: str | None = None
    effective: str | None = None


class StatuteHit(ArticleRef):
    """A statute ranked for the question; ``score`` is the BM25 score (higher is closer)."""

    score: float


class CardView(BaseModel):
    id: str
    title: str
    conclusion: str
    analysis: str
    steps: list[str]
    see_lawyer_when: list[str]


class RelatedCard(BaseModel):
    id: str
    title: str


class Answer(BaseModel):
    """``answered`` is False when no card is a confident match or the question is not about debt;
    ``card`` is then None and ``statutes`` holds the nearest articles (see DECLINE_NOTICE)."""

    question: str
    answered: bool
    confidence: float = Field(ge=0.0, le=1.0)
    card: CardView | None
    citations: list[ArticleRef]
    related: list[RelatedCard]
    statutes: list[StatuteHit]
