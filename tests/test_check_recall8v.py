"""Threat and tone categories on fresh wording, seventh session (helper "recall8v"): violence_threat, intimidation,
insult_defamation and false_legal_threat. Each construction was read off the misses of test6/dev27/dev29 and checked
against the older read sets (kept only where every or nearly every annotator who wrote it gave the label), written as a
slot grammar with lexicons broader than the lines read, and kept only if check_test5/dev25/dev26 (summary only) did not
get worse and no set gained a lawful false positive. Every pair below was written for this file (not copied from any
set): a lawful twin (care between friends, a true lawful next step, a borrower's worry, a warning against scams, a
negation) and an unlawful counterpart in new wording.

- Veiled bodily harm as slots (`violence_threat.md`, `vt-veiled-harm-slots`): the way of the debtor or a relative × a
  "mind yourself" word; a past victim's body; the crew's criminal or violent self-description; the body as iron.
- Veiled harm to property (`vt-property-doubt-slots`): property × a doubt whether it will survive, or damage the writer
  disowns in advance.
- Detention at the door (`vt-detention-door`): "谁都别想出这个门".
- A theft told as an event accuses nobody (`id-fabricated-crime` unless).
- "小心点" from a neighbour, colleague or relative, or warning the reader about someone else, is no violence
  (`vt-take-care`); "出了什么事别怪我" names no harm (intimidation only), an accident (意外) does.
- Veiled threats as slots (`intimidation.md`, `in-veiled-slots`): the consequence left for the reader to imagine, the
  crew's reputation and reach, the old or young who "cannot take a fright"; a warning "not given" also as 没通知你.
- The place or routine of the debtor or a relative × "we know", the home "easy to find" (`in-whereabouts-known-slots`).
- A false legal claim the borrower reports a collector made, asked about afterwards (`false_legal_threat.md`,
  `fl-reported-claim`, not negatable and exempt from the classifier veto: `check.VETO_EXEMPT_RULES`): a child's schooling
  barred, relatives liable, the collector freezing cards itself, someone who signed nothing called the guarantor.
- A third party told "as a contact you are liable" or "you too owe half" (`fl-third-party-duty-*`), a child's political
  review "going wrong" (`fl-family-exams`).
- Relentless calls announced on a condition (`in-relentless-conditional`): 不然我们每天都打…, 说不还就天天打给他; not a
  borrower's count of calls that kept coming.
- The debtor's photo made into a funeral portrait is intimidation (`in-funeral-items`, README-check convention 19).
- A report of "fraud" said to have been made already (`insult_defamation.md`, `id-false-report-claimed`), a person called
  a sort of goods (`id-insult-goods`), the Cantonese curses (`id-insult-constructions`); the writer asking whether
  they themselves are a 老赖 is not insulted (`id-insult` unless_message).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
NONE: dict[str, str] = {}
COLLEAGUE = {"recipient_role": "employer_or_colleague"}
SPOUSE = {"recipient_role": "spouse"}

PAIRS = [
    # the way of a relative × a "mind yourself" word; a friend's care after a burglary in the estate
    ("violence_threat", DEBTOR, "最近小区进了小偷，你闺女晚上放学回家那段路多留个心眼，我让我家老王去接她。",
     "钱拖到现在还没影，你闺女晚上放学回家那段路多留个心眼。"),
    ("violence_threat", DEBTOR, "厂门口那条路黑灯瞎火的，你媳妇夜班下班记得打车，路灯坏了我已经报修了。",
     "你媳妇夜班下班走厂后面那条路吧，黑灯瞎火的，欠我们的钱你心里有数。"),
    # a past victim's body; a colleague's sports injury
    ("violence_threat", DEBTOR, "我们部门有个人上周打球腿断了，这周的会你替他去开一下。",
     "跟你一样嘴硬拖着不还的，以前有个，后来胳膊折了，你自己想想值不值。"),
    # the crew's self-description; a volunteer group after prison
    ("violence_threat", DEBTOR, "我们这些人都是从里面出来的，现在做志愿者，周末去社区讲讲怎么改过自新。",
     "我劝你别报警，我们这帮人都是坐过牢的，不怕再进去，钱你看着办。"),
    ("violence_threat", DEBTOR, "我们健身房的教练都是练过的，下周带你做体测。",
     "别跟我耍花样，我手下的人个个见过血，欠的钱今晚给个说法。"),
    # the body as iron; a marathon friend
    ("violence_threat", DEBTOR, "你这腿是铁打的吗，跑完全马第二天还去爬山？",
     "钱拖了三个月了，我就问你，你那脑袋是铁打的？"),
    # property × a survival doubt; weather and a quality test
    ("violence_threat", DEBTOR, "气象台发了冰雹预警，你家大棚经不经得起，要不要加固一下？",
     "你家那个大棚挺新啊，欠的钱再不还，不晓得经不经得起一把火。"),
    ("violence_threat", DEBTOR, "今年的玉米收不收得成，就看后面下不下雨了。",
     "躲是躲得好，你家那十亩玉米今年收不收得成，就看你还钱的表现了。"),
    # damage disowned in advance; a fire-safety reminder
    ("violence_threat", DEBTOR, "仓库电线老化了，哪天着火了就麻烦了，物业提醒尽快找电工。",
     "你那个铺面开得挺红火啊，钱的事再拖，哪天着火了可别说是我们干的。"),
    # detention at the door; a rainy afternoon
    ("violence_threat", NONE, "下这么大的雨，今天谁都别想出这个门了，在家打游戏吧。",
     "他们四个人坐在我店里，说钱不拿出来今天谁也别想出这道门，我想去取货都被拦回来了。"),
    # "小心点" from a neighbour, a colleague, or as a warning about another person; from the collector
    ("violence_threat", DEBTOR, "小陈，我是你们隔壁理发店的，下午有两个人拿着你的照片到处打听你，你小心点。",
     "钱一直拖着不还是吧，小心点。"),
    ("violence_threat", DEBTOR, "各位，这人借了我们几个人的钱没还，大家以后小心点，别再借钱给他。",
     "都第三个月了还装死，晚上回家小心点。"),
    # the consequence left for the reader; a lawful notice that names the next step
    ("intimidation", DEBTOR, "如您本月底前仍未还款，我司将依法起诉，由此产生的诉讼费用由您自行承担。",
     "三天内钱不转过来，你自己好好想想下场。"),
    ("intimidation", DEBTOR, "借钱之前想想后果，别借你还不上的钱。",
     "拖着也行，有你苦头吃的。"),
    # the crew's reputation; customer service reassuring a borrower
    ("intimidation", DEBTOR, "做客服十几年了，什么样的人没见过，您别担心，我帮您申请延期。",
     "做这行十几年，什么样的老赖没见过，最后都得乖乖吐出来。"),
    ("intimidation", DEBTOR, "我们不是什么黑社会，派出所我们也没有人，有问题你可以直接报警。",
     "想报警？你们那边派出所我们也有人，看最后谁吃亏。"),
    # the old cannot take a fright; a friend keeping bad news from a mother after surgery
    ("intimidation", DEBTOR, "你妈刚做完手术，老人家经不起折腾，先别告诉她。",
     "你爸七十多了吧，老人家经不起吓，钱的事你看着办。"),
    # whereabouts known; friends planning a surprise or a visit
    ("intimidation", DEBTOR, "你住哪我们都知道，生日礼物直接寄过去了，记得查收。",
     "你儿子周五坐哪趟车回家我们都晓得，钱的事别拖了。"),
    ("intimidation", DEBTOR, "你家挺好找的，导航一下就到了，我们周六去你家做客。",
     "钱不还电话也不接？你家挺好找的。"),
    # a false claim reported and asked about; a worry read online, a lawful step, a denial, a real guarantor
    ("false_legal_threat", NONE, "网上说父母欠网贷会影响孩子考公，是真的吗？",
     "催收打电话说我再不还，女儿以后考编都考不了，真的会这样吗？"),
    ("false_legal_threat", NONE, "催收说这笔钱跟我爸妈没关系，不需要他们承担责任，是真的吗？",
     "客服说我不还的话我爸妈也要负连带责任，是真的吗？"),
    ("false_legal_threat", NONE, "催收说会向法院申请冻结我的银行卡，这个可以吗？",
     "他们还说要把我的支付宝和银行卡全部冻结，真的假的？"),
    ("false_legal_threat", NONE, "催收说我是担保人，我确实签了保证合同，现在该怎么办？",
     "催收打给我表姐说她是我的担保人，她什么都没签过，这样合法吗？"),
    # a third party told it is liable; a lender telling a contact it owes nothing
    ("false_legal_threat", COLLEAGUE, "您作为联系人没有还款义务，只是麻烦您转告他联系我们。",
     "你作为他的同事是有责任的，赶紧让他把钱还了。"),
    ("false_legal_threat", SPOUSE, "你们离婚前一起签了借款合同，是共同借款人，这笔钱还需要你们共同偿还。",
     "你们俩虽然离了，这钱你也有一半责任，赶紧还。"),
    # a child's political review "going wrong"; a school's notice
    ("false_legal_threat", DEBTOR, "学校通知：参加政审的同学请带好户口本，材料有问题的及时联系老师。",
     "钱再拖下去，你女儿当兵的政审就要出问题了。"),
    # a fraud report claimed as made; the borrower's own report about the collector
    ("insult_defamation", DEBTOR, "我已经向派出所报了警，说催收冒充法院的人诈骗我。",
     "我们昨天已经去派出所报了案，说你骗贷，等着警察找你吧。"),
    # a person called goods; goods
    ("insult_defamation", DEBTOR, "这批布料是什么货色，你验货以后再付款。",
     "借钱不还还好意思发朋友圈，大家都知道你是什么货色。"),
    ("insult_defamation", DEBTOR, "唔好意思，我哋下个月先还得到，麻烦你哋等多阵。",
     "丢你老母，借钱唔还仲玩失踪？"),
    # relentless calls announced on a condition; a borrower's count and a polite promise
    ("intimidation", DEBTOR, "今天催收打了我十二次，我不接就一直打，这个正常吗？",
     "今天下午五点前不回话，我们就每天换号打到你接为止。"),
    ("intimidation", COLLEAGUE, "您不方便的话我们明天再联系，不会一直打扰您。",
     "麻烦转告小李尽快处理，否则我们天天打你们前台。"),
    ("insult_defamation", NONE, "我算不算老赖？我每个月都在还一点，为什么同事都说我是老赖",
     "催收在群里说我是老赖，还@了我所有同事。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_construction_pair(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_theft_told_as_an_event_is_no_accusation(model: object) -> None:
    r = analyze("最近小区进了小偷，你老婆孩子出门的时候多留个心眼。", DEBTOR, model=model)
    assert r.labels == ["compliant"]
    r = analyze("你欠钱不还，就是个小偷。", DEBTOR, model=model)
    assert "insult_defamation" in r.labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_detention_at_the_door_is_also_intimidation(model: object) -> None:
    r = analyze("三个人坐在我家沙发上，说不拿钱来今天谁都别想出这个门。", NONE, model=model)
    assert {"violence_threat", "intimidation"} <= set(r.labels)


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_something_happening_is_intimidation_an_accident_is_violence(model: object) -> None:
    r = analyze("再拖着不还，到时候出了什么事别怪我们没提前说。", DEBTOR, model=model)
    assert "intimidation" in r.labels and "violence_threat" not in r.labels
    r = analyze("再拖着不还，你爸骑车出了意外可别怪我们。", DEBTOR, model=model)
    assert "violence_threat" in r.labels
    r = analyze("你闺女天天走河边那条路去上学吧，出了什么事可别怪我们。", DEBTOR, model=model)
    assert "violence_threat" in r.labels  # a relative's way named: vt-harm-veiled


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_funeral_portrait_of_the_debtor_and_a_family_funeral(model: object) -> None:
    """The debtor's photo made into a funeral portrait is intimidation (convention 19; the rules find it, and the
    classifier may veto it where it knows the wording only as exposure); a family's own funeral is nothing."""
    assert analyze("外公走了，遗像我们已经选好了，明天上午十点出殡。", NONE, model=model).labels == ["compliant"]
    if model is False:
        assert "intimidation" in analyze("他们把我的自拍P成了黑白遗照，发到了我们公司的群里。", NONE, model=False).labels
