"""Check: regressions for the fifth legal review (/work/briefs/legal_review_check5.md, H and M defects).

Each fixed defect gets a pair run through the rules only (`model=False`, so the classifier cannot hide a rule, scope
or citation defect): the review's wrong output now right, and the unlawful case the rule was written for still found,
mostly in wording of our own.
"""

from __future__ import annotations

from xiezhi.collection import analyze

SENT = {"sent_at": "2026-03-01T10:00:00"}
DEBTOR = {**SENT, "recipient_role": "debtor"}


def _labels(text: str, meta: dict | None = None) -> set[str]:
    return set(analyze(text, meta or SENT, model=False).labels)


def _finding(text: str, category: str, meta: dict | None = None):
    r = analyze(text, meta or SENT, model=False)
    found = [f for f in r.findings if f.category == category]
    assert found, (text, r.labels)
    return found[0]


def _ids(finding) -> list[str]:
    return [c["id"] for c in finding.citations if "id" in c]


# D1 (H): a clause disclaimer must be a request to others to be careful (请…提高警惕), not the collector's own
# "提高警惕吧" closing a threat (治安管理处罚法 第五十条第一款第一项).
def test_d1_collector_threat_ending_in_be_on_guard_still_flags() -> None:
    assert "violence_threat" in _labels("钱再不到账，你晚上回家路上就小心点，自己提高警惕吧。")
    assert "violence_threat" in _labels("再不还钱你出门就小心点，提高警惕吧。")


def test_d1_warning_to_residents_to_be_on_guard_stays_lawful() -> None:
    assert _labels("近期有人冒充本公司员工上门收取“押金”，本公司从未委托任何人收费，请大家提高警惕。") == {"compliant"}


# D2 (H): a summons "mailed to you" is lawful (precision8), but a deposit or fee that would cancel it is a court scam:
# only the plaintiff withdraws a suit (民事诉讼法 第一百四十八条); a guarantee may suspend enforcement (第二百四十二条).
def test_d2_mailed_summons_with_a_deposit_to_cancel_it_is_impersonation() -> None:
    for text in ("法院的传票已经寄出，会寄到你本人手上，你先交800元保证金就可以撤销立案。",
                 "法院传票已经邮寄给你了，交2000元保证金可以暂缓开庭。",
                 "想撤销传票的话，今天把3000元撤诉费转过来。"):
        f = _finding(text, "impersonation")
        assert f.rule == "im-court-documents-money", (text, f.rule)
        assert f.severity == "possible_crime"


def test_d2_mailed_summons_and_enforcement_guarantee_stay_lawful() -> None:
    assert _labels("法院会把传票邮寄给你，收到后按传票上的时间到庭就可以。") == {"compliant"}
    assert _labels("执行中被执行人向法院提供保证金作担保，经申请执行人同意，法院可以决定暂缓执行。") == {"compliant"}


# D3 (H): a licensed lender describing its own licence (消费金融公司管理办法 第二条: "经国家金融监督管理总局批准设立的")
# is no impostor; a false claim of official backing (治安管理处罚法 第六十二条第三款) still is.
def test_d3_licensed_lenders_own_licence_is_no_impersonation() -> None:
    for text in ("我司是经国家金融监督管理总局批准设立的持牌消费金融公司，您本期账单已逾期，请尽快还款。",
                 "本公司是经地方金融监管部门批准设立的小额贷款公司，您的借款已逾期3天，请登录APP还款。"):
        assert "impersonation" not in _labels(text, DEBTOR), text


def test_d3_false_official_backing_still_flags() -> None:
    assert "impersonation" in _labels("我们公司和法院有内部合作，交5000元就能帮你撤掉案子。", DEBTOR)
    assert "impersonation" in _labels("我们是经中国人民银行授权的征信修复机构，交800元手续费可以删除逾期记录。", DEBTOR)


# D20 (H): the friends' "meal or object owed" exception names what was *lent* (借我的充电宝, 借我的那台), so a victim who
# names his own 充电宝 or 那台车 in a report of an assault, a robbery or smashing (治安51, 刑法263, 治安59) keeps it.
def test_d20_reported_assault_naming_own_things_still_flags() -> None:
    for text in ("催收的人昨晚上门推了我一把，把我桌上的充电宝也抢走了。",
                 "催收把我那辆电动车砸了，说再不还钱下回砸的就是我。",
                 "网贷逾期了，催收把我家门砸了，我那台电视也被砸坏了。"):
        assert "violence_threat" in _labels(text), text


def test_d20_meal_or_thing_lent_between_friends_stays_lawful() -> None:
    assert _labels("你借我的充电宝啥时候还？再不还我就上你家搬你的去了啊😂") == {"compliant"}
    assert _labels("兄弟，欠我那顿火锅啥时候请？再拖我就去你公司门口堵你了哈哈") == {"compliant"}


# D4 (M): notice or a polite ask does not make a night visit or a crew's scene lawful (taxonomy 2.9/2.11: the debtor's
# agreement; 软暴力意见二(三) 聚众哄闹滋扰); a daytime visit announced by phone with two staff stays lawful.
def test_d4_polite_words_do_not_excuse_a_night_visit_or_a_crew() -> None:
    assert "unlawful_visit" in _labels("方便的话我们今晚十二点过去你家坐坐，钱准备好。", DEBTOR)
    assert "unlawful_visit" in _labels("事先通知你一声，后天我们叫一帮兄弟去你们单位闹。", DEBTOR)


def test_d4_announced_daytime_visit_stays_lawful() -> None:
    text = "上周外访的两个人提前打了电话，白天来的，报了工号，没进门，在门口聊了几句就走了。"
    assert "unlawful_visit" not in _labels(text)


# D5 (M): if-rate-above-cap cites 民间借贷规定25 (its heading was missing, so the citation was silently dropped) for private
# lending, and tells a licensed lender's borrower that the private-lending cap is not theirs (第一条第二款, 批复一).
RATE = "你借的3万块，利息每个月按8%算，一分都不能少。"


def test_d5_private_lender_rate_cites_article_25_and_29() -> None:
    f = _finding(RATE, "illegal_fee", {**DEBTOR, "lender_type": "unlicensed"})
    assert f.rule == "if-rate-above-cap"
    assert {"civil-code:680", "private-lending-provisions:25", "private-lending-provisions:29"} <= set(_ids(f))


def test_d5_licensed_lender_rate_gets_no_private_lending_cap() -> None:
    for lender in ("bank", "microloan", "consumer_finance"):
        f = _finding(RATE, "illegal_fee", {**DEBTOR, "lender_type": lender})
        ids = set(_ids(f))
        assert "civil-code:680" in ids and "private-lending-provisions:1" in ids
        assert not ids & {"private-lending-provisions:25", "private-lending-provisions:29"}, (lender, ids)
        assert "持牌机构不适用该规定" in f.explanation


# D6 (M): a salary share, a utility price rise and the adverb 十分 ("very") are no usurious rate; a stated rate is.
def test_d6_salary_share_price_rise_and_very_are_no_rate() -> None:
    for text in ("我每个月工资的30%都用来还利息了，还能申请延期吗？",
                 "今年水费每月涨了5%，物业通知我们月底前交清。",
                 "这笔钱的利息每月都十分吓人，你借之前要想清楚。"):
        assert "illegal_fee" not in _labels(text), text


def test_d6_stated_usurious_rate_still_flags() -> None:
    f = _finding("借你的五千块，月息五分，逾期一天再加千分之五的罚息。", "illegal_fee", DEBTOR)
    assert f.rule == "if-rate-above-cap"


# D7 (M): the borrower's threat of a lawful complaint, his plea for his parents and a third person's advice are no
# 软暴力 by the collector (软暴力意见一: 心理强制 for 不法利益); the collector's veiled threats still are.
def test_d7_borrowers_complaint_plea_and_friends_advice_are_no_veiled_threat() -> None:
    for text in ("你们天天打电话骚扰我，再打我就去银保监投诉，看最后谁吃亏。",
                 "老人家经不起吓，求你们别再打我爸电话了，钱我月底还。",
                 "你快把欠人家的钱还上吧，别等人家上门来找你就被动了。"):
        assert "intimidation" not in _labels(text), text


def test_d7_collectors_veiled_threats_still_flag() -> None:
    for text in ("你去投诉啊，投诉完了看最后谁吃亏。",
                 "你家老人经不起吓吧？钱今天必须到账。",
                 "别等我们兄弟们上门来找你，到时候就不好看了。"):
        assert "intimidation" in _labels(text, DEBTOR), text


# D8 (M): the debtor waiting at home for the collector to fetch a payment is no intrusion (刑法 第二百四十五条
# 非法侵入他人住宅); collectors sitting in the debtor's home still are.
def test_d8_debtor_waiting_at_home_is_no_intrusion() -> None:
    assert "unlawful_visit" not in _labels("我一直在家里等着呢，你们的人啥时候来拿还款？")


def test_d8_collectors_sitting_in_the_home_still_flag() -> None:
    assert "unlawful_visit" in _labels("催收的两个人今天一早就进了我家客厅坐着不走，说拿不到钱就不走。")


# D9 (M, README-check convention 17): a stop and demand without force or holding is 拦截 / 拦路闹事 (刑法293(二),
# 软暴力意见二(三)): intimidation, not 非法拘禁 (刑法238); holding the debtor there (不让走) stays violence_threat.
def test_d9_stop_and_demand_is_intimidation_not_detention() -> None:
    r = analyze("今天下班在地铁口被两个催收的拦住要钱，吵了几句他们就走了。", SENT, model=False)
    assert "intimidation" in r.labels and "violence_threat" not in r.labels, r.labels
    assert not any("criminal-law:238" in _ids(f) for f in r.findings)


def test_d9_held_at_the_gate_is_still_detention() -> None:
    f = _finding("催收在小区门口把我拦住，不让我走，围了我一个多小时。", "violence_threat")
    assert f.severity == "possible_crime" and "criminal-law:238" in _ids(f)


# D10 (M): a warning about scammers is no threat; a collector's vague one-off 小心点 is a violation, not a possible crime
# (taxonomy 2.1), whatever day word stands beside it.
def test_d10_scam_warning_is_no_threat() -> None:
    assert "violence_threat" not in _labels("提醒一下，明天是还款日，最近骗子特别多，陌生电话让你转账的要小心点。")


def test_d10_collectors_take_care_stays_a_violation() -> None:
    f = _finding("明天之前不把钱还上，你最好小心点。", "violence_threat", DEBTOR)
    assert f.severity == "violation", f.severity


# D18 (M): a polite report of a past visit that names who answered the door is no menace (软暴力意见一); a greeting to
# the family or a remark on their health after the visit still is.
def test_d18_polite_report_of_a_past_visit_is_no_menace() -> None:
    assert _labels("我们同事前天去过你家，你妈说你去外地了，麻烦你方便时回个电话商量还款。", DEBTOR) == {"compliant"}


def test_d18_greeting_or_health_remark_after_a_visit_still_flags() -> None:
    labels = _labels("你老家我们已经去过了，你爸腿脚不太利索啊，替我们跟他问个好。", DEBTOR)
    assert {"intimidation", "unlawful_visit"} <= labels, labels


# D19 (M): a named collection fee cites 民法典680 for every lender and 民间借贷规定29 only for private lending; the
# explanation tells a licensed lender's borrower that the 4×LPR line is not theirs.
BILL = "本月账单：本金6000，利息350，罚息100，逾期管理费700，请于今日内还清。"


def test_d19_licensed_lender_collection_fee_cites_680_not_29() -> None:
    f = _finding(BILL, "illegal_fee", {**DEBTOR, "lender_type": "bank"})
    assert f.rule == "if-collection-fee-named"
    ids = set(_ids(f))
    assert "civil-code:680" in ids and "private-lending-provisions:29" not in ids
    assert "持牌机构" in f.explanation


def test_d19_private_lender_collection_fee_keeps_29() -> None:
    f = _finding(BILL, "illegal_fee", {**DEBTOR, "lender_type": "unlicensed"})
    assert {"civil-code:680", "private-lending-provisions:29"} <= set(_ids(f))


# D21 (M): a debt for the family's daily needs is a joint debt of the spouses (民法典 第一千零六十四条第一款): telling the
# spouse so is no invented liability; telling a spouse he answers for any debt still is.
SPOUSE = {**SENT, "recipient_role": "spouse"}


def test_d21_spouse_told_of_a_family_daily_needs_debt_hears_no_false_claim() -> None:
    text = "作为他的妻子你也有责任，这笔钱是用在你们家日常开销上的，孩子学费也是从这里出的。"
    assert "false_legal_threat" not in _labels(text, SPOUSE)


def test_d21_spouse_told_he_answers_for_any_debt_still_flags() -> None:
    assert "false_legal_threat" in _labels("你也有一半的责任，你老婆欠的钱你一分都跑不掉。", SPOUSE)


# D11 (L): a due-date reminder that ends "别说我们没通知您" is a reminder; after months of default it is a veiled threat.
def test_d11_due_date_reminder_is_no_veiled_threat() -> None:
    assert _labels("您这期账单20号到期，到时候别说我们没通知您哈。", DEBTOR) == {"compliant"}
    assert "intimidation" in _labels("这笔钱拖了半年了，到时候别说我们没通知过你。", DEBTOR)


# D12 (L): a lender's address check is no 跟踪贴靠; "你每天几点下班…我们都清楚" still is.
def test_d12_address_check_is_no_whereabouts_menace() -> None:
    assert _labels("您现在住的地址我们都知道，如需变更请联系客服，本期账单请按时还款。", DEBTOR) == {"compliant"}
    assert "intimidation" in _labels("你住哪个小区我们都知道，钱赶紧还。", DEBTOR)


# D13 (L): an accident told about someone else is no threat to the reader; "the last one who didn't pay" still is.
def test_d13_accident_told_about_someone_else_is_no_threat() -> None:
    assert "violence_threat" not in _labels("我同事也欠了网贷，上个月有个人去他家，后来他腿断了，其实是骑车出了车祸。")
    assert "violence_threat" not in _labels("我隔壁那个人腿断了在家躺着，他欠的钱也还不上了。")
    assert "violence_threat" in _labels("上一个跟你一样拖着不还的，后来腿就瘸了，你自己掂量。", DEBTOR)


# D14 (L): vt-property-doubt-slots' explanation covers its own fire example (哪天着火了): arson is not only 故意毁坏财物,
# it endangers the people inside (刑法114).
def test_d14_fire_threat_explanation_names_arson() -> None:
    f = _finding("你家那个店的玻璃门，不晓得经不经得起砖头哦，钱的事你自己看。", "violence_threat", DEBTOR)
    assert f.rule == "vt-property-doubt-slots" and "放火罪" in f.explanation


# D15 (L): a sealed letter sent to the workplace discloses through those who handle it; the explanation says so.
def test_d15_letter_to_workplace_explanation_names_who_learns() -> None:
    f = _finding("再不还钱，我们就把律师函直接寄到你单位，让你们领导都看看。", "debt_disclosure", DEBTOR)
    assert f.rule == "dd-notify-circle-slots" and "由别人经手" in f.explanation


# D25 (L): in-relentless-conditional names the 2012 article too (第四十二条第五项; 滋扰、纠缠 new in 2025).
def test_d25_relentless_calls_explanation_names_both_versions() -> None:
    f = _finding("不然我们每天都打你们单位座机，打到你还为止。", "intimidation", DEBTOR)
    assert f.rule == "in-relentless-conditional" and "此前为第四十二条第五项" in f.explanation


def _rules(text: str, meta: dict | None = None) -> set[str]:
    return {f.rule for f in analyze(text, meta or SENT, model=False).findings}


# D16 (L): im-official-backing's bracket-name form does not match the real 【中国人民银行征信中心】 or 【国家反诈中心】.
def test_d16_real_bodies_are_not_self_styled_centres() -> None:
    assert "im-official-backing" not in _rules("【国家反诈中心】提醒您：凡是自称客服要求刷流水、交保证金的都是诈骗。")
    assert "im-official-backing" not in _rules("【中国人民银行征信中心】提醒：个人信用报告异议申请免费，请通过官方渠道办理。")
    assert "im-official-backing" in _rules("【全国债务协商服务中心】您的逾期记录可申请删除，缴纳服务费后三个工作日内办结。")


# D22 (L): a card issuer may stop its own credit card or credit line under the card agreement; the collector freezing
# the borrower's bank card or WeChat is still a court's power only (民事诉讼法 第一百零三条, 第二百五十五条).
def test_d22_issuer_stopping_its_own_card_is_no_false_claim() -> None:
    assert "false_legal_threat" not in _labels("客服说要把我的卡全部冻结，这个他们能做吗？", {**SENT, "lender_type": "bank"})
    assert "false_legal_threat" in _labels("催收说要把我名下的银行卡全部冻结，还说微信也封掉。")


# D23 (L): a report naming forged loan papers may be true or mistaken (刑法 第二百四十三条第三款), so no 诬告 finding;
# a claimed fraud report over a plain default still is one.
def test_d23_report_naming_forged_papers_is_no_false_accusation() -> None:
    text = "你申请贷款时上传的银行流水是伪造的，我们已经向经侦报案，说你涉嫌骗贷。"
    assert "id-false-report-claimed" not in _rules(text, DEBTOR)
    assert "id-false-report-claimed" in _rules("你逾期这么久，我们已经向公安机关报案了，说你涉嫌骗贷。", DEBTOR)


# Seen with D10 (older id-fabricated-crime): "最近骗子多" warns about others, it calls nobody a cheat; "你就是个骗子" does.
def test_d10_scam_warning_is_no_defamation() -> None:
    assert _labels("您的账单后天到期，最近骗子特别多，接到陌生来电要你转账的请小心点。", DEBTOR) == {"compliant"}
    assert "insult_defamation" in _labels("你就是个骗子，借了钱就躲，我要让你们村里人都知道。", DEBTOR)
