"""Lawful wording the engine flagged on the sixth probe file and this session's leftovers (eleventh session, helper
"precision12b"). Each principle comes with pairs written for this file in new wording: the lawful line comes out
`compliant`, its unlawful twin keeps the category named.

- **A default judgment is the law's, not a threat** (`fl-crime-claim`): a hearing notice saying a defendant who stays
  away may be judged in default (民事诉讼法第一百四十七条) claims nothing false; a judgment claimed as already given, or
  given straight away, with arrest or a fee, is.
- **A question or a negation names the act without claiming it**: "是民事责任还是刑事责任？", "没提坐牢", "没人上门"
  (`engine._NEGATED`: nobody as the subject, a message that did not mention it).
- **A safety phrase aimed at nobody** (`vt-safety-addressed`, `in-safety-addressed`): 注意安全 / 人身安全 in a weather or a
  police notice is no veiled threat; said to the reader beside his debt it is.
- **A relative scolding the writer** (`id-insult-reported`): the kinship word as the subject right before 骂 (or before
  也/还/又/打电话来 骂) is a family quarrel; a collector who scolds keeps the insult.
- **Words that read one way in a family, another in collection**: 厂里 only when someone comes there
  (`uv-soft-violence-visit`), 花呗还 not 花呗还款 (`fb-borrow-elsewhere`), a hypothetical about one's own contacts
  (`tp-family-work`).
- **Care words do not reach a pictured mishap** (`engine._MISHAP_PICTURED`): 注意身体 beside "小心哪天…被车撞了" is the
  threat's lead-in.
- **A notice or a news report about a class of people** (cues.yaml `warning_*_regex`, `im-private-pretext-reported`):
  记者调查：/新闻：/民警提醒： with 有的催收, 一些催收公司, 该团伙 reports acts done to others; the borrower's own report of the
  same act keeps its label.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

#: (category the unlawful twin keeps, lawful line, unlawful twin)
PAIRS = [
    # a default judgment
    ("false_legal_threat",
     "【某区人民法院】您与某小贷公司借款合同纠纷一案定于下月5日下午开庭，经传票传唤无正当理由不到庭的，本院可以缺席判决。",
     "我是法院书记员，你上次没出庭，已经缺席判决了，今天不交执行费就派法警去你家。"),
    # a question naming the alternative
    ("false_legal_threat",
     "短信里写着要追究我的法律责任，追究的是民事责任还是刑事责任？",
     "你这属于恶意逃债，我们会追究你的刑事责任。"),
    # negations: not mentioned, nobody did it
    ("false_legal_threat",
     "催收电话里没提坐牢，只说会走诉讼，这样算正常吧？",
     "催收说了，你再不还就送你去坐牢。"),
    ("unlawful_visit",
     "逾期两个月了，没人上门找过我，也没人威胁我，想问下接下来会怎样。",
     "昨天有两个人上门，在我家门口守了一下午不走，非要我今天还钱。"),
    # safety phrases: a notice to everyone; said to the debtor
    ("violence_threat",
     "【应急管理局】台风今夜登陆，请市民尽量不要外出，注意人身安全。",
     "欠我们的钱拖到现在，你最好想想你的人身安全。"),
    ("intimidation",
     "交警提醒：雨天路滑，驾车出行请减速慢行，注意安全。",
     "你欠的钱自己心里清楚，晚上下班别走小路，注意安全。"),
    # a relative scolds; a collector scolds
    ("insult_defamation",
     "昨晚我姐打电话来骂我，说我不该背着家里借网贷。",
     "催收昨晚打电话来骂我，说我是不要脸的老赖。"),
    # 厂里: one's work; someone coming there
    ("unlawful_visit",
     "我老公在厂里上班，这个月厂里没发工资，贷款晚了几天。",
     "你再不还，明天我们几个就去你厂里找你，让你们车间的人都看看。"),
    # 花呗还款 is the repayment of 花呗; 用花呗还 pushes a loan
    ("forced_borrowing",
     "【支付宝】您本月花呗还款日为10号，请确保账户余额充足。",
     "你花呗不是还有额度吗？用花呗还我们这笔，今天必须到账。"),
    # a hypothetical about one's own contacts; the contacts called
    ("third_party_contact",
     "如果我的紧急联系人被催收打了电话，能要求平台删掉他们的号码吗？",
     "我的紧急联系人昨天都接到了催收电话，说我欠钱不还让他们转告。"),
    # care words, and a mishap pictured after them
    ("violence_threat",
     "老爷子，您这么大年纪了可要注意身体，天冷就别出门了。",
     "您儿子欠的钱一直拖着，您这岁数可要注意身体，小心哪天走路被车撞了。"),
    # a class of people in a report or a police talk; the borrower's own report
    ("impersonation",
     "记者调查：一些催收公司冒充律师事务所给借款人发律师函，涉嫌违法，专家建议消费者保留证据。",
     "催收公司冒充律师事务所给我发了律师函，说三天内不还就起诉我。"),
    ("impersonation",
     "新闻：警方抓获一个催收团伙，该团伙冒充快递员上门骚扰借款人，已刑拘5人。",
     "催收冒充快递员上门，骗我开了门就坐着不走，逼我还钱。"),
    ("false_legal_threat",
     "社区民警提醒：有的催收会说要上门抓人，这是吓唬人的，真正的警察不会为了欠债抓人。",
     "催收说明天就带警察上门抓我，让我等着。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_lawful_and_unlawful_twin(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert analyze(lawful, {}, model=model).labels == ["compliant"]
    assert category in analyze(unlawful, {}, model=model).labels


def test_a_relative_called_is_not_the_scolder() -> None:
    """The kinship word must be the subject right before 骂: a relative the collector called keeps the insult."""
    assert "insult_defamation" in analyze("催收打给我姐，骂我是老赖，说我不要脸。", {}, model=False).labels


def test_default_judgment_claimed_for_a_fee_keeps_its_label() -> None:
    """A caller who says a default judgment was given because the reader did not appear claims a judgment that is not."""
    labels = analyze("我们是中级法院的，你没到庭所以缺席判决了，现在交两千执行保证金就能撤销。", {}, model=False).labels
    assert "false_legal_threat" in labels
