"""The knowledge card: one borrower question answered in this project's own words, with citations."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, field_validator


class Card(BaseModel):
    """A card as written in ``data/cards/<id>.md`` (front matter + Markdown body = analysis)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    phrasings: list[str]
    category: str
    conclusion: str
    steps: list[str]
    citations: list[str]
    see_lawyer_when: list[str]
    related: list[str] = []
    reviewed: date
    analysis: str = ""

    @field_validator("see_lawyer_when", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        if isinstance(value, str):
            return [value]
        return value

    @field_validator("steps", "phrasings", "citations", "related", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return [] if value is None else value


class CardIssue(BaseModel):
    """One validation problem, naming the card and file so a writer can fix it."""

    card_id: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
