"""Check: regressions for the third legal review (/work/briefs/legal_review_check3.md, D1-D14).

Each defect gets a lawful and an unlawful case in wording of its own (not the review's examples), run through the
rules only (`model=False`) so that the classifier cannot hide a rule or scope defect.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
CONTACT = {"recipient_role": "emergency_contact"}


def _labels(text: str, meta: dict | None = None) -> set[str]:
    return set(analyze(text, meta, model=False).labels)


def _cited(text: str, category: str, meta: dict | None = None) -> list[str]:
    r = analyze(text, meta, model=False)
    return [c["id"] for f in r.findings if f.category == category for c in f.citations if "id" in c]


# D1 (H): a service fee is a debt too: cutting utilities (民法典944(3)) and shaming stay unlawful; a fee reminder is lawful.
def test_d1_service_fee_reminder_is_lawful():
    assert _labels("王先生，您家二季度物业费尚未缴纳，请于月底前到物业中心缴费，谢谢。", DEBTOR) == {"compliant"}


def test_d1_utility_cutoff_for_a_fee_is_unlawful():
    text = "三号楼的物业费拖了半年了，下周一再不缴纳，就停你家的水停你家的电。"
    assert "intimidation" in _labels(text, DEBTOR)
    assert "civil-code:944" in _cited(text, "intimidation", DEBTOR)


def test_d1_fee_shaming_keeps_privacy_or_insult():
    labels = _labels("停车费再不交，就把你的身份证照片发到业主群，让大家看看你这个无赖。", DEBTOR)
    assert labels & {"privacy_exposure", "insult_defamation"}


# D2 (H): a new rate or limit "next time" is no veiled bodily threat; the harm construction keeps its label.
def test_d2_loan_terms_next_time_are_lawful():
    assert "violence_threat" not in _labels("这次按时还款有优惠，下次再逾期就不是这个费率了。", DEBTOR)


def test_d2_veiled_escalation_still_fires():
    assert "violence_threat" in _labels("今天只是打个招呼，下回再来可就不是聊天了。", DEBTOR)


# D3 (H): an unanswered phone and "碰到问题" name no injury; a mishap to the body keeps its label.
@pytest.mark.parametrize("text", ["您的电话一直没人接，产生的利息可就不好说了。", "以后碰到扣款失败别怪我们没通知，请保持余额充足。"])
def test_d3_reminders_are_no_bodily_threat(text):
    assert "violence_threat" not in _labels(text, DEBTOR)


def test_d3_veiled_mishap_still_fires():
    assert "violence_threat" in _labels("你女儿每天走那条小路放学，哪天摔了磕了，可别怪我们没提醒。", DEBTOR)


# D4 (H): an heir is lawfully asked within the estate (民法典1161); a demand beyond it, or bare 继承人, is not lawful.
def test_d4_heir_within_estate_is_lawful():
    text = "您好，您母亲生前在我行的贷款尚未结清，想和您这位继承人沟通一下遗产的处理，您看什么时候方便。"
    assert _labels(text, CONTACT) == {"compliant"}


@pytest.mark.parametrize("text", ["你是她的继承人，她欠的三万你必须全部还清。", "你作为继承人，他欠我们的钱你有义务还，今天就打过来。"])
def test_d4_heir_demand_beyond_estate_is_not_lawful(text):
    assert _labels(text, CONTACT) & {"third_party_contact", "debt_disclosure"}


# D5 (H): only a court is a court; a look-alike address is a red flag; a court notice on an official channel stays lawful.
def test_d5_court_notice_on_official_channel_is_lawful():
    assert _labels("【海淀区人民法院】您好，（2026）京0108民初xxxx号案件定于下周三开庭，请登录人民法院在线服务查看传票。",
                   DEBTOR) == {"compliant"}


@pytest.mark.parametrize("text", ["【某区人民法院】您的案件已立案，请登录 fayuan-susong.com 查看起诉材料并在线应诉。",
                                  "征信中心通知：您的案件已进入执行程序，请登录 zx-center.top 处理。"])
def test_d5_fake_court_notice_is_not_lawful(text):
    assert _labels(text, DEBTOR) != {"compliant"}


def test_d5_mediation_centre_to_a_contact_is_no_court_notice():
    text = "某某纠纷调解中心：李四的案件已进入诉前调解程序，请转告他三日内到庭。"
    assert "third_party_contact" in _labels(text, CONTACT)


# D6 (M): asking to keep a contact is a consent request; asking a contact to become a guarantor is not.
def test_d6_contact_consent_request_is_lawful():
    text = "您好，钱某申请借款时将您填为紧急联系人，请确认您是否同意作为其联系人，如不同意我们将删除您的号码。"
    assert _labels(text, CONTACT) == {"compliant"}


def test_d6_guarantor_request_is_not_lawful():
    text = "您好，钱某在我司有一笔借款，请确认您是否愿意作为他的保证人，如不同意请回复。"
    assert _labels(text, CONTACT) != {"compliant"}


# D7 (M): a signature on the loan makes a joint debtor; any joint signature does not.
def test_d7_joint_loan_signature_is_lawful():
    assert "third_party_contact" not in _labels("您和您爱人一起签了借款合同，这期的还款请二位商量一下尽快安排。", CONTACT)


def test_d7_bare_joint_signature_is_not_lawful():
    assert "third_party_contact" in _labels("当初你们一起签了，他跑了就你来还。", CONTACT)


# D8 (M): an errand at a police station frames no crime; a case "handed to the police" still does.
def test_d8_police_station_errand_is_lawful():
    assert "false_legal_threat" not in _labels("请把户口材料提交给当地派出所办理户籍证明，再把证明拍照发给我们。", DEBTOR)


def test_d8_case_handed_to_police_still_fires():
    assert "false_legal_threat" in _labels("你的欠款材料我们已经提交给你户籍地派出所了，等着民警找你吧。", DEBTOR)


# D9 (M): the borrower's own account is no rumour; what a collector said about him is.
def test_d9_own_account_is_no_defamation():
    assert "insult_defamation" not in _labels("我以前借钱去赌博欠下的，现在想分期还，可以吗？", DEBTOR)


def test_d9_rumour_told_to_others_still_fires():
    assert "insult_defamation" in _labels("催收给我表姐打电话，说我欠钱跑了，让她劝我回来。", DEBTOR)


# D10 (M): a proverb tells nobody anything; a threat to let the circle know still fires.
def test_d10_proverb_is_no_disclosure():
    assert "debt_disclosure" not in _labels("有借有还，再借不难，这个道理大家都知道，希望您按时还款。", DEBTOR)


def test_d10_circle_knows_still_fires():
    assert "debt_disclosure" in _labels("再拖下去，你们单位同事都会知道你是个欠钱不还的人。", DEBTOR)


# D11 (M): promoting a policy is no banner; a letter copied to the employer still is disclosure.
def test_d11_promotion_is_no_banner():
    assert "debt_disclosure" not in _labels("我们可以给你宣传一下这个月的还款优惠活动。", DEBTOR)


def test_d11_letter_to_employer_still_fires():
    assert "debt_disclosure" in _labels("律师函我们会抄送一份给你们单位人事。", DEBTOR)


# D12 (M): a visit rule cites what the conduct fits: no 刑法238 (扣押拘禁) on a threatened or procedural visit.
def test_d12_threatened_visit_cites_no_detention():
    cited = _cited("这周末我们外访组直接到你家门口等你。", "unlawful_visit", DEBTOR)
    assert cited and "criminal-law:238" not in cited and "public-security-punishments-law:47" not in cited


def test_d12_procedural_visit_for_a_microloan_cites_no_crime():
    cited = _cited("上门的那个人一个人来的，没有出示任何证件就要进屋。", "unlawful_visit",
                   {"recipient_role": "debtor", "lender_type": "microloan"})
    assert cited and not any(c.startswith("criminal-law:") for c in cited)


def test_d12_intrusion_keeps_its_articles():
    cited = _cited("他们三个人闯进我家，坐在客厅赖着不走。", "unlawful_visit", DEBTOR)
    assert "criminal-law:245" in cited and "public-security-punishments-law:47" in cited


# D13 (M): the borrower's own insult is not the collector's.
def test_d13_own_insult_is_not_reported_abuse():
    assert "insult_defamation" not in _labels("我只是骂了他一句，后来他就天天打电话。", DEBTOR)


def test_d13_collector_abuse_still_fires():
    assert "insult_defamation" in _labels("那个催收一开口就骂，我妈听了直哭。", DEBTOR)


# D14 (M): a card issuer stating 刑法196's condition is no false threat; a plain loan framed as fraud still is.
def test_d14_card_issuer_report_is_no_false_threat():
    text = "您的信用卡透支已逾期五个月，经我行多次催收仍未归还，我行将依法向公安机关报案。"
    assert "false_legal_threat" not in _labels(text, DEBTOR)


def test_d14_loan_framed_as_fraud_still_fires():
    assert "false_legal_threat" in _labels("你的网贷再不还，我们就以诈骗罪去报警。", DEBTOR)
