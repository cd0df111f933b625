"""Metadata rules: time of day, count per day, recipient role, lender type; dated 治安管理处罚法 citations;
spans in original offsets; history analysis."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from xiezhi.collection import analyze, analyze_history
from xiezhi.collection.metadata import count_per_day, time_of_day
from xiezhi.history import read_history

DATA = Path(__file__).parent / "data" / "check"
POLITE = "【石榴快借】您的账单已逾期5天，应还1,060元，请登录App处理。"


@pytest.mark.parametrize(("hhmm", "labels", "severity"), [
    ("14:00", ["compliant"], "info"),
    ("21:40", ["compliant"], "info"),
    ("22:00", ["harassment_time"], "violation"),
    ("23:30", ["harassment_time"], "violation"),
    ("07:59", ["harassment_time"], "violation"),
    ("08:00", ["compliant"], "info"),
])
def test_time_of_day_flips(hhmm, labels, severity):
    r = analyze(POLITE, {"sent_at": f"2026-10-09T{hhmm}:00", "recipient_role": "debtor"})
    assert r.labels == labels and r.severity == severity


def test_evening_call_is_compliant_with_an_info_note():
    r = analyze(POLITE, {"sent_at": "2026-10-09T21:40:00", "recipient_role": "debtor"})
    assert r.labels == ["compliant"] and r.severity == "info"
    notes = [f for f in r.findings if f.category == "harassment_time"]
    assert len(notes) == 1 and notes[0].severity == "info" and "22:00" in notes[0].explanation
    r = analyze("再不还钱就打断你的腿", {"sent_at": "2026-10-09T21:40:00", "recipient_role": "debtor"})
    assert "harassment_time" not in r.labels and "violence_threat" in r.labels


def test_automated_notice_at_night_is_info():
    v = time_of_day(datetime(2026, 10, 9, 23, 30), automated=True)
    assert v is not None and v.category == "harassment_time" and v.severity == "info"


def test_quiet_hours_before_the_standard_are_not_a_violation():
    v = time_of_day(datetime(2024, 10, 9, 23, 30))  # GB/T 45251—2025 took effect 2025-02-28
    assert v is not None and v.category == "compliant" and v.severity == "info"


@pytest.mark.parametrize(("count", "channel", "flagged"), [
    (3, "call", False), (4, "call", True), (8, "call", True), (6, "sms", False), (7, "sms", True), (4, "visit", True),
])
def test_count_per_day(count, channel, flagged):
    v = count_per_day(count, datetime(2026, 5, 1).date(), channel)
    assert (v is not None) == flagged


def test_recipient_flip_debtor_vs_address_book():
    text = "张某在雁回钱包的借款已逾期45天，欠款6,300元，请尽快处理。"
    to_debtor = analyze(text, {"recipient_role": "debtor"})
    to_contact = analyze(text, {"recipient_role": "address_book_contact"})
    assert to_debtor.labels == ["compliant"]
    assert {"third_party_contact", "debt_disclosure"} <= set(to_contact.labels)


def test_missing_recipient_asks_for_it():
    r = analyze("你是郑某的联系人吧？让他赶紧把欠我们的钱还了。")
    assert "third_party_contact" not in r.labels
    assert {n.field for n in r.needs_metadata} == {"recipient_role"}


def test_lender_type_flip_for_credit_report_claims():
    text = "您的逾期记录已经上报征信。"
    assert analyze(text, {"lender_type": "bank"}).labels == ["compliant"]
    assert analyze(text, {"lender_type": "unlicensed"}).labels == ["false_legal_threat"]
    unknown = analyze(text)
    assert unknown.labels == ["compliant"] and unknown.needs_metadata[0].field == "lender_type"


def test_guarantor_is_not_a_third_party():
    r = analyze("请转告张某尽快还款，他的借款已逾期。", {"recipient_role": "guarantor"})
    assert r.labels == ["compliant"]


def test_pspl_article_follows_the_date_of_the_act():
    text = "你等着，后果自负"
    new = analyze(text, {"sent_at": "2026-03-01T10:00:00"})
    old = analyze(text, {"sent_at": "2025-03-01T10:00:00"})
    ids_new = {c.get("id") for c in new.findings[0].citations}
    ids_old = {c.get("id") for c in old.findings[0].citations}
    assert "public-security-punishments-law:50" in ids_new and "public-security-punishments-law-2012:42" not in ids_new
    assert "public-security-punishments-law-2012:42" in ids_old and "public-security-punishments-law:50" not in ids_old


def test_articles_new_in_2025_are_not_cited_for_earlier_acts():
    r = analyze("我们已经爆了你的通讯录", {"sent_at": "2025-06-01T10:00:00"})
    ids = {c.get("id") for f in r.findings for c in f.citations}
    assert "public-security-punishments-law:56" not in ids


def test_spans_point_into_the_original_text():
    text = "ＸＸ　還 錢！  再不還錢就打斷你的腿 😡 你等著"
    r = analyze(text)
    assert {"violence_threat", "intimidation"} <= set(r.labels)
    for f in r.findings:
        s, e = f.span
        assert text[s:e] == f.quote and f.quote
    assert "打斷你的腿" in r.findings[0].quote


def test_negation_and_quotation_stay_compliant():
    for text in ["【荻花借】我们不会上门，也不会联系您的家人，请您本人尽快处理。",
                 "请勿相信任何要求转账到个人账户的信息，还款仅限App内操作。",
                 "本平台从未委托任何机构爆通讯录、P图、发催收公告。",
                 "请问逾期三个月，平台起诉我的话，会坐牢吗？"]:
        assert analyze(text).labels == ["compliant"], text


def test_every_finding_has_citations_and_actions():
    r = analyze("我是XX法院的，你的案子已经立了，再不还就把你的照片P成通缉令发到家族群")
    assert r.severity == "possible_crime"
    for f in r.findings:
        assert f.citations and f.actions
        assert all(("display" in c and "text" in c) or ("name" in c and "status" in c) for c in f.citations)


def test_history_report_raises_frequency_and_night_contacts():
    rep = analyze_history(read_history(DATA / "calls.csv"))
    assert {"harassment_frequency", "harassment_time"} <= set(rep.labels)
    day = next(d for d in rep.per_day if d.counterpart == "13800000001")
    assert day.answered_calls == 4 and day.calls == 4
    assert rep.night_contacts == 1
    assert [i["line"] for i in rep.issues] == [8, 9]


def test_history_report_checks_each_message():
    rep = analyze_history(read_history(DATA / "sms-backup.xml"))
    # an overdue demand at 05:20 and the threat at 00:00 are both night contacts
    assert rep.night_contacts == 2
    assert {"unlawful_visit", "intimidation", "harassment_time"} <= set(rep.labels)
    threat = next(e for e in rep.timeline if e.line == 5)
    assert "intimidation" in threat.labels
    assert any("第5行" in f.explanation for f in rep.findings)


def test_history_automated_statement_at_night_is_not_a_night_contact():
    from xiezhi.history import read_history_text

    thread = "2026-03-02 23:50 赤松银行：【赤松银行】您的信用卡本期账单已出，到期还款日04月15日。"
    rep = analyze_history(read_history_text(thread, name="t.txt"))
    assert rep.night_contacts == 0 and "harassment_time" not in {f.category for f in rep.findings if f.rule == "history"}


def test_history_different_counterparts_are_not_added_up():
    rows = "时间,号码,类型,时长\n" + "".join(f"2026-03-02 1{i}:00:00,1380000000{i},呼入,30\n" for i in range(5))
    from xiezhi.history import read_history_text

    rep = analyze_history(read_history_text(rows, name="c.csv"))
    assert "harassment_frequency" not in rep.labels
