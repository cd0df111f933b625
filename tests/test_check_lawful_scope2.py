"""Lawful scope as principles (fourth session, helper "scope"): wording the rules flagged on the fresh sets
check_dev12/dev13, each mechanism with a lawful example and its unlawful counterpart, written for this file (not
taken from any set).

- A court's own procedural notice (mediation scheduled, a hearing, a summons mailed, a case to look up on an official
  channel) is impersonation or a false legal claim only with a red flag (money to an account, a mobile number, arrest
  or detention, a hearing tomorrow, 你 where courts write 您): `engine.court_notice`.
- A borrower's fear or hypothetical question about what might happen is no act; a report of an act that happened,
  followed by a question, keeps its labels (legal review D1): `engine.hypothetical_question`.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # a court's procedural notice without a red flag is the court writing; with money to an account it is not
    ("impersonation", "【江滨区人民法院】您好，您与某小贷公司的借款纠纷已安排诉前调解，时间为12月9日下午2点，请携带身份证到本院调解室。",
     "【江滨区人民法院】您好，您与某小贷公司的借款纠纷已安排诉前调解，请先将调解保证金2000元转入指定账户。"),
    # ... a hearing date with the summons mailed; a hearing "tomorrow" with detention is the fake's urgency
    ("impersonation", "【桐城市人民法院】本院定于2027年1月8日上午在第三法庭开庭审理某银行诉您借款合同纠纷一案，传票已寄出，请按时到庭。",
     "【桐城市人民法院】你的借款案明早开庭，不到庭当场拘留。"),
    # ... an enforcement case number to read on the official app; enforcement with a mobile clerk to call is not
    ("false_legal_threat", "【桐城市人民法院】您的案件已进入执行程序，案号（2026）皖0881执****号，请在移动微法院查阅执行通知书。",
     "【桐城市人民法院】你的案件已进入执行程序，速联系书记员139****6655处理，否则冻结你全部银行卡。"),
    # ... a judge's assistant calling about mediation, told by the borrower; a "court clerk" collecting is not
    ("impersonation", "法院的法官助理打电话问我愿不愿意诉前调解，说调解时间会通过官方短信通知我。",
     "我是区法院的书记员，你的欠款今天转到我这个支付宝，案子就给你撤了。"),
    # a borrower's fear of what they may do is no act; a report of what they did, with a question, is
    ("third_party_contact", "我已经逾期两个月了，很担心他们哪天给我爸妈打电话，现在要做什么准备吗？",
     "催收昨天打给我爸妈了，告诉他们我欠网贷不还，这合法吗？"),
    # ... a yes/no question about the future that contains the act ("会…吗")
    ("third_party_contact", "要是我这个月只还一部分，他们会打到我单位去吗？",
     "催收今天打到我单位去了，跟我领导说我欠网贷，我该怎么办？"),
    # ... a hypothetical visit asked about ("如果…能…吗")
    ("unlawful_visit", "假设催收真的找到我家来，我不开门的话他们能硬闯进来吗？",
     "昨晚催收硬闯进我家，赖在客厅不走，我能报警吗？"),
    # ... a fee the borrower asks about in advance; a fee demanded is not
    ("illegal_fee", "万一催收让我另外交一笔上门费，我需要交吗？",
     "催收说明天上门，让我先交500上门费，不交就不给我办分期。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_lawful_scope_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


def test_question_after_a_reported_threat_keeps_it() -> None:
    """Legal review D1: never turn a reported threat compliant because a question follows."""
    labels = analyze("他们说不还就去我单位闹，昨天已经来我单位闹过一次了，这合法吗？", {}, model=False).labels
    assert "unlawful_visit" in labels
