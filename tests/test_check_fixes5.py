"""Three known Check defects fixed in the fifth session (helper "fixes5"); examples written for this file, not taken
from any set.

- `fl-crime-claim` no longer reads a bare 已移交 as a false claim: an overdue account handed to the lender's 法务部,
  a licensed collection agency, a law firm or a court's pre-suit mediation (民事诉讼法 第一百二十五条) is a lawful step;
  a plain default handed to the police, 刑侦, a procuratorate or vaguely to 司法机关/司法部门/司法程序 is still flagged
  (no creditor can hand a civil debt to "the judiciary": it sues in a people's court, 第一百二十二条、第一百二十三条).
- A third party's paid credit-repair / anti-collection offer is `credit_repair_scam` only (taxonomy 2.14, dataset
  convention 8 of the fifteenth set): no `third_party_contact` / `debt_disclosure` when it reaches a relative, and no
  `illegal_fee` for the scam's own fee (`check.scam_offer_only`); a collector selling the same keeps them.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

MODELS = pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])

#: (lawful transfer, unlawful transfer): same frame, only where the case went differs.
TRANSFERS = [
    ("您的借款纠纷已移交法院诉前调解，调解员近期会与您联系，请留意来电。",
     "您的借款纠纷已移交公安机关处理，民警近期会与您联系，请留意来电。"),
    ("【禾苗分期】您的逾期账户已移交本公司法务部跟进，如有疑问请拨打官方客服热线。",
     "【禾苗分期】您的逾期账户已移交当地刑侦部门跟进，如有疑问请拨打官方客服热线。"),
    ("您好，因长期未还款，您的案件已移交合作律师事务所，律师将以书面方式与您联系。",
     "您好，因长期未还款，您的案件已移交司法机关，司法机关将以书面方式与您联系。"),
    ("您的欠款已移交委外催收机构处理，对方会以受托名义联系您。",
     "您的欠款已移交至区检察院处理，对方会以检方名义联系您。"),
    ("张先生，您这笔欠款已经移交我们公司的诉讼组，后续按法律程序处理。",
     "张先生，你这笔欠款已经移交司法部门，后续按刑事程序处理。"),
]


@MODELS
@pytest.mark.parametrize(("lawful", "unlawful"), TRANSFERS)
def test_transfer_lawful_unless_to_police_or_judiciary(lawful: str, unlawful: str, model: object) -> None:
    """The lawful side holds for the rules and the full engine. The unlawful side is the rule's: in the full engine the
    corroboration veto (`corroborate.POLICY`) may drop a single rule's finding the classifier does not share, as it does
    for the polite template "已移交当地刑侦部门跟进，如有疑问请拨打官方客服热线" (a policy decision, not this rule's)."""
    assert "false_legal_threat" not in analyze(lawful, {}, model=model).labels
    if model is False:
        assert "false_legal_threat" in analyze(unlawful, {}, model=model).labels


@pytest.mark.parametrize("unlawful", [u for _, u in TRANSFERS if "刑侦部门跟进" not in u])
def test_transfer_to_police_or_judiciary_full_engine(unlawful: str) -> None:
    assert "false_legal_threat" in analyze(unlawful, {}).labels


def test_the_reported_example_is_lawful() -> None:
    """The message of the brief: a court's pre-suit mediation is a lawful step."""
    assert analyze("您的欠款案件已移交法院诉前调解，请接听调解员电话。", {}).labels == ["compliant"]


def test_transfer_to_judiciary_names_the_rule() -> None:
    """已移交司法部门 is flagged by fl-crime-claim itself (the vague 'judiciary' implies police and prosecutors)."""
    res = analyze("你的欠款已经移交司法部门了，自己看着办。", {}, model=False)
    assert any(f.category == "false_legal_threat" and f.rule == "fl-crime-claim" for f in res.findings)


#: Third parties' paid offers (scams): credit_repair_scam, nothing of the collection categories.
SCAM_OFFERS = [
    ("我们公司可以帮你表哥修复征信，先交2000服务费", "address_book_contact"),
    ("大姐您好，我们是专做债务优化的团队，知道您弟弟欠了好几个网贷，交1680元服务费就能帮他消除逾期记录，还能让催收不再打扰家里。",
     "address_book_contact"),
    ("您好，您爱人信用卡逾期的事我们能处理，内部通道删除征信记录，先付3000定金。", "spouse"),
    ("叔叔，您侄子网贷逾期的情况我们都清楚，我们能修复征信，前期服务费只收1200。", "emergency_contact"),
    ("逾期记录一键删除，征信修复成功率99%，先交2600服务费，加微信详谈。", "debtor"),
    ("征信修复找我们，内部渠道删逾期记录，前期服务费1500，转到我个人支付宝就行。", None),
]


@MODELS
@pytest.mark.parametrize(("text", "role"), SCAM_OFFERS)
def test_third_party_repair_offer_is_the_scam_only(text: str, role: str | None, model: object) -> None:
    labels = analyze(text, {"recipient_role": role} if role else {}, model=model).labels
    assert "credit_repair_scam" in labels
    assert not {"third_party_contact", "debt_disclosure", "illegal_fee"} & set(labels), labels


#: The collecting side selling the "repair" or charging for it: the contact, disclosure and fee stay.
COLLECTOR_OFFERS = [
    # a collector writing to the cousin about the debt owed to it, with a repayment demand
    ("你表哥欠我们平台三万块，你督促他今天就还钱，我们还可以帮他修复征信，另交2000服务费。", "address_book_contact",
     {"third_party_contact", "debt_disclosure", "illegal_fee", "credit_repair_scam"}),
    # a collector's turn in a transcript charging a fee for deleting the record
    ("催收：你把欠款还了，我们可以帮你删除逾期记录，不过要另外交800手续费。\n我：还要交钱？", "debtor",
     {"illegal_fee"}),
]


@MODELS
@pytest.mark.parametrize(("text", "role", "expected"), COLLECTOR_OFFERS)
def test_collector_selling_repair_keeps_its_labels(text: str, role: str, expected: set[str], model: object) -> None:
    labels = set(analyze(text, {"recipient_role": role}, model=model).labels)
    assert expected <= labels, labels


def test_scam_offer_scope_needs_a_rule_finding() -> None:
    """Only a rule's credit_repair_scam finding narrows the labels; the classifier's alone does not (its findings beside
    a collector's own fee were wrong on the development sets)."""
    from xiezhi.collection.check import scam_offer_only
    from xiezhi.collection.models import Finding

    f = Finding.model_construct(category="credit_repair_scam", rule="model")
    assert not scam_offer_only([f], "先交1000服务费")
    g = Finding.model_construct(category="credit_repair_scam", rule="cr-repair")
    assert scam_offer_only([g], "先交1000服务费")
    assert not scam_offer_only([g], "催收:现在就还钱,另交1000服务费")
