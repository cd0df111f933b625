"""Lawful scope as principles (fourth session, helper "scope"): wording the rules flagged on the fresh sets
check_dev12/dev13, each mechanism with a lawful example and its unlawful counterpart, written for this file (not
taken from any set).

- A court's own procedural notice (mediation scheduled, a hearing, a summons mailed, a case to look up on an official
  channel) is impersonation or a false legal claim only with a red flag (money to an account, a mobile number, arrest
  or detention, a hearing tomorrow, 你 where courts write 您): `engine.court_notice`.
- A borrower's fear or hypothetical question about what might happen is no act; a report of an act that happened,
  followed by a question, keeps its labels (legal review D1): `engine.hypothetical_question`.
- A notice to a group that addresses no single reader and names no debt is no collection message: `engine.group_notice`.
- A denial that the matter is a debt, and the disclaimer form "均不可信", disclaim like clause_disclaimers.
- Enforcement told in the lawful order (judgment, then non-performance) is no false claim: `engine._LAWFUL_ORDER`.
- A co-signing spouse is jointly liable: no third party (cues.yaml joint_liability).
- Banter with no debt word discloses no debt (engine._BANTER_ALSO); 不需要 negates (engine._NEGATED).
- A non-loan service's fee or sanction in words that name no loan is no collection; bodily harm still counts
  (`engine.service_fee`).
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
    # ... a judge's assistant naming the case and the official line to verify; the same title demanding money is not
    ("impersonation", "您好，我是青山区人民法院的法官助理，关于（2026）青民初字第xxx号案件，请您下周到法院领取材料，可拨打12368核实我的身份。",
     "我是青山区人民法院的法官助理，你这个案件今天不把钱转到我卡上，明天就拘留。"),
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
    # a notice to a group that speaks to no single reader and names no debt is no collection message; the same
    # words aimed at the reader are (engine.group_notice)
    ("violence_threat", "各位邻居注意：昨晚停车场有人划车，保安已经报警，大家停车时留意一下。",
     "你的车停在停车场吧，昨晚有人划车，下次就轮到你了。"),
    ("violence_threat", "各位家长，明天学校组织包饺子，请给孩子带好菜刀和围裙。", "你等着，明天我拿菜刀去你家找你。"),
    ("insult_defamation", "家长群里有人发了一个陌生链接，说是骗子，大家别点。", "你就是个骗子，大家都别信他。"),
    # a denial that the matter is a debt ("不是借钱") disclaims; "是不是借钱不还" asks nothing of the kind
    ("third_party_contact", "紧急联系人那栏我写了你，是单位体检表要填的，不是借钱，放心",
     "紧急联系人那栏我们已经打过了，你再不还就打给你所有同事。"),
    # an official notice that its service is free, warning that paid "repair" is not to be trusted, is no
    # impersonation and no repair offer; the same header selling a repair with a personal channel is
    ("impersonation", "【市征信中心】提示：对信用报告有异议可免费提出异议申请，任何收费“洗白征信”的均不可信。",
     "【征信中心】你的征信有严重问题，需缴纳修复费，加微信处理。"),
    ("credit_repair_scam", "【市征信中心】提示：对信用报告有异议可免费提出异议申请，任何收费“洗白征信”的均不可信。",
     "【征信中心】你的征信有逾期记录，我们可以内部渠道删除，先交3000服务费。"),
    # enforcement told in the lawful order (judgment, then non-performance) is a true consequence; a criminal one is not
    ("false_legal_threat", "银行已起诉，判决后他一直没有履行，现被列为失信被执行人。",
     "银行已起诉，判决后你还不还，就直接拘留你。"),
    # joking about a borrowed umbrella discloses no debt; a platform's debt posted to the family group does
    ("debt_disclosure", "谁把我的雨伞借走了还没还😂 再不还回来我就发到班级群里让大家评评理哈哈",
     "你借我们平台的五千块再不还，就发到你家族群里让大家评评理。"),
    # 不需要 negates like 不用 / 无需 (engine._NEGATED)
    ("illegal_fee", "都在App上还就行，不需要转给我个人。", "都在App上还就行，直接转给我个人。"),
    ("illegal_fee", "在App上还就行，不用转给我个人。", "别在App上还了，直接转给我个人。"),
    # a service's own fee (parking, property) in words that name no loan is no collection fee; a loan's is
    ("illegal_fee", "小区车位管理费还没交的业主，请本周内到物业缴纳。", "您这个月的逾期管理费500元，今天必须一起交。"),
    ("illegal_fee", "李姐，您家这个季度的物业管理费还没交，月底前记得缴一下哦", "您这个月的逾期管理费500元，今天必须一起交。"),
    # ... also when the fee is 拖欠 and the company 催缴 (words of unpaid fees, not of loans)
    ("debt_disclosure", "我家拖欠了半年物业费，物业说要上门催缴，还要在业主群里公布名单，这样可以吗？",
     "他们说我欠网贷不还，要在业主群里公布我的名字，这样可以吗？"),
    # ... but bodily harm still counts in any domain
    ("violence_threat", "小区车位管理费还没交的业主，请本周内到物业缴纳。", "车位的事你再闹，我找人把你腿打断。"),
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


def test_co_signing_spouse_is_no_third_party() -> None:
    """A spouse who signed the loan together with the debtor is jointly liable (cues.yaml joint_liability): no third
    party; a spouse who did not sign is one."""
    assert "third_party_contact" not in analyze("我们是夫妻，一起签了借款合同，他们打电话给我催款，正常吗",
                                                {"recipient_role": "spouse"}, model=False).labels
    assert "third_party_contact" in analyze("我是他老婆，借款合同是他一个人签的，他们天天打电话让我还钱",
                                            {"recipient_role": "spouse"}, model=False).labels
