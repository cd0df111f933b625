"""Domain gate: does a question concern debt, lending or collection at all?

A weighted lexicon (``data/text/domain.yaml``) matched against the normalised question.  Debt and
lending terms add, other legal topics (divorce custody, wages, traffic, housing, medical …) subtract.
The gate keeps a wage-arrears question that happens to say 欠 from getting a debt card.

On top of the sum, ``other_topic`` patterns (regular expressions) recognise questions that use the
vocabulary of lending from another seat: the asker as lender or as an employee of a lender or agency,
setting up a lending business, bank products when nothing is overdue (card points and fees, deposits,
LPR quotes, mortgage maths), company debts, bills and fines.  Such a question is out of the domain
unless the loan-collection context is there, in three strengths:

* ``role_groups`` (lender, employee, business) give way only to a ``borrower`` pattern: the asker, or
  someone close, owes and is being collected (我是做催收的，现在我自己网贷也逾期了);
* other groups also give way to a ``collected`` pattern: some debt is overdue or being collected
  (房贷逾期了银行催收…);
* groups listed in ``yield_to_borrowing`` (insurance, investing …) also give way to any plain
  ``borrowing`` phrase (借款时被强制买了保险 is a loan question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from xiezhi.errors import DataError
from xiezhi.search.substrings import LazySubstrings

#: Domain score given to a question recognised as another topic (below zero: always declined).
OTHER_TOPIC_SCORE = -2.0
_KEYS = {"threshold", "debt", "other", "other_topic", "role_groups", "yield_to_borrowing", "borrower", "collected",
         "borrowing"}


@dataclass(frozen=True)
class DomainLexicon(LazySubstrings):
    _substring_words = "terms"

    threshold: float
    terms: dict[str, float]
    #: group name -> one compiled alternation of that group's patterns
    other_topic: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: groups that give way only to ``borrower``, and groups that also give way to ``borrowing``
    role_groups: frozenset[str] = frozenset()
    weak_groups: frozenset[str] = frozenset()
    borrower: re.Pattern[str] | None = None
    collected: re.Pattern[str] | None = None
    borrowing: re.Pattern[str] | None = None

    def other_topic_of(self, normalized_question: str) -> str | None:
        """The other-topic group a question belongs to, or None (debt question or no pattern)."""
        groups = [g for g, p in self.other_topic.items() if p.search(normalized_question)]
        if not groups:
            return None
        for context, yielding in ((self.borrower, set(groups)),
                                  (self.collected, set(groups) - self.role_groups),
                                  (self.borrowing, set(groups) & self.weak_groups)):
            if context is not None and context.search(normalized_question):
                groups = [g for g in groups if g not in yielding]
                if not groups:
                    return None
        return groups[0]

    def score(self, normalized_question: str) -> tuple[float, list[str]]:
        """Sum of weights of distinct lexicon terms found, and the terms (for explanations).

        A question of another topic scores min(sum, OTHER_TOPIC_SCORE) and lists ``≠<group>``.
        """
        found = self._substrings().present(normalized_question)  # = [t for t in self.terms if t in …]
        total = sum(self.terms[t] for t in found)
        group = self.other_topic_of(normalized_question) if self.other_topic else None
        if group is not None:
            return min(total, OTHER_TOPIC_SCORE), [*found, f"≠{group}"]
        return total, found

    def in_domain(self, normalized_question: str) -> bool:
        return self.score(normalized_question)[0] >= self.threshold


def _compile(path_name: str, where: str, patterns: object) -> re.Pattern[str]:
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
        raise DataError(f"{path_name}：{where} 需要非空的正则表达式列表")
    try:
        return re.compile("|".join(f"(?:{p.lower()})" for p in patterns))
    except re.error as exc:
        raise DataError(f"{path_name}：{where} 的正则表达式有误：{exc}") from exc


@lru_cache(maxsize=1)
def load_lexicon() -> DomainLexicon:
    from xiezhi.text.normalize import data_path, load_yaml_strict

    path = data_path("domain.yaml")
    raw = load_yaml_strict(path)
    if not isinstance(raw, dict) or not {"threshold", "debt", "other"} <= set(raw) <= _KEYS:
        raise DataError(f"{path.name}：需要 threshold、debt、other 三个键，另可有 {'、'.join(sorted(_KEYS - {'threshold', 'debt', 'other'}))}")
    terms: dict[str, float] = {}
    for section, sign in (("debt", 1), ("other", -1)):
        for term, weight in (raw[section] or {}).items():
            w = float(weight)
            if w * sign <= 0:
                raise DataError(f"{path.name}：{section}.{term} 的权重符号不对（debt 为正，other 为负）")
            key = str(term).lower()
            if key in terms:
                raise DataError(f"{path.name}：词 {term!r} 重复")
            terms[key] = w
    groups = raw.get("other_topic") or {}
    if not isinstance(groups, dict):
        raise DataError(f"{path.name}：other_topic 必须是“分组: [正则…]”的映射")
    other_topic = {str(g): _compile(path.name, f"other_topic.{g}", p) for g, p in groups.items()}
    named: dict[str, frozenset[str]] = {}
    for key in ("role_groups", "yield_to_borrowing"):
        listed = raw.get(key) or []
        if not isinstance(listed, list) or not set(map(str, listed)) <= set(other_topic):
            raise DataError(f"{path.name}：{key} 只能列 other_topic 里的分组")
        named[key] = frozenset(map(str, listed))
    contexts = {k: _compile(path.name, k, raw[k]) if k in raw else None for k in ("borrower", "collected", "borrowing")}
    return DomainLexicon(threshold=float(raw["threshold"]), terms=terms, other_topic=other_topic,
                         role_groups=named["role_groups"], weak_groups=named["yield_to_borrowing"], **contexts)
