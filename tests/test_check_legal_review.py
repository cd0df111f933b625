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
