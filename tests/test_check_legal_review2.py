"""Check: regressions for the second legal review (D1–D31, /work/briefs/legal_review_check2.md).

Each case is a sentence from the review (or its lawful / unlawful counterpart), run through the rules only
(`model=False`) so that the statistical model cannot hide a rule defect. A false positive is fixed as a
general principle (what makes the words unlawful), so each lawful case has an unlawful twin that must keep
its label.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _rules(text: str, **meta):
    return analyze(text, meta or None, model=False)


def _labels(text: str, **meta) -> set[str]:
    return set(_rules(text, **meta).labels)


def _cited(result, category: str) -> list[str]:
    return [c["id"] for f in result.findings if f.category == category for c in f.citations if "id" in c]


def _finding(result, category: str):
    return next(f for f in result.findings if f.category == category)


# D1 (H): a discounted settlement of the debt is lawful; money for silence (不曝光, 删照片) is extortion (刑法274).
@pytest.mark.parametrize("text", ["您的欠款可以一口价3000元结清，今天有效。", "欠款8000，一口价5000私了，过了今天就没这个价了。"])
def test_d1_discounted_settlement_is_lawful(text):
    assert "illegal_fee" not in _labels(text)


@pytest.mark.parametrize("text", ["一口价5000私了，钱到账照片就删。", "不想我们把你的事发出去也行，一口价三千，私了",
                                  "给3000块买个清净，不然天天找你家人"])
def test_d1_money_for_silence_is_still_extortion(text):
    r = _rules(text)
    assert "illegal_fee" in r.labels and r.severity == "possible_crime"
    assert _cited(r, "illegal_fee")[0] == "criminal-law:274"


# D2 (H): contractual penalty interest is lawful (民法典676); invented fees and runaway sums are not, and the rule
# cites 民法典680 / 民间借贷规定29 rather than 670 (砍头息).
def test_d2_contractual_penalty_interest_is_lawful():
    assert _labels("您的账单已逾期，按合同每日加收0.05%罚息。") == {"compliant"}


@pytest.mark.parametrize("text", ["不还的话每天加收200元", "交500平事费就不上门了", "再拖下去利息每天翻倍"])
def test_d2_invented_fees_stay_unlawful(text):
    assert "illegal_fee" in _labels(text)


def test_d2_fee_general_cites_rate_cap_not_upfront_interest():
    cited = _cited(_rules("再拖下去利息每天翻倍"), "illegal_fee")
    assert cited[:2] == ["civil-code:680", "private-lending-provisions:29"], cited


# D3 (H): 日息/周息 alone are no illegal debt (万分之五 a day is 18% a year); a usurious stated rate is.
@pytest.mark.parametrize("text", ["你借的是日息万分之五的贷款，明天我们上门核实情况。", "日息0.05%，明天上门", "周息0.5%，明天上门",
                                  "你这笔校园贷逾期了，明天我们上门核实情况。"])
def test_d3_ordinary_rate_is_no_illegal_debt(text):
    assert "criminal-law:293-1" not in _cited(_rules(text), "intimidation")


@pytest.mark.parametrize("text", ["日息1%的钱也敢不还？天天跟着你", "日息3分的钱不还，天天堵你", "周息30%的钱也敢不还？天天跟着你"])
def test_d3_usurious_rate_is_illegal_debt(text):
    r = _rules(text)
    assert r.severity == "possible_crime" and "criminal-law:293-1" in _cited(r, "intimidation")


# D4 (H): the lender's own litigation notice is no anti-collection scam; a third party's paid offer is.
def test_d4_lenders_litigation_notice_is_no_scam():
    assert "credit_repair_scam" not in _labels("我司法务团队将对您提起诉讼，请尽快还款。")


@pytest.mark.parametrize("text", ["我们法务团队帮你停息挂账，先交2000服务费",
                                  "姐妹，这个老师很厉害，交5000就能帮你把30万的网贷谈到只还本金",
                                  "您的六个网贷我们可以统一代理协商，只还本金，代理费按负债总额8%收取"])
def test_d4_third_party_paid_offer_is_still_a_scam(text):
    assert "credit_repair_scam" in _labels(text)
