"""Scope of denials, questions and speakers in the Check engine (engine.py, normalize.py).

Chat-style lines put spaces where a full sentence puts commas; a denial or a question in one such phrase must not
cancel a threat in the next one. Stray spaces inside words (OCR, "上 门") are no pause.
"""

from __future__ import annotations

from xiezhi.collection import analyze
from xiezhi.collection.engine import clause_bounds
from xiezhi.collection.normalize import normalise, normalise_many


def labels(text: str, **meta: str) -> set[str]:
    return set(analyze(text, meta, model=False).labels)


def test_spacing_pause_is_recorded_between_words_only() -> None:
    n = normalise("我们不会打你 也不会骂你 我们就是天天去你家门口站着")
    assert n.text == "我们不会打你也不会骂你我们就是天天去你家门口站着"
    assert [n.text[:b][-2:] for b in n.breaks] == ["打你", "骂你"]
    assert normalise("您 的 借 款 己 逾 期 3 天").breaks == ()  # OCR: single characters between the spaces
    assert normalise("他们 上 门 了").breaks == ()
    assert normalise("收到你的还款2000了 剩下的1800 你说月底").breaks != ()  # digits are words too
    assert normalise("好的😂 周六火锅你请").breaks != ()  # an emoji beside the space is dropped with it
    assert normalise("没有空格的一句话").breaks == ()


def test_normalise_many_keeps_the_breaks() -> None:
    texts = ["我们不会打你 也不会骂你", "上 门", "plain", "好的😂 周六火锅你请", "您 的 借 款"]
    assert normalise_many(texts) == [normalise(t) for t in texts]


def test_clause_bounds_stop_at_a_pause_outside_the_match() -> None:
    n = normalise("我们不会打你 也不会骂你 我们就是天天去你家门口站着")
    s = n.text.index("天天去")
    cs, ce = clause_bounds(n.text, s, s + 3, [], n.breaks)
    assert n.text[cs:ce] == "我们就是天天去你家门口站着"
    # a pause inside the match does not cut it
    cs, ce = clause_bounds(n.text, 0, len(n.text), [], n.breaks)
    assert (cs, ce) == (0, len(n.text))


def test_denial_in_one_phrase_does_not_cancel_the_next() -> None:
    assert "unlawful_visit" in labels("你放心 我们不会打你 也不会骂你 我们就是天天去你家门口站着 跟你邻居聊聊天")
    # the same denial in the phrase of the act still cancels it
    assert labels("你好 这边是小额贷款公司贷后部 我们不会去你家也不会找你家人 就是想跟你商量个方案") == {"compliant"}


def test_question_in_the_last_phrase_does_not_cancel_the_reported_words() -> None:
    got = labels("他发了张图 是“逮捕令” 上面有我的名字身份证号 盖着公安局的红章 说今天不还明天执行 我吓得手都在抖 这是真的吗")
    assert "impersonation" in got


def test_named_turns_of_the_borrower_or_a_relative_are_not_the_collectors_words() -> None:
    from xiezhi.collection.engine import non_collector_turns

    text = normalise("催收：喂，邓某是吧\n邓某：这么晚了你们还打\n催收：明天再说").text
    assert [text[s:e] for s, e in non_collector_turns(text)] == ["邓某:这么晚了你们还打"]
    assert labels("催收：张某，今天能还吗？\n客户：你们再打电话骚扰我，我就找人去你们公司砸了你们的办公室。\n"
                  "催收：好的，我记录一下，请您冷静，我们会按合同走。") == {"compliant"}
    assert labels("坐席：您好，是刘某的家属吗？\n妻子：你们要是再打来，我就去你们公司门口拉横幅，让所有人知道你们怎么催收的。\n"
                  "坐席：抱歉打扰，我们不会再联系您。") == {"compliant"}
    assert labels("催收：喂，邓某是吧，还款的事考虑得怎么样？\n邓某：你们这帮骗子，一群王八蛋，老子一分都不还。\n"
                  "催收：您情绪先平复一下，可以申请分期。") == {"compliant"}
    # the collector's own turn still counts
    got = labels("催收：李某，钱呢？\n李某：没钱。\n催收：没钱？明天我们就去你家找你爸妈，让全村都知道你欠钱不还。")
    assert {"unlawful_visit", "intimidation"} <= got


def test_unnamed_other_side_and_field_labels_stay_collector_text() -> None:
    from xiezhi.collection.engine import non_collector_turns

    # a call handed on to a fake "bailiff": 对方 after 催收 is still the collecting side
    text = normalise("催收：我现在转接一下我们这边的“法院执行专员”。\n对方：我是法院执行局的，你的名下财产明天开始查封。").text
    assert non_collector_turns(text) == []
    # without a collector speaker, a named line is not excluded (it may be the collector's)
    text = normalise("周某：明天再不还我们就去你家\n我：别来").text
    assert [text[s:e] for s, e in non_collector_turns(text)] == ["我:别来"]
    text = normalise("情况：催收人员扬言去厂里找她\n处理意见：投诉").text
    assert non_collector_turns(text) == []


def test_banter_media_and_other_turns_are_cancelled_for_the_classifier_too() -> None:
    from xiezhi.collection.engine import get_matcher

    m = get_matcher()
    cancelled: dict[str, list[tuple[int, int]]] = {}
    m.scan(normalise("你再不还我那本《三体》，我就天天去你宿舍门口蹲你😂"), None, cancelled)
    assert "intimidation" in cancelled and "violence_threat" in cancelled  # banter: no rule needed to match
    cancelled = {}
    m.scan(normalise("剧里那个催收的说要打断他的腿"), None, cancelled)
    assert "illegal_fee" in cancelled  # media: every category
    cancelled = {}
    text = "催收：张某，今天能还吗？\n客户：我找人去你们公司砸了你们的办公室。"
    n = normalise(text)
    m.scan(n, None, cancelled)
    s = n.text.index("客户")
    assert any(a <= s < b for a, b in cancelled["violence_threat"])
    cancelled = {}
    m.scan(normalise("明天再不还，我们就上门"), None, cancelled)
    assert cancelled == {}  # a plain threat: nothing cancelled


def test_a_question_put_to_the_reader_is_no_borrower_question() -> None:
    # the collector's rhetoric and requests keep their labels
    assert "violence_threat" in labels("你是不是觉得我们找不到人收拾你？你那个小区就两个门，你走哪个我们都能等到")
    assert "false_legal_threat" in labels("我是他老婆，这笔钱是我们结婚前他自己借的，催收打给我说“夫妻共同债务你也得还”，这是真的吗？")
    # a question in the collector's turn of a transcript is the collector's
    assert "insult_defamation" in labels("对方：喂，是不是那个欠钱不还的臭婊子？\n我：你说话注意点")
    # a borrower's questions stay questions, also when written to the platform or a friend
    for text in ("你们平台会不会派人上门？", "你说催收真的会上门吗？我有点怕", "姐妹你好，催收说要上门，是真的吗？",
                 "请问你们会联系我的紧急联系人吗？"):
        assert labels(text) == {"compliant"}, text


def test_hearsay_put_to_the_reader_is_no_disclaimer() -> None:
    # "听说你……" is the collector telling the debtor what they heard about him
    assert "insult_defamation" in labels("听说你在外面还有好几个平台没还，我们已经把你的信息共享给了其他平台，现在全网都知道你是老赖")
    # a borrower's hearsay stays hearsay
    assert labels("听说催收会上门，还会爆通讯录，我好怕") == {"compliant"}
    assert labels("听说你们平台会派人上门核实，是这样吗") == {"compliant"}


def test_a_pause_right_after_a_denial_or_before_a_short_question_keeps_it() -> None:
    for text in ("你放心 我们绝对不会 爆你通讯录", "我们不会 把你的照片发到网上", "我们不会 打断你的腿 放心",
                 "您好 我们不会 去您单位 也不会 联系您的同事", "请勿相信 任何要求转账到个人账户的信息",
                 "他们说要上门 我一个人在家 是真的吗"):
        assert labels(text) == {"compliant"}, text
    # a collector's reported threat of an act unlawful in its kind keeps its labels under the question (convention 8;
    # legal review 7's Mandarin D19, engine11): the pause still brings the question near
    assert "third_party_contact" in labels("催收说要爆我通讯录 是真的吗")


def test_a_transcript_with_collector_turns_is_direct_speech_not_an_account() -> None:
    result = analyze("我：你为什么给我发这种图片\n催收：好看吗？你要是今天晚上还不还，这张图就会出现在你们学校的表白墙上，还有你班级群\n"
                     "我：我求你了别发", {}, model=False)
    modes = {f.category: f.mode for f in result.findings}
    assert modes.get("debt_disclosure") == "threatened"
    assert "intimidation" in modes  # a threatened exposure implies intimidation (convention 2)


def test_a_borrower_asking_a_friend_about_themself_is_still_a_question() -> None:
    # 你 in the writer's own words, but the question is about the writer (我): a borrower asking a friend
    assert labels("你觉得他们真的会爆我通讯录吗？") == {"compliant"}
    assert labels("你说催收会不会打断我的腿？") == {"compliant"}


def test_call_counts_are_not_blows() -> None:
    """'打了我十次' counts calls; '打了我一顿' is a beating (the counts come from dev6/dev8/dev9 lines read by A2)."""
    from xiezhi.collection import analyze

    calls = analyze("同一个号码今天打了我十次，我没接，短信也发了好几条")
    assert "violence_threat" not in calls.labels
    beaten = analyze("昨天催收上门，打了我一顿，我去医院验了伤")
    assert "violence_threat" in beaten.labels


def test_answered_calls_stated_by_the_borrower_count_from_four() -> None:
    """A stated count of 4-6 is harassment only for answered calls (GB/T: more than 3 effective calls)."""
    from xiezhi.collection import analyze

    answered = "昨天一天我接了他们五个电话，每个都讲了十几分钟，翻来覆去就是让我还钱"
    assert "harassment_frequency" in analyze(answered).labels
    assert "harassment_frequency" not in analyze("昨天一天他们打了五个电话，翻来覆去就是让我还钱").labels
