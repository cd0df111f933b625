"""Check: regressions for the second legal review (D1–D31, /work/briefs/legal_review_check2.md).

Each case is a sentence from the review (or its lawful / unlawful counterpart), run through the rules only
(`model=False`) so that the statistical model cannot hide a rule defect. A false positive is fixed as a
general principle (what makes the words unlawful), so each lawful case has an unlawful twin that must keep
its label.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _rules(text: str, **meta):
    return analyze(text, meta or None, model=False)


def _labels(text: str, **meta) -> set[str]:
    return set(_rules(text, **meta).labels)


def _cited(result, category: str) -> list[str]:
    return [c["id"] for f in result.findings if f.category == category for c in f.citations if "id" in c]


def _finding(result, category: str):
    return next(f for f in result.findings if f.category == category)


# D1 (H): a discounted settlement of the debt is lawful; money for silence (不曝光, 删照片) is extortion (刑法274).
@pytest.mark.parametrize("text", ["您的欠款可以一口价3000元结清，今天有效。", "欠款8000，一口价5000私了，过了今天就没这个价了。"])
def test_d1_discounted_settlement_is_lawful(text):
    assert "illegal_fee" not in _labels(text)


@pytest.mark.parametrize("text", ["一口价5000私了，钱到账照片就删。", "不想我们把你的事发出去也行，一口价三千，私了",
                                  "给3000块买个清净，不然天天找你家人"])
def test_d1_money_for_silence_is_still_extortion(text):
    r = _rules(text)
    assert "illegal_fee" in r.labels and r.severity == "possible_crime"
    assert _cited(r, "illegal_fee")[0] == "criminal-law:274"


# D2 (H): contractual penalty interest is lawful (民法典676); invented fees and runaway sums are not, and the rule
# cites 民法典680 / 民间借贷规定29 rather than 670 (砍头息).
def test_d2_contractual_penalty_interest_is_lawful():
    assert _labels("您的账单已逾期，按合同每日加收0.05%罚息。") == {"compliant"}


@pytest.mark.parametrize("text", ["不还的话每天加收200元", "交500平事费就不上门了", "再拖下去利息每天翻倍"])
def test_d2_invented_fees_stay_unlawful(text):
    assert "illegal_fee" in _labels(text)


def test_d2_fee_general_cites_rate_cap_not_upfront_interest():
    cited = _cited(_rules("再拖下去利息每天翻倍"), "illegal_fee")
    assert cited[:2] == ["civil-code:680", "private-lending-provisions:29"], cited


# D3 (H): 日息/周息 alone are no illegal debt (万分之五 a day is 18% a year); a usurious stated rate is.
@pytest.mark.parametrize("text", ["你借的是日息万分之五的贷款，明天我们上门核实情况。", "日息0.05%，明天上门", "周息0.5%，明天上门",
                                  "你这笔校园贷逾期了，明天我们上门核实情况。"])
def test_d3_ordinary_rate_is_no_illegal_debt(text):
    assert "criminal-law:293-1" not in _cited(_rules(text), "intimidation")


@pytest.mark.parametrize("text", ["日息1%的钱也敢不还？天天跟着你", "日息3分的钱不还，天天堵你", "周息30%的钱也敢不还？天天跟着你"])
def test_d3_usurious_rate_is_illegal_debt(text):
    r = _rules(text)
    assert r.severity == "possible_crime" and "criminal-law:293-1" in _cited(r, "intimidation")


# D4 (H): the lender's own litigation notice is no anti-collection scam; a third party's paid offer is.
def test_d4_lenders_litigation_notice_is_no_scam():
    assert "credit_repair_scam" not in _labels("我司法务团队将对您提起诉讼，请尽快还款。")


@pytest.mark.parametrize("text", ["我们法务团队帮你停息挂账，先交2000服务费",
                                  "姐妹，这个老师很厉害，交5000就能帮你把30万的网贷谈到只还本金",
                                  "您的六个网贷我们可以统一代理协商，只还本金，代理费按负债总额8%收取"])
def test_d4_third_party_paid_offer_is_still_a_scam(text):
    assert "credit_repair_scam" in _labels(text)


# D5: a daily count is measured against the line for its kind of contact: answered calls (GB/T 45251, 有效通话 ≤ 3),
# calls not known to have connected (中银协 attempts ≤ 6), visits (no instrument names a number).
def test_d5_unanswered_calls_use_the_attempt_line():
    r = _rules("今天打了你4次都没接，请回电", count_per_day="4", channel="call", sent_at="2026-03-01T10:00")
    assert "harassment_frequency" not in r.labels
    r = _rules("今天打了你7次都没接，请回电", count_per_day="7", channel="call", sent_at="2026-03-01T10:00")
    f = _finding(r, "harassment_frequency")
    assert "有效通话" not in f.explanation and "6" in f.explanation


def test_d5_answered_calls_and_call_content_use_the_answered_line():
    r = _rules("您好，请今天还款", count_per_day="4", channel="call", sent_at="2026-03-01T10:00")
    assert "有效通话" in _finding(r, "harassment_frequency").explanation
    assert "harassment_frequency" not in _labels("您好，请今天还款", count_per_day="4", sent_at="2026-03-01T10:00")


def test_d5_visits_name_no_call_line():
    f = _finding(_rules("您好", count_per_day="4", channel="visit", sent_at="2026-03-01T10:00"), "harassment_frequency")
    assert "有效通话" not in f.explanation and "上门" in f.explanation


# D25: before the 中银协 guideline (2026-01-30) the SMS reference line does not name it.
def test_d25_sms_reference_does_not_name_a_later_guideline():
    f = _finding(_rules("请还款", count_per_day="7", channel="sms", sent_at="2025-06-01T10:00"), "harassment_frequency")
    assert "行业指引" not in f.explanation and "没有文件规定短信条数" in f.explanation


# D8 / D26: a single night contact and the 21:00 note cite no 治安管理处罚法 (50(五) / 2012:42(五) need "多次");
# 民法典1033(一) (侵扰私人生活安宁 without consent, no repetition required) and the instruments stay; the note
# vouches only for the instruments the tool holds.
@pytest.mark.parametrize("sent_at", ["2025-06-01T23:10", "2026-03-01T23:10", "2026-03-01T21:30"])
def test_d8_single_night_contact_cites_no_punishment_article(sent_at):
    r = _rules("您好，请尽快还款", sent_at=sent_at)
    assert _cited(r, "harassment_time") == ["civil-code:1033"]
    assert any(c.get("name", "").startswith("GB/T 45251") for f in r.findings for c in f.citations)


def test_d26_evening_note_is_not_absolute():
    f = _finding(_rules("您好，请尽快还款", sent_at="2026-03-01T21:30"), "harassment_time")
    assert "没有任何文件" not in f.explanation and "本工具收录的标准和行业指引没有21点的界线" in f.explanation


# D9: findings without a rule of their own (metadata, also, implied) cite the category's general basis, not every
# heading of the file (刑法245/238 for a night visit, 刑法293-1 for a debt that is not illegal, 刑法253-1 for a
# relay request).
def test_d9_night_visit_cites_no_intrusion_or_detention():
    r = _rules("您好", channel="visit", sent_at="2026-03-01T23:30")
    assert {"unlawful_visit", "intimidation"} <= set(r.labels)
    assert not {"criminal-law:245", "criminal-law:238", "criminal-law:293-1"} & set(
        _cited(r, "unlawful_visit") + _cited(r, "intimidation"))
    names = [c.get("name", "") for c in _finding(r, "unlawful_visit").citations]
    assert any(n.startswith("GB/T 45251") for n in names)


def test_d9_d10_relay_request_cites_no_information_offence():
    r = _rules("请问张三在吗？麻烦转告他回个电话。", recipient_role="emergency_contact", sent_at="2026-03-01T10:00")
    cited = _cited(r, "third_party_contact")
    assert cited and not {"criminal-law:253-1", "public-security-punishments-law:56", "pipl:23"} & set(cited)


def test_d9_public_post_of_id_number_cites_no_sale_of_information():
    r = _rules("此人张某，身份证号码110101199001011234，欠钱不还", recipient_role="public", sent_at="2026-03-01T10:00")
    assert "criminal-law:253-1" not in _cited(r, "privacy_exposure")


def test_d10_address_book_blast_cites_information_offences():
    cited = _cited(_rules("明天就爆你通讯录", sent_at="2026-03-01T10:00"), "third_party_contact")
    assert {"public-security-punishments-law:56", "criminal-law:253-1"} <= set(cited)
    cited_2025 = _cited(_rules("明天就爆你通讯录", sent_at="2025-06-01T10:00"), "third_party_contact")
    assert "public-security-punishments-law:56" not in cited_2025  # new in the 2025 text


# D12: a spouse may be a co-debtor (民法典1064); co-borrowers are debtors.
def test_d12_spouse_and_co_borrower_named():
    r = _rules("你替他还了吧，他欠了我们8000。", recipient_role="spouse", sent_at="2026-03-01T10:00")
    f = _finding(r, "third_party_contact")
    assert "共同借款人" in f.explanation and "夫妻共同债务" in f.explanation
    assert "civil-code:1064" in _cited(r, "third_party_contact")
    meta = _rules("您好，请联系我们", recipient_role="spouse", sent_at="2026-03-01T10:00", debtor_reachable="true")
    assert "民法典第一千零六十四条" in _finding(meta, "third_party_contact").explanation


# D16: the edited-images rule cites the offences its explanation names (刑法246, 364; 治安80 / 2012:68).
def test_d16_edited_images_cite_insult_and_obscenity():
    r26 = _cited(_rules("再不还就把你的裸照P好了发群里", sent_at="2026-03-01T10:00"), "privacy_exposure")
    assert r26[:3] == ["criminal-law:246", "criminal-law:364", "public-security-punishments-law:80"], r26
    r25 = _cited(_rules("再不还就把你的裸照P好了发群里", sent_at="2025-06-01T10:00"), "privacy_exposure")
    assert "public-security-punishments-law-2012:68" in r25


# D21 / D31: a request to upload a photo, or a warning about verification codes, is no exposure or contact blast;
# the threats keep their labels.
@pytest.mark.parametrize("text", ["请从相册里选择身份证照片上传，完成实名认证。", "请保管好个人信息，不要把验证码告诉亲朋好友。"])
def test_d21_d31_app_instructions_are_lawful(text):
    assert _labels(text) == {"compliant"}


@pytest.mark.parametrize(("text", "category"), [
    ("你借款时授权了相册，那些照片我们全都有，不还就发出来", "privacy_exposure"),
    ("再不还钱，我们就挨个联系你的亲朋好友", "third_party_contact"),
    ("这张图明天就会出现在你所有微信好友的朋友圈里", "third_party_contact"),
])
def test_d21_d31_threats_keep_their_labels(text, category):
    assert category in _labels(text)


# D22: telling the debtor that the emergency contact will be asked for a way to reach him, when he cannot be
# reached, is the locating request the standard allows; a threat to tell them is not.
def test_d22_locating_notice_is_lawful():
    assert _labels("如您持续失联，我们将打给你的紧急联系人核实您的联系方式。") == {"compliant"}


def test_d22_threat_to_tell_contacts_is_not():
    assert "third_party_contact" in _labels("再不还钱，我们就打给你的家人，让他们都知道你欠钱不还")


# D29: action texts do not over-state an article.
def test_d29_actions_state_the_articles_right():
    from xiezhi.collection.rules import load_categories

    cats = load_categories()
    tp = next(a.why for a in cats["third_party_contact"].actions if a.channel == "court")
    assert "第四十七条" in tp and "被拒绝的可依第五十条起诉" in tp
    pe = next(a.why for a in cats["privacy_exposure"].actions if a.channel == "court")
    assert "举证责任倒置" not in pe and "没有过错" in pe


# D30: a private message to a spouse that reveals a debt cites privacy (民法典1032, 个人信息保护法10), not 公开
# (pipl:25) or 名誉 (民法典1024); a public posting does cite them.
def test_d30_private_disclosure_cites_no_publication_or_reputation():
    r = _rules("你老公欠我们8000块，让他赶紧还", recipient_role="spouse", sent_at="2026-03-01T10:00")
    cited = _cited(r, "debt_disclosure")
    assert cited[:2] == ["civil-code:1032", "pipl:10"], cited
    assert not {"pipl:25", "civil-code:1024"} & set(cited)


def test_d30_public_posting_cites_publication():
    cited = _cited(_rules("再不还就把你欠钱的事发到业主群，让大家都知道你是老赖"), "debt_disclosure")
    assert "pipl:25" in cited


def test_d9_personal_data_to_a_third_party_cites_privacy():
    r = _rules("此人张某，身份证号码110101199001011234，欠钱不还", recipient_role="public", sent_at="2026-03-01T10:00")
    assert {"pipl:10", "civil-code:1032"} <= set(_cited(r, "privacy_exposure"))


# D7: in a phone history, a night call from a saved contact (family) is no collection; a collector's is.
def test_d7_night_call_from_family_is_no_harassment():
    from datetime import datetime

    from xiezhi.collection import analyze_history
    from xiezhi.history.records import HistoryRecord

    recs = [HistoryRecord(at=datetime(2026, 3, 2, 23, 0), counterpart="妈妈", kind="call", direction="in", line=8,
                          text="", duration_s=60)]
    rep = analyze_history(recs)
    assert "harassment_time" not in rep.labels
    assert any("未能确认对方是否为催收方" in f.explanation for f in rep.findings)
    recs = [HistoryRecord(at=datetime(2026, 3, 2, 23, 0), counterpart="95xxx01", kind="sms", direction="in", line=3,
                          text="您的借款已逾期，请尽快还款")]
    assert "harassment_time" in analyze_history(recs).labels


# D6 / D8: the attempt line counts calls that did not connect; repeated night contact cites 民法典1033 / 治安50.
def test_d6_answered_calls_are_no_attempts():
    from datetime import datetime

    from xiezhi.collection import analyze_history
    from xiezhi.history.records import HistoryRecord

    recs = [HistoryRecord(at=datetime(2026, 3, 2, 9 + i, 0), counterpart="4008001234", kind="call", direction="in",
                          line=i + 1, text="", duration_s=30 if i < 3 else 0) for i in range(7)]
    assert "harassment_frequency" not in analyze_history(recs).labels  # 3 answered, 4 missed
    recs += [HistoryRecord(at=datetime(2026, 3, 2, 17, 0), counterpart="4008001234", kind="call", direction="in",
                           line=20 + i, text="", duration_s=0) for i in range(3)]
    f = next(f for f in analyze_history(recs).findings if f.category == "harassment_frequency")
    assert "未接通的呼叫 7 次" in f.explanation and "不宜超过6次" in f.explanation


def test_d8_repeated_night_contact_cites_the_statutes():
    from datetime import datetime

    from xiezhi.collection import analyze_history
    from xiezhi.history.records import HistoryRecord

    def night(n: int):
        return [HistoryRecord(at=datetime(2026, 3, 2, 23, 10 * i), counterpart="4008001234", kind="call", direction="in",
                              line=i + 1, text="", duration_s=0) for i in range(n)]

    def night_cites(rep) -> list[dict]:  # a history's finding lists keys of the report's citation table
        return rep.citations_of(next(f for f in rep.findings if f.category == "harassment_time"))

    assert [c["id"] for c in night_cites(analyze_history(night(1))) if "id" in c] == ["civil-code:1033"]
    twice = night_cites(analyze_history(night(2)))
    assert {"civil-code:1033", "public-security-punishments-law:50"} <= {c["id"] for c in twice if "id" in c}


# D13: the verify action does not say property can be frozen only after a judgment (民诉103/104 allow preservation
# before and during a suit) nor that nobody is ever jailed over a debt (刑法196, 313).
def test_d13_verify_action_states_preservation_and_criminal_exceptions():
    from xiezhi.collection.rules import load_categories

    why = next(a.why for a in load_categories()["false_legal_threat"].actions if a.channel == "verify")
    assert "不会仅因逾期坐牢" in why and "财产保全" in why and "恶意透支" in why


# D14: an unlicensed lender cannot report to the credit database (征信条例29); a court can record a judgment debtor
# who does not perform (民诉266), so the court route is no false claim.
def test_d14_unlicensed_credit_claim_cites_credit_regulation():
    r = _rules("不还就给你上征信", lender_type="unlicensed")
    assert _cited(r, "false_legal_threat")[0] == "credit-reporting-regulation:29"
    assert "criminal-law:274" not in _cited(r, "false_legal_threat")


def test_d14_court_route_is_no_false_claim():
    assert "false_legal_threat" not in _labels("你不还钱，法院判决后我们会申请强制执行，执行不了就上征信。",
                                               lender_type="unlicensed")


# D15: a dismissal threat is an exaggerated consequence, not extortion (刑法274).
def test_d15_job_loss_threat_cites_no_extortion():
    cited = _cited(_rules("再不还钱就让你被单位开除。"), "false_legal_threat")
    assert cited and "criminal-law:274" not in cited


# D17: a threat to report to the employer or 纪委 is intimidation (软暴力意见二 恶意举报) and, with made-up content,
# defamation; 诬告陷害 (刑法243) only for a fabricated criminal report to the police.
def test_d17_report_to_employer_is_no_false_accusation_crime():
    r = _rules("我们会给你单位纪委写举报信，让你领导知道。")
    assert "intimidation" in r.labels
    assert "criminal-law:243" not in _cited(r, "insult_defamation")
    assert r.severity != "possible_crime"


def test_d17_fabricated_police_report_is_still_possible_crime():
    r = _rules("我们已经以诈骗罪报案了")
    assert "insult_defamation" in r.labels and "criminal-law:243" in _cited(r, "insult_defamation")


def test_d17_borrowers_own_complaint_is_lawful():
    assert "intimidation" not in _labels("我要去纪委举报这个催收公司")


# D18: 在逃避 is no accusation of being a fugitive.
def test_d18_avoiding_is_no_fugitive():
    assert _labels("你一直在逃避还款，这样下去不行。") == {"compliant"}
    assert "insult_defamation" in _labels("你这个在逃的骗子")


# D19: the debtor told of his own debt is no disclosure; telling his mother is.
def test_d19_own_debt_is_no_disclosure():
    assert "debt_disclosure" not in _labels("催收打电话说我欠了他们三万，要我今天还清。")
    assert "debt_disclosure" in _labels("催收打电话给我妈说我欠了三万")


# D20: "这关你什么事" is no detention threat.
def test_d20_idiom_is_no_detention_threat():
    assert "violence_threat" not in _labels("这关你什么事，你先把钱还了。")


@pytest.mark.parametrize("text", ["不还就扣你几天", "关了你，让你出不来", "绑了你看你走不了"])
def test_d20_detention_threats_stay(text):
    assert "violence_threat" in _labels(text)


# D23: a law firm leaving a WeChat id beside a verifiable channel is no false identity (治安62 needs 冒用/虚假身份);
# an unverifiable one is. A WeChat id as the only channel stays a red flag (bench convention, dev2 v0010), but the
# explanation no longer says "属于冒充律师".
def test_d23_law_firm_wechat_is_no_impersonation():
    assert "impersonation" not in _labels("本所律师已受委托，您可拨打律所座机或加微信 lawxx 与承办律师沟通。")
    assert "impersonation" in _labels("我是代理律师，执业证号你查不到很正常，加微信处理")


def test_d23_wechat_only_firm_is_hedged():
    f = _finding(_rules("本律所受委托处理您的欠款，如有疑问请加微信 lawyer123 沟通。"), "impersonation")
    assert "属于冒充律师" not in f.explanation and "核实" in f.explanation


def test_d22_locating_request_in_other_words_is_lawful():
    assert _labels("如您一直联系不上，我们将联系您的紧急联系人询问您的下落。") == {"compliant"}


# D24: a lender's fee for an extension is no fraud (it may be an unlawful fee); an upfront fee to delete records is.
def test_d24_lender_fee_is_no_fraud():
    assert "credit_repair_scam" not in _labels("缴纳200元手续费即可为您办理展期。")
    r = _rules("先交2000保证金就能帮你删除逾期记录")
    assert "credit_repair_scam" in r.labels and r.severity == "possible_crime"


# D27: a one-to-one insult infringes dignity (民法典109); 名誉 (1024) needs a social evaluation.
def test_d27_insult_cites_dignity_first():
    r = _rules("你就是个人渣")
    f = _finding(r, "insult_defamation")
    assert _cited(r, "insult_defamation")[0] == "civil-code:109" and "人格尊严" in f.explanation


# D28: a threat of arson is a threat to personal safety; 治安50(一) says nothing of property.
def test_d28_no_property_safety_under_personal_safety_article():
    from xiezhi.collection.rules import load_categories

    rule = next(r for r in load_categories()["violence_threat"].rules if r.id == "vt-harm-constructions-2")
    assert "财产安全" not in rule.explanation


# D11: the 中银协 guideline binds its members; the status says so, so a layperson sees the scope.
def test_d11_guideline_status_names_its_scope():
    from xiezhi.collection.rules import load_categories

    for spec in load_categories().values():
        for i in spec.instruments:
            if i.name.startswith("中国银行业协会"):
                assert "约束会员单位" in i.status and "只作参照" in i.status, (spec.category, i.status)


# D9 / D12 / D30 (prepared): a metadata verdict carries the ids it rests on beyond the category's general basis;
# they resolve to headings of the category, so `_finding` can cite them first (check.py passes `()` today).
def test_verdict_cites_resolve_in_their_category():
    from datetime import datetime

    from xiezhi.collection.citations import citations_for
    from xiezhi.collection.metadata import night_visit, night_visit_menace, recipient_contact

    verdicts = recipient_contact("spouse", debt_details=True, pressure=True, contact_refused=False,
                                 debtor_reachable=None)
    verdicts += recipient_contact("public", debt_details=True, pressure=False, contact_refused=False,
                                  debtor_reachable=None, personal_data=True)
    visit = night_visit(datetime(2026, 3, 1, 23, 30), "您好", "visit")
    verdicts += [visit, night_visit_menace(visit)]
    expected = {("third_party_contact", "civil-code:1064"), ("debt_disclosure", "pipl:25"),
                ("privacy_exposure", "pipl:25"), ("intimidation", "soft-violence-opinions:1")}
    seen = set()
    for v in verdicts:
        ids = [c["id"] for c in citations_for(v.category, v.cites) if "id" in c]
        assert ids[:len(v.cites)] == list(v.cites), (v.category, v.cites, ids)
        seen.update((v.category, c) for c in v.cites)
    assert expected <= seen


# D11 (prepared): articles of instruments that bind one kind of lender are dropped for another known kind.
def test_d11_lender_scoped_articles():
    from xiezhi.collection.citations import citations_for

    def ids(lender):
        return {c["id"] for c in citations_for("third_party_contact", (), None, lender) if "id" in c}

    assert {"consumer-finance-company-measures:56", "credit-card-supervision-measures:68"} <= ids(None)
    assert not {"consumer-finance-company-measures:56", "credit-card-supervision-measures:68"} & ids("microloan")
    assert "credit-card-supervision-measures:68" in ids("bank") and "consumer-finance-company-measures:56" not in ids("bank")
    assert ids("microloan") >= {"pipl:10", "pipl:6"}


# D11 / D30 wired into analyze (lead, at the merge): a finding cites only articles that can bind the lender named in
# the metadata, and a metadata verdict cites the articles it rests on first.
def test_analyze_drops_articles_that_bind_other_lenders():
    from xiezhi.collection.check import analyze

    text = "你再不还钱，我们就打给你通讯录里所有人，告诉他们你欠钱不还。"

    def ids(lender):
        r = analyze(text, {"lender_type": lender, "sent_at": "2026-03-02T10:00:00"}, model=False)
        return {c["id"] for f in r.findings for c in f.citations if "id" in c}

    banking = {"consumer-finance-company-measures:56", "credit-card-supervision-measures:68"}
    assert banking & ids("bank") and not banking & ids("microloan")
    assert "internet-loan-measures:" not in " ".join(ids("microloan"))


def test_analyze_metadata_verdict_cites_its_own_basis_first():
    from xiezhi.collection.check import analyze

    r = analyze("你老公的电话我们已经打了，告诉他你欠钱不还。", {"recipient_role": "spouse"}, model=False)
    meta_findings = [f for f in r.findings if f.rule == "metadata" and f.category == "third_party_contact"]
    assert meta_findings and meta_findings[0].citations[0]["id"] == "civil-code:1064"


# Found at the fifth session's merge: a new rule citing a category's general basis (民法典1032 for visits) made that
# heading "a rule's own" and dropped it from every other rule's citations; for a microloan, whose rule article binds
# only banks, a visit finding then cited no corpus article at all. Every rule and every rule-less finding must keep at
# least one article for every lender type and both 治安 eras.
def test_every_finding_keeps_an_article_for_every_lender_and_era():
    from datetime import date

    from xiezhi.collection.citations import citations_for
    from xiezhi.collection.rules import load_categories

    lenders = (None, "bank", "consumer_finance", "microloan", "unlicensed", "unknown")
    categories = load_categories()
    # impersonation's only general basis (银保消保办法41) binds banks and consumer-finance companies; that is safe
    # because every impersonation finding has a rule's own articles: a rule's, or the model's borrowed from the
    # nearest rule. No rule adds it by `also` (asserted, so this exception fails if that changes).
    rule_only = {"impersonation"}
    assert not any(rule_only & set(r.also) for spec in categories.values() for r in spec.rules)
    missing = []
    for cat, spec in categories.items():
        firsts = {tuple(r.citations) for r in spec.rules}
        for first in ([*firsts] if cat in rule_only else [(), *firsts]):
            for day in (date(2025, 6, 1), date(2026, 3, 1)):
                for lender in lenders:
                    if not any("id" in c for c in citations_for(cat, first, day, lender)):
                        missing.append((cat, first, day.isoformat(), lender))
    assert not missing, missing[:10]
