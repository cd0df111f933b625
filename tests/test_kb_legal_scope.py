"""Scope rules a legal reviewer found broken in several cards at once (review of 2026-11-28, cards second half).

Each test encodes one structural rule, so a new card cannot repeat the mistake:

- 《银行保险机构消费者权益保护管理办法》 binds 银行业金融机构 and insurers only (its arts. 2 and 55); a 小额贷款公司
  is a 地方金融组织 (lending-scope-reply:1). A sentence that holds the measures against "持牌机构" (which in these
  cards includes 小贷) states the wrong scope (review D2, D3).
- The 2025 治安管理处罚法 is in force from 2026-01-01; acts before that fall under the 2012 text. A card that cites a
  2025 article with a 2012 counterpart must also cite the counterpart or the six-month bar (art. 25), so the reader
  learns that the number depends on the date (review D19).
"""

from __future__ import annotations

import re

import pytest

from xiezhi.assess.loader import load_interview
from xiezhi.kb.loader import load_cards

BIC = "银行保险机构消费者权益保护管理办法"
_SENTENCE = re.compile(r"[。；\n]")


@pytest.fixture(scope="module")
def cards():
    loaded, issues = load_cards()
    assert not issues
    return loaded


def _sentences(*texts: str) -> list[str]:
    return [s for t in texts for s in _SENTENCE.split(t) if s.strip()]


def test_banking_insurance_measures_are_never_held_against_all_licensed_lenders(cards) -> None:
    bad = [(c.id, s) for c in cards
           for s in _sentences(c.conclusion, *c.steps, c.analysis) if BIC in s and "持牌" in s]
    assert bad == []


def _only_for_banking_insurance(condition: dict | None) -> bool:
    """True when the condition (as dumped) requires lender.kind to be a bank or consumer-finance company."""
    if not condition:
        return False
    if condition.get("var") == "lender.kind" and condition.get("in"):
        return set(condition["in"]) <= {"bank", "consumer_finance"}
    return any(_only_for_banking_insurance(c) for c in condition.get("all") or [])


def test_assess_blocks_scope_the_banking_insurance_measures() -> None:
    """A block citing the measures is shown only for banks/consumer-finance, or says 小贷 is not bound."""
    for block in load_interview().blocks:
        if not any(c.startswith("banking-insurance-consumer-protection-measures:") for c in block.citations):
            continue
        show_if = block.show_if.model_dump(by_alias=True) if block.show_if else None
        assert _only_for_banking_insurance(show_if) or "小额贷款公司不适用" in block.text, block.id
