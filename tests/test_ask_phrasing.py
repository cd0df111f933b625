"""How people actually type: normalisation and routing found by the blind-written fresh question sets.

The questions here are the lead's spot checks and the words the fresh dev set showed missing; none is
a line of bench/data/ask_fresh_test.jsonl.
"""

from __future__ import annotations

import pytest

from xiezhi.ask.engine import decide, rank
from xiezhi.text.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 黑 (overdue records) and 花 (too many inquiries) stay different troubles.
        ("征信黑了多久能恢复", "征信不良记录多久能恢复"),
        ("征信花了多久能恢复", "征信查询记录多多久能恢复"),
        # Being sued is not the same as suing, and not yet sued is neither.
        ("我被起诉了怎么办", "我被起诉了怎么办"),
        ("网贷把我告了", "网贷被起诉"),
        ("还没被起诉会被列失信吗", "未起诉会被列失信吗"),
        # Dialect: northern and Cantonese.
        ("俺家娃借了网贷", "孩子借了网贷"),
        ("我借咗网贷还唔到", "我借了网贷还不上"),
        ("催收话要去我屋企搵我", "催收话要去我家找我"),
        # Asking for a sum or a verdict.
        ("帮我算算这个贷款合法不", "计算这个贷款合法"),
        ("建行快贷逾期", "银行快贷逾期"),
    ],
)
def test_everyday_wording_normalises(raw: str, expected: str) -> None:
    assert normalize(raw) == expected
    assert normalize(expected) == expected


def test_dropping_a_sound_alike_does_not_eat_everyday_words() -> None:
    # 烦死了 is annoyance, not a death (去世 must not come out of 死了).
    assert "去世" not in normalize("家里人被催收电话烦死了")
    assert "去世" in normalize("我爸过世了 他的网贷要还吗")


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("征信黑了多久能恢复", "negative-record-five-years"),
        ("征信花了多久能恢复", "too-many-inquiries"),
        ("我被起诉了怎么办，传票来了", "litigation-being-sued"),
        ("帮我算算这个贷款合法不", "how-to-compute-real-rate"),
    ],
)
def test_spot_checks_route_to_the_right_card(question: str, card: str) -> None:
    r = rank(question)
    assert r.card_ids[0] == card
    assert decide(r)


@pytest.mark.parametrize(
    "question",
    [
        "房贷100万30年等额本息每个月还多少",
        "信用卡积分快过期了能换点啥",
        "朋友借了我五千块一直不还 我怎么起诉他",
    ],
)
def test_near_domain_questions_are_declined(question: str) -> None:
    assert not decide(rank(question))


def test_debt_trouble_on_a_mortgage_still_answers() -> None:
    # The mortgage weight in domain.yaml must not push out a question that is about overdue debt.
    assert decide(rank("房贷逾期三个月了，银行会起诉我吗"))
