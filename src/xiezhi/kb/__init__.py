"""Knowledge cards: loading (strict) and validation.  See ``docs/ask.md``."""

from xiezhi.kb.loader import card_files, cards_dir, load_cards, parse_card
from xiezhi.kb.models import Card, CardIssue
from xiezhi.kb.validate import check_card, title_similarity, validate_cards

__all__ = [
    "Card",
    "CardIssue",
    "card_files",
    "cards_dir",
    "check_card",
    "load_cards",
    "parse_card",
    "title_similarity",
    "validate_cards",
]
