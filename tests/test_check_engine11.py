"""Engine mechanics (tenth session, helper "engine11"). Each item has pairs (the wrong label absent / the right label
present) written for this file in new wording, not taken from any set.

- A borrower who reports that a collector said or threatened an act unlawful in its kind and then asks about it
  ("催收说要爆我通讯录，是真的吗？") keeps the reported act's labels (README-check convention 8; legal review 7's
  Mandarin D19): harm, insults, personal data, a menacing act (a rule with `also`), or a contact or disclosure that
  reaches the address book, the workplace, relatives or the public (`engine._reported_unlawful`). An act lawful in
  principle asked about (a visit, the emergency contact), the borrower's own fear or hypothesis, and hearsay stay
  questions.
- In a borrower's account, a collector's reported announcement ("他们说要…", "催收扬言明天…") is `threatened`, not
  `done`, so it implies intimidation like any threat (convention 2; `engine._reported_threat`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # item 1: a reported threat of an unlawful kind, asked about, keeps its labels; a lawful act asked about, a fear,
    # a hypothesis and hearsay do not
    ("third_party_contact", "催收说过几天会派人上门核实，这是真的吗？",
     "催收在电话里说要把我通讯录挨个打一遍，这是真的吗？"),
    ("third_party_contact", "我好怕他们把我通讯录都打一遍，他们会不会真的打？",
     "那个业务员扬言要给我通讯录里每个人发短信，他会不会真的发？"),
    ("violence_threat", "万一对方说要找人收拾我，我该不该报警？",
     "对方放话说要找人打断我的腿，他们真敢吗？"),
    ("debt_disclosure", "听说催收会把欠款的事发到业主群里，是真的吗？",
     "催收说要把我欠款的事发到我们业主群里，他们真的会发吗？"),
    ("third_party_contact", "客服说要联系我留的紧急联系人，这是真的吗？",
     "客服说要把我欠钱的事告诉我们公司所有同事，这是真的吗？"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_engine_mechanics_pair(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


@pytest.mark.parametrize("text", [
    "他们说要来我家泼红油漆，会不会真的来？",
    "催收说要爆我通讯录，是真的吗？",
])
def test_reported_threat_asked_about_is_threatened_with_intimidation(text: str) -> None:
    result = analyze(text, {}, model=False)
    assert "intimidation" in result.labels
    assert any(f.mode == "threatened" for f in result.findings if f.category != "intimidation")


def test_a_question_in_the_borrowers_own_words_is_not_the_reported_act() -> None:
    # 骗子 is the borrower's word in the question, not the collector's
    assert analyze("平台客服说可以帮我办延期还款，不收钱，这是真的还是骗子？", {}, model=False).labels == ["compliant"]


# item 3: a 快递 that carries a court paper is no delivery dispute; item 2: a company as the sender, server or seal of
# a court paper is a fake court's mark
COURT_PAIRS = [
    ("impersonation", "你好，本院受理的借款合同纠纷一案，开庭传票已通过快递寄往你登记的户籍地址，请注意查收并按时到庭。",
     "我是快递员，你有个到付件是法院传票，寄件人是某资产管理公司，现在不签收就视为放弃答辩"),
    ("impersonation", "【西湖区人民法院】您好，您的借款合同纠纷一案已立案，案号（2026）浙0106民初1234号，开庭时间12月10日，请按时到庭。",
     "【西湖区人民法院】您好，您的借款合同纠纷一案已立案，案号（2026）浙0106民初1234号，本通知由恒信资产管理有限公司代为送达。"),
    ("impersonation", "【12368】您好，西湖区人民法院已受理原告某银行诉您金融借款合同纠纷一案，请登录人民法院在线服务平台查看。",
     "收到一张传票，落款是西湖区人民法院，但盖的红章是“恒信资产管理有限公司”的章。"),
]


@pytest.mark.parametrize(("category", "lawful", "unlawful"), COURT_PAIRS)
def test_court_paper_pair(category: str, lawful: str, unlawful: str) -> None:
    # the full engine only: rules alone flag the first lawful notice, because the cue lists read a court's 你 as a
    # red flag (court_red_flag_regex) and the classifier's veto is what drops it
    assert category not in analyze(lawful, {}).labels
    assert category in analyze(unlawful, {}).labels


def test_a_legal_paper_by_courier_in_a_threat_stays_a_threat() -> None:
    assert "intimidation" in analyze("再不还就快递一份律师函到你单位，让你全公司都知道", {}).labels
