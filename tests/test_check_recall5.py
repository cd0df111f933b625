"""Recall by construction, fifth session (helper "recall5"): general ways people put a veiled threat, announce a
visit or tell a third party the debt is theirs, each with an unlawful example and a lawful counterpart, written for
this file (not taken from any set).

- Veiled threats (`intimidation.md`, `in-veiled-construction`): a warning "not given" (别说我没提醒你), the tone about
  to change (就不是这么客气了), harm nobody can "guarantee" against, an accident wished on the debtor, meeting the
  debtor in the street, the crew's temper and reputation.
- Veiled harm (`violence_threat.md`; README-check decisions make veiled bodily or property harm `violence_threat`
  threatened): an accident wished on the debtor or a child, the way home at night, meeting the debtor in the street,
  "while your legs still work" (`vt-veiled-constructions`); holding a relative until the money comes
  (`vt-detention-constructions`); damage nobody can "guarantee" against, a lock "someone can open"
  (`vt-property-veiled-constructions`).
- Showing the debtor he is watched (`in-surveillance-remark`): a remark on his door, car, child or looks as if seen
  in person or in a photo; a neighbour's compliment without such a sign is none.
- Announced visits (`unlawful_visit.md`, `uv-threat-visit-constructions`): a crew called up and on its way, the
  debtor's home in dialect words (屋头, 屋里厢, 府上), the parents' home to ask for the money, "门口见".
- Insults by construction (`insult_defamation.md`, `id-insult-constructions`): denying the debtor a right of a person
  (也配当爹), wishing the debtor dead, mocking comparisons, common regional insults (瘪犊子, 粉肠, 瘪三).
- The debt reaching a named person's ears (`third_party_contact.md`, `tp-talk-to-circle`): 传到你老婆耳朵里,
  让他领导都知道.
- Words that reveal a debt to a third party (`cues.yaml` `debt_detail`): IOUs and debt chasing (欠条, 要债), "owes
  them" (欠他们), joint liability (连带责任).
- Visits told by the borrower (`uv-visit-reported-constructions`): who came and where, with a collection word and
  without the notice and identification a lawful visit states (convention 15).
- Liability told to third parties (`false_legal_threat.md`, `fl-third-party-liable-constructions`): 他不还就你还,
  spouses or relatives paying as such, an emergency contact equated with a guarantor, 知情不报 liability.
- Authorities said to act with the collector (`fl-authority-with-collector`: 请派出所的人一起上门), charges presented as
  set by law and sums that double by the day (`fl-fees-as-law`), the family's cards or pensions "frozen together"
  (`fl-family-consequences-constructions`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
CONTACT = {"recipient_role": "emergency_contact"}
SPOUSE = {"recipient_role": "spouse"}
COLLEAGUE = {"recipient_role": "employer_or_colleague"}

PAIRS = [
    # a warning "not given"; a lender's reminder of a true contractual consequence
    ("intimidation", DEBTOR, "别说我们没提醒您，本期账单明天到期，逾期将按合同产生罚息。",
     "钱的事你就接着拖吧，到时候别说我没提醒你。"),
    # the tone about to change; a collector promising to stay polite
    ("intimidation", DEBTOR, "我们会一直客气地和您沟通，有困难可以申请分期。",
     "今天是最后一次好好跟你说，下回打过来可就不是这么客气了。"),
    # harm nobody can "guarantee" against; a lender unable to guarantee a waiver; an insurance remark
    ("violence_threat", DEBTOR, "减免申请我们不敢保证一定能批下来，建议您先还一部分。",
     "你那辆车天天停楼下吧，哪天轮胎瘪了我可不敢保证。"),
    ("violence_threat", DEBTOR, "车险还是买全险吧，停在路边玻璃保不齐哪天被砸。",
     "你店门口那块玻璃还能完整几天，我可说不准。"),
    # meeting the debtor in the street; a relative meeting the debtor's mother by chance
    ("violence_threat", DEBTOR, "昨天在菜市场碰见你妈了，她让你有空回个电话。",
     "钱赶紧还上，别让我在你们菜市场碰见你。"),
    # an accident wished on a child; care in bad weather
    ("violence_threat", DEBTOR, "下雪路滑，接孩子放学开车慢点，别出什么意外。",
     "你女儿放学那条路挺偏的，小心出点什么意外。"),
    # "while your legs still work"; a friend's advice to travel
    ("violence_threat", DEBTOR, "趁腿脚还利索，多陪爸妈出去走走。",
     "钱的事你就接着拖，趁腿脚还利索多跑几个地方借借。"),
    # holding a relative until the money comes; a case officer's "in my hands"
    ("violence_threat", DEBTOR, "这个案子现在在我手上，有问题随时联系我。",
     "你弟弟现在在我们手上，十二点前不转钱就别想见他。"),
    # a lock "someone can open"; a locksmith's advert
    ("violence_threat", DEBTOR, "小区开锁换锁找物业认证的开锁公司，门锁坏了随叫随到。",
     "你出租屋那把门锁，我们有人会开。"),
    # the crew's temper; a collector apologising for his own tone
    ("intimidation", DEBTOR, "上次电话里我语气不好，向您道歉，我们再商量还款时间。",
     "我们这边几个兄弟脾气都不太好，你最好别让他们等太久。"),
    # a crew called up and on its way; brothers visiting for dinner
    ("unlawful_visit", DEBTOR, "我们兄弟俩周末过去你那边吃饭，顺便看看新房子。",
     "钱今天不到账，我就摇一车兄弟过去找你。"),
    # the home in dialect words; a lender's denial
    ("unlawful_visit", DEBTOR, "我们的工作人员不会到您府上，请放心，有问题打客服电话。",
     "再拖下去，明天我就上你屋头去，守到你拿钱为止。"),
    # the parents' home to ask for the money; a borrower's own plan to go home
    ("unlawful_visit", DEBTOR, "我下个月回老家，跟我爸妈商量一下怎么还这笔钱。",
     "你再不接电话，我们就去你爸妈家要钱。"),
    # "he doesn't pay, so you pay"; a lender telling the contact she owes nothing
    ("false_legal_threat", CONTACT, "您是他的紧急联系人，您没有还款义务，麻烦转告他尽快回电。",
     "你是他紧急联系人，他不还的话就你来还。"),
    # an emergency contact equated with a guarantor; a lender saying it is not
    ("false_legal_threat", CONTACT, "紧急联系人不是担保人，不承担还款责任，请您转告本人即可。",
     "紧急联系人就是担保人，这笔钱你跑不了。"),
    # spouses paying as such; a lender asking the spouse only to pass on a message
    ("false_legal_threat", SPOUSE, "您好，我们联系不上您爱人，麻烦您转告他回电，谢谢。",
     "你们是夫妻，夫妻就得一起还，你今天先转一半。"),
    # liability for "not telling" where the debtor is; a plain locating request
    ("false_legal_threat", CONTACT, "如您知道他的新号码，方便的话请告诉我们，不方便也没关系。",
     "你要是知道他在哪不说，知情不报是要承担责任的。"),
    # denying the debtor a right of a person; a request to cooperate
    ("insult_defamation", DEBTOR, "也请您配合一下，告诉我们一个方便接听的时间。",
     "欠了钱躲着不还的人，也配当爹？"),
    # wishing the debtor dead; a borrower explaining a death in the family
    ("insult_defamation", DEBTOR, "我爷爷上个月过世了，家里事多，还款晚了几天，抱歉。",
     "电话不接信息不回，你怎么还不去死。"),
    # a regional insult; bargaining talk with a look-alike word
    ("insult_defamation", DEBTOR, "孬种才不敢砍价，这件衣服我砍到了一半。",
     "你个瘪犊子，钱到底还不还？"),
    # the debt reaching a named person's ears; a lender's promise of discretion
    ("third_party_contact", DEBTOR, "这件事不会传到您家人耳朵里，我们只和您本人沟通。",
     "再拖几天，你欠钱的事就传到你老婆耳朵里了。"),
    ("third_party_contact", DEBTOR, "我不想让他领导知道这件事，能不能帮忙保密？",
     "不还就去你爸单位，让他领导都知道他养了个欠钱不还的儿子。"),
    # authorities said to act with the collector; a lawful next step after a judgment
    ("false_legal_threat", DEBTOR, "判决生效后您仍未履行的，我们将依法申请法院强制执行。",
     "再不还款，我们就协调派出所民警一起上门找你。"),
    # charges presented as set by law; charges under the contract within the legal cap
    ("false_legal_threat", DEBTOR, "按合同约定，逾期利息按年化18%计收，不超过法律规定的上限。",
     "按国家规定，逾期违约金就是本金的两倍，你今天得还六千。"),
    # a sum that doubles by the day; a points promotion
    ("false_legal_threat", DEBTOR, "会员日活动：今天签到，明天积分就翻倍。",
     "今天再不还，你欠的钱明天就翻倍。"),
    # the family's cards frozen together; a lender saying only the borrower is affected
    ("false_legal_threat", DEBTOR, "逾期只影响您本人的征信，不会牵连您的家人。",
     "你不还，你爸妈的银行卡也会被一起冻结。"),
    # a chance "not given"; a lender recalling the extensions it granted
    ("intimidation", DEBTOR, "我们之前给过您两次延期机会，这次请按时还款。",
     "今晚是最后期限，过了可别说没给过你机会。"),
    # a debt revealed to a colleague by debt-chasing words; a message that names no debt
    ("debt_disclosure", COLLEAGUE, "你好，我是张某的朋友，找他有点急事，麻烦转告他回个电话。",
     "你好，我们是来要债的，你们单位的张某一直躲着，麻烦转告他。"),
    ("debt_disclosure", COLLEAGUE, "你好，请问张某今天在公司吗？我是他老同学。",
     "你们部门的张某手上有一张欠条一直没兑现，你让他跟我们联系。"),
    # a visit told by the borrower; a notified visit by identified staff; friends visiting
    ("unlawful_visit", {}, "昨天平台两名工作人员提前打电话预约后来我家，出示了工作证，聊完还款计划就走了。",
     "昨天下午两个男的跑到我上班的超市，当着顾客问我什么时候还钱。"),
    ("unlawful_visit", {}, "昨天两个老同学来我家玩，顺便还了上次借我的两百块。",
     "催收今天又去了我爸妈的老家，在门口问我欠的钱什么时候还。"),
    # a remark showing the debtor is watched; a neighbour's compliment
    ("intimidation", DEBTOR, "你家狗挺可爱的，是什么品种呀？",
     "昨天路过你家楼下，那辆白车停得挺显眼的。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_recall_construction(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


def test_real_guarantor_is_no_false_liability() -> None:
    """Convention 7: a guarantor within the guarantee is liable; telling them so is no false legal claim."""
    r = analyze("您是他的担保人，他不还就由您承担保证责任，请于本月底前处理。", {"recipient_role": "guarantor"},
                model=False)
    assert "false_legal_threat" not in r.labels


def test_threatened_visit_construction_implies_intimidation() -> None:
    r = analyze("今晚不还，我喊几个兄弟伙过来你屋头坐起。", DEBTOR, model=False)
    uv = next(f for f in r.findings if f.category == "unlawful_visit")
    assert uv.mode == "threatened"
    assert "intimidation" in r.labels


def test_rule_expressions_keep_their_syntax_when_normalised() -> None:
    """Rule expressions are normalised like messages but keep their regex syntax (`normalise_regex`). The word-list
    normaliser dropped `*`: "(?:就|都)*翻倍" silently became "(?:就|都)翻倍" and missed "明天翻倍"."""
    import re

    from xiezhi.collection.normalize import normalise, normalise_regex

    rx = re.compile(normalise_regex("(?:就|都)*翻倍"))
    assert rx.search(normalise("明天翻倍").text) and rx.search(normalise("明天就都翻倍").text)
    # a full-width question mark is a character, matched against the normalised message's "?"
    ask = re.compile(normalise_regex("好吗？"))
    assert ask.search(normalise("好吗？").text) and not ask.search(normalise("好").text)
    paren = re.compile(normalise_regex("（本金）"))
    assert paren.search(normalise("欠款（本金）").text) and not paren.search("本金")
    # escapes keep their case; characters are mapped as in messages (full width, traditional, spaces, emoji)
    assert normalise_regex(r"\S+上 門Ａ") == r"\S+上门a"
    assert normalise_regex(r"[^。！？\]]") == r"[^。!?\]]"
    assert re.compile(normalise_regex("[ａ-ｃ]")).fullmatch("b")
