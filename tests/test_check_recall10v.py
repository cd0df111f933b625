"""Threat, tone and identity categories on the eighth session's fresh wording (helper "recall10v", ninth session).

test8, dev32 and dev33 (annotators 38-40, nobody had tuned on them) were read for the errors of violence_threat,
intimidation, insult_defamation, false_legal_threat and impersonation; a construction became a rule only where the
read sets gold it the same way across three or more annotators (id letters), written as slots with lexicons wider than
the lines read. Every pair below is in wording of its own (no development line holds it): the unlawful line must get
the category, its lawful twin (a real office or court, care between friends, a borrower's own offer, a teacher's
warning, a guarantor's true liability, an everyday use of the same words) must not.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # a caller styled as the sub-district office, the town government or the grid worker who presses the debt
    # (im-local-office-collects); a real grid worker passing on that someone asked, or a mediation, is no such claim
    ("impersonation", "我是城关镇政府的，平台把你欠款的事报到我们这了，你明天上午到镇政府办公室说明情况",
     "我是社区网格员，有个网贷公司打电话让我们社区配合找你，我们没答应，你是不是遇到什么困难了"),
    ("impersonation", "这里是你们街道办，你拖欠网贷的事已经反映上来了，再不处理我们就上门做工作",
     "这里是街道人民调解委员会，平台申请调解你们的借款纠纷，是否参加由你自愿决定"),
    # a sender styled as the police's anti-fraud centre that implicates the debtor (im-antifraud-sender); its own warning is none
    ("impersonation", "【某区公安分局反诈中心】你的网贷账户涉嫌洗钱，请立即将欠款转入安全账户配合核查",
     "【反诈中心】提醒：近期有人冒充网贷平台和公安要求转入安全账户，均为诈骗，请勿转账"),
    # a court paper whose seal or signature gives it away (im-court-document-betrayed); the court's own EMS does not
    ("impersonation", "他们微信发来一份律师函，落款盖的是一家资产管理公司的章，让我三天内还清",
     "今天收到法院寄来的传票，寄件人是区人民法院，EMS单号在邮政官网能查到"),
    # a law firm whose lawyer is only a mobile number (im-lawyer-mobile-only); a letter with the licence number is not
    ("impersonation", "【明德律师事务所】关于您拖欠的网贷，请于三日内联系承办律师13912345678处理，逾期将采取法律措施",
     "【恒信律师事务所】受某银行委托就您的信用卡欠款发出律师函，承办律师王某，执业证号1440xxxxxxxxxxx，律所电话020-8888xxxx"),
    # a threat to take the debtor's things "to settle the debt" (vt-property-taken-for-debt); the borrower's own offer is not
    ("violence_threat", "今天再不还，我们就开车去你老家，把你家那几只羊拉走抵债",
     "我实在拿不出现金，我自愿把那辆旧三轮车拿去抵债，可以跟平台协商吗"),
    # the child's way to school made dangerous (vt-child-route-slots); a teacher's or parent's reminder is not
    ("violence_threat", "欠的钱还不还？你儿子放学走的那条小路挺偏的，出点什么事可别怪我们",
     "各位家长，放学路上车多，请提醒孩子注意安全，结伴回家"),
    ("violence_threat", "你要是想让你女儿平平安安上学，月底前把钱打过来", "祝你女儿平平安安上学，学业进步"),
    # the escalation with 可, the damage done named as the lesser thing, the weapon verb first (vt-veiled-escalation-more)
    ("violence_threat", "欠的钱别想赖，我们的人找到你了可就不是请你喝茶这么简单了", "找到工作可不是那么简单的事，慢慢来别着急"),
    ("violence_threat", "门上的红漆看到了吧，再拖下去下回就不是红漆了", "下回刷的就不是这种红漆了，装修师傅说换成防水涂料"),
    ("violence_threat", "我们几个带着家伙在你楼下，欠的钱今天给个说法", "水管师傅带着家伙什在楼下等你开门"),
    # precision: a wish that the law lock someone up is abuse, not a detention threat (vt-detention unless)
    ("violence_threat", "钱不到账就把你关在仓库里，别想回家", "这种骗子就该被关起来，警方已经立案了"),
    # abuse addressed to the debtor or an old parent (id-insult-address-lexicon); things called old are no insult
    ("insult_defamation", "老不死的，你儿子欠的钱什么时候还", "这些老东西放着占地方，周末拿去回收站卖了"),
    ("insult_defamation", "电话也不接，别给脸不要脸，今天必须还款", "谢谢你给我面子，今天的饭我请"),
    # a third party pressed to pay with a legal sanction (fl-third-party-pay-or-sued); a guarantor's real liability is not
    ("false_legal_threat", "催收打给我表哥，让他替我还钱，说他不还就连他一起起诉",
     "您作为本笔借款的担保人，借款人逾期未还，请您替他还款，否则我司将依法起诉您"),
]


@pytest.mark.parametrize(("category", "unlawful", "lawful"), PAIRS, ids=[f"{c}-{i}" for i, (c, _, _) in
                                                                        enumerate(PAIRS)])
def test_construction_and_its_lawful_twin(category: str, unlawful: str, lawful: str) -> None:
    assert category in analyze(unlawful, {}, model=False).labels, unlawful
    assert category not in analyze(lawful, {}, model=False).labels, lawful
    assert category not in analyze(lawful, {}).labels, lawful


@pytest.mark.parametrize("text", [
    "您好，这里是市金融监管局热线，您投诉的催收问题已转交有关机构，处理结果会在十个工作日内回复您",
    "今天法院的两位工作人员来我家，我看了他们的证件，好像是真的，他们登记了财产就走了",
    "你好，我是交警大队的，你有一起交通违法未处理，请带驾驶证到窗口办理",
])
def test_real_officials_are_not_impersonation(text: str) -> None:
    """A regulator's reply to the borrower's complaint (O0200), court officers whose papers were shown (M0273) and a
    traffic police squad about a fine (O0240) claim no false identity."""
    assert "impersonation" not in analyze(text, {}, model=False).labels
    assert "impersonation" not in analyze(text, {}).labels
