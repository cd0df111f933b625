"""Legal review 9 (eleventh session), helper legalfix12a's share: the defects on precision12's, precision12b's, conv21's
and recall12v's rules and engine scopes (D1-D3, D11-D16, D23-D25, L13).

Each case is a pair run through the full engine (rules and classifier): the line the review found wrong and the line the
rule is meant for, on either side of the category. The principle: an exception word names the denial or the lawful act
itself, never a bare word that also sits beside the unlawful act."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

TP = {"recipient_role": "address_book_contact"}

#: (category, lawful line, meta, unlawful line, meta)
PAIRS = [
    # D1: a collector's own threat that ends with 请勿心存侥幸 / 谨防意外 / 别上当…我们 is no anti-fraud warning
    ("third_party_contact", "谨防诈骗：任何人以“我司催收”名义要把你的照片发给亲友的，都是冒充，请直接报警", {},
     "你欠的钱今天不还，我们就把你的照片发给你通讯录里的任何人，请勿心存侥幸", {}),
    ("unlawful_visit", "提醒：如有人自称我司外访人员今晚上门，请勿开门，直接报警", {},
     "今晚会有人去你家门口守着，别以为我们是吓唬人的，请勿心存侥幸", {}),
    ("unlawful_visit", "有人冒充催收说今晚去你家门口堵你，都是吓唬人的，别上当", {},
     "今晚有人去你家门口堵你，你等着，别上当以为我们只是说说", {}),
    ("unlawful_visit", "所谓的“上门催收组”都是骗局，谨防有人借机上门收钱", {},
     "所谓的协商期已过，明天我们就带人去你单位闹，请勿拖延", {}),
    ("violence_threat", "谨防诈骗：有人自称讨债公司，威胁要打断腿逼你转账，请立即报警", {},
     "不还钱的话，有人会打断你的腿，谨防意外", {}),
    ("unlawful_visit", "如有人自称我司人员到你单位找你，请勿理会并向我司核实", {},
     "今晚会有人去你单位找你，请勿心存侥幸", {}),
    # D1: 请勿 + a payment imperative before the threat denies nothing
    ("unlawful_visit", "请勿相信“明天派人去你单位”这类说法，我司从不上门", {},
     "请勿拖延，明天我们就派人去你单位", {}),
    # D2: a court's paper left with a co-resident adult family member is lawful service (民诉88)
    ("third_party_contact", "法院送达传票时你本人不在，会依法交给你父母代为签收", {},
     "催收函你不签收，我们就送到你父母手里", {}),
    ("third_party_contact", "你拒签的话，法院的传票会交到你老婆手里，由同住家属代收", {},
     "你不签收我们的律师函，明天就交给你老婆", {}),
    # D3: 联系不上 does not excuse telling the contact the debt and asking him to press
    ("third_party_contact", "如果联系不上您，我们会联系您的紧急联系人询问您的下落", {},
     "如果再联系不上你，我们将告知你的紧急联系人你的逾期情况，并请他督促你还款", {}),
    # D11: the writer's own complaint, not a dare to complain
    ("intimidation", "你们这样乱扣费，这事没完，我要投诉到消协", {},
     "你去投诉啊，这事没完，有你好果子吃", {}),
    ("intimidation", "你们再乱收钱，我已经举报了，这事没完", {},
     "你举报也没用，欠钱不还，有你好果子吃", {}),
    # D12: a report only as the writer's own
    ("intimidation", "孩子走丢了我报警了，不管跑到哪我们都能找到他", {},
     "你报警也没用，欠我们的钱，你跑到哪我们都能找到", {}),
    # D14: the property office and a report beside the threat
    ("violence_threat", "物业提醒：最近小区有车被划，请车主停进车库", {},
     "你那辆白色宝马停在小区里不还钱，也不怕让人给划了，物业可管不过来", {}),
    ("violence_threat", "我报警了，车被人划了一道，欠的修车钱保险公司会赔", {},
     "欠的钱不还，你报警了也没用，车还想开不？", {}),
    # D13 (and the same words in vt-harm-veiled-2): insurance only as buying it, the teacher only as the speaker
    ("violence_threat", "天冷路滑，出门注意安全，别哪天被车撞了", {},
     "欠钱不还，哪天出门被车撞了，保险可不赔", {}),
    ("violence_threat", "各位家长：最近路口车多，万一被车撞了后果严重，请接送孩子", {},
     "你家孩子天天一个人放学，万一出点什么事，老师可管不着，欠的钱抓紧", {}),
    # D23: 车还想开不 needs a debt or collector word in reach
    ("violence_threat", "你这车还想开不？都开十年了，该换了", {},
     "欠我们的钱拖了半年，你这车还想开不？", {}),
    # D24: a count-down or 明天见 with only a refusal word is a personal message
    ("intimidation", "老公你电话怎么不接，我数到三你再不回消息我就生气了", {},
     "欠的钱再不还，我数到三，你不回消息我就发你家族群", {}),
    ("intimidation", "你怎么不接电话？算了，明天公司见", {},
     "老赖，电话不接是吧，明天你单位见", {}),
    # D25: 门卫 only in the school's own instruction
    ("violence_threat", "妈妈今天加班，放学你到门卫室等，接你的是小姨", {},
     "你女儿在实验小学吧，哪天去接孩子的是我们的人，门卫可拦不住", {}),
    # D15: 请问, 收到, 有人, 别再, 报警, 需不需要 are the pretext's own words (convention 21)
    ("impersonation", "我是他高中同学，有人打给我问他住哪个小区，请问这合法吗", TP,
     "我是他高中同学，请问他现在住哪个小区？", TP),
    ("impersonation", "我是你老公的朋友，我收到你们平台的短信说他欠钱，你们为什么发给我", TP,
     "我是你老公的朋友，他欠我们平台的钱，你收到消息让他回个电话", TP),
    ("impersonation", "我是他同事，你们别再打我电话了，他欠钱关我什么事", TP,
     "我是他同事，有点急事找他，让他别再躲了，赶紧还钱", TP),
    ("impersonation", "我是他老乡，他欠你们平台钱，可你们天天打给我，我要报警", TP,
     "我是他老乡，他欠我们平台钱，家里有人吗？让他回电话", TP),
    ("impersonation", "我是他朋友，你们催收天天打给我问他在哪上班，我想问怎么办", TP,
     "我是他朋友，急事找他，需不需要我去他单位找他？他在哪上班", TP),
    ("impersonation", "我是你老婆的同事，她让我转告你们，这个月底一定还款", {},
     "我是你老婆的同事，她欠我们平台三万，再不还我们就报警了，你转告她", {}),
    ("impersonation", "我是顺丰快递，你的到付件需要核对一下地址，冒充快递打听住址的请勿相信", {},
     "您好我是圆通快递，需要核对一下您的地址，您的网贷欠款也该结清了，请勿拖延", {}),
    # D16: a private lender seeking his own debtor, or a foreman with wages owed, is who he says he is
    ("impersonation", "我是小王的大学同学，他欠我两千块钱，一直联系不上，你知道他在哪吗", TP,
     "我是小王的大学同学，他在我们平台的借款逾期了，一直联系不上，你知道他在哪吗", TP),
    ("impersonation", "我是他老乡，他在我们工地干活，工资还没领走，联系不上他，你知道他在哪吗", TP,
     "我是他老乡，他在我们这借的网贷逾期了，联系不上他，你知道他在哪吗", TP),
    # L13: 转告 to the contact is the pretext's request again
    ("impersonation", "我是你老公的同事，他让我转告你们，工资发了就还款", {},
     "我是你老公的同事，他在我们公司借的贷款一直没还，你帮忙转告一下", {}),
]


@pytest.mark.parametrize(("category", "lawful", "lawful_meta", "unlawful", "unlawful_meta"), PAIRS)
def test_legal9_a_pair(category: str, lawful: str, lawful_meta: dict, unlawful: str, unlawful_meta: dict) -> None:
    assert category not in analyze(lawful, lawful_meta).labels
    assert category in analyze(unlawful, unlawful_meta).labels


def test_child_hint_explanation_says_the_threat_is_not_yet_detention() -> None:
    """D25: the hint is a threat to safety (治安50(一)); 非法拘禁 (刑法238) needs the taking."""
    res = analyze("你儿子在阳光小学吧，哪天去接娃的换成我们的人，欠的钱还不还你看着办", {})
    f = next(f for f in res.findings if f.rule == "vt-child-taken-hint")
    assert "第五十条" in f.explanation and "还不是" in f.explanation


def test_emergency_contact_explanation_names_the_standard_as_no_statute() -> None:
    """D26: the locating limit is GB/T 45251's and the industry guideline's, not a statute's."""
    res = analyze("您已逾期，如3日内仍未还款，我司将通知您的紧急联系人。", {})
    f = next(f for f in res.findings if f.rule == "tp-emergency-contact-condition")
    assert "GB/T 45251" in f.explanation and "不是法律条文" in f.explanation
