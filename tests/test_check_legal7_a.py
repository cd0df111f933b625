"""Legal review 7 (ninth session), helper "legalfix10a": the engine10, precision10 and recall10c defects, each as a
pair in new wording: the review's wrong output now right, and the case the rule or mechanism was written for still
right. Rules only (`model=False`) unless the classifier is part of the point."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _labels(text: str) -> list[str]:
    return analyze(text, model=False).labels


# D1 (H, engine10 `_DEFAULT_GOES_ON`): a turn to the debtor's continuing default keeps an exception before it only
# when a court's order stands before the turn (the lawful order's premise); otherwise it ends the exception like
# "但你再不还" (治安管理处罚法 第五十条第一款第一项).
@pytest.mark.parametrize(("label", "text"), [
    ("violence_threat", "我们公司一向文明催收，但你始终不还，我就找几个人卸你一条胳膊。"),
    ("violence_threat", "我们从不暴力催收，但你一直不还，我就让人打断你的腿。"),
    ("unlawful_visit", "我们是正规公司不会上门，但你还是不还的话，我们就带人去你家堵门。"),
    ("third_party_contact", "我们不会爆通讯录，但你迟迟不还，我们就把你欠钱的事发给你所有联系人。"),
])
def test_d1_continuing_default_without_an_order_ends_the_exception(label: str, text: str) -> None:
    assert label in _labels(text)


@pytest.mark.parametrize("text", [
    "判决已生效，但你仍未履行，本行将依法向法院申请强制执行",
    "调解书已经生效，但您一直未按期还款，我们将依法申请法院强制执行",
])
def test_d1_continuing_default_after_an_order_stays_lawful(text: str) -> None:
    assert analyze(text).labels == ["compliant"]


# D2 (H, precision10 `cues.yaml` court scope): a notice-shaped message addressed "被告/被申请人/被执行人某某：你…"
# cancelled every false legal threat in it. The false consequences themselves are red flags (民法典 第四百六十五条
# 第二款: parents are not liable; 民事诉讼法 第二百四十八条: an arbitration commission enforces nothing; 第二百五十五条:
# auction only after 执行通知 and a 裁定), and a "national" 执行局/仲裁委员会 is a sham body (taxonomy 2.7).
@pytest.mark.parametrize(("label", "text"), [
    ("false_legal_threat", "XX区人民法院：被告刘某：你与XX网贷借款合同纠纷一案已立案，判决后你的孩子政审将无法通过，请按时到庭。"),
    ("false_legal_threat", "XX市仲裁委员会：被申请人陈某：你方借款纠纷一案已受理，裁决后由本委直接扣划你的工资，请十日内答辩。"),
    ("false_legal_threat", "XX人民法院执行局：被执行人张三：你的案件已进入执行程序，你的父母须承担连带清偿责任，请如实申报财产。"),
    ("impersonation", "【全国网贷执行局】被执行人张三：你的网贷案件已进入执行程序，请于三日内申报财产。"),
    ("impersonation", "【国家网络借贷仲裁中心】被申请人王五：你的借款纠纷已立案，请于七日内答辩。"),
])
def test_d2_a_notice_telling_a_false_consequence_or_from_a_sham_body_is_flagged(label: str, text: str) -> None:
    assert label in _labels(text)


@pytest.mark.parametrize("text", [
    "XX市仲裁委员会：被申请人王五：你与XX消费金融公司借款合同纠纷一案已受理，请于十日内提交答辩书，逾期不影响仲裁程序进行。",
    "XX区人民法院执行局：被执行人赵六：你的案件已进入执行程序，请于五日内如实申报财产。",
    "XX市中级人民法院：被告钱七：原告XX银行诉你信用卡纠纷一案已立案，请于答辩期内提交答辩状，按时到庭应诉。",
    "中国国际经济贸易仲裁委员会：被申请人孙八：你方合同纠纷一案已受理，请于规定期限内提交答辩书。",
])
def test_d2_a_genuine_notice_in_the_second_person_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


# D3 (H, precision10 `fl-blacklist` unless): 如果有能力还 is the collector's "you can pay" reproach and the bare 才会被列入
# fits "你这种人才会被列入…"; only the court or the law's condition before 才会 tells the law (民事诉讼法 第二百六十六条:
# the list is a court's measure against a 被执行人).
@pytest.mark.parametrize("text", [
    "你都有车有房了，如果有能力还还拖着，下周一就把你弄进失信名单。",
    "你们这种赖子才会被纳入失信被执行人，后天我们就把你名字报给法院系统。",
    "你明明有钱，如果有能力还却不还，明天就把你报进失信名单，让你坐不了高铁。",
])
def test_d3_the_collectors_reproach_does_not_cancel_the_blacklist_threat(text: str) -> None:
    assert "false_legal_threat" in _labels(text)


@pytest.mark.parametrize("text", [
    "法院的人说，如果我有能力还却故意不还，才会被列入失信名单，是这样吗？",
    "如果您有能力履行而拒不履行生效判决，法院才会将您列入失信被执行人名单。",
    "只有判决生效后拒不履行的，才会被列入失信被执行人名单，我们无权这样做。",
])
def test_d3_the_law_told_as_a_condition_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


# D18 (M, engine10 `_negated_list`): a later 、-item told with a time or 直接/就 is what the writer will do instead of
# the denied first item, not one more denied act (民法典 第一千零三十三条; taxonomy 2.4).
@pytest.mark.parametrize(("label", "text"), [
    ("third_party_contact", "我们没工夫跟你耗、今晚就上门、找你爸妈。"),
    ("third_party_contact", "我们没时间陪你玩、明天直接去你单位、找你领导。"),
])
def test_d18_an_item_told_as_what_will_be_done_is_not_denied(label: str, text: str) -> None:
    assert label in _labels(text)


@pytest.mark.parametrize("text", [
    "我们不会上门、爆通讯录或骚扰家人",
    "本公司从不上门、联系你的亲友或单位，请放心",
])
def test_d18_one_denial_before_a_list_still_denies_every_item(text: str) -> None:
    assert _labels(text) == ["compliant"]


# D15 (M, recall10c `dd-display-threatened` unless 法院/举报/诈骗): the collector's own taunt ("法院都拿你没办法",
# "你去举报我们也不怕") cancelled the banner or leaflet threat (软暴力意见 二（二）: 贴报喷字、拉挂横幅); only a court's own
# publication or an anti-fraud notice is lawful.
@pytest.mark.parametrize("text", [
    "再不还，明天就拿个大喇叭去你们村里广播你欠钱不还，法院都拿你没办法。",
    "不还就把你欠钱不还的事印成传单，在你小区发，你去举报我们也不怕。",
    "再拖下去，下周就在你单位门口拉横幅写你欠债不还，你报警举报都随便。",
])
def test_d15_a_taunt_does_not_cancel_the_display_threat(text: str) -> None:
    assert "debt_disclosure" in _labels(text)


@pytest.mark.parametrize("text", [
    "我们不会在你家门口拉横幅，也不会贴告示。",
    "谨防诈骗分子冒充催收人员，扬言拉横幅写你欠钱不还的，请拨打举报电话。",
])
def test_d15_a_denial_or_a_warning_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


# D16 (M, recall10c `tp-contact-done-told` unless 你同意/您同意/报警): "你同意不同意都没用" and "你去报警啊" cancelled a
# contact already made with the debt told (民法典 第一千零三十三条); only consent given (经你同意, 你已同意) or a
# warning (请报警) is an exception.
@pytest.mark.parametrize("text", [
    "我们已经打电话给你领导了，说你欠钱不还，你同意不同意都没用。",
    "我们已经联系了你爸妈，告诉他们你欠了八万，你去报警啊。",
    "我们已经找过你表哥了，把你欠款的事都跟他说了，你有本事就报警。",
])
def test_d16_a_taunt_does_not_cancel_a_contact_already_made(text: str) -> None:
    assert "third_party_contact" in _labels(text)


def test_d16_a_consented_contact_stays_lawful() -> None:
    assert _labels("经你同意，我们已联系了你指定的联系人核实你的新号码。") == ["compliant"]


# D17 (M, recall10c `uv-crew-coming-slots` unless 接你): the night "escort to the company" (review 6 D28) was
# cancelled by 接你; only the writer's own pick-up (我去接你, 去车站接你) is an exception (taxonomy 2.9/2.11;
# 刑法 第二百三十八条 for taking the debtor away).
def test_d17_the_crew_coming_to_take_the_debtor_away_is_flagged() -> None:
    assert "unlawful_visit" in _labels("我们的人今晚就过来接你去公司，把欠的钱说清楚。")


@pytest.mark.parametrize("text", [
    "周末我们的人过来帮你搬家，你在家等着就行。",
    "我去车站接你，到了给我打电话。",
])
def test_d17_a_friendly_pick_up_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


# D19 (M, engine10 `_CANTONESE_Q`): a Cantonese form asking whether a report is true (系咪真㗎) made the borrower's
# report of an unlawful threat a question and lost its labels (convention 8; 爆通讯录 is never lawful); words lawful
# in principle (上门, 起诉, 征信) asked about stay compliant, and 系咪/会唔会 asking about the act still ask.
@pytest.mark.parametrize("text", [
    "催收话要爆我通讯录，系咪真㗎",
    "佢哋话要将我啲通讯录全部打一次，系唔系真嘅",
])
def test_d19_a_reported_unlawful_threat_asked_whether_true_keeps_its_labels(text: str) -> None:
    assert "third_party_contact" in _labels(text)


@pytest.mark.parametrize("text", [
    "催收话要上门，系咪真㗎",
    "催收话要起诉我，系唔系真㗎",
    "系咪会爆我通讯录㗎",
    "佢哋会唔会上门",
])
def test_d19_a_question_about_a_lawful_step_or_the_act_stays_compliant(text: str) -> None:
    assert _labels(text) == ["compliant"]
