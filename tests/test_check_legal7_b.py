"""Legal review 7 (ninth session), recall10v's defects (D4-D14, D20) fixed by legalfix10b: each as an unlawful line that
must be flagged next to the former exception word and the lawful twin the rule's exception was written for."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _labels(text: str) -> list[str]:
    return list(analyze(text, model=False).labels)


def _rule(text: str, rule: str) -> object:
    return next(f for f in analyze(text, model=False).findings if f.rule == rule)


@pytest.mark.parametrize("text", [
    "那人说他是派出所的，我看了他的证件好像是真的，他让我今天把钱打到他微信。",
    "两个人说是法院的，出示了证件，让我当场转两万到他个人银行卡上。",
])
def test_d4_a_card_shown_is_no_proof(text: str) -> None:
    """刑法279: fake police carry fake cards; a real officer takes no debt into his own WeChat."""
    assert "impersonation" in _labels(text)


def test_d4_officers_who_sealed_and_left_stay_lawful() -> None:
    assert _labels("今天法院的两位工作人员来我家，我看了他们的证件，好像是真的，他们登记了财产就走了") == ["compliant"]


@pytest.mark.parametrize("text", [
    "【银保监会】您投诉的XX平台一事已受理，需先缴纳500元保证金到指定账户，方可为您减免。",
    "这里是市金融监管局，您投诉的平台已被查处，您的欠款可以全部免除，请下载我们的App办理销户。",
    "我们是金融监管局的，您投诉的事情我们已经立案，先转2000元认证金到安全账户才能给您注销贷款。",
])
def test_d5_a_fake_regulator_answering_a_complaint_is_impersonation(text: str) -> None:
    assert "impersonation" in _labels(text)


def test_d5_the_real_referral_stays_lawful() -> None:
    text = "您好，这里是本地金融监管局热线，您投诉的催收问题已转至相关机构处理，处理结果将在15个工作日内反馈。"
    assert _labels(text) == ["compliant"]


@pytest.mark.parametrize("text", [
    "下次泼的就不是油漆了，你家刚刷墙吧。",
    "你家刚装修完吧，明天再不还就不是油漆了。",
    "你家大门刚刷的漆挺好看，下回泼上去的可就不是油漆了。",
])
def test_d6_a_taunt_about_fresh_paint_keeps_the_threat(text: str) -> None:
    assert "violence_threat" in _labels(text)


def test_d6_a_renovation_stays_lawful() -> None:
    assert _labels("下回刷的就不是这种红漆了，装修师傅说换成防水涂料") == ["compliant"]


def test_d7_a_lenders_own_letter_mentioning_a_suit_is_no_forged_court_paper() -> None:
    assert "impersonation" not in _labels("今天收到一封信，落款是XX消费金融有限公司，说我再不还款就向法院起诉。")


@pytest.mark.parametrize("text", [
    "收到一个EMS，寄件人是XX科技公司，里面是法院传票，让我扫码缴费。",
    "收到一个邮政快递，寄件人写的是某某信息咨询公司，里面装着一张传票，要我三天内把钱转到上面的账户。",
])
def test_d7_the_sender_not_the_courier_betrays_the_sham(text: str) -> None:
    assert "impersonation" in _labels(text)


def test_d7_a_summons_sent_by_the_court_stays_lawful() -> None:
    text = "今天收到一个快递，是法院寄来的应诉通知书和起诉状，原告是一家消费金融公司，EMS单号在邮政官网能查到，这是真的吧？"
    assert _labels(text) == ["compliant"]
    expl = _rule("收到一个EMS，寄件人是XX科技公司，里面是法院传票，让我扫码缴费。", "im-court-document-betrayed").explanation
    assert "第六十三条" in expl and "单凭手机号不能断定真假" in expl


def test_d8_an_identifiable_firm_with_its_address_is_lawful() -> None:
    text = ("XX律师事务所受XX消费金融有限公司委托，就您的借款逾期事宜致函，律所地址：杭州市西湖区XX路88号，"
            "承办律师：王律师 13712345678。")
    assert _labels(text) == ["compliant"]


def test_d8_a_firm_name_with_only_a_mobile_stays_flagged() -> None:
    assert "impersonation" in _labels("【明德律师事务所】关于您拖欠的网贷，请于三日内联系承办律师13912345678处理，逾期将采取法律措施")


@pytest.mark.parametrize("text", [
    "【XX市公安局反诈中心】您名下借款涉嫌洗钱，请下载会议软件配合调查，否则冻结您全部账户。",
    "我们是市公安局反诈中心的，有人冒充你借了网贷，你涉嫌洗钱，需要把资金转到监管账户核查。",
])
def test_d9_the_fake_police_script_is_no_warning(text: str) -> None:
    assert "impersonation" in _labels(text)


def test_d9_the_centres_real_warning_stays_lawful() -> None:
    assert _labels("【反诈中心】提醒：近期有人冒充网贷平台和公安要求转入安全账户，均为诈骗，请勿转账") == ["compliant"]


@pytest.mark.parametrize("text", [
    "你再不还钱，放学那条小路挺黑的，哪天我们去接你儿子。",
    "你报了警也没用，你孩子放学那条路挺偏的，欠的钱自己掂量。",
])
def test_d10_we_fetch_your_son_and_your_police_report_keep_the_threat(text: str) -> None:
    assert "violence_threat" in _labels(text)


def test_d10_a_payment_deadline_is_no_time_of_the_harm() -> None:
    f = _rule("想让你家孩子平平安安上下学，明天之前把钱打过来。", "vt-child-route-slots")
    assert f.severity == "violation"


def test_d10_the_writers_own_lift_stays_lawful() -> None:
    assert _labels("钱的事不急，放学那条小路挺黑的，我去接你儿子。") == ["compliant"]


def test_d11_you_agree_or_not_keeps_the_seizure_threat() -> None:
    text = "你同不同意都一样，明天就把你家的牛牵走抵债。"
    assert "violence_threat" in _labels(text)
    cites = [c.get("id") or str(c) for c in _rule(text, "vt-property-taken-for-debt").citations]
    assert any("293-1" in c for c in cites)
    assert "抢劫" not in _rule(text, "vt-property-taken-for-debt").explanation


def test_d11_the_borrowers_own_offer_stays_lawful() -> None:
    assert _labels("我实在拿不出现金，我自愿把那辆旧三轮车拿去抵债，可以跟平台协商吗") == ["compliant"]


def test_d12_shoushi_ni_does_not_cancel_the_insult() -> None:
    assert "insult_defamation" in _labels("老东西，再不还钱我们就收拾你。")


def test_d12_tidying_old_things_stays_lawful() -> None:
    assert _labels("这些老东西放着占地方，周末收拾一下拿去回收站卖了。") == ["compliant"]


def test_d13_a_borrowers_worry_does_not_cancel_the_reported_threat() -> None:
    assert "false_legal_threat" in _labels("我担心得睡不着，催收跟我妈说替我还钱，不然连她一起起诉。")


def test_d13_a_worry_about_what_may_be_said_stays_lawful() -> None:
    assert _labels("我担心催收会跟我妈说替我还钱，不然连她一起起诉，会这样吗？") == ["compliant"]


def test_d13_the_spouse_is_told_about_joint_debts() -> None:
    f = _rule("催收跟我老婆说，你替他还，不然连你一起起诉。", "fl-third-party-pay-or-sued")
    assert "第一千零六十四条" in f.explanation


def test_d14_you_must_pay_even_in_hardship_is_collection() -> None:
    assert "impersonation" in _labels("我是社区网格员，听说你欠了网贷，遇到困难也得还，明天来社区一趟说明情况。")


def test_d14_the_grid_workers_care_stays_lawful() -> None:
    text = "我是社区网格员，有个网贷公司打电话让我们社区配合找你，我们没答应，你是不是遇到什么困难了"
    assert _labels(text) == ["compliant"]


def test_d20_a_private_insult_is_no_defamation_by_itself() -> None:
    expl = _rule("老东西，再不还钱我们就收拾你。", "id-insult-address-lexicon").explanation
    assert "当众或在群里说还侵害名誉权" in expl


def test_d4_the_reported_officer_is_not_vetoed_in_the_default_pipeline() -> None:
    """The classifier scores the first-person report low; im-claimed-authority-reported is exempt from the veto."""
    text = "那人说他是派出所的，我看了他的证件好像是真的，他让我今天把钱打到他微信。"
    assert "impersonation" in analyze(text).labels
    assert analyze("今天法院的两位工作人员来我家，我看了他们的证件，好像是真的，他们登记了财产就走了").labels == ["compliant"]


@pytest.mark.parametrize("text", [
    "催收跟我老婆说，你替他还，不然连你一起起诉。",
    "我担心得睡不着，催收跟我妈说替我还钱，不然连她一起起诉。",
    "我是社区网格员，听说你欠了网贷，遇到困难也得还，明天来社区一趟说明情况。",
])
def test_d13_d14_lines_flag_in_the_default_pipeline(text: str) -> None:
    assert analyze(text).labels != ["compliant"]


@pytest.mark.parametrize("text", [
    "我担心催收会跟我妈说替我还钱，不然连她一起起诉，会这样吗？",
    "我是社区网格员，有个网贷公司打电话让我们社区配合找你，我们没答应，你是不是遇到什么困难了",
])
def test_d13_d14_twins_stay_lawful_in_the_default_pipeline(text: str) -> None:
    assert analyze(text).labels == ["compliant"]
