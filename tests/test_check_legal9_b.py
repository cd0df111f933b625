"""Legal review 9 (eleventh session), recall12f's defects (D4-D10, D17, D18, D20-D22, D28, D29) fixed by legalfix12b.

Each defect is a pair: the unlawful line that must be flagged next to the former exception word, and the lawful twin the
rule's exception (or its narrowed scope) was written for, which must stay lawful. Both with the rules alone and with the
full engine (classifier and its veto), since D7, D21 and D29 were lost only to the veto."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.models import CheckResult

MODES = [pytest.param(False, id="rules"), pytest.param(None, id="full")]


def _result(text: str, model: object, meta: dict[str, object] | None = None) -> CheckResult:
    return analyze(text, meta or {}) if model is None else analyze(text, meta or {}, model=False)


# (category, unlawful, lawful twin)
PAIRS = [
    # D4 民事诉讼法147/121: a 保证金 "to our account" to avoid a default judgment; the lender's own true fee statement is none
    ("false_legal_threat", "您的借款纠纷案件已到法院，为避免缺席判决，请先交5000元保证金到我司指定账户",
     "我司起诉前需预交诉讼费，判决后由败诉方承担，这笔钱交给法院，不需要您另外支付"),
    ("false_legal_threat", "本院已受理原告诉你借款纠纷一案，开庭前需先缴纳保证金2800元至下列账户，请勿拖延",
     "原告预交的案件受理费由法院收取，判决后由败诉方负担，您开庭前不需要先交任何费用"),
    # D5 民事诉讼法247/227: execution after a judgment not performed or a 支付令 not objected to is the lawful step
    ("false_legal_threat", "你再不配合，我们纠纷调处中心就把案子直接转交法院强制执行",
     "法院的支付令你收到十五天了，既没提异议也没还钱，我们会依法交法院强制执行"),
    ("false_legal_threat", "三天内不还款，本平台将直接报送法院强制执行",
     "如您仍不履行判决确定的还款义务，我司将依法提交法院强制执行"),
    # D6 民事诉讼法266: a deadline with no suit; the listing after a suit the writer will bring is the lawful order
    ("false_legal_threat", "今晚十二点前不还，明天可能由法院直接把你列入失信名单",
     "如果您一直不还，我司会依法起诉，起诉后可能由法院依法将您列入失信被执行人名单"),
    # D9 the police "questioning" over a debt; a 司法所 mediation is none
    ("false_legal_threat", "派出所后天让你去做笔录，欠的钱不还，调解不调解随你",
     "欠款的事我们约在司法所调解，工作人员说让双方带上借条去说明情况"),
    # D10 民事诉讼法255/112: the court "coming to take you away" with no judgment; after one it is the lawful step told
    ("false_legal_threat", "欠款再不还，下周法院就派人把你带走，判决都不用等",
     "判决生效后你还拒不履行，法院可以依法拘留，不是法院随便就来人把你带走"),
    # D22 no law ties a degree to a private debt; a parent asking is none
    ("false_legal_threat", "你再拖着不还，我们就通知你家长，让学校把你劝退",
     "我是家长，孩子借了网贷逾期了，会不会让学校开除她？"),
]

IMPERSONATION = [
    # D7 民事诉讼法205/206: a centre's claim that its result equals a judgment; the denial of that claim is none
    ("本调处中心具有司法调解资格，你没有按期还款的话，调解结果与法院判决同等效力",
     "提醒：调解中心并非司法机关，不具有司法调解资格，它的调解结果不等同于判决"),
    # D8 刑法279: a regulator's "collection line"; pointing to the complaint channel is none
    ("这里是金融监管总局催收专线，你的逾期已上报，可向我们申请延期",
     "您好，这里是金融监管局，您投诉的催收问题已转交相关机构，如有疑问可向12378咨询"),
    # D21 扮 reported: the classifier's veto no longer drops it; dress is none
    ("催收扮警察打电话给我，说不还就来抓人", "这周末公司年会，小陈打扮成警察的样子表演节目"),
    # D29 a summons that asks for a fee by a code, reported and asked about; the court's own channel is none
    ("我收到一张传票，上面让扫码缴纳诉讼费，这是真的吗", "传票上写着请按时到庭，诉讼费用问题可登录人民法院在线服务查询"),
]


@pytest.mark.parametrize("model", MODES)
@pytest.mark.parametrize(("category", "unlawful", "lawful"), PAIRS, ids=[f"{c}-{i}" for i, (c, _, _) in
                                                                        enumerate(PAIRS)])
def test_false_legal_claims_and_their_lawful_twins(category: str, unlawful: str, lawful: str, model: object) -> None:
    assert category in _result(unlawful, model).labels
    assert category not in _result(lawful, model).labels


@pytest.mark.parametrize("model", MODES)
@pytest.mark.parametrize(("unlawful", "lawful"), IMPERSONATION, ids=[f"im-{i}" for i in range(len(IMPERSONATION))])
def test_impersonation_and_its_lawful_twin(unlawful: str, lawful: str, model: object) -> None:
    assert "impersonation" in _result(unlawful, model).labels
    assert "impersonation" not in _result(lawful, model).labels


@pytest.mark.parametrize("model", MODES)
def test_d17_spouse_told_the_joint_debt_test(model: object) -> None:
    """民法典1064: a spouse may answer for a joint debt; the explanation gives the test, not "cannot be sued"."""
    result = _result("你是他老婆，再不还连你一起起诉", model, {"recipient_role": "spouse"})
    finding = next(f for f in result.findings if f.rule == "fl-third-party-sued-too")
    assert "第一千零六十四条" in finding.explanation and "不能因此被起诉" not in finding.explanation
    assert "false_legal_threat" not in _result("你是担保人，他再不还，我们会连你一起起诉", model).labels


@pytest.mark.parametrize("model", MODES)
def test_d18_a_lenders_report_to_the_police_told_by_the_borrower(model: object) -> None:
    """Police may call a borrower after a lender's complaint; the collector's own "派出所让你做笔录" stays flagged."""
    assert "false_legal_threat" not in _result(
        "网贷公司报了诈骗，派出所给我打电话让我后天去所里说明情况，怎么办", model).labels
    assert "false_legal_threat" in _result("欠款再不还，派出所后天就让你去所里说明情况", model).labels


@pytest.mark.parametrize("model", MODES)
def test_d20_a_local_clean_up_office_is_impersonation_only_with_the_scams_offer(model: object) -> None:
    assert "impersonation" not in _result(
        "【XX市网贷整治办】XX平台已进入良性退出程序，借款人应按合同约定继续向平台还款", model).labels
    assert "impersonation" in _result(
        "【XX市网贷清退办公室】您名下网贷可申请债务清零，缴纳审核费880元后停止一切催收", model).labels


@pytest.mark.parametrize("model", MODES)
def test_d28_a_courts_own_payment_code_is_none_a_personal_channel_is(model: object) -> None:
    """民事诉讼法121: fees and 执行款 go to the court's account, which may be paid by a code; a personal channel is none."""
    assert "impersonation" not in _result(
        "本院已作出判决，请你扫描执行通知书上的二维码向本院执行款专户缴纳执行款", model).labels
    assert "impersonation" in _result(
        "本院通知：请扫描下方二维码向个人微信缴纳保证金5000元，今日内缴纳可撤诉", model).labels


def test_l12_a_criminal_record_is_not_read_as_a_credit_record() -> None:
    """A conviction's record is no credit record (征信条例16's five years does not fit it); the prison rules speak."""
    result = analyze("要是你真被判了刑，犯罪记录会跟你一辈子", {}, model=False)
    assert "fl-false-consequences" not in {f.rule for f in result.findings}
    assert "fl-false-consequences" in {f.rule for f in analyze(
        "你再拖着不还，这笔逾期记录会跟你一辈子", {}, model=False).findings}


@pytest.mark.parametrize("model", MODES)
def test_d21_posing_as_the_police_and_their_summons_both_kept(model: object) -> None:
    """刑法279 and the police "taking him in" over a debt: the veto no longer drops either in the full engine."""
    labels = _result("佢哋扮差人打电话畀我，话我唔还钱就拉我返差馆落口供", model).labels
    assert "impersonation" in labels and "false_legal_threat" in labels
    assert "false_legal_threat" not in _result("我们报了警，派出所说让我明天带上借条去所里做笔录，对方借我的钱不还", model).labels
