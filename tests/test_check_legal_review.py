"""Check: regressions for the legal review of the rule changes (D1–D26, /work/briefs/legal_review.md).

Each case is a sentence from the review (or its lawful counterpart), run through the rules only
(`model=False`) so that the statistical model cannot hide a rule defect.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _rules(text: str, **meta: str):
    return analyze(text, meta or None, model=False)


def _cited(result, category: str) -> set[str]:
    return {c["id"] for f in result.findings if f.category == category for c in f.citations if "id" in c}


# D1: a borrower reporting conduct that happened and asking whether it is lawful still gets the labels
# (bench/data/README-check.md convention 8); only a question about what may happen stays compliant.
@pytest.mark.parametrize(("text", "expected"), [
    ("催收发消息说不还就打断你的腿，这算吗？", {"violence_threat", "intimidation"}),
    ("催收说“不还钱就打断你的腿”，我可以报警吗", {"violence_threat", "intimidation"}),
    ("催收昨天半夜带了三个人堵在我家门口不走，违规吗", {"intimidation", "unlawful_visit"}),
    ("催收把我的身份证照片发到了家族群，这合法的吗", {"privacy_exposure"}),
    ("催收说不还就把我照片P成通缉令发群里，还是诈骗吗", {"privacy_exposure"}),
])
def test_d1_report_plus_question_keeps_labels(text, expected):
    labels = set(_rules(text).labels)
    assert expected <= labels, labels


@pytest.mark.parametrize("text", [
    "他们说要上门是真的吗",
    "会不会爆通讯录？",
    "平台说会依法起诉，这合法的吗？",
])
def test_d1_question_about_what_may_happen_stays_compliant(text):
    assert _rules(text).labels == ["compliant"]


# D10: a named instrument is not cited for acts before it existed (中国银行业协会 guideline: 2026-01-30;
# GB/T 45251—2025: 2025-02-28); without a date everything in force today is cited.
def _instruments(result, category: str) -> list[str]:
    return [c["name"] for f in result.findings if f.category == category for c in f.citations if "name" in c]


def test_d10_guideline_not_cited_before_it_was_published():
    text = "外访组一个人来的，没出示证件，说要还钱"
    early = _instruments(_rules(text, sent_at="2025-06-01 10:00"), "unlawful_visit")
    late = _instruments(_rules(text, sent_at="2026-03-01 10:00"), "unlawful_visit")
    assert late and any("中国银行业协会" in n for n in late), late
    assert not any("中国银行业协会" in n for n in early), early


def test_d10_national_standard_not_cited_before_2025_02_28():
    early = _instruments(_rules("您好，请尽快还款", sent_at="2024-12-01 23:30"), "harassment_time")
    assert not any("GB/T 45251" in n for n in early), early
    late = _instruments(_rules("您好，请尽快还款", sent_at="2025-06-01 23:30"), "harassment_time")
    assert any("GB/T 45251" in n for n in late), late


# D13: a plain daytime visit notice is lawful (taxonomy hard case 5); the same notice with menace is not.
def test_d13_plain_daytime_visit_notice_is_compliant():
    assert _rules("我们明天到你家，当面谈一下还款的事", sent_at="2026-03-02 10:00").labels == ["compliant"]


@pytest.mark.parametrize("text", ["今晚带人到你家，当面谈一下还款的事", "我们明天到你家，当面谈一下还款的事，不还钱就别想我们走"])
def test_d13_visit_notice_with_menace_is_not(text):
    assert "unlawful_visit" in _rules(text, sent_at="2026-03-02 10:00").labels


# D11: a visit that only breaks a procedural limit (one visitor, no ID) is unlawful_visit alone, cited first to
# 消保办法第四十一条, not to the forms of 软暴力 (软暴力意见二) and not as menace (no intimidation).
@pytest.mark.parametrize("text", ["外访组一个人来的，没出示证件", "催收一个人上门，没出示证件，说要还钱"])
def test_d11_procedural_visit_is_no_soft_violence(text):
    r = _rules(text, sent_at="2026-03-01 10:00")
    assert r.labels == ["unlawful_visit"], r.labels
    f = next(f for f in r.findings if f.category == "unlawful_visit")
    assert f.citations[0]["id"] == "banking-insurance-consumer-protection-measures:41", f.rule
    assert "两名" in f.explanation


def test_d11_lawful_counterpart():
    assert _rules("我一个人来还款的", sent_at="2026-03-01 10:00").labels == ["compliant"]


# Review §2 item 3: 刑法第二百九十三条之一 (催收非法债务罪) only for illegal debts: not cited with every violence
# threat or every over-frequent call, only when an illegal-debt word is there.
def test_293_1_not_cited_for_an_ordinary_violence_threat():
    assert "criminal-law:293-1" not in _cited(_rules("再不还钱就打断你的腿"), "violence_threat")


def test_293_1_cited_for_violence_over_an_illegal_debt():
    assert "criminal-law:293-1" in _cited(_rules("你欠的是高利贷，再不还钱就打断你的腿"), "violence_threat")


def test_293_1_not_cited_for_call_frequency():
    r = _rules("您好，请还款", count_per_day="9", channel="call")
    assert "harassment_frequency" in r.labels
    assert "criminal-law:293-1" not in _cited(r, "harassment_frequency")


# D3: a court mentioned in passing, or a real creditor after a judgment, is no state impersonation (刑法第二百七十九条
# needs someone posing as a state functionary); a self-claimed court officer collecting into his account is.
@pytest.mark.parametrize("text", ["我也不想闹到法院的，你还是把钱还了吧", "法院已经判了，你直接把钱转到我的账户就行，我是借你钱的老王"])
def test_d3_court_mention_is_no_impersonation(text):
    assert "impersonation" not in _rules(text).labels


def test_d3_self_claimed_officer_collecting_is_impersonation():
    r = _rules("我是法院执行局的，你把钱转到我的个人账户")
    assert "impersonation" in r.labels
    assert "criminal-law:279" in _cited(r, "impersonation")


# D4/D5: bodies that are no state organs (协会, 征信中心, 居委会) are 治安管理处罚法第六十二条 (violation), not 刑法279;
# a fake police officer cites 治安62 (2012: 第五十一条 for earlier acts) beside 刑法279.
@pytest.mark.parametrize("text", ["[中国互联网金融协会]您的网贷逾期已被记录", "我是居委会的，你欠的钱赶紧还", "我是征信中心的，你的逾期要上报了"])
def test_d4_organisation_name_is_no_state_impersonation(text):
    r = _rules(text)
    f = next(f for f in r.findings if f.category == "impersonation")
    assert f.severity == "violation"
    assert "criminal-law:279" not in _cited(r, "impersonation")
    assert "public-security-punishments-law:62" in _cited(r, "impersonation")


@pytest.mark.parametrize(("day", "article"), [("2026-03-01 10:00", "public-security-punishments-law:62"),
                                               ("2025-06-01 10:00", "public-security-punishments-law-2012:51")])
def test_d5_fake_police_cites_pspl_62_by_date(day, article):
    r = _rules("我是派出所的民警，你欠的钱赶紧还", sent_at=day)
    assert {"criminal-law:279", article} <= _cited(r, "impersonation")


# D6: a closed shop or goods on a truck are no violence; blows cite 刑法234, being locked up 刑法238, smashing 刑法275.
def test_d6_closed_shop_is_no_violence():
    assert _rules("因为疫情我们店关了三天，这个月还款能不能晚几天").labels == ["compliant"]


@pytest.mark.parametrize(("text", "article"), [("催收的给了我两巴掌", "criminal-law:234"),
                                               ("他们把我家的玻璃门砸了", "criminal-law:275")])
def test_d6_reported_violence_cites_its_own_article(text, article):
    r = _rules(text)
    f = next(f for f in r.findings if f.category == "violence_threat")
    assert f.citations[0]["id"] == article, f.rule


# D7: a vague property threat is `violation` (taxonomy 2.1), not a completed 故意毁坏财物 crime.
@pytest.mark.parametrize("text", ["你那车还能不能开就不好说了", "你那个店哪天着火了可别怪我"])
def test_d7_vague_property_threat_is_violation(text):
    r = _rules(text)
    f = next(f for f in r.findings if f.category == "violence_threat")
    assert f.severity == "violation"
    assert "扬言本身还不是毁坏财物" in f.explanation


# D8: advice to work, or "it won't just be a phone call, we will sue", threatens no one's personal safety.
@pytest.mark.parametrize("text", ["实在不行就去打工还债吧，别再借了", "你再不还，下次就不是打电话这么简单了，我们会起诉"])
def test_d8_no_threat_to_personal_safety(text):
    assert "violence_threat" not in _rules(text).labels


def test_d8_taking_someone_to_myanmar_still_is():
    assert "violence_threat" in _rules("他们说再不还就把我带去缅北").labels


# D12: a 19:00 knock is no night visit (the 22:00-08:00 line of GB/T 45251—2025).
def test_d12_evening_knock_is_no_night_visit():
    assert "unlawful_visit" not in _rules("昨天晚上七点他们来敲我家的门，说要还钱").labels


# D17: judgment words cancel enforcement-type claims only, never a claim of jail or arrest.
@pytest.mark.parametrize("text", ["法院判决书已经下来了，你马上就要坐牢了", "根据判决你已经是失信被执行人了，下周就来抓你拘留"])
def test_d17_judgment_words_do_not_excuse_jail_claims(text):
    assert "false_legal_threat" in _rules(text).labels


def test_d17_enforcement_after_judgment_is_lawful():
    assert _rules("根据判决你已经是失信被执行人了，法院会限制高消费").labels == ["compliant"]


# D18: blacklist claims cite 民事诉讼法第二百六十六条 (only a court lists 失信/限高), not 刑法274 first.
def test_d18_blacklist_cites_civil_procedure_266():
    r = _rules("你已经被列入全国网贷黑名单了")
    f = next(f for f in r.findings if f.category == "false_legal_threat")
    assert f.citations[0]["id"].startswith("civil-procedure-law:"), f.rule
    assert "civil-procedure-law:266" in {c.get("id") for c in f.citations}


# Review §5: a borrower reporting "他们说不还就打断我的腿" reported a threat to personal safety (治安管理处罚法第五十条
# 第一款第一项); the first-person object was not matched.
def test_reported_first_person_leg_threat():
    assert "violence_threat" in _rules("他们说不还就打断我的腿").labels


# D20: the false-legal-threat action says that not being able to pay is itself civil, without claiming that no
# relative ever bears the debt (民法典第一千零六十四条: spouses within joint debts).
def test_d20_verify_action_is_not_absolute():
    r = _rules("你这是恶意透支，已经构成信用卡诈骗罪了，马上抓你")
    why = next(a.why if hasattr(a, "why") else a["why"] for f in r.findings if f.category == "false_legal_threat"
               for a in f.actions if (a.channel if hasattr(a, "channel") else a["channel"]) == "verify")
    assert why.startswith("还不上钱本身是民事纠纷") and "夫妻共同债务" in why


# D10/§3: the metadata explanations name only the instruments in force on the day (the 中国银行业协会 guideline
# from 2026-01-30), and no action names a 2025-text article number without its 2012 counterpart.
def test_quiet_hours_explanation_is_dated():
    early = next(f for f in _rules("您好，请尽快还款", sent_at="2025-06-01 23:30").findings if f.category == "harassment_time")
    late = next(f for f in _rules("您好，请尽快还款", sent_at="2026-03-01 23:30").findings if f.category == "harassment_time")
    assert "GB/T 45251" in early.explanation and "银行业协会" not in early.explanation
    assert "银行业协会" in late.explanation


def test_pspl_numbers_in_actions_are_dated():
    import re

    from xiezhi.collection.rules import load_categories

    for cat, spec in load_categories().items():
        for a in spec.actions:
            for m in re.finditer(r"治安管理处罚法第[一二三四五六七八九十百]+条", a.why):
                assert "2026年1月1日" in a.why, (cat, m.group(0))


# D1, the generic cues: a lawfulness question after a report ("……，这合法吗？") does not cancel the reported conduct;
# a question about what may happen, in the match's own segment or about its truth, still does.
@pytest.mark.parametrize(("text", "expected"), [
    ("催收发消息说不还就打断你的腿，这合法吗？", {"violence_threat", "intimidation"}),
    ("催收昨天半夜带了三个人堵在我家门口不走，这合法吗", {"unlawful_visit"}),
    ("催收把我的身份证照片发到了家族群，这违法吗", {"privacy_exposure"}),
    ("催收说再不还就爆通讯录，这算骚扰吗？", {"third_party_contact"}),
    ("催收骂我是老赖、人渣，这是不是侮辱？", {"insult_defamation"}),
    ("催收说再不还就去我孩子学校找他，这是不是威胁？", {"intimidation"}),
    ("催收把我的照片和欠款发到了同学群，能告他们吗？", {"debt_disclosure"}),
])
def test_d1_lawfulness_question_after_a_report(text, expected):
    labels = set(_rules(text).labels)
    assert expected <= labels, labels


@pytest.mark.parametrize("text", ["他们说会派人上门，是真的吗", "如果我不还，他们会不会上门闹，这合法吗",
                                  "如果我不还，他们会不会上门闹，这算骚扰吗"])
def test_d1_question_about_the_future_stays_compliant(text):
    assert _rules(text).labels == ["compliant"]


# Review §5 and D6: goods carried off are no detention of a person (刑法第二百三十八条); taking a debtor's property
# by force is 强拿硬要 (治安管理处罚法第三十条第三项, 2012: 第二十六条; 刑法第二百九十三条 when serious).
def test_property_carried_off_is_not_detention():
    r = _rules("催收的人把我家的冰箱电视拉上车拖走了")
    assert "violence_threat" in r.labels
    assert "criminal-law:238" not in _cited(r, "violence_threat")
    assert "public-security-punishments-law:30" in _cited(r, "violence_threat")


def test_person_pushed_into_a_car_is_still_detention():
    assert "criminal-law:238" in _cited(_rules("他们把我老公塞进车里拉走了"), "violence_threat")


def test_delivery_taking_the_fridge_is_compliant():
    assert _rules("快递把冰箱拉走了").labels == ["compliant"]


# D19: the wage-card claim cites the preservation articles its explanation names (民事诉讼法第一百零三、一百零四条)
# and enforcement (第二百五十五条), not 刑法274 first.
def test_d19_wage_card_cites_preservation():
    r = _rules("你的工资卡马上会被冻结")
    f = next(f for f in r.findings if f.category == "false_legal_threat")
    assert [c["id"] for c in f.citations[:3]] == ["civil-procedure-law:103", "civil-procedure-law:104",
                                                  "civil-procedure-law:255"], f.rule


# D5 (general list): 刑法280 / 治安63 (forged documents) are cited where a document is involved, not with every
# impersonation; a fake lawyer is no state functionary (治安62, not 刑法279).
def test_d5_no_forgery_articles_without_a_document():
    cited = _cited(_rules("我是派出所的民警，你欠的钱赶紧还"), "impersonation")
    assert "criminal-law:280" not in cited and "public-security-punishments-law:63" not in cited


def test_d5_forged_warrant_cites_forgery_first():
    r = _rules("这是法院下发的逮捕令，盖了公章，你自己看")
    f = next(f for f in r.findings if f.category == "impersonation")
    assert f.citations[0]["id"] == "criminal-law:280", f.rule


def test_fake_law_firm_is_no_state_impersonation():
    r = _rules("我打电话问了，根本没有这个律所")
    cited = _cited(r, "impersonation")
    assert "criminal-law:279" not in cited and "public-security-punishments-law:62" in cited


# D4 example "我是居委会的，你欠的钱…": the sender naming itself is impersonation of an organisation (治安62), not
# a disclosure of the debt to the residents' committee.
def test_d4_residents_committee_self_claim_is_no_disclosure():
    assert _rules("我是居委会的，你欠的钱赶紧还").labels == ["impersonation"]


def test_telling_the_residents_committee_is_disclosure():
    assert "debt_disclosure" in _rules("再不还就通知居委会，让全小区都知道你欠钱").labels


# D23 (and the same wording in pe-id-photo): identity documents are not listed in 个人信息保护法第二十八条; the
# basis for posting them is 第十条 / 第二十五条, which privacy findings now cite.
def test_d23_id_photo_basis():
    r = _rules("催收把我的身份证照片发到了家族群")
    f = next(f for f in r.findings if f.category == "privacy_exposure")
    assert "身份证号、人脸等属于敏感" not in f.explanation
    assert {"pipl:10", "pipl:25"} <= _cited(r, "privacy_exposure")


# D18/D20 logic for the rest of false_legal_threat: 刑法第二百七十四条 (敲诈勒索) supports only demands for money not
# owed; a false claim of jail cites the articles that say when non-payment is a crime (刑法196, 313), a claim that
# relatives must pay cites 民法典465 (contract binds its parties) and 1064 (joint marital debts).
def test_jail_claim_cites_196_and_313_not_extortion_first():
    r = _rules("你这是恶意透支，已经构成信用卡诈骗罪了，马上抓你")
    f = next(f for f in r.findings if f.category == "false_legal_threat")
    assert [c["id"] for c in f.citations[:2]] == ["criminal-law:196", "criminal-law:313"], f.rule
    assert "criminal-law:274" not in _cited(r, "false_legal_threat")
    assert "public-security-punishments-law:58" not in _cited(r, "false_legal_threat")


def test_relatives_must_pay_cites_contract_relativity():
    r = _rules("你老公欠的钱你得替他还", recipient_role="spouse")
    f = next(f for f in r.findings if f.category == "false_legal_threat")
    assert f.citations[0]["id"] == "civil-code:465", f.rule
    assert "夫妻共同债务" in f.explanation


# D25: the personal-account explanation was copied onto the rule about a differently named company payee.
def test_d25_trading_company_payee_explanation():
    r = _rules("请把还款转到XX商贸有限公司的账户")
    f = next(f for f in r.findings if f.category == "illegal_fee")
    assert f.rule == "if-trading-company-payee"
    assert "商贸公司" in f.explanation and "个人微信支付宝" not in f.explanation
