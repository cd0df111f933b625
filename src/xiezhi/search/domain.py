"""Domain gate: does a question concern debt, lending or collection at all?

A weighted lexicon (``data/text/domain.yaml``) matched against the normalised question.  Debt and
lending terms add, other legal topics (divorce custody, wages, traffic, housing, medical …) subtract.
The gate keeps a wage-arrears question that happens to say 欠 from getting a debt card.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from xiezhi.errors import DataError


@dataclass(frozen=True)
class DomainLexicon:
    threshold: float
    terms: dict[str, float]

    def score(self, normalized_question: str) -> tuple[float, list[str]]:
        """Sum of weights of distinct lexicon terms found, and the terms (for explanations)."""
        found = [t for t in self.terms if t in normalized_question]
        return sum(self.terms[t] for t in found), found

    def in_domain(self, normalized_question: str) -> bool:
        return self.score(normalized_question)[0] >= self.threshold


@lru_cache(maxsize=1)
def load_lexicon() -> DomainLexicon:
    from xiezhi.text.normalize import data_path, load_yaml_strict

    path = data_path("domain.yaml")
    raw = load_yaml_strict(path)
    if not isinstance(raw, dict) or set(raw) != {"threshold", "debt", "other"}:
        raise DataError(f"{path.name}：需要且只允许 threshold、debt、other 三个键")
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
    return DomainLexicon(threshold=float(raw["threshold"]), terms=terms)
