"""Check: general patterns beyond the dev wording (synonym classes, dialect, emoji, speaker lines, reported
speech). Texts are written for these tests, not copied from the labelled sets."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor", "sent_at": "2026-09-02T15:00:00"}


@pytest.mark.parametrize(("text", "want"), [
    ("你再嘚瑟，我找人削你，削完你都找不着北", {"violence_threat", "intimidation"}),
    ("今晚把你那辆车的玻璃给你砸了，轮胎也给你扎了", {"violence_threat"}),
    ("🔪🔪 想清楚，还钱还是见红", {"violence_threat", "intimidation"}),
    ("聽日我哋就上你屋企搵你", {"unlawful_visit", "intimidation"}),
    ("下周就把你欠钱的事发给你单位领导和同事", {"third_party_contact", "debt_disclosure", "intimidation"}),
    ("你这种行为已经构成恶意透支，判你三年都是轻的", {"false_legal_threat"}),
    ("去别的App借一笔先把我们这边结清", {"forced_borrowing"}),
    ("结清要另交300块跑腿费", {"illegal_fee"}),
    ("我是区法院执行局的法官，你的案子今天要处理", {"impersonation"}),
    ("再不还，让你躺着进医院", {"violence_threat"}),
    ("钱直接微信转我就行，别走平台", {"illegal_fee"}),
    ("不给钱我们就坐在你家不走", {"unlawful_visit"}),
    ("专业征信修复，三天洗白逾期记录，先交500定金", {"credit_repair_scam"}),
    ("明天就冻结你名下所有银行卡，你儿子以后考公也考不了", {"false_legal_threat"}),
])
def test_general_patterns(text, want):
    r = analyze(text, DEBTOR)
    assert want <= set(r.labels), (r.labels, [(f.category, f.quote) for f in r.findings])


@pytest.mark.parametrize("text", [
    "我：你们是不是要爆我通讯录？\n客服：不会的，我们只与您本人沟通。",
    "我：你们会上门抓我吗？\n客服：不会，我们没有这个权力，您按时还款就好。",
    "听说有人被爆通讯录了，我有点担心，该怎么办",
    "【某某分期】您的借款已逾期，我们不收取任何服务费，请通过官方App还款。",
    "【某某消费金融】您的分期申请已受理，审核期间暂停催收提醒。",
    "【某某银行】如长期不还款，我行将依法起诉，判决后可依法申请强制执行，冻结您名下的银行账户。",
    "【某某银行】本行从未委托第三方做征信修复，逾期记录如有错误可免费提出异议。",
])
def test_borrower_lines_hearsay_and_negations_stay_compliant(text):
    assert analyze(text, DEBTOR).labels == ["compliant"]


def test_reported_claim_is_judged_although_the_borrower_asks():
    text = "有个没资质的平台说我已经上了征信，以后贷款都办不了，这是真的吗"
    r = analyze(text, {**DEBTOR, "lender_type": "unlicensed"})
    assert "false_legal_threat" in r.labels
    assert analyze(text, {**DEBTOR, "lender_type": "bank"}).labels == ["compliant"]
