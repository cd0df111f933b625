"""Strict checks over all cards: fields, lengths, citations, related ids, near-duplicate titles.

The tests run these over the shipped cards, so a writer's mistake is one failing line naming the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from xiezhi.kb.models import Card, CardIssue

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_PHRASINGS = 4
MAX_CONCLUSION = 80
MIN_ANALYSIS, MAX_ANALYSIS = 150, 600
#: Two titles whose character-bigram Jaccard similarity reaches this are near-duplicates.
NEAR_DUPLICATE = 0.8
_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)
_WS = re.compile(r"\s+")


def text_length(text: str) -> int:
    """Length as a reader counts it: characters without whitespace."""
    return len(_WS.sub("", text))


def _bigrams(text: str) -> set[str]:
    t = _NOT_TEXT.sub("", text.lower())
    return {t[i:i + 2] for i in range(len(t) - 1)} or {t}


def title_similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def _default_resolver() -> Callable[[str], object]:
    from xiezhi.law import get_corpus

    return get_corpus().article


def check_card(card: Card, resolve: Callable[[str], object], *, today: date | None = None) -> list[str]:
    """Problems of one card on its own (Chinese messages, without the file name)."""
    out: list[str] = []
    if not ID_PATTERN.match(card.id):
        out.append(f"id {card.id!r} 只能用小写字母、数字和连字符")
    if not card.title.strip():
        out.append("title 为空")
    phrasings = [p.strip() for p in card.phrasings if p and p.strip()]
    if len(set(phrasings)) < MIN_PHRASINGS:
        out.append(f"phrasings 需要至少 {MIN_PHRASINGS} 条不同的问法（现有 {len(set(phrasings))} 条）")
    if not card.category.strip():
        out.append("category 为空")
    n = text_length(card.conclusion)
    if n == 0:
        out.append("conclusion 为空")
    elif n > MAX_CONCLUSION:
        out.append(f"conclusion 有 {n} 字，超过 {MAX_CONCLUSION} 字")
    n = text_length(card.analysis)
    if not MIN_ANALYSIS <= n <= MAX_ANALYSIS:
        out.append(f"analysis（正文）有 {n} 字，应在 {MIN_ANALYSIS}–{MAX_ANALYSIS} 字之间")
    if not card.steps or any(not str(s).strip() for s in card.steps):
        out.append("steps 需要至少一条非空步骤")
    if not card.see_lawyer_when or any(not s.strip() for s in card.see_lawyer_when):
        out.append("see_lawyer_when 为空")
    if not card.citations:
        out.append("citations 为空：每张卡片都要有法条依据")
    if len(set(card.citations)) != len(card.citations):
        out.append("citations 有重复")
    for cid in card.citations:
        try:
            resolve(cid)
        except Exception as exc:  # CitationError and anything the resolver raises
            out.append(f"引用 {cid!r} 无法解析：{exc}")
    if card.id in card.related:
        out.append("related 不能包含自己")
    if len(set(card.related)) != len(card.related):
        out.append("related 有重复")
    if card.reviewed > (today or date.today()):
        out.append(f"reviewed {card.reviewed} 在未来")
    return out


def validate_cards(
    cards: Iterable[Card],
    *,
    resolve: Callable[[str], object] | None = None,
    today: date | None = None,
) -> list[CardIssue]:
    """All problems across the card set; an empty list means every card is valid."""
    cards = list(cards)
    resolve = resolve or _default_resolver()
    issues: list[CardIssue] = []

    def add(card: Card, message: str) -> None:
        issues.append(CardIssue(card_id=card.id, path=f"{card.id}.md", message=message))

    by_id: dict[str, Card] = {}
    for card in cards:
        if card.id in by_id:
            add(card, "id 重复")
        by_id[card.id] = card
    for card in cards:
        for msg in check_card(card, resolve, today=today):
            add(card, msg)
        for rid in card.related:
            if rid not in by_id and rid != card.id:
                add(card, f"related 中的 {rid!r} 不存在")
    owner: dict[str, str] = {}
    for card in cards:
        for p in [card.title, *card.phrasings]:
            key = _NOT_TEXT.sub("", p.lower())
            other = owner.setdefault(key, card.id)
            if other != card.id:
                add(card, f"问法 {p!r} 与卡片 {other} 重复")
    grams = [(c, _bigrams(c.title)) for c in cards]
    for i, (a, ga) in enumerate(grams):
        for b, gb in grams[i + 1:]:
            union = ga | gb
            sim = len(ga & gb) / len(union) if union else 1.0
            if sim >= NEAR_DUPLICATE:
                add(b, f"标题与 {a.id} 几乎相同（相似度 {sim:.2f}）：{b.title} / {a.title}")
    return issues
