"""Corroboration policy: which rule findings need the classifier's agreement before they are reported.

Why. The hand rules were written while reading the development sets' errors; on an unseen annotator's wording they
flag 7-13 % of lawful messages (first looks, `bench/data/first_look.md`) while the classifier, trained on many
annotators, generalises. Replaying each set's first-look engine on that set (`bench/data/tools/replay_rules.py`)
gives 3,940 messages of rule findings on text the rules had never seen, each with the probabilities of a classifier
that never saw the annotator. There, a rule finding whose category the classifier gives under 0.2 is wrong 3.6 times
in 4 (216 of 276), one above 0.5 right 26 times in 27 (docs/check.md, "Fourth session").

The policy is thresholds on the shipped classifier's per-category probabilities plus cheap conditions, so a caller
holding only a bound on a logit can decide it (`threshold(...)` gives the probability a finding needs; `p < t` is
`logit < log(t / (1 - t))`). A finding is *strong* (kept whatever the classifier says) when its category is one the
classifier does not score (metadata-decided: night, frequency, third parties, disclosure), when it is bodily harm,
when its rule needs metadata, when it is a threat escalated by a named time or place (not in ESCALATION_WEAK), or
when two rules of the category agree. The shipped values and why: POLICY below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Categories never vetoed: bodily harm is too grave for a statistic to overrule explicit words; the others are
#: decided by metadata (who received it, when, how often) and have no classifier probability.
EXEMPT_CATEGORIES: frozenset[str] = frozenset({"violence_threat", "third_party_contact", "debt_disclosure",
                                               "harassment_time", "harassment_frequency", "compliant"})


@dataclass(frozen=True)
class Policy:
    """Probability a weak rule finding's category needs (`default`, or `per_category`), and a higher bar where the
    message has no word about a debt or its collection (`no_context`: look-alikes such as 外卖差评, 狗, 业主群)."""

    default: float = 0.05
    per_category: dict[str, float] = field(default_factory=dict)
    no_context: float | None = None
    exempt_categories: frozenset[str] = EXEMPT_CATEGORIES
    #: two rules of the category agreeing make the finding strong
    second_rule_strong: bool = True
    #: categories whose escalated findings are still weak (escalation names a time or place for threats; for a
    #: category listed here it does not make the words more certain)
    escalation_weak: frozenset[str] = frozenset()
    #: a `done` finding of these categories (an act reported, not announced) needs this probability even when the
    #: category is exempt
    done_threshold: dict[str, float] = field(default_factory=dict)
    #: a weak finding is also kept when the classifier gives *any* scored category at least this (the message is
    #: unlawful in its view, whichever category the words belong to); None: not used
    any_violation: float | None = None

    def threshold(self, category: str, context: bool) -> float:
        t = self.per_category.get(category, self.default)
        if not context and self.no_context is not None:
            t = max(t, self.no_context)
        return t

    def keep(self, category: str, prob: float | None, *, rules: int = 1, escalated: bool = False,
             needs_meta: bool = False, context: bool = True, mode: str = "threatened",
             top: float | None = None) -> bool:
        """Whether a rule finding survives: strong, or the classifier gives its category at least the threshold."""
        if prob is None or needs_meta or (self.second_rule_strong and rules > 1):
            return True
        if escalated and category not in self.escalation_weak:
            return True
        if category in self.exempt_categories:
            done = self.done_threshold.get(category)
            return done is None or mode != "done" or prob >= done
        if prob >= self.threshold(category, context):
            return True
        return self.any_violation is not None and top is not None and top >= self.any_violation


def logit_of(p: float) -> float:
    """The logit a probability threshold corresponds to (for callers comparing logits)."""
    if p <= 0:
        return -math.inf
    if p >= 1:
        return math.inf
    return math.log(p / (1 - p))


def logit_thresholds(policy: Policy, categories: list[str] | tuple[str, ...], context: bool = True) -> list[float]:
    """Per category (in the classifier's order), the logit a weak rule finding's category needs: a caller holding a
    bound on a chunk's logit decides `keep` without the exact probability when the bound is on one side of it."""
    return [logit_of(policy.threshold(c, context)) for c in categories]


#: Escalation makes a threat strong (a time or place named); in these categories the escalation words are what a
#: genuine notice also contains (法院, 公章 beside court papers) and raise the severity, not the certainty: on the
#: replay, escalated impersonation findings the classifier gave under 0.25 were lawful notices 5 times in 6.
ESCALATION_WEAK: frozenset[str] = frozenset({"impersonation", "credit_repair_scam", "privacy_exposure", "illegal_fee",
                                             "insult_defamation", "false_legal_threat", "forced_borrowing"})

#: The shipped policy, chosen on the replay (bench/data/tools/replay_rules.py) by annotator cross-validation:
#: - 0.25 for most categories (the uniform threshold chosen on the other sets for every one of the 11 left-out sets;
#:   per-category choices for these categories were 0.2-0.3);
#: - 0.15 for false_legal_threat and 0.1 for insult_defamation and privacy_exposure: per-category cross-validation
#:   chose these in 9-10 of 11 folds. Their words are explicit (判决下来你就会被拘留, 傻逼, 身份证号) and the
#:   classifier underrates new ones: at 0.25 the replay lost 15 true insult labels to remove 20 wrong ones.
#: - 0.15 for illegal_fee (lead's decision at the merge, 2026-11-28 23:55): a demand to pay a collector's personal
#:   account is the core of the category, and the classifier underrates short new wordings of it ("别在App上还了，
#:   直接转给我个人" 0.16, "都在App上还就行，直接转给我个人" 0.23); on the replay 0.15 instead of 0.25 costs 2 lawful
#:   false positives of 1,813 and 0.0005 pooled macro-F1 (91 vs 89; 0.7730 vs 0.7735), a wash, for those lines.
#: Bodily harm stays exempt, also when reported (`done`): below 0.1 the replay's reported harm was mostly wrong (13 of
#: 14: call counts, a parent's 我弄死你, since fixed in the rules), but "我被他们打了" scores 0.08 and must not be lost.
POLICY = Policy(default=0.25, per_category={"false_legal_threat": 0.15, "illegal_fee": 0.15,
                                            "insult_defamation": 0.1, "privacy_exposure": 0.1},
                escalation_weak=ESCALATION_WEAK)

#: The third session's veto (one threshold, 0.05; escalated findings strong in every category), for comparisons.
THIRD_SESSION = Policy(default=0.05)
#: Named policies for the measuring tools (`loao_check.py --policy NAME`).
POLICIES: dict[str, Policy] = {"shipped": POLICY, "third_session": THIRD_SESSION}
