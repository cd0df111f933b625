"""Check: regressions for the sixth legal review (/work/briefs/legal_review_check6.md, H and M defects).

Each fixed defect gets a pair run through the rules only (`model=False`, so the classifier cannot hide a rule, scope
or citation defect): the review's wrong output now right, and the case the rule or exception was written for still
right. Most defects are exception words (`unless`) that reached the whole sentence: the fix makes each word carry its
own lawful context, so the unlawful act told in the next phrase is found again.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

SENT = {"sent_at": "2026-03-01T10:00:00"}


def _labels(text: str, meta: dict | None = None) -> set[str]:
    return set(analyze(text, meta or SENT, model=False).labels)


# D5 (H): a clause disclaimer "不是我们公司的人" is the lender's disowning only when a warning follows (，请…); a borrower
# reporting that the visitors or the payee "are not the company's people" describes the outsourced or impostor
# collector (治安管理处罚法 第五十条第一款第一项; 刑法 第二百六十六条).
def test_d5_report_that_they_are_not_company_staff_keeps_the_finding() -> None:
    assert "violence_threat" in _labels("那几个堵在我家门口的人说他们不是我们公司的人，说不还钱就打断我的腿。")
    assert "illegal_fee" in _labels("他说他不是我司人员，是外包的，让我把钱转到他个人支付宝。")
    assert "unlawful_visit" in _labels("来我们公司闹事的人不是我们公司的人，他们在前台大吵大闹，说我老公欠钱不还。")


def test_d5_lenders_own_disowning_with_a_warning_stays_lawful() -> None:
    assert _labels("近期有人冒充我司催收，上门收取现金的不是我司人员，请不要付款，还款请认准官方App。") == {"compliant"}


# D6 (H): the writer telling his own people of his own debt is no disclosure, but "我跟我妈说了别理他们" or "我和我老婆"
# opening the report must not cancel the collector's telling (民法典 第一千零三十二条; 个人信息保护法 第十条).
def test_d6_collector_telling_the_mother_or_wife_is_disclosure() -> None:
    assert "debt_disclosure" in _labels("我跟我妈说了别理他们，结果催收又打电话跟我妈说我欠了网贷不还。")
    assert "debt_disclosure" in _labels("催收给我和我老婆都打了电话，跟我老婆说我欠了三万。")


def test_d6_writer_telling_his_own_sister_stays_lawful() -> None:
    assert "debt_disclosure" not in _labels("我跟我姐说我欠了三万，她会帮我还一部分。")
    assert "debt_disclosure" not in _labels("我和我爸说我欠了网贷，他让我先把利息高的还掉。")


# D7 (H): only the writer's own statement of his debt in the group is the exception; answering a collector's post in
# the family group (我在群里跟大家说我会还的) does not undo the post (个人信息保护法 第二十五条).
def test_d7_collector_post_in_family_group_flags_when_the_writer_answered() -> None:
    assert "debt_disclosure" in _labels("他们把我的欠款发到了家族群，我在群里跟大家说我会还的。")


def test_d7_writer_telling_the_group_of_his_own_debt_stays_lawful() -> None:
    assert "debt_disclosure" not in _labels("我在家族群里跟大家说了，我欠的那笔网贷已经还清了，大家放心。")


# D8 (H): "转完截图转给我" is what a collector taking money privately adds; the forwarder named (老板/朋友转给我) is the
# lawful forward (刑法 第二百六十六条: the warning against paying a person is the one the borrower must get).
def test_d8_personal_account_demand_with_screenshot_request_flags() -> None:
    assert "illegal_fee" in _labels("你今天先把3000块转给我，我帮你跟公司销账，转完截图转给我一条。")
    assert "illegal_fee" in _labels("钱打到我微信上就行，付完款截图转给我一张。")


def test_d8_forward_by_a_named_person_stays_lawful() -> None:
    assert _labels("老板转给我一张截图，是银行发到公司邮箱的收入证明核实函，让我确认一下。") == {"compliant"}


# D9 (H): advice to report threats names 言行/行为 or a time clause; "有什么威胁人身安全的你尽管去报警" followed by a
# threat to the family is the threat itself (治安管理处罚法 第五十条第一款第一项).
def test_d9_family_harm_threat_beside_go_and_report_flags() -> None:
    assert "violence_threat" in _labels("有什么威胁人身安全的你尽管去报警，反正你家里人出事别怪我们。")


def test_d9_advice_to_report_threatening_conduct_stays_lawful() -> None:
    assert _labels("如对方有威胁人身安全的言行，请立即报警。") == {"compliant"}
    assert _labels("如果催收有威胁人身安全的言行，就马上报警，保留好录音。") == {"compliant"}


# D10 (H) and D31 (H): "你不想当老赖就…" is the collector's stock phrase; only the writer's first-person wish (J0136
# "我不想当老赖，就是现在真没钱") is the exception (民法典 第一千零二十四条; 治安管理处罚法 第五十条第一款第二项).
def test_d10_d31_collectors_not_a_laolai_phrase_keeps_the_insult() -> None:
    assert "insult_defamation" in _labels("你不想当老赖就赶紧还钱，你这种人渣就是老赖。")
    assert "insult_defamation" in _labels("你就是个老赖，不想当老赖就把钱吐出来。")
    assert "insult_defamation" in _labels("你要是不当老赖就赶紧还，你这个人渣。")


def test_d10_d31_writers_own_wish_not_to_be_a_laolai_stays_lawful() -> None:
    assert "insult_defamation" not in _labels("我不想当老赖，但是实在还不上，怎么办？")
    assert "insult_defamation" not in _labels("我真的不想做老赖，能不能先还一半？")


# D11 (H): the 失信 list follows a judgment, an enforcement case and a refusal (民事诉讼法 第二百六十六条), never the
# filing of a suit: only the hedged form with the court as actor stays lawful.
def test_d11_definite_blacklist_right_after_suing_flags() -> None:
    assert "false_legal_threat" in _labels("我们马上起诉，到时候你就是失信人员，坐不了飞机高铁。")


def test_d11_hedged_court_blacklist_after_suit_stays_lawful() -> None:
    assert "false_legal_threat" not in _labels("如您仍未还款，我司将依法起诉，届时您可能被法院纳入失信被执行人名单。")


# D28 (H): "上门接你" in the category exception made the collector's night "escort" lawful; only the first-person
# friend's pick-up is the exception (taxonomy 2.9/2.11; 刑法 第二百三十八条 territory when the debtor is taken away).
def test_d28_collectors_night_escort_is_a_visit() -> None:
    assert "unlawful_visit" in _labels("今晚我们上门接你去公司，把钱的事说清楚。")


def test_d28_friends_pick_up_stays_lawful() -> None:
    assert _labels("周六来我家吃饭吧，你来的话我上门接你。") == {"compliant"}


# D15 (H): the fee rules' whole-message exception must name a third-party "relief" service (all platforms, full agency,
# a "中心"), not 帮你协商 / 办理减免, which the lender's own collector says too (taxonomy 2.12; 刑法 第二百六十六条).
def test_d15_lenders_collector_asking_a_fee_for_a_reduction_flags() -> None:
    assert "illegal_fee" in _labels("我们可以给你办理减免，但要先交300元手续费到这个账户。")
    assert "illegal_fee" in _labels("我们公司可以帮您协商减免利息，不过得先交200元手续费。")


def test_d15_third_party_relief_service_is_not_an_illegal_fee() -> None:
    assert "illegal_fee" not in _labels("我们团队可以帮你跟所有平台协商只还本金，先交2000元服务费。")


# D30 (H): a rumour already spread is reported by a worried victim; only the fear of what may yet be said is the
# exception (民法典 第一千零二十四条; 治安管理处罚法 第五十条第一款第二项).
def test_d30_rumour_already_spread_reported_with_worry_flags() -> None:
    assert "insult_defamation" in _labels("我担心得要死，催收已经跟我同学说我欠钱跑路了。")


def test_d30_fear_of_a_rumour_not_yet_spread_stays_lawful() -> None:
    assert "insult_defamation" not in _labels("我怕催收会跟我同学说我欠钱跑路了，怎么办？")


# D12 (M): "别以为警察不会抓你" is the collector's threat; only the advice "不会因为这个来抓你" is the exception (a civil debt
# is no ground for arrest).
def test_d12_rhetorical_police_will_not_arrest_you_keeps_false_legal_threat() -> None:
    assert "false_legal_threat" in _labels("别以为警察不会抓你，我们已经报案了，明天就来带走你。")


def test_d12_advice_that_police_do_not_arrest_for_debt_stays_lawful() -> None:
    assert "false_legal_threat" not in _labels("欠网贷属于民事纠纷，警察不会因为这个来抓你。")


# D13 (M): the promise is "不爆通讯录" in a list of negated acts (、); "别以为我们不爆通讯录，明天就…" is the threat.
def test_d13_rhetorical_no_address_book_keeps_third_party_contact() -> None:
    assert "third_party_contact" in _labels("别以为我们不爆通讯录，明天就把你所有联系人挨个打一遍。")


def test_d13_listed_promise_not_to_call_contacts_stays_lawful() -> None:
    assert "third_party_contact" not in _labels("我们这边不上门、不爆通讯录、不找你单位，只跟你本人协商。")


# D14 (M): uv-soft-violence-visit's matches are acts at the door (堵门, 泼漆); a call to the home before them does not
# undo them (软暴力意见 二（二）"堵门阻工", "泼洒污物"). Only 电话打到 / 打到俺 stay (dev31 L0062).
def test_d14_call_then_blocking_the_door_is_a_visit() -> None:
    assert "unlawful_visit" in _labels("他们先打电话到我家，然后带了五个人来堵门，在门口泼了红油漆。")
    assert "unlawful_visit" in _labels("你再不还，先打到你家里，然后直接带人去你家堵门。")


# D16 (M): the call-to-home words belong only to the visit rules whose match is the call (到我家, 去你屋企), not to the
# category exception, which cancels every visit rule in the sentence (taxonomy 2.11: 堵门, refusing to leave).
def test_d16_call_then_crew_at_the_door_is_a_visit() -> None:
    assert "unlawful_visit" in _labels("昨晚他们打到我家里骂了一通，今天早上又带人来我家门口堵着不走。")


def test_d16_call_to_the_home_landline_is_no_visit() -> None:
    assert "unlawful_visit" not in _labels("今天有人打电话到我家座机，说我欠了网贷。")
    assert "unlawful_visit" not in _labels("佢哋日日打去你屋企，你屋企人都知道咗。")


# D29 (M): a "court notice" under the collection company's seal is the forgery the rule exists for (刑法 第二百八十条;
# 治安管理处罚法 第六十三条); the lender's own sealed settlement paper stays lawful (结清证明).
def test_d29_court_notice_with_the_companys_seal_is_impersonation() -> None:
    assert "impersonation" in _labels("附件是盖了我司公章的法院执行通知书，明天就来冻结你的账户。")


def test_d29_sealed_settlement_certificate_stays_lawful() -> None:
    assert "impersonation" not in _labels("这是您的结清证明，已盖我司公章，请查收。")


# D17 (M): a visit to the debtor's shop is menace only with a debt or menace word near (软暴力意见 一: 心理强制); a
# supplier or customer coming to the stall is trade.
def test_d17_trade_visit_to_the_stall_is_no_visit_threat() -> None:
    assert _labels("明天早上来你档口拿货，钱到时一起结。") == {"compliant"}
    assert _labels("听日过嚟你间铺头睇下新货，顺便埋单。") == {"compliant"}


def test_d17_menacing_visit_to_the_shop_still_flags() -> None:
    assert "unlawful_visit" in _labels("你再唔还钱，听日就过嚟你间铺头搞搞佢。")


# D18 (M): the debtor may tell his own committee of his own debt (a hardship letter) and may ask it to mediate
# (民事诉讼法 第二百零五条; 人民调解法 第十七条); the collector's report to the committee stays a disclosure.
def test_d18_borrowers_own_request_to_the_committee_is_no_disclosure() -> None:
    assert "debt_disclosure" not in _labels("我跟社区说了我欠网贷还不上，社区给我开了困难证明。")
    assert "debt_disclosure" not in _labels("我跟村干部说了我欠了网贷，想让村里开个困难证明，可以吗？")
    assert "debt_disclosure" not in _labels(
        "老李，你欠我的三万块，我已经向村人民调解委员会申请调解了，下周三上午在村委会调解，请你到场。")


def test_d18_collector_telling_the_committee_still_flags() -> None:
    assert "debt_disclosure" in _labels("我们已经把你欠钱不还的事通报给你们村委会了。")


# D19 (M): a court publishing its 失信被执行人 is lawful (民事诉讼法 第二百六十六条 "通过媒体公布不履行义务信息").
def test_d19_courts_publication_of_a_judgment_debtor_is_lawful() -> None:
    assert _labels("本院将依法把你的姓名、照片推送至辖区公共屏幕滚动播放，请你尽快履行判决。") == {"compliant"}


def test_d19_collector_pushing_photo_and_address_still_flags() -> None:
    assert "privacy_exposure" in _labels("再不还钱，就把你的照片和住址推送到你们小区公告栏。")


# D23 (M): a mother's wish (只想你平平安安的) is no threat (治安管理处罚法 第五十条第一款第一项 needs one); the condition
# "你要是还想她平平安安的" still is.
def test_d23_mothers_care_is_no_veiled_threat() -> None:
    assert _labels("妈只想你平平安安的，钱的事别太操心，欠的慢慢还。") == {"compliant"}


def test_d23_conditional_safety_of_the_family_still_flags() -> None:
    assert "violence_threat" in _labels("你要是还想她平平安安的，这周就把欠款结清。")
    assert "violence_threat" in _labels("想你儿子平平安安读完书，这周就把欠款结清。")


# D24 (M): "你死定了，征信全花了" is about the credit record, no threat to life.
def test_d24_credit_record_done_for_is_no_threat_to_life() -> None:
    assert "violence_threat" not in _labels("你逾期这么久，这下你死定了，征信全花了。")


def test_d24_bare_you_are_dead_still_flags() -> None:
    assert "violence_threat" in _labels("逾期这么久还不还，你就死定了。")


# D25 (M): the court's publication of a 失信被执行人 after a judgment is a lawful next step (民事诉讼法 第二百六十六条;
# README-check convention 20), neither the collector's exposure threat nor his disclosure.
def test_d25_court_publication_after_judgment_is_lawful() -> None:
    assert _labels("判决生效后你仍拒不还钱，法院会把你列入失信名单，在媒体上曝光你。") == {"compliant"}


def test_d25_collectors_exposure_threat_still_flags() -> None:
    assert {"intimidation", "debt_disclosure"} <= _labels("再不还钱就曝光你，把你挂到网上。")
    assert "intimidation" in _labels("再不还钱，就让你在你们县城出名。")


# D26 (M): "你自己谂清楚" before a choice of plans asks a decision, not fear (软暴力意见 一).
def test_d26_choice_of_repayment_plans_is_no_intimidation() -> None:
    assert "intimidation" not in _labels("你自己谂清楚，系分期定系一次过还，分期每期手续费50蚊。")


def test_d26_think_of_the_consequences_still_flags() -> None:
    assert "intimidation" in _labels("仲唔还钱？你自己谂清楚后果。")


# D32 (M): a summons never received is no proof of no suit: 公告送达 (民事诉讼法 第九十五条) and 缺席判决 (第一百四十七条).
def test_d32_enforcement_without_suit_cites_service_by_publication() -> None:
    r = analyze("催收说我明天就要被法院强制执行了，可我从来没收到过传票。", SENT, model=False)
    f = [f for f in r.findings if f.rule == "fl-enforcement-without-suit"]
    assert f, r.labels
    ids = [c["id"] for c in f[0].citations if "id" in c]
    assert "civil-procedure-law:95" in ids and "civil-procedure-law:147" in ids
    assert "公告送达" in f[0].explanation and "12368" in f[0].explanation


# D33 (M): the boss scolding the writer after the collector's call does not undo the collector's abuse (民法典
# 第一千零二十四条); the family scolding him (L0199) stays the exception.
def test_d33_collectors_abuse_kept_when_the_boss_scolded_too() -> None:
    assert "insult_defamation" in _labels("催收打电话到我公司骂了我一顿，害我又被领导骂了。")


def test_d33_mother_scolding_the_writer_is_no_insult() -> None:
    assert "insult_defamation" not in _labels("我妈打电话骂了我一顿，说我不该借网贷。")


# D27 (L): a payment deadline is not the time of the harm: possible_crime needs a specific threat (taxonomy 2.1).
def test_d27_payment_deadline_does_not_make_the_veiled_threat_specific() -> None:
    r = analyze("你要是还想她平平安安的，明天之前把钱还了。", SENT, model=False)
    f = [f for f in r.findings if f.category == "violence_threat"]
    assert f and f[0].severity == "violation"


# D22 (L): a reported threat to call the emergency contact reaches tp-reported-contact; its explanation must not say
# the contact happened, and must keep the one lawful case (asking a designated contact where the debtor is, without
# the debt: GB/T 45251, taxonomy 2.4 Legal, convention 7).
def test_d22_reported_contact_explanation_covers_a_threat_and_the_lawful_locating_call() -> None:
    r = analyze("催收说如果我再不接电话，就打给我的紧急联系人，他们能这样吗？", SENT, model=False)
    f = [f for f in r.findings if f.rule == "tp-reported-contact"]
    assert f, r.labels
    assert "扬言要联系" in f[0].explanation and "询问你的下落" in f[0].explanation


# D30's sibling (same recall9v commit, same words): id-fabricated-misconduct-told lost a misdeed already told to the
# employer when the writer said he was worried (民法典 第一千零二十四条).
def test_d30_sibling_invented_misdeed_already_told_flags_despite_worry() -> None:
    assert "insult_defamation" in _labels("我担心得要死，催收已经跟我领导说我挪用公款了。")


def test_d30_sibling_fear_of_a_misdeed_not_yet_told_stays_lawful() -> None:
    assert "insult_defamation" not in _labels("我怕催收会跟我领导说我挪用公款，怎么办？")


# D21 (M): a report that the committee *was* told is a disclosure done: neither 不还 in "欠钱不还的事" (the debt described)
# nor 会 in 村委会 announces anything, so no threatened mode and no implied intimidation; a real threat keeps both.
def test_d21_committee_told_is_a_disclosure_done_without_implied_intimidation() -> None:
    r = analyze("我们已经把你欠钱不还的事通报给你们村委会了。", SENT, model=False)
    assert r.labels == ["debt_disclosure"]
    assert [f.mode for f in r.findings] == ["done"]


def test_d21_threat_to_tell_the_committee_stays_threatened() -> None:
    r = analyze("再不还钱，我们就把你欠钱不还的事告诉你们村委会。", SENT, model=False)
    assert {"debt_disclosure", "intimidation"} <= set(r.labels)
    assert any(f.category == "debt_disclosure" and f.mode == "threatened" for f in r.findings)


def test_d21_debtor_called_a_defaulter_in_a_threat_stays_threatened() -> None:
    r = analyze("我们知道你女儿在实验小学三年级二班，你也不想她同学知道她爸是个欠钱不还的人吧", SENT, model=False)
    assert any(f.category == "debt_disclosure" and f.mode == "threatened" for f in r.findings)


# Legal review 6 defects whose code reached main after legalfix9's tree (applied by the lead at the last merge).
@pytest.mark.parametrize(("text", "meta", "label", "present"), [
    # D38: a fake national mediation body opening with 全程免费 still impersonates; a genuine notice does not
    ("国家金融调解中心：全程免费为您协商停息，需先缴纳300元保证金。", {}, "impersonation", True),
    # D35: the writer telling his own matter to his community discloses nothing; the collector telling it does
    ("我把我的情况跟社区说了，社区给我开了证明。", {}, "debt_disclosure", False),
    ("我已经跟你们领导说了你的情况", {"recipient_role": "debtor"}, "debt_disclosure", True),
    # D36: the collector's own call-back number is not the debtor's personal data made public
    ("张某在我司借款已逾期，请转告他尽快回电，电话13912345678。", {"recipient_role": "emergency_contact"},
     "privacy_exposure", False),
    # D39: "we found your home address" opens the menacing visit; a letter mailed there is no visit
    ("查到你屋企地址喇，听日揾几个兄弟上去坐下。", {}, "unlawful_visit", True),
    ("查到你屋企地址，下个礼拜会寄封信过去", {}, "unlawful_visit", False),
])
def test_late_fixes(text: str, meta: dict, label: str, present: bool) -> None:
    labels = _labels(text, {**SENT, **meta})
    assert (label in labels) is present, labels


def test_d40_force_keeps_the_models_violence_beside_a_stop() -> None:
    """D40: a stop in a car park with 揪着衣领不放 is force (治安51, 47(三)); the plain stop gets no violence (convention 17:
    it is intimidation, which this wording still misses)."""
    held = analyze("催收在停车场把我拦住要钱，揪着我衣领不放。").labels
    plain = analyze("催收在停车场把我拦住要钱，说了几句就走了。").labels
    assert "violence_threat" in held
    assert "violence_threat" not in plain
