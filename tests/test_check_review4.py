"""Check: regressions for the fourth legal review (/work/briefs/legal_review_check4.md, D1-D9).

Each fixed defect gets a lawful and an unlawful case in wording of its own (not the review's examples), run through the
rules only (`model=False`) so that the classifier cannot hide a rule, scope or citation defect.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.citations import binds
from xiezhi.collection.rules import load_categories

DEBTOR = {"recipient_role": "debtor", "sent_at": "2026-04-02T11:00:00"}
SPOUSE = {"recipient_role": "spouse", "sent_at": "2026-04-02T11:00:00"}


def _labels(text: str, meta: dict | None = None) -> set[str]:
    return set(analyze(text, meta, model=False).labels)


def _finding(text: str, category: str, meta: dict | None = None):
    r = analyze(text, meta, model=False)
    found = [f for f in r.findings if f.category == category]
    assert found, (text, r.labels)
    return found[0]


def _ids(finding) -> list[str]:
    return [c["id"] for c in finding.citations if "id" in c]


# D1 (H) / D5 (M): fees "set by law" cite what the explanation names; 民间借贷规定29 (4×LPR) only where it can apply
# (民间借贷规定 第一条第二款, 批复一: not banks, consumer-finance or micro-loan companies).
FEES_AS_LAW = "监管规定的，逾期服务费按欠款的两倍收，少一分都不行。"


@pytest.mark.parametrize("lender", ["bank", "consumer_finance", "microloan"])
def test_d1_licensed_lender_fee_finding_cites_no_private_lending_cap(lender: str) -> None:
    f = _finding(FEES_AS_LAW, "false_legal_threat", {**DEBTOR, "lender_type": lender})
    ids = _ids(f)
    assert "private-lending-provisions:29" not in ids
    assert {"civil-code:680", "civil-code:585", "private-lending-provisions:1"} <= set(ids)
    assert "持牌机构不适用该规定" in f.explanation


@pytest.mark.parametrize("lender", [None, "unlicensed", "unknown"])
def test_d1_private_or_unknown_lender_keeps_the_cap(lender: str | None) -> None:
    meta = {**DEBTOR, "lender_type": lender} if lender else DEBTOR
    assert "private-lending-provisions:29" in _ids(_finding(FEES_AS_LAW, "false_legal_threat", meta))


def test_d1_contract_penalty_stated_as_contract_is_lawful() -> None:
    assert _labels("依据您签署的借款协议，逾期后按日万分之五计收罚息，请尽快处理。", DEBTOR) == {"compliant"}


def test_d1_lender_scope_of_private_lending_articles() -> None:
    for lender in ("bank", "consumer_finance", "microloan"):
        assert not binds("private-lending-provisions:29", lender)
        assert not binds("private-lending-provisions:26", lender)
        assert binds("private-lending-provisions:1", lender)
    assert binds("private-lending-provisions:29", "unlicensed") and binds("private-lending-provisions:29", None)


def test_d5_no_declared_citation_is_dropped_in_reviewed_rules() -> None:
    reviewed = {"fl-fees-as-law", "fl-third-party-liable-constructions", "fl-family-liable", "fl-crime-claim",
                "vt-property", "vt-property-general", "vt-property-veiled", "vt-property-veiled-2",
                "vt-property-veiled-3", "vt-property-veiled-constructions"}
    for spec in load_categories().values():
        headed = {c.id for c in spec.citations}
        for rule in spec.rules:
            if rule.id in reviewed:
                assert set(rule.citations) <= headed, (rule.id, set(rule.citations) - headed)


# D2 (H): a number noted by the victim does not cancel a reported blow; a call log still is no blow.
def test_d2_blow_with_a_noted_number_is_violence() -> None:
    text = "催收那两个人在楼道里扇了我一巴掌，他们开的车号码是粤B开头的，我拍下来了。"
    assert "violence_threat" in _labels(text, DEBTOR)


def test_d2_calls_from_strange_numbers_are_no_blows() -> None:
    text = "从早上到现在被打了三十几次，全是不同号码，未接来电一长串。"
    assert "violence_threat" not in _labels(text, DEBTOR)


# D3 (H): what a spouse hears about a joint debt follows 民法典1064/1089; the tool does not call a joint debt invented.
def test_d3_lender_applying_1064s_test_to_the_spouse_is_no_false_threat() -> None:
    text = "您好，王某这笔借款用于家庭日常生活需要，依法属于夫妻共同债务，请您与他协商处理还款。"
    assert "false_legal_threat" not in _labels(text, SPOUSE)


def test_d3_blanket_spouse_liability_is_flagged_with_1064_and_1089() -> None:
    f = _finding("你俩是两口子，两口子就必须一起还，离婚了也跑不掉。", "false_legal_threat", SPOUSE)
    assert "虚构的法律责任" not in f.explanation.split("说“夫妻就得一起还”")[-1]
    assert "第一千零八十九条" in f.explanation
    assert {"civil-code:1064", "civil-code:1089"} <= set(_ids(f))


def test_d3_family_liable_explains_1064_to_a_spouse() -> None:
    f = _finding("催收跟我说这是夫妻共同债务，我老公婚前借的我也得还。", "false_legal_threat", DEBTOR)
    assert "civil-code:1064" in _ids(f)
    assert "婚前借的" in f.explanation


# D4 (H): a waiver or write-off is no threat to life; the veiled "you'll never need to pay" still is.
def test_d4_write_off_notice_is_lawful() -> None:
    assert "violence_threat" not in _labels("经审核，您名下借款已全部豁免，永远不用还了，无需再联系我们。", DEBTOR)


def test_d4_veiled_never_pay_again_is_a_threat() -> None:
    assert "violence_threat" in _labels("拖着吧，等哪天你出门，就永远不用还了。", DEBTOR)


def test_d4_storm_warning_about_glass_is_lawful() -> None:
    assert _labels("暴雨预警，您店铺的玻璃门窗保不齐会被吹坏，请提前加固。", DEBTOR) == {"compliant"}


def test_d4_glass_nobody_can_guarantee_is_a_threat() -> None:
    assert "violence_threat" in _labels("钱再拖下去，你铺子那几块玻璃保不齐哪天就碎了。", DEBTOR)


# D6 (M): a threat to property cites the soft-violence means (破坏财物), not only damage done or battery.
def test_d6_property_threat_cites_soft_violence() -> None:
    f = _finding("月底前再不还，就砸你的车。", "violence_threat", DEBTOR)
    assert "soft-violence-opinions:2" in _ids(f)




# D7 (M): a reported visit is explained by what a lawful visit needs, without asserting facts the message omits.
def test_d7_reported_visit_explanation_is_conditional() -> None:
    f = _finding("上周五有两个男的跑到我上班的超市，说是来要账的。", "unlawful_visit", DEBTOR)
    assert "且没有事先告知" not in f.explanation
    assert "没有事先告知、不表明身份就上门" in f.explanation


def test_d7_announced_identified_visit_is_lawful() -> None:
    text = "昨天平台提前一天打电话预约，今天两位同事来我家，出示了工作证，谈了分期方案。"
    assert "unlawful_visit" not in _labels(text, DEBTOR)


# D9 (M): "handed to the judiciary" is explained as what it is not, with the court's own service of the complaint.
def test_d9_handed_to_judiciary_cites_service_of_complaint() -> None:
    f = _finding("你这笔欠款已经转交司法部门了，就等着吧。", "false_legal_threat", DEBTOR)
    assert "civil-procedure-law:128" in _ids(f)
    assert "以法院送达的文书为准" in f.explanation


def test_d9_account_handed_to_own_legal_department_is_lawful() -> None:
    assert _labels("您的逾期账户已转交本公司法务部跟进，如有异议请致电官方客服。", DEBTOR) == {"compliant"}


def test_d10_someone_elses_photo_shown_to_a_neighbour_is_exposure() -> None:
    """D10: the exceptions for a photo "sent to me" were written for the person's own account; a collector showing the
    debtor's photo to a neighbour provides it to a third party (个人信息保护法第十条)."""
    from xiezhi.collection import analyze
    from xiezhi.collection.models import MessageMeta

    shown = analyze("我住他对门。催收上午来敲门，问我他平时几点出门，还拿着他的照片给我看。",
                    MessageMeta(recipient_role="address_book_contact"))
    assert "privacy_exposure" in shown.labels
    own = analyze("这两天有人在我单位门口蹲我，拍了我下班的照片发给我看，说我每天都挺准时。",
                  MessageMeta(recipient_role="debtor"))
    assert "privacy_exposure" not in own.labels and "intimidation" in own.labels
