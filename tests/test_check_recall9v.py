"""Threat and tone categories on the seventh session's fresh wording (helper "recall9v", eighth session).

test7, dev30 and dev31 (annotators 35-37, nobody had tuned on them) were read for the misses of violence_threat,
intimidation, insult_defamation and false_legal_threat; only constructions that recur on the older read sets became
rules, each written as slots with lexicons wider than the lines read. Every pair below is in wording of its own (no
development line holds it): the unlawful line must get the category, its lawful twin (care between friends, a true
lawful next step, a borrower's worry, a warning, a negation, an everyday use of the same words) must not.

README-check convention 20: a threat to make the debtor notorious (让你出名, 让你在村里出名, 曝光你) is intimidation (plus
the threatened debt_disclosure of that category's rules), never violence_threat or insult_defamation by itself.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # convention 20: the exposure threat, with a place, 全网, 火一把 or 曝光 (in-exposure-threat)
    ("intimidation", "拖到月底还不还？那我就让你在你们厂里出名", "这首歌发到网上，保证让你在朋友圈里火一把"),
    ("intimidation", "再躲着不还，信不信我把你的事全部曝光", "我要去315曝光你们这种乱收费的平台"),
    ("intimidation", "账拖了半年还装死，过几天让你全网红一把", "你上次那条视频拍得好，这回肯定让你全网红一把"),
    # veiled threats the lexicons lacked (in-veiled-lexicon-slots, in-veiled-deliberation)
    ("intimidation", "电话不接是吧，老子跟你耗到底", "这个项目我们跟你耗到底也要做完，辛苦大家"),
    ("intimidation", "欠的钱一天不还，我们就一天不让你过安生日子", "孩子放假了天天闹，一天都不让我安生"),
    ("intimidation", "钱拖着不给是吧？明天等着吧！", "包裹明天等着吧，快递说还在路上"),
    ("intimidation", "下回上门的是别的组，他们办事可不像我们这么客气，欠款你早点处理",
     "新来的经理办事可不像老王这么客气，你们开会别迟到"),
    ("intimidation", "你借我们的钱不还，法律管不了我们，我们有自己的规矩", "我们小区有自己的规矩，垃圾要分类投放"),
    ("intimidation", "逾期三个月了，你唔还钱就自己谂清楚后果", "呢份工你自己谂清楚先好转，唔好冲动"),
    # the child's school and routine, a remark on the child in Cantonese, a dead animal delivered (in-family-whereabouts-
    # question, in-surveillance-remark, in-menacing-object)
    ("intimidation", "你儿子在阳光幼儿园中班是吧，每天几点接送来着？欠款的事抓紧", "你女儿在实验二小上学对吧，我女儿也在那，放学一起接吧"),
    ("intimidation", "影咗你个仔返学嘅相，你个仔几精乖喎，欠嘅钱几时还？", "你个仔几精乖喎，读书又叻"),
    ("intimidation", "今天快递里那只死猫收到了吧，欠的钱该还了", "家里厨房发现一只死老鼠，还没来得及扔，房东说欠的物业费下个月一起交"),
    # property damage in dialect verbs and objects, the grave, the vehicle (vt-property-damage-slots)
    ("violence_threat", "唔还钱？我哋今晚去你档口淋红油", "楼上装修师傅说明天刷油漆，请邻居关好窗"),
    ("violence_threat", "你唔还钱，间铺头就唔使要啦", "呢件衫太旧，唔使要啦，掉咗佢"),
    ("violence_threat", "欠债不还是吧，找人把你老家祖坟给刨了", "村里修路要平坟，我家祖坟得挪一挪"),
    ("violence_threat", "再拖下去，我们就找人把你的货车拖走抵账", "违停的货车被交警拖走了，罚款两百"),
    # held at the workplace until paid (vt-detention-door)
    ("violence_threat", "我们几个就在你厂门口，欠的钱今天不结清你别想下班", "这批订单今天赶不完，谁也别想按时下班了"),
    # veiled bodily harm (vt-veiled-harm-lexicon-slots)
    ("violence_threat", "想你儿子平平安安读完书，这周就把欠款结清", "我只想你平平安安的，钱的事别太操心"),
    ("violence_threat", "欠我们的钱今天必须到账，到时候你腿断了可别来找我", "你腿断了就别来找我打球了，好好养着"),
    ("violence_threat", "逾期这么久还不还，你就死定了", "明天交作业，这次我死定了"),
    # abuse in regional or masked forms (id-insult-dialect-slots)
    ("insult_defamation", "你个衰仔，借钱唔还仲玩失踪", "今日落雨冇带遮，真系衰到贴地"),
    ("insult_defamation", "欠钱不还，你们两口子真是一个德行", "这两只猫一个德行，天天拆家"),
    ("insult_defamation", "你这种人欠了钱就躲，活该一辈子穷", "我活该穷，谁让我当初乱买东西"),
    # precision: the writer's own wish not to be a 老赖, his family scolding him (id-insult, id-insult-reported)
    ("insult_defamation", "你就是个老赖，装什么可怜", "我真的不想做老赖，能不能先还一半，剩下的分期"),
    ("insult_defamation", "催收打电话来骂了我半个小时，什么难听说什么", "欠款的事被家里知道了，我爸骂了我一顿"),
    # a reported claim that the writer ran off with the money (id-fled-claim-reported)
    ("insult_defamation", "催收给我舅舅打电话，说我借了网贷卷钱跑路了，可我天天在厂里上班",
     "我怕催收会跟我同学说我欠钱跑路了，怎么办"),
    # a misdeed invented and told to others (id-fabricated-misconduct-told)
    ("insult_defamation", "再拖着不还，我们就给你们单位人事发函，说你在外面倒卖公司货物偷钱",
     "警方通报说他挪用公款已被立案，单位也发了公告"),
    ("insult_defamation", "催收把我的住院单拍照发到同学群，说我装病赖着不还", "我妈总说我小时候爱装病逃学"),
    # court measures claimed while there has been no suit (fl-enforcement-without-suit)
    ("false_legal_threat", "他们发短信说我的房子下周就要被法院查封拍卖了，可我从来没收到过任何传票，这是真的吗",
     "律师说要是以后判了还不还，可能会被强制执行，我现在还没被起诉，先协商可以吗"),
    # a relative's credit said to suffer (fl-reported-claim)
    ("false_legal_threat", "客服说我再拖下去，我爸妈的征信也会一起变黑，是真的吗",
     "催收说会影响我老公的征信，因为他是共同借款人，合同上有他签字"),
    # an arrest with 把 (fl-arrest-reported) and one announced for a debt (fl-arrest-general)
    ("false_legal_threat", "催收打给我奶奶，说再不还就把我抓起来", "我担心不还钱会不会把我抓起来？"),
    ("false_legal_threat", "三日内不结清欠款，将对你实施异地抓捕", "警方对诈骗团伙实施异地抓捕，追回被骗资金"),
]


@pytest.mark.parametrize(("category", "unlawful", "lawful"), PAIRS, ids=[f"{c}-{i}" for i, (c, _, _) in
                                                                        enumerate(PAIRS)])
def test_construction_and_its_lawful_twin(category: str, unlawful: str, lawful: str) -> None:
    assert category in analyze(unlawful, {}, model=False).labels, unlawful
    assert category not in analyze(lawful, {}, model=False).labels, lawful
    assert category not in analyze(lawful, {}).labels, lawful


@pytest.mark.parametrize("text", ["不还钱就让你在村里出名", "再拖下去我让你在老家出出名", "三天不到账就曝光你"])
def test_exposure_threat_is_intimidation_never_violence_or_insult_by_itself(text: str) -> None:
    """Convention 20, for the rules: the threat to make the debtor notorious is intimidation and names no harm and no
    insult. (The classifier may still add violence_threat or insult_defamation to the shortest of these lines: its
    n-grams of "不还钱就让你…" lean to violence; keeping it from doing so is a check.py change, asked of helper engine9.)"""
    labels = analyze(text, {}, model=False).labels
    assert "intimidation" in labels
    assert "violence_threat" not in labels and "insult_defamation" not in labels


def test_listeners_warned_about_the_debtor_are_not_threatened() -> None:
    """vt-take-care: "你们吃他的粉小心点", said by collectors to a debtor's customers, warns them about him (disclosure,
    a visit); it threatens nobody's body (K0052)."""
    text = "两个男的在店里大声跟客人讲“这老板欠钱不还，你们吃他的面小心点”，客人都走了"
    assert "violence_threat" not in analyze(text, {"recipient_role": "public", "channel": "visit"}).labels
