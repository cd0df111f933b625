"""Ask: a borrower's question -> a cited answer from the knowledge cards (or an honest decline).

    from xiezhi.ask import answer
    a = answer("网贷逾期后，催收人员真的会上门吗？")
    a.answered, a.card.conclusion, [c.display for c in a.citations]
"""

from xiezhi.ask.engine import (
    DECLINE_NOTICE,
    DISCLAIMER,
    Ranking,
    answer,
    answer_json,
    answer_many,
    card_answer,
    rank,
)
from xiezhi.ask.models import Answer, ArticleRef, CardView, RelatedCard, StatuteHit

__all__ = [
    "DECLINE_NOTICE",
    "DISCLAIMER",
    "Answer",
    "ArticleRef",
    "CardView",
    "Ranking",
    "RelatedCard",
    "StatuteHit",
    "answer",
    "answer_json",
    "answer_many",
    "card_answer",
    "rank",
]
