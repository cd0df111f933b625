"""Engine mechanics (ninth session, helper "engine10"). Each item has pairs (the wrong label absent / the right label
present) written for this file in new wording, not taken from any set.

- A contrastive turn (但/但是/不过/可是/然而, 但系) between an exception and a match ends the exception's reach: a rule's
  `unless` words, a clause negator (从不, 不会, 承诺 …) and a disclaimer before the turn say nothing of the act told
  after it ("我们从不暴力催收，但你再不还，我就让人打断你的腿"); a turn to the debtor's continuing default or to a
  judgment keeps the exception, which is then the premise of the lawful order ("判决已生效，但你仍未履行，本行将依法
  向法院申请强制执行") (`engine._turn_before`).
- Dialect pronouns in `is_narrative`: northern 俺 and Minnan 阮 are the writer, Wu 侬 and Minnan 汝 the reader
  (Wu 阿拉 and Cantonese 我哋 are "we", like 我们) (`engine._DIALECT_PERSON`).
- One negation before the first item of a 、-list denies every item ("本平台从不上门、爆通讯录或骚扰家属"), and words
  of a rule inside longer words of it that a denial took back are taken back too ("没有爆通讯录": 通讯录); a bare 不
  does so only after the writer's side ("我们不上门、…"), not as a purpose or a conditional promise ("要想不留案底",
  "不发到你们公司群，但是你得给我五百") (`engine._negated_list`, `engine._firm_denial`).
- A Cantonese A-not-A form (系咪, 系唔系, 会唔会, 有冇 …) makes its clause a question without a question mark
  (`engine._CANTONESE_Q`); put to the reader it stays the collector's rhetoric.
- The corroboration veto reads a web address as characters of no gram (`normalize.veto_text`): a link's letters and
  digits diluted a threat beside it below the veto; for impersonation and credit-repair scams (`check.LINK_EVIDENCE`)
  and for the classifier's own findings the link stays (evidence of a phishing notice).
- Convention 20: where the message threatens exposure (出名, 挂到群里, 曝光) and names no harm, the classifier adds
  intimidation, not violence_threat (`check.MODEL_NOT_FOR_EXPOSURE`).
- A reported arrest claim (`fl-arrest-reported`) is never vetoed by the classifier (`check.VETO_EXEMPT_RULES`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze, check
from xiezhi.collection.corroborate import Policy
from xiezhi.collection.engine import is_narrative
from xiezhi.collection.model import load_model
from xiezhi.collection.normalize import URL_MASK, veto_text

PAIRS = [
    # item 1: an exception does not reach across a contrastive turn; one that is the lawful order's premise does
    ("violence_threat", "我们从不暴力催收，更不会让人打断你的腿", "我们从不暴力催收，但你再不还，我就让人打断你的腿"),
    ("unlawful_visit", "我们承诺合规催收，不会去你公司门口拉横幅", "我们承诺合规催收，不过你再躲着，我们就去你公司门口拉横幅"),
    ("debt_disclosure", "我们不会骚扰你家人，也不会把你欠钱的事发到你家族群里",
     "我们不会骚扰你家人，但你要是再拖，我就把你欠钱的事发到你家族群里"),
    ("violence_threat", "外面下雨注意保暖啊，晚上走夜路小心点", "外面下雨注意保暖啊，但钱再不还，你走夜路可得小心点"),
    ("intimidation", "请勿相信陌生人，您的欠款可通过官方APP还款", "请勿相信陌生人，但你的欠款今天必须还上，不然明天我们去你家"),
    ("false_legal_threat", "判决已生效，但你仍未履行，本行将依法向法院申请强制执行",
     "判决已生效，但我们不去法院，明天直接上门查封你的房子"),
    ("false_legal_threat", "欠钱本身不会坐牢，但有能力却拒不执行判决、情节严重的，可能构成犯罪",
     "欠钱本身不会坐牢，可是你再拖下去，我们就让警察来抓你"),
    ("unlawful_visit", "已经跟您预约过了，不过明天上午会有两位同事上门核实地址",
     "已经跟您预约过了，不过明天晚上十一点我们会带十几个人到你家门口等你"),
    # item 5: a negation before a 、-list denies every item; a denial takes back the rule's words inside it
    ("third_party_contact", "本平台从不上门、爆通讯录或骚扰家属，请放心", "本平台不上门，但会爆通讯录、骚扰家属"),
    ("third_party_contact", "我们没有上门、也没有爆你通讯录", "我们没有上门，只是爆了你通讯录"),
    ("third_party_contact", "我们公司不上门、爆通讯录、打你单位电话", "你不还钱、不接电话，我们就爆你通讯录"),
    # item 7: a Cantonese A-not-A form asks without a question mark; the collector's 系咪 to the reader is rhetoric
    ("third_party_contact", "系咪会爆我通讯录㗎", "你系咪想我哋爆你通讯录"),
    # item 9: a link after a threat no longer pulls its category below the veto
    ("unlawful_visit", "您本月账单已出，上门服务预约请登录 https://app.hxjr.cn/visit/8823 查看",
     "这周再不还钱就上门 https://t.cn/k3Jd82Lx"),
    ("unlawful_visit", "还款操作指引见 http://dx.cn/r/99812abc，如需上门办理请致电客服",
     "月底不还就上门 详情点 http://dx.cn/r/99812abc"),
    # item 6: a bare exposure threat is intimidation, not violence (convention 20); harm named keeps violence
    ("violence_threat", "钱再拖着，就把你挂群里曝光", "钱再拖着，就把你挂群里曝光，再叫几个兄弟去收拾你"),
]


def test_bare_exposure_threat_is_intimidation_not_violence() -> None:
    labels = analyze("钱再拖着，就把你挂群里曝光", {}).labels
    assert "intimidation" in labels
    assert "violence_threat" not in labels

#: (a borrower's account, a collector's message) with dialect pronouns
NARRATIVE = [
    ("俺家昨天来了俩催收，在门口站了一下午，俺妈吓得不敢出门", "侬屋里向我晓得，侬再勿还，我的人昨天已经去过了"),
    ("阮昨天去银行，发现阮的卡乎人冻结了，催收讲是伊冻的", "汝莫假仙，汝厝我知影，我的人昨天去看过了"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_engine_mechanics_pair(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


@pytest.mark.parametrize(("account", "collector"), NARRATIVE)
def test_dialect_pronouns_in_narrative(account: str, collector: str) -> None:
    assert is_narrative(account)
    assert not is_narrative(collector)


def test_link_is_masked_for_the_veto() -> None:
    text = "再不还钱就上门https://t.cn/abc123,详见x.com/a?b=1"
    masked = veto_text(text)
    assert len(masked) == len(text)
    assert masked == "再不还钱就上门" + URL_MASK * 19 + ",详见" + URL_MASK * 11
    plain = "没有链接的消息。就这样"
    assert veto_text(plain) is plain
    m = load_model()
    assert m is not None
    assert not any(URL_MASK in g for g in m.vocab)


@pytest.fixture
def strict_veto(monkeypatch: pytest.MonkeyPatch) -> None:
    """A veto that needs 0.999 for every category: only strong findings survive it."""
    monkeypatch.setattr(check, "VETO_POLICY", Policy(default=0.999))
    monkeypatch.setattr(check, "RULE_VETO_BELOW", 0.999)


def test_reported_arrest_claim_is_never_vetoed(strict_veto: None) -> None:
    found = {f.category: f.rule for f in analyze("催收给我发语音说公安马上就来抓我", {}).findings}
    assert found.get("false_legal_threat") == "fl-arrest-reported"
