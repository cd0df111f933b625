"""Veiled threats: violence_threat and intimidation on the tenth session's fresh wording (helper "recall12v", eleventh
session).

test10, dev38 and dev39 (annotators 44, 48, 49) and the older read sets were read for the misses of violence_threat and
intimidation whose wording hints at harm without a harm keyword. A family became a rule where the read sets gold it the
same way across annotators (counts in the rules' comments), written as slots wider than the lines read. Every pair below
is in wording of its own (no development line holds it): the unlawful line must get the category from the new rule, its
lawful twin (a compliment, a parent's care, a lawyer's hand-over, a game, a nail in a tyre) must not get the category.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.engine import get_matcher
from xiezhi.collection.normalize import normalise

PAIRS = [
    # the debtor's clothes or hour named as if just seen, beside a sign of watching (in-watched-remark-slots)
    ("intimidation", "in-watched-remark-slots", "催收又发来一张我在公交站等车的照片，配了句“今天这身西装挺帅啊”",
     "你今天这身西装挺帅啊，要去相亲吗"),
    ("intimidation", "in-watched-remark-slots", "六点半就出的门，下班也挺准时嘛，怎么欠的钱就不准时了",
     "你们公司下班挺准时啊，真羡慕"),
    ("intimidation", "in-watched-remark-slots", "别以为我们找不到你，你家门口那个鞋柜是白色的，上面摆着一盆绿萝，没错吧？",
     "您家门口那个鞋柜是白色的对吧？快递我给您放鞋柜上了"),
    # the next people's methods disowned, the boss's temper, the collector's prison record (in-harder-hands-slots)
    ("intimidation", "in-harder-hands-slots", "你的单子我转给外面的朋友了，他们怎么收拾你我可管不了",
     "您的案件已转交律师事务所，律师如何处理我们就说了不算了，请与律师联系"),
    ("intimidation", "in-harder-hands-slots", "我们大哥脾气暴，月底钱再不到账他亲自过来",
     "我们老板脾气好，逾期了也会跟你商量分期"),
    ("intimidation", "in-harder-hands-slots", "老子蹲过三年号子，啥都不怕，钱的事你看着办",
     "我表哥年轻时进去过，现在出来了啥苦都不怕，在工地干活挺踏实"),
    # following, the home photographed from outside, a street photo sent (in-watched-reported)
    ("intimidation", "in-watched-reported", "这几天我一出小区，催收那两个人就跟着，一直跟到菜市场",
     "我儿子刚学会走路，我去哪他就跟着我"),
    ("intimidation", "in-watched-reported", "催收半夜发了一张我在小区门口倒垃圾的照片，一个字都没写",
     "闺蜜发了一张我在海边的照片，拍得真不错"),
    # menace words with no act named (in-menace-lexicon-more)
    ("intimidation", "in-menace-lexicon-more", "钱不到位，这事儿没完", "这事没完没了地拖着，医院也没个准话"),
    ("intimidation", "in-menace-lexicon-more", "装死装到今天了？月底前还不上，有你的好果子吃", "这家的果子真好吃，下次再买"),
    # "you will cry then" beside the debt (in-cry-later)
    ("intimidation", "in-cry-later", "月底前还不上，等人找到你单位的时候可别哭", "宝贝，一会儿抽血的时候别哭，妈妈在外面等你"),
    # a bare "see you tomorrow" to a debtor who does not answer (in-see-you-tomorrow)
    ("intimidation", "in-see-you-tomorrow", "电话不接、消息不回，行，明天你公司见。", "材料都带齐了，明天见！"),
    # "wherever you go we find you" beside the debt (in-find-you-anywhere)
    ("intimidation", "in-find-you-anywhere", "换号、搬家都没用，欠的钱不还，你躲到哪儿我们都能揪出来",
     "孩子手表开着定位，他跑到哪儿我都能找着，放心吧"),
    # the collector's own "you don't answer, I keep on" (in-relentless)
    ("intimidation", "in-relentless", "消息都看了吧？你不回我们就接着发", "你不回也没关系，我们下周一再发一次还款提醒"),
    # a count-down before an act (in-countdown)
    ("intimidation", "in-countdown", "给你数到十，再不回消息，你的欠款截图就发你们公司群", "我数到三，大家一起跳"),
    # an accident hinted: a car, a fall, a crowd (vt-accident-hint)
    ("violence_threat", "vt-accident-hint", "欠的钱躲着不还，你家老太太天天过那个路口，万一哪天被货车碾了可别说我们没提醒",
     "奶奶走路不稳，上次差点摔断了腿，你多陪陪她"),
    ("violence_threat", "vt-accident-hint", "电话不接是吧，你女儿补习班下课那会儿人挤人，碰着哪个都说不准哦",
     "补习班下课那会儿人挤人，碰着哪个都说不准，接孩子早点去"),
    # harm to a vehicle, a shop or a pet hinted (vt-property-harm-hint)
    ("violence_threat", "vt-property-harm-hint", "你那辆新摩托停在巷子口，也不怕被人给砸了，欠的钱想好怎么还没",
     "你那辆新摩托停在巷子口，最近偷车的多，当心被人偷了"),
    ("violence_threat", "vt-property-harm-hint", "欠了半年一分不还，你那个水果摊还想摆不？",
     "驾照分都扣光了，车还想开不？"),
    # the child's pick-up made a hint that the child may be taken (vt-child-taken-hint)
    ("violence_threat", "vt-child-taken-hint", "你闺女在实验幼儿园中班吧，你说哪天去接你闺女的换成我们的人，她会不会跟着走",
     "老师说孩子哪天放学要是没看到你，就先留在教室等"),
    # a person kept until the money comes (vt-held-until-paid)
    ("violence_threat", "vt-held-until-paid", "他们把我爸堵在屋里，说我把钱转过来才让他出门", "你把钱还清了，我们才放款给你下一笔"),
    # "smash it to pieces" (vt-smash-to-pieces)
    ("violence_threat", "vt-smash-to-pieces", "钱再不到账，你那个小卖部我让人砸个稀碎", "把冰块砸个稀碎，再倒进杯子里"),
    # funeral items with words that the death is to come (vt-funeral-death-to-come, convention 19)
    ("violence_threat", "vt-funeral-death-to-come", "门口多了个纸扎的花圈，卡片上写着“钱不还，迟早用得上”",
     "花圈给你准备好了，追悼会明天上午九点，节哀"),
    # tyres punctured with a debt note (vt-tyres-punctured)
    ("violence_threat", "vt-tyres-punctured", "今早电动车胎都被人戳破了，车把上挂着个纸条写着欠债还钱",
     "车胎又被扎了，这条路施工真烦"),
]


def _rule_ids(text: str) -> set[str]:
    return {h.rule.id for h in get_matcher().scan(normalise(text))}


@pytest.mark.parametrize(("category", "rule", "unlawful", "lawful"), PAIRS,
                         ids=[f"{r}-{i}" for i, (_, r, _, _) in enumerate(PAIRS)])
def test_family_and_its_lawful_twin(category: str, rule: str, unlawful: str, lawful: str) -> None:
    assert rule in _rule_ids(unlawful), unlawful
    assert category in analyze(unlawful, {}, model=False).labels, unlawful
    assert category not in analyze(lawful, {}, model=False).labels, lawful
    assert category not in analyze(lawful, {}).labels, lawful


def test_hinted_harm_is_threatened_and_implies_intimidation() -> None:
    """Convention 2: a threatened violence finding brings intimidation; the mode is `threatened`."""
    res = analyze("你家楼梯那个灯坏了吧，欠我们的钱再拖，哪天下楼摔断了腿可不关我们的事", {}, model=False)
    assert "intimidation" in res.labels
    vt = [f for f in res.findings if f.category == "violence_threat"]
    assert vt and all(f.mode == "threatened" for f in vt)


def test_punctured_tyres_are_damage_done() -> None:
    """The damage happened (mode `done`, possible_crime), whatever finding of the category the message shows first."""
    text = "昨晚车胎全给人扎了，雨刷下面压着张纸条：再不还钱下次就不是车胎"
    hits = [h for h in get_matcher().scan(normalise(text)) if h.rule.id == "vt-tyres-punctured"]
    assert hits and hits[0].mode == "done" and hits[0].rule.severity == "possible_crime"
    assert "violence_threat" in analyze(text, {}, model=False).labels


def test_borrower_fear_without_collector_words_is_no_threat() -> None:
    """A borrower's own fear of an accident, with no collector words, raises no violence or intimidation."""
    res = analyze("最近老是睡不好，总担心自己哪天出门被车撞了，家里怎么办", {}, model=False)
    assert "violence_threat" not in res.labels and "intimidation" not in res.labels


def test_without_a_word_is_no_negation() -> None:
    """二话不说 ("without a word") before an act does not deny it; a real negation still does."""
    assert "violence_threat" in analyze("催收进了我店里，二话不说把我的收银台砸了", {}, model=False).labels
    assert "violence_threat" not in analyze("我们不会把你的收银台砸了，请放心", {}, model=False).labels
