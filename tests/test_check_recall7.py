"""Recall by construction, sixth session (helper "recall7"): only constructions that recur across at least three
annotators of the read development sets, each kept only if check_test5/dev25/dev26 (summary only, never their lines)
did not get worse and no set gained a lawful false positive. Each construction has an unlawful example and a lawful
counterpart written for this file (not copied from any set).

- A third party told that yet others will be contacted on a condition (README-check convention 16,
  `check._threatens_further_contact`): the recipient's own contact is done, and the threat of more is intimidation.
- A self-styled mediation or arbitration body asking the debtor for money (`impersonation.md`, `im-mediation-fee`).
- The circle threat put as an offer question (`debt_disclosure.md`, `dd-offer-to-tell-circle`): 要不要我们去跟园长聊聊？
- A family member's job named in a question (`intimidation.md`, `in-family-whereabouts-question`: 当, 教, 工作, 干活).
- Damage to the debtor's home, shop or car offered as a service (`violence_threat.md`, `vt-property-ironic-service`).
- The crew announced as coming over for a sit or a chat (`unlawful_visit.md`, `uv-crew-coming-over`).
- The debtor's body named as what is at stake (`violence_threat.md`, `vt-body-at-risk`).
- The debt said to be a non-borrower's too (`false_legal_threat.md`, `fl-third-party-duty-constructions`, and the same
  words as `fl-third-party-duty-to-recipient` when the metadata shows a third party received them).
- A wage deduction presented as the employer's legal duty (`false_legal_threat.md`, `fl-wage-deduction-by-collector`);
  扣下来 said of wages is no detention (`vt-detention`).
- Talking to the debtor's circle about his matter, and telling his address book of the debt, are threatened
  third-party contact too (`dd-threat-tell-circle`, `dd-threat-blast-debt`: `also: [third_party_contact]`).
- An agency passing itself off as the lender's own staff (`impersonation.md`, `im-agency-as-lender`).
- The debt or "execution money" to be paid into an account the sender names (`illegal_fee.md`, `if-designated-account`).
- A disease left unnamed in a threatened rumour (`id-false-rumour`: 那种病, 脏病) and the debtor called a swindler beside
  his debt (`insult_defamation.md`, `id-swindler-to-others`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
COLLEAGUE = {"recipient_role": "employer_or_colleague"}
RELATIVE = {"recipient_role": "address_book_contact"}

PAIRS = [
    # convention 16: a colleague told the boss comes next unless the debtor pays; a colleague asked to pass on a
    # lawful next step
    ("intimidation", COLLEAGUE, "麻烦您转告小周，他的分期已经逾期，如仍未处理我司将依法起诉。",
     "麻烦你转告小周，分期逾期一个月了，他再不处理，我们下周就只能找你们主管了。"),
    # convention 16: a relative told the calls will reach the whole family; a condition that threatens no contact
    ("intimidation", RELATIVE, "您好，您表弟的借款已逾期，请提醒他尽快还款，否则逾期费用会继续增加。",
     "你表弟的借款逾期了，你让他赶紧还，不然我们每天打给你们全家。"),
    # a self-styled mediation centre charging for mediation; a genuine one that says it is free
    ("impersonation", DEBTOR, "【青山区金融纠纷人民调解委员会】受理了您与禾丰小贷的调解申请，调解免费、自愿，可拨打本会座机核实。",
     "这边是华夏债务调解中心，你的账单已转到我们这里，先交一千二调解保证金才能给你出停息方案。"),
    # an arbitration body asking for a transfer; a lender saying where a real arbitration notice comes from
    ("impersonation", DEBTOR, "根据借款合同的仲裁条款，我司已向云川仲裁委员会申请仲裁，文书由仲裁委依法送达。",
     "我们是网贷仲裁中心的，今天把八百块处理费转入指定账户，案子就给你撤了。"),
    # the circle threat as an offer question; a collector offering a hardship extension
    ("debt_disclosure", DEBTOR, "要不要我们帮您向公司申请延期还款？资料准备好发我就行。",
     "你媳妇在中心医院当护士吧？要不要我们去跟她们护士长聊聊你的事？"),
    ("third_party_contact", DEBTOR, "要不我跟我爸妈说说，看他们能不能先借我一点？",
     "你儿子那个班主任我们也联系上了，要不要我们去跟班主任好好说说？"),
    # damage offered as a service; a real repair visit
    ("violence_threat", DEBTOR, "您好，售后维修师傅明天上午上门帮你把门锁修一下，请保持电话畅通。",
     "还不上是吧？行，过两天兄弟们帮你把店里的玻璃门“翻新”一下。"),
    ("violence_threat", DEBTOR, "搬家辛苦了，周末我帮你把家具整理整理。",
     "欠钱不还还挺横？你家那辆车我们会帮你好好“收拾”一下。"),
    # the debt said to be a non-borrower's too; a lender telling a contact he owes nothing
    ("false_legal_threat", RELATIVE, "您作为紧急联系人没有义务替他还款，麻烦转告他联系我们即可。",
     "你是他亲哥，他的账你也跑不脱，家里人都有义务帮他还。"),
    ("false_legal_threat", COLLEAGUE, "公司有义务保护员工的个人信息，我们不会透露他的情况。",
     "你们是一个部门的吧？他要是跑了，你们公司得负责。"),
    ("false_legal_threat", RELATIVE, "如果您知道他的新号码，方便的话请告诉我们，不方便也没关系。",
     "你知道他住哪却不说，就是包庇，我们会追究你的。"),
    ("false_legal_threat", DEBTOR, "你作为借款人有义务按合同按时还款。",
     "你女朋友也跑不了，你们没结婚也得一起还。"),
    # a wage deduction presented as the employer's legal duty; an agreed payroll deduction
    ("false_legal_threat", COLLEAGUE, "本月起按您签署的代扣协议，从工资卡自动扣款还贷。",
     "贵公司员工孙某拖欠我司借款，依法请贵公司从其工资中每月扣除一千五转给我司，否则贵公司承担责任。"),
    # a disease left unnamed, spread as a rumour; a relative's real illness mentioned with sympathy
    ("insult_defamation", DEBTOR, "听说你妈得了那种病要长期吃药，还款可以申请延期。",
     "再拖下去，我就跟你们小区的人说你得了那种病，看谁还敢跟你打招呼。"),
    # the debtor called a swindler beside his debt; a warning about someone posing as a collector
    ("insult_defamation", COLLEAGUE, "最近有人冒充我司催收，自称催收的是骗子，请勿转账。",
     "你们部门的小周是个骗子，借了我们平台三万就玩消失，大家离他远点。"),
    # an agency passing itself off as the lender's own staff; an agency naming itself and its principal
    ("impersonation", DEBTOR, "您好，我是恒远资产的催收专员，受禾丰消费金融委托联系您，工号HY203，可在禾丰App里查到委托机构。",
     "打来的人一直说自己是禾丰总部的人，我打禾丰客服一问，客服说我的账早就委托给外部公司了。"),
    # execution money to an account the sender names; a court's own notice with its ruling
    ("illegal_fee", DEBTOR, "本院已作出执行裁定，请被执行人按执行通知书载明的本院执行款专户履行，可拨打本院电话核实。",
     "这里是区法院执行庭，你的案子进入执行了，今晚八点前把执行款转入以下账户，不然明天拘留。"),
    # talking to the debtor's circle about his matter is threatened contact too; a lender promising not to
    ("third_party_contact", DEBTOR, "您放心，我们只和您本人沟通，不会跟您的家人、同事谈您的借款。",
     "你再拖，我们就去你们厂里跟你那些工友好好聊聊你的事。"),
    ("third_party_contact", DEBTOR, "逾期信息仅向您本人发送，请勿担心。",
     "今晚十点前不还，你通讯录里的人都会收到你欠钱的事。"),
    # the debtor's body named as what is at stake; a son asking after his mother's health
    ("violence_threat", DEBTOR, "妈，你腿脚还利索吧？钱不够跟我说，别舍不得看病。",
     "拖了三个月还不还，你这身子骨还硬朗吧？能扛几下？"),
    ("violence_threat", DEBTOR, "下雪了路滑，出门小心你的腿，还款的事不急。",
     "欠的钱你是打算用钱还，还是拿腿来抵？"),
    # the crew coming over for a sit; a friend's visit
    ("unlawful_visit", DEBTOR, "你借我的钱不急，改天我们几个过去你那儿坐坐，给你暖暖新房。",
     "电话不接是吧，钱再不拿出来，明晚我们几个过去你那儿坐坐。"),
    # a family member's job named in a question; a friendly question about a relative's job
    ("intimidation", DEBTOR, "你姐还在医院当护士吗？最近身体好些了吧，还款的事不急，可以申请延期。",
     "你老公还在物流园开叉车吧？钱的事你自己掂量。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_recall_construction(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_third_party_further_contact_is_done_contact_and_intimidation(model: object) -> None:
    """Convention 16: the contact with the recipient is done (convention 2 does not make it threatened), intimidation
    is added, and the threatened contact's own finding is not shown as threatened."""
    r = analyze("你是小吴的同事吧？麻烦转告他，月底前不处理的话我们只能联系你们老板了。", COLLEAGUE, model=model)
    assert {"third_party_contact", "intimidation"} <= set(r.labels)
    modes = {f.category: f.mode for f in r.findings}
    assert modes["third_party_contact"] == "done"
    assert modes["intimidation"] == "done"


def test_further_contact_needs_the_condition_before_the_contact() -> None:
    """A condition after the contact words threatens something else: "您作为联系人，请督促其还款，否则…" is no threat of
    more contact."""
    r = analyze("您作为他的通讯录联系人，请督促其还款，否则他的逾期记录会一直保留。", RELATIVE, model=False)
    assert "intimidation" not in r.labels


def test_the_same_threat_to_the_debtor_is_unchanged() -> None:
    """Sent to the debtor, the conditional contact threat was already threatened contact + intimidation."""
    r = analyze("月底前不处理的话我们只能联系你们老板了。", DEBTOR, model=False)
    assert {"third_party_contact", "intimidation"} <= set(r.labels)
    assert {f.category: f.mode for f in r.findings}["third_party_contact"] == "threatened"


def test_impostor_warning_about_mediation_fees_is_no_impersonation() -> None:
    r = analyze("【禾丰小贷】近期有人冒充调解中心要求借款人缴纳调解费，我司从未委托此类机构，请勿转账。", DEBTOR)
    assert "impersonation" not in r.labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_wages_held_back_are_no_detention(model: object) -> None:
    r = analyze("你是小吴的主管吧？他借了我们两万，你们发工资的时候先扣下来给我们行不行。", COLLEAGUE, model=model)
    assert "violence_threat" not in r.labels
    r = analyze("不还钱今天就把你扣下来，别想回家。", DEBTOR, model=model)
    assert "violence_threat" in r.labels
