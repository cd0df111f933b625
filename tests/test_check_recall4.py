"""Recall by construction (fourth session, tuner "recall"): the largest groups of misses on the development sets and
the held-out check_test4 after its one look — disclosure implied by what is threatened or done, veiled bodily and
property harm — each construction with an unlawful example and a lawful counterpart, written for this file (not
taken from any set).

- Disclosure implied by a threat (`debt_disclosure.md`): talking to the debtor's circle about "你的事"
  (`dd-threat-tell-circle`), letting someone know what the debtor owes or is (`dd-threat-let-know`), going to raise a
  banner or placard or sending letters to the workplace (`dd-threat-banner-letter`), a blast to the contacts whose
  content is the debt (`dd-threat-blast-debt`), the same threat worded from the audience's side or naming the
  debt as what will be told (`dd-threat-circle-knows`); with `intimidation` (convention 2).
- Disclosure done in public (`dd-posted-debt-words`): debt words painted or posted at a door, a wall, a post, in a
  message that reached a third party or the public (a debtor-addressed account needs recipient_role: convention 4).
- Veiled bodily harm (`vt-veiled-escalation`): "下次就不是…这么简单了", "不死也脱层皮", people waiting on the way
  home, a weapon brought along, dragging the debtor out, 别逼我们动手, 医院躺着; harm named as an accident the
  collector will not be blamed for (`vt-veiled-mishap`).
- Veiled property harm (`vt-property-veiled-3`): "哪天被人划了可别怪我们", 死全家 painted at the door.
- A default framed as a crime (`fl-crime-framing`): a threat to accuse of fraud or 恶意逃债, the case said to be handed
  to the police, a detention centre.
- Abuse reported by its manner (`id-insult-reported-manner`: 接起来就骂, 全是骂人的) and a fabricated fact spread
  about the debtor (`id-false-rumour`: 得了艾滋, 欠钱跑路, 养女人, 借钱去赌博).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
PUBLIC = {"recipient_role": "public"}

PAIRS = [
    # talking to the debtor's circle about his affairs; a collector asking the debtor to talk to his family himself
    ("debt_disclosure", DEBTOR, "你自己跟家里人商量一下，看能不能先凑一部分，我们可以给你分期。",
     "再不处理，下周我们的人去你老丈人的村里，跟村里的街坊好好唠唠。"),
    ("debt_disclosure", DEBTOR, "我们不会跟你的同事讲你的情况，请放心。",
     "月底前不还，我们就去你店里，顺便跟你那几个同事说说你的事。"),
    # letting people know what the debtor owes; a borrower who does not want his colleagues to know
    ("debt_disclosure", DEBTOR, "催收会不会打到单位？我怕让同事知道我欠网贷，怎么办",
     "拖着是吧，那就让你小舅子一家都知道你欠了多少钱。"),
    ("debt_disclosure", DEBTOR, "请您尽快还款，逾期记录会让征信报告显示欠款状态。",
     "不想让你丈母娘知道你在外面欠一屁股债的话，今晚就转账。"),
    # the threat worded from the audience's side; a lender promising the family will not learn of it
    ("debt_disclosure", DEBTOR, "请放心，您的家人和同事不会知道您的借款情况，我们只与您本人沟通。",
     "下礼拜你们厂里的工友就都知道你是个欠钱不还的老赖了。"),
    # ... naming the debt as what will be told
    ("debt_disclosure", DEBTOR, "您可以把借款的事跟家人商量一下，看看能否申请分期。",
     "后天我们去你岳父家，把你欠钱的事从头到尾讲一遍。"),
    # a banner or placard at the workplace; a lawful letter from a court to the employer
    ("debt_disclosure", DEBTOR, "法院已向您单位发出协助执行通知书，依法扣划工资。",
     "下周一我们就到你们医院门口拉一条横幅，写上你的科室。"),
    ("debt_disclosure", DEBTOR, "我们会通过短信、电话与您本人联系，不会向您的单位寄送任何材料。",
     "欠款再装死不还，我们就往你单位寄一封快递，收件人写你们院长。"),
    # debt words painted at a door, told by a neighbour (public); a door sticker that is an ad
    ("debt_disclosure", PUBLIC, "楼道墙上贴满了开锁换锁的小广告，物业说会统一清理。",
     "楼下邻居说，你家防盗门上被人用喷漆写了“欠钱不还”几个字。"),
    # a blast to the contacts whose content is the debt; a lender promising the contacts hear nothing of it
    ("debt_disclosure", DEBTOR, "联系不上您时我们只会请紧急联系人转告您回电，不会告诉他们您欠款的事。",
     "周五前还不上，你微信好友里那两百多人每人都会收到你的欠款通知。"),
    # veiled bodily harm: "next time it will not be this simple"; a lender's lawful next step
    ("violence_threat", DEBTOR, "本次为短信提醒，若仍未还款，下一步将依法起诉，就不是协商这么简单了。",
     "今天只是来看看你，下回再来可就不是敲敲门这么简单了。"),
    ("violence_threat", DEBTOR, "我们下次会提前预约上门时间，不是突然来访，请放心。",
     "这次砸的是你的鱼缸，下次砸的就不是鱼缸了。"),
    # not dead but skinned; care between friends
    ("violence_threat", DEBTOR, "你最近太累了，注意身体，别熬夜，小心累脱了一层皮。",
     "躲？躲到天涯海角，找到你不死也扒你一层皮。"),
    # people waiting on the way home; a friend waiting downstairs
    ("violence_threat", DEBTOR, "我们几个在你家楼下等你，一起去吃火锅，快下来。",
     "不还是吧，我叫几个兄弟在你放学路上堵着你儿子。"),
    # a weapon brought along; camping gear
    ("violence_threat", DEBTOR, "周末去野营，记得带上刀和帐篷。",
     "明天上门，兄弟们都带着钢管，你看着办。"),
    # dragging the debtor out
    ("violence_threat", DEBTOR, "您好，外访人员会在工作时间上门，如您不在家我们会留下联系卡片。",
     "躲在屋里不出来？明天我们上楼把你揪出来。"),
    # harm named as an accident the collector will not be blamed for; a friend's care in bad weather
    ("violence_threat", DEBTOR, "今晚下雪路滑，你骑车慢点，摔了可别怪我没提醒你哈。",
     "你爸每天早上去河边钓鱼是吧，哪天脚下一滑摔进去，可别怪我们。"),
    # "don't force us to act"; a lender asking not to be forced into a lawsuit
    ("violence_threat", DEBTOR, "希望您尽快还款，不要逼我们走法律程序。",
     "我们的人就在你村口，别逼我们动手。"),
    # veiled property harm: "if it gets scratched one day, don't blame us"; a property-management reminder
    ("violence_threat", DEBTOR, "物业提醒：请勿将电动车停在消防通道，哪天被人划了可以调监控。",
     "你那台新摩托停在巷子口是吧？哪天被人砸了可别怪我们没提醒。"),
    # a default framed as a crime: a threat to accuse of fraud; a lender saying a default is a civil matter
    ("false_legal_threat", DEBTOR, "逾期不还属于民事纠纷，我司会依法向法院提起民事诉讼，请您尽快协商。",
     "周五前不结清，我们就去告你骗贷，你自己掂量。"),
    # ... the case said to be handed to the police; a case handed to a law firm, and advice to report abuse to the police
    ("false_legal_threat", DEBTOR, "我们会把您的欠款交给合作律所跟进，如遇暴力催收，可向当地派出所报案。",
     "你的资料我们已经转交到你老家派出所了，等着民警找你吧。"),
    # abuse reported by its manner; a borrower saying the calls were polite
    ("insult_defamation", {}, "这周平台打了两次电话，都挺客气的，没骂人，就是提醒我还款。",
     "那个催收的号码一天打五六次，我一接就是一顿骂，我都不敢开机了。"),
    # a fabricated fact spread to others; a collector denying he told anyone anything
    ("insult_defamation", DEBTOR, "我们没有跟任何人说过您的情况，也不会对外说您跑路，请放心。",
     "不还是吧，那我就跟你表哥表嫂说你借钱去赌博输光了。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_recall_construction(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


def test_threatened_disclosure_implies_intimidation() -> None:
    r = analyze("下个月还不上，我们就去你闺女学校，跟她班主任聊聊你的情况。", DEBTOR, model=False)
    dd = next(f for f in r.findings if f.category == "debt_disclosure")
    assert dd.mode == "threatened"
    assert "intimidation" in r.labels


def test_painted_debt_words_need_a_third_party_recipient() -> None:
    """Convention 4: a borrower's own account of paint at the door has no recipient role; disclosure needs one."""
    text = "昨晚有人在我家门上喷了“欠债还钱”四个字。"
    assert "debt_disclosure" not in analyze(text, {}, model=False).labels
    assert "debt_disclosure" in analyze(text, PUBLIC, model=False).labels


def test_property_threat_does_not_cite_personal_safety() -> None:
    """Legal review 2 (D28): 治安50(一) covers threats to 人身安全 only; a bare property threat is cited as 恐吓."""
    r = analyze("你那辆车停在小区里吧，哪天被人划了可别怪我们。", DEBTOR, model=False)
    f = next(f for f in r.findings if f.category == "violence_threat")
    ids = {c.get("id") if isinstance(c, dict) else getattr(c, "id", None) for c in f.citations}
    assert "criminal-law:293" in ids
    assert "public-security-punishments-law:50" not in ids
