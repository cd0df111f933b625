"""The lead's engine fix of the tenth session: an A-not-A question is no denial.

A rule's exception words include denials (不会, 不是, 没有: "我们不会上门"). Inside an A-not-A question (会不会, 是不是,
有没有) the same characters ask whether a reported threat will be carried out; they deny nothing. Legal reviews 7 and 8
found reported threats cancelled that way ("…泼油漆，会不会真的来？"). Each pair: the question keeps the reported act,
the real denial in new wording stays lawful.
"""

from __future__ import annotations

import pytest

from xiezhi.collection.check import analyze
from xiezhi.collection.engine import _unless_word

PAIRS = [
    ("他们说要来我家泼油漆，会不会真的来？", "violence_threat", "我们是正规公司，不会找人去你家泼油漆，请按时还款"),
    ("催收说要把欠款的事发到我们村的群里，是不是真的会发？", "debt_disclosure", "我们不会把您的欠款告诉任何人，请放心"),
    ("催收放话要去我单位闹，有没有可能真来？", "unlawful_visit", "我们没有去过您单位，也不会去"),
]


@pytest.mark.parametrize("question, label, denial", PAIRS)
@pytest.mark.parametrize("rules_only", [True, False])
def test_a_not_a_question_keeps_the_reported_act(question: str, label: str, denial: str, rules_only: bool) -> None:
    kw = {"model": False} if rules_only else {}
    assert label in analyze(question, None, **kw).labels
    assert analyze(denial, None, **kw).labels == ["compliant"]


def test_negated_exception_words_skip_the_a_not_a_form() -> None:
    import re

    rx = re.compile(_unless_word("不会"))
    assert rx.search("我们不会上门") and not rx.search("会不会上门")
    assert re.compile(_unless_word("没有")).search("有没有用") is None
    assert re.compile(_unless_word("请勿")).search("请勿相信")
