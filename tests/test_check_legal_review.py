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
    return {c.id for f in result.findings if f.category == category for c in f.citations if getattr(c, "id", None)}


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
