"""False legal claims and claimed authority on the tenth session's fresh wording (helper "recall12f", eleventh session).

test10, dev38 and dev39 (annotators 44, 48, 49) were read for the misses of false_legal_threat and impersonation (state and
legal identities only; the private-person pretext of convention 21 is another helper's). A construction became a rule where
the read sets gold it the same way across annotators, written as slots wider than the lines read. Every pair below is in
wording of its own (no development line holds it): the unlawful line must get the category, its lawful twin (a victim's
statement to the police, a court's true order after a judgment, a lender's own fee to sue, a guarantor's real liability, a
spouse's joint debt in the statute's terms, a court's own mediation paper, a reminder to the borrower himself) must not.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # the police want the debtor for questioning over the debt (fl-police-statement); the borrower's own report is none
    ("false_legal_threat", "你这笔网贷再拖，后天城西分局的民警就会通知你过去做笔录",
     "催收堵我门口推了我一把，我报了警，派出所让我明天过去做笔录"),
    ("false_legal_threat", "欠款不处理的话，派出所那边会叫你到所里接受询问",
     "我们社区的司法所调解员约你下周到所里调解借款的事，对方公司也会来"),
    # the court comes to take the debtor away before any judgment (fl-court-takes-away); detention for obstructing an
    # enforcement after a judgment is the lawful step
    ("false_legal_threat", "再不还，法院的人明天就上门把你抓走",
     "判决生效后你有能力却拒不履行，法院可以依法对你采取拘留措施，带走也得按程序"),
    # the spouse liable because of the marriage alone (fl-spouse-as-such); the statute's own test is none
    ("false_legal_threat", "你作为他老婆就得替他还，这是规矩",
     "这笔借款是你们两口子一起签的，用于家庭日常生活需要，作为他老婆你也要还"),
    # a third party told he will be sued or listed along with the borrower (fl-third-party-sued-too); a guarantor is none
    ("false_legal_threat", "他躲着不接电话，那就连你这个表哥一起起诉", "你是这笔借款的担保人，他不还的话我们会依法连你一起起诉"),
    ("false_legal_threat", "你不帮我们找到他，我们就把你也列入失信名单", "你不帮我们找到他也没关系，我们会通过法院起诉他本人"),
    ("false_legal_threat", "您是他的联系人，知情不报的话也要承担责任", "您是他的联系人，如果知道他的下落请转告他联系我们，您本人没有还款义务"),
    ("false_legal_threat", "这笔账你老婆也要一起还，她跑不了", "你老婆是共同借款人，合同上她也签了字，所以她也要一起还"),
    # a student's degree or place threatened (fl-school-consequence); a teacher's reminder about credits is none
    ("false_legal_threat", "网贷欠着不还，我们就让你们学校把你开除", "这学期学分不够的话，辅导员说可能不能毕业，赶紧补考"),
    # the subsistence allowance stopped for a debt (fl-welfare-cut); a household's own hardship letter is none
    ("false_legal_threat", "欠钱不还是吧，我们去镇上申请把你家的低保取消", "我家是低保户，欠的网贷还不上，想给平台写个困难说明"),
    # the record said to follow the debtor for life (fl-false-consequences); the five-year rule said truly is none
    ("false_legal_threat", "不交这两千，这个逾期记录就跟着你一辈子", "逾期记录自还清之日起保存五年，到期会删除，不会跟你一辈子"),
    # a "court" that wants money before the hearing or a link answered within hours (fl-court-fee-or-link); a lender's
    # statement that it advances the court fee to sue is none
    ("false_legal_threat", "【某区法院】你的借款案开庭之前得先交两千押金，交到下面的账户",
     "我司向法院起诉前需要先交诉讼费，判决后由败诉方承担，请您尽快协商"),
    ("false_legal_threat", "你有电子传票待领取，请加我微信签收，否则视为拒不到庭并依法拘传",
     "法院的传票会通过邮寄或者人民法院在线服务送达，请留意查收"),
    # the court's listing as what it may do after a suit (fl-blacklist's exception, convention 20) against the listing as
    # already ordered
    ("false_legal_threat", "你已经被法院拉进失信名单了，赶紧把钱还上",
     "您若长期不还，我们会依法起诉，由法院把您列入失信被执行人名单"),
    # the case "sent to the court for enforcement" with no judgment (fl-enforcement-without-title); after a judgment it is lawful
    ("false_legal_threat", "【安和纠纷调解室】您如果继续不配合，案件将移送法院强制执行", "判决已经生效，你一直不履行，我们将依法申请法院强制执行"),
    # the relatives' property seized for the borrower's debt (fl-family-consequences-constructions)
    ("false_legal_threat", "你不还，我们就让法院把你父母住的那套房子查封了", "法院只会查封被执行人本人的财产，你父母的房子不会受影响"),
    # an unlicensed lender's claim to have reported the debtor, asked about afterwards (fl-credit-unlicensed-reported)
    # is read in the test below with the lender type; a mediation centre claiming judicial standing (im-mediation-judicial-claim);
    # a court's own mediation paper is none
    ("impersonation", "【东方金融纠纷调处中心】本中心拥有司法调解资格，调解结果跟法院判决一样有效",
     "经人民法院出具的民事调解书与判决书具有同等法律效力，请双方按调解书履行"),
    # a collector who poses as the police, in the colloquial 扮 (im-impersonation-reported); dress is none
    ("impersonation", "嗰个催收扮差人打电话畀我阿妈，话我唔还钱就要拉人", "今日公司年会，阿明扮成圣诞老人派礼物"),
    # a summons that asks for payment by a code or a link, reported and asked about (im-summons-pay-by-code); the court's
    # own online channel is none
    ("impersonation", "今天收到一张传票，上面印着二维码让我扫码交三千保证金，这是真的假的",
     "传票上写着请按时到庭，诉讼费用问题可登录人民法院在线服务查询"),
    # a regulator's "collection line" (im-regulator-collects); the regulator answering the borrower's complaint is none
    ("impersonation", "您好，我们是人民银行催收中心的，你名下网贷逾期严重，今天必须处理",
     "您好，这里是金融监管局，您投诉的催收问题已转交相关机构处理，十个工作日内回复您"),
    # a state "task force" for online loans (im-fake-task-force); a warning against it is none
    ("impersonation", "【网贷债务化解专项办】您已符合减免条件，请登记身份证和网贷账号",
     "派出所提醒：所谓网贷债务化解专项办都是骗子，请勿登记账号密码"),
    # a court named in quotation marks, then found to know nothing of it (im-claimed-authority-reported)
    ("impersonation", "昨晚有两个人上门，说是“区法院执行局”的，要我签字认账，我第二天打给法院，人家说没派过人",
     "昨天区法院执行局的法官来送达执行通知书，我打法院总机核实过，确实是他们派的人"),
]


@pytest.mark.parametrize(("category", "unlawful", "lawful"), PAIRS, ids=[f"{c}-{i}" for i, (c, _, _) in
                                                                        enumerate(PAIRS)])
def test_construction_and_its_lawful_twin(category: str, unlawful: str, lawful: str) -> None:
    assert category in analyze(unlawful, {}, model=False).labels, unlawful
    assert category not in analyze(lawful, {}, model=False).labels, lawful
    assert category not in analyze(lawful, {}).labels, lawful


def test_third_party_credit_needs_a_third_party() -> None:
    """"否则影响您的信用" to a colleague is a false claim; to the borrower it is the lawful reminder (fl-third-party-credit)."""
    text = "你同事王某在我们平台的借款逾期了，请你提醒他还款，不然会影响你的个人征信"
    assert "false_legal_threat" in analyze(text, {"recipient_role": "employer_or_colleague"}, model=False).labels
    reminder = "您的借款已逾期三天，请尽快还款，不然会影响你的个人征信"
    assert "false_legal_threat" not in analyze(reminder, {"recipient_role": "debtor"}).labels


def test_unlicensed_credit_report_claim_reported_then_asked() -> None:
    """An unlicensed lender said it had reported the borrower; the question after it does not take it back, and the same
    words about a licensed lender are no false claim (fl-credit-unlicensed-reported, convention 10)."""
    text = "那个没牌照的借款app客服讲已经把我报上征信了，这是真的假的？"
    assert "false_legal_threat" in analyze(text, {"lender_type": "unlicensed"}, model=False).labels
    assert "false_legal_threat" not in analyze(text, {"lender_type": "consumer_finance"}, model=False).labels
