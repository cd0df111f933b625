"""The corroboration policy (`xiezhi.collection.corroborate`, fourth session): weak rule findings need the classifier.

Each mechanism has a lawful case it removes and an unlawful counterpart it keeps, first on the policy's own logic
(`Policy.keep`), then end to end through `analyze` with the shipped classifier."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from xiezhi.collection import analyze, check
from xiezhi.collection.corroborate import (
    ESCALATION_WEAK,
    EXEMPT_CATEGORIES,
    POLICY,
    Policy,
    logit_of,
    logit_thresholds,
)


def test_shipped_policy_is_the_measured_one() -> None:
    """docs/check.md "Fourth session": 0.25 cross-validated by annotator on the replay; reported harm needs 0.1."""
    assert POLICY.default == 0.25 and POLICY.no_context is None and POLICY.any_violation is None
    assert POLICY.per_category == {"false_legal_threat": 0.15, "illegal_fee": 0.15, "insult_defamation": 0.1,
                                   "privacy_exposure": 0.1}
    assert POLICY.done_threshold == {}
    assert POLICY.default == check.RULE_VETO_BELOW
    assert "violence_threat" in EXEMPT_CATEGORIES and "violence_threat" not in ESCALATION_WEAK
    assert {"intimidation", "unlawful_visit"}.isdisjoint(ESCALATION_WEAK)


def test_weak_finding_needs_the_classifier() -> None:
    assert not POLICY.keep("intimidation", 0.12)          # lawful: one rule, the classifier disagrees
    assert POLICY.keep("intimidation", 0.31)              # unlawful counterpart: the classifier agrees
    assert POLICY.keep("intimidation", 0.25)              # the threshold itself keeps


def test_strong_findings_stay() -> None:
    assert POLICY.keep("intimidation", 0.01, rules=2)     # two rules of the category agree
    assert POLICY.keep("false_legal_threat", 0.01, needs_meta=True)  # decided with metadata (上报征信 + lender)
    assert POLICY.keep("third_party_contact", None)       # no classifier probability: metadata-decided
    assert POLICY.keep("harassment_time", 0.0)
    assert POLICY.keep("intimidation", 0.01, escalated=True)  # a threat with a named time or place
    assert POLICY.keep("violence_threat", 0.001, mode="threatened")  # announced bodily harm: always


def test_escalation_does_not_make_a_notice_strong() -> None:
    """im-court-documents escalates near 法院/公章: a genuine court notice has them too."""
    assert not POLICY.keep("impersonation", 0.08, escalated=True)
    assert POLICY.keep("impersonation", 0.6, escalated=True)


def test_bodily_harm_stays_strong_also_when_reported() -> None:
    assert POLICY.keep("violence_threat", 0.01, mode="done")  # "我被他们打了" scores 0.08 with the shipped model
    variant = Policy(done_threshold={"violence_threat": 0.1})  # measured on the replay, not shipped
    assert not variant.keep("violence_threat", 0.05, mode="done")
    assert variant.keep("violence_threat", 0.05, mode="threatened")


def test_any_violation_rescue_is_a_variant() -> None:
    """Tried on the replay and not shipped: at 0.7 it kept 11 more true labels but 66 more wrong ones (macro-F1 down)."""
    p = Policy(any_violation=0.7)
    assert p.keep("illegal_fee", 0.01, top=0.8) and not p.keep("illegal_fee", 0.01, top=0.5)
    assert not POLICY.keep("illegal_fee", 0.05, top=0.99)


def test_variants_for_the_replay() -> None:
    p = Policy(default=0.2, per_category={"illegal_fee": 0.3}, no_context=0.5)
    assert p.threshold("illegal_fee", True) == 0.3 and p.threshold("intimidation", True) == 0.2
    assert p.threshold("intimidation", False) == 0.5
    assert not Policy(second_rule_strong=False).keep("intimidation", 0.01, rules=2)


def test_logit_of_bounds() -> None:
    assert logit_of(0.5) == 0.0
    assert math.isclose(logit_of(0.25), math.log(1 / 3))
    assert logit_of(0.0) == -math.inf and logit_of(1.0) == math.inf
    lim = logit_thresholds(POLICY, ("intimidation", "insult_defamation"))
    assert math.isclose(lim[0], logit_of(0.25)) and math.isclose(lim[1], logit_of(0.1))



@pytest.fixture
def veto() -> Iterator[None]:
    saved = check.RULE_VETO_BELOW
    yield None
    check.RULE_VETO_BELOW = saved


# End to end with the shipped classifier (sentences written for this test, in no labelled set).
#: A neighbour's complaint names 劳动监察大队: im-fake-lawyer-or-lender matches, the classifier gives impersonation ~0.01.
LOOKALIKE = "隔壁老王说再不结工程款，他就去劳动监察大队告我们"
#: The unlawful counterpart: the same body claimed by the speaker, a private account, arrest: kept (~0.3 and more).
CLAIMED = "我们是劳动监察大队的，你欠的工资今天必须打到这个私人账户，不然就抓你"


def test_end_to_end_lookalike_dropped_claim_kept(veto: None) -> None:
    check.RULE_VETO_BELOW = None
    assert analyze(LOOKALIKE).labels == ["impersonation"]  # the rule alone
    check.RULE_VETO_BELOW = POLICY.default
    assert analyze(LOOKALIKE).labels == ["compliant"]
    assert "impersonation" in analyze(CLAIMED, {"recipient_role": "debtor"}).labels
    assert analyze(LOOKALIKE, model=False).labels == ["impersonation"]  # rules only: nothing to consult


def test_end_to_end_reported_harm_kept(veto: None) -> None:
    check.RULE_VETO_BELOW = POLICY.default
    assert "violence_threat" in analyze("我被他们打了").labels  # the classifier gives it under 0.1


def test_end_to_end_metadata_kept(veto: None) -> None:
    check.RULE_VETO_BELOW = 0.9999
    r = analyze("你好，你是张三的同事吧？麻烦转告他尽快还钱。", {"recipient_role": "employer_or_colleague"})
    assert "third_party_contact" in r.labels
